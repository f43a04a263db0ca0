//! The mark each save puts on the stored document: which write this is, and which stored
//! document it replaced. Another tab reading it knows what the writer had seen, and so which
//! of its own earlier documents the writer's changes started from (see `tab_merge`).
//!
//! The mark sits right after the version number, where it is found without reading the rest,
//! and where older builds skip it as an unknown field.

use std::collections::VecDeque;

use super::schema::Document;

/// The documents of the last few writes this tab saw, by write id: another tab's write names
/// the one it replaced, and that is where its changes started.
#[derive(Default)]
pub struct WriteHistory {
    /// The stamp of the value stored now, as far as this tab knows.
    pub current: WriteStamp,
    documents: VecDeque<(String, Document)>,
}

/// Another tab's write starts from one of the last few, since each tab picks up the others'
/// writes within milliseconds; each kept document costs little, its big parts being shared.
const DOCUMENTS_KEPT: usize = 4;

impl WriteHistory {
    /// Records that `doc` is stored now, written as `stamp` (none for text without one).
    pub fn remember(&mut self, stamp: Option<WriteStamp>, doc: &Document) {
        let stamp = stamp.unwrap_or_default();
        self.documents.push_front((stamp.id.clone(), doc.clone()));
        self.documents.truncate(DOCUMENTS_KEPT);
        self.current = stamp;
    }

    /// The document another tab's write started from: the one it names when this tab knows
    /// it, else the latest this tab knows (the write then comes from a build without stamps,
    /// or replaced a write this tab never saw).
    pub fn base_of(&self, stamp: Option<&WriteStamp>) -> Document {
        stamp
            .filter(|s| !s.after.is_empty())
            .and_then(|s| self.documents.iter().find(|(id, _)| *id == s.after))
            .or(self.documents.front())
            .map(|(_, doc)| doc.clone())
            .unwrap_or_default()
    }
}

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
    let mut out = String::with_capacity(text.len() + 64);
    out.push_str(text);
    stamp_in(&mut out, stamp);
    out
}

/// Puts `stamp` into `text` (a document as `schema::encode` writes it) where it is, without
/// a copy of the whole text: a large document is several megabytes.
pub fn stamp_in(text: &mut String, stamp: &WriteStamp) {
    debug_assert!(is_token(&stamp.id) && is_token(&stamp.after));
    let insert_at = text.find(',').map_or(text.len(), |i| i + 1);
    let field = format!("{FIELD}{}\",\"after\":\"{}\"}},", stamp.id, stamp.after);
    text.insert_str(insert_at, &field);
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
    use crate::storage::schema::{decode, encode, Document};

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

    fn labelled(label: &str) -> Document {
        let mut doc = Document::default();
        doc.grader.draft_label = label.into();
        doc
    }

    fn stamp(id: &str, after: &str) -> WriteStamp {
        WriteStamp {
            id: id.into(),
            after: after.into(),
        }
    }

    #[test]
    fn another_write_is_joined_from_the_document_it_replaced() {
        let mut history = WriteHistory::default();
        history.remember(Some(stamp("a-1", "")), &labelled("loaded"));
        history.remember(Some(stamp("a-2", "a-1")), &labelled("saved here"));
        // The other tab had not yet seen "saved here" when it wrote: its changes start from
        // the loaded document, so what this tab saved since is carried over, not undone.
        assert_eq!(
            history.base_of(Some(&stamp("b-1", "a-1"))),
            labelled("loaded")
        );
        assert_eq!(
            history.base_of(Some(&stamp("b-1", "a-2"))),
            labelled("saved here")
        );
        assert_eq!(history.current, stamp("a-2", "a-1"));
    }

    #[test]
    fn an_unknown_or_missing_stamp_joins_from_the_latest_document() {
        let mut history = WriteHistory::default();
        assert_eq!(history.base_of(None), Document::default());
        history.remember(None, &labelled("loaded"));
        history.remember(Some(stamp("a-1", "")), &labelled("saved here"));
        for other in [None, Some(stamp("b-9", "b-8")), Some(stamp("b-1", ""))] {
            assert_eq!(history.base_of(other.as_ref()), labelled("saved here"));
        }
    }

    #[test]
    fn only_the_last_few_documents_are_kept() {
        let mut history = WriteHistory::default();
        for n in 1..=10 {
            history.remember(
                Some(stamp(&format!("a-{n}"), "")),
                &labelled(&n.to_string()),
            );
        }
        assert_eq!(history.base_of(Some(&stamp("b", "a-10"))), labelled("10"));
        assert_eq!(history.base_of(Some(&stamp("b", "a-7"))), labelled("7"));
        assert_eq!(history.base_of(Some(&stamp("b", "a-2"))), labelled("10"));
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
