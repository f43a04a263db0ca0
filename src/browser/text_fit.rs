//! Text areas that grow with their text. CSS does it where `field-sizing: content` is known
//! (style/plans.css); elsewhere these set each area's height to fit its text.

use std::cell::OnceCell;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;

/// The class of text areas that grow with their text.
pub const GROWS: &str = "grows";

thread_local! {
    static CSS_DOES_IT: OnceCell<bool> = const { OnceCell::new() };
}

/// Whether the browser's CSS sizes text areas to their text by itself.
fn css_does_it() -> bool {
    CSS_DOES_IT.with(|known| {
        *known.get_or_init(|| {
            let supports = || -> Option<bool> {
                let css =
                    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("CSS")).ok()?;
                let supports = js_sys::Reflect::get(&css, &JsValue::from_str("supports")).ok()?;
                let supports = supports.dyn_into::<js_sys::Function>().ok()?;
                supports
                    .call2(&css, &"field-sizing".into(), &"content".into())
                    .ok()?
                    .as_bool()
            };
            supports().unwrap_or(false)
        })
    })
}

fn fit(area: &Element) {
    // An area in a collapsed section has no size to measure; it is fitted when shown.
    if area.client_width() == 0 {
        return;
    }
    // Shrunk first, so that deleting text makes the area smaller again.
    let _ = area.set_attribute("style", "height: auto");
    // Two pixels for the borders, which scrollHeight leaves out.
    let height = area.scroll_height() + 2;
    let _ = area.set_attribute("style", &format!("height: {height}px"));
}

/// Fits the growing text area that `event` came from (typing in it).
pub fn fit_target(event: &web_sys::Event) {
    if css_does_it() {
        return;
    }
    let area = event.target().and_then(|t| t.dyn_into::<Element>().ok());
    if let Some(area) = area.filter(|a| a.class_name().split_whitespace().any(|c| c == GROWS)) {
        fit(&area);
    }
}

/// Fits every growing text area on the page, after they are drawn with their text.
pub fn fit_all() {
    if css_does_it() {
        return;
    }
    let areas = web_sys::window()
        .and_then(|w| w.document())
        .map(|d| d.get_elements_by_class_name(GROWS));
    if let Some(areas) = areas {
        for i in 0..areas.length() {
            if let Some(area) = areas.item(i) {
                fit(&area);
            }
        }
    }
}
