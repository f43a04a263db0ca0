//! The updates of the areas that only screens outside the first download change. On the web
//! the reducer (`crate::state`) reaches them through the pointers set here when a group's code
//! arrives (`crate::lazy_screens`), so that their code and all it uses (backup merging,
//! spreadsheet import, plans, shared copies) leave the first download. An action that finds its
//! update not here yet waits in the state until the group has arrived; nothing is dropped.
//! Off the web every update is here from the start.
//!
//! The grader and the settings stay in the first download: the Grader and the header's theme
//! picker change them. So does recording a backup's export, which the storage notices offer.
//!
//! Which screens change which areas (each group's function below must bring every area its
//! screens change, so that a screen, shown only once its group has arrived, never makes a
//! change wait; `tests::no_screen_makes_a_change_wait_once_its_group_has_arrived` holds it):
//!
//! | Group     | Screens                                           | Areas they change            |
//! |-----------|---------------------------------------------------|------------------------------|
//! | first     | Grader, invitation, history, header, storage notices | grader, settings, backup export |
//! | Portfolio | accounts (with the spreadsheet import), an account, its form | portfolio, snapshot, transfer |
//! | Matrix    | the matrix, the rating grid                       | portfolio, snapshot          |
//! | Spreadsheet | the accounts list's spreadsheet import (a panel, shown in Portfolio's list) | transfer, brought by Portfolio |
//! | Plans     | plans, a plan, its read view, templates            | plan                         |
//! | History   | the history's chart, an assessment                | grader, prospect             |
//! | More      | prospects, settings (with the backup)             | grader, settings, prospect, transfer |
//! | Share     | a shared result, a shared account, a client plan   | share, prospect              |
//!
//! The history's list, in the first download, offers to move a result to the prospects only
//! once the History group is here. A change waits, then, only when it is dispatched from
//! outside the screens of its group (none is today); the waiting list is a guard, kept in
//! order and re-targeted when another tab's changes move an account's id (see
//! `crate::state`).

use std::cell::Cell;

use crate::domain::change::Change;
use crate::domain::{
    plan_update, portfolio_update, prospect_update, share_update, snapshot_update, transfer_update,
};
use crate::lazy_screens::Group;
use crate::state::{
    Action, PlanAction, PortfolioAction, ProspectAction, ShareAction, SnapshotAction,
    TransferAction,
};
use crate::storage::schema::Document;

type Update<A> = fn(&mut Document, A) -> Change;

/// The updates that have arrived.
#[derive(Clone, Copy)]
struct Updates {
    portfolio: Option<Update<PortfolioAction>>,
    snapshot: Option<Update<SnapshotAction>>,
    plan: Option<Update<PlanAction>>,
    prospect: Option<Update<ProspectAction>>,
    share: Option<Update<ShareAction>>,
    transfer: Option<Update<TransferAction>>,
}

impl Updates {
    #[cfg(any(target_family = "wasm", test))]
    const NONE: Updates = Updates {
        portfolio: None,
        snapshot: None,
        plan: None,
        prospect: None,
        share: None,
        transfer: None,
    };

    #[cfg(not(target_family = "wasm"))]
    const ALL: Updates = Updates {
        portfolio: Some(portfolio_update::update),
        snapshot: Some(snapshot_update::update),
        plan: Some(plan_update::update),
        prospect: Some(prospect_update::update),
        share: Some(share_update::update),
        transfer: Some(transfer_update::update),
    };

    #[cfg(not(target_family = "wasm"))]
    const AT_START: Updates = Updates::ALL;
    #[cfg(target_family = "wasm")]
    const AT_START: Updates = Updates::NONE;
}

thread_local! {
    static ARRIVED: Cell<Updates> = const { Cell::new(Updates::AT_START) };
}

fn arrived() -> Updates {
    ARRIVED.with(Cell::get)
}

fn add(more: impl FnOnce(&mut Updates)) {
    ARRIVED.with(|a| {
        let mut updates = a.get();
        more(&mut updates);
        a.set(updates);
    });
}

pub fn portfolio() -> Option<Update<PortfolioAction>> {
    arrived().portfolio
}

pub fn snapshot() -> Option<Update<SnapshotAction>> {
    arrived().snapshot
}

pub fn plan() -> Option<Update<PlanAction>> {
    arrived().plan
}

pub fn prospect() -> Option<Update<ProspectAction>> {
    arrived().prospect
}

pub fn share() -> Option<Update<ShareAction>> {
    arrived().share
}

pub fn transfer() -> Option<Update<TransferAction>> {
    arrived().transfer
}

// One function per group, each called only from its group's code: an update named in one of
// them leaves the first download with that group (or with a chunk the groups naming it share).

/// The updates of the Portfolio group's screens: accounts, the matrix's snapshots, and the
/// spreadsheet import of the accounts list.
pub fn portfolio_group_arrived() {
    add(|u| {
        u.portfolio = Some(portfolio_update::update);
        u.snapshot = Some(snapshot_update::update);
        u.transfer = Some(transfer_update::update);
    });
}

/// The updates of the matrix's snapshots and of the rating grid's ratings.
pub fn matrix_group_arrived() {
    add(|u| {
        u.portfolio = Some(portfolio_update::update);
        u.snapshot = Some(snapshot_update::update);
    });
}

/// The updates of the plans and templates.
pub fn plans_group_arrived() {
    add(|u| u.plan = Some(plan_update::update));
}

/// The updates of the history's screens: a past result moved to the prospects.
pub fn history_group_arrived() {
    add(|u| u.prospect = Some(prospect_update::update));
}

/// The updates of the prospects' screens and of the settings' backup.
pub fn more_group_arrived() {
    add(|u| {
        u.prospect = Some(prospect_update::update);
        u.transfer = Some(transfer_update::update);
    });
}

/// The updates of the screens of share links: a shared result kept as a prospect or as one's
/// own, a shared account kept or updated.
pub fn share_group_arrived() {
    add(|u| {
        u.share = Some(share_update::update);
        u.prospect = Some(prospect_update::update);
    });
}

/// The group whose arrival brings the update `action` waits for; `None` for an action whose
/// update is part of the first download.
pub fn group_bringing(action: &Action) -> Option<Group> {
    match action {
        Action::Transfer(TransferAction::BackupExported { .. }) => None,
        Action::Portfolio(_) | Action::Snapshot(_) => Some(Group::Portfolio),
        Action::Plan(_) => Some(Group::Plans),
        // The smallest of the groups that bring the prospects' update (More brings it too).
        Action::Prospect(_) => Some(Group::History),
        Action::Transfer(_) => Some(Group::More),
        Action::Share(_) => Some(Group::Share),
        _ => None,
    }
}

/// The groups whose code the `waiting` changes need, each once, in the order first needed.
pub fn groups_bringing(waiting: &[Action]) -> Vec<Group> {
    let mut groups = Vec::new();
    for group in waiting.iter().filter_map(group_bringing) {
        if !groups.contains(&group) {
            groups.push(group);
        }
    }
    groups
}

/// As on the web before any group has arrived, for tests of actions that must wait, until the
/// value returned is dropped. (A test may run on a thread that later runs other tests.)
#[cfg(test)]
#[must_use]
pub fn forget_all() -> impl Drop {
    struct Restore;
    impl Drop for Restore {
        fn drop(&mut self) {
            ARRIVED.with(|a| a.set(Updates::ALL));
        }
    }
    ARRIVED.with(|a| a.set(Updates::NONE));
    Restore
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::AppState;
    use std::rc::Rc;
    use yew::Reducible;

    #[test]
    fn no_screen_makes_a_change_wait_once_its_group_has_arrived() {
        // An import (of a spreadsheet or of a backup): the transfer area.
        let import = Action::Transfer(TransferAction::ImportWorkedOut {
            import: Box::new(TransferAction::BackupExported { at: String::new() }),
            result: Rc::new(transfer_update::WorkedOut {
                basis: Document::default(),
                result: Document::default(),
            }),
        });
        let by_group: [(fn(), Vec<Action>); 6] = [
            (
                portfolio_group_arrived,
                vec![
                    Action::Portfolio(PortfolioAction::DeleteAccount(1)),
                    Action::Snapshot(SnapshotAction::DeleteSnapshot(1)),
                    import.clone(),
                ],
            ),
            (
                matrix_group_arrived,
                vec![
                    Action::Portfolio(PortfolioAction::DeleteAccount(1)),
                    Action::Snapshot(SnapshotAction::DeleteSnapshot(1)),
                ],
            ),
            (
                plans_group_arrived,
                vec![Action::Plan(PlanAction::DeleteTemplate(1))],
            ),
            (
                history_group_arrived,
                vec![Action::Prospect(ProspectAction::MoveToProspects {
                    ids: vec![1],
                    at: String::new(),
                })],
            ),
            (
                more_group_arrived,
                vec![Action::Prospect(ProspectAction::DeleteProspect(1)), import],
            ),
            (
                share_group_arrived,
                vec![
                    Action::Share(ShareAction::SaveSharedResultAsOwn(Default::default())),
                    Action::Prospect(ProspectAction::DeleteProspect(1)),
                ],
            ),
        ];
        for (arrived, actions) in by_group {
            for action in actions {
                let _restore = forget_all();
                arrived();
                let state = Rc::new(AppState::default()).reduce(action.clone());
                assert!(state.waiting.is_empty(), "{action:?} waited");
            }
        }
    }

    #[test]
    fn each_area_that_waits_arrives_with_the_group_named_for_it() {
        let cases: [(Action, fn() -> bool); 6] = [
            (Action::Portfolio(PortfolioAction::DeleteAccount(1)), || {
                portfolio().is_some()
            }),
            (Action::Plan(PlanAction::DeleteTemplate(1)), || {
                plan().is_some()
            }),
            (Action::Prospect(ProspectAction::DeleteProspect(1)), || {
                prospect().is_some()
            }),
            (
                Action::Transfer(TransferAction::ImportWorkedOut {
                    import: Box::new(TransferAction::BackupExported { at: String::new() }),
                    result: std::rc::Rc::new(transfer_update::WorkedOut {
                        basis: Document::default(),
                        result: Document::default(),
                    }),
                }),
                || transfer().is_some(),
            ),
            (
                Action::Share(ShareAction::SaveSharedResultAsOwn(Default::default())),
                || share().is_some(),
            ),
            (Action::Snapshot(SnapshotAction::DeleteSnapshot(1)), || {
                snapshot().is_some()
            }),
        ];
        for (action, is_here) in cases {
            let _restore = forget_all();
            assert!(!is_here());
            match group_bringing(&action).expect("a group brings it") {
                Group::Portfolio => portfolio_group_arrived(),
                Group::Matrix => matrix_group_arrived(),
                Group::Plans => plans_group_arrived(),
                Group::History => history_group_arrived(),
                Group::More => more_group_arrived(),
                Group::Share => share_group_arrived(),
                Group::Spreadsheet => unreachable!("no change waits for the spreadsheet panel"),
                Group::Reading | Group::Writing => {
                    unreachable!("no change waits for the reader or writer of stored data")
                }
            }
            assert!(is_here(), "{action:?}");
        }
    }
}
