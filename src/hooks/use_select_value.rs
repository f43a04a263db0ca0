//! Keeping a `<select>` in step with a value that can change without the user touching it.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Keeps a `<select>` (given the returned ref) showing `value` when it changes from elsewhere:
/// a reset, an undo, another control or another tab. An option's `selected` attribute sets
/// the first render (and the server-rendered HTML), but once the user has picked an option
/// browsers stop following that attribute, so the select's own value is set as well.
#[hook]
pub fn use_select_value(value: String) -> NodeRef {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with(value, move |value| {
            if let Some(select) = node.cast::<HtmlSelectElement>() {
                if select.value() != *value {
                    select.set_value(value);
                }
            }
        });
    }
    node
}
