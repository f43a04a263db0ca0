//! The header's quick theme picker: the same setting as on the Settings screen, one step away.

use yew::prelude::*;

use crate::browser::events::on_value;
use crate::domain::settings::Theme;
use crate::hooks::{use_app_state, use_select_value};
use crate::state::Action;

#[component]
pub fn ThemePicker() -> Html {
    let state = use_app_state();
    let current = state.doc.settings.theme;
    let select = use_select_value(current.key().to_string());
    let onchange = {
        let state = state.clone();
        on_value(move |v| {
            if let Some(theme) = Theme::from_key(&v) {
                state.dispatch(Action::SetTheme(theme));
            }
        })
    };
    html! {
        <div class="theme-picker">
            <label for="theme-picker">{ "Theme" }</label>
            <select id="theme-picker" ref={select} {onchange}>
                { for Theme::ALL.iter().map(|&theme| html! {
                    <option value={theme.key()} selected={theme == current}>{ theme.short_label() }</option>
                }) }
            </select>
        </div>
    }
}
