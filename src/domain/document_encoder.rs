//! Writing the stored document again after a change, re-encoding only what changed.
//!
//! The document's large parts sit behind `Rc` (see `schema::Portfolio`), and a change replaces
//! only the `Rc`s it touches. So the JSON of a part whose `Rc` is the one encoded last time is
//! still right, and is reused: typing in one plan re-encodes that plan, not a thousand.

use std::collections::HashMap;
use std::rc::{Rc, Weak};

use serde::Serialize;

use super::json::to_text;
use super::plans::Plan;
use super::schema::{Document, CURRENT_VERSION};

/// The JSON of one value behind an `Rc`, and which allocation it was made from. Holding the
/// `Weak` keeps that allocation's address from being reused by another value while cached,
/// and makes `Rc::make_mut` move a value it changes to a new allocation even when no other
/// `Rc` shares it: so an unchanged address means unchanged content. That holds only while the
/// stored types have no interior mutability (no `Cell` or `RefCell` in them).
struct Cached<T> {
    source: Weak<T>,
    json: String,
}

impl<T: Serialize> Cached<T> {
    fn of(value: &Rc<T>) -> Self {
        Cached {
            source: Rc::downgrade(value),
            json: to_text(&**value),
        }
    }

    fn is_of(&self, value: &Rc<T>) -> bool {
        std::ptr::eq(self.source.as_ptr(), Rc::as_ptr(value))
    }
}

/// Encodes documents as `schema::encode` does, remembering the JSON of the large parts.
#[derive(Default)]
pub struct DocumentEncoder {
    accounts: Option<Cached<Vec<super::accounts::Account>>>,
    snapshots: Option<Cached<Vec<super::snapshots::Snapshot>>>,
    plans: HashMap<*const Plan, Cached<Plan>>,
}

impl DocumentEncoder {
    /// The same text as `schema::encode(doc)`.
    pub fn encode(&mut self, doc: &Document) -> String {
        fn reuse<'a, T: Serialize>(slot: &'a mut Option<Cached<T>>, value: &Rc<T>) -> &'a str {
            if !slot.as_ref().is_some_and(|c| c.is_of(value)) {
                *slot = Some(Cached::of(value));
            }
            &slot.as_ref().expect("filled just above").json
        }
        let mut plans = HashMap::with_capacity(doc.plans.plans.len());
        for plan in &doc.plans.plans {
            let key = Rc::as_ptr(plan);
            let cached = match self.plans.remove(&key) {
                Some(c) if c.is_of(plan) => c,
                _ => Cached::of(plan),
            };
            plans.insert(key, cached);
        }
        // Plans no longer in the document are dropped from the cache here.
        self.plans = plans;

        // Fields in the order serde writes them, so the text is exactly `schema::encode`'s.
        let mut out = String::with_capacity(
            self.plans.values().map(|c| c.json.len() + 1).sum::<usize>()
                + self.accounts.as_ref().map_or(0, |c| c.json.len())
                + 4096,
        );
        out.push_str(&format!("{{\"version\":{CURRENT_VERSION},\"grader\":"));
        out.push_str(&to_text(&doc.grader));
        out.push_str(",\"portfolio\":{\"accounts\":");
        out.push_str(reuse(&mut self.accounts, &doc.portfolio.accounts));
        out.push_str(",\"snapshots\":");
        out.push_str(reuse(&mut self.snapshots, &doc.portfolio.snapshots));
        out.push_str("},\"settings\":");
        out.push_str(&to_text(&doc.settings));
        out.push_str(",\"plans\":{\"templates\":");
        out.push_str(&to_text(&doc.plans.templates));
        out.push_str(",\"plans\":[");
        for (i, plan) in doc.plans.plans.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&self.plans[&Rc::as_ptr(plan)].json);
        }
        out.push_str("]},\"prospects\":");
        out.push_str(&to_text(&doc.prospects));
        out.push_str(",\"next_id\":");
        out.push_str(&doc.next_id.to_string());
        if let Some(notice) = &doc.classification_notice {
            out.push_str(",\"classification_notice\":");
            out.push_str(&to_text(notice));
        }
        out.push('}');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_accounts;
    use crate::domain::plans::Content;
    use crate::domain::schema::encode;

    const AT: &str = "2026-11-23T09:00:00Z";

    fn document() -> Document {
        let mut doc = Document::default();
        doc.portfolio.accounts = Rc::new(demo_accounts(1, AT));
        doc.grader.draft_label = "Q4 \"team\"".into();
        for (i, a) in doc.portfolio.accounts.iter().enumerate().take(3) {
            let mut plan = Plan::new(100 + i as u64, a.id, 0, AT);
            plan.write("vision", "Vision", Content::Text(format!("Grow {i}")), AT);
            doc.plans.plans.push(Rc::new(plan));
        }
        doc.next_id = 200;
        // Every part of the document, the optional ones too: a part the encoder leaves out
        // would be lost at the first save.
        doc.classification_notice = Some(crate::domain::reclassification::ClassificationNotice {
            moved: vec![crate::domain::reclassification::Moved {
                account: 1,
                from: None,
                to: Some(crate::domain::quadrant::Quadrant::Rethink),
            }],
        });
        doc
    }

    #[test]
    fn writes_what_serde_writes() {
        let doc = document();
        let mut encoder = DocumentEncoder::default();
        assert_eq!(encoder.encode(&doc), encode(&doc));
        assert_eq!(
            encoder.encode(&Document::default()),
            encode(&Document::default())
        );
    }

    #[test]
    fn a_changed_part_is_encoded_again_and_the_rest_reused() {
        let mut doc = document();
        let mut encoder = DocumentEncoder::default();
        encoder.encode(&doc);

        // A change copies the plan it touches (as the reducer does) and the account list.
        let plan = Rc::make_mut(&mut doc.plans.plans[1]);
        plan.write("vision", "Vision", Content::Text("Changed".into()), AT);
        let accounts = Rc::make_mut(&mut doc.portfolio.accounts);
        accounts[0].name = "Renamed".into();
        doc.plans.plans.remove(2);
        let text = encoder.encode(&doc);
        assert_eq!(text, encode(&doc));
        assert!(text.contains("Changed") && text.contains("Renamed"));
        assert_eq!(encoder.plans.len(), 2, "the removed plan left the cache");

        // Unchanged parts are the very strings of last time.
        let first = Rc::as_ptr(&doc.plans.plans[0]);
        let before = encoder.plans[&first].json.as_ptr();
        encoder.encode(&doc);
        assert_eq!(encoder.plans[&first].json.as_ptr(), before);
    }
}
