//! A colleague's newer link for an account already copied: how the copy stands against the
//! link, what updating it would change, and the update itself.
//!
//! A link leaves revenue, notes or a plan out when the sender chose to; nothing the link
//! does not carry is taken from the copy.

use super::accounts::{Account, CopySource};
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

/// What updating the copy would change, one line each, in words: the account's details,
/// each rating, and each plan section changed, added or removed.
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
    field("Name", &mine.name, &link.name);
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
    match (my_plan, &link.plan) {
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

/// The copy brought up to the link's version; the copy's own id, manager, market figures
/// and date of creation stay, and so does whatever the link does not carry.
pub fn updated(mine: &Account, link: &SharedAccount, at: &str) -> Account {
    let mut next = mine.clone();
    next.name = link.name.trim().to_string();
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
    next.copied_from = link.source.clone();
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
        assert_eq!(next.copied_from, private.source);
        assert_eq!(next.reviewed_at.as_deref(), Some("2026-11-06T00:00:00Z"));
    }
}
