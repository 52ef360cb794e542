//! Wire types of the shopper's routes: the lookup, the order page and its
//! returns (the engagement slot's are in [`super::engage`]).

use serde::{Deserialize, Serialize};

use super::Problem;
use crate::returns::reasons::{MAX_COMMENT_CHARS, is_https_link};
use crate::returns::{
    ApprovedReturn, ChosenReason, ItemRefusal, PolicySummary, ReasonError, Resolution,
    ReturnHistoryEntry, ReturnStatus, Terms,
};
use crate::tracking::{Step, TrackingStatus};
use crate::{Email, IdError, OrderId, OrderNumber, TrackingUrl, UnixTime};

/// `POST /v1/shops/{shop}/lookup`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct LookupResponse {
    /// Bearer token for `GET /v1/shops/{shop}/orders/{orderId}`.
    pub token: String,
    pub expires_at: UnixTime,
    pub order: OrderView,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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
    /// first; each opens with its own proof.
    #[serde(default)]
    pub other_orders: Vec<OrderSummary>,
    /// Whether the token that read this may act on the order (returns,
    /// reviews, NPS): false for a read-only deep link, whose holder proves
    /// the order (number + email) before acting.
    #[serde(default)]
    pub can_act: bool,
}

/// One line in "your other orders": no token, since knowing an email is
/// not owning its orders (checkout emails are unverified). The shopper
/// opens one by proving it: its own number and email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct OrderSummary {
    pub id: OrderId,
    pub order_number: String,
    pub placed_at: UnixTime,
    pub step: Step,
    pub status: TrackingStatus,
    pub cancelled: bool,
}

/// `GET /v1/shops/{shop}/orders/{orderId}/returns`: what can go back, the
/// policy in plain words, the reasons to pick from, and returns on file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ReturnOptions {
    /// The shop's display name, for the return slip.
    #[serde(default)]
    pub shop_name: String,
    pub policy: PolicySummary,
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
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ResolutionOffer {
    pub resolution: Resolution,
    #[serde(flatten)]
    pub terms: Terms,
}

/// One line item: returnable until when and how, or why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ReturnItemOption {
    pub line_item_id: String,
    pub title: String,
    /// Units that can still go back (0 when refused).
    pub remaining: u32,
    /// The last day of the window, in the shop's time zone (`YYYY-MM-DD`).
    pub last_day: Option<String>,
    pub resolutions: Vec<Resolution>,
    /// Why not, when the item cannot go back: a stable code and a reason
    /// in the shopper's language.
    pub refusal: Option<ItemRefusal>,
}

/// A return reason as the shopper sees it, in their language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ReturnView {
    /// Easy to read aloud, e.g. `R-7K3-M9Q`.
    pub rma: String,
    pub status: ReturnStatus,
    pub created_at: UnixTime,
    #[serde(flatten)]
    pub approved: ApprovedReturn,
    /// Every status change, oldest first: when, who, from what to what.
    #[serde(default)]
    pub history: Vec<ReturnHistoryEntry>,
}

/// `422` body of a refused return request: every item's reason at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ReturnRefused {
    #[serde(flatten)]
    pub problem: Problem,
    pub refusals: Vec<ItemRefusal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct OrderStatusView {
    pub step: Step,
    pub status: TrackingStatus,
    pub cancelled: bool,
    pub estimated_delivery: Option<UnixTime>,
    pub running_late: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ShipmentView {
    pub id: String,
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
    /// Safe for an `href`: checked at ingest and again when read.
    pub tracking_url: Option<TrackingUrl>,
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
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct CheckpointView {
    pub status: TrackingStatus,
    pub sub_status: Option<String>,
    pub message: String,
    pub location: Option<String>,
    pub occurred_at: UnixTime,
}

#[cfg(test)]
mod tests {
    use super::*;

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
