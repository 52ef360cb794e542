//! Wire types of the merchant admin API for returns, settings and
//! outbound webhook deliveries. Every route takes the shop's admin key as
//! `Authorization: Bearer <key>`.
//!
//! | route | body | answer |
//! |---|---|---|
//! | `GET  /v1/admin/shops/{shop}/returns?status=&cursor=&limit=` | | [`AdminReturnPage`] |
//! | `GET  /v1/admin/shops/{shop}/returns/{rma}` | | [`AdminReturn`] |
//! | `POST /v1/admin/shops/{shop}/returns/{rma}/{event}` | [`TransitionRequest`] (optional) | [`AdminReturn`] / 409 `invalid_transition` |
//! | `GET\|PUT /v1/admin/shops/{shop}/settings/{key}` | the document | [`SettingView`] |
//! | `GET  /v1/admin/shops/{shop}/webhook-deliveries?cursor=` | | [`DeliveryPage`] |
//! | `POST /v1/admin/shops/{shop}/webhook-deliveries/{id}/retry` | | [`WebhookDelivery`] |

use serde::{Deserialize, Serialize};

use crate::UnixTime;
use crate::api::ReturnHistoryEntry;
use crate::returns::{ApprovedReturn, ReturnEvent, ReturnStatus};

/// Notes longer than this are refused rather than cut.
pub const MAX_NOTE_CHARS: usize = 1000;
/// Page size of admin lists unless `limit` asks for another.
pub const DEFAULT_PAGE: u32 = 25;
pub const MAX_PAGE: u32 = 100;

/// A return as the merchant sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
#[serde(rename_all = "camelCase")]
pub struct AdminReturnPage {
    pub items: Vec<AdminReturn>,
    pub next_cursor: Option<String>,
}

/// The optional body of a transition, e.g. why a return was rejected.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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
#[serde(rename_all = "camelCase")]
pub struct SettingView {
    pub key: String,
    pub value: serde_json::Value,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryState {
    /// Waiting for its first attempt or a retry.
    Pending,
    Delivered,
    /// Every scheduled attempt failed; only a manual retry sends it again.
    Failed,
}

/// One outbound webhook (one return event) and every attempt to send it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
#[serde(rename_all = "camelCase")]
pub struct DeliveryPage {
    pub items: Vec<WebhookDelivery>,
    pub next_cursor: Option<String>,
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
    fn unknown_fields_in_a_transition_body_are_refused() {
        assert!(serde_json::from_str::<TransitionRequest>(r#"{"note":"x"}"#).is_ok());
        assert!(serde_json::from_str::<TransitionRequest>(r#"{}"#).is_ok());
        assert!(serde_json::from_str::<TransitionRequest>(r#"{"reason":"x"}"#).is_err());
    }
}
