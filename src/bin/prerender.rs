//! Writes the Grader's first screen, as a first-time visitor sees it, to standard output as
//! HTML. The build (scripts/post-build.mjs) puts it into index.html, so a new visitor can
//! answer at once while the WebAssembly is still loading; the app then takes it over.
//!
//! With the screen come, for web/first-screen.js, which makes it work until then:
//! - `#first-screen-data`, a JSON table of everything the result area shows for any answers:
//!   each variant rendered here by the app's own view functions, so the script only counts
//!   checked answers and looks up what to show, and the rules stay in Rust;
//! - inside the screen's `<main>`, what the invitation screen shows above the Grader (without
//!   the sender's line, which the app fills in once it starts), shown by the page's styles
//!   only on an invitation link (style/base.css): in the page itself rather than added by a
//!   script, so that it is in the first paint even of a page that arrives slowly;
//! - at the start of that `<main>`, the line saying a screen is on its way, which the page's
//!   styles show instead of the Grader on any other address until the app starts.
//!
//! `cargo run --features prerender --bin prerender`

use std::future::Future;
use std::rc::Rc;

use account_grader::app::{Root, RootProps};
use account_grader::browser::first_screen::HANDOFF_KEY;
use account_grader::components::answer_list::answer_list;
use account_grader::components::grade_summary::grade_summary;
use account_grader::components::next_steps::next_steps;
use account_grader::components::practice_question::{answered_class, choice_id};
use account_grader::components::score_card::{
    answered_text, band_suffix, score_card_advice, score_card_class, score_strip, unanswered_note,
};
use account_grader::domain::accounts::Tier;
use account_grader::domain::grader::{grade, Answer, Answers, Grade};
use account_grader::domain::history::SavedAssessment;
use account_grader::domain::practices::{PRACTICES, PRIORITY_ORDER};
use account_grader::domain::settings::{format_money, CURRENCIES};
use account_grader::domain::share::{encode_invitation, encode_result, Invitation, SharedResult};
use account_grader::lazy_screens::SCREEN_LOADING;
use account_grader::pages::{
    answered_on, shared_account_frame, shared_account_line, shared_account_loading,
    shared_result_title,
};
use account_grader::route::Route;
use account_grader::state::AppState;
use account_grader::support::dates::readable_date;
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
        "shared": shared_links(),
    })
}

/// Stands for a text from the link in the texts below; web/shared-first-screen.js puts the
/// link's text in its place.
const MARK: &str = "\u{1}";
/// Stands for a second text from the link.
const MARK2: &str = "\u{2}";

/// What web/shared-first-screen.js needs besides the screens' templates to show a shared
/// result link's and a plain account link's content: each text and piece that depends on
/// what the link carries, made by the app's own view functions.
fn shared_links() -> Value {
    let title = |name: &str, label: &str, reply: bool| {
        shared_result_title(&SharedResult {
            name: name.into(),
            label: label.into(),
            reply,
            ..SharedResult::default()
        })
    };
    let all_done = Answers::all_answered_with_yes(&PRACTICES.map(|p| p.id));
    // Each tier's line, by which of industry (1) and revenue (2) the account has.
    let lines: Map<String, Value> = Tier::ALL
        .iter()
        .map(|&tier| {
            let money = || Some(MARK2.to_string());
            let variants = [
                shared_account_line(tier, "", None),
                shared_account_line(tier, MARK, None),
                shared_account_line(tier, "", money()),
                shared_account_line(tier, MARK, money()),
            ];
            (tier.letter().to_string(), json!(variants))
        })
        .collect();
    json!({
        "result": {
            "title": Route::SharedResult.title(),
            "titles": {
                "who": title(MARK, "", false),
                "label": title("", MARK, false),
                "reply": title("", "", true),
                "plain": title("", "", false),
            },
            "answered_on": answered_on(MARK),
            "months": (1..=12)
                .map(|m| readable_date(&format!("2001-{m:02}-03")).split(' ').nth(1).unwrap_or_default().to_string())
                .collect::<Vec<_>>(),
            "summary": (0..=PRACTICES.len())
                .map(|score| {
                    let yes: Vec<_> = PRACTICES.iter().take(score).map(|p| p.id).collect();
                    piece(grade_summary(&grade(&Answers::all_answered_with_yes(&yes))))
                })
                .collect::<Vec<_>>(),
            // The screen's own list has every practice not done.
            "done": piece(answer_list(&all_done)),
            "practices": PRACTICES.iter().map(|p| choice_id(p.id, Answer::Yes)).collect::<Vec<_>>(),
        },
        "account": {
            "title": Route::SharedAccount.title(),
            "lines": lines,
            // Each currency's amount, with the amount left out.
            "money": CURRENCIES
                .iter()
                .map(|(code, _)| {
                    let zero = format_money(0.0, code);
                    (code.to_string(), json!(zero.strip_suffix('0').unwrap_or(&zero)))
                })
                .collect::<Map<_, _>>(),
        },
    })
}

/// The inside of the page's `<main>` element.
fn inside_main(page: &str) -> &str {
    let start = page
        .find("<main")
        .and_then(|i| page[i..].find('>').map(|j| i + j + 1));
    let end = page.rfind("</main>");
    match (start, end) {
        (Some(start), Some(end)) if start <= end => &page[start..end],
        _ => panic!("prerender: no <main> element in the page"),
    }
}

/// A shared result's screen as the app shows it to a first-time visitor, for a result whose
/// texts, score, answers and next steps web/shared-first-screen.js replaces with the link's.
fn shared_result_screen() -> String {
    let sample = SavedAssessment {
        id: 1,
        saved_at: "2001-01-03T00:00:00Z".into(),
        label: "sample".into(),
        answers: Answers::default(),
        team: String::new(),
        assessed_on: None,
    };
    let page = screen(Route::SharedResult, &encode_result(&sample));
    inside_main(&page).to_string()
}

/// A plain account link's screen up to where its classification starts, for an account
/// whose name and line web/shared-first-screen.js replaces with the link's. The rest needs
/// the app's rules, so the screen says it is on its way.
fn shared_account_screen() -> String {
    piece(shared_account_frame(MARK, MARK2, shared_account_loading()))
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

/// The Grader's first screen with the invitation's intro at the start of its `<main>`, and
/// before it the line that the page shows there on any other screen until the app starts
/// (style/base.css).
fn grader_screen() -> String {
    let mut page = screen(Route::Grader, "");
    let main = page
        .find("<main")
        .and_then(|i| page[i..].find('>').map(|j| i + j + 1))
        .expect("prerender: the Grader's screen has a <main>");
    page.insert_str(
        main,
        &format!(
            r#"<p class="screen-loading first-screen-waiting" role="status">{SCREEN_LOADING}</p><div class="first-screen-invitation">{}</div>"#,
            invitation_intro()
        ),
    );
    page
}

fn main() {
    // After the screen, an empty element that the page's first paint waits for
    // (FIRST_SCREEN_END in scripts/post-build.mjs): a template, which shows nothing.
    // Inside a <script> element: `<` is written as an escape, so no text in the table can
    // end the element or open a comment there.
    let data = table().to_string().replace('<', "\\u003c");
    print!(
        "{}<template id=\"first-screen-end\"></template>\n<script type=\"application/json\" id=\"first-screen-data\">{data}</script>\n<template id=\"first-screen-result\">{}</template>\n<template id=\"first-screen-account\">{}</template>",
        grader_screen(),
        shared_result_screen(),
        shared_account_screen(),
    );
}
