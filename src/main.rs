use account_grader::browser::first_screen;
use account_grader::lazy_screens::Group;
use account_grader::storage;

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
                let _ = Group::Reading.load().await;
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
