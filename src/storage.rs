//! The only code that touches localStorage. It reads and writes one namespaced key holding
//! the versioned document of `storage::schema`, and never overwrites a value it could not read.
//!
//! It talks to `web_sys::Storage` directly rather than through `gloo-storage`, whose accessor
//! panics when storage is disabled (private modes, blocked cookies); here that is a message.

pub mod damaged_text;
pub mod document_encoder;
pub mod reading;
pub mod room;
pub mod salvage;
pub mod schema;
pub mod tab_merge;
pub mod write_stamp;
pub mod writing;

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo_events::EventListener;
use js_sys::{JsString, Uint8Array};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Storage, StorageEvent};

use crate::storage::document_encoder::{DocumentEncoder, Encoded, Piece};
use crate::storage::room::{storage_full, SiteUse};
use crate::storage::schema::{Document, LoadError};
use crate::storage::write_stamp::{stamp_in, stamp_of, WriteHistory, WriteStamp};
use crate::support::sliced::{Progress, Sliced, Unit};

/// The key holding the user's document.
pub const KEY: &str = "account-grader";
/// Unreadable values are copied to this key, or to `KEY.2`, `KEY.3`, ... when taken.
pub const BACKUP_KEY: &str = "account-grader.unreadable-backup";

/// The last column mapping of a spreadsheet import. Kept apart from the document: it is a
/// habit of this browser's imports rather than the user's data, so it stays out of backups,
/// other tabs' merges and the schema, which need no new version for it.
pub const CSV_MAPPING_KEY: &str = "account-grader.csv-mapping";

/// The mapping remembered from the last spreadsheet import; none when there was none, or
/// when what is stored cannot be read (it is only a convenience).
pub fn csv_mapping() -> crate::domain::csv_import::RememberedMapping {
    local_storage()
        .ok()
        .and_then(|s| s.get_item(CSV_MAPPING_KEY).ok().flatten())
        .and_then(|text| crate::support::json::read(&text).ok())
        .unwrap_or_default()
}

/// Remembers the mapping of an import for the next one. A refusal is let go: the import
/// itself has been done, and only the convenience is lost.
pub fn remember_csv_mapping(mapping: &crate::domain::csv_import::RememberedMapping) {
    if let (Ok(storage), Ok(text)) = (local_storage(), serde_json::to_string(mapping)) {
        let _ = storage.set_item(CSV_MAPPING_KEY, &text);
    }
}

/// What was found in the browser at start-up.
pub enum Loaded {
    /// Nothing stored yet: a first visit.
    FirstRun,
    Document(Box<Document>),
    /// Something is stored but cannot be read. It has been left in place; `backup` says where
    /// a copy was also put, or why that failed.
    Unreadable {
        error: LoadError,
        raw: String,
        backup: Result<String, String>,
    },
    /// The browser gives this page no storage at all.
    Unavailable(String),
    /// Something is stored, but the reader of stored data did not arrive
    /// (`storage::reading`): nothing was read, and nothing will be written over it.
    NotRead,
}

/// Whether the browser holds a document for `load` to read, which needs the reader
/// (`storage::reading`) to have arrived first.
pub fn holds_a_document() -> bool {
    local_storage()
        .and_then(|storage| read_value(&storage, KEY).map_err(|e| describe(&e)))
        .is_ok_and(|value| !value.is_null() && !value.is_undefined())
}

fn local_storage() -> Result<Storage, String> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or_else(|| {
            "This browser does not let Account Grader store data (storage is blocked or \
             disabled), so nothing you enter will be kept after you close the tab."
                .to_string()
        })
}

/// Reads the user's document.
pub fn load() -> Loaded {
    let storage = match local_storage() {
        Ok(s) => s,
        Err(why) => return Loaded::Unavailable(why),
    };
    let value = match read_value(&storage, KEY) {
        Ok(value) => value,
        Err(e) => return Loaded::Unavailable(describe(&e)),
    };
    let Some(raw) = text_of(value.clone()) else {
        return Loaded::FirstRun;
    };
    let Some(reading::Reading { decode, .. }) = reading::reading() else {
        KNOWN.with(|known| {
            let mut known = known.borrow_mut();
            known.stopped = Some(LoadError::ReaderNotDownloaded);
            // Its size is known without reading it, and Settings says it.
            known.size = Some(raw.len());
        });
        return Loaded::NotRead;
    };
    match decode(&raw) {
        Ok(doc) => {
            KNOWN.with(|known| {
                known
                    .borrow_mut()
                    .remember(value, stamp_of(&raw), raw.len(), &doc)
            });
            Loaded::Document(Box::new(doc))
        }
        Err(error) => {
            let backup = back_up(&storage, &raw);
            KNOWN.with(|known| {
                let mut known = known.borrow_mut();
                known.value = value;
                known.size = Some(raw.len());
            });
            Loaded::Unreadable { error, raw, backup }
        }
    }
}

#[wasm_bindgen]
extern "C" {
    /// `Storage`, with `getItem` returning the JavaScript string as it is.
    type RawStorage;
    #[wasm_bindgen(method, catch, js_name = getItem)]
    fn get_item(this: &RawStorage, key: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, js_name = setItem)]
    fn set_item(this: &RawStorage, key: &str, value: &JsValue) -> Result<(), JsValue>;

    type TextDecoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextDecoder;
    #[wasm_bindgen(method)]
    fn decode(this: &TextDecoder, bytes: &Uint8Array) -> JsValue;

    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    #[wasm_bindgen(method)]
    fn encode(this: &TextEncoder, text: &JsValue) -> Uint8Array;
}

/// `Storage::get_item` for large values: wasm-bindgen copies a returned string into the module
/// one character at a time in JavaScript, which took about 90 ms for a document of 3 MB; the
/// browser's own `TextEncoder` ([`text_of`]) does it at memory speed, and only when needed.
fn read(storage: &Storage, key: &str) -> Result<Option<String>, JsValue> {
    Ok(text_of(read_value(storage, key)?))
}

fn read_value(storage: &Storage, key: &str) -> Result<JsValue, JsValue> {
    storage.unchecked_ref::<RawStorage>().get_item(key)
}

/// A JavaScript string (or null) as Rust text, copied at memory speed.
fn text_of(value: JsValue) -> Option<String> {
    if value.is_null() || value.is_undefined() {
        return None;
    }
    let bytes = TextEncoder::new().encode(&value).to_vec();
    // TextEncoder writes UTF-8 (lone surrogates become U+FFFD), so nothing is ever replaced.
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

/// `Storage::set_item` of a browser string ([`browser_text`]).
///
/// This is the one part of a save that cannot be done a slice at a time: localStorage takes
/// a value whole, in one call, so a large document is written in one task however the
/// encoding before it was sliced.
fn write(storage: &Storage, key: &str, value: JsValue) -> Result<JsValue, JsValue> {
    storage
        .unchecked_ref::<RawStorage>()
        .set_item(key, &value)
        .map(|()| value)
}

/// The browser's string of the text `pieces` make, for [`write`], the mirror of [`read`]: the
/// text goes across as bytes and the browser decodes it, rather than passing through
/// wasm-bindgen's string conversion (which, with interning on, also hashes the whole text to
/// look for it in the intern table). A large piece the browser already has a copy of
/// ([`HandingOver`]) is not copied again: the pieces are joined by the browser, which links
/// strings rather than copying them.
fn browser_text(pieces: &[Piece]) -> JsString {
    fn flush(value: &mut JsString, small: &mut String) {
        if !small.is_empty() {
            *value = value.concat(&js_text(small));
            small.clear();
        }
    }
    let mut value = JsString::from("");
    let mut small = String::new();
    for piece in pieces {
        match piece {
            Piece::Kept(part) if part.len() >= HANDED_OVER_FROM => {
                flush(&mut value, &mut small);
                value = value.concat(&handed_over(part));
            }
            piece => small.push_str(piece.as_str()),
        }
    }
    flush(&mut value, &mut small);
    value
}

fn js_text(text: &str) -> JsValue {
    TextDecoder::new().decode(&Uint8Array::from(text.as_bytes()))
}

/// From this size on, a part of the document keeps its copy in the browser for the saves
/// after: the account list of a large portfolio, not each plan.
const HANDED_OVER_FROM: usize = 64 * 1024;

thread_local! {
    /// The browser's copies of large parts of the document, by the encoder's text they were
    /// made from (held weakly: a part the encoder no longer keeps has its copy dropped too).
    static HANDED_OVER: RefCell<Vec<(Weak<str>, JsValue)>> = const { RefCell::new(Vec::new()) };
}

/// The browser's copy of `part`, made now unless it was made already.
fn handed_over(part: &Rc<str>) -> JsValue {
    HANDED_OVER.with(|handed| {
        let mut handed = handed.borrow_mut();
        handed.retain(|(source, _)| source.strong_count() > 0);
        if let Some((_, copy)) = handed
            .iter()
            .find(|(source, _)| std::ptr::addr_eq(source.as_ptr(), Rc::as_ptr(part)))
        {
            return copy.clone();
        }
        let copy = js_text(part);
        handed.push((Rc::downgrade(part), copy.clone()));
        copy
    })
}

/// Hands the account list of an import, encoded beforehand
/// ([`Encoding`](document_encoder::Encoding)), to the browser
/// a slice at a time, for its save: copying the text of 50 000 accounts to the browser in
/// one go held the page for tens of milliseconds.
pub struct HandingOver {
    encoded: Option<(Box<Document>, Encoded)>,
    text: Rc<str>,
    at: usize,
    copy: JsString,
    /// Accounts in the list, for the progress shown.
    accounts: usize,
}

impl HandingOver {
    pub fn new((doc, encoded): (Box<Document>, Encoded)) -> Self {
        let text = encoded
            .accounts_json()
            .cloned()
            .unwrap_or_else(|| "".into());
        HandingOver {
            accounts: doc.portfolio.accounts.len(),
            encoded: Some((doc, encoded)),
            text,
            at: 0,
            copy: JsString::from(""),
        }
    }
}

/// Bytes handed over in one unit of work.
const HANDED_PER_UNIT: usize = 32 * 1024;

impl Sliced for HandingOver {
    type Output = (Box<Document>, Encoded);

    fn advance(&mut self, units: usize) -> Option<Self::Output> {
        for _ in 0..units {
            if self.at == self.text.len() {
                break;
            }
            let mut end = (self.at + HANDED_PER_UNIT).min(self.text.len());
            while !self.text.is_char_boundary(end) {
                end += 1;
            }
            self.copy = self.copy.concat(&js_text(&self.text[self.at..end]));
            self.at = end;
        }
        if self.at < self.text.len() {
            return None;
        }
        if self.text.len() >= HANDED_OVER_FROM {
            let copy = JsValue::from(std::mem::replace(&mut self.copy, JsString::from("")));
            HANDED_OVER.with(|handed| {
                let mut handed = handed.borrow_mut();
                handed.retain(|(source, _)| source.strong_count() > 0);
                handed.push((Rc::downgrade(&self.text), copy));
            });
        }
        self.encoded.take()
    }

    fn progress(&self) -> Progress {
        // In u64: on wasm32 a usize product of 50 000 accounts and 12 MB passes 2^32.
        let done = (self.accounts as u64 * self.at as u64 / self.text.len().max(1) as u64) as usize;
        Progress::new(
            "Preparing",
            done,
            self.accounts,
            Unit::Records("accounts to save"),
        )
    }
}

fn back_up(storage: &Storage, raw: &str) -> Result<String, String> {
    let key = backup_slot(raw, |k| storage.get_item(k).ok().flatten());
    storage.set_item(&key, raw).map(|()| key).map_err(|e| {
        if error_name(&e) == QUOTA_EXCEEDED {
            "there is not enough room left in this browser's storage for a second copy".into()
        } else {
            format!("the browser refused to store a copy: {}", error_name(&e))
        }
    })
}

/// The copies of unreadable data kept under the backup keys, with their size in bytes.
pub fn kept_copies() -> Vec<(String, usize)> {
    let Ok(storage) = local_storage() else {
        return Vec::new();
    };
    let count = storage.length().unwrap_or(0);
    let mut copies: Vec<(String, usize)> = (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|key| key == BACKUP_KEY || key.starts_with(&format!("{BACKUP_KEY}.")))
        .filter_map(|key| {
            let size = read(&storage, &key).ok().flatten()?.len();
            Some((key, size))
        })
        .collect();
    // In the order they were made: the key, then its number.
    crate::support::sorting::sort_by_cached_key(&mut copies, |(key, _)| (key.len(), key.clone()));
    copies
}

/// The stored document's text as it is, which a tab that cannot read it can still hand over;
/// `None` when nothing is stored, or why the browser's storage could not be read.
pub fn stored_text() -> Result<Option<String>, String> {
    let storage = local_storage()?;
    read(&storage, KEY).map_err(|e| describe(&e))
}

/// The text of one kept copy.
pub fn kept_copy(key: &str) -> Option<String> {
    local_storage()
        .ok()
        .and_then(|storage| read(&storage, key).ok().flatten())
}

/// Lets the next save try even a text as long as one the browser refused for want of room:
/// the user asks to try again.
pub fn forget_refusal() {
    KNOWN.with(|known| known.borrow_mut().refused = Refusal::default());
}

/// Deletes one kept copy, at the user's explicit request.
pub fn delete_kept_copy(key: &str) -> Result<(), String> {
    local_storage()?
        .remove_item(key)
        .map_err(|e| describe(&e))?;
    // Room was made: a text refused before may fit now.
    KNOWN.with(|known| known.borrow_mut().refused = Refusal::default());
    Ok(())
}

/// The first backup key that is free or already holds this very text, so an earlier backup of
/// different text is never overwritten and the same text is not copied twice.
fn backup_slot(raw: &str, stored: impl Fn(&str) -> Option<String>) -> String {
    (1..)
        .map(|n| match n {
            1 => BACKUP_KEY.to_string(),
            n => format!("{BACKUP_KEY}.{n}"),
        })
        .find(|key| stored(key).is_none_or(|existing| existing == raw))
        .expect("the sequence of keys is endless")
}

/// What this tab knows of the stored value: the value last read or written under `KEY`, kept
/// as the browser's own string so that the check before each write is the engine's string
/// comparison rather than a copy into the module, and the documents of the last few writes.
#[derive(Default)]
struct Known {
    value: JsValue,
    /// The UTF-8 size of that value.
    size: Option<usize>,
    history: WriteHistory,
    /// This tab's name in write ids, and how many writes it made.
    tab: String,
    writes: u64,
    /// The revision of the app state that was saved last.
    saved_revision: u64,
    /// Set once another tab stored what this one must not overwrite, or when what was stored
    /// at start could not be read for want of the reader; never cleared.
    stopped: Option<LoadError>,
    refused: Refusal,
    /// What was said when the browser last refused a save for want of room, said again while
    /// saves are not tried.
    full: Option<String>,
}

/// The shortest text the browser refused for want of room, since the last write it took, in
/// UTF-16 units as the quota counts them.
/// A text at least as long is refused again (a refused write of a large document costs as
/// much as a write), so it is not tried; a shorter one is.
#[derive(Default)]
struct Refusal(Option<usize>);

impl Refusal {
    fn worth_trying(&self, len: usize) -> bool {
        self.0.is_none_or(|refused| len < refused)
    }

    fn refused(&mut self, len: usize) {
        self.0 = Some(self.0.map_or(len, |refused| refused.min(len)));
    }
}

impl Known {
    /// Records that `value` is stored now: `doc`, written as `stamp`, `size` bytes long.
    fn remember(&mut self, value: JsValue, stamp: Option<WriteStamp>, size: usize, doc: &Document) {
        self.history.remember(stamp, doc);
        self.value = value;
        self.size = Some(size);
    }

    /// True when `value` (what is stored now) is not what this tab last read or wrote.
    fn is_news(&self, value: &JsValue) -> bool {
        !value.is_null() && !value.is_undefined() && *value != self.value
    }

    /// Reads what another tab stored: its document with the one to join it from, or why
    /// this tab must stop saving. Before the reader has arrived nothing is read or
    /// remembered, so the value stays news until it has.
    fn other_tabs_value(&mut self, value: JsValue) -> OtherTabChange {
        let Some(reading::Reading { decode, join, .. }) = reading::reading() else {
            return OtherTabChange::NotReadYet;
        };
        let text = text_of(value.clone()).unwrap_or_default();
        match decode(&text) {
            Ok(theirs) => {
                let base = self.history.base_of(stamp_of(&text).as_ref());
                self.remember(value, stamp_of(&text), text.len(), &theirs);
                OtherTabChange::Saved(Box::new(OtherTabSaved { base, theirs, join }))
            }
            Err(why) => {
                self.stopped = Some(why.clone());
                OtherTabChange::Unreadable(why)
            }
        }
    }
}

thread_local! {
    static ENCODER: RefCell<DocumentEncoder> = RefCell::new(DocumentEncoder::default());
    static KNOWN: RefCell<Known> = RefCell::new(Known {
        tab: tab_name(),
        ..Known::default()
    });
}

/// A short random name, so that the write ids of two tabs never meet.
fn tab_name() -> String {
    let n = (js_sys::Math::random() * 2f64.powi(48)) as u64;
    format!("{n:x}")
}

/// Encodes the document once, off the path of any change, so that the first save after
/// start-up already re-encodes only what changed.
pub fn prepare_to_save(doc: &Document) {
    if let Some(writing) = writing::writing() {
        ENCODER.with(|encoder| (writing.encode)(&mut encoder.borrow_mut(), doc));
    }
}

/// Keeps the JSON of a document's new parts, encoded beforehand a slice at a time (by an
/// import), for the save of that document.
pub fn take_encoded(encoded: crate::storage::document_encoder::Encoded) {
    ENCODER.with(|encoder| encoder.borrow_mut().take(encoded));
}

/// A document another tab saved, the one of this tab's that its changes started from, and
/// the join that arrived with the reader that read it.
pub struct OtherTabSaved {
    pub base: Document,
    pub theirs: Document,
    pub join: reading::Join,
}

/// What another tab stored, as this tab found it.
pub enum OtherTabChange {
    /// A document to join with this tab's.
    Saved(Box<OtherTabSaved>),
    /// A value this build cannot read: this tab must stop saving.
    Unreadable(LoadError),
    /// A value this tab cannot read until its reader has arrived ([`reading`]); nothing is
    /// written over it meanwhile. [`look_at_other_tab`] reads it then.
    NotReadYet,
}

/// Why a save did not happen.
pub enum SaveError {
    /// The browser refused; nothing already stored has changed.
    Refused(String),
    /// Another tab stored something since this one last looked: join its document with
    /// this tab's changes, then save again, or stop saving, or wait for the reader.
    OtherTab(OtherTabChange),
    /// This tab no longer saves at all: another tab stored a value this build cannot read
    /// (a newer version, or damage), or what was stored at start could not be read.
    Stopped(LoadError),
    /// The writer has not arrived yet (`writing`): save again once it has.
    WriterOnItsWay,
}

/// Writes the user's document (as of app revision `revision`), unless another tab stored
/// something since this tab last looked; on any error nothing stored has changed.
pub fn save(doc: &Document, revision: u64) -> Result<(), SaveError> {
    let storage = local_storage().map_err(SaveError::Refused)?;
    KNOWN.with(|known| {
        let mut known = known.borrow_mut();
        if let Some(why) = &known.stopped {
            return Err(SaveError::Stopped(why.clone()));
        }
        // Checked right before writing, because the storage event that tells of another
        // tab's write may still be on its way.
        let stored = read_value(&storage, KEY).map_err(|e| SaveError::Refused(describe(&e)))?;
        if known.is_news(&stored) {
            return Err(SaveError::OtherTab(known.other_tabs_value(stored)));
        }
        let Some(writing) = writing::writing() else {
            return Err(SaveError::WriterOnItsWay);
        };
        known.writes += 1;
        let stamp = WriteStamp {
            id: format!("{}-{}", known.tab, known.writes),
            after: known.history.current.id.clone(),
        };
        let mut pieces = ENCODER.with(|encoder| (writing.encode)(&mut encoder.borrow_mut(), doc));
        if let Some(Piece::Text(head)) = pieces.first_mut() {
            stamp_in(head, &stamp);
        }
        let text = browser_text(&pieces);
        // The length of the browser's string is what its quota counts: UTF-16 units, which
        // for accented or CJK names are fewer than UTF-8 bytes, so a text longer in bytes
        // than one refused may still fit. It costs nothing to read, where counting them in
        // the module would be a pass over the whole text.
        let units = text.length() as usize;
        if !known.refused.worth_trying(units) {
            let full = known.full.clone();
            return Err(SaveError::Refused(
                full.unwrap_or_else(|| storage_full(None)),
            ));
        }
        let value = write(&storage, KEY, text.into()).map_err(|e| {
            if error_name(&e) != QUOTA_EXCEEDED {
                return SaveError::Refused(describe(&e));
            }
            known.refused.refused(units);
            let full = storage_full(Some(site_use(&storage, units)));
            known.full = Some(full.clone());
            SaveError::Refused(full)
        })?;
        known.refused = Refusal::default();
        let bytes = pieces.iter().map(|p| p.as_str().len()).sum();
        known.remember(value, Some(stamp), bytes, doc);
        known.saved_revision = revision;
        Ok(())
    })
}

/// The app revision this tab saved last.
pub fn saved_revision() -> u64 {
    KNOWN.with(|known| known.borrow().saved_revision)
}

/// The size in bytes of the value stored under `KEY`, as this tab last read or wrote it.
pub fn stored_size() -> Option<usize> {
    KNOWN.with(|known| known.borrow().size)
}

/// Calls `changed` whenever another tab of this app stores a new value (see
/// [`look_at_other_tab`]). Dropping the listener stops it.
pub fn listen_to_other_tabs(changed: impl Fn(OtherTabChange) + 'static) -> Option<EventListener> {
    let window = web_sys::window()?;
    Some(EventListener::new(&window, "storage", move |event| {
        let Some(event) = event.dyn_ref::<StorageEvent>() else {
            return;
        };
        // No key: another tab cleared all of this site's storage.
        if event.key().is_some_and(|k| k != KEY) {
            // Another page of the site (or a tab deleting a kept copy) changed what takes
            // the room: a text refused for want of it may fit now, and what was said of
            // where the room went may no longer hold.
            KNOWN.with(|known| {
                let mut known = known.borrow_mut();
                known.refused = Refusal::default();
                known.full = None;
            });
            return;
        }
        if let Some(change) = look_at_other_tab() {
            changed(change);
        }
    }))
}

/// What another tab stored since this tab last read or wrote the value, if anything, unless
/// this tab has stopped saving. The value stored now is read, rather than a storage event's:
/// events can arrive after this tab has already read (and joined) the value they carry.
pub fn look_at_other_tab() -> Option<OtherTabChange> {
    let stored = local_storage()
        .and_then(|s| read_value(&s, KEY).map_err(|_| String::new()))
        .ok()?;
    KNOWN.with(|known| {
        let mut known = known.borrow_mut();
        (known.stopped.is_none() && known.is_news(&stored)).then(|| known.other_tabs_value(stored))
    })
}

fn error_name(error: &JsValue) -> String {
    js_sys::Reflect::get(error, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default()
}

const QUOTA_EXCEEDED: &str = "QuotaExceededError";

/// What takes this site's storage, once a save of `ours` characters was refused: read only
/// then, as it reads every other value stored (the app's own is not read: it is the one
/// refused, and the save's is the size that counts).
fn site_use(storage: &Storage, ours: usize) -> SiteUse {
    let mut used = SiteUse {
        ours,
        kept: 0,
        others: 0,
    };
    for i in 0..storage.length().unwrap_or(0) {
        let Some(key) = storage.key(i).ok().flatten() else {
            continue;
        };
        if key == KEY {
            continue;
        }
        // In UTF-16 units, as the quota counts keys and values alike.
        let size = key.encode_utf16().count()
            + storage
                .get_item(&key)
                .ok()
                .flatten()
                .map_or(0, |v| v.encode_utf16().count());
        if key.starts_with(BACKUP_KEY) {
            used.kept += size;
        } else if key.starts_with(&format!("{KEY}.")) {
            // The app's small remembered choices (the spreadsheet columns, say).
            used.ours += size;
        } else {
            used.others += size;
        }
    }
    used
}

fn describe(error: &JsValue) -> String {
    let name = error_name(error);
    if name == QUOTA_EXCEEDED {
        storage_full(None)
    } else {
        format!(
            "The browser refused to store your data ({}). Your latest changes are kept only in \
             this tab for now.",
            if name.is_empty() {
                "unknown error"
            } else {
                &name
            }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn a_text_as_long_as_one_refused_for_want_of_room_is_not_tried_again() {
        let mut refusal = Refusal::default();
        assert!(refusal.worth_trying(5_000_000));
        refusal.refused(4_000_000);
        assert!(!refusal.worth_trying(4_000_000));
        assert!(!refusal.worth_trying(6_000_000));
        assert!(refusal.worth_trying(3_999_999), "a shorter text may fit");
        // A longer one refused later does not raise the bar.
        refusal.refused(5_000_000);
        assert!(!refusal.worth_trying(4_500_000));
    }

    #[test]
    fn backups_never_overwrite_other_text() {
        let mut stored = HashMap::new();
        let slot = |stored: &HashMap<String, String>, raw: &str| {
            backup_slot(raw, |k| stored.get(k).cloned())
        };
        assert_eq!(slot(&stored, "a"), BACKUP_KEY);
        stored.insert(BACKUP_KEY.to_string(), "a".to_string());
        assert_eq!(slot(&stored, "a"), BACKUP_KEY);
        assert_eq!(slot(&stored, "b"), format!("{BACKUP_KEY}.2"));
        stored.insert(format!("{BACKUP_KEY}.2"), "b".to_string());
        assert_eq!(slot(&stored, "c"), format!("{BACKUP_KEY}.3"));
    }
}
