use yew::prelude::*;

use super::{add_button, on_click_edit, on_row_input, remove_button};
use crate::domain::plans::CheckItem;

/// Items that can each be ticked off.
pub struct ChecklistEditor {
    pub id: AttrValue,
    pub title: AttrValue,
    pub items: Vec<CheckItem>,
    pub on_change: Callback<Vec<CheckItem>>,
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
                        html! {
                            <li key={i} class="rows__row rows__row--inline">
                                <input type="checkbox" checked={item.done} onclick={toggle}
                                    aria-label={format!("{} item {n} done", self.title)} />
                                <input id={format!("{}-item-{n}", self.id)} type="text" value={item.text.clone()}
                                    aria-label={format!("{} item {n}", self.title)}
                                    oninput={on_row_input(&items, i, &self.on_change, |s, v| s.text = v)} />
                                { remove_button(format!("Remove {} item {n}", self.title),
                                    on_click_edit(&items, &self.on_change, move |v| { v.remove(i); })) }
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
