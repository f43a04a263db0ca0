//! Where the visitor was on each entry of the tab's history: how far down the page, and
//! which link or control had the focus. Back and Forward put both back, as a browser does
//! between pages, instead of starting the screen again at its heading: back from an
//! assessment or an account, the visitor is at the row they opened, not at the top of a
//! long list. A screen reached any other way starts at its heading, as before.
//!
//! The app keeps the places itself: the browser's own restoring scrolls as the address
//! changes, before the screen it belongs to is drawn. Each entry is told apart by a tag in
//! its `history.state`. While the app is open the places are kept in memory; as the page is
//! hidden or left, they are copied to the tab's session storage, so that a reload, or the
//! browser bringing the tab back after closing or discarding it, puts the visitor back on
//! that screen and on those Back and Forward lead to. They are not the user's data: the
//! stored document (crate::storage) knows nothing of them, and losing them loses nothing.

use std::cell::{Cell, RefCell};

use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlAnchorElement, HtmlElement};

use super::{focus_return, screen_announcer, session_copy};

/// The key of the entry's tag in `history.state`.
const TAG: &str = "accountGraderPlace";
/// The key of the copy of the places in the tab's session storage, which the browser keeps
/// over a reload and brings back with the tab, and no other tab reads. A duplicated tab
/// starts with the same tags and a copy of the places as they were when the tab was last
/// hidden (perhaps without the last one); from then on each tab keeps its own.
const SESSION_KEY: &str = "account-grader.places";

/// How far, in CSS pixels up or down, a control may be from the spot where the one left had
/// been to take its place: about two rows of a list.
const NEAR: f64 = 120.0;

/// Where the visitor was on a screen when they left it.
#[derive(Clone, Debug, PartialEq)]
struct Place {
    /// How far the page was scrolled.
    scroll_y: f64,
    /// Where the screen started on the page, below the page's notices (`screen_top`): a
    /// notice shown above it meanwhile (another tab's change, say) moves the screen down,
    /// and the place with it. `None` in a copy an earlier version kept.
    top: Option<f64>,
    focus: Option<Focused>,
    /// Where the centre of that control was: once it is gone (a row deleted meanwhile) or
    /// cannot be told apart, the control nearest that spot takes the focus.
    at: Option<(f64, f64)>,
    /// Kept over a reload: only the very control is put back then. The list's query comes
    /// back with it (browser/kept_view.rs), but a copy of one and not the other (a storage
    /// refusing one write) would show other records there, and the control nearest the
    /// spot would be another record.
    reloaded: bool,
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

/// The places of the entries left, by tag, the oldest forgotten first past `KEPT` places.
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
    /// Whether that return is the page's load (a reload, the tab brought back), whose title
    /// screen readers read as it loads, rather than Back or Forward within the app.
    static RETURNED_ON_LOAD: Cell<bool> = const { Cell::new(false) };
    /// What had the focus when that place was noted: a control the visitor moves to while
    /// the screen's code is on its way keeps the focus (as in browser/hand_off.rs).
    static FOCUS_WHEN_NOTED: RefCell<Option<Element>> = const { RefCell::new(None) };
}

/// Takes scrolling on Back and Forward over from the browser, tags the entry the app started
/// on, so that coming back to it is known, and takes back the places kept before a reload
/// (or the tab's restore). With `put_back_own_place`, the entry's own place is put back once
/// the screen is drawn; without, the visitor's work on the page before the app started has
/// put back a place of its own (browser/hand_off.rs).
pub fn start(put_back_own_place: bool) {
    let Some(window) = web_sys::window() else {
        return;
    };
    // Set as a plain property: the binding's enum would weigh more in the first download.
    if let Ok(history) = window.history() {
        let _ = Reflect::set(&history, &"scrollRestoration".into(), &"manual".into());
    }
    let tag = tag_current_entry();
    CURRENT.set(tag);
    if let Some(kept) = kept_places() {
        PLACES.set(kept);
    }
    if put_back_own_place {
        note_return(tag);
        RETURNED_ON_LOAD.set(true);
    }
    // Hidden: the browser may discard the tab, or close, without the page being told again.
    if let Some(document) = window.document() {
        let hidden = document.clone();
        EventListener::new(&document, "visibilitychange", move |_| {
            if hidden.hidden() {
                copy_to_session();
            }
        })
        .forget();
    }
    EventListener::new(&window, "pagehide", |_| copy_to_session()).forget();
}

/// Called as the address changes, before the new screen is drawn: keeps the place of the
/// entry left, and notes the place of the one arrived at if it was shown before.
pub fn moved() {
    screen_announcer::forget_screen_announcement();
    if let (Some(left), Some(place)) = (CURRENT.get(), place_now()) {
        PLACES.with_borrow_mut(|places| places.leave(left, place));
    }
    let arrived = tag_current_entry();
    CURRENT.set(arrived);
    note_return(arrived);
    RETURNED_ON_LOAD.set(false);
}

/// Notes the place of the entry tagged `tag`, if it has one, as the one to put back.
fn note_return(tag: Option<f64>) {
    RETURNED_TO.set(tag.and_then(|tag| PLACES.with_borrow(|places| places.of(tag))));
    FOCUS_WHEN_NOTED.set(active_element());
}

fn active_element() -> Option<Element> {
    web_sys::window()?.document()?.active_element()
}

/// Whether a place waits to be put back: a screen whose code is still on its way puts it
/// back when it arrives (`put_back_later`) rather than focusing its heading.
pub fn waiting_to_be_put_back() -> bool {
    RETURNED_TO.with_borrow(Option::is_some)
}

/// `put_back` once the screen arrived is drawn, unless the visitor has moved the focus
/// meanwhile. While the screen is not drawn (another screen's code arrived), the place waits.
pub fn put_back_later() {
    Timeout::new(0, || {
        let moved_on = active_element() != FOCUS_WHEN_NOTED.with_borrow(Clone::clone);
        if moved_on {
            RETURNED_TO.take();
        } else if super::page::has_main_heading() {
            put_back();
        }
    })
    .forget();
}

/// Once the screen arrived at is drawn: puts back the scroll and the focus it had when it
/// was left, and says so; false on a screen not shown before, which starts at its heading.
/// When the control is not on the screen any more (or not yet: a list of thousands ordered
/// after its first render), the heading takes the focus; when it is, screen readers are told
/// the screen's name, which the heading would have said; not as the page loads, when they
/// read its title and would hear the name twice.
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
    let (scroll_y, moved) = place.moved_to(screen_top());
    // The next row in the place of one deleted meanwhile, not a control far from the spot
    // because the list around it is not drawn yet (or is drawn shorter).
    let near = || {
        if place.reloaded {
            return None;
        }
        let main = document.query_selector("main").ok().flatten()?;
        let at = place.at.map(|(x, y)| (x, y + moved))?;
        focus_return::nearest_control(&main, at).filter(|control| {
            focus_return::centre_on_page(control).is_some_and(|(_, y)| (y - at.1).abs() <= NEAR)
        })
    };
    let control = place
        .focus
        .as_ref()
        .and_then(find)
        .filter(focused)
        .or_else(|| near().filter(focused));
    let scroll_y = if control.is_some() {
        if !RETURNED_ON_LOAD.get() {
            screen_announcer::announce_screen();
        }
        scroll_y
    } else {
        super::page::focus_main_heading_in_place();
        // After a reload, a control not found means the list shows other records there.
        if place.reloaded && place.focus.is_some() {
            0.0
        } else {
            scroll_y
        }
    };
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, scroll_y);
    }
    true
}

/// Only a control of the screen itself: one of the header, which took the user away, would
/// leave them at the top of the page, away from where they were; the heading is better. The
/// heading itself is put back as the heading, not as the control nearest it.
fn place_now() -> Option<Place> {
    let window = web_sys::window()?;
    let focused = window
        .document()?
        .active_element()
        .filter(|e| e.closest("main").ok().flatten().is_some() && e.tag_name() != "H1");
    Some(Place {
        scroll_y: window.scroll_y().ok()?,
        top: screen_top(),
        focus: focused.as_ref().and_then(describe),
        at: focused.as_ref().and_then(focus_return::centre_on_page),
        reloaded: false,
    })
}

/// Where the page's notices above the screen end: the bottom of the last of them, or of the
/// header. The undo notice below them is not counted, as it goes with the screen it was shown
/// on, a moment after the next screen is drawn; but one for another tab's change (accounts
/// deleted there) may have come with this screen, and stays, as the notices above it do.
fn screen_top() -> Option<f64> {
    let window = web_sys::window()?;
    let document = window.document()?;
    let undo_region = document.query_selector(".toast-region").ok()??;
    let from_another_tab = document
        .query_selector(".toast--from-another-tab")
        .ok()
        .flatten()
        .is_some();
    let above = if from_another_tab {
        undo_region
    } else {
        undo_region.previous_element_sibling()?
    };
    Some(above.get_bounding_client_rect().bottom() + window.scroll_y().ok()?)
}

/// An id may name a place in a list (a line of the chart, a cell of the rating grid) that
/// holds something else once the data changed meanwhile; it is still where they were.
fn describe(element: &Element) -> Option<Focused> {
    let id = element.id();
    if !id.is_empty() {
        return Some(Focused::Id(id));
    }
    let link = element.dyn_ref::<HtmlAnchorElement>()?;
    // Only the app's own addresses: a mail link holds the visitor's answers, which have no
    // place in the tab's session storage.
    let href = link.get_attribute("href").filter(|h| h.starts_with('#'))?;
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
    if let Some(tag) = tag_in(&state) {
        return Some(tag);
    }
    let tag = js_sys::Math::random();
    let tagged = Object::new();
    Reflect::set(&tagged, &TAG.into(), &JsValue::from_f64(tag)).ok()?;
    history.replace_state(&tagged, "").ok()?;
    Some(tag)
}

/// The tag in an entry's `state`, if the app gave it one.
fn tag_in(state: &JsValue) -> Option<f64> {
    if !state.is_object() {
        return None;
    }
    Reflect::get(state, &TAG.into()).ok()?.as_f64()
}

/// Copies the places, with the one of the entry shown now, to the tab's session storage.
/// (The entry's own state would be the natural home, but a change to it as the page is left
/// is lost on a reload.)
fn copy_to_session() {
    let Some(tag) = CURRENT.get() else {
        return;
    };
    // A place still waiting to be put back (its screen's code on its way) is the one to keep,
    // not the page's loading line.
    if let Some(place) = place_now().filter(|_| !waiting_to_be_put_back()) {
        PLACES.with_borrow_mut(|places| places.leave(tag, place));
    }
    let kept = PLACES.with_borrow(|places| {
        places
            .0
            .iter()
            .map(|(tag, place)| place.to_js(*tag))
            .collect::<js_sys::Array>()
    });
    // A refused copy only means a reload starts at the heading.
    session_copy::write(SESSION_KEY, &kept);
}

/// The places `copy_to_session` copied before a reload, if there are any.
fn kept_places() -> Option<PlaceBook> {
    let kept = session_copy::read(SESSION_KEY)?;
    let mut book = PlaceBook::default();
    for (tag, place) in kept.iter().filter_map(Place::from_js) {
        book.leave(tag, place);
    }
    Some(book)
}

impl Place {
    /// The scroll that shows the screen as it was, now that it starts at `top_now`, and how
    /// far it moved down (or up) since. The scroll follows it, unless the visitor saw the top
    /// of the page, notices included: a notice shown there since stays in view.
    fn moved_to(&self, top_now: Option<f64>) -> (f64, f64) {
        let moved = self.top.zip(top_now).map_or(0.0, |(then, now)| now - then);
        if self.top.is_some_and(|top| self.scroll_y < top) {
            (self.scroll_y, moved)
        } else {
            (self.scroll_y + moved, moved)
        }
    }

    /// The place of the entry tagged `tag` as plain values: the tag, the scroll, where the
    /// control was (not-a-number for nowhere), the control: an id, or a link's address and
    /// which of those links it was (-1 for an id), and where the screen started.
    fn to_js(&self, tag: f64) -> js_sys::Array {
        let (x, y) = self.at.unwrap_or((f64::NAN, f64::NAN));
        let (key, nth) = match &self.focus {
            Some(Focused::Id(id)) => (JsValue::from(id), -1.0),
            Some(Focused::Link { href, nth }) => (JsValue::from(href), *nth as f64),
            None => (JsValue::NULL, -1.0),
        };
        [
            tag.into(),
            self.scroll_y.into(),
            x.into(),
            y.into(),
            key,
            nth.into(),
            self.top.unwrap_or(f64::NAN).into(),
        ]
        .iter()
        .collect()
    }

    /// The tag and place `to_js` wrote; `None` for anything else.
    fn from_js(kept: JsValue) -> Option<(f64, Place)> {
        let kept: js_sys::Array = kept.dyn_into().ok()?;
        let number = |i: u32| kept.get(i).as_f64().filter(|n| n.is_finite());
        let focus = match (kept.get(4).as_string(), number(5)) {
            (Some(id), Some(nth)) if nth < 0.0 => Some(Focused::Id(id)),
            (Some(href), Some(nth)) => Some(Focused::Link {
                href,
                nth: nth as usize,
            }),
            _ => None,
        };
        Some((
            number(0)?,
            Place {
                scroll_y: number(1)?,
                top: number(6),
                focus,
                at: number(2).zip(number(3)),
                reloaded: true,
            },
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(scroll_y: f64) -> Place {
        Place {
            scroll_y,
            top: Some(120.0),
            focus: Some(Focused::Link {
                href: "#/accounts/7".into(),
                nth: 1,
            }),
            at: Some((640.0, scroll_y + 300.0)),
            reloaded: false,
        }
    }

    #[test]
    fn the_scroll_follows_the_screen_moved_by_a_notice_unless_the_page_top_was_in_view() {
        // Down the list, the screen now 150 px lower: the same rows in view, the spot moved.
        assert_eq!(at(5855.0).moved_to(Some(270.0)), (6005.0, 150.0));
        // At the page's top: the new notice is seen; the spot still moved.
        assert_eq!(at(0.0).moved_to(Some(270.0)), (0.0, 150.0));
        // A notice gone since: the screen moved up.
        assert_eq!(at(900.0).moved_to(Some(60.0)), (840.0, -60.0));
        // A copy kept by an earlier version, or a screen with no notices' end: as it was.
        let old = Place {
            top: None,
            ..at(900.0)
        };
        assert_eq!(old.moved_to(Some(270.0)), (900.0, 0.0));
        assert_eq!(at(900.0).moved_to(None), (900.0, 0.0));
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
