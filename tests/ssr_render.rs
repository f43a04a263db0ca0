//! Screens rendered to HTML natively with Yew's server renderer, as a user would first see them.

use std::rc::Rc;

use account_grader::app::{Root, RootProps};
use account_grader::domain::grader::Answers;
use account_grader::domain::history::SavedAssessment;
use account_grader::domain::practices::{PracticeId, PRACTICES};
use account_grader::route::Route;
use account_grader::state::{AppState, SavingStopped, Unreadable};
use account_grader::storage::schema::{Document, LoadError};
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
        team: String::new(),
        assessed_on: None,
    });
    let html = render(AppState::with_document(doc), Route::History).await;
    assert!(html.contains("1 Oct 2026"));
    assert!(html.contains("1/10"));
    // Labels are text, never markup.
    assert!(html.contains("Sales &lt;Q3&gt;"));
    assert!(!html.contains("Sales <Q3>"));
    assert!(html.contains("#/history/5"));
}

fn assessment(id: u64, day: &str, label: &str, team: &str, yes: usize) -> SavedAssessment {
    let practices: Vec<_> = PRACTICES.iter().take(yes).map(|p| p.id).collect();
    SavedAssessment {
        id,
        saved_at: "2026-11-20T10:00:00+01:00".into(),
        label: label.into(),
        answers: Answers::all_answered_with_yes(&practices),
        team: team.into(),
        assessed_on: Some(day.into()),
    }
}

#[tokio::test]
async fn assessments_recorded_after_the_fact_show_their_own_day_and_team() {
    let mut doc = Document::default();
    doc.grader.history = vec![
        assessment(1, "2026-09-30", "Q3 review", "Sales", 8),
        assessment(2, "2026-06-30", "Q2 review", "Sales", 5),
        assessment(3, "2026-07-15", "", "Support", 6),
    ];
    let html = render(AppState::with_document(doc.clone()), Route::History).await;
    assert!(html.contains(r#"<th scope="col">Team</th>"#));
    // Newest first by the day each stands for, not the moment each was saved.
    let q3 = html
        .find("Open assessment Q3 review (30 Sep 2026)")
        .unwrap();
    let support = html.find("Open assessment 15 Jul 2026").unwrap();
    let q2 = html
        .find("Open assessment Q2 review (30 Jun 2026)")
        .unwrap();
    assert!(q3 < support && support < q2);
    assert!(html.contains("First for Support"));
    // The oldest of all is named as the first of its team too, as the others are.
    assert!(html.contains("First for Sales"));
    assert!(!html.contains("First assessment"));
    // Two teams: the trend is drawn per team from the start, with a legend entry each, and
    // its figures are there as a table too.
    assert!(html.contains(r#"<option value="team" selected="selected">Team</option>"#));
    assert!(html.contains("Lines shown"));
    assert!(html.contains("The chart's figures as a table"));

    let html = render(AppState::with_document(doc), Route::Assessment(1)).await;
    assert!(html.contains("Q3 review: 30 Sep 2026"));
    assert!(html.contains("Team: Sales."));
    assert!(html.contains(
        "Compared with Q2 review (30 Jun 2026), which scored 5/10: the previous assessment of Sales."
    ));
    assert!(html.contains(">Edit label, team and date</button>"));
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
    // Where the copy went is said in the user's words, not as a storage key.
    assert!(html.contains("a copy of it is kept apart (Settings lists it"));
    assert!(!html.contains("account-grader.unreadable-backup"));
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

/// "Try saving again" is offered while saving fails for want of room, and not while saving
/// is paused because another tab holds newer data: a retry could write nothing then.
#[tokio::test]
async fn try_saving_again_only_where_a_retry_can_save() {
    let full = AppState {
        save_problem: Some("The browser's storage for this site is full.".into()),
        ..AppState::default()
    };
    assert!(render(full.clone(), Route::Grader)
        .await
        .contains(">Try saving again</button>"));
    let paused = AppState {
        saving_stopped: Some(SavingStopped {
            why: LoadError::NewerVersion(9),
            at_revision: 0,
        }),
        ..full
    };
    let html = render(paused, Route::Grader).await;
    assert!(html.contains("Changes are not being saved"), "{html}");
    assert!(!html.contains("Try saving again"), "{html}");
}

#[tokio::test]
async fn navigation_marks_the_current_section_and_the_footer_has_the_version() {
    let html = render(AppState::default(), Route::History).await;
    assert!(html.contains(r##"<a href="#/history" aria-current="page">History</a>"##));
    assert!(html.contains(&format!("Account Grader {}", env!("CARGO_PKG_VERSION"))));
}

#[tokio::test]
async fn the_header_folds_its_navigation_behind_a_closed_menu_button() {
    let html = render(AppState::default(), Route::Matrix).await;
    assert!(html.contains(r#"aria-expanded="false" aria-controls="site-menu""#));
    assert!(html.contains(r#"<div id="site-menu" class="site-menu">"#));
    // The navigation and the theme picker are inside what the button controls.
    let menu = &html[html.find(r#"id="site-menu""#).unwrap()..html.find("</header>").unwrap()];
    assert!(menu.contains(r#"<nav aria-label="Main">"#));
    assert!(menu.contains(r#"id="theme-picker""#));
}

mod plans {
    use super::*;
    use account_grader::domain::accounts::AccountForm;
    use account_grader::domain::plans::{Content, Plan, Stakeholder};
    use account_grader::state::{Action, PlanAction, PortfolioAction};
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
            Action::Portfolio(PortfolioAction::AddAccount {
                account,
                at: AT.into(),
            }),
            Action::Plan(PlanAction::CreatePlan {
                account: 1,
                template: 0,
                at: AT.into(),
            }),
            Action::Plan(PlanAction::WritePlan {
                plan: 2,
                key: "top-issues".into(),
                title: "Top".into(),
                content: Content::List(vec!["Late deliveries".into(), "New CFO".into()]),
                at: AT.into(),
                removes_row: false,
            }),
            Action::Plan(PlanAction::WritePlan {
                plan: 2,
                key: "relationships".into(),
                title: "Rel".into(),
                content: Content::Stakeholders(vec![Stakeholder {
                    name: "Ann Lee".into(),
                    ..Default::default()
                }]),
                at: AT.into(),
                removes_row: false,
            }),
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
        assert!(html.contains(">Late deliveries</textarea>"));
        assert!(html.contains(">Ann Lee</textarea>"));
        assert!(html.contains("2 of 5 used"));
        assert!(html.contains("2 of 17 sections filled in"));
    }

    #[tokio::test]
    async fn the_editor_lists_its_sections_and_shows_the_clients_agreement_once() {
        let html = render(state_with_plan(), Route::Plan(1)).await;
        let menu_start = html.find("On this plan").expect("a section menu");
        let menu = &html[menu_start..html[menu_start..].find("</nav>").unwrap() + menu_start];
        assert_eq!(menu.matches("<li").count(), 17);
        assert_eq!(menu.matches("✓ filled").count(), 2);
        assert_eq!(menu.matches(">empty<").count(), 15);
        assert!(menu.contains(r##"href="#section-top-issues""##));
        // Every section folds under its heading; all start open.
        assert_eq!(
            html.matches(r#"aria-expanded="true" aria-controls="section-"#)
                .count(),
            17
        );
        // The agreement's controls are in the consensus section, not in the status as well.
        assert_eq!(html.matches("Reviewed with the client on").count(), 1);
        let status = &html[html.find("plan-status").unwrap()..html.find("plan-menu").unwrap()];
        assert!(!status.contains("consensus"), "{status}");
        let consensus = html.find("section-consensus-title").unwrap();
        assert!(html[consensus..].contains("Reviewed with the client on"));
        assert!(html[consensus..].contains("Not yet reviewed with the client"));
        // Rows move by buttons named after them.
        assert!(
            html.contains(r#"aria-label="Move The client&#39;s top five issues item 2 up""#)
                || html.contains(r#"aria-label="Move The client's top five issues item 2 up""#)
        );
    }

    #[tokio::test]
    async fn an_account_without_a_plan_is_offered_one() {
        let mut state = state_with_plan();
        state.doc.plans.plans.clear();
        let html = render(state, Route::Plan(1)).await;
        assert!(html.contains("Create the plan"));
        assert!(html.contains("Key account plan (built in): 17 sections"));
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
        // The top five issues are a ranking: numbered.
        assert!(html.contains(
            r#"<ol class="plan-view__ranked"><li>Late deliveries</li><li>New CFO</li></ol>"#
        ));
        assert!(html.contains(r#"<td data-label="Name">Ann Lee</td>"#));
        // The client's agreement is said once, in its section, which counts as empty.
        assert_eq!(html.matches("Not yet reviewed with the client").count(), 1);
        let consensus = html.find(">Client consensus<").unwrap();
        assert!(html[consensus..].contains("Not yet reviewed with the client"));
        assert!(html.contains("plan-view__section plan-view__section--empty"));
        assert!(html.contains("Other sections"));
        assert!(html.contains("Currency swings"));
        assert!(html.contains("Export Markdown"));
    }

    /// The plan with one row in each of the action list, review log, risks and roadmap.
    fn state_with_new_kinds() -> AppState {
        use account_grader::domain::plans::{
            ActionItem, ReviewEntry, RoadmapItem, RoadmapStage, Threat,
        };
        let mut state = Rc::new(state_with_plan());
        let rows = [
            (
                "actions",
                Content::Actions(vec![ActionItem {
                    what: "Send the pilot offer".into(),
                    owner: "Priya".into(),
                    due: "2027-01-31".into(),
                    done: false,
                }]),
            ),
            (
                "review-log",
                Content::ReviewLog(vec![ReviewEntry {
                    date: "2026-12-15".into(),
                    wins: "Renewal signed".into(),
                    ..Default::default()
                }]),
            ),
            (
                "competitors-risks",
                Content::Risks(vec![Threat {
                    name: "Rival Ltd".into(),
                    ..Default::default()
                }]),
            ),
            (
                "technology-roadmap",
                Content::Roadmap(vec![RoadmapItem {
                    what: "Driver training".into(),
                    stage: Some(RoadmapStage::CouldOffer),
                    note: String::new(),
                }]),
            ),
        ];
        for (key, content) in rows {
            state = state.reduce(Action::Plan(PlanAction::WritePlan {
                plan: 2,
                key: key.into(),
                title: key.into(),
                content,
                at: AT.into(),
                removes_row: false,
            }));
        }
        (*state).clone()
    }

    #[tokio::test]
    async fn every_field_of_the_new_section_kinds_has_its_label() {
        let html = render(state_with_new_kinds(), Route::Plan(1)).await;
        assert!(html.contains("6 of 17 sections filled in"));
        for id in [
            "section-actions-1-what",
            "section-actions-1-owner",
            "section-actions-1-due",
            "section-actions-1-done",
            "section-review-log-1-date",
            "section-review-log-1-wins",
            "section-review-log-1-challenges",
            "section-review-log-1-decisions",
            "section-review-log-1-next",
            "section-competitors-risks-1-name",
            "section-competitors-risks-1-kind",
            "section-competitors-risks-1-severity",
            "section-competitors-risks-1-threat",
            "section-competitors-risks-1-response",
            "section-technology-roadmap-1-what",
            "section-technology-roadmap-1-stage",
            "section-technology-roadmap-1-note",
        ] {
            assert!(
                html.contains(&format!(r#"for="{id}""#)),
                "no label for {id}"
            );
            assert!(html.contains(&format!(r#"id="{id}""#)), "no field {id}");
        }
        assert!(html.contains(">Send the pilot offer</textarea>"));
        assert!(!html.contains("waiting to be sorted"));
    }

    #[tokio::test]
    async fn an_older_one_list_roadmap_opens_in_the_columns_with_a_note_to_sort_it() {
        use account_grader::domain::plans::CheckItem;
        let state = Rc::new(state_with_plan()).reduce(Action::Plan(PlanAction::WritePlan {
            plan: 2,
            key: "technology-roadmap".into(),
            title: "Technology roadmap".into(),
            content: Content::Checklist(vec![
                CheckItem {
                    text: "Route planning".into(),
                    done: true,
                },
                CheckItem {
                    text: "Cold-chain sensors".into(),
                    done: false,
                },
            ]),
            at: AT.into(),
            removes_row: false,
        }));
        let html = render((*state).clone(), Route::Plan(1)).await;
        assert!(html.contains(">Route planning</textarea>"));
        assert!(html.contains(">Cold-chain sensors</textarea>"));
        assert!(html.contains("waiting to be sorted"));
        assert!(!html.contains("Other sections"));
        let html = render((*state).clone(), Route::PlanView(1)).await;
        let unsorted = html.find("Not sorted yet").unwrap();
        assert!(html[unsorted..].contains("Cold-chain sensors"));
        assert!(html[..unsorted].contains("Route planning"));
    }

    #[tokio::test]
    async fn the_read_view_shows_the_new_kinds() {
        let html = render(state_with_new_kinds(), Route::PlanView(1)).await;
        assert!(html.contains(
            r#"<td data-label="What">Send the pilot offer</td><td data-label="Owner">Priya</td><td data-label="Due">31 Jan 2027</td>"#
        ));
        assert!(html.contains("Review of 15 Dec 2026"));
        assert!(html.contains("Renewal signed"));
        assert!(html.contains("Rival Ltd"));
        assert!(html.contains("Competitor · severity not judged"));
        let offer = html.find("Not used but we could offer").unwrap();
        assert!(html[offer..].contains("Driver training"));
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
    assert_eq!(html.matches(">Reset ").count(), 8);
    assert_eq!(disabled(&html), 8);
    assert!(html.contains(r#"<input value="system" checked type="radio" name="theme">"#));

    let mut doc = Document::default();
    doc.settings.theme = Theme::Dark;
    doc.settings.weights.set(CriterionId::NeedsFit, 3);
    let html = render(AppState::with_document(doc), Route::Settings).await;
    assert!(html.contains(r#"<input value="dark" checked type="radio" name="theme">"#));
    // Theme, weights and "all" can be reset; the five other sections cannot.
    assert_eq!(disabled(&html), 5);
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

mod classification {
    use super::*;
    use account_grader::domain::demo::demo_accounts;
    use account_grader::domain::quadrant::Quadrant;
    use account_grader::domain::rating::CRITERIA;
    use account_grader::domain::reclassification::{ClassificationNotice, Moved};

    fn state_with_demo() -> AppState {
        let mut doc = Document::default();
        doc.portfolio.accounts = Rc::new(demo_accounts(1, "2026-11-01T00:00:00.000Z"));
        doc.next_id = 20;
        AppState::with_document(doc)
    }

    #[tokio::test]
    async fn the_account_page_names_the_three_share_measures_with_how_to_measure_them() {
        let html = render(state_with_demo(), Route::Account(1)).await;
        let relationship = &html[html.find(r#"id="axis-relationship""#).unwrap()
            ..html.find(r#"id="axis-potential""#).unwrap()];
        assert!(
            relationship.contains("share of organization, share of portfolio and share of thought")
        );
        for c in CRITERIA.iter().filter(|c| c.measure.is_some()) {
            assert!(relationship.contains(c.title), "{}", c.title);
            assert!(relationship.contains(c.measure.unwrap()), "{}", c.title);
        }
        assert_eq!(relationship.matches("How to measure: ").count(), 3);
        assert!(!html.contains("Room to offer more"));
    }

    #[tokio::test]
    async fn a_borderline_account_says_so_on_its_page() {
        // Pioneer Schools Trust: relationship 54, four points above the line.
        let html = render(state_with_demo(), Route::Account(9)).await;
        assert!(html.contains("Pioneer Schools Trust"));
        assert!(html.contains("Borderline: "));
        assert!(html.contains("relationship 54 is within 7 points of its threshold"));
        assert!(html.contains("borderline, counted as strong"));
        let html = render(state_with_demo(), Route::Account(1)).await;
        assert!(!html.contains("Borderline: "));
    }

    #[tokio::test]
    async fn the_matrix_shades_the_band_and_names_borderline_accounts() {
        let html = render(state_with_demo(), Route::Matrix).await;
        assert!(html.contains(r#"class="matrix__band""#));
        assert!(html.contains(
            "Pioneer Schools Trust: relationship 54, potential 25, Transition (borderline), tier C"
        ));
        let listed = &html[html.find("Borderline, close to a line").unwrap()..];
        assert!(listed.contains(">Pioneer Schools Trust</a>"));
    }

    #[tokio::test]
    async fn the_upgrade_notice_names_the_accounts_that_moved() {
        let mut state = state_with_demo();
        state.doc.classification_notice = Some(ClassificationNotice {
            moved: vec![
                Moved {
                    account: 7,
                    from: Some(Quadrant::ManageKeyAccount),
                    to: Some(Quadrant::TransitionOfferings),
                },
                // Deleted since: not listed.
                Moved {
                    account: 99,
                    from: None,
                    to: Some(Quadrant::Rethink),
                },
            ],
        });
        let html = render(state, Route::Accounts).await;
        assert!(html.contains("How accounts are classified has changed"));
        assert!(html.contains("1 account changed group:"));
        assert!(html.contains(
            ">Cobalt Insurance</a>: Manage as a key account → Transition to higher-value offerings"
        ));
        let html = render(state_with_demo(), Route::Accounts).await;
        assert!(!html.contains("How accounts are classified has changed"));
    }
}

mod guidance {
    use super::*;
    use account_grader::domain::accounts::{Account, Tier};
    use account_grader::domain::demo::demo_accounts;
    use account_grader::domain::grader::Answer;
    use account_grader::domain::guidance::FirmSize;
    use account_grader::domain::rating::{Ratings, CRITERIA};

    const AT: &str = "2026-11-01T00:00:00.000Z";

    /// An account rated `rating` on every criterion.
    fn rated(id: u64, name: &str, rating: u8, tier: Tier) -> Account {
        let mut a = demo_accounts(1, AT).remove(0);
        a.id = id;
        a.name = name.into();
        a.tier = tier;
        a.demo = false;
        a.ratings =
            Ratings::from_pairs(&CRITERIA.iter().map(|c| (c.id, rating)).collect::<Vec<_>>());
        a
    }

    fn doc_with(accounts: Vec<Account>) -> Document {
        let mut doc = Document {
            next_id: accounts.iter().map(|a| a.id).max().unwrap_or(0) + 1,
            ..Document::default()
        };
        doc.portfolio.accounts = Rc::new(accounts);
        doc
    }

    #[tokio::test]
    async fn the_matrix_warns_of_too_many_key_accounts_for_the_firms_size() {
        let six: Vec<Account> = (1..=6)
            .map(|i| rated(i, &format!("Key {i}"), 5, Tier::A))
            .collect();
        let small = render(
            AppState::with_document(doc_with(six.clone())),
            Route::Matrix,
        )
        .await;
        assert!(small
            .contains("6 key accounts is more than a small firm can usually serve well: about 5."));
        let mut doc = doc_with(six);
        doc.settings.firm_size = FirmSize::MidSized;
        let mid = render(AppState::with_document(doc), Route::Matrix).await;
        assert!(!mid.contains("Start with fewer"));
        // No plan records a budget share yet: the 60% check says how to get one.
        assert!(mid.contains("plan records its share yet: fill in the budget section"));
    }

    #[tokio::test]
    async fn an_account_page_gives_steps_from_the_weakest_criteria_and_flags_a_tier_mismatch() {
        let doc = doc_with(vec![
            rated(1, "Tiny Key", 5, Tier::C),
            rated(2, "Faded", 1, Tier::A),
        ]);
        let state = AppState::with_document(doc);
        let key = render(state.clone(), Route::Account(1)).await;
        assert!(key.contains("Tier C, yet rated as a key account."));
        assert!(key.contains("No criterion is rated 3 or below"));
        assert!(key.contains("As a key account it needs a written development plan"));
        assert!(key.contains(">Ratings still hold</button>"));
        assert!(!key.contains("Before you cut back"));

        let rethink = render(state, Route::Account(2)).await;
        assert!(rethink.contains("Tier A, yet rated in Rethink."));
        assert!(rethink.contains("Next steps this week"));
        // No step that builds the relationship before the account has earned it.
        assert!(!rethink.contains("Access to decision makers (1/5): "));
        assert!(rethink.contains("Decide before you spend more"));
        assert!(rethink.contains("Before you cut back"));
        assert!(rethink.contains("three new ones"));
        assert!(rethink.contains("No plan needed. First decide whether to keep investing here"));
        assert!(!rethink.contains("Key accounts deserve a written development plan"));

        // An account worth investing in gets steps from its weakest criteria.
        let mut invest = rated(3, "Promising", 5, Tier::B);
        invest.ratings = Ratings::from_pairs(
            &CRITERIA
                .iter()
                .map(|c| {
                    (
                        c.id,
                        if c.axis == account_grader::domain::rating::Axis::Relationship {
                            2
                        } else {
                            5
                        },
                    )
                })
                .collect::<Vec<_>>(),
        );
        let html = render(
            AppState::with_document(doc_with(vec![invest])),
            Route::Account(3),
        )
        .await;
        assert!(html.contains("From its weakest criteria:"), "{html}");
        assert!(html.contains("Access to decision makers (2/5): "));
    }

    #[tokio::test]
    async fn the_grader_points_out_answers_the_portfolio_contradicts() {
        let mut a = rated(1, "Orphan Ltd", 5, Tier::A);
        a.manager.clear();
        let mut doc = doc_with(vec![a]);
        doc.grader
            .draft
            .set(PracticeId::AssignedManager, Answer::Yes);
        doc.grader.draft.set(PracticeId::ClientVision, Answer::Yes);
        doc.grader
            .draft
            .set(PracticeId::ManageableLoad, Answer::Yes);
        let html = render(AppState::with_document(doc), Route::Grader).await;
        assert_eq!(html.matches("Check this answer: ").count(), 2, "{html}");
        assert!(html.contains("1 tier A or B account has no account manager"));
        assert!(html.contains("1 key account has no plan (Orphan Ltd)."));
    }

    #[tokio::test]
    async fn settings_offer_the_firm_size_and_the_rating_review_period() {
        let html = render(AppState::default(), Route::Settings).await;
        assert!(
            html.contains(r#"<option value="small" selected="selected">Small</option>"#),
            "{html}"
        );
        assert!(html.contains("about 5 key accounts"));
        assert!(html.contains(r#"id="rating-stale-days""#));
        assert!(!html.contains(r#"id="firm-clients""#));
        let mut doc = Document::default();
        doc.settings.firm_size = FirmSize::Clients(240);
        let html = render(AppState::with_document(doc), Route::Settings).await;
        assert!(html.contains(r#"id="firm-clients""#));
        assert!(html.contains("about 25 key accounts"));
    }
}

fn with_prospect(own: Option<&[PracticeId]>) -> AppState {
    use account_grader::domain::prospects::Prospect;
    let mut doc = Document::default();
    if let Some(yes) = own {
        doc.grader.history.push(SavedAssessment {
            id: 1,
            saved_at: "2026-11-01T10:00:00Z".into(),
            label: "Our team".into(),
            answers: Answers::all_answered_with_yes(yes),
            team: String::new(),
            assessed_on: None,
        });
    }
    doc.prospects.push(Prospect {
        id: 7,
        received_at: "2026-12-06T09:00:00Z".into(),
        answered_on: "2026-12-05".into(),
        name: "Lee <Park>".into(),
        company: "Northwind".into(),
        label: String::new(),
        answers: Answers::all_answered_with_yes(&[PracticeId::NpsSurvey]),
        link: "EgAB".into(),
    });
    AppState::with_document(doc)
}

#[tokio::test]
async fn a_prospect_is_compared_with_the_team_practice_by_practice_in_words() {
    let html = render(
        with_prospect(Some(&[PracticeId::AssignedManager])),
        Route::Prospect(7),
    )
    .await;
    assert!(html.contains("Lee &lt;Park&gt;") && !html.contains("Lee <Park>"));
    assert!(html.contains("Northwind · answered on 5 Dec 2026 · received on 6 Dec 2026"));
    assert_eq!(html.matches("You do, they don").count(), 1);
    assert!(html.contains("They do, you don") && html.contains("Neither does yet"));
    // Nine practices missing, the team's own one among them.
    let points = &html[html.find("Talking points for the first meeting").unwrap()..];
    assert_eq!(points.matches("<h3>").count(), 9);
    assert_eq!(points.matches("Your team does this already").count(), 1);
}

#[tokio::test]
async fn a_prospect_without_an_own_assessment_asks_for_one_and_the_empty_list_explains_itself() {
    let html = render(with_prospect(None), Route::Prospect(7)).await;
    assert!(html.contains("You have no saved assessment of your own team yet."));
    assert!(!html.contains("Difference"));
    let html = render(AppState::default(), Route::Prospects).await;
    assert!(html.contains("No results from prospects yet."));
    assert!(html.contains("Invite someone to grade their team"));
    let html = render(with_prospect(None), Route::Prospects).await;
    assert!(html.contains("Received results (1)") && html.contains("#/prospects/7"));
}

#[tokio::test]
async fn an_invitation_says_what_the_reply_holds_and_ends_with_the_way_back() {
    use account_grader::domain::share::{encode_invitation, Invitation};
    let link = encode_invitation(&Invitation {
        sender: "Dana".into(),
        firm: "Acme".into(),
        contact: "dana@acme.example".into(),
        message: String::new(),
    });
    let render_with = |state| {
        LocalServerRenderer::<Root>::with_props(RootProps {
            initial: Rc::new(state),
            route: Route::Invitation,
            link: link.clone().into(),
        })
        .hydratable(false)
        .render()
    };
    let html = render_with(AppState::default()).await;
    assert!(html.contains("Dana at Acme invites you to grade your account management"));
    assert!(html.contains("Account Grader sends nothing itself."));
    assert!(html.contains("Send your result to Dana at Acme"));
    assert!(html.contains("Answer the practices above first"));
    assert!(!html.contains("Invite someone to grade their team"));
    // Off the web the shared links' group is always here, so the form is drawn at once; in
    // the browser it follows the first answer (tests/e2e/lazy-screens.test.mjs).
    let html = render_with(state_with_draft(&[PracticeId::NpsSurvey])).await;
    assert!(html.contains("Your score: 1/10, 10 of 10 practices answered."));
    assert!(html.contains(
        r#"href="mailto:dana@acme.example?subject=My%20Account%20Grader%20result&amp;body="#
    ));
}

/// The review of the text a shared link carries, for a plan with no free text at all: it says
/// so once, and does not ask to read a text below that is not there.
#[tokio::test]
async fn a_link_with_no_free_text_says_so_once() {
    use account_grader::components::names_review::{NamesReview, NamesReviewProps};
    let html = LocalServerRenderer::<NamesReview>::with_props(NamesReviewProps {
        fields: Vec::new(),
        finder: Default::default(),
        edits: Default::default(),
        on_edit: Default::default(),
    })
    .hydratable(false)
    .render()
    .await;
    assert!(
        html.contains(
            r#"<p class="names-review__summary">No free text goes out with this link.</p>"#
        ),
        "{html}"
    );
    assert_eq!(
        html.matches("No free text goes out").count(),
        2,
        "the summary and its live region only: {html}"
    );
    assert!(!html.contains("below"), "{html}");
    assert!(
        !html.contains("Changes here go into this link only"),
        "{html}"
    );
}
