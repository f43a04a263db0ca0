//! Every stored schema version the app has ever written must still load. Each version has a
//! fixture in tests/fixtures/ written by that version.

use account_grader::domain::accounts::Tier;
use account_grader::domain::grader::{grade, Band};
use account_grader::domain::history::{diff, previous_of};
use account_grader::domain::practices::PracticeId;
use account_grader::domain::quadrant::{classify, Quadrant};
use account_grader::domain::rating::{CriterionId, Position};
use account_grader::storage::schema::{decode, encode, LoadError, CURRENT_VERSION};

const V1: &str = include_str!("fixtures/v1.json");
const V2: &str = include_str!("fixtures/v2.json");
const V3: &str = include_str!("fixtures/v3.json");
const V4: &str = include_str!("fixtures/v4.json");
const V5: &str = include_str!("fixtures/v5.json");

#[test]
fn version_3_ratings_of_room_to_offer_more_become_share_of_portfolio() {
    let doc = decode(V3).unwrap();
    let accounts = &doc.portfolio.accounts;
    // Stored as room to offer more: 3 and 4; as share of portfolio in use: 3 and 2.
    assert_eq!(
        accounts[0].ratings.get(CriterionId::ShareOfPortfolio),
        Some(3)
    );
    assert_eq!(
        accounts[1].ratings.get(CriterionId::ShareOfPortfolio),
        Some(2)
    );
    assert_eq!(doc.settings.weights.get(CriterionId::ShareOfPortfolio), 1);
    // Both stay key accounts; the notice still says once what changed.
    for a in accounts.iter() {
        let p = a.position(&doc.settings.weights).unwrap();
        assert_eq!(
            classify(p, doc.settings.thresholds),
            Quadrant::ManageKeyAccount
        );
    }
    let notice = doc
        .classification_notice
        .as_ref()
        .expect("a notice after the upgrade");
    assert!(notice.moved.is_empty());
    assert!(!encode(&doc).contains("portfolio-headroom"));
}

#[test]
fn version_4_loads_share_of_portfolio_and_the_pending_notice() {
    assert!(V4.starts_with("{\"version\":4,"));
    let doc = decode(V4).expect("the v4 fixture loads");
    assert_eq!(
        doc.portfolio.accounts[1]
            .ratings
            .get(CriterionId::ShareOfPortfolio),
        Some(2)
    );
    assert!(doc.classification_notice.is_some());
    assert_eq!(doc, decode(V3).unwrap());
    let mut dismissed = doc.clone();
    dismissed.classification_notice = None;
    let text = encode(&dismissed);
    assert!(!text.contains("classification_notice"));
    assert_eq!(decode(&text).unwrap(), dismissed);
}

#[test]
fn version_2_is_migrated_to_no_plans() {
    let doc = decode(V2).unwrap();
    assert!(doc.plans.plans.is_empty() && doc.plans.templates.is_empty());
    assert_eq!(doc.settings.plan_stale_days, 90);
}

#[test]
fn version_3_loads_templates_and_plans() {
    use account_grader::domain::plans::{Content, SectionKind};
    let doc = decode(V3).expect("the v3 fixture loads");
    let template = &doc.plans.templates[0];
    assert_eq!(template.name, "My key account plan");
    assert_eq!(template.sections.len(), 12);
    assert!(!template.sections.iter().any(|s| s.key == "differentiation"));
    assert_eq!(
        template.sections[1].kind,
        SectionKind::List { max: Some(5) }
    );

    let plan = &doc.plans.plans[0];
    assert_eq!(plan.account, 1);
    assert_eq!(plan.template, template.id);
    assert!(plan.reviewed_at.is_some());
    let shown = plan.shown(template);
    let issues = shown.iter().find(|s| s.key == "top-issues").unwrap();
    assert_eq!(
        issues.content,
        Content::List(vec!["Late deliveries in the north".into()])
    );
    assert_eq!(plan.completeness(template), (4, 12));
    assert_eq!(decode(&encode(&doc)).unwrap(), doc);
}

#[test]
fn version_1_is_migrated_to_an_empty_portfolio_with_default_settings() {
    let doc = decode(V1).unwrap();
    assert!(doc.portfolio.accounts.is_empty());
    assert!(doc.portfolio.snapshots.is_empty());
    assert_eq!(doc.settings, Default::default());
}

#[test]
fn version_2_loads_accounts_settings_and_snapshots() {
    let doc = decode(V2).expect("the v2 fixture loads");
    let s = &doc.settings;
    assert_eq!(s.currency, "EUR");
    assert_eq!(s.weights.get(CriterionId::DecisionMakerAccess), 3);
    assert_eq!(s.thresholds.relationship, 60);

    let accounts = &doc.portfolio.accounts;
    assert_eq!(accounts.len(), 3);
    let acme = &accounts[0];
    assert_eq!((acme.name.as_str(), acme.tier), ("Acme Freight", Tier::A));
    // Relationship: (100*3 + 75 + 100) / 5 = 95; potential: (75 + 100 + 50*2) / 4 = 68.75 → 69.
    let p = acme.position(&s.weights).unwrap();
    assert_eq!(
        p,
        Position {
            relationship: 95,
            potential: 69
        }
    );
    assert_eq!(classify(p, s.thresholds), Quadrant::ManageKeyAccount);
    assert_eq!(accounts[1].revenue, None);
    assert_eq!(accounts[2].revenue, Some(90_000.5));
    assert_eq!(accounts[2].position(&s.weights), None);

    let snap = &doc.portfolio.snapshots[0];
    assert_eq!(
        snap.positions[&2],
        Position {
            relationship: 70,
            potential: 60
        }
    );
    assert_eq!(doc.next_id, 6);
    assert_eq!(decode(&encode(&doc)).unwrap(), doc);
}

#[test]
fn version_1_loads_with_draft_history_and_ids() {
    let doc = decode(V1).expect("the v1 fixture loads");
    assert_eq!(doc.next_id, 4);
    assert_eq!(doc.grader.draft_label, "Next review");
    assert_eq!(grade(&doc.grader.draft).score, 2);
    assert_eq!(grade(&doc.grader.draft).answered, 3);

    let history = &doc.grader.history;
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].label, "Sales, Q1");
    assert_eq!(history[0].grade().score, 4);
    assert_eq!(history[0].grade().band, Band::AtRisk);
    assert_eq!(history[1].grade().score, 8);
    assert_eq!(history[1].grade().band, Band::AreasToWorkOn);

    let previous = previous_of(history, 3).expect("the Q1 assessment came first");
    let change = diff(&previous.answers, &history[1].answers);
    assert_eq!(
        change.gained,
        vec![
            PracticeId::GrowthGoals,
            PracticeId::CheckInCadence,
            PracticeId::RelationshipMatrix,
            PracticeId::ClientVision
        ]
    );
    assert!(change.lost.is_empty());
}

#[test]
fn a_loaded_document_is_written_back_unchanged_at_the_current_version() {
    let doc = decode(V1).unwrap();
    let again = encode(&doc);
    assert!(again.starts_with(&format!("{{\"version\":{CURRENT_VERSION},")));
    assert_eq!(decode(&again).unwrap(), doc);
}

#[test]
fn damaged_copies_of_the_fixture_are_refused_not_emptied() {
    let truncated = &V1[..V1.len() / 2];
    assert_eq!(decode(truncated), Err(LoadError::NotJson));
    let newer = V1.replacen("\"version\":1", "\"version\":99", 1);
    assert_eq!(decode(&newer), Err(LoadError::NewerVersion(99)));
    let wrong_answer = V1.replacen("\"not-yet\"", "\"maybe\"", 1);
    assert!(matches!(
        decode(&wrong_answer),
        Err(LoadError::WrongShape(_))
    ));
}

#[test]
fn version_5_loads_prospects_the_firm_copies_and_teams() {
    assert!(V5.starts_with("{\"version\":5,"));
    let doc = decode(V5).expect("the v5 fixture loads");
    let prospect = &doc.prospects[0];
    assert_eq!(
        (prospect.name.as_str(), prospect.company.as_str()),
        ("Dana Reyes", "Northwind Traders")
    );
    assert_eq!(prospect.grade().score, 1);
    assert_eq!(prospect.link, "r1.AbCdEf");
    assert_eq!(doc.settings.firm.name, "Brightline Partners");
    assert!(doc.settings.firm.logo.is_some());
    let copy = doc.portfolio.accounts[1].copied_from.as_ref().unwrap();
    assert_eq!(copy.updated_at, "2026-11-20T10:00:00.000Z");
    assert_eq!(doc.grader.history[0].team, "East");
    assert_eq!(doc.grader.draft_team, "East");
    assert_eq!(
        doc.grader.history[0].assessed_on.as_deref(),
        Some("2026-09-30")
    );
    assert_eq!(doc.grader.history[1].team, "");
    // Written back exactly as this version wrote it.
    assert_eq!(encode(&doc), V5);
}

#[test]
fn version_4_upgrades_to_no_prospects_and_an_empty_firm_profile() {
    let doc = decode(V4).unwrap();
    assert!(doc.prospects.is_empty());
    assert_eq!(doc.settings.firm, Default::default());
    assert!(doc
        .portfolio
        .accounts
        .iter()
        .all(|a| a.copied_from.is_none()));
}
