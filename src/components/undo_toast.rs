//! A notice after a destructive action, with a button to take it back.

use yew::prelude::*;

use crate::browser::page::{focus_element, focus_main_heading_later};
use crate::hooks::use_app_state;
use crate::state::Action;

#[component]
pub fn UndoToast() -> Html {
    let state = use_app_state();
    // When an undo appears, focus its button: the control the user pressed (a Delete button,
    // say) may have just disappeared, and Undo is the likeliest next step.
    use_effect_with(state.undo.clone(), |undo| {
        if undo.is_some() {
            focus_element("undo-button");
        }
    });
    // After Undo or Dismiss the toast's buttons vanish; focus goes back to the screen.
    let dispatch = |action: Action| {
        let state = state.clone();
        Callback::from(move |_| {
            state.dispatch(action.clone());
            focus_main_heading_later();
        })
    };
    // The live region stays in the document so screen readers announce what appears in it.
    html! {
        <div class="toast-region" role="status" aria-live="polite">
            if let Some(undo) = &state.undo {
                <div class="toast">
                    <span>{ undo.description() }</span>
                    <button type="button" id="undo-button" class="button button--small" onclick={dispatch(Action::Undo)}>
                        { "Undo" }
                    </button>
                    <button type="button" class="button button--small button--quiet"
                        aria-label="Dismiss" onclick={dispatch(Action::DismissUndo)}>
                        { "✕" }
                    </button>
                </div>
            }
        </div>
    }
}
