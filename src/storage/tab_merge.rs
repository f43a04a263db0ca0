//! Joining the changes of two tabs that saved at nearly the same moment.
//!
//! Each tab knows the stored document its own changes started from (the base). When another
//! tab's document arrives, the two are joined record by record (an assessment, an account, a
//! snapshot, a template, a plan, a prospect, the grader's draft, the settings): a record changed on one
//! side only keeps that change, so edits to different records all survive. A record changed on
//! both sides is joined field by field in the same way, so that an account renamed in one tab
//! keeps the industry set in the other. When both sides changed the same field, the other
//! tab's version wins, which is also what both tabs end up agreeing on; but the draft's label,
//! team and date, which the person in this tab may be typing at that very moment, keep this
//! tab's text (the other tab takes it on its next read, having not changed it since). An edit
//! always beats a deletion, so nothing typed is silently dropped.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;
use std::rc::Rc;

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::schema::{Document, GraderData};
use crate::domain::accounts::{same_name, Account};
use crate::domain::grader::Answers;
use crate::domain::history::SavedAssessment;
use crate::domain::plans::{unique_name, Plan, Template, BUILT_IN_TEMPLATE};
use crate::domain::practices::PRACTICES;
use crate::domain::prospects::Prospect;
use crate::domain::snapshots::Snapshot;
use crate::support::dates::instant;
use crate::support::json::{self, to_text, Json};

/// The joined document, and the accounts of ours that took a fresh id because the other tab
/// gave theirs to a different account at the same moment (old id, new id).
#[derive(Debug, PartialEq)]
pub struct Joined {
    pub doc: Document,
    pub moved_accounts: Vec<(u64, u64)>,
}

/// `theirs` with every change made in `mine` since `base` carried over.
pub fn merge(base: &Document, mine: &Document, theirs: &Document) -> Document {
    join(base, mine, theirs).doc
}

/// [`merge`], also saying which of our accounts were given new ids.
pub fn join(base: &Document, mine: &Document, theirs: &Document) -> Joined {
    let mut next_id = mine.next_id.max(theirs.next_id);
    let mut fresh_id = || {
        let id = next_id;
        next_id += 1;
        id
    };

    // Each answer of the draft is a record of its own: two tabs answering different
    // questions both keep their answer.
    let mut draft = Answers::default();
    for practice in &PRACTICES {
        let id = practice.id;
        let answer = *merge_value(
            &base.grader.draft.get(id),
            &mine.grader.draft.get(id),
            &theirs.grader.draft.get(id),
        );
        if let Some(answer) = answer {
            draft.set(id, answer);
        }
    }
    let draft_label = typed_here(
        &base.grader.draft_label,
        &mine.grader.draft_label,
        &theirs.grader.draft_label,
    )
    .clone();
    let draft_team = typed_here(
        &base.grader.draft_team,
        &mine.grader.draft_team,
        &theirs.grader.draft_team,
    )
    .clone();
    // Every field of the grader's part is merged in this function, field by field, over the
    // other tab's document: a field added to it without a line here is a compile error, not
    // a field silently taken from the other tab.
    let GraderData {
        draft: _,
        draft_label: _,
        draft_team: _,
        draft_date: _,
        history: _,
    } = &theirs.grader;
    let draft_date = typed_here(
        &base.grader.draft_date,
        &mine.grader.draft_date,
        &theirs.grader.draft_date,
    )
    .clone();

    let history = merge_records(
        &base.grader.history,
        &mine.grader.history,
        &theirs.grader.history,
        |a| a.id,
        |a, b| a == b,
    );
    let (history, _) = renumbered(history, &mut fresh_id, |a, id| a.id = id);

    let prospects = merge_records(
        &base.prospects,
        &mine.prospects,
        &theirs.prospects,
        |p| p.id,
        |a, b| a == b,
    );
    let (mut prospects, _) = renumbered(prospects, &mut fresh_id, |p, id| p.id = id);
    // The same link added in both tabs is one prospect, not two.
    let mut links = HashSet::new();
    prospects.retain(|p| p.link.is_empty() || links.insert(p.link.clone()));

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
        let mut merged = merge_records(
            &base.portfolio.snapshots,
            &mine.portfolio.snapshots,
            &theirs.portfolio.snapshots,
            |s| s.id,
            |a, b| a == b,
        );
        // A snapshot taken here names our accounts by the ids they had here.
        for snapshot in merged.iter_mut().filter(|m| m.origin != Origin::Theirs) {
            let positions = &mut snapshot.record.positions;
            if positions
                .iter()
                .any(|(id, _)| moved_accounts.contains_key(id))
            {
                *positions = positions
                    .iter()
                    .map(|(id, p)| (*moved_accounts.get(id).unwrap_or(id), *p))
                    .collect();
            }
        }
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

    // A plan written here for an account or template that had to take a fresh id follows it,
    // before the join: a plan changed on both sides is joined field by field, and its
    // account or template field, set here, would otherwise point at the other tab's record.
    // (Ids that moved were in neither base nor theirs, so only plans changed here name them.)
    let my_plans: Vec<Rc<Plan>> = mine
        .plans
        .plans
        .iter()
        .map(|plan| {
            let account = moved_accounts.get(&plan.account);
            let template = moved_templates.get(&plan.template);
            if account.is_none() && template.is_none() {
                return plan.clone();
            }
            let mut plan = plan.clone();
            let moved = Rc::make_mut(&mut plan);
            moved.account = *account.unwrap_or(&moved.account);
            moved.template = *template.unwrap_or(&moved.template);
            plan
        })
        .collect();
    let plans = merge_records(
        &base.plans.plans,
        &my_plans,
        &theirs.plans.plans,
        |p| p.id,
        |a, b| Rc::ptr_eq(a, b) || a == b,
    );
    let (plans, _) = renumbered(plans, &mut fresh_id, |p, id| Rc::make_mut(p).id = id);

    let settings = merge_fields(&base.settings, &mine.settings, &theirs.settings);

    let mut doc = theirs.clone();
    doc.grader.draft = draft;
    doc.grader.draft_label = draft_label;
    doc.grader.draft_team = draft_team;
    doc.grader.draft_date = draft_date;
    doc.grader.history = history;
    doc.prospects = prospects;
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
    keep_references_whole(&mut doc, [mine, theirs, base]);
    keep_account_names_apart(&mut doc, theirs);
    let mut moved_accounts: Vec<(u64, u64)> = moved_accounts.into_iter().collect();
    moved_accounts.sort_unstable();
    Joined {
        doc,
        moved_accounts,
    }
}

/// A record changed on both sides (or the settings), joined field by field through its stored
/// form, nested objects too: a field changed on one side keeps that change; changed on both,
/// theirs wins. Going through the stored form keeps this right as fields are added. A join
/// that does not read back as a record (two variants of one field mixed) is theirs whole.
fn merge_fields<T: Serialize + DeserializeOwned + Clone>(base: &T, mine: &T, theirs: &T) -> T {
    let parse = |record: &T| Json::parse(&to_text(record)).ok();
    let (Some(b), Some(m), Some(t)) = (parse(base), parse(mine), parse(theirs)) else {
        return theirs.clone();
    };
    json::read(&merge_json(&b, &m, &t).to_text()).unwrap_or_else(|_| theirs.clone())
}

/// The member `key` of an object's `members`.
fn member<'a>(members: &'a [(String, Json)], key: &str) -> Option<&'a Json> {
    members.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// [`merge_value`] member by member for objects, and item by item for lists of records (each
/// with its own `key` or `id`, as a plan's sections): in the other tab's order, with what was
/// added here after it; a member or item deleted on one side and left alone on the other goes,
/// one edited on either side stays. An object that is one of several kinds (its `type`) is
/// joined member by member only when all three are of one kind, else as one value. When the
/// record was changed on both sides at once, its `updated_at` is the later of the two.
fn merge_json(base: &Json, mine: &Json, theirs: &Json) -> Json {
    match (base, mine, theirs) {
        (Json::Object(b), Json::Object(m), Json::Object(t))
            if member(b, "type") == member(t, "type") && member(m, "type") == member(t, "type") =>
        {
            let mut joined: Vec<(String, Json)> = merge_members(b, m, t);
            if let (Some(Json::String(mine)), Some(Json::String(theirs))) =
                (member(m, "updated_at"), member(t, "updated_at"))
            {
                let later = |a: &String, b: &String| instant(a) > instant(b);
                if member(b, "updated_at").is_some_and(|base| base != &Json::String(mine.clone()))
                    && later(mine, theirs)
                {
                    for (key, value) in &mut joined {
                        if key == "updated_at" {
                            *value = Json::String(mine.clone());
                        }
                    }
                }
            }
            Json::Object(joined)
        }
        (Json::Array(b), Json::Array(m), Json::Array(t)) => match (keyed(b), keyed(m), keyed(t)) {
            (Some(b), Some(m), Some(t)) => Json::Array(
                merge_members(&b, &m, &t)
                    .into_iter()
                    .map(|(_, item)| item)
                    .collect(),
            ),
            _ => merge_value(base, mine, theirs).clone(),
        },
        _ => merge_value(base, mine, theirs).clone(),
    }
}

/// Members (or keyed items) joined one by one, as [`merge_json`] says.
fn merge_members(
    b: &[(String, Json)],
    m: &[(String, Json)],
    t: &[(String, Json)],
) -> Vec<(String, Json)> {
    let mut joined = Vec::with_capacity(t.len());
    for (key, theirs) in t {
        match (member(b, key), member(m, key)) {
            (Some(base), Some(mine)) => joined.push((key.clone(), merge_json(base, mine, theirs))),
            // Deleted here, left alone there.
            (Some(base), None) if base == theirs => {}
            _ => joined.push((key.clone(), theirs.clone())),
        }
    }
    for (key, mine) in m {
        if member(t, key).is_none() && member(b, key).is_none_or(|base| base != mine) {
            joined.push((key.clone(), mine.clone()));
        }
    }
    joined
}

/// A list of records by their `key` (or `id`), if every item is an object with one, and no
/// two share it; else `None`, and the list is one value.
fn keyed(items: &[Json]) -> Option<Vec<(String, Json)>> {
    let mut keys = HashSet::new();
    items
        .iter()
        .map(|item| {
            let Json::Object(members) = item else {
                return None;
            };
            let key = member(members, "key")
                .or_else(|| member(members, "id"))?
                .to_text();
            keys.insert(key.clone()).then(|| (key, item.clone()))
        })
        .collect()
}

/// Every plan keeps its account and template, and an account has one plan: what one tab
/// deleted while the other wrote a plan for it comes back, as an edit always beats a
/// deletion.
fn keep_references_whole(doc: &mut Document, sources: [&Document; 3]) {
    let mut seen = HashSet::new();
    let mut duplicates = Vec::new();
    // Two tabs that each began a plan for one account: the one written last is kept.
    let mut order: Vec<usize> = (0..doc.plans.plans.len()).collect();
    crate::support::sorting::sort_by(&mut order, |&a, &b| {
        let (a, b) = (&doc.plans.plans[a], &doc.plans.plans[b]);
        b.updated_at.cmp(&a.updated_at)
    });
    for i in order {
        if !seen.insert(doc.plans.plans[i].account) {
            duplicates.push(doc.plans.plans[i].id);
        }
    }
    doc.plans.plans.retain(|p| !duplicates.contains(&p.id));

    for plan in &doc.plans.plans {
        if !doc.portfolio.accounts.iter().any(|a| a.id == plan.account) {
            let lost = sources
                .iter()
                .find_map(|d| d.portfolio.accounts.iter().find(|a| a.id == plan.account));
            if let Some(account) = lost {
                Rc::make_mut(&mut doc.portfolio.accounts).push(account.clone());
            }
        }
        let template_missing = plan.template != BUILT_IN_TEMPLATE
            && !doc.plans.templates.iter().any(|t| t.id == plan.template);
        if template_missing {
            let lost = sources
                .iter()
                .find_map(|d| d.plans.templates.iter().find(|t| t.id == plan.template));
            if let Some(template) = lost {
                doc.plans.templates.push(template.clone());
            }
        }
    }
}

/// Two tabs that added an account of the same name at once: ours takes a numbered name, as
/// the account form never lets two accounts share one.
fn keep_account_names_apart(doc: &mut Document, theirs: &Document) {
    let theirs_ids: HashSet<u64> = theirs.portfolio.accounts.iter().map(|a| a.id).collect();
    let clashing: Vec<usize> =
        doc.portfolio
            .accounts
            .iter()
            .enumerate()
            .filter(|(_, a)| !theirs_ids.contains(&a.id))
            .filter(|(_, a)| {
                doc.portfolio.accounts.iter().any(|b| {
                    b.id != a.id && theirs_ids.contains(&b.id) && same_name(&a.name, &b.name)
                })
            })
            .map(|(i, _)| i)
            .collect();
    for i in clashing {
        let names: Vec<String> = doc
            .portfolio
            .accounts
            .iter()
            .map(|a| a.name.clone())
            .collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let name = unique_name(&doc.portfolio.accounts[i].name, &names);
        Rc::make_mut(&mut doc.portfolio.accounts)[i].name = name;
    }
}

/// A field of the draft that may be being typed in here: changed here, it keeps this tab's
/// text, even if the other tab changed it too. Putting the other tab's text in its place
/// while a key is pressed would splice the two ("Team from Bhe lazy dog").
fn typed_here<'a, T: PartialEq>(base: &'a T, mine: &'a T, theirs: &'a T) -> &'a T {
    if mine != base {
        mine
    } else {
        theirs
    }
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
fn merge_records<T: Clone + Serialize + DeserializeOwned, K: Eq + Hash + Copy>(
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

    let mut merged = Vec::with_capacity(theirs.len());
    let mut under_taken_ids = Vec::new();
    for t in theirs {
        let k = key(t);
        match (base_by_key.get(&k), mine_by_key.get(&k)) {
            // Changed here only.
            (Some(b), Some(m)) if same(t, b) && !same(m, b) => merged.push(from(m, Origin::Mine)),
            // Changed on both sides.
            (Some(b), Some(m)) if !same(m, b) => {
                merged.push(from(&merge_fields(*b, *m, t), Origin::Theirs))
            }
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
    // Added here, or edited here while deleted there (an edit is kept); not deleted there
    // while left alone here.
    let mut added_here = mine
        .iter()
        .enumerate()
        .filter(|(_, m)| !theirs_keys.contains(&key(m)))
        .filter(|(_, m)| !base_by_key.get(&key(m)).is_some_and(|b| same(m, b)))
        .peekable();
    let mut joined = Vec::with_capacity(merged.len() + under_taken_ids.len());
    for record in merged {
        while let Some((_, m)) = added_here.next_if(|(position, _)| *position <= joined.len()) {
            joined.push(from(m, Origin::Mine));
        }
        joined.push(record);
    }
    joined.extend(added_here.map(|(_, m)| from(m, Origin::Mine)));
    joined.extend(under_taken_ids);
    joined
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
keyed_by_id!(
    SavedAssessment,
    Prospect,
    Account,
    Snapshot,
    Template,
    Rc<Plan>
);

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
    fn a_prospect_added_in_both_tabs_from_one_link_is_kept_once() {
        let prospect = |id: u64, link: &str| crate::domain::prospects::Prospect {
            id,
            received_at: "2026-12-06T09:00:00Z".into(),
            answered_on: "2026-12-05".into(),
            name: String::new(),
            company: "Northwind".into(),
            label: String::new(),
            answers: Answers::default(),
            link: link.into(),
        };
        let base = Document {
            next_id: 10,
            ..Document::default()
        };
        let mut mine = base.clone();
        mine.prospects = vec![prospect(10, "r1.same"), prospect(11, "")];
        mine.next_id = 12;
        let mut theirs = base.clone();
        theirs.prospects = vec![prospect(10, "r1.same"), prospect(11, "r1.other")];
        // Opened a few minutes apart in each tab: the records differ, so only the link
        // tells they are one result.
        theirs.prospects[0].received_at = "2026-12-06T09:05:00Z".into();
        theirs.next_id = 12;
        let merged = merge(&base, &mine, &theirs);
        let links: Vec<&str> = merged.prospects.iter().map(|p| p.link.as_str()).collect();
        assert_eq!(links, vec!["r1.same", "r1.other", ""]);
        let mut ids: Vec<u64> = merged.prospects.iter().map(|p| p.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 3, "every prospect keeps an id of its own");
    }

    /// The grader's part after merging a change made here (`mine`) with one made in another
    /// tab (`theirs`), both from an empty document.
    fn merged_grader(
        mine: impl FnOnce(&mut GraderData),
        theirs: impl FnOnce(&mut GraderData),
    ) -> GraderData {
        let base = Document::default();
        let (mut here, mut there) = (base.clone(), base.clone());
        mine(&mut here.grader);
        theirs(&mut there.grader);
        merge(&base, &here, &there).grader
    }

    #[test]
    fn a_team_typed_in_one_tab_survives_a_label_typed_in_the_other() {
        let merged = merged_grader(
            |g| g.draft_team = "Sales".into(),
            |g| g.draft_label = "Q4".into(),
        );
        assert_eq!(
            (merged.draft_team.as_str(), merged.draft_label.as_str()),
            ("Sales", "Q4")
        );
    }

    #[test]
    fn a_draft_field_typed_in_both_tabs_keeps_this_tabs_text_and_the_tabs_then_agree() {
        let merged = merged_grader(
            |g| g.draft_team = "A team, still typ".into(),
            |g| {
                g.draft_team = "Team from B".into();
                g.draft_label = "Q4".into();
            },
        );
        assert_eq!(
            merged.draft_team, "A team, still typ",
            "not spliced with the other's"
        );
        assert_eq!(merged.draft_label, "Q4");
        // The other tab, which has not changed its team since it saved, takes this tab's.
        let mut saved_there = Document::default();
        saved_there.grader.draft_team = "Team from B".into();
        let mut written_here = saved_there.clone();
        written_here.grader = merged.clone();
        let there = merge(&saved_there, &saved_there, &written_here);
        assert_eq!(there.grader, merged);
    }

    #[test]
    fn a_date_typed_in_one_tab_survives_a_label_typed_in_the_other() {
        let merged = merged_grader(
            |g| g.draft_date = "2026-06-30".into(),
            |g| g.draft_label = "Q2".into(),
        );
        assert_eq!(
            (merged.draft_date.as_str(), merged.draft_label.as_str()),
            ("2026-06-30", "Q2")
        );
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
    fn a_record_changed_on_both_sides_keeps_the_fields_each_side_changed() {
        use crate::domain::rating::CriterionId::{DecisionMakerAccess, NeedsFit, Profitability};
        let mut base = with_accounts(vec![account(1, "Acme")]);
        Rc::make_mut(&mut base.portfolio.accounts)[0]
            .ratings
            .set(Profitability, Some(3));
        let edited = |doc: &Document, edit: &dyn Fn(&mut Account)| {
            let mut doc = doc.clone();
            edit(&mut Rc::make_mut(&mut doc.portfolio.accounts)[0]);
            doc
        };
        let mine = edited(&base, &|a| {
            a.name = "Acme (mine)".into();
            a.industry = "Retail".into();
            a.ratings.set(NeedsFit, Some(2));
            a.ratings.set(Profitability, None);
        });
        let theirs = edited(&base, &|a| {
            a.name = "Acme (theirs)".into();
            a.manager = "Bo".into();
            a.ratings.set(DecisionMakerAccess, Some(5));
        });
        let joined = &merge(&base, &mine, &theirs).portfolio.accounts[0];
        assert_eq!(
            joined.name, "Acme (theirs)",
            "changed on both sides: theirs"
        );
        assert_eq!(joined.industry, "Retail", "changed here only");
        assert_eq!(joined.manager, "Bo", "changed there only");
        assert_eq!(joined.ratings.get(NeedsFit), Some(2));
        assert_eq!(joined.ratings.get(DecisionMakerAccess), Some(5));
        assert_eq!(
            joined.ratings.get(Profitability),
            None,
            "a rating cleared here"
        );
    }

    #[test]
    fn a_rating_cleared_in_the_other_tab_stays_cleared() {
        use crate::domain::rating::CriterionId::{NeedsFit, Profitability};
        let mut base = with_accounts(vec![account(1, "Acme")]);
        Rc::make_mut(&mut base.portfolio.accounts)[0]
            .ratings
            .set(Profitability, Some(3));
        let mut mine = renamed(&base, 1, "Acme (mine)");
        Rc::make_mut(&mut mine.portfolio.accounts)[0]
            .ratings
            .set(NeedsFit, Some(4));
        let mut theirs = base.clone();
        Rc::make_mut(&mut theirs.portfolio.accounts)[0]
            .ratings
            .set(Profitability, None);
        let joined = &merge(&base, &mine, &theirs).portfolio.accounts[0];
        assert_eq!(joined.ratings.get(Profitability), None);
        assert_eq!(joined.ratings.get(NeedsFit), Some(4));
        assert_eq!(joined.name, "Acme (mine)");
    }

    #[test]
    fn a_plan_written_in_both_tabs_keeps_the_sections_each_wrote_and_the_later_time() {
        use crate::domain::plans::{Content, Plan};
        let (early, later, latest) = (
            "2026-12-01T09:00:00Z",
            "2026-12-01T10:00:00Z",
            "2026-12-01T11:00:00+02:00",
        );
        let mut base = with_accounts(vec![account(1, "Acme")]);
        let mut plan = Plan::new(2, 1, BUILT_IN_TEMPLATE, early);
        plan.write("vision", "Vision", Content::Text("Grow".into()), early);
        plan.write(
            "top-issues",
            "Issues",
            Content::List(vec!["Late".into()]),
            early,
        );
        base.plans.plans = vec![Rc::new(plan)];
        let written = |doc: &Document, key: &str, content: Content, at: &str| {
            let mut doc = doc.clone();
            Rc::make_mut(&mut doc.plans.plans[0]).write(key, key, content, at);
            doc
        };
        // 11:00+02:00 is 09:00 UTC: earlier than the other tab's 10:00.
        let mine = written(
            &base,
            "vision",
            Content::Text("Grow in the north".into()),
            latest,
        );
        let theirs = written(
            &base,
            "top-issues",
            Content::List(vec!["Slow".into()]),
            later,
        );
        let content = |doc: &Document, key: &str| {
            let section = doc.plans.plans[0].sections.iter().find(|s| s.key == key);
            section.map(|s| s.content.clone())
        };
        let joined = merge(&base, &mine, &theirs);
        let plan = &joined.plans.plans[0];
        assert_eq!(
            content(&joined, "vision"),
            Some(Content::Text("Grow in the north".into()))
        );
        assert_eq!(
            content(&joined, "top-issues"),
            Some(Content::List(vec!["Slow".into()]))
        );
        assert_eq!(plan.updated_at, later, "the later of the two, by the clock");
        let mine = written(
            &base,
            "vision",
            Content::Text("Grow in the north".into()),
            "2026-12-01T12:00:00Z",
        );
        assert_eq!(
            merge(&base, &mine, &theirs).plans.plans[0].updated_at,
            "2026-12-01T12:00:00Z"
        );

        // One section written as another kind on each side: the other tab's, whole.
        let mine = written(&base, "vision", Content::List(vec!["A".into()]), latest);
        let theirs = written(&base, "vision", Content::Text("B".into()), later);
        let joined = merge(&base, &mine, &theirs);
        assert_eq!(content(&joined, "vision"), Some(Content::Text("B".into())));
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
    fn a_plan_changed_on_both_sides_follows_the_template_chosen_here_to_its_new_id() {
        let base = with_accounts(vec![account(1, "Acme")]);
        let mut base = base;
        base.plans
            .plans
            .push(Rc::new(Plan::new(2, 1, BUILT_IN_TEMPLATE, "2026-01-01")));
        base.next_id = 3;
        let template = |name: &str| Template {
            id: 3,
            name: name.into(),
            sections: Vec::new(),
        };
        // Here: a template added, and the plan switched to it and reviewed.
        let mut mine = base.clone();
        mine.plans.templates.push(template("Ours"));
        let plan = Rc::make_mut(&mut mine.plans.plans[0]);
        plan.template = 3;
        plan.reviewed_at = Some("2026-02-01".into());
        mine.next_id = 4;
        // There: another template under the same id, and the same plan's consensus changed.
        let mut theirs = base.clone();
        theirs.plans.templates.push(template("Theirs"));
        Rc::make_mut(&mut theirs.plans.plans[0])
            .consensus
            .client_agreed = true;
        theirs.next_id = 4;

        let merged = merge(&base, &mine, &theirs);
        let ours = merged
            .plans
            .templates
            .iter()
            .find(|t| t.name == "Ours")
            .expect("our template is kept");
        assert_ne!(ours.id, 3, "ours took a fresh id");
        let plan = &merged.plans.plans[0];
        assert_eq!(
            plan.template, ours.id,
            "the plan still uses the template chosen here"
        );
        assert_eq!(plan.reviewed_at.as_deref(), Some("2026-02-01"));
        assert!(
            plan.consensus.client_agreed,
            "their change to the plan is kept too"
        );
    }

    #[test]
    fn records_added_here_keep_their_place() {
        let base = with_accounts(vec![account(1, "A"), account(2, "B")]);
        let mut mine = base.clone();
        Rc::make_mut(&mut mine.portfolio.accounts).insert(1, account(3, "New"));
        let merged = merge(&base, &mine, &base);
        assert_eq!(names(&merged), [(1, "A"), (3, "New"), (2, "B")]);
    }

    #[test]
    fn different_answers_of_the_draft_and_different_settings_both_hold() {
        let base = Document::default();
        let mut mine = base.clone();
        mine.grader.draft.set(PracticeId::GrowthGoals, Answer::Yes);
        mine.settings.currency = "EUR".into();
        let mut theirs = base.clone();
        theirs
            .grader
            .draft
            .set(PracticeId::AssignedManager, Answer::NotYet);
        theirs.settings.plan_stale_days = 30;
        let merged = merge(&base, &mine, &theirs);
        assert_eq!(
            merged.grader.draft.get(PracticeId::GrowthGoals),
            Some(Answer::Yes)
        );
        assert_eq!(
            merged.grader.draft.get(PracticeId::AssignedManager),
            Some(Answer::NotYet)
        );
        assert_eq!(merged.settings.currency, "EUR");
        assert_eq!(merged.settings.plan_stale_days, 30);
    }

    #[test]
    fn a_snapshot_taken_here_follows_our_account_to_its_new_id() {
        let base = with_accounts(vec![]);
        let mut mine = base.clone();
        Rc::make_mut(&mut mine.portfolio.accounts).push(account(1, "Ours"));
        let mut snapshot = Snapshot {
            id: 2,
            taken_at: "2026-01-01".into(),
            positions: Default::default(),
        };
        let here = crate::domain::rating::Position {
            relationship: 10,
            potential: 20,
        };
        snapshot.positions.insert(1, here);
        Rc::make_mut(&mut mine.portfolio.snapshots).push(snapshot);
        mine.next_id = 3;
        let mut theirs = base.clone();
        Rc::make_mut(&mut theirs.portfolio.accounts).push(account(1, "Theirs"));
        theirs.next_id = 2;

        let joined = join(&base, &mine, &theirs);
        assert_eq!(joined.moved_accounts, [(1, 3)]);
        let snapshots = &joined.doc.portfolio.snapshots;
        assert_eq!(snapshots.len(), 1);
        assert_eq!(snapshots[0].positions.get(&3), Some(&here));
        assert_eq!(snapshots[0].positions.get(&1), None);
    }

    #[test]
    fn an_account_has_one_plan_and_keeps_it_when_deleted_on_the_other_side() {
        let base = with_accounts(vec![account(1, "Acme")]);
        let mut mine = base.clone();
        let mut ours = Plan::new(5, 1, 0, "2026-01-01T10:00:00Z");
        ours.updated_at = "2026-01-01T10:00:01Z".into();
        mine.plans.plans.push(Rc::new(ours));
        mine.next_id = 6;
        let mut theirs = base.clone();
        theirs
            .plans
            .plans
            .push(Rc::new(Plan::new(2, 1, 0, "2026-01-01T10:00:00Z")));
        theirs.next_id = 3;
        let merged = merge(&base, &mine, &theirs);
        assert_eq!(merged.plans.plans.len(), 1, "one plan per account");
        assert_eq!(merged.plans.plans[0].id, 5, "the one written last");

        // The account deleted there while its plan was written here comes back.
        let mut deleted = base.clone();
        Rc::make_mut(&mut deleted.portfolio.accounts).clear();
        let merged = merge(&base, &mine, &deleted);
        assert_eq!(names(&merged), [(1, "Acme")]);
        assert_eq!(merged.plans.plans.len(), 1);
    }

    #[test]
    fn accounts_added_on_both_sides_under_one_name_are_told_apart() {
        let base = with_accounts(vec![]);
        let mut mine = base.clone();
        Rc::make_mut(&mut mine.portfolio.accounts).push(account(1, "Acme"));
        mine.next_id = 2;
        let mut theirs = base.clone();
        Rc::make_mut(&mut theirs.portfolio.accounts).push(account(1, "acme "));
        theirs.next_id = 2;
        let merged = merge(&base, &mine, &theirs);
        assert_eq!(names(&merged), [(1, "acme "), (2, "Acme 2")]);
    }
}
