//! Finds people's names in free text, so a sender can see them before a link goes out.
//!
//! A name is found as a whole word, whatever its case: "Ann Lee" is found as "ann lee", as
//! "Ann" and as "Lee", but not inside "Annual" or "Leeds". Short parts and particles ("de",
//! "van") would be found everywhere, so they count only as part of the whole name.

use std::ops::Range;

/// Name parts never looked for alone: articles and particles that are common words too.
const PARTICLES: [&str; 16] = [
    "al", "bin", "da", "de", "del", "della", "der", "di", "du", "la", "le", "st", "van", "von",
    "den", "ter",
];

/// A word of text and where it is, lower-cased for comparing.
struct Word {
    range: Range<usize>,
    folded: String,
}

/// Letters and digits, with a hyphen or apostrophe inside a word kept in it ("Jean-Luc").
fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        let next = |k: usize| chars.get(i + k).map(|&(_, n)| n);
        // "Ann's" is Ann's: a possessive ending is not part of the name.
        let possessive = matches!(c, '\'' | '’')
            && matches!(next(1), Some('s' | 'S'))
            && !next(2).is_some_and(char::is_alphanumeric);
        let joins = matches!(c, '-' | '\'' | '’')
            && start.is_some()
            && !possessive
            && next(1).is_some_and(char::is_alphanumeric);
        if c.is_alphanumeric() || joins {
            start.get_or_insert(at);
        } else if let Some(s) = start.take() {
            out.push(Word {
                range: s..at,
                folded: text[s..at].to_lowercase(),
            });
        }
    }
    if let Some(s) = start {
        out.push(Word {
            range: s..text.len(),
            folded: text[s..].to_lowercase(),
        });
    }
    out
}

/// What to look for, built once from the people's names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NameFinder {
    /// Whole names as their words, longest first so "Ann Lee" wins over "Ann".
    whole: Vec<Vec<String>>,
    /// Single words that are enough on their own: first names and surnames.
    parts: Vec<String>,
}

impl NameFinder {
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut finder = NameFinder::default();
        for name in names {
            let folded: Vec<String> = words(name).into_iter().map(|w| w.folded).collect();
            if folded.is_empty() {
                continue;
            }
            for part in &folded {
                let alone = part.chars().count() >= 2 && !PARTICLES.contains(&part.as_str());
                if alone && !finder.parts.contains(part) {
                    finder.parts.push(part.clone());
                }
            }
            if !finder.whole.contains(&folded) {
                finder.whole.push(folded);
            }
        }
        crate::support::sorting::sort_by_key(&mut finder.whole, |w| std::cmp::Reverse(w.len()));
        finder
    }

    pub fn is_empty(&self) -> bool {
        self.whole.is_empty()
    }

    /// Where names occur in `text`, in order and never overlapping.
    pub fn find(&self, text: &str) -> Vec<Range<usize>> {
        let words = words(text);
        let mut found = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let whole = self.whole.iter().find(|name| {
                name.len() > 1
                    && words.len() - i >= name.len()
                    && name.iter().zip(&words[i..]).all(|(n, w)| *n == w.folded)
                    // The words of one name follow each other on one line.
                    && words[i..i + name.len()].windows(2).all(|pair| {
                        let gap = &text[pair[0].range.end..pair[1].range.start];
                        gap.chars().count() <= 3 && !gap.contains(['\n', '\r'])
                    })
            });
            if let Some(name) = whole {
                found.push(words[i].range.start..words[i + name.len() - 1].range.end);
                i += name.len();
            } else {
                if self.parts.contains(&words[i].folded) {
                    found.push(words[i].range.clone());
                }
                i += 1;
            }
        }
        found
    }
}

/// Text cut into runs, each marked when it is a name, for showing with highlights.
pub fn marked(text: &str, names: &[Range<usize>]) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    let mut at = 0;
    for r in names {
        if r.start > at {
            out.push((false, text[at..r.start].to_string()));
        }
        out.push((true, text[r.clone()].to_string()));
        at = r.end;
    }
    if at < text.len() {
        out.push((false, text[at..].to_string()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn found<'a>(finder: &NameFinder, text: &'a str) -> Vec<&'a str> {
        finder.find(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn whole_names_first_names_and_surnames_are_found_in_any_case() {
        let finder = NameFinder::new(["Ann Lee", "Marco van Dijk"]);
        assert_eq!(
            found(
                &finder,
                "Call ann lee, then LEE again; Ann's deputy and Marco."
            ),
            vec!["ann lee", "LEE", "Ann", "Marco"]
        );
        assert_eq!(
            found(&finder, "Meet Marco van Dijk and Van Dijk's team"),
            vec!["Marco van Dijk", "Dijk"]
        );
    }

    #[test]
    fn names_inside_other_words_and_lone_particles_are_not_found() {
        let finder = NameFinder::new(["Ann Lee", "Marco van Dijk", "J. Doe"]);
        assert!(found(&finder, "Annual plan for Leeds, a van and a de-risked deal").is_empty());
        assert_eq!(found(&finder, "j doe and J. Doe"), vec!["j doe", "J. Doe"]);
    }

    #[test]
    fn a_name_broken_over_two_lines_is_found_as_its_parts() {
        let finder = NameFinder::new(["Ann Lee"]);
        assert_eq!(found(&finder, "Ann\nLee"), vec!["Ann", "Lee"]);
    }

    #[test]
    fn hyphenated_and_accented_names_are_found_whole() {
        let finder = NameFinder::new(["Jean-Luc Émile"]);
        assert_eq!(
            found(&finder, "ask jean-luc or ÉMILE, not Jean"),
            vec!["jean-luc", "ÉMILE"]
        );
    }

    #[test]
    fn the_text_is_marked_in_runs_that_join_back_to_it() {
        let finder = NameFinder::new(["Ann Lee"]);
        let text = "Lunch with Ann Lee.";
        assert_eq!(
            marked(text, &finder.find(text)),
            vec![
                (false, "Lunch with ".to_string()),
                (true, "Ann Lee".to_string()),
                (false, ".".to_string())
            ]
        );
    }

    proptest! {
        #[test]
        fn found_names_are_in_order_and_on_character_boundaries(
            names in proptest::collection::vec("\\PC{0,12}", 0..4),
            text in "\\PC{0,80}",
        ) {
            let finder = NameFinder::new(names.iter().map(String::as_str));
            let ranges = finder.find(&text);
            let mut at = 0;
            for r in &ranges {
                prop_assert!(r.start >= at && r.end > r.start);
                prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                at = r.end;
            }
            let joined: String = marked(&text, &ranges).into_iter().map(|(_, s)| s).collect();
            prop_assert_eq!(joined, text);
        }
    }
}
