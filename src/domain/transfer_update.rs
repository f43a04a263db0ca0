//! Bringing data in and out: a backup imported or exported, accounts from a spreadsheet.

use std::collections::HashMap;
use std::rc::Rc;

use super::accounts::{Account, AccountId};
use super::backup::{Mode, Prepared};
use super::change::Change;
use super::csv_import::{CsvImport, CsvPreview};
use super::schema::Document;

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

/// Applies `action` to `doc`. (Forgetting the unreadable text a backup replaces is the app
/// state's part: see `crate::state`.)
pub fn update(doc: &mut Document, action: TransferAction) -> Change {
    match action {
        TransferAction::ImportBackup { import, mode, .. } => {
            let before = &*doc;
            let mut next = import.apply(before, mode);
            // The backup's own date of export says nothing about this browser's backups.
            next.settings.last_backup_at = before.settings.last_backup_at.clone();
            *doc = next;
            Change::undoable("Backup imported.")
        }
        TransferAction::BackupExported { at } => {
            doc.settings.last_backup_at = Some(at);
            Change::MADE
        }
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
            let (added, updated) = (preview.added.len(), preview.updated.len());
            let mut accounts = Vec::with_capacity(added);
            for incoming in &preview.added {
                let mut a = Account::blank();
                a.id = doc.take_id();
                incoming.apply_to(&mut a);
                a.created_at.clone_from(&at);
                a.updated_at.clone_from(&at);
                if !incoming.ratings.is_empty() {
                    a.reviewed_at = Some(at.clone());
                }
                accounts.push(a);
            }
            let list = Rc::make_mut(&mut doc.portfolio.accounts);
            let index: HashMap<AccountId, usize> =
                list.iter().enumerate().map(|(i, a)| (a.id, i)).collect();
            for (id, incoming) in &preview.updated {
                if let Some(a) = index.get(id).map(|&i| &mut list[i]) {
                    let ratings = a.ratings.clone();
                    incoming.apply_to(a);
                    a.updated_at.clone_from(&at);
                    if a.ratings != ratings {
                        a.reviewed_at = Some(at.clone());
                    }
                }
            }
            list.extend(accounts);
            Change::undoable(format!(
                "Imported from the spreadsheet: {added} added, {updated} updated."
            ))
        }
    }
}
