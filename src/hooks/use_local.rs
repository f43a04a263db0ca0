//! State a component keeps between renders: `use_state` with less code per type.
//!
//! Yew's `use_state` is built on its reducer hook, which links about 1.3 KB of wasm for
//! every type of state. The app keeps twenty-odd types of local state (drafts, toggles,
//! messages), so this smaller hook does the same job: a shared cell, and a re-render when it
//! is set.

use std::cell::RefCell;
use std::ops::Deref;
use std::rc::Rc;

use yew::functional::UseForceUpdateHandle;
use yew::prelude::*;

/// A component's state: `set` stores a new value and renders the component again.
///
/// Unlike `use_state`'s handle, which reads the latest value, reads give the value as of the
/// render that made this handle: a handler that sets the state and then reads it in the same
/// call sees the old value. The app's handlers are made anew by each render, and the ones
/// kept longer (listeners, futures) only set state.
pub struct LocalHandle<T> {
    value: Rc<T>,
    cell: Rc<RefCell<Rc<T>>>,
    rerender: UseForceUpdateHandle,
}

impl<T> LocalHandle<T> {
    pub fn set(&self, value: T) {
        *self.cell.borrow_mut() = Rc::new(value);
        self.rerender.force_update();
    }

    /// The value as last set, which may be newer than this handle's render: for a cleanup
    /// or listener that outlives the render it was made in.
    pub fn latest(&self) -> Rc<T> {
        self.cell.borrow().clone()
    }
}

impl<T> Deref for LocalHandle<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T> Clone for LocalHandle<T> {
    fn clone(&self) -> Self {
        LocalHandle {
            value: self.value.clone(),
            cell: self.cell.clone(),
            rerender: self.rerender.clone(),
        }
    }
}

/// Like `use_state`: `init` gives the first value.
#[hook]
pub fn use_local<T: 'static>(init: impl FnOnce() -> T) -> LocalHandle<T> {
    let cell = use_mut_ref(move || Rc::new(init()));
    let rerender = use_force_update();
    let value = cell.borrow().clone();
    LocalHandle {
        value,
        cell,
        rerender,
    }
}
