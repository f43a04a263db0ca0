//! Screens rendered to HTML natively with Yew's server renderer, as a user would first see them.

use std::rc::Rc;

use account_grader::app::{Root, RootProps};
use account_grader::domain::grader::Answers;
use account_grader::domain::history::SavedAssessment;
use account_grader::domain::practices::{PracticeId, PRACTICES};
use account_grader::domain::schema::{Document, LoadError};
use account_grader::route::Route;
use account_grader::state::{AppState, SavingStopped, Unreadable};
use yew::{AttrValue, LocalServerRenderer};

async fn render(state: AppState, route: Route) -> String {
    LocalServerRenderer::<Root>::with_props(RootProps {
        initial: Rc::new(state),
        route,
        link: AttrValue::default(),
    })
    .hydratable(false)
    .render()
    .await
}

fn state_with_draft(yes: &[PracticeId]) -> AppState {
    let mut doc = Document::default();
    doc.grader.draft = Answers::all_answered_with_yes(yes);
    AppState::with_document(doc)
}

#[tokio::test]
async fn grader_lists_all_ten_practices_with_both_answers() {
    let html = render(AppState::default(), Route::Grader).await;
    for p in &PRACTICES {
        assert!(html.contains(p.title), "missing practice {:?}", p.id);
    }
    assert_eq!(html.matches("We do this consistently").count(), 10);
    assert_eq!(html.matches(">Not yet<").count(), 10);
    assert!(html.contains("0 of 10 practices answered"));
    // No verdict before the first answer.
    assert!(html.contains("Answer the practices to see which band your team is in"));
    assert!(!html.contains("band-badge--at-risk"));
    assert!(!html.contains("Next steps, most urgent first"));
}

#[tokio::test]
async fn grader_shows_score_band_and_next_steps_for_the_answers() {
    let yes: Vec<_> = PRACTICES.iter().take(8).map(|p| p.id).collect();
    let html = render(state_with_draft(&yes), Route::Grader).await;
    assert!(html.contains(r#"<span class="score__value">8</span>"#));
    assert!(html.contains("Some areas to work on"));
    assert!(html.contains("10 of 10 practices answered"));
    // The two missing practices appear as next steps, in priority order: the survey, a quick
    // early warning, before the client's vision.
    let steps = &html[html.find("Next steps, most urgent first").unwrap()..];
    let vision = steps
        .find(PracticeId::ClientVision.practice().title)
        .unwrap();
    let nps = steps.find(PracticeId::NpsSurvey.practice().title).unwrap();
    assert!(nps < vision);
    assert!(!steps.contains(PracticeId::AssignedManager.practice().title));
}

#[tokio::test]
async fn checked_answers_are_rendered_checked() {
    let html = render(state_with_draft(&[PracticeId::NpsSurvey]), Route::Grader).await;
    assert!(html.contains(r#"<input checked type="radio" id="practice-10-yes""#));
    assert!(html.contains(r#"<input type="radio" id="practice-10-not-yet""#));
    assert!(html.contains(r#"<input checked type="radio" id="practice-1-not-yet""#));
}

#[tokio::test]
async fn history_lists_saved_assessments_with_scores() {
    let mut doc = Document::default();
    doc.grader.history.push(SavedAssessment {
        id: 5,
        saved_at: "2026-10-01T10:00:00.000Z".into(),
        label: "Sales <Q3>".into(),
        answers: Answers::all_answered_with_yes(&[PracticeId::AssignedManager]),
    });
    let html = render(AppState::with_document(doc), Route::History).await;
    assert!(html.contains("1 Oct 2026"));
    assert!(html.contains("1/10"));
    // Labels are text, never markup.
    assert!(html.contains("Sales &lt;Q3&gt;"));
    assert!(!html.contains("Sales <Q3>"));
    assert!(html.contains("#/history/5"));
}

#[tokio::test]
async fn empty_history_invites_a_first_assessment() {
    let html = render(AppState::default(), Route::History).await;
    assert!(html.contains("No saved assessments yet"));
    assert!(!html.contains("<table"));
}

#[tokio::test]
async fn unreadable_data_shows_the_banner_with_a_download() {
    let state = AppState {
        unreadable: Some(Unreadable {
            explanation: "Damaged.".into(),
            raw: Rc::from("garbage"),
            backup: Ok("account-grader.unreadable-backup".into()),
            keep_original: false,
            newer_version: false,
        }),
        ..AppState::default()
    };
    let html = render(state, Route::Grader).await;
    assert!(html.contains("Your saved data could not be read"));
    assert!(html.contains("Download the unreadable data"));
    assert!(html.contains("account-grader.unreadable-backup"));
}

#[tokio::test]
async fn another_tab_with_a_newer_version_stops_saving_with_a_reload() {
    let state = AppState {
        saving_stopped: Some(SavingStopped {
            why: LoadError::NewerVersion(9),
            at_revision: 0,
        }),
        ..AppState::default()
    };
    let html = render(state, Route::Grader).await;
    assert!(html.contains("Account Grader was updated in another tab"));
    assert!(html.contains("data version 9"));
    assert!(html.contains(">Reload</button>"));
}

#[tokio::test]
async fn navigation_marks_the_current_section_and_the_footer_has_the_version() {
    let html = render(AppState::default(), Route::History).await;
    assert!(html.contains(r##"<a href="#/history" aria-current="page">History</a>"##));
    assert!(html.contains(&format!("Account Grader {}", env!("CARGO_PKG_VERSION"))));
}

mod plans {
    use super::*;
    use account_grader::domain::accounts::AccountForm;
    use account_grader::domain::plans::{Content, Plan, Stakeholder};
    use account_grader::state::Action;
    use yew::Reducible;

    const AT: &str = "2026-11-01T09:00:00Z";

    /// An account (id 1) with a plan (id 2) holding two issues and one stakeholder.
    fn state_with_plan() -> AppState {
        let account = AccountForm {
            name: "Acme <Freight>".into(),
            ..Default::default()
        }
        .validate(&[], None)
        .unwrap();
        let mut state = Rc::new(AppState::default());
        for action in [
            Action::AddAccount {
                account,
                at: AT.into(),
            },
            Action::CreatePlan {
                account: 1,
                template: 0,
                at: AT.into(),
            },
            Action::WritePlan {
                plan: 2,
                key: "top-issues".into(),
                title: "Top".into(),
                content: Content::List(vec!["Late deliveries".into(), "New CFO".into()]),
                at: AT.into(),
                removes_row: false,
            },
            Action::WritePlan {
                plan: 2,
                key: "relationships".into(),
                title: "Rel".into(),
                content: Content::Stakeholders(vec![Stakeholder {
                    name: "Ann Lee".into(),
                    ..Default::default()
                }]),
                at: AT.into(),
                removes_row: false,
            },
        ] {
            state = state.reduce(action);
        }
        (*state).clone()
    }

    #[tokio::test]
    async fn the_editor_shows_every_section_with_its_content() {
        let html = render(state_with_plan(), Route::Plan(1)).await;
        assert!(html.contains("Account plan: Acme &lt;Freight&gt;"));
        for title in [
            "Client's business vision (1-3 years)",
            "The client's top five issues",
            "Client consensus",
        ] {
            assert!(
                html.contains(&title.replace('\'', "&#39;")) || html.contains(title),
                "missing {title}"
            );
        }
        assert!(html.contains(r#"value="Late deliveries""#));
        assert!(html.contains(r#"value="Ann Lee""#));
        assert!(html.contains("2 of 5 used"));
        assert!(html.contains("2 of 13 sections filled in"));
    }

    #[tokio::test]
    async fn an_account_without_a_plan_is_offered_one() {
        let mut state = state_with_plan();
        state.doc.plans.plans.clear();
        let html = render(state, Route::Plan(1)).await;
        assert!(html.contains("Create the plan"));
        assert!(html.contains("Key account plan (built in): 13 sections"));
    }

    #[tokio::test]
    async fn the_read_view_shows_content_and_kept_sections() {
        let mut state = state_with_plan();
        // A plan written under a template that later lost a section.
        let mut orphan = Plan::new(9, 1, 0, AT);
        orphan.write(
            "gone",
            "Old risks",
            Content::Text("Currency swings".into()),
            AT,
        );
        std::rc::Rc::make_mut(&mut state.doc.plans.plans[0])
            .sections
            .extend(orphan.sections);
        let html = render(state, Route::PlanView(1)).await;
        assert!(html.contains("<li>Late deliveries</li>"));
        assert!(html.contains("<td>Ann Lee</td>"));
        assert!(html.contains("Other sections"));
        assert!(html.contains("Currency swings"));
        assert!(html.contains("Export Markdown"));
    }
}

#[tokio::test]
async fn settings_offer_a_reset_only_where_something_differs_from_the_defaults() {
    use account_grader::domain::rating::CriterionId;
    use account_grader::domain::settings::Theme;

    let html = render(AppState::default(), Route::Settings).await;
    let disabled = |html: &str| {
        html.matches(r#"disabled="disabled" class="button button--small""#)
            .count()
    };
    assert_eq!(html.matches(">Reset ").count(), 7);
    assert_eq!(disabled(&html), 7);
    assert!(html.contains(r#"<input value="system" checked type="radio" name="theme">"#));

    let mut doc = Document::default();
    doc.settings.theme = Theme::Dark;
    doc.settings.weights.set(CriterionId::NeedsFit, 3);
    let html = render(AppState::with_document(doc), Route::Settings).await;
    assert!(html.contains(r#"<input value="dark" checked type="radio" name="theme">"#));
    // Theme, weights and "all" can be reset; the four other sections cannot.
    assert_eq!(disabled(&html), 4);
    for enabled in [
        "Reset theme to default",
        "Reset weights to defaults",
        "Reset all settings to defaults",
    ] {
        let at = html.find(enabled).unwrap();
        let tag = &html[html[..at].rfind("<button").unwrap()..at];
        assert!(!tag.contains("disabled"), "{enabled} is disabled");
    }
}
