//! Saved assessments and how they compare over time.

use serde::{Deserialize, Serialize};

use super::grader::{grade, Answers, Grade};
use super::practices::{PracticeId, PRACTICES};
use crate::support::case::folded;
use crate::support::dates::{date_part, instant, is_real_date, readable_date, readable_date_time};
use crate::support::sorting::sort_by_key;

/// Identifies a saved assessment; never reused within one document.
pub type AssessmentId = u64;

/// One completed assessment, kept so that progress shows over time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedAssessment {
    pub id: AssessmentId,
    /// RFC 3339 UTC timestamp of when it was saved.
    pub saved_at: String,
    /// Optional team or period name, such as "Sales team, Q3".
    #[serde(default)]
    pub label: String,
    pub answers: Answers,
    /// Which team answered, for telling several teams' trends apart; may be empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub team: String,
    /// `YYYY-MM-DD`: the day the assessment stands for when it was recorded later than that
    /// (a quarter entered after the fact). Without it, the day it was saved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessed_on: Option<String>,
}

/// The longest label and team name kept, in characters.
pub const MAX_LABEL: usize = 80;
pub const MAX_TEAM: usize = 60;

impl SavedAssessment {
    pub fn grade(&self) -> Grade {
        grade(&self.answers)
    }

    /// The `YYYY-MM-DD` day the assessment stands for.
    pub fn day(&self) -> &str {
        self.assessed_on
            .as_deref()
            .unwrap_or_else(|| date_part(&self.saved_at))
    }

    /// When it was, for reading: the day it stands for, or, without one, the moment it was
    /// saved with the clock time to tell apart two saves of one day.
    pub fn when(&self) -> String {
        match &self.assessed_on {
            Some(day) => readable_date(day),
            None => readable_date_time(&self.saved_at),
        }
    }

    /// How a sentence names it: "Q2 review (30 Jun 2026)", or the date alone.
    pub fn name(&self) -> String {
        let date = readable_date(self.day());
        if self.label.is_empty() {
            date
        } else {
            format!("{} ({date})", self.label)
        }
    }
}

/// The team's latest saved assessment, if it has exactly the answers given now: the Grader
/// then says they are saved already, so that coming back to it later does not save them twice
/// without a word. Teams compare as everywhere ([`team_key`]); no answers, no match.
pub fn saved_with_these_answers<'a>(
    history: &'a [SavedAssessment],
    answers: &Answers,
    team: &str,
) -> Option<&'a SavedAssessment> {
    // Most renders (an answer given, a letter typed) find no assessment with these answers,
    // and need no team's key or order.
    if answers.is_empty() || !history.iter().any(|a| a.answers == *answers) {
        return None;
    }
    let team = team_key(team);
    chronological(history)
        .into_iter()
        .rev()
        .find(|a| team_key(&a.team) == team)
        .filter(|latest| latest.answers == *answers)
}

/// What changed between two assessments.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Change {
    /// Practices done now that were not done before, in checklist order.
    pub gained: Vec<PracticeId>,
    /// Practices done before that are not done now, in checklist order.
    pub lost: Vec<PracticeId>,
}

impl Change {
    pub fn is_empty(&self) -> bool {
        self.gained.is_empty() && self.lost.is_empty()
    }
}

/// Compares a later set of answers with an earlier one.
pub fn diff(earlier: &Answers, later: &Answers) -> Change {
    let mut change = Change::default();
    for p in &PRACTICES {
        match (earlier.does(p.id), later.does(p.id)) {
            (false, true) => change.gained.push(p.id),
            (true, false) => change.lost.push(p.id),
            _ => {}
        }
    }
    change
}

/// Saved assessments ordered oldest first, the order of the trend chart.
///
/// Ordered by the time each stands for: the start of its day (UTC) when it was recorded for
/// an earlier day, else the moment it was saved, whatever time zone that was in. Ties go by
/// the moment saved, then by the order of saving (ids grow). A damaged timestamp sorts first
/// rather than hiding the assessment.
pub fn chronological(history: &[SavedAssessment]) -> Vec<&SavedAssessment> {
    let mut sorted: Vec<_> = history.iter().collect();
    sort_by_key(&mut sorted, |a| {
        let saved = instant(&a.saved_at);
        let stands_for = a.assessed_on.as_deref().map_or(saved, instant);
        (stands_for, saved, a.id)
    });
    sorted
}

/// Team names compare without regard to case, accents or spaces around and between words:
/// "Sales" and "sales " are one team, as are "Équipe Nord" and "EQUIPE  NORD".
fn team_key(team: &str) -> String {
    folded(&team.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The assessment of the same team just before the one at `position` of `sorted` (oldest
/// first). Assessments without a team count as one team of their own, so that a team's
/// progress is never measured against another team's answers.
pub fn previous_in_team<'a>(
    sorted: &[&'a SavedAssessment],
    position: usize,
) -> Option<&'a SavedAssessment> {
    let team = team_key(&sorted.get(position)?.team);
    sorted[..position]
        .iter()
        .rev()
        .find(|a| team_key(&a.team) == team)
        .copied()
}

/// Whether any of `assessments` names its team: History then shows the teams.
pub fn teams_named(assessments: &[&SavedAssessment]) -> bool {
    assessments.iter().any(|a| !a.team.trim().is_empty())
}

/// What History's "Since previous" column says of each of `sorted` (oldest first), in the
/// same order: the practices gained and lost since the same team's previous assessment (as
/// [`previous_in_team`] finds it), or which first this is. Once teams are named, the oldest
/// is the first of its team like any other.
pub fn since_previous(sorted: &[&SavedAssessment]) -> Vec<String> {
    let teams_named = teams_named(sorted);
    // Each team's key once: a long history would otherwise lower-case every earlier name
    // for each row.
    let mut latest_of_team: std::collections::HashMap<String, &SavedAssessment> =
        std::collections::HashMap::new();
    sorted
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let previous = latest_of_team.insert(team_key(&a.team), a);
            match previous.map(|p| diff(&p.answers, &a.answers)) {
                None if i == 0 && !teams_named => "First assessment".to_string(),
                None if a.team.trim().is_empty() => "First without a team".to_string(),
                None => format!("First for {}", a.team.trim()),
                Some(c) if c.is_empty() => "Same practices".to_string(),
                Some(c) => [(c.gained.len(), "gained"), (c.lost.len(), "lost")]
                    .iter()
                    .filter(|(n, _)| *n > 0)
                    .map(|(n, what)| format!("{n} {what}"))
                    .collect::<Vec<_>>()
                    .join(", "),
            }
        })
        .collect()
}

/// The assessment of the same team just before the one with `id`, if any.
pub fn previous_of(history: &[SavedAssessment], id: AssessmentId) -> Option<&SavedAssessment> {
    let sorted = chronological(history);
    let pos = sorted.iter().position(|a| a.id == id)?;
    previous_in_team(&sorted, pos)
}

/// Every team name used, once each (in its latest spelling), in alphabetical order: the
/// suggestions offered where a team is typed.
pub fn teams_used(history: &[SavedAssessment]) -> Vec<String> {
    let mut teams: Vec<(String, String)> = Vec::new();
    for a in chronological(history) {
        let name = a.team.trim();
        if name.is_empty() {
            continue;
        }
        let key = team_key(name);
        match teams.iter_mut().find(|(k, _)| *k == key) {
            Some(entry) => entry.1 = name.to_string(),
            None => teams.push((key, name.to_string())),
        }
    }
    sort_by_key(&mut teams, |(k, _)| k.clone());
    teams.into_iter().map(|(_, name)| name).collect()
}

/// What the trend chart draws one line for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupBy {
    /// One line through every assessment.
    Nothing,
    Team,
    Label,
}

impl GroupBy {
    pub const ALL: [GroupBy; 3] = [GroupBy::Nothing, GroupBy::Team, GroupBy::Label];

    pub fn slug(self) -> &'static str {
        match self {
            GroupBy::Nothing => "none",
            GroupBy::Team => "team",
            GroupBy::Label => "label",
        }
    }

    pub fn from_slug(slug: &str) -> Option<GroupBy> {
        GroupBy::ALL.into_iter().find(|g| g.slug() == slug)
    }

    /// The choice as a menu shows it.
    pub fn title(self) -> &'static str {
        match self {
            GroupBy::Nothing => "Nothing (one line)",
            GroupBy::Team => "Team",
            GroupBy::Label => "Label",
        }
    }

    fn of(self, a: &SavedAssessment) -> &str {
        match self {
            GroupBy::Nothing => "",
            GroupBy::Team => &a.team,
            GroupBy::Label => &a.label,
        }
    }

    fn name_of_none(self) -> &'static str {
        match self {
            GroupBy::Nothing => "All assessments",
            GroupBy::Team => "No team",
            GroupBy::Label => "No label",
        }
    }

    /// What the chart draws before the user chooses: a line for each team once the
    /// assessments belong to more than one (those without a team count as one, as they do
    /// for "since previous"), since a single line through them would read as one team's
    /// trend; else one line.
    pub fn suggested(history: &[SavedAssessment]) -> GroupBy {
        let first = history.first().map(|a| team_key(&a.team));
        if history.iter().any(|a| Some(team_key(&a.team)) != first) {
            GroupBy::Team
        } else {
            GroupBy::Nothing
        }
    }
}

/// How the History screen's chart is drawn, as the user last chose: kept while the app is
/// open, so that coming back from an assessment finds the chart as it was left.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrendView {
    /// What a line is drawn for; `None` until the user chooses ([`GroupBy::suggested`]).
    pub by: Option<GroupBy>,
    /// The lines unticked, by group key; forgotten when the grouping changes.
    pub hidden: Vec<String>,
    /// Whether the chart's figures are open as a table.
    pub table_open: bool,
}

impl TrendView {
    /// The grouping drawn for `history`.
    pub fn by_for(&self, history: &[SavedAssessment]) -> GroupBy {
        self.by.unwrap_or_else(|| GroupBy::suggested(history))
    }

    /// Drawn by `by` from now on, every line of it shown.
    pub fn grouped_by(&self, by: GroupBy) -> TrendView {
        TrendView {
            by: Some(by),
            hidden: Vec::new(),
            ..self.clone()
        }
    }

    /// With the line of `key` (a group of `by`, the grouping drawn) shown or not. The
    /// grouping becomes the user's choice: should it follow the data instead, a key hidden
    /// under one grouping could hide the only line of another, with no box to tick.
    pub fn showing(&self, by: GroupBy, key: &str, shown: bool) -> TrendView {
        let mut hidden: Vec<String> = self.hidden.iter().filter(|k| *k != key).cloned().collect();
        if !shown {
            hidden.push(key.to_string());
        }
        TrendView {
            by: Some(by),
            hidden,
            ..self.clone()
        }
    }

    pub fn is_shown(&self, key: &str) -> bool {
        !self.hidden.iter().any(|k| k == key)
    }
}

/// Assessments that share a team or a label, oldest first.
#[derive(Clone, Debug, PartialEq)]
pub struct Group<'a> {
    /// Tells groups apart: the team or label without case; empty for those without one.
    pub key: String,
    pub name: String,
    pub members: Vec<&'a SavedAssessment>,
}

/// `sorted` (oldest first) split into groups, alphabetically by name, those without a team or
/// label last. Each group's name is its latest spelling.
pub fn grouped<'a>(sorted: &[&'a SavedAssessment], by: GroupBy) -> Vec<Group<'a>> {
    let mut groups: Vec<Group<'a>> = Vec::new();
    for &a in sorted {
        let name = by.of(a).trim();
        let key = team_key(name);
        let name = if name.is_empty() {
            by.name_of_none().to_string()
        } else {
            name.to_string()
        };
        match groups.iter_mut().find(|g| g.key == key) {
            Some(group) => {
                group.name = name;
                group.members.push(a);
            }
            None => groups.push(Group {
                key,
                name,
                members: vec![a],
            }),
        }
    }
    sort_by_key(&mut groups, |g| (g.key.is_empty(), g.key.clone()));
    groups
}

/// A saved assessment's details as typed in the form that changes them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DetailsForm {
    pub label: String,
    pub team: String,
    /// `YYYY-MM-DD`, as a date input gives it; empty when what was typed is not a whole date.
    pub date: String,
}

/// Details that passed [`DetailsForm::validate`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidDetails {
    pub label: String,
    pub team: String,
    /// `None` when the date is the day it was saved.
    pub assessed_on: Option<String>,
}

/// Which field a problem is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DetailsField {
    Label,
    Team,
    Date,
}

/// Why details cannot be kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DetailsProblem {
    LabelTooLong,
    TeamTooLong,
    NoDate,
    NotADate(String),
    TooEarly(String),
    InTheFuture(String),
}

impl DetailsProblem {
    pub fn field(&self) -> DetailsField {
        match self {
            DetailsProblem::LabelTooLong => DetailsField::Label,
            DetailsProblem::TeamTooLong => DetailsField::Team,
            _ => DetailsField::Date,
        }
    }

    pub fn message(&self) -> String {
        match self {
            DetailsProblem::LabelTooLong => {
                format!("Keep the label to {MAX_LABEL} characters or fewer.")
            }
            DetailsProblem::TeamTooLong => {
                format!("Keep the team name to {MAX_TEAM} characters or fewer.")
            }
            DetailsProblem::NoDate => {
                "Enter the whole date the assessment stands for: day, month and year.".into()
            }
            DetailsProblem::NotADate(text) => {
                format!("\"{text}\" is not a date on the calendar. Pick the day again.")
            }
            DetailsProblem::TooEarly(day) => format!(
                "{} is before the year 2000, which looks like a typing slip. Check the year.",
                readable_date(day)
            ),
            DetailsProblem::InTheFuture(day) => format!(
                "{} has not happened yet. Choose today or an earlier day.",
                readable_date(day)
            ),
        }
    }
}

impl DetailsForm {
    /// The form filled with what `a` has now.
    pub fn of(a: &SavedAssessment) -> Self {
        DetailsForm {
            label: a.label.clone(),
            team: a.team.clone(),
            date: a.day().to_string(),
        }
    }

    /// Checks the details for the assessment saved at `saved_at`, on the day `today`
    /// (`YYYY-MM-DD`, the user's own).
    pub fn validate(&self, saved_at: &str, today: &str) -> Result<ValidDetails, DetailsProblem> {
        let label = self.label.trim();
        let team = self.team.trim();
        let date = self.date.trim();
        if label.chars().count() > MAX_LABEL {
            return Err(DetailsProblem::LabelTooLong);
        }
        if team.chars().count() > MAX_TEAM {
            return Err(DetailsProblem::TeamTooLong);
        }
        if date.is_empty() {
            return Err(DetailsProblem::NoDate);
        }
        check_day(date, today)?;
        Ok(ValidDetails {
            label: label.into(),
            team: team.into(),
            assessed_on: (date != date_part(saved_at)).then(|| date.to_string()),
        })
    }
}

/// Whether `date` (`YYYY-MM-DD`) can be the day an assessment stands for, on the day `today`.
fn check_day(date: &str, today: &str) -> Result<(), DetailsProblem> {
    if !is_real_date(date) {
        return Err(DetailsProblem::NotADate(date.into()));
    }
    // Both are YYYY-MM-DD, so their text orders as their days do.
    if date < "2000-01-01" {
        return Err(DetailsProblem::TooEarly(date.into()));
    }
    if date > today {
        return Err(DetailsProblem::InTheFuture(date.into()));
    }
    Ok(())
}

/// The day an assessment saved at `saved_at` stands for, from the date typed with it
/// (`YYYY-MM-DD`, or empty for the day it is saved): `None` for that day itself.
pub fn day_for_save(date: &str, saved_at: &str) -> Result<Option<String>, DetailsProblem> {
    let date = date.trim();
    let today = date_part(saved_at);
    if date.is_empty() || date == today {
        return Ok(None);
    }
    check_day(date, today)?;
    Ok(Some(date.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use PracticeId::*;

    fn saved(id: AssessmentId, at: &str, yes: &[PracticeId]) -> SavedAssessment {
        SavedAssessment {
            id,
            saved_at: at.into(),
            label: String::new(),
            answers: Answers::all_answered_with_yes(yes),
            team: String::new(),
            assessed_on: None,
        }
    }

    #[test]
    fn answers_saved_already_are_found_in_the_team_s_latest_assessment_only() {
        let mut history = vec![
            saved(1, "2026-01-01T00:00:00Z", &[AssignedManager]),
            saved(2, "2026-02-01T00:00:00Z", &[GrowthGoals]),
        ];
        history[1].team = "Sales".into();
        let growth = Answers::all_answered_with_yes(&[GrowthGoals]);
        let found = |history: &[SavedAssessment], answers: &Answers, team: &str| {
            saved_with_these_answers(history, answers, team).map(|a| a.id)
        };
        assert_eq!(found(&history, &growth, " SALES"), Some(2));
        assert_eq!(found(&history, &growth, ""), None, "another team's");
        let manager = Answers::all_answered_with_yes(&[AssignedManager]);
        assert_eq!(found(&history, &manager, ""), Some(1));
        assert_eq!(
            found(&history, &manager, "Sales"),
            None,
            "not the team's latest"
        );
        assert_eq!(found(&history, &Answers::default(), ""), None);
        history.push(saved(3, "2026-03-01T00:00:00Z", &[NpsSurvey]));
        assert_eq!(
            found(&history, &manager, ""),
            None,
            "an older one is not the latest"
        );
    }

    #[test]
    fn diff_lists_gained_and_lost_practices() {
        let before = Answers::all_answered_with_yes(&[AssignedManager, NpsSurvey]);
        let after = Answers::all_answered_with_yes(&[AssignedManager, GrowthGoals, ClientVision]);
        let change = diff(&before, &after);
        assert_eq!(change.gained, vec![GrowthGoals, ClientVision]);
        assert_eq!(change.lost, vec![NpsSurvey]);
    }

    #[test]
    fn since_previous_counts_practices_gained_and_lost_within_a_team() {
        let mut history = vec![
            saved(1, "2026-01-01T00:00:00Z", &[AssignedManager]),
            saved(2, "2026-02-01T00:00:00Z", &[AssignedManager]),
            saved(3, "2026-03-01T00:00:00Z", &[GrowthGoals, ClientVision]),
        ];
        let texts = since_previous(&chronological(&history));
        assert_eq!(
            texts,
            ["First assessment", "Same practices", "2 gained, 1 lost"]
        );

        history[1].team = " Sales ".into();
        history[2].team = "sales".into();
        let texts = since_previous(&chronological(&history));
        assert_eq!(
            texts,
            [
                "First without a team",
                "First for Sales",
                "2 gained, 1 lost"
            ]
        );
    }

    #[test]
    fn unanswered_and_not_yet_are_the_same_for_the_diff() {
        let mut before = Answers::default();
        before.set(GrowthGoals, crate::domain::grader::Answer::NotYet);
        assert!(diff(&before, &Answers::default()).is_empty());
    }

    #[test]
    fn previous_is_by_date_not_by_position_in_the_list() {
        let history = vec![
            saved(3, "2026-09-01T10:00:00.000Z", &[]),
            saved(1, "2026-03-01T10:00:00.000Z", &[]),
            saved(2, "2026-06-01T10:00:00.000Z", &[]),
        ];
        assert_eq!(previous_of(&history, 3).map(|a| a.id), Some(2));
        assert_eq!(previous_of(&history, 2).map(|a| a.id), Some(1));
        assert_eq!(previous_of(&history, 1), None);
        assert_eq!(previous_of(&history, 99), None);
    }

    #[test]
    fn order_follows_the_moment_not_the_text() {
        // 23:00 in Honolulu is later than 08:00 UTC the next day... by an hour.
        let history = vec![
            saved(1, "2026-11-23T08:00:00Z", &[]),
            saved(2, "2026-11-22T23:00:00-10:00", &[]),
        ];
        let ids: Vec<_> = chronological(&history).iter().map(|a| a.id).collect();
        assert_eq!(ids, vec![1, 2]);
    }

    #[test]
    fn same_timestamp_keeps_saving_order() {
        let history = vec![
            saved(8, "2026-09-01T10:00:00.000Z", &[]),
            saved(7, "2026-09-01T10:00:00.000Z", &[]),
        ];
        let ids: Vec<_> = chronological(&history).iter().map(|a| a.id).collect();
        assert_eq!(ids, vec![7, 8]);
    }

    fn of_team(id: AssessmentId, at: &str, team: &str) -> SavedAssessment {
        SavedAssessment {
            team: team.into(),
            ..saved(id, at, &[])
        }
    }

    fn recorded_for(id: AssessmentId, at: &str, day: &str) -> SavedAssessment {
        SavedAssessment {
            assessed_on: Some(day.into()),
            ..saved(id, at, &[])
        }
    }

    fn ids(list: &[&SavedAssessment]) -> Vec<AssessmentId> {
        list.iter().map(|a| a.id).collect()
    }

    #[test]
    fn an_assessment_recorded_after_the_fact_sorts_by_the_day_it_stands_for() {
        let history = vec![
            saved(1, "2026-05-01T10:00:00Z", &[]),
            saved(2, "2026-08-01T10:00:00Z", &[]),
            // Entered in November for the end of June.
            recorded_for(3, "2026-11-20T10:00:00Z", "2026-06-30"),
        ];
        assert_eq!(ids(&chronological(&history)), vec![1, 3, 2]);
        assert_eq!(previous_of(&history, 2).map(|a| a.id), Some(3));
        assert_eq!(previous_of(&history, 3).map(|a| a.id), Some(1));
    }

    #[test]
    fn two_assessments_for_one_day_go_by_when_they_were_saved_then_by_id() {
        let history = vec![
            recorded_for(5, "2026-11-20T10:00:00Z", "2026-06-30"),
            recorded_for(4, "2026-11-21T10:00:00Z", "2026-06-30"),
            recorded_for(6, "2026-11-20T10:00:00Z", "2026-06-30"),
        ];
        assert_eq!(ids(&chronological(&history)), vec![5, 6, 4]);
    }

    #[test]
    fn previous_is_the_same_teams_and_no_team_is_a_team_of_its_own() {
        let history = vec![
            of_team(1, "2026-01-01T10:00:00Z", "Sales"),
            of_team(2, "2026-02-01T10:00:00Z", "Support"),
            of_team(3, "2026-03-01T10:00:00Z", ""),
            of_team(4, "2026-04-01T10:00:00Z", " sales"),
            of_team(5, "2026-05-01T10:00:00Z", ""),
            of_team(6, "2026-06-01T10:00:00Z", "Service"),
        ];
        assert_eq!(previous_of(&history, 4).map(|a| a.id), Some(1));
        assert_eq!(previous_of(&history, 5).map(|a| a.id), Some(3));
        assert_eq!(previous_of(&history, 2), None);
        assert_eq!(previous_of(&history, 6), None);
    }

    #[test]
    fn teams_are_suggested_once_each_in_their_latest_spelling() {
        let history = vec![
            of_team(1, "2026-01-01T10:00:00Z", "sales"),
            of_team(2, "2026-02-01T10:00:00Z", "Support"),
            of_team(3, "2026-03-01T10:00:00Z", ""),
            of_team(4, "2026-04-01T10:00:00Z", "Sales "),
        ];
        assert_eq!(teams_used(&history), vec!["Sales", "Support"]);
    }

    #[test]
    fn groups_are_alphabetical_with_the_unnamed_last() {
        let history = vec![
            of_team(1, "2026-01-01T10:00:00Z", "Support"),
            of_team(2, "2026-02-01T10:00:00Z", ""),
            of_team(3, "2026-03-01T10:00:00Z", "Sales"),
            of_team(4, "2026-04-01T10:00:00Z", "support"),
        ];
        let sorted = chronological(&history);
        let groups = grouped(&sorted, GroupBy::Team);
        let summary: Vec<_> = groups
            .iter()
            .map(|g| (g.name.as_str(), ids(&g.members)))
            .collect();
        assert_eq!(
            summary,
            vec![
                ("Sales", vec![3]),
                ("support", vec![1, 4]),
                ("No team", vec![2])
            ]
        );
        let all = grouped(&sorted, GroupBy::Nothing);
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].name, "All assessments");
        assert_eq!(ids(&all[0].members), vec![1, 2, 3, 4]);
        // No labels at all: one group of them, named for what they lack.
        let by_label = grouped(&sorted, GroupBy::Label);
        assert_eq!(by_label.len(), 1);
        assert_eq!(by_label[0].name, "No label");
        assert_eq!(GroupBy::from_slug("label"), Some(GroupBy::Label));
        assert_eq!(GroupBy::from_slug("x"), None);
    }

    /// Assessments a month apart, of these teams in turn.
    fn of_teams(teams: &[&str]) -> Vec<SavedAssessment> {
        (1..)
            .zip(teams)
            .map(|(i, team)| of_team(i, &format!("2026-{i:02}-01T10:00:00Z"), team))
            .collect()
    }

    #[test]
    fn the_chart_draws_a_line_per_team_once_there_is_more_than_one() {
        let suggested = |teams: &[&str]| GroupBy::suggested(&of_teams(teams));
        assert_eq!(suggested(&[]), GroupBy::Nothing);
        assert_eq!(suggested(&["North", " north"]), GroupBy::Nothing);
        assert_eq!(suggested(&["", ""]), GroupBy::Nothing);
        assert_eq!(suggested(&["North", "North", "South"]), GroupBy::Team);
        // Those without a team are a team of their own, as "since previous" counts them.
        assert_eq!(suggested(&["", "North"]), GroupBy::Team);
    }

    #[test]
    fn the_chart_keeps_the_users_choice_and_forgets_hidden_lines_with_the_grouping() {
        let two_teams = of_teams(&["North", "South"]);
        let view = TrendView::default();
        assert_eq!(view.by_for(&two_teams), GroupBy::Team);
        let view = view.grouped_by(GroupBy::Nothing);
        assert_eq!(view.by_for(&two_teams), GroupBy::Nothing);
        let view = view
            .grouped_by(GroupBy::Label)
            .showing(GroupBy::Label, "q1", false);
        assert!(!view.is_shown("q1") && view.is_shown("q2"));
        assert!(view.showing(GroupBy::Label, "q1", true).is_shown("q1"));
        let view = TrendView {
            table_open: true,
            ..view
        }
        .grouped_by(GroupBy::Team);
        assert!(view.is_shown("q1"), "a new grouping shows every line");
        assert!(view.table_open, "the table stays as it was");
    }

    #[test]
    fn a_line_hidden_under_the_suggested_grouping_keeps_that_grouping() {
        // North twice and one without a team: a line each, and the user hides "No team".
        let mut history = of_teams(&["North", "North", ""]);
        let view = TrendView::default();
        let by = view.by_for(&history);
        assert_eq!(by, GroupBy::Team);
        let view = view.showing(by, "", false);
        // The assessment without a team is deleted: one team left, whose line still shows,
        // rather than a single line under the key hidden ("" is also "every assessment").
        history.pop();
        let by = view.by_for(&history);
        assert_eq!(by, GroupBy::Team);
        let sorted = chronological(&history);
        assert!(grouped(&sorted, by).iter().any(|g| view.is_shown(&g.key)));
    }

    #[test]
    fn names_use_the_label_and_the_day_it_stands_for() {
        let mut a = recorded_for(1, "2026-11-20T10:00:00Z", "2026-06-30");
        assert_eq!(a.name(), "30 Jun 2026");
        assert_eq!(a.when(), "30 Jun 2026");
        a.label = "Q2 review".into();
        assert_eq!(a.name(), "Q2 review (30 Jun 2026)");
        a.assessed_on = None;
        assert_eq!(a.name(), "Q2 review (20 Nov 2026)");
        assert_eq!(a.when(), "20 Nov 2026, 10:00");
    }

    fn form(date: &str) -> DetailsForm {
        DetailsForm {
            label: " Q2 review ".into(),
            team: " Sales ".into(),
            date: date.into(),
        }
    }

    const SAVED: &str = "2026-11-20T10:00:00+01:00";
    const TODAY: &str = "2026-11-22";

    #[test]
    fn details_keep_a_real_past_date_trimmed_text() {
        let valid = form("2026-06-30").validate(SAVED, TODAY).unwrap();
        assert_eq!(valid.label, "Q2 review");
        assert_eq!(valid.team, "Sales");
        assert_eq!(valid.assessed_on.as_deref(), Some("2026-06-30"));
        // Today is allowed, and the day it was saved needs no date of its own.
        assert!(form(TODAY).validate(SAVED, TODAY).is_ok());
        let same_day = form("2026-11-20").validate(SAVED, TODAY).unwrap();
        assert_eq!(same_day.assessed_on, None);
    }

    #[test]
    fn details_refuse_missing_impossible_early_and_future_dates() {
        let problem = |date: &str| form(date).validate(SAVED, TODAY).unwrap_err();
        assert_eq!(problem(""), DetailsProblem::NoDate);
        assert_eq!(
            problem("2026-02-30"),
            DetailsProblem::NotADate("2026-02-30".into())
        );
        assert_eq!(
            problem("0206-06-30"),
            DetailsProblem::TooEarly("0206-06-30".into())
        );
        let future = problem("2026-11-23");
        assert_eq!(future.field(), DetailsField::Date);
        assert_eq!(
            future.message(),
            "23 Nov 2026 has not happened yet. Choose today or an earlier day."
        );
        let long = DetailsForm {
            label: "x".repeat(MAX_LABEL + 1),
            ..form("2026-06-30")
        };
        assert_eq!(
            long.validate(SAVED, TODAY),
            Err(DetailsProblem::LabelTooLong)
        );
    }
}
