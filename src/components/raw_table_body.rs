//! A table body whose rows arrive as markup (see `markup.rs` for why markup at all).
//!
//! Yew's raw HTML node cannot hold rows: it parses markup inside a `<div>`, where the browser
//! drops `<tr>` and `<td>` tags. So the body element is made here, its rows are parsed into
//! it, and Yew places that element as it is. This happens during the render itself: rows set
//! from an effect arrived one frame late whenever Yew's scheduler paused to let the browser
//! paint (it does after 16 ms of work), so a long list first showed with an empty table.
//! Native renders (the render tests) cannot hold a browser element and show an empty body.

use yew::prelude::*;

use super::markup::SafeMarkup;

#[derive(Properties, PartialEq)]
pub struct RawTableBodyProps {
    /// The rows: `<tr>` elements.
    pub rows: SafeMarkup,
}

#[component]
pub fn RawTableBody(props: &RawTableBodyProps) -> Html {
    // The same rows keep the same element, which Yew then leaves untouched.
    let body = use_memo(props.rows.clone(), |rows| body_with(rows.as_str()));
    (*body).clone()
}

#[cfg(target_arch = "wasm32")]
fn body_with(rows: &str) -> Html {
    let body = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("tbody").ok());
    match body {
        Some(body) => {
            // `rows` is a `SafeMarkup`'s text: all data in it is escaped.
            #[allow(clippy::disallowed_methods)]
            body.set_inner_html(rows);
            Html::VRef(body.into())
        }
        None => html! { <tbody></tbody> },
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn body_with(_rows: &str) -> Html {
    html! { <tbody></tbody> }
}
