//! The only code that touches localStorage. It reads and writes one namespaced key holding
//! the versioned document of `domain::schema`, and never overwrites a value it could not read.
//!
//! It talks to `web_sys::Storage` directly rather than through `gloo-storage`, whose accessor
//! panics when storage is disabled (private modes, blocked cookies); here that is a message.

use std::cell::RefCell;

use gloo_events::EventListener;
use js_sys::Uint8Array;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Storage, StorageEvent};

use crate::domain::document_encoder::DocumentEncoder;
use crate::domain::schema::{decode, Document, LoadError};

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
        Ok(doc) => Loaded::Document(doc),
        Err(error) => {
            let backup = back_up(&storage, &raw);
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

thread_local! {
    static ENCODER: RefCell<DocumentEncoder> = RefCell::new(DocumentEncoder::default());
}

/// Encodes the document once, off the path of any change, so that the first save after
/// start-up already re-encodes only what changed.
pub fn prepare_to_save(doc: &Document) {
    ENCODER.with(|encoder| encoder.borrow_mut().encode(doc));
}

/// Writes the user's document; on failure nothing already stored has changed.
pub fn save(doc: &Document) -> Result<(), String> {
    let storage = local_storage()?;
    let text = ENCODER.with(|encoder| encoder.borrow_mut().encode(doc));
    write(&storage, KEY, &text).map_err(|e| describe(&e))
}

/// Calls `adopt` with the document whenever another tab of this app saves it, so this tab
/// never writes an older copy over the other's changes. Dropping the listener stops it.
pub fn listen_to_other_tabs(adopt: impl Fn(Document) + 'static) -> Option<EventListener> {
    let window = web_sys::window()?;
    Some(EventListener::new(&window, "storage", move |event| {
        let Some(event) = event.dyn_ref::<StorageEvent>() else {
            return;
        };
        if event.key().as_deref() != Some(KEY) {
            return;
        }
        // Text this build cannot read (from a newer version, say) is left to the next
        // start-up, which keeps it safe and explains it.
        // `newValue` is the whole stored document: read it the fast way, as at start-up.
        let new_value = js_sys::Reflect::get(event, &JsValue::from_str("newValue"));
        if let Some(Ok(doc)) = new_value.ok().and_then(text_of).map(|text| decode(&text)) {
            adopt(doc);
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
