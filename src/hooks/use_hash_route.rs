use gloo_events::EventListener;
use yew::prelude::*;

use super::use_local;
use crate::route::Route;

fn current_route() -> Route {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    Route::from_hash(&hash)
}

/// The route in the URL fragment, updated on every `hashchange` (links, back and forward).
#[hook]
pub fn use_hash_route() -> Route {
    let route = use_local(current_route);
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                EventListener::new(&window, "hashchange", move |_| {
                    // Before the new screen is drawn: the page is still the one left.
                    crate::browser::places::moved();
                    route.set(current_route())
                })
            });
            move || drop(listener)
        });
    }
    *route
}
