//! The Grader's live result: the score card beside the answers and the strip that repeats it
//! on small screens. Plain view functions of a [`Grade`], each variable part its own function,
//! so that the build can write every variant into the page for the first screen's script
//! (src/bin/prerender.rs, web/first-screen.js), which then shows exactly what the app would.

use yew::prelude::*;

use super::band_badge::band_badge;
use crate::domain::grader::Grade;
use crate::domain::practices::PRACTICES;

/// The card with the score, how many practices are answered, and the band with its advice.
pub fn score_card(result: &Grade) -> Html {
    let answered = result.answered > 0;
    html! {
        <section class={score_card_class(result)}>
            <h2 id="result-title" class="score-card__title">{ "Your score" }</h2>
            <p class="score" aria-live="polite" aria-atomic="true">
                <span class="score__value">{ result.score }</span>
                <span class="score__of">{ "/10" }</span>
                if answered {
                    <span class="visually-hidden">{ band_suffix(result) }</span>
                }
            </p>
            <p class="score-card__answered">{ answered_text(result.answered) }</p>
            { score_card_advice(result) }
        </section>
    }
}

/// The card's classes: its colour follows the band once anything is answered.
pub fn score_card_class(result: &Grade) -> Classes {
    classes!(
        "score-card",
        (result.answered > 0).then(|| format!("score-card--{}", result.band.slug()))
    )
}

/// What a screen reader hears after the score once anything is answered.
pub fn band_suffix(result: &Grade) -> String {
    format!(": {}", result.band.title())
}

pub fn answered_text(answered: usize) -> String {
    format!("{answered} of {} practices answered", PRACTICES.len())
}

/// Below the count: how the bands work until something is answered, then the band and its
/// advice.
pub fn score_card_advice(result: &Grade) -> Html {
    if result.answered == 0 {
        html! {
            <p class="score-card__message">
                { "Answer the practices to see which band your team is in: 9–10 doing consistently well, 7–8 some areas to work on, 0–6 accounts at risk." }
            </p>
        }
    } else {
        html! {
            <>
                { band_badge(result.band) }
                <p class="score-card__message">{ result.band.message() }</p>
            </>
        }
    }
}

/// The note under the label field on what saving now would count, if any practice is open.
pub fn unanswered_note(answered: usize) -> Option<String> {
    let unanswered = PRACTICES.len().saturating_sub(answered);
    (unanswered > 0).then(|| {
        format!(
            "{unanswered} unanswered {} will count as \"not yet\".",
            if unanswered == 1 {
                "practice"
            } else {
                "practices"
            }
        )
    })
}

/// A visual duplicate of the score card for small screens; the card itself is what
/// assistive technology reads, so this is hidden from it.
pub fn score_strip(result: &Grade) -> Html {
    html! {
        <div class="score-strip" aria-hidden="true">
            <span>{ format!("Score {}/10", result.score) }</span>
            if result.answered > 0 {
                { band_badge(result.band) }
            } else {
                <span class="muted">{ "Not answered yet" }</span>
            }
        </div>
    }
}
