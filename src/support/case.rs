//! Text in lower case, for comparing it regardless of case.
//!
//! In the browser the page's own `toLowerCase` does it, which follows the same Unicode rules as
//! Rust's `str::to_lowercase`: Rust's would bring a second copy of Unicode's case tables into
//! the first download (about 7 KB brotli, for the team names History compares). Whatever
//! compares team names goes through `domain::history`'s one key, so every screen groups them
//! alike; text that only a later screen compares (account names, searches) uses
//! `str::to_lowercase`, carried by that screen's own download. Natively (tests, the build's
//! first screen) it is Rust's; the browser's is checked by the end-to-end tests.

/// `text` in lower case.
pub fn lower(text: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::JsString::from(text).to_lower_case())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        text.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowers_letters_of_any_script() {
        assert_eq!(lower("Équipe NORD"), "équipe nord");
        assert_eq!(lower("Ωmega Ltd"), "ωmega ltd");
    }
}
