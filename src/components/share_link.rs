//! A link ready to share: shown in full, selectable, with a copy button.

use yew::prelude::*;

use crate::browser::page::copy_to_clipboard;
use crate::hooks::use_local;

#[derive(Properties, PartialEq)]
pub struct ShareLinkProps {
    pub id: AttrValue,
    pub link: AttrValue,
    /// What the link opens, for its label.
    pub label: AttrValue,
}

#[component]
pub fn ShareLink(props: &ShareLinkProps) -> Html {
    // The link last copied: once the link changes (a field of its form edited), the
    // clipboard holds an older one, and "Copied." would mislead.
    let copied = use_local(|| None::<AttrValue>);
    let on_copy = {
        let (copied, link) = (copied.clone(), props.link.clone());
        Callback::from(move |_| {
            copy_to_clipboard(&link);
            copied.set(Some(link.clone()));
        })
    };
    let copy_status = match &*copied {
        Some(link) if *link == props.link => "Copied. ",
        Some(_) => "The link has changed since you copied it: copy it again. ",
        None => "",
    };
    html! {
        <div class="share-link">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <div class="share-link__row">
                <input id={props.id.clone()} type="text" readonly=true value={props.link.clone()}
                    onfocus={Callback::from(|e: FocusEvent| {
                        if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() { input.select(); }
                    })} />
                <button type="button" class="button button--small" onclick={on_copy}>{ "Copy link" }</button>
            </div>
            // The copy's status alone is announced: the count would be read out again at every
            // letter typed in the link's form.
            <p class="muted">
                <span role="status">{ copy_status }</span>
                { format!("{} characters. Everything is inside the link itself: nothing is uploaded anywhere.", props.link.len()) }
            </p>
        </div>
    }
}
