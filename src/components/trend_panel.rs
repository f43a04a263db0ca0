//! The score trend of the saved assessments: a choice of what to draw a line for (all of
//! them, each team, each label), which of those lines to show, the chart with its legend,
//! and the same figures as a table.

use yew::prelude::*;

use super::trend_chart::{line_sample, trend_chart, TrendLine, TrendSlot};
use crate::domain::history::{chronological, grouped, GroupBy, SavedAssessment, TrendView};
use crate::hooks::use_app_state;
use crate::state::Action;
use crate::support::dates::readable_date;

#[component]
pub fn TrendPanel() -> Html {
    let state = use_app_state();
    let view = &state.trend_view;
    let history = &state.doc.grader.history;
    let by = view.by_for(history);
    let sorted = chronological(history);
    let groups = grouped(&sorted, by);

    // Only the assessments of the groups shown take a place along the time axis.
    let shown: Vec<&SavedAssessment> = sorted
        .iter()
        .copied()
        .filter(|a| {
            groups
                .iter()
                .any(|g| view.is_shown(&g.key) && g.members.iter().any(|m| m.id == a.id))
        })
        .collect();
    let slot_of = |a: &SavedAssessment| shown.iter().position(|s| s.id == a.id);
    let slots: Vec<TrendSlot> = shown
        .iter()
        .map(|a| TrendSlot {
            label: a.label.clone(),
            date: readable_date(a.day()),
        })
        .collect();
    let lines: Vec<TrendLine> = groups
        .iter()
        .enumerate()
        .filter(|(_, g)| view.is_shown(&g.key))
        .map(|(style, g)| TrendLine {
            name: g.name.clone(),
            style,
            points: g
                .members
                .iter()
                .filter_map(|a| Some((slot_of(a)?, a.grade().score)))
                .collect(),
        })
        .collect();
    let group_of = |a: &SavedAssessment| {
        groups
            .iter()
            .find(|g| g.members.iter().any(|m| m.id == a.id))
            .map(|g| g.name.clone())
            .unwrap_or_default()
    };

    let on_group_by = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(choice) = GroupBy::from_slug(&select.value()) {
                state.dispatch(Action::SetTrendView(state.trend_view.grouped_by(choice)));
            }
        })
    };
    let on_toggle = |key: String| {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            state.dispatch(Action::SetTrendView(state.trend_view.showing(
                by,
                &key,
                input.checked(),
            )));
        })
    };
    let on_table_toggle = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let details: web_sys::Element = e.target_unchecked_into();
            let open = details.has_attribute("open");
            if open != state.trend_view.table_open {
                state.dispatch(Action::SetTrendView(TrendView {
                    table_open: open,
                    ..state.trend_view.clone()
                }));
            }
        })
    };
    let no_teams = by == GroupBy::Team && history.iter().all(|a| a.team.trim().is_empty());
    let is_grouped = by != GroupBy::Nothing;

    html! {
        <div class="trend">
            <div class="trend__controls">
                <label for="trend-group-by">{ "Draw a line for each" }</label>
                <select id="trend-group-by" onchange={on_group_by} aria-describedby={no_teams.then_some("trend-no-teams")}>
                    { for GroupBy::ALL.iter().map(|g| html! {
                        <option value={g.slug()} selected={by == *g}>{ g.title() }</option>
                    }) }
                </select>
            </div>
            if no_teams {
                <p class="muted" id="trend-no-teams">
                    { "No assessment has a team yet. Name the team when you save an assessment, \
                       or add it to an earlier one with \"Edit label, team and date\"." }
                </p>
            }
            if is_grouped {
                <fieldset class="trend__legend">
                    <legend>{ "Lines shown" }</legend>
                    <ul>
                        { for groups.iter().enumerate().map(|(style, g)| {
                            let id = format!("trend-show-{style}");
                            let count = g.members.len();
                            html! {
                                <li key={g.key.clone()}>
                                    <input type="checkbox" id={id.clone()} checked={view.is_shown(&g.key)}
                                        onchange={on_toggle(g.key.clone())} />
                                    <label for={id}>
                                        { line_sample(style) }
                                        <span>
                                            <span class="trend__legend-name">{ &g.name }</span>
                                            <span class="muted">{ format!(" ({count} {})", if count == 1 { "assessment" } else { "assessments" }) }</span>
                                        </span>
                                    </label>
                                </li>
                            }
                        }) }
                    </ul>
                </fieldset>
            }
            if lines.is_empty() {
                <p class="trend__empty" role="status">{ "Every line is hidden. Tick one above to draw it." }</p>
            } else {
                <figure class="trend__figure">
                    { trend_chart(&slots, &lines) }
                    <figcaption class="muted">
                        { "Shaded bands: 0–6 accounts at risk, 7–8 some areas to work on, 9–10 doing consistently well." }
                    </figcaption>
                </figure>
                <details class="trend__data" open={view.table_open} ontoggle={on_table_toggle}>
                    <summary>{ "The chart's figures as a table" }</summary>
                    <div class="table-scroll">
                        <table class="trend__table">
                            <thead>
                                <tr>
                                    <th scope="col">{ "Date" }</th>
                                    <th scope="col">{ "Assessment" }</th>
                                    if is_grouped {
                                        <th scope="col">{ "Line" }</th>
                                    }
                                    <th scope="col" class="num">{ "Score" }</th>
                                </tr>
                            </thead>
                            <tbody>
                                { for shown.iter().map(|a| html! {
                                    <tr key={a.id}>
                                        <td data-label="Date">{ readable_date(a.day()) }</td>
                                        <td data-label="Assessment">{ if a.label.is_empty() { "—" } else { &a.label } }</td>
                                        if is_grouped {
                                            <td data-label="Line">{ group_of(a) }</td>
                                        }
                                        <td class="num" data-label="Score">{ format!("{}/10", a.grade().score) }</td>
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                    </div>
                </details>
            }
        </div>
    }
}
