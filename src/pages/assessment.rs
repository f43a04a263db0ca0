//! One saved assessment: its result, what changed since the one before, and its answers.

use yew::prelude::*;

use crate::browser::page::{focus_after_notice, focus_later, navigate, navigate_replacing};
use crate::components::answer_list::answer_list;
use crate::components::assessment_details_form::AssessmentDetailsForm;
use crate::components::change_summary::change_summary;
use crate::components::grade_summary::grade_summary;
use crate::components::missing::missing;
use crate::components::next_steps::next_steps;
use crate::components::share_panels::share_result;
use crate::domain::history::{diff, previous_of, AssessmentId, SavedAssessment};
use crate::hooks::use_app_state;
use crate::route::Route;
use crate::state::{Action, GraderAction};
use crate::support::dates::readable_date_time;

#[derive(Properties, PartialEq)]
pub struct AssessmentPageProps {
    pub id: AssessmentId,
}

#[component]
pub fn AssessmentPage(props: &AssessmentPageProps) -> Html {
    let state = use_app_state();
    let editing = use_state(|| false);
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
            state.dispatch(Action::Grader(GraderAction::ReuseAnswers(id)));
            navigate(Route::Grader);
        })
    };
    let on_delete = {
        let state = state.clone();
        Callback::from(move |_| {
            state.dispatch(Action::Grader(GraderAction::DeleteAssessment(id)));
            navigate_replacing(Route::History);
        })
    };

    let on_edit = {
        let editing = editing.clone();
        Callback::from(move |_| editing.set(true))
    };
    let on_edited = {
        let editing = editing.clone();
        Callback::from(move |saved: bool| {
            editing.set(false);
            // After a save, once its undo notice has taken focus (if anything changed), so
            // that the two do not race for it.
            if saved {
                focus_after_notice("edit-details".into());
            } else {
                focus_later("edit-details".into());
            }
        })
    };

    let date = assessment.when();
    let team = assessment.team.trim();
    let teams_in_use = history.iter().any(|a| !a.team.trim().is_empty());
    html! {
        <div class="assessment">
            <p class="breadcrumb"><a href={Route::History.href()}>{ "← All assessments" }</a></p>
            <header class="page-header">
                <h1 tabindex="-1">
                    { if assessment.label.is_empty() { format!("Assessment of {date}") }
                      else { format!("{}: {date}", assessment.label) } }
                </h1>
                if !team.is_empty() || assessment.assessed_on.is_some() {
                    <p class="lead">
                        { if team.is_empty() { String::new() } else { format!("Team: {team}. ") } }
                        if assessment.assessed_on.is_some() {
                            { format!("Recorded on {}.", readable_date_time(&assessment.saved_at)) }
                        }
                    </p>
                }
                if !*editing {
                    <button type="button" id="edit-details" class="button button--small" onclick={on_edit}>
                        { "Edit label, team and date" }
                    </button>
                }
            </header>
            if *editing {
                <section class="card">
                    <AssessmentDetailsForm assessment={assessment.clone()} on_close={on_edited} />
                </section>
            }
            { grade_summary(&grade) }
            <section class="card" aria-labelledby="change-title">
                <h2 id="change-title">{ "Since the previous assessment" }</h2>
                if let Some(previous) = previous {
                    <p class="muted">{ compared_with(previous, team) }</p>
                    { change_summary(&diff(&previous.answers, &assessment.answers)) }
                } else if !teams_in_use {
                    <p>{ "This is the first saved assessment, so there is nothing to compare yet." }</p>
                } else if team.is_empty() {
                    <p>{ "This is the first saved assessment without a team, so there is nothing to compare yet." }</p>
                } else {
                    <p>{ format!("This is the first saved assessment of {team}, so there is nothing to compare yet.") }</p>
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

/// Names the assessment compared with by its label when it has one, and says that only the
/// team's own assessments are compared.
fn compared_with(previous: &SavedAssessment, team: &str) -> String {
    let which = if previous.label.is_empty() {
        format!("the assessment of {}", previous.name())
    } else {
        previous.name()
    };
    let score = previous.grade().score;
    if team.is_empty() {
        format!("Compared with {which}, which scored {score}/10.")
    } else {
        format!(
            "Compared with {which}, which scored {score}/10: the previous assessment of {team}."
        )
    }
}
