//! The Grader checked against the portfolio: answers the user's own data contradicts.

use super::accounts::{Account, AccountId, Tier};
use super::grader::Answers;
use super::portfolio::{summarize, MAX_ACCOUNTS_PER_MANAGER};
use super::practices::PracticeId;
use super::quadrant::Quadrant;
use super::settings::Settings;

/// A "yes" the portfolio does not bear out, with what the data shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contradiction {
    pub practice: PracticeId,
    pub note: String,
}

/// Practices whose evidence lives in an account's plan (business reviews, relationship
/// matrix, technology roadmap, vision): a key account without a plan cannot have them written
/// down.
pub const PLAN_PRACTICES: [PracticeId; 4] = [
    PracticeId::BusinessReviews,
    PracticeId::RelationshipMatrix,
    PracticeId::TechnologyRoadmap,
    PracticeId::ClientVision,
];

/// How many account names a note lists before it counts the rest.
const NAMES_SHOWN: usize = 3;

/// The answers marked "we do this consistently" that the accounts and plans contradict, in
/// checklist order. `has_plan` tells whether an account has a plan.
pub fn contradictions(
    answers: &Answers,
    accounts: &[Account],
    settings: &Settings,
    has_plan: impl Fn(AccountId) -> bool,
) -> Vec<Contradiction> {
    let mut out = Vec::new();
    // The portfolio is read only for answers it could contradict: the page asks on every
    // click, and a portfolio can hold thousands of accounts.
    let summary = if answers.does(PracticeId::ManageableLoad) {
        summarize(accounts, settings)
    } else {
        Default::default()
    };
    // Very small or irregular buyers may go without a manager (the practice allows it), so
    // tier C accounts are left out of the count.
    let unmanaged = if answers.does(PracticeId::AssignedManager) {
        accounts
            .iter()
            .filter(|a| a.tier != Tier::C && a.manager.trim().is_empty())
            .count()
    } else {
        0
    };
    if unmanaged > 0 {
        let n = unmanaged;
        out.push(Contradiction {
            practice: PracticeId::AssignedManager,
            note: format!(
                "Your accounts say otherwise: {n} {} no account manager (tier C accounts \
                 aside, which may go without one).",
                if n == 1 {
                    "tier A or B account has"
                } else {
                    "tier A or B accounts have"
                }
            ),
        });
    }
    if answers.does(PracticeId::ManageableLoad) {
        let overloaded: Vec<String> = summary
            .manager_loads
            .iter()
            .filter(|(_, n)| *n > MAX_ACCOUNTS_PER_MANAGER)
            .map(|(m, n)| format!("{m} holds {n}"))
            .collect();
        if !overloaded.is_empty() {
            out.push(Contradiction {
                practice: PracticeId::ManageableLoad,
                note: format!(
                    "Your accounts say otherwise: {} (more than {MAX_ACCOUNTS_PER_MANAGER} \
                     accounts).",
                    listed(&overloaded)
                ),
            });
        }
    }
    if !PLAN_PRACTICES.iter().any(|&p| answers.does(p)) {
        return out;
    }
    let without_plan: Vec<String> = accounts
        .iter()
        .filter(|a| {
            a.position(&settings.weights)
                .map(|p| super::quadrant::classify(p, settings.thresholds))
                == Some(Quadrant::ManageKeyAccount)
        })
        .filter(|a| !has_plan(a.id))
        .map(|a| a.name.clone())
        .collect();
    if !without_plan.is_empty() {
        let n = without_plan.len();
        let note = format!(
            "Not written down for every key account: {n} {} no plan ({}).",
            if n == 1 {
                "key account has"
            } else {
                "key accounts have"
            },
            listed(&without_plan)
        );
        for practice in PLAN_PRACTICES {
            if answers.does(practice) {
                out.push(Contradiction {
                    practice,
                    note: note.clone(),
                });
            }
        }
    }
    out
}

/// The first few items joined, and how many more there are.
fn listed(items: &[String]) -> String {
    let shown = items[..items.len().min(NAMES_SHOWN)].join(", ");
    match items.len().saturating_sub(NAMES_SHOWN) {
        0 => shown,
        more => format!("{shown} and {more} more"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rating::{Ratings, CRITERIA};

    fn account(id: AccountId, manager: &str, key: bool) -> Account {
        let mut a = crate::domain::demo::demo_accounts(1, "2026-01-01T00:00:00Z").remove(0);
        a.id = id;
        a.name = format!("Client {id}");
        a.manager = manager.into();
        let rating = if key { 5 } else { 1 };
        a.ratings =
            Ratings::from_pairs(&CRITERIA.iter().map(|c| (c.id, rating)).collect::<Vec<_>>());
        a
    }

    fn all_yes() -> Answers {
        Answers::all_answered_with_yes(&crate::domain::practices::PRACTICES.map(|p| p.id))
    }

    fn practices(found: &[Contradiction]) -> Vec<PracticeId> {
        found.iter().map(|c| c.practice).collect()
    }

    #[test]
    fn a_portfolio_that_bears_the_answers_out_raises_nothing() {
        let accounts = vec![account(1, "Ann", true), account(2, "Bo", false)];
        let found = contradictions(&all_yes(), &accounts, &Settings::default(), |id| id == 1);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn accounts_without_a_manager_contradict_practice_1() {
        let accounts = vec![account(1, "", false), account(2, "", false)];
        let found = contradictions(&all_yes(), &accounts, &Settings::default(), |_| true);
        assert_eq!(practices(&found), vec![PracticeId::AssignedManager]);
        assert!(found[0]
            .note
            .contains("2 tier A or B accounts have no account manager"));
        // Small or irregular buyers (tier C) may go without one.
        let mut small = accounts.clone();
        for a in &mut small {
            a.tier = Tier::C;
        }
        assert!(contradictions(&all_yes(), &small, &Settings::default(), |_| true).is_empty());
        // "Not yet" is already honest: nothing to point out.
        let not_yet = Answers::all_answered_with_yes(&[]);
        assert!(contradictions(&not_yet, &accounts, &Settings::default(), |_| true).is_empty());
    }

    #[test]
    fn more_than_ten_accounts_for_one_manager_contradicts_practice_2() {
        let ten: Vec<Account> = (1..=10).map(|i| account(i, "Ann", false)).collect();
        assert!(contradictions(&all_yes(), &ten, &Settings::default(), |_| true).is_empty());
        let eleven: Vec<Account> = (1..=11).map(|i| account(i, "Ann", false)).collect();
        let found = contradictions(&all_yes(), &eleven, &Settings::default(), |_| true);
        assert_eq!(practices(&found), vec![PracticeId::ManageableLoad]);
        assert!(found[0].note.contains("Ann holds 11"), "{}", found[0].note);
    }

    #[test]
    fn key_accounts_without_a_plan_contradict_the_plan_practices() {
        let accounts: Vec<Account> = (1..=5).map(|i| account(i, "Ann", i != 5)).collect();
        let found = contradictions(&all_yes(), &accounts, &Settings::default(), |id| id == 1);
        assert_eq!(practices(&found), PLAN_PRACTICES.to_vec());
        assert!(
            found[0]
                .note
                .contains("3 key accounts have no plan (Client 2, Client 3, Client 4)"),
            "{}",
            found[0].note
        );
        // Only the practices answered "yes" get the note.
        let some = Answers::all_answered_with_yes(&[PracticeId::ClientVision]);
        let found = contradictions(&some, &accounts, &Settings::default(), |_| false);
        assert_eq!(practices(&found), vec![PracticeId::ClientVision]);
        assert!(found[0].note.contains("4 key accounts") && found[0].note.contains("and 1 more"));
    }
}
