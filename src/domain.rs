//! Pure domain logic: no yew, no web-sys, no I/O. Everything here is tested natively.

pub mod dates;
pub mod grader;
pub mod history;
pub mod practices;
pub mod schema;
