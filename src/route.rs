//! The app's screens and their addresses. Routes live in the URL fragment so that deep links
//! and reloads work from any static host and any sub-path, with no server rewrite rules.

use crate::domain::history::AssessmentId;

/// A screen of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    Grader,
    History,
    Assessment(AssessmentId),
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
        match (parts.next(), parts.next(), parts.next()) {
            (Some("") | Some("grader"), None, _) => Route::Grader,
            (Some("history"), None, _) => Route::History,
            (Some("history"), Some(id), None) => {
                id.parse().map(Route::Assessment).unwrap_or(Route::NotFound)
            }
            _ => Route::NotFound,
        }
    }

    /// The link to this screen, relative to the page so it works from any sub-path.
    pub fn href(self) -> String {
        match self {
            Route::Grader | Route::NotFound => "#/grader".into(),
            Route::History => "#/history".into(),
            Route::Assessment(id) => format!("#/history/{id}"),
        }
    }

    /// The text for the browser tab.
    pub fn title(self) -> String {
        let page = match self {
            Route::Grader => "Grade your account management",
            Route::History => "Assessment history",
            Route::Assessment(_) => "Saved assessment",
            Route::NotFound => "Page not found",
        };
        format!("{page} · Account Grader")
    }

    /// Which top-level section this screen belongs to, for the navigation.
    pub fn section(self) -> Option<Route> {
        match self {
            Route::Grader => Some(Route::Grader),
            Route::History | Route::Assessment(_) => Some(Route::History),
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
    }

    #[test]
    fn links_parse_back_to_their_route() {
        for r in [Route::Grader, Route::History, Route::Assessment(9)] {
            assert_eq!(Route::from_hash(&r.href()), r);
        }
    }
}
