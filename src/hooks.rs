//! Hooks shared by components.

pub mod use_app_state;
pub mod use_hash_route;
pub mod use_latch;
pub mod use_local;
pub mod use_select_value;

pub use use_app_state::{use_app_state, AppContext};
pub use use_hash_route::use_hash_route;
pub use use_latch::{use_latch, Latch};
pub use use_local::{use_local, LocalHandle};
pub use use_select_value::use_select_value;
