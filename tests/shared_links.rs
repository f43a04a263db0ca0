//! The share links that tests/e2e/shared-first-screen.test.mjs opens, made by the app's own
//! encoders and kept in tests/fixtures/shared-links.json. The browser test holds what
//! web/shared-first-screen.js shows before the app starts to what the app shows, for these
//! links; this test holds the file to the encoders, so that a change of link format cannot
//! leave the script's copy of it behind unnoticed.
//! After a deliberate change: `UPDATE_FIXTURES=1 cargo test --test shared_links`.

use account_grader::domain::accounts::Tier;
use account_grader::domain::demo::demo_accounts;
use account_grader::domain::grader::{Answer, Answers};
use account_grader::domain::history::SavedAssessment;
use account_grader::domain::plans::{built_in_template, Content, Plan, Stakeholder};
use account_grader::domain::practices::PRACTICES;
use account_grader::domain::quadrant::Thresholds;
use account_grader::domain::rating::Weights;
use account_grader::domain::share::{
    account_json, encode_account, encode_locked, encode_reply, encode_result, shared_account,
    Locked, Privacy, SharedResult,
};
use serde_json::{json, Value};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/shared-links.json"
);
const AT: &str = "2026-11-01T00:00:00Z";

/// Answers by checklist position: `y` done, `n` not yet, anything else unanswered.
fn answers(pattern: &str) -> Answers {
    let mut answers = Answers::default();
    for (p, c) in PRACTICES.iter().zip(pattern.chars()) {
        match c {
            'y' => answers.set(p.id, Answer::Yes),
            'n' => answers.set(p.id, Answer::NotYet),
            _ => {}
        }
    }
    answers
}

fn result(pattern: &str, label: &str, day: &str) -> String {
    encode_result(&SavedAssessment {
        id: 1,
        saved_at: format!("{day}T09:30:00Z"),
        label: label.into(),
        answers: answers(pattern),
        team: String::new(),
        assessed_on: None,
    })
}

fn reply(pattern: &str, name: &str, company: &str) -> String {
    encode_reply(&SharedResult {
        answers: answers(pattern),
        date: "2026-12-24".into(),
        name: name.into(),
        company: company.into(),
        reply: true,
        ..SharedResult::default()
    })
}

/// A colleague's account link, as the browser makes it (raw deflate, the format of the
/// browser's `CompressionStream("deflate-raw")`).
fn account(
    name: &str,
    industry: &str,
    revenue: Option<f64>,
    tier: Tier,
    currency: &str,
    with_plan: bool,
) -> String {
    let mut account = demo_accounts(1, AT).remove(0);
    account.name = name.into();
    account.industry = industry.into();
    account.revenue = revenue;
    account.tier = tier;
    let plan = with_plan.then(|| {
        let mut plan = Plan::new(9, 1, 0, AT);
        plan.write(
            "relationships",
            "Relationships",
            Content::Stakeholders(vec![Stakeholder {
                name: "Ann <Lee> & \"Co\"".into(),
                ..Default::default()
            }]),
            AT,
        );
        (built_in_template(), plan)
    });
    let shared = shared_account(
        &account,
        currency,
        &Weights::default(),
        Thresholds::default(),
        plan,
        Privacy::default(),
    );
    encode_account(&miniz_oxide::deflate::compress_to_vec(
        &account_json(&shared),
        6,
    ))
}

fn links() -> Value {
    let hostile = "<script>alert(1)</script>";
    json!({
        // Each opened before the app starts and after: the same text on both.
        "results": [
            result("yyyyyyynnn", "Sales team, Q4", "2026-11-23"),
            result("", "", "2001-01-01"),
            result("yyyyyyyyyy", hostile, "2031-02-28"),
            result("yn-y-n-yy-", "R&D \"core\" 'team' $& $1", "2024-02-29"),
            result("nnnnnnnnny", "فريق المبيعات 🚀 Q4", "2026-01-31"),
            reply("yyyyyyyynn", "Ann <b>Lee</b>", "Acme & Sons"),
            reply("yy", "", "عربي 🚀"),
            reply("", "", ""),
        ],
        "accounts": [
            account("Northwind Traders", "Logistics", Some(1_250_000.0), Tier::A, "USD", true),
            account("<img src=x onerror=alert(1)>", "R&D \"Labs\" \u{2067}שלום\u{2069}", Some(999.0), Tier::B, "EUR", true),
            account("Café 🚀 & Co", "", None, Tier::C, "", false),
            account("Globex", "Energy", Some(0.0), Tier::B, "JPY", false),
        ],
        // Shown by the app alone: what it cannot open, or must ask a passphrase for.
        "protected": encode_locked(&Locked {
            iterations: 600_000,
            salt: vec![7; 16],
            iv: vec![9; 12],
            ciphertext: vec![1; 48],
        }),
    })
}

#[test]
fn the_browser_tests_links_are_the_encoders() {
    let made = serde_json::to_string_pretty(&links()).expect("links as JSON") + "\n";
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(FIXTURE, &made).expect("the fixture written");
    }
    let kept = std::fs::read_to_string(FIXTURE).unwrap_or_default();
    assert!(
        kept == made,
        "tests/fixtures/shared-links.json is not what the encoders make now; if the change of format is meant, rewrite it with UPDATE_FIXTURES=1 cargo test --test shared_links"
    );
}
