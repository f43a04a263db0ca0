//! The rows of the action list, the business-review log, the competitors-and-risks table and
//! the roadmap, with how each is read from storage.
//!
//! These kinds came after schema version 3 without a version of their own, so every field
//! but the row itself is optional when read, and a choice this build does not know (a stage
//! or a risk kind a later build adds) reads as not chosen rather than failing the document.

use serde::{Deserialize, Deserializer, Serialize};

use crate::support::sorting::sort_by;

/// One thing to do for the account: the "planned actions" of a development plan.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActionItem {
    pub what: String,
    /// Who does it, on either side.
    pub owner: String,
    /// `YYYY-MM-DD`, or empty.
    pub due: String,
    pub done: bool,
}

impl ActionItem {
    /// Added but nothing typed: a tick alone says nothing about what was done.
    pub fn is_blank(&self) -> bool {
        [&self.what, &self.owner, &self.due]
            .iter()
            .all(|s| s.trim().is_empty())
    }
}

/// What came out of one business review with the client.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReviewEntry {
    /// `YYYY-MM-DD`, or empty.
    pub date: String,
    pub wins: String,
    pub challenges: String,
    pub decisions: String,
    pub next_steps: String,
}

impl ReviewEntry {
    pub fn is_blank(&self) -> bool {
        [
            &self.date,
            &self.wins,
            &self.challenges,
            &self.decisions,
            &self.next_steps,
        ]
        .iter()
        .all(|s| s.trim().is_empty())
    }
}

/// The reviews to show: the latest first, as a log is read, undated ones after the dated;
/// rows added but never filled in are left out.
pub fn reviews_latest_first(entries: &[ReviewEntry]) -> Vec<&ReviewEntry> {
    let mut shown: Vec<&ReviewEntry> = entries.iter().filter(|e| !e.is_blank()).collect();
    // Dates are `YYYY-MM-DD`, so text order is date order; empty sorts after any date.
    sort_by(&mut shown, |a, b| {
        match (a.date.is_empty(), b.date.is_empty()) {
            (false, false) => b.date.cmp(&a.date),
            (x, y) => x.cmp(&y),
        }
    });
    shown
}

/// Whether a threat to the account comes from a named competitor or from elsewhere.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThreatKind {
    /// The headline risk of weak account management: a rival taking the client.
    #[default]
    Competitor,
    /// Anything else: a budget cut, a merger, a champion leaving, a problem on our side.
    Other,
}

impl ThreatKind {
    pub const ALL: [ThreatKind; 2] = [ThreatKind::Competitor, ThreatKind::Other];

    pub fn slug(self) -> &'static str {
        match self {
            ThreatKind::Competitor => "competitor",
            ThreatKind::Other => "other",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            ThreatKind::Competitor => "Competitor",
            ThreatKind::Other => "Other risk",
        }
    }

    pub fn from_slug(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.slug() == s)
    }
}

/// How much a threat matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Low,
    Medium,
    High,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Low, Severity::Medium, Severity::High];

    pub fn slug(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Severity::Low => "Low",
            Severity::Medium => "Medium",
            Severity::High => "High",
        }
    }

    pub fn from_slug(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.slug() == s)
    }
}

/// A competitor or another risk to the account, and what we do about it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Threat {
    /// The competitor's name, or the risk in a few words.
    pub name: String,
    #[serde(deserialize_with = "threat_kind")]
    pub kind: ThreatKind,
    #[serde(deserialize_with = "severity")]
    pub severity: Option<Severity>,
    /// What they could take, or what could happen.
    pub threat: String,
    /// How we keep the account.
    pub response: String,
}

impl Threat {
    /// Its kind is preset, so only typed text or a chosen severity counts.
    pub fn is_blank(&self) -> bool {
        self.severity.is_none()
            && [&self.name, &self.threat, &self.response]
                .iter()
                .all(|s| s.trim().is_empty())
    }
}

/// Where something stands for the client: the four columns of the Grader's roadmap practice,
/// in words for any firm, whether it sells software, machines, services or advice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RoadmapStage {
    /// They have it now, from us or from someone else.
    InPlace,
    /// We offer it and they do not use it yet: the opening to sell.
    CouldOffer,
    /// It would help them, whoever provides it.
    CouldUse,
    /// They will need it to get where their vision says.
    NeededForVision,
}

impl RoadmapStage {
    pub const ALL: [RoadmapStage; 4] = [
        RoadmapStage::InPlace,
        RoadmapStage::CouldOffer,
        RoadmapStage::CouldUse,
        RoadmapStage::NeededForVision,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            RoadmapStage::InPlace => "in-place",
            RoadmapStage::CouldOffer => "could-offer",
            RoadmapStage::CouldUse => "could-use",
            RoadmapStage::NeededForVision => "needed-for-vision",
        }
    }

    /// The column's name, as the Grader's roadmap practice names it.
    pub fn title(self) -> &'static str {
        match self {
            RoadmapStage::InPlace => "In place",
            RoadmapStage::CouldOffer => "Not used but we could offer",
            RoadmapStage::CouldUse => "Could use",
            RoadmapStage::NeededForVision => "Needed for their plans",
        }
    }

    pub fn from_slug(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.slug() == s)
    }
}

/// One product, service or capability on the client's roadmap.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RoadmapItem {
    pub what: String,
    /// `None` until sorted: lines kept from an older, single-column roadmap start here.
    #[serde(deserialize_with = "stage")]
    pub stage: Option<RoadmapStage>,
    /// Timing, who decides, what it is worth.
    pub note: String,
}

impl RoadmapItem {
    pub fn is_blank(&self) -> bool {
        self.what.trim().is_empty() && self.note.trim().is_empty()
    }
}

/// The roadmap's columns with their items in the order entered, then the items not sorted
/// yet under `None` when there are any; blank rows left out.
pub fn roadmap_columns(items: &[RoadmapItem]) -> Vec<(Option<RoadmapStage>, Vec<&RoadmapItem>)> {
    let shown = |stage| {
        items
            .iter()
            .filter(|i| !i.is_blank() && i.stage == stage)
            .collect::<Vec<_>>()
    };
    let mut columns: Vec<_> = RoadmapStage::ALL
        .into_iter()
        .map(|s| (Some(s), shown(Some(s))))
        .collect();
    let unsorted = shown(None);
    if !unsorted.is_empty() {
        columns.push((None, unsorted));
    }
    columns
}

/// Reads a name written by serde as `Some` of the value it names, and a name this build does
/// not know, or `null`, as `None`.
fn lenient<'de, D: Deserializer<'de>, T>(
    d: D,
    from_slug: fn(&str) -> Option<T>,
) -> Result<Option<T>, D::Error> {
    Ok(Option::<String>::deserialize(d)?.and_then(|s| from_slug(&s)))
}

/// A kind this build does not know is some other risk, never a competitor.
fn threat_kind<'de, D: Deserializer<'de>>(d: D) -> Result<ThreatKind, D::Error> {
    Ok(lenient(d, ThreatKind::from_slug)?.unwrap_or(ThreatKind::Other))
}

fn severity<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Severity>, D::Error> {
    lenient(d, Severity::from_slug)
}

fn stage<'de, D: Deserializer<'de>>(d: D) -> Result<Option<RoadmapStage>, D::Error> {
    lenient(d, RoadmapStage::from_slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read<T: serde::de::DeserializeOwned>(text: &str) -> T {
        crate::support::json::read(text).unwrap()
    }

    #[test]
    fn each_row_round_trips_in_its_stored_shape() {
        let action = ActionItem {
            what: "Send the pilot offer".into(),
            owner: "Priya".into(),
            due: "2027-01-31".into(),
            done: true,
        };
        let json = serde_json::to_string(&action).unwrap();
        assert_eq!(
            json,
            r#"{"what":"Send the pilot offer","owner":"Priya","due":"2027-01-31","done":true}"#
        );
        assert_eq!(read::<ActionItem>(&json), action);

        let review = ReviewEntry {
            date: "2026-12-15".into(),
            wins: "Renewal signed".into(),
            challenges: "Late deliveries".into(),
            decisions: "Weekly stand-up".into(),
            next_steps: "Visit the plant".into(),
        };
        assert_eq!(
            read::<ReviewEntry>(&serde_json::to_string(&review).unwrap()),
            review
        );

        let threat = Threat {
            name: "Rival Ltd".into(),
            kind: ThreatKind::Competitor,
            severity: Some(Severity::High),
            threat: "Cheaper support".into(),
            response: "Show the uptime figures".into(),
        };
        let json = serde_json::to_string(&threat).unwrap();
        assert!(
            json.contains(r#""kind":"competitor","severity":"high""#),
            "{json}"
        );
        assert_eq!(read::<Threat>(&json), threat);

        for stage in RoadmapStage::ALL.map(Some).into_iter().chain([None]) {
            let item = RoadmapItem {
                what: "Training".into(),
                stage,
                note: "Next year".into(),
            };
            let json = serde_json::to_string(&item).unwrap();
            assert_eq!(read::<RoadmapItem>(&json), item, "{json}");
        }
    }

    #[test]
    fn missing_fields_and_unknown_choices_read_as_not_given() {
        assert_eq!(read::<ActionItem>("{}"), ActionItem::default());
        assert_eq!(read::<ReviewEntry>(r#"{"x":[1]}"#), ReviewEntry::default());
        let later = read::<Threat>(r#"{"name":"Merger","kind":"regulation","severity":"dire"}"#);
        assert_eq!(later.kind, ThreatKind::Other);
        assert_eq!(later.severity, None);
        assert_eq!(later.name, "Merger");
        let later = read::<RoadmapItem>(r#"{"what":"Drones","stage":"someday"}"#);
        assert_eq!(later.stage, None);
        assert_eq!(later.what, "Drones");
        // A wrong type is still damage, not a default.
        assert!(crate::support::json::read::<ActionItem>(r#"{"done":"yes"}"#).is_err());
    }

    #[test]
    fn blank_rows_are_the_ones_with_nothing_typed() {
        assert!(ActionItem {
            done: true,
            ..Default::default()
        }
        .is_blank());
        assert!(!ActionItem {
            owner: "Ann".into(),
            ..Default::default()
        }
        .is_blank());
        assert!(Threat::default().is_blank());
        assert!(!Threat {
            severity: Some(Severity::Low),
            ..Default::default()
        }
        .is_blank());
        assert!(ReviewEntry {
            wins: "  ".into(),
            ..Default::default()
        }
        .is_blank());
    }

    #[test]
    fn the_review_log_reads_latest_first_with_undated_entries_last() {
        let entry = |date: &str, wins: &str| ReviewEntry {
            date: date.into(),
            wins: wins.into(),
            ..Default::default()
        };
        let log = [
            entry("2026-03-01", "Q1"),
            entry("", "Undated"),
            entry("", ""),
            entry("2026-09-01", "Q3"),
            entry("2026-06-01", "Q2"),
        ];
        let wins: Vec<_> = reviews_latest_first(&log)
            .iter()
            .map(|e| e.wins.as_str())
            .collect();
        assert_eq!(wins, ["Q3", "Q2", "Q1", "Undated"]);
    }

    #[test]
    fn roadmap_columns_follow_the_graders_order_and_keep_unsorted_items() {
        let item = |what: &str, stage| RoadmapItem {
            what: what.into(),
            stage,
            note: String::new(),
        };
        let items = [
            item("Scanner", Some(RoadmapStage::InPlace)),
            item("Old line", None),
            item("Audit", Some(RoadmapStage::NeededForVision)),
            item("", Some(RoadmapStage::CouldUse)),
        ];
        let columns = roadmap_columns(&items);
        let stages: Vec<_> = columns.iter().map(|(s, _)| *s).collect();
        assert_eq!(
            stages,
            [
                Some(RoadmapStage::InPlace),
                Some(RoadmapStage::CouldOffer),
                Some(RoadmapStage::CouldUse),
                Some(RoadmapStage::NeededForVision),
                None
            ]
        );
        assert!(columns[2].1.is_empty(), "a blank row is not shown");
        assert_eq!(columns[4].1[0].what, "Old line");
        assert_eq!(roadmap_columns(&items[..1]).len(), 4);
    }

    #[test]
    fn the_roadmap_columns_are_the_ones_the_grader_advises() {
        use crate::domain::practices::PracticeId;
        let advice = PracticeId::TechnologyRoadmap
            .practice()
            .first_step
            .to_lowercase();
        for stage in RoadmapStage::ALL {
            assert!(
                advice.contains(&stage.title().to_lowercase()),
                "the Grader does not name the column {:?}",
                stage.title()
            );
        }
    }
}
