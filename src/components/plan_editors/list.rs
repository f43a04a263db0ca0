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
                    // Enter starts a new item right after this one, as in a word processor.
                    let on_enter = {
                        let (items, on_change, id) = (items.clone(), props.on_change.clone(), props.id.clone());
                        Callback::from(move |e: KeyboardEvent| {
                            if e.key() == "Enter" && !full {
                                e.prevent_default();
                                let mut next = items.clone();
                                next.insert(i + 1, String::new());
                                on_change.emit(next);
                                crate::browser::page::focus_later(format!("{id}-item-{}", n + 1));
                            }
                        })
                    };
                    html! {
                        <li key={i} class="rows__row rows__row--inline">
                            <input id={format!("{}-item-{n}", props.id)} type="text" value={item.clone()}
                                aria-label={format!("{} item {n}", props.title)} onkeydown={on_enter}
                                oninput={on_row_input(&items, i, &props.on_change, |s, v| *s = v)} />
                            { remove_button(format!("Remove {} item {n}", props.title),
                                on_click_edit(&items, &props.on_change, move |v| { v.remove(i); })) }
                        </li>
                    }
                }) }
            </ol>
            <div class="editor-actions">
                if props.items.is_empty() {
                    // The one field shown is already the new item.
                    <button type="button" class="button button--small"
                        onclick={{ let id = format!("{}-item-1", props.id); Callback::from(move |_| crate::browser::page::focus_later(id.clone())) }}>
                        { "Add item" }
                    </button>
                } else {
                    { add_button("Add item", &items, &props.on_change, format!("{}-item-{}", props.id, items.len() + 1), full) }
                }
                if let Some(max) = props.max {
                    if items.len() > usize::from(max) {
                        <span class="field__error">{ format!("{} items, more than this section's limit of {max}: \
                            consider removing some.", items.len()) }</span>
                    } else {
                        <span class="muted">{ format!("{used} of {max} used") }</span>
                    }
                }
            </div>
        </div>
    }
}
