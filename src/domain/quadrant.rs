//! The four action categories of the portfolio matrix, and why an account falls in one.

use serde::{Deserialize, Serialize};

use super::rating::{criteria_of, Axis, CriterionId, Position, Ratings, Weights};
use crate::support::sorting::sort_by_key;

/// The score dividing low from high on each axis.
///
/// High means strictly above the threshold. Every criterion rated 3, the middle of the scale,
/// scores exactly 50: an average relationship is not a strong one, so with the default
/// threshold such an account is not a key account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thresholds {
    pub relationship: u8,
    pub potential: u8,
}

pub const DEFAULT_THRESHOLD: u8 = 50;

/// Scores this close to a threshold, on either side, are borderline: one rating a step
/// higher or lower can be enough to change the side, so the screens say so rather than
/// present the quadrant as settled. With equal weights one step moves the score by 25 points
/// over the number of criteria on the axis: about 4 with six, about 6 with four, so the band
/// takes in one step on either axis.
pub const BORDERLINE_BAND: u8 = 7;

/// The rule in one sentence, for the screens that mark borderline accounts.
pub const BORDERLINE_RULE: &str = "An account counts as high on an axis only when its score \
     is above the threshold; within 7 points of a threshold, either side, it is marked \
     borderline, because with equal weights a single rating changed by one step can move it \
     across.";

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            relationship: DEFAULT_THRESHOLD,
            potential: DEFAULT_THRESHOLD,
        }
    }
}

impl Thresholds {
    pub fn on(self, axis: Axis) -> u8 {
        match axis {
            Axis::Relationship => self.relationship,
            Axis::Potential => self.potential,
        }
    }

    /// True when `score` counts as high on `axis`: above the threshold, not on it.
    pub fn is_high(self, axis: Axis, score: u8) -> bool {
        score > self.on(axis)
    }

    /// True when `score` is within [`BORDERLINE_BAND`] points of the threshold of `axis`.
    pub fn is_borderline(self, axis: Axis, score: u8) -> bool {
        score.abs_diff(self.on(axis)) <= BORDERLINE_BAND
    }

    /// The axes on which `position` is borderline, relationship first.
    pub fn borderline_axes(self, position: Position) -> Vec<Axis> {
        Axis::BOTH
            .into_iter()
            .filter(|&axis| self.is_borderline(axis, position.on(axis)))
            .collect()
    }
}

/// Where an account belongs and what to do with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Quadrant {
    /// Strong relationship, high potential.
    ManageKeyAccount,
    /// Weak relationship, high potential.
    InvestInRelationship,
    /// Strong relationship, low potential.
    TransitionOfferings,
    /// Weak relationship, low potential.
    Rethink,
}

impl Quadrant {
    pub const ALL: [Quadrant; 4] = [
        Quadrant::ManageKeyAccount,
        Quadrant::InvestInRelationship,
        Quadrant::TransitionOfferings,
        Quadrant::Rethink,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Quadrant::ManageKeyAccount => "Manage as a key account",
            Quadrant::InvestInRelationship => "Invest in the relationship",
            Quadrant::TransitionOfferings => "Transition to higher-value offerings",
            Quadrant::Rethink => "Rethink",
        }
    }

    /// One word for compact labels.
    pub fn short(self) -> &'static str {
        match self {
            Quadrant::ManageKeyAccount => "Key account",
            Quadrant::InvestInRelationship => "Invest",
            Quadrant::TransitionOfferings => "Transition",
            Quadrant::Rethink => "Rethink",
        }
    }

    pub fn action(self) -> &'static str {
        match self {
            Quadrant::ManageKeyAccount => {
                "Put this client in your key-account programme: a named owner, a written account \
                 plan agreed with the client, regular business reviews and a share of your \
                 marketing budget."
            }
            Quadrant::InvestInRelationship => {
                "A likely key client of tomorrow. Build relationships with the people who decide, \
                 widen your contacts across their business, and earn trust with visible wins."
            }
            Quadrant::TransitionOfferings => {
                "They trust you but the upside is small today. Show them the full range of what \
                 you can do, and move the work toward offerings worth more to both sides."
            }
            Quadrant::Rethink => {
                "Little relationship and little upside. Cut the effort to a minimum, serve them \
                 efficiently, or consider stepping back from the account."
            }
        }
    }

    /// The stored name, as serde writes the variant.
    pub fn key(self) -> &'static str {
        match self {
            Quadrant::ManageKeyAccount => "manage-key-account",
            Quadrant::InvestInRelationship => "invest-in-relationship",
            Quadrant::TransitionOfferings => "transition-offerings",
            Quadrant::Rethink => "rethink",
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Quadrant::ManageKeyAccount => "key",
            Quadrant::InvestInRelationship => "invest",
            Quadrant::TransitionOfferings => "transition",
            Quadrant::Rethink => "rethink",
        }
    }

    fn from_sides(strong_relationship: bool, high_potential: bool) -> Self {
        match (strong_relationship, high_potential) {
            (true, true) => Quadrant::ManageKeyAccount,
            (false, true) => Quadrant::InvestInRelationship,
            (true, false) => Quadrant::TransitionOfferings,
            (false, false) => Quadrant::Rethink,
        }
    }
}

/// The quadrant of a position.
pub fn classify(position: Position, thresholds: Thresholds) -> Quadrant {
    Quadrant::from_sides(
        thresholds.is_high(Axis::Relationship, position.relationship),
        thresholds.is_high(Axis::Potential, position.potential),
    )
}

/// Why an account is where it is on one axis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AxisReason {
    pub axis: Axis,
    pub score: u8,
    pub high: bool,
    /// The rated criteria that pushed the score to its side of the threshold, strongest pull
    /// first, with their ratings (at most three).
    pub drivers: Vec<(CriterionId, u8)>,
}

/// Explains the quadrant: for each axis, the criteria that pulled the account to its side.
pub fn explain(
    ratings: &Ratings,
    weights: &Weights,
    position: Position,
    thresholds: Thresholds,
) -> [AxisReason; 2] {
    Axis::BOTH.map(|axis| {
        let score = position.on(axis);
        let high = thresholds.is_high(axis, score);
        let threshold = i32::from(thresholds.on(axis));
        let mut drivers: Vec<(CriterionId, u8, i32)> = criteria_of(axis)
            .filter_map(|c| {
                let rating = ratings.get(c.id)?;
                let weight = i32::from(weights.get(c.id));
                let points = (i32::from(rating) - 1) * 25;
                // How hard this criterion pulls toward the side the axis ended on.
                let pull = if high {
                    points - threshold
                } else {
                    threshold - points
                } * weight;
                // A criterion rated exactly on the threshold holds the score at the line, which
                // is the low side.
                (pull > 0 || (pull == 0 && !high && weight > 0)).then_some((c.id, rating, pull))
            })
            .collect();
        // Criteria pulling equally keep the order they are listed in.
        sort_by_key(&mut drivers, |d| (std::cmp::Reverse(d.2), d.0));
        AxisReason {
            axis,
            score,
            high,
            drivers: drivers
                .into_iter()
                .take(3)
                .map(|(id, r, _)| (id, r))
                .collect(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use CriterionId::*;

    fn at(relationship: u8, potential: u8) -> Position {
        Position {
            relationship,
            potential,
        }
    }

    #[test]
    fn quadrants_follow_the_two_axes() {
        let t = Thresholds::default();
        assert_eq!(classify(at(80, 80), t), Quadrant::ManageKeyAccount);
        assert_eq!(classify(at(20, 80), t), Quadrant::InvestInRelationship);
        assert_eq!(classify(at(80, 20), t), Quadrant::TransitionOfferings);
        assert_eq!(classify(at(20, 20), t), Quadrant::Rethink);
    }

    #[test]
    fn high_means_strictly_above_the_threshold() {
        let t = Thresholds::default();
        assert_eq!(classify(at(50, 50), t), Quadrant::Rethink);
        assert_eq!(classify(at(51, 51), t), Quadrant::ManageKeyAccount);
        assert_eq!(classify(at(50, 51), t), Quadrant::InvestInRelationship);
        assert_eq!(classify(at(51, 50), t), Quadrant::TransitionOfferings);
        let t = Thresholds {
            relationship: 70,
            potential: 30,
        };
        assert_eq!(classify(at(70, 31), t), Quadrant::InvestInRelationship);
        assert_eq!(classify(at(71, 30), t), Quadrant::TransitionOfferings);
        assert_eq!(classify(at(71, 31), t), Quadrant::ManageKeyAccount);
        // Nothing is above 100: a threshold there makes no account high.
        let top = Thresholds {
            relationship: 100,
            potential: 100,
        };
        assert_eq!(classify(at(100, 100), top), Quadrant::Rethink);
    }

    #[test]
    fn every_criterion_rated_three_is_not_a_key_account() {
        let w = Weights::default();
        let ratings = Ratings::from_pairs(
            &super::super::rating::CRITERIA
                .iter()
                .map(|c| (c.id, 3))
                .collect::<Vec<_>>(),
        );
        let p = super::super::rating::position(&ratings, &w).unwrap();
        assert_eq!(p, at(50, 50));
        let t = Thresholds::default();
        assert_eq!(classify(p, t), Quadrant::Rethink);
        assert_eq!(t.borderline_axes(p), Axis::BOTH);
        // Every criterion sits on the line, so each one holds the score on the low side.
        let [rel, pot] = explain(&ratings, &w, p, t);
        assert!(!rel.high && !pot.high);
        assert_eq!(rel.drivers.len(), 3);
        assert_eq!(pot.drivers.len(), 3);
    }

    #[test]
    fn borderline_is_within_seven_points_either_side() {
        let t = Thresholds::default();
        for (score, borderline) in [
            (42, false),
            (43, true),
            (50, true),
            (57, true),
            (58, false),
            (0, false),
            (100, false),
        ] {
            assert_eq!(
                t.is_borderline(Axis::Relationship, score),
                borderline,
                "{score}"
            );
        }
        assert_eq!(t.borderline_axes(at(57, 58)), [Axis::Relationship]);
        assert_eq!(t.borderline_axes(at(42, 43)), [Axis::Potential]);
        // One step from 50 on four equally weighted criteria is 56.25: still borderline.
        assert!(t.is_borderline(Axis::Potential, 56));
        assert!(t.borderline_axes(at(80, 20)).is_empty());
        // The band follows each axis's own threshold, and stops at the ends of the scale.
        let t = Thresholds {
            relationship: 70,
            potential: 2,
        };
        assert!(t.is_borderline(Axis::Relationship, 77));
        assert!(!t.is_borderline(Axis::Relationship, 62));
        assert!(t.is_borderline(Axis::Potential, 0));
        assert!(t.is_borderline(Axis::Potential, 9));
        assert!(BORDERLINE_RULE.contains(&format!("within {BORDERLINE_BAND} points")));
    }

    #[test]
    fn reasons_name_the_criteria_that_pulled_each_way() {
        let ratings = Ratings::from_pairs(&[
            (DecisionMakerAccess, 5),
            (PromisesDelivered, 4),
            (ContactCadence, 1),
            (LongTermPotential, 1),
            (Profitability, 2),
            (NeedsFit, 4),
        ]);
        let w = Weights::default();
        let pos = super::super::rating::position(&ratings, &w).unwrap();
        let [rel, pot] = explain(&ratings, &w, pos, Thresholds::default());
        assert!(rel.high);
        assert_eq!(
            rel.drivers,
            vec![(DecisionMakerAccess, 5), (PromisesDelivered, 4)]
        );
        assert!(!pot.high);
        assert_eq!(
            pot.drivers,
            vec![(LongTermPotential, 1), (Profitability, 2)]
        );
    }
}
