//! Reading as much as can be read of a stored document that does not read as a whole: a
//! backup file, or the text the storage banner downloads when the data in this browser could
//! not be read at start-up.
//!
//! Each record (account, plan, template, saved assessment, prospect, snapshot) is read on its own. A
//! part that stops a record from reading (one field, one rating, one plan section) is left
//! out and the record read again; a record that cannot be read even so is left out whole.
//! Everything left out is listed, for the user to see before accepting.
//!
//! This works on the JSON tree and on where the readers' errors say the problem is
//! (`revenue: expected a number, found text`), never inside the readers: they can change, or
//! be replaced, as long as their errors keep naming the path.

use std::collections::HashSet;

use crate::domain::accounts::{Account, AccountId};
use crate::domain::history::SavedAssessment;
use serde::de::DeserializeOwned;

use super::schema::{decode, finish, migrate, stored_version, Document, LoadError};
use crate::domain::plans::{Plan, Template};
use crate::domain::snapshots::Snapshot;
use crate::support::json::{self, Json};

/// A part of the document that could not be read and was left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dropped {
    /// The record, as the user knows it: `Account "Acme"`.
    pub record: String,
    /// Where in the record, such as `revenue` or `sections → item 2`; `None` when the
    /// whole record was left out.
    pub field: Option<String>,
    /// What was wrong, as the reader put it.
    pub why: String,
}

impl Dropped {
    /// One line for the list shown before importing.
    pub fn sentence(&self) -> String {
        match &self.field {
            Some(field) => format!(
                "{}: \"{field}\" left out ({}); the rest of it is kept.",
                self.record, self.why
            ),
            None => format!("{} left out ({}).", self.record, self.why),
        }
    }
}

/// A document read as far as it could be, and what was left out of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Salvaged {
    pub doc: Document,
    pub dropped: Vec<Dropped>,
}

/// Reads a stored document of this or an older version, leaving out what cannot be read.
///
/// `Err` only when nothing can be read: damaged text (`NotJson`), text that is not a stored
/// document at all (`WrongShape`), or a document from a newer version, whose meaning this
/// version cannot know (`NewerVersion`).
pub fn decode_lenient(text: &str) -> Result<Salvaged, LoadError> {
    // A good document, by far the common case, is read at full speed and in one pass.
    match decode(text) {
        Ok(doc) => {
            return Ok(Salvaged {
                doc,
                dropped: Vec::new(),
            })
        }
        Err(LoadError::WrongShape(_)) => {}
        Err(other) => return Err(other),
    }
    let version = stored_version(text)?;
    let mut tree = Json::parse(text).map_err(|_| LoadError::NotJson)?;
    migrate(&mut tree, version)?;

    let lists = LISTS.map(|list| {
        let (section, key) = list.place();
        (list, take_list(&mut tree, section, key))
    });
    let prospects = match tree.field_mut("prospects") {
        Some(Json::Array(items)) => std::mem::take(items),
        _ => Vec::new(),
    };

    let mut dropped = Vec::new();
    // What is left is small: the draft, the settings and the id counter.
    let mut doc: Document = match mend(tree) {
        Ok((doc, left_out)) => {
            for (path, why) in left_out {
                let (record, field) = describe_rest(&path);
                dropped.push(Dropped { record, field, why });
            }
            doc
        }
        Err(why) => return Err(LoadError::WrongShape(why)),
    };
    // Prospects sit at the top of the document, outside the sections the lists are in.
    for (n, item) in prospects.into_iter().enumerate() {
        let who = [text_of(&item, "name"), text_of(&item, "company")]
            .into_iter()
            .flatten()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        let record = if who.is_empty() {
            format!("Prospect {} in the file", n + 1)
        } else {
            format!("Prospect \"{who}\"")
        };
        read_one(item, record, &mut doc.prospects, &mut dropped);
    }
    let mut mended = Mended::new(dropped);
    for (list, items) in lists {
        for item in items {
            mended.add(list, item);
        }
        mended.list_done(list);
    }
    Ok(mended.finish(doc))
}

/// The lists of records in a stored document, in the order they are read and their problems
/// listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    Accounts,
    Plans,
    Templates,
    History,
    Snapshots,
}

pub const LISTS: [List; 5] = [
    List::Accounts,
    List::Plans,
    List::Templates,
    List::History,
    List::Snapshots,
];

impl List {
    /// Where the list is: its section of the document and its key there.
    pub fn place(self) -> (&'static str, &'static str) {
        match self {
            List::Accounts => ("portfolio", "accounts"),
            List::Snapshots => ("portfolio", "snapshots"),
            List::Templates => ("plans", "templates"),
            List::Plans => ("plans", "plans"),
            List::History => ("grader", "history"),
        }
    }

    /// The list at `key` of `section`, if there is one.
    pub fn at(section: &str, key: &str) -> Option<List> {
        LISTS.into_iter().find(|l| l.place() == (section, key))
    }

    /// Its records, in the plural, for progress lines.
    pub fn noun(self) -> &'static str {
        match self {
            List::Accounts => "accounts",
            List::Plans => "account plans",
            List::Templates => "templates",
            List::History => "saved assessments",
            List::Snapshots => "snapshots",
        }
    }
}

/// Records read one at a time, mending what can be mended, list by list in the order of
/// [`LISTS`]; with everything left out, in that order.
pub struct Mended {
    dropped: Vec<Dropped>,
    /// Each account's id and name as the file has them, to name its plan if that is left out.
    account_names: Vec<(Option<u64>, String)>,
    accounts: Vec<Account>,
    plans: Vec<Plan>,
    templates: Vec<Template>,
    history: Vec<SavedAssessment>,
    snapshots: Vec<Snapshot>,
    /// Position of the next record in its list, from 1.
    next: usize,
}

impl Mended {
    /// Starts after what was left out of the rest of the document.
    pub fn new(dropped: Vec<Dropped>) -> Self {
        Mended {
            dropped,
            account_names: Vec::new(),
            accounts: Vec::new(),
            plans: Vec::new(),
            templates: Vec::new(),
            history: Vec::new(),
            snapshots: Vec::new(),
            next: 1,
        }
    }

    /// Reads the next record of `list`.
    pub fn add(&mut self, list: List, item: Json) {
        let n = self.next;
        self.next += 1;
        let dropped = &mut self.dropped;
        match list {
            List::Accounts => {
                self.account_names.push((
                    number_of(&item, "id"),
                    text_of(&item, "name").unwrap_or("").to_string(),
                ));
                let record = match text_of(&item, "name").filter(|s| !s.trim().is_empty()) {
                    Some(name) => format!("Account \"{}\"", name.trim()),
                    None => format!("Account {n} in the file"),
                };
                read_one(item, record, &mut self.accounts, dropped);
            }
            List::Plans => {
                let account = number_of(&item, "account");
                let record = match self
                    .account_names
                    .iter()
                    .find(|(id, _)| account.is_some() && *id == account)
                {
                    Some((_, name)) if !name.trim().is_empty() => {
                        format!("The plan for \"{}\"", name.trim())
                    }
                    _ => format!("Plan {n} in the file"),
                };
                read_one(item, record, &mut self.plans, dropped);
            }
            List::Templates => {
                let record = match text_of(&item, "name").filter(|s| !s.trim().is_empty()) {
                    Some(name) => format!("Template \"{}\"", name.trim()),
                    None => format!("Template {n} in the file"),
                };
                read_one(item, record, &mut self.templates, dropped);
            }
            List::History => {
                let record = match (
                    text_of(&item, "label").filter(|s| !s.trim().is_empty()),
                    text_of(&item, "saved_at"),
                ) {
                    (Some(label), _) => format!("Saved assessment \"{}\"", label.trim()),
                    (None, Some(at)) => format!("Saved assessment of {at}"),
                    (None, None) => format!("Saved assessment {n} in the file"),
                };
                read_one(item, record, &mut self.history, dropped);
            }
            List::Snapshots => {
                let record = match text_of(&item, "taken_at") {
                    Some(at) => format!("Snapshot of {at}"),
                    None => format!("Snapshot {n} in the file"),
                };
                read_one(item, record, &mut self.snapshots, dropped);
            }
        }
    }

    /// Closes a list once all its records are added, whether it has any or not.
    pub fn list_done(&mut self, list: List) {
        self.next = 1;
        if list != List::Plans {
            return;
        }
        // A plan is shown only with its account: without it, it would be kept but never seen.
        let kept: HashSet<AccountId> = self.accounts.iter().map(|a| a.id).collect();
        let (plans, orphans): (Vec<Plan>, Vec<Plan>) = std::mem::take(&mut self.plans)
            .into_iter()
            .partition(|p| kept.contains(&p.account));
        self.plans = plans;
        for plan in orphans {
            let record = match self
                .account_names
                .iter()
                .find(|(id, name)| *id == Some(plan.account) && !name.trim().is_empty())
            {
                Some((_, name)) => format!("The plan for \"{}\"", name.trim()),
                None => format!("The plan for account id {}", plan.account),
            };
            self.dropped.push(Dropped {
                record,
                field: None,
                why: "its account is not in the file or was left out".into(),
            });
        }
    }

    /// The document with the records read into `rest`, the document without them.
    pub fn finish(self, mut rest: Document) -> Salvaged {
        rest.portfolio.accounts = self.accounts.into();
        rest.portfolio.snapshots = self.snapshots.into();
        rest.plans.templates = self.templates;
        rest.plans.plans = self.plans.into_iter().map(Into::into).collect();
        rest.grader.history = self.history;
        finish(&mut rest);
        Salvaged {
            doc: rest,
            dropped: self.dropped,
        }
    }
}

/// Takes the items of `tree[section][list]` out of the tree, leaving an empty list. When
/// there is no such list, nothing is taken, and reading the rest reports what is there.
fn take_list(tree: &mut Json, section: &str, list: &str) -> Vec<Json> {
    match tree.field_mut(section).and_then(|s| s.field_mut(list)) {
        Some(Json::Array(items)) => std::mem::take(items),
        _ => Vec::new(),
    }
}

fn text_of<'a>(value: &'a Json, key: &str) -> Option<&'a str> {
    match value.field(key) {
        Some(Json::String(s)) => Some(s),
        _ => None,
    }
}

fn number_of(value: &Json, key: &str) -> Option<u64> {
    value.field(key)?.number()
}

/// Reads `item` as a `T` into `read`, mending what it can; lists what was left out under the
/// name `record`.
fn read_one<T: DeserializeOwned>(
    item: Json,
    record: String,
    read: &mut Vec<T>,
    dropped: &mut Vec<Dropped>,
) {
    match mend(item) {
        Ok((value, left_out)) => {
            read.push(value);
            dropped.extend(left_out.into_iter().map(|(path, why)| Dropped {
                record: record.clone(),
                field: Some(path.join(" → ")),
                why,
            }));
        }
        Err(why) => dropped.push(Dropped {
            record,
            field: None,
            why,
        }),
    }
}

/// A path into a value: object keys, and `item N` (from 1) for list items, as the readers'
/// errors name them.
type Path = Vec<String>;

/// Reads `value` as a `T`. While it does not read, the part its error names is taken out and
/// it is read again; each round takes something out, so this ends. Returns the value and the
/// parts taken out with why, or the first error when the value cannot be read even without
/// them (a required field was the problem, or the error names no part).
fn mend<T: DeserializeOwned>(mut value: Json) -> Result<(T, Vec<(Path, String)>), String> {
    let mut left_out: Vec<(Path, String)> = Vec::new();
    let mut first_error = None;
    loop {
        let error = match json::read::<T>(&value.to_text()) {
            Ok(read) => return Ok((read, left_out)),
            Err(e) => e.to_string(),
        };
        let first_error = first_error.get_or_insert_with(|| error.clone());
        let Some((path, why)) = take_named_part(&mut value, &error) else {
            return Err(first_error.clone());
        };
        // Taking out a part inside this one may have left this one incomplete (a content
        // without its value); the inner reason says more than "missing field".
        let inner = left_out.iter().position(|(p, _)| p.starts_with(&path));
        let why = match inner {
            Some(i) => {
                let (p, inner_why) = left_out.remove(i);
                let mut words = p[path.len()..].to_vec();
                words.push(inner_why);
                words.join(": ")
            }
            None => why,
        };
        left_out.retain(|(p, _)| !p.starts_with(&path));
        left_out.push((path, why));
    }
}

/// Follows the path at the start of `error` down `value` as far as it goes, and takes out the
/// part found there. `None` when the error names no part of the value (the value itself is
/// wrong, or a required field is missing).
fn take_named_part(value: &mut Json, error: &str) -> Option<(Path, String)> {
    // First the way down, as positions, without changing anything.
    let mut steps = Vec::new();
    let mut path = Vec::new();
    let mut node = &*value;
    let mut rest = error;
    loop {
        let next = match node {
            Json::Object(fields) => fields
                .iter()
                .enumerate()
                .filter(|(_, (k, _))| {
                    rest.strip_prefix(k.as_str())
                        .is_some_and(|r| r.starts_with(": "))
                })
                // With keys `a` and `a: b`, the error `a: b: …` is about the longer.
                .max_by_key(|(_, (k, _))| k.len())
                .map(|(i, (k, v))| (i, k.clone(), v)),
            Json::Array(items) => rest
                .strip_prefix("item ")
                .and_then(|r| r.split_once(": "))
                .and_then(|(n, _)| n.parse::<usize>().ok())
                .filter(|&n| (1..=items.len()).contains(&n))
                .map(|n| (n - 1, format!("item {n}"), &items[n - 1])),
            _ => None,
        };
        let Some((index, name, child)) = next else {
            break;
        };
        rest = &rest[name.len() + 2..];
        steps.push(index);
        path.push(name);
        node = child;
    }
    let (&last, above) = steps.split_last()?;
    let mut parent = value;
    for &i in above {
        parent = match parent {
            Json::Object(fields) => &mut fields[i].1,
            Json::Array(items) => &mut items[i],
            _ => unreachable!("the way down went through objects and lists only"),
        };
    }
    match parent {
        Json::Object(fields) => drop(fields.remove(last)),
        Json::Array(items) => drop(items.remove(last)),
        _ => unreachable!("the way down went through objects and lists only"),
    }
    Some((path, rest.to_string()))
}

/// Names a part of the document outside its lists of records.
fn describe_rest(path: &[String]) -> (String, Option<String>) {
    let record = match path[0].as_str() {
        "grader" => "The grader's answers in progress",
        "settings" => "Settings",
        "next_id" => "The counter for new ids",
        _ => "The document",
    };
    let field = (path.len() > 1).then(|| path[1..].join(" → "));
    let field = match path[0].as_str() {
        "grader" | "settings" | "next_id" => field,
        // Such as `portfolio` being text instead of an object.
        _ => Some(path.join(" → ")),
    };
    (record.to_string(), field)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::schema::{encode, CURRENT_VERSION};
    use std::rc::Rc;

    const AT: &str = "2026-11-01T09:00:00Z";

    fn portfolio(n: u64) -> Document {
        let mut doc = Document::default();
        doc.portfolio.accounts = Rc::new(crate::domain::demo::demo_accounts(1, AT));
        Rc::make_mut(&mut doc.portfolio.accounts).truncate(n as usize);
        doc.next_id = n + 1;
        doc
    }

    #[test]
    fn a_good_document_reads_as_decode_reads_it() {
        let doc = portfolio(3);
        assert_eq!(
            decode_lenient(&encode(&doc)),
            Ok(Salvaged {
                doc,
                dropped: vec![]
            })
        );
    }

    #[test]
    fn one_bad_revenue_leaves_out_that_figure_only() {
        let doc = portfolio(5);
        let name = doc.portfolio.accounts[2].name.clone();
        let text = encode(&doc).replacen(
            &format!("\"name\":\"{name}\","),
            &format!("\"name\":\"{name}\",\"revenue\":\"lots\","),
            1,
        );
        assert!(decode(&text).is_err(), "the strict reader refuses it");
        let read = decode_lenient(&text).unwrap();
        assert_eq!(read.doc.portfolio.accounts.len(), 5);
        assert_eq!(read.doc.portfolio.accounts[2].revenue, None);
        assert_eq!(
            read.doc.portfolio.accounts[2].notes,
            doc.portfolio.accounts[2].notes
        );
        assert_eq!(
            read.dropped,
            vec![Dropped {
                record: format!("Account \"{name}\""),
                field: Some("revenue".into()),
                why: "expected a number, found text".into(),
            }]
        );
        assert!(read.dropped[0].sentence().contains("\"revenue\" left out"));
    }

    #[test]
    fn an_account_that_cannot_be_read_is_left_out_with_its_plan_and_listed() {
        let text = r#"{"version":3,"next_id":5,
            "portfolio":{"accounts":[
                {"id":1,"name":"Acme","created_at":"x","updated_at":"x","tier":"Z"},
                {"id":2,"name":7,"created_at":"x","updated_at":"x"},
                {"id":3,"name":"Birch","created_at":"x","updated_at":"x",
                 "ratings":{"needs-fit":4,"no-such-criterion":2}}]},
            "plans":{"plans":[{"id":4,"account":2,"template":0,"created_at":"x","updated_at":"x"}]}}"#;
        let read = decode_lenient(text).unwrap();
        let names: Vec<_> = read
            .doc
            .portfolio
            .accounts
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(names, ["Acme", "Birch"]);
        assert_eq!(
            read.doc.portfolio.accounts[1]
                .ratings
                .get(crate::domain::rating::CriterionId::NeedsFit),
            Some(4)
        );
        assert!(read.doc.plans.plans.is_empty());
        let lines: Vec<_> = read.dropped.iter().map(Dropped::sentence).collect();
        assert_eq!(lines.len(), 4, "{lines:#?}");
        assert!(lines[0].starts_with("Account \"Acme\": \"tier\" left out (unknown value \"Z\")"));
        assert!(lines[1].starts_with("Account 2 in the file left out (name: expected text"));
        assert!(lines[2].starts_with("Account \"Birch\": \"ratings → no-such-criterion\" left out"));
        assert!(lines[3].starts_with("The plan for account id 2 left out (its account"));
    }

    #[test]
    fn a_bad_plan_section_leaves_out_that_section_only() {
        let text = r#"{"version":3,"next_id":9,
            "portfolio":{"accounts":[{"id":1,"name":"Acme","created_at":"x","updated_at":"x"}]},
            "plans":{"plans":[{"id":4,"account":1,"template":0,"created_at":"x","updated_at":"x",
              "sections":[
                {"key":"vision","title":"Vision","content":{"type":"text","value":"Grow"}},
                {"key":"top-issues","title":"Top issues","content":{"type":"list","value":"oops"}}]}]}}"#;
        let read = decode_lenient(text).unwrap();
        assert_eq!(read.doc.plans.plans.len(), 1);
        assert_eq!(read.doc.plans.plans[0].sections.len(), 1);
        assert_eq!(read.dropped.len(), 1, "{:#?}", read.dropped);
        assert_eq!(read.dropped[0].record, "The plan for \"Acme\"");
        assert_eq!(read.dropped[0].field.as_deref(), Some("sections → item 2"));
        assert!(
            read.dropped[0].why.contains("value"),
            "{}",
            read.dropped[0].why
        );
    }

    #[test]
    fn settings_and_draft_keep_what_reads() {
        let text = r#"{"version":3,"next_id":"x",
            "grader":{"draft":{"assigned-manager":"yes","growth-goals":"maybe"},"draft_label":"Q4"},
            "settings":{"currency":"CHF","plan_stale_days":"soon"}}"#;
        let read = decode_lenient(text).unwrap();
        assert_eq!(read.doc.settings.currency, "CHF");
        assert_eq!(read.doc.grader.draft_label, "Q4");
        use crate::domain::practices::PracticeId;
        assert!(read
            .doc
            .grader
            .draft
            .get(PracticeId::AssignedManager)
            .is_some());
        assert!(read.doc.grader.draft.get(PracticeId::GrowthGoals).is_none());
        assert_eq!(read.doc.next_id, 1);
        let records: Vec<_> = read
            .dropped
            .iter()
            .map(|d| (d.record.as_str(), d.field.as_deref()))
            .collect();
        assert_eq!(records.len(), 3, "{records:?}");
        assert!(records.contains(&("The counter for new ids", None)));
        assert!(records.contains(&("Settings", Some("plan_stale_days"))));
        assert!(records.contains(&(
            "The grader's answers in progress",
            Some("draft → growth-goals")
        )));
    }

    #[test]
    fn an_older_version_is_migrated_and_mended() {
        let v1 = include_str!("../../tests/fixtures/v1.json");
        let read = decode_lenient(v1).unwrap();
        assert_eq!(read.doc.grader.history.len(), 2);
        assert!(read.dropped.is_empty());
        // The same with one damaged assessment: the other is kept.
        let mut tree = Json::parse(v1).unwrap();
        let Some(Json::Array(history)) = tree
            .field_mut("grader")
            .and_then(|g| g.field_mut("history"))
        else {
            panic!("the fixture has a history");
        };
        history[0] = Json::String("damaged".into());
        let read = decode_lenient(&tree.to_text()).unwrap();
        assert_eq!(read.doc.grader.history.len(), 1);
        assert_eq!(read.dropped.len(), 1);
        assert!(
            read.dropped[0].why.contains("expected an object"),
            "{:?}",
            read.dropped
        );
    }

    #[test]
    fn what_cannot_be_read_at_all_is_refused_with_the_reason() {
        let text = encode(&portfolio(3));
        let truncated = &text[..text.len() / 2];
        assert_eq!(decode_lenient(truncated), Err(LoadError::NotJson));
        assert_eq!(
            decode_lenient("{\"version\":1,\"grader\": this is not json"),
            Err(LoadError::NotJson)
        );
        assert_eq!(
            decode_lenient("{\"version\":99,\"portfolio\":{}}"),
            Err(LoadError::NewerVersion(99))
        );
        let newer = format!("{{\"version\":{},\"portfolio\":5}}", CURRENT_VERSION + 1);
        assert!(matches!(
            decode_lenient(&newer),
            Err(LoadError::NewerVersion(_))
        ));
        assert!(matches!(
            decode_lenient("[1,2]"),
            Err(LoadError::WrongShape(_))
        ));
        assert!(matches!(
            decode_lenient("{\"portfolio\":{}}"),
            Err(LoadError::WrongShape(_))
        ));
    }

    #[test]
    fn ids_stay_unique_after_mending() {
        let text = r#"{"version":3,"next_id":1,
            "portfolio":{"accounts":[{"id":8,"name":"Acme","created_at":"x","updated_at":"x","tier":5}]}}"#;
        assert_eq!(decode_lenient(text).unwrap().doc.next_id, 9);
    }
}
