//! What the user can configure once for the whole portfolio, and how each part goes back to
//! its defaults.

use serde::{de::Error, Deserialize, Deserializer, Serialize};

use super::accounts::format_grouped;
use super::bcg::BcgThresholds;
use super::guidance::{FirmSize, DEFAULT_RATING_STALE_DAYS};
use super::quadrant::Thresholds;
use super::rating::Weights;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// ISO 4217 code of the currency revenue is entered in.
    pub currency: String,
    pub weights: Weights,
    pub thresholds: Thresholds,
    pub bcg: BcgThresholds,
    /// Days after its last review when a plan is flagged as stale.
    pub plan_stale_days: u32,
    /// When all data was last exported as a backup, if ever. A fact about the user's data,
    /// not a preference: resetting settings keeps it.
    pub last_backup_at: Option<String>,
    /// Light or dark colours. Added without a new schema version: documents written before it
    /// load with the default, and older builds ignore it (and so drop it if they save).
    pub theme: Theme,
    /// How big the firm is, for how many key accounts it can carry. Added without a new
    /// schema version, like the theme: older documents read with the default.
    pub firm_size: FirmSize,
    /// Days after their last review when an account's ratings are flagged as old. Added
    /// without a new schema version, like the theme.
    #[serde(deserialize_with = "stale_days")]
    pub rating_stale_days: u32,
    /// Who the user's firm is, as invitations, shared views and printouts show it. Like the
    /// backup date, a fact about the user rather than a preference: resetting keeps it.
    pub firm: FirmProfile,
}

/// A stored number of days from 1 to 3650 (ten years).
fn stale_days<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let days = u64::deserialize(d)?;
    if (1..=3650).contains(&days) {
        return Ok(days as u32);
    }
    Err(D::Error::custom(format!(
        "expected a whole number from 1 to 3650, found {days}"
    )))
}

/// The firm's name, contact address and logo, as others see them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FirmProfile {
    pub name: String,
    /// Where prospects may send their result (an e-mail address); may be empty.
    pub contact: String,
    /// A small image as a `data:` URL, kept in the browser like everything else.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
}

/// The picture types a logo may be: what every browser shows in an `<img>`.
pub const LOGO_TYPES: [&str; 5] = [
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "image/svg+xml",
];

/// The largest logo file kept, in bytes: stored in the browser beside all the data, and a
/// logo shows at a few dozen pixels high.
pub const MAX_LOGO_BYTES: usize = 100 * 1024;

/// Why a file cannot be the firm's logo, in words for the person who chose it; `None` when
/// it can.
pub fn logo_problem(mime: &str, bytes: usize) -> Option<String> {
    if !LOGO_TYPES.contains(&mime) {
        return Some(
            "That file is not a picture Account Grader can use as a logo. Choose a PNG, JPEG, GIF, WebP or SVG image."
                .into(),
        );
    }
    (bytes > MAX_LOGO_BYTES).then(|| {
        format!(
            "That picture is {} KB; a logo may be at most {} KB. Save a smaller version (a few hundred pixels wide is plenty) and choose it again.",
            bytes.div_ceil(1024),
            MAX_LOGO_BYTES / 1024
        )
    })
}

/// Whether `url` is a base64 `data:` URL of one of the [`LOGO_TYPES`], and nothing else: a
/// logo read from a link or a file is shown only if it is.
pub fn is_image_data_url(url: &str) -> bool {
    LOGO_TYPES.iter().any(|t| {
        url.strip_prefix("data:")
            .and_then(|rest| rest.strip_prefix(t))
            .and_then(|rest| rest.strip_prefix(";base64,"))
            .is_some_and(|data| {
                !data.is_empty()
                    && data
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
            })
    })
}

/// Light or dark colours: the system's choice unless the user picked one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    /// The stored name, also used as a form value.
    pub fn key(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn from_key(key: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "Match the system",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
        }
    }

    /// The label where space is short, as in the header.
    pub fn short_label(self) -> &'static str {
        match self {
            Theme::System => "System",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
        }
    }

    /// The page's `data-theme` value; none when the system decides.
    pub fn attribute(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }
}

/// A part of the settings screen that can be reset to its defaults on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SettingsSection {
    Theme,
    Currency,
    Thresholds,
    Weights,
    Bcg,
    Plans,
    /// Firm size and how long ratings stay current.
    Firm,
}

impl SettingsSection {
    pub const ALL: [SettingsSection; 7] = [
        SettingsSection::Theme,
        SettingsSection::Currency,
        SettingsSection::Thresholds,
        SettingsSection::Weights,
        SettingsSection::Bcg,
        SettingsSection::Plans,
        SettingsSection::Firm,
    ];

    /// What the section holds, as it starts a sentence.
    pub fn name(self) -> &'static str {
        match self {
            SettingsSection::Theme => "Theme",
            SettingsSection::Currency => "Currency",
            SettingsSection::Thresholds => "Matrix thresholds",
            SettingsSection::Weights => "Criterion weights",
            SettingsSection::Bcg => "Growth-share thresholds",
            SettingsSection::Plans => "Plan review period",
            SettingsSection::Firm => "Firm size and rating review period",
        }
    }
}

impl Settings {
    /// True when this part of the settings has its default values.
    pub fn is_default(&self, section: SettingsSection) -> bool {
        let d = Settings::default();
        match section {
            SettingsSection::Theme => self.theme == d.theme,
            SettingsSection::Currency => self.currency == d.currency,
            SettingsSection::Thresholds => self.thresholds == d.thresholds,
            SettingsSection::Weights => self.weights == d.weights,
            SettingsSection::Bcg => self.bcg == d.bcg,
            SettingsSection::Plans => self.plan_stale_days == d.plan_stale_days,
            SettingsSection::Firm => {
                self.firm_size == d.firm_size && self.rating_stale_days == d.rating_stale_days
            }
        }
    }

    /// Puts one part of the settings, or all of them with `None`, back to the defaults.
    pub fn reset(&mut self, section: Option<SettingsSection>) {
        let d = Settings::default();
        let sections = match section {
            Some(one) => vec![one],
            None => SettingsSection::ALL.to_vec(),
        };
        for section in sections {
            match section {
                SettingsSection::Theme => self.theme = d.theme,
                SettingsSection::Currency => self.currency = d.currency.clone(),
                SettingsSection::Thresholds => self.thresholds = d.thresholds,
                SettingsSection::Weights => self.weights = d.weights.clone(),
                SettingsSection::Bcg => self.bcg = d.bcg,
                SettingsSection::Plans => self.plan_stale_days = d.plan_stale_days,
                SettingsSection::Firm => {
                    self.firm_size = d.firm_size;
                    self.rating_stale_days = d.rating_stale_days;
                }
            }
        }
    }

    /// True when resetting `section` (or everything, with `None`) would change nothing.
    pub fn is_reset(&self, section: Option<SettingsSection>) -> bool {
        match section {
            Some(one) => self.is_default(one),
            None => SettingsSection::ALL.iter().all(|&s| self.is_default(s)),
        }
    }
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
            theme: Theme::default(),
            firm_size: FirmSize::default(),
            rating_stale_days: DEFAULT_RATING_STALE_DAYS,
            firm: FirmProfile::default(),
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
    use crate::domain::rating::CriterionId;

    #[test]
    fn money_reads_naturally() {
        assert_eq!(format_money(1_250_000.0, "USD"), "$1,250,000");
        assert_eq!(format_money(980.0, "CHF"), "CHF 980");
        assert_eq!(format_money(5.0, "XYZ"), "XYZ 5");
    }

    #[test]
    fn settings_stored_before_the_theme_existed_follow_the_system() {
        let old = r#"{"currency":"EUR","plan_stale_days":30,"last_backup_at":"2026-11-01T10:00:00.000Z"}"#;
        let s: Settings = crate::support::json::read(old).unwrap();
        assert_eq!(s.theme, Theme::System);
        assert_eq!(s.currency, "EUR");
        assert_eq!(s.plan_stale_days, 30);
        assert_eq!(s.firm_size, FirmSize::Small);
        assert_eq!(s.rating_stale_days, DEFAULT_RATING_STALE_DAYS);
    }

    #[test]
    fn firm_size_and_rating_review_period_are_stored_and_read_back() {
        let s = Settings {
            firm_size: FirmSize::Clients(240),
            rating_stale_days: 45,
            ..Settings::default()
        };
        let json = serde_json::to_string(&s).unwrap();
        assert!(json.contains(r#""firm_size":240"#), "{json}");
        assert_eq!(crate::support::json::read::<Settings>(&json).unwrap(), s);
    }

    #[test]
    fn the_theme_is_stored_by_name_and_read_back() {
        for theme in Theme::ALL {
            let s = Settings {
                theme,
                ..Settings::default()
            };
            let json = serde_json::to_string(&s).unwrap();
            assert!(json.contains(&format!(r#""theme":"{}""#, theme.key())));
            assert_eq!(crate::support::json::read::<Settings>(&json).unwrap(), s);
            assert_eq!(Theme::from_key(theme.key()), Some(theme));
        }
        assert_eq!(Theme::System.attribute(), None);
        assert_eq!(Theme::Dark.attribute(), Some("dark"));
    }

    #[test]
    fn each_section_resets_alone_and_all_keep_the_backup_date() {
        let changed = Settings {
            currency: "EUR".into(),
            thresholds: Thresholds {
                relationship: 60,
                potential: 40,
            },
            weights: {
                let mut w = Weights::default();
                w.set(CriterionId::NeedsFit, 3);
                w
            },
            bcg: BcgThresholds {
                growth_pct: 5.0,
                relative_share: 2.0,
            },
            plan_stale_days: 30,
            last_backup_at: Some("2026-11-01T10:00:00.000Z".into()),
            theme: Theme::Dark,
            firm_size: FirmSize::Large,
            rating_stale_days: 30,
            firm: FirmProfile {
                name: "Brightline".into(),
                contact: "hello@brightline.example".into(),
                logo: None,
            },
        };
        for section in SettingsSection::ALL {
            assert!(!changed.is_default(section), "{section:?}");
            let mut s = changed.clone();
            s.reset(Some(section));
            assert!(s.is_reset(Some(section)));
            // Only that section changed.
            for other in SettingsSection::ALL.into_iter().filter(|&o| o != section) {
                assert!(!s.is_default(other), "{section:?} reset {other:?}");
            }
        }
        let mut s = changed.clone();
        assert!(!s.is_reset(None));
        s.reset(None);
        assert!(s.is_reset(None));
        assert_eq!(
            s,
            Settings {
                last_backup_at: changed.last_backup_at,
                firm: changed.firm.clone(),
                ..Settings::default()
            }
        );
    }

    #[test]
    fn only_small_pictures_make_a_logo() {
        use super::{is_image_data_url, logo_problem, MAX_LOGO_BYTES};
        assert_eq!(logo_problem("image/png", 2_000), None);
        assert_eq!(logo_problem("image/svg+xml", MAX_LOGO_BYTES), None);
        assert!(logo_problem("image/png", MAX_LOGO_BYTES + 1)
            .unwrap()
            .contains("at most 100 KB"));
        assert!(logo_problem("application/pdf", 10)
            .unwrap()
            .contains("not a picture"));
        assert!(is_image_data_url("data:image/png;base64,iVBORw0KGgo="));
        assert!(!is_image_data_url("data:image/png;base64,"));
        assert!(!is_image_data_url("data:text/html;base64,PGI+"));
        assert!(!is_image_data_url("data:image/png;base64,a\"onerror=x"));
        assert!(!is_image_data_url("https://example.com/logo.png"));
    }
}
