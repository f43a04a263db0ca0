//! Where the visitor was on each entry of the tab's history: how far down the page, and
//! which link or control had the focus. Back and Forward put both back, as a browser does
//! between pages, instead of starting the screen again at its heading: back from an
//! assessment or an account, the visitor is at the row they opened, not at the top of a
//! long list. A screen reached any other way starts at its heading, as before.
//!
//! The app keeps the places itself: the browser's own restoring scrolls as the address
//! changes, before the screen it belongs to is drawn. Each entry is told apart by a tag in
//! its `history.state`; the places are kept while the page is open.

use std::cell::{Cell, RefCell};

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement};

/// The key of the entry's tag in `history.state`.
const TAG: &str = "accountGraderPlace";
/// Places kept at most, the oldest forgotten first.
const KEPT: usize = 100;

#[derive(Clone)]
struct Place {
    scroll_y: f64,
    focus: Option<Focused>,
}

/// The control that had the focus, found again on the screen drawn afresh.
#[derive(Clone)]
enum Focused {
    Id(String),
    /// A link without an id, by its address: a row's Open or an account's name.
    Link(String),
}

thread_local! {
    /// Each entry's place, by its tag, as it was left.
    static PLACES: RefCell<Vec<(f64, Place)>> = const { RefCell::new(Vec::new()) };
    /// The tag of the entry shown now.
    static CURRENT: Cell<Option<f64>> = const { Cell::new(None) };
    /// The place of the entry just returned to, until it is put back.
    static RETURNED_TO: RefCell<Option<Place>> = const { RefCell::new(None) };
}

/// Takes scrolling on Back and Forward over from the browser, and tags the entry the app
/// started on, so that coming back to it is known.
pub fn start() {
    // Set as a plain property: the binding's enum would weigh more in the first download.
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = js_sys::Reflect::set(&history, &"scrollRestoration".into(), &"manual".into());
    }
    CURRENT.set(tag_current_entry());
}

/// Called as the address changes, before the new screen is drawn: keeps the place of the
/// entry left, and notes the place of the one arrived at if it was shown before.
pub fn moved() {
    if let (Some(left), Some(place)) = (CURRENT.get(), place_now()) {
        PLACES.with_borrow_mut(|places| {
            places.retain(|(tag, _)| *tag != left);
            places.push((left, place));
            if places.len() > KEPT {
                places.remove(0);
            }
        });
    }
    let arrived = tag_current_entry();
    CURRENT.set(arrived);
    let place = arrived.and_then(|tag| {
        PLACES.with_borrow(|places| {
            places
                .iter()
                .find(|(t, _)| *t == tag)
                .map(|(_, p)| p.clone())
        })
    });
    RETURNED_TO.set(place);
}

/// Once the screen arrived at is drawn: puts back the scroll and the focus it had when it
/// was left, and says so; false on a screen not shown before, which starts at its heading.
pub fn put_back() -> bool {
    let Some(place) = RETURNED_TO.take() else {
        return false;
    };
    let Some(window) = web_sys::window() else {
        return false;
    };
    let focus = place
        .focus
        .and_then(|f| find(&f))
        .or_else(|| window.document()?.query_selector("main h1").ok().flatten())
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    if let Some(focus) = focus {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = focus.focus_with_options(&options);
    }
    window.scroll_to_with_x_and_y(0.0, place.scroll_y);
    true
}

fn place_now() -> Option<Place> {
    let window = web_sys::window()?;
    let focused = window.document()?.active_element();
    Some(Place {
        scroll_y: window.scroll_y().ok()?,
        focus: focused.and_then(|e| describe(&e)),
    })
}

/// Only a control of the screen itself: one of the header, which took the user away, would
/// leave them at the top of the page, away from where they were; the heading is better.
fn describe(element: &Element) -> Option<Focused> {
    element.closest("main").ok()??;
    let id = element.id();
    if !id.is_empty() {
        return Some(Focused::Id(id));
    }
    let href = element.get_attribute("href")?;
    (element.tag_name() == "A").then_some(Focused::Link(href))
}

fn find(focused: &Focused) -> Option<Element> {
    let document = web_sys::window()?.document()?;
    match focused {
        Focused::Id(id) => document.get_element_by_id(id),
        // The app's addresses are a route's, with no quotes or backslashes to escape.
        Focused::Link(href) => document
            .query_selector(&format!("main a[href=\"{href}\"]"))
            .ok()
            .flatten(),
    }
}

/// The tag of the entry shown now, given one if it has none yet.
fn tag_current_entry() -> Option<f64> {
    let history = web_sys::window()?.history().ok()?;
    let state = history.state().ok()?;
    let key = JsValue::from_str(TAG);
    if state.is_object() {
        if let Some(tag) = js_sys::Reflect::get(&state, &key).ok()?.as_f64() {
            return Some(tag);
        }
    }
    let tag = js_sys::Math::random();
    let tagged = js_sys::Object::new();
    js_sys::Reflect::set(&tagged, &key, &JsValue::from_f64(tag)).ok()?;
    history.replace_state(&tagged, "").ok()?;
    Some(tag)
}
