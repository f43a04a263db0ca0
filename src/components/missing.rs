//! The screen shown when an address points at something that does not exist (any more).

use yew::prelude::*;

use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct MissingProps {
    pub title: AttrValue,
    pub text: AttrValue,
    /// Where the way out leads, and its label.
    pub back: Route,
    pub back_label: AttrValue,
}

#[component]
pub fn Missing(props: &MissingProps) -> Html {
    html! {
        <div class="empty-state">
            <h1 tabindex="-1">{ props.title.clone() }</h1>
            <p>{ props.text.clone() }</p>
            <p><a class="button button--primary" href={props.back.href()}>{ props.back_label.clone() }</a></p>
        </div>
    }
}
