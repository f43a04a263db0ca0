//! One practice of the grader with its two answers.
//!
//! A view function rather than a component: a component links its own copy of yew's
//! lifecycle code (about 1.7 KB of wasm before compression), and ten questions
//! re-rendering with the page cost nothing a user could notice.

use yew::prelude::*;

use crate::domain::grader::Answer;
use crate::domain::practices::PracticeId;

/// The question for practice `id`, answered `answer` so far, with what the user's own
/// accounts say against that answer, if anything.
pub fn practice_question(
    id: PracticeId,
    answer: Option<Answer>,
    contradiction: Option<&str>,
    on_answer: &Callback<(PracticeId, Answer)>,
) -> Html {
    let practice = id.practice();
    let number = id.number();
    let given = answer;
    let option = |answer: Answer, text: &str| {
        let input_id = choice_id(id, answer);
        let on_change = {
            let on_answer = on_answer.clone();
            Callback::from(move |_: Event| on_answer.emit((id, answer)))
        };
        html! {
            <label class={classes!("choice", format!("choice--{}", answer_slug(answer)))} for={input_id.clone()}>
                <input type="radio" id={input_id} name={format!("practice-{number}")}
                    checked={given == Some(answer)} onchange={on_change} />
                <span>{ text.to_string() }</span>
            </label>
        }
    };
    let state_class = given.map(answered_class);
    html! {
        <li key={number} class={classes!("practice", state_class)}>
            <fieldset>
                <legend>
                    <span class="practice__number">{ number }</span>
                    <span class="practice__title">{ practice.title }</span>
                </legend>
                <p class="practice__summary">{ practice.summary }</p>
                <div class="choices">
                    { option(Answer::Yes, "We do this consistently") }
                    { option(Answer::NotYet, "Not yet") }
                </div>
                if let Some(note) = contradiction {
                    <p class="practice__contradiction">
                        <strong>{ "Check this answer: " }</strong>{ note.to_string() }
                    </p>
                }
                <details class="practice__more">
                    <summary id={more_id(id)}>{ "Why it matters and where to start" }</summary>
                    <p><strong>{ "Why it matters: " }</strong>{ practice.why }</p>
                    <p><strong>{ "First step: " }</strong>{ practice.first_step }</p>
                </details>
            </fieldset>
        </li>
    }
}

/// The `id` of the radio input that gives `answer` to practice `id`.
pub fn choice_id(id: PracticeId, answer: Answer) -> String {
    format!("practice-{}-{}", id.number(), answer_slug(answer))
}

/// The `id` of the summary that opens practice `id`'s "why it matters": the app's screen
/// finds by it the panels a visitor opened on the build's copy before the app started.
pub fn more_id(id: PracticeId) -> String {
    format!("practice-{}-more", id.number())
}

/// The class a practice takes once answered, which colours its answer mark.
pub fn answered_class(answer: Answer) -> String {
    format!("practice--{}", answer_slug(answer))
}

fn answer_slug(answer: Answer) -> &'static str {
    match answer {
        Answer::Yes => "yes",
        Answer::NotYet => "not-yet",
    }
}
