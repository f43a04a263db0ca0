use yew::prelude::*;

use super::{add_button, on_click_edit, on_row_input, remove_button};

#[derive(Properties, PartialEq)]
pub struct ListEditorProps {
    pub id: AttrValue,
    pub title: AttrValue,
    pub items: Vec<String>,
    pub max: Option<u8>,
    pub on_change: Callback<Vec<String>>,
}

/// A bullet list: one text field per item, with a cap when the section has one.
#[component]
pub fn ListEditor(props: &ListEditorProps) -> Html {
    // An empty list still shows one field to type into.
    let items = if props.items.is_empty() {
        vec![String::new()]
    } else {
        props.items.clone()
    };
    let full = props.max.is_some_and(|m| items.len() >= usize::from(m));
    let used = items.iter().filter(|i| !i.trim().is_empty()).count();
    html! {
        <div class="list-editor">
            <ol class="rows">
                { for items.iter().enumerate().map(|(i, item)| {
                    let n = i + 1;
                    html! {
                        <li key={i} class="rows__row rows__row--inline">
                            <input id={format!("{}-item-{n}", props.id)} type="text" value={item.clone()}
                                aria-label={format!("{} item {n}", props.title)}
                                oninput={on_row_input(&items, i, &props.on_change, |s, v| *s = v)} />
                            { remove_button(format!("Remove {} item {n}", props.title),
                                on_click_edit(&items, &props.on_change, move |v| { v.remove(i); })) }
                        </li>
                    }
                }) }
            </ol>
            <div class="editor-actions">
                { add_button("Add item", &items, &props.on_change, format!("{}-item-{}", props.id, items.len() + 1), full) }
                if let Some(max) = props.max {
                    <span class="muted">{ format!("{used} of {max} used") }</span>
                }
            </div>
        </div>
    }
}
