//! Advice that depends on the firm and on each account: how many key accounts the firm can
//! carry, the key accounts' share of the marketing budget, ratings left unreviewed too long,
//! tiers that disagree with the matrix, and the next step for one account.

use serde::de::{Error, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::accounts::{Account, Tier};
use super::plans::{Content, Plan};
use super::quadrant::Quadrant;
use super::rating::{criteria_of, Axis, CriterionId, Ratings, Weights};
use crate::support::dates::days_between;
use crate::support::sorting::sort_by_key;

/// How big the firm is, which sets how many key accounts it can serve well.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FirmSize {
    /// The default, because "start with fewer" is the safe advice for a firm that has not
    /// said how big it is.
    #[default]
    Small,
    MidSized,
    Large,
    /// The number of clients the firm has, for users who would rather count than choose.
    Clients(u32),
}

/// Fewer clients than this makes a firm small, when its size is given as a number of clients.
pub const MID_SIZED_FROM_CLIENTS: u32 = 100;
/// From this many clients a firm counts as large.
pub const LARGE_FROM_CLIENTS: u32 = 1000;

impl FirmSize {
    /// The sizes offered by name, in the settings' order.
    pub const NAMED: [FirmSize; 3] = [FirmSize::Small, FirmSize::MidSized, FirmSize::Large];

    /// The stored name and form value; a count of clients is stored as its number.
    pub fn key(self) -> &'static str {
        match self {
            FirmSize::Small => "small",
            FirmSize::MidSized => "mid-sized",
            FirmSize::Large => "large",
            FirmSize::Clients(_) => "clients",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            FirmSize::Small => "Small",
            FirmSize::MidSized => "Mid-sized",
            FirmSize::Large => "Large",
            FirmSize::Clients(_) => "By number of clients",
        }
    }

    /// The named size a number of clients stands for.
    pub fn named(self) -> FirmSize {
        match self {
            FirmSize::Clients(n) if n >= LARGE_FROM_CLIENTS => FirmSize::Large,
            FirmSize::Clients(n) if n >= MID_SIZED_FROM_CLIENTS => FirmSize::MidSized,
            FirmSize::Clients(_) => FirmSize::Small,
            named => named,
        }
    }

    /// About how many key accounts a firm of this size can give real attention to.
    pub fn key_account_limit(self) -> usize {
        match self.named() {
            FirmSize::MidSized => 25,
            FirmSize::Large => 100,
            _ => 5,
        }
    }

    /// The firm as the key-account warning names it.
    fn described(self) -> String {
        match self {
            FirmSize::Clients(n) => format!(
                "a firm with {n} {}",
                if n == 1 { "client" } else { "clients" }
            ),
            FirmSize::Small => "a small firm".into(),
            FirmSize::MidSized => "a mid-sized firm".into(),
            FirmSize::Large => "a large firm".into(),
        }
    }
}

/// Read back as it is written: a named size as text, a number of clients as a number.
impl<'de> Deserialize<'de> for FirmSize {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Size;
        impl Visitor<'_> for Size {
            type Value = FirmSize;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a firm size or a number of clients")
            }
            fn visit_str<E: Error>(self, name: &str) -> Result<FirmSize, E> {
                FirmSize::NAMED
                    .into_iter()
                    .find(|s| s.key() == name)
                    .ok_or_else(|| E::custom("not a firm size this version knows"))
            }
            fn visit_u64<E: Error>(self, n: u64) -> Result<FirmSize, E> {
                u32::try_from(n)
                    .map(FirmSize::Clients)
                    .map_err(|_| E::custom("a number of clients is a whole number"))
            }
            fn visit_i64<E: Error>(self, _: i64) -> Result<FirmSize, E> {
                Err(E::custom("a number of clients is a whole number"))
            }
            fn visit_f64<E: Error>(self, _: f64) -> Result<FirmSize, E> {
                Err(E::custom("a number of clients is a whole number"))
            }
        }
        d.deserialize_any(Size)
    }
}

impl Serialize for FirmSize {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            FirmSize::Clients(n) => s.serialize_u32(*n),
            named => s.serialize_str(named.key()),
        }
    }
}

/// The warning shown when the matrix holds more key accounts than the firm can carry.
pub fn key_account_warning(key_accounts: usize, size: FirmSize) -> Option<String> {
    let limit = size.key_account_limit();
    (key_accounts > limit).then(|| {
        format!(
            "{key_accounts} key accounts is more than {} can usually serve well: about {limit}. \
             Start with fewer, the clearest cases, and add more as the programme proves itself. \
             (Firms carry about 5 when small, 25 when mid-sized and rarely more than 100 even \
             when very large; set your firm's size in Settings.)",
            size.described()
        )
    })
}

/// The share of the marketing budget that key accounts should get, in percent.
pub const KEY_ACCOUNT_BUDGET_PCT: f64 = 60.0;
/// How far from the guideline the sum may be before it counts as far off, in points.
pub const BUDGET_TOLERANCE_PCT: f64 = 15.0;

/// What the key accounts' plans say about their share of the marketing budget.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BudgetShare {
    /// The sum of the shares the plans record, in percent.
    pub total_pct: f64,
    /// Key accounts whose plan records a share.
    pub recorded: usize,
    /// Key accounts without a plan, or whose plan leaves the share empty.
    pub unrecorded: usize,
}

/// The share of the marketing budget a plan gives its client, from its first budget section
/// that records one.
pub fn plan_budget_share(plan: &Plan) -> Option<f64> {
    plan.sections.iter().find_map(|s| match &s.content {
        Content::Budget(b) => b.share_pct,
        _ => None,
    })
}

/// Adds up the budget shares of the key accounts' plans (`None` for a key account without a
/// plan).
pub fn budget_share<'a>(
    key_account_plans: impl IntoIterator<Item = Option<&'a Plan>>,
) -> BudgetShare {
    let mut share = BudgetShare::default();
    for plan in key_account_plans {
        match plan.and_then(plan_budget_share) {
            Some(pct) => {
                share.total_pct += pct;
                share.recorded += 1;
            }
            None => share.unrecorded += 1,
        }
    }
    share
}

/// How the key accounts' budget compares with the guideline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BudgetFit {
    /// No plan records a share yet.
    Unknown,
    /// Below the guideline while some key accounts' shares are still missing: the sum may
    /// yet reach it, so it is not a warning.
    Incomplete,
    FarBelow,
    Near,
    FarAbove,
}

impl BudgetShare {
    pub fn fit(&self) -> BudgetFit {
        if self.recorded == 0 {
            BudgetFit::Unknown
        } else if self.total_pct > KEY_ACCOUNT_BUDGET_PCT + BUDGET_TOLERANCE_PCT {
            BudgetFit::FarAbove
        } else if self.unrecorded > 0 {
            // A sum with shares missing is a minimum, not an estimate.
            BudgetFit::Incomplete
        } else if self.total_pct < KEY_ACCOUNT_BUDGET_PCT - BUDGET_TOLERANCE_PCT {
            BudgetFit::FarBelow
        } else {
            BudgetFit::Near
        }
    }

    /// The computed sum set against the guideline, and what to do when it is far off.
    pub fn advice(&self) -> String {
        let missing = match self.unrecorded {
            0 => String::new(),
            1 => " One key account has no share in a plan yet, so the sum is not complete.".into(),
            n => format!(
                " {n} key accounts have no share in a plan yet, so the sum is not complete."
            ),
        };
        let sum = format!(
            "Your key accounts' plans add up to {} of the marketing budget, against a guideline \
             of about {}%.",
            percent(self.total_pct),
            KEY_ACCOUNT_BUDGET_PCT
        );
        match self.fit() {
            BudgetFit::Unknown => format!(
                "Key accounts should get about {}% of your marketing time and money. No key \
                 account's plan records its share yet: fill in the budget section of each plan \
                 and the sum appears here.",
                KEY_ACCOUNT_BUDGET_PCT
            ),
            BudgetFit::Incomplete if self.total_pct > KEY_ACCOUNT_BUDGET_PCT => format!(
                "{sum}{missing} It is already above the guideline, and the missing shares can \
                 only add to it: keep about 40% for your other clients and for being visible \
                 to new ones."
            ),
            BudgetFit::Incomplete => {
                format!("{sum}{missing} Record the missing shares before judging the total.")
            }
            BudgetFit::Near => format!(
                "{sum} That is close enough: the guideline is a rough one, so anything within \
                 {BUDGET_TOLERANCE_PCT} points of it counts as on track.{missing}"
            ),
            BudgetFit::FarBelow => format!(
                "{sum} Far below: either move budget from the rest of the portfolio to the key \
                 accounts, or ask whether they are truly your key accounts.{missing}"
            ),
            BudgetFit::FarAbove => format!(
                "{sum} Far above: keep about 40% for your other clients and for being visible \
                 to new ones, or trim the key-account list.{missing}"
            ),
        }
    }
}

fn percent(value: f64) -> String {
    format!(
        "{}%",
        crate::support::decimal::shortest((value * 10.0).round() / 10.0)
    )
}

/// The default number of days before an account's ratings count as old: a quarter, the
/// rhythm at which the matrix suggests reviewing them.
pub const DEFAULT_RATING_STALE_DAYS: u32 = 90;

/// True when the account has ratings that were last reviewed (or, never reviewed since it was
/// added, created) more than `max_days` before `today`. Exactly `max_days` is not yet old.
pub fn ratings_are_stale(account: &Account, today: &str, max_days: u32) -> bool {
    if account.ratings.rated_count() == 0 {
        return false;
    }
    let since = account
        .reviewed_at
        .as_deref()
        .unwrap_or(&account.created_at);
    days_between(since, today).is_some_and(|d| d > i64::from(max_days))
}

/// The question to ask when an account's tier and quadrant tell different stories.
pub fn tier_mismatch(tier: Tier, quadrant: Quadrant) -> Option<&'static str> {
    match (tier, quadrant) {
        (Tier::A, Quadrant::Rethink) => Some(
            "Tier A, yet rated in Rethink. Is the top-tier attention still earned, or has the \
             tier outlived the relationship? Change the tier or re-check the ratings.",
        ),
        (Tier::A, Quadrant::TransitionOfferings) => Some(
            "Tier A, yet rated with little potential. Does this client still justify top-tier \
             attention, or is there value in it the ratings miss?",
        ),
        (Tier::C, Quadrant::ManageKeyAccount) => Some(
            "Tier C, yet rated as a key account. Are the ratings too generous, or is this a \
             client that deserves tier A attention?",
        ),
        _ => None,
    }
}

/// What a manager can do this week to lift one criterion.
pub fn criterion_step(id: CriterionId) -> &'static str {
    match id {
        CriterionId::DecisionMakerAccess => {
            "Ask your day-to-day contact who signs off on your work, and request a short meeting \
             with that person this week."
        }
        CriterionId::ShareOfOrganization => {
            "Sketch their organisation chart, mark the business units where you know nobody, \
             and ask your best contact to introduce you in one of them."
        }
        CriterionId::PromisesDelivered => {
            "List what you promised them this quarter, check what slipped, and call your \
             contact to close or re-date each open item."
        }
        CriterionId::ContactCadence => {
            "Book the next check-in and the next business review with them now, so both are in \
             their calendar before the week ends."
        }
        CriterionId::ShareOfThought => {
            "Pick one idea, study or case from your firm that fits a problem they face, and send \
             it to your contact with a note offering to walk them through it."
        }
        CriterionId::LongTermPotential => {
            "Ask your contact where their business should be in three years and which of those \
             plans will need outside help; write the answer in the account notes."
        }
        CriterionId::NeedsFit => {
            "Set their priorities for next year beside what you do best, and note where they \
             meet and where they do not; share the gaps with your team."
        }
        CriterionId::Profitability => {
            "Work out what the account earned last year after the hours spent serving it; if it \
             did not pay, draft a change of price or of service level."
        }
        // Share of portfolio: the offerings of ours that apply to them, and which are in use.
        CriterionId::ShareOfPortfolio => {
            "List the offerings of yours that apply to this client, mark the ones they use, and \
             plan one conversation about an applicable one they do not use yet."
        }
        CriterionId::StrategicValue => {
            "Ask your team whether this client has shaped an offering, opened a market, or lets \
             you move one of their key figures; note one way to make that happen."
        }
    }
}

/// The criteria whose steps this week fit an account in `quadrant`. Steps that build the
/// relationship or the offer would be new investment, which a Rethink account must earn
/// first: its step is the decision test, so it gets none of these.
pub fn steps_for(
    quadrant: Quadrant,
    ratings: &Ratings,
    weights: &Weights,
) -> Vec<(CriterionId, u8)> {
    if quadrant == Quadrant::Rethink {
        return Vec::new();
    }
    weakest_criteria(ratings, weights, STEPS_SHOWN)
}

/// The lowest rated criteria worth a step (rated 3 or less, and counted in the score), lowest
/// first, at most `n`. Equal ratings go to the heavier weight, then to the listed order.
pub fn weakest_criteria(ratings: &Ratings, weights: &Weights, n: usize) -> Vec<(CriterionId, u8)> {
    let mut weak: Vec<(CriterionId, u8, u8, usize)> = Axis::BOTH
        .into_iter()
        .flat_map(criteria_of)
        .enumerate()
        .filter_map(|(order, c)| {
            let rating = ratings.get(c.id)?;
            let weight = weights.get(c.id);
            (weight > 0 && rating <= 3).then_some((c.id, rating, weight, order))
        })
        .collect();
    sort_by_key(&mut weak, |&(_, rating, weight, order)| {
        (rating, std::cmp::Reverse(weight), order)
    });
    weak.into_iter()
        .take(n)
        .map(|(id, r, _, _)| (id, r))
        .collect()
}

/// How many weak criteria get a step of their own: enough to act on in one week.
pub const STEPS_SHOWN: usize = 2;

/// Questions to settle before reducing the effort on, or stepping back from, a Rethink account.
pub const RETHINK_TEST: [&str; 3] = [
    "Does it pay? Over the last two years, did the account earn more than the time and costs \
     of serving it?",
    "Could it cost less to serve? A lighter rhythm, a standard offer or self-service may keep \
     it profitable without your best people.",
    "Is this a dip or a trend? A slow quarter, a new contact or a delayed project is no reason \
     to step back; decide on the longer pattern.",
];

/// Why keeping a client weighs more than it seems, shown where the user decides about it.
pub const RETENTION_FACTS: &str = "Keep in mind: over time most revenue, often around four \
    fifths, comes from clients you already have, and making up for one lost client takes about \
    three new ones.";

/// What the account page says about a plan the account does not have yet, by quadrant.
pub fn plan_prompt(quadrant: Option<Quadrant>) -> &'static str {
    match quadrant {
        Some(Quadrant::ManageKeyAccount) => {
            "No plan yet. As a key account it needs a written development plan, agreed with the \
             client."
        }
        Some(Quadrant::InvestInRelationship) => {
            "No plan needed yet. The step that fits now: find who decides at this client and \
             plan how to meet them. A full plan follows once the relationship is stronger."
        }
        Some(Quadrant::TransitionOfferings) => {
            "No plan needed yet. The step that fits now: show them one offering of yours that \
             applies to them and that they do not use, and see whether it lands."
        }
        Some(Quadrant::Rethink) => {
            "No plan needed. First decide whether to keep investing here: work through the test \
             under \"Where it belongs\"."
        }
        None => {
            "No plan yet. Rate the account first: the accounts that rate as key accounts are the \
             ones to write a plan for."
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plans::{Budget, PlanSection};
    use std::collections::BTreeSet;

    #[test]
    fn named_sizes_carry_about_5_25_and_100_key_accounts() {
        assert_eq!(FirmSize::Small.key_account_limit(), 5);
        assert_eq!(FirmSize::MidSized.key_account_limit(), 25);
        assert_eq!(FirmSize::Large.key_account_limit(), 100);
        assert_eq!(FirmSize::default(), FirmSize::Small);
    }

    #[test]
    fn a_number_of_clients_picks_the_size_at_its_edges() {
        let limit = |n| FirmSize::Clients(n).key_account_limit();
        assert_eq!(limit(0), 5);
        assert_eq!(limit(MID_SIZED_FROM_CLIENTS - 1), 5);
        assert_eq!(limit(MID_SIZED_FROM_CLIENTS), 25);
        assert_eq!(limit(LARGE_FROM_CLIENTS - 1), 25);
        assert_eq!(limit(LARGE_FROM_CLIENTS), 100);
    }

    #[test]
    fn the_key_account_warning_fires_only_above_the_firms_limit() {
        for (size, limit) in [
            (FirmSize::Small, 5),
            (FirmSize::MidSized, 25),
            (FirmSize::Large, 100),
            (FirmSize::Clients(240), 25),
        ] {
            assert_eq!(key_account_warning(limit, size), None, "{size:?}");
            let w = key_account_warning(limit + 1, size).expect("above the limit");
            assert!(w.contains(&format!("about {limit}")), "{w}");
            assert!(w.contains("Start with fewer"), "{w}");
        }
        assert!(key_account_warning(26, FirmSize::Clients(240))
            .unwrap()
            .contains("a firm with 240 clients"));
    }

    #[test]
    fn firm_size_is_stored_by_name_or_as_a_number() {
        for size in [
            FirmSize::Small,
            FirmSize::MidSized,
            FirmSize::Large,
            FirmSize::Clients(240),
        ] {
            let text = serde_json::to_string(&size).unwrap();
            assert_eq!(crate::support::json::read::<FirmSize>(&text).unwrap(), size);
        }
        assert_eq!(
            serde_json::to_string(&FirmSize::MidSized).unwrap(),
            r#""mid-sized""#
        );
        assert!(crate::support::json::read::<FirmSize>(r#""huge""#).is_err());
        assert!(crate::support::json::read::<FirmSize>("-3").is_err());
    }

    fn plan_with_share(share: Option<f64>) -> Plan {
        let mut plan = Plan::new(1, 1, 0, "2026-01-01T00:00:00Z");
        plan.sections.push(PlanSection {
            key: "budget".into(),
            title: "Budget".into(),
            content: Content::Budget(Budget {
                share_pct: share,
                ..Budget::default()
            }),
        });
        plan
    }

    #[test]
    fn budget_shares_of_key_accounts_add_up() {
        let (a, b, empty) = (
            plan_with_share(Some(22.5)),
            plan_with_share(Some(30.0)),
            plan_with_share(None),
        );
        let share = budget_share([Some(&a), Some(&b), Some(&empty), None]);
        assert_eq!(
            share,
            BudgetShare {
                total_pct: 52.5,
                recorded: 2,
                unrecorded: 2
            }
        );
        assert_eq!(share.fit(), BudgetFit::Incomplete);
        let advice = share.advice();
        assert!(
            advice.contains("add up to 52.5% of the marketing budget"),
            "{advice}"
        );
        assert!(advice.contains("2 key accounts have no share"), "{advice}");
    }

    #[test]
    fn a_rethink_account_is_not_told_to_invest_before_deciding() {
        let weak = Ratings::from_pairs(&[(CriterionId::DecisionMakerAccess, 1)]);
        let weights = Weights::default();
        assert!(steps_for(Quadrant::Rethink, &weak, &weights).is_empty());
        assert_eq!(
            steps_for(Quadrant::InvestInRelationship, &weak, &weights),
            [(CriterionId::DecisionMakerAccess, 1)]
        );
    }

    #[test]
    fn the_budget_is_far_off_beyond_the_tolerance() {
        let fit = |total_pct| {
            BudgetShare {
                total_pct,
                recorded: 1,
                unrecorded: 0,
            }
            .fit()
        };
        assert_eq!(fit(45.0), BudgetFit::Near);
        assert_eq!(fit(44.9), BudgetFit::FarBelow);
        assert_eq!(fit(75.0), BudgetFit::Near);
        assert_eq!(fit(75.1), BudgetFit::FarAbove);
        assert_eq!(budget_share([None]).fit(), BudgetFit::Unknown);
        let below = BudgetShare {
            total_pct: 20.0,
            recorded: 2,
            unrecorded: 0,
        };
        assert!(below.advice().contains("Far below"));
        // With shares still missing, a low sum is not yet a verdict.
        let incomplete = BudgetShare {
            unrecorded: 3,
            ..below
        };
        assert_eq!(incomplete.fit(), BudgetFit::Incomplete);
        assert!(!incomplete.advice().contains("Far below"));
        assert!(incomplete.advice().contains("3 key accounts have no share"));
        // Already above the guideline with shares missing: the sum can only grow.
        let above = BudgetShare {
            total_pct: 70.0,
            recorded: 1,
            unrecorded: 2,
        };
        assert_eq!(above.fit(), BudgetFit::Incomplete);
        assert!(above.advice().contains("already above the guideline"));
        assert!(!above.advice().contains("close enough"));
        assert!(budget_share([])
            .advice()
            .contains("fill in the budget section"));
    }

    fn account(reviewed_at: Option<&str>, rated: bool) -> Account {
        let mut a = crate::domain::demo::demo_accounts(1, "2026-01-01T00:00:00Z").remove(0);
        a.created_at = "2026-01-01T00:00:00Z".into();
        a.reviewed_at = reviewed_at.map(str::to_string);
        if !rated {
            a.ratings = Ratings::default();
        }
        a
    }

    #[test]
    fn ratings_grow_old_after_exactly_n_days() {
        let a = account(Some("2026-03-01T09:00:00Z"), true);
        assert!(
            !ratings_are_stale(&a, "2026-03-31T09:00:00Z", 30),
            "exactly 30 days"
        );
        assert!(ratings_are_stale(&a, "2026-04-01T09:00:00Z", 30), "31 days");
        // Never reviewed: counted from when the account was added.
        let never = account(None, true);
        assert!(ratings_are_stale(&never, "2026-04-02T00:00:00Z", 90));
        assert!(!ratings_are_stale(&never, "2026-04-01T00:00:00Z", 90));
        // Nothing rated, nothing to grow old.
        assert!(!ratings_are_stale(
            &account(None, false),
            "2030-01-01T00:00:00Z",
            1
        ));
    }

    #[test]
    fn tier_and_quadrant_mismatches_are_flagged() {
        use Quadrant::*;
        assert!(tier_mismatch(Tier::A, Rethink).is_some());
        assert!(tier_mismatch(Tier::A, TransitionOfferings).is_some());
        assert!(tier_mismatch(Tier::C, ManageKeyAccount).is_some());
        for (tier, q) in [
            (Tier::A, ManageKeyAccount),
            (Tier::A, InvestInRelationship),
            (Tier::B, Rethink),
            (Tier::B, ManageKeyAccount),
            (Tier::C, Rethink),
            (Tier::C, InvestInRelationship),
        ] {
            assert_eq!(tier_mismatch(tier, q), None, "{tier:?} {q:?}");
        }
        assert!(tier_mismatch(Tier::C, ManageKeyAccount)
            .unwrap()
            .ends_with('?'));
    }

    #[test]
    fn every_criterion_has_its_own_step() {
        let steps: BTreeSet<&str> = crate::domain::rating::CRITERIA
            .iter()
            .map(|c| criterion_step(c.id))
            .collect();
        assert_eq!(steps.len(), crate::domain::rating::CRITERIA.len());
        assert!(steps.iter().all(|s| s.len() > 40));
        assert!(criterion_step(CriterionId::ShareOfPortfolio).contains("do not use"));
    }

    #[test]
    fn the_weakest_criteria_come_first_and_strong_ones_never() {
        use CriterionId::*;
        let ratings = Ratings::from_pairs(&[
            (DecisionMakerAccess, 5),
            (ContactCadence, 3),
            (Profitability, 2),
            (NeedsFit, 2),
            (StrategicValue, 4),
        ]);
        let mut weights = Weights::default();
        assert_eq!(
            weakest_criteria(&ratings, &weights, 2),
            vec![(NeedsFit, 2), (Profitability, 2)],
            "equal ratings keep the listed order"
        );
        weights.set(Profitability, 3);
        assert_eq!(
            weakest_criteria(&ratings, &weights, 1),
            vec![(Profitability, 2)]
        );
        weights.set(Profitability, 0);
        assert_eq!(
            weakest_criteria(&ratings, &weights, 5),
            vec![(NeedsFit, 2), (ContactCadence, 3)]
        );
        let strong = Ratings::from_pairs(&[(DecisionMakerAccess, 4), (NeedsFit, 5)]);
        assert!(weakest_criteria(&strong, &weights, 2).is_empty());
    }

    #[test]
    fn plan_prompts_follow_the_quadrant() {
        assert!(plan_prompt(Some(Quadrant::ManageKeyAccount)).contains("needs a written"));
        let others: BTreeSet<&str> = [
            Quadrant::InvestInRelationship,
            Quadrant::TransitionOfferings,
            Quadrant::Rethink,
        ]
        .into_iter()
        .map(|q| plan_prompt(Some(q)))
        .collect();
        assert_eq!(others.len(), 3);
        assert!(others.iter().all(|p| !p.contains("needs a written")));
        assert!(plan_prompt(None).contains("Rate the account first"));
    }

    #[test]
    fn the_rethink_test_covers_profit_cost_and_patience() {
        assert!(RETHINK_TEST[0].contains("pay"));
        assert!(RETHINK_TEST[1].contains("cost less to serve"));
        assert!(RETHINK_TEST[2].contains("dip or a trend"));
        assert!(RETENTION_FACTS.contains("three new ones"));
    }
}
