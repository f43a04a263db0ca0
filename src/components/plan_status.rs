//! A plan's completeness, review date and staleness, with a control to mark it reviewed where
//! the plan is being edited. The client's consensus is shown here only when the template has
//! no section for it (plan_consensus).

use yew::prelude::*;

use crate::browser::clock::now_iso;
use crate::components::plan_consensus::ConsensusFields;
use crate::domain::plans::{Plan, Template};
use crate::hooks::{use_app_state, use_local};
use crate::state::{Action, PlanAction};
use crate::support::dates::readable_date;

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
            state.dispatch(Action::Plan(PlanAction::MarkPlanReviewed {
                plan: plan_id,
                at: now_iso(),
            }))
        })
    };
    let reviewed = plan
        .reviewed_at
        .as_deref()
        .map_or("never".to_string(), readable_date);
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
            if !props.template.holds_consensus() {
                <div class="plan-status__item">
                    <span class="plan-status__label">{ "Client consensus" }</span>
                    if props.editable {
                        <ConsensusFields plan={plan_id} consensus={plan.consensus.clone()} />
                    } else {
                        <span>{ plan.consensus.summary() }</span>
                    }
                </div>
            }
        </section>
    }
}
