//! Whether this tab can read a stored document yet.
//!
//! The reader (`schema::decode`: every stored type's serde reader, the migrations, the plan
//! sections' reader) and the joining of another tab's changes (`tab_merge::join`) are about a
//! quarter of what the app's first download held, and a first visit has nothing stored to
//! read. So on the web they come with a download of their own (the Reading group of
//! `crate::lazy_screens`): the app waits for it before starting when something is stored
//! (`main`), and otherwise starts without it and fetches it once the page is idle. Until it is
//! here, a value another tab stores is left as it is (see `storage::save`). Off the web it is
//! here from the start. Both come as one, so that what has been read can always be joined.

use std::cell::Cell;

use crate::domain::removed::Removed;
use crate::storage::schema::{Document, LoadError};
use crate::storage::tab_merge::{self, Joined};

/// The reader of stored documents and the join of another tab's document with this tab's.
#[derive(Clone, Copy)]
pub struct Reading {
    pub decode: fn(&str) -> Result<Document, LoadError>,
    pub join: Join,
    pub removal: Removal,
}

/// What puts records a delete removed back after later changes ([`Removed`]), kept by the
/// undo that uses it. Any two are equal: there is one.
#[derive(Clone, Copy)]
pub struct Removal {
    pub between: fn(&Document, &Document) -> Option<Removed>,
    pub accounts_gone: fn(&Document, &Document) -> Option<Removed>,
    pub could_come_back: fn(&Removed, &Document, &Document) -> bool,
    pub put_back: fn(&Removed, &Document) -> Option<Document>,
}

const REMOVAL: Removal = Removal {
    between: Removed::between,
    accounts_gone: Removed::accounts_gone,
    could_come_back: Removed::could_come_back,
    put_back: Removed::put_back,
};

impl PartialEq for Removal {
    fn eq(&self, _: &Removal) -> bool {
        true
    }
}

impl std::fmt::Debug for Removal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Removal")
    }
}

/// Joins `theirs`, saved by another tab starting from `base`, with `mine`
/// ([`tab_merge::join`]). Carried by the action that asks for the join, which can only be
/// made once the reader has read `theirs`. Any two are equal: there is one join.
#[derive(Clone, Copy)]
pub struct Join(fn(&Document, &Document, &Document) -> Joined);

impl Join {
    pub fn join(self, base: &Document, mine: &Document, theirs: &Document) -> Joined {
        (self.0)(base, mine, theirs)
    }
}

impl PartialEq for Join {
    fn eq(&self, _: &Join) -> bool {
        true
    }
}

impl std::fmt::Debug for Join {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Join")
    }
}

/// The join, off the web (native tests and the server-side render).
#[cfg(not(target_family = "wasm"))]
pub const JOIN: Join = Join(tab_merge::join);

#[cfg(not(target_family = "wasm"))]
const AT_START: Option<Reading> = Some(Reading {
    decode: crate::storage::schema::decode,
    join: JOIN,
    removal: REMOVAL,
});
#[cfg(target_family = "wasm")]
const AT_START: Option<Reading> = None;

thread_local! {
    static READING: Cell<Option<Reading>> = const { Cell::new(AT_START) };
}

/// The reader of stored documents and the join, once they have arrived.
pub fn reading() -> Option<Reading> {
    READING.with(Cell::get)
}

/// Called only from the Reading group's code, so that what it names leaves the first download
/// with it.
pub fn reading_group_arrived() {
    // Opaque to the optimiser: a global only ever set to one value is otherwise turned into a
    // flag and direct calls, which puts the reader back in the first download.
    let reading = std::hint::black_box(Reading {
        decode: crate::storage::schema::decode,
        join: Join(tab_merge::join),
        removal: REMOVAL,
    });
    READING.with(|r| r.set(Some(reading)));
}
