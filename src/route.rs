//! The app's screens and their addresses. Routes live in the URL fragment so that deep links
//! and reloads work from any static host and any sub-path, with no server rewrite rules.

use crate::domain::accounts::AccountId;
use crate::domain::history::AssessmentId;
use crate::domain::plans::TemplateId;
use crate::domain::prospects::ProspectId;

/// A screen of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    Grader,
    History,
    Assessment(AssessmentId),
    Accounts,
    NewAccount,
    /// Many accounts rated in one grid, by keyboard.
    RatingGrid,
    Account(AccountId),
    EditAccount(AccountId),
    /// The plan editor of an account.
    Plan(AccountId),
    /// The printable read view of an account's plan.
    PlanView(AccountId),
    Matrix,
    Plans,
    Template(TemplateId),
    /// Results prospects sent back.
    Prospects,
    /// One prospect's result beside the user's own latest assessment.
    Prospect(ProspectId),
    /// A shared assessment result; the payload is the rest of the fragment.
    SharedResult,
    /// The grader, opened from an invitation link.
    Invitation,
    /// A shared account with its plan.
    SharedAccount,
    /// An account's plan as sent to the client.
    ClientPlan,
    Settings,
    NotFound,
}

impl Route {
    /// The payload of a share link's fragment: `#/r/AbC` → `AbC`.
    pub fn payload(hash: &str) -> &str {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        path.split_once('/').map_or("", |(_, rest)| rest)
    }

    /// Whether the screen shows what a share link carries.
    pub fn is_share(self) -> bool {
        matches!(
            self,
            Route::SharedResult | Route::Invitation | Route::SharedAccount | Route::ClientPlan
        )
    }

    /// The fragment of a share link.
    pub fn share_hash(kind: &str, payload: &str) -> String {
        format!("#/{kind}/{payload}")
    }

    /// Reads a `location.hash` such as `#/history/3`. An empty hash is the start screen.
    pub fn from_hash(hash: &str) -> Self {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let path = path
            .split(['?', '#'])
            .next()
            .unwrap_or("")
            .trim_end_matches('/');
        let parts: Vec<&str> = path.split('/').collect();
        let id = |s: &str| s.parse::<u64>().ok();
        let with_id = |s: &str, make: fn(u64) -> Route| id(s).map_or(Route::NotFound, make);
        match parts.as_slice() {
            [""] | ["grader"] => Route::Grader,
            ["history"] => Route::History,
            ["history", n] => with_id(n, Route::Assessment),
            ["accounts"] => Route::Accounts,
            ["accounts", "new"] => Route::NewAccount,
            ["accounts", "rate"] => Route::RatingGrid,
            ["accounts", n] => with_id(n, Route::Account),
            ["accounts", n, "edit"] => with_id(n, Route::EditAccount),
            ["accounts", n, "plan"] => with_id(n, Route::Plan),
            ["accounts", n, "plan", "view"] => with_id(n, Route::PlanView),
            ["matrix"] => Route::Matrix,
            ["plans"] => Route::Plans,
            ["templates", n] => with_id(n, Route::Template),
            ["prospects"] => Route::Prospects,
            ["prospects", n] => with_id(n, Route::Prospect),
            ["settings"] => Route::Settings,
            ["r", _] => Route::SharedResult,
            ["invite", _] => Route::Invitation,
            ["a", _] => Route::SharedAccount,
            ["c", _] => Route::ClientPlan,
            _ => Route::NotFound,
        }
    }

    /// The link to this screen, relative to the page so it works from any sub-path.
    pub fn href(self) -> String {
        match self {
            Route::Grader | Route::NotFound => "#/grader".into(),
            Route::History => "#/history".into(),
            Route::Assessment(id) => format!("#/history/{id}"),
            Route::Accounts => "#/accounts".into(),
            Route::NewAccount => "#/accounts/new".into(),
            Route::RatingGrid => "#/accounts/rate".into(),
            Route::Account(id) => format!("#/accounts/{id}"),
            Route::EditAccount(id) => format!("#/accounts/{id}/edit"),
            Route::Plan(id) => format!("#/accounts/{id}/plan"),
            Route::PlanView(id) => format!("#/accounts/{id}/plan/view"),
            Route::Matrix => "#/matrix".into(),
            Route::Plans => "#/plans".into(),
            Route::Template(id) => format!("#/templates/{id}"),
            Route::Prospects => "#/prospects".into(),
            Route::Prospect(id) => format!("#/prospects/{id}"),
            Route::SharedResult | Route::Invitation | Route::SharedAccount | Route::ClientPlan => {
                "#/grader".into()
            }
            Route::Settings => "#/settings".into(),
        }
    }

    /// The text for the browser tab.
    pub fn title(self) -> String {
        let page = match self {
            Route::Grader => "Grade your account management",
            Route::History => "Assessment history",
            Route::Assessment(_) => "Saved assessment",
            Route::Accounts => "Accounts",
            Route::NewAccount => "New account",
            Route::RatingGrid => "Rate accounts",
            Route::Account(_) => "Account",
            Route::EditAccount(_) => "Edit account",
            Route::Plan(_) => "Account plan",
            Route::PlanView(_) => "Account plan (read view)",
            Route::Matrix => "Portfolio matrix",
            Route::Plans => "Account plans",
            Route::Template(_) => "Plan template",
            Route::Prospects => "Prospects",
            Route::Prospect(_) => "Prospect's result",
            Route::SharedResult => "Shared assessment",
            Route::Invitation => "Grade your account management",
            Route::SharedAccount => "Shared account",
            Route::ClientPlan => "Account plan",
            Route::Settings => "Settings",
            Route::NotFound => "Page not found",
        };
        format!("{page} · Account Grader")
    }

    /// Which top-level section this screen belongs to, for the navigation.
    pub fn section(self) -> Option<Route> {
        match self {
            Route::Grader => Some(Route::Grader),
            Route::History | Route::Assessment(_) => Some(Route::History),
            Route::Accounts | Route::NewAccount | Route::Account(_) | Route::EditAccount(_) => {
                Some(Route::Accounts)
            }
            Route::Plans | Route::Plan(_) | Route::PlanView(_) | Route::Template(_) => {
                Some(Route::Plans)
            }
            Route::Matrix => Some(Route::Matrix),
            Route::Prospects | Route::Prospect(_) => Some(Route::Prospects),
            Route::RatingGrid => Some(Route::RatingGrid),
            Route::Invitation => Some(Route::Grader),
            Route::SharedResult | Route::SharedAccount | Route::ClientPlan => None,
            Route::Settings => Some(Route::Settings),
            Route::NotFound => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_hashes() {
        assert_eq!(Route::from_hash(""), Route::Grader);
        assert_eq!(Route::from_hash("#"), Route::Grader);
        assert_eq!(Route::from_hash("#/"), Route::Grader);
        assert_eq!(Route::from_hash("#/grader"), Route::Grader);
        assert_eq!(Route::from_hash("#/history/"), Route::History);
        assert_eq!(Route::from_hash("#/history/42"), Route::Assessment(42));
        assert_eq!(Route::from_hash("#/history/x"), Route::NotFound);
        assert_eq!(Route::from_hash("#/history/1/2"), Route::NotFound);
        assert_eq!(Route::from_hash("#/nowhere"), Route::NotFound);
        assert_eq!(Route::from_hash("#/accounts/new"), Route::NewAccount);
        assert_eq!(Route::from_hash("#/accounts/rate"), Route::RatingGrid);
        assert_eq!(Route::from_hash("#/accounts/7/edit"), Route::EditAccount(7));
        assert_eq!(Route::from_hash("#/accounts/7/delete"), Route::NotFound);
        assert_eq!(
            Route::from_hash("#/accounts/7/plan/view"),
            Route::PlanView(7)
        );
        assert_eq!(
            Route::from_hash("#/accounts/7/plan/view/x"),
            Route::NotFound
        );
        assert_eq!(Route::from_hash("#/templates/0"), Route::Template(0));
        assert_eq!(Route::from_hash("#/r/AbC-_1"), Route::SharedResult);
        assert_eq!(Route::payload("#/r/AbC-_1"), "AbC-_1");
        for hash in ["#/r/x", "#/invite/x", "#/a/x", "#/c/x"] {
            assert!(Route::from_hash(hash).is_share(), "{hash}");
        }
        for hash in ["#/grader", "#/history/3", "#/accounts/7", "#/settings"] {
            assert!(!Route::from_hash(hash).is_share(), "{hash}");
        }
        assert_eq!(Route::from_hash("#/invite/x"), Route::Invitation);
        assert_eq!(Route::from_hash("#/a/x"), Route::SharedAccount);
    }

    #[test]
    fn links_parse_back_to_their_route() {
        for r in [
            Route::Grader,
            Route::History,
            Route::Assessment(9),
            Route::Accounts,
            Route::NewAccount,
            Route::RatingGrid,
            Route::Account(3),
            Route::EditAccount(3),
            Route::Plan(3),
            Route::PlanView(3),
            Route::Template(4),
            Route::Prospects,
            Route::Prospect(5),
            Route::Plans,
            Route::Matrix,
            Route::Settings,
        ] {
            assert_eq!(Route::from_hash(&r.href()), r);
        }
    }
}
