//! An assessment's score, band and band message, as a card.

use yew::prelude::*;

use super::band_badge::band_badge;
use crate::domain::grader::Grade;

pub fn grade_summary(g: &Grade) -> Html {
    html! {
        <div class="assessment__summary card">
            <p class="score"><span class="score__value">{ g.score }</span><span class="score__of">{ "/10" }</span></p>
            <div>
                { band_badge(g.band) }
                <p>{ g.band.message() }</p>
            </div>
        </div>
    }
}
