//! What the user can configure once for the whole portfolio.

use serde::{Deserialize, Serialize};

use super::accounts::format_grouped;
use super::bcg::BcgThresholds;
use super::quadrant::Thresholds;
use super::rating::Weights;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// ISO 4217 code of the currency revenue is entered in.
    #[serde(default = "default_currency")]
    pub currency: String,
    #[serde(default)]
    pub weights: Weights,
    #[serde(default)]
    pub thresholds: Thresholds,
    #[serde(default)]
    pub bcg: BcgThresholds,
    /// Days after its last review when a plan is flagged as stale.
    #[serde(default = "default_stale_days")]
    pub plan_stale_days: u32,
    /// When all data was last exported as a backup, if ever.
    #[serde(default)]
    pub last_backup_at: Option<String>,
}

fn default_stale_days() -> u32 {
    super::plans::DEFAULT_STALE_DAYS
}

fn default_currency() -> String {
    "USD".into()
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            currency: default_currency(),
            weights: Weights::default(),
            thresholds: Thresholds::default(),
            bcg: BcgThresholds::default(),
            plan_stale_days: default_stale_days(),
            last_backup_at: None,
        }
    }
}

/// Currencies offered in settings: code, symbol placed before the amount.
pub const CURRENCIES: [(&str, &str); 10] = [
    ("USD", "$"),
    ("EUR", "€"),
    ("GBP", "£"),
    ("CAD", "CA$"),
    ("AUD", "A$"),
    ("CHF", "CHF "),
    ("JPY", "¥"),
    ("INR", "₹"),
    ("SEK", "SEK "),
    ("NZD", "NZ$"),
];

/// An amount with the currency's symbol and thousands separators: `$1,250,000`.
pub fn format_money(amount: f64, currency: &str) -> String {
    let symbol = CURRENCIES
        .iter()
        .find(|(code, _)| *code == currency)
        .map(|(_, s)| s.to_string())
        .unwrap_or_else(|| format!("{currency} "));
    format!("{symbol}{}", format_grouped(amount))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_reads_naturally() {
        assert_eq!(format_money(1_250_000.0, "USD"), "$1,250,000");
        assert_eq!(format_money(980.0, "CHF"), "CHF 980");
        assert_eq!(format_money(5.0, "XYZ"), "XYZ 5");
    }
}
