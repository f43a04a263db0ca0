//! What a client link carries: the plan as a document for the client, and nothing the firm
//! keeps to itself. No ratings, weights, thresholds, quadrant, growth-share data, revenue,
//! notes or the template's guidance ever go in; only the firm's name (and a small logo), the
//! account's name, the sections' titles and content, and where the client stands with it.
//!
//! Before a link is made the sender sees every piece of free text that will go out, and may
//! reword or drop each one for this link alone: [`text_fields`] lists them, [`apply_edits`]
//! applies what the sender chose.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};

use super::plans::{Consensus, Content, Plan, PlanSection, SectionKind, Template};
use super::settings::{is_image_data_url, FirmProfile};

/// Logos whose `data:` URL is longer stay out of client links: a link many thousand
/// characters longer breaks in some mail programs, and the firm's name still heads the plan.
pub const MAX_LINK_LOGO_CHARS: usize = 8_000;

/// A section as the client reads it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClientSection {
    pub key: String,
    #[serde(default)]
    pub title: String,
    pub content: Content,
}

/// The plan as a client link carries it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClientPlan {
    #[serde(default)]
    pub firm: String,
    /// Only a picture may come in as the logo: anything else is dropped, not shown.
    #[serde(
        default,
        deserialize_with = "image_only",
        skip_serializing_if = "Option::is_none"
    )]
    pub logo: Option<String>,
    pub account: String,
    /// For amounts in a budget section, should the sender send one.
    #[serde(default)]
    pub currency: String,
    /// `YYYY-MM-DD` of the plan's last change.
    #[serde(default)]
    pub updated_on: String,
    #[serde(default)]
    pub consensus: Consensus,
    #[serde(default)]
    pub sections: Vec<ClientSection>,
}

fn image_only<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<String>::deserialize(d)?.filter(|l| is_image_data_url(l)))
}

/// Sections about our own side of the account (what we spend on it, who we fear might take
/// it): left out of client links unless the sender ticks them.
pub fn internal_by_default(kind: SectionKind) -> bool {
    matches!(kind, SectionKind::Budget | SectionKind::Risks)
}

/// The content with our private judgements of the client's people (their role in the
/// decision, how strong our relationship is) taken out.
fn client_safe(content: &Content) -> Content {
    match content {
        Content::Stakeholders(rows) => Content::Stakeholders(
            rows.iter()
                .cloned()
                .map(|mut r| {
                    r.role = None;
                    r.strength = None;
                    r
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

/// The stakeholder rows of every section replaced by numbered people ("Person 1"), rows
/// never named staying unnamed.
pub fn without_stakeholder_names(sections: &mut [PlanSection]) {
    for s in sections {
        if let Content::Stakeholders(rows) = &mut s.content {
            let named = rows.iter_mut().filter(|r| !r.name.trim().is_empty());
            for (i, r) in named.enumerate() {
                r.name = format!("Person {}", i + 1);
            }
        }
    }
}

/// The names of every person in the plan's stakeholder tables.
pub fn stakeholder_names(plan: &Plan) -> Vec<String> {
    plan.sections
        .iter()
        .filter_map(|s| match &s.content {
            Content::Stakeholders(rows) => Some(rows),
            _ => None,
        })
        .flatten()
        .map(|r| r.name.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect()
}

/// What the sender chose for the client link.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClientChoices {
    /// Keys of the sections to send; others stay out.
    pub sections: Vec<String>,
    pub without_stakeholder_names: bool,
}

/// The filled sections of a plan the client could be sent, in the plan's order, with their
/// titles and whether they are sent unless the sender says otherwise.
pub fn offered_sections(plan: &Plan, template: &Template) -> Vec<(String, String, bool)> {
    plan.shown(template)
        .into_iter()
        .filter(|s| !s.orphaned && s.content.is_filled())
        .map(|s| (s.key, s.title, !internal_by_default(s.kind)))
        .collect()
}

/// The plan as the client would get it, before the sender's edits to its text.
pub fn client_plan(
    account_name: &str,
    currency: &str,
    firm: &FirmProfile,
    plan: &Plan,
    template: &Template,
    choices: &ClientChoices,
) -> ClientPlan {
    let mut sections: Vec<PlanSection> = plan
        .shown(template)
        .into_iter()
        .filter(|s| !s.orphaned && s.content.is_filled() && choices.sections.contains(&s.key))
        .map(|s| PlanSection {
            key: s.key,
            title: s.title,
            content: client_safe(&s.content),
        })
        .collect();
    if choices.without_stakeholder_names {
        without_stakeholder_names(&mut sections);
    }
    ClientPlan {
        firm: firm.name.trim().to_string(),
        logo: firm
            .logo
            .clone()
            .filter(|l| l.len() <= MAX_LINK_LOGO_CHARS && is_image_data_url(l)),
        account: account_name.trim().to_string(),
        currency: currency.to_string(),
        updated_on: plan.updated_at.chars().take(10).collect(),
        consensus: plan.consensus.clone(),
        sections: sections
            .into_iter()
            .map(|s| ClientSection {
                key: s.key,
                title: s.title,
                content: s.content,
            })
            .collect(),
    }
}

/// One piece of free text that a link would carry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextField {
    /// Stable within one plan: the section's key and where in it.
    pub id: String,
    /// The section's title.
    pub section: String,
    /// Where in the section, in words ("Item 2", "Person 1: next step"); empty for a
    /// section that is one text.
    pub place: String,
    pub text: String,
}

/// Calls `f` with every piece of free text in `content`, its place in words, and its path.
fn visit_text(content: &mut Content, f: &mut dyn FnMut(&str, String, &mut String)) {
    let rows = |n: usize,
                column: &str,
                text: &mut String,
                f: &mut dyn FnMut(&str, String, &mut String)| {
        f(
            &format!("{n}.{column}"),
            format!("Row {}: {column}", n + 1),
            text,
        )
    };
    match content {
        Content::Text(t) => f("", String::new(), t),
        Content::List(items) => {
            for (i, t) in items.iter_mut().enumerate() {
                f(&i.to_string(), format!("Item {}", i + 1), t);
            }
        }
        Content::Checklist(items) => {
            for (i, t) in items.iter_mut().enumerate() {
                f(&i.to_string(), format!("Item {}", i + 1), &mut t.text);
            }
        }
        Content::Stakeholders(people) => {
            for (i, p) in people.iter_mut().enumerate() {
                rows(i, "title", &mut p.title, f);
                rows(i, "level", &mut p.level, f);
                rows(i, "owner", &mut p.owner, f);
                rows(i, "next step", &mut p.next_step, f);
            }
        }
        Content::Kpis(kpis) => {
            for (i, k) in kpis.iter_mut().enumerate() {
                rows(i, "metric", &mut k.metric, f);
                rows(i, "baseline", &mut k.baseline, f);
                rows(i, "target", &mut k.target, f);
                rows(i, "actual", &mut k.actual, f);
            }
        }
        Content::Budget(_) => {}
        Content::Schedule(s) => {
            f("cadence", "Check-in rhythm".into(), &mut s.cadence);
            for (i, m) in s.meetings.iter_mut().enumerate() {
                rows(i, "note", &mut m.note, f);
            }
        }
        Content::Actions(actions) => {
            for (i, a) in actions.iter_mut().enumerate() {
                rows(i, "what", &mut a.what, f);
                rows(i, "owner", &mut a.owner, f);
            }
        }
        Content::ReviewLog(entries) => {
            for (i, e) in entries.iter_mut().enumerate() {
                rows(i, "wins", &mut e.wins, f);
                rows(i, "challenges", &mut e.challenges, f);
                rows(i, "decisions", &mut e.decisions, f);
                rows(i, "next steps", &mut e.next_steps, f);
            }
        }
        Content::Risks(threats) => {
            for (i, t) in threats.iter_mut().enumerate() {
                rows(i, "name", &mut t.name, f);
                rows(i, "what is at stake", &mut t.threat, f);
                rows(i, "our response", &mut t.response, f);
            }
        }
        Content::Roadmap(items) => {
            for (i, r) in items.iter_mut().enumerate() {
                rows(i, "what", &mut r.what, f);
                rows(i, "note", &mut r.note, f);
            }
        }
    }
}

/// Every piece of free text with something in it, section by section.
pub fn text_fields(sections: &[ClientSection]) -> Vec<TextField> {
    let mut out = Vec::new();
    for s in sections {
        let mut content = s.content.clone();
        visit_text(&mut content, &mut |path, place, text| {
            if !text.trim().is_empty() {
                out.push(TextField {
                    id: format!("{}/{path}", s.key),
                    section: s.title.clone(),
                    place,
                    text: text.clone(),
                });
            }
        });
    }
    out
}

/// What the sender did to one piece of text, for this link only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    Reworded(String),
    LeftOut,
}

/// The sender's edits, by [`TextField::id`].
pub type Edits = BTreeMap<String, Edit>;

fn edit_content(key: &str, content: &mut Content, edits: &Edits) {
    visit_text(
        content,
        &mut |path, _, text| match edits.get(&format!("{key}/{path}")) {
            Some(Edit::Reworded(new)) => *text = new.clone(),
            Some(Edit::LeftOut) => text.clear(),
            None => {}
        },
    );
}

/// Applies the sender's edits; text left out goes out empty, and a section with nothing
/// left in it does not go out at all.
pub fn apply_edits(sections: &mut Vec<ClientSection>, edits: &Edits) {
    for s in sections.iter_mut() {
        edit_content(&s.key, &mut s.content, edits);
    }
    sections.retain(|s| s.content.is_filled());
}

/// A plan's sections as the text review lists them, for a colleague's link.
pub fn reviewed_sections(sections: &[PlanSection]) -> Vec<ClientSection> {
    sections
        .iter()
        .filter(|s| s.content.is_filled())
        .map(|s| ClientSection {
            key: s.key.clone(),
            title: s.title.clone(),
            content: s.content.clone(),
        })
        .collect()
}

/// As [`apply_edits`], on the plan a colleague's link carries.
pub fn apply_plan_edits(sections: &mut [PlanSection], edits: &Edits) {
    for s in sections.iter_mut() {
        edit_content(&s.key, &mut s.content, edits);
    }
}

/// Puts back into a colleague's link plan, from a kept copy's own sections, what the link
/// left out: the stakeholders' names (with `names`), matched by section and row, and each
/// piece of text whose id is in `texts`. Rows and text the copy does not have stay as sent.
pub fn keep_left_out(
    sections: &mut [PlanSection],
    mine: &[PlanSection],
    names: bool,
    texts: &[String],
) {
    for s in sections.iter_mut() {
        let Some(own) = mine.iter().find(|m| m.key == s.key) else {
            continue;
        };
        if let (true, Content::Stakeholders(rows), Content::Stakeholders(own_rows)) =
            (names, &mut s.content, &own.content)
        {
            for (row, own_row) in rows.iter_mut().zip(own_rows) {
                if !row.name.trim().is_empty() && !own_row.name.trim().is_empty() {
                    row.name.clone_from(&own_row.name);
                }
            }
        }
        let mut kept = BTreeMap::new();
        visit_text(&mut own.content.clone(), &mut |path, _, text| {
            let id = format!("{}/{path}", s.key);
            if texts.contains(&id) {
                kept.insert(id, text.clone());
            }
        });
        if !kept.is_empty() {
            visit_text(&mut s.content, &mut |path, _, text| {
                if let Some(own) = kept.get(&format!("{}/{path}", s.key)) {
                    text.clone_from(own);
                }
            });
        }
    }
}

/// The id of the account's notes in the text review of a colleague's link.
pub const NOTES_FIELD: &str = "notes/";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plans::{built_in_template, Budget, DecisionRole, Stakeholder};

    fn plan() -> Plan {
        let at = "2026-11-02T09:00:00Z";
        let mut plan = Plan::new(9, 1, 0, "2026-11-01T00:00:00Z");
        plan.write(
            "vision",
            "Vision",
            Content::Text("Grow with Ann Lee's team".into()),
            at,
        );
        plan.write(
            "relationships",
            "Rel",
            Content::Stakeholders(vec![Stakeholder {
                name: "Ann Lee".into(),
                title: "CFO".into(),
                role: Some(DecisionRole::Blocker),
                strength: Some(2),
                next_step: "Win her over".into(),
                ..Default::default()
            }]),
            at,
        );
        plan.write(
            "budget",
            "Budget",
            Content::Budget(Budget {
                hours: Some(40.0),
                money: Some(12_345.0),
                share_pct: None,
            }),
            at,
        );
        plan
    }

    fn all_but_budget(plan: &Plan) -> ClientChoices {
        ClientChoices {
            sections: offered_sections(plan, &built_in_template())
                .into_iter()
                .filter(|(_, _, on)| *on)
                .map(|(k, _, _)| k)
                .collect(),
            without_stakeholder_names: false,
        }
    }

    #[test]
    fn our_budget_and_risks_are_offered_but_not_sent_unless_ticked() {
        let offered = offered_sections(&plan(), &built_in_template());
        let keys: Vec<(&str, bool)> = offered.iter().map(|(k, _, on)| (k.as_str(), *on)).collect();
        assert_eq!(
            keys,
            vec![("vision", true), ("relationships", true), ("budget", false)]
        );
    }

    #[test]
    fn a_client_plan_carries_no_judgement_of_the_clients_people_and_no_guidance() {
        let plan = plan();
        let firm = FirmProfile {
            name: " Acme Advisory ".into(),
            contact: "hello@acme.test".into(),
            logo: Some("data:image/png;base64,iVBORw0KGgo=".into()),
        };
        let sent = client_plan(
            "Northwind",
            "EUR",
            &firm,
            &plan,
            &built_in_template(),
            &all_but_budget(&plan),
        );
        assert_eq!(sent.firm, "Acme Advisory");
        assert!(sent.logo.is_some());
        assert_eq!(sent.updated_on, "2026-11-02");
        let text = crate::support::json::to_text(&sent);
        for internal in [
            "blocker",
            "strength\":2",
            "12345",
            "Where the client wants",
            "hello@acme",
        ] {
            assert!(!text.contains(internal), "{internal} went out in {text}");
        }
        assert!(text.contains("Ann Lee") && text.contains("Win her over"));
        let back: ClientPlan = crate::support::json::read(&text).unwrap();
        assert_eq!(back, sent);
    }

    #[test]
    fn a_large_logo_or_anything_but_a_picture_stays_out() {
        let plan = plan();
        let mut firm = FirmProfile {
            name: "Acme".into(),
            logo: Some(format!(
                "data:image/png;base64,{}",
                "A".repeat(MAX_LINK_LOGO_CHARS)
            )),
            ..Default::default()
        };
        let choices = all_but_budget(&plan);
        assert_eq!(
            client_plan("N", "EUR", &firm, &plan, &built_in_template(), &choices).logo,
            None
        );
        firm.logo = Some("javascript:alert(1)".into());
        assert_eq!(
            client_plan("N", "EUR", &firm, &plan, &built_in_template(), &choices).logo,
            None
        );
        let crafted =
            r#"{"account":"N","logo":"data:text/html;base64,PHNjcmlwdD4=","sections":[]}"#;
        let read: ClientPlan = crate::support::json::read(crafted).unwrap();
        assert_eq!(read.logo, None);
    }

    #[test]
    fn every_piece_of_text_is_listed_and_can_be_reworded_or_left_out() {
        let plan = plan();
        let mut choices = all_but_budget(&plan);
        choices.without_stakeholder_names = true;
        let mut sent = client_plan(
            "N",
            "EUR",
            &FirmProfile::default(),
            &plan,
            &built_in_template(),
            &choices,
        );
        let fields = text_fields(&sent.sections);
        let listed: Vec<(&str, &str)> = fields
            .iter()
            .map(|f| (f.id.as_str(), f.text.as_str()))
            .collect();
        assert_eq!(
            listed,
            vec![
                ("vision/", "Grow with Ann Lee's team"),
                ("relationships/0.title", "CFO"),
                ("relationships/0.next step", "Win her over"),
            ]
        );
        let mut edits = Edits::new();
        edits.insert(
            "vision/".into(),
            Edit::Reworded("Grow with the finance team".into()),
        );
        edits.insert("relationships/0.next step".into(), Edit::LeftOut);
        apply_edits(&mut sent.sections, &edits);
        let text = crate::support::json::to_text(&sent);
        assert!(
            !text.contains("Ann") && !text.contains("Win her over"),
            "{text}"
        );
        assert!(text.contains("Grow with the finance team") && text.contains("Person 1"));
        // A section whose only text was left out does not go out empty.
        edits.insert("vision/".into(), Edit::LeftOut);
        apply_edits(&mut sent.sections, &edits);
        assert!(sent.sections.iter().all(|s| s.key != "vision"));
    }

    #[test]
    fn the_names_to_look_for_come_from_the_stakeholder_tables() {
        assert_eq!(stakeholder_names(&plan()), vec!["Ann Lee".to_string()]);
    }
}
