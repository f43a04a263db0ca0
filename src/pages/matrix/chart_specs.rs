//! What each of the matrix's two lenses draws, worked out from the document: where every
//! point goes, how big it is, what it is called and what its details say, and the axes,
//! splits and quadrant names. Pure, so the geometry is tested natively; `MatrixChart` draws it.

use crate::components::matrix_chart::{ChartPoint, Quadrants};
use crate::domain::accounts::Account;
use crate::domain::bcg::{categorize, BcgCategory};
use crate::domain::portfolio::{row, same_spot_counts, ListQuery};
use crate::domain::quadrant::{Quadrant, BORDERLINE_BAND};
use crate::domain::rating::{fully_rated, Axis};
use crate::domain::settings::format_money;
use crate::domain::snapshots::SnapshotId;
use crate::storage::schema::Document;
use crate::support::decimal::{shortest, trimmed};
use crate::support::sorting::sort_by;

/// The line the details of a point placed from some ratings end with.
const NOT_FULLY_RATED: &str = "Not every criterion rated yet";

/// Point radius: area grows with revenue; accounts without revenue get the smallest dot.
fn radius(revenue: Option<f64>, max_revenue: f64) -> f64 {
    match revenue {
        Some(r) if max_revenue > 0.0 => 7.0 + 15.0 * (r / max_revenue).clamp(0.0, 1.0).sqrt(),
        _ => 7.0,
    }
}

fn money_line(a: &Account, currency: &str) -> String {
    let revenue = a
        .revenue
        .map_or("revenue not set".to_string(), |v| format_money(v, currency));
    format!("Tier {} · {revenue}", a.tier.letter())
}

pub struct ChartSpec {
    pub points: Vec<ChartPoint>,
    pub description: String,
    pub x_title: &'static str,
    pub y_title: &'static str,
    pub x_ticks: Vec<(f64, String)>,
    pub y_ticks: Vec<(f64, String)>,
    pub x_split: f64,
    pub y_split: f64,
    pub quadrants: Quadrants,
    pub band: Option<f64>,
}

/// Big dots first, so small ones stay visible and clickable on top of them.
fn big_first(points: &mut Vec<ChartPoint>) {
    sort_by(points, |a, b| b.r.total_cmp(&a.r).then(a.id.cmp(&b.id)));
}

/// For each point, how many points are at exactly its spot: on whole-number scores many
/// accounts of a large portfolio share one, where only the top dot can be seen.
fn count_piles(points: &mut [ChartPoint]) {
    let spots: Vec<(u64, u64)> = points
        .iter()
        .map(|p| (p.x.to_bits(), p.y.to_bits()))
        .collect();
    for (p, shared) in points.iter_mut().zip(same_spot_counts(&spots)) {
        p.shared = shared;
    }
}

pub fn quadrant_chart(
    doc: &Document,
    compare: Option<SnapshotId>,
    filter: &ListQuery,
) -> ChartSpec {
    let settings = &doc.settings;
    // The size scale stays that of the whole portfolio, so a dot keeps its size as filters
    // change.
    let max_revenue = doc
        .portfolio
        .accounts
        .iter()
        .filter_map(|a| a.revenue)
        .fold(0.0, f64::max);
    let snapshot = compare.and_then(|id| doc.portfolio.snapshots.iter().find(|s| s.id == id));
    let mut points: Vec<ChartPoint> = doc
        .portfolio
        .accounts
        .iter()
        .filter_map(|a| {
            let r = row(a, settings);
            if !filter.selects(&r) {
                return None;
            }
            let (p, q) = (r.position?, r.quadrant?);
            let from = snapshot
                .and_then(|s| s.positions.get(&a.id))
                .filter(|old| **old != p)
                .map(|old| (f64::from(old.relationship), f64::from(old.potential)));
            let partial = !fully_rated(&a.ratings, &settings.weights);
            let borderline: Vec<&str> = settings
                .thresholds
                .borderline_axes(p)
                .into_iter()
                .map(Axis::short)
                .collect();
            let borderline = (!borderline.is_empty()).then(|| {
                format!(
                    "within {BORDERLINE_BAND} points of the {} threshold{}",
                    borderline.join(" and "),
                    if borderline.len() > 1 { "s" } else { "" }
                )
            });
            let mut details = vec![
                format!(
                    "Relationship {} · Potential {}",
                    p.relationship, p.potential
                ),
                q.title().to_string(),
                money_line(a, &settings.currency),
            ];
            if let Some(b) = &borderline {
                details.push(format!("Borderline: {b}"));
            }
            if partial {
                details.push(NOT_FULLY_RATED.to_string());
            }
            let point = ChartPoint {
                id: a.id,
                name: a.name.clone(),
                x: f64::from(p.relationship),
                y: f64::from(p.potential),
                r: radius(a.revenue, max_revenue),
                tier: a.tier,
                label: format!(
                    "{}: relationship {}, potential {}, {}{}, tier {}{}",
                    a.name,
                    p.relationship,
                    p.potential,
                    q.short(),
                    if borderline.is_some() {
                        " (borderline)"
                    } else {
                        ""
                    },
                    a.tier.letter(),
                    if partial {
                        ", not every criterion rated yet"
                    } else {
                        ""
                    }
                ),
                details,
                from,
                partial,
                shared: 1,
            };
            Some(point)
        })
        .collect();
    count_piles(&mut points);
    for p in points.iter_mut() {
        if p.shared > 1 {
            let others = p.shared - 1;
            let also = format!(
                "{others} other {} at this same spot",
                if others == 1 { "account" } else { "accounts" }
            );
            p.label.push_str(&format!(", {also}"));
            p.details
                .push(format!("{also}; arrow keys step through them"));
        }
    }
    big_first(&mut points);
    let ticks = || {
        vec![
            (0.0, "0".into()),
            (50.0, "50".into()),
            (100.0, "100".into()),
        ]
    };
    ChartSpec {
        description: format!(
            "Portfolio matrix of {} rated accounts: relationship strength across, potential for \
             mutual gain up. Each account is a link; arrow keys move between them.",
            points.len()
        ),
        points,
        x_title: "Relationship strength",
        y_title: "Potential for mutual gain",
        x_ticks: ticks(),
        y_ticks: ticks(),
        x_split: f64::from(settings.thresholds.relationship),
        y_split: f64::from(settings.thresholds.potential),
        band: Some(f64::from(BORDERLINE_BAND)),
        quadrants: [
            (
                Quadrant::InvestInRelationship.title(),
                Quadrant::InvestInRelationship.short(),
                "invest",
            ),
            (
                Quadrant::ManageKeyAccount.title(),
                Quadrant::ManageKeyAccount.short(),
                "key",
            ),
            (
                Quadrant::Rethink.title(),
                Quadrant::Rethink.short(),
                "rethink",
            ),
            (
                Quadrant::TransitionOfferings.title(),
                Quadrant::TransitionOfferings.short(),
                "transition",
            ),
        ],
    }
}

pub fn growth_share_chart(doc: &Document, filter: &ListQuery) -> ChartSpec {
    let settings = &doc.settings;
    let t = settings.bcg;
    let with_figures: Vec<(&Account, f64, f64, BcgCategory)> = doc
        .portfolio
        .accounts
        .iter()
        .filter(|a| filter.selects(&row(a, settings)))
        .filter_map(|a| {
            let c = categorize(a.market, t)?;
            Some((a, a.market.relative_share?, a.market.growth_pct?, c))
        })
        .collect();
    let share_max = with_figures
        .iter()
        .map(|x| x.1 * 1.1)
        .fold(t.relative_share * 2.0, f64::max)
        .max(0.1);
    let growth_min = with_figures
        .iter()
        .map(|x| x.2 - 2.0)
        .fold(0.0_f64.min(t.growth_pct - 10.0), f64::min);
    let growth_max = with_figures
        .iter()
        .map(|x| x.2 + 2.0)
        .fold(t.growth_pct * 2.0, f64::max)
        .max(growth_min + 1.0);
    let to_x = |share: f64| share / share_max * 100.0;
    let to_y = |growth: f64| (growth - growth_min) / (growth_max - growth_min) * 100.0;
    let max_revenue = with_figures
        .iter()
        .filter_map(|x| x.0.revenue)
        .fold(0.0, f64::max);
    let mut points: Vec<ChartPoint> = with_figures
        .iter()
        .map(|&(a, share, growth, c)| {
            let (growth_text, share_text) = (shortest(growth), shortest(share));
            ChartPoint {
                id: a.id,
                name: a.name.clone(),
                x: to_x(share),
                y: to_y(growth),
                r: radius(a.revenue, max_revenue),
                tier: a.tier,
                label: format!(
                    "{}: market growth {growth_text}%, relative share {share_text}, {}, tier {}",
                    a.name,
                    c.title(),
                    a.tier.letter()
                ),
                details: vec![
                    format!("Growth {growth_text}% · Relative share {share_text}"),
                    c.title().to_string(),
                    money_line(a, &settings.currency),
                ],
                from: None,
                partial: false,
                shared: 1,
            }
        })
        .collect();
    count_piles(&mut points);
    big_first(&mut points);
    let fmt = |v: f64| trimmed(v, 1);
    ChartSpec {
        description: format!(
            "Growth-share matrix of {} accounts: relative market share across, market growth up. \
             Each account is a link; arrow keys move between them.",
            points.len()
        ),
        points,
        x_title: "Relative market share",
        y_title: "Market growth (% a year)",
        x_ticks: vec![
            (0.0, "0".into()),
            (to_x(t.relative_share), fmt(t.relative_share)),
            (100.0, fmt(share_max)),
        ],
        y_ticks: vec![
            (0.0, fmt(growth_min)),
            (to_y(t.growth_pct), fmt(t.growth_pct)),
            (100.0, fmt(growth_max)),
        ],
        x_split: to_x(t.relative_share),
        y_split: to_y(t.growth_pct),
        band: None,
        quadrants: [
            (
                BcgCategory::QuestionMark.title(),
                BcgCategory::QuestionMark.title(),
                "question-mark",
            ),
            (BcgCategory::Star.title(), BcgCategory::Star.title(), "star"),
            (BcgCategory::Dog.title(), BcgCategory::Dog.title(), "dog"),
            (
                BcgCategory::CashCow.title(),
                BcgCategory::CashCow.title(),
                "cash-cow",
            ),
        ],
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;
    use crate::domain::bcg::MarketPosition;
    use crate::domain::demo::demo_accounts;
    use crate::domain::rating::CRITERIA;
    use crate::domain::snapshots::take;

    const AT: &str = "2026-11-01T00:00:00.000Z";

    fn doc_with(accounts: Vec<Account>) -> Document {
        let mut doc = Document::default();
        doc.portfolio.accounts = Rc::new(accounts);
        doc
    }

    fn point(spec: &ChartSpec, id: u64) -> &ChartPoint {
        spec.points.iter().find(|p| p.id == id).expect("a point")
    }

    #[test]
    fn a_dots_area_grows_with_revenue_from_a_smallest_dot() {
        assert_eq!(radius(None, 100.0), 7.0);
        assert_eq!(radius(Some(50.0), 0.0), 7.0, "no revenue anywhere");
        assert_eq!(radius(Some(0.0), 100.0), 7.0);
        assert_eq!(radius(Some(100.0), 100.0), 22.0);
        assert_eq!(radius(Some(25.0), 100.0), 14.5, "a quarter of the area");
        assert_eq!(radius(Some(400.0), 100.0), 22.0, "never past the largest");
        assert_eq!(radius(Some(-5.0), 100.0), 7.0, "never below the smallest");
    }

    #[test]
    fn each_rated_account_sits_at_its_scores_with_the_largest_drawn_first() {
        let mut accounts = demo_accounts(1, AT);
        accounts[1].ratings = Default::default();
        let doc = doc_with(accounts.clone());
        let spec = quadrant_chart(&doc, None, &ListQuery::default());
        let unrated = accounts[1].id;
        assert!(
            spec.points.iter().all(|p| p.id != unrated),
            "no point without ratings"
        );
        let placed: Vec<_> = accounts
            .iter()
            .filter_map(|a| Some((a, row(a, &doc.settings).position?)))
            .collect();
        assert!(placed.len() > 5);
        assert_eq!(spec.points.len(), placed.len());
        for (a, at) in placed {
            let p = point(&spec, a.id);
            assert_eq!(
                (p.x, p.y),
                (f64::from(at.relationship), f64::from(at.potential))
            );
            assert!(p.label.starts_with(&format!(
                "{}: relationship {}, potential {}, ",
                a.name, at.relationship, at.potential
            )));
        }
        assert!(
            spec.points.windows(2).all(|w| w[0].r >= w[1].r),
            "big dots first"
        );
        assert_eq!(
            spec.x_split,
            f64::from(doc.settings.thresholds.relationship)
        );
        assert_eq!(spec.y_split, f64::from(doc.settings.thresholds.potential));
        assert!(spec
            .description
            .contains(&format!("of {} rated accounts", spec.points.len())));
    }

    #[test]
    fn accounts_on_one_spot_say_how_many_share_it_and_a_filter_narrows_the_chart() {
        let mut accounts = demo_accounts(1, AT);
        accounts.truncate(3);
        accounts[1].ratings = accounts[0].ratings.clone();
        accounts[2].name = "Zebra Works".into();
        let doc = doc_with(accounts.clone());
        let spec = quadrant_chart(&doc, None, &ListQuery::default());
        for a in &accounts[..2] {
            let p = point(&spec, a.id);
            assert_eq!(p.shared, 2);
            assert!(
                p.label.ends_with(", 1 other account at this same spot"),
                "{}",
                p.label
            );
        }
        assert_eq!(point(&spec, accounts[2].id).shared, 1);

        let only_zebra = ListQuery {
            search: "zebra".into(),
            ..ListQuery::default()
        };
        let spec = quadrant_chart(&doc, None, &only_zebra);
        assert_eq!(spec.points.len(), 1);
        assert_eq!(spec.points[0].id, accounts[2].id);
    }

    #[test]
    fn a_point_that_moved_since_a_snapshot_starts_its_arrow_where_it_was() {
        let accounts = demo_accounts(1, AT);
        let mut doc = doc_with(accounts.clone());
        let snapshot = take(5, AT, &accounts, &doc.settings.weights);
        doc.portfolio.snapshots = Rc::new(vec![snapshot]);
        let moved = accounts[0].id;
        let was = row(&accounts[0], &doc.settings).position.expect("rated");
        let mut now = accounts.clone();
        for c in CRITERIA {
            let flipped = 6 - now[0].ratings.get(c.id).unwrap_or(3);
            now[0].ratings.set(c.id, Some(flipped));
        }
        doc.portfolio.accounts = Rc::new(now);
        let spec = quadrant_chart(&doc, Some(5), &ListQuery::default());
        assert_eq!(
            point(&spec, moved).from,
            Some((f64::from(was.relationship), f64::from(was.potential)))
        );
        assert!(
            spec.points
                .iter()
                .filter(|p| p.id != moved)
                .all(|p| p.from.is_none()),
            "accounts that stayed have no arrow"
        );
    }

    #[test]
    fn the_growth_share_lens_scales_its_axes_to_the_figures_and_the_thresholds() {
        let mut accounts = demo_accounts(1, AT);
        accounts.truncate(3);
        let figures = [
            (Some(30.0), Some(4.0)),
            (Some(-5.0), Some(0.2)),
            (None, Some(1.0)),
        ];
        for (a, (growth, share)) in accounts.iter_mut().zip(figures) {
            a.market = MarketPosition {
                growth_pct: growth,
                relative_share: share,
            };
        }
        let doc = doc_with(accounts.clone());
        let spec = growth_share_chart(&doc, &ListQuery::default());
        assert_eq!(
            spec.points.len(),
            2,
            "an account without growth is not drawn"
        );
        // Axes reach 10% past the largest share and 2 points past the growth figures.
        let share_max = 4.0 * 1.1;
        let (growth_min, growth_max) = (-7.0, 32.0);
        let leader = point(&spec, accounts[0].id);
        assert!((leader.x - 4.0 / share_max * 100.0).abs() < 1e-9);
        assert!((leader.y - (30.0 - growth_min) / (growth_max - growth_min) * 100.0).abs() < 1e-9);
        let small = point(&spec, accounts[1].id);
        assert!((small.y - (-5.0 - growth_min) / (growth_max - growth_min) * 100.0).abs() < 1e-9);
        assert!((spec.x_split - 1.0 / share_max * 100.0).abs() < 1e-9);
        assert!(
            (spec.y_split - (10.0 - growth_min) / (growth_max - growth_min) * 100.0).abs() < 1e-9
        );
        assert_eq!(spec.x_ticks[2].1, "4.4");
        assert_eq!(spec.y_ticks[0].1, "-7");
        assert_eq!(spec.y_ticks[2].1, "32");
        assert!(spec
            .points
            .iter()
            .all(|p| (0.0..=100.0).contains(&p.x) && (0.0..=100.0).contains(&p.y)));
    }
}
