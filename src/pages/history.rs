//! Saved assessments: the score trend and the list, newest first.

use yew::prelude::*;

use crate::browser::clock::now_iso;
use crate::components::band_badge::band_badge;
use crate::components::storage_banner::NOT_READ_HERE;
use crate::domain::history::{chronological, since_previous, teams_named};
use crate::domain::prospects::looks_shared;
use crate::hooks::use_app_state;
use crate::lazy_screens::{use_group_here, Group, LazyTrendPanel};
use crate::route::Route;
use crate::state::{Action, GraderAction, ProspectAction};

#[component]
pub fn HistoryPage() -> Html {
    let state = use_app_state();
    // Moving a result to the prospects is a change the History group's code makes (see
    // `crate::area_updates`): offered once it is here, so that it takes effect at once.
    let can_move = use_group_here(Group::History);
    let oldest_first = chronological(&state.doc.grader.history);

    if oldest_first.is_empty() {
        return html! {
            <div class="empty-state">
                <h1 tabindex="-1">{ "Assessment history" }</h1>
                if state.stored_data_unread() {
                    // No call to work that this tab would not save.
                    <p>{ NOT_READ_HERE }</p>
                } else {
                    <p>{ "No saved assessments yet. Grade your team, save the result, and come back \
                          after the next review to see what changed." }</p>
                    <p><a class="button button--primary" href={Route::Grader.href()}>{ "Take the assessment" }</a></p>
                }
            </div>
        };
    }

    let has_teams = teams_named(&oldest_first);

    let changes = since_previous(&oldest_first);
    let rows = oldest_first.iter().zip(changes).rev().map(|(a, change_text)| {
        let grade = a.grade();
        let on_delete = {
            let state = state.clone();
            let id = a.id;
            Callback::from(move |_| state.dispatch(Action::Grader(GraderAction::DeleteAssessment(id))))
        };
        let date = a.when();
        let name = if a.label.is_empty() { date.clone() } else { format!("{} ({date})", a.label) };
        let on_move = (can_move && looks_shared(a)).then(|| move_to_prospects(&state, vec![a.id]));
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
                    if let Some(on_move) = on_move {
                        <button type="button" class="button button--small" onclick={on_move}
                            aria-label={format!("Move {name} to prospects")}>{ "Move to prospects" }</button>
                    }
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
            if can_move {
                { shared_copies_notice(&state) }
            }
            <section aria-labelledby="trend-title" class="card">
                <h2 id="trend-title" tabindex="-1">{ "Score over time" }</h2>
                <LazyTrendPanel />
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

fn move_to_prospects(state: &crate::hooks::AppContext, ids: Vec<u64>) -> Callback<MouseEvent> {
    let state = state.clone();
    Callback::from(move |_| {
        state.dispatch(Action::Prospect(ProspectAction::MoveToProspects {
            ids: ids.clone(),
            at: now_iso(),
        }))
    })
}

/// Shared results saved here before prospects had a list of their own pull the team's trend
/// about; this offers to move them all at once.
fn shared_copies_notice(state: &crate::hooks::AppContext) -> Html {
    let ids: Vec<u64> = state
        .doc
        .grader
        .history
        .iter()
        .filter(|a| looks_shared(a))
        .map(|a| a.id)
        .collect();
    if ids.is_empty() {
        return html! {};
    }
    let n = ids.len();
    html! {
        <section class="banner banner--info history__shared" aria-labelledby="history-shared-title">
            <h2 id="history-shared-title" class="banner__title">
                { if n == 1 { "1 result here looks like someone else's".to_string() }
                  else { format!("{n} results here look like someone else's") } }
            </h2>
            <p>{ "Results saved from a shared link (labelled \"Shared with me\" or ending in \"(shared)\") count in \
                your team's trend. If they came from prospects, move them to Prospects, where you can compare \
                them with your team." }</p>
            <button type="button" class="button" onclick={move_to_prospects(state, ids)}>
                { if n == 1 { "Move it to prospects".to_string() } else { format!("Move all {n} to prospects") } }
            </button>
        </section>
    }
}
