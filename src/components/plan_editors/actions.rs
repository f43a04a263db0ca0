use yew::prelude::*;

use super::{
    add_button, move_buttons, on_alt_arrows, on_click_edit, remove_button, row_checkbox,
    row_date_field, row_text_field,
};
use crate::domain::plans::ActionItem;

/// The action list: what, who owns it, by when, and whether it is done.
pub struct ActionsEditor {
    pub id: AttrValue,
    pub rows: Vec<ActionItem>,
    pub on_change: Callback<Vec<ActionItem>>,
    pub on_move: super::OnMove,
}

impl ActionsEditor {
    pub fn view(&self) -> Html {
        let rows = &self.rows;
        let on_change = &self.on_change;
        let at = |i| (rows.as_slice(), i, on_change);
        html! {
            <div class="table-editor">
                if rows.is_empty() {
                    <p class="muted">{ "No actions yet." }</p>
                }
                { for rows.iter().enumerate().map(|(i, a)| {
                    let n = i + 1;
                    let what = if a.what.trim().is_empty() { format!("action {n}") } else { a.what.clone() };
                    html! {
                        <fieldset key={i} class="row-card" onkeydown={on_alt_arrows(&self.id, i, rows.len(), &what, &self.on_move)}>
                            <legend>{ format!("Action {n}") }</legend>
                            <div class="row-card__grid">
                                <div class="field--wide">
                                    { row_text_field(&self.id, at(i), ("what", "What", &a.what), |a, v| a.what = v) }
                                </div>
                                { row_text_field(&self.id, at(i), ("owner", "Owner", &a.owner), |a, v| a.owner = v) }
                                { row_date_field(&self.id, at(i), ("due", "Due", &a.due), |a, v| a.due = v) }
                                { row_checkbox(&self.id, at(i), ("done", "Done", a.done), |a| a.done = !a.done) }
                            </div>
                            <div class="row-card__actions">
                                { move_buttons(&self.id, i, rows.len(), &what, &self.on_move, false) }
                                { remove_button(format!("Remove {what}"), on_click_edit(rows, on_change, move |v| { v.remove(i); })) }
                            </div>
                        </fieldset>
                    }
                }) }
                <div class="editor-actions">
                    { add_button("Add action", rows, on_change, format!("{}-{}-what", self.id, rows.len() + 1), false) }
                </div>
            </div>
        }
    }
}
