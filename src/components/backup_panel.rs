//! Exporting all data to a file, and importing such a file after a preview of what changes.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_file::callbacks::FileReader;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::browser::clock::now_iso;
use crate::browser::download::download_text;
use crate::domain::backup::{apply, export, parse, Mode, Preview, MAX_IMPORT_BYTES};
use crate::domain::dates::{date_part, readable_date_time};
use crate::domain::schema::Document;
use crate::hooks::{use_app_state, use_local, AppContext};
use crate::state::Action;

/// Downloads every piece of data as one file and records the date.
pub fn export_all(state: &AppContext) -> Result<(), String> {
    let now = now_iso();
    let name = format!("account-grader-backup-{}.json", date_part(&now));
    download_text(&name, "application/json", &export(&state.doc, &now))?;
    state.dispatch(Action::BackupExported { at: now });
    Ok(())
}

fn describe(p: &Preview, mode: Mode) -> Vec<String> {
    let line = |what: &str, added: usize, replaced: usize, removed: usize| {
        let mut parts = vec![format!("{added} added")];
        if mode == Mode::Merge {
            parts.push(format!("{replaced} updated"));
        } else {
            parts.push(format!("{removed} removed"));
        }
        format!("{what}: {}", parts.join(", "))
    };
    vec![
        line(
            "Accounts",
            p.accounts_added,
            p.accounts_replaced,
            p.accounts_removed,
        ),
        line(
            "Account plans",
            p.plans_added,
            p.plans_replaced,
            p.plans_removed,
        ),
        line(
            "Saved assessments",
            p.assessments_added,
            p.assessments_replaced,
            p.assessments_removed,
        ),
    ]
}

#[component]
pub fn BackupPanel() -> Html {
    let state = use_app_state();
    let incoming = use_local(|| None::<Rc<Document>>);
    let mode = use_local(|| Mode::Merge);
    let message = use_local(|| None::<(bool, String)>);
    // Keeps the file reader alive until it has finished.
    let reader: Rc<RefCell<Option<FileReader>>> = use_mut_ref(|| None);

    let on_export = {
        let (state, message) = (state.clone(), message.clone());
        Callback::from(move |_| match export_all(&state) {
            Ok(()) => message.set(Some((true, "Backup file downloaded.".into()))),
            Err(why) => message.set(Some((false, why))),
        })
    };
    let on_file = {
        let (incoming, message, reader) = (incoming.clone(), message.clone(), reader.clone());
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
            if file.size() as usize > MAX_IMPORT_BYTES {
                incoming.set(None);
                let error = crate::domain::backup::ImportError::TooLarge(file.size() as usize);
                message.set(Some((false, error.explanation())));
                return;
            }
            let (incoming, message) = (incoming.clone(), message.clone());
            *reader.borrow_mut() =
                Some(gloo_file::callbacks::read_as_text(
                    &file,
                    move |text| match text
                        .map_err(|_| "The file could not be read.".to_string())
                        .and_then(|t| parse(&t).map_err(|e| e.explanation()))
                    {
                        Ok(doc) => {
                            message.set(None);
                            incoming.set(Some(Rc::new(doc)));
                        }
                        Err(why) => {
                            incoming.set(None);
                            message.set(Some((false, why)));
                        }
                    },
                ));
        })
    };
    let on_mode = |m: Mode| {
        let mode = mode.clone();
        Callback::from(move |_: Event| mode.set(m))
    };
    let on_cancel = {
        let incoming = incoming.clone();
        Callback::from(move |_| incoming.set(None))
    };
    let on_confirm = {
        let (state, incoming, mode, message) = (
            state.clone(),
            incoming.clone(),
            mode.clone(),
            message.clone(),
        );
        Callback::from(move |_| {
            if let Some(doc) = &*incoming {
                state.dispatch(Action::ImportBackup {
                    doc: Box::new((**doc).clone()),
                    mode: *mode,
                });
                incoming.set(None);
                message.set(Some((
                    true,
                    "Backup imported. Use Undo to go back to your data as it was.".into(),
                )));
            }
        })
    };
    let preview = incoming.as_ref().map(|doc| apply(&state.doc, doc, *mode).1);
    let last = state
        .doc
        .settings
        .last_backup_at
        .as_deref()
        .map_or("never".to_string(), readable_date_time);

    html! {
        <section class="card" aria-labelledby="backup-title">
            <h2 id="backup-title">{ "Backup and restore" }</h2>
            <p class="muted">{ "Your data lives only in this browser. Export it now and then, to keep a copy or to move it \
                to another browser or computer." }</p>
            <p>{ format!("Last backup: {last}.") }</p>
            <div class="editor-actions">
                <button type="button" class="button button--primary" onclick={on_export}>{ "Export all data" }</button>
                <label class="button" for="import-file">{ "Import a backup…" }</label>
                <input id="import-file" class="visually-hidden" type="file" accept="application/json,.json" onchange={on_file} />
            </div>
            if let Some((ok, text)) = &*message {
                <p class={if *ok { "form-message form-message--ok" } else { "field__error" }} role={if *ok { "status" } else { "alert" }}>{ text }</p>
            }
            if let Some(p) = preview {
                <div class="import-preview" role="region" aria-labelledby="import-preview-title">
                    <h3 id="import-preview-title">{ "Import this backup?" }</h3>
                    <fieldset class="segmented">
                        <legend>{ "How" }</legend>
                        <label>
                            <input type="radio" name="import-mode" checked={*mode == Mode::Merge} onchange={on_mode(Mode::Merge)} />
                            <span>{ "Merge with my data" }</span>
                        </label>
                        <label>
                            <input type="radio" name="import-mode" checked={*mode == Mode::Replace} onchange={on_mode(Mode::Replace)} />
                            <span>{ "Replace my data" }</span>
                        </label>
                    </fieldset>
                    <ul>{ for describe(&p, *mode).into_iter().map(|l| html! { <li>{ l }</li> }) }</ul>
                    <p class="muted">{ if *mode == Mode::Merge {
                        "Accounts and templates with the same name, and assessments saved at the same moment, are updated from the backup; everything else is added."
                    } else {
                        "Everything here is replaced by the backup's contents."
                    } }</p>
                    <div class="editor-actions">
                        <button type="button" class="button button--primary" onclick={on_confirm}>{ "Import" }</button>
                        <button type="button" class="button" onclick={on_cancel}>{ "Cancel" }</button>
                    </div>
                </div>
            }
        </section>
    }
}
