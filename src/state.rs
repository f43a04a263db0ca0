//! The single app state: the document, its revisions, undo and the saving policy. Each area
//! of the document has its own actions and its own pure update beside its domain types
//! (`crate::domain::*_update`); the actions here nest them and add what is shared. Updates
//! are pure: storage and the clock are reached from components and effects, and their
//! results arrive here as actions.

use std::rc::Rc;

use yew::Reducible;

pub use crate::domain::grader_update::GraderAction;
pub use crate::domain::plan_update::PlanAction;
pub use crate::domain::portfolio_update::PortfolioAction;
pub use crate::domain::prospect_update::ProspectAction;
pub use crate::domain::settings_update::SettingsAction;
pub use crate::domain::share_update::ShareAction;
pub use crate::domain::snapshot_update::SnapshotAction;
pub use crate::domain::transfer_update::TransferAction;

use crate::area_updates;
use crate::domain::accounts::{Account, AccountForm, AccountId};
use crate::domain::backup::Scope;
use crate::domain::change::Change;
use crate::domain::history::{AssessmentId, TrendView};
use crate::domain::portfolio::ListQuery;
use crate::domain::removed::Removed;
use crate::domain::{grader_update, settings_update, transfer_update};
use crate::storage::reading::{Join, Removal};
use crate::storage::schema::{Document, LoadError};
use crate::storage::tab_merge;

/// Stored data that could not be read at start-up, kept so the user can take it away.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    pub explanation: String,
    pub raw: Rc<str>,
    /// Where a copy was put, or why no copy could be made.
    pub backup: Result<String, String>,
    /// True while the stored text exists nowhere else, or belongs to a newer version: then
    /// nothing is saved over it until the user chooses to discard it.
    pub keep_original: bool,
    /// Written by a newer version of the app, which owns it: it is never discarded from here.
    pub newer_version: bool,
}

impl Unreadable {
    pub fn new(error: &LoadError, raw: Rc<str>, backup: Result<String, String>) -> Self {
        Self {
            explanation: error.explanation(),
            keep_original: backup.is_err() || matches!(error, LoadError::NewerVersion(_)),
            newer_version: matches!(error, LoadError::NewerVersion(_)),
            raw,
            backup,
        }
    }
}

/// Another tab stored what this tab must not overwrite, or what was stored at start could not
/// be read (its reader did not download), so this tab stopped saving.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavingStopped {
    pub why: LoadError,
    /// The last revision saved: any later one is held in this tab only.
    pub at_revision: u64,
}

/// Something the user can take back right after doing it: the document as it was before and
/// as the change left it.
///
/// Taken back with nothing changed since, the document before comes back whole. A change
/// that only removed whole records (a deleted account with its plan, an assessment) stays on
/// offer through later changes, here and in other tabs, and is taken back by putting those
/// records back into the document as it is then ([`Removed`]), so that the later changes are
/// kept; it goes when none of them could come back any more. Any other undo is offered
/// until the next change only. The document's large parts are shared `Rc`s, so keeping both
/// costs little.
#[derive(Clone, Debug)]
pub struct Undo {
    pub before: Rc<Document>,
    pub after: Rc<Document>,
    /// The whole records the change removed, when that is all it did: taken back after other
    /// changes, they are put back into the document as it is then ([`Removed`]).
    pub removed: Option<(Rc<Removed>, Removal)>,
    /// What the notice offering it says.
    pub what: String,
    /// Offered until dismissed or the screen is left, not for a few seconds only: for an
    /// import or a deleted record ([`Action::undo_stays`]).
    pub stays: bool,
    /// Of a change another tab made (accounts it deleted): offered here without taking the
    /// focus from what the user is doing.
    pub from_another_tab: bool,
}

/// The same kept document is equal without looking inside it: the notice compares its undo
/// on every render. (`Rc`'s own `==` takes that shortcut only for types that are `Eq`.)
impl PartialEq for Undo {
    fn eq(&self, other: &Self) -> bool {
        let same = |a: &Rc<Document>, b: &Rc<Document>| Rc::ptr_eq(a, b) || a == b;
        self.what == other.what
            && self.stays == other.stays
            && self.from_another_tab == other.from_another_tab
            && same(&self.before, &other.before)
            && same(&self.after, &other.after)
            && match (&self.removed, &other.removed) {
                (Some((a, _)), Some((b, _))) => Rc::ptr_eq(a, b),
                (a, b) => a.is_none() && b.is_none(),
            }
    }
}

impl Undo {
    /// The undo of a change from `before` to `after`, whose notice says `what` and `stays`
    /// if the action's does ([`Action::undo_stays`]).
    fn of(stays: bool, before: Rc<Document>, after: &Document, what: String) -> Undo {
        // Worked out for an undo that stays only: the others go at the next change anyway.
        // Before the code that puts records back has arrived, the undo goes at the next
        // change too.
        let removed = stays
            .then(crate::storage::reading::reading)
            .flatten()
            .and_then(|reading| {
                let removal = reading.removal;
                (removal.between)(&before, after).map(|removed| (Rc::new(removed), removal))
            });
        Undo {
            before,
            after: Rc::new(after.clone()),
            removed,
            what,
            stays,
            from_another_tab: false,
        }
    }

    pub fn description(&self) -> String {
        self.what.clone()
    }

    /// `now` with this change taken back, if it can be.
    fn take_back_from(self, now: &Document) -> Option<Document> {
        if *now == *self.after {
            return Some(Rc::unwrap_or_clone(self.before));
        }
        self.removed
            .and_then(|(removed, removal)| (removal.put_back)(&removed, now))
    }

    /// Whether it can still be taken back from `now` (see [`Undo`]).
    fn can_take_back_from(&self, now: &Document) -> bool {
        *now == *self.after
            || self.removed.as_ref().is_some_and(|(removed, removal)| {
                (removal.could_come_back)(removed, now, &self.after)
            })
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct AppState {
    pub doc: Document,
    /// Grows with every change to `doc`; the persistence effect watches it.
    pub revision: u64,
    pub unreadable: Option<Unreadable>,
    /// Why the last save to the browser failed, while it keeps failing.
    pub save_problem: Option<String>,
    /// Saving was tried again at the user's asking while it was failing, and failed again:
    /// said, so that the click is seen to have done something.
    pub save_retried: bool,
    pub undo: Option<Undo>,
    /// The assessment saved last from the grader, to confirm it there.
    pub just_saved: Option<AssessmentId>,
    /// How the accounts list is filtered and sorted; kept while moving between screens.
    pub list_query: ListQuery,
    /// How History's chart is drawn; kept while moving between screens.
    pub trend_view: TrendView,
    /// Set when another tab's changes were loaded into this one.
    pub synced_from_other_tab: bool,
    /// Set when an import under way was stopped because its screen was left; until read.
    pub import_stopped_by_leaving: bool,
    /// Set when another tab stored a value this build cannot read, or when the reader of
    /// stored data did not download at start; never cleared but by a reload.
    pub saving_stopped: Option<SavingStopped>,
    /// Accounts of this tab's that took new ids when joined with another tab's (old, new),
    /// so that a screen showing one follows it.
    pub moved_accounts: Rc<Vec<(AccountId, AccountId)>>,
    /// Account forms left with unsaved typing, so that coming back finds the typing. Not
    /// part of the document.
    pub account_drafts: Vec<AccountDraft>,
    /// Whether a plan printed from its read view leaves out its empty sections; kept while
    /// the app is open, not stored.
    pub print_filled_only: bool,
    /// Changes whose area's update has not arrived yet (on the web, before the code of the
    /// screens that make them: see `crate::area_updates`), in the order they were asked for;
    /// `Action::ApplyWaiting` makes them once it has.
    pub waiting: Vec<Action>,
    /// How many times a change started waiting; it only grows. What fetches the code that
    /// waiting changes need watches it: the length of `waiting` can go from one to none and
    /// back to one between two renders, and would then not be seen to change.
    pub waits: u64,
    /// Waiting changes dropped because a change made before them replaced the whole
    /// document: they were asked for on the data it replaced. Said until read.
    pub waiting_dropped: usize,
    /// Another tab stored something this tab cannot read before its reader of stored data
    /// has arrived (`crate::storage::reading`): nothing is saved over it meanwhile, and what
    /// fetches the reader watches this.
    pub other_tab_unread: bool,
    /// A save waits for the writer's download (`crate::storage::writing`): the document
    /// holds changes that are only in this tab until it arrives.
    pub save_awaits_writer: bool,
}

/// Typing left unsaved in an account form.
#[derive(Clone, Debug, PartialEq)]
pub struct AccountDraft {
    /// The account the form edits; `None` for a new one.
    pub target: Option<AccountId>,
    /// The saved details the typing started from. Once they change (in another tab, by an
    /// import that reuses the id), the typing no longer applies to them and is not offered.
    pub base: AccountForm,
    pub form: AccountForm,
}

/// Every change the app can make to its state: a change to one area of the document, or
/// one of the changes shared by all of them.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Grader(GraderAction),
    Portfolio(PortfolioAction),
    Snapshot(SnapshotAction),
    Plan(PlanAction),
    Prospect(ProspectAction),
    Settings(SettingsAction),
    Share(ShareAction),
    Transfer(TransferAction),
    SetListQuery(ListQuery),
    SetTrendView(TrendView),
    Undo,
    DismissUndo,
    DismissUnreadable,
    SaveFailed(String),
    SaveSucceeded,
    /// Keeps an account form's unsaved typing, replacing any kept before for that form.
    KeepAccountDraft(Box<AccountDraft>),
    /// Forgets the unsaved typing of the form for this account (`None`: a new one).
    DropAccountDraft(Option<AccountId>),
    /// Whether printed plans leave out their empty sections.
    SetPrintFilledOnly(bool),
    /// Another tab saved `theirs`, starting from `base`: join it with this tab's changes
    /// since `base`. What `theirs` already holds is stored and is not saved again. The join
    /// comes with the reader that read `theirs` (`crate::storage::reading`).
    OtherTabSaved {
        base: Box<Document>,
        theirs: Box<Document>,
        join: Join,
    },
    /// Another tab stored something that this tab reads once its reader of stored data has
    /// arrived.
    OtherTabNotRead,
    /// Looked again once the reader arrived, and another tab's value had gone: save what this
    /// tab holds.
    OtherTabGone,
    /// Another tab stored a value this build cannot read: stop saving for good. Changes
    /// after revision `saved_through` were not saved.
    StopSaving {
        why: LoadError,
        saved_through: u64,
    },
    /// The user chose to let the unreadable stored value go; saving starts again.
    DiscardUnreadable,
    DismissSyncNotice,
    /// An import under way stopped, having changed nothing, because its screen was left.
    ImportStoppedByLeaving,
    DismissImportStopped,
    DismissWaitingDropped,
    /// The user asks to try saving again while saving fails (the storage module having been
    /// told to try even a text as long as one refused): the document as it is, saved again.
    RetrySave,
    /// A save found the writer not here yet; it is being fetched.
    SaveAwaitsWriter,
    /// The writer has arrived: the document is saved again.
    WriterArrived,
    /// The user has read what the upgrade to schema version 4 changed.
    DismissClassificationNotice,
    /// Makes the changes that were waiting for their area's update, now that it has arrived.
    ApplyWaiting,
}

impl Action {
    /// Whether its Undo stays on offer until dismissed or the screen is left, not for a few
    /// seconds ([`Undo::stays`]): an import, looked over before it is judged, and the deletion of a
    /// whole record (an account with its ratings and plan, a plan, a template, a saved
    /// assessment, a prospect's result, a snapshot, the demo accounts), whose loss the user
    /// may only notice once a timed notice would have gone. A change within a record
    /// (answers cleared or replaced, a plan's section removed) is seen where it is made, and
    /// its notice goes by itself.
    pub fn undo_stays(&self) -> bool {
        matches!(
            self,
            Action::Grader(GraderAction::DeleteAssessment(_))
                | Action::Portfolio(
                    PortfolioAction::DeleteAccount(_) | PortfolioAction::RemoveDemoAccounts
                )
                | Action::Snapshot(SnapshotAction::DeleteSnapshot(_))
                | Action::Plan(PlanAction::DeletePlan(_) | PlanAction::DeleteTemplate(_))
                | Action::Prospect(ProspectAction::DeleteProspect(_))
        ) || matches!(self, Action::Transfer(t) if t.is_import())
    }

    /// Whether the undo offered is not ended by this action before it is applied: these change
    /// no part of the document (and should one ever do, `AppState::apply` ends the offer all
    /// the same unless it outlives changes, see [`Undo`]), but for another tab's save, whose
    /// join decides ([`AppState::join_other_tab`]).
    pub fn keeps_undo(&self) -> bool {
        matches!(
            self,
            Action::Undo
                | Action::DismissUndo
                | Action::DismissUnreadable
                | Action::SaveFailed(_)
                | Action::SaveSucceeded
                | Action::SetListQuery(_)
                | Action::SetTrendView(_)
                | Action::DismissSyncNotice
                | Action::ImportStoppedByLeaving
                | Action::DismissImportStopped
                | Action::DismissWaitingDropped
                | Action::RetrySave
                | Action::SaveAwaitsWriter
                | Action::WriterArrived
                | Action::StopSaving { .. }
                | Action::OtherTabNotRead
                | Action::OtherTabGone
                | Action::KeepAccountDraft(_)
                | Action::DropAccountDraft(_)
                | Action::SetPrintFilledOnly(_)
                | Action::OtherTabSaved { .. }
                // Each change it makes is undone or ends the offer on its own.
                | Action::ApplyWaiting
        )
    }
}

impl AppState {
    pub fn with_document(doc: Document) -> Self {
        Self {
            doc,
            ..Self::default()
        }
    }

    /// True while what this tab changes does not reach storage: a save failed, another tab's
    /// value waits for the reader, or saving is paused. A change is then kept in this tab only.
    pub fn not_storing(&self) -> bool {
        self.save_problem.is_some() || self.other_tab_unread || self.saving_paused()
    }

    /// True when data is stored that this tab could not read at start (the part of the app
    /// that reads it did not arrive): the screens' "nothing yet" would not be true.
    pub fn stored_data_unread(&self) -> bool {
        self.saving_stopped
            .as_ref()
            .is_some_and(|stopped| stopped.why == LoadError::ReaderNotDownloaded)
    }

    /// What an export from this tab holds: everything stored, or only this tab's own data when
    /// saving has stopped or another tab stored a value this one has not read yet.
    pub fn export_scope(&self) -> Scope {
        if self.stored_data_unread() {
            Scope::ThisTab { read_stored: false }
        } else if self.saving_stopped.is_some() || self.other_tab_unread {
            Scope::ThisTab { read_stored: true }
        } else {
            Scope::Everything
        }
    }

    /// True while nothing may be written to storage: another tab stored what this build
    /// cannot read, or the unreadable value found at start-up exists nowhere else.
    pub fn saving_paused(&self) -> bool {
        self.saving_stopped.is_some() || self.unreadable.as_ref().is_some_and(|u| u.keep_original)
    }

    /// True when this tab holds changes that are not in storage, which a reload would lose.
    pub fn has_unsaved_changes(&self) -> bool {
        let paused_since = match (&self.saving_stopped, &self.unreadable) {
            (Some(stopped), _) => Some(stopped.at_revision),
            (None, Some(u)) if u.keep_original => Some(0),
            _ => None,
        };
        (self.save_problem.is_some() && self.revision > 0)
            || paused_since.is_some_and(|at| self.revision > at)
            || !self.waiting.is_empty()
            || self.other_tab_unread
            || self.save_awaits_writer
    }

    fn changed(&mut self) {
        self.revision += 1;
    }

    pub fn account(&self, id: AccountId) -> Option<&Account> {
        self.doc.portfolio.accounts.iter().find(|a| a.id == id)
    }

    /// The unsaved typing of the form for `target`, if it started from the details saved
    /// now.
    pub fn account_draft(
        &self,
        target: Option<AccountId>,
        saved: &AccountForm,
    ) -> Option<&AccountForm> {
        self.account_drafts
            .iter()
            .find(|d| d.target == target && d.base == *saved)
            .map(|d| &d.form)
    }

    /// Applies `action`; returns what the notice offering to undo it says, if it can be
    /// undone.
    fn apply(&mut self, action: Action) -> Option<String> {
        if !action.keeps_undo() && !self.undo_outlives_changes() {
            self.undo = None;
        }
        let change = match action {
            Action::Grader(action) => self.update_grader(action),
            Action::Portfolio(action) => {
                self.through(area_updates::portfolio(), action, Action::Portfolio)
            }
            Action::Snapshot(action) => {
                self.through(area_updates::snapshot(), action, Action::Snapshot)
            }
            Action::Plan(action) => self.through(area_updates::plan(), action, Action::Plan),
            Action::Prospect(action) => {
                self.through(area_updates::prospect(), action, Action::Prospect)
            }
            Action::Settings(action) => settings_update::update(&mut self.doc, action),
            Action::Share(action) => self.through(area_updates::share(), action, Action::Share),
            Action::Transfer(TransferAction::BackupExported { at }) => {
                transfer_update::backup_exported(&mut self.doc, at)
            }
            Action::Transfer(action) => match area_updates::transfer() {
                Some(update) if self.waiting.is_empty() => {
                    let restores_unreadable = action.backup_import() == Some(true);
                    if action.backup_import().is_some() {
                        self.just_saved = None;
                    }
                    let change = update(&mut self.doc, action);
                    if restores_unreadable {
                        self.unreadable = None;
                        // Saved even when it holds nothing new: the unreadable text it
                        // takes the place of is still stored.
                        saved_anyway(change)
                    } else {
                        change
                    }
                }
                _ => self.wait(Action::Transfer(action)),
            },
            Action::ApplyWaiting => {
                // In the order they were asked for: the first that must wait again keeps
                // every later one waiting behind it.
                let mut queue = std::mem::take(&mut self.waiting).into_iter();
                while let Some(action) = queue.next() {
                    let before = Rc::new(self.doc.clone());
                    let replaces = matches!(&action, Action::Transfer(t) if t.replaces_document());
                    let stays = action.undo_stays();
                    if let Some(what) = self.apply(action) {
                        self.undo = Some(Undo::of(stays, before.clone(), &self.doc, what));
                    }
                    if !self.waiting.is_empty() {
                        self.waiting.extend(queue);
                        break;
                    }
                    // Those asked for later name the records of the document it replaced:
                    // by their ids they would change whatever now has them.
                    if replaces && self.doc != *before {
                        self.waiting_dropped += queue.len();
                        break;
                    }
                }
                Change::NONE
            }
            Action::SetPrintFilledOnly(on) => {
                self.print_filled_only = on;
                Change::NONE
            }
            Action::SetListQuery(query) => {
                self.list_query = self.list_query.followed_by(query);
                Change::NONE
            }
            Action::SetTrendView(view) => {
                self.trend_view = view;
                Change::NONE
            }
            Action::Undo => {
                if let Some(doc) = self.undo.take().and_then(|u| u.take_back_from(&self.doc)) {
                    // Ids handed out since stay used: something may still refer to them (an
                    // address, a history entry), and ids are never reused.
                    let next_id = self.doc.next_id.max(doc.next_id);
                    self.doc = doc;
                    self.doc.next_id = next_id;
                    self.changed();
                }
                Change::NONE
            }
            Action::DismissUndo => {
                self.undo = None;
                Change::NONE
            }
            // While the original is kept, the notice is what says that nothing is saved.
            Action::DismissUnreadable => {
                if self.unreadable.as_ref().is_some_and(|u| !u.keep_original) {
                    self.unreadable = None;
                }
                Change::NONE
            }
            Action::SaveFailed(why) => {
                self.save_problem = Some(why);
                Change::NONE
            }
            Action::SaveSucceeded => {
                self.save_problem = None;
                self.save_retried = false;
                Change::NONE
            }
            Action::OtherTabSaved { base, theirs, join } => {
                self.other_tab_unread = false;
                self.join_other_tab(join, &base, *theirs);
                Change::NONE
            }
            Action::OtherTabNotRead => {
                self.other_tab_unread = true;
                Change::NONE
            }
            Action::OtherTabGone => {
                self.other_tab_unread = false;
                if !self.saving_paused() {
                    self.changed();
                }
                Change::NONE
            }
            Action::StopSaving { why, saved_through } => {
                self.other_tab_unread = false;
                if self.saving_stopped.is_none() {
                    self.saving_stopped = Some(SavingStopped {
                        why,
                        at_revision: saved_through,
                    });
                }
                Change::NONE
            }
            Action::DiscardUnreadable => {
                Change::made_if(self.unreadable.take_if(|u| !u.newer_version).is_some())
            }
            Action::DismissSyncNotice => {
                self.synced_from_other_tab = false;
                Change::NONE
            }
            Action::ImportStoppedByLeaving => {
                self.import_stopped_by_leaving = true;
                Change::NONE
            }
            Action::DismissImportStopped => {
                self.import_stopped_by_leaving = false;
                Change::NONE
            }
            Action::DismissWaitingDropped => {
                self.waiting_dropped = 0;
                Change::NONE
            }
            Action::SaveAwaitsWriter => {
                self.save_awaits_writer = true;
                Change::NONE
            }
            Action::WriterArrived => {
                if std::mem::take(&mut self.save_awaits_writer) {
                    self.changed();
                }
                Change::NONE
            }
            Action::RetrySave => {
                // While saving is paused nothing would be tried, and a new revision would
                // only count as a change that a reload loses.
                if self.save_problem.is_some() && !self.saving_paused() {
                    self.save_retried = true;
                    self.changed();
                }
                Change::NONE
            }
            Action::DismissClassificationNotice => {
                self.doc.classification_notice = None;
                Change::MADE
            }
            Action::KeepAccountDraft(draft) => {
                self.account_drafts.retain(|d| d.target != draft.target);
                self.account_drafts.push(*draft);
                Change::NONE
            }
            Action::DropAccountDraft(target) => {
                self.account_drafts.retain(|d| d.target != target);
                Change::NONE
            }
        };
        if change.changed {
            if !self.undo_outlives_changes() {
                self.undo = None;
            }
            self.changed();
            self.end_undo_that_cannot_be_taken_back();
        }
        change.undo
    }

    /// Whether the undo offered stays offered when the document changes: one that only
    /// removed whole records ([`Undo`]). Any other is for the change just made, and its
    /// notice goes by itself.
    fn undo_outlives_changes(&self) -> bool {
        self.undo
            .as_ref()
            .is_some_and(|undo| undo.removed.is_some())
    }

    /// Ends the offer once nothing it would put back can come back (their places taken since,
    /// or back already): the notice would otherwise promise what Undo cannot do.
    fn end_undo_that_cannot_be_taken_back(&mut self) {
        if self
            .undo
            .as_ref()
            .is_some_and(|undo| !undo.can_take_back_from(&self.doc))
        {
            self.undo = None;
        }
    }

    /// `action` made by `update` when it has arrived, else kept (as `wrap` makes it an
    /// `Action`) until it has.
    fn through<A>(
        &mut self,
        update: Option<fn(&mut Document, A) -> Change>,
        action: A,
        wrap: fn(A) -> Action,
    ) -> Change {
        match update {
            // Behind an earlier action that waits, a later one waits too, so that they are
            // made in the order they were asked for.
            Some(update) if self.waiting.is_empty() => update(&mut self.doc, action),
            _ => self.wait(wrap(action)),
        }
    }

    fn wait(&mut self, action: Action) -> Change {
        self.waiting.push(action);
        self.waits += 1;
        Change::NONE
    }

    /// A change to the grader, and which assessment the grader confirms as just saved.
    fn update_grader(&mut self, action: GraderAction) -> Change {
        let effect = match &action {
            GraderAction::SaveAssessment { .. } => Some(Some(self.doc.next_id)),
            GraderAction::DeleteAssessment(id) if self.just_saved == Some(*id) => Some(None),
            GraderAction::DeleteAssessment(_) | GraderAction::EditAssessment { .. } => None,
            _ => Some(None),
        };
        let change = grader_update::update(&mut self.doc, action);
        if let (true, Some(just_saved)) = (change.changed, effect) {
            self.just_saved = just_saved;
        }
        change
    }

    /// Points what names accounts that took new ids (old id, new id) at them: the forms' kept
    /// typing, the changes still waiting, and (through `moved_accounts`) the screen shown.
    fn follow_moved(&mut self, moved_accounts: Vec<(AccountId, AccountId)>) {
        if moved_accounts.is_empty() {
            return;
        }
        for draft in &mut self.account_drafts {
            let moved = moved_accounts
                .iter()
                .find(|(from, _)| Some(*from) == draft.target);
            if let Some(&(_, to)) = moved {
                draft.target = Some(to);
            }
        }
        // A change still waiting was asked for on this tab's accounts: it follows them too.
        for action in &mut self.waiting {
            follow_moved_accounts(action, &moved_accounts);
        }
        self.moved_accounts = Rc::new(moved_accounts);
    }

    /// Joins what another tab saved (`theirs`, starting from `base`) with this tab's changes.
    fn join_other_tab(&mut self, join: Join, base: &Document, theirs: Document) {
        let tab_merge::Joined {
            doc: merged,
            moved_accounts,
        } = join.join(base, &self.doc, &theirs);
        // An undo offered here is kept only if it can be taken back over the other tab's
        // changes (see `Undo`). Else accounts the other tab deleted are offered back here
        // too, so that whoever looks at one here is told, and has a way back, without going
        // to the tab that deleted it.
        if !self.undo_outlives_changes() {
            // The reader that read `theirs` has arrived, and this code with it.
            self.undo = crate::storage::reading::reading()
                .and_then(|reading| deleted_elsewhere(&self.doc, &merged, reading.removal));
        }
        self.follow_moved(moved_accounts);
        if merged != self.doc {
            self.synced_from_other_tab = true;
            self.just_saved = None;
        }
        let keeps_changes_of_ours = merged != theirs;
        self.doc = merged;
        self.end_undo_that_cannot_be_taken_back();
        if keeps_changes_of_ours {
            self.changed();
        } else {
            // Everything this tab holds is stored now.
            self.save_problem = None;
            self.save_retried = false;
        }
        // The other tab wrote over the text kept unread here: there is nothing left
        // to keep, and saving can go on.
        if self.unreadable.as_ref().is_some_and(|u| u.keep_original) {
            self.unreadable = None;
        }
    }
}

/// The undo of the accounts of `before` that `after` (another tab's changes joined in) no
/// longer has, if any: put back in their places, with their plans.
fn deleted_elsewhere(before: &Document, after: &Document, removal: Removal) -> Option<Undo> {
    let gone = (removal.accounts_gone)(before, after)?;
    let what = match gone.accounts() {
        (1, Some(name)) => format!("{name} was deleted in another tab."),
        (n, _) => format!("{n} accounts were deleted in another tab."),
    };
    Some(Undo {
        before: Rc::new((removal.put_back)(&gone, after)?),
        after: Rc::new(after.clone()),
        removed: Some((Rc::new(gone), removal)),
        what,
        stays: true,
        from_another_tab: true,
    })
}

/// `change`, saved even if it changed nothing.
fn saved_anyway(change: Change) -> Change {
    Change {
        changed: true,
        ..change
    }
}

/// Points `action` at the new ids of the accounts in `moved` (old id, new id) that it names.
fn follow_moved_accounts(action: &mut Action, moved: &[(AccountId, AccountId)]) {
    let id = match action {
        Action::Portfolio(
            PortfolioAction::UpdateAccount { id, .. }
            | PortfolioAction::DeleteAccount(id)
            | PortfolioAction::Rate { id, .. }
            | PortfolioAction::SetMarket { id, .. }
            | PortfolioAction::ConfirmRatings { id, .. },
        )
        | Action::Plan(PlanAction::CreatePlan { account: id, .. })
        | Action::Share(ShareAction::UpdateSharedCopy { id, .. }) => id,
        _ => return,
    };
    if let Some(&(_, to)) = moved.iter().find(|(from, _)| from == id) {
        *id = to;
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        let stays = action.undo_stays();
        if let Some(what) = next.apply(action) {
            // The state before the change still holds the document as it was.
            next.undo = Some(Undo::of(stays, Rc::new(self.doc.clone()), &next.doc, what));
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::accounts::{CopySource, ValidAccount};
    use crate::domain::bcg::BcgThresholds;
    use crate::domain::demo::demo_accounts;
    use crate::domain::grader::grade;
    use crate::domain::grader::{Answer, Answers};
    use crate::domain::history::{SavedAssessment, ValidDetails};
    use crate::domain::plans::{Content, Plan, SectionKind, BUILT_IN_TEMPLATE};
    use crate::domain::practices::PracticeId;
    use crate::domain::rating::{Axis, CriterionId};
    use crate::domain::settings::{Settings, SettingsSection, Theme};

    fn reduce(state: AppState, actions: impl IntoIterator<Item = Action>) -> AppState {
        let mut state = Rc::new(state);
        for a in actions {
            state = state.reduce(a);
        }
        Rc::try_unwrap(state).unwrap()
    }

    const AT: &str = "2026-11-23T09:00:00.000Z";

    #[test]
    fn a_deleted_record_s_undo_stays_and_a_change_within_one_goes_by_itself() {
        for stays in [
            Action::Grader(GraderAction::DeleteAssessment(1)),
            Action::Portfolio(PortfolioAction::DeleteAccount(1)),
            Action::Portfolio(PortfolioAction::RemoveDemoAccounts),
            Action::Snapshot(SnapshotAction::DeleteSnapshot(1)),
            Action::Plan(PlanAction::DeletePlan(1)),
            Action::Plan(PlanAction::DeleteTemplate(1)),
            Action::Prospect(ProspectAction::DeleteProspect(1)),
        ] {
            assert!(stays.undo_stays(), "{stays:?}");
        }
        for goes in [
            Action::Grader(GraderAction::ClearAnswers),
            Action::Grader(GraderAction::Answer(PracticeId::GrowthGoals, Answer::Yes)),
        ] {
            assert!(!goes.undo_stays(), "{goes:?}");
        }
    }

    #[test]
    fn changes_made_before_the_writer_arrives_are_unsaved_until_it_does_then_saved_again() {
        let s = reduce(
            AppState::default(),
            [Action::Grader(GraderAction::Answer(
                PracticeId::GrowthGoals,
                Answer::Yes,
            ))],
        );
        assert!(!s.has_unsaved_changes());
        let waiting = reduce(s.clone(), [Action::SaveAwaitsWriter]);
        // Closing the tab now would lose the answer: the page asks first.
        assert!(waiting.has_unsaved_changes());
        assert_eq!(waiting.revision, s.revision);
        let arrived = reduce(waiting, [Action::WriterArrived]);
        assert!(!arrived.save_awaits_writer && !arrived.has_unsaved_changes());
        assert_eq!(
            arrived.revision,
            s.revision + 1,
            "a new revision, which saves again"
        );
        // An arrival nothing waited for saves nothing.
        assert_eq!(
            reduce(arrived.clone(), [Action::WriterArrived]).revision,
            arrived.revision
        );
    }

    #[test]
    fn a_kept_copy_remembers_its_source_and_updates_in_place_in_one_undoable_step() {
        use crate::domain::plans::built_in_template;
        use crate::domain::quadrant::Thresholds;
        use crate::domain::rating::Weights;
        use crate::domain::share::{shared_account, Privacy};
        let mut sender = demo_accounts(1, AT).remove(0);
        let mut plan = Plan::new(9, sender.id, BUILT_IN_TEMPLATE, AT);
        plan.write("vision", "Vision", Content::Text("Grow".into()), AT);
        let link = |a: &Account, p: &Plan| {
            Box::new(shared_account(
                a,
                "USD",
                &Weights::default(),
                Thresholds::default(),
                Some((built_in_template(), p.clone())),
                Privacy::default(),
            ))
        };
        let first = link(&sender, &plan);
        let s = reduce(
            AppState::default(),
            [Action::Share(ShareAction::ImportSharedAccount {
                shared: first.clone(),
                at: AT.into(),
            })],
        );
        let copy = s.doc.portfolio.accounts[0].clone();
        assert_eq!(copy.manager, sender.manager, "the copy says who manages it");
        let copied = |link: &crate::domain::share::SharedAccount, at: &str| {
            link.source.clone().map(|s| CopySource {
                copied_at: at.into(),
                ..s
            })
        };
        assert_eq!(copy.copied_from, copied(&first, AT));

        sender.ratings.set(CriterionId::NeedsFit, Some(1));
        sender.updated_at = "2026-12-01T00:00:00Z".into();
        plan.write(
            "vision",
            "Vision",
            Content::Text("Grow fast".into()),
            "2026-12-01T00:00:00Z",
        );
        let newer = link(&sender, &plan);
        let s = reduce(
            s,
            [Action::Share(ShareAction::UpdateSharedCopy {
                id: copy.id,
                shared: newer.clone(),
                at: "2026-12-02T00:00:00Z".into(),
            })],
        );
        assert_eq!(s.doc.portfolio.accounts.len(), 1, "no second copy");
        let updated = &s.doc.portfolio.accounts[0];
        assert_eq!(updated.ratings.get(CriterionId::NeedsFit), Some(1));
        assert_eq!(updated.copied_from, copied(&newer, "2026-12-02T00:00:00Z"));
        assert_eq!(s.doc.plans.plans.len(), 1);
        let kept = s.doc.plans.plan_for(copy.id).unwrap();
        assert_eq!(kept.sections[0].content, Content::Text("Grow fast".into()));
        assert_eq!(
            s.undo.as_ref().unwrap().description(),
            format!("Updated your copy of {}.", copy.name)
        );
        let s = reduce(s, [Action::Undo]);
        assert_eq!(s.doc.portfolio.accounts[0], copy);
        let kept = s.doc.plans.plan_for(copy.id).unwrap();
        assert_eq!(kept.sections[0].content, Content::Text("Grow".into()));
    }

    #[test]
    fn updating_a_copy_keeps_its_own_name_and_the_stakeholders_names_the_link_left_out() {
        use crate::domain::plans::{built_in_template, Stakeholder};
        use crate::domain::quadrant::Thresholds;
        use crate::domain::rating::Weights;
        use crate::domain::share::{shared_account, Privacy};
        let mut sender = demo_accounts(1, AT).remove(0);
        let people = |next: &str| {
            Content::Stakeholders(vec![Stakeholder {
                name: "Ann Lee".into(),
                next_step: next.into(),
                ..Stakeholder::default()
            }])
        };
        let mut plan = Plan::new(9, sender.id, BUILT_IN_TEMPLATE, AT);
        plan.write("relationships", "Rel", people("Lunch"), AT);
        // Names left out, as colleague links do by default.
        let link = |a: &Account, p: &Plan| {
            Box::new(shared_account(
                a,
                "USD",
                &Weights::default(),
                Thresholds::default(),
                Some((built_in_template(), p.clone())),
                Privacy {
                    without_stakeholder_names: true,
                    ..Privacy::default()
                },
            ))
        };
        let mut own = demo_accounts(1, AT).remove(0);
        own.name = sender.name.clone();
        own.demo = false;
        let mut state = AppState::default();
        Rc::make_mut(&mut state.doc.portfolio.accounts).push(own);
        state.doc.next_id = 100;
        let s = reduce(
            state,
            [Action::Share(ShareAction::ImportSharedAccount {
                shared: link(&sender, &plan),
                at: AT.into(),
            })],
        );
        let copy = s.doc.portfolio.accounts[1].clone();
        assert_eq!(copy.name, format!("{} 2", sender.name));
        // The colleague names the person in their copy, as the link named no one.
        let copy_plan = s.doc.plans.plan_for(copy.id).unwrap().id;
        let s = reduce(
            s,
            [Action::Plan(PlanAction::WritePlan {
                plan: copy_plan,
                key: "relationships".into(),
                title: "Rel".into(),
                content: people("Lunch"),
                at: "2026-11-24T00:00:00Z".into(),
                removes_row: false,
            })],
        );

        sender.tier = crate::domain::accounts::Tier::C;
        sender.updated_at = "2026-12-01T00:00:00Z".into();
        plan.write(
            "relationships",
            "Rel",
            people("Dinner"),
            "2026-12-01T00:00:00Z",
        );
        let newer = link(&sender, &plan);
        let s = reduce(
            s,
            [Action::Share(ShareAction::UpdateSharedCopy {
                id: copy.id,
                shared: newer,
                at: "2026-12-02T00:00:00Z".into(),
            })],
        );
        let updated = s.account(copy.id).unwrap();
        assert_eq!(
            updated.name, copy.name,
            "no second account of the same name"
        );
        assert_eq!(updated.tier, crate::domain::accounts::Tier::C);
        let kept = s.doc.plans.plan_for(copy.id).unwrap();
        assert_eq!(kept.sections[0].content, {
            let mut p = people("Dinner");
            if let Content::Stakeholders(rows) = &mut p {
                rows[0].name = "Ann Lee".into();
            }
            p
        });
    }

    #[test]
    fn a_spreadsheet_import_adds_and_updates_and_undoes_in_one_step() {
        use crate::domain::csv_import::{guess_mapping, read_table, CsvImport, RememberedMapping};
        let table = Rc::new(read_table(b"Name,Tier,Needs fit\nAcme,A,4\nBeta,B,\n").unwrap());
        let mapping = guess_mapping(&table.headers, &RememberedMapping::default());
        let import = Rc::new(CsvImport {
            table,
            mapping,
            mark: Default::default(),
            tiers: Default::default(),
        });
        let form = |name: &str| ValidAccount {
            name: name.into(),
            industry: String::new(),
            manager: String::new(),
            revenue: None,
            tier: crate::domain::accounts::Tier::C,
            notes: String::new(),
        };
        let s = reduce(
            AppState::default(),
            [
                Action::Portfolio(PortfolioAction::AddAccount {
                    account: form("acme"),
                    at: AT.into(),
                }),
                Action::Transfer(TransferAction::ImportCsv {
                    checked: None,
                    import: import.clone(),
                    at: AT.into(),
                }),
            ],
        );
        let accounts = &s.doc.portfolio.accounts;
        assert_eq!(accounts.len(), 2);
        // Matched by the name rule, the account keeps its name as written here.
        assert_eq!(accounts[0].name, "acme");
        assert_eq!(accounts[0].tier, crate::domain::accounts::Tier::A);
        assert_eq!(accounts[0].ratings.get(CriterionId::NeedsFit), Some(4));
        assert_eq!(accounts[0].reviewed_at.as_deref(), Some(AT));
        assert_eq!(accounts[1].name, "Beta");
        let undo = s.undo.as_ref().unwrap();
        assert!(undo.description().contains("1 added, 1 updated"));
        // An import's Undo stays on offer until dismissed, and so does a deleted account's,
        // which may hold ratings and a plan; a smaller change's goes by itself.
        assert!(undo.stays);
        let deleted = reduce(
            s.clone(),
            [Action::Portfolio(PortfolioAction::DeleteAccount(
                s.doc.portfolio.accounts[1].id,
            ))],
        );
        assert!(deleted.undo.as_ref().unwrap().stays);
        let cleared = reduce(
            s.clone(),
            [
                Action::Grader(GraderAction::Answer(PracticeId::GrowthGoals, Answer::Yes)),
                Action::Grader(GraderAction::ClearAnswers),
            ],
        );
        assert!(!cleared.undo.as_ref().unwrap().stays);
        let s = reduce(s, [Action::Undo]);
        assert_eq!(s.doc.portfolio.accounts.len(), 1);
        assert_eq!(s.doc.portfolio.accounts[0].name, "acme");
        // Importing again after the undo does the same again.
        let s = reduce(
            s,
            [Action::Transfer(TransferAction::ImportCsv {
                checked: None,
                import,
                at: AT.into(),
            })],
        );
        assert_eq!(s.doc.portfolio.accounts.len(), 2);
    }

    /// A backup of Acme (changed) and Birch, read and matched against `doc`.
    fn backup_for(doc: &Document) -> Rc<crate::domain::backup::Prepared> {
        use crate::domain::backup::{Incoming, Prepared, Source};
        let mut there = Document::default();
        let mut accounts = demo_accounts(1, AT);
        accounts.truncate(2);
        accounts[0].name = "Acme".into();
        accounts[0].industry = "From the file".into();
        accounts[1].name = "Birch".into();
        there.portfolio.accounts = Rc::new(accounts);
        there.next_id = 3;
        let incoming = Incoming {
            doc: there,
            dropped: vec![],
            source: Source::Backup,
        };
        Rc::new(Prepared::new(doc, incoming))
    }

    fn acme() -> ValidAccount {
        ValidAccount {
            name: "Acme".into(),
            industry: String::new(),
            manager: String::new(),
            revenue: None,
            tier: crate::domain::accounts::Tier::C,
            notes: String::new(),
        }
    }

    #[test]
    fn an_import_worked_out_beforehand_is_taken_while_the_data_is_what_it_was_worked_out_from() {
        use crate::domain::backup::{Merging, Mode};
        use crate::domain::transfer_update::WorkedOut;
        use crate::support::sliced::run_in_slices;
        let mut start = reduce(
            AppState::default(),
            [Action::Portfolio(PortfolioAction::AddAccount {
                account: acme(),
                at: AT.into(),
            })],
        );
        start.doc.settings.last_backup_at = Some(AT.into());
        let import = backup_for(&start.doc);
        let transfer = TransferAction::ImportBackup {
            import: import.clone(),
            mode: Mode::Merge,
            restores_unreadable: false,
        };
        let action = Action::Transfer(transfer.clone());
        let in_one_go = reduce(start.clone(), [action.clone()]);
        let basis = start.doc.clone();
        let (mut result, _) = run_in_slices(Merging::new(&basis, import, Mode::Merge), 1);
        // A mark only the worked-out result carries: it shows the result is taken as it is,
        // not worked out again in the reducer.
        result.settings.currency = "XTS".into();
        let worked_out = Action::Transfer(TransferAction::ImportWorkedOut {
            import: Box::new(transfer),
            result: Rc::new(WorkedOut { basis, result }),
        });
        let taken = reduce(start.clone(), [worked_out.clone()]);
        assert_eq!(taken.doc.settings.currency, "XTS");
        let mut unmarked = taken.doc.clone();
        unmarked
            .settings
            .currency
            .clone_from(&in_one_go.doc.settings.currency);
        assert_eq!(unmarked, in_one_go.doc);
        assert_eq!(taken.doc.portfolio.accounts[0].industry, "From the file");
        assert_eq!(taken.doc.settings.last_backup_at.as_deref(), Some(AT));
        // The same undo, but for the mark in the document it leaves.
        let before = |s: &AppState| s.undo.as_ref().map(|u| (u.before.clone(), u.stays));
        assert_eq!(before(&taken), before(&in_one_go));
        assert_eq!(
            taken.undo.as_ref().unwrap().description(),
            "Backup imported."
        );
        assert_eq!(taken.revision, start.revision + 1);
        // Undo gives the data back as it was (the ids handed out stay used).
        let undone = reduce(taken, [Action::Undo]);
        assert_eq!(undone.doc, reduce(in_one_go, [Action::Undo]).doc);
        assert_eq!(undone.doc.portfolio.accounts, start.doc.portfolio.accounts);

        // Cedar is added (in another tab, say) while the import is worked out: it is not
        // lost, and the import is done again against the data with it.
        let cedar = ValidAccount {
            name: "Cedar".into(),
            ..acme()
        };
        let changed = reduce(
            start,
            [Action::Portfolio(PortfolioAction::AddAccount {
                account: cedar,
                at: AT.into(),
            })],
        );
        let again = reduce(changed.clone(), [action]);
        let fell_back = reduce(changed, [worked_out]);
        assert_ne!(fell_back.doc.settings.currency, "XTS");
        assert_eq!(fell_back.doc, again.doc);
        let names: Vec<&str> = fell_back
            .doc
            .portfolio
            .accounts
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(names, ["Acme", "Cedar", "Birch"]);
        assert_eq!(fell_back.undo, again.undo);
    }

    #[test]
    fn a_spreadsheet_import_worked_out_beforehand_is_taken_or_done_again() {
        use crate::domain::csv_import::{
            guess_mapping, read_table, Applying, CsvImport, RememberedMapping,
        };
        use crate::domain::transfer_update::WorkedOut;
        use crate::support::sliced::run_in_slices;
        let table = Rc::new(read_table(b"Name,Needs fit\nAcme,4\nBeta,\n").unwrap());
        let mapping = guess_mapping(&table.headers, &RememberedMapping::default());
        let import = Rc::new(CsvImport {
            table,
            mapping,
            mark: Default::default(),
            tiers: Default::default(),
        });
        let start = reduce(
            AppState::default(),
            [Action::Portfolio(PortfolioAction::AddAccount {
                account: acme(),
                at: AT.into(),
            })],
        );
        let accounts = start.doc.portfolio.accounts.clone();
        let preview = Rc::new(import.preview(&accounts));
        let transfer = TransferAction::ImportCsv {
            import,
            checked: Some((accounts, preview.clone())),
            at: AT.into(),
        };
        let action = Action::Transfer(transfer.clone());
        let basis = start.doc.clone();
        let (mut result, _) = run_in_slices(Applying::new(&basis, preview, AT.into()), 1);
        // A mark only the worked-out result carries: it shows the result is taken as it is,
        // not worked out again in the reducer.
        result.settings.currency = "XTS".into();
        let worked_out = Action::Transfer(TransferAction::ImportWorkedOut {
            import: Box::new(transfer),
            result: Rc::new(WorkedOut { basis, result }),
        });
        let in_one_go = reduce(start.clone(), [action.clone()]);
        let taken = reduce(start.clone(), [worked_out.clone()]);
        assert_eq!(taken.doc.settings.currency, "XTS");
        let mut unmarked = taken.doc.clone();
        unmarked
            .settings
            .currency
            .clone_from(&in_one_go.doc.settings.currency);
        assert_eq!(unmarked, in_one_go.doc);
        assert_eq!(taken.doc.portfolio.accounts.len(), 2);
        assert_eq!(
            taken.undo.as_ref().unwrap().description(),
            "Imported from the spreadsheet: 1 added, 1 updated."
        );
        let undone = reduce(taken, [Action::Undo]);
        assert_eq!(undone.doc, reduce(in_one_go, [Action::Undo]).doc);
        assert_eq!(undone.doc.portfolio.accounts, start.doc.portfolio.accounts);

        // Acme is deleted meanwhile: the rows are matched again, and both are added.
        let changed = reduce(
            start,
            [Action::Portfolio(PortfolioAction::DeleteAccount(1))],
        );
        let fell_back = reduce(changed.clone(), [worked_out]);
        assert_ne!(fell_back.doc.settings.currency, "XTS");
        assert_eq!(fell_back.doc, reduce(changed, [action]).doc);
        assert_eq!(fell_back.doc.portfolio.accounts.len(), 2);
        assert_eq!(
            fell_back.undo.as_ref().unwrap().description(),
            "Imported from the spreadsheet: 2 added, 0 updated."
        );
    }

    #[test]
    fn the_incremental_encoder_matches_a_full_encode_after_every_change() {
        use crate::domain::plans::Content;
        use crate::storage::document_encoder::DocumentEncoder;
        use crate::storage::schema::encode;

        let mut encoder = DocumentEncoder::default();
        let mut state = Rc::new(AppState::default());
        let steps = vec![
            Action::Portfolio(PortfolioAction::LoadDemoPortfolio { at: AT.into() }),
            Action::Plan(PlanAction::CreatePlan {
                account: 1,
                template: BUILT_IN_TEMPLATE,
                at: AT.into(),
            }),
            Action::Snapshot(SnapshotAction::RecordSnapshot { at: AT.into() }),
            Action::Settings(SettingsAction::SetCurrency("EUR".into())),
            Action::Grader(GraderAction::Answer(PracticeId::GrowthGoals, Answer::Yes)),
            Action::Grader(GraderAction::SaveAssessment { at: AT.into() }),
            Action::Portfolio(PortfolioAction::Rate {
                id: 2,
                criterion: CriterionId::NeedsFit,
                rating: Some(1),
                at: AT.into(),
            }),
            Action::Portfolio(PortfolioAction::DeleteAccount(1)),
            Action::Undo,
            Action::Portfolio(PortfolioAction::RemoveDemoAccounts),
            Action::Undo,
        ];
        for step in steps {
            let described = format!("{step:?}");
            state = state.reduce(step);
            assert_eq!(
                encoder.encode(&state.doc),
                encode(&state.doc),
                "after {described}"
            );
        }
        let plan = state.doc.plans.plans[0].id;
        state = state.reduce(Action::Plan(PlanAction::WritePlan {
            plan,
            key: "vision".into(),
            title: "Vision".into(),
            content: Content::Text("Twice the size by 2028".into()),
            at: AT.into(),
            removes_row: false,
        }));
        let text = encoder.encode(&state.doc);
        assert_eq!(text, encode(&state.doc));
        assert!(text.contains("Twice the size by 2028"));
    }

    #[test]
    fn saving_keeps_answers_and_records_date_and_label() {
        let s = reduce(
            AppState::default(),
            [
                Action::Grader(GraderAction::Answer(PracticeId::GrowthGoals, Answer::Yes)),
                Action::Grader(GraderAction::SetDraftLabel("  Sales, Q4 ".into())),
                Action::Grader(GraderAction::SaveAssessment { at: AT.into() }),
            ],
        );
        let saved = &s.doc.grader.history[0];
        assert_eq!(saved.label, "Sales, Q4");
        assert_eq!(saved.saved_at, AT);
        assert_eq!(grade(&saved.answers).score, 1);
        assert_eq!(grade(&s.doc.grader.draft).score, 1);
        assert_eq!(s.doc.grader.draft_label, "");
        assert_eq!(s.just_saved, Some(saved.id));
        assert_eq!(s.revision, 3);
    }

    #[test]
    fn the_team_typed_is_saved_and_kept_for_the_next_assessment() {
        let s = reduce(
            AppState::default(),
            [
                Action::Grader(GraderAction::SetDraftTeam(" Sales ".into())),
                Action::Grader(GraderAction::SaveAssessment { at: AT.into() }),
            ],
        );
        assert_eq!(s.doc.grader.history[0].team, "Sales");
        assert_eq!(s.doc.grader.draft_team, " Sales ");
    }

    fn details(label: &str, team: &str, assessed_on: Option<&str>) -> ValidDetails {
        ValidDetails {
            label: label.into(),
            team: team.into(),
            assessed_on: assessed_on.map(Into::into),
        }
    }

    #[test]
    fn editing_an_assessment_changes_its_details_not_its_moment_and_can_be_undone() {
        let s = reduce(
            AppState::default(),
            [
                Action::Grader(GraderAction::SetDraftLabel("Draft".into())),
                Action::Grader(GraderAction::SaveAssessment { at: AT.into() }),
                Action::Grader(GraderAction::EditAssessment {
                    id: 1,
                    details: details("Q2 review", "Sales", Some("2026-06-30")),
                }),
            ],
        );
        let a = &s.doc.grader.history[0];
        assert_eq!(
            (a.label.as_str(), a.team.as_str(), a.day()),
            ("Q2 review", "Sales", "2026-06-30")
        );
        assert_eq!(a.saved_at, AT);
        assert_eq!(
            s.undo.as_ref().map(Undo::description).as_deref(),
            Some("Details of Draft (23 Nov 2026) changed.")
        );
        let s = reduce(s, [Action::Undo]);
        let a = &s.doc.grader.history[0];
        assert_eq!((a.label.as_str(), a.team.as_str()), ("Draft", ""));
        assert_eq!(a.assessed_on, None);
    }

    #[test]
    fn saving_the_same_details_changes_nothing() {
        let s = reduce(
            AppState::default(),
            [Action::Grader(GraderAction::SaveAssessment {
                at: AT.into(),
            })],
        );
        let revision = s.revision;
        let s = reduce(
            s,
            [Action::Grader(GraderAction::EditAssessment {
                id: 1,
                details: details("", "", None),
            })],
        );
        assert_eq!(s.revision, revision);
        assert_eq!(s.undo, None);
    }

    #[test]
    fn ids_are_never_reused_after_a_delete() {
        let s = reduce(
            AppState::default(),
            [
                Action::Grader(GraderAction::SaveAssessment { at: AT.into() }),
                Action::Grader(GraderAction::DeleteAssessment(1)),
                Action::DismissUndo,
                Action::Grader(GraderAction::SaveAssessment { at: AT.into() }),
            ],
        );
        assert_eq!(s.doc.grader.history.len(), 1);
        assert_eq!(s.doc.grader.history[0].id, 2);
    }

    #[test]
    fn undo_restores_a_deleted_assessment_in_its_place() {
        let s = reduce(
            AppState::default(),
            [
                Action::Grader(GraderAction::SaveAssessment { at: AT.into() }),
                Action::Grader(GraderAction::SaveAssessment { at: AT.into() }),
                Action::Grader(GraderAction::SaveAssessment { at: AT.into() }),
                Action::Grader(GraderAction::DeleteAssessment(2)),
            ],
        );
        assert_eq!(s.doc.grader.history.len(), 2);
        let s = reduce(s, [Action::Undo]);
        let ids: Vec<_> = s.doc.grader.history.iter().map(|a| a.id).collect();
        assert_eq!(ids, vec![1, 2, 3]);
        assert_eq!(s.undo, None);
    }

    #[test]
    fn undo_brings_back_cleared_answers() {
        let s = reduce(
            AppState::default(),
            [
                Action::Grader(GraderAction::Answer(PracticeId::NpsSurvey, Answer::Yes)),
                Action::Grader(GraderAction::SetDraftLabel("Team A".into())),
                Action::Grader(GraderAction::ClearAnswers),
            ],
        );
        assert!(s.doc.grader.draft.is_empty());
        let s = reduce(s, [Action::Undo]);
        assert!(s.doc.grader.draft.does(PracticeId::NpsSurvey));
        assert_eq!(s.doc.grader.draft_label, "Team A");
    }

    #[test]
    fn answers_from_the_first_screen_fill_the_draft_and_are_saved() {
        let mut early = Answers::default();
        early.set(PracticeId::NpsSurvey, Answer::Yes);
        early.set(PracticeId::GrowthGoals, Answer::NotYet);
        let s = reduce(
            AppState::default(),
            [Action::Grader(GraderAction::TakeOverFirstScreen {
                answers: early,
                label: "Sales".into(),
                team: "North".into(),
                date: "2026-06-30".into(),
            })],
        );
        assert!(s.doc.grader.draft.does(PracticeId::NpsSurvey));
        assert_eq!(
            s.doc.grader.draft.get(PracticeId::GrowthGoals),
            Some(Answer::NotYet)
        );
        assert_eq!(s.doc.grader.draft_label, "Sales");
        assert_eq!(s.doc.grader.draft_team, "North");
        assert_eq!(s.doc.grader.draft_date, "2026-06-30");
        assert_eq!(s.revision, 1, "a change, so it is saved");
        // Save pressed there: the assessment has the team typed there too.
        let s = reduce(
            s,
            [Action::Grader(GraderAction::SaveAssessment {
                at: AT.into(),
            })],
        );
        let saved = s.doc.grader.history.last().expect("saved");
        assert_eq!(
            (saved.label.as_str(), saved.team.as_str()),
            ("Sales", "North")
        );
        assert_eq!(saved.assessed_on.as_deref(), Some("2026-06-30"));
    }

    #[test]
    fn answers_from_the_first_screen_never_replace_stored_ones() {
        let stored = reduce(
            AppState::default(),
            [
                Action::Grader(GraderAction::Answer(PracticeId::NpsSurvey, Answer::NotYet)),
                Action::Grader(GraderAction::SetDraftLabel("Stored".into())),
                Action::Grader(GraderAction::SetDraftTeam("Stored team".into())),
                Action::Grader(GraderAction::SetDraftDate("2026-03-31".into())),
            ],
        );
        let mut early = Answers::default();
        early.set(PracticeId::NpsSurvey, Answer::Yes);
        let s = reduce(
            stored.clone(),
            [Action::Grader(GraderAction::TakeOverFirstScreen {
                answers: early.clone(),
                label: "Early".into(),
                team: "Early team".into(),
                date: "2026-01-02".into(),
            })],
        );
        assert_eq!(s.doc, stored.doc, "nothing stored changes");
        assert_eq!(s.revision, stored.revision, "and nothing is saved again");
        early.set(PracticeId::GrowthGoals, Answer::Yes);
        let s = reduce(
            stored,
            [Action::Grader(GraderAction::TakeOverFirstScreen {
                answers: early,
                label: String::new(),
                team: String::new(),
                date: String::new(),
            })],
        );
        assert_eq!(
            s.doc.grader.draft.get(PracticeId::NpsSurvey),
            Some(Answer::NotYet)
        );
        assert!(
            s.doc.grader.draft.does(PracticeId::GrowthGoals),
            "an open practice is filled"
        );
        assert_eq!(s.doc.grader.draft_label, "Stored");
    }

    fn valid(name: &str) -> ValidAccount {
        crate::domain::accounts::AccountForm {
            name: name.into(),
            revenue: "1000".into(),
            ..Default::default()
        }
        .validate(&[], None)
        .unwrap()
    }

    #[test]
    fn accounts_are_added_rated_and_deleted_with_undo() {
        let s = reduce(
            AppState::default(),
            [
                Action::Portfolio(PortfolioAction::AddAccount {
                    account: valid("Acme"),
                    at: AT.into(),
                }),
                Action::Portfolio(PortfolioAction::Rate {
                    id: 1,
                    criterion: CriterionId::NeedsFit,
                    rating: Some(4),
                    at: "2026-11-24T00:00:00.000Z".into(),
                }),
            ],
        );
        let a = s.account(1).unwrap();
        assert_eq!(a.ratings.get(CriterionId::NeedsFit), Some(4));
        assert_eq!(a.reviewed_at.as_deref(), Some("2026-11-24T00:00:00.000Z"));
        assert_eq!(a.created_at, AT);
        let s = reduce(s, [Action::Portfolio(PortfolioAction::DeleteAccount(1))]);
        assert!(s.account(1).is_none());
        let s = reduce(s, [Action::Undo]);
        assert_eq!(s.account(1).unwrap().ratings.rated_count(), 1);
    }

    #[test]
    fn a_change_asked_for_before_its_areas_code_arrived_waits_and_is_then_made_with_undo() {
        let s = reduce(
            AppState::default(),
            [Action::Portfolio(PortfolioAction::AddAccount {
                account: valid("Acme"),
                at: AT.into(),
            })],
        );
        let _restore = area_updates::forget_all();
        let delete = Action::Portfolio(PortfolioAction::DeleteAccount(1));
        let s = reduce(s, [delete.clone()]);
        assert!(s.account(1).is_some());
        assert_eq!(s.waiting, vec![delete]);
        assert!(s.has_unsaved_changes(), "a reload would lose it");
        assert_eq!(
            area_updates::group_bringing(&s.waiting[0]),
            Some(crate::lazy_screens::Group::Portfolio)
        );

        // Not here yet: it keeps waiting.
        let s = reduce(s, [Action::ApplyWaiting]);
        assert_eq!(s.waiting.len(), 1);
        assert!(s.account(1).is_some());

        area_updates::portfolio_group_arrived();
        let revision = s.revision;
        let s = reduce(s, [Action::ApplyWaiting]);
        assert!(s.account(1).is_none());
        assert!(s.waiting.is_empty());
        assert!(s.revision > revision, "it is saved");
        assert_eq!(
            s.undo.as_ref().map(Undo::description).as_deref(),
            Some("Deleted Acme.")
        );
        let s = reduce(s, [Action::Undo]);
        assert!(s.account(1).is_some());
    }

    #[test]
    fn trying_to_save_again_is_said_until_a_save_is_taken() {
        let s = reduce(AppState::default(), [Action::RetrySave]);
        assert!(!s.save_retried, "nothing was failing");
        let s = reduce(s, [Action::SaveFailed("full".into())]);
        let revision = s.revision;
        let s = reduce(s, [Action::RetrySave, Action::SaveFailed("full".into())]);
        assert!(s.save_retried);
        assert!(
            s.revision > revision,
            "the data is offered to the browser again"
        );
        let s = reduce(s, [Action::SaveSucceeded]);
        assert!(!s.save_retried);
        assert_eq!(s.save_problem, None);
    }

    #[test]
    fn trying_to_save_again_while_saving_is_paused_changes_nothing_a_reload_would_lose() {
        let s = reduce(
            AppState::default(),
            [
                Action::SaveFailed("full".into()),
                Action::StopSaving {
                    why: LoadError::NewerVersion(99),
                    saved_through: 0,
                },
            ],
        );
        assert!(!s.has_unsaved_changes());
        let s = reduce(s, [Action::RetrySave]);
        assert_eq!(s.revision, 0);
        assert!(!s.has_unsaved_changes(), "no reload prompt for nothing");
    }

    #[test]
    fn waiting_changes_are_made_in_the_order_they_were_asked_for() {
        let s = reduce(
            AppState::default(),
            [Action::Portfolio(PortfolioAction::AddAccount {
                account: valid("Acme"),
                at: AT.into(),
            })],
        );
        let _restore = area_updates::forget_all();
        let template = Action::Plan(PlanAction::CreateTemplate {
            from: None,
            name: "Mine".into(),
        });
        let delete = Action::Portfolio(PortfolioAction::DeleteAccount(1));
        let s = reduce(s, [template.clone()]);
        // The accounts' code arrives first; the later change still waits behind the earlier.
        area_updates::portfolio_group_arrived();
        let s = reduce(s, [delete.clone()]);
        let s = reduce(s, [Action::ApplyWaiting]);
        assert_eq!(s.waiting, vec![template, delete]);
        assert!(s.account(1).is_some());
        area_updates::plans_group_arrived();
        let s = reduce(s, [Action::ApplyWaiting]);
        assert!(s.waiting.is_empty());
        assert!(s.account(1).is_none());
        assert!(s.doc.plans.all_templates().iter().any(|t| t.name == "Mine"));
    }

    #[test]
    fn each_change_that_starts_waiting_is_counted_even_when_the_list_is_as_long_as_before() {
        let _restore = area_updates::forget_all();
        let delete = Action::Portfolio(PortfolioAction::DeleteAccount(1));
        let s = reduce(AppState::default(), [delete.clone()]);
        assert_eq!(s.waits, 1);
        area_updates::portfolio_group_arrived();
        // Made, then another waits: one waiting change before and after, and yet a new wait.
        let s = reduce(
            s,
            [
                Action::ApplyWaiting,
                Action::Plan(PlanAction::DeleteTemplate(9)),
            ],
        );
        assert_eq!(s.waiting.len(), 1);
        assert_eq!(s.waits, 2, "the fetch for the plans' code is started");
    }

    #[test]
    fn the_code_for_waiting_changes_is_asked_for_once_per_group() {
        use crate::lazy_screens::Group;
        let _restore = area_updates::forget_all();
        let s = reduce(
            AppState::default(),
            [
                Action::Portfolio(PortfolioAction::DeleteAccount(1)),
                Action::Plan(PlanAction::DeleteTemplate(9)),
                Action::Snapshot(SnapshotAction::DeleteSnapshot(2)),
                Action::Portfolio(PortfolioAction::DeleteAccount(3)),
            ],
        );
        assert_eq!(
            area_updates::groups_bringing(&s.waiting),
            vec![Group::Portfolio, Group::Plans]
        );
    }

    #[test]
    fn a_waiting_change_follows_its_account_to_the_id_it_took_when_another_tab_used_its_own() {
        let s = reduce(
            AppState::default(),
            [Action::Portfolio(PortfolioAction::AddAccount {
                account: valid("Acme"),
                at: AT.into(),
            })],
        );
        let _restore = area_updates::forget_all();
        let s = reduce(s, [Action::Portfolio(PortfolioAction::DeleteAccount(1))]);
        // Meanwhile the other tab gave id 1 to an account of its own.
        let mut theirs = Document::default();
        let mut zed = demo_accounts(1, AT).remove(0);
        zed.id = 1;
        zed.name = "Zed".into();
        theirs.portfolio.accounts = Rc::new(vec![zed]);
        theirs.next_id = 2;
        let s = reduce(
            s,
            [Action::OtherTabSaved {
                base: Box::default(),
                theirs: Box::new(theirs),
                join: crate::storage::reading::JOIN,
            }],
        );
        let acme = s.doc.portfolio.accounts.iter().find(|a| a.name == "Acme");
        let acme = acme.expect("ours is kept").id;
        assert_ne!(acme, 1);
        area_updates::portfolio_group_arrived();
        let s = reduce(s, [Action::ApplyWaiting]);
        let names: Vec<&str> = s
            .doc
            .portfolio
            .accounts
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(names, ["Zed"], "the account deleted is the one asked for");
    }

    #[test]
    fn changes_waiting_behind_a_backup_that_replaces_the_data_are_dropped_and_said() {
        use crate::domain::backup::Mode;
        let s = reduce(
            AppState::default(),
            [Action::Portfolio(PortfolioAction::AddAccount {
                account: valid("Old"),
                at: AT.into(),
            })],
        );
        let import = backup_for(&s.doc);
        let _restore = area_updates::forget_all();
        let s = reduce(
            s,
            [
                Action::Transfer(TransferAction::ImportBackup {
                    import,
                    mode: Mode::Replace,
                    restores_unreadable: false,
                }),
                Action::Portfolio(PortfolioAction::DeleteAccount(1)),
                Action::Portfolio(PortfolioAction::DeleteAccount(2)),
            ],
        );
        assert_eq!(s.waiting.len(), 3);
        area_updates::portfolio_group_arrived();
        area_updates::more_group_arrived();
        let s = reduce(s, [Action::ApplyWaiting]);
        assert!(s.waiting.is_empty());
        let names: Vec<&str> = s
            .doc
            .portfolio
            .accounts
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(
            names,
            ["Acme", "Birch"],
            "the backup's accounts are left alone"
        );
        assert_eq!(s.waiting_dropped, 2);
        let s = reduce(s, [Action::DismissWaitingDropped]);
        assert_eq!(s.waiting_dropped, 0);
    }

    #[test]
    fn recording_a_backups_export_never_waits() {
        let _restore = area_updates::forget_all();
        let s = reduce(
            AppState::default(),
            [Action::Transfer(TransferAction::BackupExported {
                at: AT.into(),
            })],
        );
        assert!(s.waiting.is_empty());
        assert_eq!(s.doc.settings.last_backup_at.as_deref(), Some(AT));
    }

    #[test]
    fn ratings_that_still_hold_count_as_reviewed_without_changing() {
        let s = reduce(
            AppState::default(),
            [
                Action::Portfolio(PortfolioAction::AddAccount {
                    account: valid("Acme"),
                    at: AT.into(),
                }),
                Action::Portfolio(PortfolioAction::Rate {
                    id: 1,
                    criterion: CriterionId::NeedsFit,
                    rating: Some(4),
                    at: AT.into(),
                }),
                Action::Portfolio(PortfolioAction::ConfirmRatings {
                    id: 1,
                    at: "2027-03-01T00:00:00.000Z".into(),
                }),
                Action::Settings(SettingsAction::SetRatingStaleDays(0)),
                Action::Settings(SettingsAction::SetFirmSize(
                    crate::domain::guidance::FirmSize::Large,
                )),
            ],
        );
        let a = s.account(1).unwrap();
        assert_eq!(a.reviewed_at.as_deref(), Some("2027-03-01T00:00:00.000Z"));
        assert_eq!(a.ratings.get(CriterionId::NeedsFit), Some(4));
        assert_eq!(s.doc.settings.rating_stale_days, 1);
        assert_eq!(
            s.doc.settings.firm_size,
            crate::domain::guidance::FirmSize::Large
        );
    }

    #[test]
    fn the_demo_portfolio_skips_names_already_taken_and_keeps_ids_unique() {
        let s = reduce(
            AppState::default(),
            [
                Action::Portfolio(PortfolioAction::AddAccount {
                    account: valid("Lumen Media"),
                    at: AT.into(),
                }),
                Action::Portfolio(PortfolioAction::LoadDemoPortfolio { at: AT.into() }),
            ],
        );
        let accounts = &s.doc.portfolio.accounts;
        assert_eq!(accounts.len(), crate::domain::demo::DEMO_SIZE);
        let mut ids: Vec<_> = accounts.iter().map(|a| a.id).collect();
        ids.dedup();
        assert_eq!(ids.len(), accounts.len());
        assert!(s.doc.next_id > *ids.iter().max().unwrap());
    }

    #[test]
    fn resetting_one_section_changes_only_that_section_and_can_be_undone() {
        let s = reduce(
            AppState::default(),
            [
                Action::Settings(SettingsAction::SetCurrency("EUR".into())),
                Action::Settings(SettingsAction::SetWeight(CriterionId::NeedsFit, 4)),
                Action::Settings(SettingsAction::SetThreshold(Axis::Potential, 70)),
                Action::Settings(SettingsAction::ResetSettings(Some(
                    SettingsSection::Weights,
                ))),
            ],
        );
        assert_eq!(s.doc.settings.currency, "EUR");
        assert_eq!(s.doc.settings.thresholds.potential, 70);
        assert_eq!(s.doc.settings.weights.get(CriterionId::NeedsFit), 1);
        assert_eq!(
            s.undo.as_ref().map(Undo::description).as_deref(),
            Some("Criterion weights reset to defaults.")
        );
        let s = reduce(s, [Action::Undo]);
        assert_eq!(s.doc.settings.weights.get(CriterionId::NeedsFit), 4);
    }

    #[test]
    fn resetting_all_settings_keeps_the_data_and_undo_brings_the_settings_back() {
        let s = reduce(
            AppState::default(),
            [
                Action::Portfolio(PortfolioAction::LoadDemoPortfolio { at: AT.into() }),
                Action::Grader(GraderAction::SaveAssessment { at: AT.into() }),
                Action::Plan(PlanAction::CreatePlan {
                    account: 1,
                    template: BUILT_IN_TEMPLATE,
                    at: AT.into(),
                }),
                Action::Transfer(TransferAction::BackupExported { at: AT.into() }),
                Action::Settings(SettingsAction::SetTheme(Theme::Dark)),
                Action::Settings(SettingsAction::SetCurrency("EUR".into())),
                Action::Settings(SettingsAction::SetWeight(CriterionId::NeedsFit, 4)),
                Action::Settings(SettingsAction::SetThreshold(Axis::Relationship, 65)),
                Action::Settings(SettingsAction::SetBcgThresholds(BcgThresholds {
                    growth_pct: 4.0,
                    relative_share: 0.5,
                })),
                Action::Settings(SettingsAction::SetStaleDays(30)),
            ],
        );
        let changed = s.doc.clone();
        let s = reduce(s, [Action::Settings(SettingsAction::ResetSettings(None))]);
        assert_eq!(
            s.doc.settings,
            Settings {
                last_backup_at: Some(AT.into()),
                ..Settings::default()
            }
        );
        // Everything but the settings is as it was.
        assert_eq!(
            Document {
                settings: changed.settings.clone(),
                ..s.doc.clone()
            },
            changed
        );
        assert_eq!(
            s.undo.as_ref().map(Undo::description).as_deref(),
            Some("All settings reset to defaults.")
        );
        let s = reduce(s, [Action::Undo]);
        assert_eq!(s.doc, changed);
    }

    #[test]
    fn resetting_settings_that_are_already_the_defaults_does_nothing() {
        let s = reduce(
            AppState::default(),
            [
                Action::Settings(SettingsAction::SetCurrency("EUR".into())),
                Action::Settings(SettingsAction::ResetSettings(Some(
                    SettingsSection::Weights,
                ))),
            ],
        );
        assert_eq!(s.revision, 1);
        assert_eq!(s.undo, None);
        let s = reduce(
            s,
            [
                Action::Settings(SettingsAction::SetCurrency("USD".into())),
                Action::Settings(SettingsAction::ResetSettings(None)),
            ],
        );
        assert_eq!(s.revision, 2);
        assert_eq!(s.undo, None);
    }

    #[test]
    fn the_theme_is_a_setting_that_resets_with_the_others() {
        let s = reduce(
            AppState::default(),
            [Action::Settings(SettingsAction::SetTheme(Theme::Light))],
        );
        assert_eq!(s.doc.settings.theme, Theme::Light);
        let s = reduce(
            s,
            [Action::Settings(SettingsAction::ResetSettings(Some(
                SettingsSection::Theme,
            )))],
        );
        assert_eq!(s.doc.settings.theme, Theme::System);
        let s = reduce(s, [Action::Undo]);
        assert_eq!(s.doc.settings.theme, Theme::Light);
    }

    /// A state holding something of every area: a draft, saved assessments, a prospect,
    /// the demo accounts (one with a plan), a snapshot, a template with a section, a theme.
    fn state_with_every_area() -> AppState {
        let s = reduce(
            AppState::default(),
            [
                Action::Portfolio(PortfolioAction::LoadDemoPortfolio { at: AT.into() }),
                Action::Snapshot(SnapshotAction::RecordSnapshot { at: AT.into() }),
                Action::Settings(SettingsAction::SetTheme(Theme::Dark)),
                Action::Grader(GraderAction::Answer(PracticeId::NpsSurvey, Answer::Yes)),
                Action::Grader(GraderAction::SaveAssessment { at: AT.into() }),
                Action::Grader(GraderAction::SaveAssessment { at: AT.into() }),
                Action::Grader(GraderAction::Answer(PracticeId::GrowthGoals, Answer::Yes)),
                Action::Plan(PlanAction::CreateTemplate {
                    from: None,
                    name: "Ours".into(),
                }),
            ],
        );
        let (first, second) = (s.doc.grader.history[0].id, s.doc.grader.history[1].id);
        let account = s.doc.portfolio.accounts[1].id;
        let template = s.doc.plans.templates[0].id;
        let plan = s.doc.next_id + 1;
        reduce(
            s,
            [
                Action::Plan(PlanAction::AddSection {
                    template,
                    title: "Goals".into(),
                    kind: SectionKind::Text,
                }),
                Action::Plan(PlanAction::CreatePlan {
                    account,
                    template: BUILT_IN_TEMPLATE,
                    at: AT.into(),
                }),
                Action::Plan(PlanAction::WritePlan {
                    plan,
                    key: "gone".into(),
                    title: "Gone".into(),
                    content: Content::Text("Kept from an old section".into()),
                    at: AT.into(),
                    removes_row: false,
                }),
                Action::Prospect(ProspectAction::MoveToProspects {
                    ids: vec![second],
                    at: AT.into(),
                }),
                Action::Grader(GraderAction::EditAssessment {
                    id: first,
                    details: ValidDetails {
                        label: "Q3".into(),
                        team: "North".into(),
                        assessed_on: None,
                    },
                }),
                Action::DismissUndo,
            ],
        )
    }

    #[test]
    fn undoing_any_undoable_change_gives_back_the_document_as_it_was() {
        let s = state_with_every_area();
        let assessment = s.doc.grader.history[0].id;
        let with_plan = s.doc.plans.plans[0].account;
        let without_plan = s.doc.portfolio.accounts[0].id;
        let plan = s.doc.plans.plans[0].id;
        let template = s.doc.plans.templates[0].clone();
        let prospect = s.doc.prospects[0].id;
        let snapshot = s.doc.portfolio.snapshots[0].id;
        assert_ne!(with_plan, without_plan);
        let undoable = [
            Action::Grader(GraderAction::ClearAnswers),
            Action::Grader(GraderAction::DeleteAssessment(assessment)),
            Action::Grader(GraderAction::EditAssessment {
                id: assessment,
                details: ValidDetails {
                    label: "Q4".into(),
                    team: String::new(),
                    assessed_on: Some("2026-10-01".into()),
                },
            }),
            Action::Grader(GraderAction::ReuseAnswers(assessment)),
            Action::Portfolio(PortfolioAction::DeleteAccount(with_plan)),
            Action::Portfolio(PortfolioAction::DeleteAccount(without_plan)),
            Action::Portfolio(PortfolioAction::RemoveDemoAccounts),
            Action::Snapshot(SnapshotAction::RecordSnapshot { at: AT.into() }),
            Action::Snapshot(SnapshotAction::DeleteSnapshot(snapshot)),
            Action::Plan(PlanAction::RemoveSection {
                template: template.id,
                key: template.sections[0].key.clone(),
            }),
            Action::Plan(PlanAction::WritePlan {
                plan,
                key: "vision".into(),
                title: "Vision".into(),
                content: Content::Text(String::new()),
                at: AT.into(),
                removes_row: true,
            }),
            Action::Plan(PlanAction::DropPlanSection {
                plan,
                key: "gone".into(),
            }),
            Action::Plan(PlanAction::DeletePlan(plan)),
            Action::Prospect(ProspectAction::DeleteProspect(prospect)),
            Action::Prospect(ProspectAction::MoveToProspects {
                ids: vec![assessment],
                at: AT.into(),
            }),
            Action::Settings(SettingsAction::ResetSettings(None)),
        ];
        for action in undoable {
            let changed = reduce(s.clone(), [action.clone()]);
            assert!(changed.undo.is_some(), "{action:?} offers to undo");
            assert_ne!(changed.doc, s.doc, "{action:?} changes the document");
            let undone = reduce(changed, [Action::Undo]);
            assert!(undone.doc.next_id >= s.doc.next_id);
            let as_it_was = Document {
                next_id: undone.doc.next_id,
                ..s.doc.clone()
            };
            assert_eq!(undone.doc, as_it_was, "undoing {action:?}");
            assert!(undone.revision > s.revision, "the undo is saved");
        }
        // A template in no plan's use, deleted and brought back.
        let changed = reduce(
            s.clone(),
            [Action::Plan(PlanAction::DeleteTemplate(template.id))],
        );
        assert_eq!(
            changed.undo.as_ref().map(Undo::description).as_deref(),
            Some("Deleted template Ours.")
        );
        assert_eq!(reduce(changed, [Action::Undo]).doc, s.doc);
    }

    #[test]
    fn what_keeps_the_undo_offered_leaves_the_document_alone() {
        let s = reduce(
            state_with_every_area(),
            [Action::Grader(GraderAction::ClearAnswers)],
        );
        let keeping = [
            Action::DismissUnreadable,
            Action::SaveFailed("Full".into()),
            Action::SaveSucceeded,
            Action::SetListQuery(ListQuery::default()),
            Action::DismissSyncNotice,
            Action::ImportStoppedByLeaving,
            Action::DismissImportStopped,
            Action::RetrySave,
            Action::StopSaving {
                why: LoadError::NotJson,
                saved_through: s.revision,
            },
            Action::KeepAccountDraft(Box::new(AccountDraft {
                target: None,
                base: AccountForm::default(),
                form: AccountForm {
                    name: "Typed".into(),
                    ..AccountForm::default()
                },
            })),
            Action::DropAccountDraft(None),
            Action::SetPrintFilledOnly(true),
        ];
        for action in keeping {
            assert!(action.keeps_undo(), "{action:?}");
            let after = reduce(s.clone(), [action.clone()]);
            assert_eq!(after.undo, s.undo, "{action:?} keeps the undo offered");
            assert_eq!(after.doc, s.doc, "{action:?} leaves the document alone");
        }
        // Another tab's save ends it: only a deleted record's undo stays through changes.
        let mut theirs = s.doc.clone();
        theirs.next_id += 5;
        theirs.settings.theme = Theme::Light;
        let synced = reduce(
            s.clone(),
            [Action::OtherTabSaved {
                base: Box::new(s.doc.clone()),
                theirs: Box::new(theirs),
                join: crate::storage::reading::JOIN,
            }],
        );
        assert_eq!(synced.undo, None);
    }

    /// The state after another tab, starting from what this tab stored last, saved `theirs`.
    fn after_other_tab_saved(s: AppState, base: &Document, theirs: Document) -> AppState {
        reduce(
            s,
            [Action::OtherTabSaved {
                base: Box::new(base.clone()),
                theirs: Box::new(theirs),
                join: crate::storage::reading::JOIN,
            }],
        )
    }

    #[test]
    fn a_deleted_account_comes_back_with_its_ratings_and_plan_after_another_tab_s_save() {
        let s = state_with_every_area();
        let planned = s.doc.plans.plans[0].account;
        let other = s
            .doc
            .portfolio
            .accounts
            .iter()
            .find(|a| a.id != planned)
            .unwrap()
            .id;
        let deleted = reduce(
            s.clone(),
            [Action::Portfolio(PortfolioAction::DeleteAccount(planned))],
        );
        assert!(deleted.account(planned).is_none());
        assert!(deleted.doc.plans.plans.is_empty());
        // The other tab read the delete, then rated another account.
        let stored = deleted.doc.clone();
        let theirs = reduce(
            AppState::with_document(stored.clone()),
            [Action::Portfolio(PortfolioAction::Rate {
                id: other,
                criterion: CriterionId::NeedsFit,
                rating: Some(1),
                at: AT.into(),
            })],
        )
        .doc;
        let synced = after_other_tab_saved(deleted.clone(), &stored, theirs);
        assert_eq!(synced.undo, deleted.undo, "the Undo is still offered");
        let undone = reduce(synced, [Action::Undo]);
        assert_eq!(
            undone.account(planned),
            s.account(planned),
            "ratings and all"
        );
        assert_eq!(undone.doc.plans.plans, s.doc.plans.plans, "its plan");
        assert_eq!(
            undone
                .account(other)
                .unwrap()
                .ratings
                .get(CriterionId::NeedsFit),
            Some(1),
            "the other tab's rating is kept"
        );
        assert!(undone.revision > deleted.revision, "the undo is saved");
    }

    #[test]
    fn accounts_another_tab_deleted_are_offered_back_here_with_their_plans() {
        let s = state_with_every_area();
        let planned = s.doc.plans.plans[0].account;
        let name = s.account(planned).unwrap().name.clone();
        // The other tab deletes the planned account and changes the theme.
        let mut theirs = reduce(
            AppState::with_document(s.doc.clone()),
            [Action::Portfolio(PortfolioAction::DeleteAccount(planned))],
        )
        .doc;
        theirs.settings.theme = Theme::Light;
        let synced = after_other_tab_saved(s.clone(), &s.doc, theirs);
        assert!(synced.account(planned).is_none());
        let undo = synced.undo.as_ref().expect("offered here too");
        assert_eq!(
            undo.description(),
            format!("{name} was deleted in another tab.")
        );
        assert!(undo.stays && undo.from_another_tab);
        let undone = reduce(synced, [Action::Undo]);
        assert_eq!(
            undone.doc.portfolio.accounts, s.doc.portfolio.accounts,
            "in its place"
        );
        assert_eq!(undone.doc.plans.plans, s.doc.plans.plans);
        assert_eq!(
            undone.doc.settings.theme,
            Theme::Light,
            "the rest of their change stays"
        );

        // Several at once are counted; a deleted record's undo offered here is left as it is.
        let mut theirs = s.doc.clone();
        Rc::make_mut(&mut theirs.portfolio.accounts).truncate(2);
        let gone = s.doc.portfolio.accounts.len() - 2;
        let synced = after_other_tab_saved(s.clone(), &s.doc, theirs.clone());
        assert_eq!(
            synced.undo.as_ref().map(Undo::description),
            Some(format!("{gone} accounts were deleted in another tab."))
        );
        let snapshot = s.doc.portfolio.snapshots[0].id;
        let deleted_here = reduce(
            s.clone(),
            [Action::Snapshot(SnapshotAction::DeleteSnapshot(snapshot))],
        );
        let mut theirs = deleted_here.doc.clone();
        Rc::make_mut(&mut theirs.portfolio.accounts).truncate(2);
        let synced = after_other_tab_saved(deleted_here.clone(), &deleted_here.doc, theirs);
        assert_eq!(synced.undo, deleted_here.undo);

        // Nothing deleted there, nothing offered.
        let mut theirs = s.doc.clone();
        theirs.settings.theme = Theme::Light;
        assert_eq!(after_other_tab_saved(s.clone(), &s.doc, theirs).undo, None);
    }

    #[test]
    fn a_deleted_record_s_undo_outlives_later_changes_here_and_keeps_them() {
        let s = state_with_every_area();
        let plan = s.doc.plans.plans[0].clone();
        let deleted = reduce(s.clone(), [Action::Plan(PlanAction::DeletePlan(plan.id))]);
        let rated = reduce(
            deleted.clone(),
            [
                Action::Portfolio(PortfolioAction::Rate {
                    id: plan.account,
                    criterion: CriterionId::NeedsFit,
                    rating: Some(2),
                    at: AT.into(),
                }),
                Action::Settings(SettingsAction::SetTheme(Theme::Light)),
            ],
        );
        assert_eq!(
            rated.undo, deleted.undo,
            "rating the account keeps the Undo"
        );
        let undone = reduce(rated, [Action::Undo]);
        assert_eq!(
            undone.doc.plans.plans, s.doc.plans.plans,
            "the plan is back"
        );
        let account = undone.account(plan.account).unwrap();
        assert_eq!(account.ratings.get(CriterionId::NeedsFit), Some(2));
        assert_eq!(undone.doc.settings.theme, Theme::Light);

        // A change within a record is undone only until the next change.
        let cleared = reduce(s.clone(), [Action::Grader(GraderAction::ClearAnswers)]);
        let themed = reduce(
            cleared,
            [Action::Settings(SettingsAction::SetTheme(Theme::Light))],
        );
        assert_eq!(themed.undo, None);
    }

    #[test]
    fn a_deleted_record_s_undo_goes_once_it_could_only_come_back_over_something_else() {
        let s = state_with_every_area();
        let planned = s.doc.plans.plans[0].account;
        let unplanned = s.doc.portfolio.accounts[0].id;
        assert_ne!(planned, unplanned);
        // Another tab, which had not yet read the delete, edited the account: the join keeps
        // it, so it is back already, and Undo would only make a second one.
        let deleted = reduce(
            s.clone(),
            [Action::Portfolio(PortfolioAction::DeleteAccount(unplanned))],
        );
        let mut edited = s.doc.clone();
        Rc::make_mut(&mut edited.portfolio.accounts)[0].notes = "Edited there".into();
        let synced = after_other_tab_saved(deleted.clone(), &s.doc, edited);
        assert_eq!(synced.account(unplanned).unwrap().notes, "Edited there");
        assert_eq!(synced.undo, None, "nothing to bring back");
        let deleted = reduce(
            s.clone(),
            [Action::Portfolio(PortfolioAction::DeleteAccount(planned))],
        );

        // The demo removed (which also takes the accounts out of the snapshots, so it is
        // undone only until the next change), then explored again: never both.
        let removed = reduce(
            s.clone(),
            [Action::Portfolio(PortfolioAction::RemoveDemoAccounts)],
        );
        assert!(removed.undo.as_ref().unwrap().removed.is_none());
        let again = reduce(
            removed,
            [Action::Portfolio(PortfolioAction::LoadDemoPortfolio {
                at: AT.into(),
            })],
        );
        assert_eq!(again.undo, None);
        assert_eq!(
            again.doc.portfolio.accounts.len(),
            s.doc.portfolio.accounts.len()
        );

        // A plan deleted here whose account another tab deleted since: not brought back
        // alone, nor its account with it.
        let plan = s.doc.plans.plans[0].id;
        let plan_deleted = reduce(s.clone(), [Action::Plan(PlanAction::DeletePlan(plan))]);
        let theirs = reduce(
            AppState::with_document(plan_deleted.doc.clone()),
            [Action::Portfolio(PortfolioAction::DeleteAccount(planned))],
        )
        .doc;
        let synced = after_other_tab_saved(plan_deleted.clone(), &plan_deleted.doc, theirs);
        assert_eq!(synced.undo, None);
        assert!(synced.account(planned).is_none());

        // An account whose id another tab gave to one of its own meanwhile stays out, and the
        // other tab's account is left as it is.
        let mut theirs = deleted.doc.clone();
        let mut newcomer = s.account(planned).unwrap().clone();
        newcomer.name = "Their newcomer".into();
        Rc::make_mut(&mut theirs.portfolio.accounts).push(newcomer.clone());
        let synced = after_other_tab_saved(deleted.clone(), &deleted.doc, theirs);
        assert_eq!(synced.undo, None);
        assert_eq!(synced.account(planned), Some(&newcomer));
    }

    #[test]
    fn an_import_s_undo_goes_with_the_next_change_here_or_in_another_tab() {
        let s = state_with_every_area();
        let cleared = reduce(s.clone(), [Action::Grader(GraderAction::ClearAnswers)]);
        assert!(cleared.undo.as_ref().unwrap().removed.is_none());
        let mut theirs = cleared.doc.clone();
        theirs.settings.theme = Theme::Light;
        assert_eq!(
            after_other_tab_saved(cleared.clone(), &cleared.doc, theirs).undo,
            None
        );
    }

    #[test]
    fn undo_is_offered_only_until_the_next_change() {
        let s = reduce(
            AppState::default(),
            [
                Action::Grader(GraderAction::Answer(PracticeId::NpsSurvey, Answer::Yes)),
                Action::Grader(GraderAction::ClearAnswers),
                Action::Grader(GraderAction::Answer(PracticeId::GrowthGoals, Answer::Yes)),
            ],
        );
        assert_eq!(s.undo, None);
        let s = reduce(s, [Action::Undo]);
        assert!(s.doc.grader.draft.does(PracticeId::GrowthGoals));
        assert!(!s.doc.grader.draft.does(PracticeId::NpsSurvey));
    }

    #[test]
    fn reusing_old_answers_can_be_undone() {
        let s = reduce(
            AppState::default(),
            [
                Action::Grader(GraderAction::SetDraftTeam("North".into())),
                Action::Grader(GraderAction::Answer(PracticeId::NpsSurvey, Answer::Yes)),
                Action::Grader(GraderAction::SaveAssessment { at: AT.into() }),
                Action::Grader(GraderAction::SetDraftTeam("South".into())),
                Action::Grader(GraderAction::Answer(PracticeId::GrowthGoals, Answer::Yes)),
                Action::Grader(GraderAction::SetDraftLabel("Draft".into())),
                Action::Grader(GraderAction::ReuseAnswers(1)),
            ],
        );
        assert!(!s.doc.grader.draft.does(PracticeId::GrowthGoals));
        assert_eq!(
            s.doc.grader.draft_team, "North",
            "the team of the assessment reused"
        );
        let s = reduce(s, [Action::Undo]);
        assert!(s.doc.grader.draft.does(PracticeId::GrowthGoals));
        assert_eq!(s.doc.grader.draft_label, "Draft");
        assert_eq!(s.doc.grader.draft_team, "South");
    }

    #[test]
    fn another_tabs_document_is_adopted_without_saving_it_again() {
        let mut theirs = Document::default();
        theirs.grader.draft_label = "from the other tab".into();
        let s = reduce(
            AppState::default(),
            [Action::OtherTabSaved {
                base: Box::default(),
                theirs: Box::new(theirs.clone()),
                join: crate::storage::reading::JOIN,
            }],
        );
        assert_eq!(s.doc, theirs);
        assert_eq!(s.revision, 0);
        assert!(s.synced_from_other_tab);
    }

    #[test]
    fn another_tabs_document_is_joined_with_changes_made_here_which_are_saved() {
        let mut theirs = Document::default();
        theirs.grader.draft_label = "from the other tab".into();
        let s = reduce(
            AppState::default(),
            [
                Action::Grader(GraderAction::Answer(PracticeId::GrowthGoals, Answer::Yes)),
                Action::Settings(SettingsAction::SetCurrency("EUR".into())),
                Action::OtherTabSaved {
                    base: Box::default(),
                    theirs: Box::new(theirs),
                    join: crate::storage::reading::JOIN,
                },
            ],
        );
        assert_eq!(s.doc.grader.draft_label, "from the other tab");
        assert_eq!(s.doc.settings.currency, "EUR");
        // The joined document holds changes the stored one lacks, so it is saved again.
        assert_eq!(s.revision, 3);
    }

    #[test]
    fn a_tab_stores_nothing_while_a_save_failed_another_tab_waits_or_saving_stopped() {
        assert!(!AppState::default().not_storing());
        let failed = AppState {
            save_problem: Some("full".into()),
            ..AppState::default()
        };
        let waiting = reduce(AppState::default(), [Action::OtherTabNotRead]);
        let stopped = AppState {
            saving_stopped: Some(SavingStopped {
                why: LoadError::ReaderNotDownloaded,
                at_revision: 0,
            }),
            ..AppState::default()
        };
        assert!(failed.not_storing() && waiting.not_storing() && stopped.not_storing());
        assert!(stopped.stored_data_unread() && !failed.stored_data_unread());
        // What each exports: everything, this tab's own after the stored data was read, or
        // this tab's own without it.
        assert_eq!(failed.export_scope(), Scope::Everything);
        assert_eq!(waiting.export_scope(), Scope::ThisTab { read_stored: true });
        assert_eq!(
            stopped.export_scope(),
            Scope::ThisTab { read_stored: false }
        );
    }

    #[test]
    fn another_tabs_value_unread_until_the_reader_arrives_counts_as_unsaved_until_joined() {
        let answered = reduce(
            AppState::default(),
            [
                Action::Grader(GraderAction::Answer(PracticeId::GrowthGoals, Answer::Yes)),
                Action::OtherTabNotRead,
            ],
        );
        assert!(answered.other_tab_unread);
        assert!(answered.has_unsaved_changes(), "a reload asks first");
        let mut theirs = Document::default();
        theirs.grader.draft_label = "from the other tab".into();
        let joined = reduce(
            answered.clone(),
            [Action::OtherTabSaved {
                base: Box::default(),
                theirs: Box::new(theirs),
                join: crate::storage::reading::JOIN,
            }],
        );
        assert!(!joined.other_tab_unread);
        assert_eq!(joined.doc.grader.draft_label, "from the other tab");
        assert!(joined.doc.grader.draft.does(PracticeId::GrowthGoals));
        assert_eq!(joined.revision, 2, "what this tab adds is saved");

        // The value went away before it could be read: what this tab holds is saved.
        let gone = reduce(answered, [Action::OtherTabGone]);
        assert!(!gone.other_tab_unread);
        assert_eq!(gone.revision, 2);
        assert!(!gone.has_unsaved_changes());
    }

    #[test]
    fn saving_stops_for_good_once_another_tab_stored_a_newer_version() {
        let s = reduce(
            AppState::default(),
            [
                Action::Grader(GraderAction::Answer(PracticeId::GrowthGoals, Answer::Yes)),
                Action::StopSaving {
                    why: LoadError::NewerVersion(9),
                    saved_through: 1,
                },
            ],
        );
        assert!(s.saving_paused());
        assert!(!s.has_unsaved_changes());
        let s = reduce(
            s,
            [Action::Grader(GraderAction::Answer(
                PracticeId::GrowthGoals,
                Answer::NotYet,
            ))],
        );
        assert!(s.saving_paused());
        assert!(s.has_unsaved_changes());
        let s = reduce(
            s,
            [Action::StopSaving {
                why: LoadError::NotJson,
                saved_through: 2,
            }],
        );
        assert_eq!(s.saving_stopped.unwrap().why, LoadError::NewerVersion(9));
    }

    #[test]
    fn the_change_whose_save_found_a_newer_version_counts_as_unsaved() {
        let s = reduce(
            AppState::default(),
            [
                Action::Grader(GraderAction::Answer(PracticeId::GrowthGoals, Answer::Yes)),
                Action::StopSaving {
                    why: LoadError::NewerVersion(9),
                    saved_through: 0,
                },
            ],
        );
        assert!(s.has_unsaved_changes());
    }

    #[test]
    fn storage_that_is_blocked_asks_before_a_reload_only_once_something_changed() {
        let s = AppState {
            save_problem: Some("blocked".into()),
            ..AppState::default()
        };
        assert!(!s.has_unsaved_changes());
        let s = reduce(
            s,
            [Action::Grader(GraderAction::Answer(
                PracticeId::GrowthGoals,
                Answer::Yes,
            ))],
        );
        assert!(s.has_unsaved_changes());
    }

    #[test]
    fn unreadable_data_that_exists_nowhere_else_pauses_saving_until_discarded() {
        let backed_up = Unreadable::new(&LoadError::NotJson, "x".into(), Ok("k".into()));
        assert!(!backed_up.keep_original);
        let newer = Unreadable::new(&LoadError::NewerVersion(9), "x".into(), Ok("k".into()));
        assert!(newer.keep_original);

        let only_copy = Unreadable::new(&LoadError::NotJson, "x".into(), Err("full".into()));
        let s = AppState {
            unreadable: Some(only_copy),
            ..AppState::default()
        };
        assert!(s.saving_paused());
        let s = reduce(
            s,
            [
                Action::Grader(GraderAction::Answer(PracticeId::GrowthGoals, Answer::Yes)),
                Action::DismissUnreadable,
            ],
        );
        assert!(
            s.saving_paused(),
            "dismissing does not let it be overwritten"
        );
        assert!(s.has_unsaved_changes());
        let s = reduce(s, [Action::DiscardUnreadable]);
        assert!(!s.saving_paused());
        assert!(s.unreadable.is_none());
        assert_eq!(s.revision, 2, "the discard itself saves");
    }

    #[test]
    fn templates_are_copied_edited_and_reordered_but_the_built_in_one_never_changes() {
        let s = reduce(
            AppState::default(),
            [
                Action::Plan(PlanAction::CreateTemplate {
                    from: Some(BUILT_IN_TEMPLATE),
                    name: " Mine ".into(),
                }),
                Action::Plan(PlanAction::AddSection {
                    template: 1,
                    title: "Risks".into(),
                    kind: SectionKind::Checklist,
                }),
                Action::Plan(PlanAction::MoveSection {
                    template: 1,
                    key: "s2".into(),
                    up: true,
                }),
                Action::Plan(PlanAction::RenameTemplate(
                    BUILT_IN_TEMPLATE,
                    "Hacked".into(),
                )),
            ],
        );
        let t = s.doc.plans.template(1).unwrap();
        assert_eq!(t.name, "Mine");
        let n = t.sections.len();
        assert_eq!(
            n,
            crate::domain::plans::built_in_template().sections.len() + 1
        );
        assert_eq!(t.sections[n - 2].key, "s2");
        assert_eq!(s.doc.plans.template(0).unwrap().name, "Key account plan");
        let s = reduce(
            s,
            [
                Action::Plan(PlanAction::RemoveSection {
                    template: 1,
                    key: "vision".into(),
                }),
                Action::Undo,
            ],
        );
        assert_eq!(s.doc.plans.template(1).unwrap().sections[0].key, "vision");
    }

    #[test]
    fn plans_keep_content_and_block_what_would_lose_it() {
        let s = reduce(
            AppState::default(),
            [
                Action::Portfolio(PortfolioAction::AddAccount {
                    account: valid("Acme"),
                    at: AT.into(),
                }),
                Action::Plan(PlanAction::CreateTemplate {
                    from: Some(BUILT_IN_TEMPLATE),
                    name: "Mine".into(),
                }),
                Action::Plan(PlanAction::CreatePlan {
                    account: 1,
                    template: 2,
                    at: AT.into(),
                }),
                Action::Plan(PlanAction::WritePlan {
                    plan: 3,
                    key: "budget".into(),
                    title: "Budget".into(),
                    content: Content::Budget(crate::domain::plans::Budget {
                        hours: Some(5.0),
                        ..Default::default()
                    }),
                    at: AT.into(),
                    removes_row: false,
                }),
                Action::Plan(PlanAction::ChangeSectionKind {
                    template: 2,
                    key: "budget".into(),
                    kind: SectionKind::Text,
                }),
                Action::Plan(PlanAction::DeleteTemplate(2)),
            ],
        );
        let t = s
            .doc
            .plans
            .template(2)
            .expect("a template in use is not deleted");
        let budget = t.sections.iter().find(|d| d.key == "budget").unwrap();
        assert_eq!(
            budget.kind,
            SectionKind::Budget,
            "kind change refused: it would lose content"
        );
        assert_eq!(s.doc.plans.plan_for(1).unwrap().completeness(&t).0, 1);
        // A second plan for the same account is not created.
        let s = reduce(
            s,
            [Action::Plan(PlanAction::CreatePlan {
                account: 1,
                template: 0,
                at: AT.into(),
            })],
        );
        assert_eq!(s.doc.plans.plans.len(), 1);
        // Deleting the account takes its plan along, says so, and undo brings both back.
        let s = reduce(s, [Action::Portfolio(PortfolioAction::DeleteAccount(1))]);
        assert!(s.doc.plans.plans.is_empty());
        assert!(s
            .undo
            .as_ref()
            .unwrap()
            .description()
            .ends_with(" and its plan."));
        let s = reduce(s, [Action::Undo]);
        assert_eq!(s.doc.plans.plans.len(), 1);
    }

    #[test]
    fn a_plan_row_moves_within_its_section_and_an_impossible_move_saves_nothing() {
        let issues = |s: &AppState| {
            let plan = s.doc.plans.plan_for(1).unwrap();
            plan.shown(&crate::domain::plans::built_in_template())
                .into_iter()
                .find(|x| x.key == "top-issues")
                .unwrap()
                .content
        };
        let s = reduce(
            AppState::default(),
            [
                Action::Portfolio(PortfolioAction::AddAccount {
                    account: valid("Acme"),
                    at: AT.into(),
                }),
                Action::Plan(PlanAction::CreatePlan {
                    account: 1,
                    template: BUILT_IN_TEMPLATE,
                    at: AT.into(),
                }),
                Action::Plan(PlanAction::WritePlan {
                    plan: 2,
                    key: "top-issues".into(),
                    title: "Issues".into(),
                    content: Content::List(vec!["Churn".into(), "Costs".into(), "Hiring".into()]),
                    at: AT.into(),
                    removes_row: false,
                }),
                Action::Plan(PlanAction::MovePlanRow {
                    plan: 2,
                    key: "top-issues".into(),
                    from: 2,
                    to: 1,
                    at: "2026-11-02T09:00:00Z".into(),
                }),
            ],
        );
        let moved = vec!["Churn".into(), "Hiring".into(), "Costs".into()];
        assert_eq!(issues(&s), Content::List(moved.clone()));
        let revision = s.revision;
        let s = reduce(
            s,
            [
                Action::Plan(PlanAction::MovePlanRow {
                    plan: 2,
                    key: "top-issues".into(),
                    from: 0,
                    to: 3,
                    at: AT.into(),
                }),
                Action::Plan(PlanAction::MovePlanRow {
                    plan: 2,
                    key: "no-such-section".into(),
                    from: 0,
                    to: 1,
                    at: AT.into(),
                }),
            ],
        );
        assert_eq!(issues(&s), Content::List(moved));
        assert_eq!(s.revision, revision, "nothing to save");
    }

    #[test]
    fn undoing_a_whole_change_does_not_hand_out_its_ids_again() {
        let s = reduce(
            AppState::default(),
            [Action::Portfolio(PortfolioAction::LoadDemoPortfolio {
                at: AT.into(),
            })],
        );
        let taken = s.doc.next_id;
        let s = reduce(
            s,
            [Action::Snapshot(SnapshotAction::RecordSnapshot {
                at: AT.into(),
            })],
        );
        assert_eq!(s.doc.portfolio.snapshots[0].id, taken);
        let s = reduce(s, [Action::Undo]);
        assert!(s.doc.portfolio.snapshots.is_empty());
        assert!(
            s.doc.next_id > taken,
            "the undone snapshot's id is not given again"
        );
    }

    #[test]
    fn account_drafts_are_kept_per_form_and_are_not_changes_to_save() {
        let form = |name: &str| AccountForm {
            name: name.into(),
            ..AccountForm::default()
        };
        let keep = |target, base: &str, name: &str| {
            Action::KeepAccountDraft(Box::new(AccountDraft {
                target,
                base: form(base),
                form: form(name),
            }))
        };
        let s = reduce(
            AppState::default(),
            [
                keep(None, "", "New one"),
                keep(Some(3), "Acme", "Acme Ltd"),
                keep(None, "", "New one, more"),
            ],
        );
        assert_eq!(s.revision, 0, "a draft is not saved to the browser");
        assert_eq!(
            s.account_draft(None, &form("")),
            Some(&form("New one, more"))
        );
        assert_eq!(
            s.account_draft(Some(3), &form("Acme")),
            Some(&form("Acme Ltd"))
        );
        // Typing started from other saved details (say, before an import reused the id) is
        // not offered for the details saved now.
        assert_eq!(s.account_draft(Some(3), &form("Globex")), None);
        let s = reduce(s, [Action::DropAccountDraft(Some(3))]);
        assert_eq!(s.account_draft(Some(3), &form("Acme")), None);
        assert_eq!(s.account_drafts.len(), 1);
    }

    #[test]
    fn save_results_do_not_count_as_changes() {
        let s = reduce(
            AppState::default(),
            [Action::SaveFailed("full".into()), Action::SaveSucceeded],
        );
        assert_eq!(s.revision, 0);
        assert_eq!(s.save_problem, None);
    }

    fn reply(name: &str) -> crate::domain::share::SharedResult {
        crate::domain::share::SharedResult {
            answers: Answers::all_answered_with_yes(&[PracticeId::GrowthGoals]),
            date: "2026-12-05".into(),
            name: name.into(),
            company: "Northwind".into(),
            reply: true,
            ..Default::default()
        }
    }

    #[test]
    fn a_prospects_result_is_added_once_and_never_to_the_history() {
        let add = |link: &str| {
            Action::Prospect(ProspectAction::AddProspect {
                result: reply("Dana"),
                link: link.into(),
                at: AT.into(),
            })
        };
        let s = reduce(AppState::default(), [add("EgAB"), add("EgAB"), add("EgAC")]);
        assert_eq!(s.doc.prospects.len(), 2);
        assert!(s.doc.grader.history.is_empty());
        let p = &s.doc.prospects[0];
        assert_eq!((p.name.as_str(), p.link.as_str()), ("Dana", "EgAB"));
        assert_eq!(p.received_at, AT);
        let id = p.id;
        let s = reduce(s, [Action::Prospect(ProspectAction::DeleteProspect(id))]);
        assert_eq!(s.doc.prospects.len(), 1);
        assert_eq!(
            s.undo.as_ref().unwrap().description(),
            "Deleted the result of Dana."
        );
        let s = reduce(s, [Action::Undo]);
        assert_eq!(s.doc.prospects[0].id, id);
        assert_eq!(s.doc.prospects.len(), 2);
    }

    #[test]
    fn a_result_saved_as_ones_own_is_not_taken_for_someone_elses() {
        use crate::domain::prospects::looks_shared;
        let colleague = |label: &str| crate::domain::share::SharedResult {
            label: label.into(),
            reply: false,
            ..reply("")
        };
        let s = reduce(
            AppState::default(),
            [
                Action::Share(ShareAction::SaveSharedResultAsOwn(colleague(
                    "East team, Q3",
                ))),
                Action::Share(ShareAction::SaveSharedResultAsOwn(colleague(""))),
                // Passed on from a history where the app once marked it as shared.
                Action::Share(ShareAction::SaveSharedResultAsOwn(colleague(
                    "West (shared)",
                ))),
            ],
        );
        let labels: Vec<&str> = s
            .doc
            .grader
            .history
            .iter()
            .map(|a| a.label.as_str())
            .collect();
        assert_eq!(labels, ["East team, Q3", "", "West"]);
        assert!(s.doc.grader.history.iter().all(|a| !looks_shared(a)));
    }

    #[test]
    fn shared_copies_move_from_the_history_to_the_prospects_and_back_with_undo() {
        let s = reduce(
            AppState::default(),
            [
                Action::Grader(GraderAction::Answer(PracticeId::NpsSurvey, Answer::Yes)),
                Action::Grader(GraderAction::SaveAssessment { at: AT.into() }),
            ],
        );
        // As the app saved shared results before prospects had a list of their own.
        let mut s = s;
        let legacy = SavedAssessment {
            id: s.doc.take_id(),
            saved_at: "2026-11-20".into(),
            label: "Northwind Q3 (shared)".into(),
            answers: s.doc.grader.history[0].answers.clone(),
            team: String::new(),
            assessed_on: None,
        };
        s.doc.grader.history.push(legacy);
        let shared = s.doc.grader.history[1].id;
        assert_eq!(s.doc.grader.history[1].label, "Northwind Q3 (shared)");
        let before = s.doc.clone();
        let s = reduce(
            s,
            [Action::Prospect(ProspectAction::MoveToProspects {
                ids: vec![shared],
                at: AT.into(),
            })],
        );
        assert_eq!(s.doc.grader.history.len(), 1);
        assert_eq!(s.doc.prospects.len(), 1);
        assert_eq!(s.doc.prospects[0].label, "Northwind Q3");
        assert_eq!(
            s.undo.as_ref().unwrap().description(),
            "Moved 1 result to Prospects."
        );
        let s = reduce(s, [Action::Undo]);
        assert_eq!(s.doc.grader, before.grader);
        assert!(s.doc.prospects.is_empty());
    }
}
