//! Wire types of the merchant admin API: signed deep links, returns,
//! settings, outbound webhook deliveries and referral flags (reviews are
//! moderated through [`super::engage`]). Every route takes the shop's admin key as
//! `Authorization: Bearer <key>`.
//!
//! | route | body | answer |
//! |---|---|---|
//! | `POST /v1/admin/shops/{shop}/links` | [`DeepLinkRequest`] | [`DeepLinkResponse`] |
//! | `POST /v1/admin/shops/{shop}/revoke-tokens` | | [`TokensRevoked`] |
//! | `GET  /v1/admin/shops/{shop}/returns?status=&cursor=&limit=` | | [`AdminReturnPage`] |
//! | `GET  /v1/admin/shops/{shop}/returns/{rma}` | | [`AdminReturn`] |
//! | `POST /v1/admin/shops/{shop}/returns/{rma}/{event}` | [`TransitionRequest`] (optional) | [`AdminReturn`] / 409 `invalid_transition` |
//! | `GET\|PUT /v1/admin/shops/{shop}/settings/{key}` | the document | [`SettingView`] |
//! | `GET  /v1/admin/shops/{shop}/webhook-deliveries?cursor=` | | [`DeliveryPage`] |
//! | `POST /v1/admin/shops/{shop}/webhook-deliveries/{id}/retry` | | [`WebhookDelivery`] |
//! | `GET  /v1/admin/shops/{shop}/referral-flags?cursor=` | | [`ReferralFlagPage`] |

use serde::{Deserialize, Serialize};

use crate::referral::FraudFlag;
use crate::returns::{ApprovedReturn, ReturnEvent, ReturnHistoryEntry, ReturnStatus};
use crate::wire::wire_enum;
use crate::{OrderId, UnixTime};

/// Notes longer than this are refused rather than cut.
pub const MAX_NOTE_CHARS: usize = 1000;
/// Page size of admin lists unless `limit` asks for another.
pub const DEFAULT_PAGE: u32 = 25;
pub const MAX_PAGE: u32 = 100;

/// `POST /v1/admin/shops/{shop}/links` (merchant API key): a signed deep
/// link for a merchant's shipping email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct DeepLinkRequest {
    pub order_id: String,
    /// How long the link works; default 30, at most 90.
    #[serde(default)]
    pub valid_days: Option<u16>,
    /// Whether the link may act on the order (e.g. "start your return" in
    /// an email) rather than only show it. Default false: links are
    /// forwarded and kept in browser history.
    #[serde(default)]
    pub write: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct DeepLinkResponse {
    /// Append as `?t=<token>` to the shop page that embeds the widget.
    pub token: String,
    pub expires_at: UnixTime,
}

/// Every shopper token minted before `epoch` no longer works.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct TokensRevoked {
    pub epoch: u32,
}

/// A return as the merchant sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct AdminReturn {
    pub rma: String,
    pub order_id: String,
    pub status: ReturnStatus,
    pub created_at: UnixTime,
    #[serde(flatten)]
    pub approved: ApprovedReturn,
    /// Every status change, oldest first, with the merchant's notes.
    pub history: Vec<ReturnHistoryEntry>,
    /// What the merchant may do next (`POST …/returns/{rma}/{event}`).
    pub actions: Vec<ReturnEvent>,
}

/// Newest first. `nextCursor` fetches the following page; `None` at the end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct AdminReturnPage {
    pub items: Vec<AdminReturn>,
    pub next_cursor: Option<String>,
}

/// The optional body of a transition, e.g. why a return was rejected.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TransitionRequest {
    #[serde(default)]
    pub note: Option<String>,
}

impl TransitionRequest {
    /// The note trimmed, `None` when blank; an error when it is too long.
    pub fn note(&self) -> Result<Option<String>, String> {
        let Some(note) = self.note.as_deref().map(str::trim) else {
            return Ok(None);
        };
        if note.chars().count() > MAX_NOTE_CHARS {
            return Err(format!("at most {MAX_NOTE_CHARS} characters"));
        }
        Ok((!note.is_empty()).then(|| note.to_owned()))
    }
}

/// A setting as stored, with secrets left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct SettingView {
    pub key: String,
    pub value: serde_json::Value,
}

wire_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum DeliveryState {
        /// Waiting for its first attempt or a retry.
        Pending = "pending",
        Delivered = "delivered",
        /// Every scheduled attempt failed; only a manual retry sends it again.
        Failed = "failed",
    }
}

/// One outbound webhook (one return event) and every attempt to send it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct WebhookDelivery {
    /// For `POST …/webhook-deliveries/{id}/retry`.
    pub id: i64,
    /// The `Aftercart-Event-Id` header: the same for every attempt.
    pub event_id: String,
    pub event_type: String,
    pub rma: String,
    pub state: DeliveryState,
    pub created_at: UnixTime,
    pub next_attempt_at: Option<UnixTime>,
    pub attempts: Vec<DeliveryAttempt>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct DeliveryAttempt {
    /// 1 for the first attempt.
    pub attempt: u32,
    pub at: UnixTime,
    /// The merchant's answer, when there was one.
    pub http_status: Option<u16>,
    /// What went wrong short of an answer (timeout, refused connection).
    pub error: Option<String>,
    pub duration_ms: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct DeliveryPage {
    pub items: Vec<WebhookDelivery>,
    pub next_cursor: Option<String>,
}

/// A suspected self-referral for the merchant to look at: the friend's
/// order that used the code, and why it was not rewarded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ReferralFlag {
    pub order_id: String,
    /// As the shop shows it (`#1042`), when the order is stored.
    pub order_number: Option<String>,
    /// The referrer's code.
    pub code: String,
    pub flag: FraudFlag,
    pub flagged_at: UnixTime,
}

/// Newest first; `nextCursor` fetches the following page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ReferralFlagPage {
    pub items: Vec<ReferralFlag>,
    pub next_cursor: Option<String>,
}

/// Where a page of flags ended: `<unix seconds>.<order id>` of its last
/// item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagCursor {
    pub flagged_at: UnixTime,
    pub order_id: OrderId,
}

impl FlagCursor {
    pub fn of(flag: &ReferralFlag) -> Option<Self> {
        Some(Self {
            flagged_at: flag.flagged_at,
            order_id: OrderId::parse(&flag.order_id).ok()?,
        })
    }

    pub fn parse(raw: &str) -> Option<Self> {
        let (secs, order) = raw.split_once('.')?;
        Some(Self {
            flagged_at: UnixTime::from_secs(secs.parse().ok()?),
            order_id: OrderId::parse(order).ok()?,
        })
    }
}

impl std::fmt::Display for FlagCursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.flagged_at.secs(), self.order_id.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_trimmed_blank_is_none_and_long_is_refused() {
        let note = |n: Option<&str>| TransitionRequest {
            note: n.map(str::to_owned),
        };
        assert_eq!(note(None).note(), Ok(None));
        assert_eq!(note(Some("   ")).note(), Ok(None));
        assert_eq!(note(Some(" worn ")).note(), Ok(Some("worn".to_owned())));
        let long = "å".repeat(MAX_NOTE_CHARS);
        assert_eq!(note(Some(&long)).note(), Ok(Some(long.clone())));
        assert!(note(Some(&format!("{long}x"))).note().is_err());
    }

    #[test]
    fn flag_cursors_round_trip_and_refuse_garbage() {
        let cursor = FlagCursor {
            flagged_at: UnixTime::from_secs(1_800_000_000),
            order_id: OrderId::parse("450789469").unwrap(),
        };
        assert_eq!(cursor.to_string(), "1800000000.450789469");
        assert_eq!(FlagCursor::parse(&cursor.to_string()), Some(cursor));
        for bad in ["", "1800000000", "x.450789469", "1800000000."] {
            assert_eq!(FlagCursor::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn unknown_fields_in_a_transition_body_are_refused() {
        assert!(serde_json::from_str::<TransitionRequest>(r#"{"note":"x"}"#).is_ok());
        assert!(serde_json::from_str::<TransitionRequest>(r#"{}"#).is_ok());
        assert!(serde_json::from_str::<TransitionRequest>(r#"{"reason":"x"}"#).is_err());
    }
}
