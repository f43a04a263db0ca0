//! Client accounts: what is kept about each one, and validating the account form.

use std::ops::RangeInclusive;

use serde::{Deserialize, Deserializer, Serialize};

use super::bcg::MarketPosition;
use super::rating::{position, Position, Ratings, Weights};
use crate::support::decimal::{fixed, parse_decimal};
use crate::support::json;

/// Identifies an account; drawn from the same never-reused counter as assessments.
pub type AccountId = u64;

/// A simple A-B-C profile of how much attention an account gets.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Tier {
    A,
    B,
    #[default]
    C,
}

impl Tier {
    pub const ALL: [Tier; 3] = [Tier::A, Tier::B, Tier::C];

    pub fn letter(self) -> &'static str {
        match self {
            Tier::A => "A",
            Tier::B => "B",
            Tier::C => "C",
        }
    }

    pub fn from_letter(s: &str) -> Option<Tier> {
        Tier::ALL.into_iter().find(|t| t.letter() == s)
    }
}

/// One client account. Only the id, the name and the timestamps are required; any other
/// field an older version did not write reads as its default.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub id: AccountId,
    pub name: String,
    #[serde(default)]
    pub industry: String,
    #[serde(default)]
    pub manager: String,
    /// Annual revenue in the currency chosen in settings; `None` when not known.
    #[serde(default, deserialize_with = "amount")]
    pub revenue: Option<f64>,
    #[serde(default)]
    pub tier: Tier,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub ratings: Ratings,
    /// Optional figures for the BCG lens.
    #[serde(default)]
    pub market: MarketPosition,
    /// RFC 3339 timestamps.
    pub created_at: String,
    pub updated_at: String,
    /// When the ratings were last changed, if ever.
    #[serde(default)]
    pub reviewed_at: Option<String>,
    /// Part of the invented demo portfolio, which can be removed in one go.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub demo: bool,
    /// Set on a copy saved from someone's account link: which account it copies, so a newer
    /// link for the same account offers to update this copy rather than add a second one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copied_from: Option<CopySource>,
}

/// An amount of money or hours as stored: [`json::number_within`] the amounts the forms take.
pub(crate) fn amount<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    json::number_within(d, AMOUNTS)
}

/// The sender's account a copy came from, and how recent the copied version is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CopySource {
    /// Names the sender's account across links (the link builds it; opaque here).
    pub key: String,
    /// When the sender last changed what the copied link carried (RFC 3339).
    pub updated_at: String,
    /// When this copy was last saved or updated from a link (RFC 3339), so changes made to
    /// the copy after it can be told from the sender's. Empty in links, and in copies kept
    /// before it was recorded.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub copied_at: String,
}

impl Account {
    pub fn position(&self, weights: &Weights) -> Option<Position> {
        position(&self.ratings, weights)
    }
}

/// The account form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AccountForm {
    pub name: String,
    pub industry: String,
    pub manager: String,
    pub revenue: String,
    pub tier: Tier,
    pub notes: String,
}

/// The form's fields, to place each problem next to its field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Name,
    Revenue,
}

/// A form that passed validation: trimmed text and a parsed revenue.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidAccount {
    pub name: String,
    pub industry: String,
    pub manager: String,
    pub revenue: Option<f64>,
    pub tier: Tier,
    pub notes: String,
}

pub const MAX_NAME: usize = 120;

impl AccountForm {
    pub fn from_account(a: &Account) -> Self {
        Self {
            name: a.name.clone(),
            industry: a.industry.clone(),
            manager: a.manager.clone(),
            revenue: a.revenue.map(format_plain).unwrap_or_default(),
            tier: a.tier,
            notes: a.notes.clone(),
        }
    }

    /// Checks the form against the other accounts. `editing` is the account being changed,
    /// so it does not collide with its own name.
    pub fn validate(
        &self,
        others: &[Account],
        editing: Option<AccountId>,
    ) -> Result<ValidAccount, Vec<(Field, String)>> {
        let mut problems = Vec::new();
        let name = self.name.trim();
        if name.is_empty() {
            problems.push((Field::Name, "Enter the account's name.".to_string()));
        } else if name.chars().count() > MAX_NAME {
            problems.push((
                Field::Name,
                format!("Keep the name to {MAX_NAME} characters or fewer."),
            ));
        } else if others
            .iter()
            .any(|a| Some(a.id) != editing && same_name(&a.name, name))
        {
            problems.push((
                Field::Name,
                format!("There is already an account called \"{name}\"."),
            ));
        }
        let revenue = match parse_revenue(&self.revenue) {
            Ok(r) => r,
            Err(why) => {
                problems.push((Field::Revenue, why));
                None
            }
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(ValidAccount {
            name: name.to_string(),
            industry: self.industry.trim().to_string(),
            manager: self.manager.trim().to_string(),
            revenue,
            tier: self.tier,
            notes: self.notes.trim().to_string(),
        })
    }
}

/// The one rule for when two account names are the same, used by the account form, by
/// imports and by links: case and surrounding or repeated spaces do not count. Equal keys
/// mean the same name, so a set or map of keys finds a name among thousands at once.
pub fn name_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(word);
    }
    key.to_lowercase()
}

/// Whether two names are the same by [`name_key`]'s rule.
pub fn same_name(a: &str, b: &str) -> bool {
    name_key(a) == name_key(b)
}

/// Revenue and budget figures must be below this (a thousand trillion): larger ones are
/// typing mistakes, and would lose their cents in an `f64`.
pub const MAX_AMOUNT: f64 = 1e15;
/// The amounts the forms accept, for reading them back from storage, a file or a link. The
/// upper end is included: a figure just below it can read back as exactly it.
pub const AMOUNTS: RangeInclusive<f64> = 0.0..=MAX_AMOUNT;

/// Which mark separates decimals in a typed amount: `1,234.56` or `1.234,56`. The other
/// mark, like `'` and spaces, can only group thousands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DecimalMark {
    #[default]
    Point,
    Comma,
}

impl DecimalMark {
    fn char(self) -> char {
        match self {
            DecimalMark::Point => '.',
            DecimalMark::Comma => ',',
        }
    }

    fn grouping(self) -> [char; 5] {
        let other = match self {
            DecimalMark::Point => ',',
            DecimalMark::Comma => '.',
        };
        [other, '\'', ' ', '\u{a0}', '\u{202f}']
    }
}

/// Reads a revenue figure as the account form takes it, with a dot for decimals. Empty means
/// unknown. See [`parse_amount`] for what is accepted.
///
/// The form has no choice of decimal mark, so it reads a decimal point first, and a decimal
/// comma only where the text itself shows one (`€1.200.000,50`, `12,5`) and cannot be read
/// the other way. `250.000` stays refused: either reading is possible, a thousand apart.
pub fn parse_revenue(text: &str) -> Result<Option<f64>, String> {
    parse_amount(text, DecimalMark::Point).or_else(|point_error| {
        if text.contains(',') {
            parse_amount(text, DecimalMark::Comma).map_err(|_| point_error)
        } else {
            Err(point_error)
        }
    })
}

/// Currency signs and codes people put before or after a figure; they say nothing about its
/// size, and the currency is set once in settings.
const CURRENCY_SIGNS: [&str; 12] = [
    "US$", "$", "€", "£", "¥", "₹", "USD", "EUR", "GBP", "CHF", "CAD", "AUD",
];

/// Reads an amount as people type it: `1,250,000`, `$1,200,000`, `1 200 000`, `1.2M`, `250k`,
/// `€1.200.000,50` (with [`DecimalMark::Comma`]). Digits may be grouped in threes by the mark
/// that is not the decimal one, `'` or spaces; a decimal part has one or two digits, or any
/// number before a `k`, `M` or `bn`. Anything else is refused rather than guessed at: in
/// `250.000` the dot could be either mark, and a wrong guess is off by a thousand, so the
/// caller says which mark is decimal.
pub fn parse_amount(text: &str, mark: DecimalMark) -> Result<Option<f64>, String> {
    let mut text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if text.starts_with('-') || (text.starts_with('(') && text.ends_with(')')) {
        return Err("Revenue cannot be negative.".to_string());
    }
    let plain = match mark {
        DecimalMark::Point => {
            "Enter revenue as a plain number, such as 250000, 1,250,000.50 or 1.2M \
                               (a dot for decimals)."
                .to_string()
        }
        DecimalMark::Comma => {
            "Enter revenue as a plain number, such as 250000, 1.250.000,50 or 1,2M \
                               (a comma for decimals)."
                .to_string()
        }
    };
    // A sign or code at either end, with or without a space.
    for sign in CURRENCY_SIGNS {
        if let Some(rest) = text.strip_prefix(sign) {
            text = rest.trim_start();
        }
        if let Some(rest) = text.strip_suffix(sign) {
            text = rest.trim_end();
        }
    }
    if text.starts_with('-') {
        return Err("Revenue cannot be negative.".to_string());
    }
    // Scale words, longest first so that `mm` is not read as `m`.
    let mut zeros = 0usize;
    for (suffix, z) in [
        ("bn", 9),
        ("mm", 6),
        ("MM", 6),
        ("k", 3),
        ("K", 3),
        ("m", 6),
        ("M", 6),
        ("B", 9),
    ] {
        if let Some(rest) = text.strip_suffix(suffix) {
            if rest.ends_with(|c: char| c.is_ascii_digit() || c == ' ') {
                text = rest.trim_end();
                zeros = z;
                break;
            }
        }
    }
    let (whole, decimals) = match text.rsplit_once(mark.char()) {
        Some((w, d))
            if !d.is_empty()
                && d.chars().all(|c| c.is_ascii_digit())
                && (d.len() <= 2 || (zeros > 0 && d.len() <= zeros)) =>
        {
            (w, d)
        }
        Some(_) => return Err(plain),
        None => (text, ""),
    };
    let groups: Vec<&str> = whole.split(mark.grouping()).collect();
    // With a scale word, a grouping mark is far more likely a decimal mark of the other
    // convention ("1,250M" meant as 1.25 million) than thousands in millions: refused
    // rather than read a thousandfold.
    if zeros > 0 && groups.len() > 1 {
        return Err(plain);
    }
    let grouped_well = groups
        .iter()
        .all(|g| !g.is_empty() && g.chars().all(|d| d.is_ascii_digit()))
        && groups.iter().skip(1).all(|g| g.len() == 3)
        && (groups.len() == 1 || groups[0].len() <= 3);
    if !grouped_well {
        return Err(plain);
    }
    // The scale moves the decimal point in the text, so `1.2M` is exactly 1200000.
    let mut digits = groups.concat();
    digits.push_str(decimals);
    let point = digits.len() - decimals.len() + zeros;
    while digits.len() < point {
        digits.push('0');
    }
    let number = format!("{}.{}0", &digits[..point], &digits[point..]);
    match parse_decimal(&number) {
        Some(v) if v < MAX_AMOUNT => Ok(Some(v)),
        _ => Err("That revenue is too large.".to_string()),
    }
}

/// A number without grouping, as the form shows it for editing.
pub fn format_plain(v: f64) -> String {
    if v.fract() == 0.0 {
        fixed(v, 0)
    } else {
        fixed(v, 2)
    }
}

/// A number with thousands separators, as lists show it: `1234567` → `1,234,567`.
pub fn format_grouped(v: f64) -> String {
    let whole = fixed(v.abs(), 0);
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if v < 0.0 {
        out.insert(0, '-');
    }
    out
}

impl Account {
    /// An account of defaults only, to fill in field by field.
    pub(crate) fn blank() -> Account {
        Account {
            id: 0,
            name: String::new(),
            industry: String::new(),
            manager: String::new(),
            revenue: None,
            tier: Tier::default(),
            notes: String::new(),
            ratings: Ratings::default(),
            market: MarketPosition::default(),
            created_at: String::new(),
            updated_at: String::new(),
            reviewed_at: None,
            demo: false,
            copied_from: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(id: AccountId, name: &str) -> Account {
        Account {
            id,
            name: name.into(),
            tier: Tier::B,
            ..Account::blank()
        }
    }

    fn form(name: &str, revenue: &str) -> AccountForm {
        AccountForm {
            name: name.into(),
            revenue: revenue.into(),
            ..AccountForm::default()
        }
    }

    #[test]
    fn a_good_form_is_trimmed_and_parsed() {
        let v = form("  Acme Ltd ", "1,250,000")
            .validate(&[], None)
            .unwrap();
        assert_eq!(v.name, "Acme Ltd");
        assert_eq!(v.revenue, Some(1_250_000.0));
        assert_eq!(form("Acme", "").validate(&[], None).unwrap().revenue, None);
    }

    #[test]
    fn empty_and_duplicate_names_are_refused() {
        let others = [account(1, "Acme Ltd")];
        let err = form("   ", "").validate(&others, None).unwrap_err();
        assert_eq!(err[0].0, Field::Name);
        let err = form("acme  ltd", "").validate(&others, None).unwrap_err();
        assert!(err[0].1.contains("already"));
        // Editing an account may keep its own name.
        assert!(form("Acme Ltd", "").validate(&others, Some(1)).is_ok());
    }

    #[test]
    fn one_name_rule_ignores_case_and_spacing_only() {
        for (a, b) in [
            ("ACME ", "acme"),
            ("  Acme\tLtd", "acme ltd"),
            ("Beta", "beta"),
        ] {
            assert!(same_name(a, b), "{a:?} and {b:?}");
            assert_eq!(name_key(a), name_key(b));
        }
        for (a, b) in [("Acme", "Acme Ltd"), ("Acme", "Ac me"), ("Beta", "Béta")] {
            assert!(!same_name(a, b), "{a:?} and {b:?}");
        }
        // The form refuses exactly what the key says is taken.
        let others = [account(1, "Acme")];
        assert!(form("ACME ", "").validate(&others, None).is_err());
    }

    #[test]
    fn bad_revenue_is_refused_with_a_reason() {
        for bad in [
            "-5",
            "ten",
            "1.2.3",
            "12abc",
            "1e5",
            ".",
            "250.000",
            "1,2,3",
            "1,250.000",
            "12345,678",
        ] {
            let err = form("X", bad).validate(&[], None).unwrap_err();
            assert_eq!(err[0].0, Field::Revenue, "{bad} should be refused");
        }
        assert!(parse_revenue("-5").unwrap_err().contains("negative"));
        assert_eq!(parse_revenue("99 500.50"), Ok(Some(99_500.5)));
        assert_eq!(parse_revenue("1,250,000"), Ok(Some(1_250_000.0)));
        // A decimal comma the text itself shows, as in the spreadsheet import.
        assert_eq!(parse_revenue("€1.200.000,50"), Ok(Some(1_200_000.5)));
        assert_eq!(parse_revenue("1.234,56"), Ok(Some(1_234.56)));
        let typed = form("X", "€1.200.000,50").validate(&[], None).unwrap();
        assert_eq!(
            typed.revenue,
            Some(1_200_000.5),
            "the account form reads it too"
        );
        assert_eq!(parse_revenue("1'250'000.5"), Ok(Some(1_250_000.5)));
        assert_eq!(parse_revenue("250000"), Ok(Some(250_000.0)));
        assert!(parse_revenue("250.000")
            .unwrap_err()
            .contains("plain number"));
    }

    #[test]
    fn revenue_is_read_as_people_type_it() {
        for (text, value) in [
            ("$1,200,000", 1_200_000.0),
            ("$ 1,200,000.50", 1_200_000.5),
            ("1.2M", 1_200_000.0),
            ("1.25m", 1_250_000.0),
            ("250k", 250_000.0),
            ("2.5 bn", 2_500_000_000.0),
            ("1 200 000", 1_200_000.0),
            ("1\u{202f}200\u{202f}000", 1_200_000.0),
            ("EUR 900,000", 900_000.0),
            ("900000 USD", 900_000.0),
            ("£75", 75.0),
        ] {
            assert_eq!(parse_revenue(text), Ok(Some(value)), "{text}");
        }
        assert!(parse_revenue("-$5").unwrap_err().contains("negative"));
        assert!(parse_revenue("(5000)").unwrap_err().contains("negative"));
        for bad in ["1.2.3M", "M", "$", "1.2345M6", "250.000"] {
            assert!(parse_revenue(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn a_decimal_comma_is_read_only_when_chosen() {
        let comma = |t: &str| parse_amount(t, DecimalMark::Comma);
        assert_eq!(comma("€1.200.000,50"), Ok(Some(1_200_000.5)));
        assert_eq!(comma("1.234,56"), Ok(Some(1_234.56)));
        assert_eq!(comma("250.000"), Ok(Some(250_000.0)));
        assert_eq!(comma("1,2M"), Ok(Some(1_200_000.0)));
        assert_eq!(comma("1 200 000"), Ok(Some(1_200_000.0)));
        assert!(comma("1,250,000").is_err());
        // With a dot for decimals, the same text is refused rather than read a thousand off.
        assert!(parse_amount("€1.200.000,50", DecimalMark::Point).is_err());
        assert!(comma("12,345").unwrap_err().contains("comma for decimals"));
    }

    #[test]
    fn a_stored_revenue_the_form_would_refuse_reads_as_not_known() {
        let with = |revenue: &str| {
            crate::support::json::read::<Account>(&format!(
                r#"{{"id":1,"name":"Acme","revenue":{revenue},"created_at":"x","updated_at":"x"}}"#
            ))
            .map(|a| a.revenue)
        };
        assert_eq!(with("250000.5"), Ok(Some(250_000.5)));
        assert_eq!(with("null"), Ok(None));
        assert_eq!(with("0"), Ok(Some(0.0)));
        // A negative revenue once gave a dot of radius NaN on the matrix; the account itself
        // and the rest of the document still read.
        assert_eq!(with("-5"), Ok(None));
        assert_eq!(with("1e16"), Ok(None));
        // The largest figure the form takes reads back.
        let largest = parse_revenue("999999999999999").unwrap().unwrap();
        assert!(with(&format!("{largest}")).unwrap().is_some());
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let err = form("", "abc").validate(&[], None).unwrap_err();
        assert_eq!(err.len(), 2);
    }

    #[test]
    fn numbers_are_grouped_for_reading() {
        assert_eq!(format_grouped(1_234_567.0), "1,234,567");
        assert_eq!(format_grouped(999.0), "999");
        assert_eq!(format_grouped(0.0), "0");
        assert_eq!(format_plain(1500.0), "1500");
        assert_eq!(format_plain(1500.5), "1500.50");
    }

    #[test]
    fn a_scale_word_after_grouping_marks_is_refused_not_read_a_thousandfold() {
        for (text, mark) in [
            ("1,250M", DecimalMark::Point),
            ("1.234M", DecimalMark::Comma),
            ("1,250k", DecimalMark::Point),
        ] {
            assert!(parse_amount(text, mark).is_err(), "{text}");
        }
        assert_eq!(
            parse_amount("1,25M", DecimalMark::Comma),
            Ok(Some(1_250_000.0))
        );
        assert_eq!(
            parse_amount("1.25M", DecimalMark::Point),
            Ok(Some(1_250_000.0))
        );
    }
}
