//! Results that prospects sent back from an invitation: kept apart from the user's own
//! history, so a prospect's score never moves the team's trend.

use serde::{Deserialize, Serialize};

use super::grader::{grade, Answers, Grade};
use super::history::SavedAssessment;
use super::practices::{PracticeId, PRACTICES};
use super::share::SharedResult;
use crate::support::dates::{date_part, instant};
use crate::support::sorting::{sort_by_cached_key, sort_by_key};

/// Identifies a received result; taken from the document's id counter like every other id.
pub type ProspectId = u64;

/// One prospect's self-assessment, as their result link carried it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prospect {
    pub id: ProspectId,
    /// RFC 3339 timestamp of when the user added it.
    pub received_at: String,
    /// `YYYY-MM-DD`: the day the prospect answered.
    #[serde(default)]
    pub answered_on: String,
    /// Who answered, as the prospect typed it (may be empty).
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub company: String,
    /// The label the prospect gave the result, if any.
    #[serde(default)]
    pub label: String,
    pub answers: Answers,
    /// The link's payload, exactly as received: the same link opened twice is recognised by
    /// it, and is not added a second time. Empty for results moved here from the history.
    #[serde(default)]
    pub link: String,
}

/// The label the app gave a shared result saved to the history before prospects had a
/// place of their own, when it had no label of its own.
const SHARED_WITHOUT_LABEL: &str = "Shared with me";
/// What the app put after the label of a shared result saved to the history.
const SHARED_SUFFIX: &str = " (shared)";

impl Prospect {
    pub fn grade(&self) -> Grade {
        grade(&self.answers)
    }

    /// A result received by opening `link`, added at `received_at`.
    pub fn received(id: ProspectId, received_at: &str, result: &SharedResult, link: &str) -> Self {
        Prospect {
            id,
            received_at: received_at.into(),
            answered_on: result.date.clone(),
            name: result.name.trim().into(),
            company: result.company.trim().into(),
            label: result.label.trim().into(),
            answers: result.answers.clone(),
            link: link.into(),
        }
    }

    /// A shared result that was saved to the history, moved here at `at`.
    pub fn moved_from_history(id: ProspectId, at: &str, a: &SavedAssessment) -> Self {
        let label = without_shared_mark(&a.label);
        Prospect {
            id,
            received_at: at.into(),
            answered_on: date_part(a.assessed_on.as_deref().unwrap_or(&a.saved_at)).into(),
            name: String::new(),
            company: String::new(),
            label: label.trim().into(),
            answers: a.answers.clone(),
            link: String::new(),
        }
    }

    /// How the prospect is named in lists: who answered, else the result's label.
    pub fn title(&self) -> String {
        match (self.name.as_str(), self.label.as_str()) {
            ("", "") => "Unnamed prospect".into(),
            ("", label) => label.into(),
            (name, _) => name.into(),
        }
    }
}

/// A label without the mark the app once gave shared results saved to the history.
pub fn without_shared_mark(label: &str) -> &str {
    match label.trim() {
        SHARED_WITHOUT_LABEL => "",
        l => l.strip_suffix(SHARED_SUFFIX).unwrap_or(l).trim(),
    }
}

/// True for an assessment in the history that is a copy of someone else's shared result,
/// as the app saved them before prospects had a list of their own.
pub fn looks_shared(a: &SavedAssessment) -> bool {
    a.label == SHARED_WITHOUT_LABEL || a.label.ends_with(SHARED_SUFFIX)
}

/// The orders the prospects list can be shown in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ProspectOrder {
    /// Most recently answered first.
    #[default]
    Newest,
    Name,
    Company,
    /// Highest score first.
    Score,
}

impl ProspectOrder {
    pub const ALL: [ProspectOrder; 4] = [
        ProspectOrder::Newest,
        ProspectOrder::Name,
        ProspectOrder::Company,
        ProspectOrder::Score,
    ];

    pub fn title(self) -> &'static str {
        match self {
            ProspectOrder::Newest => "Date answered, newest first",
            ProspectOrder::Name => "Name, A to Z",
            ProspectOrder::Company => "Company, A to Z",
            ProspectOrder::Score => "Score, highest first",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            ProspectOrder::Newest => "newest",
            ProspectOrder::Name => "name",
            ProspectOrder::Company => "company",
            ProspectOrder::Score => "score",
        }
    }
}

/// The prospects in `order`; ties, and blank names or companies, fall back to newest first
/// so that the list never reshuffles between renders.
pub fn sorted(prospects: &[Prospect], order: ProspectOrder) -> Vec<&Prospect> {
    let mut list: Vec<&Prospect> = prospects.iter().collect();
    sort_by_key(&mut list, |p| {
        (
            std::cmp::Reverse(instant(&p.answered_on)),
            std::cmp::Reverse(p.id),
        )
    });
    let text = |s: &str| (s.trim().is_empty(), s.trim().to_lowercase());
    match order {
        ProspectOrder::Newest => {}
        ProspectOrder::Name => sort_by_cached_key(&mut list, |p| text(&p.title())),
        ProspectOrder::Company => sort_by_cached_key(&mut list, |p| text(&p.company)),
        ProspectOrder::Score => sort_by_key(&mut list, |p| std::cmp::Reverse(p.grade().score)),
    }
    list
}

/// How the prospect and the user's own team stand on one practice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    Both,
    OnlyProspect,
    OnlyUs,
    Neither,
}

impl Standing {
    /// Says the difference in words, so that it never rests on colour.
    pub fn describe(self) -> &'static str {
        match self {
            Standing::Both => "Both do it",
            Standing::OnlyProspect => "They do, you don't yet",
            Standing::OnlyUs => "You do, they don't yet",
            Standing::Neither => "Neither does yet",
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Standing::Both => "both",
            Standing::OnlyProspect => "only-prospect",
            Standing::OnlyUs => "only-us",
            Standing::Neither => "neither",
        }
    }
}

/// Each practice in checklist order with how both sides stand on it.
pub fn compare(prospect: &Answers, ours: &Answers) -> Vec<(PracticeId, Standing)> {
    PRACTICES
        .iter()
        .map(|p| {
            let standing = match (prospect.does(p.id), ours.does(p.id)) {
                (true, true) => Standing::Both,
                (true, false) => Standing::OnlyProspect,
                (false, true) => Standing::OnlyUs,
                (false, false) => Standing::Neither,
            };
            (p.id, standing)
        })
        .collect()
}

/// The prospect already added from this result link, if any.
pub fn received_from<'a>(prospects: &'a [Prospect], link: &str) -> Option<&'a Prospect> {
    if link.is_empty() {
        return None;
    }
    prospects.iter().find(|p| p.link == link)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::practices::PracticeId;

    fn prospect(id: ProspectId, link: &str) -> Prospect {
        Prospect {
            id,
            received_at: "2026-12-06T09:00:00Z".into(),
            answered_on: "2026-12-05".into(),
            name: "Dana".into(),
            company: "Northwind".into(),
            label: String::new(),
            answers: Answers::all_answered_with_yes(&[PracticeId::GrowthGoals]),
            link: link.into(),
        }
    }

    #[test]
    fn the_same_link_is_found_again_and_an_empty_one_never() {
        let list = vec![prospect(1, "abc"), prospect(2, "")];
        assert_eq!(received_from(&list, "abc").map(|p| p.id), Some(1));
        assert_eq!(received_from(&list, "abd"), None);
        assert_eq!(received_from(&list, ""), None);
    }

    fn history_item(label: &str) -> SavedAssessment {
        SavedAssessment {
            id: 7,
            saved_at: "2026-10-02T08:00:00+02:00".into(),
            label: label.into(),
            answers: Answers::all_answered_with_yes(&[PracticeId::NpsSurvey]),
            team: String::new(),
            assessed_on: None,
        }
    }

    #[test]
    fn shared_copies_in_the_history_are_recognised_and_keep_their_own_label_when_moved() {
        assert!(looks_shared(&history_item("Shared with me")));
        assert!(looks_shared(&history_item("Northwind Q3 (shared)")));
        assert!(!looks_shared(&history_item("Sales team, Q4")));
        assert!(!looks_shared(&history_item("shared services")));
        let moved = Prospect::moved_from_history(
            9,
            "2026-12-06T09:00:00Z",
            &history_item("Northwind Q3 (shared)"),
        );
        assert_eq!(moved.label, "Northwind Q3");
        assert_eq!(moved.title(), "Northwind Q3");
        assert_eq!(moved.answered_on, "2026-10-02");
        assert_eq!(moved.link, "");
        assert_eq!(moved.grade().score, 1);
        let unlabelled = Prospect::moved_from_history(
            9,
            "2026-12-06T09:00:00Z",
            &history_item("Shared with me"),
        );
        assert_eq!(unlabelled.label, "");
        assert_eq!(unlabelled.title(), "Unnamed prospect");
    }

    #[test]
    fn the_list_sorts_by_each_column_with_blanks_last() {
        let mut a = prospect(1, "a");
        a.name = "zoë".into();
        a.company = String::new();
        a.answered_on = "2026-12-01".into();
        let mut b = prospect(2, "b");
        b.name = "Adam".into();
        b.company = "Contoso".into();
        b.answers = Answers::all_answered_with_yes(&[]);
        let c = prospect(3, "c");
        let ids = |order| {
            sorted(&[a.clone(), b.clone(), c.clone()], order)
                .iter()
                .map(|p| p.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(ProspectOrder::Newest), vec![3, 2, 1]);
        assert_eq!(ids(ProspectOrder::Name), vec![2, 3, 1]);
        assert_eq!(ids(ProspectOrder::Company), vec![2, 3, 1]);
        assert_eq!(ids(ProspectOrder::Score), vec![3, 1, 2]);
    }

    #[test]
    fn the_comparison_says_who_does_each_practice() {
        use PracticeId::*;
        let theirs = Answers::all_answered_with_yes(&[GrowthGoals, NpsSurvey]);
        let ours = Answers::all_answered_with_yes(&[GrowthGoals, AssignedManager]);
        let c = compare(&theirs, &ours);
        assert_eq!(c.len(), 10);
        let of = |id| c.iter().find(|(p, _)| *p == id).unwrap().1;
        assert_eq!(of(GrowthGoals), Standing::Both);
        assert_eq!(of(NpsSurvey), Standing::OnlyProspect);
        assert_eq!(of(AssignedManager), Standing::OnlyUs);
        assert_eq!(of(ClientVision), Standing::Neither);
    }

    #[test]
    fn a_received_reply_keeps_who_answered_and_its_link() {
        let reply = SharedResult {
            answers: Answers::all_answered_with_yes(&[PracticeId::GrowthGoals]),
            date: "2026-12-05".into(),
            name: " Dana ".into(),
            company: "Northwind".into(),
            reply: true,
            ..SharedResult::default()
        };
        let p = Prospect::received(5, "2026-12-06T09:00:00Z", &reply, "EgAB");
        assert_eq!((p.name.as_str(), p.company.as_str()), ("Dana", "Northwind"));
        assert_eq!(p.answered_on, "2026-12-05");
        assert_eq!(received_from(std::slice::from_ref(&p), "EgAB"), Some(&p));
    }

    #[test]
    fn reads_back_what_serde_writes() {
        let p = prospect(4, "xyz");
        let text = crate::support::json::to_text(&p);
        assert_eq!(crate::support::json::read(&text), Ok(p));
    }
}
