//! One plan section as read, not edited: for the read view, print, and kept sections.

use yew::prelude::*;

use crate::domain::plan_export::figure_or_dash;
use crate::domain::plans::{
    reviews_latest_first, roadmap_columns, Content, ReviewEntry, RoadmapItem, SectionKind,
    ShownSection, Threat,
};
use crate::domain::settings::format_money;
use crate::support::dates::readable_date;
use crate::support::decimal::shortest;

fn or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        "—".into()
    } else {
        s.to_string()
    }
}

fn date_or_dash(d: &str) -> String {
    if d.trim().is_empty() {
        "—".into()
    } else {
        readable_date(d)
    }
}

/// The heading tag one level below `heading`, for the parts of a section.
fn sub_heading(heading: &str) -> String {
    match heading {
        "h1" => "h2",
        "h2" => "h3",
        "h3" => "h4",
        "h4" => "h5",
        _ => "h6",
    }
    .to_string()
}

/// The log, latest review first; each review's four parts only where written.
fn review_log(entries: &[ReviewEntry], heading: &str) -> Html {
    html! {
        <div class="review-log">
            { for reviews_latest_first(entries).into_iter().map(|e| {
                let when = if e.date.trim().is_empty() { "Review (no date)".to_string() } else { format!("Review of {}", readable_date(&e.date)) };
                html! {
                    <div class="review-log__entry">
                        <@{sub_heading(heading)} class="review-log__date">{ when }</@>
                        <dl class="review-log__parts">
                            { for [("Wins", &e.wins), ("Challenges", &e.challenges), ("Decisions", &e.decisions), ("Next steps", &e.next_steps)]
                                .into_iter().filter(|(_, t)| !t.trim().is_empty()).map(|(label, t)| html! {
                                    <div><dt>{ label }</dt><dd class="plan-view__text">{ t.trim() }</dd></div>
                                }) }
                        </dl>
                    </div>
                }
            }) }
        </div>
    }
}

/// Each competitor or risk as a short block rather than a table row: its two sentences
/// would leave a five-column table unreadable on a phone.
fn risks(rows: &[Threat], heading: &str) -> Html {
    html! {
        <div class="risk-list">
            { for rows.iter().filter(|t| !t.is_blank()).map(|t| {
                let severity = t.severity.map_or("severity not judged".to_string(), |s| format!("{} severity", s.title()));
                html! {
                    <div class="risk-list__item">
                        <@{sub_heading(heading)} class="risk-list__name">{ or_dash(&t.name) }</@>
                        <p class="muted risk-list__kind">{ format!("{} · {severity}", t.kind.title()) }</p>
                        <dl class="review-log__parts">
                            <div><dt>{ "What is at stake" }</dt><dd class="plan-view__text">{ or_dash(t.threat.trim()) }</dd></div>
                            <div><dt>{ "Our response" }</dt><dd class="plan-view__text">{ or_dash(t.response.trim()) }</dd></div>
                        </dl>
                    </div>
                }
            }) }
        </div>
    }
}

/// The roadmap's four columns side by side, stacked on narrow screens; items not sorted yet
/// follow in a column of their own.
fn roadmap(items: &[RoadmapItem], heading: &str) -> Html {
    html! {
        <div class="roadmap">
            { for roadmap_columns(items).into_iter().map(|(stage, items)| html! {
                <div class={classes!("roadmap__column", stage.is_none().then_some("roadmap__column--unsorted"))}>
                    <@{sub_heading(heading)} class="roadmap__title">{ stage.map_or("Not sorted yet", |s| s.title()) }</@>
                    if items.is_empty() {
                        <p class="muted">{ "Nothing yet." }</p>
                    } else {
                        <ul>
                            { for items.into_iter().map(|i| html! {
                                <li>
                                    { or_dash(&i.what) }
                                    if !i.note.trim().is_empty() { <span class="muted">{ format!(" — {}", i.note.trim()) }</span> }
                                </li>
                            }) }
                        </ul>
                    }
                </div>
            }) }
        </div>
    }
}

/// One section of a plan, read-only, under a heading of the tag `heading` (such as "h2"),
/// to fit the page's outline. Keyed by the section's key, for lists of sections.
pub fn plan_section_view(s: &ShownSection, currency: &str, heading: &str) -> Html {
    plan_section_view_with(s, currency, heading, None, s.content.is_filled())
}

/// The same, with `lead` shown before the content: what the plan holds for the section
/// besides it (the client's agreement), and whether all of it is `filled` in (empty sections
/// can be left out of a printout).
pub fn plan_section_view_with(
    s: &ShownSection,
    currency: &str,
    heading: &str,
    lead: Option<Html>,
    filled: bool,
) -> Html {
    let body = if !s.content.is_filled() {
        if lead.is_some() {
            html! {}
        } else {
            html! { <p class="muted">{ "Not filled in yet." }</p> }
        }
    } else {
        match &s.content {
            Content::Text(t) => html! { <p class="plan-view__text">{ t.trim() }</p> },
            // A capped list is a ranking (the client's top five issues): numbered.
            Content::List(items) if matches!(s.kind, SectionKind::List { max: Some(_) }) => html! {
                <ol class="plan-view__ranked">{ for items.iter().filter(|i| !i.trim().is_empty()).map(|i| html! { <li>{ i }</li> }) }</ol>
            },
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
            Content::Stakeholders(rows) => {
                let named: Vec<_> = rows.iter().filter(|r| !r.name.trim().is_empty()).collect();
                // A plan sent to the client carries neither column; empty columns say nothing.
                let roles = named.iter().any(|r| r.role.is_some());
                let strengths = named.iter().any(|r| r.strength.is_some());
                html! {
                    <div class="table-scroll">
                        <table class="plan-view__table">
                            <thead><tr>
                                <th scope="col">{ "Name" }</th><th scope="col">{ "Title" }</th><th scope="col">{ "Level" }</th>
                                if roles { <th scope="col">{ "Role" }</th> }
                                if strengths { <th scope="col">{ "Strength" }</th> }
                                <th scope="col">{ "Owner" }</th><th scope="col">{ "Next step" }</th>
                            </tr></thead>
                            <tbody>
                                { for named.iter().map(|r| html! {
                                    <tr>
                                        <td data-label="Name">{ &r.name }</td><td data-label="Title">{ or_dash(&r.title) }</td>
                                        <td data-label="Level">{ or_dash(&r.level) }</td>
                                        if roles { <td data-label="Role">{ r.role.map_or("—", |x| x.title()) }</td> }
                                        if strengths { <td data-label="Strength">{ r.strength.map_or("—".to_string(), |x| format!("{x}/5")) }</td> }
                                        <td data-label="Owner">{ or_dash(&r.owner) }</td><td data-label="Next step">{ or_dash(&r.next_step) }</td>
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                    </div>
                }
            }
            Content::Kpis(rows) => html! {
                <div class="table-scroll">
                    <table class="plan-view__table">
                        <thead><tr>
                            <th scope="col">{ "Metric" }</th><th scope="col">{ "Baseline" }</th><th scope="col">{ "Target" }</th>
                            <th scope="col">{ "Actual" }</th><th scope="col">{ "Due" }</th>
                        </tr></thead>
                        <tbody>
                            { for rows.iter().filter(|k| !k.metric.trim().is_empty()).map(|k| html! {
                                <tr>
                                    <td data-label="Metric">{ &k.metric }</td><td data-label="Baseline">{ or_dash(&k.baseline) }</td>
                                    <td data-label="Target">{ or_dash(&k.target) }</td><td data-label="Actual">{ or_dash(&k.actual) }</td>
                                    <td data-label="Due">{ if k.due.is_empty() { "—".to_string() } else { readable_date(&k.due) } }</td>
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
            Content::Actions(rows) => html! {
                <div class="table-scroll">
                    <table class="action-table plan-view__table">
                        <thead><tr>
                            <th scope="col">{ "Done" }</th><th scope="col">{ "What" }</th>
                            <th scope="col">{ "Owner" }</th><th scope="col">{ "Due" }</th>
                        </tr></thead>
                        <tbody>
                            { for rows.iter().filter(|a| !a.is_blank()).map(|a| html! {
                                <tr class={classes!(a.done.then_some("action-table__done"))}>
                                    <td data-label="Done">{ if a.done { "Yes" } else { "No" } }</td>
                                    <td data-label="What">{ or_dash(&a.what) }</td><td data-label="Owner">{ or_dash(&a.owner) }</td>
                                    <td data-label="Due">{ date_or_dash(&a.due) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            },
            Content::ReviewLog(entries) => review_log(entries, heading),
            Content::Risks(rows) => risks(rows, heading),
            Content::Roadmap(items) => roadmap(items, heading),
        }
    };
    let heading = heading.to_string();
    html! {
        <section key={s.key.clone()} class={classes!("plan-view__section", (!filled).then_some("plan-view__section--empty"))}>
            <@{heading}>{ &s.title }</@>
            if let Some(lead) = lead {
                { lead }
            }
            { body }
        </section>
    }
}
