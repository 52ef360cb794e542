//! The widget's one way to load: read, (write,) read again.
//!
//! [`load`] reads now and again whenever a signal it read changes or a
//! write asks for it ([`Reload::reload`]); each answer goes to the caller,
//! which decides what it changes on the page. A smaller stand-in for
//! Leptos's `LocalResource` keyed on an `Action`'s version, measured in
//! ARCHITECTURE.md ("The widget's size").

use std::future::Future;
use std::rc::Rc;

use leptos::prelude::*;

/// Asks a [`load`] to read again.
#[derive(Debug, Clone, Copy)]
pub struct Reload {
    version: RwSignal<u32>,
    /// Reads asked for and reads answered; equal when none is on its way.
    asked: StoredValue<u32>,
    answered: StoredValue<u32>,
}

impl Reload {
    /// Reads again (after a write, on a timer, on a "Try again").
    pub fn reload(self) {
        self.version.update(|n| *n = n.wrapping_add(1));
    }

    /// A read is on its way.
    pub fn busy(self) -> bool {
        self.asked.get_value() != self.answered.get_value()
    }
}

/// Reads with `read` now, again whenever a signal `read` reads changes, and
/// on [`Reload::reload`]; hands each answer to `apply`. `read` returns
/// `None` when there is nothing to read yet (or no need to). Only the newest
/// read's answer is applied, and none once the component that asked is gone.
pub fn load<T, F>(read: impl Fn() -> Option<F> + 'static, apply: impl Fn(T) + 'static) -> Reload
where
    T: 'static,
    F: Future<Output = T> + 'static,
{
    let reload = Reload {
        version: RwSignal::new(0),
        asked: StoredValue::new(0),
        answered: StoredValue::new(0),
    };
    let apply = Rc::new(apply);
    Effect::new(move || {
        reload.version.track();
        let Some(answer) = read() else {
            return;
        };
        let this = reload.asked.get_value().wrapping_add(1);
        reload.asked.set_value(this);
        let apply = Rc::clone(&apply);
        leptos::task::spawn_local(async move {
            let answer = answer.await;
            // `None`: the component is gone; another number: a newer read
            // was asked for, and its answer is the one to show.
            if reload.asked.try_get_value() == Some(this) {
                reload.answered.set_value(this);
                apply(answer);
            }
        });
    });
    reload
}
