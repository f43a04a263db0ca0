//! Backing up all data to one JSON file and reading such a file back, merged into the data
//! already here or replacing it.

use std::rc::Rc;

use super::decimal::fixed;
use super::sorted_map::SortedMap;

use super::accounts::AccountId;
use super::json::{export_file, to_text, FromJson, Json, Reader};
use super::plan_export;
use super::plans::Plan;
use super::schema::{decode, encode, Document, LoadError, CURRENT_VERSION};

const APP: &str = "account-grader";
const KIND: &str = "backup";
/// Larger files are refused before parsing: a real backup of even thousands of accounts with
/// full plans is far smaller, and parsing a huge file would freeze the tab.
pub const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;

/// The whole document as a backup file.
pub fn export(doc: &Document, now: &str) -> String {
    export_file(&[
        ("app", &to_text(APP)),
        ("kind", &to_text(KIND)),
        ("version", &CURRENT_VERSION.to_string()),
        ("exported_at", &to_text(now)),
        ("data", &encode(doc)),
    ])
}

/// Days without a backup after which the app suggests one.
pub const REMIND_AFTER_DAYS: i64 = 30;

/// True when there is data worth keeping that has not been backed up for a month: never
/// exported while the oldest item is over a month old, or last exported over a month ago.
pub fn backup_due(doc: &Document, today: &str) -> bool {
    let older_than_limit =
        |t: &str| super::dates::days_between(t, today).is_some_and(|d| d > REMIND_AFTER_DAYS);
    match &doc.settings.last_backup_at {
        Some(last) => older_than_limit(last),
        None => doc
            .portfolio
            .accounts
            .iter()
            .map(|a| a.created_at.as_str())
            .chain(doc.grader.history.iter().map(|a| a.saved_at.as_str()))
            .any(older_than_limit),
    }
}

/// Why a file could not be imported. Nothing has changed when this is returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    TooLarge(usize),
    NotJson,
    NotABackup,
    /// One plan's "Export JSON" file, which holds no portfolio to import.
    SinglePlan,
    Unreadable(LoadError),
}

impl ImportError {
    pub fn explanation(&self) -> String {
        match self {
            ImportError::TooLarge(bytes) => format!(
                "This file is {} MB, far larger than any Account Grader backup (at most {} MB). \
                 Nothing was imported.",
                fixed(*bytes as f64 / 1_048_576.0, 1),
                MAX_IMPORT_BYTES / 1_048_576
            ),
            ImportError::NotJson => {
                "This file is not a JSON file, so it cannot be an Account Grader \
                                     backup. Nothing was imported."
                    .into()
            }
            ImportError::NotABackup => {
                "This JSON file was not exported by Account Grader's \"Export all \
                                        data\". Nothing was imported."
                    .into()
            }
            ImportError::SinglePlan => {
                "This file holds a single account plan, made by \"Export JSON\" on the plan's read \
                 view for reading in other tools. Only a file from \"Export all data\" can be imported \
                 here; to pass a plan to someone who uses Account Grader, share the account \
                 with its plan. Nothing was imported."
                    .into()
            }
            ImportError::Unreadable(LoadError::NewerVersion(v)) => format!(
                "This backup comes from a newer version of Account Grader (data version {v}; this \
                 version reads up to {CURRENT_VERSION}). Nothing was imported."
            ),
            ImportError::Unreadable(LoadError::WrongShape(detail)) => format!(
                "This backup's data is not in the shape Account Grader expects ({detail}); the \
                 file may have been edited or damaged. Nothing was imported."
            ),
            ImportError::Unreadable(LoadError::NotJson) => {
                "This backup's data is damaged and cannot be read. Nothing was imported.".into()
            }
        }
    }
}

/// Reads a backup file, migrating older versions.
pub fn parse(text: &str) -> Result<Document, ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge(text.len()));
    }
    let (mut app, mut kind, mut data) = (None, None, None);
    let mut reader = Reader::new(text);
    let envelope = reader
        .object(&mut |r, key| {
            match key {
                "app" => app = Some(Json::read(r)?),
                "kind" => kind = Some(Json::read(r)?),
                "data" => data = Some(r.raw()?),
                _ => r.skip()?,
            }
            Ok(())
        })
        .and_then(|()| reader.end());
    if envelope.is_err_and(|e| e.is_damage_in(text)) {
        return Err(ImportError::NotJson);
    }
    let is = |field: &Option<Json>, name: &str| matches!(field, Some(Json::String(s)) if s == name);
    match data {
        Some(data) if is(&app, APP) && is(&kind, KIND) => {
            decode(data).map_err(ImportError::Unreadable)
        }
        _ if is(&app, APP) && is(&kind, plan_export::KIND) => Err(ImportError::SinglePlan),
        _ => Err(ImportError::NotABackup),
    }
}

/// How to bring a backup in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Keep what is here; add what is new; where both have the same item, take the backup's.
    Merge,
    /// Throw away what is here and use the backup.
    Replace,
}

/// Counts of what an import would do, to show before it happens.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Preview {
    pub accounts_added: usize,
    pub accounts_replaced: usize,
    pub accounts_removed: usize,
    pub plans_added: usize,
    pub plans_replaced: usize,
    pub plans_removed: usize,
    pub assessments_added: usize,
    pub assessments_replaced: usize,
    pub assessments_removed: usize,
}

fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// Applies a backup to the current document. Items are matched by what the user sees, not by
/// id (two browsers hand out the same ids): accounts and templates by name, assessments by
/// the moment saved. Incoming items get fresh ids where they are new.
pub fn apply(current: &Document, incoming: &Document, mode: Mode) -> (Document, Preview) {
    let mut p = Preview::default();
    if mode == Mode::Replace {
        p.accounts_added = incoming.portfolio.accounts.len();
        p.accounts_removed = current.portfolio.accounts.len();
        p.plans_added = incoming.plans.plans.len();
        p.plans_removed = current.plans.plans.len();
        p.assessments_added = incoming.grader.history.len();
        p.assessments_removed = current.grader.history.len();
        return (incoming.clone(), p);
    }
    let mut doc = current.clone();
    let mut fresh = || {
        let id = doc.next_id;
        doc.next_id += 1;
        id
    };
    // Accounts, remembering where each incoming id went.
    let mut account_ids = Vec::new();
    for a in incoming.portfolio.accounts.iter() {
        match current
            .portfolio
            .accounts
            .iter()
            .find(|c| same_name(&c.name, &a.name))
        {
            Some(existing) => {
                account_ids.push((a.id, existing.id));
                p.accounts_replaced += 1;
            }
            None => {
                let id = fresh();
                account_ids.push((a.id, id));
                p.accounts_added += 1;
            }
        }
    }
    let account_ids: SortedMap<AccountId, AccountId> = account_ids.into_iter().collect();
    // Templates by name.
    let mut template_ids = Vec::new();
    for t in &incoming.plans.templates {
        let id = current
            .plans
            .templates
            .iter()
            .find(|c| same_name(&c.name, &t.name))
            .map_or_else(&mut fresh, |c| c.id);
        template_ids.push((t.id, id));
    }
    let template_ids: SortedMap<_, _> = template_ids.into_iter().collect();
    let mut assessment_ids = Vec::new();
    for a in &incoming.grader.history {
        match current
            .grader
            .history
            .iter()
            .find(|c| c.saved_at == a.saved_at)
        {
            Some(c) => {
                assessment_ids.push(c.id);
                p.assessments_replaced += 1;
            }
            None => {
                assessment_ids.push(fresh());
                p.assessments_added += 1;
            }
        }
    }
    let plan_ids: Vec<_> = incoming
        .plans
        .plans
        .iter()
        .map(|pl| {
            let account = account_ids.get(&pl.account).copied();
            match account.and_then(|a| current.plans.plan_for(a)) {
                Some(existing) => {
                    p.plans_replaced += 1;
                    existing.id
                }
                None => {
                    p.plans_added += 1;
                    fresh()
                }
            }
        })
        .collect();
    let snapshot_ids: Vec<_> = incoming
        .portfolio
        .snapshots
        .iter()
        .map(|_| fresh())
        .collect();

    let accounts = Rc::make_mut(&mut doc.portfolio.accounts);
    for a in incoming.portfolio.accounts.iter() {
        let mut a = a.clone();
        a.id = account_ids[&a.id];
        match accounts.iter_mut().find(|c| c.id == a.id) {
            Some(slot) => *slot = a,
            None => accounts.push(a),
        }
    }
    for t in &incoming.plans.templates {
        let mut t = t.clone();
        t.id = template_ids[&t.id];
        match doc.plans.templates.iter_mut().find(|c| c.id == t.id) {
            Some(slot) => *slot = t,
            None => doc.plans.templates.push(t),
        }
    }
    for (a, id) in incoming.grader.history.iter().zip(assessment_ids) {
        let mut a = a.clone();
        a.id = id;
        match doc.grader.history.iter_mut().find(|c| c.id == id) {
            Some(slot) => *slot = a,
            None => doc.grader.history.push(a),
        }
    }
    for (pl, id) in incoming.plans.plans.iter().zip(plan_ids) {
        let Some(&account) = account_ids.get(&pl.account) else {
            continue;
        };
        let mut pl = Plan::clone(pl);
        pl.id = id;
        pl.account = account;
        // The built-in template (0) keeps its id; others follow their template.
        pl.template = template_ids
            .get(&pl.template)
            .copied()
            .unwrap_or(pl.template);
        match doc.plans.plans.iter_mut().find(|c| c.id == id) {
            Some(slot) => *slot = Rc::new(pl),
            None => doc.plans.plans.push(Rc::new(pl)),
        }
    }
    for (s, id) in incoming.portfolio.snapshots.iter().zip(snapshot_ids) {
        let mut s = s.clone();
        s.id = id;
        s.positions = s
            .positions
            .iter()
            .filter_map(|(a, pos)| Some((*account_ids.get(a)?, *pos)))
            .collect();
        Rc::make_mut(&mut doc.portfolio.snapshots).push(s);
    }
    (doc, p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_accounts;
    use crate::domain::plans::{Content, Plan};

    #[test]
    fn import_errors_speak_of_the_file_not_of_this_browser() {
        let errors = [
            ImportError::TooLarge(30 << 20),
            ImportError::NotJson,
            ImportError::NotABackup,
            ImportError::Unreadable(LoadError::NotJson),
            ImportError::Unreadable(LoadError::WrongShape("grader: expected an object".into())),
            ImportError::Unreadable(LoadError::NewerVersion(9)),
        ];
        for e in errors {
            let text = e.explanation();
            assert!(!text.contains("browser"), "{text}");
            assert!(text.ends_with("Nothing was imported."), "{text}");
        }
        let shape = ImportError::Unreadable(LoadError::WrongShape("grader: x".into()));
        assert!(shape.explanation().contains("(grader: x)"));
    }

    const AT: &str = "2026-11-01T09:00:00Z";

    fn doc_with(names: &[&str], first_id: u64) -> Document {
        let mut doc = Document::default();
        let mut accounts = demo_accounts(first_id, AT);
        accounts.truncate(names.len());
        for (a, n) in accounts.iter_mut().zip(names) {
            a.name = n.to_string();
        }
        doc.next_id = first_id + names.len() as u64;
        doc.portfolio.accounts = Rc::new(accounts);
        doc
    }

    #[test]
    fn a_backup_round_trips() {
        let doc = doc_with(&["Acme", "Birch"], 1);
        assert_eq!(parse(&export(&doc, AT)), Ok(doc));
    }

    #[test]
    fn wrong_files_are_refused_with_a_reason() {
        assert_eq!(parse("not json"), Err(ImportError::NotJson));
        assert_eq!(
            parse(r#"{"name":"other app"}"#),
            Err(ImportError::NotABackup)
        );
        // A plan's own JSON file is named for what it is.
        assert_eq!(
            parse(r#"{"app":"account-grader","kind":"account-plan"}"#),
            Err(ImportError::SinglePlan)
        );
        let newer =
            r#"{"app":"account-grader","kind":"backup","version":99,"data":{"version":99}}"#;
        assert_eq!(
            parse(newer),
            Err(ImportError::Unreadable(LoadError::NewerVersion(99)))
        );
        let huge = " ".repeat(MAX_IMPORT_BYTES + 1);
        assert!(matches!(parse(&huge), Err(ImportError::TooLarge(_))));
        for e in [
            ImportError::NotJson,
            ImportError::NotABackup,
            ImportError::SinglePlan,
            ImportError::TooLarge(1 << 30),
        ] {
            assert!(e.explanation().contains("Nothing was imported"));
        }
    }

    #[test]
    fn older_backups_are_migrated() {
        let v1 = include_str!("../../tests/fixtures/v1.json");
        let file = format!(r#"{{"app":"account-grader","kind":"backup","version":1,"data":{v1}}}"#);
        assert_eq!(parse(&file).unwrap().grader.history.len(), 2);
    }

    #[test]
    fn merging_matches_accounts_by_name_and_gives_new_ones_fresh_ids() {
        let here = doc_with(&["Acme", "Birch"], 1);
        // The other browser used the same ids for different accounts.
        let mut there = doc_with(&["acme ", "Cedar"], 1);
        Rc::make_mut(&mut there.portfolio.accounts)[0].notes = "from the backup".into();
        let mut plan = Plan::new(50, 2, 0, AT);
        plan.write("vision", "Vision", Content::Text("Grow".into()), AT);
        there.plans.plans.push(Rc::new(plan));

        let (merged, p) = apply(&here, &there, Mode::Merge);
        assert_eq!(
            (p.accounts_added, p.accounts_replaced, p.plans_added),
            (1, 1, 1)
        );
        let names: Vec<_> = merged
            .portfolio
            .accounts
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(names, vec!["acme ", "Birch", "Cedar"]);
        assert_eq!(merged.portfolio.accounts[0].notes, "from the backup");
        let cedar = merged
            .portfolio
            .accounts
            .iter()
            .find(|a| a.name == "Cedar")
            .unwrap();
        assert!(
            cedar.id >= 3,
            "a fresh id, not the backup's 2 which is Birch here"
        );
        assert_eq!(
            merged.plans.plans[0].account, cedar.id,
            "the plan follows its account"
        );
        let mut ids: Vec<_> = merged.portfolio.accounts.iter().map(|a| a.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 3);
        assert!(merged.next_id > *ids.last().unwrap());
    }

    #[test]
    fn a_backup_is_due_a_month_after_the_last_or_after_a_month_of_data() {
        let mut doc = doc_with(&["Acme"], 1);
        assert!(!backup_due(&doc, "2026-11-20T09:00:00Z"));
        assert!(backup_due(&doc, "2026-12-15T09:00:00Z"));
        doc.settings.last_backup_at = Some("2026-12-10T09:00:00Z".into());
        assert!(!backup_due(&doc, "2026-12-15T09:00:00Z"));
        assert!(backup_due(&doc, "2027-01-20T09:00:00Z"));
        assert!(!backup_due(&Document::default(), "2030-01-01T00:00:00Z"));
    }

    #[test]
    fn replacing_reports_what_goes_and_what_comes() {
        let here = doc_with(&["Acme", "Birch"], 1);
        let there = doc_with(&["Cedar"], 1);
        let (doc, p) = apply(&here, &there, Mode::Replace);
        assert_eq!(doc, there);
        assert_eq!((p.accounts_added, p.accounts_removed), (1, 2));
    }
}
