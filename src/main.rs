fn main() {
    yew::Renderer::<account_grader::app::App>::new().render();
}
