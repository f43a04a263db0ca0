//! What an area's update did to the document, and the ids the updates hand out.

use crate::storage::schema::Document;

/// The result of one area update: whether the document changed (and is to be saved), and
/// what the undo notice says when the change can be taken back.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Change {
    pub changed: bool,
    /// `Some` offers to undo the change; undoing goes back to the document as it was.
    pub undo: Option<String>,
}

impl Change {
    /// Nothing changed.
    pub const NONE: Change = Change {
        changed: false,
        undo: None,
    };
    /// The document changed; nothing to offer to undo.
    pub const MADE: Change = Change {
        changed: true,
        undo: None,
    };

    /// The document changed, and the notice offering to undo it says `what`.
    pub fn undoable(what: impl Into<String>) -> Self {
        Self {
            changed: true,
            undo: Some(what.into()),
        }
    }

    /// `MADE` when `changed`, else `NONE`.
    pub fn made_if(changed: bool) -> Self {
        Self {
            changed,
            undo: None,
        }
    }
}

impl Document {
    /// A new id, never handed out before.
    pub fn take_id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }
}
