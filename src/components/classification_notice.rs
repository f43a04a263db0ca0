//! Says once, after the upgrade to schema version 4, how classification changed and which
//! accounts it moved; gone for good once dismissed.

use yew::prelude::*;

use crate::domain::quadrant::Quadrant;
use crate::domain::reclassification::WHAT_CHANGED;
use crate::hooks::use_app_state;
use crate::route::Route;
use crate::state::Action;

/// Beyond this many, the moved accounts are counted rather than named: the matrix and the
/// accounts list show where each one is now.
const NAMED: usize = 12;

fn group(q: Option<Quadrant>) -> &'static str {
    q.map_or("not on the matrix", Quadrant::title)
}

#[component]
pub fn ClassificationNotice() -> Html {
    let state = use_app_state();
    let Some(notice) = &state.doc.classification_notice else {
        return Html::default();
    };
    let accounts = &state.doc.portfolio.accounts;
    // Accounts deleted since the upgrade are no longer worth a line.
    let moved: Vec<_> = notice
        .moved
        .iter()
        .filter_map(|m| Some((accounts.iter().find(|a| a.id == m.account)?, m)))
        .collect();
    let on_dismiss = {
        let state = state.clone();
        Callback::from(move |_| {
            state.dispatch(Action::DismissClassificationNotice);
            // Focus on the vanished button would be lost: the screen's heading takes it.
            crate::browser::page::focus_main_heading_in_place_later();
        })
    };
    html! {
        <section class="banner banner--info classification-notice" role="status" aria-labelledby="classification-notice-title">
            <h2 id="classification-notice-title" class="banner__title">{ "How accounts are classified has changed" }</h2>
            <ul>
                { for WHAT_CHANGED.iter().map(|line| html! { <li>{ *line }</li> }) }
            </ul>
            if moved.is_empty() {
                <p>{ "None of your accounts changed group." }</p>
            } else {
                <p>{ format!("{} {} changed group:", moved.len(),
                    if moved.len() == 1 { "account" } else { "accounts" }) }</p>
                <ul class="classification-notice__moved">
                    { for moved.iter().take(NAMED).map(|(a, m)| html! {
                        <li key={a.id}>
                            <a href={Route::Account(a.id).href()}>{ &a.name }</a>
                            { format!(": {} → {}", group(m.from), group(m.to)) }
                        </li>
                    }) }
                </ul>
                if moved.len() > NAMED {
                    <p>{ format!("and {} more; the matrix shows where each one is now.", moved.len() - NAMED) }</p>
                }
            }
            if !state.doc.portfolio.snapshots.is_empty() {
                <p class="muted">{ "Snapshots recorded before keep the scores of the old rules, so \
                                   moves shown since them include this change." }</p>
            }
            <div class="banner__actions">
                <button type="button" class="button button--primary" onclick={on_dismiss}>{ "Got it" }</button>
            </div>
        </section>
    }
}
