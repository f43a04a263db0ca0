//! An assessment's score, band and band message, as a card.

use yew::prelude::*;

use super::band_badge::BandBadge;
use crate::domain::grader::Grade;

#[derive(Properties, PartialEq)]
pub struct GradeSummaryProps {
    pub grade: Grade,
}

#[component]
pub fn GradeSummary(props: &GradeSummaryProps) -> Html {
    let g = &props.grade;
    html! {
        <div class="assessment__summary card">
            <p class="score"><span class="score__value">{ g.score }</span><span class="score__of">{ "/10" }</span></p>
            <div>
                <BandBadge band={g.band} />
                <p>{ g.band.message() }</p>
            </div>
        </div>
    }
}
