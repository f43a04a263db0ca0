//! Changes to the accounts of the portfolio: adding, editing, rating and deleting them, and
//! the demo portfolio.

use std::rc::Rc;

use super::accounts::{name_key, Account, AccountId, ValidAccount};
use super::bcg::MarketPosition;
use super::change::Change;
use super::demo::demo_accounts;
use super::rating::CriterionId;
use crate::storage::schema::Document;

/// A change to the accounts.
#[derive(Clone, Debug, PartialEq)]
pub enum PortfolioAction {
    /// Add an account; it gets the id `doc.next_id` had when this was dispatched.
    AddAccount {
        account: ValidAccount,
        at: String,
    },
    UpdateAccount {
        id: AccountId,
        account: ValidAccount,
        at: String,
    },
    DeleteAccount(AccountId),
    /// Removes every account of the demo portfolio, with their plans.
    RemoveDemoAccounts,
    Rate {
        id: AccountId,
        criterion: CriterionId,
        rating: Option<u8>,
        at: String,
    },
    SetMarket {
        id: AccountId,
        market: MarketPosition,
        at: String,
    },
    LoadDemoPortfolio {
        at: String,
    },
    /// The user looked at an account's ratings and they still hold: they count as reviewed
    /// at `at`, unchanged.
    ConfirmRatings {
        id: AccountId,
        at: String,
    },
}

/// Edits the account `id`; true when there is one.
pub(crate) fn edit_account(
    doc: &mut Document,
    id: AccountId,
    edit: impl FnOnce(&mut Account),
) -> bool {
    match doc.portfolio.accounts.iter().position(|a| a.id == id) {
        Some(i) => {
            edit(&mut Rc::make_mut(&mut doc.portfolio.accounts)[i]);
            true
        }
        None => false,
    }
}

/// Applies `action` to the accounts of `doc` (and the plans of accounts it deletes).
pub fn update(doc: &mut Document, action: PortfolioAction) -> Change {
    match action {
        PortfolioAction::AddAccount { account, at } => {
            let id = doc.take_id();
            Rc::make_mut(&mut doc.portfolio.accounts).push(Account {
                id,
                name: account.name,
                industry: account.industry,
                manager: account.manager,
                revenue: account.revenue,
                tier: account.tier,
                notes: account.notes,
                ratings: Default::default(),
                market: MarketPosition::default(),
                created_at: at.clone(),
                updated_at: at,
                reviewed_at: None,
                demo: false,
                copied_from: None,
            });
            Change::MADE
        }
        PortfolioAction::UpdateAccount { id, account, at } => {
            Change::made_if(edit_account(doc, id, |a| {
                a.name = account.name;
                a.industry = account.industry;
                a.manager = account.manager;
                a.revenue = account.revenue;
                a.tier = account.tier;
                a.notes = account.notes;
                a.updated_at = at;
            }))
        }
        PortfolioAction::DeleteAccount(id) => {
            let Some(position) = doc.portfolio.accounts.iter().position(|a| a.id == id) else {
                return Change::NONE;
            };
            let account = Rc::make_mut(&mut doc.portfolio.accounts).remove(position);
            let plans = &mut doc.plans.plans;
            let plan = plans.iter().position(|p| p.account == id);
            if let Some(i) = plan {
                plans.remove(i);
                Change::undoable(format!("Deleted {} and its plan.", account.name))
            } else {
                Change::undoable(format!("Deleted {}.", account.name))
            }
        }
        PortfolioAction::RemoveDemoAccounts => {
            let demo: Vec<AccountId> = doc
                .portfolio
                .accounts
                .iter()
                .filter(|a| a.demo)
                .map(|a| a.id)
                .collect();
            if demo.is_empty() {
                return Change::NONE;
            }
            Rc::make_mut(&mut doc.portfolio.accounts).retain(|a| !a.demo);
            let plans_before = doc.plans.plans.len();
            doc.plans.plans.retain(|p| !demo.contains(&p.account));
            let plans = plans_before - doc.plans.plans.len();
            for s in Rc::make_mut(&mut doc.portfolio.snapshots) {
                s.positions.retain(|id, _| !demo.contains(id));
            }
            Change::undoable(format!(
                "Removed {} demo {}{}.",
                demo.len(),
                if demo.len() == 1 {
                    "account"
                } else {
                    "accounts"
                },
                match plans {
                    0 => String::new(),
                    1 => " and 1 plan".to_string(),
                    n => format!(" and {n} plans"),
                }
            ))
        }
        PortfolioAction::Rate {
            id,
            criterion,
            rating,
            at,
        } => Change::made_if(edit_account(doc, id, |a| {
            a.ratings.set(criterion, rating);
            a.reviewed_at = Some(at.clone());
            a.updated_at = at;
        })),
        PortfolioAction::ConfirmRatings { id, at } => Change::made_if(edit_account(doc, id, |a| {
            a.reviewed_at = Some(at.clone());
            a.updated_at = at;
        })),
        PortfolioAction::SetMarket { id, market, at } => {
            Change::made_if(edit_account(doc, id, |a| {
                a.market = market;
                a.updated_at = at;
            }))
        }
        PortfolioAction::LoadDemoPortfolio { at } => {
            let first = doc.next_id;
            let existing: Vec<String> = doc
                .portfolio
                .accounts
                .iter()
                .map(|a| name_key(&a.name))
                .collect();
            let demo: Vec<Account> = demo_accounts(first, &at)
                .into_iter()
                .filter(|a| !existing.contains(&name_key(&a.name)))
                .collect();
            doc.next_id = demo.last().map_or(first, |a| a.id + 1);
            Rc::make_mut(&mut doc.portfolio.accounts).extend(demo);
            Change::MADE
        }
    }
}
