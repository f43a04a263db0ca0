//! The app's screens and their addresses. Routes live in the URL fragment so that deep links
//! and reloads work from any static host and any sub-path, with no server rewrite rules.

use crate::domain::accounts::AccountId;
use crate::domain::history::AssessmentId;

/// A screen of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    Grader,
    History,
    Assessment(AssessmentId),
    Accounts,
    NewAccount,
    Account(AccountId),
    EditAccount(AccountId),
    Matrix,
    Settings,
    NotFound,
}

impl Route {
    /// Reads a `location.hash` such as `#/history/3`. An empty hash is the start screen.
    pub fn from_hash(hash: &str) -> Self {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let path = path
            .split(['?', '#'])
            .next()
            .unwrap_or("")
            .trim_end_matches('/');
        let mut parts = path.split('/');
        let id = |s: &str| s.parse::<u64>().ok();
        match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some("") | Some("grader"), None, _, _) => Route::Grader,
            (Some("history"), None, _, _) => Route::History,
            (Some("history"), Some(n), None, _) => id(n).map_or(Route::NotFound, Route::Assessment),
            (Some("accounts"), None, _, _) => Route::Accounts,
            (Some("accounts"), Some("new"), None, _) => Route::NewAccount,
            (Some("accounts"), Some(n), None, _) => id(n).map_or(Route::NotFound, Route::Account),
            (Some("accounts"), Some(n), Some("edit"), None) => {
                id(n).map_or(Route::NotFound, Route::EditAccount)
            }
            (Some("matrix"), None, _, _) => Route::Matrix,
            (Some("settings"), None, _, _) => Route::Settings,
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
            Route::Account(id) => format!("#/accounts/{id}"),
            Route::EditAccount(id) => format!("#/accounts/{id}/edit"),
            Route::Matrix => "#/matrix".into(),
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
            Route::Account(_) => "Account",
            Route::EditAccount(_) => "Edit account",
            Route::Matrix => "Portfolio matrix",
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
            Route::Matrix => Some(Route::Matrix),
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
        assert_eq!(Route::from_hash("#/accounts/7/edit"), Route::EditAccount(7));
        assert_eq!(Route::from_hash("#/accounts/7/delete"), Route::NotFound);
    }

    #[test]
    fn links_parse_back_to_their_route() {
        for r in [
            Route::Grader,
            Route::History,
            Route::Assessment(9),
            Route::Accounts,
            Route::NewAccount,
            Route::Account(3),
            Route::EditAccount(3),
            Route::Matrix,
            Route::Settings,
        ] {
            assert_eq!(Route::from_hash(&r.href()), r);
        }
    }
}
