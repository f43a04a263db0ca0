use yew::prelude::*;

use crate::domain::quadrant::Quadrant;

#[derive(Properties, PartialEq)]
pub struct QuadrantBadgeProps {
    /// `None` for an account not rated on both axes.
    pub quadrant: Option<Quadrant>,
}

/// The account's quadrant as a coloured label, or "Not rated".
#[component]
pub fn QuadrantBadge(props: &QuadrantBadgeProps) -> Html {
    match props.quadrant {
        Some(q) => html! {
            <span class={classes!("quadrant-badge", format!("quadrant-badge--{}", q.slug()))}>{ q.title() }</span>
        },
        None => {
            html! { <span class="quadrant-badge quadrant-badge--unrated">{ "Not rated" }</span> }
        }
    }
}
