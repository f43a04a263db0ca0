//! General helpers that are not the business: number text, dates, one shared sort, a sorted
//! map, JSON text, and long work done a slice at a time. Plain Rust, tested natively.

pub mod by_identity;
pub mod dates;
pub mod decimal;
pub mod json;
pub mod sliced;
pub mod sorted_map;
pub mod sorting;
