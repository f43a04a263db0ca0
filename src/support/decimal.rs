//! Reading the plain decimal numbers people type into forms (`12.5`, `-3`, `0.25`), and
//! writing numbers back as text.
//!
//! Why not `str::parse::<f64>`: it takes what no one types into a form and the app should
//! not take (`1e5`, `inf`, `NaN`). These functions were first written to keep the
//! standard float code out of the wasm; that rule is dropped (serde_json reads stored numbers
//! with its own float parser now), and what stays is the narrower syntax and the rounding
//! below, which the forms and charts are tested against.
//!
//! Reading: a figure of up to 15 significant digits is read exactly as the standard parser
//! reads it: its digits form a whole number and 10^(decimals) a power of ten, both exact
//! floats, and one division of exact floats is correctly rounded. Up to 18 significant digits
//! are used; later decimals are dropped, and 16 to 18 digits may differ from the standard
//! parser in the last bit (less than one part in 10^15).
//!
//! Writing: `fixed` matches `{:.N}` except at halves. It rounds the decimal it sees half away
//! from zero, so 0.15 to one place is 0.2 and 0.125 to two places 0.13, where the standard
//! formatter, working on the exact binary value (0.1499… and 0.125), gives 0.1 and 0.12. It
//! writes no `-0.0`. `shortest` matches `{}` for every number a form can produce.

use std::fmt::Write;

/// The most significant digits read; they always fit a `u64`.
const MOST_DIGITS: usize = 18;
/// The most decimals written: 10^17 is still an exact float.
const MOST_DECIMALS: u32 = 17;

/// An optional sign, digits and at most one decimal point, with a digit on at least one
/// side of it. `None` for anything else, such as `1e3`, `1,5` or `inf`, and for whole parts
/// of more than 18 digits.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let (negative, unsigned) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let all_digits = whole
        .bytes()
        .chain(fraction.bytes())
        .all(|d| d.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !all_digits {
        return None;
    }
    let whole = whole.trim_start_matches('0');
    if whole.len() > MOST_DIGITS {
        return None;
    }
    let mut number = whole
        .bytes()
        .fold(0u64, |n, d| n * 10 + u64::from(d - b'0'));
    let mut significant = whole.len();
    let mut scale = 1.0;
    for d in fraction.bytes() {
        if significant == MOST_DIGITS {
            break;
        }
        number = number * 10 + u64::from(d - b'0');
        scale *= 10.0;
        if number > 0 {
            significant += 1;
        }
    }
    let value = number as f64 / scale;
    Some(if negative { -value } else { value })
}

/// `value` with exactly `decimals` decimals (at most 17): `fixed(2.345, 1)` is `2.3`.
pub fn fixed(value: f64, decimals: u32) -> String {
    let mut out = String::new();
    push_fixed(&mut out, value, decimals);
    out
}

/// `value` with at most `decimals` decimals and no trailing zeros: 12.5, 3, 0.25.
pub fn trimmed(value: f64, decimals: u32) -> String {
    let mut out = fixed(value, decimals);
    if out.contains('.') {
        out.truncate(out.trim_end_matches('0').trim_end_matches('.').len());
    }
    out
}

/// `value` with the fewest decimals that read back as the same number, as `{}` writes it:
/// 12.5, 3, 0.1 (not 0.1000000000000000055…). For fields that show a stored figure, so that
/// leaving a field untouched never changes what is stored.
pub fn shortest(value: f64) -> String {
    (0..MOST_DECIMALS)
        .map(|decimals| trimmed(value, decimals))
        .find(|text| parse_decimal(text) == Some(value))
        .unwrap_or_else(|| trimmed(value, MOST_DECIMALS))
}

/// Appends `value` with exactly `decimals` decimals, for markup written in bulk.
pub fn push_fixed(out: &mut String, value: f64, decimals: u32) {
    if !value.is_finite() {
        out.push_str(if value.is_nan() {
            "NaN"
        } else if value > 0.0 {
            "inf"
        } else {
            "-inf"
        });
        return;
    }
    let decimals = decimals.min(MOST_DECIMALS);
    let scale = (0..decimals).fold(1.0, |s, _| s * 10.0);
    let magnitude = value.abs();
    let mut whole = magnitude.trunc();
    // Exact: the fraction of a float is a float, and scaling it rounds once.
    let mut fraction = ((magnitude - whole) * scale).round();
    if fraction >= scale {
        fraction = 0.0;
        whole += 1.0;
    }
    if value < 0.0 && (whole > 0.0 || fraction > 0.0) {
        out.push('-');
    }
    push_whole(out, whole);
    if decimals > 0 {
        let _ = write!(
            out,
            ".{:0width$}",
            fraction as u64,
            width = decimals as usize
        );
    }
}

/// Appends the exact digits of a whole, non-negative float.
fn push_whole(out: &mut String, whole: f64) {
    const TWO_TO_64: f64 = 18_446_744_073_709_551_616.0;
    const LIMB: u64 = 1_000_000_000;
    if whole < TWO_TO_64 {
        let _ = write!(out, "{}", whole as u64);
        return;
    }
    // Beyond 2^64 the float is its 53-bit significand times a power of two: multiply that out
    // in base-10^9 limbs, least significant first.
    let bits = whole.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as u32 - 1075;
    let significand = (bits & ((1 << 52) - 1)) | (1 << 52);
    let mut limbs = vec![
        significand % LIMB,
        significand / LIMB % LIMB,
        significand / LIMB / LIMB,
    ];
    for _ in 0..exponent {
        let mut carry = 0;
        for limb in &mut limbs {
            let doubled = *limb * 2 + carry;
            *limb = doubled % LIMB;
            carry = doubled / LIMB;
        }
        if carry > 0 {
            limbs.push(carry);
        }
    }
    while limbs.len() > 1 && limbs.last() == Some(&0) {
        limbs.pop();
    }
    let mut limbs = limbs.iter().rev();
    if let Some(top) = limbs.next() {
        let _ = write!(out, "{top}");
    }
    for limb in limbs {
        let _ = write!(out, "{limb:09}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_people_type_exactly_as_the_standard_parser_does() {
        for text in [
            "0",
            "12",
            "12.5",
            "-3",
            "+4",
            "0.1",
            "0.25",
            ".5",
            "5.",
            "99500.50",
            "1234567.891",
            "-0.003",
            "999999999999999999",
            "0.00000000000000001",
            "3.14159265358979",
        ] {
            assert_eq!(
                parse_decimal(text),
                Some(text.parse::<f64>().unwrap()),
                "{text}"
            );
        }
    }

    #[test]
    fn refuses_anything_else() {
        for text in [
            "",
            "-",
            "+",
            ".",
            "1e3",
            "1,5",
            "1.2.3",
            "inf",
            "NaN",
            " 1",
            "1 ",
            "--1",
            "12%",
            "1234567890123456789",
            "١٢",
        ] {
            assert_eq!(parse_decimal(text), None, "{text:?}");
        }
    }

    #[test]
    fn ignores_leading_zeros_and_decimals_past_the_eighteenth_digit() {
        assert_eq!(parse_decimal("0000000000000000000001"), Some(1.0));
        assert_eq!(parse_decimal("007.50"), Some(7.5));
        let third = parse_decimal("0.33333333333333333333333").unwrap();
        assert!((third - 1.0 / 3.0).abs() < 1e-17);
        assert_eq!(parse_decimal("1234567890123456789"), None, "too large");
    }

    #[test]
    fn writes_large_and_tampered_values_exactly_and_without_hanging() {
        for (value, decimals) in [
            (1e303, 2),
            (f64::MAX, 0),
            (-1.5e19, 1),
            (8908285935.31, 6),
            (123456789012345.67, 2),
            (869958708943.0, 6),
            (18446744073709551616.0, 0),
        ] {
            let standard = format!("{value:.*}", decimals as usize);
            assert_eq!(fixed(value, decimals), standard, "{value} to {decimals}");
        }
    }

    #[test]
    fn shortest_writes_what_the_standard_display_writes() {
        for value in [
            0.0,
            3.0,
            12.5,
            0.1,
            0.25,
            -4.5,
            8908285935.31,
            1.23456789,
            99500.5,
            1e15,
            0.3,
            1e-7,
            123456.789012,
        ] {
            assert_eq!(shortest(value), value.to_string(), "{value}");
        }
        assert_eq!(
            shortest(1e303).len(),
            304,
            "a huge value ends, with all its digits"
        );
    }

    #[test]
    fn writes_fixed_decimals_as_the_standard_formatter_does() {
        for (value, decimals) in [
            (0.0, 0),
            (0.0, 1),
            (5.0, 0),
            (12.5, 1),
            (2.345, 1),
            (99500.5, 2),
            (0.05, 2),
            (1234567.891, 0),
            (-3.26, 1),
            (0.004, 2),
            (1e15, 0),
            (123.456, 3),
            (0.96, 1),
        ] {
            let ours = fixed(value, decimals);
            let standard = format!("{value:.*}", decimals as usize);
            assert_eq!(ours, standard, "{value} to {decimals}");
        }
        assert_eq!(
            fixed(0.125, 2),
            "0.13",
            "a binary half rounds away from zero"
        );
        assert_eq!(
            fixed(0.15, 1),
            "0.2",
            "so does a decimal half just below in binary"
        );
        assert_eq!(fixed(-0.04, 1), "0.0", "no negative zero");
        assert_eq!(fixed(f64::NAN, 1), "NaN");
        assert_eq!(fixed(f64::INFINITY, 0), "inf");
    }

    #[test]
    fn trims_trailing_zeros() {
        assert_eq!(trimmed(12.5, 6), "12.5");
        assert_eq!(trimmed(3.0, 6), "3");
        assert_eq!(trimmed(0.25, 1), "0.3");
        assert_eq!(trimmed(100.0, 0), "100");
        assert_eq!(trimmed(-0.5, 2), "-0.5");
        assert_eq!(trimmed(1.0 / 3.0, 6), "0.333333");
    }

    /// `digits` written with `width` digits, `decimals` of them after the point: a figure as
    /// someone might type it, leading zeros and all.
    fn typed(digits: u64, width: usize, decimals: usize, negative: bool) -> String {
        let text = format!("{digits:0width$}");
        let (whole, fraction) = text.split_at(width - decimals);
        format!("{}{whole}.{fraction}", if negative { "-" } else { "" })
    }

    proptest::proptest! {
        #[test]
        fn shortest_reads_back_as_the_figure_typed(
            digits in 0u64..1_000_000_000_000_000,
            decimals in 0usize..15,
            negative: bool,
        ) {
            let value = parse_decimal(&typed(digits, 15, decimals, negative)).unwrap();
            proptest::prop_assert_eq!(shortest(value), value.to_string());
        }

        #[test]
        fn writes_what_the_standard_formatter_writes_away_from_halves(
            value in -1e16f64..1e16,
            decimals in 0u32..7,
        ) {
            let standard = format!("{value:.*}", decimals as usize);
            let scaled = value.abs().fract() * 10f64.powi(decimals as i32);
            let near_half = (scaled.fract() - 0.5).abs() < 1e-6;
            let rounds_to_zero = standard.trim_start_matches('-').bytes().all(|b| b == b'0' || b == b'.');
            if !near_half && !rounds_to_zero {
                proptest::prop_assert_eq!(fixed(value, decimals), standard);
            }
        }

        #[test]
        fn figures_read_as_the_standard_parser_reads_them(
            digits in 0u64..1_000_000_000_000_000_000,
            decimals in 0usize..18,
            negative: bool,
        ) {
            let text = typed(digits, 18, decimals, negative);
            let ours = parse_decimal(&text).unwrap();
            let standard = text.parse::<f64>().unwrap();
            if digits < 1_000_000_000_000_000 {
                proptest::prop_assert_eq!(ours, standard, "{}", text);
            } else {
                proptest::prop_assert!((ours - standard).abs() <= standard.abs() * 1e-15, "{}", text);
            }
        }
    }
}
