//! The four action categories of the portfolio matrix, and why an account falls in one.

use serde::Serialize;

use super::json::{self, FromJson, Reader};
use super::rating::{criteria_of, read_axes, Axis, CriterionId, Position, Ratings, Weights};
use super::sorting::sort_by_key;

/// The score dividing low from high on each axis.
///
/// A score exactly on the threshold counts as **high**: an account at 50 with a threshold of
/// 50 is treated as having a strong relationship. Reaching the line is enough.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Thresholds {
    pub relationship: u8,
    pub potential: u8,
}

pub const DEFAULT_THRESHOLD: u8 = 50;

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

    /// True when `score` counts as high on `axis` (on the threshold is high).
    pub fn is_high(self, axis: Axis, score: u8) -> bool {
        score >= self.on(axis)
    }
}

/// Where an account belongs and what to do with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
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
                (pull > 0 || (pull == 0 && high && weight > 0)).then_some((c.id, rating, pull))
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

impl FromJson for Thresholds {
    fn read(r: &mut Reader) -> json::Result<Self> {
        let (relationship, potential) = read_axes(r)?;
        Ok(Thresholds {
            relationship,
            potential,
        })
    }
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
    fn exactly_on_the_threshold_counts_as_high() {
        let t = Thresholds::default();
        assert_eq!(classify(at(50, 50), t), Quadrant::ManageKeyAccount);
        assert_eq!(classify(at(49, 50), t), Quadrant::InvestInRelationship);
        assert_eq!(classify(at(50, 49), t), Quadrant::TransitionOfferings);
        let t = Thresholds {
            relationship: 70,
            potential: 30,
        };
        assert_eq!(classify(at(69, 30), t), Quadrant::InvestInRelationship);
        assert_eq!(classify(at(70, 29), t), Quadrant::TransitionOfferings);
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
