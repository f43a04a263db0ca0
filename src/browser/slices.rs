//! Running long work a slice at a time ([`crate::support::sliced`]), handing the page back to
//! the browser between slices so that it keeps painting and answering input.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsValue;

use crate::support::sliced::{Progress, Sliced};

/// How long one slice may hold the page: well under a frame, so that paints and input get
/// their turn every frame or so.
const SLICE_MS: f64 = 10.0;

/// Units asked of a job between looks at the clock.
const UNITS_PER_LOOK: usize = 16;

/// Set to stop work in progress; the work then ends without a result, having changed nothing.
#[derive(Clone, Default)]
pub struct Stop(Rc<Cell<bool>>);

impl Stop {
    pub fn stop(&self) {
        self.0.set(true);
    }

    pub fn is_stopped(&self) -> bool {
        self.0.get()
    }
}

impl PartialEq for Stop {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Does `job` a slice at a time, telling `progress` how far it has got after each; `None`
/// when `stop` is set first.
pub async fn run<J: Sliced>(
    mut job: J,
    stop: &Stop,
    mut progress: impl FnMut(Progress),
) -> Option<J::Output> {
    loop {
        if stop.is_stopped() {
            return None;
        }
        let start = js_sys::Date::now();
        while js_sys::Date::now() - start < SLICE_MS {
            if let Some(out) = job.advance(UNITS_PER_LOOK) {
                return Some(out);
            }
        }
        progress(job.progress());
        next_frame().await;
    }
}

/// Resumes once the browser has painted a frame, so that every slice is followed by a paint
/// of its progress. (Chromium paints only now and then between tasks that follow each other
/// at once: a page that only yielded would update its bar a few times a second.) A hidden
/// tab paints no frames; there the work goes on every 100 ms.
pub async fn next_frame() {
    if let Some(window) = web_sys::window() {
        let frame = js_sys::Promise::new(&mut |resolve, _| {
            let _ = window.request_animation_frame(&resolve);
            let _ = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, HIDDEN_TAB_MS);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(frame).await;
    }
    // A frame callback runs just before the paint: the work waits until the paint is done.
    next_task().await;
}

/// Resumes after `ms` milliseconds.
pub async fn after(ms: i32) {
    if let Some(window) = web_sys::window() {
        let timer = js_sys::Promise::new(&mut |resolve, _| {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(timer).await;
    }
}

/// How often work goes on in a tab that paints no frames.
const HIDDEN_TAB_MS: i32 = 100;

/// Resumes in a task of its own, once the browser has had its turn. A message to oneself is
/// used rather than a timer, which browsers hold back by 4 ms or more when timers follow
/// each other.
async fn next_task() {
    let Ok(channel) = web_sys::MessageChannel::new() else {
        return;
    };
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        channel.port1().set_onmessage(Some(&resolve));
        let _ = channel.port2().post_message(&JsValue::UNDEFINED);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    // Held until here, so that the channel is not collected with the message on its way.
    drop(channel);
}
