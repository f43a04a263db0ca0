//! The second lens on the portfolio: the growth-share (BCG) matrix.

use std::ops::RangeInclusive;

use serde::{Deserialize, Deserializer, Serialize};

use crate::support::decimal::{parse_decimal, shortest};
use crate::support::json;

/// Optional market figures for one account.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MarketPosition {
    /// Yearly growth of the client's market, in percent.
    #[serde(default, deserialize_with = "growth_rate")]
    pub growth_pct: Option<f64>,
    /// Relative market share: the client's share divided by its largest competitor's
    /// (1.0 = as large as the leader).
    #[serde(default, deserialize_with = "share")]
    pub relative_share: Option<f64>,
}

/// A stored growth rate, [`json::number_within`] the rates the form takes.
fn growth_rate<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    json::number_within(d, GROWTH_RATES)
}

/// A stored relative share, [`json::number_within`] the shares the form takes.
fn share<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    json::number_within(d, SHARES)
}

/// Where "high" begins on each BCG axis. On the line counts as high: these are market
/// figures, not 1-5 ratings, so no middle rating lands there by default as it does on the
/// main matrix, where the line counts as low.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct BcgThresholds {
    pub growth_pct: f64,
    pub relative_share: f64,
}

impl Default for BcgThresholds {
    fn default() -> Self {
        Self {
            growth_pct: 10.0,
            relative_share: 1.0,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BcgCategory {
    Star,
    CashCow,
    QuestionMark,
    Dog,
}

impl BcgCategory {
    pub const ALL: [BcgCategory; 4] = [
        BcgCategory::Star,
        BcgCategory::QuestionMark,
        BcgCategory::CashCow,
        BcgCategory::Dog,
    ];

    pub fn title(self) -> &'static str {
        match self {
            BcgCategory::Star => "Star",
            BcgCategory::CashCow => "Cash cow",
            BcgCategory::QuestionMark => "Question mark",
            BcgCategory::Dog => "Dog",
        }
    }

    pub fn guidance(self) -> &'static str {
        match self {
            BcgCategory::Star => {
                "Growing fast and leading its market: give it your most experienced account \
                 managers and keep investing."
            }
            BcgCategory::CashCow => {
                "A strong position in a mature market: keep an experienced account manager on it \
                 and protect the relationship."
            }
            BcgCategory::QuestionMark => {
                "A growing market where the client is not yet a leader: study it, then either \
                 invest to grow with it or give it less priority."
            }
            BcgCategory::Dog => {
                "Slow growth and a small share: serve it with minimal resources, or automate \
                 the service."
            }
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            BcgCategory::Star => "star",
            BcgCategory::CashCow => "cash-cow",
            BcgCategory::QuestionMark => "question-mark",
            BcgCategory::Dog => "dog",
        }
    }
}

/// The figures the account form accepts, for reading them back: a market cannot shrink by
/// more than all of it, and a share is not negative. The form wants figures below the upper
/// end; reading includes it, as a figure just below can read back as exactly it.
pub const GROWTH_RATES: RangeInclusive<f64> = -100.0..=MAX_FIGURE;
pub const SHARES: RangeInclusive<f64> = 0.0..=MAX_FIGURE;
const MAX_FIGURE: f64 = 1e6;

/// Reads a typed market figure: empty is unknown; `min` is the smallest value allowed.
pub fn parse_figure(text: &str, min: f64) -> Result<Option<f64>, String> {
    let text = text.trim().trim_end_matches('%').trim();
    if text.is_empty() {
        return Ok(None);
    }
    if text.contains(',') {
        return Err(
            "Use a dot for decimals and no thousands separators, such as 12.5.".to_string(),
        );
    }
    match parse_decimal(text) {
        Some(v) if v >= min && v.abs() < 1e6 => Ok(Some(v)),
        Some(v) if v < min => Err(format!("Enter a number of at least {}.", shortest(min))),
        _ => Err("Enter a number, such as 12.5.".to_string()),
    }
}

/// The BCG category, or `None` until both figures are known.
pub fn categorize(market: MarketPosition, t: BcgThresholds) -> Option<BcgCategory> {
    let high_growth = market.growth_pct? >= t.growth_pct;
    let high_share = market.relative_share? >= t.relative_share;
    Some(match (high_growth, high_share) {
        (true, true) => BcgCategory::Star,
        (false, true) => BcgCategory::CashCow,
        (true, false) => BcgCategory::QuestionMark,
        (false, false) => BcgCategory::Dog,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(growth: f64, share: f64) -> MarketPosition {
        MarketPosition {
            growth_pct: Some(growth),
            relative_share: Some(share),
        }
    }

    #[test]
    fn categories_follow_growth_and_share() {
        let t = BcgThresholds::default();
        assert_eq!(categorize(m(15.0, 1.5), t), Some(BcgCategory::Star));
        assert_eq!(categorize(m(2.0, 1.5), t), Some(BcgCategory::CashCow));
        assert_eq!(categorize(m(15.0, 0.4), t), Some(BcgCategory::QuestionMark));
        assert_eq!(categorize(m(2.0, 0.4), t), Some(BcgCategory::Dog));
        assert_eq!(categorize(m(10.0, 1.0), t), Some(BcgCategory::Star));
    }

    #[test]
    fn a_stored_figure_the_form_would_refuse_reads_as_not_known() {
        let read = |text: &str| crate::support::json::read::<MarketPosition>(text).unwrap();
        assert_eq!(
            read(r#"{"growth_pct":-100,"relative_share":0}"#),
            m(-100.0, 0.0)
        );
        let shrank_past_nothing = read(r#"{"growth_pct":-150,"relative_share":1}"#);
        assert_eq!(shrank_past_nothing.growth_pct, None);
        assert_eq!(shrank_past_nothing.relative_share, Some(1.0));
        assert_eq!(
            read(r#"{"growth_pct":5,"relative_share":-1}"#).relative_share,
            None
        );
    }

    #[test]
    fn figures_are_parsed_with_limits() {
        assert_eq!(parse_figure("", 0.0), Ok(None));
        assert_eq!(parse_figure(" 12.5 % ", -100.0), Ok(Some(12.5)));
        assert!(
            parse_figure("12,5", -100.0).is_err(),
            "a comma is ambiguous: refused"
        );
        assert_eq!(parse_figure("-3", -100.0), Ok(Some(-3.0)));
        assert!(parse_figure("-0.5", 0.0).is_err());
        assert!(parse_figure("lots", 0.0).is_err());
    }

    #[test]
    fn missing_figures_give_no_category() {
        let t = BcgThresholds::default();
        assert_eq!(categorize(MarketPosition::default(), t), None);
        let half = MarketPosition {
            growth_pct: Some(5.0),
            relative_share: None,
        };
        assert_eq!(categorize(half, t), None);
    }
}
