//! Whether data of a given size is likely to fit in what the browser keeps for this site in
//! local storage: about 5 MB (Chromium, Firefox and Safari alike), for everything the site
//! stores. A guess, told before an import; the browser's refusal of a write is what counts.

/// What the browser keeps for this site, in bytes of stored text, about.
pub const ABOUT_THE_QUOTA: usize = 5_000_000;

/// Bytes an account takes when stored, about, when there are too few stored to tell: an
/// account with a name, a manager, an industry, a revenue and its dates.
const ABOUT_AN_ACCOUNT: usize = 260;

/// The size of the stored data, about, once `more` accounts are added to the `accounts`
/// stored in `stored` bytes: each new one as large as the stored ones are on average.
pub fn size_with(stored: usize, accounts: usize, more: usize) -> usize {
    let each = if accounts >= 100 {
        (stored / accounts).min(4 * ABOUT_AN_ACCOUNT)
    } else {
        ABOUT_AN_ACCOUNT
    };
    stored + more * each
}

/// Whether that size would likely be more than the browser keeps.
pub fn too_big(size: usize) -> bool {
    size > ABOUT_THE_QUOTA
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_thousand_new_accounts_do_not_fit_and_a_few_hundred_do() {
        // Measured by a user: 8 000 imported accounts took 2.1 MB.
        let stored = 2_100_000;
        assert!(too_big(size_with(stored, 8_000, 12_000)));
        assert!(!too_big(size_with(stored, 8_000, 500)));
        assert!(too_big(size_with(0, 0, 20_000)));
        assert!(!too_big(size_with(0, 0, 5_000)));
    }

    #[test]
    fn accounts_with_long_notes_count_larger_but_not_without_bound() {
        assert_eq!(size_with(2_000_000, 1_000, 10), 2_000_000 + 10 * 4 * 260);
        assert_eq!(size_with(500_000, 1_000, 10), 500_000 + 10 * 500);
        assert_eq!(size_with(50_000, 10, 10), 50_000 + 10 * 260);
    }
}
