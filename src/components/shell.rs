//! The frame around every screen: skip link, header with navigation, notices, footer.

use yew::prelude::*;

use super::classification_notice::ClassificationNotice;
use super::storage_banner::StorageBanner;
use super::theme_picker::ThemePicker;
use super::undo_toast::UndoToast;
use crate::browser::page;
use crate::route::Route;

/// The app's version, shown in the footer.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The frame for the screen at `route`, around `screen`. A view function: it has no state,
/// and re-renders with the app anyway (see `practice_question` for why).
pub fn shell(route: Route, screen: Html) -> Html {
    let section = route.section();
    let nav_link = |target: Route, label: &str| {
        let current = (section == Some(target)).then_some("page");
        html! {
            <li><a href={target.href()} aria-current={current}>{ label.to_string() }</a></li>
        }
    };
    html! {
        <>
            // Not a plain `#main` link: the fragment holds the route, so a jump there would
            // leave the screen. Focusing the main region does what the link promises.
            <a class="skip-link" href="#main" onclick={Callback::from(|e: MouseEvent| {
                e.prevent_default();
                page::focus_element("main");
            })}>{ "Skip to content" }</a>
            <header class="site-header">
                <div class="site-header__inner">
                    <a class="brand" href={Route::Grader.href()}>
                        <svg class="brand__mark" viewBox="0 0 24 24" aria-hidden="true">
                            <path d="M4 20V10M10 20V4M16 20v-7M22 20H2" />
                        </svg>
                        <span>{ "Account Grader" }</span>
                    </a>
                    <nav aria-label="Main">
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
            </header>
            <StorageBanner />
            <ClassificationNotice />
            <main id="main" class="page" tabindex="-1">{ screen }</main>
            <UndoToast />
            <footer class="site-footer">
                <p>
                    { format!("Account Grader {VERSION}") }
                    <span aria-hidden="true">{ " · " }</span>
                    { "Your data stays in this browser: nothing is sent anywhere." }
                </p>
            </footer>
        </>
    }
}
