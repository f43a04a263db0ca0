//! One module per screen.

mod account;
mod account_form;
mod accounts;
mod assessment;
mod client_plan;
mod grader;
mod history;
mod matrix;
mod not_found;
mod plan;
mod plan_view;
mod plans;
mod prospect;
mod prospects;
mod rating_grid;
mod settings;
mod share_link_screens;
mod template;

pub use account::AccountPage;
pub use account_form::AccountFormPage;
pub use accounts::AccountsPage;
pub use assessment::AssessmentPage;
pub use client_plan::ClientPlanPage;
pub use grader::GraderPage;
pub use history::HistoryPage;
pub use matrix::MatrixPage;
pub use not_found::not_found_page;
pub use plan::PlanPage;
pub use plan_view::PlanViewPage;
pub use plans::PlansPage;
pub use prospect::ProspectPage;
pub use prospects::ProspectsPage;
pub use rating_grid::RatingGridPage;
pub use settings::SettingsPage;
pub use share_link_screens::{
    answered_on, shared_account_frame, shared_account_line, shared_account_loading,
    shared_result_title, InvitationBanner, SharedAccountPage, SharedResultPage,
};
pub use template::TemplatePage;
