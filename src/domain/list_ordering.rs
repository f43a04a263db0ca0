//! The accounts list's order ([`list_order`]) worked out a slice at a time, for a portfolio
//! so large that filtering and sorting it at once would hold up the page for several frames.
//!
//! First each account is placed on the matrix and tested against the query; then the
//! selected ones are merge-sorted, one merge step per unit, by the list's own comparison
//! ([`compare_rows`]). That comparison tells every account from every other, so the order is
//! the very one [`list_order`] gives.

use std::cmp::Ordering;
use std::rc::Rc;

use super::accounts::Account;
#[cfg(doc)]
use super::portfolio::list_order;
use super::portfolio::{compare_rows, row, ListQuery, Row};
use super::quadrant::Quadrant;
use super::rating::Position;
use super::settings::Settings;
use crate::support::sliced::{Progress, Sliced, Unit};

/// An account the query selects, with what sorting compares.
struct Keyed {
    name: String,
    index: usize,
    position: Option<Position>,
    quadrant: Option<Quadrant>,
}

/// Works out [`list_order`] for `accounts`, a slice at a time.
pub struct ListOrdering {
    accounts: Rc<Vec<Account>>,
    settings: Settings,
    query: ListQuery,
    keyed: Vec<Keyed>,
    /// Accounts tested against the query so far.
    tested: usize,
    /// Positions in `keyed`: runs of `width` sorted ones, merged pairwise into `into`.
    order: Vec<usize>,
    into: Vec<usize>,
    width: usize,
    /// The pair of runs being merged: from `start`, with a cursor in each and `out` written.
    start: usize,
    left: usize,
    right: usize,
    out: usize,
    /// Merge steps done, of `steps` in all (known once the accounts are tested).
    merged: usize,
    steps: usize,
}

impl ListOrdering {
    pub fn new(accounts: Rc<Vec<Account>>, settings: Settings, query: ListQuery) -> Self {
        ListOrdering {
            keyed: Vec::with_capacity(accounts.len()),
            accounts,
            settings,
            query,
            tested: 0,
            order: Vec::new(),
            into: Vec::new(),
            width: 1,
            start: 0,
            left: 0,
            right: 0,
            out: 0,
            merged: 0,
            steps: 0,
        }
    }

    fn compare(&self, a: usize, b: usize) -> Ordering {
        let listed = |k: &Keyed| Row {
            account: &self.accounts[k.index],
            position: k.position,
            quadrant: k.quadrant,
        };
        let (a, b) = (&self.keyed[a], &self.keyed[b]);
        compare_rows(&self.query, (&a.name, &listed(a)), (&b.name, &listed(b)))
    }

    /// Sets the cursors for the pair of runs from `start` in the pass under way.
    fn begin_pair(&mut self) {
        let n = self.order.len();
        self.left = self.start;
        self.right = (self.start + self.width).min(n);
        self.out = self.start;
    }

    /// One merge step: the smaller head of the two runs goes to `into`; then the next pair,
    /// or the next pass. `true` once the list is in order.
    fn merge_step(&mut self) -> bool {
        let n = self.order.len();
        if self.width >= n {
            return true;
        }
        let mid = (self.start + self.width).min(n);
        let end = (self.start + 2 * self.width).min(n);
        // The left run's head goes first unless the right one's comes strictly before it,
        // so that the sort is stable (though no two accounts compare equal).
        let take_right = self.left >= mid
            || (self.right < end
                && self.compare(self.order[self.right], self.order[self.left]) == Ordering::Less);
        if take_right {
            self.into[self.out] = self.order[self.right];
            self.right += 1;
        } else {
            self.into[self.out] = self.order[self.left];
            self.left += 1;
        }
        self.out += 1;
        self.merged += 1;
        if self.out == end {
            self.start = end;
            if self.start >= n {
                std::mem::swap(&mut self.order, &mut self.into);
                self.width *= 2;
                self.start = 0;
                if self.width >= n {
                    return true;
                }
            }
            self.begin_pair();
        }
        false
    }

    fn result(&mut self) -> Vec<usize> {
        let keyed = &self.keyed;
        self.order.iter().map(|&k| keyed[k].index).collect()
    }
}

/// Merge passes for `n` items sorted from runs of one.
fn passes(n: usize) -> usize {
    let mut width = 1;
    let mut passes = 0;
    while width < n {
        width *= 2;
        passes += 1;
    }
    passes
}

impl Sliced for ListOrdering {
    type Output = Vec<usize>;

    fn advance(&mut self, units: usize) -> Option<Vec<usize>> {
        let mut left = units;
        while self.tested < self.accounts.len() {
            if left == 0 {
                return None;
            }
            left -= 1;
            let i = self.tested;
            self.tested += 1;
            let r = row(&self.accounts[i], &self.settings);
            if self.query.selects(&r) {
                let keyed = Keyed {
                    name: r.account.name.to_lowercase(),
                    index: i,
                    position: r.position,
                    quadrant: r.quadrant,
                };
                self.keyed.push(keyed);
            }
            if self.tested == self.accounts.len() {
                let n = self.keyed.len();
                self.order = (0..n).collect();
                self.into = vec![0; n];
                self.steps = n * passes(n);
                self.begin_pair();
            }
        }
        // A merge step is much cheaper than placing an account: several to a unit.
        let mut steps = left.saturating_mul(MERGE_STEPS_PER_UNIT);
        loop {
            if self.width >= self.order.len() {
                return Some(self.result());
            }
            if steps == 0 {
                return None;
            }
            steps -= 1;
            if self.merge_step() {
                return Some(self.result());
            }
        }
    }

    fn progress(&self) -> Progress {
        // Told in accounts, the testing and the sorting each counting for half.
        let total = self.accounts.len();
        let tested = self.tested as f64 / total.max(1) as f64;
        let sorted = self.merged as f64 / self.steps.max(1) as f64;
        let done = ((tested + sorted) / 2.0 * total as f64) as usize;
        Progress::new("Sorting", done, total, Unit::Records("accounts"))
    }
}

const MERGE_STEPS_PER_UNIT: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::accounts::Tier;
    use crate::domain::demo::demo_accounts;
    use crate::domain::portfolio::{list_order, QuadrantFilter, SortKey};
    use crate::support::sliced::{run_in_slices, run_to_end};

    fn many() -> Rc<Vec<Account>> {
        let mut accounts = Vec::new();
        for round in 0..9u64 {
            for mut a in demo_accounts(1 + round * 100, "2026-11-02T09:00:00Z") {
                // Names that repeat, differ in case only, or are missing some values.
                if round % 3 == 1 {
                    a.name = a.name.to_uppercase();
                }
                if round % 4 == 2 {
                    a.revenue = None;
                    a.reviewed_at = None;
                }
                accounts.push(a);
            }
        }
        Rc::new(accounts)
    }

    #[test]
    fn the_order_worked_out_in_slices_is_the_order_worked_out_at_once() {
        let accounts = many();
        let settings = Settings::default();
        let mut queries = Vec::new();
        for sort in SortKey::ALL {
            for descending in [false, true] {
                queries.push(ListQuery {
                    sort,
                    descending,
                    ..ListQuery::default()
                });
            }
        }
        queries.push(ListQuery {
            search: "a".into(),
            tier: Some(Tier::A),
            sort: SortKey::Revenue,
            ..ListQuery::default()
        });
        queries.push(ListQuery {
            quadrant: QuadrantFilter::Unrated,
            ..ListQuery::default()
        });
        queries.push(ListQuery {
            search: "no such name".into(),
            ..ListQuery::default()
        });
        for query in queries {
            let at_once = list_order(&accounts, &settings, &query);
            for units in [1, 3, 64] {
                let job = ListOrdering::new(accounts.clone(), settings.clone(), query.clone());
                let (sliced, progress) = run_in_slices(job, units);
                assert_eq!(sliced, at_once, "{query:?} in slices of {units}");
                assert!(progress.windows(2).all(|w| w[0].done <= w[1].done));
                assert!(progress.iter().all(|p| p.done <= p.total));
            }
            let job = ListOrdering::new(accounts.clone(), settings.clone(), query.clone());
            assert_eq!(run_to_end(job), at_once);
        }
    }

    #[test]
    fn no_accounts_or_one_is_in_order_at_once() {
        let settings = Settings::default();
        let query = ListQuery::default();
        let none = ListOrdering::new(Rc::new(Vec::new()), settings.clone(), query.clone());
        assert_eq!(run_to_end(none), Vec::<usize>::new());
        let one = Rc::new(many()[..1].to_vec());
        let job = ListOrdering::new(one, settings, query);
        assert_eq!(run_in_slices(job, 1).0, vec![0]);
    }
}
