//! "On this plan": a link to each section of a long plan, marked filled in or empty, with
//! buttons to collapse or expand them all. Folded away behind a button on a phone.

use yew::prelude::*;

use crate::hooks::use_local;

/// A section as the menu lists it.
#[derive(Clone, PartialEq)]
pub struct MenuEntry {
    pub key: String,
    pub title: String,
    pub filled: bool,
}

#[derive(Properties, PartialEq)]
pub struct PlanMenuProps {
    pub entries: Vec<MenuEntry>,
    /// How many of the entries are collapsed now.
    pub collapsed: usize,
    /// Asked to show a section (by key) and move the keyboard there.
    pub on_jump: Callback<String>,
    /// Asked to collapse every section (true) or expand every one (false).
    pub on_collapse_all: Callback<bool>,
}

#[component]
pub fn PlanMenu(props: &PlanMenuProps) -> Html {
    let open = use_local(|| false);
    let total = props.entries.len();
    let filled = props.entries.iter().filter(|e| e.filled).count();
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let all = |collapse: bool| {
        let on = props.on_collapse_all.clone();
        Callback::from(move |_| on.emit(collapse))
    };
    html! {
        <nav class="plan-menu" aria-labelledby="plan-menu-title">
            <div class="plan-menu__head">
                <h2 id="plan-menu-title" class="plan-menu__title">{ "On this plan" }</h2>
                <button type="button" class="button button--small plan-menu__toggle" aria-expanded={(*open).to_string()}
                    aria-controls="plan-menu-body" onclick={on_toggle}>
                    { if *open { "Hide the list".to_string() } else { format!("Show all {total} sections") } }
                </button>
            </div>
            <div id="plan-menu-body" class={classes!("plan-menu__body", open.then_some("plan-menu__body--open"))}>
                <p class="muted plan-menu__count">{ format!("{filled} of {total} filled in") }</p>
                <div class="plan-menu__actions">
                    <button type="button" class="button button--small" onclick={all(true)}
                        disabled={props.collapsed == total}>{ "Collapse all" }</button>
                    <button type="button" class="button button--small" onclick={all(false)}
                        disabled={props.collapsed == 0}>{ "Expand all" }</button>
                </div>
                <ol class="plan-menu__list">
                    { for props.entries.iter().map(|e| {
                        let onclick = {
                            let (on_jump, key) = (props.on_jump.clone(), e.key.clone());
                            // The address's fragment holds the route, so the jump is made here.
                            Callback::from(move |ev: MouseEvent| {
                                ev.prevent_default();
                                on_jump.emit(key.clone());
                            })
                        };
                        html! {
                            <li key={e.key.clone()} class={classes!("plan-menu__entry", e.filled.then_some("plan-menu__entry--filled"))}>
                                <a href={format!("#section-{}", e.key)} {onclick}>{ &e.title }</a>
                                <span class="plan-menu__mark">{ if e.filled { "✓ filled" } else { "empty" } }</span>
                            </li>
                        }
                    }) }
                </ol>
            </div>
        </nav>
    }
}
