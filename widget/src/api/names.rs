//! The wire names of the shared enums the widget reads and writes: serde's
//! names, in this one place (`tests.rs` checks every variant against serde).
//!
//! A stand-in for `aftercart_shared::wire::WireName` with the same shape, so
//! moving to that trait is one `use` line and deleting this file.

use aftercart_shared::api::{ModerationStatus, ProblemCode};
use aftercart_shared::engage::{Action, PromptKind};
use aftercart_shared::returns::{Actor, RefusalCode, Resolution, ReturnStatus};
use aftercart_shared::tracking::{Step, TrackingStatus};

/// An enum's name on the wire.
pub trait WireName: Sized + 'static {
    fn wire_name(self) -> &'static str;
    fn from_wire_name(name: &str) -> Option<Self>;
    /// Every variant, for the test against serde.
    #[cfg(test)]
    const ALL: &'static [Self];
}

/// Both directions from one list; a new variant fails to compile here.
macro_rules! wire_names {
    ($($ty:ident { $($variant:ident => $name:literal,)* })*) => {$(
        impl WireName for $ty {
            fn wire_name(self) -> &'static str {
                match self {
                    $(Self::$variant => $name,)*
                }
            }

            fn from_wire_name(name: &str) -> Option<Self> {
                match name {
                    $($name => Some(Self::$variant),)*
                    _ => None,
                }
            }

            #[cfg(test)]
            const ALL: &'static [Self] = &[$(Self::$variant),*];
        }
    )*};
}

wire_names! {
    TrackingStatus {
        Pending => "Pending",
        InfoReceived => "InfoReceived",
        InTransit => "InTransit",
        OutForDelivery => "OutForDelivery",
        AttemptFail => "AttemptFail",
        AvailableForPickup => "AvailableForPickup",
        Delivered => "Delivered",
        Exception => "Exception",
        Expired => "Expired",
    }
    Step {
        Ordered => "Ordered",
        Shipped => "Shipped",
        InTransit => "InTransit",
        OutForDelivery => "OutForDelivery",
        Delivered => "Delivered",
    }
    Resolution {
        Refund => "refund",
        StoreCredit => "store_credit",
        Exchange => "exchange",
    }
    ReturnStatus {
        Requested => "requested",
        Approved => "approved",
        InTransit => "in_transit",
        Received => "received",
        Refunded => "refunded",
        Credited => "credited",
        Exchanged => "exchanged",
        Closed => "closed",
        Rejected => "rejected",
        Cancelled => "cancelled",
    }
    Actor {
        Shopper => "shopper",
        Merchant => "merchant",
        System => "system",
    }
    RefusalCode {
        OrderCancelled => "order_cancelled",
        CurrencyMismatch => "currency_mismatch",
        Excluded => "excluded",
        FinalSale => "final_sale",
        NotShipped => "not_shipped",
        NotDelivered => "not_delivered",
        WindowClosed => "window_closed",
        AlreadyRefunded => "already_refunded",
        AlreadyReturned => "already_returned",
        QuantityTooHigh => "quantity_too_high",
        ResolutionNotOffered => "resolution_not_offered",
        ExchangeOnly => "exchange_only",
        UnknownItem => "unknown_item",
        DuplicateItem => "duplicate_item",
        InvalidQuantity => "invalid_quantity",
        NothingSelected => "nothing_selected",
        ExchangeVariantRequired => "exchange_variant_required",
        UnknownReason => "unknown_reason",
        SubReasonRequired => "sub_reason_required",
        CommentRequired => "comment_required",
        CommentTooLong => "comment_too_long",
        PhotoRequired => "photo_required",
        PhotoInvalid => "photo_invalid",
    }
    ProblemCode {
        InvalidJson => "invalid_json",
        InvalidField => "invalid_field",
        Unauthorized => "unauthorized",
        TokenExpired => "token_expired",
        NotFound => "not_found",
        MethodNotAllowed => "method_not_allowed",
        PayloadTooLarge => "payload_too_large",
        UnsupportedMediaType => "unsupported_media_type",
        RateLimited => "rate_limited",
        Internal => "internal",
        InvalidSignature => "invalid_signature",
        UnsupportedPayload => "unsupported_payload",
        ReturnRefused => "return_refused",
        IdempotencyConflict => "idempotency_conflict",
        AlreadyAnswered => "already_answered",
        InvalidTransition => "invalid_transition",
    }
    ModerationStatus {
        Pending => "pending",
        Published => "published",
        Rejected => "rejected",
    }
    PromptKind {
        ReviewRequest => "reviewRequest",
        ReferralOffer => "referralOffer",
        Nps => "nps",
        Recommendations => "recommendations",
        UsageTips => "usageTips",
        ThankYou => "thankYou",
    }
    Action {
        Shown => "shown",
        Dismissed => "dismissed",
        Answered => "answered",
    }
}
