//! A plan as a clean document: to read, print on A4 or Letter, and export.

use yew::prelude::*;

use crate::browser::clock::now_iso;
use crate::browser::download::download_text;
use crate::browser::page::print;
use crate::components::firm_header::firm_header;
use crate::components::missing::missing;
use crate::components::plan_section_view::{plan_section_view, plan_section_view_with};
use crate::components::plan_status::PlanStatus;
use crate::domain::accounts::AccountId;
use crate::domain::plan_export::{file_stem, ics, json, markdown};
use crate::domain::plans::{built_in_template, CONSENSUS_SECTION};
use crate::hooks::{use_app_state, use_local};
use crate::route::Route;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct PlanViewPageProps {
    pub account: AccountId,
}

#[component]
pub fn PlanViewPage(props: &PlanViewPageProps) -> Html {
    let state = use_app_state();
    let problem = use_local(|| None::<String>);
    let found = state
        .account(props.account)
        .and_then(|a| Some((a, state.doc.plans.plan_for(a.id)?)));
    let Some((account, plan)) = found else {
        return html! {
            { missing("Plan not found", "This account has no plan yet, or the account no longer exists.", Route::Plans, "Back to plans") }
        };
    };
    let template = state
        .doc
        .plans
        .template(plan.template)
        .unwrap_or_else(built_in_template);
    let shown = plan.shown(&template);
    let currency = state.doc.settings.currency.clone();
    let stem = file_stem(&account.name);

    let export = |kind: &'static str| {
        let (plan, template, account) = (plan.clone(), template.clone(), account.clone());
        let (currency, stem, problem) = (currency.clone(), stem.clone(), problem.clone());
        let firm = state.doc.settings.firm.clone();
        Callback::from(move |_| {
            let now = now_iso();
            let (name, mime, text) = match kind {
                "md" => (
                    format!("{stem}-plan.md"),
                    "text/markdown",
                    markdown(&plan, &template, &account, &currency, &firm.name),
                ),
                "json" => (
                    format!("{stem}-plan.json"),
                    "application/json",
                    json(&plan, &template, &account, &now, &firm.name),
                ),
                _ => (
                    format!("{stem}-reviews.ics"),
                    "text/calendar",
                    ics(&plan, &template, &account, &now, &firm.name),
                ),
            };
            problem.set(download_text(&name, mime, &text).err());
        })
    };
    let meetings: usize = shown
        .iter()
        .map(|s| match &s.content {
            crate::domain::plans::Content::Schedule(sch) => {
                sch.meetings.iter().filter(|m| !m.date.is_empty()).count()
            }
            _ => 0,
        })
        .sum();

    let filled_only = state.print_filled_only;
    let on_filled_only = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::SetPrintFilledOnly(!filled_only)))
    };
    let empty = shown
        .iter()
        .filter(|s| !s.orphaned && !plan.section_is_filled(s))
        .count();

    html! {
        <article class={classes!("plan-view", filled_only.then_some("plan-view--filled-only"))}>
            <div class="plan-view__toolbar">
                <a class="button" href={Route::Plan(account.id).href()}>{ "Edit plan" }</a>
                <button type="button" class="button" onclick={Callback::from(|_| print())}>{ "Print" }</button>
                <button type="button" class="button" onclick={export("md")}>{ "Export Markdown" }</button>
                <button type="button" class="button" onclick={export("json")}>{ "Export JSON" }</button>
                <button type="button" class="button" onclick={export("ics")} disabled={meetings == 0}
                    title={if meetings == 0 { "Add dated reviews or check-ins to the plan first" } else { "" }}>
                    { format!("Export calendar ({meetings} {})", if meetings == 1 { "date" } else { "dates" }) }
                </button>
                <label class="checkbox plan-view__print-choice">
                    <input type="checkbox" checked={filled_only} onclick={on_filled_only} />
                    { "Leave out empty sections when printing" }
                </label>
                if filled_only && empty > 0 {
                    <p class="muted plan-view__print-note">{ format!("{empty} empty {} will not be printed: each is marked below.",
                        if empty == 1 { "section" } else { "sections" }) }</p>
                }
            </div>
            if let Some(p) = &*problem {
                <p class="field__error" role="alert">{ p }</p>
            }
            <header class="plan-view__header">
                { firm_header(&state.doc.settings.firm.name, state.doc.settings.firm.logo.as_deref()) }
                <p class="plan-view__kicker">{ "Account Development Plan" }</p>
                <h1 tabindex="-1">{ &account.name }</h1>
                <p class="muted">{ format!("Tier {} · {} · Template: {}", account.tier.letter(),
                    if account.manager.is_empty() { "no account manager" } else { &account.manager }, template.display_name()) }</p>
            </header>
            <PlanStatus plan={plan.clone()} template={template.clone()} />
            { for shown.iter().filter(|s| !s.orphaned).map(|s| {
                // The client's agreement is shown in its section, not with the status above.
                let lead = (s.key == CONSENSUS_SECTION).then(|| html! {
                    <p class="plan-view__consensus">{ plan.consensus.summary() }</p>
                });
                plan_section_view_with(s, &currency, "h2", lead, plan.section_is_filled(s))
            }) }
            if shown.iter().any(|s| s.orphaned) {
                <section class="plan-view__other">
                    <h2>{ "Other sections" }</h2>
                    <p class="muted">{ "Kept from sections the template no longer has." }</p>
                    { for shown.iter().filter(|s| s.orphaned).map(|s| html! {
                        { plan_section_view(s, &currency, "h3") }
                    }) }
                </section>
            }
        </article>
    }
}
