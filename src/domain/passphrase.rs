//! Passphrases for protected share links: the shortest one accepted, and a rough guide to how
//! hard one would be to guess.
//!
//! The guide knows no dictionary, so it judges length and spots the patterns a guesser tries
//! first (one character over and over, a repeated chunk, runs such as `abcd` or `4321`). It
//! errs towards praising long passphrases, which is what it should encourage.

/// The fewest characters a passphrase may have. A link can be attacked offline, at whatever
/// speed the attacker's hardware allows, so length counts for more than anything else.
pub const MIN_CHARS: usize = 12;
/// From this length on, a passphrase without obvious patterns counts as strong.
pub const STRONG_CHARS: usize = 20;

/// How hard a passphrase of acceptable length looks to guess.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strength {
    /// Long enough, but made of a repeated character, chunk or run.
    Patterned,
    Fair,
    Strong,
}

/// A passphrase that is too short, and by how many characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooShort {
    pub missing: usize,
}

/// Whether `passphrase` may protect a link, and how strong it looks if so.
pub fn assess(passphrase: &str) -> Result<Strength, TooShort> {
    let chars: Vec<char> = passphrase.chars().collect();
    if chars.len() < MIN_CHARS {
        return Err(TooShort {
            missing: MIN_CHARS - chars.len(),
        });
    }
    if is_patterned(&chars) {
        Ok(Strength::Patterned)
    } else if chars.len() >= STRONG_CHARS {
        Ok(Strength::Strong)
    } else {
        Ok(Strength::Fair)
    }
}

fn is_patterned(chars: &[char]) -> bool {
    let lower: Vec<char> = chars.iter().flat_map(|c| c.to_lowercase()).collect();
    let mut distinct = lower.clone();
    distinct.sort_unstable();
    distinct.dedup();
    // Steps that repeat the previous character or continue a run up or down.
    let predictable = lower
        .windows(2)
        .filter(|w| (i64::from(u32::from(w[1])) - i64::from(u32::from(w[0]))).abs() <= 1)
        .count();
    distinct.len() < 5 || repeats_a_chunk(&lower) || predictable * 2 >= lower.len()
}

/// Whether the text is one chunk written out two or more times ("passwordpassword").
fn repeats_a_chunk(chars: &[char]) -> bool {
    (1..=chars.len() / 2)
        .filter(|n| chars.len() % n == 0)
        .any(|n| chars.chunks(n).all(|c| c == &chars[..n]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passphrase_needs_twelve_characters_counted_as_the_user_sees_them() {
        assert_eq!(assess(""), Err(TooShort { missing: 12 }));
        assert_eq!(assess("blue harbor"), Err(TooShort { missing: 1 }));
        // Eleven letters, some of them two bytes long.
        assert_eq!(assess("ünïcödé ärt"), Err(TooShort { missing: 1 }));
        assert!(assess("blue harbour").is_ok());
    }

    #[test]
    fn length_without_patterns_is_what_makes_a_passphrase_strong() {
        assert_eq!(assess("blue harbour 42"), Ok(Strength::Fair));
        assert_eq!(assess("Tr0ub4dor&3x"), Ok(Strength::Fair));
        assert_eq!(assess("correct horse battery staple"), Ok(Strength::Strong));
        assert_eq!(assess("k8#Qz!m2Lw9@pX4vRt7&"), Ok(Strength::Strong));
    }

    #[test]
    fn repeats_and_runs_count_as_patterned_whatever_their_length() {
        for weak in [
            "aaaaaaaaaaaaaaaaaaaaaaaa",
            "passwordpassword",
            "PasswordPASSWORDpassword",
            "abcdefghijklmnopqrstuvwxyz",
            "123456789012",
            "987654321098",
            "abababababababababababab",
            "            ",
        ] {
            assert_eq!(assess(weak), Ok(Strength::Patterned), "{weak}");
        }
    }
}
