//! Bringing data in and out: a backup imported or exported, accounts from a spreadsheet.

use std::rc::Rc;

use super::accounts::Account;
use super::backup::{Merging, Mode, Prepared};
use super::change::Change;
use super::csv_import::{Applying, CsvImport, CsvPreview};
use super::settings::Settings;
use crate::storage::schema::Document;
use crate::support::sliced::{grouped, run_to_end};

/// A document worked out from another outside the reducer, for
/// [`TransferAction::ImportWorkedOut`].
#[derive(Debug, PartialEq)]
pub struct WorkedOut {
    pub basis: Document,
    pub result: Document,
}

/// A backup or a spreadsheet brought in, or a backup taken out.
#[derive(Clone, Debug, PartialEq)]
pub enum TransferAction {
    /// Brings in a backup (already read, checked and matched), undoable in one step.
    ImportBackup {
        import: Rc<Prepared>,
        mode: Mode,
        /// The file is the stored text found unreadable at start-up: importing it takes that
        /// text's place, so it is no longer kept.
        restores_unreadable: bool,
    },
    /// An import (`ImportBackup` or `ImportCsv`) worked out beforehand, a slice at a time, so
    /// that the page kept painting: its result is taken while the document is still the one
    /// it was worked out from; otherwise the import is done again here against the document
    /// as it is now, so that nothing changed since is lost.
    ImportWorkedOut {
        import: Box<TransferAction>,
        result: Rc<WorkedOut>,
    },
    BackupExported {
        at: String,
    },
    /// Adds and updates accounts from a spreadsheet, matched against the accounts of the
    /// moment it is applied, undoable in one step.
    ImportCsv {
        import: Rc<CsvImport>,
        /// The preview already worked out (a slice at a time, for a large file) and the
        /// accounts it was worked out against; used only while those are still the accounts.
        checked: Option<(Rc<Vec<Account>>, Rc<CsvPreview>)>,
        at: String,
    },
}

impl TransferAction {
    /// For the import of a backup (worked out beforehand or not): whether it takes the place
    /// of the stored text found unreadable at start-up.
    pub fn backup_import(&self) -> Option<bool> {
        match self {
            TransferAction::ImportBackup {
                restores_unreadable,
                ..
            } => Some(*restores_unreadable),
            TransferAction::ImportWorkedOut { import, .. } => import.backup_import(),
            _ => None,
        }
    }

    /// Whether it imports a file (a backup or a spreadsheet): a change of many records at
    /// once, whose Undo is kept on offer until the user dismisses it or leaves the screen.
    pub fn is_import(&self) -> bool {
        matches!(
            self,
            TransferAction::ImportBackup { .. }
                | TransferAction::ImportCsv { .. }
                | TransferAction::ImportWorkedOut { .. }
        )
    }

    /// Whether it throws the document away for another (a backup imported in place of it).
    pub fn replaces_document(&self) -> bool {
        match self {
            TransferAction::ImportBackup { mode, .. } => *mode == Mode::Replace,
            TransferAction::ImportWorkedOut { import, .. } => import.replaces_document(),
            _ => false,
        }
    }
}

/// Applies `action` to `doc`. (Forgetting the unreadable text a backup replaces is the app
/// state's part: see `crate::state`.)
pub fn update(doc: &mut Document, action: TransferAction) -> Change {
    match action {
        TransferAction::ImportBackup { import, mode, .. } => {
            let next = run_to_end(Merging::new(doc, import, mode));
            backup_imported(doc, next)
        }
        TransferAction::ImportWorkedOut { import, result } => {
            if result.basis != *doc {
                return update(doc, *import);
            }
            match *import {
                TransferAction::ImportBackup { .. } => backup_imported(doc, result.result.clone()),
                TransferAction::ImportCsv {
                    checked: Some((basis, preview)),
                    ..
                } if Rc::ptr_eq(&basis, &result.basis.portfolio.accounts) => {
                    if preview.is_empty() {
                        Change::NONE
                    } else {
                        csv_imported(doc, result.result.clone(), &preview)
                    }
                }
                other => update(doc, other),
            }
        }
        TransferAction::BackupExported { at } => backup_exported(doc, at),
        TransferAction::ImportCsv {
            import,
            checked,
            at,
        } => {
            let preview = match checked {
                Some((basis, preview)) if Rc::ptr_eq(&basis, &doc.portfolio.accounts) => preview,
                // The accounts changed since (in another tab, say): checked again, so
                // that nothing is matched to an account that has gone.
                _ => Rc::new(import.preview(&doc.portfolio.accounts)),
            };
            if preview.is_empty() {
                return Change::NONE;
            }
            let next = run_to_end(Applying::new(doc, preview.clone(), at));
            csv_imported(doc, next, &preview)
        }
    }
}

/// Records the moment of a backup's export. Apart from [`update`]: the storage notices of
/// every screen offer the export, so this stays in the first download when the rest does not
/// (see `crate::area_updates`).
pub fn backup_exported(doc: &mut Document, at: String) -> Change {
    doc.settings.last_backup_at = Some(at);
    Change::MADE
}

/// Takes the document after a backup's import, undoable in one step; no change at all when
/// the data already held everything the backup brings.
fn backup_imported(doc: &mut Document, mut next: Document) -> Change {
    if imports_nothing(doc, &next) {
        return Change::NONE;
    }
    // The backup's own date of export says nothing about this browser's backups.
    next.settings
        .last_backup_at
        .clone_from(&doc.settings.last_backup_at);
    *doc = next;
    Change::undoable("Backup imported.")
}

/// Whether a backup's import that worked out `after` from `before` changes nothing worth a
/// revision, a save or an Undo: the backup's date of export, which is not taken, aside.
pub fn imports_nothing(before: &Document, after: &Document) -> bool {
    // Taken apart, so that a field added to the document is not forgotten here.
    let Document {
        grader,
        portfolio,
        settings,
        plans,
        prospects,
        next_id,
        classification_notice,
    } = after;
    let settings = Settings {
        last_backup_at: before.settings.last_backup_at.clone(),
        ..settings.clone()
    };
    *next_id == before.next_id
        && settings == before.settings
        && *portfolio == before.portfolio
        && *grader == before.grader
        && *plans == before.plans
        && *prospects == before.prospects
        && *classification_notice == before.classification_notice
}

/// Takes the document after a spreadsheet's import, undoable in one step.
fn csv_imported(doc: &mut Document, next: Document, preview: &CsvPreview) -> Change {
    *doc = next;
    let (added, updated) = (grouped(preview.added.len()), grouped(preview.updated.len()));
    Change::undoable(format!(
        "Imported from the spreadsheet: {added} added, {updated} updated."
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::backup::{export, parse};
    use crate::domain::demo::demo_accounts;

    const AT: &str = "2026-11-23T09:00:00.000Z";

    fn import_of(file: &Document, into: &Document) -> TransferAction {
        let incoming =
            parse(&export(file, AT, crate::domain::backup::Scope::Everything)).expect("a backup");
        TransferAction::ImportBackup {
            import: Rc::new(Prepared::new(into, incoming)),
            mode: Mode::Merge,
            restores_unreadable: false,
        }
    }

    #[test]
    fn merging_a_backup_a_second_time_changes_nothing_and_offers_no_undo() {
        let mut here = Document::default();
        here.portfolio.accounts = Rc::new(demo_accounts(1, AT));
        here.next_id = 1 + here.portfolio.accounts.len() as u64;
        here.settings.last_backup_at = Some("2026-11-01T08:00:00.000Z".into());
        let mut file = here.clone();
        Rc::make_mut(&mut file.portfolio.accounts)[0].notes = "From the file".into();
        file.settings.last_backup_at = Some(AT.into());

        let action = import_of(&file, &here);
        let first = update(&mut here, action);
        assert!(first.changed);
        assert_eq!(first.undo.as_deref(), Some("Backup imported."));
        assert_eq!(here.portfolio.accounts[0].notes, "From the file");
        let once = here.clone();

        let action = import_of(&file, &here);
        let again = update(&mut here, action);
        assert!(!again.changed, "nothing to save");
        assert_eq!(again.undo, None, "nothing to undo");
        assert_eq!(here, once);
        assert_eq!(
            here.settings.last_backup_at.as_deref(),
            Some("2026-11-01T08:00:00.000Z"),
            "the file's date of export is not this browser's"
        );
    }

    #[test]
    fn an_import_that_changes_only_the_date_of_export_imports_nothing() {
        let before = Document::default();
        let mut after = before.clone();
        after.settings.last_backup_at = Some(AT.into());
        assert!(imports_nothing(&before, &after));
        after.settings.currency = "EUR".into();
        assert!(!imports_nothing(&before, &after));
        let mut after = before.clone();
        after.next_id += 1;
        assert!(!imports_nothing(&before, &after));
    }
}
