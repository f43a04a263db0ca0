//! Where the visitor was on each entry of the tab's history: how far down the page, and
//! which link or control had the focus. Back and Forward put both back, as a browser does
//! between pages, instead of starting the screen again at its heading: back from an
//! assessment or an account, the visitor is at the row they opened, not at the top of a
//! long list. A screen reached any other way starts at its heading, as before.
//!
//! The app keeps the places itself: the browser's own restoring scrolls as the address
//! changes, before the screen it belongs to is drawn. Each entry is told apart by a tag in
//! its `history.state`; the places are kept while the app is open (a reload forgets them).

use std::cell::{Cell, RefCell};

use super::focus_return;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlAnchorElement, HtmlElement};

/// The key of the entry's tag in `history.state`.
const TAG: &str = "accountGraderPlace";

/// Where the visitor was on a screen when they left it.
#[derive(Clone, Debug, PartialEq)]
struct Place {
    scroll_y: f64,
    focus: Option<Focused>,
    /// Where that control was on the page: once it is gone (a row deleted meanwhile) or
    /// cannot be told apart, the control nearest that spot takes the focus.
    at: Option<(f64, f64)>,
}

/// The control that had the focus, found again on the screen drawn afresh.
#[derive(Clone, Debug, PartialEq)]
enum Focused {
    Id(String),
    /// A link without an id, by its address and which of the screen's links to that address
    /// it was: the matrix names an account in two lists.
    Link {
        href: String,
        nth: usize,
    },
}

/// The places of the entries left, by tag, the oldest forgotten first past `KEPT`.
#[derive(Default)]
struct PlaceBook(Vec<(f64, Place)>);

impl PlaceBook {
    /// More than a tab's history holds (Chromium keeps 50 entries).
    const KEPT: usize = 100;

    fn leave(&mut self, tag: f64, place: Place) {
        self.0.retain(|(t, _)| *t != tag);
        self.0.push((tag, place));
        if self.0.len() > Self::KEPT {
            self.0.remove(0);
        }
    }

    fn of(&self, tag: f64) -> Option<Place> {
        self.0
            .iter()
            .find(|(t, _)| *t == tag)
            .map(|(_, p)| p.clone())
    }
}

thread_local! {
    static PLACES: RefCell<PlaceBook> = RefCell::default();
    /// The tag of the entry shown now.
    static CURRENT: Cell<Option<f64>> = const { Cell::new(None) };
    /// The place of the entry just returned to, until it is put back.
    static RETURNED_TO: RefCell<Option<Place>> = const { RefCell::new(None) };
}

/// Takes scrolling on Back and Forward over from the browser, and tags the entry the app
/// started on, so that coming back to it is known.
pub fn start() {
    // Set as a plain property: the binding's enum would weigh more in the first download.
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = js_sys::Reflect::set(&history, &"scrollRestoration".into(), &"manual".into());
    }
    CURRENT.set(tag_current_entry());
}

/// Called as the address changes, before the new screen is drawn: keeps the place of the
/// entry left, and notes the place of the one arrived at if it was shown before.
pub fn moved() {
    if let (Some(left), Some(place)) = (CURRENT.get(), place_now()) {
        PLACES.with_borrow_mut(|places| places.leave(left, place));
    }
    let arrived = tag_current_entry();
    CURRENT.set(arrived);
    RETURNED_TO.set(arrived.and_then(|tag| PLACES.with_borrow(|places| places.of(tag))));
}

/// Once the screen arrived at is drawn: puts back the scroll and the focus it had when it
/// was left, and says so; false on a screen not shown before, which starts at its heading.
/// When the control is not on the screen any more (or not yet: a list of thousands ordered
/// after its first render), the heading takes the focus.
pub fn put_back() -> bool {
    let Some(place) = RETURNED_TO.take() else {
        return false;
    };
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let focused = |e: &HtmlElement| {
        let _ = e.focus_with_options(&options);
        document.active_element().as_ref() == Some(e.as_ref())
    };
    let near = || {
        let main = document.query_selector("main").ok().flatten()?;
        focus_return::nearest_control(&main, place.at?)
    };
    let control = place.focus.as_ref().and_then(find);
    if !control.as_ref().is_some_and(focused) && !near().as_ref().is_some_and(focused) {
        super::page::focus_main_heading_in_place();
    }
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, place.scroll_y);
    }
    true
}

/// Only a control of the screen itself: one of the header, which took the user away, would
/// leave them at the top of the page, away from where they were; the heading is better.
fn place_now() -> Option<Place> {
    let window = web_sys::window()?;
    let focused = window
        .document()?
        .active_element()
        .filter(|e| e.closest("main").ok().flatten().is_some());
    Some(Place {
        scroll_y: window.scroll_y().ok()?,
        focus: focused.as_ref().and_then(describe),
        at: focused.as_ref().and_then(focus_return::centre_on_page),
    })
}

/// An id may name a place in a list (a line of the chart, a cell of the rating grid) that
/// holds something else once the data changed meanwhile; it is still where they were.
fn describe(element: &Element) -> Option<Focused> {
    let id = element.id();
    if !id.is_empty() {
        return Some(Focused::Id(id));
    }
    let link = element.dyn_ref::<HtmlAnchorElement>()?;
    let href = link.get_attribute("href")?;
    let nth = links_to(&href).iter().position(|a| a == link)?;
    Some(Focused::Link { href, nth })
}

fn find(focused: &Focused) -> Option<HtmlElement> {
    match focused {
        Focused::Id(id) => web_sys::window()?
            .document()?
            .get_element_by_id(id)?
            .dyn_into()
            .ok(),
        Focused::Link { href, nth } => {
            let links = links_to(href);
            links.get(*nth).or(links.first()).cloned().map(Into::into)
        }
    }
}

/// The screen's HTML links to `href`, in the page's order (not the matrix's SVG points,
/// which cannot take the focus from a script the same way).
fn links_to(href: &str) -> Vec<HtmlAnchorElement> {
    let Some(links) = web_sys::window()
        .and_then(|w| w.document())
        // Not the matrix's points, which can be thousands.
        .and_then(|d| d.query_selector_all("main a[href]:not(svg *)").ok())
    else {
        return Vec::new();
    };
    (0..links.length())
        .filter_map(|i| links.item(i)?.dyn_into::<HtmlAnchorElement>().ok())
        .filter(|a| a.get_attribute("href").as_deref() == Some(href))
        .collect()
}

/// The tag of the entry shown now, given one if it has none yet.
fn tag_current_entry() -> Option<f64> {
    let history = web_sys::window()?.history().ok()?;
    let state = history.state().ok()?;
    let key = JsValue::from_str(TAG);
    if state.is_object() {
        if let Some(tag) = js_sys::Reflect::get(&state, &key).ok()?.as_f64() {
            return Some(tag);
        }
    }
    let tag = js_sys::Math::random();
    let tagged = js_sys::Object::new();
    js_sys::Reflect::set(&tagged, &key, &JsValue::from_f64(tag)).ok()?;
    history.replace_state(&tagged, "").ok()?;
    Some(tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(scroll_y: f64) -> Place {
        Place {
            scroll_y,
            focus: Some(Focused::Link {
                href: "#/accounts/7".into(),
                nth: 1,
            }),
            at: Some((640.0, scroll_y + 300.0)),
        }
    }

    #[test]
    fn an_entry_left_twice_keeps_its_last_place() {
        let mut book = PlaceBook::default();
        book.leave(0.5, at(100.0));
        book.leave(0.7, at(20.0));
        book.leave(0.5, at(300.0));
        assert_eq!(book.of(0.5), Some(at(300.0)));
        assert_eq!(book.of(0.7), Some(at(20.0)));
        assert_eq!(book.of(0.9), None, "an entry never left has no place");
    }

    #[test]
    fn past_the_limit_the_oldest_place_is_forgotten() {
        let mut book = PlaceBook::default();
        for i in 0..=PlaceBook::KEPT {
            book.leave(i as f64, at(i as f64));
        }
        assert_eq!(book.of(0.0), None);
        assert_eq!(book.of(1.0), Some(at(1.0)));
        assert_eq!(
            book.of(PlaceBook::KEPT as f64),
            Some(at(PlaceBook::KEPT as f64))
        );
        // Leaving an old entry again makes it the newest.
        book.leave(1.0, at(5.0));
        book.leave(1000.0, at(0.0));
        assert_eq!(book.of(1.0), Some(at(5.0)));
        assert_eq!(book.of(2.0), None);
    }
}
