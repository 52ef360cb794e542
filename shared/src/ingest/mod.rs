//! Webhook ingestion: from a source's raw request to a few normalized facts.
//!
//! The edge does, per request:
//!
//! 1. `let source = Source::parse(path_segment)?;`
//! 2. `if is_ping(source, body) { return 200 }` — WooCommerce's unsigned
//!    "is this URL alive" POST; it carries nothing to store.
//! 3. `verify(source, &headers, body, &[current, previous])?` — before the
//!    body is believed.
//! 4. `delivery_id(source, &headers, body)` — skip deliveries already seen.
//! 5. `parse(source, topic, body)?` → store the [`Ingested`] upserts.
//!
//! Headers are read through a closure that receives **lowercase** names,
//! so the edge can wrap whatever case-insensitive header map it has.
//!
//! Every source status lands in the one [`TrackingStatus`] taxonomy; the
//! per-source tables live in `shopify`, `aftership`, `easypost` and
//! `woocommerce`. Codes a table does not know map to [`UNKNOWN_STATUS`] and
//! are kept verbatim in `raw_status`, never dropped.

pub mod aftership;
pub mod easypost;
pub mod eta;
mod json;
pub mod plan;
pub mod shopify;
mod signature;
pub mod woocommerce;

use std::fmt;

use serde_json::Value;

use crate::device::Device;
use crate::order::LineItem;
use crate::tracking::{Checkpoint, TrackingStatus};
use crate::wire::{WireName, wire_enum};
use crate::{Email, OrderId, OrderNumber, TrackingUrl, UnixTime};

pub use signature::{SignatureError, signature_header, verify};
pub use woocommerce::is_ping;

/// What a status code no table knows maps to.
///
/// `InfoReceived` is the weakest claim that is true of *any* event a source
/// sends about a shipment: the shipment exists and someone knows of it. Its
/// step ("Shipped") is the floor a shipment view already has, so it can never
/// move the progress bar, and [`Timeline`](crate::tracking::Timeline) ignores
/// it after a delivery. `InTransit` would claim a pickup that may not have
/// happened; `Exception` would alarm shoppers over a vocabulary change.
pub const UNKNOWN_STATUS: TrackingStatus = TrackingStatus::InfoReceived;

wire_enum! {
    /// A system that sends us webhooks.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Source {
        Shopify = "shopify",
        AfterShip = "aftership",
        EasyPost = "easypost",
        WooCommerce = "woocommerce",
    }
}

impl Source {
    /// Reads the lowercase name used in webhook URLs (`/ingest/shopify`).
    pub fn parse(raw: &str) -> Result<Self, IngestError> {
        let name = raw.trim();
        Self::ALL
            .into_iter()
            .find(|s| s.wire_name().eq_ignore_ascii_case(name))
            .ok_or_else(|| IngestError::UnknownSource(raw.to_owned()))
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.wire_name())
    }
}

/// Why a webhook body could not be turned into facts.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IngestError {
    #[error("unknown source {0:?}: expected shopify, aftership, easypost or woocommerce")]
    UnknownSource(String),
    #[error("{origin} body is not JSON: {reason}")]
    NotJson { origin: Source, reason: String },
    #[error("{origin} topic {topic:?} is not an order or tracking topic")]
    UnsupportedTopic { origin: Source, topic: String },
    #[error("{origin} payload is not an order or tracking update: {found}")]
    Unsupported { origin: Source, found: String },
    #[error("{origin} payload has no `{path}`")]
    MissingField { origin: Source, path: String },
    #[error("{origin} payload has an invalid `{path}`: {reason}")]
    InvalidField {
        origin: Source,
        path: String,
        reason: String,
    },
}

/// What one webhook says, normalized. The edge upserts each entry; a body
/// usually yields one order or one shipment (a REST `{"orders": […]}` list,
/// useful for backfills, yields several).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ingested {
    pub orders: Vec<OrderUpsert>,
    /// Shipments not inside an order: fulfillment webhooks, fulfillment
    /// events and carrier trackers.
    pub shipments: Vec<ShipmentUpsert>,
}

/// An order as the source sees it now. Replaces the stored order's fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderUpsert {
    /// The source's own id (Shopify/WooCommerce numeric id).
    pub id: OrderId,
    pub number: OrderNumber,
    /// As the shop shows it, e.g. `#1001`.
    pub display_number: String,
    /// `None` for orders without a usable address (e.g. point of sale). An
    /// address that does not parse is treated as absent rather than failing
    /// the whole order: the source already accepted it at checkout.
    pub email: Option<Email>,
    pub customer_first_name: Option<String>,
    pub customer_id: Option<String>,
    pub placed_at: UnixTime,
    /// ISO 4217, uppercase.
    pub currency: String,
    /// In minor units of `currency` (see [`minor_units`](crate::money::minor_units)).
    pub total_minor: i64,
    /// Merchandise after discounts, before shipping and tax (what loyalty
    /// points and a referral's minimum count); the total when the source
    /// does not say.
    pub subtotal_minor: i64,
    /// The browser that checked out (IP address and User-Agent), when the
    /// source reports both: self-referral checks compare it.
    pub device: Option<Device>,
    pub cancelled_at: Option<UnixTime>,
    /// Where the order's payment stands: a referral is redeemed only once
    /// it is paid, and revoked when it is reversed.
    pub payment: Payment,
    /// When the source last changed the order (Shopify `updated_at`,
    /// WooCommerce `date_modified_gmt`). Webhooks arrive out of order; an
    /// update older than the stored one must not undo it (a cancellation
    /// reverted by a late "updated").
    pub changed_at: Option<UnixTime>,
    /// Each line's `quantity` is what the shopper still has by the shop's
    /// account: net of edits and refunds.
    pub line_items: Vec<LineItem>,
    /// `(line item id, units)` the shop refunded, one entry per line with
    /// a refund; a line's ordered units are its quantity plus these.
    pub refunded: Vec<(String, u32)>,
    /// Codes as typed at checkout; the referral feature matches on them.
    pub discount_codes: Vec<String>,
    pub shipments: Vec<ShipmentUpsert>,
}

wire_enum! {
    /// Where an order's payment stands, read from Shopify's
    /// `financial_status` and WooCommerce's order `status`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Payment {
        /// Not paid yet (pending, authorized, on hold), or the source did
        /// not say: nothing is earned on an order that may never be paid.
        Unpaid = "unpaid",
        /// Paid in full or in part (a partial refund leaves it paid).
        Paid = "paid",
        /// Refunded in full, voided, or the payment failed.
        Reversed = "reversed",
    }
}

/// How to find the stored shipment an update belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ShipmentKey {
    /// The source's fulfillment id (Shopify fulfillments and their events).
    Fulfillment(String),
    /// A carrier tracking number. Carrier names differ between sources
    /// (`UPS` in Shopify, `ups` in AfterShip, `FedEx` in EasyPost), so match
    /// stored shipments on the number and treat the carrier as a hint.
    Tracking {
        number: TrackingNumber,
        carrier: Option<String>,
    },
}

/// A shipment as one source reports it. `None`/empty fields mean "this
/// source did not say", not "clear it": merge, don't replace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShipmentUpsert {
    pub key: ShipmentKey,
    /// The order this belongs to, when the source says. For AfterShip this is
    /// the merchant-supplied `order_id`, which may be any reference.
    pub order_id: Option<OrderId>,
    pub carrier: Option<String>,
    pub tracking_numbers: Vec<TrackingNumber>,
    /// Only links safe for an `href`; unsafe ones are dropped at parse.
    pub tracking_urls: Vec<TrackingUrl>,
    /// The source's summary of where the parcel is now, if it gives one.
    pub status: Option<SourceStatus>,
    /// Events in the order received; [`Timeline`](crate::tracking::Timeline)
    /// sorts and deduplicates. Sources that only report a current state
    /// (Shopify fulfillments, WooCommerce tracking meta) get one checkpoint
    /// stamped with the time the source last changed that state, so the
    /// state reaches the timeline; trackers get one too when their summary
    /// (e.g. AfterShip's `Expired`) is not their latest event's status.
    pub checkpoints: Vec<Checkpoint>,
    /// The carrier's estimated delivery, when it gave one.
    pub estimated_delivery: Option<UnixTime>,
    pub created_at: Option<UnixTime>,
    /// `(line item id, quantity)` pairs in this parcel.
    pub items: Vec<(String, u32)>,
}

/// A source's status code, normalized, with the original kept.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SourceStatus {
    pub status: TrackingStatus,
    pub sub_status: Option<String>,
    /// Exactly as sent.
    pub raw: String,
}

impl SourceStatus {
    /// `known` is the table's answer; `None` means an unknown code.
    pub(crate) fn new(raw: &str, known: Option<(TrackingStatus, Option<&str>)>) -> Self {
        let (status, sub_status) = known.unwrap_or((UNKNOWN_STATUS, None));
        Self {
            status,
            sub_status: sub_status.map(str::to_owned),
            raw: raw.to_owned(),
        }
    }

    pub(crate) fn checkpoint(
        &self,
        occurred_at: UnixTime,
        message: String,
        location: Option<String>,
    ) -> Checkpoint {
        Checkpoint {
            status: self.status,
            sub_status: self.sub_status.clone(),
            raw_status: self.raw.clone(),
            message,
            location,
            occurred_at,
        }
    }
}

impl ShipmentUpsert {
    pub(crate) fn new(key: ShipmentKey) -> Self {
        Self {
            key,
            order_id: None,
            carrier: None,
            tracking_numbers: Vec::new(),
            tracking_urls: Vec::new(),
            status: None,
            checkpoints: Vec::new(),
            estimated_delivery: None,
            created_at: None,
            items: Vec::new(),
        }
    }

    /// Records the source's summary status as a checkpoint at `changed_at`
    /// unless the latest event already says the same.
    pub(crate) fn record_summary(&mut self, changed_at: Option<UnixTime>) {
        let (Some(summary), Some(at)) = (&self.status, changed_at) else {
            return;
        };
        let latest = self.checkpoints.iter().max_by_key(|c| c.occurred_at);
        if latest.is_some_and(|c| c.status == summary.status) {
            return;
        }
        let checkpoint = summary.checkpoint(at, String::new(), None);
        self.checkpoints.push(checkpoint);
    }
}

/// A carrier tracking number, normalized: whitespace removed, uppercased.
/// Merchants type them by hand, and `1z 999 aa1` is `1Z999AA1` to a carrier.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TrackingNumber(String);

impl TrackingNumber {
    pub const MAX_LEN: usize = 64;

    /// `None` when nothing printable is left or it is implausibly long.
    pub fn parse(raw: &str) -> Option<Self> {
        let value: String = raw
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_uppercase)
            .collect();
        let valid = !value.is_empty()
            && value.chars().count() <= Self::MAX_LEN
            && !value.chars().any(char::is_control);
        valid.then_some(Self(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TrackingNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A key for "have we processed this delivery already", namespaced by
/// source so ids from two sources can never collide.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DeliveryId(String);

impl DeliveryId {
    fn new(source: Source, id: &str) -> Option<Self> {
        let id = id.trim();
        (!id.is_empty()).then(|| Self(format!("{source}:{id}")))
    }

    /// `{source}:{id}`, e.g. `shopify:b54557e4-bdd9-4b37-8a5f-bf7d70bcd043`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DeliveryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The source's id for this delivery, for deduplicating retries.
///
/// - Shopify: `X-Shopify-Event-Id` (stable across retries and across
///   subscriptions), else `X-Shopify-Webhook-Id`.
/// - WooCommerce: `X-WC-Webhook-Delivery-ID`.
/// - EasyPost: the Event's `id` in the body.
/// - AfterShip: the body's `event_id`, else `msg.id` + `ts`.
///
/// `None` when the source gave none; the edge then relies on upserts being
/// idempotent (they are: replaying a body yields the same facts).
pub fn delivery_id(
    source: Source,
    headers: impl Fn(&str) -> Option<String>,
    body: &[u8],
) -> Option<DeliveryId> {
    let from_body = |pick: fn(&Value) -> Option<String>| {
        serde_json::from_slice::<Value>(body)
            .ok()
            .and_then(|v| pick(&v))
            .and_then(|id| DeliveryId::new(source, &id))
    };
    match source {
        Source::Shopify => ["x-shopify-event-id", "x-shopify-webhook-id"]
            .into_iter()
            .find_map(|name| headers(name).and_then(|id| DeliveryId::new(source, &id))),
        Source::WooCommerce => {
            headers("x-wc-webhook-delivery-id").and_then(|id| DeliveryId::new(source, &id))
        }
        Source::EasyPost => from_body(|v| json::scalar_text(v.get("id")?)),
        Source::AfterShip => from_body(|v| {
            v.get("event_id").and_then(json::scalar_text).or_else(|| {
                let id = json::scalar_text(v.get("msg")?.get("id")?)?;
                let ts = json::scalar_text(v.get("ts")?)?;
                Some(format!("{id}@{ts}"))
            })
        }),
    }
}

/// Reads a webhook body. `topic` is the `X-Shopify-Topic` /
/// `X-WC-Webhook-Topic` header when the source sends one; without it the
/// payload's shape decides. Both a webhook body (the bare object) and a REST
/// response (`{"order": …}`) are accepted.
pub fn parse(source: Source, topic: Option<&str>, body: &[u8]) -> Result<Ingested, IngestError> {
    let value: Value = serde_json::from_slice(body).map_err(|e| IngestError::NotJson {
        origin: source,
        reason: e.to_string(),
    })?;
    let topic = topic.map(str::trim).filter(|t| !t.is_empty());
    match source {
        Source::Shopify => shopify::parse(topic, &value),
        Source::AfterShip => aftership::parse(&value),
        Source::EasyPost => easypost::parse(&value),
        Source::WooCommerce => woocommerce::parse(topic, &value),
    }
}

/// Units refunded per line item, summed over `(line item id, units)`
/// pairs, in the order lines first appear.
fn sum_refunds(pairs: impl IntoIterator<Item = (String, u32)>) -> Vec<(String, u32)> {
    let mut sums: Vec<(String, u32)> = Vec::new();
    for (id, units) in pairs {
        match sums.iter_mut().find(|(seen, _)| *seen == id) {
            Some((_, sum)) => *sum = sum.saturating_add(units),
            None => sums.push((id, units)),
        }
    }
    sums.retain(|(_, units)| *units > 0);
    sums
}

/// The units of `line` in `refunded`.
fn refunded_units(refunded: &[(String, u32)], line: &str) -> u32 {
    refunded
        .iter()
        .find(|(id, _)| id == line)
        .map_or(0, |(_, units)| *units)
}

/// Lowercases and trims a status code for table lookup; sources disagree
/// on case (`CONFIRMED` in Shopify GraphQL, `confirmed` in REST).
fn status_key(raw: &str) -> String {
    raw.trim().to_ascii_lowercase()
}

/// `"City, ST 12345, Country"` from whatever parts are present.
fn join_location(
    city: Option<String>,
    state: Option<String>,
    zip: Option<String>,
    country: Option<String>,
) -> Option<String> {
    let region = match (state, zip) {
        (Some(s), Some(z)) => Some(format!("{s} {z}")),
        (s, z) => s.or(z),
    };
    let parts: Vec<String> = [city, region, country].into_iter().flatten().collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// Describes an unexpected payload in a few words for an error message.
fn describe(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            if let Some(kind) = map.get("object").and_then(Value::as_str) {
                return format!("a {kind} object");
            }
            let keys: Vec<&str> = map.keys().map(String::as_str).take(6).collect();
            match keys.as_slice() {
                [] => "an empty object".to_owned(),
                [only] => format!("a `{only}` object"),
                _ if map.len() > keys.len() => {
                    format!("an object with keys {}, …", keys.join(", "))
                }
                _ => format!("an object with keys {}", keys.join(", ")),
            }
        }
        Value::Array(items) => format!("a JSON array of {} item(s)", items.len()),
        Value::String(_) => "a JSON string".to_owned(),
        Value::Number(_) => "a JSON number".to_owned(),
        Value::Bool(_) => "a JSON boolean".to_owned(),
        Value::Null => "JSON null".to_owned(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // In tests a panic is the failure report.
mod tests {
    use super::*;

    #[test]
    fn sources_parse_case_insensitively_and_round_trip() {
        for source in Source::ALL {
            assert_eq!(Source::parse(source.wire_name()), Ok(source));
            assert_eq!(
                Source::parse(&source.wire_name().to_uppercase()),
                Ok(source)
            );
        }
        assert_eq!(
            Source::parse("magento"),
            Err(IngestError::UnknownSource("magento".into()))
        );
    }

    #[test]
    fn tracking_numbers_are_normalized() {
        let n = TrackingNumber::parse(" 1z 999 aa1\t0123 ").unwrap();
        assert_eq!(n.as_str(), "1Z999AA10123");
        assert_eq!(TrackingNumber::parse("   "), None);
        assert_eq!(TrackingNumber::parse(&"9".repeat(65)), None);
        assert_eq!(TrackingNumber::parse("12\u{0}34"), None);
    }

    #[test]
    fn delivery_ids_come_from_headers_or_body() {
        let headers = |name: &str| match name {
            "x-shopify-webhook-id" => Some("wh-1".to_owned()),
            "x-wc-webhook-delivery-id" => Some("77".to_owned()),
            _ => None,
        };
        let shopify = delivery_id(Source::Shopify, headers, b"{}").unwrap();
        assert_eq!(shopify.as_str(), "shopify:wh-1");
        let with_event = |name: &str| match name {
            "x-shopify-event-id" => Some("ev-9".to_owned()),
            "x-shopify-webhook-id" => Some("wh-1".to_owned()),
            _ => None,
        };
        assert_eq!(
            delivery_id(Source::Shopify, with_event, b"{}")
                .unwrap()
                .as_str(),
            "shopify:ev-9"
        );
        assert_eq!(
            delivery_id(Source::WooCommerce, headers, b"")
                .unwrap()
                .as_str(),
            "woocommerce:77"
        );
        let none = |_: &str| None;
        assert_eq!(
            delivery_id(
                Source::EasyPost,
                none,
                br#"{"id":"evt_1","object":"Event"}"#
            )
            .unwrap()
            .as_str(),
            "easypost:evt_1"
        );
        assert_eq!(
            delivery_id(
                Source::AfterShip,
                none,
                br#"{"event_id":"e-1","msg":{"id":"t"},"ts":5}"#
            )
            .unwrap()
            .as_str(),
            "aftership:e-1"
        );
        assert_eq!(
            delivery_id(
                Source::AfterShip,
                none,
                br#"{"msg":{"id":"t-1"},"ts":1700000000}"#
            )
            .unwrap()
            .as_str(),
            "aftership:t-1@1700000000"
        );
        assert_eq!(delivery_id(Source::AfterShip, none, b"not json"), None);
        assert_eq!(delivery_id(Source::Shopify, none, b"{}"), None);
        let blank = |_: &str| Some("  ".to_owned());
        assert_eq!(delivery_id(Source::WooCommerce, blank, b""), None);
    }

    #[test]
    fn malformed_json_is_named() {
        for source in Source::ALL {
            let err = parse(source, None, b"{\"order\": ").unwrap_err();
            assert!(
                matches!(err, IngestError::NotJson { origin: s, .. } if s == source),
                "{err}"
            );
            assert!(err.to_string().contains("is not JSON"), "{err}");
        }
        assert!(matches!(
            parse(Source::Shopify, None, &[0xff, 0xfe]),
            Err(IngestError::NotJson { .. })
        ));
    }

    #[test]
    fn locations_join_present_parts() {
        let s = |v: &str| Some(v.to_owned());
        assert_eq!(
            join_location(s("EDISON"), s("NJ"), s("08817"), s("US")).as_deref(),
            Some("EDISON, NJ 08817, US")
        );
        assert_eq!(
            join_location(None, None, s("32837"), s("US")).as_deref(),
            Some("32837, US")
        );
        assert_eq!(join_location(None, None, None, None), None);
    }

    #[test]
    fn summary_is_recorded_only_when_it_adds_something() {
        let status = SourceStatus::new("Expired", Some((TrackingStatus::Expired, None)));
        let number = TrackingNumber::parse("1").unwrap();
        let mut shipment = ShipmentUpsert::new(ShipmentKey::Tracking {
            number,
            carrier: None,
        });
        shipment.checkpoints.push(
            SourceStatus::new("InTransit", Some((TrackingStatus::InTransit, None))).checkpoint(
                UnixTime::from_secs(10),
                "scan".into(),
                None,
            ),
        );
        shipment.status = Some(status);
        shipment.record_summary(Some(UnixTime::from_secs(20)));
        assert_eq!(shipment.checkpoints.len(), 2);
        assert_eq!(shipment.checkpoints[1].status, TrackingStatus::Expired);
        // Recording again changes nothing: the latest event now agrees.
        shipment.record_summary(Some(UnixTime::from_secs(30)));
        assert_eq!(shipment.checkpoints.len(), 2);
    }
}
