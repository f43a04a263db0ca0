//! Changes to the prospects: results received from prospects' links, apart from the history.

use super::change::Change;
use super::history::AssessmentId;
use super::prospects::{received_from, Prospect, ProspectId};
use super::share::SharedResult;
use crate::storage::schema::Document;

/// A change to the prospects.
#[derive(Clone, Debug, PartialEq)]
pub enum ProspectAction {
    /// Adds a result received from a prospect's link to the prospects, apart from the
    /// history; its id is `doc.next_id` at dispatch. A link already added is not added again.
    AddProspect {
        result: SharedResult,
        link: String,
        at: String,
    },
    DeleteProspect(ProspectId),
    /// Moves shared copies saved to the history into the prospects, undoable in one step.
    MoveToProspects {
        ids: Vec<AssessmentId>,
        at: String,
    },
}

/// Applies `action` to the prospects of `doc` (and the history it moves results from).
pub fn update(doc: &mut Document, action: ProspectAction) -> Change {
    match action {
        ProspectAction::AddProspect { result, link, at } => {
            if received_from(&doc.prospects, &link).is_some() {
                return Change::NONE;
            }
            let id = doc.take_id();
            let prospect = Prospect::received(id, &at, &result, &link);
            doc.prospects.push(prospect);
            Change::MADE
        }
        ProspectAction::DeleteProspect(id) => match doc.prospects.iter().position(|p| p.id == id) {
            Some(position) => {
                let prospect = doc.prospects.remove(position);
                Change::undoable(format!("Deleted the result of {}.", prospect.title()))
            }
            None => Change::NONE,
        },
        ProspectAction::MoveToProspects { ids, at } => {
            let (moved, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut doc.grader.history)
                .into_iter()
                .partition(|a| ids.contains(&a.id));
            doc.grader.history = kept;
            if moved.is_empty() {
                return Change::NONE;
            }
            for a in &moved {
                let id = doc.take_id();
                let prospect = Prospect::moved_from_history(id, &at, a);
                doc.prospects.push(prospect);
            }
            Change::undoable(match moved.len() {
                1 => "Moved 1 result to Prospects.".to_string(),
                n => format!("Moved {n} results to Prospects."),
            })
        }
    }
}
