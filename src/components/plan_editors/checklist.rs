use yew::prelude::*;

use super::{
    add_button, keep_one_line, move_buttons, on_alt_arrows, on_click_edit, on_row_input, one_line,
    remove_button, OnMove,
};
use crate::browser::text_fit::GROWS;
use crate::domain::plans::CheckItem;

/// Items that can each be ticked off.
pub struct ChecklistEditor {
    pub id: AttrValue,
    pub title: AttrValue,
    pub items: Vec<CheckItem>,
    pub on_change: Callback<Vec<CheckItem>>,
    pub on_move: OnMove,
}

impl ChecklistEditor {
    pub fn view(&self) -> Html {
        let items = if self.items.is_empty() {
            vec![CheckItem::default()]
        } else {
            self.items.clone()
        };
        html! {
            <div class="checklist-editor">
                <ul class="rows">
                    { for items.iter().enumerate().map(|(i, item)| {
                        let n = i + 1;
                        let toggle = on_click_edit(&items, &self.on_change, move |v| v[i].done = !v[i].done);
                        let prefix = format!("{}-item", self.id);
                        let what = format!("{} item {n}", self.title);
                        html! {
                            <li key={i} class="rows__row rows__row--inline"
                                onkeydown={on_alt_arrows(&prefix, i, items.len(), &what, &self.on_move)}>
                                <input id={format!("{prefix}-{n}-done")} type="checkbox" checked={item.done} onclick={toggle}
                                    aria-label={format!("{what} done")} />
                                <textarea id={format!("{prefix}-{n}")} class={GROWS} rows="1" value={item.text.clone()}
                                    aria-label={what.clone()}
                                    onkeydown={keep_one_line()}
                                    oninput={on_row_input(&items, i, &self.on_change, |s, v| s.text = one_line(&v))} />
                                <span class="rows__controls">
                                    { move_buttons(&prefix, i, items.len(), &what, &self.on_move, true) }
                                    { remove_button(format!("Remove {} item {n}", self.title),
                                        on_click_edit(&items, &self.on_change, move |v| { v.remove(i); })) }
                                </span>
                            </li>
                        }
                    }) }
                </ul>
                <div class="editor-actions">
                    { add_button("Add item", &items, &self.on_change, format!("{}-item-{}", self.id, items.len() + 1), false) }
                </div>
            </div>
        }
    }
}
