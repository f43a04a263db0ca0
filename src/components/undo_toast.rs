//! A notice after a destructive action, with a button to take it back.
//!
//! It sits in the page's flow above the screen, so it never covers the table or chart it
//! speaks of; it belongs to the screen it appeared on and goes when the user leaves that
//! screen, or by itself after a few seconds unless the pointer or keyboard focus is on it.

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::browser::page::{self, focus_element, focus_main_heading_later};
use crate::hooks::{use_app_state, use_local};
use crate::route::Route;
use crate::state::Action;

/// How long a notice stays when nobody is using it.
const SHOWN_FOR_MS: u32 = 8_000;

#[derive(Properties, PartialEq)]
pub struct UndoToastProps {
    /// The screen shown now.
    pub route: Route,
}

#[component]
pub fn UndoToast(props: &UndoToastProps) -> Html {
    let state = use_app_state();
    let hovered = use_local(|| false);
    let focused = use_local(|| false);
    // The screen the notice belongs to. Read from the address rather than the `route` prop:
    // an action that deletes and moves to another screen (an account's page to the list) has
    // set the new address before its notice is drawn, but the route follows a moment later.
    let home = use_mut_ref(|| None::<Route>);
    let undo = state.undo.clone();
    {
        let home = home.clone();
        let (hovered, focused) = (hovered.clone(), focused.clone());
        // When an undo appears, focus its button: the control the user pressed (a Delete
        // button, say) may have just disappeared, and Undo is the likeliest next step.
        use_effect_with(undo.clone(), move |undo| {
            *home.borrow_mut() = undo
                .is_some()
                .then(|| Route::from_hash(&page::current_hash()));
            // The notice before may have gone while the pointer or focus was on it; a new
            // one starts its own time (focusing it below sets `focused` anew).
            if *hovered {
                hovered.set(false);
            }
            if *focused {
                focused.set(false);
            }
            if undo.is_some() {
                focus_element("undo-button");
            }
        });
    }
    {
        let state = state.clone();
        let home = home.clone();
        use_effect_with(props.route, move |&route| {
            let elsewhere = home.borrow().is_some_and(|home| home != route);
            if elsewhere && state.undo.is_some() {
                state.dispatch(Action::DismissUndo);
            }
        });
    }
    {
        let state = state.clone();
        let held = *hovered || *focused;
        use_effect_with((undo, held), move |(undo, held)| {
            let timeout = (undo.is_some() && !held).then(|| {
                Timeout::new(SHOWN_FOR_MS, move || {
                    // Focus the app put on Undo after a click goes back to the screen rather
                    // than to nowhere; the screen stays where it was scrolled.
                    let had_focus = page::focus_is_inside("toast");
                    state.dispatch(Action::DismissUndo);
                    if had_focus {
                        page::focus_main_heading_in_place_later();
                    }
                })
            });
            move || drop(timeout)
        });
    }
    // After Undo or Dismiss the toast's buttons vanish; focus goes back to the screen.
    let dispatch = |action: Action| {
        let state = state.clone();
        Callback::from(move |_| {
            state.dispatch(action.clone());
            focus_main_heading_later();
        })
    };
    let on_enter = {
        let hovered = hovered.clone();
        Callback::from(move |_: MouseEvent| hovered.set(true))
    };
    let on_leave = {
        let hovered = hovered.clone();
        Callback::from(move |_: MouseEvent| hovered.set(false))
    };
    // Keyboard focus holds the notice; focus the app moved there after a click does not,
    // or a notice would stay until the user happened to click elsewhere. The browser tells
    // the two apart with :focus-visible.
    let on_focus = {
        let focused = focused.clone();
        Callback::from(move |_: FocusEvent| focused.set(page::focus_is_visible()))
    };
    let on_blur = {
        let focused = focused.clone();
        Callback::from(move |e: FocusEvent| {
            if !page::is_inside(e.related_target(), "toast") {
                focused.set(false);
            }
        })
    };
    // The live region stays in the document so screen readers announce what appears in it.
    html! {
        <div class="toast-region" role="status" aria-live="polite">
            if let Some(undo) = &state.undo {
                <div class="toast" id="toast" onmouseenter={on_enter} onmouseleave={on_leave}
                    onfocusin={on_focus} onfocusout={on_blur}>
                    <span class="toast__text">{ undo.description() }</span>
                    <span class="toast__actions">
                        <button type="button" id="undo-button" class="button button--small" onclick={dispatch(Action::Undo)}>
                            { "Undo" }
                        </button>
                        <button type="button" class="button button--small button--quiet"
                            aria-label="Dismiss" onclick={dispatch(Action::DismissUndo)}>
                            { "✕" }
                        </button>
                    </span>
                </div>
            }
        </div>
    }
}
