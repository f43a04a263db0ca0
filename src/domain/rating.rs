//! The criteria an account is rated on, their weights, and the two axis scores they give.

use serde::{Deserialize, Serialize};

use crate::support::sorted_map::SortedMap;

/// The two axes of the portfolio matrix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Axis {
    /// Strength of the existing relationship.
    Relationship,
    /// Potential for mutual gain.
    Potential,
}

impl Axis {
    pub const BOTH: [Axis; 2] = [Axis::Relationship, Axis::Potential];

    pub fn title(self) -> &'static str {
        match self {
            Axis::Relationship => "Relationship strength",
            Axis::Potential => "Potential for mutual gain",
        }
    }

    /// The short word used in compact labels ("relationship 72, potential 40").
    pub fn short(self) -> &'static str {
        match self {
            Axis::Relationship => "relationship",
            Axis::Potential => "potential",
        }
    }
}

/// A stable identifier for one rating criterion; part of the storage schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", try_from = "String")]
pub enum CriterionId {
    DecisionMakerAccess,
    ShareOfOrganization,
    ShareOfPortfolio,
    ShareOfThought,
    PromisesDelivered,
    ContactCadence,
    LongTermPotential,
    NeedsFit,
    Profitability,
    StrategicValue,
}

/// What a criterion measures and what its ends of the 1-5 scale mean.
#[derive(Debug, PartialEq, Eq)]
pub struct Criterion {
    pub id: CriterionId,
    pub axis: Axis,
    pub title: &'static str,
    /// How to arrive at the rating, for the criteria that are counted rather than judged.
    pub measure: Option<&'static str>,
    pub low: &'static str,
    pub high: &'static str,
}

/// Every criterion, grouped by axis.
pub const CRITERIA: [Criterion; 10] = [
    Criterion {
        id: CriterionId::DecisionMakerAccess,
        axis: Axis::Relationship,
        title: "Access to decision makers",
        measure: None,
        low: "We only know the people who use our work day to day.",
        high: "We meet the people who decide, and they take our calls.",
    },
    Criterion {
        id: CriterionId::ShareOfOrganization,
        axis: Axis::Relationship,
        title: "Share of organization",
        measure: Some(
            "List their business units worth serving; count those where we have relationships, \
             interest or spend, out of all of them.",
        ),
        low: "One department knows us.",
        high: "We have relationships in most of their business units.",
    },
    Criterion {
        id: CriterionId::ShareOfPortfolio,
        axis: Axis::Relationship,
        title: "Share of portfolio",
        measure: Some(
            "List our offerings that could apply to them; count those they actually use, out of \
             all that apply.",
        ),
        low: "They use one or two of the many offerings that fit them.",
        high: "They use most of what we offer that fits their business.",
    },
    Criterion {
        id: CriterionId::ShareOfThought,
        axis: Axis::Relationship,
        title: "Share of thought",
        measure: Some(
            "List the insight and ideas of ours that bear on their problems; count what we have \
             presented to them, out of what we could.",
        ),
        low: "We never bring them ideas of our own.",
        high: "We regularly bring insight that shapes their decisions.",
    },
    Criterion {
        id: CriterionId::PromisesDelivered,
        axis: Axis::Relationship,
        title: "Promises delivered, trust earned",
        measure: None,
        low: "We have missed commitments they remember.",
        high: "We deliver what we promise, and they rely on it.",
    },
    Criterion {
        id: CriterionId::ContactCadence,
        axis: Axis::Relationship,
        title: "Contact rhythm kept",
        measure: None,
        low: "We talk only when something breaks or renews.",
        high: "Check-ins and reviews happen on schedule.",
    },
    Criterion {
        id: CriterionId::LongTermPotential,
        axis: Axis::Potential,
        title: "Long-term relationship potential",
        measure: None,
        low: "A one-off or short-term buyer.",
        high: "Years of benefit to both sides ahead.",
    },
    Criterion {
        id: CriterionId::NeedsFit,
        axis: Axis::Potential,
        title: "Their needs fit our capabilities",
        measure: None,
        low: "What they will need next is not what we do.",
        high: "Their long-term needs match what we do best.",
    },
    Criterion {
        id: CriterionId::Profitability,
        axis: Axis::Potential,
        title: "Profitability, past and forecast",
        measure: None,
        low: "The work has not paid and is not likely to.",
        high: "Past and expected business clearly justify investing.",
    },
    Criterion {
        id: CriterionId::StrategicValue,
        axis: Axis::Potential,
        title: "Strategic value beyond revenue",
        measure: None,
        low: "Revenue is the only thing they bring.",
        high: "They inspire new offerings, open markets, or we move their key metrics.",
    },
];

/// What the rating group of `axis` says before its criteria.
pub fn axis_intro(axis: Axis) -> Option<&'static str> {
    match axis {
        Axis::Relationship => Some(SHARE_MEASURES),
        Axis::Potential => None,
    }
}

/// The three shares a strategic client is measured by, and why share of portfolio counts
/// toward the relationship.
pub const SHARE_MEASURES: &str = "Three of these are the share measures of a strategic client: \
     share of organization, share of portfolio and share of thought. Share of portfolio is rated \
     here, not under potential, because a client that already uses much of what we offer relies \
     on us widely: that is strength in the relationship, not untapped upside.";

/// Read by the name serde writes (`key`), with the message of a criterion this version does
/// not have, for hand-edited or newer data.
impl TryFrom<String> for CriterionId {
    type Error = &'static str;

    fn try_from(name: String) -> Result<Self, Self::Error> {
        CRITERIA
            .iter()
            .map(|c| c.id)
            .find(|id| id.key() == name)
            .ok_or("not a criterion this version knows")
    }
}

impl CriterionId {
    /// The stored name, as serde writes the variant.
    pub fn key(self) -> &'static str {
        match self {
            CriterionId::DecisionMakerAccess => "decision-maker-access",
            CriterionId::ShareOfOrganization => "share-of-organization",
            CriterionId::ShareOfPortfolio => "share-of-portfolio",
            CriterionId::ShareOfThought => "share-of-thought",
            CriterionId::PromisesDelivered => "promises-delivered",
            CriterionId::ContactCadence => "contact-cadence",
            CriterionId::LongTermPotential => "long-term-potential",
            CriterionId::NeedsFit => "needs-fit",
            CriterionId::Profitability => "profitability",
            CriterionId::StrategicValue => "strategic-value",
        }
    }

    pub fn criterion(self) -> &'static Criterion {
        CRITERIA
            .iter()
            .find(|c| c.id == self)
            .expect("every criterion id is listed in CRITERIA")
    }
}

/// The criteria of one axis, in display order.
pub fn criteria_of(axis: Axis) -> impl Iterator<Item = &'static Criterion> {
    CRITERIA.iter().filter(move |c| c.axis == axis)
}

/// Ratings 1-5 per criterion; a criterion that is absent is unrated, not zero.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Ratings(SortedMap<CriterionId, u8>);

impl Ratings {
    pub fn get(&self, id: CriterionId) -> Option<u8> {
        self.0.get(&id).copied()
    }

    /// Sets a rating, clamped to 1-5; `None` makes the criterion unrated again.
    pub fn set(&mut self, id: CriterionId, rating: Option<u8>) {
        match rating {
            Some(r) => {
                self.0.insert(id, r.clamp(1, 5));
            }
            None => {
                self.0.remove(&id);
            }
        }
    }

    pub fn rated_count(&self) -> usize {
        self.0.len()
    }

    /// Builds ratings from pairs, for demo data and tests.
    pub fn from_pairs(pairs: &[(CriterionId, u8)]) -> Self {
        let mut r = Self::default();
        for &(id, v) in pairs {
            r.set(id, Some(v));
        }
        r
    }

    /// Ratings outside 1-5 can only come from edited storage or imports; they are dropped.
    pub fn sanitized(mut self) -> Self {
        self.0.retain(|_, v| (1..=5).contains(v));
        self
    }
}

/// How much each criterion counts within its axis, 0 (ignored) to 5.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Weights(SortedMap<CriterionId, u8>);

/// The weight every criterion starts with.
pub const DEFAULT_WEIGHT: u8 = 1;
pub const MAX_WEIGHT: u8 = 5;

impl Default for Weights {
    fn default() -> Self {
        Self(CRITERIA.iter().map(|c| (c.id, DEFAULT_WEIGHT)).collect())
    }
}

impl Weights {
    pub fn get(&self, id: CriterionId) -> u8 {
        self.0.get(&id).copied().unwrap_or(DEFAULT_WEIGHT)
    }

    pub fn set(&mut self, id: CriterionId, weight: u8) {
        self.0.insert(id, weight.min(MAX_WEIGHT));
    }

    /// The axes on which every criterion has weight 0: no account can be scored on them,
    /// however it is rated.
    pub fn unweighted_axes(&self) -> Vec<Axis> {
        Axis::BOTH
            .into_iter()
            .filter(|&axis| criteria_of(axis).all(|c| self.get(c.id) == 0))
            .collect()
    }
}

/// The score of one axis, 0-100: the weighted mean of its rated criteria, where a rating of 1
/// is 0 and a rating of 5 is 100. `None` when no criterion with a weight above 0 is rated.
pub fn axis_score(ratings: &Ratings, weights: &Weights, axis: Axis) -> Option<u8> {
    weighted_score(criteria_of(axis).filter_map(|c| Some((ratings.get(c.id)?, weights.get(c.id)))))
}

/// The 0-100 score of (rating, weight) pairs, as [`axis_score`] computes it. On its own so
/// that the migration to schema version 4 scores the old axes exactly as the app did.
pub(crate) fn weighted_score(rated: impl Iterator<Item = (u8, u8)>) -> Option<u8> {
    let (sum, total_weight) = rated.filter(|&(r, w)| w > 0 && (1..=5).contains(&r)).fold(
        (0u32, 0u32),
        |(sum, tw), (r, w)| {
            (
                sum + u32::from(r - 1) * 25 * u32::from(w),
                tw + u32::from(w),
            )
        },
    );
    // Rounded to the nearest whole point, halves up.
    (total_weight > 0).then(|| ((sum * 2 + total_weight) / (total_weight * 2)) as u8)
}

/// How many of the criteria that count on `axis` (weight above 0) are rated, and how many
/// count. A score from one of an axis's criteria is a first impression, and the
/// screens say so.
pub fn rated_of(ratings: &Ratings, weights: &Weights, axis: Axis) -> (usize, usize) {
    criteria_of(axis)
        .filter(|c| weights.get(c.id) > 0)
        .fold((0, 0), |(rated, all), c| {
            (rated + usize::from(ratings.get(c.id).is_some()), all + 1)
        })
}

/// Whether every criterion that counts, on both axes, is rated.
pub fn fully_rated(ratings: &Ratings, weights: &Weights) -> bool {
    Axis::BOTH.into_iter().all(|axis| {
        let (rated, all) = rated_of(ratings, weights, axis);
        rated == all
    })
}

/// Both axis scores of an account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub relationship: u8,
    pub potential: u8,
}

/// Where an account sits on the matrix, or `None` while either axis has no rating.
pub fn position(ratings: &Ratings, weights: &Weights) -> Option<Position> {
    Some(Position {
        relationship: axis_score(ratings, weights, Axis::Relationship)?,
        potential: axis_score(ratings, weights, Axis::Potential)?,
    })
}

impl Position {
    pub fn on(self, axis: Axis) -> u8 {
        match axis {
            Axis::Relationship => self.relationship,
            Axis::Potential => self.potential,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use CriterionId::*;

    #[test]
    fn criteria_read_by_the_names_written_and_an_unknown_one_says_so() {
        for c in CRITERIA {
            let written = serde_json::to_string(&c.id).unwrap();
            assert_eq!(written, format!("\"{}\"", c.id.key()));
            assert_eq!(
                crate::support::json::read::<CriterionId>(&written).unwrap(),
                c.id
            );
        }
        let error = crate::support::json::read::<Ratings>(r#"{"needs-fit":4,"charm":5}"#)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("not a criterion this version knows"),
            "{error}"
        );
    }

    #[test]
    fn share_of_portfolio_counts_toward_the_relationship() {
        assert_eq!(criteria_of(Axis::Relationship).count(), 6);
        assert_eq!(criteria_of(Axis::Potential).count(), 4);
        assert_eq!(ShareOfPortfolio.criterion().axis, Axis::Relationship);
        assert_eq!(ShareOfPortfolio.key(), "share-of-portfolio");
    }

    #[test]
    fn the_three_share_measures_are_named_with_how_to_measure_them() {
        let measured: Vec<_> = CRITERIA.iter().filter(|c| c.measure.is_some()).collect();
        assert_eq!(
            measured.iter().map(|c| c.title).collect::<Vec<_>>(),
            [
                "Share of organization",
                "Share of portfolio",
                "Share of thought"
            ]
        );
        let how = |id: CriterionId| id.criterion().measure.unwrap();
        assert!(how(ShareOfOrganization).contains("business units worth serving"));
        assert!(how(ShareOfPortfolio).contains("actually use, out of all that apply"));
        assert!(how(ShareOfThought).contains("presented to them, out of what we could"));
        let intro = axis_intro(Axis::Relationship).unwrap();
        for c in &measured {
            assert_eq!(c.axis, Axis::Relationship);
            assert!(intro.contains(&c.title.to_lowercase()), "{}", c.title);
        }
        assert!(intro.contains("not under potential"));
        // A high share of portfolio is a strong sign, so 5 must mean much in use.
        assert!(ShareOfPortfolio.criterion().high.contains("use most"));
    }

    #[test]
    fn axis_score_maps_one_to_zero_and_five_to_hundred() {
        let w = Weights::default();
        let all = |v| Ratings::from_pairs(&CRITERIA.iter().map(|c| (c.id, v)).collect::<Vec<_>>());
        assert_eq!(axis_score(&all(1), &w, Axis::Relationship), Some(0));
        assert_eq!(axis_score(&all(3), &w, Axis::Relationship), Some(50));
        assert_eq!(axis_score(&all(5), &w, Axis::Potential), Some(100));
    }

    #[test]
    fn unrated_criteria_are_left_out_not_counted_as_zero() {
        let r = Ratings::from_pairs(&[(DecisionMakerAccess, 5)]);
        assert_eq!(
            axis_score(&r, &Weights::default(), Axis::Relationship),
            Some(100)
        );
        assert_eq!(axis_score(&r, &Weights::default(), Axis::Potential), None);
        assert_eq!(position(&r, &Weights::default()), None);
    }

    #[test]
    fn weights_shift_the_score() {
        let r = Ratings::from_pairs(&[(DecisionMakerAccess, 5), (ContactCadence, 1)]);
        let mut w = Weights::default();
        assert_eq!(axis_score(&r, &w, Axis::Relationship), Some(50));
        w.set(DecisionMakerAccess, 3);
        assert_eq!(axis_score(&r, &w, Axis::Relationship), Some(75));
        w.set(DecisionMakerAccess, 0);
        assert_eq!(axis_score(&r, &w, Axis::Relationship), Some(0));
        w.set(ContactCadence, 0);
        assert_eq!(axis_score(&r, &w, Axis::Relationship), None);
    }

    #[test]
    fn scores_round_halves_up() {
        // (4-1)*25 = 75 and (1-1)*25 = 0 with weights 1 and 2: 75/3 = 25.
        let r = Ratings::from_pairs(&[(NeedsFit, 4), (Profitability, 1)]);
        let mut w = Weights::default();
        w.set(Profitability, 2);
        assert_eq!(axis_score(&r, &w, Axis::Potential), Some(25));
        // 25 + 0 over 2 = 12.5 → 13.
        let r = Ratings::from_pairs(&[(NeedsFit, 2), (Profitability, 1)]);
        assert_eq!(
            axis_score(&r, &Weights::default(), Axis::Potential),
            Some(13)
        );
    }

    #[test]
    fn counts_the_rated_criteria_among_those_that_count() {
        let mut r = Ratings::from_pairs(&[(NeedsFit, 5)]);
        let mut w = Weights::default();
        assert_eq!(rated_of(&r, &w, Axis::Potential), (1, 4));
        assert_eq!(rated_of(&r, &w, Axis::Relationship), (0, 6));
        assert!(!fully_rated(&r, &w));
        for c in CRITERIA.iter().filter(|c| c.id != NeedsFit) {
            r.set(c.id, Some(3));
        }
        assert!(fully_rated(&r, &w));
        // A criterion with weight 0 neither needs a rating nor counts one.
        r.set(Profitability, None);
        w.set(Profitability, 0);
        assert_eq!(rated_of(&r, &w, Axis::Potential), (3, 3));
        assert!(fully_rated(&r, &w));
    }

    #[test]
    fn an_axis_whose_criteria_all_weigh_nothing_is_named() {
        let mut w = Weights::default();
        assert!(w.unweighted_axes().is_empty());
        for c in criteria_of(Axis::Relationship) {
            w.set(c.id, 0);
        }
        assert_eq!(w.unweighted_axes(), [Axis::Relationship]);
        w.set(DecisionMakerAccess, 1);
        assert!(w.unweighted_axes().is_empty());
    }

    #[test]
    fn ratings_are_clamped_and_sanitized() {
        let mut r = Ratings::default();
        r.set(NeedsFit, Some(9));
        assert_eq!(r.get(NeedsFit), Some(5));
        r.set(NeedsFit, None);
        assert_eq!(r.get(NeedsFit), None);
        let raw: Ratings =
            crate::support::json::read(r#"{"needs-fit":0,"profitability":4}"#).unwrap();
        assert_eq!(raw.sanitized().rated_count(), 1);
    }
}
