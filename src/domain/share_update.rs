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
            Change::undoable(what)
        }
    }
}
