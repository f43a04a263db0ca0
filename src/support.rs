//! General helpers that are not the business: number text, dates, one shared sort, a sorted
//! map, JSON text, lower case, and long work done a slice at a time. Plain Rust, tested
//! natively (lower case is the browser's in the app: see `case`).

pub mod by_identity;
pub mod case;
pub mod dates;
pub mod decimal;
pub mod json;
pub mod sliced;
pub mod sorted_map;
pub mod sorting;
