//! One plan section as read, not edited: for the read view, print, and kept sections.

use yew::prelude::*;

use crate::domain::dates::readable_date;
use crate::domain::decimal::shortest;
use crate::domain::plan_export::figure_or_dash;
use crate::domain::plans::{Content, ShownSection};
use crate::domain::settings::format_money;

fn or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        "—".into()
    } else {
        s.to_string()
    }
}

/// One section of a plan, read-only, under a heading of the tag `heading` (such as "h2"),
/// to fit the page's outline. Keyed by the section's key, for lists of sections.
pub fn plan_section_view(s: &ShownSection, currency: &str, heading: &str) -> Html {
    let body = if !s.content.is_filled() {
        html! { <p class="muted">{ "Not filled in yet." }</p> }
    } else {
        match &s.content {
            Content::Text(t) => html! { <p class="plan-view__text">{ t.trim() }</p> },
            Content::List(items) => html! {
                <ul>{ for items.iter().filter(|i| !i.trim().is_empty()).map(|i| html! { <li>{ i }</li> }) }</ul>
            },
            Content::Checklist(items) => html! {
                <ul class="plan-view__checklist">
                    { for items.iter().filter(|i| !i.text.trim().is_empty()).map(|i| html! {
                        <li>
                            <span aria-hidden="true">{ if i.done { "☑ " } else { "☐ " } }</span>
                            <span class="visually-hidden">{ if i.done { "Done: " } else { "To do: " } }</span>
                            { &i.text }
                        </li>
                    }) }
                </ul>
            },
            Content::Stakeholders(rows) => html! {
                <div class="table-scroll">
                    <table>
                        <thead><tr>
                            <th scope="col">{ "Name" }</th><th scope="col">{ "Title" }</th><th scope="col">{ "Level" }</th>
                            <th scope="col">{ "Role" }</th><th scope="col">{ "Strength" }</th><th scope="col">{ "Owner" }</th>
                            <th scope="col">{ "Next step" }</th>
                        </tr></thead>
                        <tbody>
                            { for rows.iter().filter(|r| !r.name.trim().is_empty()).map(|r| html! {
                                <tr>
                                    <td>{ &r.name }</td><td>{ or_dash(&r.title) }</td><td>{ or_dash(&r.level) }</td>
                                    <td>{ r.role.map_or("—", |x| x.title()) }</td>
                                    <td>{ r.strength.map_or("—".to_string(), |x| format!("{x}/5")) }</td>
                                    <td>{ or_dash(&r.owner) }</td><td>{ or_dash(&r.next_step) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            },
            Content::Kpis(rows) => html! {
                <div class="table-scroll">
                    <table>
                        <thead><tr>
                            <th scope="col">{ "Metric" }</th><th scope="col">{ "Baseline" }</th><th scope="col">{ "Target" }</th>
                            <th scope="col">{ "Actual" }</th><th scope="col">{ "Due" }</th>
                        </tr></thead>
                        <tbody>
                            { for rows.iter().filter(|k| !k.metric.trim().is_empty()).map(|k| html! {
                                <tr>
                                    <td>{ &k.metric }</td><td>{ or_dash(&k.baseline) }</td><td>{ or_dash(&k.target) }</td>
                                    <td>{ or_dash(&k.actual) }</td>
                                    <td>{ if k.due.is_empty() { "—".to_string() } else { readable_date(&k.due) } }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            },
            Content::Budget(b) => html! {
                <dl class="details-list">
                    <div><dt>{ "Hours" }</dt><dd>{ figure_or_dash(b.hours) }</dd></div>
                    <div><dt>{ "Money" }</dt><dd>{ b.money.map_or("—".into(), |m| format_money(m, currency)) }</dd></div>
                    <div><dt>{ "Share of marketing budget" }</dt><dd>{ b.share_pct.map_or("—".into(), |p| format!("{}%", shortest(p))) }</dd></div>
                </dl>
            },
            Content::Schedule(sch) => {
                let meetings = sch.by_date();
                html! {
                    <>
                        if !sch.cadence.trim().is_empty() {
                            <p><strong>{ "Check-in rhythm: " }</strong>{ &sch.cadence }</p>
                        }
                        <ul>
                            { for meetings.iter().map(|m| html! {
                                <li>
                                    <strong>{ if m.date.is_empty() { "No date".to_string() } else { readable_date(&m.date) } }</strong>
                                    { format!(" — {}", m.kind.title()) }
                                    if !m.note.trim().is_empty() { { format!(": {}", m.note.trim()) } }
                                </li>
                            }) }
                        </ul>
                    </>
                }
            }
        }
    };
    let heading = heading.to_string();
    html! {
        <section key={s.key.clone()} class="plan-view__section">
            <@{heading}>{ &s.title }</@>
            { body }
        </section>
    }
}
