//! One prospect's result beside the user's own latest assessment, practice by practice, and
//! what to talk about at the first meeting.

use yew::prelude::*;

use crate::browser::page::navigate_replacing;
use crate::components::band_badge::band_badge;
use crate::components::missing::missing;
use crate::components::storage_banner::NOT_READ_HERE;
use crate::domain::grader::{Answer, Answers};
use crate::domain::history::chronological;
use crate::domain::practices::{PracticeId, PRACTICES};
use crate::domain::prospects::{compare, looks_shared, ProspectId, Standing};
use crate::hooks::use_app_state;
use crate::route::Route;
use crate::state::{Action, ProspectAction};
use crate::support::dates::readable_date;

#[derive(Properties, PartialEq)]
pub struct ProspectPageProps {
    pub id: ProspectId,
}

fn answer_text(answers: &Answers, id: PracticeId) -> &'static str {
    match answers.get(id) {
        Some(Answer::Yes) => "Done consistently",
        Some(Answer::NotYet) => "Not yet",
        None => "Not answered",
    }
}

#[component]
pub fn ProspectPage(props: &ProspectPageProps) -> Html {
    let state = use_app_state();
    let doc = &state.doc;
    let Some(prospect) = doc.prospects.iter().find(|p| p.id == props.id) else {
        return missing(
            "Result not found",
            "There is no prospect's result at this address. It may have been deleted.",
            Route::Prospects,
            "Back to prospects",
        );
    };
    // The user's own team: the latest saved assessment that is not a copy of someone else's.
    let own: Vec<_> = chronological(&doc.grader.history)
        .into_iter()
        .filter(|a| !looks_shared(a))
        .collect();
    let ours = own.last().copied();
    let theirs = prospect.grade();
    let title = prospect.title();
    let id = prospect.id;
    let on_delete = {
        let state = state.clone();
        Callback::from(move |_| {
            state.dispatch(Action::Prospect(ProspectAction::DeleteProspect(id)));
            navigate_replacing(Route::Prospects);
        })
    };
    let details = [
        prospect.company.clone(),
        format!("answered on {}", readable_date(&prospect.answered_on)),
        format!("received on {}", readable_date(&prospect.received_at)),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    let their_column = if prospect.name.is_empty() {
        "Prospect".to_string()
    } else {
        prospect.name.clone()
    };
    let ours_answers = ours.map(|a| &a.answers);
    let rows = ours_answers.map(|o| compare(&prospect.answers, o));

    html! {
        <div class="prospect">
            <p class="breadcrumb"><a href={Route::Prospects.href()}>{ "← All prospects" }</a></p>
            <header class="page-header">
                <p class="plan-view__kicker">{ "Prospect's result" }</p>
                <h1 tabindex="-1">{ &title }</h1>
                <p class="muted">{ details }</p>
            </header>
            <div class="prospect__scores">
                <section class="card prospect__score" aria-labelledby="their-score-title">
                    <h2 id="their-score-title">{ format!("{their_column}'s score") }</h2>
                    <p class="score"><span class="score__value">{ theirs.score }</span><span class="score__of">{ "/10" }</span></p>
                    { band_badge(theirs.band) }
                </section>
                <section class="card prospect__score" aria-labelledby="our-score-title">
                    <h2 id="our-score-title">{ "Your team's latest score" }</h2>
                    if let Some(a) = ours {
                        <p class="score"><span class="score__value">{ a.grade().score }</span><span class="score__of">{ "/10" }</span></p>
                        { band_badge(a.grade().band) }
                        <p class="muted">{ format!("{}{}", if a.label.is_empty() { String::new() } else { format!("{}, ", a.label) },
                            readable_date(a.day())) }</p>
                    } else if state.stored_data_unread() {
                        <p>{ NOT_READ_HERE }</p>
                    } else {
                        <p>{ "You have no saved assessment of your own team yet. " }
                            <a href={Route::Grader.href()}>{ "Grade your team" }</a>
                            { " to see both side by side." }</p>
                    }
                </section>
            </div>
            <section class="card" aria-labelledby="compare-title">
                <h2 id="compare-title">{ "Practice by practice" }</h2>
                <div class="table-scroll">
                    <table class="compare-table">
                        <thead>
                            <tr>
                                <th scope="col">{ "Practice" }</th>
                                <th scope="col">{ &their_column }</th>
                                if ours.is_some() {
                                    <th scope="col">{ "Your team" }</th>
                                    <th scope="col">{ "Difference" }</th>
                                }
                            </tr>
                        </thead>
                        <tbody>
                            { for PRACTICES.iter().enumerate().map(|(i, p)| {
                                let standing = rows.as_ref().map(|r| r[i].1);
                                html! {
                                    <tr key={p.id.number()} class={standing.map(|s| format!("compare--{}", s.slug()))}>
                                        <th scope="row" data-label="Practice">{ p.title }</th>
                                        <td data-label={their_column.clone()}>{ answer_text(&prospect.answers, p.id) }</td>
                                        if let (Some(o), Some(s)) = (ours_answers, standing) {
                                            <td data-label="Your team">{ answer_text(o, p.id) }</td>
                                            <td data-label="Difference" class="compare__difference">
                                                <span class="compare__mark" aria-hidden="true">{ match s {
                                                    Standing::Both => "=",
                                                    Standing::OnlyProspect => "▲",
                                                    Standing::OnlyUs => "▼",
                                                    Standing::Neither => "·",
                                                } }</span>
                                                { s.describe() }
                                            </td>
                                        }
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
            </section>
            <section class="card talking-points" aria-labelledby="talking-title">
                <h2 id="talking-title">{ "Talking points for the first meeting" }</h2>
                if theirs.next_steps.is_empty() {
                    <p>{ "They do all ten practices consistently. Ask how they keep it up with every client, \
                          and where they want their account management to go next." }</p>
                } else {
                    <p class="muted">{ "The practices they do not do yet, most urgent first: each is a question worth \
                                        asking and a place where you can help." }</p>
                    <ol class="talking-points__list">
                        { for theirs.next_steps.iter().map(|&pid| {
                            let p = pid.practice();
                            let we_do = ours_answers.is_some_and(|o| o.does(pid));
                            html! {
                                <li key={pid.number()}>
                                    <h3>{ p.title }</h3>
                                    <p><strong>{ "Why it matters: " }</strong>{ p.why }</p>
                                    <p><strong>{ "A first step to suggest: " }</strong>{ p.first_step }</p>
                                    if we_do {
                                        <p class="talking-points__ours">{ "Your team does this already: an example from your own \
                                                                         clients makes the point." }</p>
                                    }
                                </li>
                            }
                        }) }
                    </ol>
                }
            </section>
            <div class="page-actions">
                <a class="button" href={Route::Prospects.href()}>{ "All prospects" }</a>
                <button type="button" class="button button--danger" onclick={on_delete}>{ "Delete this result" }</button>
            </div>
        </div>
    }
}
