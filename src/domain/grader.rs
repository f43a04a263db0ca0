//! Scoring a set of answers into a score, a band and a list of next steps.

use serde::{Deserialize, Serialize};

use super::practices::{PracticeId, PRACTICES, PRIORITY_ORDER};
use crate::support::sorted_map::SortedMap;

/// How a team answered one practice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Answer {
    /// "We do this consistently."
    Yes,
    NotYet,
}

/// Answers per practice; a practice that is absent has not been answered yet.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Answers(SortedMap<PracticeId, Answer>);

impl Answer {
    pub const ALL: [Answer; 2] = [Answer::Yes, Answer::NotYet];

    /// The stored name, as serde writes the variant.
    pub fn key(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::NotYet => "not-yet",
        }
    }
}

impl Answers {
    pub fn get(&self, id: PracticeId) -> Option<Answer> {
        self.0.get(&id).copied()
    }

    pub fn set(&mut self, id: PracticeId, answer: Answer) {
        self.0.insert(id, answer);
    }

    /// True when the team does this practice consistently.
    pub fn does(&self, id: PracticeId) -> bool {
        self.get(id) == Some(Answer::Yes)
    }

    pub fn answered_count(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Builds answers with the given practices marked yes and every other one "not yet".
    pub fn all_answered_with_yes(yes: &[PracticeId]) -> Self {
        let mut answers = Self::default();
        for p in &PRACTICES {
            let answer = if yes.contains(&p.id) {
                Answer::Yes
            } else {
                Answer::NotYet
            };
            answers.set(p.id, answer);
        }
        answers
    }
}

/// The three score bands of the grader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Band {
    /// 9 or 10 practices.
    DoingWell,
    /// 7 or 8 practices.
    AreasToWorkOn,
    /// 6 or fewer practices.
    AtRisk,
}

impl Band {
    pub fn for_score(score: usize) -> Self {
        match score {
            9.. => Band::DoingWell,
            7..=8 => Band::AreasToWorkOn,
            _ => Band::AtRisk,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Band::DoingWell => "Doing consistently well",
            Band::AreasToWorkOn => "Some areas to work on",
            Band::AtRisk => "Accounts at risk",
        }
    }

    /// The score range, as shown next to the band.
    pub fn range(self) -> &'static str {
        match self {
            Band::DoingWell => "9–10",
            Band::AreasToWorkOn => "7–8",
            Band::AtRisk => "0–6",
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            Band::DoingWell => {
                "Your account management is in strong shape. Keep the routines going, close any \
                 last gap, and grade again next quarter to make sure nothing slips."
            }
            Band::AreasToWorkOn => {
                "The foundations are there, with gaps. Pick the first missing practice below and \
                 make it a habit before moving to the next."
            }
            Band::AtRisk => {
                "Too many basics are missing: a competitor who pays your clients more attention \
                 could win them over. Start on the first step below this week."
            }
        }
    }

    /// A short machine-friendly name, used for CSS classes.
    pub fn slug(self) -> &'static str {
        match self {
            Band::DoingWell => "doing-well",
            Band::AreasToWorkOn => "areas-to-work-on",
            Band::AtRisk => "at-risk",
        }
    }
}

/// The result of grading a set of answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grade {
    /// Practices done consistently, 0 to 10.
    pub score: usize,
    pub answered: usize,
    pub band: Band,
    /// Practices not done yet (answered "not yet" or unanswered), most urgent first.
    pub next_steps: Vec<PracticeId>,
}

/// Scores answers. Unanswered practices count as not done.
pub fn grade(answers: &Answers) -> Grade {
    let score = PRACTICES.iter().filter(|p| answers.does(p.id)).count();
    Grade {
        score,
        answered: answers.answered_count(),
        band: Band::for_score(score),
        next_steps: PRIORITY_ORDER
            .iter()
            .copied()
            .filter(|&id| !answers.does(id))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PracticeId::*;

    fn first_n_yes(n: usize) -> Answers {
        let yes: Vec<_> = PRACTICES.iter().take(n).map(|p| p.id).collect();
        Answers::all_answered_with_yes(&yes)
    }

    #[test]
    fn score_counts_only_yes_answers() {
        let mut answers = Answers::default();
        answers.set(AssignedManager, Answer::Yes);
        answers.set(ManageableLoad, Answer::NotYet);
        answers.set(NpsSurvey, Answer::Yes);
        let g = grade(&answers);
        assert_eq!(g.score, 2);
        assert_eq!(g.answered, 3);
    }

    #[test]
    fn bands_change_exactly_at_their_edges() {
        assert_eq!(grade(&first_n_yes(0)).band, Band::AtRisk);
        assert_eq!(grade(&first_n_yes(6)).band, Band::AtRisk);
        assert_eq!(grade(&first_n_yes(7)).band, Band::AreasToWorkOn);
        assert_eq!(grade(&first_n_yes(8)).band, Band::AreasToWorkOn);
        assert_eq!(grade(&first_n_yes(9)).band, Band::DoingWell);
        assert_eq!(grade(&first_n_yes(10)).band, Band::DoingWell);
    }

    #[test]
    fn every_band_has_its_own_message() {
        let bands = [Band::DoingWell, Band::AreasToWorkOn, Band::AtRisk];
        for (i, a) in bands.iter().enumerate() {
            for b in &bands[i + 1..] {
                assert_ne!(a.message(), b.message());
                assert_ne!(a.title(), b.title());
            }
        }
    }

    #[test]
    fn next_steps_follow_the_priority_order_not_the_checklist_order() {
        // Checklist numbers 10, 9, 8 and 4 are missing.
        let answers = Answers::all_answered_with_yes(&[
            AssignedManager,
            ManageableLoad,
            GrowthGoals,
            CheckInCadence,
            BusinessReviews,
            RelationshipMatrix,
        ]);
        assert_eq!(
            grade(&answers).next_steps,
            vec![NpsSurvey, TieredProfiles, ClientVision, TechnologyRoadmap]
        );
    }

    #[test]
    fn unanswered_practices_are_next_steps_too() {
        let g = grade(&Answers::default());
        assert_eq!(g.score, 0);
        assert_eq!(g.next_steps, PRIORITY_ORDER.to_vec());
    }

    #[test]
    fn a_perfect_score_has_no_next_steps() {
        assert!(grade(&first_n_yes(10)).next_steps.is_empty());
    }
}
