//! The Grader's first screen that the build puts into the page (src/bin/prerender.rs), as a
//! visitor left it before the app started (web/first-screen.js makes it work until then).

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions, EventListenerPhase};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, KeyboardEvent};

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
    /// Save was pressed; the script could only promise it.
    pub save: bool,
    /// The `id` of the control that had keyboard focus, for the app's own one to take it.
    pub focus: Option<String>,
    /// The caret or selection in that control, if it is a text field (UTF-16 offsets, as
    /// the browser counts them).
    pub selection: Option<(u32, u32)>,
    /// The `id`s of the "why it matters" panels' summaries that were open.
    pub open_panels: Vec<String>,
}

/// Reads what was done on the first screen, removes the screen and forgets the script's copy,
/// all in one step, so that no click can fall between the reading and the removal; if a
/// control had the focus, holds the keys pressed until `finish_hand_off`. To be
/// called before Yew mounts the app, which empties the page. `None`
/// when the page had no such screen or did not show it (to a returning visitor, say, whose
/// browser may have filled the hidden copy's fields from the last visit).
pub fn take_over() -> Option<EarlyWork> {
    let window = web_sys::window()?;
    let document = window.document()?;
    let copy = document.get_element_by_id("prerendered")?;
    let shown = document
        .document_element()
        .and_then(|root| root.get_attribute("class"))
        .is_some_and(|c| c.split_whitespace().any(|c| c == "show-prerendered"));
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
    if focus.is_some() {
        hold_keys_until_handed_over(&window);
    }
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
        return Some(EarlyWork {
            answers: Answers::default(),
            label: String::new(),
            team: String::new(),
            save: false,
            focus,
            selection: None,
            open_panels: Vec::new(),
        });
    }
    if !shown {
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
    if let Ok(Some(storage)) = window.session_storage() {
        let _ = storage.remove_item(HANDOFF_KEY);
    }
    Some(EarlyWork {
        answers,
        label,
        team,
        save,
        focus,
        selection,
        open_panels,
    })
}

thread_local! {
    /// The keys held between the take-over and the app's first screen (see
    /// `hold_keys_until_handed_over`), with the listener that holds them.
    static HELD_KEYS: RefCell<Option<HeldKeys>> = const { RefCell::new(None) };
}

/// Keys pressed while the app takes the first screen over, and the listener that holds them
/// (dropped with it).
struct HeldKeys {
    _listener: EventListener,
    keys: Rc<RefCell<Vec<String>>>,
}

/// How long keys are held at most: far longer than the app's first render takes on a slow
/// phone, so that if the app never takes them the page's keyboard comes back.
const HOLD_KEYS_AT_MOST_MS: f64 = 5_000.0;

/// From the copy's removal until the app's screen is there and focused, the focus is on the
/// page itself: Yew renders in steps and lets the browser handle input between them, which
/// took a fast typist's keys (and a Tab, which went to the top of the page) from the field
/// they were typing in. Those keys are held here and typed into the same field of the app's
/// screen by `finish_hand_off`.
fn hold_keys_until_handed_over(window: &web_sys::Window) {
    let keys = Rc::new(RefCell::new(Vec::new()));
    let held = Rc::clone(&keys);
    let until = js_sys::Date::now() + HOLD_KEYS_AT_MOST_MS;
    let options = EventListenerOptions {
        phase: EventListenerPhase::Capture,
        passive: false,
    };
    let listener = EventListener::new_with_options(window, "keydown", options, move |event| {
        let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
            return;
        };
        let unfocused = web_sys::window()
            .and_then(|w| w.document())
            .is_none_or(|d| {
                d.active_element().is_none() || d.active_element() == d.body().map(Into::into)
            });
        if !unfocused
            || js_sys::Date::now() > until
            || event.is_composing()
            || event.ctrl_key()
            || event.meta_key()
            || event.alt_key()
        {
            return;
        }
        let key = event.key();
        if key == "Tab" || key == "Backspace" || key.chars().count() == 1 {
            event.prevent_default();
            held.borrow_mut().push(key);
        }
    });
    HELD_KEYS.with(|h| {
        *h.borrow_mut() = Some(HeldKeys {
            _listener: listener,
            keys,
        })
    });
}

/// Completes the take-over once the app's screen is there: the panels open as they were, the
/// focus back on the same control with its caret, and the keys pressed meanwhile typed into
/// it if it is a text field. To be called once, after the app's first render.
pub fn finish_hand_off(early: Option<&EarlyWork>) {
    let keys = HELD_KEYS
        .with(|h| h.borrow_mut().take())
        .map(|held| held.keys.take())
        .unwrap_or_default();
    let Some(early) = early else {
        return;
    };
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    for id in &early.open_panels {
        if let Some(details) = document
            .get_element_by_id(id)
            .and_then(|s| s.parent_element())
        {
            let _ = details.set_attribute("open", "");
        }
    }
    let Some(id) = early.focus.as_deref() else {
        return;
    };
    crate::browser::page::focus_element(id);
    let Some(field) = document
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
        .filter(|i| i.type_() == "text")
    else {
        return;
    };
    let selection = early.selection.unwrap_or_else(|| {
        let end = field.value().encode_utf16().count() as u32;
        (end, end)
    });
    let max = u32::try_from(field.max_length()).ok();
    let (text, caret) = typed_into(&field.value(), selection, &keys, max);
    if text != field.value() {
        field.set_value(&text);
        // The app's handler reads the field's value, as for the visitor's own typing.
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        if let Ok(event) = web_sys::Event::new_with_event_init_dict("input", &init) {
            let _ = field.dispatch_event(&event);
        }
    }
    let (from, to) = if keys.is_empty() {
        selection
    } else {
        (caret, caret)
    };
    let _ = field.set_selection_range(from, to);
}

/// `text` with `keys` typed into it as a text field takes them, from the selection
/// `start..end` and at most `max` long (in UTF-16 code units, as the browser counts), and
/// where the caret ends. Keys from a Tab on were meant for another control: they are dropped
/// rather than typed here, and the focus stays where the visitor left it.
fn typed_into(
    text: &str,
    (start, end): (u32, u32),
    keys: &[String],
    max: Option<u32>,
) -> (String, u32) {
    let mut units: Vec<u16> = text.encode_utf16().collect();
    let len = units.len();
    let (mut start, mut end) = ((start as usize).min(len), (end as usize).min(len));
    if start > end {
        std::mem::swap(&mut start, &mut end);
    }
    for key in keys {
        match key.as_str() {
            "Tab" => break,
            "Backspace" => {
                if start == end && start > 0 {
                    let pair = start >= 2
                        && (0xDC00..0xE000).contains(&units[start - 1])
                        && (0xD800..0xDC00).contains(&units[start - 2]);
                    start -= if pair { 2 } else { 1 };
                }
                units.drain(start..end);
                end = start;
            }
            character => {
                let added: Vec<u16> = character.encode_utf16().collect();
                let kept = units.len() - (end - start);
                if max.is_some_and(|max| kept + added.len() > max as usize) {
                    continue;
                }
                units.splice(start..end, added.iter().copied());
                start += added.len();
                end = start;
            }
        }
    }
    (String::from_utf16_lossy(&units), start as u32)
}

#[cfg(test)]
mod tests {
    use super::typed_into;

    fn keys(typed: &str) -> Vec<String> {
        typed.chars().map(String::from).collect()
    }

    #[test]
    fn keys_go_in_at_the_caret_one_after_another() {
        assert_eq!(
            typed_into("Q4 ", (3, 3), &keys("east"), Some(80)),
            ("Q4 east".into(), 7)
        );
        assert_eq!(
            typed_into("Q4 team", (3, 3), &keys("red "), None),
            ("Q4 red team".into(), 7)
        );
    }

    #[test]
    fn a_selection_is_replaced_by_the_first_key() {
        assert_eq!(
            typed_into("Q4 team", (3, 7), &keys("x"), None),
            ("Q4 x".into(), 4)
        );
        let backspace = vec!["Backspace".to_string()];
        assert_eq!(
            typed_into("Q4 team", (0, 3), &backspace, None),
            ("team".into(), 0)
        );
    }

    #[test]
    fn backspace_removes_the_character_before_the_caret_whole() {
        let mut typed = keys("ab");
        typed.push("Backspace".into());
        typed.push("Backspace".into());
        typed.push("Backspace".into());
        assert_eq!(typed_into("x", (1, 1), &typed, None), ("".into(), 0));
        // An emoji is two UTF-16 units: it goes in one press, as in a browser.
        let one = vec!["Backspace".to_string()];
        assert_eq!(typed_into("a😀", (3, 3), &one, None), ("a".into(), 1));
    }

    #[test]
    fn a_full_field_takes_no_more_and_a_tab_types_nothing() {
        assert_eq!(
            typed_into("abc", (3, 3), &keys("de"), Some(4)),
            ("abcd".into(), 4)
        );
        let tab = vec!["Tab".to_string()];
        assert_eq!(typed_into("abc", (1, 1), &tab, Some(4)), ("abc".into(), 1));
    }

    #[test]
    fn keys_after_a_tab_are_not_typed_into_this_field() {
        let mut typed = keys("Q4");
        typed.push("Tab".into());
        typed.extend(keys("North"));
        assert_eq!(typed_into("", (0, 0), &typed, Some(80)), ("Q4".into(), 2));
    }

    #[test]
    fn a_selection_past_the_end_is_taken_as_the_end() {
        assert_eq!(
            typed_into("ab", (9, 12), &keys("c"), None),
            ("abc".into(), 3)
        );
    }
}
