use yew::prelude::*;

use crate::route::Route;

/// A view function: the screen has no state of its own (see `practice_question` for why).
pub fn not_found_page() -> Html {
    html! {
        <div class="empty-state">
            <h1 tabindex="-1">{ "Page not found" }</h1>
            <p>{ "This link does not lead to a screen of Account Grader. It may be mistyped or from a newer version." }</p>
            <p><a class="button button--primary" href={Route::Grader.href()}>{ "Go to the grader" }</a></p>
        </div>
    }
}
