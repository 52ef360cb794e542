//! The JSON API's wire types (camelCase on the wire), one module per
//! audience: [`shopper`] (lookup, the order page and its returns),
//! [`engage`] (engagement, reviews, NPS and rewards) and [`admin`] (the
//! merchant's API key routes). Here is what any route may answer:
//! problems (RFC 9457) with stable codes, the health check, and the
//! receipt of a shop system's webhook. [`routes`] lists every route.
//!
//! This module is the boundary: it uses the domain modules and none of
//! them uses it (`cargo xtask layers` checks). A domain value that travels
//! as it is (a `Resolution`, a `Prompt`, an `Incentive`) is defined in its
//! domain module; requests, responses and the conversions between them
//! and the domain live here.

pub mod admin;
pub mod engage;
#[cfg(feature = "openapi")]
pub mod openapi;
mod order_view;
pub mod routes;
pub mod shopper;

use serde::{Deserialize, Serialize};

use crate::wire::{WireName, wire_enum};

/// What a webhook delivery did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct WebhookReceipt {
    pub outcome: WebhookOutcome,
    pub orders: u32,
    pub shipments: u32,
    pub checkpoints: u32,
}

wire_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum WebhookOutcome {
        /// Stored and applied.
        Applied = "applied",
        /// This delivery id was seen before; nothing changed.
        Duplicate = "duplicate",
        /// WooCommerce's creation ping; nothing to store.
        Ping = "ping",
        /// Stored, but the parcel's order is not known yet; it is applied when
        /// the order's fulfillment arrives.
        Held = "held",
    }
}

/// `GET /healthz`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Health {
    pub ok: bool,
    pub version: String,
}

wire_enum! {
    /// Stable, machine-readable error codes. The set only grows; a code never
    /// changes meaning.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum ProblemCode {
        InvalidJson = "invalid_json",
        InvalidField = "invalid_field",
        Unauthorized = "unauthorized",
        TokenExpired = "token_expired",
        NotFound = "not_found",
        MethodNotAllowed = "method_not_allowed",
        PayloadTooLarge = "payload_too_large",
        UnsupportedMediaType = "unsupported_media_type",
        RateLimited = "rate_limited",
        Internal = "internal",
        /// A webhook's signature is missing or does not match.
        InvalidSignature = "invalid_signature",
        /// Well-formed, but not an order or tracking payload we can use.
        UnsupportedPayload = "unsupported_payload",
        /// A return request the policy does not allow; see `refusals`.
        ReturnRefused = "return_refused",
        /// An `Idempotency-Key` reused with a different request.
        IdempotencyConflict = "idempotency_conflict",
        /// The question was already answered (e.g. NPS once per order).
        AlreadyAnswered = "already_answered",
        /// The resource is not in a state that allows this change.
        InvalidTransition = "invalid_transition",
        /// The token may read the order but not act on it (a deep link):
        /// look the order up by number and email first.
        ProofNeeded = "proof_needed",
    }
}

impl ProblemCode {
    pub fn status(self) -> u16 {
        match self {
            Self::InvalidJson | Self::InvalidField => 400,
            Self::Unauthorized | Self::TokenExpired => 401,
            Self::ProofNeeded => 403,
            Self::NotFound => 404,
            Self::MethodNotAllowed => 405,
            Self::PayloadTooLarge => 413,
            Self::UnsupportedMediaType => 415,
            Self::RateLimited => 429,
            Self::Internal => 500,
            Self::InvalidSignature => 401,
            Self::UnsupportedPayload | Self::ReturnRefused => 422,
            Self::IdempotencyConflict | Self::AlreadyAnswered | Self::InvalidTransition => 409,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Self::InvalidJson => "Request body is not valid JSON",
            Self::InvalidField => "A field has an invalid value",
            Self::Unauthorized => "Missing or invalid credentials",
            Self::TokenExpired => "Access token has expired",
            Self::NotFound => "Not found",
            Self::MethodNotAllowed => "Method not allowed",
            Self::PayloadTooLarge => "Request body is too large",
            Self::UnsupportedMediaType => "Unsupported content type",
            Self::RateLimited => "Too many requests",
            Self::Internal => "Internal error",
            Self::InvalidSignature => "Signature missing or invalid",
            Self::UnsupportedPayload => "Payload not supported",
            Self::ReturnRefused => "Return not allowed",
            Self::IdempotencyConflict => "Idempotency key reused",
            Self::AlreadyAnswered => "Already answered",
            Self::InvalidTransition => "Not allowed in the current state",
            Self::ProofNeeded => "Confirm the order first",
        }
    }
}

/// An RFC 9457 problem document (`application/problem+json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    #[serde(rename = "type")]
    pub type_uri: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    pub code: ProblemCode,
}

impl Problem {
    pub const CONTENT_TYPE: &'static str = "application/problem+json";

    pub fn new(code: ProblemCode, detail: impl Into<String>) -> Self {
        Self {
            type_uri: format!("https://aftercart.dev/problems/{}", code.wire_name()),
            title: code.title().to_owned(),
            status: code.status(),
            detail: detail.into(),
            code,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_serializes_per_rfc_9457() {
        let json =
            serde_json::to_value(Problem::new(ProblemCode::NotFound, "No such order.")).unwrap();
        assert_eq!(json["type"], "https://aftercart.dev/problems/not_found");
        assert_eq!(json["status"], 404);
        assert_eq!(json["code"], "not_found");
        assert_eq!(json["title"], "Not found");
        assert_eq!(json["detail"], "No such order.");
    }

    #[test]
    fn problem_code_strings_match_serde() {
        for code in [
            ProblemCode::InvalidJson,
            ProblemCode::InvalidField,
            ProblemCode::Unauthorized,
            ProblemCode::TokenExpired,
            ProblemCode::NotFound,
            ProblemCode::MethodNotAllowed,
            ProblemCode::PayloadTooLarge,
            ProblemCode::UnsupportedMediaType,
            ProblemCode::RateLimited,
            ProblemCode::Internal,
            ProblemCode::InvalidSignature,
            ProblemCode::UnsupportedPayload,
            ProblemCode::ReturnRefused,
            ProblemCode::IdempotencyConflict,
            ProblemCode::AlreadyAnswered,
            ProblemCode::InvalidTransition,
            ProblemCode::ProofNeeded,
        ] {
            assert_eq!(serde_json::to_value(code).unwrap(), code.wire_name());
        }
    }
}
