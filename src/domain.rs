//! Pure domain logic: no yew, no web-sys, no I/O. Everything here is tested natively.

pub mod accounts;
pub mod backup;
pub mod bcg;
pub mod dates;
pub mod decimal;
pub mod demo;
pub mod document_encoder;
pub mod grader;
pub mod history;
pub mod json;
pub mod passphrase;
pub mod plan_export;
pub mod plans;
pub mod portfolio;
pub mod practices;
pub mod quadrant;
pub mod rating;
pub mod salvage;
pub mod schema;
pub mod settings;
pub mod share;
pub mod snapshots;
pub mod sorted_map;
pub mod sorting;
pub mod tab_merge;
pub mod write_stamp;
