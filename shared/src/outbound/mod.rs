//! Outbound webhooks: every return event is POSTed to the merchant's URL,
//! signed, and retried on a fixed schedule until it is acknowledged.
//!
//! The receiver checks `Aftercart-Signature: t=<unix>,v1=<hex>`, the
//! HMAC-SHA256 of `"<t>.<body>"` under the shared secret ([`verify`] does
//! it), refuses old timestamps against replays, and deduplicates on
//! `Aftercart-Event-Id`, which every attempt of one event repeats.

use serde::{Deserialize, Serialize};

mod url;
pub use url::{MAX_WEBHOOK_URL_LEN, WebhookHosts, WebhookUrl, WebhookUrlError};

use crate::returns::{ApprovedReturn, ReturnHistoryEntry, ReturnStatus, RmaNumber};
use crate::token::hmac_sha256;
use crate::{ShopId, UnixTime};

pub const SIGNATURE_HEADER: &str = "Aftercart-Signature";
pub const EVENT_ID_HEADER: &str = "Aftercart-Event-Id";
pub const EVENT_TYPE_HEADER: &str = "Aftercart-Event-Type";
/// How old a signed timestamp a receiver should accept.
pub const DEFAULT_TOLERANCE_SECS: i64 = 300;

/// Where a shop's return events go (setting `return_webhook`). Built only
/// by [`ReturnWebhook::parse`], so a stored one is always usable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ReturnWebhook {
    url: WebhookUrl,
    secret: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WebhookConfigError {
    #[error("not a webhook setting: {0}")]
    Json(String),
    #[error("url {0}")]
    BadUrl(WebhookUrlError),
    #[error("secret must be {MIN_SECRET_LEN} to {MAX_SECRET_LEN} visible ASCII characters")]
    BadSecret,
}

const MIN_SECRET_LEN: usize = 16;
const MAX_SECRET_LEN: usize = 256;

impl ReturnWebhook {
    /// Reads `{"url": "...", "secret": "..."}`, its URL under `hosts`. The
    /// edge checks twice: when the merchant sets it, and before each send,
    /// so a URL stored under older rules is never fetched.
    pub fn parse(json: &str, hosts: WebhookHosts) -> Result<Self, WebhookConfigError> {
        let raw = Raw::parse(json)?;
        let url = WebhookUrl::parse(raw.url.trim(), hosts).map_err(WebhookConfigError::BadUrl)?;
        let secret_ok = (MIN_SECRET_LEN..=MAX_SECRET_LEN).contains(&raw.secret.len())
            && raw.secret.bytes().all(|b| b.is_ascii_graphic());
        if !secret_ok {
            return Err(WebhookConfigError::BadSecret);
        }
        Ok(Self {
            url,
            secret: raw.secret,
        })
    }

    /// What the admin API shows of a stored document, whether or not
    /// today's rules accept its URL: a merchant whose URL was stored under
    /// older rules sees what to fix (the send path refuses it).
    pub fn stored_view(json: &str) -> Result<serde_json::Value, WebhookConfigError> {
        let raw = Raw::parse(json)?;
        Ok(serde_json::json!({ "url": raw.url, "secretSet": !raw.secret.is_empty() }))
    }

    pub fn url(&self) -> &WebhookUrl {
        &self.url
    }

    pub fn secret(&self) -> &str {
        &self.secret
    }

    /// What the admin API shows: the URL, and only that a secret is set.
    pub fn public_view(&self) -> serde_json::Value {
        serde_json::json!({ "url": self.url.as_str(), "secretSet": true })
    }
}

/// A webhook document's shape, before its values are checked.
#[derive(Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct Raw {
    url: String,
    secret: String,
}

impl Raw {
    fn parse(json: &str) -> Result<Self, WebhookConfigError> {
        serde_json::from_str(json).map_err(|e| WebhookConfigError::Json(e.to_string()))
    }
}

/// The `Aftercart-Signature` value for `body` sent at `timestamp`.
pub fn sign(secret: &str, timestamp: UnixTime, body: &[u8]) -> String {
    format!(
        "t={},v1={}",
        timestamp.secs(),
        hex(&hmac_sha256(
            secret.as_bytes(),
            &signed_message(timestamp, body)
        ))
    )
}

fn signed_message(timestamp: UnixTime, body: &[u8]) -> Vec<u8> {
    let mut message = format!("{}.", timestamp.secs()).into_bytes();
    message.extend_from_slice(body);
    message
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("signature header is malformed")]
    Malformed,
    #[error("signature does not match")]
    Mismatch,
    #[error("signed timestamp is outside the tolerance")]
    Stale,
}

/// A receiver's check: the header's MAC under `secret`, and a timestamp
/// within `tolerance_secs` of `now` (either way). Returns the timestamp.
pub fn verify(
    header: &str,
    secret: &str,
    body: &[u8],
    now: UnixTime,
    tolerance_secs: i64,
) -> Result<UnixTime, SignatureError> {
    let mut timestamp = None;
    let mut macs = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", t)) => timestamp = t.parse::<i64>().ok().map(UnixTime::from_secs),
            Some(("v1", mac)) => macs.push(mac),
            _ => {}
        }
    }
    let timestamp = timestamp.ok_or(SignatureError::Malformed)?;
    let message = signed_message(timestamp, body);
    // Compare in constant time; several `v1` values allow a secret rotation.
    let matches = macs.iter().any(|mac| {
        decode_hex(mac).is_some_and(|mac| {
            crate::token::verify_hmac_sha256(&[secret.as_bytes()], &message, &mac)
        })
    });
    if !matches {
        return Err(SignatureError::Mismatch);
    }
    // `abs_diff`: `t=` is the sender's number, and `now - t` overflows for
    // a `t` near `i64::MIN`.
    if now.secs().abs_diff(timestamp.secs()) > tolerance_secs.max(0).unsigned_abs() {
        return Err(SignatureError::Stale);
    }
    Ok(timestamp)
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// When to try again after a failed attempt: 1 min, 5 min, 30 min, 2 h,
/// 12 h, then give up — six attempts over about 15 hours, enough to ride
/// out a merchant's deploy or a night's outage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetrySchedule {
    first_delay_secs: i64,
}

impl RetrySchedule {
    /// Multiples of the first delay, one per retry.
    const STEPS: [i64; 5] = [1, 5, 30, 120, 720];
    pub const STANDARD: Self = Self {
        first_delay_secs: 60,
    };

    /// The same shape, faster: for local test set-ups only.
    pub fn with_first_delay(secs: i64) -> Self {
        Self {
            first_delay_secs: secs.max(1),
        }
    }

    pub const fn max_attempts() -> u32 {
        Self::STEPS.len() as u32 + 1
    }

    /// The wait after the `attempts_made`th failed attempt, or `None`
    /// when that was the last one.
    pub fn delay_after(self, attempts_made: u32) -> Option<i64> {
        let step = usize::try_from(attempts_made.checked_sub(1)?).ok()?;
        Self::STEPS
            .get(step)
            .map(|m| m.saturating_mul(self.first_delay_secs))
    }

    /// What follows an attempt that got `http_status` (or no answer).
    pub fn after_attempt(
        self,
        attempts_made: u32,
        http_status: Option<u16>,
        now: UnixTime,
    ) -> NextStep {
        if http_status.is_some_and(|s| (200..300).contains(&s)) {
            return NextStep::Delivered;
        }
        match self.delay_after(attempts_made) {
            Some(delay) => NextStep::RetryAt(now.plus_secs(delay)),
            None => NextStep::GiveUp,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NextStep {
    Delivered,
    RetryAt(UnixTime),
    GiveUp,
}

/// The id of the event that moved `shop`'s return `rma` to `status`:
/// `<shop>:<rma>.<status>`. A return reaches each status at most once, so
/// this is the same for every attempt; RMA numbers repeat across shops, so
/// the shop is part of it, and a receiver that deduplicates events from
/// several shops on the id never drops another shop's. A shop id has no
/// `:`, so the first one ends it.
pub fn event_id(shop: &ShopId, rma: RmaNumber, status: ReturnStatus) -> String {
    format!("{shop}:{rma}.{}", status_name(status))
}

/// `return.created` for a new return, else `return.<new status>`.
pub fn event_type(from: Option<ReturnStatus>, to: ReturnStatus) -> String {
    match from {
        None => "return.created".to_owned(),
        Some(_) => format!("return.{}", status_name(to)),
    }
}

fn status_name(status: ReturnStatus) -> String {
    serde_json::to_value(status)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The body of one webhook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ReturnWebhookEvent {
    pub id: String,
    #[serde(rename = "type")]
    pub event_type: String,
    pub shop: ShopId,
    pub occurred_at: UnixTime,
    #[serde(rename = "return")]
    pub return_: ReturnSnapshot,
    pub transition: ReturnHistoryEntry,
}

/// The return as of the event: its status then, and what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ReturnSnapshot {
    pub rma: String,
    pub order_id: String,
    pub status: ReturnStatus,
    pub created_at: UnixTime,
    #[serde(flatten)]
    pub approved: ApprovedReturn,
}

impl ReturnWebhookEvent {
    pub fn new(
        shop: ShopId,
        rma: RmaNumber,
        order_id: String,
        created_at: UnixTime,
        approved: ApprovedReturn,
        transition: ReturnHistoryEntry,
    ) -> Self {
        Self {
            id: event_id(&shop, rma, transition.to),
            event_type: event_type(transition.from, transition.to),
            shop,
            occurred_at: transition.at,
            return_: ReturnSnapshot {
                rma: rma.to_string(),
                order_id,
                status: transition.to,
                created_at,
                approved,
            },
            transition,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        reason = "a test should stop at the first surprise"
    )]

    use super::*;

    const SECRET: &str = "whsec-0123456789abcdef";

    fn config(url: &str, secret: &str) -> Result<ReturnWebhook, WebhookConfigError> {
        ReturnWebhook::parse(
            &serde_json::json!({ "url": url, "secret": secret }).to_string(),
            WebhookHosts::PublicOnly,
        )
    }

    #[test]
    fn urls_must_be_public_https_unless_a_local_set_up_allows_loopback() {
        for ok in [
            "https://shop.example.com/hooks/aftercart",
            "https://shop.example.com:8443/h?x=1",
        ] {
            assert_eq!(config(ok, SECRET).unwrap().url().as_str(), ok);
        }
        for (bad, why) in [
            ("http://shop.example.com/hook", WebhookUrlError::NotHttps),
            ("http://127.0.0.1:40123/hook", WebhookUrlError::NotHttps),
            ("https://127.0.0.1:40123/hook", WebhookUrlError::PrivateHost),
            ("https://169.254.169.254/", WebhookUrlError::PrivateHost),
            ("https://[::ffff:10.0.0.1]/", WebhookUrlError::PrivateHost),
            ("https://localhost:8080", WebhookUrlError::PrivateHost),
            (
                "https://user:pass@shop.example.com/",
                WebhookUrlError::Credentials,
            ),
        ] {
            assert_eq!(
                config(bad, SECRET),
                Err(WebhookConfigError::BadUrl(why)),
                "{bad}"
            );
        }
        // The reason names the url, for the admin API's answer.
        let refused = config("https://10.0.0.1/", SECRET).unwrap_err().to_string();
        assert!(refused.starts_with("url "), "{refused}");
        // What the end-to-end suite stores, under the local policy only.
        let local = ReturnWebhook::parse(
            r#"{"url":"http://127.0.0.1:9/hooks","secret":"proof-signing-secret-0123456789"}"#,
            WebhookHosts::AllowPrivate,
        )
        .unwrap();
        assert_eq!(local.url().as_str(), "http://127.0.0.1:9/hooks");
    }

    #[test]
    fn secrets_must_be_long_enough_and_printable() {
        let url = "https://shop.example.com/h";
        assert_eq!(config(url, "short"), Err(WebhookConfigError::BadSecret));
        assert_eq!(
            config(url, "has a space in the middle"),
            Err(WebhookConfigError::BadSecret)
        );
        assert!(matches!(
            ReturnWebhook::parse(r#"{"url":"https://a.example/"}"#, WebhookHosts::PublicOnly),
            Err(WebhookConfigError::Json(_))
        ));
        assert!(matches!(
            ReturnWebhook::parse(
                &format!(r#"{{"url":"https://a.example/","secret":"{SECRET}","extra":1}}"#),
                WebhookHosts::PublicOnly
            ),
            Err(WebhookConfigError::Json(_))
        ));
    }

    #[test]
    fn the_public_view_never_contains_the_secret() {
        let hook = config("https://shop.example.com/h", SECRET).unwrap();
        let stored = format!(r#"{{"url":"https://2130706433/h","secret":"{SECRET}"}}"#);
        let old = ReturnWebhook::stored_view(&stored).unwrap();
        assert_eq!(old["url"], "https://2130706433/h");
        assert!(!old.to_string().contains(SECRET));
        let shown = hook.public_view().to_string();
        assert!(!shown.contains(SECRET));
        assert_eq!(hook.public_view()["url"], "https://shop.example.com/h");
        assert_eq!(hook.public_view()["secretSet"], true);
    }

    #[test]
    fn a_signature_verifies_and_any_change_breaks_it() {
        let t = UnixTime::from_secs(1_800_000_000);
        let body = br#"{"id":"R-2BX.approved"}"#;
        let header = sign(SECRET, t, body);
        assert!(header.starts_with("t=1800000000,v1="));
        assert_eq!(header.len(), "t=1800000000,v1=".len() + 64);
        assert_eq!(verify(&header, SECRET, body, t, 300), Ok(t));
        assert_eq!(verify(&header, SECRET, body, t.plus_secs(300), 300), Ok(t));
        assert_eq!(
            verify(&header, SECRET, body, t.plus_secs(301), 300),
            Err(SignatureError::Stale)
        );
        assert_eq!(
            verify(&header, "another-secret-entirely", body, t, 300),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify(&header, SECRET, br#"{"id":"R-2BX.rejected"}"#, t, 300),
            Err(SignatureError::Mismatch)
        );
        // Replaying the body with a fresh timestamp needs the secret.
        let moved = header.replace("t=1800000000", "t=1800000500");
        assert_eq!(
            verify(&moved, SECRET, body, t.plus_secs(500), 300),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify("v1=abc", SECRET, body, t, 300),
            Err(SignatureError::Malformed)
        );
        // The MAC is over "<t>.<body>", as documented for receivers.
        let expected = hex(&hmac_sha256(
            SECRET.as_bytes(),
            br#"1800000000.{"id":"R-2BX.approved"}"#,
        ));
        assert!(header.ends_with(&expected));
    }

    #[test]
    fn a_timestamp_at_the_end_of_i64_is_stale_not_an_overflow() {
        let body = b"{}";
        for t in [i64::MIN, i64::MAX] {
            let header = sign(SECRET, UnixTime::from_secs(t), body);
            assert_eq!(
                verify(
                    &header,
                    SECRET,
                    body,
                    UnixTime::from_secs(1_800_000_000),
                    300
                ),
                Err(SignatureError::Stale),
                "{t}"
            );
        }
    }

    #[test]
    fn retries_back_off_then_give_up() {
        let s = RetrySchedule::STANDARD;
        let delays: Vec<Option<i64>> = (1..=7).map(|n| s.delay_after(n)).collect();
        assert_eq!(
            delays,
            [
                Some(60),
                Some(300),
                Some(1_800),
                Some(7_200),
                Some(43_200),
                None,
                None
            ]
        );
        assert_eq!(RetrySchedule::max_attempts(), 6);
        assert_eq!(s.delay_after(0), None);
        let fast = RetrySchedule::with_first_delay(2);
        assert_eq!(fast.delay_after(2), Some(10));
        assert_eq!(RetrySchedule::with_first_delay(0).delay_after(1), Some(1));

        let now = UnixTime::from_secs(1_000);
        assert_eq!(s.after_attempt(1, Some(204), now), NextStep::Delivered);
        assert_eq!(
            s.after_attempt(1, Some(500), now),
            NextStep::RetryAt(now.plus_secs(60))
        );
        assert_eq!(
            s.after_attempt(3, None, now),
            NextStep::RetryAt(now.plus_secs(1_800))
        );
        // A redirect is not an acknowledgement.
        assert_eq!(
            s.after_attempt(2, Some(301), now),
            NextStep::RetryAt(now.plus_secs(300))
        );
        assert_eq!(s.after_attempt(6, Some(503), now), NextStep::GiveUp);
        assert_eq!(s.after_attempt(6, Some(200), now), NextStep::Delivered);
    }

    #[test]
    fn events_are_named_by_shop_return_and_status() {
        let rma = RmaNumber::new(7);
        let acme = ShopId::parse("acme").unwrap();
        assert_eq!(
            event_id(&acme, rma, ReturnStatus::InTransit),
            format!("acme:{rma}.in_transit")
        );
        // Every shop numbers its returns from the start, so the same RMA
        // and status in two shops are two events with two ids.
        let other = ShopId::parse("acme.eu").unwrap();
        assert_ne!(
            event_id(&acme, rma, ReturnStatus::Requested),
            event_id(&other, rma, ReturnStatus::Requested)
        );
        // No shop id can end where another's ids begin.
        assert!(ShopId::parse("acme:r").is_err());
        assert_eq!(event_type(None, ReturnStatus::Requested), "return.created");
        assert_eq!(
            event_type(Some(ReturnStatus::Received), ReturnStatus::Refunded),
            "return.refunded"
        );
    }
}
