//! Screens opened from share links: a shared result, a shared account, an invitation.
//! They read only the link; nothing local changes unless the user adds or saves a copy.

use yew::prelude::*;

use crate::browser::clock::now_iso;
use crate::browser::crypto::unlock;
use crate::browser::deflate::{inflate, StreamError};
use crate::browser::first_screen::early_account_heading;
use crate::browser::page::navigate;
use crate::components::answer_list::answer_list;
use crate::components::copy_update::CopyUpdate;
use crate::components::grade_summary::grade_summary;
use crate::components::next_steps::next_steps;
use crate::components::plan_section_view::plan_section_view;
use crate::components::quadrant_badge::quadrant_badge;
use crate::domain::accounts::{same_name, Tier};
use crate::domain::copy_update::kept_copy;
use crate::domain::grader::grade;
use crate::domain::prospects::received_from;
use crate::domain::quadrant::{classify, explain};
use crate::domain::rating::position;
use crate::domain::settings::format_money;
use crate::domain::share::{
    account_from_json, decode_account, decode_client_locked, decode_invitation, decode_locked,
    decode_result, ShareError, SharedAccount, SharedResult, MAX_INFLATED,
};
use crate::hooks::{use_app_state, use_local};
use crate::route::Route;
use crate::state::{Action, ProspectAction, ShareAction};
use crate::support::dates::readable_date;

/// The screens below show what the share link in the URL fragment carries; the app keys
/// each by its link, so a second link opened in the same tab gets a fresh screen.
#[derive(Properties, PartialEq)]
pub struct LinkProps {
    /// The link's payload: the fragment after `#/r/`, `#/a/` or `#/invite/`.
    pub link: AttrValue,
}

pub fn bad_link(error: &ShareError) -> Html {
    html! {
        <div class="empty-state">
            <h1 tabindex="-1">{ "This link cannot be opened" }</h1>
            <p>{ error.explanation() }</p>
            <p class="muted">{ "Nothing in your own data has changed." }</p>
            <p><a class="button button--primary" href={Route::Grader.href()}>{ "Go to the grader" }</a></p>
        </div>
    }
}

/// The heading of a shared result's screen: who answered, else its label, else what it is.
pub fn shared_result_title(result: &SharedResult) -> String {
    let who = [result.name.trim(), result.company.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    match (who.is_empty(), result.label.is_empty()) {
        (false, _) => format!("Result from {who}"),
        (true, false) => format!("Shared assessment: {}", result.label),
        (true, true) if result.reply => "A prospect's result".to_string(),
        (true, true) => "Shared assessment".to_string(),
    }
}

/// The line under a shared result's heading, for its `YYYY-MM-DD` date.
pub fn answered_on(date: &str) -> String {
    format!(
        "Answered on {}. A read-only copy: everything shown came in the link itself.",
        readable_date(date)
    )
}

#[component]
pub fn SharedResultPage(props: &LinkProps) -> Html {
    let state = use_app_state();
    let result = match decode_result(&props.link) {
        Ok(r) => r,
        Err(e) => return bad_link(&e),
    };
    let link = props.link.trim().to_string();
    let g = grade(&result.answers);
    let added = received_from(&state.doc.prospects, &link);
    let on_add = {
        let (state, result, link) = (state.clone(), result.clone(), link.clone());
        Callback::from(move |_| {
            let id = state.doc.next_id;
            state.dispatch(Action::Prospect(ProspectAction::AddProspect {
                result: result.clone(),
                link: link.clone(),
                at: now_iso(),
            }));
            navigate(Route::Prospect(id));
        })
    };
    let on_save_own = {
        let (state, result) = (state.clone(), result.clone());
        Callback::from(move |_| {
            let id = state.doc.next_id;
            state.dispatch(Action::Share(ShareAction::SaveSharedResultAsOwn(
                result.clone(),
            )));
            navigate(Route::Assessment(id));
        })
    };
    let title = shared_result_title(&result);
    html! {
        <div class="assessment">
            <header class="page-header">
                <h1 tabindex="-1">{ title }</h1>
                <p class="muted">{ answered_on(&result.date) }</p>
            </header>
            { grade_summary(&g) }
            if let Some(p) = added {
                <p class="banner banner--info shared-result__added" role="status">
                    { format!("You added this result to your prospects on {}; it is not added twice.", readable_date(&p.received_at)) }
                </p>
            }
            <div class="page-actions shared-result__actions">
                if let Some(p) = added {
                    <a class="button button--primary" href={Route::Prospect(p.id).href()}>{ "Open in Prospects" }</a>
                } else {
                    <button type="button" class="button button--primary" onclick={on_add}
                        aria-describedby="shared-result-where">{ "Add to prospects" }</button>
                }
            </div>
            if added.is_none() {
                <p class="muted" id="shared-result-where">{ "Prospects are kept apart from your own history: their \
                    scores never move your team's trend, and you can compare them with your team practice by practice." }</p>
            }
            <section class="card" aria-labelledby="shared-answers-title">
                <h2 id="shared-answers-title">{ "Answers" }</h2>
                { answer_list(&result.answers) }
            </section>
            { next_steps(&g.next_steps) }
            // A result someone passed on from their own history may be a colleague's team:
            // keeping it as one's own assessment stays possible, never for a prospect's reply.
            if !result.reply && added.is_none() {
                <section class="card shared-result__own" aria-labelledby="shared-own-title">
                    <h2 id="shared-own-title">{ "Is this your own team's result?" }</h2>
                    <p>{ "If a colleague graded your own team and sent you this link, you can keep it in your history \
                        instead, where it counts in your team's trend." }</p>
                    <button type="button" class="button button--quiet" onclick={on_save_own}>{ "Save to my own history instead" }</button>
                </section>
            }
            <div class="page-actions">
                <a class="button" href={Route::Grader.href()}>{ "Grade my own team" }</a>
            </div>
        </div>
    }
}

/// The account in a link's deflated JSON. Inflating is asynchronous in the browser.
async fn open_account(deflated: &[u8]) -> Result<SharedAccount, ShareError> {
    let json = inflate(deflated, MAX_INFLATED).await.map_err(|e| match e {
        StreamError::Unsupported => ShareError::Unsupported,
        StreamError::Invalid => ShareError::Damaged,
        StreamError::TooLarge => ShareError::TooLarge,
    })?;
    account_from_json(&json)
}

#[component]
pub fn SharedAccountPage(props: &LinkProps) -> Html {
    let state = use_app_state();
    // The link's deflated JSON, checked once: a link can be 200 000 characters long.
    let deflated = use_memo(props.link.clone(), |link| decode_account(link));
    // The account once unpacked (or unlocked), or why it could not be.
    let opened = use_local(|| None::<Result<SharedAccount, ShareError>>);
    {
        let opened = opened.clone();
        use_effect_with(deflated.clone(), move |deflated| {
            if let Ok(deflated) = (**deflated).clone() {
                wasm_bindgen_futures::spawn_local(async move {
                    opened.set(Some(open_account(&deflated).await));
                });
            }
        });
    }
    let shared = match (&*opened, &*deflated) {
        (Some(Ok(s)), _) => s.clone(),
        (Some(Err(e)), _) => return bad_link(e),
        (None, Err(ShareError::NeedsPassphrase)) => {
            let on_unlock = Callback::from(move |deflated: Vec<u8>| {
                let opened = opened.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    opened.set(Some(open_account(&deflated).await));
                });
            });
            return html! { <Unlock payload={props.link.to_string()} client=false title="Protected account link" {on_unlock} /> };
        }
        (None, Err(e)) => return bad_link(e),
        (None, Ok(_)) => {
            // Laid out like the account below, child for child (yew matches unkeyed children
            // from the end), so that the heading a screen change focuses is the same element
            // that then names the account, and keeps the focus.
            // The heading the page showed before the app started, if it did, stays.
            let early = early_account_heading(&props.link);
            // So does the line under it that says the rest is on its way, until it is there.
            return match early {
                Some((title, line)) => {
                    shared_account_frame(&title, &line, shared_account_loading())
                }
                None => shared_account_frame(
                    "Opening the link…",
                    "Unpacking what the link carries, here in your browser.",
                    html! { <></> },
                ),
            };
        }
    };
    let pos = position(&shared.ratings, &shared.weights);
    let on_save = {
        let (state, shared) = (state.clone(), shared.clone());
        Callback::from(move |_| {
            let id = state.doc.next_id;
            state.dispatch(Action::Share(ShareAction::ImportSharedAccount {
                shared: Box::new(shared.clone()),
                at: now_iso(),
            }));
            navigate(Route::Account(id));
        })
    };
    let taken = state
        .doc
        .portfolio
        .accounts
        .iter()
        .find(|a| same_name(&a.name, &shared.name));
    // A copy kept from an earlier link for the same account is offered an update instead.
    let kept = kept_copy(&state.doc.portfolio.accounts, &shared).map(|a| a.id);
    let currency = if shared.currency.is_empty() {
        "USD".to_string()
    } else {
        shared.currency.clone()
    };
    let line = shared_account_line(
        shared.tier,
        &shared.industry,
        shared.revenue.map(|r| format_money(r, &currency)),
    );
    // One child after the heading, as in the screen shown while the link is unpacked.
    shared_account_frame(
        &shared.name,
        &line,
        html! {
            <>
                <section class="card classification" aria-labelledby="shared-class-title">
                    <h2 id="shared-class-title">{ "Where it belongs" }</h2>
                    if let Some(p) = pos {
                        <p>{ quadrant_badge(Some(classify(p, shared.thresholds))) }</p>
                        <p>{ classify(p, shared.thresholds).action() }</p>
                        <ul class="reasons">
                            { for explain(&shared.ratings, &shared.weights, p, shared.thresholds).iter().map(|r| html! {
                                <li><strong>{ format!("{} {} / 100", r.axis.title(), r.score) }</strong>
                                    { format!(" ({}).", r.drivers.iter().map(|(c, v)| format!("{} {v}/5", c.criterion().title)).collect::<Vec<_>>().join(", ")) }</li>
                            }) }
                        </ul>
                    } else {
                        { quadrant_badge(None) }
                    }
                </section>
                if !shared.notes.is_empty() {
                    <section class="card"><h2>{ "Notes" }</h2><p class="notes">{ &shared.notes }</p></section>
                }
                if let Some((template, plan)) = &shared.plan {
                    <section class="card plan-view" aria-labelledby="shared-plan-title">
                        <h2 id="shared-plan-title">{ "Account plan" }</h2>
                        { for plan.shown(template).into_iter().filter(|s| s.content.is_filled()).map(|s| html! {
                            { plan_section_view(&s, &currency, "h3") }
                        }) }
                    </section>
                }
                if let Some(copy) = kept {
                    <CopyUpdate shared={shared.clone()} {copy} />
                } else {
                    if let Some(mine) = taken {
                        <p id="shared-account-taken">
                            { "You already have an account named " }<a href={Route::Account(mine.id).href()}>{ &mine.name }</a>
                            { ". Saving adds a separate copy with a number after its name; yours stays as it is." }
                        </p>
                    }
                    <div class="page-actions">
                        <button type="button" class="button button--primary" onclick={on_save}
                            aria-describedby={taken.is_some().then_some("shared-account-taken")}>{ "Save a copy to my data" }</button>
                    </div>
                }
            </>
        },
    )
}

/// A shared account's screen around `body`: what it is, `title` and the `line` under it.
/// The same frame while the link is unpacked and once it is, so that the heading keeps focus.
pub fn shared_account_frame(title: &str, line: &str, body: Html) -> Html {
    html! {
        <div class="account">
            <header class="page-header">
                <p class="plan-view__kicker">{ "Shared account" }</p>
                <h1 tabindex="-1">{ title }</h1>
                <p class="muted">{ line }</p>
            </header>
            { body }
        </div>
    }
}

/// Under a shared account's heading while the rest of the link is unpacked: on the page the
/// build writes (src/bin/prerender.rs) before the app has started, then in the app's screen.
pub fn shared_account_loading() -> Html {
    html! {
        <p class="loading-hint" role="status">
            { "Opening where this account stands, its ratings and its plan…" }
        </p>
    }
}

/// The line under a shared account's name: its tier, industry and yearly revenue, the
/// revenue already written as money.
pub fn shared_account_line(tier: Tier, industry: &str, revenue: Option<String>) -> String {
    format!(
        "Tier {}{}{}",
        tier.letter(),
        if industry.is_empty() {
            String::new()
        } else {
            format!(" · {industry}")
        },
        revenue.map_or(String::new(), |r| format!(" · {r} a year"))
    )
}

#[derive(Properties, PartialEq)]
pub struct UnlockProps {
    pub payload: String,
    /// A client link's plan rather than an account link's account.
    pub client: bool,
    pub title: AttrValue,
    /// Gets what the link protects: the deflated JSON.
    pub on_unlock: Callback<Vec<u8>>,
}

/// Asks for the passphrase of a protected link and decrypts it in the browser.
#[component]
pub fn Unlock(props: &UnlockProps) -> Html {
    let passphrase = use_local(String::new);
    let problem = use_local(|| None::<&'static str>);
    let busy = use_local(|| false);
    let shown = use_local(|| false);
    let on_show = {
        let shown = shown.clone();
        Callback::from(move |_: Event| shown.set(!*shown))
    };
    let on_input = {
        let passphrase = passphrase.clone();
        crate::browser::events::on_input_value(move |v| passphrase.set(v))
    };
    let on_submit = {
        let (passphrase, problem, busy) = (passphrase.clone(), problem.clone(), busy.clone());
        let (payload, on_unlock) = (props.payload.clone(), props.on_unlock.clone());
        let parts = if props.client {
            decode_client_locked
        } else {
            decode_locked
        };
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let locked = match parts(&payload) {
                Ok(l) => l,
                Err(e) => return problem.set(Some(e.explanation())),
            };
            let passphrase = (*passphrase).clone();
            let (problem, busy, on_unlock) = (problem.clone(), busy.clone(), on_unlock.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let mut unlocked = unlock(&passphrase, &locked).await;
                // A space picked up when copying the passphrase from a message is forgiven.
                let trimmed = passphrase.trim();
                if unlocked.is_none() && trimmed != passphrase && !trimmed.is_empty() {
                    unlocked = unlock(trimmed, &locked).await;
                }
                busy.set(false);
                match unlocked {
                    Some(deflated) => on_unlock.emit(deflated),
                    None => problem.set(Some(ShareError::WrongPassphrase.explanation())),
                }
            });
        })
    };
    html! {
        <div class="empty-state">
            <h1 tabindex="-1">{ props.title.clone() }</h1>
            <p>{ "The sender protected this link with a passphrase. Enter it to open what it holds; it is checked here, in your browser." }</p>
            <form class="card form unlock" onsubmit={on_submit}>
                <div class="field">
                    <label for="unlock-passphrase">{ "Passphrase" }</label>
                    <input id="unlock-passphrase" type={if *shown { "text" } else { "password" }} autocomplete="off"
                        spellcheck="false" autocapitalize="off" value={(*passphrase).clone()} oninput={on_input}
                        aria-invalid={problem.is_some().then_some("true")}
                        aria-describedby={problem.is_some().then_some("unlock-error")} />
                    if let Some(p) = *problem {
                        <p class="field__error" id="unlock-error" role="alert">{ p }</p>
                    }
                    <label class="checkbox">
                        <input type="checkbox" checked={*shown} onchange={on_show} />
                        { " Show what I type" }
                    </label>
                </div>
                <div class="form__actions">
                    <button type="submit" class="button button--primary" disabled={*busy}>
                        { if *busy { "Opening…" } else { "Open" } }
                    </button>
                </div>
            </form>
        </div>
    }
}

/// Above the grader when it was opened from an invitation: who invites, and what sending
/// the result back will share.
#[component]
pub fn InvitationBanner(props: &LinkProps) -> Html {
    match decode_invitation(&props.link) {
        Ok(inv) => {
            let named = !(inv.sender.trim().is_empty() && inv.firm.trim().is_empty());
            let from = named.then(|| inv.recipient());
            html! {
                <section class="banner banner--info invitation" aria-labelledby="invitation-title">
                    <h2 id="invitation-title" class="banner__title">
                        { match &from { None => "You are invited to grade your account management".to_string(),
                          Some(from) => format!("{from} invites you to grade your account management") } }
                    </h2>
                    if !inv.message.is_empty() {
                        <p class="invitation__message">{ &inv.message }</p>
                    }
                    <ul class="invitation__terms">
                        <li>{ "Answer the ten practices below; it takes about five minutes." }</li>
                        <li>{ format!("At the end you can send your result to {} as a link. The link holds your ten \
                            answers, your score, the date, and your name and company if you type them: \
                            nothing else.", inv.recipient()) }</li>
                        <li>{ "Account Grader sends nothing itself. Your answers stay in this browser until you send \
                            the link yourself, and nothing is saved to your own history unless you choose to." }</li>
                    </ul>
                </section>
            }
        }
        Err(e) => html! {
            <section class="banner banner--warning" role="alert">
                <p>{ format!("The invitation in this link could not be read. {}", e.explanation()) }</p>
            </section>
        },
    }
}
