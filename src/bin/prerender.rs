//! Writes the Grader's first screen, as a first-time visitor sees it, to standard output as
//! HTML. The build (scripts/post-build.mjs) puts it into index.html, so a new visitor can
//! answer at once while the WebAssembly is still loading; the app then takes it over.
//!
//! With the screen come, for web/first-screen.js, which makes it work until then:
//! - `#first-screen-data`, a JSON table of everything the result area shows for any answers:
//!   each variant rendered here by the app's own view functions, so the script only counts
//!   checked answers and looks up what to show, and the rules stay in Rust;
//! - `#first-screen-invitation`, what the invitation screen shows above the Grader, for an
//!   invitation link (without the sender's line, which the app fills in once it starts).
//!
//! `cargo run --features prerender --bin prerender`

use std::future::Future;
use std::rc::Rc;

use account_grader::app::{Root, RootProps};
use account_grader::browser::first_screen::HANDOFF_KEY;
use account_grader::components::next_steps::next_steps;
use account_grader::components::practice_question::{answered_class, choice_id};
use account_grader::components::score_card::{
    answered_text, band_suffix, score_card_advice, score_card_class, score_strip, unanswered_note,
};
use account_grader::domain::grader::{grade, Answer, Answers, Grade};
use account_grader::domain::practices::{PRACTICES, PRIORITY_ORDER};
use account_grader::domain::share::{encode_invitation, Invitation};
use account_grader::route::Route;
use account_grader::state::AppState;
use serde_json::{json, Map, Value};
use yew::prelude::*;
use yew::LocalServerRenderer;

#[derive(Properties, PartialEq)]
struct PieceProps {
    html: Html,
}

/// Renders a piece of markup made by a view function on its own.
#[component]
fn Piece(props: &PieceProps) -> Html {
    props.html.clone()
}

fn block_on<T>(future: impl Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a single-threaded runtime")
        .block_on(future)
}

fn piece(html: Html) -> String {
    block_on(
        LocalServerRenderer::<Piece>::with_props(PieceProps { html })
            .hydratable(false)
            .render(),
    )
}

fn screen(route: Route, link: &str) -> String {
    block_on(
        LocalServerRenderer::<Root>::with_props(RootProps {
            initial: Rc::new(AppState::default()),
            route,
            link: AttrValue::from(link.to_string()),
        })
        .hydratable(false)
        .render(),
    )
}

/// What the result area shows for `result`, by the part of it the script replaces.
fn result_parts(result: &Grade) -> Value {
    json!({
        "class": score_card_class(result).to_string(),
        "suffix": band_suffix(result),
        "advice": piece(score_card_advice(result)),
        "strip": piece(score_strip(result)),
    })
}

/// The table web/first-screen.js looks everything up in.
fn table() -> Value {
    let mut choices = Map::new();
    for practice in &PRACTICES {
        for answer in Answer::ALL {
            let mut alone = Answers::default();
            alone.set(practice.id, answer);
            choices.insert(
                choice_id(practice.id, answer),
                json!({ "counts": grade(&alone).score == 1, "class": answered_class(answer) }),
            );
        }
    }
    // The result for each score, once anything is answered: all answered, the first `score`
    // practices with yes. Only the count of answers differs for other answers with the same
    // score, and that is looked up on its own.
    let by_score: Vec<Value> = (0..=PRACTICES.len())
        .map(|score| {
            let yes: Vec<_> = PRACTICES.iter().take(score).map(|p| p.id).collect();
            result_parts(&grade(&Answers::all_answered_with_yes(&yes)))
        })
        .collect();
    let counts = 0..=PRACTICES.len();
    json!({
        "handoff": HANDOFF_KEY,
        "choices": choices,
        "by_score": by_score,
        "unanswered": result_parts(&grade(&Answers::default())),
        "answered": counts.clone().map(answered_text).collect::<Vec<_>>(),
        "unanswered_note": counts.map(unanswered_note).collect::<Vec<_>>(),
        // The steps for every practice, most urgent first, and which practice each one is:
        // the script leaves out those done.
        "next_steps": piece(next_steps(&PRIORITY_ORDER)),
        "steps_for": PRIORITY_ORDER.iter().map(|id| choice_id(*id, Answer::Yes)).collect::<Vec<_>>(),
        "all_done": piece(next_steps(&[])),
    })
}

/// What the invitation screen shows above the Grader: its screen up to where the Grader's
/// starts, for an invitation with no sender's name or message.
fn invitation_intro() -> String {
    let page = screen(
        Route::Invitation,
        &encode_invitation(&Invitation::default()),
    );
    let main = page
        .find("<main")
        .and_then(|i| page[i..].find('>').map(|j| i + j + 1));
    let grader = page.find(r#"<div class="grader">"#);
    match (main, grader) {
        (Some(start), Some(end)) if start <= end => page[start..end].to_string(),
        _ => panic!("prerender: the invitation screen no longer starts with the Grader inside <main>; update invitation_intro"),
    }
}

fn main() {
    // Inside a <script> element: `<` is written as an escape, so no text in the table can
    // end the element or open a comment there.
    let data = table().to_string().replace('<', "\\u003c");
    print!(
        "{}\n<script type=\"application/json\" id=\"first-screen-data\">{data}</script>\n<template id=\"first-screen-invitation\">{}</template>",
        screen(Route::Grader, ""),
        invitation_intro(),
    );
}
