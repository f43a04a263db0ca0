//! A table body whose rows arrive as markup (see `markup.rs` for why markup at all).
//!
//! Yew's raw HTML node cannot hold rows: it parses markup inside a `<div>`, where the browser
//! drops `<tr>` and `<td>` tags. So the body is an empty element to Yew, and its rows are set
//! after each render that changes them, before the browser paints. Native renders (the
//! render tests) run no effects and show an empty body.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RawTableBodyProps {
    /// The rows: `<tr>` elements, with all user data escaped.
    pub rows: AttrValue,
}

#[component]
pub fn RawTableBody(props: &RawTableBodyProps) -> Html {
    let body = use_node_ref();
    {
        let body = body.clone();
        use_effect_with(props.rows.clone(), move |rows| {
            if let Some(element) = body.cast::<web_sys::Element>() {
                element.set_inner_html(rows);
            }
        });
    }
    html! { <tbody ref={body}></tbody> }
}
