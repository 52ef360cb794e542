//! A return's life as a state machine.
//!
//! ```text
//! requested ─approve─▶ approved ─ship─▶ in_transit ─receive─▶ received
//!     │                  │  └───────────receive──────────────▶   │
//!     │                  │                                       ├─refund──▶ refunded ─┐
//!     ├─cancel──┬────────┘                                       ├─credit──▶ credited ─┼─close─▶ closed
//!     ▼         ▼                                                └─exchange▶ exchanged ┘
//! cancelled   (reject from requested, approved, in_transit, received) ─▶ rejected
//! ```
//!
//! Decisions: a shopper may withdraw (cancel) only before the parcel is on
//! its way; after that the merchant decides. The merchant may also mark a
//! return shipped (a drop-off receipt they scanned, a label they bought). A merchant may reject up to
//! and including `received` (the item came back worn, or is not the item),
//! but not after money moved: undoing a refund is a new process, not a
//! state. `receive` is legal from `approved` because drop-off returns often
//! have no tracking and the first we hear is the warehouse.

use serde::{Deserialize, Serialize};

use crate::UnixTime;
use crate::i18n::{Lang, Msg};
use crate::wire::wire_enum;

wire_enum! {
    /// Where a return is in its life (the diagram above).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum ReturnStatus {
        Requested = "requested",
        Approved = "approved",
        InTransit = "in_transit",
        Received = "received",
        Refunded = "refunded",
        Credited = "credited",
        Exchanged = "exchanged",
        Closed = "closed",
        Rejected = "rejected",
        Cancelled = "cancelled",
    }
}

impl ReturnStatus {
    /// Whether the units in this return are spoken for. Only a return that
    /// ended without being accepted gives its units back.
    pub fn holds_units(self) -> bool {
        !matches!(self, Self::Rejected | Self::Cancelled)
    }

    /// No event leads anywhere from here.
    pub fn is_final(self) -> bool {
        matches!(self, Self::Closed | Self::Rejected | Self::Cancelled)
    }

    /// How far along the lifecycle this is. Every legal transition goes
    /// strictly forward, so this orders a return's events even when they
    /// share a timestamp.
    pub fn progress(self) -> u8 {
        match self {
            Self::Requested => 0,
            Self::Approved => 1,
            Self::InTransit => 2,
            Self::Received => 3,
            Self::Refunded | Self::Credited | Self::Exchanged => 4,
            Self::Closed | Self::Rejected | Self::Cancelled => 5,
        }
    }

    /// The shopper-facing label.
    pub fn label(self, lang: Lang) -> &'static str {
        lang.text(match self {
            Self::Requested => Msg::ReturnStatusRequested,
            Self::Approved => Msg::ReturnStatusApproved,
            Self::InTransit => Msg::ReturnStatusInTransit,
            Self::Received => Msg::ReturnStatusReceived,
            Self::Refunded => Msg::ReturnStatusRefunded,
            Self::Credited => Msg::ReturnStatusCredited,
            Self::Exchanged => Msg::ReturnStatusExchanged,
            Self::Closed => Msg::ReturnStatusClosed,
            Self::Rejected => Msg::ReturnStatusRejected,
            Self::Cancelled => Msg::ReturnStatusCancelled,
        })
    }
}

wire_enum! {
    /// What moves a return along; its wire name is the last segment of
    /// `POST …/returns/{rma}/{event}`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum ReturnEvent {
        Approve = "approve",
        Reject = "reject",
        Cancel = "cancel",
        Ship = "ship",
        Receive = "receive",
        Refund = "refund",
        Credit = "credit",
        Exchange = "exchange",
        Close = "close",
    }
}

impl ReturnEvent {
    /// Who may cause this event. `System` is aftercart itself acting on a
    /// rule or a carrier scan (auto-approval, a tracked parcel arriving).
    pub fn allowed(self, actor: Actor) -> bool {
        use Actor::*;
        match self {
            Self::Cancel => matches!(actor, Shopper | Merchant),
            Self::Ship => true,
            Self::Approve
            | Self::Reject
            | Self::Receive
            | Self::Refund
            | Self::Credit
            | Self::Exchange
            | Self::Close => matches!(actor, Merchant | System),
        }
    }
}

wire_enum! {
    /// Who caused an event.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Actor {
        Shopper = "shopper",
        Merchant = "merchant",
        System = "system",
    }
}

/// One recorded step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Transition {
    pub from: ReturnStatus,
    pub to: ReturnStatus,
    pub event: ReturnEvent,
    pub actor: Actor,
    pub at: UnixTime,
}

/// One recorded status change of a return.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ReturnHistoryEntry {
    pub at: UnixTime,
    pub actor: Actor,
    /// `None` for the request that created the return.
    pub from: Option<ReturnStatus>,
    pub to: ReturnStatus,
    /// The merchant's note (e.g. why it was rejected). Only the merchant's
    /// views and webhooks carry it; the shopper's view leaves it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LifecycleError {
    #[error("a return that is {from:?} cannot {event:?}")]
    Illegal {
        from: ReturnStatus,
        event: ReturnEvent,
    },
    #[error("{actor:?} may not {event:?} a return")]
    NotPermitted { event: ReturnEvent, actor: Actor },
}

/// Where `event` takes a return that is `from`, if anywhere.
pub fn next(from: ReturnStatus, event: ReturnEvent) -> Option<ReturnStatus> {
    use ReturnEvent as E;
    use ReturnStatus as S;
    Some(match (from, event) {
        (S::Requested, E::Approve) => S::Approved,
        (S::Requested | S::Approved, E::Cancel) => S::Cancelled,
        (S::Requested | S::Approved | S::InTransit | S::Received, E::Reject) => S::Rejected,
        (S::Approved, E::Ship) => S::InTransit,
        (S::Approved | S::InTransit, E::Receive) => S::Received,
        (S::Received, E::Refund) => S::Refunded,
        (S::Received, E::Credit) => S::Credited,
        (S::Received, E::Exchange) => S::Exchanged,
        (S::Refunded | S::Credited | S::Exchanged, E::Close) => S::Closed,
        _ => return None,
    })
}

/// What `actor` may do next with a return that is `from`, in a stable
/// order: what an admin screen offers as buttons.
pub fn available(from: ReturnStatus, actor: Actor) -> Vec<ReturnEvent> {
    ReturnEvent::ALL
        .into_iter()
        .filter(|&event| event.allowed(actor) && next(from, event).is_some())
        .collect()
}

/// Applies `event` by `actor` at `at`. The actor is checked first, so a
/// shopper trying to refund is told it is not theirs to do whatever the
/// state.
pub fn transition(
    current: ReturnStatus,
    event: ReturnEvent,
    actor: Actor,
    at: UnixTime,
) -> Result<Transition, LifecycleError> {
    if !event.allowed(actor) {
        return Err(LifecycleError::NotPermitted { event, actor });
    }
    let to = next(current, event).ok_or(LifecycleError::Illegal {
        from: current,
        event,
    })?;
    Ok(Transition {
        from: current,
        to,
        event,
        actor,
        at,
    })
}
