//! The practices a team is missing, most urgent first, each with its first step.

use yew::prelude::*;

use crate::domain::practices::{PracticeId, PRIORITY_RATIONALE};

#[derive(Properties, PartialEq)]
pub struct NextStepsProps {
    /// Missing practices in priority order.
    pub steps: Vec<PracticeId>,
    /// The heading level's tag, so the list fits the page's outline.
    #[prop_or(AttrValue::Static("h2"))]
    pub heading: AttrValue,
}

#[component]
pub fn NextSteps(props: &NextStepsProps) -> Html {
    let heading = props.heading.to_string();
    if props.steps.is_empty() {
        return html! {
            <section class="next-steps" aria-label="Next steps">
                <@{heading}>{ "Next steps" }</@>
                <p>{ "All ten practices are in place. Keep them up and grade again next quarter." }</p>
            </section>
        };
    }
    html! {
        <section class="next-steps" aria-label="Next steps">
            <@{heading}>{ "Next steps, most urgent first" }</@>
            <p class="muted">{ PRIORITY_RATIONALE }</p>
            <ol class="next-steps__list">
                { for props.steps.iter().map(|id| {
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
