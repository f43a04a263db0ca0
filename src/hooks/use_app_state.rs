use std::ops::Deref;

use yew::prelude::*;

use crate::state::AppState;

/// The app state and its dispatcher, shared through a context by [`crate::app::Root`];
/// components call `.dispatch(Action::...)` on it to change anything.
pub struct AppContext {
    handle: UseReducerHandle<AppState>,
    /// The state value this context was made for, by address (see `PartialEq`): the value
    /// `handle` gave when dereferenced, which it keeps alive from then on.
    value: *const AppState,
}

impl AppContext {
    /// The context of the state `handle` holds now.
    pub fn new(handle: UseReducerHandle<AppState>) -> Self {
        let value = std::ptr::from_ref::<AppState>(&handle);
        Self { handle, value }
    }
}

impl Clone for AppContext {
    /// Made afresh from the handle's clone, which keeps alive only the value it was cloned at:
    /// a copied address could outlive its value, and a later value could take it.
    fn clone(&self) -> Self {
        Self::new(self.handle.clone())
    }
}

impl Deref for AppContext {
    type Target = UseReducerHandle<AppState>;

    fn deref(&self) -> &Self::Target {
        &self.handle
    }
}

impl PartialEq for AppContext {
    /// The same state value: every change makes a new one, and a reducer's handle keeps alive
    /// each value it has given out, so two live values at one address are one value. The
    /// handle's own equality compares the whole document, field by field, on every render of
    /// the root, and brings every stored type's comparison into the first download.
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.value, other.value)
    }
}

/// The app state; components call `.dispatch(Action::...)` on it to change anything.
#[hook]
pub fn use_app_state() -> AppContext {
    use_context::<AppContext>().expect("components are rendered inside Root, which provides state")
}
