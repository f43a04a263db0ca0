//! The single app state and every change to it. Updates are pure: storage and the clock are
//! reached from components and effects, and their results arrive here as actions.

use std::rc::Rc;

use yew::Reducible;

use crate::domain::accounts::{Account, AccountId, ValidAccount};
use crate::domain::bcg::{BcgThresholds, MarketPosition};
use crate::domain::demo::demo_accounts;
use crate::domain::grader::{Answer, Answers};
use crate::domain::history::{AssessmentId, SavedAssessment};
use crate::domain::portfolio::ListQuery;
use crate::domain::practices::PracticeId;
use crate::domain::rating::{Axis, CriterionId};
use crate::domain::schema::Document;
use crate::domain::settings::Settings;
use crate::domain::snapshots::{self, Snapshot, SnapshotId};

/// Stored data that could not be read at start-up, kept so the user can take it away.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    pub explanation: String,
    pub raw: Rc<str>,
    /// Where a copy was put, or why no copy could be made.
    pub backup: Result<String, String>,
}

/// Something the user can take back right after doing it.
#[derive(Clone, Debug, PartialEq)]
pub enum Undo {
    DeletedAssessment {
        assessment: SavedAssessment,
        position: usize,
    },
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
    },
    DeletedSnapshot {
        snapshot: Snapshot,
        position: usize,
    },
}

impl Undo {
    pub fn description(&self) -> &'static str {
        match self {
            Undo::DeletedAssessment { .. } => "Assessment deleted.",
            Undo::ClearedAnswers { .. } => "Answers cleared.",
            Undo::ReplacedAnswers { .. } => "Grader answers replaced.",
            Undo::DeletedAccount { .. } => "Account deleted.",
            Undo::DeletedSnapshot { .. } => "Snapshot deleted.",
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
}

/// Every change the app can make to its state.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Answer(PracticeId, Answer),
    SetDraftLabel(String),
    ClearAnswers,
    /// Save the draft as an assessment, stamped with `at` (RFC 3339).
    SaveAssessment {
        at: String,
    },
    DeleteAssessment(AssessmentId),
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
    ResetPortfolioSettings,
    Undo,
    DismissUndo,
    DismissUnreadable,
    SaveFailed(String),
    SaveSucceeded,
    /// Another tab saved this document; adopt it (it is already stored, so it is not saved
    /// again from here).
    OtherTabSaved(Box<Document>),
    DismissSyncNotice,
}

impl AppState {
    pub fn with_document(doc: Document) -> Self {
        Self {
            doc,
            ..Self::default()
        }
    }

    fn changed(&mut self) {
        self.revision += 1;
    }

    fn take_id(&mut self) -> u64 {
        let id = self.doc.next_id;
        self.doc.next_id += 1;
        id
    }

    fn edit_account(&mut self, id: AccountId, edit: impl FnOnce(&mut Account)) {
        if let Some(account) = self.doc.portfolio.accounts.iter_mut().find(|a| a.id == id) {
            edit(account);
            self.changed();
        }
    }

    pub fn account(&self, id: AccountId) -> Option<&Account> {
        self.doc.portfolio.accounts.iter().find(|a| a.id == id)
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
                self.doc.portfolio.accounts.push(Account {
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
                let accounts = &mut self.doc.portfolio.accounts;
                if let Some(position) = accounts.iter().position(|a| a.id == id) {
                    let account = Box::new(accounts.remove(position));
                    self.undo = Some(Undo::DeletedAccount { account, position });
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
                    .map(|a| a.name.to_lowercase())
                    .collect();
                let demo: Vec<Account> = demo_accounts(first, &at)
                    .into_iter()
                    .filter(|a| !existing.contains(&a.name.to_lowercase()))
                    .collect();
                self.doc.next_id = demo.last().map_or(first, |a| a.id + 1);
                self.doc.portfolio.accounts.extend(demo);
                self.changed();
            }
            Action::RecordSnapshot { at } => {
                let id = self.take_id();
                let portfolio = &mut self.doc.portfolio;
                let snapshot =
                    snapshots::take(id, &at, &portfolio.accounts, &self.doc.settings.weights);
                portfolio.snapshots.push(snapshot);
                self.changed();
            }
            Action::DeleteSnapshot(id) => {
                let snapshots = &mut self.doc.portfolio.snapshots;
                if let Some(position) = snapshots.iter().position(|s| s.id == id) {
                    let snapshot = snapshots.remove(position);
                    self.undo = Some(Undo::DeletedSnapshot { snapshot, position });
                    self.changed();
                }
            }
            Action::SetListQuery(query) => self.list_query = query,
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
            Action::ResetPortfolioSettings => {
                let currency = self.doc.settings.currency.clone();
                self.doc.settings = Settings {
                    currency,
                    ..Settings::default()
                };
                self.changed();
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
                Some(
                    Undo::ClearedAnswers { answers, label }
                    | Undo::ReplacedAnswers { answers, label },
                ) => {
                    grader.draft = answers;
                    grader.draft_label = label;
                    self.changed();
                }
                Some(Undo::DeletedSnapshot { snapshot, position }) => {
                    let snapshots = &mut self.doc.portfolio.snapshots;
                    let position = position.min(snapshots.len());
                    snapshots.insert(position, snapshot);
                    self.changed();
                }
                Some(Undo::DeletedAccount { account, position }) => {
                    let accounts = &mut self.doc.portfolio.accounts;
                    let position = position.min(accounts.len());
                    accounts.insert(position, *account);
                    self.changed();
                }
                None => {}
            },
            Action::DismissUndo => self.undo = None,
            Action::DismissUnreadable => self.unreadable = None,
            Action::SaveFailed(why) => self.save_problem = Some(why),
            Action::SaveSucceeded => self.save_problem = None,
            Action::OtherTabSaved(doc) => {
                if *doc != self.doc {
                    self.doc = *doc;
                    self.synced_from_other_tab = true;
                    self.just_saved = None;
                }
            }
            Action::DismissSyncNotice => self.synced_from_other_tab = false,
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
    fn resetting_settings_keeps_the_currency() {
        let s = reduce(
            AppState::default(),
            [
                Action::SetCurrency("EUR".into()),
                Action::SetWeight(CriterionId::NeedsFit, 4),
                Action::SetThreshold(Axis::Potential, 70),
                Action::ResetPortfolioSettings,
            ],
        );
        assert_eq!(s.doc.settings.currency, "EUR");
        assert_eq!(s.doc.settings.thresholds, Default::default());
        assert_eq!(s.doc.settings.weights.get(CriterionId::NeedsFit), 1);
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
            [Action::OtherTabSaved(Box::new(theirs.clone()))],
        );
        assert_eq!(s.doc, theirs);
        assert_eq!(s.revision, 0);
        assert!(s.synced_from_other_tab);
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
}
