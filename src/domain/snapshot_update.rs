//! Changes to the snapshots of the portfolio's positions.

use std::rc::Rc;

use super::change::Change;
use super::snapshots::{self, Snapshot, SnapshotId};
use crate::storage::schema::Document;

/// A change to the snapshots.
#[derive(Clone, Debug, PartialEq)]
pub enum SnapshotAction {
    RecordSnapshot { at: String },
    DeleteSnapshot(SnapshotId),
}

/// Applies `action` to the snapshots of `doc`.
pub fn update(doc: &mut Document, action: SnapshotAction) -> Change {
    match action {
        SnapshotAction::RecordSnapshot { at } => {
            let weights = &doc.settings.weights;
            let snapshot = snapshots::take(0, &at, &doc.portfolio.accounts, weights);
            // A snapshot of no rated account would show nothing, ever.
            if snapshot.positions.is_empty() {
                return Change::NONE;
            }
            let id = doc.take_id();
            let n = snapshot.positions.len();
            Rc::make_mut(&mut doc.portfolio.snapshots).push(Snapshot { id, ..snapshot });
            // The toast confirms it; the snapshot appears only in a list further down.
            Change::undoable(format!(
                "Recorded a snapshot of {n} {}.",
                if n == 1 { "account" } else { "accounts" }
            ))
        }
        SnapshotAction::DeleteSnapshot(id) => {
            match doc.portfolio.snapshots.iter().position(|s| s.id == id) {
                Some(position) => {
                    Rc::make_mut(&mut doc.portfolio.snapshots).remove(position);
                    Change::undoable("Snapshot deleted.")
                }
                None => Change::NONE,
            }
        }
    }
}
