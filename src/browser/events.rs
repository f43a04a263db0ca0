//! Reading what an event is about: the value of the form control it came from, or the item
//! of a chart it happened in.

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::domain::accounts::AccountId;
use crate::route::Route;

/// The current value of the input, select or textarea that fired `event`.
pub fn value_of(event: &Event) -> String {
    let Some(target) = event.target() else {
        return String::new();
    };
    if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
        input.value()
    } else if let Some(select) = target.dyn_ref::<HtmlSelectElement>() {
        select.value()
    } else if let Some(area) = target.dyn_ref::<HtmlTextAreaElement>() {
        area.value()
    } else {
        String::new()
    }
}

/// A callback that passes the control's new value on.
pub fn on_value(f: impl Fn(String) + 'static) -> Callback<Event> {
    Callback::from(move |e: Event| f(value_of(&e)))
}

/// The same for `input` events, which fire on every keystroke.
pub fn on_input_value(f: impl Fn(String) + 'static) -> Callback<InputEvent> {
    Callback::from(move |e: InputEvent| f(value_of(&e)))
}

/// The id of the element `event` happened in, if it has one.
pub fn target_id(event: &Event) -> Option<String> {
    let id = event.target()?.dyn_ref::<web_sys::Element>()?.id();
    (!id.is_empty()).then_some(id)
}

/// Whether `event` happened in a select, whose own keys (Alt+Down opens its list) come first.
pub fn is_from_select(event: &Event) -> bool {
    event
        .target()
        .is_some_and(|t| t.dyn_ref::<HtmlSelectElement>().is_some())
}

/// The account that the nearest element matching `selector` links to, for an event that
/// happened inside it: one listener on a chart can then tell which of its thousands of points
/// is meant, instead of each point carrying listeners of its own.
pub fn account_link_within(event: &Event, selector: &str) -> Option<AccountId> {
    let href = event
        .target()?
        .dyn_ref::<web_sys::Element>()?
        .closest(selector)
        .ok()??
        .get_attribute("href")?;
    match Route::from_hash(&href) {
        Route::Account(id) => Some(id),
        _ => None,
    }
}

/// The row and column of the grid cell around the event's target, read from its id, which is
/// `prefix` then `ROW-COL`: one listener on a grid then knows which cell was clicked or
/// focused, and the cells carry no attributes beyond the id they need anyway.
pub fn cell_within(event: &Event, prefix: &str) -> Option<(usize, usize)> {
    let cell = event
        .target()?
        .dyn_ref::<web_sys::Element>()?
        .closest(&format!("[id^=\"{prefix}\"]"))
        .ok()??;
    let id = cell.id();
    let (row, col) = id.strip_prefix(prefix)?.split_once('-')?;
    Some((row.parse().ok()?, col.parse().ok()?))
}
