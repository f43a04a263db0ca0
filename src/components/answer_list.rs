//! Every practice with the answer an assessment gave it.

use yew::prelude::*;

use crate::domain::grader::Answers;
use crate::domain::practices::PRACTICES;

pub fn answer_list(answers: &Answers) -> Html {
    html! {
        <ul class="answer-list">
            { for PRACTICES.iter().map(|p| {
                let yes = answers.does(p.id);
                html! {
                    <li key={p.id.number()} class={if yes { "answer answer--yes" } else { "answer answer--not-yet" }}>
                        <span class="answer__mark" aria-hidden="true">{ if yes { "✓" } else { "○" } }</span>
                        <span class="answer__title">{ p.title }</span>
                        <span class="answer__value">{ if yes { "Done consistently" } else { "Not yet" } }</span>
                    </li>
                }
            }) }
        </ul>
    }
}
