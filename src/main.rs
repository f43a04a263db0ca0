use account_grader::browser::first_screen;
use account_grader::lazy_screens::Group;
use account_grader::storage;

/// How long a start waits for the reader of stored data before saying the wait is long.
const READER_SLOW_AFTER_MS: u32 = 3_000;
const READER_SLOW: &str =
    "Opening your saved data is taking longer than usual: the connection may be slow. \
                           Your data is safe, and this screen shows as soon as it is open, or says what went wrong.";

fn main() {
    // A shared link's content shown before the app started stays until the app can show it
    // too; whether its screens arrive or not, the app then starts and says what happened.
    let shared = first_screen::shows_shared_link();
    if shared || storage::holds_a_document() {
        wasm_bindgen_futures::spawn_local(async move {
            if shared {
                let _ = Group::Share.load().await;
            }
            // Stored data is read by code that comes apart from the first download
            // (storage::reading): the app starts once it is here, or says it could not be
            // read. Asked again after the wait above, in which another tab may have saved.
            if storage::holds_a_document() {
                // On a slow line the wait is said to be for the saved data, rather than left
                // at the page's "Loading this screen…" until the download's time limit.
                let slow = gloo_timers::callback::Timeout::new(READER_SLOW_AFTER_MS, || {
                    first_screen::say_while_waiting(READER_SLOW)
                });
                let _ = Group::Reading.load().await;
                // The writer too, which the page asked for beside the reader: the first
                // change is then saved at once. Should it fail, that change waits for it.
                let _ = Group::Writing.load().await;
                drop(slow);
            }
            start();
        });
    } else {
        start();
    }
}

fn start() {
    // Before Yew mounts the app, which empties the page and the first screen with it.
    let early = first_screen::take_over().map(std::rc::Rc::new);
    yew::Renderer::<account_grader::app::App>::with_props(account_grader::app::AppProps { early })
        .render();
}
