//! What changed since the previous assessment.

use yew::prelude::*;

use crate::domain::history::Change;
use crate::domain::practices::PracticeId;

fn titles(ids: &[PracticeId]) -> Html {
    html! {
        <ul>{ for ids.iter().map(|id| html! { <li key={id.number()}>{ id.practice().title }</li> }) }</ul>
    }
}

pub fn change_summary(change: &Change) -> Html {
    if change.is_empty() {
        return html! { <p class="change change--none">{ "Same practices as the previous assessment: nothing gained or lost." }</p> };
    }
    html! {
        <div class="change">
            if !change.gained.is_empty() {
                <div class="change__gained">
                    <p class="change__heading">{ format!("Gained {}", change.gained.len()) }</p>
                    { titles(&change.gained) }
                </div>
            }
            if !change.lost.is_empty() {
                <div class="change__lost">
                    <p class="change__heading">{ format!("Lost {}", change.lost.len()) }</p>
                    { titles(&change.lost) }
                </div>
            }
        </div>
    }
}
