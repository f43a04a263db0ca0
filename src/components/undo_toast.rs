//! A notice after a destructive action, with a button to take it back.
//!
//! It sits in the page's flow above the screen, so it never covers the table or chart it
//! speaks of, and sticks to the top of the window when the user is further down, so it is
//! seen where the action was taken. It belongs to the screen it appeared on and goes when
//! the user leaves that screen, or by itself after a few seconds unless the pointer or
//! keyboard focus is on it; an import's, or a deleted record's, stays until dismissed. One
//! offering back accounts another tab deleted stays on every screen until dismissed.
//! Focus and the view go back to where the user was once it goes.

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::browser::focus_return::{
    keep_view, remember_last_control, return_focus_later, view_now, FocusSpot,
};
use crate::browser::page::{self, focus_element_in_place};
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
    // The control the user last used, and the one in force when this notice appeared: focus
    // goes back there, not to the top of the screen, once the notice has gone.
    let last_control = use_mut_ref(|| None::<FocusSpot>);
    let return_to = use_mut_ref(|| None::<FocusSpot>);
    // The screen a delete left for this one (an account's page for the list), which Undo
    // brings back with the record.
    let screen_left = use_mut_ref(|| None::<String>);
    {
        let last_control = last_control.clone();
        use_effect_with((), move |_| {
            let listeners = remember_last_control("toast", last_control);
            move || drop(listeners)
        });
    }
    let undo = state.undo.clone();
    {
        let home = home.clone();
        let return_to = return_to.clone();
        let last_control = last_control.clone();
        let screen_left = screen_left.clone();
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
            // Taken whether or not there is a notice, so that an old move is never reused.
            *screen_left.borrow_mut() = page::take_screen_left().filter(|_| undo.is_some());
            if let Some(undo) = undo {
                // Taken, so that what is remembered from now on is what the user did since.
                let spot = last_control.borrow_mut().take();
                // The notice came in above the screen: what the user was looking at stays
                // where it was, and the notice, kept in view, takes focus without a scroll.
                // Not so for a change made in another tab, where the user was: the page
                // here is left as the other tab's change left it, focus included.
                if !undo.from_another_tab {
                    keep_view(spot.as_ref().and_then(FocusSpot::view_on_this_screen));
                    focus_element_in_place("undo-button");
                }
                *return_to.borrow_mut() = spot;
            }
        });
    }
    {
        let state = state.clone();
        let home = home.clone();
        // One for accounts another tab deleted is not about this screen, and stays, as the
        // notice of that tab's change above it does (browser/places.rs counts it so).
        use_effect_with(props.route, move |&route| {
            let elsewhere = home.borrow().is_some_and(|home| home != route);
            if elsewhere && state.undo.as_ref().is_some_and(|u| !u.from_another_tab) {
                state.dispatch(Action::DismissUndo);
            }
        });
    }
    {
        let state = state.clone();
        let held = *hovered || *focused;
        let return_to = return_to.clone();
        use_effect_with((undo, held), move |(undo, held)| {
            let timeout = (undo.as_ref().is_some_and(|u| !u.stays) && !held).then(|| {
                Timeout::new(SHOWN_FOR_MS, move || {
                    // Focus the app put on Undo after a click goes back to where the user was
                    // rather than to nowhere.
                    let had_focus = page::focus_is_inside("toast");
                    let view = view_now();
                    state.dispatch(Action::DismissUndo);
                    if had_focus {
                        return_focus_later(return_to.borrow_mut().take(), view);
                    } else {
                        Timeout::new(0, move || keep_view(view)).forget();
                    }
                })
            });
            move || drop(timeout)
        });
    }
    // After Undo or Dismiss the toast's buttons vanish; focus goes back to where the user
    // was: after Undo, that is the row brought back. A delete that moved to another screen
    // (an account's page to the list) is taken back with its move: Undo returns to the
    // screen of the record brought back. A notice that stays may be dismissed long after,
    // once the user has worked elsewhere on the screen: Dismiss returns to the control used
    // last since it appeared, if any, rather than pulling the page back to the delete.
    let dispatch = |action: Action| {
        let state = state.clone();
        let return_to = return_to.clone();
        let last_control = last_control.clone();
        let screen_left = screen_left.clone();
        Callback::from(move |_| {
            let view = view_now();
            let undoing = matches!(action, Action::Undo);
            state.dispatch(action.clone());
            let left = screen_left.borrow_mut().take();
            let used_since = last_control.borrow_mut().take();
            let back_to = return_to.borrow_mut().take();
            match left {
                Some(screen) if undoing => page::replace_address(&screen),
                _ if undoing => return_focus_later(back_to, view),
                _ => return_focus_later(used_since.or(back_to), view),
            }
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
                <div class={classes!("toast", undo.from_another_tab.then_some("toast--from-another-tab"))} id="toast"
                    onmouseenter={on_enter} onmouseleave={on_leave}
                    onfocusin={on_focus} onfocusout={on_blur}>
                    <span class="toast__text">
                        { undo.description() }
                        if state.save_problem.is_some() || state.other_tab_unread {
                            { " Not saved in this browser: see the message at the top of the page." }
                        }
                    </span>
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
