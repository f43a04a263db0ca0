//! The portfolio as a whole: the filtered, sorted account list and the resourcing guidelines.

use std::cmp::Ordering;

use super::accounts::{Account, AccountId, Tier};
use super::guidance::{
    budget_share, key_account_warning, ratings_are_stale, BudgetFit, BudgetShare, FirmSize,
};
use super::plans::Plan;
use super::quadrant::{classify, Quadrant};
use super::rating::{Axis, Position};
use super::settings::Settings;
use crate::support::case::words_key;
use crate::support::sliced::grouped;
use crate::support::sorted_map::SortedMap;
use crate::support::sorting::sort_by;

/// An account with its place on the matrix worked out.
#[derive(Clone, Debug, PartialEq)]
pub struct Row<'a> {
    pub account: &'a Account,
    pub position: Option<Position>,
    pub quadrant: Option<Quadrant>,
}

pub fn row<'a>(account: &'a Account, settings: &Settings) -> Row<'a> {
    let position = account.position(&settings.weights);
    Row {
        account,
        position,
        quadrant: position.map(|p| classify(p, settings.thresholds)),
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    #[default]
    Name,
    Revenue,
    Relationship,
    Potential,
    Quadrant,
    LastReviewed,
}

impl SortKey {
    pub const ALL: [SortKey; 6] = [
        SortKey::Name,
        SortKey::Revenue,
        SortKey::Relationship,
        SortKey::Potential,
        SortKey::Quadrant,
        SortKey::LastReviewed,
    ];

    pub fn title(self) -> &'static str {
        match self {
            SortKey::Name => "Name",
            SortKey::Revenue => "Revenue",
            SortKey::Relationship => "Relationship",
            SortKey::Potential => "Potential",
            SortKey::Quadrant => "Quadrant",
            SortKey::LastReviewed => "Ratings reviewed",
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::Revenue => "revenue",
            SortKey::Relationship => "relationship",
            SortKey::Potential => "potential",
            SortKey::Quadrant => "quadrant",
            SortKey::LastReviewed => "reviewed",
        }
    }

    pub fn from_slug(s: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|k| k.slug() == s)
    }
}

/// Which quadrant the list is narrowed to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum QuadrantFilter {
    #[default]
    All,
    Unrated,
    Only(Quadrant),
}

impl QuadrantFilter {
    /// The filter as a word, for the list's select and the copy of the list's query kept
    /// over a reload: empty for every account.
    pub fn slug(self) -> &'static str {
        match self {
            QuadrantFilter::All => "",
            QuadrantFilter::Unrated => "unrated",
            QuadrantFilter::Only(q) => q.slug(),
        }
    }

    /// The filter `slug` names; every account for a word that names none.
    pub fn from_slug(slug: &str) -> QuadrantFilter {
        match slug {
            "unrated" => QuadrantFilter::Unrated,
            v => Quadrant::ALL
                .into_iter()
                .find(|q| q.slug() == v)
                .map_or(QuadrantFilter::All, QuadrantFilter::Only),
        }
    }
}

/// How the user has narrowed and ordered the list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListQuery {
    pub search: String,
    pub quadrant: QuadrantFilter,
    pub tier: Option<Tier>,
    /// `Some("")` selects accounts without a manager.
    pub manager: Option<String>,
    /// `Some("")` selects accounts without an industry.
    pub industry: Option<String>,
    pub sort: SortKey,
    pub descending: bool,
    /// The page shown, counted from 0; narrowing or reordering the list goes back to 0.
    pub page: usize,
}

impl ListQuery {
    /// Whether the row passes the query's filters (search, quadrant, tier, manager,
    /// industry); the list and the matrix narrow by the same rule.
    pub fn selects(&self, row: &Row) -> bool {
        let a = row.account;
        let needle = self.search.trim();
        (needle.is_empty() || a.name.to_lowercase().contains(&needle.to_lowercase()))
            && self.tier.is_none_or(|t| a.tier == t)
            && self
                .manager
                .as_deref()
                .is_none_or(|m| is_chosen(&a.manager, m))
            && self
                .industry
                .as_deref()
                .is_none_or(|i| is_chosen(&a.industry, i))
            && match self.quadrant {
                QuadrantFilter::All => true,
                QuadrantFilter::Unrated => row.quadrant.is_none(),
                QuadrantFilter::Only(q) => row.quadrant == Some(q),
            }
    }

    /// `next` as the list's new query: a new page keeps the rest, and anything that narrows
    /// or reorders the list starts again from its first page.
    pub fn followed_by(&self, next: ListQuery) -> ListQuery {
        let same_list = ListQuery {
            page: next.page,
            ..self.clone()
        } == next;
        if same_list {
            next
        } else {
            ListQuery { page: 0, ..next }
        }
    }
}

/// Rows shown on one page of the accounts list. A page is what a person scans at once, and it
/// keeps the list as quick to draw with 10 000 accounts as with 100.
pub const PAGE_SIZE: usize = 100;

/// One page of a list of `total` rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// The page shown, counted from 0: the one asked for, or the last one if that is past the
    /// end (after a filter or a deletion shortened the list).
    pub index: usize,
    pub count: usize,
    /// The rows on it, as positions in the whole list.
    pub rows: std::ops::Range<usize>,
}

impl Page {
    /// The line above the list: which rows are shown of how many matches, of how many
    /// accounts in all.
    pub fn summary(&self, matching: usize, all: usize) -> String {
        let (matching, all) = (grouped(matching), grouped(all));
        if self.count <= 1 {
            return format!("Showing {matching} of {all} accounts");
        }
        let range = format!(
            "Showing {}–{} of {matching} accounts",
            grouped(self.rows.start + 1),
            grouped(self.rows.end)
        );
        if matching < all {
            format!("{range} (filtered from {all})")
        } else {
            range
        }
    }

    pub fn of(total: usize, requested: usize) -> Page {
        let count = total.div_ceil(PAGE_SIZE).max(1);
        let index = requested.min(count - 1);
        let start = index * PAGE_SIZE;
        Page {
            index,
            count,
            rows: start..total.min(start + PAGE_SIZE),
        }
    }
}

/// The accounts the query selects, in its order. Missing values (no revenue, unrated) sort
/// last whichever the direction, so the list starts with what can be compared.
pub fn list<'a>(accounts: &'a [Account], settings: &Settings, query: &ListQuery) -> Vec<Row<'a>> {
    sorted(accounts, settings, query)
        .into_iter()
        .map(|(_, r)| r)
        .collect()
}

/// Where in `accounts` each account of [`list`] is, in the list's order: a list that can be
/// kept between renders while the accounts stay the same.
/// For a long list, [`super::list_ordering::ListOrdering`] works it out a slice at a time.
pub fn list_order(accounts: &[Account], settings: &Settings, query: &ListQuery) -> Vec<usize> {
    sorted(accounts, settings, query)
        .into_iter()
        .map(|(i, _)| i)
        .collect()
}

fn sorted<'a>(
    accounts: &'a [Account],
    settings: &Settings,
    query: &ListQuery,
) -> Vec<(usize, Row<'a>)> {
    // Lower-cased once per row rather than once per comparison: sorting 10 000 names would
    // otherwise allocate hundreds of thousands of strings.
    let mut keyed: Vec<(String, usize, Row)> = accounts
        .iter()
        .enumerate()
        .map(|(i, a)| (i, row(a, settings)))
        .filter(|(_, r)| query.selects(r))
        .map(|(i, r)| (r.account.name.to_lowercase(), i, r))
        .collect();
    sort_by(&mut keyed, |(a_name, _, a), (b_name, _, b)| {
        compare_rows(query, (a_name, a), (b_name, b))
    });
    keyed.into_iter().map(|(_, i, r)| (i, r)).collect()
}

/// The list's order of two rows, each with its lower-cased name: the query's key in its
/// direction, then by name for a stable order. Every account differs from every other in
/// this order (ids are unique), so any sort by it gives the same list.
pub(super) fn compare_rows(
    query: &ListQuery,
    (a_name, a): (&str, &Row),
    (b_name, b): (&str, &Row),
) -> Ordering {
    let keyed = match query.sort {
        SortKey::Name => Some(a_name.cmp(b_name)),
        SortKey::Revenue => {
            option_cmp(a.account.revenue, b.account.revenue, |x, y| x.total_cmp(&y))
        }
        SortKey::Relationship => option_cmp(
            a.position.map(|p| p.relationship),
            b.position.map(|p| p.relationship),
            |x, y| x.cmp(&y),
        ),
        SortKey::Potential => option_cmp(
            a.position.map(|p| p.potential),
            b.position.map(|p| p.potential),
            |x, y| x.cmp(&y),
        ),
        SortKey::Quadrant => option_cmp(a.quadrant, b.quadrant, |x, y| x.cmp(&y)),
        SortKey::LastReviewed => option_cmp(
            a.account.reviewed_at.as_deref(),
            b.account.reviewed_at.as_deref(),
            |x, y| x.cmp(y),
        ),
    };
    let by_name = || a_name.cmp(b_name).then(a.account.id.cmp(&b.account.id));
    match keyed {
        // Both present: the chosen direction, then by name for a stable order.
        Some(o) => {
            let o = if query.descending { o.reverse() } else { o };
            o.then_with(by_name)
        }
        None => missing_last(a, b, query.sort).then_with(by_name),
    }
}

/// Compares two optional values; `None` when either is missing.
fn option_cmp<T>(a: Option<T>, b: Option<T>, cmp: impl Fn(T, T) -> Ordering) -> Option<Ordering> {
    Some(cmp(a?, b?))
}

fn missing_last(a: &Row, b: &Row, key: SortKey) -> Ordering {
    let has = |r: &Row| match key {
        SortKey::Name => true,
        SortKey::Revenue => r.account.revenue.is_some(),
        SortKey::Relationship | SortKey::Potential | SortKey::Quadrant => r.position.is_some(),
        SortKey::LastReviewed => r.account.reviewed_at.is_some(),
    };
    has(b).cmp(&has(a))
}

/// The accounts of each quadrant, in the order of `Quadrant::ALL`, largest revenue first
/// (accounts without revenue last).
pub fn members_by_quadrant<'a>(
    accounts: &'a [Account],
    settings: &Settings,
) -> [Vec<&'a Account>; 4] {
    let mut members: [Vec<&Account>; 4] = Default::default();
    for a in accounts {
        if let Some(q) = row(a, settings).quadrant {
            let i = Quadrant::ALL.iter().position(|&x| x == q).unwrap_or(0);
            members[i].push(a);
        }
    }
    for list in &mut members {
        let revenue = |a: &Account| a.revenue.unwrap_or(f64::NEG_INFINITY);
        sort_by(list, |a, b| {
            revenue(b).total_cmp(&revenue(a)).then(a.id.cmp(&b.id))
        });
    }
    members
}

/// Whether `name` (an account's manager or industry) is the one `chosen` in a filter: the
/// same name in any case and spacing ([`words_key`]), as the filters list it once; `""`
/// chooses the accounts without one.
pub fn is_chosen(name: &str, chosen: &str) -> bool {
    name == chosen || words_key(name) == words_key(chosen)
}

/// The distinct account managers, sorted; accounts without one are not listed here.
pub fn managers(accounts: &[Account]) -> Vec<String> {
    distinct_sorted(accounts.iter().map(|a| a.manager.as_str()))
}

/// The distinct non-empty names, sorted without regard to case.
fn distinct_sorted<'a>(names: impl Iterator<Item = &'a str>) -> Vec<String> {
    counted_names(names)
        .into_iter()
        .map(|(name, _)| name)
        .collect()
}

/// The distinct non-empty names with how many times each comes, in order without regard to
/// case. Names that differ only in case or spaces ([`is_chosen`]) are one, shown in the
/// spelling used most (the first in order when two are used as often). Spellings are told
/// apart before their keys are made: tens of thousands of accounts share a few dozen names.
fn counted_names<'a>(names: impl Iterator<Item = &'a str>) -> Vec<(String, usize)> {
    let mut spellings: Vec<&str> = names.filter(|n| !n.trim().is_empty()).collect();
    sort_by(&mut spellings, |a, b| a.cmp(b));
    let mut keyed: Vec<(String, &str, usize)> = Vec::new();
    for spelling in spellings {
        match keyed.last_mut() {
            Some((_, last, n)) if *last == spelling => *n += 1,
            _ => keyed.push((words_key(spelling), spelling, 1)),
        }
    }
    // By key, then the spelling used most first.
    sort_by(&mut keyed, |a, b| {
        a.0.cmp(&b.0).then(b.2.cmp(&a.2)).then(a.1.cmp(b.1))
    });
    let mut names: Vec<(String, String, usize)> = Vec::new();
    for (key, spelling, n) in keyed {
        match names.last_mut() {
            Some((last, _, total)) if *last == key => *total += n,
            _ => names.push((key, spelling.trim().to_string(), n)),
        }
    }
    names.into_iter().map(|(_, name, n)| (name, n)).collect()
}

/// The distinct industries, sorted; accounts without one are not listed here.
pub fn industries(accounts: &[Account]) -> Vec<String> {
    distinct_sorted(accounts.iter().map(|a| a.industry.as_str()))
}

/// Counts behind the guidelines.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    pub total: usize,
    pub per_quadrant: SortedMap<Quadrant, usize>,
    pub revenue_per_quadrant: SortedMap<Quadrant, f64>,
    pub unrated: usize,
    pub without_manager: usize,
    /// Accounts per manager, busiest first.
    pub manager_loads: Vec<(String, usize)>,
    /// Axes on which no criterion has a weight, so that no account is on the matrix.
    pub unweighted_axes: Vec<Axis>,
    pub firm_size: FirmSize,
    pub rating_stale_days: u32,
    /// What the key accounts' plans add up to; none until [`Summary::with_plans`] is given
    /// the plans.
    pub key_budget: Option<BudgetShare>,
    /// Rated accounts whose ratings are older than `rating_stale_days`; 0 without a date.
    pub stale_ratings: usize,
}

pub fn summarize(accounts: &[Account], settings: &Settings) -> Summary {
    let mut s = Summary {
        total: accounts.len(),
        unweighted_axes: settings.weights.unweighted_axes(),
        firm_size: settings.firm_size,
        rating_stale_days: settings.rating_stale_days,
        ..Summary::default()
    };
    for a in accounts {
        match row(a, settings).quadrant {
            Some(q) => {
                *s.per_quadrant.value_mut(q) += 1;
                *s.revenue_per_quadrant.value_mut(q) += a.revenue.unwrap_or(0.0);
            }
            None => s.unrated += 1,
        }
        if a.manager.trim().is_empty() {
            s.without_manager += 1;
        }
    }
    s.manager_loads = counted_names(accounts.iter().map(|a| a.manager.as_str()));
    sort_by(&mut s.manager_loads, |a, b| {
        b.1.cmp(&a.1).then(a.0.cmp(&b.0))
    });
    s
}

impl Summary {
    /// The summary with what needs the plans and today's date: the key accounts' budget
    /// shares, and how many accounts' ratings have grown old (`today` is none where there is
    /// no clock, as in server renders).
    pub fn with_plans<'a>(
        mut self,
        accounts: &[Account],
        settings: &Settings,
        plan_for: impl Fn(AccountId) -> Option<&'a Plan>,
        today: Option<&str>,
    ) -> Summary {
        let key_accounts = accounts
            .iter()
            .filter(|a| row(a, settings).quadrant == Some(Quadrant::ManageKeyAccount));
        self.key_budget = Some(budget_share(key_accounts.map(|a| plan_for(a.id))));
        if let Some(today) = today {
            self.stale_ratings = accounts
                .iter()
                .filter(|a| ratings_are_stale(a, today, settings.rating_stale_days))
                .count();
        }
        self
    }
}

/// How loud a guideline is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Guideline {
    pub level: Level,
    pub text: String,
}

/// Most accounts one manager can look after well.
pub const MAX_ACCOUNTS_PER_MANAGER: usize = 10;

/// Advice on how to spread effort across the portfolio, drawn from its counts.
pub fn guidelines(s: &Summary) -> Vec<Guideline> {
    let count = |q| s.per_quadrant.get(&q).copied().unwrap_or(0);
    let key = count(Quadrant::ManageKeyAccount);
    let mut out = Vec::new();
    let info = |text: String| Guideline {
        level: Level::Info,
        text,
    };
    let warn = |text: String| Guideline {
        level: Level::Warning,
        text,
    };
    let budget = s.key_budget.as_ref().filter(|_| key > 0);
    if let Some(budget) = budget {
        let far_off = matches!(budget.fit(), BudgetFit::FarBelow | BudgetFit::FarAbove);
        out.push(if far_off {
            warn(budget.advice())
        } else {
            info(budget.advice())
        });
    } else {
        out.push(info(match key {
            0 => "None of your accounts is in \"Manage as a key account\" yet. Once some are, put \
              about 60% of your marketing time and money into them."
                .to_string(),
            1 => "Put about 60% of your marketing time and money into your key account, and \
              spread the rest over the other clients."
                .to_string(),
            _ => format!(
                "Put about 60% of your marketing time and money into your {key} key accounts, and \
             spread the rest over the other clients."
            ),
        }));
    }
    if let Some(warning) = key_account_warning(key, s.firm_size) {
        out.push(warn(warning));
    }
    for (manager, n) in &s.manager_loads {
        if *n > MAX_ACCOUNTS_PER_MANAGER {
            out.push(warn(format!(
                "{manager} manages {} accounts. Five to ten per account manager is a load that \
                 leaves time to plan, not just react.",
                crate::support::sliced::grouped(*n)
            )));
        }
    }
    if s.without_manager > 0 {
        out.push(warn(format!(
            "{} {} no account manager. Every client worth keeping needs a named owner.",
            s.without_manager,
            plural(s.without_manager, "account has", "accounts have")
        )));
    }
    let invest = count(Quadrant::InvestInRelationship);
    if invest > 0 {
        out.push(info(format!(
            "{invest} {} in \"Invest in the relationship\" could become {}: plan \
             introductions to {} decision makers.",
            plural(invest, "account", "accounts"),
            plural(invest, "your next key account", "your next key accounts"),
            plural(invest, "its", "their")
        )));
    }
    let rethink = count(Quadrant::Rethink);
    if rethink > 0 {
        out.push(info(format!(
            "{rethink} {} in \"Rethink\": decide whether to reduce the effort or step back, \
             with the test on each account's page. {}",
            plural(rethink, "account is", "accounts are"),
            super::guidance::RETENTION_FACTS
        )));
    }
    if !s.unweighted_axes.is_empty() {
        out.push(warn(unweighted_axes_message(&s.unweighted_axes, false)));
    } else if s.unrated > 0 {
        out.push(warn(format!(
            "{} {} not rated on both axes yet and so {} not on the matrix.",
            s.unrated,
            plural(s.unrated, "account is", "accounts are"),
            plural(s.unrated, "is", "are")
        )));
    }
    if s.stale_ratings > 0 {
        out.push(warn(format!(
            "{} {} last reviewed more than {} days ago. Open {} from the accounts list \
             (marked \"Ratings old\"), re-rate what changed, or confirm the ratings still hold.",
            s.stale_ratings,
            plural(
                s.stale_ratings,
                "account's ratings were",
                "accounts' ratings were"
            ),
            s.rating_stale_days,
            plural(s.stale_ratings, "it", "each"),
        )));
    }
    out.push(info(
        "A classification is a picture of today. Review the ratings regularly, for example \
         every quarter, and record a snapshot to see how accounts move."
            .into(),
    ));
    out
}

/// For each spot, how many of `spots` are exactly there (itself included). Scores are whole
/// numbers, so in a large portfolio many accounts share a spot on the matrix, where only the
/// top one can be pointed at. A spot is any comparable key: a position, or a chart's
/// coordinates.
pub fn same_spot_counts<K: Ord + Copy>(spots: &[K]) -> Vec<usize> {
    let mut sorted = spots.to_vec();
    sort_by(&mut sorted, |a, b| a.cmp(b));
    spots
        .iter()
        .map(|k| sorted.partition_point(|s| s <= k) - sorted.partition_point(|s| s < k))
        .collect()
}

/// Why no account can be placed while every criterion of the `axes` has weight 0, and the
/// fix: on the Settings page itself, or pointing there from elsewhere.
pub fn unweighted_axes_message(axes: &[Axis], on_settings: bool) -> String {
    let names: Vec<String> = axes.iter().map(|a| a.title().to_lowercase()).collect();
    let names = names.join(" and of ");
    if on_settings {
        format!(
            "Every criterion of {names} has weight 0, so no account can be scored on it and \
             none can be placed on the matrix. Give at least one a weight above 0."
        )
    } else {
        format!(
            "Every criterion of {names} has weight 0 in Settings, so no account can be placed \
             on the matrix. Give at least one a weight above 0 there."
        )
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_accounts;

    fn names(rows: &[Row]) -> Vec<String> {
        rows.iter().map(|r| r.account.name.clone()).collect()
    }

    fn demo() -> Vec<Account> {
        demo_accounts(1, "2026-11-01T00:00:00.000Z")
    }

    #[test]
    fn a_quadrant_filter_reads_back_from_its_word() {
        let filters = [QuadrantFilter::All, QuadrantFilter::Unrated]
            .into_iter()
            .chain(Quadrant::ALL.map(QuadrantFilter::Only));
        for filter in filters {
            assert_eq!(QuadrantFilter::from_slug(filter.slug()), filter);
        }
        assert_eq!(QuadrantFilter::from_slug("no-such"), QuadrantFilter::All);
    }

    #[test]
    fn pages_cover_the_list_and_clamp_past_the_end() {
        assert_eq!(
            Page::of(0, 0),
            Page {
                index: 0,
                count: 1,
                rows: 0..0
            }
        );
        assert_eq!(Page::of(PAGE_SIZE, 0).count, 1);
        let last = Page::of(2 * PAGE_SIZE + 5, 2);
        assert_eq!((last.index, last.count), (2, 3));
        assert_eq!(last.rows, 2 * PAGE_SIZE..2 * PAGE_SIZE + 5);
        // A filter shortened the list while page 7 was shown: the last page is shown instead.
        assert_eq!(Page::of(PAGE_SIZE + 1, 7).rows, PAGE_SIZE..PAGE_SIZE + 1);
    }

    #[test]
    fn narrowing_or_reordering_goes_back_to_the_first_page() {
        let on_third = ListQuery {
            page: 2,
            ..ListQuery::default()
        };
        let next_page = ListQuery {
            page: 3,
            ..ListQuery::default()
        };
        assert_eq!(on_third.followed_by(next_page.clone()), next_page);
        let searched = ListQuery {
            search: "acme".into(),
            page: 2,
            ..ListQuery::default()
        };
        assert_eq!(on_third.followed_by(searched).page, 0);
        let resorted = ListQuery {
            descending: true,
            page: 2,
            ..ListQuery::default()
        };
        assert_eq!(on_third.followed_by(resorted).page, 0);
    }

    #[test]
    fn the_list_order_points_at_the_listed_accounts_in_their_order() {
        let accounts = crate::domain::demo::demo_accounts(1, "2026-11-01T00:00:00.000Z");
        let settings = Settings::default();
        for query in [
            ListQuery::default(),
            ListQuery {
                sort: SortKey::Revenue,
                descending: true,
                ..ListQuery::default()
            },
            ListQuery {
                tier: Some(Tier::A),
                sort: SortKey::Potential,
                ..ListQuery::default()
            },
        ] {
            let listed: Vec<AccountId> = list(&accounts, &settings, &query)
                .iter()
                .map(|r| r.account.id)
                .collect();
            let ordered: Vec<AccountId> = list_order(&accounts, &settings, &query)
                .iter()
                .map(|&i| accounts[i].id)
                .collect();
            assert!(!listed.is_empty());
            assert_eq!(ordered, listed);
        }
    }

    #[test]
    fn the_summary_names_the_rows_shown() {
        assert_eq!(Page::of(12, 0).summary(12, 40), "Showing 12 of 40 accounts");
        assert_eq!(
            Page::of(250, 1).summary(250, 250),
            "Showing 101–200 of 250 accounts"
        );
        assert_eq!(
            Page::of(150, 1).summary(150, 900),
            "Showing 101–150 of 150 accounts (filtered from 900)"
        );
        assert_eq!(
            Page::of(12_345, 123).summary(12_345, 20_012),
            "Showing 12\u{a0}301–12\u{a0}345 of 12\u{a0}345 accounts (filtered from 20\u{a0}012)"
        );
    }

    #[test]
    fn groups_list_their_largest_accounts_first() {
        let accounts = demo();
        let members = members_by_quadrant(&accounts, &Settings::default());
        let listed: usize = members.iter().map(Vec::len).sum();
        let rated = accounts
            .iter()
            .filter(|a| row(a, &Settings::default()).quadrant.is_some())
            .count();
        assert_eq!(listed, rated);
        for (q, list) in Quadrant::ALL.iter().zip(&members) {
            assert!(list
                .iter()
                .all(|a| row(a, &Settings::default()).quadrant == Some(*q)));
            let revenues: Vec<f64> = list
                .iter()
                .map(|a| a.revenue.unwrap_or(f64::NEG_INFINITY))
                .collect();
            assert!(revenues.windows(2).all(|w| w[0] >= w[1]), "{q:?}");
        }
    }

    #[test]
    fn equal_names_keep_one_order() {
        let mut accounts = demo();
        let mut twin = accounts[0].clone();
        twin.id = 999;
        accounts.insert(0, twin);
        let ids = |q: &ListQuery| {
            list(&accounts, &Settings::default(), q)
                .iter()
                .map(|r| r.account.id)
                .collect::<Vec<_>>()
        };
        let by_name = ids(&ListQuery::default());
        let first = by_name.iter().position(|&id| id == accounts[1].id).unwrap();
        assert_eq!(by_name[first + 1], 999, "ties fall back to the id");
    }

    #[test]
    fn search_is_by_name_and_ignores_case() {
        let accounts = demo();
        let q = ListQuery {
            search: "  HEALTH ".into(),
            ..ListQuery::default()
        };
        assert_eq!(
            names(&list(&accounts, &Settings::default(), &q)),
            vec!["Harbor Health Group"]
        );
    }

    #[test]
    fn filters_combine() {
        let accounts = demo();
        let s = Settings::default();
        let q = ListQuery {
            tier: Some(Tier::A),
            manager: Some("Priya Shah".into()),
            ..ListQuery::default()
        };
        assert_eq!(
            names(&list(&accounts, &s, &q)),
            vec!["Harbor Health Group", "Northwind Logistics"]
        );
        let q = ListQuery {
            quadrant: QuadrantFilter::Unrated,
            ..ListQuery::default()
        };
        assert_eq!(names(&list(&accounts, &s, &q)), vec!["Sable Biotech"]);
        let q = ListQuery {
            manager: Some(String::new()),
            ..ListQuery::default()
        };
        assert_eq!(names(&list(&accounts, &s, &q)), vec!["Lumen Media"]);
    }

    #[test]
    fn sorting_puts_missing_values_last_in_both_directions() {
        let accounts = demo();
        let s = Settings::default();
        for descending in [false, true] {
            let q = ListQuery {
                sort: SortKey::Relationship,
                descending,
                ..ListQuery::default()
            };
            let rows = list(&accounts, &s, &q);
            assert_eq!(rows.last().unwrap().account.name, "Sable Biotech");
            let scores: Vec<u8> = rows
                .iter()
                .filter_map(|r| r.position)
                .map(|p| p.relationship)
                .collect();
            let mut sorted = scores.clone();
            sorted.sort();
            if descending {
                sorted.reverse();
            }
            assert_eq!(scores, sorted);
        }
    }

    #[test]
    fn revenue_sorts_numerically() {
        let accounts = demo();
        let q = ListQuery {
            sort: SortKey::Revenue,
            descending: true,
            ..ListQuery::default()
        };
        let rows = list(&accounts, &Settings::default(), &q);
        assert_eq!(rows[0].account.name, "Northwind Logistics");
        assert_eq!(rows.last().unwrap().account.name, "Lumen Media");
    }

    #[test]
    fn managers_and_industries_typed_in_another_case_are_one_in_the_lists_filters_and_loads() {
        let mut accounts = demo();
        for (i, manager) in ["Dana Ruiz", "dana ruiz ", "Dana Ruiz", "DANA  RUIZ"]
            .into_iter()
            .enumerate()
        {
            accounts[i].manager = manager.into();
        }
        accounts[4].industry = "logistics".into();
        let listed = managers(&accounts);
        assert_eq!(
            listed.iter().filter(|m| is_chosen(m, "dana ruiz")).count(),
            1,
            "{listed:?}"
        );
        assert!(
            listed.contains(&"Dana Ruiz".to_string()),
            "the spelling used most"
        );
        assert_eq!(
            industries(&accounts)
                .iter()
                .filter(|i| is_chosen(i, "Logistics"))
                .count(),
            1
        );
        let settings = Settings::default();
        let dana = ListQuery {
            manager: Some("Dana Ruiz".into()),
            ..ListQuery::default()
        };
        assert_eq!(list(&accounts, &settings, &dana).len(), 4);
        let logistics = ListQuery {
            industry: Some("Logistics".into()),
            ..ListQuery::default()
        };
        let logistics_rows = list(&accounts, &settings, &logistics);
        assert!(logistics_rows
            .iter()
            .any(|r| r.account.id == accounts[4].id));
        let loads = summarize(&accounts, &settings).manager_loads;
        assert_eq!(loads[0], ("Dana Ruiz".to_string(), 4));
    }

    #[test]
    fn filters_narrow_by_industry_manager_tier_and_quadrant_together() {
        let mut accounts = demo();
        accounts[0].manager = "Dana".into();
        accounts[1].manager = "Dana".into();
        accounts[2].manager = String::new();
        accounts[3].industry = String::new();
        let settings = Settings::default();
        let names = |q: &ListQuery| -> Vec<String> {
            list(&accounts, &settings, q)
                .iter()
                .map(|r| r.account.name.clone())
                .collect()
        };
        let logistics = ListQuery {
            industry: Some("Logistics".into()),
            ..ListQuery::default()
        };
        assert!(names(&logistics).contains(&"Northwind Logistics".to_string()));
        assert!(list(&accounts, &settings, &logistics)
            .iter()
            .all(|r| r.account.industry == "Logistics"));
        let dana = ListQuery {
            manager: Some("Dana".into()),
            ..ListQuery::default()
        };
        assert_eq!(names(&dana).len(), 2);
        let dana_tier = ListQuery {
            tier: Some(accounts[0].tier),
            ..dana.clone()
        };
        assert!(names(&dana_tier).contains(&accounts[0].name));
        assert!(names(&dana_tier).len() <= 2);
        // The quadrant filter uses the same classification as the matrix.
        let first = row(&accounts[0], &settings);
        let same_group = ListQuery {
            quadrant: QuadrantFilter::Only(first.quadrant.unwrap()),
            ..dana
        };
        assert!(names(&same_group).contains(&accounts[0].name));
        assert!(list(&accounts, &settings, &same_group)
            .iter()
            .all(|r| r.quadrant == first.quadrant && r.account.manager == "Dana"));
        // Accounts without an industry are a choice of their own.
        let none = ListQuery {
            industry: Some(String::new()),
            ..ListQuery::default()
        };
        assert_eq!(names(&none), [accounts[3].name.clone()]);
        assert!(!industries(&accounts).contains(&String::new()));
        assert!(industries(&accounts).windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn counts_the_accounts_that_share_each_spot() {
        let at = |relationship: u8, potential: u8| (relationship, potential);
        assert_eq!(
            same_spot_counts(&[at(50, 75), at(25, 75), at(50, 75), at(50, 75), at(75, 50)]),
            [3, 1, 3, 3, 1]
        );
        assert!(same_spot_counts::<(u8, u8)>(&[]).is_empty());
    }

    #[test]
    fn guidelines_name_the_real_reason_nothing_is_on_the_matrix() {
        let mut settings = Settings::default();
        for c in crate::domain::rating::criteria_of(Axis::Potential) {
            settings.weights.set(c.id, 0);
        }
        let g = guidelines(&summarize(&demo(), &settings));
        assert!(
            g[0].text.starts_with("None of your accounts is in"),
            "{}",
            g[0].text
        );
        assert!(g.iter().any(|g| g.level == Level::Warning
            && g.text
                .contains("potential for mutual gain has weight 0 in Settings")));
        assert!(!g.iter().any(|g| g.text.contains("not rated on both axes")));
    }

    #[test]
    fn guidelines_warn_about_overloaded_managers_and_missing_owners() {
        let mut accounts = demo();
        for a in accounts.iter_mut() {
            a.manager = "Priya Shah".into();
        }
        accounts[0].manager.clear();
        let s = summarize(&accounts, &Settings::default());
        assert_eq!(s.manager_loads, vec![("Priya Shah".to_string(), 11)]);
        let g = guidelines(&s);
        assert!(g
            .iter()
            .any(|g| g.level == Level::Warning && g.text.contains("Priya Shah manages 11")));
        assert!(g
            .iter()
            .any(|g| g.text.contains("1 account has no account manager")));
        assert!(g[0].text.contains("60%"));
    }

    /// `n` accounts rated high on every criterion, so all are key accounts.
    fn key_accounts(n: usize) -> Vec<Account> {
        let template = demo().remove(0);
        (0..n)
            .map(|i| {
                let mut a = template.clone();
                a.id = i as AccountId + 1;
                a.name = format!("Key {i}");
                a.tier = Tier::A;
                a.ratings = crate::domain::rating::Ratings::from_pairs(
                    &crate::domain::rating::CRITERIA
                        .iter()
                        .map(|c| (c.id, 5))
                        .collect::<Vec<_>>(),
                );
                a
            })
            .collect()
    }

    #[test]
    fn the_invest_guideline_agrees_with_its_count() {
        let invest = |n: usize| -> String {
            let accounts: Vec<Account> = key_accounts(n)
                .into_iter()
                .map(|mut a| {
                    for c in crate::domain::rating::criteria_of(Axis::Relationship) {
                        a.ratings.set(c.id, Some(1));
                    }
                    a
                })
                .collect();
            guidelines(&summarize(&accounts, &Settings::default()))
                .into_iter()
                .find(|g| g.text.contains("Invest in the relationship"))
                .expect("an invest guideline")
                .text
        };
        assert!(
            invest(1).starts_with(
                "1 account in \"Invest in the relationship\" could become your next key \
                 account: plan introductions to its decision makers."
            ),
            "{}",
            invest(1)
        );
        assert!(
            invest(2).starts_with(
                "2 accounts in \"Invest in the relationship\" could become your next key \
                 accounts: plan introductions to their decision makers."
            ),
            "{}",
            invest(2)
        );
    }

    fn warns_of_too_many(accounts: &[Account], settings: &Settings) -> bool {
        guidelines(&summarize(accounts, settings))
            .iter()
            .any(|g| g.text.contains("Start with fewer"))
    }

    #[test]
    fn the_key_account_warning_follows_the_firm_size() {
        let mut settings = Settings::default();
        assert!(!warns_of_too_many(&key_accounts(5), &settings));
        assert!(warns_of_too_many(&key_accounts(6), &settings));
        settings.firm_size = FirmSize::MidSized;
        assert!(!warns_of_too_many(&key_accounts(25), &settings));
        assert!(warns_of_too_many(&key_accounts(26), &settings));
        settings.firm_size = FirmSize::Clients(5000);
        assert!(!warns_of_too_many(&key_accounts(26), &settings));
    }

    #[test]
    fn the_budget_guideline_adds_up_the_key_accounts_plans() {
        use crate::domain::plans::{Budget, Content, PlanSection};
        let accounts = key_accounts(3);
        let settings = Settings::default();
        let plans: Vec<Plan> = [50.0, 30.0]
            .iter()
            .zip(&accounts)
            .map(|(&share, a)| {
                let mut p = Plan::new(a.id + 100, a.id, 0, "2026-01-01T00:00:00Z");
                p.sections.push(PlanSection {
                    key: "budget".into(),
                    title: "Budget".into(),
                    content: Content::Budget(Budget {
                        share_pct: Some(share),
                        ..Budget::default()
                    }),
                });
                p
            })
            .collect();
        let s = summarize(&accounts, &settings).with_plans(
            &accounts,
            &settings,
            |id| plans.iter().find(|p| p.account == id),
            None,
        );
        let g = guidelines(&s);
        assert_eq!(g[0].level, Level::Warning, "{}", g[0].text);
        assert!(g[0].text.contains("add up to 80% of the marketing budget"));
        assert!(g[0].text.contains("Far above"));
        assert!(
            g[0].text.contains("One key account has no share"),
            "{}",
            g[0].text
        );
    }

    #[test]
    fn old_ratings_are_counted_only_with_a_date() {
        let accounts = key_accounts(2);
        let settings = Settings::default();
        let s = summarize(&accounts, &settings).with_plans(&accounts, &settings, |_| None, None);
        assert_eq!(s.stale_ratings, 0);
        let s = summarize(&accounts, &settings).with_plans(
            &accounts,
            &settings,
            |_| None,
            Some("2030-01-01T00:00:00Z"),
        );
        assert_eq!(s.stale_ratings, 2);
        assert!(guidelines(&s).iter().any(|g| g
            .text
            .starts_with("2 accounts' ratings were last reviewed more than 90")));
    }

    #[test]
    fn summary_counts_each_quadrant_and_the_unrated() {
        let s = summarize(&demo(), &Settings::default());
        assert_eq!(s.total, 12);
        assert_eq!(s.unrated, 1);
        assert_eq!(s.per_quadrant.values().sum::<usize>(), 11);
    }
}
