//! The "share" sections of the assessment, account and grader screens: each builds a link
//! from data already on the page and shows it with a copy button.

use yew::prelude::*;

use super::names_review::NamesReview;
use super::share_link::ShareLink;
use crate::browser::crypto::lock;
use crate::browser::deflate::{deflate, StreamError};
use crate::browser::events::{on_input_value, on_value};
use crate::browser::page::{self, link_to};
use crate::browser::session_copy;
use crate::domain::accounts::AccountId;
use crate::domain::client_share::{
    apply_edits, apply_plan_edits, client_plan, offered_sections, reviewed_sections,
    stakeholder_names, text_fields, ClientChoices, Edit, Edits, TextField, NOTES_FIELD,
};
use crate::domain::history::SavedAssessment;
use crate::domain::name_finder::NameFinder;
use crate::domain::passphrase::{assess, Strength, TooShort, MIN_CHARS, STRONG_CHARS};
use crate::domain::reply_mail::is_address;
use crate::domain::share::{
    account_json, decode_invitation, encode_account, encode_client, encode_client_locked,
    encode_invitation, encode_locked, encode_result, shared_account, Invitation, Privacy,
    MAX_CONTACT_BYTES, MAX_FIRM_BYTES, MAX_MESSAGE_BYTES, MAX_SENDER_BYTES,
};
use crate::hooks::{use_app_state, use_local};
use crate::route::Route;
use crate::support::json::to_text;

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

/// Where the tab keeps the invitation being written.
const KEPT_INVITATION: &str = "account-grader-invitation";

/// The invitation written last in this tab, as its link's payload.
fn kept_invitation() -> Option<Invitation> {
    let payload = session_copy::read(KEPT_INVITATION)?.get(0).as_string()?;
    decode_invitation(&payload).ok()
}

fn keep_invitation(invitation: &Invitation) {
    let payload = encode_invitation(invitation);
    session_copy::write(KEPT_INVITATION, &js_sys::Array::of1(&payload.into()));
}

/// The form of an invitation for someone else to grade their own team and send the result
/// back: the inside of the Grader's "Invite someone" panel (`pages::grader`), which comes
/// with the shared links' download when the panel is first opened.
#[component]
pub fn InvitationForm() -> Html {
    let state = use_app_state();
    // The invitation written last in this tab, kept over a reload and a visit to another
    // screen (a consultant sends one after another); else the firm's details from the
    // settings, which the sender may change for this one invitation.
    let invitation = {
        let firm = state.doc.settings.firm.clone();
        use_local(move || {
            kept_invitation().unwrap_or(Invitation {
                firm: firm.name,
                contact: firm.contact,
                ..Invitation::default()
            })
        })
    };
    let set = |f: fn(&mut Invitation, String)| {
        let invitation = invitation.clone();
        on_input_value(move |v| {
            let mut next = (*invitation).clone();
            f(&mut next, v);
            keep_invitation(&next);
            invitation.set(next);
        })
    };
    // Empties the fields but the firm's details from the settings, as they are now, and
    // forgets the copy kept in the tab.
    let on_new = {
        let (invitation, firm) = (invitation.clone(), state.doc.settings.firm.clone());
        Callback::from(move |_| {
            session_copy::remove(KEPT_INVITATION);
            invitation.set(Invitation {
                firm: firm.name.clone(),
                contact: firm.contact.clone(),
                ..Invitation::default()
            });
            page::focus_element("invite-sender");
        })
    };
    let link = link_to(&Route::share_hash(
        "invite",
        &encode_invitation(&invitation),
    ));
    let contact = invitation.contact.trim();
    let bad_contact = !contact.is_empty() && !is_address(contact);
    html! {
        <>
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
                    <input id="invite-contact" type="text" inputmode="email" autocapitalize="off" maxlength={MAX_CONTACT_BYTES.to_string()} value={invitation.contact.clone()}
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
            <p>
                <button type="button" class="button button--small button--quiet" onclick={on_new}>
                    { "Start a new invitation" }
                </button>
            </p>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct ShareAccountProps {
    pub account: AccountId,
}

/// Who an account link is for, which decides what it carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Audience {
    /// The plan alone, as a document from the firm.
    Client,
    /// Everything on the account's page, less what the sender leaves out.
    Colleague,
}

/// A link to one account: for the client, its plan alone; for a colleague, its ratings,
/// place on the matrix and plan, minus what the user omits. Either may be encrypted with a
/// passphrase, and the free text it carries is shown first, with people's names marked.
#[component]
pub fn ShareAccount(props: &ShareAccountProps) -> Html {
    let state = use_app_state();
    let audience = use_local(|| Audience::Client);
    let privacy = use_local(|| Privacy {
        without_revenue: true,
        without_notes: true,
        without_stakeholder_names: true,
    });
    // The sections ticked for the client; `None` until the sender changes the defaults.
    let client_sections = use_local(|| None::<Vec<String>>);
    let client_names_out = use_local(|| true);
    let edits = use_local(Edits::new);
    let passphrase = use_local(String::new);
    // The link for the current choices, once made; `None` while it is being made.
    let link = use_local(|| None::<Result<String, String>>);
    // Counts the links asked for, so one that finishes after a newer request is dropped.
    let requests = use_mut_ref(|| 0u32);
    let doc = &state.doc;
    let account = state.account(props.account);
    let plan = account.and_then(|account| {
        let p = doc.plans.plan_for(account.id)?;
        Some((doc.plans.template(p.template)?, p.clone()))
    });
    let finder = NameFinder::new(
        plan.as_ref()
            .map(|(_, p)| stakeholder_names(p))
            .unwrap_or_default()
            .iter()
            .map(String::as_str),
    );
    let offered = plan
        .as_ref()
        .map(|(t, p)| offered_sections(p, t))
        .unwrap_or_default();
    let chosen: Vec<String> = (*client_sections).clone().unwrap_or_else(|| {
        offered
            .iter()
            .filter(|(_, _, on)| *on)
            .map(|(k, _, _)| k.clone())
            .collect()
    });
    // What goes out: the JSON for the link, and the free text in it before the sender's
    // edits, when the sender asked for names to stay out.
    let (json, fields, nothing_to_send) = match (account, *audience) {
        (None, _) => (None, None, false),
        (Some(account), Audience::Client) => match &plan {
            None => (None, None, false),
            Some((template, plan)) => {
                let choices = ClientChoices {
                    sections: chosen.clone(),
                    without_stakeholder_names: *client_names_out,
                };
                let mut sent = client_plan(
                    &account.name,
                    &doc.settings.currency,
                    &doc.settings.firm,
                    plan,
                    template,
                    &choices,
                );
                let fields = (*client_names_out).then(|| text_fields(&sent.sections));
                // Edits belong to the review: with it hidden, nothing is held back unseen.
                if fields.is_some() {
                    apply_edits(&mut sent.sections, &edits);
                }
                let empty = sent.sections.is_empty();
                ((!empty).then(|| to_text(&sent).into_bytes()), fields, empty)
            }
        },
        (Some(account), Audience::Colleague) => {
            let mut shared = shared_account(
                account,
                &doc.settings.currency,
                &doc.settings.weights,
                doc.settings.thresholds,
                plan.clone(),
                *privacy,
            );
            let fields = privacy.without_stakeholder_names.then(|| {
                let notes = (!shared.notes.trim().is_empty()).then(|| TextField {
                    id: NOTES_FIELD.into(),
                    section: "Notes".into(),
                    place: String::new(),
                    text: shared.notes.clone(),
                });
                let plan_fields = shared
                    .plan
                    .as_ref()
                    .map(|(_, p)| text_fields(&reviewed_sections(&p.sections)))
                    .unwrap_or_default();
                notes.into_iter().chain(plan_fields).collect::<Vec<_>>()
            });
            if let Some(fields) = &fields {
                // Said in the link, so a colleague's kept copy keeps its own text there.
                shared.left_out.texts = fields
                    .iter()
                    .filter(|f| edits.get(&f.id) == Some(&Edit::LeftOut))
                    .map(|f| f.id.clone())
                    .collect();
                match edits.get(NOTES_FIELD) {
                    Some(Edit::Reworded(t)) => shared.notes = t.clone(),
                    Some(Edit::LeftOut) => shared.notes.clear(),
                    None => {}
                }
                if let Some((_, p)) = &mut shared.plan {
                    apply_plan_edits(&mut p.sections, &edits);
                }
            }
            (Some(account_json(&shared)), fields, false)
        }
    };
    let client = *audience == Audience::Client;
    {
        // Compression and encryption are asynchronous in the browser; the link appears when
        // ready.
        let link = link.clone();
        // A passphrase too short to protect anything makes no link at all: a plain one would
        // not be what the user asked for.
        let json = json
            .clone()
            .filter(|_| passphrase.is_empty() || assess(&passphrase).is_ok());
        use_effect_with(
            (json, (*passphrase).clone(), client),
            move |(json, passphrase, client)| {
                link.set(None);
                let request = {
                    let mut requests = requests.borrow_mut();
                    *requests += 1;
                    *requests
                };
                if let Some(json) = json.clone() {
                    let (passphrase, client) = (passphrase.clone(), *client);
                    wasm_bindgen_futures::spawn_local(async move {
                        let made = account_link(&json, &passphrase, client).await;
                        if *requests.borrow() == request {
                            link.set(Some(made));
                        }
                    });
                }
            },
        );
    }
    let Some(account) = account else {
        return html! {};
    };
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
    let choose = |to: Audience| {
        let audience = audience.clone();
        Callback::from(move |_: Event| audience.set(to))
    };
    let on_edit = {
        let edits = edits.clone();
        Callback::from(move |(id, edit): (String, Option<Edit>)| {
            let mut next = (*edits).clone();
            match edit {
                Some(e) => next.insert(id, e),
                None => next.remove(&id),
            };
            edits.set(next);
        })
    };
    let firm_name = doc.settings.firm.name.trim();
    let link_label = match (client, plain) {
        (true, true) => "Link to the plan for the client",
        (true, false) => "Protected link to the plan for the client",
        (false, true) => "Link to this account",
        (false, false) => "Protected link to this account",
    };
    html! {
        <details class="card share-panel">
            <summary>{ "Share this account" }</summary>
            <fieldset class="share-audience">
                <legend>{ "Who is this for?" }</legend>
                <label class="share-audience__choice">
                    <input type="radio" name="share-audience" checked={client} onchange={choose(Audience::Client)}
                        aria-describedby="share-audience-client" />
                    <span><strong>{ "The client" }</strong>
                        <span class="muted" id="share-audience-client">{ " The plan alone, as a document from your firm: no ratings, matrix, quadrant, growth-share figures, advice, revenue or notes." }</span></span>
                </label>
                <label class="share-audience__choice">
                    <input type="radio" name="share-audience" checked={!client} onchange={choose(Audience::Colleague)}
                        aria-describedby="share-audience-colleague" />
                    <span><strong>{ "A colleague" }</strong>
                        <span class="muted" id="share-audience-colleague">{ " Everything on this page: ratings, place on the matrix with its advice, and the plan, less what you leave out. They can keep a copy and update it from your later links." }</span></span>
                </label>
            </fieldset>
            if client {
                if plan.is_none() {
                    <p class="banner banner--info">{ "A client link carries the account's plan, and this account has no plan yet. " }
                        <a href={Route::Plan(account.id).href()}>{ "Write the plan" }</a>{ " first." }</p>
                } else {
                    if firm_name.is_empty() {
                        <p class="muted">{ "Your firm's name is not set, so the plan will not say who it is from. " }
                            <a href={Route::Settings.href()}>{ "Set it in Settings" }</a>{ "." }</p>
                    } else {
                        <p class="muted">{ format!("The plan goes out headed by {firm_name}.") }</p>
                    }
                    <fieldset class="share-panel__options share-sections">
                        <legend>{ "Sections the client sees" }</legend>
                        { for offered.iter().map(|(key, title, default_on)| {
                            let on = chosen.contains(key);
                            let onchange = {
                                let (client_sections, chosen, key) = (client_sections.clone(), chosen.clone(), key.clone());
                                Callback::from(move |_: Event| {
                                    let mut next = chosen.clone();
                                    if on { next.retain(|k| *k != key) } else { next.push(key.clone()) }
                                    client_sections.set(Some(next));
                                })
                            };
                            html! {
                                <label class="checkbox" key={key.clone()}><input type="checkbox" checked={on} {onchange} />
                                    { title }
                                    if !default_on { <span class="muted">{ " (about our side: not sent unless ticked)" }</span> }
                                </label>
                            }
                        }) }
                        if offered.is_empty() {
                            <p class="muted">{ "The plan has nothing written in it yet." }</p>
                        }
                    </fieldset>
                    <fieldset class="share-panel__options">
                        <legend class="visually-hidden">{ "Leave out" }</legend>
                        <label class="checkbox"><input type="checkbox" checked={*client_names_out}
                            onchange={{ let names = client_names_out.clone(); Callback::from(move |_: Event| names.set(!*names)) }} />
                            { "Leave out stakeholder names: the people table says Person 1, 2… and names found in other text are listed below, to reword or drop" }</label>
                    </fieldset>
                }
            } else {
                <fieldset class="share-panel__options">
                    <legend>{ "Leave out what is private" }</legend>
                    <label class="checkbox"><input type="checkbox" checked={privacy.without_revenue}
                        onchange={toggle(|p| p.without_revenue = !p.without_revenue)} />{ "Leave out revenue" }</label>
                    <label class="checkbox"><input type="checkbox" checked={privacy.without_notes}
                        onchange={toggle(|p| p.without_notes = !p.without_notes)} />{ "Leave out notes" }</label>
                    <label class="checkbox"><input type="checkbox" checked={privacy.without_stakeholder_names}
                        onchange={toggle(|p| p.without_stakeholder_names = !p.without_stakeholder_names)} />{ "Leave out stakeholder names: the people table says Person 1, 2… and names found in other text are listed below, to reword or drop" }</label>
                </fieldset>
            }
            if let Some(fields) = fields {
                <NamesReview {fields} finder={finder.clone()} edits={(*edits).clone()} {on_edit} />
            }
            if json.is_some() || nothing_to_send {
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
            }
            { match &*link {
                _ if nothing_to_send => html! { <p class="field__error" role="alert">{ "Nothing is left to send: tick a section, or keep some of its text." }</p> },
                _ if json.is_none() || matches!(strength, Some(Err(_))) => html! {},
                None => html! { <p class="muted" role="status">{ if plain { "Making the link…" } else { "Encrypting…" } }</p> },
                Some(Ok(link)) => html! { <ShareLink id="share-account-link" link={link.clone()} label={link_label} /> },
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

/// The link to a shared account's (or a client plan's) JSON: deflated, then encrypted if
/// there is a passphrase.
async fn account_link(json: &[u8], passphrase: &str, client: bool) -> Result<String, String> {
    let deflated = deflate(json).await.map_err(|e| match e {
        StreamError::Unsupported => "This browser cannot make account links. Use a current \
                                     version of Chrome, Edge, Firefox or Safari."
            .to_string(),
        _ => {
            "The link could not be made in this browser. Try again, or reload the page.".to_string()
        }
    })?;
    let payload = match (passphrase.is_empty(), client) {
        (true, false) => encode_account(&deflated),
        (false, false) => encode_locked(&lock(passphrase, &deflated).await?),
        (true, true) => encode_client(&deflated),
        (false, true) => encode_client_locked(&lock(passphrase, &deflated).await?),
    };
    Ok(link_to(&Route::share_hash(
        if client { "c" } else { "a" },
        &payload,
    )))
}
