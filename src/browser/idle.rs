//! Work that can wait until the browser has nothing better to do.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// How long to wait instead where the browser cannot say when it is idle (Safari).
const FALLBACK_DELAY_MS: u32 = 1_000;

/// Runs `work` once the browser is idle, after what it is doing for the page now.
pub fn when_idle(work: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let work = std::rc::Rc::new(std::cell::Cell::new(Some(work)));
    let run = {
        let work = work.clone();
        move || {
            if let Some(work) = work.take() {
                work()
            }
        }
    };
    let callback = Closure::once_into_js(run.clone());
    if window
        .request_idle_callback(callback.unchecked_ref())
        .is_err()
    {
        gloo_timers::callback::Timeout::new(FALLBACK_DELAY_MS, run).forget();
    }
}
