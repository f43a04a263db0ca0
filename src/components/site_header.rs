//! The header: the brand, the main navigation and the theme picker. On narrow screens the
//! navigation and the picker fold behind a menu button, so the header keeps to one row.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::theme_picker::ThemePicker;
use crate::browser::page;
use crate::hooks::use_local;
use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct SiteHeaderProps {
    pub route: Route,
}

#[component]
pub fn SiteHeader(props: &SiteHeaderProps) -> Html {
    let open = use_local(|| false);
    let header = use_node_ref();
    {
        // Choosing a screen (or Back) closes the menu: the screen it opened is what comes next.
        let open = open.clone();
        use_effect_with(props.route, move |_| {
            if *open {
                open.set(false);
            }
        });
    }
    let section = props.route.section();
    let nav_link = |target: Route, label: &str| {
        let current = (section == Some(target)).then_some("page");
        html! {
            <li><a href={target.href()} aria-current={current}>{ label.to_string() }</a></li>
        }
    };
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let on_keydown = {
        let open = open.clone();
        Callback::from(move |e: KeyboardEvent| {
            if *open && e.key() == "Escape" {
                open.set(false);
                page::focus_element("menu-button");
            }
        })
    };
    let on_focusout = {
        // Tabbing past the last item closes the menu, as leaving a disclosure should.
        let open = open.clone();
        let header = header.clone();
        Callback::from(move |e: FocusEvent| {
            let inside = |target: Option<web_sys::EventTarget>| {
                let node = target.and_then(|t| t.dyn_into::<web_sys::Node>().ok());
                let header = header.cast::<web_sys::Node>();
                header.is_some_and(|h| h.contains(node.as_ref()))
            };
            if *open && e.related_target().is_some() && !inside(e.related_target()) {
                open.set(false);
            }
        })
    };
    let on_choose = {
        // A link to the screen already shown changes no route; the menu closes all the same.
        let open = open.clone();
        Callback::from(move |e: MouseEvent| {
            let on_link = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|t| t.closest("a").ok().flatten().is_some());
            if on_link {
                open.set(false);
            }
        })
    };
    let expanded = if *open { "true" } else { "false" };
    html! {
        <header class="site-header" ref={header} onkeydown={on_keydown} onfocusout={on_focusout}>
            <div class="site-header__inner">
                <a class="brand" href={Route::Grader.href()}>
                    <svg class="brand__mark" viewBox="0 0 24 24" aria-hidden="true">
                        <path d="M4 20V10M10 20V4M16 20v-7M22 20H2" />
                    </svg>
                    <span>{ "Account Grader" }</span>
                </a>
                <button type="button" id="menu-button" class="menu-button"
                    aria-expanded={expanded} aria-controls="site-menu" onclick={on_toggle}>
                    <svg class="menu-button__icon" viewBox="0 0 24 24" aria-hidden="true">
                        if *open {
                            <path d="M6 6l12 12M18 6L6 18" />
                        } else {
                            <path d="M4 7h16M4 12h16M4 17h16" />
                        }
                    </svg>
                    <span>{ "Menu" }</span>
                </button>
                <div id="site-menu" class={classes!("site-menu", open.then_some("site-menu--open"))}>
                    <nav aria-label="Main" onclick={on_choose}>
                        <ul class="nav-list">
                            { nav_link(Route::Grader, "Grader") }
                            { nav_link(Route::History, "History") }
                            { nav_link(Route::Accounts, "Accounts") }
                            { nav_link(Route::RatingGrid, "Rate") }
                            { nav_link(Route::Matrix, "Matrix") }
                            { nav_link(Route::Plans, "Plans") }
                            { nav_link(Route::Prospects, "Prospects") }
                            { nav_link(Route::Settings, "Settings") }
                        </ul>
                    </nav>
                    <ThemePicker />
                </div>
            </div>
        </header>
    }
}
