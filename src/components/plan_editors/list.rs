use yew::prelude::*;

use super::{
    add_button, move_buttons, on_alt_arrows, on_click_edit, on_row_input, one_line, remove_button,
    OnMove,
};
use crate::browser::text_fit::GROWS;

/// A bullet list: one text field per item, with a cap when the section has one (then the
/// items are ranked, and numbered where read).
pub struct ListEditor {
    pub id: AttrValue,
    pub title: AttrValue,
    pub items: Vec<String>,
    pub max: Option<u8>,
    pub on_change: Callback<Vec<String>>,
    pub on_move: OnMove,
}

impl ListEditor {
    pub fn view(&self) -> Html {
        // An empty list still shows one field to type into.
        let items = if self.items.is_empty() {
            vec![String::new()]
        } else {
            self.items.clone()
        };
        let full = self.max.is_some_and(|m| items.len() >= usize::from(m));
        let used = items.iter().filter(|i| !i.trim().is_empty()).count();
        html! {
            <div class="list-editor">
                <ol class="rows">
                    { for items.iter().enumerate().map(|(i, item)| {
                        let n = i + 1;
                        // Enter starts a new item right after this one, as in a word processor;
                        // an item itself is one line.
                        let on_enter = {
                            let (items, on_change, id) = (items.clone(), self.on_change.clone(), self.id.clone());
                            Callback::from(move |e: KeyboardEvent| {
                                if e.key() == "Enter" {
                                    e.prevent_default();
                                }
                                if e.key() == "Enter" && !full {
                                    let mut next = items.clone();
                                    next.insert(i + 1, String::new());
                                    on_change.emit(next);
                                    crate::browser::page::focus_later(format!("{id}-item-{}", n + 1));
                                }
                            })
                        };
                        let prefix = format!("{}-item", self.id);
                        let what = format!("{} item {n}", self.title);
                        html! {
                            <li key={i} class="rows__row rows__row--inline"
                                onkeydown={on_alt_arrows(&prefix, i, items.len(), &what, &self.on_move)}>
                                <textarea id={format!("{prefix}-{n}")} class={GROWS} rows="1" value={item.clone()}
                                    aria-label={what.clone()} onkeydown={on_enter}
                                    oninput={on_row_input(&items, i, &self.on_change, |s, v| *s = one_line(&v))} />
                                <span class="rows__controls">
                                    { move_buttons(&prefix, i, items.len(), &what, &self.on_move, true) }
                                    { remove_button(format!("Remove {} item {n}", self.title),
                                        on_click_edit(&items, &self.on_change, move |v| { v.remove(i); })) }
                                </span>
                            </li>
                        }
                    }) }
                </ol>
                <div class="editor-actions">
                    if self.items.is_empty() {
                        // The one field shown is already the new item.
                        <button type="button" class="button button--small"
                            onclick={{ let id = format!("{}-item-1", self.id); Callback::from(move |_| crate::browser::page::focus_later(id.clone())) }}>
                            { "Add item" }
                        </button>
                    } else {
                        { add_button("Add item", &items, &self.on_change, format!("{}-item-{}", self.id, items.len() + 1), full) }
                    }
                    if let Some(max) = self.max {
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
}
