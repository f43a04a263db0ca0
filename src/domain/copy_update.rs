//! A colleague's newer link for an account already copied: how the copy stands against the
//! link, what updating it would change, and the update itself.
//!
//! A link leaves revenue, notes, stakeholders' names, pieces of text or a plan out when the
//! sender chose to; nothing the link does not carry is taken from the copy, and the copy keeps
//! its own name.

use super::accounts::{Account, CopySource};
use super::client_share::keep_left_out;
use super::plans::{Content, Plan, Template};
use super::rating::CRITERIA;
use super::settings::format_money;
use super::share::{later, SharedAccount};

/// How a kept copy compares with the account in a link for the same account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// The link holds a later version: the copy can be updated.
    LinkIsNewer,
    SameVersion,
    /// The copy was saved from a later link than this one.
    CopyIsNewer,
}

pub fn standing(copy: &CopySource, link: &CopySource) -> Standing {
    if later(&link.updated_at, &copy.updated_at) {
        Standing::LinkIsNewer
    } else if later(&copy.updated_at, &link.updated_at) {
        Standing::CopyIsNewer
    } else {
        Standing::SameVersion
    }
}

/// The copy among `accounts` of the account a link holds, if one was kept.
pub fn kept_copy<'a>(accounts: &'a [Account], link: &SharedAccount) -> Option<&'a Account> {
    let source = link.source.as_ref()?;
    // The latest copy, should there be more than one (a separate copy saved on purpose).
    accounts
        .iter()
        .filter(|a| a.copied_from.as_ref().is_some_and(|c| c.key == source.key))
        .max_by(|a, b| {
            let at = |x: &Account| x.copied_from.as_ref().map(|c| c.updated_at.clone());
            at(a).cmp(&at(b))
        })
}

fn money(v: Option<f64>, currency: &str) -> String {
    v.map_or("none".into(), |v| format_money(v, currency))
}

/// Whether the link's stakeholders are numbered people rather than names. Links made before
/// they said so leave names out the same way, as "Person 1", "Person 2"… in row order.
fn names_left_out(link: &SharedAccount, plan: &Plan) -> bool {
    link.left_out.names || {
        let names = super::client_share::stakeholder_names(plan);
        !names.is_empty()
            && names
                .iter()
                .enumerate()
                .all(|(i, n)| *n == format!("Person {}", i + 1))
    }
}

/// The link's plan as the copy would take it: with the copy's own stakeholders' names and
/// text wherever the link left them out.
pub fn incoming_plan(my_plan: Option<&Plan>, link: &SharedAccount) -> Option<(Template, Plan)> {
    let (template, mut plan) = link.plan.clone()?;
    if let Some(mine) = my_plan {
        let names = names_left_out(link, &plan);
        keep_left_out(
            &mut plan.sections,
            &mine.sections,
            names,
            &link.left_out.texts,
        );
    }
    Some((template, plan))
}

/// A part of the copy changed here after it was last saved or updated from a link, which
/// updating would replace, and when it was last changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnChange {
    pub what: &'static str,
    pub at: String,
}

/// What the colleague changed in their copy since it last came from a link, where the link
/// carries a version of it; nothing for copies kept before that moment was recorded.
pub fn own_changes(mine: &Account, my_plan: Option<&Plan>, link: &SharedAccount) -> Vec<OwnChange> {
    let Some(copied_at) = mine
        .copied_from
        .as_ref()
        .map(|c| c.copied_at.as_str())
        .filter(|c| !c.is_empty())
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if later(&mine.updated_at, copied_at) {
        out.push(OwnChange {
            what: "Its details or ratings",
            at: mine.updated_at.clone(),
        });
    }
    if let (Some(plan), Some(_)) = (my_plan, &link.plan) {
        if later(&plan.updated_at, copied_at) {
            out.push(OwnChange {
                what: "Its account plan",
                at: plan.updated_at.clone(),
            });
        }
    }
    out
}

/// What updating the copy would change, one line each, in words: the account's details,
/// each rating, and each plan section changed, added or removed. The copy's name is not
/// among them: it keeps its own.
pub fn changes(
    mine: &Account,
    my_plan: Option<(&Template, &Plan)>,
    link: &SharedAccount,
) -> Vec<String> {
    let mut out = Vec::new();
    let mut field = |what: &str, old: &str, new: &str| {
        if old.trim() != new.trim() {
            let shown = |s: &str| {
                if s.trim().is_empty() {
                    "none".to_string()
                } else {
                    s.trim().to_string()
                }
            };
            out.push(format!("{what}: {} → {}", shown(old), shown(new)));
        }
    };
    field("Industry", &mine.industry, &link.industry);
    field("Tier", mine.tier.letter(), link.tier.letter());
    let currency = if link.currency.is_empty() {
        "USD"
    } else {
        &link.currency
    };
    if link.revenue.is_some() && link.revenue != mine.revenue {
        out.push(format!(
            "Revenue: {} → {}",
            money(mine.revenue, currency),
            money(link.revenue, currency)
        ));
    }
    if !link.notes.trim().is_empty() && link.notes.trim() != mine.notes.trim() {
        out.push("Notes changed".into());
    }
    for c in &CRITERIA {
        let (old, new) = (mine.ratings.get(c.id), link.ratings.get(c.id));
        if old != new {
            let shown = |r: Option<u8>| r.map_or("not rated".into(), |r| format!("{r}/5"));
            out.push(format!("{}: {} → {}", c.title, shown(old), shown(new)));
        }
    }
    let incoming = incoming_plan(my_plan.map(|(_, p)| p), link);
    match (my_plan, &incoming) {
        (_, None) => {}
        (None, Some(_)) => out.push("Account plan added".into()),
        (Some((my_template, my_plan)), Some((template, plan))) => {
            let filled = |t: &Template, p: &Plan| -> Vec<(String, String, Content)> {
                p.shown(t)
                    .into_iter()
                    .filter(|s| s.content.is_filled())
                    .map(|s| (s.key, s.title, s.content))
                    .collect()
            };
            let (old, new) = (filled(my_template, my_plan), filled(template, plan));
            for (key, title, content) in &new {
                match old.iter().find(|(k, _, _)| k == key) {
                    None => out.push(format!("Plan section added: {title}")),
                    Some((_, _, c)) if c != content => {
                        out.push(format!("Plan section changed: {title}"))
                    }
                    Some(_) => {}
                }
            }
            for (key, title, _) in &old {
                if !new.iter().any(|(k, _, _)| k == key) {
                    out.push(format!("Plan section emptied or removed: {title}"));
                }
            }
            if my_plan.consensus != plan.consensus {
                out.push(format!("Client consensus: {}", plan.consensus.summary()));
            }
        }
    }
    out
}

/// The copy brought up to the link's version; the copy's own name, id, manager, market
/// figures and date of creation stay, and so does whatever the link does not carry. Its
/// plan comes from [`incoming_plan`].
pub fn updated(mine: &Account, link: &SharedAccount, at: &str) -> Account {
    let mut next = mine.clone();
    next.industry = link.industry.clone();
    next.tier = link.tier;
    if link.revenue.is_some() {
        next.revenue = link.revenue;
    }
    if !link.notes.trim().is_empty() {
        next.notes = link.notes.clone();
    }
    if next.ratings != link.ratings {
        next.ratings = link.ratings.clone().sanitized();
        next.reviewed_at = Some(at.to_string());
    }
    next.updated_at = at.to_string();
    next.copied_from = link.source.clone().map(|source| CopySource {
        copied_at: at.to_string(),
        ..source
    });
    next
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_accounts;
    use crate::domain::plans::built_in_template;
    use crate::domain::quadrant::Thresholds;
    use crate::domain::rating::{CriterionId, Weights};
    use crate::domain::share::{shared_account, Privacy};

    fn link(account: &Account, plan: Option<Plan>) -> SharedAccount {
        shared_account(
            account,
            "EUR",
            &Weights::default(),
            Thresholds::default(),
            plan.map(|p| (built_in_template(), p)),
            Privacy::default(),
        )
    }

    fn copy_of(link: &SharedAccount) -> Account {
        let mut copy = demo_accounts(1, "2026-11-01T00:00:00Z").remove(0);
        copy.id = 40;
        copy.manager = "Me".into();
        copy.copied_from = link.source.clone();
        copy
    }

    #[test]
    fn the_copy_is_found_by_the_links_key_and_compared_by_time() {
        let sender = demo_accounts(1, "2026-11-01T00:00:00Z").remove(0);
        let first = link(&sender, None);
        let copy = copy_of(&first);
        let mut changed = sender.clone();
        changed.tier = crate::domain::accounts::Tier::C;
        changed.updated_at = "2026-11-03T10:00:00+01:00".into();
        let newer = link(&changed, None);
        assert_eq!(
            newer.source.as_ref().unwrap().key,
            first.source.as_ref().unwrap().key
        );
        let accounts = vec![copy.clone()];
        let found = kept_copy(&accounts, &newer).unwrap();
        let (c, l) = (
            found.copied_from.as_ref().unwrap(),
            newer.source.as_ref().unwrap(),
        );
        assert_eq!(standing(c, l), Standing::LinkIsNewer);
        assert_eq!(standing(l, l), Standing::SameVersion);
        assert_eq!(standing(l, c), Standing::CopyIsNewer);
        // Another account of the sender's is another key.
        let mut other = sender.clone();
        other.id += 1;
        assert_eq!(kept_copy(&accounts, &link(&other, None)), None);
    }

    #[test]
    fn what_would_change_is_listed_field_by_field_rating_by_rating_section_by_section() {
        let mut sender = demo_accounts(1, "2026-11-01T00:00:00Z").remove(0);
        let mut plan = Plan::new(9, sender.id, 0, "2026-11-01T00:00:00Z");
        plan.write(
            "vision",
            "Vision",
            Content::Text("Grow".into()),
            "2026-11-01T00:00:00Z",
        );
        plan.write(
            "top-issues",
            "Issues",
            Content::List(vec!["Cost".into()]),
            "2026-11-01T00:00:00Z",
        );
        let first = link(&sender, Some(plan.clone()));
        let copy = copy_of(&first);
        let (template, my_plan) = first.plan.clone().unwrap();
        assert_eq!(
            changes(&copy, Some((&template, &my_plan)), &first),
            Vec::<String>::new()
        );

        sender.tier = crate::domain::accounts::Tier::C;
        sender.ratings.set(CriterionId::NeedsFit, Some(1));
        plan.write(
            "vision",
            "Vision",
            Content::Text("Grow fast".into()),
            "2026-11-04T00:00:00Z",
        );
        plan.write(
            "top-issues",
            "Issues",
            Content::List(vec![]),
            "2026-11-04T00:00:00Z",
        );
        plan.write(
            "differentiation",
            "Diff",
            Content::Text("Speed".into()),
            "2026-11-04T00:00:00Z",
        );
        let newer = link(&sender, Some(plan));
        let listed = changes(&copy, Some((&template, &my_plan)), &newer);
        let needs_fit_was = copy
            .ratings
            .get(CriterionId::NeedsFit)
            .map_or("not rated".into(), |r| format!("{r}/5"));
        assert_eq!(
            listed,
            vec![
                format!("Tier: {} → C", copy.tier.letter()),
                format!("Their needs fit our capabilities: {needs_fit_was} → 1/5"),
                "Plan section changed: Client's business vision (1-3 years)".to_string(),
                "Plan section added: How we stand out".to_string(),
                "Plan section emptied or removed: The client's top five issues".to_string(),
            ]
        );
        assert_eq!(
            changes(&copy, None, &newer).last().map(String::as_str),
            Some("Account plan added")
        );
    }

    #[test]
    fn updating_keeps_what_the_link_left_out_and_the_copys_own_fields() {
        let mut sender = demo_accounts(1, "2026-11-01T00:00:00Z").remove(0);
        let copy = copy_of(&link(&sender, None));
        sender.ratings.set(CriterionId::NeedsFit, Some(1));
        sender.updated_at = "2026-11-05T00:00:00Z".into();
        let private = shared_account(
            &sender,
            "EUR",
            &Weights::default(),
            Thresholds::default(),
            None,
            Privacy {
                without_revenue: true,
                without_notes: true,
                without_stakeholder_names: true,
            },
        );
        let next = updated(&copy, &private, "2026-11-06T00:00:00Z");
        assert_eq!(next.ratings.get(CriterionId::NeedsFit), Some(1));
        assert_eq!((next.revenue, &next.notes), (copy.revenue, &copy.notes));
        assert_eq!((next.id, next.manager.as_str()), (40, "Me"));
        assert_eq!(
            next.copied_from,
            private.source.clone().map(|s| CopySource {
                copied_at: "2026-11-06T00:00:00Z".into(),
                ..s
            })
        );
        assert_eq!(next.reviewed_at.as_deref(), Some("2026-11-06T00:00:00Z"));
    }

    fn person(name: &str, next_step: &str) -> crate::domain::plans::Stakeholder {
        crate::domain::plans::Stakeholder {
            name: name.into(),
            next_step: next_step.into(),
            ..Default::default()
        }
    }

    fn plan_with(people: Vec<crate::domain::plans::Stakeholder>, vision: &str, at: &str) -> Plan {
        let mut plan = Plan::new(9, 1, 0, at);
        plan.write("relationships", "Rel", Content::Stakeholders(people), at);
        plan.write("vision", "Vision", Content::Text(vision.into()), at);
        plan
    }

    #[test]
    fn names_and_text_the_link_left_out_are_kept_from_the_copy_row_by_row() {
        let sender = demo_accounts(1, "2026-11-01T00:00:00Z").remove(0);
        let at = "2026-11-05T00:00:00Z";
        let sent = plan_with(
            vec![
                person("Ann Lee", "Lunch"),
                person("", "Find a sponsor"),
                person("Bo Chen", "Demo"),
            ],
            "Grow",
            at,
        );
        let mut link = shared_account(
            &sender,
            "EUR",
            &Weights::default(),
            Thresholds::default(),
            Some((built_in_template(), sent)),
            Privacy {
                without_stakeholder_names: true,
                ..Privacy::default()
            },
        );
        assert!(link.left_out.names);
        // The sender also held the vision back in the names review.
        link.left_out.texts = vec!["vision/".into()];
        if let Some((_, p)) = &mut link.plan {
            p.write("vision", "Vision", Content::Text(String::new()), at);
        }
        let copy = copy_of(&link);
        let mine = plan_with(
            vec![
                person("Ann Lee-Smith", "Lunch"),
                person("", "x"),
                person("Bo Chen", "Call"),
            ],
            "Grow in Asia",
            "2026-11-02T00:00:00Z",
        );
        let (_, taken) = incoming_plan(Some(&mine), &link).unwrap();
        let rows = match &taken.sections[0].content {
            Content::Stakeholders(rows) => rows.clone(),
            other => panic!("{other:?}"),
        };
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["Ann Lee-Smith", "", "Bo Chen"]);
        // What the link does carry still replaces the copy's.
        assert_eq!(rows[2].next_step, "Demo");
        assert_eq!(
            taken.sections[1].content,
            Content::Text("Grow in Asia".into())
        );
        let template = built_in_template();
        let listed = changes(&copy, Some((&template, &mine)), &link);
        assert!(
            listed.iter().all(|l| !l.contains("business vision")),
            "{listed:?}"
        );
        assert!(listed.contains(&"Plan section changed: Key relationships today".to_string()));

        // Without the flag and with a real name sent, names are the sender's.
        let mut named = link.clone();
        named.left_out.names = false;
        if let Some((_, p)) = &mut named.plan {
            if let Content::Stakeholders(rows) = &mut p.sections[0].content {
                rows[0].name = "Ann Lee".into();
            }
        }
        let (_, taken) = incoming_plan(Some(&mine), &named).unwrap();
        match &taken.sections[0].content {
            Content::Stakeholders(rows) => {
                assert_eq!(
                    (rows[0].name.as_str(), rows[2].name.as_str()),
                    ("Ann Lee", "Person 2")
                )
            }
            other => panic!("{other:?}"),
        }
        // A link made before the flag, with its numbered people, keeps the copy's names.
        let mut older = link.clone();
        older.left_out = Default::default();
        let (_, taken) = incoming_plan(Some(&mine), &older).unwrap();
        assert_eq!(
            crate::domain::client_share::stakeholder_names(&taken),
            ["Ann Lee-Smith", "Bo Chen"]
        );
    }

    #[test]
    fn the_copy_keeps_its_own_name() {
        let mut sender = demo_accounts(1, "2026-11-01T00:00:00Z").remove(0);
        let mut copy = copy_of(&link(&sender, None));
        copy.name = "Acme (2)".into();
        sender.name = "Acme Holdings".into();
        let newer = link(&sender, None);
        assert!(changes(&copy, None, &newer)
            .iter()
            .all(|l| !l.contains("Name")));
        assert_eq!(
            updated(&copy, &newer, "2026-11-06T00:00:00Z").name,
            "Acme (2)"
        );
    }

    #[test]
    fn changes_made_to_the_copy_after_it_came_are_told_apart_from_the_senders() {
        let sender = demo_accounts(1, "2026-11-01T00:00:00Z").remove(0);
        let plan = plan_with(vec![], "Grow", "2026-11-01T00:00:00Z");
        let newer = link(&sender, Some(plan.clone()));
        let mut copy = copy_of(&newer);
        let mut mine = plan.clone();
        // Kept before the moment was recorded: nothing can be told.
        copy.updated_at = "2026-11-09T00:00:00Z".into();
        assert_eq!(own_changes(&copy, Some(&mine), &newer), vec![]);

        copy.copied_from.as_mut().unwrap().copied_at = "2026-11-08T00:00:00Z".into();
        copy.updated_at = "2026-11-08T00:00:00Z".into();
        mine.updated_at = "2026-11-01T00:00:00Z".into();
        assert_eq!(own_changes(&copy, Some(&mine), &newer), vec![]);

        copy.updated_at = "2026-11-09T10:00:00+01:00".into();
        mine.updated_at = "2026-11-10T00:00:00Z".into();
        assert_eq!(
            own_changes(&copy, Some(&mine), &newer),
            vec![
                OwnChange {
                    what: "Its details or ratings",
                    at: "2026-11-09T10:00:00+01:00".into()
                },
                OwnChange {
                    what: "Its account plan",
                    at: "2026-11-10T00:00:00Z".into()
                },
            ]
        );
        // A link without a plan leaves the copy's plan alone, so its changes are not at stake.
        let no_plan = link(&sender, None);
        assert_eq!(own_changes(&copy, Some(&mine), &no_plan).len(), 1);
    }
}
