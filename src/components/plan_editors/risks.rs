use yew::prelude::*;

use super::{
    add_button, move_buttons, on_alt_arrows, on_click_edit, remove_button, row_select,
    row_text_field,
};
use crate::domain::plans::{Severity, Threat, ThreatKind};

/// Competitors and other risks to the account, each with what is at stake and our response.
pub struct RisksEditor {
    pub id: AttrValue,
    pub rows: Vec<Threat>,
    pub on_change: Callback<Vec<Threat>>,
    pub on_move: super::OnMove,
}

impl RisksEditor {
    pub fn view(&self) -> Html {
        let rows = &self.rows;
        let on_change = &self.on_change;
        let at = |i| (rows.as_slice(), i, on_change);
        let kinds: Vec<(&str, &str)> = ThreatKind::ALL
            .iter()
            .map(|k| (k.slug(), k.title()))
            .collect();
        let severities: Vec<(&str, &str)> = std::iter::once(("", "Not judged"))
            .chain(Severity::ALL.iter().map(|s| (s.slug(), s.title())))
            .collect();
        html! {
            <div class="table-editor">
                if rows.is_empty() {
                    <p class="muted">{ "No competitors or risks listed yet." }</p>
                }
                { for rows.iter().enumerate().map(|(i, t)| {
                    let n = i + 1;
                    let what = if t.name.trim().is_empty() { format!("risk {n}") } else { t.name.clone() };
                    html! {
                        <fieldset key={i} class="row-card" onkeydown={on_alt_arrows(&self.id, i, rows.len(), &what, &self.on_move)}>
                            <legend>{ format!("Risk {n}") }</legend>
                            <div class="row-card__grid">
                                { row_text_field(&self.id, at(i), ("name", "Competitor or risk", &t.name), |t, v| t.name = v) }
                                { row_select(&self.id, at(i), ("kind", "Kind", t.kind.slug()), &kinds,
                                    |t, v| t.kind = ThreatKind::from_slug(&v).unwrap_or_default()) }
                                { row_select(&self.id, at(i), ("severity", "Severity", t.severity.map_or("", |s| s.slug())), &severities,
                                    |t, v| t.severity = Severity::from_slug(&v)) }
                                <div class="field--wide">
                                    { row_text_field(&self.id, at(i), ("threat", "What is at stake", &t.threat), |t, v| t.threat = v) }
                                </div>
                                <div class="field--wide">
                                    { row_text_field(&self.id, at(i), ("response", "Our response", &t.response), |t, v| t.response = v) }
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
                    { add_button("Add competitor or risk", rows, on_change, format!("{}-{}-name", self.id, rows.len() + 1), false) }
                </div>
            </div>
        }
    }
}
