use account_grader::browser::first_screen;
use account_grader::lazy_screens::Group;

fn main() {
    // A shared link's content shown before the app started stays until the app can show it
    // too; whether its screens arrive or not, the app then starts and says what happened.
    if first_screen::shows_shared_link() {
        wasm_bindgen_futures::spawn_local(async {
            let _ = Group::Share.load().await;
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
