use yew::prelude::*;

use super::{
    add_button, move_buttons, on_alt_arrows, on_click_edit, on_row_change, remove_button,
    row_text_field,
};
use crate::domain::plans::{DecisionRole, Stakeholder};

/// The relationship matrix: one card of fields per person.
pub struct StakeholdersEditor {
    pub id: AttrValue,
    pub rows: Vec<Stakeholder>,
    pub on_change: Callback<Vec<Stakeholder>>,
    pub on_move: super::OnMove,
}

impl StakeholdersEditor {
    pub fn view(&self) -> Html {
        let rows = &self.rows;
        let on_change = &self.on_change;
        let field =
            |i: usize, name: &str, label: &str, value: &str, set: fn(&mut Stakeholder, String)| {
                row_text_field(&self.id, (rows, i, on_change), (name, label, value), set)
            };
        html! {
            <div class="table-editor">
                if rows.is_empty() {
                    <p class="muted">{ "No one listed yet." }</p>
                }
                { for rows.iter().enumerate().map(|(i, s)| {
                    let n = i + 1;
                    let who = if s.name.trim().is_empty() { format!("person {n}") } else { s.name.clone() };
                    let role_id = format!("{}-{n}-role", self.id);
                    let strength_id = format!("{}-{n}-strength", self.id);
                    html! {
                        <fieldset key={i} class="row-card" onkeydown={on_alt_arrows(&self.id, i, rows.len(), &who, &self.on_move)}>
                            <legend>{ format!("Person {n}") }</legend>
                            <div class="row-card__grid">
                                { field(i, "name", "Name", &s.name, |s, v| s.name = v) }
                                { field(i, "title", "Job title", &s.title, |s, v| s.title = v) }
                                { field(i, "level", "Level", &s.level, |s, v| s.level = v) }
                                <div class="field">
                                    <label for={role_id.clone()}>{ "Role in the decision" }</label>
                                    <select id={role_id} onchange={on_row_change(rows, i, on_change, |s, v| s.role = DecisionRole::from_slug(&v))}>
                                        <option value="" selected={s.role.is_none()}>{ "Not known" }</option>
                                        { for DecisionRole::ALL.iter().map(|r| html! {
                                            <option value={r.slug()} selected={s.role == Some(*r)}>{ r.title() }</option>
                                        }) }
                                    </select>
                                </div>
                                <div class="field">
                                    <label for={strength_id.clone()}>{ "Our relationship (1-5)" }</label>
                                    <select id={strength_id} onchange={on_row_change(rows, i, on_change, |s, v| s.strength = v.parse().ok())}>
                                        <option value="" selected={s.strength.is_none()}>{ "Not rated" }</option>
                                        { for (1..=5u8).map(|v| html! {
                                            <option value={v.to_string()} selected={s.strength == Some(v)}>{ v }</option>
                                        }) }
                                    </select>
                                </div>
                                { field(i, "owner", "Owner on our side", &s.owner, |s, v| s.owner = v) }
                                { field(i, "next", "Next step", &s.next_step, |s, v| s.next_step = v) }
                            </div>
                            <div class="row-card__actions">
                                { move_buttons(&self.id, i, rows.len(), &who, &self.on_move, false) }
                                { remove_button(format!("Remove {who}"), on_click_edit(rows, on_change, move |v| { v.remove(i); })) }
                            </div>
                        </fieldset>
                    }
                }) }
                <div class="editor-actions">
                    { add_button("Add person", rows, on_change, format!("{}-{}-name", self.id, rows.len() + 1), false) }
                </div>
            </div>
        }
    }
}
