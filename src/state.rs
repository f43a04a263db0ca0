//! The single app state and every change to it. Updates are pure: storage and the clock are
//! reached from components and effects, and their results arrive here as actions.

use std::rc::Rc;

use yew::Reducible;

use crate::domain::accounts::{Account, AccountForm, AccountId, CopySource, ValidAccount};
use crate::domain::backup::Merging;
use crate::domain::bcg::{BcgThresholds, MarketPosition};
use crate::domain::csv_import::{Applying, CsvPreview};
use crate::domain::demo::demo_accounts;
use crate::domain::grader::{Answer, Answers};
use crate::domain::history::{AssessmentId, SavedAssessment, ValidDetails};
use crate::domain::plans::{
    can_change_kind, unique_name, Consensus, Content, Plan, PlanId, SectionDef, SectionKind,
    Template, TemplateId, BUILT_IN_TEMPLATE,
};
use crate::domain::portfolio::ListQuery;
use crate::domain::practices::{PracticeId, PRACTICES};
use crate::domain::prospects::{received_from, without_shared_mark, Prospect, ProspectId};
use crate::domain::rating::{Axis, CriterionId};
use crate::domain::schema::{Document, LoadError};
use crate::domain::settings::{Settings, SettingsSection, Theme};
use crate::domain::sliced::run_to_end;
use crate::domain::snapshots::{self, Snapshot, SnapshotId};
use crate::domain::tab_merge;

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

/// Another tab stored what this tab must not overwrite, so this tab stopped saving.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavingStopped {
    pub why: LoadError,
    /// The last revision saved: any later one is held in this tab only.
    pub at_revision: u64,
}

/// Something the user can take back right after doing it.
#[derive(Clone, Debug, PartialEq)]
pub enum Undo {
    DeletedAssessment {
        assessment: SavedAssessment,
        position: usize,
    },
    /// An assessment's label, team or date changed: undone by putting these back.
    EditedAssessment(Box<SavedAssessment>),
    ClearedAnswers {
        answers: Answers,
        label: String,
    },
    ReplacedAnswers {
        answers: Answers,
        label: String,
    },
    DeletedAccount {
        account: Box<Account>,
        position: usize,
        /// The account's plan, deleted with it.
        plan: Option<Rc<Plan>>,
    },
    DeletedSnapshot {
        snapshot: Snapshot,
        position: usize,
    },
    DeletedTemplate {
        template: Template,
        position: usize,
    },
    RemovedSection {
        template: TemplateId,
        section: SectionDef,
        position: usize,
    },
    DeletedPlan {
        plan: Rc<Plan>,
        position: usize,
    },
    DeletedProspect {
        prospect: Box<Prospect>,
        position: usize,
    },
    /// Settings put back to their defaults: undone by restoring the settings alone.
    ResetSettings {
        settings: Box<Settings>,
        what: String,
    },
    /// A change to many things at once (removing the demo, importing a backup): undone by
    /// going back to the whole document as it was.
    Restore {
        doc: Box<Document>,
        what: String,
    },
}

impl Undo {
    pub fn description(&self) -> String {
        match self {
            Undo::DeletedAssessment { .. } => "Assessment deleted.".into(),
            Undo::EditedAssessment(before) => format!("Details of {} changed.", before.name()),
            Undo::ClearedAnswers { .. } => "Answers cleared.".into(),
            Undo::ReplacedAnswers { .. } => "Grader answers replaced.".into(),
            Undo::DeletedAccount {
                account,
                plan: Some(_),
                ..
            } => format!("Deleted {} and its plan.", account.name),
            Undo::DeletedAccount { account, .. } => format!("Deleted {}.", account.name),
            Undo::DeletedSnapshot { .. } => "Snapshot deleted.".into(),
            Undo::DeletedTemplate { template, .. } => {
                format!("Deleted template {}.", template.name)
            }
            Undo::RemovedSection { section, .. } => format!("Removed section {}.", section.title),
            Undo::DeletedPlan { .. } => "Plan deleted.".into(),
            Undo::DeletedProspect { prospect, .. } => {
                format!("Deleted the result of {}.", prospect.title())
            }
            Undo::Restore { what, .. } | Undo::ResetSettings { what, .. } => what.clone(),
        }
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
    pub undo: Option<Undo>,
    /// The assessment saved last from the grader, to confirm it there.
    pub just_saved: Option<AssessmentId>,
    /// How the accounts list is filtered and sorted; kept while moving between screens.
    pub list_query: ListQuery,
    /// Set when another tab's changes were loaded into this one.
    pub synced_from_other_tab: bool,
    /// Set when another tab stored a value this build cannot read; never cleared but by a
    /// reload.
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

/// A document worked out from another outside the reducer, for [`Action::ImportWorkedOut`].
#[derive(Debug, PartialEq)]
pub struct WorkedOut {
    pub basis: Document,
    pub result: Document,
}

/// Every change the app can make to its state.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Answer(PracticeId, Answer),
    SetDraftLabel(String),
    SetDraftTeam(String),
    ClearAnswers,
    /// What a visitor answered on the build's first screen before the app started: fills
    /// the practices and the label the draft leaves open, never changing what it holds.
    TakeOverFirstScreen {
        answers: Answers,
        label: String,
    },
    /// Save the draft as an assessment, stamped with `at` (RFC 3339).
    SaveAssessment {
        at: String,
    },
    DeleteAssessment(AssessmentId),
    /// Changes a saved assessment's label, team and the day it stands for (undoable). The
    /// moment it was saved stays: backups recognise the assessment by it.
    EditAssessment {
        id: AssessmentId,
        details: ValidDetails,
    },
    /// Copy a saved assessment's answers into the grader to start the next one from them.
    ReuseAnswers(AssessmentId),
    /// Add an account; it gets the id `doc.next_id` had when this was dispatched.
    AddAccount {
        account: ValidAccount,
        at: String,
    },
    UpdateAccount {
        id: AccountId,
        account: ValidAccount,
        at: String,
    },
    DeleteAccount(AccountId),
    /// Brings in a backup (already read, checked and matched), undoable in one step.
    ImportBackup {
        import: Rc<crate::domain::backup::Prepared>,
        mode: crate::domain::backup::Mode,
        /// The file is the stored text found unreadable at start-up: importing it takes that
        /// text's place, so it is no longer kept.
        restores_unreadable: bool,
    },
    /// An import (`ImportBackup` or `ImportCsv`) worked out beforehand, a slice at a time, so
    /// that the page kept painting: its result is taken while the document is still the one
    /// it was worked out from; otherwise the import is done again here against the document
    /// as it is now, so that nothing changed since is lost.
    ImportWorkedOut {
        import: Box<Action>,
        result: Rc<WorkedOut>,
    },
    BackupExported {
        at: String,
    },
    /// Adds and updates accounts from a spreadsheet, matched against the accounts of the
    /// moment it is applied, undoable in one step.
    ImportCsv {
        import: Rc<crate::domain::csv_import::CsvImport>,
        /// The preview already worked out (a slice at a time, for a large file) and the
        /// accounts it was worked out against; used only while those are still the accounts.
        checked: Option<(Rc<Vec<Account>>, Rc<crate::domain::csv_import::CsvPreview>)>,
        at: String,
    },
    /// Keeps a result someone shared as the user's own team's assessment, on purpose: it
    /// counts in their trend like any other. Its id is `doc.next_id` at dispatch.
    SaveSharedResultAsOwn(crate::domain::share::SharedResult),
    /// Adds a result received from a prospect's link to the prospects, apart from the
    /// history; its id is `doc.next_id` at dispatch. A link already added is not added again.
    AddProspect {
        result: crate::domain::share::SharedResult,
        link: String,
        at: String,
    },
    DeleteProspect(ProspectId),
    /// Moves shared copies saved to the history into the prospects, undoable in one step.
    MoveToProspects {
        ids: Vec<AssessmentId>,
        at: String,
    },
    /// Keeps a copy of a shared account (and its plan); its id is `doc.next_id` at dispatch.
    ImportSharedAccount {
        shared: Box<crate::domain::share::SharedAccount>,
        at: String,
    },
    /// Brings a kept copy of a colleague's account up to the version in their newer link,
    /// plan included, undoable in one step.
    UpdateSharedCopy {
        id: AccountId,
        shared: Box<crate::domain::share::SharedAccount>,
        at: String,
    },
    /// The firm's name, contact address and logo, as clients and prospects see them.
    SetFirm(crate::domain::settings::FirmProfile),
    /// Removes every account of the demo portfolio, with their plans.
    RemoveDemoAccounts,
    Rate {
        id: AccountId,
        criterion: CriterionId,
        rating: Option<u8>,
        at: String,
    },
    SetMarket {
        id: AccountId,
        market: MarketPosition,
        at: String,
    },
    LoadDemoPortfolio {
        at: String,
    },
    RecordSnapshot {
        at: String,
    },
    DeleteSnapshot(SnapshotId),
    SetListQuery(ListQuery),
    SetCurrency(String),
    SetWeight(CriterionId, u8),
    SetThreshold(Axis, u8),
    SetBcgThresholds(BcgThresholds),
    SetTheme(Theme),
    /// Puts one section of the settings, or all of them with `None`, back to the defaults,
    /// undoably. The user's data, and the date of the last backup, stay as they are.
    ResetSettings(Option<SettingsSection>),
    Undo,
    DismissUndo,
    DismissUnreadable,
    SaveFailed(String),
    SaveSucceeded,
    /// Keeps an account form's unsaved typing, replacing any kept before for that form.
    KeepAccountDraft(Box<AccountDraft>),
    /// Forgets the unsaved typing of the form for this account (`None`: a new one).
    DropAccountDraft(Option<AccountId>),
    /// A new template: a copy of `from`, or blank. Its id is `doc.next_id` at dispatch.
    CreateTemplate {
        from: Option<TemplateId>,
        name: String,
    },
    RenameTemplate(TemplateId, String),
    DeleteTemplate(TemplateId),
    /// Adds a section at the end; its key comes from `doc.next_id` at dispatch.
    AddSection {
        template: TemplateId,
        title: String,
        kind: SectionKind,
    },
    EditSection {
        template: TemplateId,
        key: String,
        title: String,
        guidance: String,
    },
    ChangeSectionKind {
        template: TemplateId,
        key: String,
        kind: SectionKind,
    },
    MoveSection {
        template: TemplateId,
        key: String,
        up: bool,
    },
    RemoveSection {
        template: TemplateId,
        key: String,
    },
    /// A plan for an account; its id is `doc.next_id` at dispatch.
    CreatePlan {
        account: AccountId,
        template: TemplateId,
        at: String,
    },
    WritePlan {
        plan: PlanId,
        key: String,
        title: String,
        content: Content,
        at: String,
        /// Set when the change removes a row (a person, an item): it can then be undone.
        removes_row: bool,
    },
    /// Moves a row (an item, a person, a measure) of a plan's section from one position to
    /// another; the section is found in the plan's template.
    MovePlanRow {
        plan: PlanId,
        key: String,
        from: usize,
        to: usize,
        at: String,
    },
    /// Discards content kept from a section the template no longer has (undoable).
    DropPlanSection {
        plan: PlanId,
        key: String,
    },
    MarkPlanReviewed {
        plan: PlanId,
        at: String,
    },
    SetConsensus {
        plan: PlanId,
        consensus: Consensus,
        at: String,
    },
    DeletePlan(PlanId),
    /// Whether printed plans leave out their empty sections.
    SetPrintFilledOnly(bool),
    SetStaleDays(u32),
    SetFirmSize(crate::domain::guidance::FirmSize),
    /// Days after which an account's ratings count as old.
    SetRatingStaleDays(u32),
    /// The user looked at an account's ratings and they still hold: they count as reviewed
    /// at `at`, unchanged.
    ConfirmRatings {
        id: AccountId,
        at: String,
    },
    /// Another tab saved `theirs`, starting from `base`: join it with this tab's changes
    /// since `base`. What `theirs` already holds is stored and is not saved again.
    OtherTabSaved {
        base: Box<Document>,
        theirs: Box<Document>,
    },
    /// Another tab stored a value this build cannot read: stop saving for good. Changes
    /// after revision `saved_through` were not saved.
    StopSaving {
        why: LoadError,
        saved_through: u64,
    },
    /// The user chose to let the unreadable stored value go; saving starts again.
    DiscardUnreadable,
    DismissSyncNotice,
    /// The user has read what the upgrade to schema version 4 changed.
    DismissClassificationNotice,
}

impl AppState {
    pub fn with_document(doc: Document) -> Self {
        Self {
            doc,
            ..Self::default()
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
    }

    fn changed(&mut self) {
        self.revision += 1;
    }

    fn take_id(&mut self) -> u64 {
        let id = self.doc.next_id;
        self.doc.next_id += 1;
        id
    }

    /// Takes the document after a backup's import, undoable in one step.
    fn backup_imported(&mut self, next: Document, restores_unreadable: bool) {
        if restores_unreadable {
            self.unreadable = None;
        }
        let before = std::mem::replace(&mut self.doc, next);
        // The backup's own date of export says nothing about this browser's backups.
        self.doc.settings.last_backup_at = before.settings.last_backup_at.clone();
        self.undo = Some(Undo::Restore {
            doc: Box::new(before),
            what: "Backup imported.".into(),
        });
        self.just_saved = None;
        self.changed();
    }

    /// Takes the document after a spreadsheet's import, undoable in one step.
    fn csv_imported(&mut self, next: Document, preview: &CsvPreview) {
        let before = std::mem::replace(&mut self.doc, next);
        let (added, updated) = (preview.added.len(), preview.updated.len());
        self.undo = Some(Undo::Restore {
            doc: Box::new(before),
            what: format!("Imported from the spreadsheet: {added} added, {updated} updated."),
        });
        self.changed();
    }

    fn edit_account(&mut self, id: AccountId, edit: impl FnOnce(&mut Account)) {
        if let Some(i) = self.doc.portfolio.accounts.iter().position(|a| a.id == id) {
            edit(&mut Rc::make_mut(&mut self.doc.portfolio.accounts)[i]);
            self.changed();
        }
    }

    /// Edits a stored template; the built-in one cannot change.
    fn edit_template(&mut self, id: TemplateId, edit: impl FnOnce(&mut Template)) {
        if id == BUILT_IN_TEMPLATE {
            return;
        }
        if let Some(t) = self.doc.plans.templates.iter_mut().find(|t| t.id == id) {
            edit(t);
            self.changed();
        }
    }

    fn edit_plan(&mut self, id: PlanId, edit: impl FnOnce(&mut Plan)) {
        if let Some(p) = self.doc.plans.plans.iter_mut().find(|p| p.id == id) {
            edit(Rc::make_mut(p));
            self.changed();
        }
    }

    /// A plan from a shared link, under a new id, for `account` on `template`.
    fn add_shared_plan(&mut self, plan: Plan, account: AccountId, template: TemplateId) {
        let id = self.take_id();
        self.doc.plans.plans.push(Rc::new(Plan {
            id,
            account,
            template,
            ..plan
        }));
    }

    /// The template a shared plan is written in, as kept here: the built-in one, `current`
    /// when it is already a copy of the same template, or else a new copy under a free name.
    fn keep_shared_template(
        &mut self,
        template: Template,
        current: Option<TemplateId>,
    ) -> TemplateId {
        if template.id == BUILT_IN_TEMPLATE {
            return BUILT_IN_TEMPLATE;
        }
        let same = |t: &Template| t.sections == template.sections;
        if let Some(id) = current.filter(|&c| self.doc.plans.template(c).as_ref().is_some_and(same))
        {
            return id;
        }
        let tid = self.take_id();
        let names: Vec<&str> = self
            .doc
            .plans
            .templates
            .iter()
            .map(|t| t.name.as_str())
            .collect();
        let name = unique_name(template.name.trim(), &names);
        self.doc.plans.templates.push(Template {
            id: tid,
            name,
            ..template
        });
        tid
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

    fn apply(&mut self, action: Action) {
        // An undo is offered only until the next change: undoing after later edits would
        // silently throw those edits away.
        let keeps_undo = matches!(
            action,
            Action::Undo
                | Action::DismissUndo
                | Action::DismissUnreadable
                | Action::SaveFailed(_)
                | Action::SaveSucceeded
                | Action::SetListQuery(_)
                | Action::DismissSyncNotice
                | Action::StopSaving { .. }
                | Action::KeepAccountDraft(_)
                | Action::DropAccountDraft(_)
                | Action::SetPrintFilledOnly(_)
        );
        if !keeps_undo {
            self.undo = None;
        }
        let grader = &mut self.doc.grader;
        match action {
            Action::Answer(id, answer) => {
                grader.draft.set(id, answer);
                self.just_saved = None;
                self.changed();
            }
            Action::SetDraftLabel(label) => {
                grader.draft_label = label;
                self.just_saved = None;
                self.changed();
            }
            Action::SetDraftTeam(team) => {
                grader.draft_team = team;
                self.just_saved = None;
                self.changed();
            }
            Action::TakeOverFirstScreen { answers, label } => {
                let mut taken = false;
                for p in &PRACTICES {
                    if let (Some(answer), None) = (answers.get(p.id), grader.draft.get(p.id)) {
                        grader.draft.set(p.id, answer);
                        taken = true;
                    }
                }
                if grader.draft_label.is_empty() && !label.is_empty() {
                    grader.draft_label = label;
                    taken = true;
                }
                if taken {
                    self.just_saved = None;
                    self.changed();
                }
            }
            Action::ClearAnswers => {
                let answers = std::mem::take(&mut grader.draft);
                let label = std::mem::take(&mut grader.draft_label);
                self.undo = Some(Undo::ClearedAnswers { answers, label });
                self.just_saved = None;
                self.changed();
            }
            Action::SaveAssessment { at } => {
                let id = self.take_id();
                let grader = &mut self.doc.grader;
                grader.history.push(SavedAssessment {
                    id,
                    saved_at: at,
                    label: grader.draft_label.trim().to_string(),
                    answers: grader.draft.clone(),
                    team: grader.draft_team.trim().to_string(),
                    assessed_on: None,
                });
                grader.draft_label.clear();
                self.just_saved = Some(id);
                self.changed();
            }
            Action::DeleteAssessment(id) => {
                if let Some(position) = grader.history.iter().position(|a| a.id == id) {
                    let assessment = grader.history.remove(position);
                    self.undo = Some(Undo::DeletedAssessment {
                        assessment,
                        position,
                    });
                    if self.just_saved == Some(id) {
                        self.just_saved = None;
                    }
                    self.changed();
                }
            }
            Action::EditAssessment { id, details } => {
                if let Some(a) = grader.history.iter_mut().find(|a| a.id == id) {
                    let before = a.clone();
                    a.label = details.label;
                    a.team = details.team;
                    a.assessed_on = details.assessed_on;
                    if *a != before {
                        self.undo = Some(Undo::EditedAssessment(Box::new(before)));
                        self.changed();
                    }
                }
            }
            Action::ReuseAnswers(id) => {
                if let Some(saved) = grader.history.iter().find(|a| a.id == id) {
                    let answers = std::mem::replace(&mut grader.draft, saved.answers.clone());
                    let label = std::mem::take(&mut grader.draft_label);
                    if !answers.is_empty() || !label.is_empty() {
                        self.undo = Some(Undo::ReplacedAnswers { answers, label });
                    }
                    self.just_saved = None;
                    self.changed();
                }
            }
            Action::AddAccount { account, at } => {
                let id = self.take_id();
                Rc::make_mut(&mut self.doc.portfolio.accounts).push(Account {
                    id,
                    name: account.name,
                    industry: account.industry,
                    manager: account.manager,
                    revenue: account.revenue,
                    tier: account.tier,
                    notes: account.notes,
                    ratings: Default::default(),
                    market: MarketPosition::default(),
                    created_at: at.clone(),
                    updated_at: at,
                    reviewed_at: None,
                    demo: false,
                    copied_from: None,
                });
                self.changed();
            }
            Action::UpdateAccount { id, account, at } => self.edit_account(id, |a| {
                a.name = account.name;
                a.industry = account.industry;
                a.manager = account.manager;
                a.revenue = account.revenue;
                a.tier = account.tier;
                a.notes = account.notes;
                a.updated_at = at;
            }),
            Action::DeleteAccount(id) => {
                if let Some(position) = self.doc.portfolio.accounts.iter().position(|a| a.id == id)
                {
                    let accounts = Rc::make_mut(&mut self.doc.portfolio.accounts);
                    let account = Box::new(accounts.remove(position));
                    let plans = &mut self.doc.plans.plans;
                    let plan = plans
                        .iter()
                        .position(|p| p.account == id)
                        .map(|i| plans.remove(i));
                    self.undo = Some(Undo::DeletedAccount {
                        account,
                        position,
                        plan,
                    });
                    self.changed();
                }
            }
            Action::ImportBackup {
                import,
                mode,
                restores_unreadable,
            } => {
                let next = run_to_end(Merging::new(&self.doc, import, mode));
                self.backup_imported(next, restores_unreadable);
            }
            Action::ImportWorkedOut { import, result } => {
                if result.basis != self.doc {
                    return self.apply(*import);
                }
                match *import {
                    Action::ImportBackup {
                        restores_unreadable,
                        ..
                    } => self.backup_imported(result.result.clone(), restores_unreadable),
                    Action::ImportCsv {
                        checked: Some((basis, preview)),
                        ..
                    } if Rc::ptr_eq(&basis, &result.basis.portfolio.accounts) => {
                        if !preview.is_empty() {
                            self.csv_imported(result.result.clone(), &preview);
                        }
                    }
                    other => self.apply(other),
                }
            }
            Action::ImportCsv {
                import,
                checked,
                at,
            } => {
                let preview = match checked {
                    Some((basis, preview)) if Rc::ptr_eq(&basis, &self.doc.portfolio.accounts) => {
                        preview
                    }
                    // The accounts changed since (in another tab, say): checked again, so
                    // that nothing is matched to an account that has gone.
                    _ => Rc::new(import.preview(&self.doc.portfolio.accounts)),
                };
                if preview.is_empty() {
                    return;
                }
                let next = run_to_end(Applying::new(&self.doc, preview.clone(), at));
                self.csv_imported(next, &preview);
            }
            Action::BackupExported { at } => {
                self.doc.settings.last_backup_at = Some(at);
                self.changed();
            }
            Action::SaveSharedResultAsOwn(result) => {
                let id = self.take_id();
                self.doc.grader.history.push(SavedAssessment {
                    id,
                    saved_at: result.date,
                    label: without_shared_mark(&result.label).to_string(),
                    answers: result.answers,
                    team: String::new(),
                    assessed_on: None,
                });
                self.changed();
            }
            Action::AddProspect { result, link, at } => {
                if received_from(&self.doc.prospects, &link).is_none() {
                    let id = self.take_id();
                    let prospect = Prospect::received(id, &at, &result, &link);
                    self.doc.prospects.push(prospect);
                    self.changed();
                }
            }
            Action::DeleteProspect(id) => {
                if let Some(position) = self.doc.prospects.iter().position(|p| p.id == id) {
                    let prospect = Box::new(self.doc.prospects.remove(position));
                    self.undo = Some(Undo::DeletedProspect { prospect, position });
                    self.changed();
                }
            }
            Action::MoveToProspects { ids, at } => {
                let before = self.doc.clone();
                let (moved, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut self.doc.grader.history)
                    .into_iter()
                    .partition(|a| ids.contains(&a.id));
                self.doc.grader.history = kept;
                if !moved.is_empty() {
                    for a in &moved {
                        let id = self.take_id();
                        let prospect = Prospect::moved_from_history(id, &at, a);
                        self.doc.prospects.push(prospect);
                    }
                    self.undo = Some(Undo::Restore {
                        doc: Box::new(before),
                        what: match moved.len() {
                            1 => "Moved 1 result to Prospects.".to_string(),
                            n => format!("Moved {n} results to Prospects."),
                        },
                    });
                    self.changed();
                }
            }
            Action::ImportSharedAccount { shared, at } => {
                let before = self.doc.clone();
                let id = self.take_id();
                let names: Vec<&str> = self
                    .doc
                    .portfolio
                    .accounts
                    .iter()
                    .map(|a| a.name.as_str())
                    .collect();
                let name = unique_name(shared.name.trim(), &names);
                let mut ratings = shared.ratings.clone();
                ratings = std::mem::take(&mut ratings).sanitized();
                // Says the name it was saved under, which differs when the name was taken.
                self.undo = Some(Undo::Restore {
                    doc: Box::new(before),
                    what: format!("Saved a copy as {name}."),
                });
                Rc::make_mut(&mut self.doc.portfolio.accounts).push(Account {
                    id,
                    name,
                    industry: shared.industry.clone(),
                    manager: shared.manager.clone(),
                    revenue: shared.revenue,
                    tier: shared.tier,
                    notes: shared.notes.clone(),
                    ratings,
                    market: MarketPosition::default(),
                    created_at: at.clone(),
                    updated_at: at.clone(),
                    reviewed_at: None,
                    demo: false,
                    copied_from: shared.source.clone().map(|source| CopySource {
                        copied_at: at.clone(),
                        ..source
                    }),
                });
                if let Some((template, plan)) = shared.plan.clone() {
                    let template_id = self.keep_shared_template(template, None);
                    self.add_shared_plan(plan, id, template_id);
                }
                self.changed();
            }
            Action::UpdateSharedCopy { id, shared, at } => {
                let Some(mine) = self.account(id).cloned() else {
                    return;
                };
                let before = self.doc.clone();
                let next = crate::domain::copy_update::updated(&mine, &shared, &at);
                let incoming =
                    crate::domain::copy_update::incoming_plan(self.doc.plans.plan_for(id), &shared);
                self.undo = Some(Undo::Restore {
                    doc: Box::new(before),
                    what: format!("Updated your copy of {}.", next.name),
                });
                self.edit_account(id, |a| *a = next);
                if let Some((template, plan)) = incoming {
                    let current = self.doc.plans.plan_for(id).map(|p| (p.id, p.template));
                    let template_id = self.keep_shared_template(template, current.map(|(_, t)| t));
                    let plans = &mut self.doc.plans.plans;
                    match current {
                        Some((plan_id, _)) => {
                            if let Some(p) = plans.iter_mut().find(|p| p.id == plan_id) {
                                *p = Rc::new(Plan {
                                    id: plan_id,
                                    account: id,
                                    template: template_id,
                                    created_at: p.created_at.clone(),
                                    ..plan
                                });
                            }
                        }
                        None => self.add_shared_plan(plan, id, template_id),
                    }
                }
                self.changed();
            }
            Action::SetFirm(firm) => {
                self.doc.settings.firm = firm;
                self.changed();
            }
            Action::RemoveDemoAccounts => {
                let before = self.doc.clone();
                let demo: Vec<AccountId> = self
                    .doc
                    .portfolio
                    .accounts
                    .iter()
                    .filter(|a| a.demo)
                    .map(|a| a.id)
                    .collect();
                if !demo.is_empty() {
                    Rc::make_mut(&mut self.doc.portfolio.accounts).retain(|a| !a.demo);
                    let plans_before = self.doc.plans.plans.len();
                    self.doc.plans.plans.retain(|p| !demo.contains(&p.account));
                    let plans = plans_before - self.doc.plans.plans.len();
                    for s in Rc::make_mut(&mut self.doc.portfolio.snapshots) {
                        s.positions.retain(|id, _| !demo.contains(id));
                    }
                    self.undo = Some(Undo::Restore {
                        doc: Box::new(before),
                        what: format!(
                            "Removed {} demo {}{}.",
                            demo.len(),
                            if demo.len() == 1 {
                                "account"
                            } else {
                                "accounts"
                            },
                            match plans {
                                0 => String::new(),
                                1 => " and 1 plan".to_string(),
                                n => format!(" and {n} plans"),
                            }
                        ),
                    });
                    self.changed();
                }
            }
            Action::Rate {
                id,
                criterion,
                rating,
                at,
            } => self.edit_account(id, |a| {
                a.ratings.set(criterion, rating);
                a.reviewed_at = Some(at.clone());
                a.updated_at = at;
            }),
            Action::ConfirmRatings { id, at } => self.edit_account(id, |a| {
                a.reviewed_at = Some(at.clone());
                a.updated_at = at;
            }),
            Action::SetMarket { id, market, at } => self.edit_account(id, |a| {
                a.market = market;
                a.updated_at = at;
            }),
            Action::LoadDemoPortfolio { at } => {
                let first = self.doc.next_id;
                let existing: Vec<String> = self
                    .doc
                    .portfolio
                    .accounts
                    .iter()
                    .map(|a| crate::domain::accounts::name_key(&a.name))
                    .collect();
                let demo: Vec<Account> = demo_accounts(first, &at)
                    .into_iter()
                    .filter(|a| !existing.contains(&crate::domain::accounts::name_key(&a.name)))
                    .collect();
                self.doc.next_id = demo.last().map_or(first, |a| a.id + 1);
                Rc::make_mut(&mut self.doc.portfolio.accounts).extend(demo);
                self.changed();
            }
            Action::RecordSnapshot { at } => {
                let weights = &self.doc.settings.weights;
                let snapshot = snapshots::take(0, &at, &self.doc.portfolio.accounts, weights);
                // A snapshot of no rated account would show nothing, ever.
                if !snapshot.positions.is_empty() {
                    let before = self.doc.clone();
                    let id = self.take_id();
                    let n = snapshot.positions.len();
                    Rc::make_mut(&mut self.doc.portfolio.snapshots)
                        .push(Snapshot { id, ..snapshot });
                    // The toast confirms it; the snapshot appears only in a list further down.
                    self.undo = Some(Undo::Restore {
                        doc: Box::new(before),
                        what: format!(
                            "Recorded a snapshot of {n} {}.",
                            if n == 1 { "account" } else { "accounts" }
                        ),
                    });
                    self.changed();
                }
            }
            Action::DeleteSnapshot(id) => {
                if let Some(position) = self.doc.portfolio.snapshots.iter().position(|s| s.id == id)
                {
                    let snapshot = Rc::make_mut(&mut self.doc.portfolio.snapshots).remove(position);
                    self.undo = Some(Undo::DeletedSnapshot { snapshot, position });
                    self.changed();
                }
            }
            Action::CreateTemplate { from, name } => {
                let id = self.take_id();
                let plans = &mut self.doc.plans;
                let sections = match from {
                    Some(source) => plans
                        .template(source)
                        .map(|t| t.sections)
                        .unwrap_or_default(),
                    None => Vec::new(),
                };
                let base = if name.trim().is_empty() {
                    "Untitled template"
                } else {
                    name.trim()
                };
                let existing: Vec<&str> = plans.templates.iter().map(|t| t.name.as_str()).collect();
                let name = unique_name(base, &existing);
                plans.templates.push(Template { id, name, sections });
                self.changed();
            }
            Action::RenameTemplate(id, name) => self.edit_template(id, |t| t.name = name),
            Action::DeleteTemplate(id) => {
                let in_use = self.doc.plans.plans.iter().any(|p| p.template == id);
                let templates = &mut self.doc.plans.templates;
                if let (false, Some(position)) = (in_use, templates.iter().position(|t| t.id == id))
                {
                    let template = templates.remove(position);
                    self.undo = Some(Undo::DeletedTemplate { template, position });
                    self.changed();
                }
            }
            Action::AddSection {
                template,
                title,
                kind,
            } => {
                let key = format!("s{}", self.take_id());
                let title = if title.trim().is_empty() {
                    "New section".to_string()
                } else {
                    title.trim().to_string()
                };
                self.edit_template(template, |t| {
                    t.sections.push(SectionDef {
                        key,
                        title,
                        guidance: String::new(),
                        kind,
                    })
                });
            }
            Action::EditSection {
                template,
                key,
                title,
                guidance,
            } => self.edit_template(template, |t| {
                if let Some(s) = t.sections.iter_mut().find(|s| s.key == key) {
                    s.title = title;
                    s.guidance = guidance;
                }
            }),
            Action::ChangeSectionKind {
                template,
                key,
                kind,
            } => {
                let plans: Vec<&Plan> = self
                    .doc
                    .plans
                    .plans
                    .iter()
                    .filter(|p| p.template == template)
                    .map(|p| &**p)
                    .collect();
                let allowed = self
                    .doc
                    .plans
                    .template(template)
                    .and_then(|t| t.sections.into_iter().find(|s| s.key == key))
                    .is_some_and(|s| can_change_kind(&key, s.kind, kind, &plans));
                if allowed {
                    self.edit_template(template, |t| {
                        if let Some(s) = t.sections.iter_mut().find(|s| s.key == key) {
                            s.kind = kind;
                        }
                    });
                }
            }
            Action::MoveSection { template, key, up } => self.edit_template(template, |t| {
                if let Some(i) = t.sections.iter().position(|s| s.key == key) {
                    let j = if up {
                        i.checked_sub(1)
                    } else {
                        Some(i + 1).filter(|&j| j < t.sections.len())
                    };
                    if let Some(j) = j {
                        t.sections.swap(i, j);
                    }
                }
            }),
            Action::RemoveSection { template, key } => {
                let mut removed = None;
                self.edit_template(template, |t| {
                    if let Some(position) = t.sections.iter().position(|s| s.key == key) {
                        removed = Some((t.sections.remove(position), position));
                    }
                });
                if let Some((section, position)) = removed {
                    self.undo = Some(Undo::RemovedSection {
                        template,
                        section,
                        position,
                    });
                }
            }
            Action::CreatePlan {
                account,
                template,
                at,
            } => {
                let exists = self.doc.plans.plan_for(account).is_some();
                let valid =
                    self.account(account).is_some() && self.doc.plans.template(template).is_some();
                if !exists && valid {
                    let id = self.take_id();
                    self.doc
                        .plans
                        .plans
                        .push(Rc::new(Plan::new(id, account, template, &at)));
                    self.changed();
                }
            }
            Action::WritePlan {
                plan,
                key,
                title,
                content,
                at,
                removes_row,
            } => {
                let before = removes_row.then(|| Box::new(self.doc.clone()));
                self.edit_plan(plan, |p| p.write(&key, &title, content, &at));
                if let Some(doc) = before {
                    let what = format!("Removed an entry from {title}.");
                    self.undo = Some(Undo::Restore { doc, what });
                }
            }
            Action::MovePlanRow {
                plan,
                key,
                from,
                to,
                at,
            } => {
                let plans = &self.doc.plans;
                // Moved on a copy, so a move that cannot happen changes nothing and saves nothing.
                let moved = plans.plans.iter().find(|p| p.id == plan).and_then(|p| {
                    let def = plans
                        .template(p.template)?
                        .sections
                        .into_iter()
                        .find(|d| d.key == key)?;
                    let mut next = (**p).clone();
                    next.move_row(&def, from, to, &at).then_some(next)
                });
                if let Some(next) = moved {
                    self.edit_plan(plan, |p| *p = next);
                }
            }
            Action::DropPlanSection { plan, key } => {
                let before = Box::new(self.doc.clone());
                self.edit_plan(plan, |p| p.sections.retain(|s| s.key != key));
                self.undo = Some(Undo::Restore {
                    doc: before,
                    what: "Kept section removed.".into(),
                });
            }
            Action::MarkPlanReviewed { plan, at } => self.edit_plan(plan, |p| {
                p.reviewed_at = Some(at.clone());
                p.updated_at = at;
            }),
            Action::SetConsensus {
                plan,
                consensus,
                at,
            } => self.edit_plan(plan, |p| {
                p.consensus = consensus;
                p.updated_at = at;
            }),
            Action::DeletePlan(id) => {
                let plans = &mut self.doc.plans.plans;
                if let Some(position) = plans.iter().position(|p| p.id == id) {
                    let plan = plans.remove(position);
                    self.undo = Some(Undo::DeletedPlan { plan, position });
                    self.changed();
                }
            }
            Action::SetStaleDays(days) => {
                self.doc.settings.plan_stale_days = days.clamp(1, 3650);
                self.changed();
            }
            Action::SetFirmSize(size) => {
                self.doc.settings.firm_size = size;
                self.changed();
            }
            Action::SetRatingStaleDays(days) => {
                self.doc.settings.rating_stale_days = days.clamp(1, 3650);
                self.changed();
            }
            Action::SetPrintFilledOnly(on) => self.print_filled_only = on,
            Action::SetListQuery(query) => self.list_query = self.list_query.followed_by(query),
            Action::SetCurrency(code) => {
                self.doc.settings.currency = code;
                self.changed();
            }
            Action::SetWeight(id, weight) => {
                self.doc.settings.weights.set(id, weight);
                self.changed();
            }
            Action::SetThreshold(axis, value) => {
                let t = &mut self.doc.settings.thresholds;
                let value = value.min(100);
                match axis {
                    Axis::Relationship => t.relationship = value,
                    Axis::Potential => t.potential = value,
                }
                self.changed();
            }
            Action::SetBcgThresholds(bcg) => {
                self.doc.settings.bcg = bcg;
                self.changed();
            }
            Action::SetTheme(theme) => {
                self.doc.settings.theme = theme;
                self.changed();
            }
            Action::ResetSettings(section) => {
                // Already the defaults: nothing to change, and nothing to offer to undo.
                if !self.doc.settings.is_reset(section) {
                    let settings = Box::new(self.doc.settings.clone());
                    self.doc.settings.reset(section);
                    let what = match section {
                        Some(one) => format!("{} reset to defaults.", one.name()),
                        None => "All settings reset to defaults.".into(),
                    };
                    self.undo = Some(Undo::ResetSettings { settings, what });
                    self.changed();
                }
            }
            Action::Undo => match self.undo.take() {
                Some(Undo::DeletedAssessment {
                    assessment,
                    position,
                }) => {
                    let position = position.min(grader.history.len());
                    grader.history.insert(position, assessment);
                    self.changed();
                }
                Some(Undo::EditedAssessment(before)) => {
                    if let Some(a) = grader.history.iter_mut().find(|a| a.id == before.id) {
                        *a = *before;
                        self.changed();
                    }
                }
                Some(
                    Undo::ClearedAnswers { answers, label }
                    | Undo::ReplacedAnswers { answers, label },
                ) => {
                    grader.draft = answers;
                    grader.draft_label = label;
                    self.changed();
                }
                Some(Undo::DeletedTemplate { template, position }) => {
                    let templates = &mut self.doc.plans.templates;
                    templates.insert(position.min(templates.len()), template);
                    self.changed();
                }
                Some(Undo::RemovedSection {
                    template,
                    section,
                    position,
                }) => {
                    self.edit_template(template, |t| {
                        t.sections.insert(position.min(t.sections.len()), section)
                    });
                }
                Some(Undo::Restore { doc, .. }) => {
                    // Ids handed out since stay used: something may still refer to them (an
                    // address, a history entry), and ids are never reused.
                    let next_id = self.doc.next_id.max(doc.next_id);
                    self.doc = *doc;
                    self.doc.next_id = next_id;
                    self.changed();
                }
                Some(Undo::ResetSettings { settings, .. }) => {
                    self.doc.settings = *settings;
                    self.changed();
                }
                Some(Undo::DeletedProspect { prospect, position }) => {
                    let position = position.min(self.doc.prospects.len());
                    self.doc.prospects.insert(position, *prospect);
                    self.changed();
                }
                Some(Undo::DeletedPlan { plan, position }) => {
                    let plans = &mut self.doc.plans.plans;
                    plans.insert(position.min(plans.len()), plan);
                    self.changed();
                }
                Some(Undo::DeletedSnapshot { snapshot, position }) => {
                    let snapshots = Rc::make_mut(&mut self.doc.portfolio.snapshots);
                    let position = position.min(snapshots.len());
                    snapshots.insert(position, snapshot);
                    self.changed();
                }
                Some(Undo::DeletedAccount {
                    account,
                    position,
                    plan,
                }) => {
                    let accounts = Rc::make_mut(&mut self.doc.portfolio.accounts);
                    let position = position.min(accounts.len());
                    accounts.insert(position, *account);
                    self.doc.plans.plans.extend(plan);
                    self.changed();
                }
                None => {}
            },
            Action::DismissUndo => self.undo = None,
            // While the original is kept, the notice is what says that nothing is saved.
            Action::DismissUnreadable => {
                if self.unreadable.as_ref().is_some_and(|u| !u.keep_original) {
                    self.unreadable = None;
                }
            }
            Action::SaveFailed(why) => self.save_problem = Some(why),
            Action::SaveSucceeded => self.save_problem = None,
            Action::OtherTabSaved { base, theirs } => {
                let tab_merge::Joined {
                    doc: merged,
                    moved_accounts,
                } = tab_merge::join(&base, &self.doc, &theirs);
                for draft in &mut self.account_drafts {
                    let moved = moved_accounts
                        .iter()
                        .find(|(from, _)| Some(*from) == draft.target);
                    if let Some(&(_, to)) = moved {
                        draft.target = Some(to);
                    }
                }
                if !moved_accounts.is_empty() {
                    self.moved_accounts = Rc::new(moved_accounts);
                }
                if merged != self.doc {
                    self.synced_from_other_tab = true;
                    self.just_saved = None;
                }
                let keeps_changes_of_ours = merged != *theirs;
                self.doc = merged;
                if keeps_changes_of_ours {
                    self.changed();
                } else {
                    // Everything this tab holds is stored now.
                    self.save_problem = None;
                }
                // The other tab wrote over the text kept unread here: there is nothing left
                // to keep, and saving can go on.
                if self.unreadable.as_ref().is_some_and(|u| u.keep_original) {
                    self.unreadable = None;
                }
            }
            Action::StopSaving { why, saved_through } => {
                if self.saving_stopped.is_none() {
                    self.saving_stopped = Some(SavingStopped {
                        why,
                        at_revision: saved_through,
                    });
                }
            }
            Action::DiscardUnreadable => {
                if self.unreadable.as_ref().is_some_and(|u| !u.newer_version) {
                    self.unreadable = None;
                    self.changed();
                }
            }
            Action::DismissSyncNotice => self.synced_from_other_tab = false,
            Action::DismissClassificationNotice => {
                self.doc.classification_notice = None;
                self.changed();
            }
            Action::KeepAccountDraft(draft) => {
                self.account_drafts.retain(|d| d.target != draft.target);
                self.account_drafts.push(*draft);
            }
            Action::DropAccountDraft(target) => {
                self.account_drafts.retain(|d| d.target != target);
            }
        }
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::grader::grade;

    fn reduce(state: AppState, actions: impl IntoIterator<Item = Action>) -> AppState {
        let mut state = Rc::new(state);
        for a in actions {
            state = state.reduce(a);
        }
        Rc::try_unwrap(state).unwrap()
    }

    const AT: &str = "2026-11-23T09:00:00.000Z";

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
            [Action::ImportSharedAccount {
                shared: first.clone(),
                at: AT.into(),
            }],
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
            [Action::UpdateSharedCopy {
                id: copy.id,
                shared: newer.clone(),
                at: "2026-12-02T00:00:00Z".into(),
            }],
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
            [Action::ImportSharedAccount {
                shared: link(&sender, &plan),
                at: AT.into(),
            }],
        );
        let copy = s.doc.portfolio.accounts[1].clone();
        assert_eq!(copy.name, format!("{} 2", sender.name));
        // The colleague names the person in their copy, as the link named no one.
        let copy_plan = s.doc.plans.plan_for(copy.id).unwrap().id;
        let s = reduce(
            s,
            [Action::WritePlan {
                plan: copy_plan,
                key: "relationships".into(),
                title: "Rel".into(),
                content: people("Lunch"),
                at: "2026-11-24T00:00:00Z".into(),
                removes_row: false,
            }],
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
            [Action::UpdateSharedCopy {
                id: copy.id,
                shared: newer,
                at: "2026-12-02T00:00:00Z".into(),
            }],
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
                Action::AddAccount {
                    account: form("acme"),
                    at: AT.into(),
                },
                Action::ImportCsv {
                    checked: None,
                    import: import.clone(),
                    at: AT.into(),
                },
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
        assert!(s
            .undo
            .as_ref()
            .unwrap()
            .description()
            .contains("1 added, 1 updated"));
        let s = reduce(s, [Action::Undo]);
        assert_eq!(s.doc.portfolio.accounts.len(), 1);
        assert_eq!(s.doc.portfolio.accounts[0].name, "acme");
        // Importing again after the undo does the same again.
        let s = reduce(
            s,
            [Action::ImportCsv {
                checked: None,
                import,
                at: AT.into(),
            }],
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
        use crate::domain::backup::Mode;
        use crate::domain::sliced::run_in_slices;
        let mut start = reduce(
            AppState::default(),
            [Action::AddAccount {
                account: acme(),
                at: AT.into(),
            }],
        );
        start.doc.settings.last_backup_at = Some(AT.into());
        let import = backup_for(&start.doc);
        let action = Action::ImportBackup {
            import: import.clone(),
            mode: Mode::Merge,
            restores_unreadable: false,
        };
        let in_one_go = reduce(start.clone(), [action.clone()]);
        let basis = start.doc.clone();
        let (result, _) = run_in_slices(Merging::new(&basis, import, Mode::Merge), 1);
        let worked_out = Action::ImportWorkedOut {
            import: Box::new(action.clone()),
            result: Rc::new(WorkedOut { basis, result }),
        };
        let taken = reduce(start.clone(), [worked_out.clone()]);
        assert_eq!(taken.doc, in_one_go.doc);
        assert_eq!(taken.doc.portfolio.accounts[0].industry, "From the file");
        assert_eq!(taken.doc.settings.last_backup_at.as_deref(), Some(AT));
        assert_eq!(taken.undo, in_one_go.undo);
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
            [Action::AddAccount {
                account: cedar,
                at: AT.into(),
            }],
        );
        let again = reduce(changed.clone(), [action]);
        let fell_back = reduce(changed, [worked_out]);
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
        use crate::domain::csv_import::{guess_mapping, read_table, CsvImport, RememberedMapping};
        use crate::domain::sliced::run_in_slices;
        let table = Rc::new(read_table(b"Name,Needs fit\nAcme,4\nBeta,\n").unwrap());
        let mapping = guess_mapping(&table.headers, &RememberedMapping::default());
        let import = Rc::new(CsvImport {
            table,
            mapping,
            mark: Default::default(),
        });
        let start = reduce(
            AppState::default(),
            [Action::AddAccount {
                account: acme(),
                at: AT.into(),
            }],
        );
        let accounts = start.doc.portfolio.accounts.clone();
        let preview = Rc::new(import.preview(&accounts));
        let action = Action::ImportCsv {
            import,
            checked: Some((accounts, preview.clone())),
            at: AT.into(),
        };
        let basis = start.doc.clone();
        let (result, _) = run_in_slices(Applying::new(&basis, preview, AT.into()), 1);
        let worked_out = Action::ImportWorkedOut {
            import: Box::new(action.clone()),
            result: Rc::new(WorkedOut { basis, result }),
        };
        let in_one_go = reduce(start.clone(), [action.clone()]);
        let taken = reduce(start.clone(), [worked_out.clone()]);
        assert_eq!(taken.doc, in_one_go.doc);
        assert_eq!(taken.doc.portfolio.accounts.len(), 2);
        assert_eq!(
            taken.undo.as_ref().unwrap().description(),
            "Imported from the spreadsheet: 1 added, 1 updated."
        );
        let undone = reduce(taken, [Action::Undo]);
        assert_eq!(undone.doc, reduce(in_one_go, [Action::Undo]).doc);
        assert_eq!(undone.doc.portfolio.accounts, start.doc.portfolio.accounts);

        // Acme is deleted meanwhile: the rows are matched again, and both are added.
        let changed = reduce(start, [Action::DeleteAccount(1)]);
        let fell_back = reduce(changed.clone(), [worked_out]);
        assert_eq!(fell_back.doc, reduce(changed, [action]).doc);
        assert_eq!(fell_back.doc.portfolio.accounts.len(), 2);
        assert_eq!(
            fell_back.undo.as_ref().unwrap().description(),
            "Imported from the spreadsheet: 2 added, 0 updated."
        );
    }

    #[test]
    fn the_incremental_encoder_matches_a_full_encode_after_every_change() {
        use crate::domain::document_encoder::DocumentEncoder;
        use crate::domain::plans::Content;
        use crate::domain::schema::encode;

        let mut encoder = DocumentEncoder::default();
        let mut state = Rc::new(AppState::default());
        let steps = vec![
            Action::LoadDemoPortfolio { at: AT.into() },
            Action::CreatePlan {
                account: 1,
                template: BUILT_IN_TEMPLATE,
                at: AT.into(),
            },
            Action::RecordSnapshot { at: AT.into() },
            Action::SetCurrency("EUR".into()),
            Action::Answer(PracticeId::GrowthGoals, Answer::Yes),
            Action::SaveAssessment { at: AT.into() },
            Action::Rate {
                id: 2,
                criterion: CriterionId::NeedsFit,
                rating: Some(1),
                at: AT.into(),
            },
            Action::DeleteAccount(1),
            Action::Undo,
            Action::RemoveDemoAccounts,
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
        state = state.reduce(Action::WritePlan {
            plan,
            key: "vision".into(),
            title: "Vision".into(),
            content: Content::Text("Twice the size by 2028".into()),
            at: AT.into(),
            removes_row: false,
        });
        let text = encoder.encode(&state.doc);
        assert_eq!(text, encode(&state.doc));
        assert!(text.contains("Twice the size by 2028"));
    }

    #[test]
    fn saving_keeps_answers_and_records_date_and_label() {
        let s = reduce(
            AppState::default(),
            [
                Action::Answer(PracticeId::GrowthGoals, Answer::Yes),
                Action::SetDraftLabel("  Sales, Q4 ".into()),
                Action::SaveAssessment { at: AT.into() },
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
                Action::SetDraftTeam(" Sales ".into()),
                Action::SaveAssessment { at: AT.into() },
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
                Action::SetDraftLabel("Draft".into()),
                Action::SaveAssessment { at: AT.into() },
                Action::EditAssessment {
                    id: 1,
                    details: details("Q2 review", "Sales", Some("2026-06-30")),
                },
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
            [Action::SaveAssessment { at: AT.into() }],
        );
        let revision = s.revision;
        let s = reduce(
            s,
            [Action::EditAssessment {
                id: 1,
                details: details("", "", None),
            }],
        );
        assert_eq!(s.revision, revision);
        assert_eq!(s.undo, None);
    }

    #[test]
    fn ids_are_never_reused_after_a_delete() {
        let s = reduce(
            AppState::default(),
            [
                Action::SaveAssessment { at: AT.into() },
                Action::DeleteAssessment(1),
                Action::DismissUndo,
                Action::SaveAssessment { at: AT.into() },
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
                Action::SaveAssessment { at: AT.into() },
                Action::SaveAssessment { at: AT.into() },
                Action::SaveAssessment { at: AT.into() },
                Action::DeleteAssessment(2),
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
                Action::Answer(PracticeId::NpsSurvey, Answer::Yes),
                Action::SetDraftLabel("Team A".into()),
                Action::ClearAnswers,
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
            [Action::TakeOverFirstScreen {
                answers: early,
                label: "Sales".into(),
            }],
        );
        assert!(s.doc.grader.draft.does(PracticeId::NpsSurvey));
        assert_eq!(
            s.doc.grader.draft.get(PracticeId::GrowthGoals),
            Some(Answer::NotYet)
        );
        assert_eq!(s.doc.grader.draft_label, "Sales");
        assert_eq!(s.revision, 1, "a change, so it is saved");
    }

    #[test]
    fn answers_from_the_first_screen_never_replace_stored_ones() {
        let stored = reduce(
            AppState::default(),
            [
                Action::Answer(PracticeId::NpsSurvey, Answer::NotYet),
                Action::SetDraftLabel("Stored".into()),
            ],
        );
        let mut early = Answers::default();
        early.set(PracticeId::NpsSurvey, Answer::Yes);
        let s = reduce(
            stored.clone(),
            [Action::TakeOverFirstScreen {
                answers: early.clone(),
                label: "Early".into(),
            }],
        );
        assert_eq!(s.doc, stored.doc, "nothing stored changes");
        assert_eq!(s.revision, stored.revision, "and nothing is saved again");
        early.set(PracticeId::GrowthGoals, Answer::Yes);
        let s = reduce(
            stored,
            [Action::TakeOverFirstScreen {
                answers: early,
                label: String::new(),
            }],
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
                Action::AddAccount {
                    account: valid("Acme"),
                    at: AT.into(),
                },
                Action::Rate {
                    id: 1,
                    criterion: CriterionId::NeedsFit,
                    rating: Some(4),
                    at: "2026-11-24T00:00:00.000Z".into(),
                },
            ],
        );
        let a = s.account(1).unwrap();
        assert_eq!(a.ratings.get(CriterionId::NeedsFit), Some(4));
        assert_eq!(a.reviewed_at.as_deref(), Some("2026-11-24T00:00:00.000Z"));
        assert_eq!(a.created_at, AT);
        let s = reduce(s, [Action::DeleteAccount(1)]);
        assert!(s.account(1).is_none());
        let s = reduce(s, [Action::Undo]);
        assert_eq!(s.account(1).unwrap().ratings.rated_count(), 1);
    }

    #[test]
    fn ratings_that_still_hold_count_as_reviewed_without_changing() {
        let s = reduce(
            AppState::default(),
            [
                Action::AddAccount {
                    account: valid("Acme"),
                    at: AT.into(),
                },
                Action::Rate {
                    id: 1,
                    criterion: CriterionId::NeedsFit,
                    rating: Some(4),
                    at: AT.into(),
                },
                Action::ConfirmRatings {
                    id: 1,
                    at: "2027-03-01T00:00:00.000Z".into(),
                },
                Action::SetRatingStaleDays(0),
                Action::SetFirmSize(crate::domain::guidance::FirmSize::Large),
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
                Action::AddAccount {
                    account: valid("Lumen Media"),
                    at: AT.into(),
                },
                Action::LoadDemoPortfolio { at: AT.into() },
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
                Action::SetCurrency("EUR".into()),
                Action::SetWeight(CriterionId::NeedsFit, 4),
                Action::SetThreshold(Axis::Potential, 70),
                Action::ResetSettings(Some(SettingsSection::Weights)),
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
                Action::LoadDemoPortfolio { at: AT.into() },
                Action::SaveAssessment { at: AT.into() },
                Action::CreatePlan {
                    account: 1,
                    template: BUILT_IN_TEMPLATE,
                    at: AT.into(),
                },
                Action::BackupExported { at: AT.into() },
                Action::SetTheme(Theme::Dark),
                Action::SetCurrency("EUR".into()),
                Action::SetWeight(CriterionId::NeedsFit, 4),
                Action::SetThreshold(Axis::Relationship, 65),
                Action::SetBcgThresholds(BcgThresholds {
                    growth_pct: 4.0,
                    relative_share: 0.5,
                }),
                Action::SetStaleDays(30),
            ],
        );
        let changed = s.doc.clone();
        let s = reduce(s, [Action::ResetSettings(None)]);
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
                Action::SetCurrency("EUR".into()),
                Action::ResetSettings(Some(SettingsSection::Weights)),
            ],
        );
        assert_eq!(s.revision, 1);
        assert_eq!(s.undo, None);
        let s = reduce(
            s,
            [
                Action::SetCurrency("USD".into()),
                Action::ResetSettings(None),
            ],
        );
        assert_eq!(s.revision, 2);
        assert_eq!(s.undo, None);
    }

    #[test]
    fn the_theme_is_a_setting_that_resets_with_the_others() {
        let s = reduce(AppState::default(), [Action::SetTheme(Theme::Light)]);
        assert_eq!(s.doc.settings.theme, Theme::Light);
        let s = reduce(s, [Action::ResetSettings(Some(SettingsSection::Theme))]);
        assert_eq!(s.doc.settings.theme, Theme::System);
        let s = reduce(s, [Action::Undo]);
        assert_eq!(s.doc.settings.theme, Theme::Light);
    }

    #[test]
    fn undo_is_offered_only_until_the_next_change() {
        let s = reduce(
            AppState::default(),
            [
                Action::Answer(PracticeId::NpsSurvey, Answer::Yes),
                Action::ClearAnswers,
                Action::Answer(PracticeId::GrowthGoals, Answer::Yes),
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
                Action::Answer(PracticeId::NpsSurvey, Answer::Yes),
                Action::SaveAssessment { at: AT.into() },
                Action::Answer(PracticeId::GrowthGoals, Answer::Yes),
                Action::SetDraftLabel("Draft".into()),
                Action::ReuseAnswers(1),
            ],
        );
        assert!(!s.doc.grader.draft.does(PracticeId::GrowthGoals));
        let s = reduce(s, [Action::Undo]);
        assert!(s.doc.grader.draft.does(PracticeId::GrowthGoals));
        assert_eq!(s.doc.grader.draft_label, "Draft");
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
                Action::Answer(PracticeId::GrowthGoals, Answer::Yes),
                Action::SetCurrency("EUR".into()),
                Action::OtherTabSaved {
                    base: Box::default(),
                    theirs: Box::new(theirs),
                },
            ],
        );
        assert_eq!(s.doc.grader.draft_label, "from the other tab");
        assert_eq!(s.doc.settings.currency, "EUR");
        // The joined document holds changes the stored one lacks, so it is saved again.
        assert_eq!(s.revision, 3);
    }

    #[test]
    fn saving_stops_for_good_once_another_tab_stored_a_newer_version() {
        let s = reduce(
            AppState::default(),
            [
                Action::Answer(PracticeId::GrowthGoals, Answer::Yes),
                Action::StopSaving {
                    why: LoadError::NewerVersion(9),
                    saved_through: 1,
                },
            ],
        );
        assert!(s.saving_paused());
        assert!(!s.has_unsaved_changes());
        let s = reduce(s, [Action::Answer(PracticeId::GrowthGoals, Answer::NotYet)]);
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
                Action::Answer(PracticeId::GrowthGoals, Answer::Yes),
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
        let s = reduce(s, [Action::Answer(PracticeId::GrowthGoals, Answer::Yes)]);
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
                Action::Answer(PracticeId::GrowthGoals, Answer::Yes),
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
                Action::CreateTemplate {
                    from: Some(BUILT_IN_TEMPLATE),
                    name: " Mine ".into(),
                },
                Action::AddSection {
                    template: 1,
                    title: "Risks".into(),
                    kind: SectionKind::Checklist,
                },
                Action::MoveSection {
                    template: 1,
                    key: "s2".into(),
                    up: true,
                },
                Action::RenameTemplate(BUILT_IN_TEMPLATE, "Hacked".into()),
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
                Action::RemoveSection {
                    template: 1,
                    key: "vision".into(),
                },
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
                Action::AddAccount {
                    account: valid("Acme"),
                    at: AT.into(),
                },
                Action::CreateTemplate {
                    from: Some(BUILT_IN_TEMPLATE),
                    name: "Mine".into(),
                },
                Action::CreatePlan {
                    account: 1,
                    template: 2,
                    at: AT.into(),
                },
                Action::WritePlan {
                    plan: 3,
                    key: "budget".into(),
                    title: "Budget".into(),
                    content: Content::Budget(crate::domain::plans::Budget {
                        hours: Some(5.0),
                        ..Default::default()
                    }),
                    at: AT.into(),
                    removes_row: false,
                },
                Action::ChangeSectionKind {
                    template: 2,
                    key: "budget".into(),
                    kind: SectionKind::Text,
                },
                Action::DeleteTemplate(2),
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
            [Action::CreatePlan {
                account: 1,
                template: 0,
                at: AT.into(),
            }],
        );
        assert_eq!(s.doc.plans.plans.len(), 1);
        // Deleting the account takes its plan along, says so, and undo brings both back.
        let s = reduce(s, [Action::DeleteAccount(1)]);
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
                Action::AddAccount {
                    account: valid("Acme"),
                    at: AT.into(),
                },
                Action::CreatePlan {
                    account: 1,
                    template: BUILT_IN_TEMPLATE,
                    at: AT.into(),
                },
                Action::WritePlan {
                    plan: 2,
                    key: "top-issues".into(),
                    title: "Issues".into(),
                    content: Content::List(vec!["Churn".into(), "Costs".into(), "Hiring".into()]),
                    at: AT.into(),
                    removes_row: false,
                },
                Action::MovePlanRow {
                    plan: 2,
                    key: "top-issues".into(),
                    from: 2,
                    to: 1,
                    at: "2026-11-02T09:00:00Z".into(),
                },
            ],
        );
        let moved = vec!["Churn".into(), "Hiring".into(), "Costs".into()];
        assert_eq!(issues(&s), Content::List(moved.clone()));
        let revision = s.revision;
        let s = reduce(
            s,
            [
                Action::MovePlanRow {
                    plan: 2,
                    key: "top-issues".into(),
                    from: 0,
                    to: 3,
                    at: AT.into(),
                },
                Action::MovePlanRow {
                    plan: 2,
                    key: "no-such-section".into(),
                    from: 0,
                    to: 1,
                    at: AT.into(),
                },
            ],
        );
        assert_eq!(issues(&s), Content::List(moved));
        assert_eq!(s.revision, revision, "nothing to save");
    }

    #[test]
    fn undoing_a_whole_change_does_not_hand_out_its_ids_again() {
        let s = reduce(
            AppState::default(),
            [Action::LoadDemoPortfolio { at: AT.into() }],
        );
        let taken = s.doc.next_id;
        let s = reduce(s, [Action::RecordSnapshot { at: AT.into() }]);
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
        let add = |link: &str| Action::AddProspect {
            result: reply("Dana"),
            link: link.into(),
            at: AT.into(),
        };
        let s = reduce(AppState::default(), [add("EgAB"), add("EgAB"), add("EgAC")]);
        assert_eq!(s.doc.prospects.len(), 2);
        assert!(s.doc.grader.history.is_empty());
        let p = &s.doc.prospects[0];
        assert_eq!((p.name.as_str(), p.link.as_str()), ("Dana", "EgAB"));
        assert_eq!(p.received_at, AT);
        let id = p.id;
        let s = reduce(s, [Action::DeleteProspect(id)]);
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
                Action::SaveSharedResultAsOwn(colleague("East team, Q3")),
                Action::SaveSharedResultAsOwn(colleague("")),
                // Passed on from a history where the app once marked it as shared.
                Action::SaveSharedResultAsOwn(colleague("West (shared)")),
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
                Action::Answer(PracticeId::NpsSurvey, Answer::Yes),
                Action::SaveAssessment { at: AT.into() },
            ],
        );
        // As the app saved shared results before prospects had a list of their own.
        let mut s = s;
        let legacy = SavedAssessment {
            id: s.take_id(),
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
            [Action::MoveToProspects {
                ids: vec![shared],
                at: AT.into(),
            }],
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
