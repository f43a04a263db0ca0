use yew::prelude::*;

use super::{add_button, on_click_edit, remove_button, row_date_field, row_text_area};
use crate::domain::plans::ReviewEntry;
use crate::support::dates::readable_date;

/// The business-review log: per review, its date, wins, challenges, decisions and next steps.
pub struct ReviewLogEditor {
    pub id: AttrValue,
    pub rows: Vec<ReviewEntry>,
    pub on_change: Callback<Vec<ReviewEntry>>,
}

impl ReviewLogEditor {
    pub fn view(&self) -> Html {
        let rows = &self.rows;
        let on_change = &self.on_change;
        let at = |i| (rows.as_slice(), i, on_change);
        html! {
            <div class="table-editor">
                if rows.is_empty() {
                    <p class="muted">{ "No reviews logged yet." }</p>
                }
                { for rows.iter().enumerate().map(|(i, e)| {
                    let n = i + 1;
                    let which = if e.date.trim().is_empty() { format!("review {n}") } else { format!("the review of {}", readable_date(&e.date)) };
                    html! {
                        <fieldset key={i} class="row-card">
                            <legend>{ format!("Review {n}") }</legend>
                            <div class="row-card__grid">
                                { row_date_field(&self.id, at(i), ("date", "Date", &e.date), |e, v| e.date = v) }
                                { row_text_area(&self.id, at(i), ("wins", "Wins", &e.wins), |e, v| e.wins = v) }
                                { row_text_area(&self.id, at(i), ("challenges", "Challenges", &e.challenges), |e, v| e.challenges = v) }
                                { row_text_area(&self.id, at(i), ("decisions", "Decisions", &e.decisions), |e, v| e.decisions = v) }
                                { row_text_area(&self.id, at(i), ("next", "Next steps", &e.next_steps), |e, v| e.next_steps = v) }
                            </div>
                            { remove_button(format!("Remove {which}"), on_click_edit(rows, on_change, move |v| { v.remove(i); })) }
                        </fieldset>
                    }
                }) }
                <div class="editor-actions">
                    { add_button("Log a review", rows, on_change, format!("{}-{}-date", self.id, rows.len() + 1), false) }
                </div>
            </div>
        }
    }
}
