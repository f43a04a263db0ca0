//! Work under way that takes a while, such as reading a large file: how far it has got, and
//! a way to stop it.

use yew::prelude::*;

use crate::support::sliced::Progress;

#[derive(Properties, PartialEq)]
pub struct WorkProgressProps {
    /// For the bar's id, unique on the screen.
    pub id: AttrValue,
    pub progress: Progress,
    pub on_cancel: Callback<()>,
}

/// A progress bar with its line ("Reading 12 000 of 50 000 accounts…") and Cancel. Screen
/// readers hear the step and each quarter of it, not every figure.
#[component]
pub fn WorkProgress(props: &WorkProgressProps) -> Html {
    let p = props.progress;
    let on_cancel = props.on_cancel.reform(|_: MouseEvent| ());
    html! {
        <div class="work-progress">
            <label class="work-progress__label" for={props.id.clone()}>{ p.label() }</label>
            <div class="work-progress__bar">
                <progress id={props.id.clone()} max={p.total.max(1).to_string()} value={p.done.to_string()}></progress>
                <button type="button" class="button" onclick={on_cancel}>{ "Cancel" }</button>
            </div>
            <p class="visually-hidden" role="status">{ p.announcement() }</p>
        </div>
    }
}
