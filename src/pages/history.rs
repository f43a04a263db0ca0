//! Saved assessments: the score trend and the list, newest first.

use yew::prelude::*;

use crate::components::band_badge::band_badge;
use crate::components::trend_panel::TrendPanel;
use crate::domain::history::{chronological, diff, previous_in_team};
use crate::hooks::use_app_state;
use crate::route::Route;
use crate::state::Action;

#[component]
pub fn HistoryPage() -> Html {
    let state = use_app_state();
    let oldest_first = chronological(&state.doc.grader.history);

    if oldest_first.is_empty() {
        return html! {
            <div class="empty-state">
                <h1 tabindex="-1">{ "Assessment history" }</h1>
                <p>{ "No saved assessments yet. Grade your team, save the result, and come back \
                      after the next review to see what changed." }</p>
                <p><a class="button button--primary" href={Route::Grader.href()}>{ "Take the assessment" }</a></p>
            </div>
        };
    }

    let has_teams = oldest_first.iter().any(|a| !a.team.trim().is_empty());

    let rows = oldest_first.iter().enumerate().rev().map(|(i, a)| {
        let grade = a.grade();
        // Measured against the same team's previous assessment, as on the assessment's page.
        let change = previous_in_team(&oldest_first, i).map(|p| diff(&p.answers, &a.answers));
        let change_text = match change {
            None if i == 0 => "First assessment".to_string(),
            None if a.team.trim().is_empty() => "First without a team".to_string(),
            None => format!("First for {}", a.team.trim()),
            Some(c) if c.is_empty() => "Same practices".to_string(),
            Some(c) => [(c.gained.len(), "gained"), (c.lost.len(), "lost")]
                .iter()
                .filter(|(n, _)| *n > 0)
                .map(|(n, what)| format!("{n} {what}"))
                .collect::<Vec<_>>()
                .join(", "),
        };
        let on_delete = {
            let state = state.clone();
            let id = a.id;
            Callback::from(move |_| state.dispatch(Action::DeleteAssessment(id)))
        };
        let date = a.when();
        let name = if a.label.is_empty() { date.clone() } else { format!("{} ({date})", a.label) };
        html! {
            <tr key={a.id}>
                <td data-label="Date">{ &date }</td>
                <td data-label="Label">{ if a.label.is_empty() { "—" } else { &a.label } }</td>
                if has_teams {
                    <td data-label="Team">{ if a.team.is_empty() { "—" } else { &a.team } }</td>
                }
                <td data-label="Score" class="num">{ format!("{}/10", grade.score) }</td>
                <td data-label="Band">{ band_badge(grade.band) }</td>
                <td data-label="Since previous">{ change_text }</td>
                <td class="actions">
                    <a class="button button--small" href={Route::Assessment(a.id).href()}
                        aria-label={format!("Open assessment {name}")}>{ "Open" }</a>
                    <button type="button" class="button button--small button--danger" onclick={on_delete}
                        aria-label={format!("Delete assessment {name}")}>{ "Delete" }</button>
                </td>
            </tr>
        }
    });

    html! {
        <div class="history">
            <header class="page-header">
                <h1 tabindex="-1">{ "Assessment history" }</h1>
                <p class="lead">{ "Every saved assessment, so you can see whether your account \
                                   management is getting stronger." }</p>
            </header>
            <section aria-labelledby="trend-title" class="card">
                <h2 id="trend-title">{ "Score over time" }</h2>
                <TrendPanel />
            </section>
            <section aria-labelledby="saved-title" class="card">
                <h2 id="saved-title">{ "Saved assessments" }</h2>
                <div class="table-scroll">
                    <table class="history-table">
                        <thead>
                            <tr>
                                <th scope="col">{ "Date" }</th>
                                <th scope="col">{ "Label" }</th>
                                if has_teams {
                                    <th scope="col">{ "Team" }</th>
                                }
                                <th scope="col" class="num">{ "Score" }</th>
                                <th scope="col">{ "Band" }</th>
                                <th scope="col">{ "Since previous" }</th>
                                <th scope="col"><span class="visually-hidden">{ "Actions" }</span></th>
                            </tr>
                        </thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
            </section>
        </div>
    }
}
