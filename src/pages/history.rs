//! Saved assessments: the score trend and the list, newest first.

use yew::prelude::*;

use crate::components::band_badge::band_badge;
use crate::components::trend_chart::{trend_chart, TrendPoint};
use crate::domain::dates::readable_date_time;
use crate::domain::history::{chronological, diff};
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

    let points: Vec<TrendPoint> = oldest_first
        .iter()
        .map(|a| TrendPoint {
            saved_at: a.saved_at.clone(),
            label: a.label.clone(),
            score: a.grade().score,
        })
        .collect();

    let rows = oldest_first.iter().enumerate().rev().map(|(i, a)| {
        let grade = a.grade();
        let change = i.checked_sub(1).map(|p| diff(&oldest_first[p].answers, &a.answers));
        let change_text = match change {
            None => "First assessment".to_string(),
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
        let date = readable_date_time(&a.saved_at);
        let name = if a.label.is_empty() { date.clone() } else { format!("{} ({date})", a.label) };
        html! {
            <tr key={a.id}>
                <td data-label="Date">{ &date }</td>
                <td data-label="Label">{ if a.label.is_empty() { "—" } else { &a.label } }</td>
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
                { trend_chart(&points) }
            </section>
            <section aria-labelledby="saved-title" class="card">
                <h2 id="saved-title">{ "Saved assessments" }</h2>
                <div class="table-scroll">
                    <table class="history-table">
                        <thead>
                            <tr>
                                <th scope="col">{ "Date" }</th>
                                <th scope="col">{ "Label" }</th>
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
