//! Markup written as text, for the few places where the browser parsing one string is much
//! faster than Yew building the elements one call at a time: the matrix's points and a page
//! of the accounts table's rows. Everything taken from user data goes through `escape`.

use crate::domain::decimal::push_fixed;

/// `text` made safe inside an element or a double- or single-quoted attribute value.
pub fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"', '\'']) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out.into()
}

/// Appends `v` with one decimal, as the chart's other coordinates are written.
pub fn push_number(out: &mut String, v: f64) {
    push_fixed(out, v, 1);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped_and_plain_text_is_untouched() {
        assert_eq!(escape("Acme Ltd"), "Acme Ltd");
        assert!(matches!(escape("Acme Ltd"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(
            escape(r#"<img src=x onerror="alert(1)"> & 'Co'"#),
            "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;Co&#39;"
        );
        assert_eq!(escape("Café & Crème"), "Café &amp; Crème");
    }

    #[test]
    fn numbers_have_one_decimal() {
        let mut s = String::new();
        push_number(&mut s, 12.345);
        s.push(' ');
        push_number(&mut s, -3.0);
        assert_eq!(s, "12.3 -3.0");
    }
}
