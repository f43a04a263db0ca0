//! The stored document: its schema version, how it is decoded and encoded, and the migrations
//! that bring older versions up to date. Pure functions; `storage` does the I/O.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::domain::accounts::Account;
use crate::domain::grader::Answers;
use crate::domain::history::{AssessmentId, SavedAssessment};
use crate::domain::plans::{Plan, Template};
use crate::domain::prospects::Prospect;
use crate::domain::reclassification::{self, ClassificationNotice};
use crate::domain::settings::Settings;
use crate::domain::snapshots::Snapshot;
use crate::support::json::{self, Json, JsonError, Reader};

/// The schema version this build writes.
pub const CURRENT_VERSION: u64 = 5;

/// Everything the app keeps about the user.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Document {
    pub grader: GraderData,
    pub portfolio: Portfolio,
    pub settings: Settings,
    pub plans: PlanData,
    /// Results prospects sent back, apart from the user's own history.
    pub prospects: Vec<Prospect>,
    /// The next id to hand out; ids are never reused, so links to deleted items stay dead.
    pub next_id: AssessmentId,
    /// Set by the upgrade to version 4 and cleared when the user has read it: how the
    /// classification changed and which accounts it moved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub classification_notice: Option<ClassificationNotice>,
}

fn first_id() -> AssessmentId {
    1
}

/// The grader's answers in progress and its saved assessments.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GraderData {
    /// Answers of the assessment being filled in, kept so nothing is lost on reload.
    pub draft: Answers,
    /// The label typed for the assessment being filled in.
    pub draft_label: String,
    /// The team typed for the assessment being filled in; kept after saving, since the next
    /// assessment is most often the same team's.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub draft_team: String,
    /// The day typed for the assessment being filled in (`YYYY-MM-DD`), for one recorded
    /// after the fact; empty for the day it is saved.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub draft_date: String,
    pub history: Vec<SavedAssessment>,
}

/// The user's client accounts and the snapshots of their positions.
///
/// The large collections of the document sit behind `Rc`: every change to the app state starts
/// from a copy of the document, and with thousands of accounts and plans a deep copy took
/// longer than the change itself. A change copies only the collection it touches
/// (`Rc::make_mut`): the account list, the snapshots, or one plan.
///
/// For the same reason, comparing two states (which yew does whenever the screen changes)
/// takes a part that is still the same `Rc` as equal without looking inside it.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Portfolio {
    pub accounts: Rc<Vec<Account>>,
    pub snapshots: Rc<Vec<Snapshot>>,
}

/// The user's plan templates (the built-in one is not stored) and account plans.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PlanData {
    pub templates: Vec<Template>,
    /// Each plan behind its own `Rc` as well: typing in one plan copies that plan only.
    pub plans: Vec<Rc<Plan>>,
}

/// Equal values, looked at only when they are not the same allocation. (`Rc`'s own `==`
/// takes that shortcut only for types that are `Eq`, and accounts and plans hold numbers.)
fn same<T: PartialEq>(a: &Rc<T>, b: &Rc<T>) -> bool {
    Rc::ptr_eq(a, b) || a == b
}

impl PartialEq for Portfolio {
    fn eq(&self, other: &Self) -> bool {
        same(&self.accounts, &other.accounts) && same(&self.snapshots, &other.snapshots)
    }
}

impl PartialEq for PlanData {
    fn eq(&self, other: &Self) -> bool {
        self.templates == other.templates
            && self.plans.len() == other.plans.len()
            && self.plans.iter().zip(&other.plans).all(|(a, b)| same(a, b))
    }
}

impl PlanData {
    /// A template by id; id 0 is the built-in one.
    pub fn template(&self, id: crate::domain::plans::TemplateId) -> Option<Template> {
        if id == crate::domain::plans::BUILT_IN_TEMPLATE {
            return Some(crate::domain::plans::built_in_template());
        }
        self.templates.iter().find(|t| t.id == id).cloned()
    }

    /// Every template, the built-in one first.
    pub fn all_templates(&self) -> Vec<Template> {
        std::iter::once(crate::domain::plans::built_in_template())
            .chain(self.templates.iter().cloned())
            .collect()
    }

    pub fn plan_for(&self, account: crate::domain::accounts::AccountId) -> Option<&Plan> {
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
            prospects: Vec::new(),
            next_id: first_id(),
            classification_notice: None,
        }
    }
}

/// Why a stored value could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    NotJson,
    WrongShape(String),
    NewerVersion(u64),
    /// The part of the app that reads stored data could not be downloaded
    /// (`storage::reading`); what is stored was not looked at.
    ReaderNotDownloaded,
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
            LoadError::ReaderNotDownloaded => "The part of Account Grader that reads saved \
                                               data could not be downloaded, so the data saved \
                                               in this browser was not read."
                .to_string(),
        }
    }
}

/// One migration step: turns a document of version `n` into version `n + 1`, in place.
type Migration = fn(&mut Json) -> json::Result<()>;

/// `MIGRATIONS[i]` upgrades version `i + 1` to `i + 2`. Each schema version adds its step here
/// and a fixture under `tests/fixtures/`.
const MIGRATIONS: [Migration; (CURRENT_VERSION - 1) as usize] =
    [v1_to_v2, v2_to_v3, v3_to_v4, v4_to_v5];

/// Version 2 added the portfolio and its settings. Writing them out explicitly (rather than
/// leaning on the readers' defaults) keeps each version's shape visible in the stored
/// document; the version bump itself stops an older build from loading, and then
/// overwriting, accounts it does not know about.
fn v1_to_v2(doc: &mut Json) -> json::Result<()> {
    doc.insert_missing("portfolio", || {
        Json::Object(vec![
            ("accounts".into(), Json::Array(vec![])),
            ("snapshots".into(), Json::Array(vec![])),
        ])
    })?;
    doc.insert_missing("settings", || {
        Json::parse(&json::to_text(&Settings::default())).expect("serde writes JSON")
    })
}

/// Version 3 added account plans and templates. As with version 2, the bump keeps older
/// builds from overwriting plans they cannot see.
fn v2_to_v3(doc: &mut Json) -> json::Result<()> {
    doc.insert_missing("plans", || {
        Json::Object(vec![
            ("templates".into(), Json::Array(vec![])),
            ("plans".into(), Json::Array(vec![])),
        ])
    })
}

/// Version 4 replaced the "room to offer more" criterion with share of portfolio and made
/// "high" mean above the threshold. The bump matters most here: an older build would refuse
/// the new criterion's ratings, and with them the whole document.
fn v3_to_v4(doc: &mut Json) -> json::Result<()> {
    reclassification::upgrade(doc)
}

/// Version 5 added the prospects' results, the firm's profile in the settings, copies' links
/// to their source accounts, and teams and dates on assessments. Only the first two need
/// writing out; the others are optional fields. The bump keeps an older build from saving
/// over prospects and the firm's profile it cannot see.
fn v4_to_v5(doc: &mut Json) -> json::Result<()> {
    doc.insert_missing("prospects", || Json::Array(vec![]))?;
    if let Some(settings) = doc.field_mut("settings") {
        settings.insert_missing("firm", || {
            Json::parse(&json::to_text(
                &crate::domain::settings::FirmProfile::default(),
            ))
            .expect("serde writes JSON")
        })?;
    }
    Ok(())
}

/// Reads a stored document, migrating older versions.
///
/// A document of the current version is read straight into its types; only an older one goes
/// through a tree for its migrations, and is then read from text the same way. Skipping the
/// tree in the common case is what makes start-up with a large portfolio fast.
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
        let mut tree = Json::parse(text).map_err(|_| LoadError::NotJson)?;
        migrate(&mut tree, version)?;
        migrated = tree.to_text();
        &migrated
    };
    let mut doc: Document = json::read(current_text).map_err(|e| unreadable(current_text, e))?;
    finish(&mut doc);
    Ok(doc)
}

/// Brings a document of `version` up to the current version.
pub(crate) fn migrate(tree: &mut Json, version: u64) -> Result<(), LoadError> {
    for step in &MIGRATIONS[(version - 1) as usize..] {
        step(tree).map_err(|e| LoadError::WrongShape(e.to_string()))?;
    }
    Ok(())
}

/// What every document read gets, however it was read: ratings within their range, and an
/// id counter past every id in use.
pub(crate) fn finish(doc: &mut Document) {
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
        .chain(doc.prospects.iter().map(|p| p.id))
        .max()
        .unwrap_or(0);
    doc.next_id = doc.next_id.max(highest + 1);
}

/// Why `text` could not be read: damaged text, or valid JSON of another shape.
fn unreadable(text: &str, error: JsonError) -> LoadError {
    if error.is_damage_in(text) {
        return LoadError::NotJson;
    }
    LoadError::WrongShape(error.to_string())
}

/// The version number of a stored document, read without reading the rest into types.
pub(crate) fn stored_version(text: &str) -> Result<u64, LoadError> {
    let mut version = None;
    let mut probe = Reader::new(text);
    probe
        .object(&mut |r, key| match key {
            "version" => {
                version = Some(Json::read(r)?);
                Ok(())
            }
            _ => r.skip(),
        })
        .and_then(|()| probe.end())
        .map_err(|e| unreadable(text, e))?;
    let version = match version {
        Some(Json::Number(n)) => {
            n.parse::<u64>().ok().filter(|&v| v >= 1).ok_or_else(|| {
                LoadError::WrongShape("the version is not a positive number".into())
            })?
        }
        Some(_) => {
            return Err(LoadError::WrongShape(
                "the version is not a positive number".into(),
            ))
        }
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
    json::to_text(&Envelope {
        version: CURRENT_VERSION,
        doc,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::grader::Answer;
    use crate::domain::practices::PracticeId;

    #[test]
    fn parts_still_shared_compare_equal_without_being_read() {
        let mut doc = Document::default();
        doc.portfolio.accounts = Rc::new(crate::domain::demo::demo_accounts(
            3,
            "2026-11-01T00:00:00Z",
        ));
        doc.plans.plans = vec![Rc::new(Plan::new(9, 1, 0, "2026-11-01T00:00:00Z"))];
        let mut changed = doc.clone();
        Rc::make_mut(&mut changed.portfolio.accounts)[1].name = "Other".into();
        assert_ne!(changed, doc, "a changed account");
        let mut rebuilt = doc.clone();
        rebuilt.portfolio.accounts = Rc::new((*doc.portfolio.accounts).clone());
        rebuilt.plans.plans = vec![Rc::new(Plan::new(9, 1, 0, "2026-11-01T00:00:00Z"))];
        assert_eq!(rebuilt, doc, "equal accounts and plans in new allocations");
        let mut other_plan = doc.clone();
        other_plan.plans.plans = vec![Rc::new(Plan::new(9, 2, 0, "2026-11-01T00:00:00Z"))];
        assert_ne!(other_plan, doc, "a plan for another account");
        // NaN is unequal to itself, so only the shortcut can find these two equal.
        Rc::make_mut(&mut doc.portfolio.accounts)[0].revenue = Some(f64::NAN);
        assert_eq!(doc.clone(), doc, "a clone shares every Rc");
    }

    #[test]
    fn round_trips_a_document() {
        let mut doc = Document::default();
        doc.grader.draft.set(PracticeId::GrowthGoals, Answer::Yes);
        doc.grader.draft_label = "Q3 <team>".into();
        doc.next_id = 7;
        let text = encode(&doc);
        assert!(text.starts_with("{\"version\":5,"));
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
        assert_eq!(decode("{\"version\":6}"), Err(LoadError::NewerVersion(6)));
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

    /// Every stored type with every field set away from its default, written by serde and
    /// read back by their derived readers.
    #[test]
    fn every_field_of_every_stored_type_reads_back_as_written() {
        use crate::domain::grader::Answer;
        use crate::domain::history::SavedAssessment;
        use crate::domain::plans::{
            built_in_template, Budget, CheckItem, Consensus, Content, DecisionRole, Kpi, Meeting,
            MeetingKind, Schedule, SectionDef, SectionKind, Stakeholder,
        };
        use crate::domain::rating::CriterionId;
        use crate::domain::settings::Theme;
        const AT: &str = "2026-11-24T09:30:00.000Z";

        let mut doc = Document::default();
        doc.grader.draft.set(PracticeId::NpsSurvey, Answer::NotYet);
        doc.grader.draft_label = "Q4 \"east\" team\n".into();
        doc.grader.draft_team = "East \"1\"".into();
        doc.grader.draft_date = "2026-10-31".into();
        doc.grader.history.push(SavedAssessment {
            id: 2,
            saved_at: AT.into(),
            label: "Sales, Q3".into(),
            answers: crate::domain::grader::Answers::all_answered_with_yes(&[
                PracticeId::GrowthGoals,
            ]),
            team: "East".into(),
            assessed_on: Some("2026-09-30".into()),
        });
        doc.prospects.push(crate::domain::prospects::Prospect {
            id: 3,
            received_at: AT.into(),
            answered_on: "2026-11-20".into(),
            name: "Dana".into(),
            company: "Northwind".into(),
            label: "First look".into(),
            answers: crate::domain::grader::Answers::all_answered_with_yes(&[
                PracticeId::NpsSurvey,
            ]),
            link: "r1.xyz".into(),
        });
        let mut accounts = crate::domain::demo::demo_accounts(10, AT);
        accounts[0].reviewed_at = Some(AT.into());
        accounts[0].revenue = Some(1234.5);
        accounts[1].revenue = None;
        accounts[1].market.growth_pct = Some(-2.25);
        accounts[2].demo = false;
        accounts[2].notes = "Café, 😀 & <b>".into();
        accounts[3].copied_from = Some(crate::domain::accounts::CopySource {
            key: "7@2026-10-01T08:00:00Z".into(),
            updated_at: AT.into(),
            copied_at: "2026-11-24T10:00:00Z".into(),
        });
        let weights = doc.settings.weights.clone();
        let snapshot = crate::domain::snapshots::take(3, AT, &accounts, &weights);
        assert!(!snapshot.positions.is_empty());
        doc.portfolio.accounts = Rc::new(accounts);
        doc.portfolio.snapshots = Rc::new(vec![snapshot]);

        let mut template = built_in_template();
        template.id = 4;
        template.name = "Ours".into();
        template.sections.push(SectionDef {
            key: "capped".into(),
            title: "Capped".into(),
            guidance: String::new(),
            kind: SectionKind::List { max: Some(3) },
        });
        template.sections.push(SectionDef {
            key: "open".into(),
            title: "Open".into(),
            guidance: "Any length".into(),
            kind: SectionKind::List { max: None },
        });
        let mut plan = Plan::new(5, 10, 4, AT);
        plan.reviewed_at = Some(AT.into());
        plan.consensus = Consensus {
            reviewed_with_client: Some("2026-11-20".into()),
            client_agreed: true,
        };
        let contents = [
            Content::Text("Grow together".into()),
            Content::List(vec!["One".into(), "Two".into()]),
            Content::Stakeholders(vec![Stakeholder {
                name: "Ana".into(),
                title: "COO".into(),
                level: "Executive".into(),
                role: Some(DecisionRole::DecisionMaker),
                strength: Some(4),
                owner: "Priya".into(),
                next_step: "Lunch".into(),
            }]),
            Content::Kpis(vec![Kpi {
                metric: "NPS".into(),
                baseline: "30".into(),
                target: "45".into(),
                actual: "38".into(),
                due: "2027-06-30".into(),
            }]),
            Content::Budget(Budget {
                hours: Some(12.5),
                money: Some(15000.0),
                share_pct: Some(8.25),
            }),
            Content::Schedule(Schedule {
                cadence: "Monthly".into(),
                meetings: vec![Meeting {
                    uid: "a1".into(),
                    date: "2027-03-15".into(),
                    kind: MeetingKind::CheckIn,
                    note: "Q1".into(),
                }],
            }),
            Content::Checklist(vec![CheckItem {
                text: "Roadmap".into(),
                done: true,
            }]),
        ];
        for (i, content) in contents.into_iter().enumerate() {
            plan.write(&format!("s{i}"), &format!("Section {i}"), content, AT);
        }
        doc.plans.templates.push(template);
        doc.plans.plans.push(Rc::new(plan));

        doc.settings.currency = "CHF".into();
        doc.settings.weights.set(CriterionId::NeedsFit, 3);
        doc.settings.thresholds.relationship = 60;
        doc.settings.bcg.growth_pct = 7.5;
        doc.settings.plan_stale_days = 45;
        doc.settings.last_backup_at = Some(AT.into());
        doc.settings.theme = Theme::Dark;
        doc.settings.firm = crate::domain::settings::FirmProfile {
            name: "Brightline".into(),
            contact: "hi@brightline.example".into(),
            logo: Some("data:image/png;base64,AAAA".into()),
        };
        doc.next_id = 11 + doc.portfolio.accounts.len() as u64;
        doc.classification_notice = Some(ClassificationNotice {
            moved: vec![
                crate::domain::reclassification::Moved {
                    account: 11,
                    from: Some(crate::domain::quadrant::Quadrant::ManageKeyAccount),
                    to: None,
                },
                crate::domain::reclassification::Moved {
                    account: 12,
                    from: None,
                    to: Some(crate::domain::quadrant::Quadrant::Rethink),
                },
            ],
        });

        assert_eq!(decode(&encode(&doc)), Ok(doc.clone()));
        let shared = crate::domain::share::SharedAccount {
            name: "Acme".into(),
            industry: "Logistics".into(),
            manager: "Priya".into(),
            tier: crate::domain::accounts::Tier::B,
            revenue: Some(99.5),
            currency: "EUR".into(),
            notes: "n".into(),
            ratings: doc.portfolio.accounts[0].ratings.clone(),
            weights: doc.settings.weights.clone(),
            thresholds: doc.settings.thresholds,
            plan: Some((
                doc.plans.templates[0].clone(),
                (*doc.plans.plans[0]).clone(),
            )),
            source: Some(crate::domain::accounts::CopySource {
                key: "0123456789abcdef".into(),
                updated_at: "2026-11-02T09:00:00Z".into(),
                copied_at: String::new(),
            }),
            left_out: crate::domain::share::LeftOut {
                names: true,
                texts: vec!["vision/".into(), "notes/".into()],
            },
        };
        let text = serde_json::to_string(&shared).unwrap();
        assert_eq!(json::read(&text), Ok(shared));
    }

    /// The names the readers accept for enums are the ones serde writes, for every variant.
    #[test]
    fn every_enum_variant_is_read_by_the_name_serde_writes() {
        use crate::domain::accounts::Tier;
        use crate::domain::plans::{DecisionRole, MeetingKind};
        use crate::domain::practices::PRACTICES;
        use crate::domain::rating::CRITERIA;
        use crate::domain::settings::Theme;
        fn check<T: Serialize>(value: T, name: &str) {
            assert_eq!(json::to_text(&value), format!("\"{name}\""));
        }
        for p in &PRACTICES {
            check(p.id, p.id.key());
        }
        for c in &CRITERIA {
            check(c.id, c.id.key());
        }
        for a in Answer::ALL {
            check(a, a.key());
        }
        for t in Tier::ALL {
            check(t, t.letter());
        }
        for t in Theme::ALL {
            check(t, t.key());
        }
        for q in crate::domain::quadrant::Quadrant::ALL {
            check(q, q.key());
        }
        for r in DecisionRole::ALL {
            check(r, r.slug());
        }
        for k in MeetingKind::ALL {
            check(k, k.key());
        }
    }

    /// The stored form of the current version, with every field the app writes set to a
    /// value other than its default (`tests/fixtures/every-field.json`).
    const EVERY_FIELD: &str = include_str!("../../tests/fixtures/every-field.json");

    fn as_value(text: &str) -> serde_json::Value {
        serde_json::from_str(text).unwrap()
    }

    /// Where two values differ, as paths such as `portfolio.accounts.0.industry`.
    fn differences(a: &serde_json::Value, b: &serde_json::Value, at: &str, out: &mut Vec<String>) {
        use serde_json::Value::{Array, Object};
        match (a, b) {
            (Object(x), Object(y)) => {
                for key in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                    let null = serde_json::Value::Null;
                    let (p, q) = (x.get(key).unwrap_or(&null), y.get(key).unwrap_or(&null));
                    differences(p, q, &format!("{at}.{key}"), out);
                }
            }
            (Array(x), Array(y)) if x.len() == y.len() => {
                for (i, (p, q)) in x.iter().zip(y).enumerate() {
                    differences(p, q, &format!("{at}.{i}"), out);
                }
            }
            _ if a != b => out.push(format!("{at}: written {a}, stored {b}")),
            _ => {}
        }
    }

    fn assert_written_back_as_stored(stored: &str) {
        let written = encode(&decode(stored).unwrap());
        let mut differ = Vec::new();
        differences(&as_value(&written), &as_value(stored), "", &mut differ);
        assert!(differ.is_empty(), "{}", differ.join("\n"));
    }

    /// Each field is written and read under one name. Renaming one, on either side or on
    /// both, changes what a document written before reads as: without a migration that is
    /// data silently lost, and this test fails. A field added to the stored form is added
    /// to the file as well.
    #[test]
    fn every_stored_field_is_read_back_under_the_name_it_is_written_with() {
        assert_written_back_as_stored(EVERY_FIELD);
        assert_written_back_as_stored(include_str!("../../tests/fixtures/v5.json"));
    }

    proptest::proptest! {
        #[test]
        fn any_number_reads_back_to_the_same_bits(bits: u64) {
            let v = f64::from_bits(bits);
            proptest::prop_assume!(v.is_finite());
            let read: f64 = json::read(&json::to_text(&v)).unwrap();
            proptest::prop_assert_eq!(read.to_bits(), v.to_bits());
        }

        #[test]
        fn stored_figures_read_back_exactly(
            revenue in 0.0..=crate::domain::accounts::MAX_AMOUNT,
            growth in -100.0..=1e6_f64,
            share in 0.0..=1e6_f64,
            hours in 0.0..=1e9_f64,
            percent in 0.0..=100.0_f64,
            bcg_growth in proptest::num::f64::NORMAL,
        ) {
            let mut doc = decode(EVERY_FIELD).unwrap();
            let accounts = Rc::make_mut(&mut doc.portfolio.accounts);
            accounts[0].revenue = Some(revenue);
            accounts[0].market.growth_pct = Some(growth);
            accounts[0].market.relative_share = Some(share);
            doc.settings.bcg.growth_pct = bcg_growth;
            let plan = Rc::make_mut(&mut doc.plans.plans[0]);
            for section in &mut plan.sections {
                if let crate::domain::plans::Content::Budget(budget) = &mut section.content {
                    budget.hours = Some(hours);
                    budget.money = Some(revenue);
                    budget.share_pct = Some(percent);
                }
            }
            let again = decode(&encode(&doc)).unwrap();
            let bits = |d: &Document| -> Vec<u64> {
                let a = &d.portfolio.accounts[0];
                let mut all = vec![
                    a.revenue.unwrap().to_bits(),
                    a.market.growth_pct.unwrap().to_bits(),
                    a.market.relative_share.unwrap().to_bits(),
                    d.settings.bcg.growth_pct.to_bits(),
                ];
                for section in &d.plans.plans[0].sections {
                    if let crate::domain::plans::Content::Budget(b) = &section.content {
                        all.extend([b.hours, b.money, b.share_pct].map(|v| v.unwrap().to_bits()));
                    }
                }
                all
            };
            proptest::prop_assert_eq!(bits(&again), bits(&doc));
            proptest::prop_assert_eq!(again, doc);
        }
    }
}
