//! One saved assessment: its result, what changed since the one before, and its answers.

use yew::prelude::*;

use crate::browser::page::navigate;
use crate::components::answer_list::answer_list;
use crate::components::change_summary::change_summary;
use crate::components::grade_summary::grade_summary;
use crate::components::missing::missing;
use crate::components::next_steps::next_steps;
use crate::components::share_panels::share_result;
use crate::domain::dates::{readable_date, readable_date_time};
use crate::domain::history::{diff, previous_of, AssessmentId};
use crate::hooks::use_app_state;
use crate::route::Route;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct AssessmentPageProps {
    pub id: AssessmentId,
}

#[component]
pub fn AssessmentPage(props: &AssessmentPageProps) -> Html {
    let state = use_app_state();
    let history = &state.doc.grader.history;
    let Some(assessment) = history.iter().find(|a| a.id == props.id) else {
        return html! {
            { missing("Assessment not found", "There is no saved assessment at this address. It may have been deleted.", Route::History, "Back to history") }
        };
    };
    let grade = assessment.grade();
    let previous = previous_of(history, assessment.id);
    let id = assessment.id;

    let on_reuse = {
        let state = state.clone();
        Callback::from(move |_| {
            state.dispatch(Action::ReuseAnswers(id));
            navigate(Route::Grader);
        })
    };
    let on_delete = {
        let state = state.clone();
        Callback::from(move |_| {
            state.dispatch(Action::DeleteAssessment(id));
            navigate(Route::History);
        })
    };

    let date = readable_date_time(&assessment.saved_at);
    html! {
        <div class="assessment">
            <p class="breadcrumb"><a href={Route::History.href()}>{ "← All assessments" }</a></p>
            <header class="page-header">
                <h1 tabindex="-1">
                    { if assessment.label.is_empty() { format!("Assessment of {date}") }
                      else { format!("{}: {date}", assessment.label) } }
                </h1>
            </header>
            { grade_summary(&grade) }
            <section class="card" aria-labelledby="change-title">
                <h2 id="change-title">{ "Since the previous assessment" }</h2>
                if let Some(previous) = previous {
                    <p class="muted">{ format!("Compared with {} ({}/10).",
                        readable_date(&previous.saved_at), previous.grade().score) }</p>
                    { change_summary(&diff(&previous.answers, &assessment.answers)) }
                } else {
                    <p>{ "This is the first saved assessment, so there is nothing to compare yet." }</p>
                }
            </section>
            <section class="card" aria-labelledby="answers-title">
                <h2 id="answers-title">{ "Answers" }</h2>
                { answer_list(&assessment.answers) }
            </section>
            { next_steps(&grade.next_steps) }
            { share_result(assessment) }
            <div class="page-actions">
                <button type="button" class="button button--primary" onclick={on_reuse}>
                    { "Start a new assessment from these answers" }
                </button>
                <button type="button" class="button button--danger" onclick={on_delete}>
                    { "Delete this assessment" }
                </button>
            </div>
        </div>
    }
}
