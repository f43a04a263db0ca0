//! The screen shown when an address points at something that does not exist (any more).

use yew::prelude::*;

use crate::components::storage_banner::NOT_READ_HERE;
use crate::hooks::use_app_state;
use crate::route::Route;

/// The screen's title and text, and where the way out leads with its label.
pub fn missing(title: &str, text: &str, back: Route, back_label: &str) -> Html {
    html! {
        <Missing title={AttrValue::from(title.to_string())} text={AttrValue::from(text.to_string())}
            {back} back_label={AttrValue::from(back_label.to_string())} />
    }
}

#[derive(Properties, PartialEq)]
struct MissingProps {
    title: AttrValue,
    text: AttrValue,
    back: Route,
    back_label: AttrValue,
}

#[component]
fn Missing(props: &MissingProps) -> Html {
    let state = use_app_state();
    // In a tab that could not read the saved data, what the address points at may well be
    // there: "it may have been deleted" would alarm for nothing.
    let (title, text) = if state.stored_data_unread() {
        ("Not shown in this tab", NOT_READ_HERE)
    } else {
        (props.title.as_str(), props.text.as_str())
    };
    html! {
        <div class="empty-state">
            <h1 tabindex="-1">{ title }</h1>
            <p>{ text }</p>
            <p><a class="button button--primary" href={props.back.href()}>{ props.back_label.clone() }</a></p>
        </div>
    }
}
