//! Text in lower case and without its accents, for comparing names however they were typed.
//!
//! In the browser the page's own `normalize` and `toLowerCase` do it, which follow the same
//! Unicode rules as Rust's `str::to_lowercase`: Rust's would bring a second copy of Unicode's
//! case tables into the first download (about 7 KB brotli, for the team names History
//! compares), and a crate its decomposition tables. Whatever compares team names goes through
//! `domain::history`'s one key, so every screen groups them alike; text that only a later
//! screen compares (account names, searches) uses `str::to_lowercase`, carried by that
//! screen's own download. Natively (tests, the build's first screen) it is Rust's, which
//! drops only accents already written apart; the browser's is checked by the end-to-end tests.

/// `text` in lower case and without its accents: "Équipe Nord", "équipe nord", "EQUIPE NORD"
/// and an "É" typed as "E" plus a combining accent (as some keyboards and pastes give it) all
/// give "equipe nord". In the browser `normalize("NFD")` first splits each accented letter
/// into its letter and its accent.
pub fn folded(text: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    let lowered = String::from(
        js_sys::JsString::from(text)
            .normalize("NFD")
            .to_lower_case(),
    );
    #[cfg(not(target_arch = "wasm32"))]
    let lowered = text.to_lowercase();
    lowered.chars().filter(|&c| !is_combining_mark(c)).collect()
}

/// `text` in lower case, its words one space apart: the key of a name typed in more than one
/// way ("Priya Shah", "priya  shah "). In the browser its own `toLowerCase`, as for
/// [`folded`].
pub fn words_key(text: &str) -> String {
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::JsString::from(words.as_str()).to_lower_case())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        words.to_lowercase()
    }
}

/// The blocks of accents that combine with the letter before them.
fn is_combining_mark(c: char) -> bool {
    matches!(c,
        '\u{300}'..='\u{36F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_of_any_script_and_accents_written_apart() {
        assert_eq!(folded("Équipe NORD"), "équipe nord");
        assert_eq!(folded("Ωmega Ltd"), "ωmega ltd");
        assert_eq!(folded("E\u{301}QUIPE Nord"), "equipe nord");
        // Letters that are not accented letters stay.
        assert_eq!(folded("Straße"), "straße");
    }

    #[test]
    fn a_words_key_ignores_case_and_spacing_but_keeps_accents() {
        assert_eq!(words_key("  Priya   SHAH "), "priya shah");
        assert_ne!(words_key("Équipe"), words_key("Equipe"));
    }
}
