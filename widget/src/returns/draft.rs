//! What the shopper entered for each returnable item, held in signals
//! above the flow's steps so Back keeps it (both `flow` and `steps` use it).

use aftercart_shared::i18n::Msg;
use aftercart_shared::returns::ChosenReason;
use leptos::prelude::*;

/// What the shopper entered for one returnable item. Signals per field, so
/// typing in one field re-renders nothing else.
#[derive(Debug, Clone, Copy)]
pub(super) struct Draft {
    /// 0 when the item is not chosen.
    pub(super) quantity: RwSignal<u32>,
    pub(super) reason: RwSignal<String>,
    pub(super) sub_reason: RwSignal<String>,
    pub(super) comment: RwSignal<String>,
    pub(super) photo: RwSignal<String>,
    /// The size or colour wanted instead, for an exchange.
    pub(super) exchange_for: RwSignal<String>,
    /// Why this item cannot go on yet.
    pub(super) error: RwSignal<Option<Msg>>,
}

impl Draft {
    pub(super) fn new() -> Self {
        Self {
            quantity: RwSignal::new(0),
            reason: RwSignal::new(String::new()),
            sub_reason: RwSignal::new(String::new()),
            comment: RwSignal::new(String::new()),
            photo: RwSignal::new(String::new()),
            exchange_for: RwSignal::new(String::new()),
            error: RwSignal::new(None),
        }
    }

    pub(super) fn chosen(&self) -> bool {
        self.quantity.get_untracked() > 0
    }

    pub(super) fn reason(&self) -> ChosenReason {
        let text = |signal: RwSignal<String>| {
            let value = signal.get_untracked();
            (!value.trim().is_empty()).then_some(value)
        };
        ChosenReason {
            reason_id: self.reason.get_untracked(),
            sub_reason_id: text(self.sub_reason),
            comment: text(self.comment),
            photo_url: text(self.photo),
        }
    }
}
