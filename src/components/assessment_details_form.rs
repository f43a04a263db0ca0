//! The small form that changes a saved assessment's label, team and the day it stands for.

use yew::prelude::*;

use crate::browser::clock::{now_iso, now_iso_in_browser};
use crate::browser::page::focus_later;
use crate::domain::history::{
    teams_used, DetailsField, DetailsForm, DetailsProblem, SavedAssessment, MAX_LABEL, MAX_TEAM,
};
use crate::hooks::use_app_state;
use crate::state::{Action, GraderAction};
use crate::support::dates::date_part;

#[derive(Properties, PartialEq)]
pub struct AssessmentDetailsFormProps {
    pub assessment: SavedAssessment,
    /// Called once the details are kept (`true`, which brings an undo notice if anything
    /// changed) or the change is cancelled (`false`).
    pub on_close: Callback<bool>,
}

fn field_id(field: DetailsField) -> &'static str {
    match field {
        DetailsField::Label => "details-label",
        DetailsField::Team => "details-team",
        DetailsField::Date => "details-date",
    }
}

#[component]
pub fn AssessmentDetailsForm(props: &AssessmentDetailsFormProps) -> Html {
    let state = use_app_state();
    let form = use_state(|| DetailsForm::of(&props.assessment));
    let problem = use_state(|| None::<DetailsProblem>);
    use_effect_with((), |_| focus_later(field_id(DetailsField::Label).into()));

    let edit = |apply: fn(&mut DetailsForm, String)| {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let mut next = (*form).clone();
            apply(&mut next, input.value());
            form.set(next);
        })
    };
    let on_submit = {
        let (form, problem, state) = (form.clone(), problem.clone(), state.clone());
        let (id, saved_at) = (props.assessment.id, props.assessment.saved_at.clone());
        let on_close = props.on_close.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let today = now_iso();
            match form.validate(&saved_at, date_part(&today)) {
                Ok(details) => {
                    state.dispatch(Action::Grader(GraderAction::EditAssessment { id, details }));
                    on_close.emit(true);
                }
                Err(p) => {
                    focus_later(field_id(p.field()).into());
                    problem.set(Some(p));
                }
            }
        })
    };
    let on_cancel = {
        let on_close = props.on_close.clone();
        Callback::from(move |_| on_close.emit(false))
    };
    let on_key = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                on_close.emit(false);
            }
        })
    };

    let problem_of = |field: DetailsField| problem.as_ref().filter(|p| p.field() == field);
    let error_id = |field: DetailsField| format!("{}-error", field_id(field));
    let described = |field: DetailsField, hint: Option<&str>| {
        let ids: Vec<String> = hint
            .map(str::to_string)
            .into_iter()
            .chain(problem_of(field).map(|_| error_id(field)))
            .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    let error = |field: DetailsField| {
        problem_of(field)
            .map(|p| html! { <p class="field__error" id={error_id(field)}>{ p.message() }</p> })
    };
    let teams = teams_used(&state.doc.grader.history);
    // The latest day the date picker offers; none in a render without a browser clock.
    let today = now_iso_in_browser();

    html! {
        <form class="details-form" onsubmit={on_submit} onkeydown={on_key} aria-labelledby="details-title" novalidate=true>
            <h2 id="details-title">{ "Edit label, team and date" }</h2>
            <div class="details-form__fields">
                <div class="field">
                    <label for={field_id(DetailsField::Label)}>{ "Label (optional)" }</label>
                    <input id={field_id(DetailsField::Label)} type="text" maxlength={MAX_LABEL.to_string()}
                        autocomplete="off" placeholder="e.g. Q2 review" value={form.label.clone()}
                        oninput={edit(|f, v| f.label = v)}
                        aria-invalid={problem_of(DetailsField::Label).is_some().then_some("true")}
                        aria-describedby={described(DetailsField::Label, None)} />
                    { for error(DetailsField::Label) }
                </div>
                <div class="field">
                    <label for={field_id(DetailsField::Team)}>{ "Team (optional)" }</label>
                    <input id={field_id(DetailsField::Team)} type="text" maxlength={MAX_TEAM.to_string()}
                        autocomplete="off" list="details-teams" value={form.team.clone()}
                        oninput={edit(|f, v| f.team = v)}
                        aria-invalid={problem_of(DetailsField::Team).is_some().then_some("true")}
                        aria-describedby={described(DetailsField::Team, None)} />
                    <datalist id="details-teams">
                        { for teams.iter().map(|t| html! { <option value={t.clone()} /> }) }
                    </datalist>
                    { for error(DetailsField::Team) }
                </div>
                <div class="field">
                    <label for={field_id(DetailsField::Date)}>{ "Date it stands for" }</label>
                    <input id={field_id(DetailsField::Date)} type="date" value={form.date.clone()}
                        min="2000-01-01" max={today.map(|t| date_part(&t).to_string())}
                        oninput={edit(|f, v| f.date = v)}
                        aria-invalid={problem_of(DetailsField::Date).is_some().then_some("true")}
                        aria-describedby={described(DetailsField::Date, Some("details-date-hint"))} />
                    <p class="field__hint muted" id="details-date-hint">
                        { "For an assessment recorded after the fact, such as a quarter's review \
                           entered later. The history and the chart order assessments by it." }
                    </p>
                    { for error(DetailsField::Date) }
                </div>
            </div>
            <div class="details-form__actions">
                <button type="submit" class="button button--primary">{ "Save details" }</button>
                <button type="button" class="button button--quiet" onclick={on_cancel}>{ "Cancel" }</button>
            </div>
        </form>
    }
}
