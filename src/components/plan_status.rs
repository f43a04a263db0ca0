//! A plan's completeness, review date, staleness and the client's consensus, with controls to
//! update the last two where the plan is being edited.

use yew::prelude::*;

use crate::browser::clock::now_iso;
use crate::browser::events::on_value;
use crate::domain::dates::{date_part, readable_date};
use crate::domain::plans::{Consensus, Plan, Template};
use crate::hooks::{use_app_state, use_local};
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct PlanStatusProps {
    pub plan: Plan,
    pub template: Template,
    #[prop_or_default]
    pub editable: bool,
}

#[component]
pub fn PlanStatus(props: &PlanStatusProps) -> Html {
    let state = use_app_state();
    let plan = &props.plan;
    let (filled, total) = plan.completeness(&props.template);
    let stale_days = state.doc.settings.plan_stale_days;
    // The clock is read in the browser only; server-side renders have no "today".
    let today = use_local(|| None::<String>);
    {
        let today = today.clone();
        use_effect_with((), move |_| today.set(Some(now_iso())));
    }
    let stale = today
        .as_deref()
        .is_some_and(|t| plan.is_stale(t, stale_days));
    let plan_id = plan.id;
    let on_reviewed = {
        let state = state.clone();
        Callback::from(move |_| {
            state.dispatch(Action::MarkPlanReviewed {
                plan: plan_id,
                at: now_iso(),
            })
        })
    };
    let set_consensus = |make: fn(&Consensus, String) -> Consensus| {
        let (state, current) = (state.clone(), plan.consensus.clone());
        on_value(move |v| {
            state.dispatch(Action::SetConsensus {
                plan: plan_id,
                consensus: make(&current, v),
                at: now_iso(),
            })
        })
    };
    let on_agreed = {
        let (state, current) = (state.clone(), plan.consensus.clone());
        Callback::from(move |_| {
            state.dispatch(Action::SetConsensus {
                plan: plan_id,
                consensus: Consensus {
                    client_agreed: !current.client_agreed,
                    ..current.clone()
                },
                at: now_iso(),
            })
        })
    };
    let reviewed = plan
        .reviewed_at
        .as_deref()
        .map_or("never".to_string(), readable_date);
    let consensus = plan.consensus.summary();
    html! {
        <section class="card plan-status" aria-label="Plan status">
            <div class="plan-status__item">
                <label for={format!("plan-{plan_id}-meter")}>{ "Completeness" }</label>
                <meter id={format!("plan-{plan_id}-meter")} min="0" max={total.to_string()} value={filled.to_string()}>
                    { format!("{filled} of {total}") }
                </meter>
                <span>{ format!("{filled} of {total} sections filled in") }</span>
            </div>
            <div class="plan-status__item">
                <span class="plan-status__label">{ "Last reviewed" }</span>
                <span>{ reviewed }</span>
                if stale {
                    <span class="status-badge status-badge--stale">{ format!("Stale: not reviewed in over {stale_days} days") }</span>
                }
                if props.editable {
                    <button type="button" class="button button--small" onclick={on_reviewed}>{ "Mark as reviewed today" }</button>
                }
            </div>
            <div class="plan-status__item">
                <span class="plan-status__label">{ "Client consensus" }</span>
                <span>{ consensus }</span>
                if props.editable {
                    <div class="plan-status__consensus">
                        <label for={format!("plan-{plan_id}-consensus")}>{ "Reviewed with the client on" }</label>
                        <input id={format!("plan-{plan_id}-consensus")} type="date"
                            value={plan.consensus.reviewed_with_client.as_deref().map(date_part).unwrap_or("").to_string()}
                            onchange={set_consensus(|c, v| Consensus { reviewed_with_client: (!v.is_empty()).then_some(v), ..c.clone() })} />
                        <label class="checkbox">
                            <input type="checkbox" checked={plan.consensus.client_agreed} onclick={on_agreed} />
                            { "The client agreed to the plan" }
                        </label>
                    </div>
                }
            </div>
        </section>
    }
}
