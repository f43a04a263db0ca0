//! Every account's plan status, and the templates plans are written from.

use std::cell::Cell;

use yew::prelude::*;

use crate::browser::clock::now_iso_in_browser;
use crate::browser::page::navigate;
use crate::components::pager::Pager;
use crate::components::quadrant_badge::quadrant_badge;
use crate::components::storage_banner::NOT_READ_HERE;
use crate::domain::accounts::Account;
use crate::domain::plans::BUILT_IN_TEMPLATE;
use crate::domain::portfolio::{row, Page};
use crate::domain::settings::Settings;
use crate::hooks::use_app_state;
use crate::route::Route;
use crate::state::{Action, PlanAction};
use crate::support::by_identity::ByIdentity;
use crate::support::dates::readable_date;
use crate::support::sorting::sort_by_cached_key;

/// Positions of the accounts in the order the plans list shows them: those that most need a
/// plan first (tier, then quadrant, then name).
fn plan_order(accounts: &[Account], settings: &Settings) -> Vec<usize> {
    let mut order: Vec<usize> = (0..accounts.len()).collect();
    sort_by_cached_key(&mut order, |&i| {
        let r = row(&accounts[i], settings);
        (
            r.account.tier,
            r.quadrant.is_none(),
            r.quadrant,
            r.account.name.to_lowercase(),
            r.account.id,
        )
    });
    order
}

thread_local! {
    /// The page of the list last shown. The screen is left for each plan opened from it, and
    /// coming back shows the same page, as the accounts list does.
    static LAST_PAGE: Cell<usize> = const { Cell::new(0) };
}

#[component]
pub fn PlansPage() -> Html {
    let state = use_app_state();
    let doc = &state.doc;
    let unread = state.stored_data_unread();
    // Read once when the screen opens, with the first render: staleness needs no second one.
    let today = use_memo((), |_| now_iso_in_browser());
    // Classifying and sorting tens of thousands of accounts is done again only when they or
    // the settings change, and only one page of them is drawn, as on the accounts list.
    let order = use_memo(
        (
            ByIdentity(doc.portfolio.accounts.clone()),
            doc.settings.clone(),
        ),
        |(accounts, settings)| plan_order(&accounts.0, settings),
    );
    let requested_page = use_state(|| LAST_PAGE.with(Cell::get));
    let page = Page::of(order.len(), *requested_page);
    let on_page = {
        let requested_page = requested_page.clone();
        Callback::from(move |n: usize| {
            LAST_PAGE.with(|last| last.set(n));
            requested_page.set(n);
        })
    };
    let accounts: Vec<_> = order[page.rows.clone()]
        .iter()
        .map(|&i| row(&doc.portfolio.accounts[i], &doc.settings))
        .collect();
    let new_template = |from: Option<u64>, name: &'static str| {
        let state = state.clone();
        Callback::from(move |_| {
            let id = state.doc.next_id;
            state.dispatch(Action::Plan(PlanAction::CreateTemplate {
                from,
                name: name.into(),
            }));
            navigate(Route::Template(id));
        })
    };

    html! {
        <div class="plans">
            <header class="page-header">
                <h1 tabindex="-1">{ "Account plans" }</h1>
                <p class="lead">{ "A development plan per key account: the client's needs, shared goals and planned \
                    actions, reviewed with the client at each business review." }</p>
            </header>
            <section class="card" aria-labelledby="plan-list-title">
                <h2 id="plan-list-title">{ "Plans by account" }</h2>
                if accounts.is_empty() && unread {
                    <p>{ NOT_READ_HERE }</p>
                } else if accounts.is_empty() {
                    <p>{ "Add accounts first; each can then have a plan." }
                        <a href={Route::Accounts.href()}>{ " Go to accounts" }</a></p>
                } else {
                    if page.count > 1 {
                        <p class="result-count" id="plan-count" role="status" tabindex="-1">
                            { page.summary(order.len(), order.len()) }
                        </p>
                    }
                    <div class="table-scroll">
                        <table class="plans-table">
                            <thead><tr>
                                <th scope="col">{ "Account" }</th>
                                <th scope="col">{ "Tier" }</th>
                                <th scope="col">{ "Quadrant" }</th>
                                <th scope="col">{ "Plan" }</th>
                                <th scope="col">{ "Last reviewed" }</th>
                                <th scope="col">{ "Client consensus" }</th>
                            </tr></thead>
                            <tbody>
                                { for accounts.iter().map(|r| {
                                    let a = r.account;
                                    let plan = doc.plans.plan_for(a.id);
                                    let template = plan.and_then(|p| doc.plans.template(p.template));
                                    let status = match (plan, &template) {
                                        (Some(p), Some(t)) => {
                                            let (filled, total) = p.completeness(t);
                                            html! { <a href={Route::Plan(a.id).href()}>{ format!("{filled} of {total} sections") }</a> }
                                        }
                                        _ => html! { <a class="muted-link" href={Route::Plan(a.id).href()}
                                            aria-label={format!("Create a plan for {}", a.name)}>{ "Create plan" }</a> },
                                    };
                                    let stale = plan.zip(today.as_deref()).is_some_and(|(p, t)| p.is_stale(t, doc.settings.plan_stale_days));
                                    html! {
                                        <tr key={a.id}>
                                            <td data-label="Account"><a href={Route::Account(a.id).href()}>{ &a.name }</a></td>
                                            <td data-label="Tier">{ a.tier.letter() }</td>
                                            <td data-label="Quadrant">{ quadrant_badge(r.quadrant) }</td>
                                            <td data-label="Plan">{ status }</td>
                                            <td data-label="Last reviewed">
                                                { plan.map_or("—".to_string(), |p| p.reviewed_at.as_deref().map_or("Never".into(), readable_date)) }
                                                if stale { <span class="status-badge status-badge--stale">{ "Stale" }</span> }
                                            </td>
                                            <td data-label="Client consensus">
                                                { plan.map_or("—".to_string(), |p| p.consensus.summary()) }
                                            </td>
                                        </tr>
                                    }
                                }) }
                            </tbody>
                        </table>
                    </div>
                    <Pager page={page.clone()} on_go={on_page} focus_after="plan-count" />
                }
            </section>
            <section class="card" aria-labelledby="templates-title">
                <h2 id="templates-title">{ "Templates" }</h2>
                <p class="muted">{ "A template is the list of sections a plan is written in. The built-in one covers the \
                    elements of a key-account strategy; copy it to shape your own." }</p>
                <ul class="template-list">
                    { for doc.plans.all_templates().iter().map(|t| {
                        let used = doc.plans.plans.iter().filter(|p| p.template == t.id).count();
                        let id = t.id;
                        let state = state.clone();
                        let on_duplicate = {
                            let state = state.clone();
                            Callback::from(move |_| {
                                let new_id = state.doc.next_id;
                                let name = state.doc.plans.template(id).map(|t| format!("Copy of {}", t.name.trim())).unwrap_or_default();
                                state.dispatch(Action::Plan(PlanAction::CreateTemplate { from: Some(id), name }));
                                navigate(Route::Template(new_id));
                            })
                        };
                        let on_delete = Callback::from(move |_| state.dispatch(Action::Plan(PlanAction::DeleteTemplate(id))));
                        html! {
                            <li key={t.id} class="template-list__item">
                                <div>
                                    <a href={Route::Template(t.id).href()} class="template-list__name">{ t.display_name() }</a>
                                    <span class="muted">{ if unread {
                                        // The plans that use it are in the data this tab could not read.
                                        format!(" · {} sections", t.sections.len())
                                    } else {
                                        format!(" · {} sections · used by {used} {}", t.sections.len(),
                                            if used == 1 { "plan" } else { "plans" })
                                    } }</span>
                                </div>
                                <div class="template-list__actions">
                                    <button type="button" class="button button--small" onclick={on_duplicate}
                                        disabled={unread}
                                        aria-label={format!("Duplicate {}", t.display_name())}>{ "Duplicate" }</button>
                                    if t.id != BUILT_IN_TEMPLATE {
                                        <button type="button" class="button button--small button--danger" onclick={on_delete}
                                            disabled={used > 0} aria-label={format!("Delete {}", t.display_name())}
                                            title={if used > 0 { "In use by a plan" } else { "" }}>{ "Delete" }</button>
                                    }
                                </div>
                            </li>
                        }
                    }) }
                </ul>
                <div class="editor-actions">
                    // Not in a tab that could not read the saved data: nothing made here is saved.
                    <button type="button" class="button" onclick={new_template(Some(BUILT_IN_TEMPLATE), "My key account plan")}
                        disabled={unread} aria-describedby={unread.then_some("templates-unread")}>
                        { "New template from the built-in one" }
                    </button>
                    <button type="button" class="button" onclick={new_template(None, "Blank template")}
                        disabled={unread} aria-describedby={unread.then_some("templates-unread")}>{ "New blank template" }</button>
                </div>
                if unread {
                    <p class="muted" id="templates-unread">{ "New templates are off: your saved data could not be \
                        read in this tab, so nothing made here would be saved. Reload to work on your templates." }</p>
                }
                <p class="muted">{ "A template used by a plan cannot be deleted; its plans would lose their structure." }</p>
            </section>
        </div>
    }
}
