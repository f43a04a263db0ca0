//! Small wrappers over browser APIs that components call from event handlers and effects.

pub mod clock;
pub mod crypto;
pub mod deflate;
pub mod download;
pub mod events;
pub mod first_screen;
pub mod focus_return;
pub mod hand_off;
pub mod idle;
pub mod kept_view;
pub mod page;
pub mod persistence;
pub mod places;
pub mod screen_announcer;
pub mod session_copy;
pub mod slices;
pub mod text_fit;
