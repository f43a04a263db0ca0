//! The document around the app: its title, its colours, where keyboard focus is, and leaving it.

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlElement;

pub fn set_title(title: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(title);
    }
}

/// Forces light or dark colours with `data-theme` on `<html>`, which the stylesheets read;
/// without the attribute they follow the system's preference.
pub fn set_theme(theme: crate::domain::settings::Theme) {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element());
    if let Some(root) = root {
        let _ = match theme.attribute() {
            Some(value) => root.set_attribute("data-theme", value),
            None => root.remove_attribute("data-theme"),
        };
    }
}

/// True when keyboard focus is on the element with this `id`.
pub fn focus_is_on(id: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .is_some_and(|e| e.id() == id)
}

/// Calls `handler` with each key pressed while the focus is on no element, as for a moment
/// after the focused element was taken out of the page and before its successor is focused.
/// Dropping the listener stops it.
pub fn on_keys_to_no_element(
    handler: impl Fn(&web_sys::KeyboardEvent) + 'static,
) -> Option<EventListener> {
    let document = web_sys::window()?.document()?;
    let body: JsValue = document.body()?.into();
    Some(EventListener::new(&document, "keydown", move |event| {
        let on_no_element = event.target().is_some_and(|t| JsValue::from(t) == body);
        if let (true, Some(key)) = (on_no_element, event.dyn_ref::<web_sys::KeyboardEvent>()) {
            handler(key);
        }
    }))
}

/// True when the focused element shows a focus ring, which the browser draws when the user
/// got there by keyboard (or the app moved focus after a key press), not after a click.
pub fn focus_is_visible() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .is_some_and(|e| e.matches(":focus-visible").unwrap_or(false))
}

/// True when `target` (from an event) is the element with this `id` or inside it.
pub fn is_inside(target: Option<web_sys::EventTarget>, id: &str) -> bool {
    let node = target.and_then(|t| t.dyn_into::<web_sys::Node>().ok());
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .is_some_and(|e| node.is_some() && e.contains(node.as_ref()))
}

/// True when keyboard focus is on the element with this `id` or inside it.
pub fn focus_is_inside(id: &str) -> bool {
    let focused = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    is_inside(focused.map(Into::into), id)
}

/// Moves focus to the main heading after this update, leaving the page scrolled where it is:
/// for focus that would otherwise be lost with a control that goes away by itself.
pub fn focus_main_heading_in_place_later() {
    gloo_timers::callback::Timeout::new(0, focus_main_heading_in_place).forget();
}

/// Moves focus to the main heading now, leaving the page scrolled where it is.
pub fn focus_main_heading_in_place() {
    if let Some(heading) = main_heading() {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = heading.focus_with_options(&options);
    }
}

/// For a change the user did not make here (another tab's), called before it: once it is
/// drawn, if it took away the element that had the focus, the focus stays on the screen
/// instead of dropping to the page: on the heading when the screen now shows something else
/// (another tab deleted the account shown: "Account not found"), so that a screen reader
/// says what it shows; else on the control nearest the one taken (a row deleted there).
pub fn keep_focus_on_screen_later() {
    let Some(spot) = super::focus_return::focused_spot() else {
        return;
    };
    let heading = main_heading().map(|h| h.inner_text());
    gloo_timers::callback::Timeout::new(0, move || {
        if !nothing_has_focus() {
            return;
        }
        if main_heading().map(|h| h.inner_text()) == heading {
            super::focus_return::return_focus_later(Some(spot), None);
        } else {
            focus_main_heading_in_place();
        }
    })
    .forget();
}

/// Whether the focus is on the page itself, on no element of it (as when the element that
/// had it was taken out).
fn nothing_has_focus() -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    document
        .active_element()
        .is_none_or(|e| Some(e) == document.body().map(Into::into))
}

/// Moves focus to the main heading once the current update has been rendered.
pub fn focus_main_heading_later() {
    gloo_timers::callback::Timeout::new(0, focus_main_heading).forget();
}

/// Moves focus to the main heading of the screen (it has `tabindex="-1"`).
pub fn focus_main_heading() {
    if let Some(heading) = main_heading() {
        let _ = heading.focus();
    }
}

/// True when the screen shown has its main heading, false while it is still on its way.
pub fn has_main_heading() -> bool {
    main_heading().is_some()
}

/// The heading that names the screen shown, if it is drawn.
pub fn main_heading() -> Option<HtmlElement> {
    web_sys::window()?
        .document()?
        .query_selector("main h1")
        .ok()
        .flatten()?
        .dyn_into()
        .ok()
}

/// Goes to another screen, adding a history entry so Back returns here.
pub fn navigate(route: crate::route::Route) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_hash(&route.href());
    }
}

/// Goes to another screen in this one's place in the tab's history: after deleting what
/// this screen showed, Back would lead to "not found". The address left is kept for the
/// undo notice ([`take_screen_left`]): Undo brings the screen back with what it showed.
pub fn navigate_replacing(route: crate::route::Route) {
    let left = current_hash();
    let to = route.href();
    replace_address(&to);
    SCREEN_LEFT.with_borrow_mut(|s| *s = Some((left, to)));
}

thread_local! {
    /// The address `navigate_replacing` left last, and the one it went to.
    static SCREEN_LEFT: std::cell::RefCell<Option<(String, String)>> =
        const { std::cell::RefCell::new(None) };
}

/// The address of the screen `navigate_replacing` left to show this one, if that is what it
/// last did, and forgets it.
pub fn take_screen_left() -> Option<String> {
    let (left, to) = SCREEN_LEFT.with_borrow_mut(Option::take)?;
    (to == current_hash() && left.starts_with("#/")).then_some(left)
}

/// Shows the screen at `href` (`#/…`) in this one's place in the tab's history.
pub fn replace_address(href: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().replace(href);
    }
}

/// Moves focus to the element with this `id` without scrolling to it: for a control the
/// user can already see, such as a notice kept in view.
pub fn focus_element_in_place(id: &str) {
    if let Some(element) = element_by_id(id) {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = element.focus_with_options(&options);
    }
}

/// Moves focus to the element with this `id`, such as the first field with an error.
pub fn focus_element(id: &str) {
    if let Some(element) = element_by_id(id) {
        let _ = element.focus();
    }
}

fn element_by_id(id: &str) -> Option<HtmlElement> {
    web_sys::window()?
        .document()?
        .get_element_by_id(id)?
        .dyn_into()
        .ok()
}

/// Once the current update has been rendered, scrolls the element with this `id` to the top
/// of the window and focuses it: a jump to a part of a long page.
pub fn jump_later(id: String) {
    gloo_timers::callback::Timeout::new(0, move || {
        if let Some(e) = element_by_id(&id) {
            e.scroll_into_view_with_bool(true);
            let _ = e.focus();
        }
    })
    .forget();
}

/// Focuses an element once the current update has been rendered, for controls that appear
/// or move as a result of the click that is still being handled.
pub fn focus_later(id: String) {
    gloo_timers::callback::Timeout::new(0, move || {
        // Focusing an element that already had focus does not scroll; a moved one must.
        if let Some(e) = element_by_id(&id) {
            let _ = e.focus();
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Nearest);
            e.scroll_into_view_with_scroll_into_view_options(&options);
        }
    })
    .forget();
}

/// Focuses the element with this `id` and scrolls it into view once the undo notice of the
/// change just made has appeared and taken focus (it keeps the view where the user was): for
/// a result far from the control that made it, such as the list after an import started at
/// the foot of the page. Waits a few moments at most for the notice, then focuses anyway,
/// unless the user has moved on: once focus is somewhere other than the page itself, the
/// control that started this or the notice, it is theirs and stays there.
pub fn focus_after_notice(id: String) {
    fn active() -> Option<web_sys::Element> {
        web_sys::window()?.document()?.active_element()
    }
    fn moved_on(starter: &Option<web_sys::Element>) -> bool {
        let body = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.body());
        match active() {
            None => false,
            Some(now) => {
                body.is_none_or(|b| *b != now)
                    && starter.as_ref() != Some(&now)
                    && now.id() != "undo-button"
            }
        }
    }
    fn attempt(id: String, starter: Option<web_sys::Element>, tries_left: u32) {
        gloo_timers::callback::Timeout::new(20, move || {
            if moved_on(&starter) {
                return;
            }
            let notice_has_focus = focus_is_on("undo-button");
            let present = element_by_id(&id).is_some();
            if (notice_has_focus && present) || tries_left == 0 {
                focus_later(id);
            } else {
                attempt(id, starter, tries_left - 1);
            }
        })
        .forget();
    }
    attempt(id, active(), 50);
}

/// Opens the browser's print dialog.
pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// The page's fragment, such as `#/r/AbC`.
pub fn current_hash() -> String {
    if !cfg!(target_arch = "wasm32") {
        return String::new();
    }
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// A full link to this app with the given fragment, for sharing. (Rendered on the server,
/// as in the native render tests, there is no page address: the fragment alone.)
pub fn link_to(hash: &str) -> String {
    if !cfg!(target_arch = "wasm32") {
        return hash.to_string();
    }
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let base = href.split('#').next().unwrap_or_default();
    format!("{base}{hash}")
}

/// Puts text on the clipboard; the browser may refuse (then the user copies by hand).
pub fn copy_to_clipboard(text: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().clipboard().write_text(text);
    }
}

/// Loads the page again, picking up a newer version of the app if one is served.
pub fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// While the returned listener lives, reloading or closing the page asks the user first
/// whenever `unsaved()` is true. Moving within the app does not unload the page.
pub fn ask_before_unloading(unsaved: impl Fn() -> bool + 'static) -> Option<EventListener> {
    let window = web_sys::window()?;
    let options = EventListenerOptions::enable_prevent_default();
    Some(EventListener::new_with_options(
        &window,
        "beforeunload",
        options,
        move |event| {
            if unsaved() {
                event.prevent_default();
                // Browsers from before `preventDefault` asked only when this was set.
                let _ = js_sys::Reflect::set(event, &"returnValue".into(), &JsValue::TRUE);
            }
        },
    ))
}

/// The event the page's loader waits for before it registers the service worker on a first
/// visit (scripts/post-build.mjs): fetching every file of the app again at once, the worker
/// would share a slow connection with the files the visitor is waiting for.
pub const EVERY_SCREEN_FETCHED: &str = "account-grader-every-screen-fetched";

/// Tells the page that the app has fetched (or tried to fetch) the code of every screen.
pub fn announce_every_screen_fetched() {
    let event = web_sys::Event::new(EVERY_SCREEN_FETCHED);
    if let (Some(document), Ok(event)) = (web_sys::window().and_then(|w| w.document()), event) {
        let _ = document.dispatch_event(&event);
    }
}
