//! The frame around every screen: skip link, header, notices, footer.

use yew::prelude::*;

use super::classification_notice::ClassificationNotice;
use super::site_header::SiteHeader;
use super::storage_banner::StorageBanner;
use super::undo_toast::UndoToast;
use crate::browser::{page, screen_announcer};
use crate::route::Route;

/// The app's version, shown in the footer.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The frame for the screen at `route`, around `screen`. A view function: it has no state,
/// and re-renders with the app anyway (see `practice_question` for why).
pub fn shell(route: Route, screen: Html) -> Html {
    html! {
        <>
            // Not a plain `#main` link: the fragment holds the route, so a jump there would
            // leave the screen. Focusing the main region does what the link promises.
            <a class="skip-link" href="#main" onclick={Callback::from(|e: MouseEvent| {
                e.prevent_default();
                page::focus_element("main");
            })}>{ "Skip to content" }</a>
            <SiteHeader route={route} />
            <StorageBanner />
            <ClassificationNotice />
            <UndoToast route={route} />
            <main id="main" class="page" tabindex="-1">{ screen }</main>
            // Names the screen when Back, Forward or a reload put the focus on one of its
            // controls rather than on its heading (browser/places.rs).
            <p id={screen_announcer::SCREEN_ANNOUNCER} class="visually-hidden" role="status" aria-live="polite"></p>
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
