//! The single app state and every change to it. Updates are pure: storage and the clock are
//! reached from components and effects, and their results arrive here as actions.

use std::rc::Rc;

use yew::Reducible;

use crate::domain::grader::{Answer, Answers};
use crate::domain::history::{AssessmentId, SavedAssessment};
use crate::domain::practices::PracticeId;
use crate::domain::schema::Document;

/// Stored data that could not be read at start-up, kept so the user can take it away.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    pub explanation: String,
    pub raw: Rc<str>,
    /// Where a copy was put, or why no copy could be made.
    pub backup: Result<String, String>,
}

/// Something the user can take back right after doing it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Undo {
    DeletedAssessment {
        assessment: SavedAssessment,
        position: usize,
    },
    ClearedAnswers {
        answers: Answers,
        label: String,
    },
}

impl Undo {
    pub fn description(&self) -> &'static str {
        match self {
            Undo::DeletedAssessment { .. } => "Assessment deleted.",
            Undo::ClearedAnswers { .. } => "Answers cleared.",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
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
}

/// Every change the app can make to its state.
#[derive(Clone, Debug, PartialEq, Eq)]
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
    Undo,
    DismissUndo,
    DismissUnreadable,
    SaveFailed(String),
    SaveSucceeded,
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

    fn apply(&mut self, action: Action) {
        let grader = &mut self.doc.grader;
        match action {
            Action::Answer(id, answer) => {
                grader.draft.set(id, answer);
                self.just_saved = None;
                self.changed();
            }
            Action::SetDraftLabel(label) => {
                grader.draft_label = label;
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
                let id = self.doc.next_id;
                self.doc.next_id += 1;
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
                    grader.draft = saved.answers.clone();
                    self.just_saved = None;
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
                Some(Undo::ClearedAnswers { answers, label }) => {
                    grader.draft = answers;
                    grader.draft_label = label;
                    self.changed();
                }
                None => {}
            },
            Action::DismissUndo => self.undo = None,
            Action::DismissUnreadable => self.unreadable = None,
            Action::SaveFailed(why) => self.save_problem = Some(why),
            Action::SaveSucceeded => self.save_problem = None,
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
