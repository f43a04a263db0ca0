//! Tells the user when their stored data could not be read or could not be saved.

use yew::prelude::*;

use crate::browser::clock::now_iso;
use crate::browser::download::download_text;
use crate::browser::page;
use crate::domain::backup::stored_data_file_name;
use crate::hooks::{use_app_state, use_local, AppContext};
use crate::state::{Action, Unreadable};
use crate::storage;
use crate::storage::schema::{LoadError, CURRENT_VERSION};

/// What a screen says in place of "nothing here yet" when the stored data was not read.
pub const NOT_READ_HERE: &str = "Your saved data could not be read in this tab (the notice at the \
    top says why), so none of it is shown here. Reload to see it.";

#[component]
pub fn StorageBanner() -> Html {
    let state = use_app_state();
    let download_error = use_local(|| None::<String>);
    let unreadable = state
        .unreadable
        .as_ref()
        .map(|u| html! { <UnreadableNotice unreadable={u.clone()} /> });

    let save_problem = state.save_problem.as_ref().map(|why| {
        let on_export = {
            let state = state.clone();
            Callback::from(move |_| {
                let _ = crate::components::backup_panel::export_all(&state);
            })
        };
        let on_retry = {
            let state = state.clone();
            Callback::from(move |_| {
                crate::storage::forget_refusal();
                state.dispatch(Action::RetrySave);
            })
        };
        html! {
            <section class="banner banner--error" role="alert" aria-labelledby="save-problem-title">
                <h2 id="save-problem-title" class="banner__title">{ "Changes are not being saved" }</h2>
                <p>{ why }</p>
                if state.save_retried {
                    <p role="status" class="banner__retried">{ "Tried again: there is still no room, so nothing more was saved." }</p>
                }
                <p>{ "Closing or reloading this tab asks first." }</p>
                <div class="banner__actions">
                    <button type="button" class="button" onclick={on_export}>{ "Export all data" }</button>
                    // While saving is paused (another tab's newer data, or an unreadable
                    // original kept), a retry would write nothing: the notice for that says why.
                    if !state.saving_paused() {
                        <button type="button" class="button" onclick={on_retry}>{ "Try saving again" }</button>
                    }
                </div>
            </section>
        }
    });

    let stopped = state.saving_stopped.as_ref().map(|stopped| {
        let (title, what) = match &stopped.why {
            LoadError::NewerVersion(v) => (
                "Account Grader was updated in another tab",
                format!(
                    "Another tab saved your data with a newer version of Account Grader (data \
                     version {v}; this tab reads up to {CURRENT_VERSION}). So that this older \
                     version never writes over it, this tab has stopped saving. Reload to use \
                     the new version."
                ),
            ),
            LoadError::ReaderNotDownloaded => (
                "Your saved data could not be read",
                format!(
                    "{} It is safe and unchanged: this tab shows none of it and saves nothing \
                     over it. Check the connection, then reload; if that does not help, try again \
                     later.",
                    stopped.why.explanation()
                ),
            ),
            why => (
                "Another tab stored data this tab cannot read",
                format!(
                    "{} So that it is not written over, this tab has stopped saving. Reload to \
                     see what the other tab left.",
                    why.explanation()
                ),
            ),
        };
        let unsaved = state.revision > stopped.at_revision;
        // Read without the reader that did not arrive: the text as stored, which Settings'
        // import reads as it does a backup.
        let as_stored = matches!(stopped.why, LoadError::ReaderNotDownloaded).then(|| {
            let download_error = download_error.clone();
            Callback::from(move |_| {
                let result = match storage::stored_text() {
                    Ok(Some(text)) => download_text(&stored_data_file_name(&now_iso()), "application/json", &text),
                    Ok(None) => Err("There is no saved data in this browser to download: another tab may \
                                     have cleared it since."
                        .to_string()),
                    Err(why) => Err(format!("The browser's storage did not give the saved data: {why}")),
                };
                download_error.set(result.err());
            })
        });
        let on_reload = Callback::from(|_| page::reload());
        let on_export = {
            let state = state.clone();
            Callback::from(move |_| {
                let _ = crate::components::backup_panel::export_all(&state);
            })
        };
        html! {
            <section class="banner banner--error" role="alert" aria-labelledby="stopped-title">
                <h2 id="stopped-title" class="banner__title">{ title }</h2>
                <p>{ what }</p>
                if unsaved {
                    <p>{ "Changes made in this tab since then are not saved. Export them first \
                          if you want to keep them; after the reload, the backup in Settings \
                          can import the file." }</p>
                }
                if let Some(err) = &*download_error {
                    <p class="banner__error">{ err }</p>
                }
                <div class="banner__actions">
                    <button type="button" class="button button--primary" onclick={on_reload}>{ "Reload" }</button>
                    if let Some(on_download) = as_stored {
                        <button type="button" class="button" onclick={on_download}>{ "Download the saved data as it is" }</button>
                    }
                    if unsaved {
                        <button type="button" class="button" onclick={on_export}>{ "Export this tab's data" }</button>
                    }
                </div>
            </section>
        }
    });

    // Once saving has stopped, "shown here too" would mislead.
    let synced = (state.synced_from_other_tab && state.saving_stopped.is_none()).then(|| {
        let state = state.clone();
        let on_dismiss = dismissing(state, Action::DismissSyncNotice);
        html! {
            <section class="banner banner--info" role="status" aria-labelledby="synced-title">
                <h2 id="synced-title" class="banner__title">{ "Updated from another tab" }</h2>
                <p>{ "Account Grader is open in another tab or window, and changes saved there are now shown here too." }</p>
                <div class="banner__actions">
                    <button type="button" class="button" onclick={on_dismiss}>{ "Dismiss" }</button>
                </div>
            </section>
        }
    });

    let import_stopped = state.import_stopped_by_leaving.then(|| {
        let state = state.clone();
        let on_dismiss = dismissing(state, Action::DismissImportStopped);
        html! {
            <section class="banner banner--info" role="status" aria-labelledby="import-stopped-title">
                <h2 id="import-stopped-title" class="banner__title">{ "Import stopped" }</h2>
                <p>{ "You left the page before it finished, so nothing was changed." }</p>
                <div class="banner__actions">
                    <button type="button" class="button" onclick={on_dismiss}>{ "Dismiss" }</button>
                </div>
            </section>
        }
    });

    let waiting_dropped = (state.waiting_dropped > 0).then(|| {
        let what = match state.waiting_dropped {
            1 => "1 change".to_string(),
            n => format!("{} changes", crate::support::sliced::grouped(n)),
        };
        let state = state.clone();
        let on_dismiss = dismissing(state, Action::DismissWaitingDropped);
        html! {
            <section class="banner banner--info" role="status" aria-labelledby="waiting-dropped-title">
                <h2 id="waiting-dropped-title" class="banner__title">{ "Some changes were left out" }</h2>
                <p>{ format!("The backup took the place of all your data, so {what} asked for while it was on its way could not be made: they were for the data it replaced. Make them again if they still apply.") }</p>
                <div class="banner__actions">
                    <button type="button" class="button" onclick={on_dismiss}>{ "Dismiss" }</button>
                </div>
            </section>
        }
    });

    let unread = (state.other_tab_unread && state.saving_stopped.is_none())
        .then(|| html! { <OtherTabUnreadNotice /> });

    html! { <>{ for stopped }{ for unreadable }{ for save_problem }{ for unread }{ for synced }{ for import_stopped }{ for waiting_dropped }<BackupReminder /></> }
}

/// How long another tab's value may wait for the reader before the notice says so: the
/// reader usually arrives well within it, and a notice that comes and goes at once would
/// only move the page.
const UNREAD_NOTICE_AFTER_MS: u32 = 1_500;

/// Says that this tab's changes wait to be saved until it can read what another tab saved
/// (`crate::storage::reading`), once that has taken a while.
#[component]
fn OtherTabUnreadNotice() -> Html {
    let state = use_app_state();
    let shown = use_state(|| false);
    {
        let shown = shown.clone();
        use_effect_with((), move |_| {
            let timeout = gloo_timers::callback::Timeout::new(UNREAD_NOTICE_AFTER_MS, move || {
                shown.set(true)
            });
            move || drop(timeout)
        });
    }
    if !*shown {
        return html! {};
    }
    let on_export = Callback::from(move |_| {
        let _ = crate::components::backup_panel::export_all(&state);
    });
    html! {
        <section class="banner banner--warning" role="status" aria-labelledby="unread-title">
            <h2 id="unread-title" class="banner__title">{ "Changes here are waiting to be saved" }</h2>
            <p>{ "Another tab saved changes to your data. This tab saves again only once it has \
                  read them, and the part of Account Grader that reads them is still on its way \
                  (it may need a connection). Until then, what you change here is kept in this \
                  tab only: closing it would lose it." }</p>
            <div class="banner__actions">
                <button type="button" class="button" onclick={on_export}>{ "Export this tab's data" }</button>
            </div>
        </section>
    }
}

/// A notice's Dismiss: the notice goes, and so would the focus on its button; it moves to the
/// screen's heading instead, without scrolling, so that a keyboard user carries on from the
/// screen rather than from the top of the page.
fn dismissing<E>(state: AppContext, action: Action) -> Callback<E> {
    Callback::from(move |_| {
        state.dispatch(action.clone());
        page::focus_main_heading_in_place_later();
    })
}

#[derive(Properties, PartialEq)]
struct UnreadableProps {
    unreadable: Unreadable,
}

/// Says that the stored data could not be read, where it is kept, and what the user can do.
#[component]
fn UnreadableNotice(props: &UnreadableProps) -> Html {
    let state = use_app_state();
    let download_error = use_local(|| None::<String>);
    let confirming_discard = use_local(|| false);
    let u = &props.unreadable;

    let on_download = {
        let raw = u.raw.clone();
        let download_error = download_error.clone();
        Callback::from(move |_| {
            let result = download_text("account-grader-unreadable-data.txt", "text/plain", &raw);
            download_error.set(result.err());
        })
    };
    let on_dismiss = {
        let state = state.clone();
        dismissing(state, Action::DismissUnreadable)
    };
    let on_discard = {
        let confirming_discard = confirming_discard.clone();
        Callback::from(move |_| {
            confirming_discard.set(true);
            page::focus_later("confirm-discard".into());
        })
    };
    let on_confirm_discard = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::DiscardUnreadable))
    };
    let on_cancel_discard = {
        let confirming_discard = confirming_discard.clone();
        Callback::from(move |_| confirming_discard.set(false))
    };
    let kept = match (&u.backup, u.keep_original) {
        (Ok(_), false) => "Nothing has been deleted: the original text is still in this \
                           browser, and a copy of it is kept apart (Settings lists it under \
                           Backup and restore). Account Grader has started with empty data; it \
                           replaces the stored text only once you make a change here."
            .to_string(),
        (_, true) if u.newer_version => "Nothing has been deleted, and this version will not \
                                           save over it: what you do in this tab is kept in this \
                                           tab only. Reload once the newer version is available \
                                           here."
            .to_string(),
        (Ok(_), true) => "Nothing has been deleted: the original text is still in this \
                          browser, a copy of it is kept apart, and Account Grader will not save \
                          over it until you choose to."
            .to_string(),
        (Err(why), _) => format!(
            "Nothing has been deleted. It could not be copied elsewhere in this browser \
             because {why}. So Account Grader leaves it exactly where it is and saves \
             nothing: what you do in this tab is kept in this tab only until you download it \
             or choose to discard it."
        ),
    };
    html! {
        <section class="banner banner--warning" role="alert" aria-labelledby="unreadable-title">
            <h2 id="unreadable-title" class="banner__title">{
                if u.newer_version { "Your data is from a newer version of Account Grader" } else { "Your saved data could not be read" }
            }</h2>
            <p>{ &u.explanation }</p>
            <p>{ kept }</p>
            <p>
                { "To bring back all of it that can still be read, download it and import the file in " }
                <a href={crate::route::Route::Settings.href()}>{ "Settings" }</a>{ ", under Backup and restore." }
            </p>
            if let Some(err) = &*download_error {
                <p class="banner__error">{ err }</p>
            }
            if *confirming_discard {
                <p id="discard-question"><strong>{ "Discard the stored data for good? It cannot \
                                 be brought back unless you downloaded it." }</strong></p>
                <div class="banner__actions">
                    <button type="button" id="confirm-discard" class="button button--danger"
                        aria-describedby="discard-question" onclick={on_confirm_discard}>
                        { "Yes, discard it" }
                    </button>
                    <button type="button" class="button button--quiet" onclick={on_cancel_discard}>
                        { "Keep it" }
                    </button>
                </div>
            } else {
                <div class="banner__actions">
                    <button type="button" class="button" onclick={on_download}>
                        { "Download the unreadable data" }
                    </button>
                    if u.newer_version {
                        <button type="button" class="button" onclick={Callback::from(|_| page::reload())}>
                            { "Reload" }
                        </button>
                    } else if u.keep_original {
                        <button type="button" class="button button--quiet" onclick={on_discard}>
                            { "Discard it and start again…" }
                        </button>
                    } else {
                        <button type="button" class="button" onclick={on_dismiss}>
                            { "Dismiss" }
                        </button>
                    }
                </div>
            }
        </section>
    }
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
