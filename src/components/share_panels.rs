//! The "share" sections of the assessment, account and grader screens: each builds a link
//! from data already on the page and shows it with a copy button.

use yew::prelude::*;

use super::share_link::ShareLink;
use crate::browser::crypto::lock;
use crate::browser::deflate::{deflate, StreamError};
use crate::browser::events::{on_input_value, on_value};
use crate::browser::page::link_to;
use crate::domain::accounts::AccountId;
use crate::domain::history::SavedAssessment;
use crate::domain::passphrase::{assess, Strength, TooShort, MIN_CHARS, STRONG_CHARS};
use crate::domain::reply_mail::is_address;
use crate::domain::share::{
    account_json, encode_account, encode_invitation, encode_locked, encode_result, shared_account,
    Invitation, Privacy, MAX_CONTACT_BYTES, MAX_FIRM_BYTES, MAX_MESSAGE_BYTES, MAX_SENDER_BYTES,
};
use crate::hooks::{use_app_state, use_local};
use crate::route::Route;

/// A link to a read-only copy of one saved assessment.
pub fn share_result(assessment: &SavedAssessment) -> Html {
    let link = link_to(&Route::share_hash("r", &encode_result(assessment)));
    html! {
        <details class="card share-panel">
            <summary>{ "Share this result" }</summary>
            <p class="muted">{ "The link carries the date, the label and the ten answers, and opens as a read-only report." }</p>
            <ShareLink id="share-result-link" {link} label="Link to this result" />
        </details>
    }
}

/// An invitation for someone else to grade their own team and send the result back.
#[component]
pub fn ShareInvitation() -> Html {
    let state = use_app_state();
    // The firm's details from the settings are where the invitation starts; the sender may
    // change them for this one invitation.
    let invitation = {
        let firm = state.doc.settings.firm.clone();
        use_local(move || Invitation {
            firm: firm.name,
            contact: firm.contact,
            ..Invitation::default()
        })
    };
    let set = |f: fn(&mut Invitation, String)| {
        let invitation = invitation.clone();
        on_input_value(move |v| {
            let mut next = (*invitation).clone();
            f(&mut next, v);
            invitation.set(next);
        })
    };
    let link = link_to(&Route::share_hash(
        "invite",
        &encode_invitation(&invitation),
    ));
    let contact = invitation.contact.trim();
    let bad_contact = !contact.is_empty() && !is_address(contact);
    html! {
        <details class="card share-panel">
            <summary>{ "Invite someone to grade their team" }</summary>
            <p class="muted">{ "They answer the ten practices in their own browser, then send you their result as a link. \
                Open that link and add it to your Prospects, apart from your own history." }</p>
            <div class="form__grid">
                <div class="field">
                    <label for="invite-sender">{ "Your name (optional)" }</label>
                    <input id="invite-sender" type="text" maxlength={MAX_SENDER_BYTES.to_string()} value={invitation.sender.clone()}
                        oninput={set(|i, v| i.sender = v)} />
                </div>
                <div class="field">
                    <label for="invite-firm">{ "Your firm (optional)" }</label>
                    <input id="invite-firm" type="text" maxlength={MAX_FIRM_BYTES.to_string()} value={invitation.firm.clone()}
                        oninput={set(|i, v| i.firm = v)} />
                </div>
                <div class="field">
                    <label for="invite-contact">{ "E-mail for their reply (optional)" }</label>
                    <input id="invite-contact" type="email" maxlength={MAX_CONTACT_BYTES.to_string()} value={invitation.contact.clone()}
                        oninput={set(|i, v| i.contact = v)} autocomplete="email" spellcheck="false"
                        aria-invalid={bad_contact.then_some("true")}
                        aria-describedby={if bad_contact { "invite-contact-error invite-contact-help" } else { "invite-contact-help" }} />
                    if bad_contact {
                        <p class="field__error" id="invite-contact-error">{ "This is not an e-mail address, so their mail \
                            app would open without one. Check it, or leave the field empty." }</p>
                    }
                    <p class="muted" id="invite-contact-help">{ "Their mail app addresses the reply to it. It travels in the link." }</p>
                </div>
                <div class="field">
                    <label for="invite-message">{ "A short message (optional)" }</label>
                    <input id="invite-message" type="text" maxlength={MAX_MESSAGE_BYTES.to_string()} value={invitation.message.clone()}
                        oninput={set(|i, v| i.message = v)} />
                </div>
            </div>
            <ShareLink id="invite-link" {link} label="Invitation link" />
        </details>
    }
}

#[derive(Properties, PartialEq)]
pub struct ShareAccountProps {
    pub account: AccountId,
}

/// A link to one account's ratings, place on the matrix and plan, minus what the user omits,
/// optionally encrypted with a passphrase.
#[component]
pub fn ShareAccount(props: &ShareAccountProps) -> Html {
    let state = use_app_state();
    let privacy = use_local(|| Privacy {
        without_revenue: true,
        without_notes: true,
        without_stakeholder_names: true,
    });
    let passphrase = use_local(String::new);
    // The link for the current choices, once made; `None` while it is being made.
    let link = use_local(|| None::<Result<String, String>>);
    // Counts the links asked for, so one that finishes after a newer request is dropped.
    let requests = use_mut_ref(|| 0u32);
    let doc = &state.doc;
    let shared = state.account(props.account).map(|account| {
        let plan = doc
            .plans
            .plan_for(account.id)
            .and_then(|p| Some((doc.plans.template(p.template)?, p.clone())));
        shared_account(
            account,
            &doc.settings.currency,
            &doc.settings.weights,
            doc.settings.thresholds,
            plan,
            *privacy,
        )
    });
    {
        // Compression and encryption are asynchronous in the browser; the link appears when
        // ready.
        let link = link.clone();
        // A passphrase too short to protect anything makes no link at all: a plain one would
        // not be what the user asked for.
        let json = shared
            .as_ref()
            .filter(|_| passphrase.is_empty() || assess(&passphrase).is_ok())
            .map(account_json);
        use_effect_with((json, (*passphrase).clone()), move |(json, passphrase)| {
            link.set(None);
            let request = {
                let mut requests = requests.borrow_mut();
                *requests += 1;
                *requests
            };
            if let Some(json) = json.clone() {
                let passphrase = passphrase.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let made = account_link(&json, &passphrase).await;
                    if *requests.borrow() == request {
                        link.set(Some(made));
                    }
                });
            }
        });
    }
    if shared.is_none() {
        return html! {};
    }
    let plain = passphrase.is_empty();
    let strength = (!plain).then(|| assess(&passphrase));
    let on_passphrase = {
        let passphrase = passphrase.clone();
        on_input_value(move |v| passphrase.set(v))
    };
    let toggle = |f: fn(&mut Privacy)| {
        let privacy = privacy.clone();
        on_value(move |_| {
            let mut next = *privacy;
            f(&mut next);
            privacy.set(next);
        })
    };
    html! {
        <details class="card share-panel">
            <summary>{ "Share this account" }</summary>
            <p class="muted">{ "The link carries the account's name, tier, ratings, place on the matrix and plan. Leave out what is private:" }</p>
            <fieldset class="share-panel__options">
                <legend class="visually-hidden">{ "Leave out" }</legend>
                <label class="checkbox"><input type="checkbox" checked={privacy.without_revenue}
                    onchange={toggle(|p| p.without_revenue = !p.without_revenue)} />{ "Leave out revenue" }</label>
                <label class="checkbox"><input type="checkbox" checked={privacy.without_notes}
                    onchange={toggle(|p| p.without_notes = !p.without_notes)} />{ "Leave out notes" }</label>
                <label class="checkbox"><input type="checkbox" checked={privacy.without_stakeholder_names}
                    onchange={toggle(|p| p.without_stakeholder_names = !p.without_stakeholder_names)} />{ "Leave out stakeholder names" }</label>
            </fieldset>
            <div class="field field--narrow-wide">
                <label for="share-passphrase">{ "Passphrase (optional)" }</label>
                // Never sent to a spelling service, never capitalised by a phone keyboard.
                <input id="share-passphrase" type="text" autocomplete="off" spellcheck="false" autocapitalize="off"
                    value={(*passphrase).clone()} oninput={on_passphrase}
                    aria-describedby={if plain { "share-passphrase-help" } else { "share-passphrase-strength share-passphrase-help" }} />
                if let Some(strength) = strength {
                    <p class="passphrase-strength" id="share-passphrase-strength">{ strength_hint(strength) }</p>
                }
                <p class="muted" id="share-passphrase-help">{ format!("With a passphrase of {MIN_CHARS} characters or more, the link is \
                    encrypted (AES-GCM) and opens only for someone who knows it. Tell them the passphrase another way, not in the \
                    same message. It is shown as you type it, not hidden, because they must enter it exactly as you did: check \
                    it before you pass it on, and mind who can see your screen.") }</p>
            </div>
            { match &*link {
                _ if matches!(strength, Some(Err(_))) => html! {},
                None => html! { <p class="muted" role="status">{ if plain { "Making the link…" } else { "Encrypting…" } }</p> },
                Some(Ok(link)) => html! { <ShareLink id="share-account-link" link={link.clone()}
                    label={if plain { "Link to this account" } else { "Protected link to this account" }} /> },
                Some(Err(why)) => html! { <p class="field__error" role="alert">{ why }</p> },
            } }
        </details>
    }
}

/// What the strength guide says about a passphrase being typed.
fn strength_hint(strength: Result<Strength, TooShort>) -> Html {
    let (level, advice) = match strength {
        Err(TooShort { missing }) => (
            "Too short: ".to_string(),
            format!(
                "{missing} more character{} before the link is made.",
                if missing == 1 { "" } else { "s" }
            ),
        ),
        Ok(Strength::Patterned) => (
            "Easy to guess: ".into(),
            "it repeats itself or runs in order, like aaaa, abab or 1234. Unrelated words work better.".into(),
        ),
        Ok(Strength::Fair) => (
            "Fair. ".into(),
            format!("Longer is much harder to guess: {STRONG_CHARS} characters or more, such as four unrelated words."),
        ),
        Ok(Strength::Strong) => (
            "Strong, ".into(),
            "as long as it is not a well-known phrase or quotation.".into(),
        ),
    };
    html! { <><strong>{ level }</strong>{ advice }</> }
}

/// The link to a shared account's JSON: deflated, then encrypted if there is a passphrase.
async fn account_link(json: &[u8], passphrase: &str) -> Result<String, String> {
    let deflated = deflate(json).await.map_err(|e| match e {
        StreamError::Unsupported => "This browser cannot make account links. Use a current \
                                     version of Chrome, Edge, Firefox or Safari."
            .to_string(),
        _ => {
            "The link could not be made in this browser. Try again, or reload the page.".to_string()
        }
    })?;
    let payload = if passphrase.is_empty() {
        encode_account(&deflated)
    } else {
        encode_locked(&lock(passphrase, &deflated).await?)
    };
    Ok(link_to(&Route::share_hash("a", &payload)))
}
