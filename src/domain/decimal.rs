//! Reading the plain decimal numbers people type into forms (`12.5`, `-3`, `0.25`), and
//! writing numbers with a fixed number of decimals.
//!
//! Not `str::parse::<f64>` or `format!("{:.1}")`: the standard parser and formatter handle
//! every float exactly (exponents, `inf`, 800-digit inputs, shortest round trips) and bring
//! about 25 KB of code and tables into the wasm for it. A form and a chart need none of that.
//!
//! A figure of up to 15 digits is read exactly as the standard parser reads it: its digits
//! form a whole number and 10^(decimals) is a power of ten, both exact floats, and one
//! division of exact floats is correctly rounded. Longer figures (up to 18 digits) may differ
//! from it in the last bit, less than one part in 10^15. Written numbers match `{:.N}` except
//! at exact binary halves, which round away from zero here (0.125 to two places is 0.13, where
//! the standard formatter gives 0.12), and `-0.0`, written `0.0`.

/// An optional sign, digits and at most one decimal point, with a digit on at least one
/// side of it. `None` for anything else, such as `1e3`, `1,5`, `inf` or more than 18 digits.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let (negative, unsigned) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = whole.len() + fraction.len();
    if digits == 0 || digits > 18 {
        return None;
    }
    let mut number: u64 = 0;
    for d in whole.bytes().chain(fraction.bytes()) {
        if !d.is_ascii_digit() {
            return None;
        }
        number = number * 10 + u64::from(d - b'0');
    }
    let scale = (0..fraction.len()).fold(1.0, |s, _| s * 10.0);
    let value = number as f64 / scale;
    Some(if negative { -value } else { value })
}

/// `value` with exactly `decimals` decimals: `fixed(2.345, 1)` is `2.3`.
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
    let scale = (0..decimals).fold(1.0, |s, _| s * 10.0);
    let mut whole = (value.abs() * scale).round();
    if value < 0.0 && whole > 0.0 {
        out.push('-');
    }
    // The digits of the scaled whole number, last first: exact below 2^53, and for larger
    // numbers the digits of a neighbour within the float's own precision.
    let mut digits = Vec::new();
    loop {
        let digit = whole % 10.0;
        digits.push(b'0' + digit as u8);
        whole = (whole - digit) / 10.0;
        if whole < 1.0 && digits.len() > decimals as usize {
            break;
        }
    }
    for (i, &d) in digits.iter().enumerate().rev() {
        out.push(char::from(d));
        if i == decimals as usize && i > 0 {
            out.push('.');
        }
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

    proptest::proptest! {
        #[test]
        fn writes_what_the_standard_formatter_writes_away_from_halves(
            value in -1e12f64..1e12,
            decimals in 0u32..4,
        ) {
            let standard = format!("{value:.*}", decimals as usize);
            let scaled = value.abs() * 10f64.powi(decimals as i32);
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
            let text = format!("{digits:018}");
            let (whole, fraction) = text.split_at(18 - decimals);
            let text = format!("{}{whole}.{fraction}", if negative { "-" } else { "" });
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
