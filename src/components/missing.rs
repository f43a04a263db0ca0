//! The screen shown when an address points at something that does not exist (any more).

use yew::prelude::*;

use crate::route::Route;

/// The screen's title and text, and where the way out leads with its label.
pub fn missing(title: &str, text: &str, back: Route, back_label: &str) -> Html {
    html! {
        <div class="empty-state">
            <h1 tabindex="-1">{ title }</h1>
            <p>{ text }</p>
            <p><a class="button button--primary" href={back.href()}>{ back_label }</a></p>
        </div>
    }
}
