//! Snapshots of every account's position, so the matrix can show how accounts moved.

use serde::{Deserialize, Serialize};

use super::accounts::{Account, AccountId};
use super::rating::{Position, Weights};
use crate::support::sorted_map::SortedMap;

pub type SnapshotId = u64;

/// Every rated account's position at one moment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub id: SnapshotId,
    /// RFC 3339 timestamp.
    pub taken_at: String,
    pub positions: SortedMap<AccountId, Position>,
}

/// Records where each rated account is now.
pub fn take(id: SnapshotId, at: &str, accounts: &[Account], weights: &Weights) -> Snapshot {
    Snapshot {
        id,
        taken_at: at.to_string(),
        positions: accounts
            .iter()
            .filter_map(|a| Some((a.id, a.position(weights)?)))
            .collect(),
    }
}

/// An account's move since a snapshot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Move {
    pub account: AccountId,
    pub from: Position,
    pub to: Position,
}

/// The accounts that are rated now and were in the snapshot, and have moved.
pub fn moves(snapshot: &Snapshot, accounts: &[Account], weights: &Weights) -> Vec<Move> {
    accounts
        .iter()
        .filter_map(|a| {
            let from = *snapshot.positions.get(&a.id)?;
            let to = a.position(weights)?;
            (from != to).then_some(Move {
                account: a.id,
                from,
                to,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_accounts;
    use crate::domain::rating::CriterionId;

    #[test]
    fn a_snapshot_keeps_rated_accounts_and_shows_later_moves() {
        let mut accounts = demo_accounts(100, "2026-11-01T00:00:00.000Z");
        let w = Weights::default();
        let snap = take(1, "2026-11-01T00:00:00.000Z", &accounts, &w);
        let rated = accounts.iter().filter(|a| a.position(&w).is_some()).count();
        assert_eq!(snap.positions.len(), rated);
        assert!(moves(&snap, &accounts, &w).is_empty());

        let moved = &mut accounts[0];
        let before = moved.position(&w).unwrap();
        moved.ratings.set(CriterionId::DecisionMakerAccess, Some(1));
        let m = moves(&snap, &accounts, &w);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].from, before);
        assert!(m[0].to.relationship < before.relationship);
    }
}
