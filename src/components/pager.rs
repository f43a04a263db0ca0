//! Moving between the pages of a long list: previous, next, and a jump to any page.

use yew::prelude::*;

use crate::browser::events::on_value;
use crate::domain::portfolio::Page;
use crate::hooks::use_select_value;

#[derive(Properties, PartialEq)]
pub struct PagerProps {
    pub page: Page,
    /// Called with the page to show, counted from 0.
    pub on_go: Callback<usize>,
    /// The element that takes focus after Previous or Next, at the top of the new rows.
    pub focus_after: AttrValue,
}

/// Hidden when everything fits on one page.
#[component]
pub fn Pager(props: &PagerProps) -> Html {
    let Page { index, count, .. } = props.page;
    // Previous and Next change the page too; the select must then show it.
    let select = use_select_value((index + 1).to_string());
    if count <= 1 {
        return Html::default();
    }
    let go = |to: usize| {
        let on_go = props.on_go.clone();
        let focus_after = props.focus_after.to_string();
        Callback::from(move |_: MouseEvent| {
            on_go.emit(to);
            crate::browser::page::focus_later(focus_after.clone());
        })
    };
    // The select keeps focus: arrow keys change its value, and each change shows that page.
    let on_pick = {
        let on_go = props.on_go.clone();
        on_value(move |v| {
            if let Ok(n) = v.parse::<usize>() {
                on_go.emit(n.saturating_sub(1));
            }
        })
    };
    html! {
        <nav class="pager" aria-label="Pages of the list">
            <button type="button" class="button button--small" disabled={index == 0}
                onclick={go(index.saturating_sub(1))}>{ "← Previous" }</button>
            <label class="pager__jump">
                { "Page " }
                <select ref={select} onchange={on_pick} aria-label={format!("Page, {} of {count}", index + 1)}>
                    { for (1..=count).map(|n| html! {
                        <option value={n.to_string()} selected={n == index + 1}>{ n }</option>
                    }) }
                </select>
                { format!(" of {count}") }
            </label>
            <button type="button" class="button button--small" disabled={index + 1 >= count}
                onclick={go(index + 1)}>{ "Next →" }</button>
        </nav>
    }
}
