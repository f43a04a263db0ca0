//! Keeping what others shared through a link: a result as one's own assessment, a copy of
//! an account with its plan, and a kept copy brought up to a newer link.

use std::rc::Rc;

use super::accounts::{Account, AccountId, CopySource};
use super::bcg::MarketPosition;
use super::change::Change;
use super::copy_update;
use super::history::SavedAssessment;
use super::plan_update::{add_shared_plan, keep_shared_template};
use super::plans::{unique_name, Plan};
use super::portfolio_update::edit_account;
use super::prospects::without_shared_mark;
use super::share::{SharedAccount, SharedResult};
use crate::storage::schema::Document;

/// Keeping something shared through a link.
#[derive(Clone, Debug, PartialEq)]
pub enum ShareAction {
    /// Keeps a result someone shared as the user's own team's assessment, on purpose: it
    /// counts in their trend like any other. Its id is `doc.next_id` at dispatch.
    SaveSharedResultAsOwn(SharedResult),
    /// Keeps a copy of a shared account (and its plan); its id is `doc.next_id` at dispatch.
    ImportSharedAccount {
        shared: Box<SharedAccount>,
        at: String,
    },
    /// Brings a kept copy of a colleague's account up to the version in their newer link,
    /// plan included, undoable in one step.
    UpdateSharedCopy {
        id: AccountId,
        shared: Box<SharedAccount>,
        at: String,
    },
}

/// Applies `action` to `doc`.
pub fn update(doc: &mut Document, action: ShareAction) -> Change {
    match action {
        ShareAction::SaveSharedResultAsOwn(result) => {
            let id = doc.take_id();
            doc.grader.history.push(SavedAssessment {
                id,
                saved_at: result.date,
                label: without_shared_mark(&result.label).to_string(),
                answers: result.answers,
                team: String::new(),
                assessed_on: None,
            });
            Change::MADE
        }
        ShareAction::ImportSharedAccount { shared, at } => {
            let id = doc.take_id();
            let names: Vec<&str> = doc
                .portfolio
                .accounts
                .iter()
                .map(|a| a.name.as_str())
                .collect();
            let name = unique_name(shared.name.trim(), &names);
            let mut ratings = shared.ratings.clone();
            ratings = std::mem::take(&mut ratings).sanitized();
            // Says the name it was saved under, which differs when the name was taken.
            let what = format!("Saved a copy as {name}.");
            Rc::make_mut(&mut doc.portfolio.accounts).push(Account {
                id,
                name,
                industry: shared.industry.clone(),
                manager: shared.manager.clone(),
                revenue: shared.revenue,
                tier: shared.tier,
                notes: shared.notes.clone(),
                ratings,
                market: MarketPosition::default(),
                created_at: at.clone(),
                updated_at: at.clone(),
                reviewed_at: None,
                demo: false,
                copied_from: shared.source.clone().map(|source| CopySource {
                    copied_at: at.clone(),
                    ..source
                }),
            });
            if let Some((template, plan)) = shared.plan.clone() {
                let template_id = keep_shared_template(doc, template, None);
                add_shared_plan(doc, plan, id, template_id);
            }
            Change::undoable(what)
        }
        ShareAction::UpdateSharedCopy { id, shared, at } => {
            let Some(mine) = doc.portfolio.accounts.iter().find(|a| a.id == id).cloned() else {
                return Change::NONE;
            };
            let my_plan = doc
                .plans
                .plan_for(id)
                .and_then(|p| Some((doc.plans.template(p.template)?, p)));
            let unchanged =
                copy_update::changes(&mine, my_plan.as_ref().map(|(t, p)| (t, *p)), &shared)
                    .is_empty();
            let of_version = |c: &CopySource| CopySource {
                copied_at: String::new(),
                ..c.clone()
            };
            let same_version =
                mine.copied_from.as_ref().map(of_version) == shared.source.as_ref().map(of_version);
            if unchanged && same_version {
                return Change::NONE;
            }
            let next = copy_update::updated(&mine, &shared, &at);
            let incoming = copy_update::incoming_plan(doc.plans.plan_for(id), &shared);
            let what = format!("Updated your copy of {}.", next.name);
            edit_account(doc, id, |a| *a = next);
            if let Some((template, plan)) = incoming {
                let current = doc.plans.plan_for(id).map(|p| (p.id, p.template));
                let template_id = keep_shared_template(doc, template, current.map(|(_, t)| t));
                let plans = &mut doc.plans.plans;
                match current {
                    Some((plan_id, _)) => {
                        if let Some(p) = plans.iter_mut().find(|p| p.id == plan_id) {
                            *p = Rc::new(Plan {
                                id: plan_id,
                                account: id,
                                template: template_id,
                                created_at: p.created_at.clone(),
                                ..plan
                            });
                        }
                    }
                    None => add_shared_plan(doc, plan, id, template_id),
                }
            }
            // A newer link that changes nothing one can see only records its version: there
            // is nothing to undo.
            if unchanged {
                return Change::MADE;
            }
            Change::undoable(what)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_accounts;
    use crate::domain::quadrant::Thresholds;
    use crate::domain::rating::Weights;
    use crate::domain::share::{shared_account, Privacy};

    const AT: &str = "2026-11-20T00:00:00Z";

    fn link(account: &Account) -> Box<SharedAccount> {
        Box::new(shared_account(
            account,
            "USD",
            &Weights::default(),
            Thresholds::default(),
            None,
            Privacy::default(),
        ))
    }

    #[test]
    fn updating_a_copy_offers_undo_only_when_the_link_changes_something() {
        let mut sender = demo_accounts(1, AT).remove(0);
        let mut doc = Document {
            next_id: 100,
            ..Document::default()
        };
        let kept = ShareAction::ImportSharedAccount {
            shared: link(&sender),
            at: AT.into(),
        };
        assert!(update(&mut doc, kept).undo.is_some());
        let id = doc.portfolio.accounts[0].id;
        let again = |shared| ShareAction::UpdateSharedCopy {
            id,
            shared,
            at: "2026-11-21T00:00:00Z".into(),
        };

        let before = doc.clone();
        assert_eq!(update(&mut doc, again(link(&sender))), Change::NONE);
        assert_eq!(doc, before, "the same link leaves the copy as it was");

        // A newer version that carries the same details: its version is recorded, with no
        // Undo for a change no one can see.
        sender.updated_at = "2026-11-22T00:00:00Z".into();
        assert_eq!(update(&mut doc, again(link(&sender))), Change::MADE);
        assert_eq!(
            doc.portfolio.accounts[0]
                .copied_from
                .as_ref()
                .map(|c| c.updated_at.as_str()),
            Some("2026-11-22T00:00:00Z")
        );

        sender.tier = match sender.tier {
            crate::domain::accounts::Tier::C => crate::domain::accounts::Tier::A,
            _ => crate::domain::accounts::Tier::C,
        };
        sender.updated_at = "2026-11-23T00:00:00Z".into();
        let changed = update(&mut doc, again(link(&sender)));
        assert!(changed.undo.is_some());
        assert_eq!(doc.portfolio.accounts[0].tier, sender.tier);
    }
}
