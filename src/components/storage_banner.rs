//! Tells the user when their stored data could not be read or could not be saved.

use yew::prelude::*;

use crate::browser::download::download_text;
use crate::hooks::{use_app_state, use_local};
use crate::state::Action;

#[component]
pub fn StorageBanner() -> Html {
    let state = use_app_state();
    let download_error = use_local(|| None::<String>);

    let unreadable = state.unreadable.as_ref().map(|u| {
        let on_download = {
            let raw = u.raw.clone();
            let download_error = download_error.clone();
            Callback::from(move |_| {
                let result =
                    download_text("account-grader-unreadable-data.txt", "text/plain", &raw);
                download_error.set(result.err());
            })
        };
        let on_dismiss = {
            let state = state.clone();
            Callback::from(move |_| state.dispatch(Action::DismissUnreadable))
        };
        let kept = match &u.backup {
            Ok(key) => format!(
                "Nothing has been deleted: the original text is still in this browser (also \
                 copied to the storage key \"{key}\"). Account Grader has started with empty \
                 data; it replaces the stored text only once you make a change here."
            ),
            Err(why) => format!(
                "Nothing has been deleted, but a backup copy could not be made ({why}). \
                 Download the text before you make any change here."
            ),
        };
        html! {
            <section class="banner banner--warning" role="alert" aria-labelledby="unreadable-title">
                <h2 id="unreadable-title" class="banner__title">{ "Your saved data could not be read" }</h2>
                <p>{ &u.explanation }</p>
                <p>{ kept }</p>
                <p>
                    { "To bring back all of it that can still be read, download it and import the file in " }
                    <a href={crate::route::Route::Settings.href()}>{ "Settings" }</a>{ ", under Backup and restore." }
                </p>
                if let Some(err) = &*download_error {
                    <p class="banner__error">{ err }</p>
                }
                <div class="banner__actions">
                    <button type="button" class="button" onclick={on_download}>
                        { "Download the unreadable data" }
                    </button>
                    <button type="button" class="button button--quiet" onclick={on_dismiss}>
                        { "Dismiss" }
                    </button>
                </div>
            </section>
        }
    });

    let save_problem = state.save_problem.as_ref().map(|why| {
        html! {
            <section class="banner banner--error" role="alert" aria-labelledby="save-problem-title">
                <h2 id="save-problem-title" class="banner__title">{ "Changes are not being saved" }</h2>
                <p>{ why }</p>
            </section>
        }
    });

    let synced = state.synced_from_other_tab.then(|| {
        let state = state.clone();
        let on_dismiss = Callback::from(move |_| state.dispatch(Action::DismissSyncNotice));
        html! {
            <section class="banner banner--info" role="status" aria-labelledby="synced-title">
                <h2 id="synced-title" class="banner__title">{ "Updated from another tab" }</h2>
                <p>{ "Account Grader is open in another tab or window, and changes saved there are now shown here too." }</p>
                <div class="banner__actions">
                    <button type="button" class="button button--quiet" onclick={on_dismiss}>{ "Dismiss" }</button>
                </div>
            </section>
        }
    });

    html! { <>{ for unreadable }{ for save_problem }{ for synced }<BackupReminder /></> }
}

/// A gentle suggestion to export a backup when none was made for a month.
#[component]
fn BackupReminder() -> Html {
    let state = use_app_state();
    let dismissed = use_local(|| false);
    // The clock is read in the browser only, after the first render.
    let today = use_local(|| None::<String>);
    {
        let today = today.clone();
        use_effect_with((), move |_| {
            today.set(Some(crate::browser::clock::now_iso()))
        });
    }
    let due = today
        .as_deref()
        .is_some_and(|t| crate::domain::backup::backup_due(&state.doc, t));
    if !due || *dismissed {
        return html! {};
    }
    let on_export = {
        let state = state.clone();
        Callback::from(move |_| {
            let _ = crate::components::backup_panel::export_all(&state);
        })
    };
    let on_later = {
        let dismissed = dismissed.clone();
        Callback::from(move |_| dismissed.set(true))
    };
    html! {
        <section class="banner banner--info" role="status" aria-labelledby="backup-reminder-title">
            <h2 id="backup-reminder-title" class="banner__title">{ "Time for a backup" }</h2>
            <p>{ "Your data has not been exported for over a month. It lives only in this browser; a backup file \
                  keeps it safe if the browser's data is cleared." }</p>
            <div class="banner__actions">
                <button type="button" class="button button--primary" onclick={on_export}>{ "Export all data" }</button>
                <button type="button" class="button button--quiet" onclick={on_later}>{ "Not now" }</button>
            </div>
        </section>
    }
}
