//! Results prospects sent back: a sortable list, exported as CSV, apart from the history.

use yew::prelude::*;

use crate::browser::clock::now_iso;
use crate::browser::download::download_text;
use crate::browser::events::on_value;
use crate::components::band_badge::band_badge;
use crate::components::storage_banner::NOT_READ_HERE;
use crate::domain::csv_export::prospects_csv;
use crate::domain::prospects::{looks_shared, sorted, ProspectOrder};
use crate::hooks::{use_app_state, use_local, use_select_value};
use crate::route::Route;
use crate::state::{Action, ProspectAction};
use crate::support::dates::{date_part, readable_date};

#[component]
pub fn ProspectsPage() -> Html {
    let state = use_app_state();
    let order = use_local(ProspectOrder::default);
    let message = use_local(|| None::<(bool, String)>);
    let select = use_select_value(order.key().to_string());
    let prospects = &state.doc.prospects;
    let shared_in_history = state
        .doc
        .grader
        .history
        .iter()
        .filter(|a| looks_shared(a))
        .count();

    if prospects.is_empty() {
        return html! {
            <div class="empty-state">
                <h1 tabindex="-1">{ "Prospects" }</h1>
                if state.stored_data_unread() {
                    <p>{ NOT_READ_HERE }</p>
                } else {
                    <p>{ "No results from prospects yet. To get one, send an invitation: on the Grader, open \
                          \"Invite someone to grade their team\" and pass the link on. The prospect answers the ten \
                          practices in their own browser and sends you a link back; open it and choose \
                          \"Add to prospects\"." }</p>
                }
                <p class="muted">{ "Their results stay here, apart from your own history, so they never move \
                                    your team's trend." }</p>
                if shared_in_history > 0 {
                    <p>{ format!("Your history holds {shared_in_history} shared {} saved before this list \
                                  existed; you can move {} here from ",
                            if shared_in_history == 1 { "result" } else { "results" },
                            if shared_in_history == 1 { "it" } else { "them" }) }
                        <a href={Route::History.href()}>{ "History" }</a>{ "." }</p>
                }
                <p><a class="button button--primary" href={Route::Grader.href()}>{ "Make an invitation" }</a></p>
            </div>
        };
    }

    let on_order = {
        let order = order.clone();
        on_value(move |v| {
            let picked = ProspectOrder::ALL.into_iter().find(|o| o.key() == v);
            order.set(picked.unwrap_or_default());
        })
    };
    let on_export = {
        let (state, message) = (state.clone(), message.clone());
        Callback::from(move |_| {
            let name = format!("prospects-{}.csv", date_part(&now_iso()));
            let result = download_text(&name, "text/csv", &prospects_csv(&state.doc.prospects));
            message.set(Some(match result {
                Ok(()) => (true, format!("Downloaded {name}.")),
                Err(why) => (false, why),
            }));
        })
    };

    let rows = sorted(prospects, *order).into_iter().map(|p| {
        let g = p.grade();
        let title = p.title();
        let on_delete = {
            let (state, id) = (state.clone(), p.id);
            Callback::from(move |_| state.dispatch(Action::Prospect(ProspectAction::DeleteProspect(id))))
        };
        html! {
            <tr key={p.id}>
                <th scope="row" data-label="Name"><a href={Route::Prospect(p.id).href()}>{ &title }</a></th>
                <td data-label="Company">{ if p.company.is_empty() { "—" } else { &p.company } }</td>
                <td data-label="Answered on">{ readable_date(&p.answered_on) }</td>
                <td data-label="Score" class="num">{ format!("{}/10", g.score) }</td>
                <td data-label="Band">{ band_badge(g.band) }</td>
                <td class="actions">
                    <a class="button button--small" href={Route::Prospect(p.id).href()}
                        aria-label={format!("Compare {title} with your team")}>{ "Compare" }</a>
                    <button type="button" class="button button--small button--danger" onclick={on_delete}
                        aria-label={format!("Delete the result of {title}")}>{ "Delete" }</button>
                </td>
            </tr>
        }
    });

    html! {
        <div class="prospects">
            <header class="page-header">
                <h1 tabindex="-1">{ "Prospects" }</h1>
                <p class="lead">{ "Results prospects sent back from your invitations. They are kept apart from \
                                   your own history, so a prospect's score never moves your team's trend." }</p>
            </header>
            <section class="card" aria-labelledby="prospects-title">
                <div class="prospects__toolbar">
                    <h2 id="prospects-title">{ format!("Received results ({})", prospects.len()) }</h2>
                    <div class="field field--inline">
                        <label for="prospects-order">{ "Sort by" }</label>
                        <select id="prospects-order" ref={select} onchange={on_order}>
                            { for ProspectOrder::ALL.iter().map(|o| html! {
                                <option value={o.key()} selected={*o == *order}>{ o.title() }</option>
                            }) }
                        </select>
                    </div>
                    <button type="button" class="button" onclick={on_export}>{ "Export prospects (CSV)" }</button>
                </div>
                if let Some((ok, text)) = &*message {
                    <p class={if *ok { "form-message form-message--ok" } else { "field__error" }}
                        role={if *ok { "status" } else { "alert" }}>{ text }</p>
                }
                <div class="table-scroll">
                    <table class="prospects-table">
                        <thead>
                            <tr>
                                <th scope="col">{ "Name" }</th>
                                <th scope="col">{ "Company" }</th>
                                <th scope="col">{ "Answered on" }</th>
                                <th scope="col" class="num">{ "Score" }</th>
                                <th scope="col">{ "Band" }</th>
                                <th scope="col"><span class="visually-hidden">{ "Actions" }</span></th>
                            </tr>
                        </thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
            </section>
        </div>
    }
}
