//! Where keyboard focus goes back to once a notice it was moved to goes away: the control
//! the user last used, or, when that control went with the row it removed, the control now
//! in its place (the next row's, or the row brought back by Undo).

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions, EventListenerPhase};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]), \
    select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex=\"-1\"])";

/// How far down the page the user was, and where the screen (`<main>`) began then: a notice
/// appearing or going above the screen moves it, and the view is moved with it.
#[derive(Clone, Copy)]
pub struct View {
    scroll_y: f64,
    main_top: f64,
}

fn main_top() -> Option<f64> {
    let main = web_sys::window()?.document()?.get_element_by_id("main")?;
    Some(f64::from(main.dyn_into::<HtmlElement>().ok()?.offset_top()))
}

/// The view as it is now.
pub fn view_now() -> Option<View> {
    Some(View {
        scroll_y: web_sys::window()?.scroll_y().ok()?,
        main_top: main_top()?,
    })
}

/// Scrolls so that what the user was looking at in `view` is where it was, if the screen
/// has moved down or up the page since (a notice came or went above it). The browser's own
/// scroll anchoring cannot be relied on here: with the row the user acted on gone, it may
/// pick something else to hold still and move the page by a row or more.
pub fn keep_view(view: Option<View>) {
    let (Some(view), Some(now), Some(window)) = (view, main_top(), web_sys::window()) else {
        return;
    };
    // At the top of the page the notice is in view in its own place; nothing to keep.
    if view.scroll_y > view.main_top {
        window.scroll_to_with_x_and_y(
            window.scroll_x().unwrap_or(0.0),
            view.scroll_y + now - view.main_top,
        );
    }
}

/// The control last used outside a notice, with where it sat on the page.
#[derive(Clone)]
pub struct FocusSpot {
    /// The view when the user used it, just before the action.
    view: Option<View>,
    element: Element,
    /// Its ancestors, nearest first: once the control is gone, the nearest still on the page
    /// holds its replacement.
    ancestors: Vec<Element>,
    /// Its centre in page coordinates, where the control that replaced it now sits.
    at: (f64, f64),
    /// The screen it was on.
    hash: String,
}

/// Remembers the last control the user focused, pressed or typed on outside the element with
/// id `except`, for as long as the returned listeners live. Pressing counts as well as
/// focusing, as some browsers do not focus a button that is clicked; a key press takes the
/// view anew, as the page may have been scrolled since the control got focus.
pub fn remember_last_control(
    except: &'static str,
    spot: Rc<RefCell<Option<FocusSpot>>>,
) -> Option<[EventListener; 3]> {
    let document = web_sys::window()?.document()?;
    let listen = |event: &'static str| {
        let spot = spot.clone();
        let options = EventListenerOptions {
            phase: EventListenerPhase::Capture,
            passive: true,
        };
        EventListener::new_with_options(&document, event, options, move |e| {
            let control = e
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|t| t.closest(FOCUSABLE).ok().flatten());
            if let Some(control) = control {
                if control
                    .closest(&format!("#{except}"))
                    .ok()
                    .flatten()
                    .is_none()
                {
                    *spot.borrow_mut() = spot_of(control);
                }
            }
        })
    };
    Some([listen("focusin"), listen("pointerdown"), listen("keydown")])
}

impl FocusSpot {
    /// The view when the control was used, if the screen is still the one it was on (an
    /// action that moves to another screen starts that screen at its own top).
    pub fn view_on_this_screen(&self) -> Option<View> {
        let hash = web_sys::window()?.location().hash().ok()?;
        (hash == self.hash).then_some(self.view).flatten()
    }
}

/// Where the centre of `element` is on the page (not the window).
pub fn centre_on_page(element: &Element) -> Option<(f64, f64)> {
    let window = web_sys::window()?;
    let rect = element.get_bounding_client_rect();
    let (sx, sy) = (window.scroll_x().ok()?, window.scroll_y().ok()?);
    Some((
        rect.left() + rect.width() / 2.0 + sx,
        rect.top() + rect.height() / 2.0 + sy,
    ))
}

/// Where the focused element is, if an element has the focus.
pub fn focused_spot() -> Option<FocusSpot> {
    let document = web_sys::window()?.document()?;
    let focused = document.active_element()?;
    if document.body().is_some_and(|b| Element::from(b) == focused) {
        return None;
    }
    spot_of(focused)
}

fn spot_of(element: Element) -> Option<FocusSpot> {
    let window = web_sys::window()?;
    let mut ancestors = Vec::new();
    let mut next = element.parent_element();
    while let Some(a) = next {
        next = a.parent_element();
        ancestors.push(a);
    }
    Some(FocusSpot {
        view: view_now(),
        at: centre_on_page(&element)?,
        element,
        ancestors,
        hash: window.location().hash().unwrap_or_default(),
    })
}

/// Once the current update has been rendered, puts the view back as it was in `view` and
/// focuses the remembered control, or the control nearest its place in the part of the page
/// still there; the main heading (left in view as it is) when the screen has changed since
/// or nothing is near.
pub fn return_focus_later(spot: Option<FocusSpot>, view: Option<View>) {
    gloo_timers::callback::Timeout::new(0, move || {
        keep_view(view);
        let target = spot.and_then(|spot| {
            let hash = web_sys::window()?.location().hash().ok()?;
            if hash != spot.hash {
                return None;
            }
            // A control still there may have been disabled by the action (Clear answers with
            // nothing left to clear); then the one nearest it takes its place.
            if spot.element.is_connected() && spot.element.matches(FOCUSABLE).unwrap_or(false) {
                return spot.element.dyn_into::<HtmlElement>().ok();
            }
            let area = spot.ancestors.iter().find(|a| a.is_connected())?;
            nearest_control(area, spot.at)
        });
        match target {
            // Focusing scrolls only a control out of view into it.
            Some(control) => {
                let _ = control.focus();
            }
            None => super::page::focus_main_heading_in_place_later(),
        }
    })
    .forget();
}

/// The visible control inside `area` whose centre is nearest `at` (page coordinates),
/// rows mattering more than columns so the same row's controls win.
pub fn nearest_control(area: &Element, at: (f64, f64)) -> Option<HtmlElement> {
    let window = web_sys::window()?;
    let (sx, sy) = (window.scroll_x().ok()?, window.scroll_y().ok()?);
    let list = area.query_selector_all(FOCUSABLE).ok()?;
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<HtmlElement>().ok())
        .filter_map(|e| {
            let r = e.get_bounding_client_rect();
            (r.width() > 0.0 && r.height() > 0.0).then(|| {
                let dx = r.left() + r.width() / 2.0 + sx - at.0;
                let dy = r.top() + r.height() / 2.0 + sy - at.1;
                (dy.abs() * 4.0 + dx.abs(), e)
            })
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, e)| e)
}
