//! One account: its details, its ratings, where it sits on the matrix and why.

use yew::prelude::*;

use crate::browser::clock::{now_iso, now_iso_in_browser};
use crate::browser::events::on_input_value;
use crate::browser::page::navigate_replacing;
use crate::components::missing::missing;
use crate::components::quadrant_badge::quadrant_badge;
use crate::components::rating_input::rating_input;
use crate::components::share_panels::ShareAccount;
use crate::domain::accounts::{Account, AccountId};
use crate::domain::bcg::{categorize, parse_figure, MarketPosition};
use crate::domain::guidance::{
    criterion_step, plan_prompt, ratings_are_stale, steps_for, tier_mismatch, RETENTION_FACTS,
    RETHINK_TEST,
};
use crate::domain::portfolio::unweighted_axes_message;
use crate::domain::quadrant::{classify, explain, Quadrant, BORDERLINE_BAND, BORDERLINE_RULE};
use crate::domain::rating::{
    axis_intro, axis_score, criteria_of, fully_rated, rated_of, Axis, CriterionId,
};
use crate::domain::rating_grid::{in_list_order, next_to_rate};
use crate::domain::settings::format_money;
use crate::hooks::{use_app_state, use_local, LocalHandle};
use crate::route::Route;
use crate::state::{Action, PortfolioAction};
use crate::support::dates::readable_date;
use crate::support::decimal::shortest;

#[derive(Properties, PartialEq)]
pub struct AccountPageProps {
    pub id: AccountId,
}

#[component]
pub fn AccountPage(props: &AccountPageProps) -> Html {
    let state = use_app_state();
    let Some(account) = state.account(props.id) else {
        return html! {
            { missing("Account not found", "There is no account at this address. It may have been deleted.", Route::Accounts, "Back to accounts") }
        };
    };
    let settings = &state.doc.settings;
    let id = account.id;
    let on_rate = {
        let state = state.clone();
        Callback::from(move |(criterion, rating): (CriterionId, Option<u8>)| {
            state.dispatch(Action::Portfolio(PortfolioAction::Rate {
                id,
                criterion,
                rating,
                at: now_iso(),
            }))
        })
    };
    let on_delete = {
        let state = state.clone();
        Callback::from(move |_| {
            state.dispatch(Action::Portfolio(PortfolioAction::DeleteAccount(id)));
            navigate_replacing(Route::Accounts);
        })
    };

    let detail = |label: &str, value: String| {
        html! {
            <div><dt>{ label.to_string() }</dt><dd>{ value }</dd></div>
        }
    };
    let or_dash = |s: &str| {
        if s.is_empty() {
            "—".to_string()
        } else {
            s.to_string()
        }
    };

    html! {
        <div class="account">
            <p class="breadcrumb"><a href={Route::Accounts.href()}>{ "← All accounts" }</a></p>
            <header class="page-header page-header--with-actions">
                <div>
                    <h1 tabindex="-1">{ &account.name }</h1>
                    <p class="muted">{ format!("Tier {} · {}", account.tier.letter(), or_dash(&account.industry)) }</p>
                </div>
                <div class="page-header__actions">
                    <a class="button" href={Route::EditAccount(id).href()}>{ "Edit details" }</a>
                    <a class="button" href={Route::Matrix.href()}>{ "View on matrix" }</a>
                    if let Some(next) = next_to_rate(&in_list_order(&state.doc.portfolio.accounts, settings, &state.list_query), &settings.weights, id) {
                        <a class="button" href={Route::Account(next).href()}>{ "Next account to rate" }</a>
                    }
                </div>
            </header>
            <Classification account={account.clone()} />
            <RatingsReview account={account.clone()} />
            <PlanCard account={id} />
            <section class="card" aria-labelledby="details-title">
                <h2 id="details-title">{ "Details" }</h2>
                <dl class="details-list">
                    { detail("Account manager", or_dash(&account.manager)) }
                    { detail("Annual revenue", account.revenue.map_or("—".into(), |v| format_money(v, &settings.currency))) }
                    { detail("Added", readable_date(&account.created_at)) }
                    { detail("Last changed", readable_date(&account.updated_at)) }
                    { detail("Ratings last reviewed", account.reviewed_at.as_deref().map_or("Never".into(), readable_date)) }
                </dl>
                if !account.notes.is_empty() {
                    <h3>{ "Notes" }</h3>
                    <p class="notes">{ &account.notes }</p>
                }
            </section>
            { for Axis::BOTH.iter().map(|&axis| {
                let score = axis_score(&account.ratings, &settings.weights, axis);
                let (rated, all) = rated_of(&account.ratings, &settings.weights, axis);
                let score = match score {
                    None => "not rated".to_string(),
                    Some(s) if rated == all => format!("{s} / 100"),
                    Some(s) => format!("{s} / 100 · {rated} of {all} rated"),
                };
                html! {
                    <section class="card ratings" aria-labelledby={format!("axis-{}", axis.short())}>
                        <h2 id={format!("axis-{}", axis.short())}>
                            { axis.title() }
                            <span class="ratings__score">{ score }</span>
                        </h2>
                        if let Some(intro) = axis_intro(axis) {
                            <p class="ratings__intro">{ intro }</p>
                        }
                        { for criteria_of(axis).map(|c| rating_input(c.id, account.ratings.get(c.id),
                            settings.weights.get(c.id), &on_rate)) }
                    </section>
                }
            }) }
            <MarketForm key={id} account={account.clone()} />
            <ShareAccount account={id} />
            <div class="page-actions">
                <button type="button" class="button button--danger" onclick={on_delete}>{ "Delete this account" }</button>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct AccountProps {
    account: Account,
}

#[derive(Properties, PartialEq)]
struct PlanCardProps {
    account: AccountId,
}

/// Whether the account has a plan, how complete it is, and the way to it.
#[component]
fn PlanCard(props: &PlanCardProps) -> Html {
    let state = use_app_state();
    let plans = &state.doc.plans;
    let plan = plans.plan_for(props.account);
    let settings = &state.doc.settings;
    let quadrant = state
        .account(props.account)
        .and_then(|a| a.position(&settings.weights))
        .map(|p| classify(p, settings.thresholds));
    let summary = plan
        .and_then(|p| Some((p, plans.template(p.template)?)))
        .map(|(p, t)| {
            let (filled, total) = p.completeness(&t);
            format!(
                "{filled} of {total} sections filled in; last reviewed {}.",
                p.reviewed_at
                    .as_deref()
                    .map_or("never".to_string(), readable_date)
            )
        });
    html! {
        <section class="card" aria-labelledby="plan-card-title">
            <h2 id="plan-card-title">{ "Account plan" }</h2>
            if let Some(summary) = summary {
                <p>{ summary }</p>
                <div class="editor-actions">
                    <a class="button button--primary" href={Route::Plan(props.account).href()}>{ "Edit the plan" }</a>
                    <a class="button" href={Route::PlanView(props.account).href()}>{ "Read view and exports" }</a>
                </div>
            } else {
                <p class="plan-card__prompt">{ plan_prompt(quadrant) }</p>
                <a class="button" href={Route::Plan(props.account).href()}>{ "Create a plan" }</a>
            }
        </section>
    }
}

/// The account's quadrant, what to do about it, and the criteria that put it there.
#[component]
fn Classification(props: &AccountProps) -> Html {
    let state = use_app_state();
    let settings = &state.doc.settings;
    let a = &props.account;
    let Some(position) = a.position(&settings.weights) else {
        let unweighted = settings.weights.unweighted_axes();
        let why = if unweighted.is_empty() {
            html! {
                <p>{ "Rate at least one criterion on each axis below to place this account on the matrix." }</p>
            }
        } else {
            html! {
                <p>{ unweighted_axes_message(&unweighted, false) }{ " " }<a href={Route::Settings.href()}>{ "Open Settings" }</a></p>
            }
        };
        return html! {
            <section class="card classification" aria-labelledby="classification-title">
                <h2 id="classification-title">{ "Where it belongs" }</h2>
                { quadrant_badge(None) }
                { why }
            </section>
        };
    };
    let quadrant = classify(position, settings.thresholds);
    let weakest = steps_for(quadrant, &a.ratings, &settings.weights);
    let reasons = explain(&a.ratings, &settings.weights, position, settings.thresholds);
    let borderline = settings.thresholds.borderline_axes(position);
    html! {
        <section class={classes!("card", "classification", format!("classification--{}", quadrant.slug()))}
            aria-labelledby="classification-title">
            <h2 id="classification-title">{ "Where it belongs" }</h2>
            <p>{ quadrant_badge(Some(quadrant)) }</p>
            <p class="classification__action">{ quadrant.action() }</p>
            if !borderline.is_empty() {
                <p class="classification__borderline">
                    <strong>{ "Borderline: " }</strong>
                    { format!("{} {} within {BORDERLINE_BAND} points of {}, so this placement could \
                        go either way. Check the ratings nearest the line before acting on it. ",
                        borderline.iter()
                            .map(|&axis| format!("{} {}", axis.short(), position.on(axis)))
                            .collect::<Vec<_>>().join(" and "),
                        if borderline.len() == 1 { "is" } else { "are" },
                        if borderline.len() == 1 { "its threshold" } else { "their thresholds" }) }
                    <span class="muted">{ BORDERLINE_RULE }</span>
                </p>
            }
            if let Some(question) = tier_mismatch(a.tier, quadrant) {
                <p class="classification__mismatch"><strong>{ "Tier and matrix disagree. " }</strong>{ question }</p>
            }
            if !fully_rated(&a.ratings, &settings.weights) {
                <p class="classification__partial">
                    { "A first placement: not every criterion is rated yet. Rate the rest below for a firmer one." }
                </p>
            }
            <h3>{ "Next steps this week" }</h3>
            if quadrant == Quadrant::Rethink {
                <p>{ "Decide before you spend more: go through the test below with the account's figures, and settle on keeping, reshaping or stepping back." }</p>
            } else if weakest.is_empty() {
                <p class="muted">{ "No criterion is rated 3 or below: keep to the plan and the contact rhythm, and look for the next weak spot at the next review." }</p>
            } else {
                <p class="muted">{ "From its weakest criteria:" }</p>
                <ul class="next-account-steps">
                    { for weakest.iter().map(|(c, rating)| html! {
                        <li>
                            <strong>{ format!("{} ({rating}/5): ", c.criterion().title) }</strong>
                            { criterion_step(*c) }
                        </li>
                    }) }
                </ul>
            }
            if quadrant == Quadrant::Rethink {
                <h3>{ "Before you cut back" }</h3>
                <ol class="rethink-test">
                    { for RETHINK_TEST.iter().map(|q| html! { <li>{ *q }</li> }) }
                </ol>
                <p class="retention-facts">{ RETENTION_FACTS }</p>
            }
            <h3>{ "Why" }</h3>
            <ul class="reasons">
                { for reasons.iter().map(|r| {
                    let side = match (r.axis, r.high) {
                        (Axis::Relationship, true) => "strong",
                        (Axis::Relationship, false) => "weak",
                        (Axis::Potential, true) => "high",
                        (Axis::Potential, false) => "low",
                    };
                    let side = if settings.thresholds.is_borderline(r.axis, r.score) {
                        format!("borderline, counted as {side}")
                    } else {
                        side.to_string()
                    };
                    let verb = if r.high { "lifted by" } else { "held back by" };
                    let drivers: Vec<String> = r.drivers.iter()
                        .map(|(c, rating)| format!("{} ({rating}/5)", c.criterion().title))
                        .collect();
                    html! {
                        <li>
                            <strong>{ format!("{} {} / 100: {side}", r.axis.title(), r.score) }</strong>
                            { format!(" (threshold {}).", settings.thresholds.on(r.axis)) }
                            if !drivers.is_empty() {
                                { format!(" Mostly {verb}: {}.", drivers.join(", ")) }
                            }
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}

/// When the ratings were last reviewed, whether that is too long ago, and a way to say they
/// still hold without changing one.
#[component]
fn RatingsReview(props: &AccountProps) -> Html {
    let state = use_app_state();
    // The clock is read in the browser only; server renders have no "today".
    let today = use_memo((), |_| now_iso_in_browser());
    let a = &props.account;
    if a.ratings.rated_count() == 0 {
        return html! {};
    }
    let days = state.doc.settings.rating_stale_days;
    let stale = (*today)
        .as_deref()
        .is_some_and(|t| ratings_are_stale(a, t, days));
    let onclick = {
        let state = state.clone();
        let id = a.id;
        Callback::from(move |_| {
            state.dispatch(Action::Portfolio(PortfolioAction::ConfirmRatings {
                id,
                at: now_iso(),
            }))
        })
    };
    let last = match &a.reviewed_at {
        Some(at) => format!("Ratings last reviewed: {}.", readable_date(at)),
        None => format!(
            "Added on {}; the ratings have not been reviewed since.",
            readable_date(&a.created_at)
        ),
    };
    html! {
        <section class={classes!("card", "ratings-review", stale.then_some("ratings-review--stale"))}
            aria-labelledby="ratings-review-title">
            <h2 id="ratings-review-title">{ "Are the ratings current?" }</h2>
            <p>
                { last }
                if stale {
                    { " " }<span class="status-badge status-badge--stale">{ "Ratings old" }</span>
                }
            </p>
            if stale {
                <p>{ format!("That is more than {days} days ago. Re-rate what has changed below, or confirm that the ratings still hold.") }</p>
            } else {
                <p class="muted">{ format!("Ratings count as old after {days} days (set in Settings; the default of 90 is a quarter, the rhythm of a business review). Changing one, or confirming them, counts as a review.") }</p>
            }
            <button type="button" class="button button--small" {onclick}>{ "Ratings still hold" }</button>
        </section>
    }
}

/// The optional market figures for the BCG lens, saved when a field is left.
#[component]
fn MarketForm(props: &AccountProps) -> Html {
    let state = use_app_state();
    let a = &props.account;
    let fmt = |v: Option<f64>| v.map(shortest).unwrap_or_default();
    let growth = use_local(|| fmt(a.market.growth_pct));
    let share = use_local(|| fmt(a.market.relative_share));
    let problem = use_local(|| None::<String>);

    let on_commit = {
        let state = state.clone();
        let (growth, share, problem) = (growth.clone(), share.clone(), problem.clone());
        let (id, current) = (a.id, a.market);
        Callback::from(move |_: FocusEvent| {
            let parsed =
                parse_figure(&growth, -100.0).and_then(|g| Ok((g, parse_figure(&share, 0.0)?)));
            match parsed {
                Ok((growth_pct, relative_share)) => {
                    problem.set(None);
                    let market = MarketPosition {
                        growth_pct,
                        relative_share,
                    };
                    if market != current {
                        state.dispatch(Action::Portfolio(PortfolioAction::SetMarket {
                            id,
                            market,
                            at: now_iso(),
                        }));
                    }
                }
                Err(why) => problem.set(Some(why)),
            }
        })
    };
    let set = |handle: &LocalHandle<String>| {
        let handle = handle.clone();
        on_input_value(move |v| handle.set(v))
    };
    let category = categorize(a.market, state.doc.settings.bcg);
    html! {
        <section class="card" aria-labelledby="market-title">
            <h2 id="market-title">{ "Market position (optional)" }</h2>
            <p class="muted">{ "Used by the growth-share (BCG) lens of the matrix. Leave empty if you do not know." }</p>
            <div class="form__grid">
                <div class="field">
                    <label for="market-growth">{ "Client's market growth (% a year)" }</label>
                    <input id="market-growth" type="text" inputmode="decimal" value={(*growth).clone()}
                        oninput={set(&growth)} onblur={on_commit.clone()} />
                </div>
                <div class="field">
                    <label for="market-share">{ "Relative market share (1 = as big as the leader)" }</label>
                    <input id="market-share" type="text" inputmode="decimal" value={(*share).clone()}
                        oninput={set(&share)} onblur={on_commit} />
                </div>
            </div>
            if let Some(p) = &*problem {
                <p class="field__error" role="alert">{ format!("Not saved: {p}") }</p>
            }
            <p>
                { "Growth-share category: " }
                <strong>{ category.map_or("needs both figures", |c| c.title()) }</strong>
                if let Some(c) = category {
                    { format!(". {}", c.guidance()) }
                }
            </p>
        </section>
    }
}
