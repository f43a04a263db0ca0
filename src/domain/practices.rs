//! The ten practices of the Account Management Grader, in our own words.

use serde::{Deserialize, Serialize};

/// A stable identifier for one practice. The serialized names are part of the storage schema:
/// renaming one needs a migration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", try_from = "String")]
pub enum PracticeId {
    AssignedManager,
    ManageableLoad,
    GrowthGoals,
    TieredProfiles,
    CheckInCadence,
    BusinessReviews,
    RelationshipMatrix,
    TechnologyRoadmap,
    ClientVision,
    NpsSurvey,
}

/// What the app says about one practice.
#[derive(Debug, PartialEq, Eq)]
pub struct Practice {
    pub id: PracticeId,
    pub title: &'static str,
    /// What "doing this consistently" means.
    pub summary: &'static str,
    pub why: &'static str,
    /// A concrete thing a team that does not do this yet can start with.
    pub first_step: &'static str,
}

/// The practices in the order the checklist presents them.
pub const PRACTICES: [Practice; 10] = [
    Practice {
        id: PracticeId::AssignedManager,
        title: "A named account manager for every client",
        summary: "Each client has one person who owns the relationship, with business sense and \
                  selling skill, and technical help on call. Only very small or occasional buyers \
                  go without.",
        why: "When nobody owns a client, problems and openings both go unnoticed until the client \
              has already made a decision without you.",
        first_step: "List your clients and write one owner next to each. Wherever the honest \
                     answer is \"whoever picks up the phone\", you have found the gap.",
    },
    Practice {
        id: PracticeId::ManageableLoad,
        title: "A workload each manager can really carry",
        summary: "No account manager holds more clients than they can look after properly; five \
                  to ten active accounts each is a common guide.",
        why: "Overloaded managers slide into answering requests and stop planning, and your \
              biggest accounts end up with the same thin attention as the smallest.",
        first_step: "Count the accounts each manager holds. Anyone well above ten gets help or a \
                     shorter list, starting by handing over their lowest-tier clients.",
    },
    Practice {
        id: PracticeId::GrowthGoals,
        title: "Goals for retention and growth, not only service",
        summary: "Account managers are measured on keeping and growing their clients and on \
                  staying in touch with them, not on the quality of service delivery alone.",
        why: "People work toward what they are measured on. If the only yardstick is service \
              quality, nobody is looking after renewals or new business in the account.",
        first_step: "Give each account manager two or three targets for next quarter: accounts \
                     retained, revenue growth, and the contact rhythm kept.",
    },
    Practice {
        id: PracticeId::TieredProfiles,
        title: "Every account profiled and tiered A, B or C",
        summary: "Each client has a profile and sits in a simple tier, and each tier has its own \
                  plan for how much attention it gets.",
        why: "Without tiers, effort flows to whoever asks loudest instead of to the clients that \
              matter most for your future.",
        first_step: "Sort your clients into A, B and C in one sitting (revenue, potential and fit \
                     are enough), then write one sentence on what each tier receives.",
    },
    Practice {
        id: PracticeId::CheckInCadence,
        title: "Relationship check-ins on a set rhythm per tier",
        summary: "For each tier you have decided how often the account manager checks in on the \
                  relationship, apart from formal business reviews.",
        why: "Regular, low-pressure contact surfaces dissatisfaction early and keeps you in mind \
              when the client has a new need.",
        first_step: "Choose a rhythm per tier, such as monthly for A, quarterly for B and twice a \
                     year for C, and put the first round of check-ins in calendars today.",
    },
    Practice {
        id: PracticeId::BusinessReviews,
        title: "Business reviews on the calendar",
        summary: "Reviews with each client (periodic, quarterly or at executive level) are booked \
                  in advance and look at results against what was agreed.",
        why: "A review turns delivery into a conversation about value, and gives both sides a set \
              moment to raise problems and agree what comes next.",
        first_step: "Book a quarterly review with your three largest clients, with an agenda: \
                     results against the agreement, wins, problems and next plans.",
    },
    Practice {
        id: PracticeId::RelationshipMatrix,
        title: "A relationship matrix for each account",
        summary: "For every account you know the key people at each level of management and \
                  across departments, and who on your side knows them.",
        why: "A relationship that rests on one contact ends when that person moves on. Breadth \
              across the client's organisation both protects and grows the account.",
        first_step: "For your largest client, map the people you know by level (executives, \
                     managers, staff) and by department, and mark the empty cells.",
    },
    Practice {
        id: PracticeId::TechnologyRoadmap,
        title: "A technology roadmap for each account",
        summary: "Per account you track what they have in place, what of yours they do not use \
                  yet but could buy, what else would help them, and what they will need to reach \
                  their goals.",
        why: "It turns account growth from guesswork into a list of concrete, well-timed \
              proposals that fit where the client is heading.",
        first_step: "Pick one account and fill in four columns: in place, not used but we could \
                     offer, could use, needed for their plans.",
    },
    Practice {
        id: PracticeId::ClientVision,
        title: "Each client's business vision written down",
        summary: "You have recorded where each client wants its business to be in one to three \
                  years, and in five years for your top accounts.",
        why: "Knowing where a client is going lets you shape your offer around their goals \
              instead of reacting to this month's request.",
        first_step: "At the next meeting with each top client, ask where they want the business \
                     to be in three years, and write the answer into their account file.",
    },
    Practice {
        id: PracticeId::NpsSurvey,
        title: "A yearly Net Promoter Score survey",
        summary: "Once a year the key contacts at each client answer a Net Promoter Score survey.",
        why: "A score taken the same way every year shows whether relationships are improving \
              or slipping long before it shows up in renewals.",
        first_step: "Send the one-question survey (\"How likely are you to recommend us?\") to \
                     your key contacts this quarter and put the date to repeat it in the \
                     calendar.",
    },
];

/// The order in which missing practices should be taken up, most urgent first.
///
/// Ownership comes first because every other practice needs someone to carry it out; then
/// capacity and incentives so that owner can and will do the work. The survey comes next
/// rather than last: it costs one question and a few days, and it is the early warning that
/// shows which clients are unhappy before a competitor finds out, which matters most while
/// the rest is still missing. Then tiers, which decide where effort goes; then the rhythm of
/// contact and reviews; then depth of knowledge about each client.
pub const PRIORITY_ORDER: [PracticeId; 10] = [
    PracticeId::AssignedManager,
    PracticeId::ManageableLoad,
    PracticeId::GrowthGoals,
    PracticeId::NpsSurvey,
    PracticeId::TieredProfiles,
    PracticeId::CheckInCadence,
    PracticeId::BusinessReviews,
    PracticeId::RelationshipMatrix,
    PracticeId::ClientVision,
    PracticeId::TechnologyRoadmap,
];

/// One sentence a user can read to understand [`PRIORITY_ORDER`].
pub const PRIORITY_RATIONALE: &str = "Ownership first, then the capacity and goals to act on \
    it; then the yearly survey, because it is quick and warns you which clients are unhappy \
    before a competitor notices; then tiers that decide where effort goes, a steady rhythm of \
    contact, and deeper knowledge of each client.";

/// Read by the name serde writes (`key`), with the message of a practice this version does
/// not have, for hand-edited or newer data.
impl TryFrom<String> for PracticeId {
    type Error = &'static str;

    fn try_from(name: String) -> Result<Self, Self::Error> {
        PRACTICES
            .iter()
            .map(|p| p.id)
            .find(|id| id.key() == name)
            .ok_or("not a practice this version knows")
    }
}

impl PracticeId {
    /// The practice's text. Every id has exactly one entry in [`PRACTICES`].
    pub fn practice(self) -> &'static Practice {
        PRACTICES
            .iter()
            .find(|p| p.id == self)
            .expect("every practice id is listed in PRACTICES")
    }

    /// The stored name, as serde writes the variant.
    pub fn key(self) -> &'static str {
        match self {
            PracticeId::AssignedManager => "assigned-manager",
            PracticeId::ManageableLoad => "manageable-load",
            PracticeId::GrowthGoals => "growth-goals",
            PracticeId::TieredProfiles => "tiered-profiles",
            PracticeId::CheckInCadence => "check-in-cadence",
            PracticeId::BusinessReviews => "business-reviews",
            PracticeId::RelationshipMatrix => "relationship-matrix",
            PracticeId::TechnologyRoadmap => "technology-roadmap",
            PracticeId::ClientVision => "client-vision",
            PracticeId::NpsSurvey => "nps-survey",
        }
    }

    /// Position in the checklist, counting from 1.
    pub fn number(self) -> usize {
        PRACTICES.iter().position(|p| p.id == self).unwrap_or(0) + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn practices_read_by_the_names_written_and_an_unknown_one_says_so() {
        for p in PRACTICES {
            let written = serde_json::to_string(&p.id).unwrap();
            assert_eq!(written, format!("\"{}\"", p.id.key()));
            assert_eq!(
                crate::support::json::read::<PracticeId>(&written).unwrap(),
                p.id
            );
        }
        let error = crate::support::json::read::<PracticeId>(r#""charm""#)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("not a practice this version knows"),
            "{error}"
        );
    }

    #[test]
    fn every_practice_is_listed_once_in_both_orders() {
        let listed: BTreeSet<_> = PRACTICES.iter().map(|p| p.id).collect();
        let prioritised: BTreeSet<_> = PRIORITY_ORDER.iter().copied().collect();
        assert_eq!(listed.len(), 10);
        assert_eq!(listed, prioritised);
    }

    #[test]
    fn the_quick_early_warning_comes_before_the_slower_groundwork() {
        let at = |id| PRIORITY_ORDER.iter().position(|&p| p == id).unwrap();
        assert_eq!(at(PracticeId::AssignedManager), 0);
        assert!(at(PracticeId::NpsSurvey) < at(PracticeId::TieredProfiles));
        assert!(at(PracticeId::NpsSurvey) > at(PracticeId::GrowthGoals));
        assert!(PRIORITY_RATIONALE.contains("survey"));
    }

    #[test]
    fn numbers_follow_the_checklist() {
        assert_eq!(PracticeId::AssignedManager.number(), 1);
        assert_eq!(PracticeId::NpsSurvey.number(), 10);
    }

    #[test]
    fn every_practice_has_all_its_text() {
        for p in &PRACTICES {
            assert!(!p.title.is_empty() && !p.summary.is_empty());
            assert!(!p.why.is_empty() && !p.first_step.is_empty());
        }
    }
}
