//! Whole records a change removed (a deleted account with its plan, an assessment, a template),
//! kept so that its Undo can put them back into the document as it is later: after other
//! changes here or another tab's, which are kept. Only the records themselves come back, and
//! only where nothing has taken their place since: a record whose id is in use again, an
//! account whose name another account now has, a plan whose account is gone or has another
//! plan stays out. Anything else the change did, or anyone did since, is left as it is.
//!
//! On the web this code comes with the reader of stored data (`storage::reading`), reached
//! through [`crate::storage::reading::Removal`]: an undo made before it has arrived goes at
//! the next change, as any other.

use std::rc::Rc;

use super::accounts::Account;
use super::history::SavedAssessment;
use super::plans::{Plan, Template, BUILT_IN_TEMPLATE};
use super::prospects::Prospect;
use super::snapshots::Snapshot;
use crate::storage::schema::Document;
use crate::support::case::words_key;

/// Each collection's removed records, with the place each had.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Removed {
    accounts: Vec<(usize, Account)>,
    snapshots: Vec<(usize, Snapshot)>,
    history: Vec<(usize, SavedAssessment)>,
    prospects: Vec<(usize, Prospect)>,
    templates: Vec<(usize, Template)>,
    plans: Vec<(usize, Rc<Plan>)>,
}

impl Removed {
    /// What `after` lacks of `before`, if the change between them removed whole records and
    /// did nothing else (the ids handed out aside); `None` for any other change.
    pub fn between(before: &Document, after: &Document) -> Option<Removed> {
        let untouched = before.grader.draft == after.grader.draft
            && before.grader.draft_label == after.grader.draft_label
            && before.grader.draft_team == after.grader.draft_team
            && before.grader.draft_date == after.grader.draft_date
            && before.settings == after.settings
            && before.classification_notice == after.classification_notice;
        if !untouched {
            return None;
        }
        let removed = Removed {
            accounts: removed_from(&before.portfolio.accounts, &after.portfolio.accounts, |a| {
                a.id
            })?,
            snapshots: removed_from(
                &before.portfolio.snapshots,
                &after.portfolio.snapshots,
                |s| s.id,
            )?,
            history: removed_from(&before.grader.history, &after.grader.history, |a| a.id)?,
            prospects: removed_from(&before.prospects, &after.prospects, |p| p.id)?,
            templates: removed_from(&before.plans.templates, &after.plans.templates, |t| t.id)?,
            plans: removed_from(&before.plans.plans, &after.plans.plans, |p| p.id)?,
        };
        (removed != Removed::default()).then_some(removed)
    }

    /// The accounts gone from `before` in `after` (another tab deleted them), with their
    /// plans; `None` if there are none.
    pub fn accounts_gone(before: &Document, after: &Document) -> Option<Removed> {
        if Rc::ptr_eq(&before.portfolio.accounts, &after.portfolio.accounts) {
            return None;
        }
        let kept: Sorted<u64> = after.portfolio.accounts.iter().map(|a| a.id).collect();
        let accounts: Vec<(usize, Account)> = before
            .portfolio
            .accounts
            .iter()
            .enumerate()
            .filter(|(_, a)| !kept.contains(&a.id))
            .map(|(i, a)| (i, a.clone()))
            .collect();
        if accounts.is_empty() {
            return None;
        }
        let plans = before
            .plans
            .plans
            .iter()
            .enumerate()
            .filter(|(_, p)| accounts.iter().any(|(_, a)| a.id == p.account))
            .map(|(i, p)| (i, p.clone()))
            .collect();
        Some(Removed {
            accounts,
            plans,
            ..Removed::default()
        })
    }

    /// How many accounts it holds, and the name of the first.
    pub fn accounts(&self) -> (usize, Option<&str>) {
        let first = self.accounts.first().map(|(_, a)| a.name.as_str());
        (self.accounts.len(), first)
    }

    /// Whether any of them could still come back into `now`: looked at after every change
    /// while the undo is offered, so an account's name is looked for only among the accounts
    /// added since `after` (the others had their names when it was removed). [`Self::put_back`]
    /// looks at them all.
    pub fn could_come_back(&self, now: &Document, after: &Document) -> bool {
        let others = [
            absent_from(
                now.portfolio.snapshots.iter().map(|s| s.id),
                self.snapshots.iter().map(|(_, s)| s.id),
            ),
            absent_from(
                now.grader.history.iter().map(|a| a.id),
                self.history.iter().map(|(_, a)| a.id),
            ),
            absent_from(
                now.prospects.iter().map(|p| p.id),
                self.prospects.iter().map(|(_, p)| p.id),
            ),
            absent_from(
                now.plans.templates.iter().map(|t| t.id),
                self.templates.iter().map(|(_, t)| t.id),
            ),
        ];
        if others.into_iter().any(|absent| absent) {
            return true;
        }
        if self.accounts.is_empty() && self.plans.is_empty() {
            return false;
        }
        let now_ids: Sorted<u64> = now.portfolio.accounts.iter().map(|a| a.id).collect();
        let accounts_back: Sorted<u64> = if self.accounts.is_empty() {
            Sorted::default()
        } else {
            let after_ids: Sorted<u64> = after.portfolio.accounts.iter().map(|a| a.id).collect();
            let new_names: Sorted<String> = now
                .portfolio
                .accounts
                .iter()
                .filter(|a| !after_ids.contains(&a.id))
                .map(|a| words_key(&a.name))
                .collect();
            self.accounts
                .iter()
                .filter(|(_, a)| {
                    !now_ids.contains(&a.id) && !new_names.contains(&words_key(&a.name))
                })
                .map(|(_, a)| a.id)
                .collect()
        };
        if !accounts_back.is_empty() {
            return true;
        }
        let planned: Sorted<u64> = now.plans.plans.iter().map(|p| p.account).collect();
        self.plans.iter().any(|(_, p)| {
            let removed_with = self.accounts.iter().any(|(_, a)| a.id == p.account);
            !removed_with
                && now_ids.contains(&p.account)
                && !planned.contains(&p.account)
                && !now.plans.plans.iter().any(|q| q.id == p.id)
        })
    }

    /// `now` with the records that can come back put back in their places; `None` when none
    /// can.
    pub fn put_back(&self, now: &Document) -> Option<Document> {
        let mut doc = now.clone();
        let mut any = false;
        let ids: Sorted<u64> = now.portfolio.accounts.iter().map(|a| a.id).collect();
        let names: Sorted<String> = if self.accounts.is_empty() {
            Sorted::default()
        } else {
            now.portfolio
                .accounts
                .iter()
                .map(|a| words_key(&a.name))
                .collect()
        };
        let accounts: Vec<(usize, Account)> = self
            .accounts
            .iter()
            .filter(|(_, a)| !ids.contains(&a.id) && !names.contains(&words_key(&a.name)))
            .cloned()
            .collect();
        let accounts_back: Sorted<u64> = accounts.iter().map(|(_, a)| a.id).collect();
        if !accounts.is_empty() {
            any = true;
            insert_at(Rc::make_mut(&mut doc.portfolio.accounts), accounts);
        }
        any |= put_back_by_id(
            Rc::make_mut(&mut doc.portfolio.snapshots),
            &self.snapshots,
            |s| s.id,
        );
        any |= put_back_by_id(&mut doc.grader.history, &self.history, |a| a.id);
        any |= put_back_by_id(&mut doc.prospects, &self.prospects, |p| p.id);
        any |= put_back_by_id(&mut doc.plans.templates, &self.templates, |t| t.id);
        // A plan needs its account here, without a plan of its own since, and its template;
        // the plan of an account removed with it comes back only with that account, never
        // onto another that has its id since.
        let plans: Vec<(usize, Rc<Plan>)> = {
            let account_ids: Sorted<u64> = doc.portfolio.accounts.iter().map(|a| a.id).collect();
            let planned: Sorted<u64> = doc.plans.plans.iter().map(|p| p.account).collect();
            let plan_ids: Sorted<u64> = doc.plans.plans.iter().map(|p| p.id).collect();
            let templates = &doc.plans.templates;
            self.plans
                .iter()
                .filter(|(_, p)| {
                    let removed_with = self.accounts.iter().any(|(_, a)| a.id == p.account);
                    (if removed_with {
                        accounts_back.contains(&p.account)
                    } else {
                        account_ids.contains(&p.account)
                    }) && !planned.contains(&p.account)
                        && !plan_ids.contains(&p.id)
                        && (p.template == BUILT_IN_TEMPLATE
                            || templates.iter().any(|t| t.id == p.template))
                })
                .cloned()
                .collect()
        };
        if !plans.is_empty() {
            any = true;
            insert_at(&mut doc.plans.plans, plans);
        }
        any.then_some(doc)
    }
}

/// A set looked up by binary search: a hash set of each kind would add code of its own.
#[derive(Default)]
struct Sorted<T>(Vec<T>);

impl<T: Ord> FromIterator<T> for Sorted<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        let mut items: Vec<T> = items.into_iter().collect();
        items.sort_unstable();
        Sorted(items)
    }
}

impl<T: Ord> Sorted<T> {
    fn contains(&self, item: &T) -> bool {
        self.0.binary_search(item).is_ok()
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Whether any of `removed` is not among `ids`.
fn absent_from(ids: impl Iterator<Item = u64>, removed: impl Iterator<Item = u64>) -> bool {
    let removed: Vec<u64> = removed.collect();
    if removed.is_empty() {
        return false;
    }
    let ids: Sorted<u64> = ids.collect();
    removed.iter().any(|id| !ids.contains(id))
}

/// The records of `before` missing from `after`, with their places, if `after` is `before`
/// with them taken out and nothing else changed.
fn removed_from<T: Clone + PartialEq>(
    before: &[T],
    after: &[T],
    id: impl Fn(&T) -> u64,
) -> Option<Vec<(usize, T)>> {
    let mut removed = Vec::new();
    let mut rest = after.iter().peekable();
    for (position, record) in before.iter().enumerate() {
        match rest.next_if(|kept| id(kept) == id(record)) {
            Some(kept) if kept != record => return None,
            Some(_) => {}
            None => removed.push((position, record.clone())),
        }
    }
    rest.next().is_none().then_some(removed)
}

/// Puts back each of `removed` whose id is not in use in `records`; whether any was.
fn put_back_by_id<T: Clone>(
    records: &mut Vec<T>,
    removed: &[(usize, T)],
    id: impl Fn(&T) -> u64,
) -> bool {
    if removed.is_empty() {
        return false;
    }
    let ids: Sorted<u64> = records.iter().map(&id).collect();
    let back: Vec<(usize, T)> = removed
        .iter()
        .filter(|(_, r)| !ids.contains(&id(r)))
        .cloned()
        .collect();
    let any = !back.is_empty();
    insert_at(records, back);
    any
}

/// Inserts each record at its old place, first places first, so that with nothing changed
/// since they are all where they were.
fn insert_at<T>(records: &mut Vec<T>, back: Vec<(usize, T)>) {
    for (position, record) in back {
        let at = position.min(records.len());
        records.insert(at, record);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_accounts;

    fn with_accounts(names: &[&str]) -> Document {
        let mut doc = Document::default();
        let mut accounts = demo_accounts(1, "2026-01-01T00:00:00.000Z");
        accounts.truncate(names.len());
        for (i, (account, name)) in accounts.iter_mut().zip(names).enumerate() {
            account.id = i as u64 + 1;
            account.name = (*name).into();
        }
        doc.portfolio.accounts = Rc::new(accounts);
        doc.next_id = names.len() as u64 + 1;
        doc
    }

    #[test]
    fn a_removal_is_told_from_any_other_change_and_comes_back_in_place() {
        let before = with_accounts(&["A", "B", "C"]);
        let mut after = before.clone();
        Rc::make_mut(&mut after.portfolio.accounts).remove(1);
        let removed = Removed::between(&before, &after).unwrap();
        assert_eq!(removed.put_back(&after).unwrap(), before);

        let mut edited = after.clone();
        Rc::make_mut(&mut edited.portfolio.accounts)[0].notes = "Changed".into();
        assert_eq!(Removed::between(&before, &edited), None, "an edit as well");
        assert_eq!(Removed::between(&before, &before), None, "nothing removed");
        let mut themed = after.clone();
        themed.settings.plan_stale_days += 1;
        assert_eq!(Removed::between(&before, &themed), None);
    }

    #[test]
    fn nothing_comes_back_over_what_took_its_place() {
        let before = with_accounts(&["A", "B"]);
        let mut after = before.clone();
        Rc::make_mut(&mut after.portfolio.accounts).remove(1);
        let removed = Removed::between(&before, &after).unwrap();
        // B's name taken by a new account, in any case.
        let mut renamed = after.clone();
        let mut newcomer = before.portfolio.accounts[1].clone();
        newcomer.id = 9;
        newcomer.name = "b ".into();
        Rc::make_mut(&mut renamed.portfolio.accounts).push(newcomer.clone());
        assert_eq!(removed.put_back(&renamed), None);
        // B's id in use again (another tab's account).
        newcomer.id = 2;
        newcomer.name = "Other".into();
        let mut taken = after.clone();
        Rc::make_mut(&mut taken.portfolio.accounts).push(newcomer);
        assert_eq!(removed.put_back(&taken), None);
        // B back already (another tab's edit kept it): not twice.
        assert_eq!(removed.put_back(&before), None);
    }

    #[test]
    fn accounts_gone_in_another_tab_come_with_their_plans() {
        let before = with_accounts(&["A", "B"]);
        let mut after = before.clone();
        Rc::make_mut(&mut after.portfolio.accounts).remove(0);
        let gone = Removed::accounts_gone(&before, &after).unwrap();
        assert_eq!(gone.accounts(), (1, Some("A")));
        assert_eq!(gone.put_back(&after).unwrap(), before);
        assert_eq!(Removed::accounts_gone(&before, &before), None);
    }
}
