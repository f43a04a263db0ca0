use yew::prelude::*;

use crate::browser::events::on_input_value;
use crate::domain::accounts::parse_revenue;
use crate::domain::bcg::parse_figure;
use crate::domain::plans::Budget;
use crate::hooks::use_local;
use crate::support::decimal::shortest;

#[derive(Properties, PartialEq)]
pub struct BudgetEditorProps {
    pub id: AttrValue,
    pub budget: Budget,
    pub currency: AttrValue,
    pub on_change: Callback<Budget>,
}

fn shown(v: Option<f64>) -> String {
    v.map(shortest).unwrap_or_default()
}

/// Time and money for the client, and their share of the whole marketing budget. Each field
/// keeps what was typed; only valid numbers are saved, and a problem is shown beside it.
#[component]
pub fn BudgetEditor(props: &BudgetEditorProps) -> Html {
    let texts = {
        let b = props.budget.clone();
        use_local(move || [shown(b.hours), shown(b.money), shown(b.share_pct)])
    };
    let problems = use_local(|| [None::<String>, None, None]);
    {
        // Follow changes saved elsewhere (another tab, undo) in fields without a problem.
        let (texts, problems, b) = (texts.clone(), problems.clone(), props.budget.clone());
        use_effect_with(b, move |b| {
            let fresh = [shown(b.hours), shown(b.money), shown(b.share_pct)];
            let mut next = (*texts).clone();
            for i in 0..3 {
                if problems[i].is_none() {
                    next[i] = fresh[i].clone();
                }
            }
            if next != *texts {
                texts.set(next);
            }
        });
    }
    let labels = [
        "Hours this year".to_string(),
        format!("Money this year ({})", props.currency),
        "Share of the total marketing budget (%)".to_string(),
    ];
    let names = ["hours", "money", "share"];
    html! {
        <div class="form__grid">
            { for (0..3).map(|i| {
                let id = format!("{}-{}", props.id, names[i]);
                let error_id = format!("{id}-error");
                let oninput = {
                    let (texts, problems) = (texts.clone(), problems.clone());
                    let (budget, on_change) = (props.budget.clone(), props.on_change.clone());
                    on_input_value(move |value| {
                        let mut t = (*texts).clone();
                        t[i] = value.clone();
                        texts.set(t);
                        let mut p = (*problems).clone();
                        // Amounts follow the revenue rules (grouping allowed, nothing ambiguous);
                        // the share is a percentage.
                        let parsed = if i == 2 {
                            parse_figure(&value, 0.0).and_then(|v| match v {
                                Some(v) if v > 100.0 => Err("A share cannot be more than 100%.".to_string()),
                                v => Ok(v),
                            })
                        } else {
                            parse_revenue(&value).map_err(|e| e.replace("revenue", "an amount").replace("Revenue", "An amount"))
                        };
                        match parsed {
                            Ok(v) => {
                                p[i] = None;
                                let mut next = budget.clone();
                                match i {
                                    0 => next.hours = v,
                                    1 => next.money = v,
                                    _ => next.share_pct = v,
                                }
                                on_change.emit(next);
                            }
                            Err(why) => p[i] = Some(why),
                        }
                        problems.set(p);
                    })
                };
                let problem = problems[i].clone();
                html! {
                    <div class="field">
                        <label for={id.clone()}>{ labels[i].clone() }</label>
                        <input {id} type="text" inputmode="decimal" value={texts[i].clone()} {oninput}
                            aria-invalid={problem.is_some().then_some("true")}
                            aria-describedby={problem.is_some().then(|| error_id.clone())} />
                        if let Some(p) = problem {
                            <p class="field__error" id={error_id}>{ format!("Not saved: {p}") }</p>
                        }
                    </div>
                }
            }) }
        </div>
    }
}
