use yew::prelude::*;

use crate::state::AppState;

/// The app state and its dispatcher, shared through a context by [`crate::app::Root`].
pub type AppContext = UseReducerHandle<AppState>;

/// The app state; components call `.dispatch(Action::...)` on it to change anything.
#[hook]
pub fn use_app_state() -> AppContext {
    use_context::<AppContext>().expect("components are rendered inside Root, which provides state")
}
