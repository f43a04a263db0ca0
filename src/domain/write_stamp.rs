//! The mark each save puts on the stored document: which write this is, and which stored
//! document it replaced. Another tab reading it knows what the writer had seen, and so which
//! of its own earlier documents the writer's changes started from (see `tab_merge`).
//!
//! The mark sits right after the version number, where it is found without reading the rest,
//! and where older builds skip it as an unknown field.

/// One write to storage.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct WriteStamp {
    /// This write: a tab's random name and its count of writes.
    pub id: String,
    /// The write whose document was stored when this one was made; empty when none was.
    pub after: String,
}

const FIELD: &str = "\"written\":{\"id\":\"";

/// `text` (a document as `schema::encode` writes it) with `stamp` put in.
pub fn stamped(text: &str, stamp: &WriteStamp) -> String {
    debug_assert!(is_token(&stamp.id) && is_token(&stamp.after));
    let insert_at = text.find(',').map_or(text.len(), |i| i + 1);
    let mut out = String::with_capacity(text.len() + 64);
    out.push_str(&text[..insert_at]);
    out.push_str(FIELD);
    out.push_str(&stamp.id);
    out.push_str("\",\"after\":\"");
    out.push_str(&stamp.after);
    out.push_str("\"},");
    out.push_str(&text[insert_at..]);
    out
}

/// The stamp of a stored document; `None` for one written before stamps, or by hand.
pub fn stamp_of(text: &str) -> Option<WriteStamp> {
    let rest = text.strip_prefix("{\"version\":")?;
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    let rest = rest.strip_prefix(',')?.strip_prefix(FIELD)?;
    let (id, rest) = rest.split_once('"')?;
    let rest = rest.strip_prefix(",\"after\":\"")?;
    let (after, rest) = rest.split_once('"')?;
    rest.starts_with("},")
        .then(|| WriteStamp {
            id: id.to_string(),
            after: after.to_string(),
        })
        .filter(|s| is_token(&s.id) && is_token(&s.after))
}

/// Ids are short and plain, so they never need escaping in JSON.
fn is_token(s: &str) -> bool {
    s.len() <= 64 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::schema::{decode, encode, Document};

    #[test]
    fn a_stamped_document_reads_back_the_same_and_gives_its_stamp() {
        let mut doc = Document::default();
        doc.grader.draft_label = "Q3, \"written\"".into();
        let stamp = WriteStamp {
            id: "k3x9-12".into(),
            after: "a1b2-3".into(),
        };
        let text = stamped(&encode(&doc), &stamp);
        assert!(text.starts_with("{\"version\":"));
        assert_eq!(decode(&text), Ok(doc.clone()));
        assert_eq!(stamp_of(&text), Some(stamp));
        assert_eq!(stamp_of(&encode(&doc)), None);
    }

    #[test]
    fn a_first_write_has_an_empty_after() {
        let stamp = WriteStamp {
            id: "t-1".into(),
            after: String::new(),
        };
        let text = stamped(&encode(&Document::default()), &stamp);
        assert_eq!(stamp_of(&text), Some(stamp));
    }

    #[test]
    fn odd_text_has_no_stamp() {
        for text in [
            "",
            "{}",
            "not json",
            "{\"version\":3,\"written\":{\"id\":\"a\\\"b\",\"after\":\"\"},",
            "{\"version\":3,\"written\":{\"id\":\"a b\",\"after\":\"\"},\"grader\":{}}",
            "{\"version\":3,\"written\":{\"id\":\"ab\",\"after\":\"\"",
        ] {
            assert_eq!(stamp_of(text), None, "{text}");
        }
    }
}
