//! A flag that is turned on once and then stays on: for a part of a screen that is fetched
//! the first time it is wanted and kept from then on, with what was typed in it.

use yew::prelude::*;

use super::use_local::{use_local, LocalHandle};

/// Off until [`Latch::turn_on`], then on for the component's life.
#[derive(Clone)]
pub struct Latch(LocalHandle<bool>);

impl Latch {
    pub fn is_on(&self) -> bool {
        *self.0
    }

    /// Turns it on; once on, nothing is drawn again.
    pub fn turn_on(&self) {
        if !*self.0 {
            self.0.set(true);
        }
    }
}

#[hook]
pub fn use_latch() -> Latch {
    Latch(use_local(|| false))
}
