//! Joining the changes of two tabs that saved at nearly the same moment.
//!
//! Each tab knows the stored document its own changes started from (the base). When another
//! tab's document arrives, the two are joined record by record (an assessment, an account, a
//! snapshot, a template, a plan, the grader's draft, the settings): a record changed on one
//! side only keeps that change, so edits to different records all survive. When both sides
//! changed the same record, the other tab's version wins, which is also what both tabs end
//! up agreeing on. An edit always beats a deletion, so nothing typed is silently dropped.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;
use std::rc::Rc;

use super::accounts::Account;
use super::history::SavedAssessment;
use super::plans::{Plan, Template};
use super::schema::Document;
use super::snapshots::Snapshot;

/// `theirs` with every change made in `mine` since `base` carried over.
pub fn merge(base: &Document, mine: &Document, theirs: &Document) -> Document {
    let mut next_id = mine.next_id.max(theirs.next_id);
    let mut fresh_id = || {
        let id = next_id;
        next_id += 1;
        id
    };

    let draft_of = |d: &Document| (d.grader.draft.clone(), d.grader.draft_label.clone());
    let (draft, draft_label) =
        merge_value(&draft_of(base), &draft_of(mine), &draft_of(theirs)).clone();

    let history = merge_records(
        &base.grader.history,
        &mine.grader.history,
        &theirs.grader.history,
        |a| a.id,
        |a, b| a == b,
    );
    let (history, _) = renumbered(history, &mut fresh_id, |a, id| a.id = id);

    let (accounts, moved_accounts) =
        if Rc::ptr_eq(&mine.portfolio.accounts, &base.portfolio.accounts) {
            (theirs.portfolio.accounts.clone(), HashMap::new())
        } else {
            let merged = merge_records(
                &base.portfolio.accounts,
                &mine.portfolio.accounts,
                &theirs.portfolio.accounts,
                |a| a.id,
                |a, b| a == b,
            );
            let (accounts, moved) = renumbered(merged, &mut fresh_id, |a, id| a.id = id);
            (Rc::new(accounts), moved)
        };

    let snapshots = if Rc::ptr_eq(&mine.portfolio.snapshots, &base.portfolio.snapshots) {
        theirs.portfolio.snapshots.clone()
    } else {
        let merged = merge_records(
            &base.portfolio.snapshots,
            &mine.portfolio.snapshots,
            &theirs.portfolio.snapshots,
            |s| s.id,
            |a, b| a == b,
        );
        Rc::new(renumbered(merged, &mut fresh_id, |s, id| s.id = id).0)
    };

    let templates = merge_records(
        &base.plans.templates,
        &mine.plans.templates,
        &theirs.plans.templates,
        |t| t.id,
        |a, b| a == b,
    );
    let (templates, moved_templates) = renumbered(templates, &mut fresh_id, |t, id| t.id = id);

    let mut plans = merge_records(
        &base.plans.plans,
        &mine.plans.plans,
        &theirs.plans.plans,
        |p| p.id,
        |a, b| Rc::ptr_eq(a, b) || a == b,
    );
    // A plan written here for an account or template that had to take a fresh id follows it.
    for merged in plans.iter_mut().filter(|m| m.origin != Origin::Theirs) {
        let plan = &mut merged.record;
        if let Some(&to) = moved_accounts.get(&plan.account) {
            Rc::make_mut(plan).account = to;
        }
        if let Some(&to) = moved_templates.get(&plan.template) {
            Rc::make_mut(plan).template = to;
        }
    }
    let (plans, _) = renumbered(plans, &mut fresh_id, |p, id| Rc::make_mut(p).id = id);

    let settings = merge_value(&base.settings, &mine.settings, &theirs.settings).clone();

    let mut doc = theirs.clone();
    doc.grader.draft = draft;
    doc.grader.draft_label = draft_label;
    doc.grader.history = history;
    doc.portfolio.accounts = accounts;
    doc.portfolio.snapshots = snapshots;
    doc.plans.templates = templates;
    doc.plans.plans = plans;
    doc.settings = settings;
    // Dismissed in one tab stays dismissed, whichever tab saved last.
    doc.classification_notice = merge_value(
        &base.classification_notice,
        &mine.classification_notice,
        &theirs.classification_notice,
    )
    .clone();
    doc.next_id = next_id;
    doc
}

/// One value changed on at most one side keeps that change; changed on both, theirs wins.
fn merge_value<'a, T: PartialEq>(base: &'a T, mine: &'a T, theirs: &'a T) -> &'a T {
    if mine != base && theirs == base {
        mine
    } else {
        theirs
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Origin {
    Theirs,
    Mine,
    /// Added here under an id the other tab gave to a different record at the same time.
    MineUnderTakenId,
}

struct Merged<T> {
    record: T,
    origin: Origin,
}

/// Records joined by id, in the other tab's order, with the records added here placed where
/// they stood here.
fn merge_records<T: Clone, K: Eq + Hash + Copy>(
    base: &[T],
    mine: &[T],
    theirs: &[T],
    key: impl Fn(&T) -> K,
    same: impl Fn(&T, &T) -> bool,
) -> Vec<Merged<T>> {
    let base_by_key: HashMap<K, &T> = base.iter().map(|r| (key(r), r)).collect();
    let mine_by_key: HashMap<K, &T> = mine.iter().map(|r| (key(r), r)).collect();
    let theirs_keys: HashSet<K> = theirs.iter().map(&key).collect();
    let from = |record: &T, origin| Merged {
        record: record.clone(),
        origin,
    };

    let mut merged = Vec::with_capacity(theirs.len().max(mine.len()));
    let mut under_taken_ids = Vec::new();
    for t in theirs {
        let k = key(t);
        match (base_by_key.get(&k), mine_by_key.get(&k)) {
            // Changed here only.
            (Some(b), Some(m)) if same(t, b) && !same(m, b) => merged.push(from(m, Origin::Mine)),
            // Deleted here, left alone there.
            (Some(b), None) if same(t, b) => {}
            // Added on both sides under one id: both are kept.
            (None, Some(m)) if !same(m, t) => {
                merged.push(from(t, Origin::Theirs));
                under_taken_ids.push(from(m, Origin::MineUnderTakenId));
            }
            _ => merged.push(from(t, Origin::Theirs)),
        }
    }
    for (position, m) in mine.iter().enumerate() {
        let k = key(m);
        if theirs_keys.contains(&k) {
            continue;
        }
        match base_by_key.get(&k) {
            // Deleted there, left alone here.
            Some(b) if same(m, b) => {}
            // Added here, or edited here while deleted there: an edit is kept.
            _ => merged.insert(position.min(merged.len()), from(m, Origin::Mine)),
        }
    }
    merged.extend(under_taken_ids);
    merged
}

/// The records, each one added under a taken id given a fresh id; also the ids so changed.
fn renumbered<T>(
    merged: Vec<Merged<T>>,
    fresh_id: &mut impl FnMut() -> u64,
    set_id: impl Fn(&mut T, u64),
) -> (Vec<T>, HashMap<u64, u64>)
where
    T: Keyed,
{
    let mut moved = HashMap::new();
    let records = merged
        .into_iter()
        .map(|Merged { mut record, origin }| {
            if origin == Origin::MineUnderTakenId {
                let fresh = fresh_id();
                moved.insert(record.key(), fresh);
                set_id(&mut record, fresh);
            }
            record
        })
        .collect();
    (records, moved)
}

/// A record's document-wide id.
trait Keyed {
    fn key(&self) -> u64;
}

macro_rules! keyed_by_id {
    ($($t:ty),*) => {$(
        impl Keyed for $t {
            fn key(&self) -> u64 {
                self.id
            }
        }
    )*};
}
keyed_by_id!(SavedAssessment, Account, Snapshot, Template, Rc<Plan>);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::grader::Answer;
    use crate::domain::practices::PracticeId;

    fn account(id: u64, name: &str) -> Account {
        Account {
            id,
            name: name.into(),
            ..Account::blank()
        }
    }

    fn with_accounts(accounts: Vec<Account>) -> Document {
        let mut doc = Document {
            next_id: accounts.iter().map(|a| a.id + 1).max().unwrap_or(1),
            ..Document::default()
        };
        doc.portfolio.accounts = Rc::new(accounts);
        doc
    }

    fn names(doc: &Document) -> Vec<(u64, &str)> {
        doc.portfolio
            .accounts
            .iter()
            .map(|a| (a.id, a.name.as_str()))
            .collect()
    }

    fn renamed(doc: &Document, id: u64, name: &str) -> Document {
        let mut doc = doc.clone();
        let accounts = Rc::make_mut(&mut doc.portfolio.accounts);
        accounts.iter_mut().find(|a| a.id == id).unwrap().name = name.into();
        doc
    }

    #[test]
    fn changes_to_different_records_both_survive() {
        let base = with_accounts(vec![account(1, "Acme"), account(2, "Beta")]);
        let mine = renamed(&base, 1, "Acme Ltd");
        let mut theirs = renamed(&base, 2, "Beta plc");
        theirs.settings.plan_stale_days = 30;
        let merged = merge(&base, &mine, &theirs);
        assert_eq!(names(&merged), [(1, "Acme Ltd"), (2, "Beta plc")]);
        assert_eq!(merged.settings.plan_stale_days, 30);
        // The other side, joining the same two changes, reaches the same document.
        assert_eq!(merge(&base, &theirs, &mine), merged);
    }

    #[test]
    fn the_grader_draft_and_the_portfolio_are_separate_records() {
        let base = with_accounts(vec![account(1, "Acme")]);
        let mut mine = base.clone();
        mine.grader.draft.set(PracticeId::GrowthGoals, Answer::Yes);
        let theirs = renamed(&base, 1, "Acme Ltd");
        let merged = merge(&base, &mine, &theirs);
        assert!(merged.grader.draft.does(PracticeId::GrowthGoals));
        assert_eq!(names(&merged), [(1, "Acme Ltd")]);
    }

    #[test]
    fn one_record_changed_on_both_sides_takes_the_other_tabs_version() {
        let base = with_accounts(vec![account(1, "Acme")]);
        let merged = merge(
            &base,
            &renamed(&base, 1, "Mine"),
            &renamed(&base, 1, "Theirs"),
        );
        assert_eq!(names(&merged), [(1, "Theirs")]);
    }

    #[test]
    fn a_change_undone_in_the_other_tab_stays_undone() {
        // This tab renamed Acme and saved; the other tab saw that and renamed it back.
        let saved = with_accounts(vec![account(1, "Acme Ltd")]);
        let theirs = renamed(&saved, 1, "Acme");
        assert_eq!(names(&merge(&saved, &saved, &theirs)), [(1, "Acme")]);
    }

    #[test]
    fn deletions_go_through_unless_the_record_was_edited_meanwhile() {
        let base = with_accounts(vec![account(1, "Acme"), account(2, "Beta")]);
        let mut mine = base.clone();
        Rc::make_mut(&mut mine.portfolio.accounts).retain(|a| a.id != 1);
        assert_eq!(names(&merge(&base, &mine, &base)), [(2, "Beta")]);
        // Deleted here, renamed there: the rename is kept, on either side.
        let theirs = renamed(&base, 1, "Acme Ltd");
        let expected = [(1, "Acme Ltd"), (2, "Beta")];
        assert_eq!(names(&merge(&base, &mine, &theirs)), expected);
        assert_eq!(names(&merge(&base, &theirs, &mine)), expected);
    }

    #[test]
    fn records_added_on_both_sides_under_one_id_are_both_kept() {
        let base = with_accounts(vec![account(1, "Acme")]);
        let mut mine = base.clone();
        Rc::make_mut(&mut mine.portfolio.accounts).push(account(2, "Mine new"));
        mine.plans
            .plans
            .push(Rc::new(Plan::new(3, 2, 0, "2026-01-01")));
        mine.next_id = 4;
        let mut theirs = base.clone();
        Rc::make_mut(&mut theirs.portfolio.accounts).push(account(2, "Theirs new"));
        theirs.next_id = 3;

        let merged = merge(&base, &mine, &theirs);
        assert_eq!(
            names(&merged),
            [(1, "Acme"), (2, "Theirs new"), (4, "Mine new")]
        );
        // The plan written here for our account follows it to its new id.
        assert_eq!(merged.plans.plans.len(), 1);
        assert_eq!(merged.plans.plans[0].account, 4);
        assert_eq!(merged.next_id, 5);
    }

    #[test]
    fn records_added_here_keep_their_place() {
        let base = with_accounts(vec![account(1, "A"), account(2, "B")]);
        let mut mine = base.clone();
        Rc::make_mut(&mut mine.portfolio.accounts).insert(1, account(3, "New"));
        let merged = merge(&base, &mine, &base);
        assert_eq!(names(&merged), [(1, "A"), (3, "New"), (2, "B")]);
    }
}
