//! The sender's firm at the head of a plan: its logo and name, or nothing when no name is set.

use yew::prelude::*;

/// The firm's logo (if any) and name; nothing at all without a name.
pub fn firm_header(name: &str, logo: Option<&str>) -> Html {
    let name = name.trim();
    if name.is_empty() {
        return html! {};
    }
    html! {
        <div class="firm-header">
            if let Some(logo) = logo {
                // The name beside it says whose logo it is.
                <img class="firm-header__logo" src={logo.to_string()} alt="" />
            }
            <p class="firm-header__name">{ name }</p>
        </div>
    }
}
