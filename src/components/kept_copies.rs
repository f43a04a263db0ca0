//! The copies of unreadable data that the app set aside, so that one dismissed notice never
//! leaves the user's old data where only developer tools can reach it.

use yew::prelude::*;

use super::keeping_panel::bytes;
use crate::browser::download::download_text;
use crate::browser::page;
use crate::hooks::use_local;
use crate::storage;

#[component]
pub fn KeptCopies() -> Html {
    // Read once the screen is up, and again after a deletion.
    let copies = use_local(Vec::<(String, usize)>::new);
    let confirming = use_local(|| None::<String>);
    let message = use_local(|| None::<String>);
    {
        let copies = copies.clone();
        use_effect_with((), move |_| copies.set(storage::kept_copies()));
    }
    if copies.is_empty() {
        return html! {};
    }
    let rows = copies.iter().enumerate().map(|(n, (key, size))| {
        let on_download = {
            let (key, message) = (key.clone(), message.clone());
            Callback::from(move |_| {
                let result = storage::kept_copy(&key)
                    .ok_or_else(|| "That copy is no longer in this browser.".to_string())
                    .and_then(|text| {
                        download_text("account-grader-unreadable-data.txt", "text/plain", &text)
                    });
                message.set(result.err());
            })
        };
        let on_delete = {
            let (key, confirming) = (key.clone(), confirming.clone());
            Callback::from(move |_| {
                confirming.set(Some(key.clone()));
                page::focus_later("confirm-delete-copy".into());
            })
        };
        let on_confirm = {
            let (key, copies, confirming, message) =
                (key.clone(), copies.clone(), confirming.clone(), message.clone());
            Callback::from(move |_| {
                message.set(storage::delete_kept_copy(&key).err());
                confirming.set(None);
                copies.set(storage::kept_copies());
            })
        };
        let on_keep = {
            let confirming = confirming.clone();
            Callback::from(move |_| confirming.set(None))
        };
        let label = format!("Copy {} ({})", n + 1, bytes(*size as f64));
        html! {
            <li key={key.clone()}>
                <span>{ &label }</span>
                if confirming.as_deref() == Some(key.as_str()) {
                    <span id="delete-copy-question">{ " Delete this copy for good? " }</span>
                    <button type="button" id="confirm-delete-copy" class="button button--danger"
                        aria-describedby="delete-copy-question" onclick={on_confirm}>{ "Yes, delete it" }</button>
                    <button type="button" class="button button--quiet" onclick={on_keep}>{ "Keep it" }</button>
                } else {
                    <button type="button" class="button" aria-label={format!("Download {label}")} onclick={on_download}>{ "Download" }</button>
                    <button type="button" class="button button--quiet" aria-label={format!("Delete {label}…")} onclick={on_delete}>{ "Delete…" }</button>
                }
            </li>
        }
    });
    html! {
        <section class="card" aria-labelledby="kept-copies-title">
            <h2 id="kept-copies-title">{ "Unreadable data kept aside" }</h2>
            <p class="muted">{ "When the data in this browser could not be read, Account Grader set a copy of it \
                aside here before starting afresh. Download a copy and import it under Backup and restore \
                to bring back everything in it that can still be read." }</p>
            if let Some(why) = &*message {
                <p class="field__error" role="alert">{ why }</p>
            }
            <ul class="kept-copies">{ for rows }</ul>
        </section>
    }
}
