//! Settings for the portfolio: currency, criterion weights and the matrix thresholds.

use yew::prelude::*;

use crate::browser::events::on_value;
use crate::components::backup_panel::BackupPanel;
use crate::domain::bcg::{parse_figure, BcgThresholds};
use crate::domain::quadrant::DEFAULT_THRESHOLD;
use crate::domain::rating::{criteria_of, Axis, DEFAULT_WEIGHT, MAX_WEIGHT};
use crate::domain::settings::CURRENCIES;
use crate::hooks::use_app_state;
use crate::state::Action;

#[component]
pub fn SettingsPage() -> Html {
    let state = use_app_state();
    let settings = &state.doc.settings;
    let dispatch = |make: fn(String) -> Option<Action>| {
        let state = state.clone();
        on_value(move |v| {
            if let Some(action) = make(v) {
                state.dispatch(action);
            }
        })
    };
    let on_reset = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::ResetPortfolioSettings))
    };

    html! {
        <div class="settings">
            <header class="page-header">
                <h1 tabindex="-1">{ "Settings" }</h1>
                <p class="lead">{ "Your data, and how accounts are scored and placed on the matrix. Changes apply at once." }</p>
            </header>
            <BackupPanel />
            <section class="card" aria-labelledby="currency-title">
                <h2 id="currency-title">{ "Currency" }</h2>
                <div class="field field--narrow">
                    <label for="currency">{ "Revenue is entered in" }</label>
                    <select id="currency" onchange={dispatch(|v| Some(Action::SetCurrency(v)))}>
                        { for CURRENCIES.iter().map(|(code, symbol)| html! {
                            <option value={*code} selected={settings.currency == *code}>{ format!("{code} ({})", symbol.trim()) }</option>
                        }) }
                    </select>
                </div>
                <p class="muted">{ "Only the label changes: amounts are not converted." }</p>
            </section>
            <section class="card" aria-labelledby="thresholds-title">
                <h2 id="thresholds-title">{ "Matrix thresholds" }</h2>
                <p class="muted">{ format!("Each axis scores 0 to 100. An account at or above the threshold counts as high on that axis \
                    (so a score exactly on the line is high). The usual threshold is {DEFAULT_THRESHOLD}.") }</p>
                <div class="form__grid">
                    { for Axis::BOTH.iter().map(|&axis| html! {
                        <ThresholdField key={axis.short()} {axis} value={settings.thresholds.on(axis)} />
                    }) }
                </div>
            </section>
            <section class="card" aria-labelledby="weights-title">
                <h2 id="weights-title">{ "Criterion weights" }</h2>
                <p class="muted">{ format!("How much each criterion counts within its axis, from 0 (ignored) to {MAX_WEIGHT}. \
                    All start at {DEFAULT_WEIGHT}, so each counts equally.") }</p>
                { for Axis::BOTH.iter().filter(|&&axis| criteria_of(axis).all(|c| settings.weights.get(c.id) == 0)).map(|axis| html! {
                    <p class="field__error" role="alert">
                        { format!("Every criterion of {} has weight 0, so no account can be scored on it \
                            and none can be placed on the matrix. Give at least one a weight above 0.",
                            axis.title().to_lowercase()) }
                    </p>
                }) }
                <div class="weights">
                    { for Axis::BOTH.iter().map(|&axis| html! {
                        <fieldset class="weights__axis">
                            <legend>{ axis.title() }</legend>
                            { for criteria_of(axis).map(|c| {
                                let state = state.clone();
                                let criterion = c.id;
                                let onchange = on_value(move |v| {
                                    if let Ok(w) = v.parse::<u8>() {
                                        state.dispatch(Action::SetWeight(criterion, w));
                                    }
                                });
                                let id = format!("weight-{:?}", c.id).to_lowercase();
                                html! {
                                    <div class="weights__row">
                                        <label for={id.clone()}>{ c.title }</label>
                                        <select id={id} {onchange}>
                                            { for (0..=MAX_WEIGHT).map(|w| html! {
                                                <option value={w.to_string()} selected={settings.weights.get(c.id) == w}>{ w }</option>
                                            }) }
                                        </select>
                                    </div>
                                }
                            }) }
                        </fieldset>
                    }) }
                </div>
            </section>
            <BcgSettings thresholds={settings.bcg} />
            <section class="card" aria-labelledby="plans-settings-title">
                <h2 id="plans-settings-title">{ "Account plans" }</h2>
                <StaleDaysField value={settings.plan_stale_days} />
            </section>
            <div class="page-actions">
                <button type="button" class="button" onclick={on_reset}>{ "Reset weights and thresholds to defaults" }</button>
            </div>
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
    let text = use_state(|| props.value.to_string());
    let problem = use_state(|| None::<String>);
    {
        // Follow changes made elsewhere (reset, another tab) while the field is valid.
        let (text, problem, value) = (text.clone(), problem.clone(), props.value);
        use_effect_with(value, move |v| {
            if problem.is_none() {
                text.set(v.to_string());
            }
        });
    }
    let axis = props.axis;
    let oninput = {
        let (text, problem, state) = (text.clone(), problem.clone(), state.clone());
        crate::browser::events::on_input_value(move |v| {
            text.set(v.clone());
            match v.trim().parse::<u8>() {
                Ok(t) if t <= 100 => {
                    problem.set(None);
                    state.dispatch(Action::SetThreshold(axis, t));
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

#[derive(Properties, PartialEq)]
struct StaleDaysFieldProps {
    value: u32,
}

/// Days after which a plan counts as stale: whole numbers 1-3650, anything else not saved.
#[component]
fn StaleDaysField(props: &StaleDaysFieldProps) -> Html {
    let state = use_app_state();
    let text = use_state(|| props.value.to_string());
    let problem = use_state(|| None::<String>);
    let oninput = {
        let (text, problem) = (text.clone(), problem.clone());
        crate::browser::events::on_input_value(move |v| {
            text.set(v.clone());
            match v.trim().parse::<u32>() {
                Ok(d) if (1..=3650).contains(&d) => {
                    problem.set(None);
                    state.dispatch(Action::SetStaleDays(d));
                }
                _ => problem.set(Some(
                    "Not saved: enter a whole number of days from 1 to 3650.".into(),
                )),
            }
        })
    };
    html! {
        <div class="field field--narrow">
            <label for="stale-days">{ "Flag a plan as stale after (days without review)" }</label>
            <input id="stale-days" type="text" inputmode="numeric" value={(*text).clone()} {oninput}
                aria-invalid={problem.is_some().then_some("true")}
                aria-describedby={problem.is_some().then_some("stale-days-error")} />
            if let Some(p) = &*problem {
                <p class="field__error" id="stale-days-error">{ p }</p>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct BcgSettingsProps {
    thresholds: BcgThresholds,
}

#[component]
fn BcgSettings(props: &BcgSettingsProps) -> Html {
    let state = use_app_state();
    let problem = use_state(|| None::<String>);
    let t = props.thresholds;
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
                    state.dispatch(Action::SetBcgThresholds(next));
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
                    <input id="bcg-growth" type="text" inputmode="decimal" value={t.growth_pct.to_string()} onchange={make(true)} />
                </div>
                <div class="field">
                    <label for="bcg-share">{ "High relative share from" }</label>
                    <input id="bcg-share" type="text" inputmode="decimal" value={t.relative_share.to_string()} onchange={make(false)} />
                </div>
            </div>
            if let Some(p) = &*problem {
                <p class="field__error" role="alert">{ format!("Not saved: {p}") }</p>
            }
        </section>
    }
}
