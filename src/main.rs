fn main() {
    // Before Yew mounts the app, which empties the page and the first screen with it.
    let early = account_grader::browser::first_screen::take_over().map(std::rc::Rc::new);
    yew::Renderer::<account_grader::app::App>::with_props(account_grader::app::AppProps { early })
        .render();
}
