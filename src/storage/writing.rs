//! Whether this tab can write a stored document yet.
//!
//! The writer (every stored type's serde writer, the document's encoder, the backup file's
//! format) weighs as much as a twelfth of the app's first download, and a first visit has
//! nothing to write until its first change. So on the web it comes with a download of its
//! own (the Writing group of `crate::lazy_screens`), apart from the reader's, so that a
//! reader that cannot be downloaded still leaves a tab able to export what it holds. Until
//! it is here a change is kept in the tab (`storage::save` says it waits, the app fetches the
//! group and saves again, and the page asks before it is closed meanwhile). Off the web it is
//! here from the start.

use std::cell::Cell;

use crate::domain::backup::{self, Scope};
use crate::storage::document_encoder::{DocumentEncoder, Piece};
use crate::storage::schema::Document;

/// The writer of stored documents and of backup files.
#[derive(Clone, Copy)]
pub struct Writing {
    /// The stored text of a document in pieces, re-encoding only what changed since the
    /// encoder last saw it ([`DocumentEncoder::encode_in_pieces`]).
    pub encode: fn(&mut DocumentEncoder, &Document) -> Vec<Piece>,
    /// A backup file of a document ([`backup::export`]).
    pub export: fn(&Document, &str, Scope) -> String,
}

const WRITING: Writing = Writing {
    encode: DocumentEncoder::encode_in_pieces,
    export: backup::export,
};

#[cfg(not(target_family = "wasm"))]
const AT_START: Option<Writing> = Some(WRITING);
#[cfg(target_family = "wasm")]
const AT_START: Option<Writing> = None;

thread_local! {
    static HERE: Cell<Option<Writing>> = const { Cell::new(AT_START) };
}

/// The writer, once it has arrived.
pub fn writing() -> Option<Writing> {
    HERE.with(Cell::get)
}

/// Called only from the Writing group's code, so that what it names leaves the first download
/// with it.
pub fn writing_group_arrived() {
    // Opaque to the optimiser, as the reader is (`reading::reading_group_arrived`).
    HERE.with(|w| w.set(Some(std::hint::black_box(WRITING))));
}
