//! The stored document: its schema version, how it is decoded and encoded, and the migrations
//! that bring older versions up to date. Pure functions; `storage` does the I/O.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::grader::Answers;
use super::history::{AssessmentId, SavedAssessment};

/// The schema version this build writes.
pub const CURRENT_VERSION: u64 = 1;

/// Everything the app keeps about the user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    #[serde(default)]
    pub grader: GraderData,
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

impl Default for Document {
    fn default() -> Self {
        Self {
            grader: GraderData::default(),
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

/// `MIGRATIONS[i]` upgrades version `i + 1` to `i + 2`. Version 1 is the first schema, so
/// there are none yet; each later schema adds its step here and a fixture under
/// `tests/fixtures/`.
const MIGRATIONS: [Migration; (CURRENT_VERSION - 1) as usize] = [];

/// Reads a stored document, migrating older versions.
pub fn decode(text: &str) -> Result<Document, LoadError> {
    let mut value: Value = serde_json::from_str(text).map_err(|_| LoadError::NotJson)?;
    let Some(object) = value.as_object_mut() else {
        return Err(LoadError::WrongShape("not an object".into()));
    };
    let version = match object.remove("version") {
        Some(v) => v
            .as_u64()
            .filter(|&v| v >= 1)
            .ok_or_else(|| LoadError::WrongShape("the version is not a positive number".into()))?,
        None => return Err(LoadError::WrongShape("no version number".into())),
    };
    if version > CURRENT_VERSION {
        return Err(LoadError::NewerVersion(version));
    }
    for step in &MIGRATIONS[(version - 1) as usize..] {
        step(&mut value).map_err(LoadError::WrongShape)?;
    }
    serde_json::from_value(value).map_err(|e| LoadError::WrongShape(e.to_string()))
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
        assert!(text.starts_with("{\"version\":1,"));
        assert_eq!(decode(&text), Ok(doc));
    }

    #[test]
    fn rejects_what_it_cannot_read() {
        assert_eq!(decode("not json {"), Err(LoadError::NotJson));
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
        assert_eq!(decode("{\"version\":2}"), Err(LoadError::NewerVersion(2)));
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
