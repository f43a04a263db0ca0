//! Rating many accounts at speed: which accounts the rating grid shows, how its cursor moves,
//! and which account to rate next.

use super::accounts::{Account, AccountId, Tier};
use super::portfolio::{is_chosen, list, ListQuery, Page};
use super::rating::{fully_rated, Weights, CRITERIA};
use super::settings::Settings;

/// One column per criterion, in the order of [`CRITERIA`].
pub const COLUMNS: usize = CRITERIA.len();

/// Whether an account still lacks a rating on a criterion that counts.
pub fn needs_rating(account: &Account, weights: &Weights) -> bool {
    !fully_rated(&account.ratings, weights)
}

/// The accounts in the order the accounts list sorts them, ignoring its filters and pages:
/// the grid and "next account to rate" follow the order the user chose there.
pub fn in_list_order<'a>(
    accounts: &'a [Account],
    settings: &Settings,
    query: &ListQuery,
) -> Vec<&'a Account> {
    let order = ListQuery {
        sort: query.sort,
        descending: query.descending,
        ..ListQuery::default()
    };
    list(accounts, settings, &order)
        .into_iter()
        .map(|r| r.account)
        .collect()
}

/// Rows on one page of the grid. Fewer than the accounts list's: each row has ten cells to
/// draw, and fifty fill a screen several times over.
pub const GRID_PAGE: usize = 50;

/// The page of a grid of `total` rows that holds row `row`: the grid shows the cursor's page.
pub fn page_holding(total: usize, row: usize) -> Page {
    let count = total.div_ceil(GRID_PAGE).max(1);
    let index = (row / GRID_PAGE).min(count - 1);
    let start = index * GRID_PAGE;
    Page {
        index,
        count,
        rows: start..total.min(start + GRID_PAGE),
    }
}

/// How the grid's rows are narrowed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GridFilter {
    /// Only accounts with a rating missing.
    pub unrated_only: bool,
    /// `Some("")` selects accounts without a manager.
    pub manager: Option<String>,
    pub tier: Option<Tier>,
    /// `Some("")` selects accounts without an industry.
    pub industry: Option<String>,
}

impl GridFilter {
    pub fn is_narrowed(&self) -> bool {
        *self != GridFilter::default()
    }

    pub fn keeps(&self, account: &Account, weights: &Weights) -> bool {
        (!self.unrated_only || needs_rating(account, weights))
            && self
                .manager
                .as_deref()
                .is_none_or(|m| is_chosen(&account.manager, m))
            && self.tier.is_none_or(|t| account.tier == t)
            && self
                .industry
                .as_deref()
                .is_none_or(|i| is_chosen(&account.industry, i))
    }
}

/// The ids of the rows the grid shows, in list order.
pub fn grid_rows(ordered: &[&Account], weights: &Weights, filter: &GridFilter) -> Vec<AccountId> {
    ordered
        .iter()
        .filter(|a| filter.keeps(a, weights))
        .map(|a| a.id)
        .collect()
}

/// The account after `current` (in list order, going round to the start) that still needs a
/// rating; `None` when every other account is fully rated.
pub fn next_to_rate(
    ordered: &[&Account],
    weights: &Weights,
    current: AccountId,
) -> Option<AccountId> {
    let start = ordered
        .iter()
        .position(|a| a.id == current)
        .map_or(0, |i| i + 1);
    (0..ordered.len())
        .map(|k| ordered[(start + k) % ordered.len()])
        .find(|a| a.id != current && needs_rating(a, weights))
        .map(|a| a.id)
}

/// The cell the keyboard is on: a row of the grid's rows and a criterion column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cursor {
    pub row: usize,
    pub col: usize,
}

/// A way the cursor can move.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Left,
    Right,
    Up,
    Down,
    /// First criterion of the row.
    RowStart,
    /// Last criterion of the row.
    RowEnd,
    /// `n` rows up or down, stopping at the ends.
    Rows(isize),
    /// On to the next criterion after a rating, then to the next row's first: rating a row
    /// from left to right takes one key press per criterion and no moving.
    Advance,
}

impl Cursor {
    /// Where the cursor goes from here in a grid of `rows` rows. It stops at the edges
    /// rather than wrapping, except that [`Move::Advance`] continues on the next row.
    pub fn moved(self, m: Move, rows: usize) -> Cursor {
        let last_row = rows.saturating_sub(1);
        let last_col = COLUMNS - 1;
        let Cursor { row, col } = self.clamped(rows);
        match m {
            Move::Left => Cursor {
                row,
                col: col.saturating_sub(1),
            },
            Move::Right => Cursor {
                row,
                col: (col + 1).min(last_col),
            },
            Move::Up => Cursor {
                row: row.saturating_sub(1),
                col,
            },
            Move::Down => Cursor {
                row: (row + 1).min(last_row),
                col,
            },
            Move::RowStart => Cursor { row, col: 0 },
            Move::RowEnd => Cursor { row, col: last_col },
            Move::Rows(n) => Cursor {
                row: row.saturating_add_signed(n).min(last_row),
                col,
            },
            Move::Advance if col < last_col => Cursor { row, col: col + 1 },
            // The last cell of the grid: staying put shows that the end is reached.
            Move::Advance if row == last_row => Cursor { row, col },
            Move::Advance => Cursor {
                row: row + 1,
                col: 0,
            },
        }
    }

    /// The nearest cell that exists, after the rows have changed under the cursor.
    pub fn clamped(self, rows: usize) -> Cursor {
        Cursor {
            row: self.row.min(rows.saturating_sub(1)),
            col: self.col.min(COLUMNS - 1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rating::Ratings;

    #[test]
    fn a_manager_or_industry_chosen_keeps_its_other_spellings_too() {
        let mut a = account(1, "A", 0);
        a.manager = "Dana Ruiz".into();
        a.industry = "Logistics".into();
        let mut b = account(2, "B", 0);
        b.manager = " dana  ruiz".into();
        b.industry = "LOGISTICS".into();
        let weights = Weights::default();
        let filter = GridFilter {
            manager: Some("Dana Ruiz".into()),
            industry: Some("Logistics".into()),
            ..GridFilter::default()
        };
        assert_eq!(grid_rows(&[&a, &b], &weights, &filter), [1, 2]);
    }

    fn account(id: AccountId, name: &str, rated: usize) -> Account {
        Account {
            id,
            name: name.into(),
            industry: String::new(),
            manager: String::new(),
            revenue: None,
            tier: Tier::C,
            notes: String::new(),
            ratings: Ratings::from_pairs(
                &CRITERIA
                    .iter()
                    .take(rated)
                    .map(|c| (c.id, 3))
                    .collect::<Vec<_>>(),
            ),
            market: Default::default(),
            created_at: String::new(),
            updated_at: String::new(),
            reviewed_at: None,
            demo: false,
            copied_from: None,
        }
    }

    #[test]
    fn advance_walks_each_row_then_the_next() {
        let mut c = Cursor::default();
        for _ in 0..COLUMNS - 1 {
            c = c.moved(Move::Advance, 3);
        }
        assert_eq!(c, Cursor { row: 0, col: 9 });
        c = c.moved(Move::Advance, 3);
        assert_eq!(c, Cursor { row: 1, col: 0 });
        // Thirty ratings visit every cell of three rows once, and stop on the last.
        let mut visited = vec![Cursor::default()];
        let mut c = Cursor::default();
        for _ in 0..3 * COLUMNS {
            c = c.moved(Move::Advance, 3);
            visited.push(c);
        }
        visited.dedup();
        assert_eq!(visited.len(), 3 * COLUMNS);
        assert_eq!(c, Cursor { row: 2, col: 9 });
    }

    #[test]
    fn the_page_shown_is_the_one_holding_the_cursor() {
        let p = page_holding(120, 0);
        assert_eq!((p.index, p.count, p.rows), (0, 3, 0..GRID_PAGE));
        let p = page_holding(120, 2 * GRID_PAGE + 3);
        assert_eq!((p.index, p.rows), (2, 2 * GRID_PAGE..120));
        assert_eq!(page_holding(0, 0).rows, 0..0);
        // A row past the end (rows filtered away) shows the last page.
        assert_eq!(page_holding(10, 500).rows, 0..10);
    }

    #[test]
    fn arrows_stop_at_the_edges() {
        let c = Cursor::default();
        assert_eq!(c.moved(Move::Left, 5), c);
        assert_eq!(c.moved(Move::Up, 5), c);
        assert_eq!(c.moved(Move::Right, 5), Cursor { row: 0, col: 1 });
        assert_eq!(c.moved(Move::Down, 5), Cursor { row: 1, col: 0 });
        let corner = Cursor { row: 4, col: 9 };
        assert_eq!(corner.moved(Move::Right, 5), corner);
        assert_eq!(corner.moved(Move::Down, 5), corner);
        assert_eq!(corner.moved(Move::RowStart, 5), Cursor { row: 4, col: 0 });
        assert_eq!(c.moved(Move::RowEnd, 5), Cursor { row: 0, col: 9 });
        assert_eq!(c.moved(Move::Rows(10), 5), Cursor { row: 4, col: 0 });
        assert_eq!(corner.moved(Move::Rows(-10), 5), Cursor { row: 0, col: 9 });
    }

    #[test]
    fn a_cursor_past_the_rows_comes_back_to_the_last() {
        let c = Cursor { row: 7, col: 3 };
        assert_eq!(c.clamped(2), Cursor { row: 1, col: 3 });
        assert_eq!(c.moved(Move::Right, 2), Cursor { row: 1, col: 4 });
        // No rows at all: the cursor rests at the origin and nothing breaks.
        assert_eq!(c.moved(Move::Advance, 0), Cursor { row: 0, col: 4 });
    }

    #[test]
    fn next_to_rate_goes_on_in_list_order_and_round() {
        let accounts = [
            account(1, "A", 10),
            account(2, "B", 3),
            account(3, "C", 10),
            account(4, "D", 0),
        ];
        let ordered: Vec<&Account> = accounts.iter().collect();
        let w = Weights::default();
        assert_eq!(next_to_rate(&ordered, &w, 1), Some(2));
        assert_eq!(next_to_rate(&ordered, &w, 2), Some(4));
        assert_eq!(next_to_rate(&ordered, &w, 4), Some(2));
        // Only the current account needs ratings: there is no other to go to.
        let ordered = vec![&accounts[0], &accounts[1], &accounts[2]];
        assert_eq!(next_to_rate(&ordered, &w, 2), None);
        assert_eq!(next_to_rate(&ordered, &w, 99), Some(2));
    }

    #[test]
    fn a_criterion_weighted_zero_needs_no_rating() {
        let a = account(1, "A", 9);
        let mut w = Weights::default();
        assert!(needs_rating(&a, &w));
        w.set(CRITERIA[9].id, 0);
        assert!(!needs_rating(&a, &w));
    }

    #[test]
    fn filters_narrow_the_rows_in_order() {
        let mut accounts = [account(1, "A", 10), account(2, "B", 0), account(3, "C", 5)];
        accounts[0].manager = "Ana".into();
        accounts[1].manager = "Ana".into();
        accounts[1].tier = Tier::A;
        accounts[2].industry = "Retail".into();
        let ordered: Vec<&Account> = accounts.iter().collect();
        let w = Weights::default();
        let rows = |f: GridFilter| grid_rows(&ordered, &w, &f);
        assert_eq!(rows(GridFilter::default()), [1, 2, 3]);
        let unrated = GridFilter {
            unrated_only: true,
            ..Default::default()
        };
        assert!(unrated.is_narrowed());
        assert_eq!(rows(unrated.clone()), [2, 3]);
        let ana = GridFilter {
            manager: Some("Ana".into()),
            ..Default::default()
        };
        assert_eq!(rows(ana.clone()), [1, 2]);
        assert_eq!(
            rows(GridFilter {
                manager: Some(String::new()),
                ..Default::default()
            }),
            [3]
        );
        assert_eq!(
            rows(GridFilter {
                tier: Some(Tier::A),
                ..ana
            }),
            [2]
        );
        assert_eq!(
            rows(GridFilter {
                industry: Some("Retail".into()),
                ..unrated
            }),
            [3]
        );
    }
}
