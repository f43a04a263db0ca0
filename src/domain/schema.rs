//! The stored document: its schema version, how it is decoded and encoded, and the migrations
//! that bring older versions up to date. Pure functions; `storage` does the I/O.

use std::rc::Rc;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::accounts::Account;
use super::grader::Answers;
use super::history::{AssessmentId, SavedAssessment};
use super::plans::{Plan, Template};
use super::settings::Settings;
use super::snapshots::Snapshot;

/// The schema version this build writes.
pub const CURRENT_VERSION: u64 = 3;

/// Everything the app keeps about the user.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    #[serde(default)]
    pub grader: GraderData,
    #[serde(default)]
    pub portfolio: Portfolio,
    #[serde(default)]
    pub settings: Settings,
    #[serde(default)]
    pub plans: PlanData,
    /// The next id to hand out; ids are never reused, so links to deleted items stay dead.
    #[serde(default = "first_id")]
    pub next_id: AssessmentId,
}

fn first_id() -> AssessmentId {
    1
}

/// The grader's answers in progress and its saved assessments.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GraderData {
    /// Answers of the assessment being filled in, kept so nothing is lost on reload.
    #[serde(default)]
    pub draft: Answers,
    /// The label typed for the assessment being filled in.
    #[serde(default)]
    pub draft_label: String,
    #[serde(default)]
    pub history: Vec<SavedAssessment>,
}

/// The user's client accounts and the snapshots of their positions.
///
/// The large collections of the document sit behind `Rc`: every change to the app state starts
/// from a copy of the document, and with thousands of accounts and plans a deep copy took
/// longer than the change itself. A change copies only the collection it touches
/// (`Rc::make_mut`): the account list, the snapshots, or one plan.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Portfolio {
    #[serde(default)]
    pub accounts: Rc<Vec<Account>>,
    #[serde(default)]
    pub snapshots: Rc<Vec<Snapshot>>,
}

/// The user's plan templates (the built-in one is not stored) and account plans.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlanData {
    #[serde(default)]
    pub templates: Vec<Template>,
    /// Each plan behind its own `Rc` as well: typing in one plan copies that plan only.
    #[serde(default)]
    pub plans: Vec<Rc<Plan>>,
}

impl PlanData {
    /// A template by id; id 0 is the built-in one.
    pub fn template(&self, id: super::plans::TemplateId) -> Option<Template> {
        if id == super::plans::BUILT_IN_TEMPLATE {
            return Some(super::plans::built_in_template());
        }
        self.templates.iter().find(|t| t.id == id).cloned()
    }

    /// Every template, the built-in one first.
    pub fn all_templates(&self) -> Vec<Template> {
        std::iter::once(super::plans::built_in_template())
            .chain(self.templates.iter().cloned())
            .collect()
    }

    pub fn plan_for(&self, account: super::accounts::AccountId) -> Option<&Plan> {
        self.plans
            .iter()
            .find(|p| p.account == account)
            .map(Rc::as_ref)
    }
}

impl Default for Document {
    fn default() -> Self {
        Self {
            grader: GraderData::default(),
            portfolio: Portfolio::default(),
            settings: Settings::default(),
            plans: PlanData::default(),
            next_id: first_id(),
        }
    }
}

/// Why a stored value could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    NotJson,
    WrongShape(String),
    NewerVersion(u64),
}

impl LoadError {
    /// A sentence for the user saying what was found.
    pub fn explanation(&self) -> String {
        match self {
            LoadError::NotJson => "The saved data in this browser is not readable text of the \
                                   kind Account Grader writes; it may have been damaged."
                .to_string(),
            LoadError::WrongShape(detail) => format!(
                "The saved data in this browser is not in the shape Account Grader expects \
                 ({detail})."
            ),
            LoadError::NewerVersion(v) => format!(
                "The saved data was written by a newer version of Account Grader (data version \
                 {v}; this version reads up to {CURRENT_VERSION})."
            ),
        }
    }
}

/// One migration step: turns a document of version `n` into version `n + 1`, in place.
type Migration = fn(&mut Value) -> Result<(), String>;

/// `MIGRATIONS[i]` upgrades version `i + 1` to `i + 2`. Each schema version adds its step here
/// and a fixture under `tests/fixtures/`.
const MIGRATIONS: [Migration; (CURRENT_VERSION - 1) as usize] = [v1_to_v2, v2_to_v3];

/// Version 2 added the portfolio and its settings. Writing them out explicitly (rather than
/// leaning on serde defaults) keeps each version's shape visible in the stored document; the
/// version bump itself stops an older build from loading, and then overwriting, accounts it
/// does not know about.
fn v1_to_v2(doc: &mut Value) -> Result<(), String> {
    let object = doc.as_object_mut().ok_or("not an object")?;
    object
        .entry("portfolio")
        .or_insert_with(|| serde_json::json!({ "accounts": [], "snapshots": [] }));
    if !object.contains_key("settings") {
        let settings = as_value(&Settings::default());
        object.insert("settings".into(), settings);
    }
    Ok(())
}

/// Version 3 added account plans and templates. As with version 2, the bump keeps older
/// builds from overwriting plans they cannot see.
fn v2_to_v3(doc: &mut Value) -> Result<(), String> {
    let object = doc.as_object_mut().ok_or("not an object")?;
    object
        .entry("plans")
        .or_insert_with(|| serde_json::json!({ "templates": [], "plans": [] }));
    Ok(())
}

/// Reads a stored document, migrating older versions.
///
/// A document of the current version is read straight into its types; only an older one goes
/// through a `Value` for its migrations, and is then read from text the same way. Reading
/// through one path only keeps the typed decoding code in the wasm binary once, and skips the
/// tree of a `Value` for the common case, which is what makes start-up with a large portfolio
/// fast.
pub fn decode(text: &str) -> Result<Document, LoadError> {
    // What `encode` writes starts with the version: the common case needs no separate pass
    // to find it, which would read every byte of a large document twice.
    let version = if text.starts_with(&format!("{{\"version\":{CURRENT_VERSION},")) {
        CURRENT_VERSION
    } else {
        stored_version(text)?
    };
    let migrated;
    let current_text = if version == CURRENT_VERSION {
        text
    } else {
        let mut value: Value = serde_json::from_str(text).map_err(|_| LoadError::NotJson)?;
        for step in &MIGRATIONS[(version - 1) as usize..] {
            step(&mut value).map_err(LoadError::WrongShape)?;
        }
        migrated = value.to_string();
        &migrated
    };
    let mut doc: Document = serde_json::from_str(current_text)
        .map_err(|e| unreadable(current_text, || e.to_string()))?;
    for account in Rc::make_mut(&mut doc.portfolio.accounts) {
        account.ratings = std::mem::take(&mut account.ratings).sanitized();
    }
    // A hand-edited or damaged counter must never hand out an id that is already in use.
    let highest = doc
        .grader
        .history
        .iter()
        .map(|a| a.id)
        .chain(doc.portfolio.accounts.iter().map(|a| a.id))
        .chain(doc.portfolio.snapshots.iter().map(|s| s.id))
        .chain(doc.plans.templates.iter().map(|t| t.id))
        .chain(doc.plans.plans.iter().map(|p| p.id))
        .max()
        .unwrap_or(0);
    doc.next_id = doc.next_id.max(highest + 1);
    Ok(doc)
}

/// A value as a JSON tree, made by way of its text: serde_json's own `to_value` would add a
/// second serializer for every stored type to the wasm binary.
pub fn as_value<T: Serialize>(value: &T) -> Value {
    let text = serde_json::to_string(value).expect("stored types always serialize");
    serde_json::from_str(&text).expect("serde_json reads what it writes")
}

/// Why `text` could not be read: damaged text, or valid JSON of another shape (described by
/// `shape`). A typed decoder stops at the first problem of either kind, so only a second look
/// at the syntax alone tells which.
fn unreadable(text: &str, shape: impl FnOnce() -> String) -> LoadError {
    match serde_json::from_str::<serde::de::IgnoredAny>(text) {
        Ok(_) => LoadError::WrongShape(shape()),
        Err(_) => LoadError::NotJson,
    }
}

/// The version number of a stored document, read without decoding the rest.
fn stored_version(text: &str) -> Result<u64, LoadError> {
    // A JSON array would pass the probe below (serde reads structs from sequences too).
    if !text.trim_start().starts_with('{') {
        return Err(unreadable(text, || "not an object".into()));
    }
    #[derive(Deserialize)]
    struct VersionProbe {
        version: Option<Value>,
    }
    let probe: VersionProbe =
        serde_json::from_str(text).map_err(|e| unreadable(text, || e.to_string()))?;
    let version = match probe.version {
        Some(v) => v
            .as_u64()
            .filter(|&v| v >= 1)
            .ok_or_else(|| LoadError::WrongShape("the version is not a positive number".into()))?,
        None => return Err(LoadError::WrongShape("no version number".into())),
    };
    if version > CURRENT_VERSION {
        return Err(LoadError::NewerVersion(version));
    }
    Ok(version)
}

/// Writes a document with the current version number first.
pub fn encode(doc: &Document) -> String {
    #[derive(Serialize)]
    struct Envelope<'a> {
        version: u64,
        #[serde(flatten)]
        doc: &'a Document,
    }
    serde_json::to_string(&Envelope {
        version: CURRENT_VERSION,
        doc,
    })
    .expect("a document always serializes")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::grader::Answer;
    use crate::domain::practices::PracticeId;

    #[test]
    fn round_trips_a_document() {
        let mut doc = Document::default();
        doc.grader.draft.set(PracticeId::GrowthGoals, Answer::Yes);
        doc.grader.draft_label = "Q3 <team>".into();
        doc.next_id = 7;
        let text = encode(&doc);
        assert!(text.starts_with("{\"version\":3,"));
        assert_eq!(decode(&text), Ok(doc));
    }

    #[test]
    fn rejects_what_it_cannot_read() {
        assert_eq!(decode("not json {"), Err(LoadError::NotJson));
        assert_eq!(
            decode("{\"version\":3,\"grader\":"),
            Err(LoadError::NotJson)
        );
        assert!(matches!(
            decode("{\"version\":3,\"next_id\":\"x\"}"),
            Err(LoadError::WrongShape(_))
        ));
        assert!(matches!(decode("[1,2]"), Err(LoadError::WrongShape(_))));
        assert!(matches!(
            decode("{\"grader\":{}}"),
            Err(LoadError::WrongShape(_))
        ));
        assert!(matches!(
            decode("{\"version\":0}"),
            Err(LoadError::WrongShape(_))
        ));
        assert!(matches!(
            decode("{\"version\":\"1\"}"),
            Err(LoadError::WrongShape(_))
        ));
        assert!(matches!(
            decode("{\"version\":1,\"grader\":{\"draft\":{\"no-such-practice\":\"yes\"}}}"),
            Err(LoadError::WrongShape(_))
        ));
        assert_eq!(decode("{\"version\":4}"), Err(LoadError::NewerVersion(4)));
    }

    #[test]
    fn a_stale_id_counter_is_moved_past_every_id_in_use() {
        let text = r#"{"version":1,"next_id":1,"grader":{"history":[
            {"id":5,"saved_at":"2026-01-01","answers":{}}]}}"#;
        assert_eq!(decode(text).unwrap().next_id, 6);
    }

    #[test]
    fn every_error_explains_itself() {
        for e in [
            LoadError::NotJson,
            LoadError::WrongShape("x".into()),
            LoadError::NewerVersion(9),
        ] {
            assert!(e.explanation().len() > 40);
        }
    }
}
