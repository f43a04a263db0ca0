//! Saved assessments and how they compare over time.

use serde::Serialize;

use super::dates::instant;
use super::grader::{grade, Answers, Grade};
use super::json::{self, required, FromJson, Reader};
use super::practices::{PracticeId, PRACTICES};
use super::sorting::sort_by_key;

/// Identifies a saved assessment; never reused within one document.
pub type AssessmentId = u64;

/// One completed assessment, kept so that progress shows over time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SavedAssessment {
    pub id: AssessmentId,
    /// RFC 3339 UTC timestamp of when it was saved.
    pub saved_at: String,
    /// Optional team or period name, such as "Sales team, Q3".
    pub label: String,
    pub answers: Answers,
    /// Which team answered, for telling several teams' trends apart; may be empty.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub team: String,
    /// `YYYY-MM-DD`: the day the assessment stands for when it was recorded later than that
    /// (a quarter entered after the fact). Without it, the day it was saved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assessed_on: Option<String>,
}

impl SavedAssessment {
    pub fn grade(&self) -> Grade {
        grade(&self.answers)
    }
}

/// What changed between two assessments.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Change {
    /// Practices done now that were not done before, in checklist order.
    pub gained: Vec<PracticeId>,
    /// Practices done before that are not done now, in checklist order.
    pub lost: Vec<PracticeId>,
}

impl Change {
    pub fn is_empty(&self) -> bool {
        self.gained.is_empty() && self.lost.is_empty()
    }
}

/// Compares a later set of answers with an earlier one.
pub fn diff(earlier: &Answers, later: &Answers) -> Change {
    let mut change = Change::default();
    for p in &PRACTICES {
        match (earlier.does(p.id), later.does(p.id)) {
            (false, true) => change.gained.push(p.id),
            (true, false) => change.lost.push(p.id),
            _ => {}
        }
    }
    change
}

/// Saved assessments ordered oldest first, the order of the trend chart.
///
/// Ordered by the moment saved, whatever time zone each was saved in; ties keep the order of
/// saving (ids grow). A damaged timestamp sorts first rather than hiding the assessment.
pub fn chronological(history: &[SavedAssessment]) -> Vec<&SavedAssessment> {
    let mut sorted: Vec<_> = history.iter().collect();
    sort_by_key(&mut sorted, |a| (instant(&a.saved_at), a.id));
    sorted
}

/// The assessment saved just before the one with `id`, if any.
pub fn previous_of(history: &[SavedAssessment], id: AssessmentId) -> Option<&SavedAssessment> {
    let sorted = chronological(history);
    let pos = sorted.iter().position(|a| a.id == id)?;
    pos.checked_sub(1).map(|i| sorted[i])
}

impl FromJson for SavedAssessment {
    fn read(r: &mut Reader) -> json::Result<Self> {
        let (mut id, mut saved_at, mut answers, mut label) = (None, None, None, String::new());
        let (mut team, mut assessed_on) = (String::new(), None);
        r.object(&mut |r, key| {
            match key {
                "id" => id = Some(r.u64()?),
                "saved_at" => saved_at = Some(r.string()?),
                "label" => label = r.string()?,
                "answers" => answers = Some(Answers::read(r)?),
                "team" => team = r.string()?,
                "assessed_on" => assessed_on = Option::read(r)?,
                _ => r.skip()?,
            }
            Ok(())
        })?;
        Ok(SavedAssessment {
            id: required(id, "id")?,
            saved_at: required(saved_at, "saved_at")?,
            label,
            answers: required(answers, "answers")?,
            team,
            assessed_on,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PracticeId::*;

    fn saved(id: AssessmentId, at: &str, yes: &[PracticeId]) -> SavedAssessment {
        SavedAssessment {
            id,
            saved_at: at.into(),
            label: String::new(),
            answers: Answers::all_answered_with_yes(yes),
            team: String::new(),
            assessed_on: None,
        }
    }

    #[test]
    fn diff_lists_gained_and_lost_practices() {
        let before = Answers::all_answered_with_yes(&[AssignedManager, NpsSurvey]);
        let after = Answers::all_answered_with_yes(&[AssignedManager, GrowthGoals, ClientVision]);
        let change = diff(&before, &after);
        assert_eq!(change.gained, vec![GrowthGoals, ClientVision]);
        assert_eq!(change.lost, vec![NpsSurvey]);
    }

    #[test]
    fn unanswered_and_not_yet_are_the_same_for_the_diff() {
        let mut before = Answers::default();
        before.set(GrowthGoals, crate::domain::grader::Answer::NotYet);
        assert!(diff(&before, &Answers::default()).is_empty());
    }

    #[test]
    fn previous_is_by_date_not_by_position_in_the_list() {
        let history = vec![
            saved(3, "2026-09-01T10:00:00.000Z", &[]),
            saved(1, "2026-03-01T10:00:00.000Z", &[]),
            saved(2, "2026-06-01T10:00:00.000Z", &[]),
        ];
        assert_eq!(previous_of(&history, 3).map(|a| a.id), Some(2));
        assert_eq!(previous_of(&history, 2).map(|a| a.id), Some(1));
        assert_eq!(previous_of(&history, 1), None);
        assert_eq!(previous_of(&history, 99), None);
    }

    #[test]
    fn order_follows_the_moment_not_the_text() {
        // 23:00 in Honolulu is later than 08:00 UTC the next day... by an hour.
        let history = vec![
            saved(1, "2026-11-23T08:00:00Z", &[]),
            saved(2, "2026-11-22T23:00:00-10:00", &[]),
        ];
        let ids: Vec<_> = chronological(&history).iter().map(|a| a.id).collect();
        assert_eq!(ids, vec![1, 2]);
    }

    #[test]
    fn same_timestamp_keeps_saving_order() {
        let history = vec![
            saved(8, "2026-09-01T10:00:00.000Z", &[]),
            saved(7, "2026-09-01T10:00:00.000Z", &[]),
        ];
        let ids: Vec<_> = chronological(&history).iter().map(|a| a.id).collect();
        assert_eq!(ids, vec![7, 8]);
    }
}
