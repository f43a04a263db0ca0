//! Copies kept in the tab's session storage as JSON arrays of plain values, which a reload
//! of the tab finds again and no other tab reads: the places of Back and Forward, the views,
//! and the invitation being written on the Grader. The browser forgets them with the tab.

use js_sys::Array;
use wasm_bindgen::JsCast;

/// Writes `values` under `key`. A refused write (storage full or blocked) removes the older
/// copy, so that a reload starts afresh rather than from a copy that is out of date.
pub fn write(key: &str, values: &Array) {
    let Some(storage) = session_storage() else {
        return;
    };
    if let Ok(text) = js_sys::JSON::stringify(values) {
        if storage.set_item(key, &String::from(text)).is_err() {
            let _ = storage.remove_item(key);
        }
    }
}

/// Removes the copy under `key`.
pub fn remove(key: &str) {
    if let Some(storage) = session_storage() {
        let _ = storage.remove_item(key);
    }
}

/// The array under `key`, if there is one that reads as an array.
pub fn read(key: &str) -> Option<Array> {
    let text = session_storage()?.get_item(key).ok()??;
    js_sys::JSON::parse(&text).ok()?.dyn_into().ok()
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}
