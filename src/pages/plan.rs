//! An account's plan: created from a template, edited section by section with autosave. A
//! menu lists the sections; each can be collapsed (for this visit only).

use std::collections::BTreeSet;

use yew::prelude::*;

use crate::browser::clock::now_iso;
use crate::browser::events::on_value;
use crate::browser::page::{self, jump_later, navigate_replacing};
use crate::browser::text_fit;
use crate::components::missing::missing;
use crate::components::plan_consensus::ConsensusFields;
use crate::components::plan_editors::{RowMove, SectionChange, SectionEditor};
use crate::components::plan_menu::{MenuEntry, PlanMenu};
use crate::components::plan_section_view::plan_section_view;
use crate::components::plan_status::PlanStatus;
use crate::domain::accounts::AccountId;
use crate::domain::plans::{Template, BUILT_IN_TEMPLATE, CONSENSUS_SECTION};
use crate::hooks::{use_app_state, use_local};
use crate::route::Route;
use crate::state::{Action, PlanAction};

#[derive(Properties, PartialEq)]
pub struct PlanPageProps {
    pub account: AccountId,
}

fn not_found(what: &str) -> Html {
    missing(
        &format!("{what} not found"),
        "There is nothing at this address. It may have been deleted.",
        Route::Plans,
        "Back to plans",
    )
}

#[component]
pub fn PlanPage(props: &PlanPageProps) -> Html {
    let state = use_app_state();
    let plans = &state.doc.plans;
    let account = state.account(props.account);
    let plan = account.and_then(|a| plans.plan_for(a.id));
    // One callback for all sections, made again only when the plan changes (see SectionEditor).
    let on_section_change = use_callback(
        (state.dispatcher(), plan.map(|p| p.id)),
        |change: SectionChange, (dispatcher, plan_id)| {
            if let Some(plan) = *plan_id {
                dispatcher.dispatch(Action::Plan(PlanAction::WritePlan {
                    plan,
                    key: change.section.to_string(),
                    title: change.title.to_string(),
                    content: change.content,
                    at: now_iso(),
                    removes_row: change.removes_row,
                }))
            }
        },
    );
    // Where a moved row went, said to screen readers.
    let announcement = use_local(String::new);
    let on_row_move = {
        let announcement = announcement.clone();
        use_callback(
            (state.dispatcher(), plan.map(|p| p.id)),
            move |m: RowMove, (dispatcher, plan_id)| {
                if let Some(plan) = *plan_id {
                    dispatcher.dispatch(Action::Plan(PlanAction::MovePlanRow {
                        plan,
                        key: m.section.to_string(),
                        from: m.from,
                        to: m.to,
                        at: now_iso(),
                    }));
                    announcement.set(format!(
                        "Moved {} to position {} of {}.",
                        m.what,
                        m.to + 1,
                        m.count
                    ));
                }
            },
        )
    };
    let collapsed = use_local(BTreeSet::<String>::new);
    {
        // Text areas are fitted to their text once drawn, and again as sections open.
        let shown_keys = (plan.map(|p| p.id), (*collapsed).clone());
        use_effect_with(shown_keys, |_| text_fit::fit_all());
    }
    let Some(account) = account else {
        return not_found("Account");
    };
    let Some(plan) = plan else {
        return html! { <CreatePlan account={account.id} /> };
    };
    let template = plans
        .template(plan.template)
        .unwrap_or_else(crate::domain::plans::built_in_template);
    let shown = plan.shown(&template);
    let currency = state.doc.settings.currency.clone();
    let plan_id = plan.id;
    let on_delete = {
        let state = state.clone();
        let account = account.id;
        Callback::from(move |_| {
            state.dispatch(Action::Plan(PlanAction::DeletePlan(plan_id)));
            // In place of the plan's address, as a deleted account's page: Back does not
            // come to a plan that is gone, and Undo returns to the plan.
            navigate_replacing(Route::Account(account));
        })
    };

    let in_template: Vec<_> = shown.iter().filter(|s| !s.orphaned).collect();
    let menu: Vec<MenuEntry> = in_template
        .iter()
        .map(|s| MenuEntry {
            key: s.key.clone(),
            title: s.title.clone(),
            filled: plan.section_is_filled(s),
        })
        .collect();
    let collapsed_count = in_template
        .iter()
        .filter(|s| collapsed.contains(&s.key))
        .count();
    let on_jump = {
        let collapsed = collapsed.clone();
        Callback::from(move |key: String| {
            // A section jumped to is one to read: it opens if it was collapsed.
            if collapsed.contains(&key) {
                let mut next = (*collapsed).clone();
                next.remove(&key);
                collapsed.set(next);
            }
            jump_later(format!("section-{key}-toggle"));
        })
    };
    let on_collapse_all = {
        let collapsed = collapsed.clone();
        let keys: BTreeSet<String> = in_template.iter().map(|s| s.key.clone()).collect();
        Callback::from(move |collapse: bool| {
            collapsed.set(if collapse {
                keys.clone()
            } else {
                BTreeSet::new()
            })
        })
    };

    html! {
        <div class="plan" oninput={Callback::from(|e: InputEvent| text_fit::fit_target(&e))}>
            <p class="breadcrumb"><a href={Route::Account(account.id).href()}>{ format!("← {}", account.name) }</a></p>
            <header class="page-header page-header--with-actions">
                <div>
                    <h1 tabindex="-1">{ format!("Account plan: {}", account.name) }</h1>
                    <p class="muted">
                        { "Template: " }<a href={Route::Template(template.id).href()}>{ template.display_name() }</a>
                        { ". Changes are saved as you type." }
                    </p>
                    if template.sections.is_empty() {
                        <p class="notice">{ "This plan's template has no sections yet. Add some in the template, and they appear here." }</p>
                    }
                </div>
                <div class="page-header__actions">
                    <a class="button button--primary" href={Route::PlanView(account.id).href()}>{ "Read view, print and export" }</a>
                </div>
            </header>
            <PlanStatus plan={plan.clone()} template={template.clone()} editable=true />
            <div class="plan__layout">
                if !in_template.is_empty() {
                    <PlanMenu entries={menu} collapsed={collapsed_count} {on_jump} {on_collapse_all} />
                }
                <div class="plan__sections">
                    { for in_template.iter().map(|s| {
                        let id = format!("section-{}", s.key);
                        let is_collapsed = collapsed.contains(&s.key);
                        let on_toggle = {
                            let (collapsed, key) = (collapsed.clone(), s.key.clone());
                            Callback::from(move |_| {
                                let mut next = (*collapsed).clone();
                                if !next.remove(&key) {
                                    next.insert(key.clone());
                                }
                                collapsed.set(next);
                            })
                        };
                        html! {
                            <section key={s.key.clone()} class={classes!("card", "plan-section", is_collapsed.then_some("plan-section--collapsed"))}
                                aria-labelledby={format!("{id}-title")}>
                                <h2 id={format!("{id}-title")} class="plan-section__heading">
                                    <button type="button" id={format!("{id}-toggle")} class="plan-section__toggle"
                                        aria-expanded={(!is_collapsed).to_string()} aria-controls={format!("{id}-body")} onclick={on_toggle}>
                                        <span class="plan-section__chevron" aria-hidden="true"></span>
                                        <span>
                                            <span class="plan-section__title">{ &s.title }</span>
                                            if plan.section_is_filled(s) {
                                                <span class="plan-section__filled"><span aria-hidden="true">{ " ✓" }</span>
                                                    <span class="visually-hidden">{ " filled in" }</span></span>
                                            }
                                        </span>
                                    </button>
                                </h2>
                                <div id={format!("{id}-body")} class="plan-section__body" hidden={is_collapsed}>
                                    if !s.guidance.is_empty() {
                                        <p class="muted plan-section__guidance">{ &s.guidance }</p>
                                    }
                                    if s.key == CONSENSUS_SECTION {
                                        <ConsensusFields plan={plan_id} consensus={plan.consensus.clone()} />
                                    }
                                    <SectionEditor {id} section={s.key.clone()} title={s.title.clone()} kind={s.kind}
                                        content={s.content.clone()} currency={currency.clone()}
                                        on_change={on_section_change.clone()} on_move={on_row_move.clone()} />
                                </div>
                            </section>
                        }
                    }) }
                    if shown.iter().any(|s| s.orphaned) {
                        <section class="card plan-other" aria-labelledby="other-sections-title">
                            <h2 id="other-sections-title">{ "Other sections" }</h2>
                            <p class="muted">{ "Content from sections the template no longer has (or no longer has in this form). \
                                It is kept so nothing you wrote is lost." }</p>
                            { for shown.iter().filter(|s| s.orphaned).map(|s| {
                                let on_drop = {
                                    let (state, key) = (state.clone(), s.key.clone());
                                    Callback::from(move |_| state.dispatch(Action::Plan(PlanAction::DropPlanSection { plan: plan_id, key: key.clone() })))
                                };
                                html! {
                                    <div key={s.key.clone()} class="plan-other__item">
                                        { plan_section_view(s, &currency, "h3") }
                                        <button type="button" class="button button--small button--danger" onclick={on_drop}
                                            aria-label={format!("Discard kept section {}", s.title)}>{ "Discard" }</button>
                                    </div>
                                }
                            }) }
                        </section>
                    }
                </div>
            </div>
            <p class="visually-hidden" role="status" aria-live="polite">{ (*announcement).clone() }</p>
            <div class="page-actions">
                <button type="button" class="button button--danger" onclick={on_delete}>{ "Delete this plan" }</button>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct CreatePlanProps {
    account: AccountId,
}

/// Offered when an account has no plan yet: pick a template and start.
#[component]
fn CreatePlan(props: &CreatePlanProps) -> Html {
    let state = use_app_state();
    let chosen = use_local(|| BUILT_IN_TEMPLATE);
    let templates: Vec<Template> = state.doc.plans.all_templates();
    let name = state
        .account(props.account)
        .map(|a| a.name.clone())
        .unwrap_or_default();
    let on_choose = {
        let chosen = chosen.clone();
        on_value(move |v| chosen.set(v.parse().unwrap_or(BUILT_IN_TEMPLATE)))
    };
    let on_create = {
        let (state, chosen, account) = (state.clone(), chosen.clone(), props.account);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            state.dispatch(Action::Plan(PlanAction::CreatePlan {
                account,
                template: *chosen,
                at: now_iso(),
            }));
            // The button goes with the form: the focus goes to the plan's heading, above its
            // menu of sections, rather than to the page.
            page::focus_main_heading_later();
        })
    };
    html! {
        <div class="plan">
            <p class="breadcrumb"><a href={Route::Account(props.account).href()}>{ format!("← {name}") }</a></p>
            <h1 tabindex="-1">{ format!("Account plan: {name}") }</h1>
            <form class="card form" onsubmit={on_create}>
                <p>{ "An account development plan is your roadmap for growing this client: their needs, the goals you \
                      share, what you will do, and how you will measure it. Review it with the client at your \
                      business reviews." }</p>
                <div class="field field--narrow">
                    <label for="plan-template">{ "Template" }</label>
                    <select id="plan-template" onchange={on_choose}>
                        { for templates.iter().map(|t| html! {
                            <option value={t.id.to_string()} selected={*chosen == t.id}>
                                { format!("{}: {} sections", t.display_name(), t.sections.len()) }
                            </option>
                        }) }
                    </select>
                </div>
                <div class="form__actions">
                    <button type="submit" class="button button--primary">{ "Create the plan" }</button>
                    <a class="button button--quiet" href={Route::Plans.href()}>{ "Manage templates" }</a>
                </div>
            </form>
        </div>
    }
}
