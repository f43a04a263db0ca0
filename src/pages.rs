//! One module per screen.

mod assessment;
mod grader;
mod history;
mod not_found;

pub use assessment::AssessmentPage;
pub use grader::GraderPage;
pub use history::HistoryPage;
pub use not_found::NotFoundPage;
