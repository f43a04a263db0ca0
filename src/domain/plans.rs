//! Account Development Plans: templates made of typed sections, and one plan per account
//! that keeps all its content when its template changes later.

use serde::{Deserialize, Deserializer, Serialize};

use super::accounts::{amount, same_name, AccountId};
use crate::support::dates::days_between;
use crate::support::json;
use crate::support::sorting::sort_by;

mod row_kinds;
mod stored_form;

pub use row_kinds::{
    reviews_latest_first, roadmap_columns, ActionItem, ReviewEntry, RoadmapItem, RoadmapStage,
    Severity, Threat, ThreatKind,
};

/// Identifies a template. `0` is the built-in template, which is not stored.
pub type TemplateId = u64;
pub const BUILT_IN_TEMPLATE: TemplateId = 0;

pub type PlanId = u64;

/// Identifies a section within a template and its copies, so plan content follows a section
/// through renames and moves.
pub type SectionKey = String;

/// The key of the section where the client's agreement is shown and kept: its notes are the
/// section's content, the review date and the client's yes live on the plan (`Consensus`).
pub const CONSENSUS_SECTION: &str = "consensus";

/// What a section holds. Stored as its slug, with a list's cap beside it (see stored_form).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SectionKind {
    Text,
    /// A bullet list, optionally capped (the client's top five issues).
    List {
        max: Option<u8>,
    },
    Stakeholders,
    Kpis,
    Budget,
    Schedule,
    Checklist,
    /// What will be done, by whom, by when, and whether it is.
    Actions,
    /// What each business review brought: wins, challenges, decisions, next steps.
    ReviewLog,
    /// Competitors and other threats to the account.
    Risks,
    /// The Grader's four roadmap columns, one row per product or service.
    Roadmap,
}

impl SectionKind {
    pub const CHOICES: [SectionKind; 11] = [
        SectionKind::Text,
        SectionKind::List { max: None },
        SectionKind::Stakeholders,
        SectionKind::Kpis,
        SectionKind::Budget,
        SectionKind::Schedule,
        SectionKind::Checklist,
        SectionKind::Actions,
        SectionKind::ReviewLog,
        SectionKind::Risks,
        SectionKind::Roadmap,
    ];

    pub fn title(self) -> &'static str {
        match self {
            SectionKind::Text => "Free text",
            SectionKind::List { .. } => "Bullet list",
            SectionKind::Stakeholders => "Stakeholder table",
            SectionKind::Kpis => "KPI table",
            SectionKind::Budget => "Budget",
            SectionKind::Schedule => "Schedule",
            SectionKind::Checklist => "Checklist",
            SectionKind::Actions => "Action list",
            SectionKind::ReviewLog => "Business-review log",
            SectionKind::Risks => "Competitors and risks",
            SectionKind::Roadmap => "Roadmap (four columns)",
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            SectionKind::Text => "text",
            SectionKind::List { .. } => "list",
            SectionKind::Stakeholders => "stakeholders",
            SectionKind::Kpis => "kpis",
            SectionKind::Budget => "budget",
            SectionKind::Schedule => "schedule",
            SectionKind::Checklist => "checklist",
            SectionKind::Actions => "actions",
            SectionKind::ReviewLog => "review-log",
            SectionKind::Risks => "risks",
            SectionKind::Roadmap => "roadmap",
        }
    }

    pub fn from_slug(s: &str) -> Option<SectionKind> {
        SectionKind::CHOICES.into_iter().find(|k| k.slug() == s)
    }

    /// Kinds whose content is lines of text, which convert into one another without loss.
    fn is_textual(self) -> bool {
        matches!(
            self,
            SectionKind::Text | SectionKind::List { .. } | SectionKind::Checklist
        )
    }

    /// Whether content of this kind can be shown as `to` with every word kept: within text,
    /// list and checklist both ways, and from those into an action list or roadmap (one row
    /// per line). The way back would drop owners, dates and columns, so it is not offered.
    fn converts_into(self, to: SectionKind) -> bool {
        self.slug() == to.slug()
            || (self.is_textual()
                && (to.is_textual() || matches!(to, SectionKind::Actions | SectionKind::Roadmap)))
    }
}

/// One section of a template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    into = "stored_form::StoredSectionDef",
    try_from = "stored_form::StoredSectionDef"
)]
pub struct SectionDef {
    pub key: SectionKey,
    pub title: String,
    pub guidance: String,
    pub kind: SectionKind,
}

/// An ordered list of sections a plan is written in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    pub id: TemplateId,
    pub name: String,
    pub sections: Vec<SectionDef>,
}

fn def(key: &str, title: &str, guidance: &str, kind: SectionKind) -> SectionDef {
    SectionDef {
        key: key.into(),
        title: title.into(),
        guidance: guidance.into(),
        kind,
    }
}

/// The read-only template every user starts with: the eight elements of a key-account
/// strategy, plus what a development plan adds (vision, mutual goals, risks, the roadmap,
/// actions, reviews and their log, communication and client consensus).
///
/// Keys never change: plans find their content by key, so a new section here shows empty in
/// existing plans, and the roadmap kept its key when it gained columns.
pub fn built_in_template() -> Template {
    use SectionKind::*;
    Template {
        id: BUILT_IN_TEMPLATE,
        name: "Key account plan".into(),
        sections: vec![
            def("vision", "Client's business vision (1-3 years)", "Where the client wants its business to be in one to three years; five years for your largest clients. Ask them, in their words.", Text),
            def("top-issues", "The client's top five issues", "The five problems or goals that matter most to the client right now, as they would put them.", List { max: Some(5) }),
            def("mutual-goals", "Goals we share with the client", "What the client and we both want from the next year together, agreed with them. Each goal should be one both sides can check.", List { max: None }),
            def("how-we-help", "How we can help", "For each issue, what we can do about it.", List { max: None }),
            def("differentiation", "How we stand out", "Why the client should choose us over the alternatives, including doing nothing.", Text),
            def("competitors-risks", "Competitors and risks", "Who else wants this account and what else could cost it: a rival with a cheaper offer, a budget cut, our champion moving on. A competitor taking the client is the biggest risk of neglect; say how you keep them out.", Risks),
            def("relationships", "Key relationships today", "Who decides, who influences, who uses our work, and how strong our relationship is with each.", Stakeholders),
            def("relationships-to-build", "Relationships to build or strengthen", "The people we need to know better, and how we will reach them.", List { max: None }),
            def("tactics", "Marketing tactics for decision makers and influencers", "Events, content, introductions and meetings that will position us with the people who matter.", List { max: None }),
            def("technology-roadmap", "Roadmap of products and services", "The Grader's technology roadmap, for whatever you sell: software, equipment, services or advice. Put each item in one column: what they have in place, what of ours they do not use yet, what else could help them, what they will need for their plans. It shows what to propose next, and when, without pushing what they do not need.", Roadmap),
            def("actions", "Action list", "The steps that move the shared goals forward: what, who owns it (on either side), and by when. Tick each off when done, and go through the list at every business review.", Actions),
            def("budget", "Budget for this client", "Time and money we will invest in this client this year, and its share of our total marketing budget.", Budget),
            def("success-measures", "How success is measured", "A few KPIs with a baseline and a target: repeat business, satisfaction (CSAT), Net Promoter Score, revenue. Start with few.", Kpis),
            def("review-plan", "Business reviews and check-ins", "Quarterly business reviews (or twice a year) to present progress, metrics, wins and challenges, and the check-in rhythm for the account's tier.", Schedule),
            def("review-log", "Business-review log", "After each review with the client, note the wins, the challenges, what you decided together and the next steps, so the next review picks up where this one ended.", ReviewLog),
            def("communication", "Communication plan", "Who talks to whom on each side, how often, and how we reach the C-level.", Text),
            def("consensus", "Client consensus", "A plan the client has not seen is wishful thinking. Note when you reviewed it with them and what they changed.", Text),
        ],
    }
}

/// A person in the client's organisation and where we stand with them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stakeholder {
    pub name: String,
    #[serde(default)]
    pub title: String,
    /// Management level, e.g. executive, manager, staff.
    #[serde(default)]
    pub level: String,
    #[serde(default)]
    pub role: Option<DecisionRole>,
    /// Our relationship strength with them, 1-5.
    #[serde(default)]
    pub strength: Option<u8>,
    /// Who on our side owns the relationship.
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub next_step: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DecisionRole {
    DecisionMaker,
    Influencer,
    User,
    Champion,
    Blocker,
}

impl DecisionRole {
    pub const ALL: [DecisionRole; 5] = [
        DecisionRole::DecisionMaker,
        DecisionRole::Influencer,
        DecisionRole::User,
        DecisionRole::Champion,
        DecisionRole::Blocker,
    ];

    pub fn title(self) -> &'static str {
        match self {
            DecisionRole::DecisionMaker => "Decision maker",
            DecisionRole::Influencer => "Influencer",
            DecisionRole::User => "User",
            DecisionRole::Champion => "Champion",
            DecisionRole::Blocker => "Blocker",
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            DecisionRole::DecisionMaker => "decision-maker",
            DecisionRole::Influencer => "influencer",
            DecisionRole::User => "user",
            DecisionRole::Champion => "champion",
            DecisionRole::Blocker => "blocker",
        }
    }

    pub fn from_slug(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.slug() == s)
    }
}

/// One measure of success.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kpi {
    pub metric: String,
    #[serde(default)]
    pub baseline: String,
    #[serde(default)]
    pub target: String,
    #[serde(default)]
    pub actual: String,
    /// `YYYY-MM-DD`, or empty.
    #[serde(default)]
    pub due: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Budget {
    #[serde(deserialize_with = "amount")]
    pub hours: Option<f64>,
    #[serde(deserialize_with = "amount")]
    pub money: Option<f64>,
    /// Share of the total marketing budget, in percent.
    #[serde(deserialize_with = "percent")]
    pub share_pct: Option<f64>,
}

/// A stored share in percent, from 0 to 100; [`json::number_within`].
fn percent<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    json::number_within(d, 0.0..=100.0)
}

/// A dated meeting in the plan's calendar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    /// Stable identity for calendar files, so a re-exported event updates the same entry.
    #[serde(default)]
    pub uid: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub kind: MeetingKind,
    #[serde(default)]
    pub note: String,
}

impl Meeting {
    /// Added but not filled in: its kind alone says nothing about when or what.
    pub fn is_blank(&self) -> bool {
        self.date.trim().is_empty() && self.note.trim().is_empty()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MeetingKind {
    BusinessReview,
    CheckIn,
}

impl MeetingKind {
    pub const ALL: [MeetingKind; 2] = [MeetingKind::BusinessReview, MeetingKind::CheckIn];

    /// The stored name, as serde writes the variant.
    pub fn key(self) -> &'static str {
        match self {
            MeetingKind::BusinessReview => "business-review",
            MeetingKind::CheckIn => "check-in",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            MeetingKind::BusinessReview => "Quarterly business review",
            MeetingKind::CheckIn => "Relationship check-in",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Schedule {
    /// How often to check in, e.g. "Monthly (tier A)".
    pub cadence: String,
    pub meetings: Vec<Meeting>,
}

impl Schedule {
    /// The meetings to show, by date; meetings on one day keep the order they were entered
    /// in. A row added but never filled in (no date, no note) is left out.
    pub fn by_date(&self) -> Vec<&Meeting> {
        let mut meetings: Vec<&Meeting> = self.meetings.iter().filter(|m| !m.is_blank()).collect();
        sort_by(&mut meetings, |a, b| a.date.cmp(&b.date));
        meetings
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckItem {
    pub text: String,
    #[serde(default)]
    pub done: bool,
}

/// What a plan holds for one section, stored as `{"type": …, "value": …}` (read in
/// `stored_form`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "kebab-case")]
pub enum Content {
    Text(String),
    List(Vec<String>),
    Stakeholders(Vec<Stakeholder>),
    Kpis(Vec<Kpi>),
    Budget(Budget),
    Schedule(Schedule),
    Checklist(Vec<CheckItem>),
    Actions(Vec<ActionItem>),
    ReviewLog(Vec<ReviewEntry>),
    Risks(Vec<Threat>),
    Roadmap(Vec<RoadmapItem>),
}

impl Content {
    /// Empty content of a kind.
    pub fn empty(kind: SectionKind) -> Content {
        match kind {
            SectionKind::Text => Content::Text(String::new()),
            SectionKind::List { .. } => Content::List(Vec::new()),
            SectionKind::Stakeholders => Content::Stakeholders(Vec::new()),
            SectionKind::Kpis => Content::Kpis(Vec::new()),
            SectionKind::Budget => Content::Budget(Budget::default()),
            SectionKind::Schedule => Content::Schedule(Schedule::default()),
            SectionKind::Checklist => Content::Checklist(Vec::new()),
            SectionKind::Actions => Content::Actions(Vec::new()),
            SectionKind::ReviewLog => Content::ReviewLog(Vec::new()),
            SectionKind::Risks => Content::Risks(Vec::new()),
            SectionKind::Roadmap => Content::Roadmap(Vec::new()),
        }
    }

    pub fn is_filled(&self) -> bool {
        match self {
            Content::Text(t) => !t.trim().is_empty(),
            Content::List(items) => items.iter().any(|i| !i.trim().is_empty()),
            Content::Stakeholders(rows) => rows.iter().any(|s| !s.name.trim().is_empty()),
            Content::Kpis(rows) => rows.iter().any(|k| !k.metric.trim().is_empty()),
            Content::Budget(b) => b.hours.is_some() || b.money.is_some() || b.share_pct.is_some(),
            Content::Schedule(s) => {
                !s.cadence.trim().is_empty() || s.meetings.iter().any(|m| !m.is_blank())
            }
            Content::Checklist(items) => items.iter().any(|i| !i.text.trim().is_empty()),
            Content::Actions(rows) => rows.iter().any(|a| !a.is_blank()),
            Content::ReviewLog(rows) => rows.iter().any(|e| !e.is_blank()),
            Content::Risks(rows) => rows.iter().any(|t| !t.is_blank()),
            Content::Roadmap(rows) => rows.iter().any(|i| !i.is_blank()),
        }
    }

    /// How many rows (items, people, measures, meetings) the content has; text has none.
    pub fn row_count(&self) -> usize {
        match self {
            Content::Text(_) | Content::Budget(_) => 0,
            Content::List(v) => v.len(),
            Content::Checklist(v) => v.len(),
            Content::Stakeholders(v) => v.len(),
            Content::Kpis(v) => v.len(),
            Content::Schedule(s) => s.meetings.len(),
            Content::Actions(v) => v.len(),
            Content::ReviewLog(v) => v.len(),
            Content::Risks(v) => v.len(),
            Content::Roadmap(v) => v.len(),
        }
    }

    /// Moves row `from` to position `to`, the rows between shifting by one. False, and
    /// nothing moved, when the content has no rows, a position is past the end, or they are
    /// the same.
    pub fn move_row(&mut self, from: usize, to: usize) -> bool {
        match self {
            Content::Text(_) | Content::Budget(_) => false,
            Content::List(v) => move_within(v, from, to),
            Content::Checklist(v) => move_within(v, from, to),
            Content::Stakeholders(v) => move_within(v, from, to),
            Content::Kpis(v) => move_within(v, from, to),
            Content::Schedule(s) => move_within(&mut s.meetings, from, to),
            Content::Actions(v) => move_within(v, from, to),
            Content::ReviewLog(v) => move_within(v, from, to),
            Content::Risks(v) => move_within(v, from, to),
            Content::Roadmap(v) => move_within(v, from, to),
        }
    }

    /// Textual content as its non-empty lines, each with whether it was ticked off.
    fn lines(&self) -> Option<Vec<(String, bool)>> {
        let keep = |v: Vec<(String, bool)>| v.into_iter().filter(|(l, _)| !l.trim().is_empty());
        let unticked = |l: &str| (l.to_string(), false);
        match self {
            Content::Text(t) => Some(keep(t.lines().map(unticked).collect()).collect()),
            Content::List(items) => {
                Some(keep(items.iter().map(|i| unticked(i)).collect()).collect())
            }
            Content::Checklist(items) => {
                Some(keep(items.iter().map(|i| (i.text.clone(), i.done)).collect()).collect())
            }
            _ => None,
        }
    }

    /// This content as the given kind: converted between text, list and checklist (one line
    /// per item), from those into an action list or roadmap, unchanged when the kind
    /// already matches, `None` when it cannot be without losing something.
    pub fn converted(&self, kind: SectionKind) -> Option<Content> {
        if self.kind_slug() == kind.slug() {
            return Some(self.clone());
        }
        if !self.is_filled() {
            return Some(Content::empty(kind));
        }
        let lines = self.lines()?;
        let text = |lines: Vec<(String, bool)>| -> Vec<String> {
            lines.into_iter().map(|(l, _)| l).collect()
        };
        match kind {
            SectionKind::Text => Some(Content::Text(text(lines).join("\n"))),
            SectionKind::List { .. } => Some(Content::List(text(lines))),
            SectionKind::Checklist => Some(Content::Checklist(
                lines
                    .into_iter()
                    .map(|(text, done)| CheckItem { text, done })
                    .collect(),
            )),
            SectionKind::Actions => Some(Content::Actions(
                lines
                    .into_iter()
                    .map(|(what, done)| ActionItem {
                        what,
                        done,
                        ..ActionItem::default()
                    })
                    .collect(),
            )),
            // The roadmap used to be one checklist under the four columns' guidance. A ticked
            // line is read as in place; the others wait, unsorted, for the user to choose a
            // column, since their text alone does not say which.
            SectionKind::Roadmap => Some(Content::Roadmap(
                lines
                    .into_iter()
                    .map(|(what, done)| RoadmapItem {
                        what,
                        stage: done.then_some(RoadmapStage::InPlace),
                        note: String::new(),
                    })
                    .collect(),
            )),
            _ => None,
        }
    }

    fn kind_slug(&self) -> &'static str {
        match self {
            Content::Text(_) => "text",
            Content::List(_) => "list",
            Content::Stakeholders(_) => "stakeholders",
            Content::Kpis(_) => "kpis",
            Content::Budget(_) => "budget",
            Content::Schedule(_) => "schedule",
            Content::Checklist(_) => "checklist",
            Content::Actions(_) => "actions",
            Content::ReviewLog(_) => "review-log",
            Content::Risks(_) => "risks",
            Content::Roadmap(_) => "roadmap",
        }
    }
}

fn move_within<T>(rows: &mut Vec<T>, from: usize, to: usize) -> bool {
    if from == to || from >= rows.len() || to >= rows.len() {
        return false;
    }
    let row = rows.remove(from);
    rows.insert(to, row);
    true
}

impl Template {
    /// Whether the template has the section that shows the client's agreement; without it
    /// the agreement is shown with the plan's status instead.
    pub fn holds_consensus(&self) -> bool {
        self.sections.iter().any(|s| s.key == CONSENSUS_SECTION)
    }

    /// The name to show: never empty, and marked when built in.
    pub fn display_name(&self) -> String {
        let name = if self.name.trim().is_empty() {
            "Untitled template"
        } else {
            self.name.trim()
        };
        if self.id == BUILT_IN_TEMPLATE {
            format!("{name} (built in)")
        } else {
            name.to_string()
        }
    }
}

/// `base`, or `base 2`, `base 3`... whichever no existing name takes.
pub fn unique_name(base: &str, existing: &[&str]) -> String {
    // Taken as the account form judges it, so that a copy saved under this name is never
    // refused by that form later.
    let taken = |n: &str| existing.iter().any(|e| same_name(e, n));
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|i| format!("{base} {i}"))
        .find(|n| !taken(n))
        .expect("the sequence of names is endless")
}

/// A plan's content for one section, with the title and kind it had when last written, so a
/// section later removed from the template can still be shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanSection {
    pub key: SectionKey,
    pub title: String,
    pub content: Content,
}

/// The client's agreement with the plan.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Consensus {
    /// `YYYY-MM-DD` of the last review with the client, if any.
    pub reviewed_with_client: Option<String>,
    pub client_agreed: bool,
}

impl Consensus {
    /// Whether anything is known of the client's agreement.
    pub fn is_recorded(&self) -> bool {
        self.reviewed_with_client.is_some() || self.client_agreed
    }

    /// One sentence on where the client stands with the plan.
    pub fn summary(&self) -> String {
        use crate::support::dates::readable_date;
        match (&self.reviewed_with_client, self.client_agreed) {
            (Some(d), true) => format!(
                "Reviewed with the client on {} and agreed",
                readable_date(d)
            ),
            (Some(d), false) => format!("Reviewed with the client on {}", readable_date(d)),
            (None, true) => "The client agreed (no review date recorded)".to_string(),
            (None, false) => "Not yet reviewed with the client".to_string(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub id: PlanId,
    pub account: AccountId,
    pub template: TemplateId,
    pub created_at: String,
    pub updated_at: String,
    /// When the plan was last reviewed as a whole (marked by the user).
    #[serde(default)]
    pub reviewed_at: Option<String>,
    #[serde(default)]
    pub consensus: Consensus,
    #[serde(default)]
    pub sections: Vec<PlanSection>,
}

/// A section as the plan shows it: the template's definition with the plan's content.
#[derive(Clone, Debug, PartialEq)]
pub struct ShownSection {
    pub key: SectionKey,
    pub title: String,
    pub guidance: String,
    pub kind: SectionKind,
    pub content: Content,
    /// True for content kept from a section the template no longer has.
    pub orphaned: bool,
}

impl Plan {
    pub fn new(id: PlanId, account: AccountId, template: TemplateId, at: &str) -> Self {
        Plan {
            id,
            account,
            template,
            created_at: at.into(),
            updated_at: at.into(),
            reviewed_at: None,
            consensus: Consensus::default(),
            sections: Vec::new(),
        }
    }

    fn stored(&self, key: &str) -> Option<&PlanSection> {
        self.sections.iter().find(|s| s.key == key)
    }

    /// The plan's sections in the template's order, then any content whose section the
    /// template no longer has ("other sections"), so nothing is ever dropped.
    pub fn shown(&self, template: &Template) -> Vec<ShownSection> {
        let mut out: Vec<ShownSection> = template
            .sections
            .iter()
            .map(|d| {
                let content = self
                    .stored(&d.key)
                    .and_then(|s| s.content.converted(d.kind))
                    .unwrap_or_else(|| Content::empty(d.kind));
                ShownSection {
                    key: d.key.clone(),
                    title: if d.title.trim().is_empty() {
                        "Untitled section".into()
                    } else {
                        d.title.clone()
                    },
                    guidance: d.guidance.clone(),
                    kind: d.kind,
                    content,
                    orphaned: false,
                }
            })
            .collect();
        for s in &self.sections {
            let in_template = template
                .sections
                .iter()
                .any(|d| d.key == s.key && s.content.converted(d.kind).is_some());
            if !in_template && s.content.is_filled() {
                out.push(ShownSection {
                    key: s.key.clone(),
                    title: s.title.clone(),
                    guidance: String::new(),
                    kind: kind_of(&s.content),
                    content: s.content.clone(),
                    orphaned: true,
                });
            }
        }
        out
    }

    /// Stores content for a section. Content of another kind already stored under the key
    /// (left from before a kind change) is moved aside rather than overwritten, unless it
    /// converts into the new kind: then the editor was showing it converted, and what it
    /// writes back holds it all.
    pub fn write(&mut self, key: &str, title: &str, content: Content, at: &str) {
        let clashes = |s: &PlanSection| {
            s.key == key
                && s.content.is_filled()
                && !kind_of(&s.content).converts_into(kind_of(&content))
        };
        if let Some(i) = self.sections.iter().position(clashes) {
            let aside = (2..)
                .map(|n| format!("{key}~{n}"))
                .find(|k| self.stored(k).is_none())
                .expect("the sequence of keys is endless");
            self.sections[i].key = aside;
        }
        match self.sections.iter_mut().find(|s| s.key == key) {
            Some(s) => {
                s.title = title.to_string();
                s.content = content;
            }
            None => self.sections.push(PlanSection {
                key: key.to_string(),
                title: title.to_string(),
                content,
            }),
        }
        self.updated_at = at.to_string();
    }

    /// Moves row `from` of a section to position `to`, as the section shows its content (so
    /// content shown converted is stored converted, as typing in it would). False when
    /// nothing moved.
    pub fn move_row(&mut self, def: &SectionDef, from: usize, to: usize, at: &str) -> bool {
        let mut content = self
            .stored(&def.key)
            .and_then(|s| s.content.converted(def.kind))
            .unwrap_or_else(|| Content::empty(def.kind));
        if !content.move_row(from, to) {
            return false;
        }
        self.write(&def.key, &def.title, content, at);
        true
    }

    /// Whether a shown section has something in it. The client consensus section also counts
    /// when the client's review or agreement is recorded, which it shows.
    pub fn section_is_filled(&self, s: &ShownSection) -> bool {
        s.content.is_filled()
            || (!s.orphaned && s.key == CONSENSUS_SECTION && self.consensus.is_recorded())
    }

    /// Sections of the template with content, and how many the template has.
    pub fn completeness(&self, template: &Template) -> (usize, usize) {
        let shown = self.shown(template);
        let in_template: Vec<_> = shown.iter().filter(|s| !s.orphaned).collect();
        let filled = in_template
            .iter()
            .filter(|s| self.section_is_filled(s))
            .count();
        (filled, in_template.len())
    }

    /// True when the plan was last reviewed (or, never reviewed, created) more than
    /// `max_days` before `today`.
    pub fn is_stale(&self, today: &str, max_days: u32) -> bool {
        let since = self.reviewed_at.as_deref().unwrap_or(&self.created_at);
        days_between(since, today).is_some_and(|d| d > i64::from(max_days))
    }
}

/// The kind a piece of content was written as.
pub fn kind_of(content: &Content) -> SectionKind {
    match content {
        Content::Text(_) => SectionKind::Text,
        Content::List(_) => SectionKind::List { max: None },
        Content::Stakeholders(_) => SectionKind::Stakeholders,
        Content::Kpis(_) => SectionKind::Kpis,
        Content::Budget(_) => SectionKind::Budget,
        Content::Schedule(_) => SectionKind::Schedule,
        Content::Checklist(_) => SectionKind::Checklist,
        Content::Actions(_) => SectionKind::Actions,
        Content::ReviewLog(_) => SectionKind::ReviewLog,
        Content::Risks(_) => SectionKind::Risks,
        Content::Roadmap(_) => SectionKind::Roadmap,
    }
}

/// Whether a template's section may change to `to`: always when its content converts with
/// every word kept (see `converts_into`), and otherwise only while no plan has content in it.
pub fn can_change_kind(key: &str, from: SectionKind, to: SectionKind, plans: &[&Plan]) -> bool {
    from.converts_into(to)
        || plans
            .iter()
            .filter_map(|p| p.stored(key))
            .all(|s| !s.content.is_filled())
}

/// Default number of days after which a plan counts as stale.
pub const DEFAULT_STALE_DAYS: u32 = 90;

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn a_meeting_added_but_not_filled_in_counts_for_nothing() {
        let meeting = |date: &str, note: &str| Meeting {
            uid: "u".into(),
            date: date.into(),
            kind: MeetingKind::BusinessReview,
            note: note.into(),
        };
        let mut schedule = Schedule {
            cadence: String::new(),
            meetings: vec![meeting("", " ")],
        };
        assert!(!Content::Schedule(schedule.clone()).is_filled());
        assert!(
            schedule.by_date().is_empty(),
            "not shown or exported either"
        );
        schedule.meetings.push(meeting("", "Agenda to follow"));
        schedule.meetings.push(meeting("2027-01-15", ""));
        assert!(Content::Schedule(schedule.clone()).is_filled());
        let shown: Vec<_> = schedule.by_date().iter().map(|m| m.date.as_str()).collect();
        assert_eq!(shown, ["", "2027-01-15"]);
    }

    #[test]
    fn a_stored_budget_figure_the_form_would_refuse_reads_as_not_known() {
        let read = |text: &str| crate::support::json::read::<Budget>(text).unwrap();
        let ok = read(r#"{"hours":12.5,"money":null,"share_pct":100}"#);
        assert_eq!(
            (ok.hours, ok.money, ok.share_pct),
            (Some(12.5), None, Some(100.0))
        );
        let bad = read(r#"{"hours":-1,"money":-0.01,"share_pct":101}"#);
        assert_eq!((bad.hours, bad.money, bad.share_pct), (None, None, None));
    }

    const AT: &str = "2026-11-01T09:00:00Z";

    fn list(items: &[&str]) -> Content {
        Content::List(items.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn the_built_in_template_covers_the_key_account_elements() {
        let t = built_in_template();
        let keys: Vec<_> = t.sections.iter().map(|s| s.key.as_str()).collect();
        for k in [
            "top-issues",
            "how-we-help",
            "differentiation",
            "relationships",
            "relationships-to-build",
            "tactics",
            "budget",
            "success-measures",
            "vision",
            "technology-roadmap",
            "review-plan",
            "communication",
            "consensus",
        ] {
            assert!(keys.contains(&k), "missing {k}");
        }
        let mut unique = keys.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), keys.len());
        assert_eq!(t.sections[1].kind, SectionKind::List { max: Some(5) });
    }

    #[test]
    fn a_row_moves_to_its_new_place_and_the_others_shift() {
        let mut c = list(&["A", "B", "C", "D"]);
        assert!(c.move_row(3, 1));
        assert_eq!(c, list(&["A", "D", "B", "C"]));
        assert!(c.move_row(0, 3));
        assert_eq!(c, list(&["D", "B", "C", "A"]));
        for (from, to) in [(1, 1), (4, 0), (0, 4)] {
            assert!(!c.move_row(from, to), "{from} to {to}");
        }
        assert_eq!(c, list(&["D", "B", "C", "A"]));
        assert!(!Content::Text("A\nB".into()).move_row(0, 1));
        let person = |name: &str| Stakeholder {
            name: name.into(),
            ..Default::default()
        };
        let mut people = Content::Stakeholders(vec![person("Ann"), person("Bo")]);
        assert!(people.move_row(1, 0));
        assert_eq!(
            people,
            Content::Stakeholders(vec![person("Bo"), person("Ann")])
        );
    }

    #[test]
    fn moving_a_row_of_converted_content_stores_it_as_shown() {
        let t = built_in_template();
        let mut p = Plan::new(1, 2, 0, AT);
        // An older plan's issues kept as text: the editor shows them as a list.
        p.write(
            "top-issues",
            "Issues",
            Content::Text("Churn\nCosts\nHiring".into()),
            AT,
        );
        let def = t.sections.iter().find(|d| d.key == "top-issues").unwrap();
        assert!(p.move_row(def, 2, 0, "2026-11-02T09:00:00Z"));
        let shown = p.shown(&t);
        let issues = shown.iter().find(|s| s.key == "top-issues").unwrap();
        assert_eq!(issues.content, list(&["Hiring", "Churn", "Costs"]));
        assert!(shown.iter().all(|s| !s.orphaned), "nothing moved aside");
        assert_eq!(p.updated_at, "2026-11-02T09:00:00Z");
        assert!(!p.move_row(def, 0, 3, AT), "past the end");
        let vision = t.sections.iter().find(|d| d.key == "vision").unwrap();
        assert!(!p.move_row(vision, 0, 1, AT), "text has no rows");
    }

    #[test]
    fn the_consensus_section_counts_as_filled_once_the_agreement_is_recorded() {
        let mut t = built_in_template();
        assert!(t.holds_consensus());
        let mut p = Plan::new(1, 2, 0, AT);
        assert_eq!(p.completeness(&t), (0, 17));
        p.consensus.client_agreed = true;
        assert_eq!(p.completeness(&t), (1, 17));
        p.consensus = Consensus {
            reviewed_with_client: Some("2026-11-20".into()),
            client_agreed: false,
        };
        assert_eq!(p.completeness(&t), (1, 17));
        // A template without the section shows the agreement with the status instead.
        t.sections.retain(|s| s.key != CONSENSUS_SECTION);
        assert!(!t.holds_consensus());
        assert_eq!(p.completeness(&t), (0, 16));
    }

    #[test]
    fn names_are_never_empty_and_copies_get_their_own() {
        let mut t = built_in_template();
        assert_eq!(t.display_name(), "Key account plan (built in)");
        t.id = 5;
        t.name = "  ".into();
        assert_eq!(t.display_name(), "Untitled template");
        assert_eq!(unique_name("Mine", &["Other"]), "Mine");
        assert_eq!(unique_name("Mine", &["mine", "Mine 2"]), "Mine 3");
        // Case beyond ASCII and repeated spaces count as the same name.
        assert_eq!(
            unique_name("MÜLLER GMBH", &["Müller GmbH"]),
            "MÜLLER GMBH 2"
        );
        assert_eq!(unique_name("Acme  Corp", &["Acme Corp"]), "Acme  Corp 2");
    }

    #[test]
    fn a_new_plan_shows_every_section_empty() {
        let t = built_in_template();
        let p = Plan::new(1, 2, 0, AT);
        let shown = p.shown(&t);
        assert_eq!(shown.len(), t.sections.len());
        assert!(shown.iter().all(|s| !s.content.is_filled() && !s.orphaned));
        assert_eq!(p.completeness(&t), (0, 17));
    }

    #[test]
    fn content_of_removed_sections_is_kept_under_other_sections() {
        let mut t = built_in_template();
        let mut p = Plan::new(1, 2, 0, AT);
        p.write(
            "top-issues",
            "The client's top five issues",
            list(&["Churn"]),
            AT,
        );
        p.write("vision", "Vision", Content::Text("Grow to Asia".into()), AT);
        t.sections.retain(|s| s.key != "top-issues");
        let shown = p.shown(&t);
        let other: Vec<_> = shown.iter().filter(|s| s.orphaned).collect();
        assert_eq!(other.len(), 1);
        assert_eq!(other[0].title, "The client's top five issues");
        assert_eq!(other[0].content, list(&["Churn"]));
        // Completeness counts only the template's own sections.
        assert_eq!(p.completeness(&t), (1, 16));
    }

    #[test]
    fn renamed_and_moved_sections_keep_their_content() {
        let mut t = built_in_template();
        let mut p = Plan::new(1, 2, 0, AT);
        p.write("vision", "Vision", Content::Text("Grow".into()), AT);
        t.sections[0].title = "Where they are heading".into();
        t.sections.rotate_left(1);
        let shown = p.shown(&t);
        let vision = shown.iter().find(|s| s.key == "vision").unwrap();
        assert_eq!(vision.title, "Where they are heading");
        assert_eq!(vision.content, Content::Text("Grow".into()));
        assert!(shown.iter().all(|s| !s.orphaned));
    }

    #[test]
    fn text_list_and_checklist_convert_into_each_other() {
        let c = Content::Text("One\n\nTwo".into());
        assert_eq!(
            c.converted(SectionKind::List { max: None }),
            Some(list(&["One", "Two"]))
        );
        let checklist = list(&["A"]).converted(SectionKind::Checklist).unwrap();
        assert_eq!(
            checklist,
            Content::Checklist(vec![CheckItem {
                text: "A".into(),
                done: false
            }])
        );
        assert_eq!(
            checklist.converted(SectionKind::Text),
            Some(Content::Text("A".into()))
        );
        assert_eq!(list(&["A"]).converted(SectionKind::Kpis), None);
        assert_eq!(
            list(&[]).converted(SectionKind::Kpis),
            Some(Content::Kpis(vec![]))
        );
    }

    #[test]
    fn a_kind_change_that_would_lose_content_is_refused() {
        let mut p = Plan::new(1, 2, 0, AT);
        p.write(
            "budget",
            "Budget",
            Content::Budget(Budget {
                hours: Some(10.0),
                ..Budget::default()
            }),
            AT,
        );
        let plans = [&p];
        assert!(!can_change_kind(
            "budget",
            SectionKind::Budget,
            SectionKind::Text,
            &plans
        ));
        assert!(can_change_kind(
            "vision",
            SectionKind::Text,
            SectionKind::Kpis,
            &plans
        ));
        assert!(can_change_kind(
            "tactics",
            SectionKind::List { max: None },
            SectionKind::Checklist,
            &plans
        ));
    }

    #[test]
    fn a_section_whose_kind_changed_incompatibly_keeps_its_content_aside() {
        let mut t = built_in_template();
        let mut p = Plan::new(1, 2, 0, AT);
        p.write(
            "budget",
            "Budget",
            Content::Budget(Budget {
                hours: Some(10.0),
                ..Budget::default()
            }),
            AT,
        );
        let budget = t.sections.iter_mut().find(|s| s.key == "budget").unwrap();
        budget.kind = SectionKind::Text;
        let shown = p.shown(&t);
        assert!(shown
            .iter()
            .any(|s| s.orphaned && matches!(s.content, Content::Budget(_))));
    }

    #[test]
    fn writing_a_new_kind_moves_old_content_aside_instead_of_overwriting_it() {
        let mut p = Plan::new(1, 2, 0, AT);
        p.write(
            "budget",
            "Budget",
            Content::Budget(Budget {
                hours: Some(10.0),
                ..Budget::default()
            }),
            AT,
        );
        p.write(
            "budget",
            "Budget notes",
            Content::Text("Ask finance".into()),
            AT,
        );
        assert_eq!(p.sections.len(), 2);
        assert!(p
            .sections
            .iter()
            .any(|s| s.key == "budget~2" && matches!(s.content, Content::Budget(_))));
    }

    #[test]
    fn staleness_counts_days_since_the_last_review() {
        let mut p = Plan::new(1, 2, 0, "2026-01-01T09:00:00Z");
        assert!(p.is_stale("2026-04-15T09:00:00Z", 90));
        assert!(!p.is_stale("2026-03-01T09:00:00Z", 90));
        p.reviewed_at = Some("2026-04-01T09:00:00Z".into());
        assert!(!p.is_stale("2026-04-15T09:00:00Z", 90));
    }

    #[test]
    fn completeness_counts_filled_sections() {
        let t = built_in_template();
        let mut p = Plan::new(1, 2, 0, AT);
        p.write("top-issues", "x", list(&["", "  "]), AT);
        assert_eq!(p.completeness(&t).0, 0);
        p.write("top-issues", "x", list(&["Churn"]), AT);
        p.write(
            "relationships",
            "x",
            Content::Stakeholders(vec![Stakeholder {
                name: "Ann".into(),
                ..Default::default()
            }]),
            AT,
        );
        assert_eq!(p.completeness(&t), (2, 17));
    }

    #[test]
    fn completeness_counts_the_new_kinds_once_something_is_typed() {
        let t = built_in_template();
        let mut p = Plan::new(1, 2, 0, AT);
        // Rows added but left empty count for nothing, like an unfilled meeting.
        p.write(
            "actions",
            "x",
            Content::Actions(vec![ActionItem::default()]),
            AT,
        );
        p.write(
            "review-log",
            "x",
            Content::ReviewLog(vec![ReviewEntry::default()]),
            AT,
        );
        p.write(
            "competitors-risks",
            "x",
            Content::Risks(vec![Threat::default()]),
            AT,
        );
        p.write(
            "technology-roadmap",
            "x",
            Content::Roadmap(vec![RoadmapItem::default()]),
            AT,
        );
        assert_eq!(p.completeness(&t), (0, 17));
        p.write(
            "actions",
            "x",
            Content::Actions(vec![ActionItem {
                what: "Send the offer".into(),
                ..Default::default()
            }]),
            AT,
        );
        p.write(
            "review-log",
            "x",
            Content::ReviewLog(vec![ReviewEntry {
                wins: "Renewal".into(),
                ..Default::default()
            }]),
            AT,
        );
        p.write(
            "competitors-risks",
            "x",
            Content::Risks(vec![Threat {
                name: "Rival Ltd".into(),
                ..Default::default()
            }]),
            AT,
        );
        p.write(
            "technology-roadmap",
            "x",
            Content::Roadmap(vec![RoadmapItem {
                what: "Training".into(),
                ..Default::default()
            }]),
            AT,
        );
        p.write("mutual-goals", "x", list(&["Cut returns by half"]), AT);
        assert_eq!(p.completeness(&t), (5, 17));
    }

    #[test]
    fn the_built_in_template_has_the_development_plan_parts_in_their_places() {
        let t = built_in_template();
        let at = |key: &str| t.sections.iter().position(|s| s.key == key).unwrap();
        let kind = |key: &str| t.sections[at(key)].kind;
        assert_eq!(kind("mutual-goals"), SectionKind::List { max: None });
        assert_eq!(kind("actions"), SectionKind::Actions);
        assert_eq!(kind("review-log"), SectionKind::ReviewLog);
        assert_eq!(kind("competitors-risks"), SectionKind::Risks);
        assert_eq!(kind("technology-roadmap"), SectionKind::Roadmap);
        // Goals follow the client's issues; risks sit by how we stand out; actions follow
        // the roadmap they act on; the log follows the review schedule.
        assert_eq!(at("mutual-goals"), at("top-issues") + 1);
        assert_eq!(at("competitors-risks"), at("differentiation") + 1);
        assert_eq!(at("actions"), at("technology-roadmap") + 1);
        assert_eq!(at("review-log"), at("review-plan") + 1);
        assert_eq!(t.sections.last().unwrap().key, "consensus");
        for s in &t.sections {
            assert!(!s.guidance.is_empty(), "{} has no guidance", s.key);
        }
    }

    /// Every string in a JSON value, at any depth.
    fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
            serde_json::Value::Object(o) => o.values().for_each(|v| strings(v, out)),
            _ => {}
        }
    }

    /// Every user word in the stored sections of `plan_json` is shown by `template`.
    fn assert_every_word_shown(plan_json: &str, template: &Template) -> Plan {
        let plan: Plan = crate::support::json::read(plan_json).unwrap();
        let stored: serde_json::Value = serde_json::from_str(plan_json).unwrap();
        let mut words = Vec::new();
        for section in stored["sections"].as_array().unwrap() {
            strings(&section["content"]["value"], &mut words);
        }
        let mut shown = Vec::new();
        for s in plan.shown(template) {
            strings(&serde_json::to_value(&s.content).unwrap(), &mut shown);
        }
        let shown = shown.join("\n");
        for w in words.iter().filter(|w| !w.is_empty()) {
            // Kind names and dates are values too; user text is what matters, and all of it
            // must be there.
            assert!(shown.contains(w.as_str()), "{w:?} is no longer shown");
        }
        plan
    }

    /// A plan on the built-in template as version 3 stored it, every older kind filled in,
    /// the roadmap a checklist with one line ticked.
    const STORED_BEFORE_ROADMAP_COLUMNS: &str = r#"{"id":3,"account":7,"template":0,
        "created_at":"2026-11-01T09:00:00Z","updated_at":"2026-11-01T09:00:00Z",
        "reviewed_at":null,"consensus":{"reviewed_with_client":null,"client_agreed":false},
        "sections":[
        {"key":"vision","title":"Vision","content":{"type":"text","value":"Grow to Asia\nand Africa"}},
        {"key":"top-issues","title":"Issues","content":{"type":"list","value":["Churn","Costs"]}},
        {"key":"relationships","title":"Rel","content":{"type":"stakeholders","value":[{"name":"Ann","title":"CFO","level":"Exec","role":"champion","strength":4,"owner":"Bo","next_step":"Lunch"}]}},
        {"key":"technology-roadmap","title":"Technology roadmap","content":{"type":"checklist","value":[{"text":"Fleet tracking in place","done":true},{"text":"Could buy our training","done":false}]}},
        {"key":"budget","title":"Budget","content":{"type":"budget","value":{"hours":40,"money":null,"share_pct":8}}},
        {"key":"success-measures","title":"KPIs","content":{"type":"kpis","value":[{"metric":"NPS","baseline":"30","target":"45","actual":"","due":"2027-06-30"}]}},
        {"key":"review-plan","title":"Reviews","content":{"type":"schedule","value":{"cadence":"Monthly","meetings":[{"uid":"a1","date":"2026-12-15","kind":"business-review","note":"Q4"}]}}}
        ]}"#;

    #[test]
    fn plans_stored_before_the_new_kinds_keep_every_word_in_place() {
        let t = built_in_template();
        let plan = assert_every_word_shown(STORED_BEFORE_ROADMAP_COLUMNS, &t);
        let shown = plan.shown(&t);
        assert!(shown.iter().all(|s| !s.orphaned), "nothing moves aside");
        let roadmap = shown
            .iter()
            .find(|s| s.key == "technology-roadmap")
            .unwrap();
        assert_eq!(
            roadmap.content,
            Content::Roadmap(vec![
                RoadmapItem {
                    what: "Fleet tracking in place".into(),
                    stage: Some(RoadmapStage::InPlace),
                    note: String::new(),
                },
                RoadmapItem {
                    what: "Could buy our training".into(),
                    stage: None,
                    note: String::new(),
                },
            ])
        );
        assert_eq!(plan.completeness(&t), (7, 17));
    }

    #[test]
    fn the_v3_fixtures_plans_keep_every_word_under_their_own_templates() {
        let doc =
            crate::storage::schema::decode(include_str!("../../tests/fixtures/v3.json")).unwrap();
        let stored: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/fixtures/v3.json")).unwrap();
        for (i, plan) in doc.plans.plans.iter().enumerate() {
            let template = doc
                .plans
                .template(plan.template)
                .unwrap_or_else(built_in_template);
            let read = assert_every_word_shown(&stored["plans"]["plans"][i].to_string(), &template);
            assert_eq!(&read, &**plan);
        }
    }

    #[test]
    fn editing_the_converted_roadmap_replaces_the_old_checklist_without_a_copy_aside() {
        let t = built_in_template();
        let mut p: Plan = crate::support::json::read(STORED_BEFORE_ROADMAP_COLUMNS).unwrap();
        let shown = p.shown(&t);
        let Content::Roadmap(mut items) = shown
            .iter()
            .find(|s| s.key == "technology-roadmap")
            .unwrap()
            .content
            .clone()
        else {
            panic!("not shown as a roadmap");
        };
        items[1].stage = Some(RoadmapStage::CouldOffer);
        p.write(
            "technology-roadmap",
            "Roadmap",
            Content::Roadmap(items.clone()),
            AT,
        );
        assert!(p.shown(&t).iter().all(|s| !s.orphaned));
        assert!(!p
            .sections
            .iter()
            .any(|s| s.key.starts_with("technology-roadmap~")));
        let json = serde_json::to_string(&p).unwrap();
        let again: Plan = crate::support::json::read(&json).unwrap();
        assert_eq!(again, p);
        assert!(json.contains(r#""stage":"could-offer""#), "{json}");
    }

    #[test]
    fn text_converts_into_actions_and_a_roadmap_but_not_back() {
        let c = Content::Checklist(vec![
            CheckItem {
                text: "Call Ann".into(),
                done: true,
            },
            CheckItem {
                text: "Visit".into(),
                done: false,
            },
        ]);
        let actions = c.converted(SectionKind::Actions).unwrap();
        assert_eq!(
            actions,
            Content::Actions(vec![
                ActionItem {
                    what: "Call Ann".into(),
                    done: true,
                    ..Default::default()
                },
                ActionItem {
                    what: "Visit".into(),
                    ..Default::default()
                },
            ])
        );
        // Back to a checklist would drop owners and dates.
        assert_eq!(actions.converted(SectionKind::Checklist), None);
        assert_eq!(
            Content::Text("One\n\nTwo".into())
                .converted(SectionKind::Roadmap)
                .unwrap()
                .row_count(),
            2
        );
        assert_eq!(c.converted(SectionKind::Risks), None);

        let mut p = Plan::new(1, 2, 0, AT);
        p.write("k", "K", c, AT);
        let plans = [&p];
        assert!(can_change_kind(
            "k",
            SectionKind::Checklist,
            SectionKind::Roadmap,
            &plans
        ));
        p.write("k", "K", actions, AT);
        let plans = [&p];
        assert!(!can_change_kind(
            "k",
            SectionKind::Actions,
            SectionKind::List { max: None },
            &plans
        ));
        assert!(can_change_kind(
            "other",
            SectionKind::Actions,
            SectionKind::Text,
            &plans
        ));
    }

    #[test]
    fn every_kind_has_a_slug_of_its_own_that_reads_back() {
        for kind in SectionKind::CHOICES {
            assert_eq!(
                SectionKind::from_slug(kind.slug()).map(|k| k.slug()),
                Some(kind.slug())
            );
            assert_eq!(kind_of(&Content::empty(kind)).slug(), kind.slug());
            assert_eq!(Content::empty(kind).kind_slug(), kind.slug());
        }
    }

    #[test]
    fn the_new_kinds_round_trip_through_a_backup() {
        use crate::domain::backup;
        let mut doc = crate::storage::schema::Document::default();
        let mut p = Plan::new(1, 2, 0, AT);
        for (key, content) in sample_of_new_kinds() {
            p.write(key, key, content, AT);
        }
        doc.plans.plans.push(std::rc::Rc::new(p.clone()));
        let text = backup::export(&doc, AT, crate::domain::backup::Scope::Everything);
        let incoming = backup::parse(&text).unwrap();
        assert_eq!(&*incoming.doc.plans.plans[0], &p);
    }

    /// One filled-in section of each new kind, with text a reader could take for markup.
    pub(crate) fn sample_of_new_kinds() -> Vec<(&'static str, Content)> {
        vec![
            ("mutual-goals", list(&["Halve *returns*"])),
            (
                "actions",
                Content::Actions(vec![ActionItem {
                    what: "Send | the offer".into(),
                    owner: "<b>Priya</b>".into(),
                    due: "2027-01-31".into(),
                    done: true,
                }]),
            ),
            (
                "review-log",
                Content::ReviewLog(vec![ReviewEntry {
                    date: "2026-12-15".into(),
                    wins: "Renewal\n# signed".into(),
                    challenges: "- late trucks".into(),
                    decisions: "[weekly](javascript:x) calls".into(),
                    next_steps: "1. visit the plant".into(),
                }]),
            ),
            (
                "competitors-risks",
                Content::Risks(vec![Threat {
                    name: "Rival_Ltd".into(),
                    kind: ThreatKind::Competitor,
                    severity: Some(Severity::High),
                    threat: "Cheaper | support".into(),
                    response: "Show `uptime`".into(),
                }]),
            ),
            (
                "technology-roadmap",
                Content::Roadmap(vec![
                    RoadmapItem {
                        what: "Fleet ~~tracking~~".into(),
                        stage: Some(RoadmapStage::InPlace),
                        note: "since 2024".into(),
                    },
                    RoadmapItem {
                        what: "+ Training".into(),
                        stage: None,
                        note: String::new(),
                    },
                ]),
            ),
        ]
    }
}
