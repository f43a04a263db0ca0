//! Writes the Grader's first screen, as a first-time visitor sees it, to standard output as
//! HTML. The build (scripts/post-build.mjs) puts it into index.html, so a new visitor sees the
//! form while the WebAssembly is still loading; the app then replaces it.
//!
//! `cargo run --features prerender --bin prerender`

use std::rc::Rc;

use account_grader::app::{Root, RootProps};
use account_grader::route::Route;
use account_grader::state::AppState;
use yew::{AttrValue, LocalServerRenderer};

fn main() {
    let renderer = LocalServerRenderer::<Root>::with_props(RootProps {
        initial: Rc::new(AppState::default()),
        route: Route::Grader,
        link: AttrValue::default(),
    })
    .hydratable(false);
    let html = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a single-threaded runtime")
        .block_on(renderer.render());
    print!("{html}");
}
