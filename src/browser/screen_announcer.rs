//! A line that names the screen to screen readers when Back, Forward or a reload put the
//! focus on one of the screen's controls rather than on its heading: the control says
//! nothing of the screen around it. The shell renders the line empty (components/shell.rs);
//! only this module writes into it, so its text never comes from, or fights with, Yew's.

use std::cell::RefCell;

use gloo_timers::callback::Timeout;

/// The id of the shell's line.
pub const SCREEN_ANNOUNCER: &str = "screen-announcer";

thread_local! {
    /// The name `announce_screen` is about to put in the line: a screen left meanwhile
    /// (`forget_screen_announcement`) drops it.
    static ANNOUNCING: RefCell<Option<Timeout>> = const { RefCell::new(None) };
}

/// Has screen readers say what the screen's heading would have said (the headings hold
/// plain text, nothing hidden from screen readers, so its text is what they say). The line
/// is emptied first, and filled a moment later, so that the same name is said again on a
/// second return to the same screen.
pub fn announce_screen() {
    let Some(line) = announcer() else {
        return;
    };
    let Some(name) = super::page::main_heading().and_then(|h| h.text_content()) else {
        return;
    };
    line.set_text_content(None);
    let saying = Timeout::new(100, move || line.set_text_content(Some(&name)));
    ANNOUNCING.set(Some(saying));
}

/// Empties the line as the screen it named is left: read later, as the end of the page, it
/// would name the wrong one.
pub fn forget_screen_announcement() {
    ANNOUNCING.take();
    if let Some(line) = announcer() {
        line.set_text_content(None);
    }
}

fn announcer() -> Option<web_sys::Element> {
    web_sys::window()?
        .document()?
        .get_element_by_id(SCREEN_ANNOUNCER)
}
