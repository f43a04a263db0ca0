//! The readable part of damaged JSON: everything before the damage, cut back to the last
//! whole value and closed. A file cut off by an interrupted download, or changed by hand in
//! one spot, then still gives back every record that comes before the damage.

use crate::support::json::outside_strings;

/// `text` up to the last complete value before byte `damage_at`, with every array and object
/// still open there closed; `None` when nothing before the damage can be kept.
pub fn readable_part(text: &str, damage_at: usize) -> Option<String> {
    let bytes = text.as_bytes();
    let end = damage_at.min(bytes.len());
    // Open containers, and the last place where cutting leaves whole values behind: after
    // an opening bracket, or before a comma between two members or items.
    let mut open: Vec<u8> = Vec::new();
    let mut cut: Option<(usize, Vec<u8>)> = None;
    let mut previous = None;
    for (i, b) in outside_strings(&bytes[..end]) {
        match b {
            b'{' | b'[' => {
                open.push(b);
                // An empty container is kept as a member's value or as the whole text, not
                // as an item of a list, where it would read as a blank record.
                if matches!(previous, None | Some(b':')) {
                    cut = Some((i + 1, open.clone()));
                }
            }
            b'}' | b']' => {
                open.pop();
            }
            b',' => cut = Some((i, open.clone())),
            _ => {}
        }
        if !b.is_ascii_whitespace() {
            previous = Some(b);
        }
    }
    let (at, open) = cut?;
    let mut mended = text[..at].trim_end().to_string();
    for bracket in open.iter().rev() {
        mended.push(if *bracket == b'{' { '}' } else { ']' });
    }
    Some(mended)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::json::Json;

    fn damage_of(text: &str) -> usize {
        match Json::parse(text) {
            Err(crate::support::json::JsonError::Syntax(at)) => at,
            other => panic!("expected damage in {text}: {other:?}"),
        }
    }

    fn mended(text: &str) -> Option<String> {
        readable_part(text, damage_of(text))
    }

    #[test]
    fn a_cut_off_list_keeps_its_whole_items() {
        let text = r#"{"a":[{"n":"x, [y]"},{"n":"z\"}"},{"n":"cut"#;
        assert_eq!(
            mended(text).as_deref(),
            Some(r#"{"a":[{"n":"x, [y]"},{"n":"z\"}"}]}"#)
        );
    }

    #[test]
    fn damage_in_the_middle_keeps_what_comes_before() {
        let text = r#"{"version":3,"list":[1,2,3 oops 4,5]}"#;
        assert_eq!(
            mended(text).as_deref(),
            Some(r#"{"version":3,"list":[1,2]}"#)
        );
        let mended = mended(text).unwrap();
        assert!(Json::parse(&mended).is_ok());
    }

    #[test]
    fn a_cut_inside_an_object_keeps_its_whole_members() {
        let text = r#"{"a":1,"b":{"c":2,"d":"#;
        assert_eq!(mended(text).as_deref(), Some(r#"{"a":1,"b":{"c":2}}"#));
    }

    #[test]
    fn text_that_never_was_json_has_no_readable_part() {
        assert_eq!(mended("hello"), None);
        assert_eq!(readable_part("", 0), None);
    }
}
