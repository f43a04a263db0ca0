//! Whether this tab can read a stored document yet.
//!
//! The reader (`schema::decode`: every stored type's serde reader, the migrations, the plan
//! sections' reader) is about a tenth of the app's first download, and a first visit has
//! nothing stored to read. So on the web it comes with a download of its own (the Reading
//! group of `crate::lazy_screens`): the app waits for it before starting when something is
//! stored (`main`), and otherwise starts without it and fetches it once the page is idle.
//! Until it is here, a value another tab stores is left as it is (see `storage::save`).
//! Off the web it is here from the start.

use std::cell::Cell;

use crate::storage::schema::{Document, LoadError};

type Reader = fn(&str) -> Result<Document, LoadError>;

#[cfg(not(target_family = "wasm"))]
const AT_START: Option<Reader> = Some(crate::storage::schema::decode);
#[cfg(target_family = "wasm")]
const AT_START: Option<Reader> = None;

thread_local! {
    static READER: Cell<Option<Reader>> = const { Cell::new(AT_START) };
}

/// The reader of stored documents, once it has arrived.
pub fn reader() -> Option<Reader> {
    READER.with(Cell::get)
}

/// Called only from the Reading group's code, so that the reader leaves the first download
/// with it.
pub fn reading_group_arrived() {
    // Opaque to the optimiser: a global only ever set to one function is otherwise turned
    // into a flag and a direct call, which puts the reader back in the first download.
    let decode: Reader = std::hint::black_box(crate::storage::schema::decode);
    READER.with(|r| r.set(Some(decode)));
}
