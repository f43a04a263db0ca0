//! Schema version 4: "room to offer more of our portfolio" (a potential criterion) became
//! share of portfolio (a relationship one), and a score on a threshold stopped counting as
//! high. The upgrade turns stored ratings into the new criterion without changing what the
//! user said about each client, and keeps a list of the accounts that changed quadrant until
//! the user has read it.

use serde::de::{DeserializeOwned, Error};
use serde::{Deserialize, Deserializer, Serialize};

use super::accounts::AccountId;
use super::quadrant::Quadrant;
use super::rating::{criteria_of, weighted_score, Axis, CriterionId, DEFAULT_WEIGHT};
use crate::support::json::{self, Json};
use crate::support::sorted_map::SortedMap;

/// The stored name of the criterion version 4 replaced.
pub const LEGACY_HEADROOM: &str = "portfolio-headroom";

/// A "room to offer more" rating as a share-of-portfolio rating. Both describe how much of
/// what applies to the client is in use, from opposite ends: much room (5) is a small share
/// (1). Turning it round keeps the user's judgement; dropping it would lose a rating the
/// user gave.
pub fn share_from_headroom(headroom: u8) -> u8 {
    6 - headroom.clamp(1, 5)
}

/// One account whose quadrant changed with the upgrade; `None` is "not on the matrix".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moved {
    pub account: AccountId,
    #[serde(default)]
    pub from: Option<Quadrant>,
    #[serde(default)]
    pub to: Option<Quadrant>,
}

/// What the upgrade to version 4 changed, kept in the document until the user dismisses it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClassificationNotice {
    pub moved: Vec<Moved>,
}

/// What changed, in the words the notice uses.
pub const WHAT_CHANGED: [&str; 3] = [
    "\"Room to offer more of our portfolio\" is now \"Share of portfolio\": how many of our \
     offerings that apply to a client it actually uses, rated under relationship strength. \
     Your earlier ratings were turned round, so a 5 for much room is now a 1 for a small share \
     in use.",
    "High now means above the threshold: an account scoring exactly on it, as one rated 3 on \
     everything does, no longer counts as high.",
    "Accounts within 7 points of a threshold are marked borderline on the matrix and on their \
     page.",
];

/// The relationship criteria of version 3; its potential ones were the remaining ones.
const V3_RELATIONSHIP: [&str; 5] = [
    "decision-maker-access",
    "share-of-organization",
    "promises-delivered",
    "contact-cadence",
    "share-of-thought",
];

/// Upgrades a version 3 document in place: ratings and weights of the old criterion move to
/// the new one, and the accounts that change quadrant are listed in a notice.
pub fn upgrade(doc: &mut Json) -> json::Result<()> {
    let settings = doc.field("settings");
    let old_weights = settings
        .and_then(|s| s.field("weights"))
        .map(numbers)
        .unwrap_or_default();
    let thresholds = settings.and_then(|s| s.field("thresholds"));
    let threshold = |key: &str| {
        thresholds
            .and_then(|t| t.field(key))
            .and_then(Json::number)
            .unwrap_or(50)
    };
    let (relationship_line, potential_line) = (threshold("relationship"), threshold("potential"));
    let new_weights = upgraded(&old_weights, |w| w);

    let mut moved = Vec::new();
    let mut any_account = false;
    if let Some(Json::Array(accounts)) = doc
        .field_mut("portfolio")
        .and_then(|p| p.field_mut("accounts"))
    {
        for account in accounts {
            any_account = true;
            let Some(ratings) = account.field_mut("ratings") else {
                continue;
            };
            let old = numbers(ratings);
            let new = upgraded(&old, share_from_headroom);
            move_legacy_member(ratings, share_from_headroom);
            let before = old_quadrant(&old, &old_weights, relationship_line, potential_line);
            let after = new_quadrant(&new, &new_weights, relationship_line, potential_line);
            if before != after {
                if let Some(id) = account.field("id").and_then(Json::number) {
                    moved.push(Moved {
                        account: id,
                        from: before,
                        to: after,
                    });
                }
            }
        }
    }
    if let Some(weights) = doc
        .field_mut("settings")
        .and_then(|s| s.field_mut("weights"))
    {
        move_legacy_member(weights, |w| w);
    }
    // Someone without accounts has nothing whose meaning changed.
    if any_account {
        let notice = ClassificationNotice { moved };
        doc.insert_missing("classification_notice", || to_json(&notice))?;
    }
    Ok(())
}

/// Renames the old criterion's member of a ratings or weights object to the new key, its
/// value passed through `convert` when it is a whole number from 1 to 5. Every other member,
/// and a value of any other kind, stays exactly as stored, for the readers to judge as they
/// did before (the lenient import lists what it leaves out).
fn move_legacy_member(object: &mut Json, convert: impl Fn(u8) -> u8) {
    let Json::Object(members) = object else {
        return;
    };
    for (key, value) in members.iter_mut() {
        if key != LEGACY_HEADROOM {
            continue;
        }
        *key = CriterionId::ShareOfPortfolio.key().to_string();
        if let Some(v @ 1..=5) = value.number::<u8>() {
            *value = Json::Number(convert(v).to_string());
        }
    }
}

/// `map` with the old criterion's entry moved to the new criterion's key, its value passed
/// through `convert`. Values outside 1-5 are left for the readers to drop.
fn upgraded(map: &[(String, u64)], convert: impl Fn(u8) -> u8) -> Vec<(String, u64)> {
    map.iter()
        .map(|(k, v)| match (k.as_str(), u8::try_from(*v)) {
            (LEGACY_HEADROOM, Ok(v @ 1..=5)) => (
                CriterionId::ShareOfPortfolio.key().to_string(),
                u64::from(convert(v)),
            ),
            (LEGACY_HEADROOM, _) => (CriterionId::ShareOfPortfolio.key().to_string(), *v),
            _ => (k.clone(), *v),
        })
        .collect()
}

fn weight_of(weights: &[(String, u64)], key: &str) -> u8 {
    weights
        .iter()
        .find(|(k, _)| k == key)
        .map_or(DEFAULT_WEIGHT, |(_, w)| u8::try_from(*w).unwrap_or(u8::MAX))
}

fn score<'a>(
    ratings: &'a [(String, u64)],
    weights: &'a [(String, u64)],
    on_axis: impl Fn(&str) -> bool + 'a,
) -> Option<u8> {
    weighted_score(
        ratings
            .iter()
            .filter(move |(k, _)| on_axis(k))
            .filter_map(|(k, r)| Some((u8::try_from(*r).ok()?, weight_of(weights, k)))),
    )
}

/// The quadrant version 3 showed: the old criteria on their old axes, on the line is high.
fn old_quadrant(
    ratings: &[(String, u64)],
    weights: &[(String, u64)],
    relationship_line: u8,
    potential_line: u8,
) -> Option<Quadrant> {
    let relationship = score(ratings, weights, |k| V3_RELATIONSHIP.contains(&k))?;
    let potential = score(ratings, weights, |k| !V3_RELATIONSHIP.contains(&k))?;
    Some(sides(
        relationship >= relationship_line,
        potential >= potential_line,
    ))
}

/// The quadrant this version shows, with the rules of `quadrant::classify`.
fn new_quadrant(
    ratings: &[(String, u64)],
    weights: &[(String, u64)],
    relationship_line: u8,
    potential_line: u8,
) -> Option<Quadrant> {
    let on = |axis: Axis| move |k: &str| criteria_of(axis).any(|c| c.id.key() == k);
    let relationship = score(ratings, weights, on(Axis::Relationship))?;
    let potential = score(ratings, weights, on(Axis::Potential))?;
    Some(sides(
        relationship > relationship_line,
        potential > potential_line,
    ))
}

fn sides(strong_relationship: bool, high_potential: bool) -> Quadrant {
    match (strong_relationship, high_potential) {
        (true, true) => Quadrant::ManageKeyAccount,
        (false, true) => Quadrant::InvestInRelationship,
        (true, false) => Quadrant::TransitionOfferings,
        (false, false) => Quadrant::Rethink,
    }
}

/// The whole-number members of an object, in order; anything else is left for the readers
/// to refuse, as they would have without the upgrade.
fn numbers(object: &Json) -> Vec<(String, u64)> {
    match object {
        Json::Object(fields) => fields
            .iter()
            .filter_map(|(k, v)| Some((k.clone(), v.number()?)))
            .collect(),
        _ => Vec::new(),
    }
}

fn object_of(map: &[(String, u64)]) -> Json {
    Json::Object(
        map.iter()
            .map(|(k, v)| (k.clone(), Json::Number(v.to_string())))
            .collect(),
    )
}

fn to_json<T: Serialize + ?Sized>(value: &T) -> Json {
    Json::parse(&json::to_text(value)).expect("serde writes JSON")
}

/// A ratings or weights object that may come from before version 4 (a share link made by an
/// older build): the old criterion becomes the new one, as the document upgrade does.
pub fn read_upgraded<'de, D: Deserializer<'de>, T: DeserializeOwned>(
    d: D,
    ratings: bool,
) -> Result<T, D::Error> {
    let map: Vec<(String, u64)> = SortedMap::<String, u64>::deserialize(d)?
        .iter()
        .map(|(k, v)| (k.clone(), *v))
        .collect();
    let map = match (map.iter().any(|(k, _)| k == LEGACY_HEADROOM), ratings) {
        (false, _) => map,
        (true, true) => upgraded(&map, share_from_headroom),
        (true, false) => upgraded(&map, |w| w),
    };
    json::read(&object_of(&map).to_text()).map_err(D::Error::custom)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::quadrant::{classify, Quadrant::*};
    use crate::domain::rating::CriterionId::*;
    use crate::storage::schema::decode;

    #[test]
    fn room_to_offer_more_turns_round_into_share_in_use() {
        assert_eq!(
            (1..=5).map(share_from_headroom).collect::<Vec<_>>(),
            [5, 4, 3, 2, 1]
        );
    }

    /// A version 3 document: "mid" rated 3 on everything (50/50, a key account then); "roomy"
    /// trusted, with little upside but untapped offerings (a key account then); "steady" uses
    /// all that applies (sent to transition then); "half" with only the old criterion rated on
    /// potential.
    const V3: &str = r#"{"version":3,"next_id":9,
        "portfolio":{"accounts":[
        {"id":1,"name":"mid","created_at":"t","updated_at":"t","ratings":{
            "decision-maker-access":3,"share-of-organization":3,"promises-delivered":3,
            "contact-cadence":3,"share-of-thought":3,"long-term-potential":3,"needs-fit":3,
            "profitability":3,"portfolio-headroom":3,"strategic-value":3}},
        {"id":2,"name":"roomy","created_at":"t","updated_at":"t","ratings":{
            "decision-maker-access":5,"promises-delivered":5,"contact-cadence":5,
            "long-term-potential":2,
            "needs-fit":2,"portfolio-headroom":5}},
        {"id":3,"name":"steady","created_at":"t","updated_at":"t","ratings":{
            "decision-maker-access":5,"needs-fit":5,"portfolio-headroom":1}},
        {"id":4,"name":"half","created_at":"t","updated_at":"t","ratings":{
            "decision-maker-access":1,"portfolio-headroom":4}}],"snapshots":[]},
        "settings":{"weights":{"portfolio-headroom":2,"needs-fit":1},
            "thresholds":{"relationship":50,"potential":50}}}"#;

    #[test]
    fn values_the_readers_would_refuse_are_left_for_them_not_dropped() {
        let v3 = r#"{"version":3,"portfolio":{"accounts":[{"id":1,"name":"Acme",
            "created_at":"x","updated_at":"x",
            "ratings":{"needs-fit":"high","portfolio-headroom":2.5}}]}}"#;
        assert!(
            decode(v3).is_err(),
            "the upgrade must not hide what the readers refuse"
        );
        let mut tree: Json = crate::support::json::Json::parse(v3).unwrap();
        upgrade(&mut tree).unwrap();
        let ratings = tree.to_text();
        assert!(ratings.contains(r#""needs-fit":"high""#), "{ratings}");
        assert!(ratings.contains(r#""share-of-portfolio":2.5"#), "{ratings}");
    }

    #[test]
    fn stored_ratings_keep_their_meaning_and_moves_are_listed() {
        let doc = decode(V3).unwrap();
        let accounts = &doc.portfolio.accounts;
        let rating = |i: usize, id| accounts[i].ratings.get(id);
        assert_eq!(rating(0, ShareOfPortfolio), Some(3));
        assert_eq!(rating(1, ShareOfPortfolio), Some(1));
        assert_eq!(rating(2, ShareOfPortfolio), Some(5));
        assert_eq!(rating(3, ShareOfPortfolio), Some(2));
        assert_eq!(doc.settings.weights.get(ShareOfPortfolio), 2);
        let now = |i: usize| {
            accounts[i]
                .position(&doc.settings.weights)
                .map(|p| classify(p, doc.settings.thresholds))
        };
        assert_eq!(now(0), Some(Rethink));
        assert_eq!(now(1), Some(TransitionOfferings));
        assert_eq!(now(2), Some(ManageKeyAccount));
        assert_eq!(now(3), None);
        let notice = doc.classification_notice.expect("accounts were stored");
        assert_eq!(
            notice.moved,
            [
                Moved {
                    account: 1,
                    from: Some(ManageKeyAccount),
                    to: Some(Rethink)
                },
                Moved {
                    account: 2,
                    from: Some(ManageKeyAccount),
                    to: Some(TransitionOfferings)
                },
                Moved {
                    account: 3,
                    from: Some(TransitionOfferings),
                    to: Some(ManageKeyAccount)
                },
                Moved {
                    account: 4,
                    from: Some(InvestInRelationship),
                    to: None
                },
            ]
        );
    }

    #[test]
    fn without_accounts_there_is_nothing_to_tell() {
        let doc = decode(r#"{"version":3,"grader":{"draft":{}}}"#).unwrap();
        assert_eq!(doc.classification_notice, None);
        let doc = decode(r#"{"version":2,"portfolio":{"accounts":[]}}"#).unwrap();
        assert_eq!(doc.classification_notice, None);
    }

    #[test]
    fn the_notice_says_what_changed() {
        let all = WHAT_CHANGED.join(" ");
        for words in [
            "Share of portfolio",
            "turned round",
            "above the threshold",
            "borderline",
        ] {
            assert!(all.contains(words), "{words}");
        }
    }
}
