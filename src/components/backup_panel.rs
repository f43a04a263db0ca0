//! Exporting all data to a file, and importing such a file after a preview of what changes.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_file::callbacks::FileReader;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::browser::clock::now_iso;
use crate::browser::download::download_text;
use crate::browser::slices::{self, Stop};
use crate::components::work_progress::WorkProgress;
use crate::domain::backup::{
    export_file_name, Collision, ImportError, Incoming, Matching, Merging, Mode, Prepared, Preview,
    Scope, Source, MAX_IMPORT_BYTES,
};
use crate::domain::backup_reading::BackupReading;
use crate::domain::transfer_update::{self, WorkedOut};
use crate::hooks::{use_app_state, use_local, AppContext, LocalHandle};
use crate::lazy_screens::{self, Group};
use crate::state::{Action, TransferAction};
use crate::storage::document_encoder::Encoding;
use crate::storage::schema::Document;
use crate::storage::writing::writing;
use crate::storage::HandingOver;
use crate::support::dates::readable_date_time;
use crate::support::sliced::{grouped, Progress, Then, Unit};

/// Work on a file under way, how far it has got, and how to stop it.
type Work = Option<(Progress, Stop)>;

/// A file's bytes as text, as the browser reads a text file: without a byte order mark, and
/// with anything that is not UTF-8 replaced (the reading then says what it makes of it).
pub(crate) fn text_of(bytes: Vec<u8>) -> Rc<str> {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    match String::from_utf8(bytes) {
        Ok(text) => text.into(),
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into(),
    }
}

/// Matches what was read against the data here, a slice at a time, and shows the preview;
/// against the data as it is when matching starts (`latest`), which the preview then checks.
fn match_in_slices(
    incoming: Incoming,
    latest: Rc<RefCell<AppContext>>,
    stop: Stop,
    work: LocalHandle<Work>,
    prepared: LocalHandle<Option<Rc<Prepared>>>,
) {
    let current = latest.borrow().doc.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let job = Matching::new(&current, incoming);
        let shown = stop.clone();
        let matched = slices::run(job, &stop, |p| work.set(Some((p, shown.clone())))).await;
        if let Some(matched) = matched {
            work.set(None);
            prepared.set(Some(Rc::new(matched)));
        }
    });
}

/// How many times an import starts again because the data changed while it was worked out;
/// after that, the reducer imports against the data of the moment in one go.
const MAX_RESTARTS: usize = 3;

/// Said when an import starts again.
const DATA_CHANGED: &str =
    "Your data changed during the import (another tab or an edit): starting again.";

/// Said before the import is left to the reducer, in one go, after the last restart: the
/// page then stops answering for a moment, and should not seem to have hung.
const IN_ONE_GO: &str = "Your data kept changing during the import, so it is now done \
     in one go against your data as it is: the page may not respond for a moment.";

/// Whether the document is no longer `basis`, so that the reducer would not take a result
/// worked out from it. (Compared as the reducer compares them: the revision does not move
/// when another tab's document is taken as it is.)
fn changed_since(state: &AppContext, basis: &Document) -> bool {
    state.doc != *basis
}

/// What becomes of an import's result once its last slice is done.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum AfterWork {
    /// Worked out against the data as it still is: the reducer takes it as it is.
    Take,
    /// The data changed again after the last restart: the reducer imports against the data
    /// of the moment, in one go (IN_ONE_GO has been said and painted).
    InOneGo,
    /// The data changed: the work starts again (DATA_CHANGED has been said).
    Again,
    /// Stopped, by the user or by leaving the page: nothing is taken.
    Stopped,
}

/// Decides, for both import panels, what becomes of a result worked out from `basis` after
/// `restarts` restarts. It waits a frame first, so that the import is taken in a task of
/// its own rather than at the end of the last slice's, which with the render and the save
/// after it would hold up the page too long; the stop is looked at after every wait, since
/// Stop is still on screen and the page can still be left.
pub(crate) async fn after_work(
    state: &AppContext,
    basis: &Document,
    stop: &Stop,
    restarts: usize,
    message: &LocalHandle<Option<(bool, String)>>,
) -> AfterWork {
    slices::next_frame().await;
    if stop.is_stopped() {
        return AfterWork::Stopped;
    }
    if !changed_since(state, basis) {
        return AfterWork::Take;
    }
    if restarts < MAX_RESTARTS {
        message.set(Some((true, DATA_CHANGED.into())));
        return AfterWork::Again;
    }
    message.set(Some((true, IN_ONE_GO.into())));
    // Painted before the reducer holds up the page.
    slices::next_frame().await;
    if stop.is_stopped() {
        return AfterWork::Stopped;
    }
    AfterWork::InOneGo
}

/// Why an import was not taken.
const NOT_SAVING: &str =
    "Not imported: this tab has stopped saving (the notice at the top says why), so \
    nothing imported here would be kept. Reload, then import the file again.";

/// Downloads every piece of data as one file and records the date. A tab that has stopped
/// saving, or not yet read what another tab stored, holds only its own data, not what is
/// stored: its file is named for this tab, and it is not recorded as a backup.
pub fn export_all(state: &AppContext) -> Result<Exported, String> {
    let Some(writing) = writing() else {
        // Only before the fetches for later or a first change have brought the writer: the
        // file follows it, with the data as it is now.
        let state = state.clone();
        lazy_screens::bring(vec![Group::Writing], move || {
            let _ = export_all(&state);
        });
        return Ok(Exported::Soon);
    };
    let now = now_iso();
    let scope = state.export_scope();
    let name = export_file_name(&now, scope);
    download_text(
        &name,
        "application/json",
        &(writing.export)(&state.doc, &now, scope),
    )?;
    if scope == Scope::Everything {
        state.dispatch(Action::Transfer(TransferAction::BackupExported { at: now }));
    }
    Ok(Exported::Now)
}

/// When the file of `export_all` downloads.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Exported {
    Now,
    /// As soon as the part of the app that writes it has arrived.
    Soon,
}

fn describe(p: &Preview, mode: Mode) -> Vec<String> {
    let line = |what: &str, added: usize, replaced: usize, unchanged: usize, removed: usize| {
        if mode == Mode::Replace {
            if added == 0 && removed == 0 {
                return format!("{what}: none, in the file or here");
            }
            let same = if unchanged > 0 {
                format!(" ({} the same in both)", grouped(unchanged))
            } else {
                String::new()
            };
            return format!(
                "{what}: {} from the file in place of {} here{same}",
                grouped(added),
                grouped(removed)
            );
        }
        let mut parts = vec![format!("{} added", grouped(added))];
        // What the file would leave as it is, is not said to be updated.
        if replaced > 0 || unchanged == 0 {
            parts.push(format!("{} updated", grouped(replaced)));
        }
        if unchanged > 0 {
            parts.push(format!("{} unchanged", grouped(unchanged)));
        }
        format!("{what}: {}", parts.join(", "))
    };
    vec![
        line(
            "Accounts",
            p.accounts_added,
            p.accounts_replaced,
            p.accounts_unchanged,
            p.accounts_removed,
        ),
        line(
            "Account plans",
            p.plans_added,
            p.plans_replaced,
            p.plans_unchanged,
            p.plans_removed,
        ),
        line(
            "Saved assessments",
            p.assessments_added,
            p.assessments_replaced,
            p.assessments_unchanged,
            p.assessments_removed,
        ),
        line(
            "Prospects' results",
            p.prospects_added,
            p.prospects_replaced,
            p.prospects_unchanged,
            p.prospects_removed,
        ),
    ]
}

/// The notice once a backup is imported that holds nothing the data does not (no Undo is
/// offered then, and nothing is saved).
const NOTHING_TO_IMPORT: &str =
    "Nothing to import: your data already holds everything in this file, or newer copies of it, \
     so nothing was changed.";
/// Taking the place of the unreadable stored text is a change even when the file adds nothing
/// to what this tab holds: the stored text is replaced by this tab's data, and saving resumes.
/// (Said before the save runs: should it fail, the storage notice says so.)
const RESTORED_AS_IT_WAS: &str = "The file holds nothing that this tab did not already have. \
    Your data here is saved in place of the unreadable text from now on.";

/// The notice once a backup was imported in one go, against data that kept changing.
const IMPORTED_IN_ONE_GO: &str = "Imported, against your data as it was by then.";

/// The notice once a backup is imported: what it did to the accounts, and what it left out.
fn imported_notice(import: &Prepared, mode: Mode) -> String {
    let p = import.preview(mode);
    let mut done = vec!["added".to_string()];
    match mode {
        Mode::Replace => done.push(format!("{} removed", grouped(p.accounts_removed))),
        Mode::Merge => {
            if p.accounts_replaced > 0 || p.accounts_unchanged == 0 {
                done.push(format!("{} updated", grouped(p.accounts_replaced)));
            }
            if p.accounts_unchanged > 0 {
                done.push(format!("{} unchanged", grouped(p.accounts_unchanged)));
            }
        }
    }
    let without = match import.incoming.dropped.len() {
        0 => String::new(),
        1 => "; the 1 part that could not be read was left out".into(),
        n => format!(
            "; the {} parts that could not be read were left out",
            grouped(n)
        ),
    };
    format!(
        "Imported: {} accounts {}{without}.",
        grouped(p.accounts_added),
        done.join(", ")
    )
}

/// How many lines each list of an import preview shows before counting the rest: a damaged
/// file or a large spreadsheet can have thousands, and the list is for reading.
const LISTED: usize = 100;

/// A list of lines, the first [`LISTED`] of them and a count of the rest; shared by the
/// backup and spreadsheet import previews.
pub(crate) fn listed(lines: impl ExactSizeIterator<Item = String>) -> Html {
    let more = lines.len().saturating_sub(LISTED);
    html! {
        <ul class="import-preview__list">
            { for lines.take(LISTED).map(|l| html! { <li>{ l }</li> }) }
            if more > 0 {
                <li>{ format!("…and {} more.", grouped(more)) }</li>
            }
        </ul>
    }
}

#[component]
pub fn BackupPanel() -> Html {
    let state = use_app_state();
    let prepared = use_local(|| None::<Rc<Prepared>>);
    // The file holds the very text found unreadable in this browser: importing it settles
    // what becomes of that text, so saving can start again.
    let restores_unreadable = use_local(|| false);
    let mode = use_local(|| Mode::Merge);
    let message = use_local(|| None::<(bool, String)>);
    // Keeps the file reader alive until it has finished.
    let reader: Rc<RefCell<Option<FileReader>>> = use_mut_ref(|| None);
    let work = use_local(|| None::<(Progress, Stop)>);
    // The app state as of the latest render, for work that outlives the render it began in.
    let latest: Rc<RefCell<AppContext>> = use_mut_ref(|| state.clone());
    *latest.borrow_mut() = state.clone();

    // Data changed since the file was matched against it (in this tab or another): match
    // again, so that the preview says what Import will do. Import waits until then.
    let stale = work.is_none() && prepared.as_ref().is_some_and(|p| !p.is_current(&state.doc));
    {
        let (prepared, work, latest) = (prepared.clone(), work.clone(), latest.clone());
        use_effect_with(stale, move |&stale| {
            if let (true, Some(p)) = (stale, prepared.latest().as_ref()) {
                let stop = Stop::default();
                let total = p.incoming.doc.portfolio.accounts.len();
                work.set(Some((
                    Progress::new("Matching", 0, total, Unit::Records("accounts")),
                    stop.clone(),
                )));
                match_in_slices(p.incoming.clone(), latest, stop, work, prepared.clone());
            }
        });
    }

    // Leaving the screen stops the work on a file under way, and says so on the next one.
    {
        let (work, state) = (work.clone(), state.clone());
        use_effect_with((), move |_| {
            move || {
                if let Some((_, stop)) = work.latest().as_ref() {
                    stop.stop();
                    state.dispatch(Action::ImportStoppedByLeaving);
                }
            }
        });
    }

    let on_export = {
        let (state, message) = (state.clone(), message.clone());
        Callback::from(move |_| {
            match export_all(&state) {
            Ok(Exported::Soon) => message.set(Some((
                true,
                "The file downloads in a moment, once the part of Account Grader that writes it has arrived.".into(),
            ))),
            Ok(Exported::Now) if state.export_scope() != Scope::Everything => {
                message.set(Some((true, "This tab's data downloaded.".into())))
            }
            Ok(Exported::Now) => message.set(Some((true, "Backup file downloaded.".into()))),
            Err(why) => message.set(Some((false, why))),
        }
        })
    };
    let on_file = {
        let (latest, prepared, message, work, reader, restores_unreadable, mode) = (
            latest.clone(),
            prepared.clone(),
            message.clone(),
            work.clone(),
            reader.clone(),
            restores_unreadable.clone(),
            mode.clone(),
        );
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e
                .target()
                .expect("a change event has a target")
                .unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let file = gloo_file::File::from(file);
            prepared.set(None);
            if let Some((_, earlier)) = work.latest().as_ref() {
                earlier.stop();
            }
            if file.size() as usize > MAX_IMPORT_BYTES {
                let error = ImportError::TooLarge(file.size() as usize);
                work.set(None);
                message.set(Some((false, error.explanation())));
                return;
            }
            message.set(None);
            let stop = Stop::default();
            let size = file.size() as usize;
            work.set(Some((
                Progress::new("Reading", 0, size, Unit::Bytes),
                stop.clone(),
            )));
            let (latest, prepared, message, work, restores_unreadable, mode) = (
                latest.clone(),
                prepared.clone(),
                message.clone(),
                work.clone(),
                restores_unreadable.clone(),
                mode.clone(),
            );
            *reader.borrow_mut() = Some(gloo_file::callbacks::read_as_bytes(&file, move |bytes| {
                if stop.is_stopped() {
                    return;
                }
                let Ok(bytes) = bytes else {
                    work.set(None);
                    message.set(Some((false, "The file could not be read.".to_string())));
                    return;
                };
                let text = text_of(bytes);
                restores_unreadable.set(
                    latest
                        .borrow()
                        .unreadable
                        .as_ref()
                        .is_some_and(|u| *u.raw == *text),
                );
                // Reading and matching a large file takes a while: it is done a slice at a
                // time, so that the page keeps painting its progress and answering Cancel.
                wasm_bindgen_futures::spawn_local(async move {
                    let shown = stop.clone();
                    let show = |p| work.set(Some((p, shown.clone())));
                    let read = slices::run(BackupReading::new(text), &stop, show).await;
                    match read {
                        None => {}
                        Some(Ok(incoming)) => {
                            // Replacing everything with one tab's part is never the default.
                            if matches!(incoming.source, Source::ThisTab { .. }) {
                                mode.set(Mode::Merge);
                            }
                            match_in_slices(incoming, latest, stop, work, prepared);
                        }
                        Some(Err(why)) => {
                            work.set(None);
                            message.set(Some((false, why.explanation())));
                        }
                    }
                });
            }));
        })
    };
    let on_stop = {
        let (work, reader, prepared, message) = (
            work.clone(),
            reader.clone(),
            prepared.clone(),
            message.clone(),
        );
        Callback::from(move |()| {
            if let Some((_, stop)) = work.latest().as_ref() {
                stop.stop();
            }
            // Dropping the reader stops a read still under way.
            reader.borrow_mut().take();
            work.set(None);
            prepared.set(None);
            message.set(Some((true, "Import stopped. Nothing was changed.".into())));
        })
    };
    let on_mode = |m: Mode| {
        let mode = mode.clone();
        Callback::from(move |_: Event| mode.set(m))
    };
    let on_cancel = {
        let (prepared, work, on_stop) = (prepared.clone(), work.clone(), on_stop.clone());
        Callback::from(move |_| match work.latest().as_ref() {
            Some(_) => on_stop.emit(()),
            None => prepared.set(None),
        })
    };
    let on_confirm = {
        let (latest, prepared, mode, message, work, restores_unreadable) = (
            latest.clone(),
            prepared.clone(),
            mode.clone(),
            message.clone(),
            work.clone(),
            restores_unreadable.clone(),
        );
        Callback::from(move |_| {
            let Some(import) = (*prepared).clone() else {
                return;
            };
            let (mode, restores_unreadable) = (*mode, *restores_unreadable);
            // Reads the app state as it is now, not as of this render.
            let state = latest.borrow().clone();
            // Saving stopped since the file was read: the import would never be stored.
            if state.saving_stopped.is_some() {
                prepared.set(None);
                message.set(Some((false, NOT_SAVING.into())));
                return;
            }
            let stop = Stop::default();
            let (prepared, message, work) = (prepared.clone(), message.clone(), work.clone());
            // The merge, and the encoding of its large parts for the save after it, are done
            // a slice at a time; then the reducer takes the result in one step. Should the
            // data change meanwhile (in another tab, say), the reducer would import again
            // itself, in one go: so the work starts again here from the data as it is now, a
            // few times at most.
            wasm_bindgen_futures::spawn_local(async move {
                let mut restarts = 0;
                let (result, encoded, basis, in_one_go) = loop {
                    let basis = state.doc.clone();
                    let here = match mode {
                        Mode::Merge => basis.portfolio.accounts.len(),
                        Mode::Replace => 0,
                    };
                    let total = here + import.incoming.doc.portfolio.accounts.len();
                    work.set(Some((
                        Progress::new("Importing", 0, total, Unit::Records("accounts")),
                        stop.clone(),
                    )));
                    // The bar is shown at once, before the first slice.
                    slices::next_frame().await;
                    let merging = Merging::new(&basis, import.clone(), mode);
                    let known = basis.clone();
                    let encoding = Then::new(merging, move |doc| Ok(Encoding::new(doc, &known)));
                    let job = Then::new(encoding, |encoded| Ok(HandingOver::new(encoded)));
                    let shown = stop.clone();
                    let show = |p| work.set(Some((p, shown.clone())));
                    let Some((result, encoded)) = slices::run(job, &stop, show).await else {
                        return;
                    };
                    match after_work(&state, &basis, &stop, restarts, &message).await {
                        AfterWork::Take => break (result, encoded, basis, false),
                        AfterWork::InOneGo => break (result, encoded, basis, true),
                        AfterWork::Again => restarts += 1,
                        AfterWork::Stopped => return,
                    }
                };
                crate::storage::take_encoded(encoded);
                // After a restart the file was matched again against the data as it then
                // was: the notice counts what was done, not what the first preview said.
                // Done in one go, the import is against the data as it is now, not `basis`.
                let nothing = !in_one_go && transfer_update::imports_nothing(&basis, &result);
                let notice = if nothing && restores_unreadable {
                    RESTORED_AS_IT_WAS.to_string()
                } else if nothing {
                    NOTHING_TO_IMPORT.to_string()
                } else if in_one_go {
                    // Counting it would mean matching the file once more, in one go, beside
                    // the reducer's own: the Undo notice says what was done.
                    IMPORTED_IN_ONE_GO.to_string()
                } else if import.is_current(&basis) {
                    imported_notice(&import, mode)
                } else {
                    imported_notice(&import.matched_again(&basis), mode)
                };
                // Done before the import is taken, which may replace this screen.
                work.set(None);
                state.dispatch(Action::Transfer(TransferAction::ImportWorkedOut {
                    import: Box::new(TransferAction::ImportBackup {
                        import,
                        mode,
                        restores_unreadable,
                    }),
                    result: Rc::new(WorkedOut {
                        basis,
                        result: *result,
                    }),
                }));
                prepared.set(None);
                message.set(Some((true, notice)));
            });
        })
    };
    // A tab that did not read the stored data does not know its last backup either.
    let last = if state.stored_data_unread() {
        "not known in this tab, which could not read the saved data".to_string()
    } else {
        state
            .doc
            .settings
            .last_backup_at
            .as_deref()
            .map_or("never".to_string(), readable_date_time)
    };

    let preview = prepared.as_ref().map(|p| {
        let mode = *mode;
        let incoming = &p.incoming;
        let title = match incoming.source {
            Source::Backup => "Import this backup?",
            Source::ThisTab { .. } => "Import this tab's data?",
            Source::StoredData => "Import this saved data?",
        };
        let (newer_here, collisions): (Vec<&Collision>, Vec<&Collision>) =
            p.collisions_for(mode).into_iter().partition(|c| c.goes_over_newer());
        let only_here = p.only_here();
        let only_here_lines: Vec<String> = only_here
            .accounts
            .iter()
            .map(|name| format!("Account \"{name}\""))
            .chain(
                only_here
                    .plans
                    .iter()
                    .map(|name| format!("The plan of \"{name}\"")),
            )
            .chain(
                only_here
                    .templates
                    .iter()
                    .map(|name| format!("Template \"{name}\"")),
            )
            .collect();
        html! {
            <div class="import-preview" role="region" aria-labelledby="import-preview-title">
                <h3 id="import-preview-title">{ title }</h3>
                if *restores_unreadable {
                    <p>{ "This is the data this browser could not read. Importing it keeps what can be read \
                          in place of the damaged text, and saving starts again." }</p>
                } else if let Source::ThisTab { read_stored } = incoming.source {
                    <p>{ "This file is not a full backup: it holds only what one tab had while it could not \
                          save, such as a few changes made there." }</p>
                    <p>{ if read_stored {
                        "Merging adds and updates what that tab changed, and keeps what was changed here later."
                    } else {
                        "That tab could not see your data: merging adds what it holds beside yours, an \
                         account or template of a name you have under a new name, and changes nothing of yours."
                    } }</p>
                    if mode == Mode::Replace {
                        <p><strong>{ "Replacing would put that tab's data, and its settings (the defaults if it \
                                      could not see yours), in place of everything here." }</strong></p>
                    }
                } else if incoming.source == Source::StoredData {
                    <p>{ "This file is not a backup but Account Grader's saved data as a browser stored it, \
                          such as \"Download the unreadable data\" or \"Download the saved data as it is\" \
                          gives. It imports as a backup does." }</p>
                }
                <fieldset class="segmented">
                    <legend>{ "How" }</legend>
                    <label>
                        <input type="radio" name="import-mode" checked={mode == Mode::Merge} disabled={work.is_some()} onchange={on_mode(Mode::Merge)} />
                        <span>{ "Merge with my data" }</span>
                    </label>
                    <label>
                        <input type="radio" name="import-mode" checked={mode == Mode::Replace} disabled={work.is_some()} onchange={on_mode(Mode::Replace)} />
                        <span>{ "Replace my data" }</span>
                    </label>
                </fieldset>
                <ul>{ for describe(&p.preview(mode), mode).into_iter().map(|l| html! { <li>{ l }</li> }) }</ul>
                <p class="muted">{ if mode == Mode::Merge {
                    "Accounts and templates with the same name (capitals and spaces aside), and assessments saved at the same moment, are updated from the file; an account or plan changed here since the file's copy is kept as it is. Everything else is added."
                } else {
                    "Everything here is replaced by the file's contents."
                } }</p>
                if mode == Mode::Replace && !only_here.is_empty() {
                    <section aria-labelledby="import-only-here-title">
                        <h4 id="import-only-here-title">{ format!("Only here: replacing deletes them ({})", grouped(only_here.len())) }</h4>
                        <p class="muted">{ "Nothing in the file matches these. Merging keeps them; to keep a copy as well, cancel and use Export first." }</p>
                        { listed(only_here_lines.into_iter()) }
                    </section>
                }
                if !newer_here.is_empty() {
                    <section aria-labelledby="import-newer-here-title">
                        <h4 id="import-newer-here-title">{ format!("Changed here since this file ({})", grouped(newer_here.len())) }</h4>
                        <p class="muted">{ if mode == Mode::Merge {
                            "These were edited in this browser after the file was made. Merging keeps the newer of the two, so they stay as they are here."
                        } else {
                            "These were edited in this browser after the file was made. Replacing puts the file's older copies in their place: to keep yours, merge instead, or cancel and use Export first."
                        } }</p>
                        { listed(newer_here.iter().map(|c| c.sentence(mode))) }
                    </section>
                }
                if !collisions.is_empty() {
                    <section aria-labelledby="import-collisions-title">
                        <h4 id="import-collisions-title">{ format!("Names taken ({})", grouped(collisions.len())) }</h4>
                        <p class="muted">{ "Two accounts, or two templates, never share a name. Where the file has a name twice, the first is imported under it and the others with a number added, so nothing in the file is lost." }</p>
                        { listed(collisions.iter().map(|c| c.sentence(mode))) }
                    </section>
                }
                if !incoming.dropped.is_empty() {
                    <section aria-labelledby="import-dropped-title">
                        <h4 id="import-dropped-title">{ format!("Left out: could not be read ({})", grouped(incoming.dropped.len())) }</h4>
                        <p class="muted">{ "Everything else in the file can be imported. The file itself is not changed: keep it, in case these parts can be mended later." }</p>
                        { listed(incoming.dropped.iter().map(|d| d.sentence())) }
                    </section>
                }
                // While work runs, the progress row's Cancel is the one offered.
                if work.is_none() {
                    <div class="editor-actions import-preview__actions">
                        <button type="button" class="button button--primary" onclick={on_confirm}>{ "Import" }</button>
                        <button type="button" class="button" onclick={on_cancel}>{ "Cancel" }</button>
                    </div>
                }
            </div>
        }
    });

    let busy = work.is_some();
    // A tab that has stopped saving (the notice at the top says why) would import into data
    // that is never stored, and its export holds only what is in this tab.
    let stopped = state.saving_stopped.is_some();
    let no_import = busy || stopped;
    html! {
        <section class="card" aria-labelledby="backup-title">
            <h2 id="backup-title">{ "Backup and restore" }</h2>
            <p class="muted">{ "Your data lives only in this browser. Export it now and then, to keep a copy or to move it \
                to another browser or computer." }</p>
            <p>{ format!("Last backup: {last}.") }</p>
            if stopped {
                <p id="backup-stopped">{ "This tab is not saving (the notice at the top says why). What is stored \
                    in this browser is safe and unchanged, but this tab can neither import nor back it up. \
                    Its export holds only the changes made in this tab, in a file named \"this tab\". Reload \
                    to back up or import." }</p>
            }
            <div class="editor-actions">
                // A tab that stopped saving with nothing changed in it has nothing of its own.
                <button type="button" class="button button--primary" onclick={on_export}
                    disabled={stopped && !state.has_unsaved_changes()}>
                    { if stopped { "Export this tab's data" } else { "Export all data" } }
                </button>
                // Another file waits until the work under way is done or cancelled.
                <label class={classes!("button", no_import.then_some("button--disabled"))} for="import-file"
                    aria-disabled={no_import.then_some("true")}
                    aria-describedby={stopped.then_some("backup-stopped")}>{ "Import a backup…" }</label>
                <input id="import-file" class="visually-hidden" type="file" disabled={no_import} accept="application/json,.json,text/plain,.txt" onchange={on_file} />
            </div>
            if !stopped {
                <p class="muted">{ "Import also takes the file from \"Download the unreadable data\", and brings back all of it that can still be read." }</p>
            }
            if let Some((progress, _)) = &*work {
                <WorkProgress id="import-progress" progress={*progress} on_cancel={on_stop} />
            }
            if let Some((ok, text)) = &*message {
                <p class={if *ok { "form-message form-message--ok" } else { "field__error" }} role={if *ok { "status" } else { "alert" }}>{ text }</p>
            }
            { for preview }
        </section>
    }
}
