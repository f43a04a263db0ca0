//! Puts where the visitor was on the build's first screen (the control with the keyboard
//! focus, the caret in a field, the panels opened) onto the app's screen the moment that
//! screen is drawn.
//!
//! Yew 0.23 draws in steps and lets the browser handle input between them (its scheduler
//! yields every 16 ms, once no drawing is pending). Put back in the app's first effect, which
//! may come after such a pause, the focus sat on the page itself for a moment: on a 4x slower
//! CPU a fast typist lost 1 to 4 keys in every run, and a Tab sent the focus to the top of
//! the page. A mutation observer's callback runs as soon as the script that changed the page
//! has finished, before the browser handles any more input, so the focus is back on the
//! control before another key arrives. That holds because Yew yields only once no drawing
//! is pending (its `can_yield`), so the field is in the page before any pause. Should a
//! later Yew pause in the middle of a drawing, a key could again reach the page itself, and
//! the browser test of typing through the take-over would fail.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::{Document, HtmlInputElement, MutationObserver, MutationObserverInit};

/// Where the visitor was on the first screen.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScreenState {
    /// The `id` of the control that had keyboard focus.
    pub focus: Option<String>,
    /// The caret or selection in that control, if it is a text field (UTF-16 offsets, as
    /// the browser counts them).
    pub selection: Option<(u32, u32)>,
    /// The `id`s of the summaries of the panels that were open.
    pub open_panels: Vec<String>,
}

/// What is still to put back, and the observer waiting for the elements it needs.
struct Watch {
    pending: Rc<RefCell<ScreenState>>,
    observer: MutationObserver,
    _callback: Closure<dyn FnMut()>,
}

thread_local! {
    static WATCH: RefCell<Option<Watch>> = const { RefCell::new(None) };
}

/// Watches the page, from the first screen's removal, and puts `state` back on the app's
/// screen as soon as its elements are there.
pub fn restore_when_drawn(state: ScreenState) {
    if state == ScreenState::default() {
        return;
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let pending = Rc::new(RefCell::new(state));
    let callback = {
        let pending = Rc::clone(&pending);
        Closure::<dyn FnMut()>::new(move || {
            if let Some(document) = web_sys::window().and_then(|w| w.document()) {
                if restore(&document, &mut pending.borrow_mut()) {
                    // Dropped by `finish`, not here, from inside its own callback.
                    WATCH.with(|w| {
                        if let Some(watch) = w.borrow().as_ref() {
                            watch.observer.disconnect();
                        }
                    });
                }
            }
        })
    };
    let Ok(observer) = MutationObserver::new(callback.as_ref().unchecked_ref()) else {
        return;
    };
    let options = MutationObserverInit::new();
    options.set_child_list(true);
    options.set_subtree(true);
    if observer.observe_with_options(&document, &options).is_err() {
        return;
    }
    WATCH.with(|w| {
        *w.borrow_mut() = Some(Watch {
            pending,
            observer,
            _callback: callback,
        })
    });
}

/// Puts back what has not been yet and stops watching. To be called once the app's screen
/// has been drawn (its first effect): by then the observer has done its work, unless an
/// element never came.
pub fn finish() {
    let Some(watch) = WATCH.with(|w| w.borrow_mut().take()) else {
        return;
    };
    watch.observer.disconnect();
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        restore(&document, &mut watch.pending.borrow_mut());
    }
}

/// Puts back the parts of `state` whose elements are in `document`, removing them from it;
/// whether nothing is left to put back.
fn restore(document: &Document, state: &mut ScreenState) -> bool {
    state.open_panels.retain(|id| {
        let Some(details) = document
            .get_element_by_id(id)
            .and_then(|s| s.parent_element())
        else {
            return true;
        };
        let _ = details.set_attribute("open", "");
        false
    });
    if let Some(id) = state.focus.clone() {
        if let Some(element) = document.get_element_by_id(&id) {
            state.focus = None;
            // A control the visitor moved to meanwhile keeps the focus.
            let unfocused = document
                .active_element()
                .is_none_or(|e| document.body().is_some_and(|body| e == *body.as_ref()));
            if unfocused {
                crate::browser::page::focus_element(&id);
                let selection = state.selection.take();
                if let (Some((start, end)), Ok(field)) =
                    (selection, element.dyn_into::<HtmlInputElement>())
                {
                    let _ = field.set_selection_range(start, end);
                }
            }
        }
    }
    state.focus.is_none() && state.open_panels.is_empty()
}
