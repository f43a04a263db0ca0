//! The last step of a grader opened from an invitation: the prospect's result as a link to
//! send back, copied or put into a message in their own mail app. The app sends nothing.

use std::rc::Rc;

use yew::prelude::*;

use super::share_link::ShareLink;
use crate::browser::clock::now_iso_in_browser;
use crate::browser::events::on_input_value;
use crate::browser::page::link_to;
use crate::domain::grader::grade;
use crate::domain::history::day_for_save;
use crate::domain::practices::PRACTICES;
use crate::domain::reply_mail::{is_address, mailto, reply_message};
use crate::domain::share::{
    decode_invitation, encode_reply, Invitation, SharedResult, MAX_COMPANY_BYTES, MAX_NAME_BYTES,
};
use crate::hooks::{use_app_state, use_latch, use_local};
use crate::lazy_screens::{fetch_ahead, Group, LazySharePart, SharePart};
use crate::route::Route;
use crate::support::dates::{date_part, readable_date};

#[derive(Properties, PartialEq)]
pub struct SendBackProps {
    /// The invitation's payload.
    pub invitation: AttrValue,
}

/// The step's section. Its form comes with the shared links' download, once the first
/// practice is answered: until then there is nothing to send. Once there it stays, hidden
/// while no practice is answered, so that the name and company typed in it are kept when
/// the answers are cleared.
#[component]
pub fn SendBack(props: &SendBackProps) -> Html {
    let state = use_app_state();
    let unanswered = grade(&state.doc.grader.draft).answered == 0;
    let wanted = use_latch();
    // Asked for ahead, with no claim to be needed now: sending back is what the invitation
    // is for, and the form must be here even if the connection drops while they answer.
    use_effect_with((), |_| fetch_ahead(Group::Share));
    {
        let wanted = wanted.clone();
        use_effect_with(unanswered, move |&unanswered| {
            if !unanswered {
                wanted.turn_on();
            }
        });
    }
    // Read once per link, not at every answer. A link that cannot be read has its
    // explanation above the grader already.
    let invitation = use_memo(props.invitation.clone(), |payload| {
        decode_invitation(payload).ok().map(Rc::new)
    });
    let Some(invitation) = (*invitation).clone() else {
        return html! {};
    };
    let recipient = invitation.recipient();
    html! {
        <section class="card send-back" aria-labelledby="send-back-title">
            <h2 id="send-back-title" tabindex="-1">{ format!("Send your result to {recipient}") }</h2>
            if unanswered {
                <p>{ "Answer the practices above first: your result link appears here as you go." }</p>
            }
            if wanted.is_on() || !unanswered {
                <div hidden={unanswered}>
                    <LazySharePart part={SharePart::SendBack(invitation)} />
                </div>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct SendBackFormProps {
    pub invitation: Rc<Invitation>,
}

/// The result link, with the name and company it may carry, and the message for the mail app.
#[component]
pub fn SendBackForm(props: &SendBackFormProps) -> Html {
    let state = use_app_state();
    let name = use_local(String::new);
    let company = use_local(String::new);
    let invitation = &props.invitation;
    let answers = &state.doc.grader.draft;
    let g = grade(answers);
    let recipient = invitation.recipient();
    let now = now_iso_in_browser();
    // The day given in the save form goes with the result, as it would with a saved
    // assessment; one the form refuses (a day to come, half typed) leaves today's.
    let given = now.as_deref().and_then(|now| {
        day_for_save(&state.doc.grader.draft_date, now)
            .ok()
            .flatten()
    });
    let date = given.clone().unwrap_or_else(|| {
        now.as_deref()
            .map(|t| date_part(t).to_string())
            .unwrap_or_default()
    });
    let reply = SharedResult {
        answers: answers.clone(),
        date,
        name: (*name).clone(),
        company: (*company).clone(),
        reply: true,
        ..SharedResult::default()
    };
    let link = link_to(&Route::share_hash("r", &encode_reply(&reply)));
    let contact = invitation.contact.trim();
    let to = is_address(contact).then_some(contact);
    let (subject, body) = reply_message(invitation, &name, &company, g.score, &link);
    let mail = mailto(to.unwrap_or(""), &subject, &body);
    let unanswered = PRACTICES.len() - g.answered;
    let field = |handle: &crate::hooks::LocalHandle<String>| {
        let handle = handle.clone();
        on_input_value(move |v| handle.set(v))
    };
    let day = match &given {
        Some(day) => format!("the date you gave ({})", readable_date(day)),
        None => "today's date".to_string(),
    };
    let what = if name.trim().is_empty() && company.trim().is_empty() {
        format!("your ten answers, your score and {day}")
    } else {
        format!("your ten answers, your score, {day} and the name and company above")
    };
    html! {
        <>
            <p>
                { format!("Your score: {}/10, {} of 10 practices answered.", g.score, g.answered) }
                if unanswered > 0 {
                    { format!(" The {unanswered} you leave unanswered {} sent as unanswered.",
                        if unanswered == 1 { "is" } else { "are" }) }
                }
            </p>
            <div class="form__grid">
                <div class="field">
                    <label for="reply-name">{ "Your name (optional)" }</label>
                    <input id="reply-name" type="text" autocomplete="name" maxlength={MAX_NAME_BYTES.to_string()}
                        value={(*name).clone()} oninput={field(&name)} />
                </div>
                <div class="field">
                    <label for="reply-company">{ "Your company (optional)" }</label>
                    <input id="reply-company" type="text" autocomplete="organization" maxlength={MAX_COMPANY_BYTES.to_string()}
                        value={(*company).clone()} oninput={field(&company)} />
                </div>
            </div>
            <p class="send-back__contents" id="send-back-contents">
                { format!("The link holds {what}, nothing else. Account Grader sends nothing itself: \
                           {recipient} sees your result only if you send the link.") }
            </p>
            <ShareLink id="reply-link" link={link.clone()} label="Your result link" />
            <p class="send-back__mail">
                <a class="button button--primary" href={mail} aria-describedby="send-back-mail-note">{ "Open in my mail app" }</a>
            </p>
            <p class="muted" id="send-back-mail-note">
                { match to {
                    Some(to) => format!("Starts a message to {to} in your own mail app, with the link in it. \
                                         You can read and change it before you send it."),
                    None => "Starts a message in your own mail app with the link in it; add the address \
                             of whoever invited you. You can read and change it before you send it.".to_string(),
                } }
            </p>
        </>
    }
}
