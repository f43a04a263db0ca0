//! The practices a team is missing, most urgent first, each with its first step.

use yew::prelude::*;

use crate::domain::practices::{PracticeId, PRIORITY_RATIONALE};

/// `steps`: the missing practices in priority order.
pub fn next_steps(steps: &[PracticeId]) -> Html {
    if steps.is_empty() {
        return html! {
            <section class="next-steps" aria-label="Next steps">
                <h2>{ "Next steps" }</h2>
                <p>{ "All ten practices are in place. Keep them up and grade again next quarter." }</p>
            </section>
        };
    }
    html! {
        <section class="next-steps" aria-label="Next steps">
            <h2>{ "Next steps, most urgent first" }</h2>
            <p class="muted">{ PRIORITY_RATIONALE }</p>
            <ol class="next-steps__list">
                { for steps.iter().map(|id| {
                    let p = id.practice();
                    html! {
                        <li key={id.number()}>
                            <span class="next-steps__title">{ p.title }</span>
                            <span class="next-steps__step">{ p.first_step }</span>
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}
