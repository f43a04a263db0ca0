use yew::prelude::*;

use super::{
    add_button, move_buttons, on_alt_arrows, on_click_edit, on_row_change, remove_button,
    row_text_field,
};
use crate::domain::plans::Kpi;

/// Measures of success, each with baseline, target, actual and due date.
pub struct KpisEditor {
    pub id: AttrValue,
    pub rows: Vec<Kpi>,
    pub on_change: Callback<Vec<Kpi>>,
    pub on_move: super::OnMove,
}

impl KpisEditor {
    pub fn view(&self) -> Html {
        let rows = &self.rows;
        let on_change = &self.on_change;
        let field = |i: usize, name: &str, label: &str, value: &str, set: fn(&mut Kpi, String)| {
            row_text_field(&self.id, (rows, i, on_change), (name, label, value), set)
        };
        html! {
            <div class="table-editor">
                if rows.is_empty() {
                    <p class="muted">{ "No measures yet. Two or three are plenty to start with." }</p>
                }
                { for rows.iter().enumerate().map(|(i, k)| {
                    let n = i + 1;
                    let what = if k.metric.trim().is_empty() { format!("measure {n}") } else { k.metric.clone() };
                    let due_id = format!("{}-{n}-due", self.id);
                    html! {
                        <fieldset key={i} class="row-card" onkeydown={on_alt_arrows(&self.id, i, rows.len(), &what, &self.on_move)}>
                            <legend>{ format!("Measure {n}") }</legend>
                            <div class="row-card__grid">
                                { field(i, "metric", "Metric", &k.metric, |k, v| k.metric = v) }
                                { field(i, "baseline", "Baseline", &k.baseline, |k, v| k.baseline = v) }
                                { field(i, "target", "Target", &k.target, |k, v| k.target = v) }
                                { field(i, "actual", "Actual", &k.actual, |k, v| k.actual = v) }
                                <div class="field">
                                    <label for={due_id.clone()}>{ "Due" }</label>
                                    <input id={due_id} type="date" value={k.due.clone()}
                                        onchange={on_row_change(rows, i, on_change, |k, v| k.due = v)} />
                                </div>
                            </div>
                            <div class="row-card__actions">
                                { move_buttons(&self.id, i, rows.len(), &what, &self.on_move, false) }
                                { remove_button(format!("Remove {what}"), on_click_edit(rows, on_change, move |v| { v.remove(i); })) }
                            </div>
                        </fieldset>
                    }
                }) }
                <div class="editor-actions">
                    { add_button("Add measure", rows, on_change, format!("{}-{}-metric", self.id, rows.len() + 1), false) }
                </div>
            </div>
        }
    }
}
