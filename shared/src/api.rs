//! The JSON API's wire types (camelCase on the wire).

use serde::{Deserialize, Serialize};

use crate::tracking::{Step, TrackingStatus};

pub use crate::admin_api::*;
pub use crate::engage_api::*;
use crate::returns::reasons::{MAX_COMMENT_CHARS, is_https_link};
use crate::returns::{ChosenReason, ReasonError};
use crate::{Email, IdError, OrderId, OrderNumber, UnixTime};

/// `POST /v1/shops/{shop}/lookup`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LookupRequest {
    pub order_number: String,
    pub email: String,
}

impl LookupRequest {
    /// Parses both fields; the error names the first field that is wrong.
    pub fn parse(&self) -> Result<(OrderNumber, Email), (&'static str, IdError)> {
        let number = OrderNumber::parse(&self.order_number).map_err(|e| ("orderNumber", e))?;
        let email = Email::parse(&self.email).map_err(|e| ("email", e))?;
        Ok((number, email))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LookupResponse {
    /// Bearer token for `GET /v1/shops/{shop}/orders/{orderId}`.
    pub token: String,
    pub expires_at: UnixTime,
    pub order: OrderView,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderView {
    pub id: OrderId,
    pub order_number: String,
    pub placed_at: UnixTime,
    pub customer_first_name: Option<String>,
    pub currency: String,
    pub total_minor: i64,
    pub cancelled: bool,
    pub status: OrderStatusView,
    pub line_items: Vec<LineItemView>,
    pub shipments: Vec<ShipmentView>,
    /// The shopper's other recent orders from this shop (same email), newest
    /// first, each with its own token so the widget can open it.
    #[serde(default)]
    pub other_orders: Vec<OrderSummary>,
}

/// One line in "your other orders".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderSummary {
    pub id: OrderId,
    pub order_number: String,
    pub placed_at: UnixTime,
    pub step: Step,
    pub status: TrackingStatus,
    pub cancelled: bool,
    /// Bearer token for this order, valid as long as the one used to list it.
    pub token: String,
}

/// `POST /v1/admin/shops/{shop}/links` (merchant API key): a signed deep
/// link for a merchant's shipping email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeepLinkRequest {
    pub order_id: String,
    /// How long the link works; default 30, at most 90.
    #[serde(default)]
    pub valid_days: Option<u16>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeepLinkResponse {
    /// Append as `?t=<token>` to the shop page that embeds the widget.
    pub token: String,
    pub expires_at: UnixTime,
}

/// `GET /v1/shops/{shop}/orders/{orderId}/returns`: what can go back, the
/// policy in plain words, the reasons to pick from, and returns on file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReturnOptions {
    /// The shop's display name, for the return slip.
    #[serde(default)]
    pub shop_name: String,
    pub policy: crate::returns::PolicySummary,
    pub items: Vec<ReturnItemOption>,
    pub reasons: Vec<ReasonOption>,
    /// The resolutions the policy offers with their fee and bonus, so the
    /// widget can show the amounts before the shopper confirms.
    #[serde(default)]
    pub offers: Vec<ResolutionOffer>,
    pub returns: Vec<ReturnView>,
}

/// One resolution on offer: `{"resolution":"store_credit","feeMinor":0,"bonusPercent":10}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResolutionOffer {
    pub resolution: crate::returns::Resolution,
    #[serde(flatten)]
    pub terms: crate::returns::Terms,
}

/// One line item: returnable until when and how, or why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReturnItemOption {
    pub line_item_id: String,
    pub title: String,
    /// Units that can still go back (0 when refused).
    pub remaining: u32,
    /// The last day of the window, in the shop's time zone (`YYYY-MM-DD`).
    pub last_day: Option<String>,
    pub resolutions: Vec<crate::returns::Resolution>,
    /// Why not, when the item cannot go back: a stable code and a reason
    /// in the shopper's language.
    pub refusal: Option<crate::returns::ItemRefusal>,
}

/// A return reason as the shopper sees it, in their language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReasonOption {
    pub id: String,
    pub label: String,
    pub requires_comment: bool,
    pub requires_photo: bool,
    pub sub_reasons: Vec<(String, String)>,
}

impl ReasonOption {
    /// The widget's check of a choice for this reason before it is sent:
    /// the same rules as the server's (`returns::reasons::validate`) for
    /// what the widget knows. The server also applies requirements that a
    /// sub-reason adds, and has the last word.
    pub fn check(&self, chosen: &ChosenReason) -> Result<(), ReasonError> {
        fn given(text: &Option<String>) -> &str {
            text.as_deref().map(str::trim).unwrap_or_default()
        }
        let comment = given(&chosen.comment);
        let photo = given(&chosen.photo_url);
        if chosen.reason_id.trim() != self.id {
            return Err(ReasonError::UnknownReason);
        }
        let sub_chosen = !given(&chosen.sub_reason_id).is_empty();
        if !self.sub_reasons.is_empty() && !sub_chosen {
            return Err(ReasonError::SubReasonRequired);
        }
        if self.requires_comment && comment.is_empty() {
            return Err(ReasonError::CommentRequired);
        }
        if comment.chars().count() > MAX_COMMENT_CHARS {
            return Err(ReasonError::CommentTooLong);
        }
        if self.requires_photo && photo.is_empty() {
            return Err(ReasonError::PhotoRequired);
        }
        if !photo.is_empty() && !is_https_link(photo) {
            return Err(ReasonError::PhotoInvalid);
        }
        Ok(())
    }
}

/// A return on file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReturnView {
    /// Easy to read aloud, e.g. `R-7K3-M9Q`.
    pub rma: String,
    pub status: crate::returns::ReturnStatus,
    pub created_at: UnixTime,
    #[serde(flatten)]
    pub approved: crate::returns::ApprovedReturn,
    /// Every status change, oldest first: when, who, from what to what.
    #[serde(default)]
    pub history: Vec<ReturnHistoryEntry>,
}

/// One recorded status change of a return.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReturnHistoryEntry {
    pub at: UnixTime,
    pub actor: crate::returns::Actor,
    /// `None` for the request that created the return.
    pub from: Option<crate::returns::ReturnStatus>,
    pub to: crate::returns::ReturnStatus,
    /// The merchant's note (e.g. why it was rejected). Only the merchant's
    /// views and webhooks carry it; the shopper's view leaves it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// `422` body of a refused return request: every item's reason at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReturnRefused {
    #[serde(flatten)]
    pub problem: Problem,
    pub refusals: Vec<crate::returns::ItemRefusal>,
}

/// What a webhook delivery did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookReceipt {
    pub outcome: WebhookOutcome,
    pub orders: u32,
    pub shipments: u32,
    pub checkpoints: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WebhookOutcome {
    /// Stored and applied.
    Applied,
    /// This delivery id was seen before; nothing changed.
    Duplicate,
    /// WooCommerce's creation ping; nothing to store.
    Ping,
    /// Stored, but the parcel's order is not known yet; it is applied when
    /// the order's fulfillment arrives.
    Held,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderStatusView {
    pub step: Step,
    pub status: TrackingStatus,
    pub cancelled: bool,
    pub estimated_delivery: Option<UnixTime>,
    pub running_late: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LineItemView {
    pub id: String,
    pub title: String,
    pub variant_title: Option<String>,
    pub quantity: u32,
    pub unit_price_minor: i64,
    pub image_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ShipmentView {
    pub id: String,
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
    pub tracking_url: Option<String>,
    pub status: TrackingStatus,
    pub step: Step,
    pub estimated_delivery: Option<UnixTime>,
    /// The estimate is predicted from the shop's past deliveries with this
    /// carrier, not given by the carrier ("usually arrives by").
    #[serde(default)]
    pub estimated_from_history: bool,
    pub running_late: bool,
    pub delivered_at: Option<UnixTime>,
    /// Newest first.
    pub checkpoints: Vec<CheckpointView>,
    /// `(lineItemId, quantity)` pairs.
    pub items: Vec<(String, u32)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckpointView {
    pub status: TrackingStatus,
    pub sub_status: Option<String>,
    pub message: String,
    pub location: Option<String>,
    pub occurred_at: UnixTime,
}

/// `GET /healthz`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Health {
    pub ok: bool,
    pub version: String,
}

/// Stable, machine-readable error codes. The set only grows; a code never
/// changes meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemCode {
    InvalidJson,
    InvalidField,
    Unauthorized,
    TokenExpired,
    NotFound,
    MethodNotAllowed,
    PayloadTooLarge,
    UnsupportedMediaType,
    RateLimited,
    Internal,
    /// A webhook's signature is missing or does not match.
    InvalidSignature,
    /// Well-formed, but not an order or tracking payload we can use.
    UnsupportedPayload,
    /// A return request the policy does not allow; see `refusals`.
    ReturnRefused,
    /// An `Idempotency-Key` reused with a different request.
    IdempotencyConflict,
    /// The question was already answered (e.g. NPS once per order).
    AlreadyAnswered,
    /// The resource is not in a state that allows this change.
    InvalidTransition,
}

impl ProblemCode {
    pub fn status(self) -> u16 {
        match self {
            Self::InvalidJson | Self::InvalidField => 400,
            Self::Unauthorized | Self::TokenExpired => 401,
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
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::InvalidJson => "invalid_json",
            Self::InvalidField => "invalid_field",
            Self::Unauthorized => "unauthorized",
            Self::TokenExpired => "token_expired",
            Self::NotFound => "not_found",
            Self::MethodNotAllowed => "method_not_allowed",
            Self::PayloadTooLarge => "payload_too_large",
            Self::UnsupportedMediaType => "unsupported_media_type",
            Self::RateLimited => "rate_limited",
            Self::Internal => "internal",
            Self::InvalidSignature => "invalid_signature",
            Self::UnsupportedPayload => "unsupported_payload",
            Self::ReturnRefused => "return_refused",
            Self::IdempotencyConflict => "idempotency_conflict",
            Self::AlreadyAnswered => "already_answered",
            Self::InvalidTransition => "invalid_transition",
        }
    }
}

/// An RFC 9457 problem document (`application/problem+json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
            type_uri: format!("https://aftercart.dev/problems/{}", code.as_str()),
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
        ] {
            assert_eq!(serde_json::to_value(code).unwrap(), code.as_str());
        }
    }

    #[test]
    fn a_reason_choice_is_checked_as_the_server_would() {
        let damaged = ReasonOption {
            id: "damaged".into(),
            label: "Arrived damaged".into(),
            requires_comment: true,
            requires_photo: true,
            sub_reasons: Vec::new(),
        };
        let mut chosen = ChosenReason {
            reason_id: "damaged".into(),
            ..ChosenReason::default()
        };
        assert_eq!(damaged.check(&chosen), Err(ReasonError::CommentRequired));
        chosen.comment = Some("  The zip is torn ".into());
        assert_eq!(damaged.check(&chosen), Err(ReasonError::PhotoRequired));
        chosen.photo_url = Some("http://example.com/zip.jpg".into());
        assert_eq!(damaged.check(&chosen), Err(ReasonError::PhotoInvalid));
        chosen.photo_url = Some("https://example.com/zip.jpg".into());
        assert_eq!(damaged.check(&chosen), Ok(()));
        chosen.comment = Some("x".repeat(MAX_COMMENT_CHARS + 1));
        assert_eq!(damaged.check(&chosen), Err(ReasonError::CommentTooLong));

        let fit = ReasonOption {
            id: "fit".into(),
            label: "Doesn't fit".into(),
            requires_comment: false,
            requires_photo: false,
            sub_reasons: vec![("too_small".into(), "Too small".into())],
        };
        let mut chosen = ChosenReason {
            reason_id: "fit".into(),
            ..ChosenReason::default()
        };
        assert_eq!(fit.check(&chosen), Err(ReasonError::SubReasonRequired));
        chosen.sub_reason_id = Some("too_small".into());
        assert_eq!(fit.check(&chosen), Ok(()));
        // An optional photo link must still be a safe https link.
        chosen.photo_url = Some("javascript:alert(1)".into());
        assert_eq!(fit.check(&chosen), Err(ReasonError::PhotoInvalid));
    }

    #[test]
    fn lookup_request_is_camel_case_and_names_the_bad_field() {
        let req: LookupRequest =
            serde_json::from_str(r##"{"orderNumber":"#1001","email":"nope"}"##).unwrap();
        assert_eq!(req.parse().unwrap_err().0, "email");
    }
}
