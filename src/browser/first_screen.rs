//! The Grader's first screen that the build puts into the page (src/bin/prerender.rs), as a
//! visitor left it before the app started (web/first-screen.js makes it work until then).

use std::cell::{Cell, RefCell};

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

use super::hand_off::{self, ScreenState};
use crate::components::practice_question::{choice_id, more_id};
use crate::domain::grader::{Answer, Answers};
use crate::domain::practices::PRACTICES;

/// Where web/first-screen.js keeps what was done on the first screen, so that a reload before
/// the app starts loses nothing. Session storage: it belongs to this tab, and the test for a
/// first visit (scripts/post-build.mjs) looks only at local storage, the app's.
pub const HANDOFF_KEY: &str = "account-grader.first-screen";

/// Whether the page shows, in the first screen's place, what a shared result or account link
/// carries (web/shared-first-screen.js): the app then waits for the screens that show such
/// links before it replaces that copy, so that the link's content never leaves the screen.
pub fn shows_shared_link() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector(".show-prerendered #prerendered[data-shared-link]")
                .ok()
        })
        .flatten()
        .is_some()
}

thread_local! {
    /// The link, name and line a shared account link's copy showed.
    static EARLY_ACCOUNT_HEADING: RefCell<Option<(String, String, String)>> = const { RefCell::new(None) };
    /// Whether the page showed its line saying the screen is on its way (style/base.css).
    static WAITING_LINE_SHOWN: Cell<bool> = const { Cell::new(false) };
}

/// Whether the page showed its line saying the screen is on its way until the app started,
/// the first time it is asked, and never after: the app's own line that replaces it then
/// shows at once, where it would otherwise vanish for the moment it waits before showing.
pub fn take_waiting_line() -> bool {
    WAITING_LINE_SHOWN.with(|w| w.replace(false))
}

/// Puts `text` in place of the page's line saying the screen is on its way, shown until the
/// app starts on any screen but the Grader's first (src/bin/prerender.rs).
pub fn say_while_waiting(text: &str) {
    let line = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(".first-screen-waiting").ok().flatten());
    if let Some(line) = line {
        line.set_text_content(Some(text));
    }
}

/// The name and the line under it that the page showed for the account in `link` before the
/// app started, if it did: the app's screen keeps them while it unpacks the link itself, so
/// that the heading does not change back and forth.
pub fn early_account_heading(link: &str) -> Option<(String, String)> {
    EARLY_ACCOUNT_HEADING.with(|h| {
        h.borrow()
            .as_ref()
            .filter(|(early, _, _)| early == link.trim())
            .map(|(_, title, line)| (title.clone(), line.clone()))
    })
}

/// What a visitor did on the first screen before the app started.
#[derive(Debug, PartialEq)]
pub struct EarlyWork {
    pub answers: Answers,
    pub label: String,
    pub team: String,
    /// The day typed for the assessment (`YYYY-MM-DD`), or empty.
    pub date: String,
    /// Save was pressed; the script could only promise it.
    pub save: bool,
}

/// Reads what was done on the first screen, removes the screen and forgets the script's copy,
/// all in one step, so that no click can fall between the reading and the removal; where the
/// focus was and the panels opened are put back on the app's screen as soon as it is drawn
/// (browser/hand_off.rs). To be called before Yew mounts the app, which empties the page. `None`
/// when the page had no such screen or did not show it (to a returning visitor, say, whose
/// browser may have filled the hidden copy's fields from the last visit).
pub fn take_over() -> Option<EarlyWork> {
    let window = web_sys::window()?;
    let document = window.document()?;
    let copy = document.get_element_by_id("prerendered")?;
    let shown = page_is_marked(&document, "show-prerendered");
    let focus = document
        .active_element()
        .filter(|e| copy.contains(Some(e.unchecked_ref())))
        .map(|e: Element| e.id())
        .filter(|id| !id.is_empty());
    let selection = focus
        .as_deref()
        .and_then(|id| document.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
        .and_then(|i| Some((i.selection_start().ok()??, i.selection_end().ok()??)));
    // A shared link's content in the copy holds nothing the visitor did but where the focus
    // is; an account's heading is kept for the app's screen, which unpacks the link again.
    if let Some(link) = copy.get_attribute("data-shared-link").filter(|_| shown) {
        let text = |selector: &str| {
            copy.query_selector(selector)
                .ok()
                .flatten()
                .and_then(|e| e.text_content())
        };
        let title = text("main .account > .page-header h1");
        let line = text("main .account > .page-header .muted");
        if let (Some(title), Some(line)) = (title, line) {
            EARLY_ACCOUNT_HEADING.with(|h| *h.borrow_mut() = Some((link, title, line)));
        }
        copy.remove();
        hand_off::restore_when_drawn(ScreenState {
            focus,
            selection,
            open_panels: Vec::new(),
        });
        return Some(EarlyWork {
            answers: Answers::default(),
            label: String::new(),
            team: String::new(),
            date: String::new(),
            save: false,
        });
    }
    if !shown {
        let waiting = page_is_marked(&document, "show-waiting");
        WAITING_LINE_SHOWN.with(|w| w.set(waiting));
        copy.remove();
        return None;
    }
    let input = |selector: &str| {
        copy.query_selector(selector)
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
    };
    let mut answers = Answers::default();
    for practice in &PRACTICES {
        for answer in Answer::ALL {
            let selector = format!("#{}", choice_id(practice.id, answer));
            if input(&selector).is_some_and(|i| i.checked()) {
                answers.set(practice.id, answer);
            }
        }
    }
    let label = input("#assessment-label").map_or_else(String::new, |i| i.value());
    let team = input("#assessment-team").map_or_else(String::new, |i| i.value());
    let date = input("#assessment-date").map_or_else(String::new, |i| i.value());
    let save = copy
        .query_selector(".save-form[data-save-requested]")
        .ok()
        .flatten()
        .is_some();
    let open_panels = PRACTICES
        .iter()
        .map(|practice| more_id(practice.id))
        .filter(|id| {
            copy.query_selector(&format!("details[open] > #{id}"))
                .ok()
                .flatten()
                .is_some()
        })
        .collect();
    copy.remove();
    hand_off::restore_when_drawn(ScreenState {
        focus,
        selection,
        open_panels,
    });
    if let Ok(Some(storage)) = window.session_storage() {
        let _ = storage.remove_item(HANDOFF_KEY);
    }
    Some(EarlyWork {
        answers,
        label,
        team,
        date,
        save,
    })
}

/// Whether the page's root element has `class`, which the head script sets to say what the
/// page shows before the app starts (showPrerendered in scripts/post-build.mjs).
fn page_is_marked(document: &web_sys::Document, class: &str) -> bool {
    document
        .document_element()
        .and_then(|root| root.get_attribute("class"))
        .is_some_and(|c| c.split_whitespace().any(|c| c == class))
}
