//! Writing the stored document again after a change, re-encoding only what changed.
//!
//! The document's large parts sit behind `Rc` (see `schema::Portfolio`), and a change replaces
//! only the `Rc`s it touches. So the JSON of a part whose `Rc` is the one encoded last time is
//! still right, and is reused: typing in one plan re-encodes that plan, not a thousand.

use std::collections::HashMap;
use std::rc::{Rc, Weak};

use serde::Serialize;

use super::schema::{Document, CURRENT_VERSION};
use crate::domain::accounts::Account;
use crate::domain::plans::Plan;
use crate::support::json::to_text;
use crate::support::sliced::{Progress, Sliced, Unit};

/// The JSON of one value behind an `Rc`, and which allocation it was made from. Holding the
/// `Weak` keeps that allocation's address from being reused by another value while cached,
/// and makes `Rc::make_mut` move a value it changes to a new allocation even when no other
/// `Rc` shares it: so an unchanged address means unchanged content. That holds only while the
/// stored types have no interior mutability (no `Cell` or `RefCell` in them).
struct Cached<T> {
    source: Weak<T>,
    /// Shared with the pieces of a save ([`Piece::Kept`]), so that the browser's copy of a
    /// large part can be kept and found again by it (see `crate::storage`).
    json: Rc<str>,
}

impl<T: Serialize> Cached<T> {
    fn of(value: &Rc<T>) -> Self {
        Cached {
            source: Rc::downgrade(value),
            json: to_text(&**value).into(),
        }
    }

    fn is_of(&self, value: &Rc<T>) -> bool {
        std::ptr::eq(self.source.as_ptr(), Rc::as_ptr(value))
    }
}

/// Encodes documents as `schema::encode` does, remembering the JSON of the large parts.
#[derive(Default)]
pub struct DocumentEncoder {
    accounts: Option<Cached<Vec<Account>>>,
    /// The account list encoded before `accounts`: Undo after an import or an edit brings
    /// that very list back, and its save then reuses this rather than encoding every account
    /// again in one go.
    earlier_accounts: Option<Cached<Vec<Account>>>,
    snapshots: Option<Cached<Vec<crate::domain::snapshots::Snapshot>>>,
    plans: HashMap<*const Plan, Cached<Plan>>,
}

/// The JSON of a document's new large parts, worked out ahead of its first save (a slice at
/// a time, by [`Encoding`]), so that the save does not encode them all in one go.
#[derive(Default)]
pub struct Encoded {
    accounts: Option<(Rc<Vec<Account>>, Rc<str>)>,
    plans: Vec<(Rc<Plan>, String)>,
}

impl Encoded {
    /// The JSON of the new account list, when there is one.
    pub fn accounts_json(&self) -> Option<&Rc<str>> {
        self.accounts.as_ref().map(|(_, json)| json)
    }
}

/// A piece of a document's text: joined in order, the pieces are `schema::encode`'s text.
/// The large parts come as the very text the encoder keeps, not a copy of it.
#[derive(Debug)]
pub enum Piece {
    Text(String),
    Kept(Rc<str>),
}

impl Piece {
    pub fn as_str(&self) -> &str {
        match self {
            Piece::Text(text) => text,
            Piece::Kept(text) => text,
        }
    }
}

impl DocumentEncoder {
    /// Takes parts encoded beforehand; they are used while the document still holds them.
    pub fn take(&mut self, encoded: Encoded) {
        if let Some((accounts, json)) = encoded.accounts {
            let taken = Cached {
                source: Rc::downgrade(&accounts),
                json,
            };
            self.earlier_accounts = self.accounts.replace(taken);
        }
        for (plan, json) in encoded.plans {
            let cached = Cached {
                source: Rc::downgrade(&plan),
                json: json.into(),
            };
            self.plans.insert(Rc::as_ptr(&plan), cached);
        }
    }

    /// The same text as `schema::encode(doc)`.
    pub fn encode(&mut self, doc: &Document) -> String {
        let pieces = self.encode_in_pieces(doc);
        let mut out = String::with_capacity(pieces.iter().map(|p| p.as_str().len()).sum());
        for piece in &pieces {
            out.push_str(piece.as_str());
        }
        out
    }

    /// The text of `schema::encode(doc)` in pieces, the first always a [`Piece::Text`]
    /// holding the version: the account list and the snapshots are the encoder's own text,
    /// shared rather than copied into one long text (for 50 000 accounts, joining took a
    /// good part of a save).
    pub fn encode_in_pieces(&mut self, doc: &Document) -> Vec<Piece> {
        fn reuse<T: Serialize>(slot: &mut Option<Cached<T>>, value: &Rc<T>) -> Rc<str> {
            if !slot.as_ref().is_some_and(|c| c.is_of(value)) {
                *slot = Some(Cached::of(value));
            }
            slot.as_ref().expect("filled just above").json.clone()
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
        let mut pieces = Vec::with_capacity(5);
        let mut out = format!("{{\"version\":{CURRENT_VERSION},\"grader\":");
        out.push_str(&to_text(&doc.grader));
        out.push_str(",\"portfolio\":{\"accounts\":");
        let accounts = &doc.portfolio.accounts;
        if !self.accounts.as_ref().is_some_and(|c| c.is_of(accounts)) {
            let earlier = self.earlier_accounts.take();
            self.earlier_accounts = self.accounts.take();
            self.accounts = Some(match earlier {
                Some(c) if c.is_of(accounts) => c,
                _ => Cached::of(accounts),
            });
        }
        pieces.push(Piece::Text(std::mem::take(&mut out)));
        let accounts = self.accounts.as_ref().expect("filled just above");
        pieces.push(Piece::Kept(accounts.json.clone()));
        pieces.push(Piece::Text(",\"snapshots\":".into()));
        pieces.push(Piece::Kept(reuse(
            &mut self.snapshots,
            &doc.portfolio.snapshots,
        )));
        let mut out = String::with_capacity(
            self.plans.values().map(|c| c.json.len() + 1).sum::<usize>() + 4096,
        );
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
        pieces.push(Piece::Text(out));
        pieces
    }
}

/// Encodes the account list and the plans of a document that `basis` does not have, a
/// slice at a time: the document with them, for [`DocumentEncoder::take`].
pub struct Encoding {
    doc: Option<Document>,
    accounts: String,
    /// Accounts encoded so far.
    at: usize,
    /// Plans still to encode, by position in the document.
    plans: Vec<usize>,
    plans_at: usize,
    encoded: Encoded,
}

impl Encoding {
    pub fn new(doc: Document, basis: &Document) -> Self {
        let known: std::collections::HashSet<*const Plan> =
            basis.plans.plans.iter().map(Rc::as_ptr).collect();
        let plans = (0..doc.plans.plans.len())
            .filter(|&i| !known.contains(&Rc::as_ptr(&doc.plans.plans[i])))
            .collect();
        Encoding {
            accounts: String::with_capacity(doc.portfolio.accounts.len() * 300 + 2),
            doc: Some(doc),
            at: 0,
            plans,
            plans_at: 0,
            encoded: Encoded::default(),
        }
    }
}

impl Sliced for Encoding {
    /// The document boxed: it is large, and is handed on through a few results.
    type Output = (Box<Document>, Encoded);

    fn advance(&mut self, units: usize) -> Option<(Box<Document>, Encoded)> {
        let doc = self.doc.as_ref().expect("advanced until done only");
        let accounts = &doc.portfolio.accounts;
        let mut left = units;
        // The text serde writes for a list: its items' text, between commas and brackets.
        while self.at < accounts.len() && left > 0 {
            self.accounts.push(if self.at == 0 { '[' } else { ',' });
            self.accounts.push_str(&to_text(&accounts[self.at]));
            self.at += 1;
            left -= 1;
        }
        while self.plans_at < self.plans.len() && left > 0 {
            let plan = &doc.plans.plans[self.plans[self.plans_at]];
            self.encoded.plans.push((plan.clone(), to_text(&**plan)));
            self.plans_at += 1;
            left -= 1;
        }
        if self.at < accounts.len() || self.plans_at < self.plans.len() {
            return None;
        }
        self.accounts
            .push_str(if accounts.is_empty() { "[]" } else { "]" });
        let doc = self.doc.take().expect("checked just above");
        let mut encoded = std::mem::take(&mut self.encoded);
        encoded.accounts = Some((
            doc.portfolio.accounts.clone(),
            std::mem::take(&mut self.accounts).into(),
        ));
        Some((Box::new(doc), encoded))
    }

    fn progress(&self) -> Progress {
        let (accounts, plans) = self
            .doc
            .as_ref()
            .map_or((0, 0), |d| (d.portfolio.accounts.len(), self.plans.len()));
        Progress::new(
            "Preparing",
            self.at + self.plans_at,
            accounts + plans,
            Unit::Records(if plans == 0 {
                "accounts to save"
            } else {
                "accounts and plans to save"
            }),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_accounts;
    use crate::domain::plans::Content;
    use crate::storage::schema::encode;

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
    fn the_pieces_of_a_save_share_the_kept_account_text() {
        let doc = document();
        let mut encoder = DocumentEncoder::default();
        let pieces = encoder.encode_in_pieces(&doc);
        let joined: String = pieces.iter().map(Piece::as_str).collect();
        assert_eq!(joined, encode(&doc));
        // The version comes first, in text a write's stamp can be put into.
        assert!(matches!(&pieces[0], Piece::Text(t) if t.starts_with("{\"version\":")));
        let kept = |pieces: &[Piece]| {
            pieces
                .iter()
                .find_map(|p| match p {
                    Piece::Kept(t) if t.starts_with("[{") => Some(t.clone()),
                    _ => None,
                })
                .expect("the account list is a kept piece")
        };
        // The same text, not a copy, save after save.
        let first = kept(&pieces);
        let again = encoder.encode_in_pieces(&doc);
        assert!(Rc::ptr_eq(&first, &kept(&again)));
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

    #[test]
    fn undo_after_an_import_reuses_the_earlier_accounts_encoding() {
        let before = document();
        let mut encoder = DocumentEncoder::default();
        encoder.encode(&before);
        let earlier = encoder.accounts.as_ref().unwrap().json.as_ptr();
        // The import's accounts, encoded beforehand and taken; then saved.
        let mut imported = before.clone();
        Rc::make_mut(&mut imported.portfolio.accounts)[0].name = "Imported".into();
        let (done, encoded) = crate::support::sliced::run_to_end(Encoding::new(imported, &before));
        encoder.take(encoded);
        assert_eq!(encoder.encode(&done), encode(&done));
        // Undo brings the earlier list back: its text is the one made before, not made anew.
        assert_eq!(encoder.encode(&before), encode(&before));
        assert_eq!(encoder.accounts.as_ref().unwrap().json.as_ptr(), earlier);
        // And Redo the imported one's.
        let imported = encoder.earlier_accounts.as_ref().unwrap().json.as_ptr();
        assert_eq!(encoder.encode(&done), encode(&done));
        assert_eq!(encoder.accounts.as_ref().unwrap().json.as_ptr(), imported);
    }

    #[test]
    fn undo_after_an_edit_reuses_the_earlier_accounts_encoding() {
        let before = document();
        let mut encoder = DocumentEncoder::default();
        encoder.encode(&before);
        let earlier = encoder.accounts.as_ref().unwrap().json.as_ptr();
        let mut edited = before.clone();
        Rc::make_mut(&mut edited.portfolio.accounts)[0].name = "Renamed".into();
        assert_eq!(encoder.encode(&edited), encode(&edited));
        assert_eq!(encoder.encode(&before), encode(&before));
        assert_eq!(encoder.accounts.as_ref().unwrap().json.as_ptr(), earlier);
    }

    #[test]
    fn parts_encoded_beforehand_in_slices_are_what_the_save_writes() {
        use crate::support::sliced::run_in_slices;
        let basis = document();
        let mut encoder = DocumentEncoder::default();
        encoder.encode(&basis);
        // An import makes a new account list and a new plan, and keeps the other plans.
        let mut doc = basis.clone();
        Rc::make_mut(&mut doc.portfolio.accounts)[1].name = "Imported".into();
        let mut plan = Plan::new(300, 2, 0, AT);
        plan.write("vision", "Vision", Content::Text("New \"plan\"".into()), AT);
        doc.plans.plans.push(Rc::new(plan));
        for units in [1, 3, 100] {
            let (done, seen) = run_in_slices(Encoding::new(doc.clone(), &basis), units);
            let (done, encoded) = done;
            let accounts = doc.portfolio.accounts.len();
            assert_eq!(
                seen.len(),
                (accounts + 1).div_ceil(units) - 1,
                "in slices of {units}"
            );
            assert!(seen.iter().all(|p| p.total == accounts + 1));
            assert_eq!(encoded.plans.len(), 1, "only the new plan");
            let mut encoder = DocumentEncoder::default();
            encoder.encode(&basis);
            encoder.take(encoded);
            let taken = encoder.accounts.as_ref().unwrap().json.as_ptr();
            assert_eq!(encoder.encode(&done), encode(&doc));
            // The account list was not encoded again.
            assert_eq!(encoder.accounts.as_ref().unwrap().json.as_ptr(), taken);
        }
        // No accounts at all is an empty list.
        let empty = Document::default();
        let (_, encoded) = crate::support::sliced::run_to_end(Encoding::new(empty.clone(), &empty));
        let mut encoder = DocumentEncoder::default();
        encoder.take(encoded);
        assert_eq!(encoder.encode(&empty), encode(&empty));
    }
}
