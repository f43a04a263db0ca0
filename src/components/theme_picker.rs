//! The header's quick theme picker: the same setting as on the Settings screen, one step away.

use yew::prelude::*;

use crate::browser::events::on_value;
use crate::domain::settings::Theme;
use crate::hooks::{use_app_state, use_select_value};
use crate::state::{Action, SettingsAction};

#[component]
pub fn ThemePicker() -> Html {
    let state = use_app_state();
    let current = state.doc.settings.theme;
    let select = use_select_value(current.key().to_string());
    let onchange = {
        let state = state.clone();
        on_value(move |v| {
            if let Some(theme) = Theme::from_key(&v) {
                state.dispatch(Action::Settings(SettingsAction::SetTheme(theme)));
            }
        })
    };
    html! {
        <div class="theme-picker">
            // In the header row the icon stands for the word, which stays for screen readers.
            <label for="theme-picker">
                <svg class="theme-picker__icon" viewBox="0 0 24 24" aria-hidden="true">
                    <circle cx="12" cy="12" r="8.5" />
                    <path d="M12 3.5a8.5 8.5 0 0 1 0 17z" />
                </svg>
                <span class="theme-picker__word">{ "Theme" }</span>
            </label>
            <select id="theme-picker" ref={select} {onchange}>
                { for Theme::ALL.iter().map(|&theme| html! {
                    <option value={theme.key()} selected={theme == current}>{ theme.short_label() }</option>
                }) }
            </select>
        </div>
    }
}
