//! The grader: ten practices, a live score and band, next steps, and saving the result.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::browser::clock::{now_iso, now_iso_in_browser};
use crate::browser::page;
use crate::components::next_steps::next_steps;
use crate::components::practice_question::practice_question;
use crate::components::score_card::{score_card, score_strip, unanswered_note};
use crate::components::send_back::SendBack;
use crate::domain::grader::{grade, Answer};
use crate::domain::history::{
    day_for_save, saved_with_these_answers, teams_used, DetailsProblem, MAX_TEAM,
};
use crate::domain::practices::{PracticeId, PRACTICES};
use crate::domain::self_check::contradictions;
use crate::hooks::{use_app_state, use_latch};
use crate::lazy_screens::{LazySharePart, SharePart};
use crate::route::Route;
use crate::state::{Action, GraderAction};
use crate::support::dates::date_part;

/// The `id` of the field for the day the assessment stands for.
const DATE_FIELD: &str = "assessment-date";
/// The `id` of the link to the assessment just saved, in the line that confirms the save.
const SAVED_LINK: &str = "saved-assessment-link";

#[derive(Properties, PartialEq)]
pub struct GraderPageProps {
    /// The invitation's payload when the grader was opened from one: the page then ends with
    /// the step that sends the result back instead of the panel that makes invitations.
    #[prop_or_default]
    pub invitation: AttrValue,
}

#[component]
pub fn GraderPage(props: &GraderPageProps) -> Html {
    let state = use_app_state();
    let grader = &state.doc.grader;
    let result = grade(&grader.draft);
    let doc = &state.doc;
    let contradicted = contradictions(
        &grader.draft,
        &doc.portfolio.accounts,
        &doc.settings,
        |id| doc.plans.plan_for(id).is_some(),
    );
    let contradiction = |id: PracticeId| {
        contradicted
            .iter()
            .find(|c| c.practice == id)
            .map(|c| c.note.as_str())
    };

    let on_answer = {
        let state = state.clone();
        Callback::from(move |(id, answer): (PracticeId, Answer)| {
            state.dispatch(Action::Grader(GraderAction::Answer(id, answer)))
        })
    };
    let on_label = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            state.dispatch(Action::Grader(GraderAction::SetDraftLabel(input.value())));
        })
    };
    let on_team = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            state.dispatch(Action::Grader(GraderAction::SetDraftTeam(input.value())));
        })
    };
    // A day half typed reads as no day at all (an empty value): without this it would be
    // saved as today.
    let date_half_typed = use_state(|| false);
    let on_date = {
        let state = state.clone();
        let date_half_typed = date_half_typed.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            date_half_typed.set(input.validity().bad_input());
            state.dispatch(Action::Grader(GraderAction::SetDraftDate(input.value())));
        })
    };
    let on_save = {
        let state = state.clone();
        let date_half_typed = date_half_typed.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let at = now_iso();
            let half_typed = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(DATE_FIELD))
                .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
                .is_some_and(|field| field.validity().bad_input());
            date_half_typed.set(half_typed);
            // Nothing is saved for a day that cannot be one; the field says why.
            if half_typed || day_for_save(&state.doc.grader.draft_date, &at).is_err() {
                page::focus_element(DATE_FIELD);
                return;
            }
            state.dispatch(Action::Grader(GraderAction::SaveAssessment { at }));
            // "Save assessment" turns into a disabled "Saved", which would drop the focus to
            // the page: it goes to the link that confirmation offers instead.
            page::focus_later(SAVED_LINK.into());
            // "View it in your history" opens the saved assessment, from the History group.
            crate::lazy_screens::fetch_ahead(crate::lazy_screens::Group::History);
        })
    };
    let invite_opened = use_latch();
    let on_invite_toggle = {
        let invite_opened = invite_opened.clone();
        Callback::from(move |e: Event| {
            let open = e
                .target_dyn_into::<web_sys::Element>()
                .is_some_and(|d| d.has_attribute("open"));
            if open {
                invite_opened.turn_on();
            }
        })
    };
    let on_clear = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Grader(GraderAction::ClearAnswers)))
    };

    // The latest day the date picker offers, and what is wrong with the day typed; neither in a
    // render without a browser clock (the build's first screen).
    let now = now_iso_in_browser();
    let date_problem = if *date_half_typed {
        Some(DetailsProblem::NoDate)
    } else {
        now.as_deref()
            .and_then(|now| day_for_save(&grader.draft_date, now).err())
    };
    let date_described = if date_problem.is_some() {
        "assessment-date-hint assessment-date-error"
    } else {
        "assessment-date-hint"
    };

    let saved = state
        .just_saved
        .and_then(|id| grader.history.iter().find(|a| a.id == id));
    // Back on the Grader after a save (a reload, another day), the answers may be the ones
    // saved already: said, with the way to them, before Save adds a second copy.
    let saved_before = saved
        .is_none()
        .then(|| saved_with_these_answers(&grader.history, &grader.draft, &grader.draft_team))
        .flatten();
    // Saved in the history here, but not in the browser's storage: "Saved" would mislead.
    let not_stored = state.not_storing();

    html! {
        <div class="grader">
            <header class="page-header">
                <h1 tabindex="-1">{ "Grade your account management" }</h1>
                <p class="lead">
                    { "Good account management has two aims: keeping your clients and growing them. \
                       Go through the ten practices below and mark the ones your team does \
                       consistently, for every client that matters and not just now and then." }
                </p>
            </header>
            if state.stored_data_unread() {
                <p class="banner banner--warning banner--in-page">{ "Your saved answers could not be read in this \
                    tab (the notice at the top says why), so these start empty. What you answer here is kept in \
                    this tab only: reload to see your own." }</p>
            }
            <div class="grader__layout">
                <ol class="practice-list">
                    { for PRACTICES.iter().map(|p| practice_question(p.id, grader.draft.get(p.id), contradiction(p.id), &on_answer)) }
                </ol>
                <aside class="grader__result" aria-labelledby="result-title">
                    { score_card(&result) }
                    <form class="save-form" onsubmit={on_save} aria-labelledby="save-title" novalidate=true>
                        <h2 id="save-title" class="save-form__title">{ "Save this assessment" }</h2>
                        <label for="assessment-label">{ "Label (optional)" }</label>
                        <input id="assessment-label" type="text" maxlength="80"
                            placeholder="e.g. Q4 review" autocomplete="off"
                            value={grader.draft_label.clone()} oninput={on_label} />
                        <label for="assessment-team">{ "Team (optional)" }</label>
                        <input id="assessment-team" type="text" maxlength={MAX_TEAM.to_string()}
                            autocomplete="off" list="assessment-teams" aria-describedby="assessment-team-hint"
                            value={grader.draft_team.clone()} oninput={on_team} />
                        <datalist id="assessment-teams">
                            { for teams_used(&grader.history).into_iter().map(|t| html! { <option value={t} /> }) }
                        </datalist>
                        <p class="muted save-form__hint" id="assessment-team-hint">
                            { "The history can then draw each team's scores as a line of its own. Kept for your next assessment." }
                        </p>
                        <label for={DATE_FIELD}>{ "Date (optional)" }</label>
                        <input id={DATE_FIELD} type="date" min="2000-01-01"
                            max={now.as_deref().map(|n| date_part(n).to_string())}
                            value={grader.draft_date.clone()} oninput={on_date}
                            aria-invalid={date_problem.is_some().then_some("true")}
                            aria-describedby={date_described} />
                        <p class="muted save-form__hint" id="assessment-date-hint">
                            { "Leave it empty for today. Set it for an assessment recorded after the fact, such as last quarter's review." }
                        </p>
                        if let Some(problem) = &date_problem {
                            <p class="field__error" id="assessment-date-error">{ problem.message() }</p>
                        }
                        if let Some(note) = unanswered_note(result.answered) {
                            <p class="muted" id="unanswered-note">{ note }</p>
                        }
                        <div class="save-form__actions">
                            <button type="submit" class="button button--primary" disabled={saved.is_some()}
                                aria-describedby={saved_before.is_some().then_some("saved-before")}>
                                { match (saved.is_some(), not_stored) {
                                    (false, _) => "Save assessment",
                                    (true, false) => "Saved",
                                    (true, true) => "Kept in this tab",
                                } }
                            </button>
                            <button type="button" class="button button--quiet" onclick={on_clear}
                                disabled={grader.draft.is_empty() && grader.draft_label.is_empty() && grader.draft_date.is_empty()}>
                                { "Clear answers" }
                            </button>
                        </div>
                        if let Some(before) = saved_before {
                            <p class="muted save-form__hint" id="saved-before">
                                { format!("These answers are saved already, as {}. ", before.name()) }
                                <a href={Route::Assessment(before.id).href()}>{ "View it" }</a>
                                { ". Saving them again adds a second assessment." }
                            </p>
                        }
                        if let Some(saved) = saved {
                            <p class="save-form__saved" role="status">
                                if not_stored {
                                    { format!("Kept in this tab's history with a score of {}/10, but not yet stored in \
                                        this browser: see the message at the top of the page. ", saved.grade().score) }
                                } else {
                                    { format!("Saved with a score of {}/10. ", saved.grade().score) }
                                }
                                <a id={SAVED_LINK} href={Route::Assessment(saved.id).href()}>{ "View it in your history" }</a>
                            </p>
                        }
                    </form>
                </aside>
            </div>
            if result.answered > 0 {
                { next_steps(&result.next_steps) }
            }
            if props.invitation.is_empty() {
                <details class="card share-panel" ontoggle={on_invite_toggle}>
                    <summary id="invite-summary">{ "Invite someone to grade their team" }</summary>
                    // Its form comes with the shared links' download, asked for as the panel
                    // is first opened; once there it stays, with what was typed in it.
                    if invite_opened.is_on() {
                        <LazySharePart part={SharePart::Invite} />
                    }
                </details>
            } else {
                <SendBack invitation={props.invitation.clone()} />
            }
            { score_strip(&result) }
        </div>
    }
}
