use yew::prelude::*;

use super::{
    add_button, move_buttons, on_alt_arrows, on_click_edit, remove_button, row_select,
    row_text_field,
};
use crate::domain::plans::{RoadmapItem, RoadmapStage};

/// The roadmap: one row per product or service, each placed in one of the Grader's columns.
pub struct RoadmapEditor {
    pub id: AttrValue,
    pub rows: Vec<RoadmapItem>,
    pub on_change: Callback<Vec<RoadmapItem>>,
    pub on_move: super::OnMove,
}

impl RoadmapEditor {
    pub fn view(&self) -> Html {
        let rows = &self.rows;
        let on_change = &self.on_change;
        let at = |i| (rows.as_slice(), i, on_change);
        let columns: Vec<(&str, &str)> = std::iter::once(("", "Not sorted yet"))
            .chain(RoadmapStage::ALL.iter().map(|s| (s.slug(), s.title())))
            .collect();
        html! {
            <div class="table-editor">
                if rows.is_empty() {
                    <p class="muted">{ "Nothing on the roadmap yet." }</p>
                }
                if rows.iter().any(|r| r.stage.is_none() && !r.is_blank()) {
                    <p class="notice">{ "Items without a column are waiting to be sorted: lines from the earlier \
                        one-list roadmap arrive this way (ticked ones went to \"In place\"). Choose a column for each." }</p>
                }
                { for rows.iter().enumerate().map(|(i, item)| {
                    let n = i + 1;
                    let what = if item.what.trim().is_empty() { format!("item {n}") } else { item.what.clone() };
                    html! {
                        <fieldset key={i} class="row-card" onkeydown={on_alt_arrows(&self.id, i, rows.len(), &what, &self.on_move)}>
                            <legend>{ format!("Item {n}") }</legend>
                            <div class="row-card__grid row-card__grid--item">
                                { row_text_field(&self.id, at(i), ("what", "Product or service", &item.what), |r, v| r.what = v) }
                                { row_select(&self.id, at(i), ("stage", "Column", item.stage.map_or("", |s| s.slug())), &columns,
                                    |r, v| r.stage = RoadmapStage::from_slug(&v)) }
                                <div class="field--wide">
                                    { row_text_field(&self.id, at(i), ("note", "Note (timing, who decides)", &item.note), |r, v| r.note = v) }
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
                    { add_button("Add to the roadmap", rows, on_change, format!("{}-{}-what", self.id, rows.len() + 1), false) }
                </div>
            </div>
        }
    }
}
