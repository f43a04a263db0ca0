//! On a colleague's account link for an account already copied here: update the copy to the
//! link's version, with what that changes, rather than keep a second copy.

use yew::prelude::*;

use crate::browser::clock::now_iso;
use crate::browser::page::navigate;
use crate::domain::accounts::AccountId;
use crate::domain::copy_update::{changes, own_changes, standing, Standing};
use crate::domain::share::{later, SharedAccount};
use crate::hooks::use_app_state;
use crate::route::Route;
use crate::state::{Action, ShareAction};
use crate::support::dates::readable_date_time;

#[derive(Properties, PartialEq)]
pub struct CopyUpdateProps {
    pub shared: SharedAccount,
    /// The kept copy of the same account.
    pub copy: AccountId,
}

#[component]
pub fn CopyUpdate(props: &CopyUpdateProps) -> Html {
    let state = use_app_state();
    let (Some(mine), Some(link)) = (state.account(props.copy), props.shared.source.as_ref()) else {
        return html! {};
    };
    let Some(kept) = mine.copied_from.as_ref() else {
        return html! {};
    };
    let doc = &state.doc;
    let my_plan = doc
        .plans
        .plan_for(mine.id)
        .and_then(|p| Some((doc.plans.template(p.template)?, p.clone())));
    let on_update = {
        let (state, shared, id) = (state.clone(), props.shared.clone(), mine.id);
        Callback::from(move |_| {
            state.dispatch(Action::Share(ShareAction::UpdateSharedCopy {
                id,
                shared: Box::new(shared.clone()),
                at: now_iso(),
            }));
            navigate(Route::Account(id));
        })
    };
    let on_separate = {
        let (state, shared) = (state.clone(), props.shared.clone());
        Callback::from(move |_| {
            let id = state.doc.next_id;
            state.dispatch(Action::Share(ShareAction::ImportSharedAccount {
                shared: Box::new(shared.clone()),
                at: now_iso(),
            }));
            navigate(Route::Account(id));
        })
    };
    let open_mine = html! {
        <a class="button button--primary" href={Route::Account(mine.id).href()}>{ "Open my copy" }</a>
    };
    let copy_link = html! { <a href={Route::Account(mine.id).href()}>{ &mine.name }</a> };
    let versions = format!(
        "Your copy is the version of {}; this link is the version of {}.",
        readable_date_time(&kept.updated_at),
        readable_date_time(&link.updated_at)
    );
    let body = match standing(kept, link) {
        Standing::LinkIsNewer => {
            let my_plan = my_plan.as_ref().map(|(t, p)| (t, p));
            let listed = changes(mine, my_plan, &props.shared);
            let own = own_changes(mine, my_plan.map(|(_, p)| p), &props.shared);
            let latest_own =
                own.iter()
                    .map(|c| c.at.as_str())
                    .reduce(|a, b| if later(b, a) { b } else { a });
            let renamed = props.shared.name.trim() != mine.name.trim();
            // With changes of their own at stake, keeping both is the safe choice.
            let (update_class, separate_class) = if own.is_empty() {
                ("button button--primary", "button")
            } else {
                ("button", "button button--primary")
            };
            html! {
                <>
                    <h2 id="copy-update-title">{ "A newer version of your copy" }</h2>
                    <p>{ "You kept a copy of this account as " }{ copy_link }{ ". " }{ versions }</p>
                    if let Some(at) = latest_own {
                        <div class="banner banner--warning copy-update__own">
                            <p><strong>{ format!("You changed your copy on {}: these changes would be replaced wherever the link carries its own version.", readable_date_time(at)) }</strong></p>
                            <ul>
                                { for own.iter().map(|c| html! { <li>{ format!("{}, last changed on {}", c.what, readable_date_time(&c.at)) }</li> }) }
                            </ul>
                            <p>{ "Save this version as a separate copy to keep yours as it is." }</p>
                        </div>
                    }
                    if listed.is_empty() {
                        <p>{ "Nothing you can see differs: only the date is newer." }</p>
                    } else {
                        <h3 class="copy-update__subtitle">{ "Updating changes" }</h3>
                        <ul class="copy-update__changes">
                            { for listed.iter().map(|c| html! { <li>{ c }</li> }) }
                        </ul>
                    }
                    if renamed {
                        <p>{ format!("The sender calls the account \u{201c}{}\u{201d}; your copy keeps its own name.", props.shared.name.trim()) }</p>
                    }
                    <p class="muted">{ "What the link leaves out (revenue, notes, stakeholders' names, text the sender held back) stays as it is in your copy; what it carries replaces your copy's. You can undo the update straight after." }</p>
                    <div class="page-actions">
                        if own.is_empty() {
                            <button type="button" class={update_class} onclick={on_update}>{ "Update my copy" }</button>
                            <button type="button" class={separate_class} onclick={on_separate}>{ "Save as a separate copy" }</button>
                        } else {
                            <button type="button" class={separate_class} onclick={on_separate}>{ "Save as a separate copy" }</button>
                            <button type="button" class={update_class} onclick={on_update}>{ "Update my copy anyway" }</button>
                        }
                    </div>
                </>
            }
        }
        Standing::SameVersion => html! {
            <>
                <h2 id="copy-update-title">{ "You already have this version" }</h2>
                <p>{ "Your copy " }{ copy_link }{ " was saved from this version of the account." }</p>
                <div class="page-actions">
                    { open_mine }
                    <button type="button" class="button" onclick={on_separate}>{ "Save as a separate copy" }</button>
                </div>
            </>
        },
        Standing::CopyIsNewer => html! {
            <>
                <h2 id="copy-update-title">{ "Your copy is newer than this link" }</h2>
                <p>{ "Your copy " }{ copy_link }{ " came from a later link than this one. " }{ versions }</p>
                <div class="page-actions">
                    { open_mine }
                    <button type="button" class="button" onclick={on_separate}>{ "Save this older version as a separate copy" }</button>
                </div>
            </>
        },
    };
    html! {
        <section class="card copy-update" aria-labelledby="copy-update-title">{ body }</section>
    }
}
