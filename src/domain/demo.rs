//! An invented portfolio to explore the app with before entering real accounts.

use super::accounts::{Account, AccountId, Tier};
use super::bcg::MarketPosition;
use super::rating::{Ratings, CRITERIA};

struct DemoAccount {
    name: &'static str,
    industry: &'static str,
    manager: &'static str,
    revenue: f64,
    tier: Tier,
    /// Ratings in the order of `CRITERIA`; 0 = unrated.
    ratings: [u8; 10],
    market: (f64, f64),
    notes: &'static str,
}

const DEMO: [DemoAccount; 12] = [
    DemoAccount {
        name: "Northwind Logistics",
        industry: "Logistics",
        manager: "Priya Shah",
        revenue: 480_000.0,
        tier: Tier::A,
        ratings: [5, 4, 4, 4, 5, 4, 5, 4, 4, 4],
        market: (12.0, 1.4),
        notes: "Renewal in March; CFO sponsors the programme.",
    },
    DemoAccount {
        name: "Harbor Health Group",
        industry: "Healthcare",
        manager: "Priya Shah",
        revenue: 390_000.0,
        tier: Tier::A,
        ratings: [4, 4, 4, 3, 4, 5, 5, 5, 3, 4],
        market: (8.0, 1.8),
        notes: "",
    },
    DemoAccount {
        name: "Brightline Retail",
        industry: "Retail",
        manager: "Tomás Rivera",
        revenue: 310_000.0,
        tier: Tier::A,
        ratings: [4, 3, 3, 3, 4, 4, 4, 4, 4, 3],
        market: (4.0, 1.1),
        notes: "",
    },
    DemoAccount {
        name: "Quantum Fintech",
        industry: "Financial services",
        manager: "Tomás Rivera",
        revenue: 95_000.0,
        tier: Tier::B,
        ratings: [2, 1, 1, 2, 4, 2, 5, 5, 4, 5],
        market: (25.0, 0.6),
        notes: "New CTO wants a roadmap workshop.",
    },
    DemoAccount {
        name: "Evergreen Energy",
        industry: "Energy",
        manager: "Priya Shah",
        revenue: 140_000.0,
        tier: Tier::B,
        ratings: [2, 2, 2, 1, 3, 3, 4, 4, 4, 3],
        market: (18.0, 0.8),
        notes: "",
    },
    DemoAccount {
        name: "Atlas Engineering",
        industry: "Manufacturing",
        manager: "Mei Chen",
        revenue: 120_000.0,
        tier: Tier::B,
        ratings: [3, 2, 1, 2, 3, 2, 4, 3, 3, 4],
        market: (11.0, 0.5),
        notes: "",
    },
    DemoAccount {
        name: "Cobalt Insurance",
        industry: "Insurance",
        manager: "Mei Chen",
        revenue: 260_000.0,
        tier: Tier::A,
        ratings: [4, 4, 2, 3, 5, 4, 2, 3, 2, 2],
        market: (2.0, 2.1),
        notes: "Buys claims handling only; does not know we also run risk analytics.",
    },
    DemoAccount {
        name: "Meridian Hotels",
        industry: "Hospitality",
        manager: "Tomás Rivera",
        revenue: 170_000.0,
        tier: Tier::B,
        ratings: [4, 3, 3, 3, 4, 5, 3, 2, 2, 1],
        market: (3.0, 1.2),
        notes: "",
    },
    DemoAccount {
        name: "Pioneer Schools Trust",
        industry: "Education",
        manager: "Mei Chen",
        revenue: 60_000.0,
        tier: Tier::C,
        ratings: [3, 3, 3, 3, 4, 3, 2, 3, 1, 2],
        market: (1.0, 0.9),
        notes: "",
    },
    DemoAccount {
        name: "Granite Construction",
        industry: "Construction",
        manager: "Mei Chen",
        revenue: 35_000.0,
        tier: Tier::C,
        ratings: [1, 1, 1, 1, 2, 1, 2, 2, 1, 1],
        market: (-2.0, 0.3),
        notes: "Late payer.",
    },
    DemoAccount {
        name: "Lumen Media",
        industry: "Media",
        manager: "",
        revenue: 28_000.0,
        tier: Tier::C,
        ratings: [2, 1, 1, 1, 3, 1, 1, 3, 2, 1],
        market: (6.0, 0.4),
        notes: "",
    },
    DemoAccount {
        name: "Sable Biotech",
        industry: "Life sciences",
        manager: "Priya Shah",
        revenue: 45_000.0,
        tier: Tier::C,
        ratings: [2, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        market: (30.0, 0.2),
        notes: "Met once at a conference; not rated yet.",
    },
];

/// The demo accounts with ids from `first_id` on, all created at `at`.
pub fn demo_accounts(first_id: AccountId, at: &str) -> Vec<Account> {
    DEMO.iter()
        .zip(first_id..)
        .map(|(d, id)| {
            let mut ratings = Ratings::default();
            for (c, &r) in CRITERIA.iter().zip(&d.ratings) {
                ratings.set(c.id, (r > 0).then_some(r));
            }
            Account {
                id,
                name: d.name.into(),
                industry: d.industry.into(),
                manager: d.manager.into(),
                revenue: Some(d.revenue),
                tier: d.tier,
                notes: d.notes.into(),
                ratings,
                market: MarketPosition {
                    growth_pct: Some(d.market.0),
                    relative_share: Some(d.market.1),
                },
                created_at: at.into(),
                updated_at: at.into(),
                reviewed_at: Some(at.into()),
                demo: true,
                copied_from: None,
            }
        })
        .collect()
}

/// How many accounts the demo adds.
pub const DEMO_SIZE: usize = DEMO.len();

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::quadrant::{classify, Quadrant, Thresholds};
    use crate::domain::rating::Weights;
    use std::collections::BTreeSet;

    /// The transition advice is to show the client more of what we do; it must not go to a
    /// client the demo describes as using it all already.
    #[test]
    fn the_demo_notes_ratings_and_verdicts_agree() {
        use crate::domain::rating::CriterionId::ShareOfPortfolio;
        let accounts = demo_accounts(1, "2026-11-01T00:00:00.000Z");
        let (w, t) = (Weights::default(), Thresholds::default());
        let quadrant = |name: &str| {
            let a = accounts.iter().find(|a| a.name == name).unwrap();
            classify(a.position(&w).unwrap(), t)
        };
        for a in &accounts {
            let Some(p) = a.position(&w) else { continue };
            if classify(p, t) == Quadrant::TransitionOfferings {
                assert!(a.ratings.get(ShareOfPortfolio).unwrap() <= 3, "{}", a.name);
                assert!(!a.notes.contains("every"), "{}", a.name);
            }
        }
        let cobalt = accounts
            .iter()
            .find(|a| a.name == "Cobalt Insurance")
            .unwrap();
        assert!(cobalt.notes.contains("does not know"));
        assert_eq!(cobalt.ratings.get(ShareOfPortfolio), Some(2));
        assert_eq!(quadrant("Cobalt Insurance"), Quadrant::TransitionOfferings);
        assert_eq!(quadrant("Northwind Logistics"), Quadrant::ManageKeyAccount);
        // One account close to a line shows what "borderline" looks like.
        let borderline: Vec<&str> = accounts
            .iter()
            .filter(|a| {
                a.position(&w)
                    .is_some_and(|p| !t.borderline_axes(p).is_empty())
            })
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(borderline, ["Pioneer Schools Trust"]);
    }

    #[test]
    fn the_demo_fills_every_quadrant_and_has_an_unrated_account() {
        let accounts = demo_accounts(1, "2026-11-01T00:00:00.000Z");
        let w = Weights::default();
        let quadrants: BTreeSet<Quadrant> = accounts
            .iter()
            .filter_map(|a| a.position(&w))
            .map(|p| classify(p, Thresholds::default()))
            .collect();
        assert_eq!(quadrants.len(), 4);
        assert!(accounts.iter().any(|a| a.position(&w).is_none()));
        let names: BTreeSet<_> = accounts.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names.len(), DEMO_SIZE);
    }
}
