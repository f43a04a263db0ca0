//! Settings: backups and how safe the data is in this browser; then the theme, currency,
//! criterion weights, matrix and growth-share thresholds and the plan review period, each with
//! a way back to its defaults.

use yew::prelude::*;

use crate::browser::events::on_value;
use crate::components::backup_panel::BackupPanel;
use crate::components::firm_profile::FirmProfilePanel;
use crate::components::keeping_panel::KeepingPanel;
use crate::components::kept_copies::KeptCopies;
use crate::domain::bcg::{parse_figure, BcgThresholds};
use crate::domain::guidance::{FirmSize, LARGE_FROM_CLIENTS, MID_SIZED_FROM_CLIENTS};
use crate::domain::portfolio::unweighted_axes_message;
use crate::domain::quadrant::DEFAULT_THRESHOLD;
use crate::domain::rating::{criteria_of, Axis, CriterionId, DEFAULT_WEIGHT, MAX_WEIGHT};
use crate::domain::settings::{SettingsSection, Theme, CURRENCIES};
use crate::hooks::{use_app_state, use_local, use_select_value, LocalHandle};
use crate::state::{Action, SettingsAction};
use crate::support::decimal::shortest;

#[component]
pub fn SettingsPage() -> Html {
    let state = use_app_state();
    let settings = &state.doc.settings;
    let unread = state.stored_data_unread();
    let currency = use_select_value(settings.currency.clone());
    let dispatch = |make: fn(String) -> Option<Action>| {
        let state = state.clone();
        on_value(move |v| {
            if let Some(action) = make(v) {
                state.dispatch(action);
            }
        })
    };

    html! {
        <div class="settings">
            <header class="page-header">
                <h1 tabindex="-1">{ "Settings" }</h1>
                <p class="lead">
                    { "Your data, and how accounts are scored and placed on the matrix." }
                    if !unread {
                        { " Changes apply at once." }
                    }
                </p>
            </header>
            <BackupPanel />
            <KeptCopies />
            <KeepingPanel />
            if unread {
                <p class="banner banner--warning banner--in-page" id="settings-unread">{ SETTINGS_NOT_READ }</p>
            }
            // Off while the saved settings are unread: these are the defaults, not the
            // visitor's, and a change here would not be saved.
            <fieldset class="settings__all" disabled={unread}
                role={(!unread).then_some("none")}
                aria-describedby={unread.then_some("settings-unread")}>
            <section class="card" aria-labelledby="theme-title">
                <h2 id="theme-title">{ "Appearance" }</h2>
                <ThemeChoice />
                <ResetButton section={SettingsSection::Theme} label="Reset theme to default" />
            </section>
            <section class="card" aria-labelledby="currency-title">
                <h2 id="currency-title">{ "Currency" }</h2>
                <div class="field field--narrow">
                    <label for="currency">{ "Revenue is entered in" }</label>
                    <select id="currency" ref={currency} onchange={dispatch(|v| Some(Action::Settings(SettingsAction::SetCurrency(v))))}>
                        { for CURRENCIES.iter().map(|(code, symbol)| html! {
                            <option value={*code} selected={settings.currency == *code}>{ format!("{code} ({})", symbol.trim()) }</option>
                        }) }
                    </select>
                </div>
                <p class="muted">{ "Only the label changes: amounts are not converted." }</p>
                <ResetButton section={SettingsSection::Currency} label="Reset currency to default" />
            </section>
            <section class="card" aria-labelledby="thresholds-title">
                <h2 id="thresholds-title">{ "Matrix thresholds" }</h2>
                <p class="muted">{ format!("Each axis scores 0 to 100. An account above the threshold counts as high on that axis \
                    (a score exactly on the line is not). The usual threshold is {DEFAULT_THRESHOLD}.") }</p>
                <div class="form__grid">
                    { for Axis::BOTH.iter().map(|&axis| html! {
                        <ThresholdField key={axis.short()} {axis} value={settings.thresholds.on(axis)} />
                    }) }
                </div>
                <ResetButton section={SettingsSection::Thresholds} label="Reset thresholds to defaults" />
            </section>
            <section class="card" aria-labelledby="weights-title">
                <h2 id="weights-title">{ "Criterion weights" }</h2>
                <p class="muted">{ format!("How much each criterion counts within its axis, from 0 (ignored) to {MAX_WEIGHT}. \
                    All start at {DEFAULT_WEIGHT}, so each counts equally.") }</p>
                { for settings.weights.unweighted_axes().into_iter().map(|axis| html! {
                    <p class="field__error" role="alert">{ unweighted_axes_message(&[axis], true) }</p>
                }) }
                <div class="weights">
                    { for Axis::BOTH.iter().map(|&axis| html! {
                        <fieldset class="weights__axis">
                            <legend>{ axis.title() }</legend>
                            { for criteria_of(axis).map(|c| html! {
                                <WeightRow key={c.title} criterion={c.id} title={c.title} weight={settings.weights.get(c.id)} />
                            }) }
                        </fieldset>
                    }) }
                </div>
                <ResetButton section={SettingsSection::Weights} label="Reset weights to defaults" />
            </section>
            <BcgSettings thresholds={settings.bcg} />
            <section class="card" aria-labelledby="plans-settings-title">
                <h2 id="plans-settings-title">{ "Account plans" }</h2>
                <DaysField which={DaysSetting::Plans} value={settings.plan_stale_days} />
                <ResetButton section={SettingsSection::Plans} label="Reset review period to default" />
            </section>
            <FirmProfilePanel />
            <section class="card" aria-labelledby="firm-settings-title">
                <h2 id="firm-settings-title">{ "Your firm" }</h2>
                <FirmSizeField value={settings.firm_size} />
                <DaysField which={DaysSetting::Ratings} value={settings.rating_stale_days} />
                <ResetButton section={SettingsSection::Firm} label="Reset firm size and rating review period" />
            </section>
            <section class="card" aria-labelledby="reset-all-title">
                <h2 id="reset-all-title">{ "All settings" }</h2>
                <p class="muted" id="reset-all-note">{ "Puts every setting on this page back to its default. Your accounts, plans, \
                    assessments and backup date are not touched, and you can undo it." }</p>
                <ResetButton label="Reset all settings to defaults" described_by="reset-all-note" />
            </section>
            </fieldset>
        </div>
    }
}

/// Said above the settings in a tab that could not read the saved data.
const SETTINGS_NOT_READ: &str = "The settings below are the defaults, not yours: your saved \
    data, settings included, could not be read in this tab (the notice at the top says why). \
    Reload to see and change them.";

/// The text of a number field and why it was not saved, if it was not. Both follow the stored
/// value when it changes elsewhere (a reset, undo, another tab). Typing never triggers that
/// with unsaved text, since the value only changes when the text is valid; text left unsaved
/// is replaced, or a reset would sit beside an old error.
#[hook]
fn use_number_text<T: ToString + PartialEq + Clone + 'static>(
    value: T,
) -> (LocalHandle<String>, LocalHandle<Option<String>>) {
    let text = use_local(|| value.to_string());
    let problem = use_local(|| None::<String>);
    {
        let (text, problem) = (text.clone(), problem.clone());
        use_effect_with(value, move |v| {
            text.set(v.to_string());
            problem.set(None);
        });
    }
    (text, problem)
}

#[derive(Properties, PartialEq)]
struct WeightRowProps {
    criterion: CriterionId,
    title: &'static str,
    weight: u8,
}

/// One criterion's weight, 0 to the maximum.
#[component]
fn WeightRow(props: &WeightRowProps) -> Html {
    let state = use_app_state();
    let select = use_select_value(props.weight.to_string());
    let criterion = props.criterion;
    let onchange = on_value(move |v| {
        if let Ok(w) = v.parse::<u8>() {
            state.dispatch(Action::Settings(SettingsAction::SetWeight(criterion, w)));
        }
    });
    let id = format!("weight-{criterion:?}").to_lowercase();
    html! {
        <div class="weights__row">
            <label for={id.clone()}>{ props.title }</label>
            <select {id} ref={select} {onchange}>
                { for (0..=MAX_WEIGHT).map(|w| html! {
                    <option value={w.to_string()} selected={props.weight == w}>{ w }</option>
                }) }
            </select>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ThresholdFieldProps {
    axis: Axis,
    value: u8,
}

/// One axis threshold: whole numbers 0-100; anything else is shown as not saved.
#[component]
fn ThresholdField(props: &ThresholdFieldProps) -> Html {
    let state = use_app_state();
    let (text, problem) = use_number_text(props.value);
    let axis = props.axis;
    let oninput = {
        let (text, problem, state) = (text.clone(), problem.clone(), state.clone());
        crate::browser::events::on_input_value(move |v| {
            text.set(v.clone());
            match v.trim().parse::<u8>() {
                Ok(t) if t <= 100 => {
                    problem.set(None);
                    state.dispatch(Action::Settings(SettingsAction::SetThreshold(axis, t)));
                }
                _ => problem.set(Some(
                    "Not saved: enter a whole number from 0 to 100.".into(),
                )),
            }
        })
    };
    let id = format!("threshold-{}", axis.short());
    let error_id = format!("{id}-error");
    html! {
        <div class="field">
            <label for={id.clone()}>{ format!("{} threshold", axis.title()) }</label>
            <input {id} type="text" inputmode="numeric" value={(*text).clone()} {oninput}
                aria-invalid={problem.is_some().then_some("true")}
                aria-describedby={problem.is_some().then(|| error_id.clone())} />
            if let Some(p) = &*problem {
                <p class="field__error" id={error_id}>{ p }</p>
            }
        </div>
    }
}

/// Which period in days a [`DaysField`] sets.
#[derive(Clone, Copy, PartialEq)]
enum DaysSetting {
    /// After how long a plan counts as stale.
    Plans,
    /// After how long an account's ratings count as old.
    Ratings,
}

impl DaysSetting {
    fn id(self) -> &'static str {
        match self {
            DaysSetting::Plans => "stale-days",
            DaysSetting::Ratings => "rating-stale-days",
        }
    }

    fn label(self) -> &'static str {
        match self {
            DaysSetting::Plans => "Flag a plan as stale after (days without review)",
            DaysSetting::Ratings => "Flag an account's ratings as old after (days without review)",
        }
    }

    fn action(self, days: u32) -> Action {
        match self {
            DaysSetting::Plans => Action::Settings(SettingsAction::SetStaleDays(days)),
            DaysSetting::Ratings => Action::Settings(SettingsAction::SetRatingStaleDays(days)),
        }
    }
}

#[derive(Properties, PartialEq)]
struct DaysFieldProps {
    which: DaysSetting,
    value: u32,
}

/// A number of days: whole numbers 1-3650, anything else not saved.
#[component]
fn DaysField(props: &DaysFieldProps) -> Html {
    let state = use_app_state();
    let (text, problem) = use_number_text(props.value);
    let which = props.which;
    let oninput = {
        let (text, problem) = (text.clone(), problem.clone());
        crate::browser::events::on_input_value(move |v| {
            text.set(v.clone());
            match v.trim().parse::<u32>() {
                Ok(d) if (1..=3650).contains(&d) => {
                    problem.set(None);
                    state.dispatch(which.action(d));
                }
                _ => problem.set(Some(
                    "Not saved: enter a whole number of days from 1 to 3650.".into(),
                )),
            }
        })
    };
    let id = which.id();
    let error_id = format!("{id}-error");
    html! {
        <div class="field field--narrow">
            <label for={id}>{ which.label() }</label>
            <input {id} type="text" inputmode="numeric" value={(*text).clone()} {oninput}
                aria-invalid={problem.is_some().then_some("true")}
                aria-describedby={problem.is_some().then(|| error_id.clone())} />
            if let Some(p) = &*problem {
                <p class="field__error" id={error_id}>{ p }</p>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct FirmSizeFieldProps {
    value: FirmSize,
}

/// The firm's size by name, or as a number of clients typed in.
#[component]
fn FirmSizeField(props: &FirmSizeFieldProps) -> Html {
    let state = use_app_state();
    let by_count = use_local(|| matches!(props.value, FirmSize::Clients(_)));
    let select = use_select_value(if *by_count {
        "clients".to_string()
    } else {
        props.value.key().to_string()
    });
    let count = match props.value {
        FirmSize::Clients(n) => n.to_string(),
        _ => String::new(),
    };
    let (text, problem) = use_number_text(count);
    {
        // A change made elsewhere (a reset, undo, another tab) decides which field shows.
        let by_count = by_count.clone();
        use_effect_with(props.value, move |v| {
            by_count.set(matches!(v, FirmSize::Clients(_)))
        });
    }
    let onchange = {
        let (state, by_count, text) = (state.clone(), by_count.clone(), text.clone());
        on_value(move |v| {
            if v == "clients" {
                by_count.set(true);
                if let Ok(n) = text.trim().parse::<u32>() {
                    state.dispatch(Action::Settings(SettingsAction::SetFirmSize(
                        FirmSize::Clients(n),
                    )));
                }
            } else if let Some(size) = FirmSize::NAMED.into_iter().find(|s| s.key() == v) {
                by_count.set(false);
                state.dispatch(Action::Settings(SettingsAction::SetFirmSize(size)));
            }
        })
    };
    let oninput = {
        let (text, problem) = (text.clone(), problem.clone());
        crate::browser::events::on_input_value(move |v| {
            text.set(v.clone());
            match v.trim().parse::<u32>() {
                Ok(n) if n >= 1 => {
                    problem.set(None);
                    state.dispatch(Action::Settings(SettingsAction::SetFirmSize(
                        FirmSize::Clients(n),
                    )));
                }
                _ => problem.set(Some("Not saved: enter a whole number of clients.".into())),
            }
        })
    };
    let limit = props.value.key_account_limit();
    html! {
        <>
            <div class="form__grid">
                <div class="field">
                    <label for="firm-size">{ "Firm size" }</label>
                    <select id="firm-size" ref={select} {onchange} aria-describedby="firm-size-note">
                        { for FirmSize::NAMED.iter().map(|s| html! {
                            <option value={s.key()} selected={!*by_count && props.value == *s}>{ s.label() }</option>
                        }) }
                        <option value="clients" selected={*by_count}>{ FirmSize::Clients(0).label() }</option>
                    </select>
                </div>
                if *by_count {
                    <div class="field">
                        <label for="firm-clients">{ "Number of clients" }</label>
                        <input id="firm-clients" type="text" inputmode="numeric" value={(*text).clone()} {oninput}
                            aria-invalid={problem.is_some().then_some("true")}
                            aria-describedby={problem.is_some().then_some("firm-clients-error")} />
                        if let Some(p) = &*problem {
                            <p class="field__error" id="firm-clients-error">{ p }</p>
                        }
                    </div>
                }
            </div>
            <p class="muted" id="firm-size-note">{ format!("A firm like yours can give real attention to about {limit} key accounts; the matrix warns \
                above that. By number of clients: under {MID_SIZED_FROM_CLIENTS} counts as small, under {LARGE_FROM_CLIENTS} as mid-sized, \
                and {LARGE_FROM_CLIENTS} or more as large.") }</p>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct BcgSettingsProps {
    thresholds: BcgThresholds,
}

#[component]
fn BcgSettings(props: &BcgSettingsProps) -> Html {
    let state = use_app_state();
    let problem = use_local(|| None::<String>);
    let t = props.thresholds;
    {
        // A change made elsewhere (a reset, undo) replaces what the fields show.
        let problem = problem.clone();
        use_effect_with(t, move |_| problem.set(None));
    }
    let make = |is_growth: bool| {
        let state = state.clone();
        let problem = problem.clone();
        on_value(move |v| {
            let min = if is_growth { -100.0 } else { 0.01 };
            match parse_figure(&v, min) {
                Ok(Some(value)) => {
                    problem.set(None);
                    let mut next = t;
                    if is_growth {
                        next.growth_pct = value
                    } else {
                        next.relative_share = value
                    }
                    state.dispatch(Action::Settings(SettingsAction::SetBcgThresholds(next)));
                }
                Ok(None) => problem.set(Some("A threshold cannot be empty.".into())),
                Err(why) => problem.set(Some(why)),
            }
        })
    };
    html! {
        <section class="card" aria-labelledby="bcg-settings-title">
            <h2 id="bcg-settings-title">{ "Growth-share (BCG) lens" }</h2>
            <p class="muted">{ "Where high growth and a high relative share begin. Defaults: 10% a year, and 1 (as large as the market leader)." }</p>
            <div class="form__grid">
                <div class="field">
                    <label for="bcg-growth">{ "High market growth from (% a year)" }</label>
                    <input id="bcg-growth" type="text" inputmode="decimal" value={shortest(t.growth_pct)} onchange={make(true)} />
                </div>
                <div class="field">
                    <label for="bcg-share">{ "High relative share from" }</label>
                    <input id="bcg-share" type="text" inputmode="decimal" value={shortest(t.relative_share)} onchange={make(false)} />
                </div>
            </div>
            if let Some(p) = &*problem {
                <p class="field__error" role="alert">{ format!("Not saved: {p}") }</p>
            }
            <ResetButton section={SettingsSection::Bcg} label="Reset growth-share thresholds to defaults" />
        </section>
    }
}

/// The three theme choices as radio buttons; the header's quick picker sets the same setting.
#[component]
fn ThemeChoice() -> Html {
    let state = use_app_state();
    let current = state.doc.settings.theme;
    html! {
        <fieldset class="segmented">
            <legend>{ "Theme" }</legend>
            { for Theme::ALL.iter().map(|&theme| {
                let state = state.clone();
                let onchange = Callback::from(move |_: Event| state.dispatch(Action::Settings(SettingsAction::SetTheme(theme))));
                html! {
                    <label>
                        <input type="radio" name="theme" value={theme.key()} checked={current == theme} {onchange} />
                        <span>{ theme.label() }</span>
                    </label>
                }
            }) }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
struct ResetButtonProps {
    /// The section it resets; none for every setting.
    #[prop_or_default]
    section: Option<SettingsSection>,
    label: AttrValue,
    #[prop_or_default]
    described_by: Option<AttrValue>,
}

/// Puts settings back to their defaults (undoable from the notice that follows). Disabled
/// while they already are, so it never offers a change that would do nothing.
#[component]
fn ResetButton(props: &ResetButtonProps) -> Html {
    let state = use_app_state();
    let section = props.section;
    let done = state.doc.settings.is_reset(section);
    let onclick = {
        let state = state.clone();
        Callback::from(move |_| {
            state.dispatch(Action::Settings(SettingsAction::ResetSettings(section)))
        })
    };
    html! {
        <div class="card__actions">
            <button type="button" class="button button--small" disabled={done} {onclick}
                aria-describedby={props.described_by.clone()}>
                { props.label.clone() }
            </button>
        </div>
    }
}
