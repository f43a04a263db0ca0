//! The only code that touches localStorage. It reads and writes one namespaced key holding
//! the versioned document of `domain::schema`, and never overwrites a value it could not read.
//!
//! It talks to `web_sys::Storage` directly rather than through `gloo-storage`, whose accessor
//! panics when storage is disabled (private modes, blocked cookies); here that is a message.

use std::cell::RefCell;
use std::collections::VecDeque;

use gloo_events::EventListener;
use js_sys::Uint8Array;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Storage, StorageEvent};

use crate::domain::document_encoder::DocumentEncoder;
use crate::domain::schema::{decode, Document, LoadError};
use crate::domain::write_stamp::{stamp_of, stamped, WriteStamp};

/// The key holding the user's document.
pub const KEY: &str = "account-grader";
/// Unreadable values are copied to this key, or to `KEY.2`, `KEY.3`, ... when taken.
pub const BACKUP_KEY: &str = "account-grader.unreadable-backup";

/// What was found in the browser at start-up.
pub enum Loaded {
    /// Nothing stored yet: a first visit.
    FirstRun,
    Document(Document),
    /// Something is stored but cannot be read. It has been left in place; `backup` says where
    /// a copy was also put, or why that failed.
    Unreadable {
        error: LoadError,
        raw: String,
        backup: Result<String, String>,
    },
    /// The browser gives this page no storage at all.
    Unavailable(String),
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
    let raw = match read(&storage, KEY) {
        Ok(Some(raw)) => raw,
        Ok(None) => return Loaded::FirstRun,
        Err(e) => return Loaded::Unavailable(describe(&e)),
    };
    match decode(&raw) {
        Ok(doc) => {
            KNOWN.with(|known| known.borrow_mut().remember(raw, &doc));
            Loaded::Document(doc)
        }
        Err(error) => {
            let backup = back_up(&storage, &raw);
            KNOWN.with(|known| known.borrow_mut().text = Some(raw.clone()));
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

/// `Storage::get_item`, made fast for large values. wasm-bindgen copies a returned string into
/// the module one character at a time in JavaScript, which took about 90 ms for a document of
/// 3 MB; the browser's own `TextEncoder` does it at memory speed.
fn read(storage: &Storage, key: &str) -> Result<Option<String>, JsValue> {
    Ok(text_of(
        storage.unchecked_ref::<RawStorage>().get_item(key)?,
    ))
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

/// `Storage::set_item`, the mirror of [`read`]: the text goes across as bytes and the browser
/// decodes it, rather than passing through wasm-bindgen's string conversion (which, with
/// interning on, also hashes the whole text to look for it in the intern table).
fn write(storage: &Storage, key: &str, text: &str) -> Result<(), JsValue> {
    let value = TextDecoder::new().decode(&Uint8Array::from(text.as_bytes()));
    storage.unchecked_ref::<RawStorage>().set_item(key, &value)
}

fn back_up(storage: &Storage, raw: &str) -> Result<String, String> {
    let key = backup_slot(raw, |k| storage.get_item(k).ok().flatten());
    storage
        .set_item(&key, raw)
        .map(|()| key)
        .map_err(|e| describe(&e))
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

/// What this tab knows of the stored value: the text last read or written under `KEY`, and
/// the documents of the last few writes by id, so that another tab's write can be joined
/// with this tab's changes from the document that write started from.
#[derive(Default)]
struct Known {
    text: Option<String>,
    stamp: WriteStamp,
    documents: VecDeque<(String, Document)>,
    /// This tab's name in write ids, and how many writes it made.
    tab: String,
    writes: u64,
    /// Set once another tab stored what this one must not overwrite; never cleared.
    stopped: Option<LoadError>,
}

/// How many earlier documents are kept to join with: another tab's write starts from one of
/// the last few, since each tab picks up the others' writes within milliseconds.
const DOCUMENTS_KEPT: usize = 8;

impl Known {
    fn remember(&mut self, text: String, doc: &Document) {
        let stamp = stamp_of(&text).unwrap_or_default();
        self.documents.push_front((stamp.id.clone(), doc.clone()));
        self.documents.truncate(DOCUMENTS_KEPT);
        self.text = Some(text);
        self.stamp = stamp;
    }

    /// The document another tab's write started from: the one it names when this tab knows
    /// it, else the latest this tab knows (the other tab is then of a build without stamps).
    fn base_of(&self, stamp: &Option<WriteStamp>) -> Document {
        stamp
            .as_ref()
            .filter(|s| !s.after.is_empty())
            .and_then(|s| self.documents.iter().find(|(id, _)| *id == s.after))
            .or(self.documents.front())
            .map(|(_, doc)| doc.clone())
            .unwrap_or_default()
    }

    /// Reads what another tab stored: its document with the one to join it from, or why
    /// this tab must stop saving.
    fn other_tabs_value(&mut self, text: String) -> Result<OtherTabSaved, LoadError> {
        match decode(&text) {
            Ok(theirs) => {
                let stamp = stamp_of(&text);
                let base = self.base_of(&stamp);
                self.remember(text, &theirs);
                Ok(OtherTabSaved { base, theirs })
            }
            Err(why) => {
                self.stopped = Some(why.clone());
                Err(why)
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
    ENCODER.with(|encoder| encoder.borrow_mut().encode(doc));
}

/// A document another tab saved, and the one of this tab's that its changes started from.
pub struct OtherTabSaved {
    pub base: Document,
    pub theirs: Document,
}

/// Why a save did not happen.
pub enum SaveError {
    /// The browser refused; nothing already stored has changed.
    Refused(String),
    /// Another tab saved since this one last looked: join its document with this tab's
    /// changes, then save again.
    OtherTabSaved(Box<OtherTabSaved>),
    /// Another tab stored a value this build cannot read (a newer version, or damage): this
    /// tab no longer saves at all.
    Stopped(LoadError),
}

/// Writes the user's document, unless another tab stored something since this tab last
/// looked; on any error nothing stored has changed.
pub fn save(doc: &Document) -> Result<(), SaveError> {
    let storage = local_storage().map_err(SaveError::Refused)?;
    KNOWN.with(|known| {
        let mut known = known.borrow_mut();
        if let Some(why) = &known.stopped {
            return Err(SaveError::Stopped(why.clone()));
        }
        // Checked right before writing, because the storage event that tells of another
        // tab's write may still be on its way.
        let stored = read(&storage, KEY).map_err(|e| SaveError::Refused(describe(&e)))?;
        if let Some(stored) = stored.filter(|s| Some(s) != known.text.as_ref()) {
            return match known.other_tabs_value(stored) {
                Ok(theirs) => Err(SaveError::OtherTabSaved(Box::new(theirs))),
                Err(why) => Err(SaveError::Stopped(why)),
            };
        }
        known.writes += 1;
        let stamp = WriteStamp {
            id: format!("{}-{}", known.tab, known.writes),
            after: known.stamp.id.clone(),
        };
        let text = ENCODER.with(|encoder| stamped(&encoder.borrow_mut().encode(doc), &stamp));
        write(&storage, KEY, &text).map_err(|e| SaveError::Refused(describe(&e)))?;
        known.remember(text, doc);
        Ok(())
    })
}

/// The size in bytes of the value stored under `KEY`, as this tab last read or wrote it.
pub fn stored_size() -> Option<usize> {
    KNOWN.with(|known| known.borrow().text.as_ref().map(String::len))
}

/// Calls `changed` whenever another tab of this app stores a new value: with its document
/// to join, or with why this tab must stop saving. Dropping the listener stops it.
pub fn listen_to_other_tabs(
    changed: impl Fn(Result<OtherTabSaved, LoadError>) + 'static,
) -> Option<EventListener> {
    let window = web_sys::window()?;
    Some(EventListener::new(&window, "storage", move |event| {
        let Some(event) = event.dyn_ref::<StorageEvent>() else {
            return;
        };
        // No key: another tab cleared all of this site's storage.
        if event.key().is_some_and(|k| k != KEY) {
            return;
        }
        // What is stored now, rather than the event's value: events can arrive after this
        // tab has already read (and joined) the value they carry.
        let Some(Some(stored)) = local_storage().ok().map(|s| read(&s, KEY).ok().flatten()) else {
            return;
        };
        let change = KNOWN.with(|known| {
            let mut known = known.borrow_mut();
            (known.stopped.is_none() && Some(&stored) != known.text.as_ref())
                .then(|| known.other_tabs_value(stored))
        });
        if let Some(change) = change {
            changed(change);
        }
    }))
}

fn describe(error: &JsValue) -> String {
    let name = js_sys::Reflect::get(error, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    if name == "QuotaExceededError" {
        "This browser's storage for Account Grader is full, so your latest changes are kept only \
         in this tab for now. Nothing saved earlier was changed. Free some space (for example \
         by clearing other sites' data) and your next change will be saved again."
            .to_string()
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
