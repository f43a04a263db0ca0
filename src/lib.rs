//! Account Grader: grade your account management, classify your portfolio, plan key accounts.
//! Runs entirely in the browser; see README.md for the architecture.

pub mod app;
pub mod area_updates;
pub mod browser;
pub mod components;
pub mod domain;
pub mod hooks;
pub mod lazy_screens;
pub mod pages;
pub mod route;
pub mod state;
pub mod storage;
pub mod support;
