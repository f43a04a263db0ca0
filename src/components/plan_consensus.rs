//! The client's agreement with a plan: when it was reviewed with them and whether they
//! agreed, shown in one place (the plan's consensus section, or its status without one).

use yew::prelude::*;

use crate::browser::clock::now_iso;
use crate::browser::events::on_value;
use crate::domain::plans::{Consensus, PlanId};
use crate::hooks::use_app_state;
use crate::state::{Action, PlanAction};
use crate::support::dates::date_part;

#[derive(Properties, PartialEq)]
pub struct ConsensusFieldsProps {
    pub plan: PlanId,
    pub consensus: Consensus,
}

/// Where the client stands with the plan, with the date of the review and their yes to set.
#[component]
pub fn ConsensusFields(props: &ConsensusFieldsProps) -> Html {
    let state = use_app_state();
    let plan = props.plan;
    let current = &props.consensus;
    let set = Callback::from(move |consensus: Consensus| {
        state.dispatch(Action::Plan(PlanAction::SetConsensus {
            plan,
            consensus,
            at: now_iso(),
        }))
    });
    let on_date = {
        let (set, current) = (set.clone(), current.clone());
        on_value(move |v| {
            set.emit(Consensus {
                reviewed_with_client: (!v.is_empty()).then_some(v),
                ..current.clone()
            })
        })
    };
    let on_agreed = {
        let current = current.clone();
        Callback::from(move |_| {
            set.emit(Consensus {
                client_agreed: !current.client_agreed,
                ..current.clone()
            })
        })
    };
    let date_id = format!("plan-{plan}-consensus");
    html! {
        <div class="consensus-fields">
            <p class="consensus-fields__summary">{ current.summary() }</p>
            <div class="consensus-fields__controls">
                <div class="field">
                    <label for={date_id.clone()}>{ "Reviewed with the client on" }</label>
                    <input id={date_id} type="date"
                        value={current.reviewed_with_client.as_deref().map(date_part).unwrap_or("").to_string()}
                        onchange={on_date} />
                </div>
                <label class="checkbox">
                    <input type="checkbox" checked={current.client_agreed} onclick={on_agreed} />
                    { "The client agreed to the plan" }
                </label>
            </div>
        </div>
    }
}
