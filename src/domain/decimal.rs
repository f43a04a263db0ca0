//! Reading the plain decimal numbers people type into forms (`12.5`, `-3`, `0.25`).
//!
//! Not `str::parse::<f64>`: the standard parser reads every float syntax exactly (exponents,
//! `inf`, 800-digit inputs) and brings about 15 KB of code and tables into the wasm for it.
//! A form needs none of that. A figure of up to 15 digits is read exactly as the standard
//! parser reads it: its digits form a whole number and 10^(decimals) is a power of ten, both
//! exact floats, and one division of exact floats is correctly rounded. Longer figures (up to
//! 18 digits) may differ from it in the last bit, less than one part in 10^15.

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

    proptest::proptest! {
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
