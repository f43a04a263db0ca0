//! Changes to the grader: the answers in progress and the history of saved assessments.

use super::change::Change;
use super::grader::{Answer, Answers};
use super::history::{day_for_save, AssessmentId, SavedAssessment, ValidDetails};
use super::practices::{PracticeId, PRACTICES};
use crate::storage::schema::Document;

/// A change to the grader's draft or its history.
#[derive(Clone, Debug, PartialEq)]
pub enum GraderAction {
    Answer(PracticeId, Answer),
    SetDraftLabel(String),
    SetDraftTeam(String),
    /// The day the assessment being filled in stands for (`YYYY-MM-DD`), or empty for the
    /// day it is saved.
    SetDraftDate(String),
    ClearAnswers,
    /// What a visitor answered on the build's first screen before the app started: fills
    /// the practices and the label the draft leaves open, never changing what it holds.
    TakeOverFirstScreen {
        answers: Answers,
        label: String,
        team: String,
        date: String,
    },
    /// Save the draft as an assessment, stamped with `at` (RFC 3339), for the day typed with
    /// it; nothing is saved while that day cannot be one (the form says why).
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
}

/// Applies `action` to the grader's part of `doc`.
pub fn update(doc: &mut Document, action: GraderAction) -> Change {
    let grader = &mut doc.grader;
    match action {
        GraderAction::Answer(id, answer) => {
            grader.draft.set(id, answer);
            Change::MADE
        }
        GraderAction::SetDraftLabel(label) => {
            grader.draft_label = label;
            Change::MADE
        }
        GraderAction::SetDraftTeam(team) => {
            grader.draft_team = team;
            Change::MADE
        }
        GraderAction::SetDraftDate(date) => {
            grader.draft_date = date;
            Change::MADE
        }
        GraderAction::TakeOverFirstScreen {
            answers,
            label,
            team,
            date,
        } => {
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
            if grader.draft_team.is_empty() && !team.is_empty() {
                grader.draft_team = team;
                taken = true;
            }
            if grader.draft_date.is_empty() && !date.is_empty() {
                grader.draft_date = date;
                taken = true;
            }
            Change::made_if(taken)
        }
        // With nothing to clear, nothing is offered to undo.
        GraderAction::ClearAnswers
            if grader.draft.is_empty()
                && grader.draft_label.is_empty()
                && grader.draft_date.is_empty() =>
        {
            Change::NONE
        }
        GraderAction::ClearAnswers => {
            grader.draft = Answers::default();
            grader.draft_label.clear();
            grader.draft_date.clear();
            Change::undoable("Answers cleared.")
        }
        GraderAction::SaveAssessment { at } => {
            let Ok(assessed_on) = day_for_save(&doc.grader.draft_date, &at) else {
                return Change::NONE;
            };
            let id = doc.take_id();
            let grader = &mut doc.grader;
            grader.history.push(SavedAssessment {
                id,
                saved_at: at,
                label: grader.draft_label.trim().to_string(),
                answers: grader.draft.clone(),
                team: grader.draft_team.trim().to_string(),
                assessed_on,
            });
            grader.draft_label.clear();
            grader.draft_date.clear();
            Change::MADE
        }
        GraderAction::DeleteAssessment(id) => {
            match grader.history.iter().position(|a| a.id == id) {
                Some(position) => {
                    grader.history.remove(position);
                    Change::undoable("Assessment deleted.")
                }
                None => Change::NONE,
            }
        }
        GraderAction::EditAssessment { id, details } => {
            let Some(a) = grader.history.iter_mut().find(|a| a.id == id) else {
                return Change::NONE;
            };
            let name = a.name();
            let before = a.clone();
            a.label = details.label;
            a.team = details.team;
            a.assessed_on = details.assessed_on;
            if *a == before {
                return Change::NONE;
            }
            Change::undoable(format!("Details of {name} changed."))
        }
        GraderAction::ReuseAnswers(id) => {
            let Some(saved) = grader.history.iter().find(|a| a.id == id) else {
                return Change::NONE;
            };
            let answers = std::mem::replace(&mut grader.draft, saved.answers.clone());
            let label = std::mem::take(&mut grader.draft_label);
            // A re-grade is of the same team as the assessment it starts from, not of the
            // last team typed.
            if !saved.team.is_empty() {
                grader.draft_team = saved.team.clone();
            }
            if answers.is_empty() && label.is_empty() {
                Change::MADE
            } else {
                Change::undoable("Grader answers replaced.")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::grader::Answer;

    #[test]
    fn clearing_answers_offers_undo_only_when_there_was_something_to_clear() {
        let mut doc = Document::default();
        assert_eq!(update(&mut doc, GraderAction::ClearAnswers), Change::NONE);
        assert_eq!(doc, Document::default());

        doc.grader.draft_label = "Team A".into();
        let cleared = update(&mut doc, GraderAction::ClearAnswers);
        assert_eq!(cleared, Change::undoable("Answers cleared."));
        assert!(doc.grader.draft_label.is_empty());

        let first = PRACTICES[0].id;
        doc.grader.draft.set(first, Answer::Yes);
        assert!(update(&mut doc, GraderAction::ClearAnswers).undo.is_some());
        assert!(doc.grader.draft.is_empty());

        doc.grader.draft_date = "2026-06-30".into();
        assert!(update(&mut doc, GraderAction::ClearAnswers).undo.is_some());
        assert!(
            doc.grader.draft_date.is_empty(),
            "a date alone is cleared too"
        );
    }

    const AT: &str = "2026-07-15T10:00:00+02:00";

    fn save(doc: &mut Document) -> Change {
        update(doc, GraderAction::SaveAssessment { at: AT.into() })
    }

    #[test]
    fn an_assessment_saved_with_an_earlier_day_stands_for_that_day() {
        let mut doc = Document::default();
        doc.grader.draft_date = "2026-06-30".into();
        assert!(save(&mut doc).changed);
        let saved = doc.grader.history.last().expect("saved");
        assert_eq!(saved.assessed_on.as_deref(), Some("2026-06-30"));
        assert_eq!(saved.saved_at, AT, "the moment it was saved stays");
        assert!(
            doc.grader.draft_date.is_empty(),
            "the next one starts from today again"
        );
    }

    #[test]
    fn no_day_or_the_day_itself_is_the_day_it_is_saved() {
        for date in ["", "  ", "2026-07-15"] {
            let mut doc = Document::default();
            doc.grader.draft_date = date.into();
            assert!(save(&mut doc).changed);
            assert_eq!(doc.grader.history[0].assessed_on, None, "{date:?}");
        }
    }

    #[test]
    fn a_day_that_cannot_be_saves_nothing_and_keeps_the_draft() {
        for date in ["2026-07-16", "1999-12-31", "2026-02-30"] {
            let mut doc = Document::default();
            doc.grader.draft.set(PRACTICES[0].id, Answer::Yes);
            doc.grader.draft_label = "Q2".into();
            doc.grader.draft_date = date.into();
            let before = doc.clone();
            assert_eq!(save(&mut doc), Change::NONE, "{date}");
            assert_eq!(doc, before, "{date}: nothing saved, nothing lost");
        }
    }
}
