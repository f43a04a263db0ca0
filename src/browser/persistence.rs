//! Whether the browser promises to keep this site's data, and how much room the site takes,
//! through the Storage API (`navigator.storage`). Browsers without it, and pages not served
//! over HTTPS, get `None` throughout.

use js_sys::{Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::StorageManager;

/// What the browser says about the site's storage.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Usage {
    /// Bytes in use, as the browser estimates them.
    pub used: f64,
    /// Bytes the browser would let the site use.
    pub quota: f64,
}

fn manager() -> Option<StorageManager> {
    let navigator = web_sys::window()?.navigator();
    // `navigator.storage` is missing outside secure contexts and in older browsers, which
    // web-sys's getter does not allow for.
    let storage = Reflect::get(&navigator, &JsValue::from_str("storage")).ok()?;
    (!storage.is_undefined() && !storage.is_null()).then(|| storage.unchecked_into())
}

async fn settle(promise: Result<Promise, JsValue>) -> Option<JsValue> {
    JsFuture::from(promise.ok()?).await.ok()
}

/// Whether the browser has agreed to keep the site's data until the user clears it.
pub async fn persisted() -> Option<bool> {
    settle(manager()?.persisted()).await?.as_bool()
}

/// Asks the browser to keep the site's data; says whether it agreed. Firefox asks the user;
/// Chrome, Edge and Safari decide by themselves, without a prompt.
pub async fn persist() -> Option<bool> {
    settle(manager()?.persist()).await?.as_bool()
}

/// Asks for persistence without waiting for the answer, unless it is already granted (so
/// Firefox users are not asked again once they have agreed).
pub fn ask_to_keep_data() {
    wasm_bindgen_futures::spawn_local(async {
        if persisted().await == Some(false) {
            let _ = persist().await;
        }
    });
}

/// How much the site uses of what it may.
pub async fn usage() -> Option<Usage> {
    let estimate = settle(manager()?.estimate()).await?;
    let number = |name: &str| {
        Reflect::get(&estimate, &JsValue::from_str(name))
            .ok()?
            .as_f64()
    };
    Some(Usage {
        used: number("usage")?,
        quota: number("quota")?,
    })
}
