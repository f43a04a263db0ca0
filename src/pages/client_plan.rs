//! The screen a client link opens: the account's plan as a document from the sender's firm,
//! to read and print. It reads only the link; nothing is stored.

use yew::prelude::*;

use crate::browser::deflate::{inflate, StreamError};
use crate::browser::page::print;
use crate::components::firm_header::firm_header;
use crate::components::plan_section_view::plan_section_view;
use crate::domain::client_share::ClientPlan;
use crate::domain::plans::{kind_of, ShownSection};
use crate::domain::share::{client_from_json, decode_client, ShareError, MAX_INFLATED};
use crate::hooks::use_local;
use crate::support::dates::readable_date;

use super::share_link_screens::{bad_link, LinkProps, Unlock};

/// The plan in a client link's deflated JSON.
async fn open_plan(deflated: &[u8]) -> Result<ClientPlan, ShareError> {
    let json = inflate(deflated, MAX_INFLATED).await.map_err(|e| match e {
        StreamError::Unsupported => ShareError::Unsupported,
        StreamError::Invalid => ShareError::Damaged,
        StreamError::TooLarge => ShareError::TooLarge,
    })?;
    client_from_json(&json)
}

#[component]
pub fn ClientPlanPage(props: &LinkProps) -> Html {
    let deflated = use_memo(props.link.clone(), |link| decode_client(link));
    let opened = use_local(|| None::<Result<ClientPlan, ShareError>>);
    {
        let opened = opened.clone();
        use_effect_with(deflated.clone(), move |deflated| {
            if let Ok(deflated) = (**deflated).clone() {
                wasm_bindgen_futures::spawn_local(async move {
                    opened.set(Some(open_plan(&deflated).await));
                });
            }
        });
    }
    let plan = match (&*opened, &*deflated) {
        (Some(Ok(p)), _) => p.clone(),
        (Some(Err(e)), _) => return bad_link(e),
        (None, Err(ShareError::NeedsPassphrase)) => {
            let on_unlock = Callback::from(move |deflated: Vec<u8>| {
                let opened = opened.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    opened.set(Some(open_plan(&deflated).await));
                });
            });
            return html! { <Unlock payload={props.link.to_string()} client=true title="Protected account plan" {on_unlock} /> };
        }
        (None, Err(e)) => return bad_link(e),
        (None, Ok(_)) => {
            // Laid out like the plan below, child for child, so the heading that takes the
            // focus while the link is unpacked is the one that then names the account.
            return html! {
                <article class="plan-view client-plan">
                    <></>
                    <header class="plan-view__header">
                        <></>
                        <p class="plan-view__kicker">{ "Account plan" }</p>
                        <h1 tabindex="-1">{ "Opening the plan…" }</h1>
                        <p class="muted">{ "Unpacking what the link carries, here in your browser." }</p>
                    </header>
                    <></>
                </article>
            };
        }
    };
    let mut about = Vec::new();
    if !plan.updated_on.is_empty() {
        about.push(format!("Last updated {}", readable_date(&plan.updated_on)));
    }
    if plan.consensus.reviewed_with_client.is_some() || plan.consensus.client_agreed {
        about.push(plan.consensus.summary());
    }
    html! {
        <article class="plan-view client-plan">
            <div class="plan-view__toolbar">
                <button type="button" class="button" onclick={Callback::from(|_| print())}>{ "Print or save as PDF" }</button>
            </div>
            <header class="plan-view__header">
                { firm_header(&plan.firm, plan.logo.as_deref()) }
                <p class="plan-view__kicker">{ "Account plan" }</p>
                <h1 tabindex="-1">{ &plan.account }</h1>
                <p class="muted">{ if about.is_empty() { String::new() } else { format!("{}.", about.join(". ")) } }</p>
            </header>
            <>
                { for plan.sections.iter().map(|s| html! {
                    { plan_section_view(&ShownSection {
                        key: s.key.clone(),
                        title: s.title.clone(),
                        guidance: String::new(),
                        kind: kind_of(&s.content),
                        content: s.content.clone(),
                        orphaned: false,
                    }, &plan.currency, "h2") }
                }) }
                if plan.sections.is_empty() {
                    <p class="muted">{ "This plan has nothing written in it." }</p>
                }
                <p class="muted client-plan__note">{ if plan.firm.is_empty() {
                    "Opened from a link. Everything shown was inside the link itself; nothing was stored or sent anywhere.".to_string()
                } else {
                    format!("Sent to you by {}. Everything shown was inside the link itself; nothing was stored or sent anywhere.", plan.firm)
                } }</p>
            </>
        </article>
    }
}
