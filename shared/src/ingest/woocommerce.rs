//! WooCommerce: v3 REST order webhooks (`order.created`, `order.updated`,
//! `order.restored`), with shipments read from the Shipment Tracking
//! extension's `_wc_shipment_tracking_items` meta (also written by Advanced
//! Shipment Tracking).
//!
//! WooCommerce order statuses describe the order, not a parcel:
//!
//! | order status                                   | order cancelled? | a tracked parcel is |
//! |------------------------------------------------|------------------|---------------------|
//! | `pending`, `processing`, `on-hold`, `checkout-draft` | no         | InfoReceived        |
//! | `completed`                                    | no               | InfoReceived        |
//! | `refunded`                                     | no (a returns matter) | InfoReceived   |
//! | `cancelled`, `failed`, `trash`                 | yes              | Exception, sub = status |
//! | anything else                                  | no               | [`UNKNOWN_STATUS`](super::UNKNOWN_STATUS) |
//!
//! A tracking number only proves a label exists, so a tracked parcel is
//! `InfoReceived` until a carrier source (AfterShip, EasyPost) says more.

use serde_json::Value;

use super::json::Node;
use super::{
    IngestError, Ingested, OrderUpsert, Payment, ShipmentKey, ShipmentUpsert, Source, SourceStatus,
    TrackingNumber, describe, refunded_units, status_key, sum_refunds,
};
use crate::device::Device;
use crate::money::{currency_code, minor_units};
use crate::order::LineItem;
use crate::tracking::TrackingStatus::{Exception, InfoReceived};
use crate::{Email, OrderId, OrderNumber, UnixTime};

const SOURCE: Source = Source::WooCommerce;
const TRACKING_META_KEY: &str = "_wc_shipment_tracking_items";

/// Is this WooCommerce's webhook-creation ping? WooCommerce POSTs an
/// unsigned form body `webhook_id=<id>` to check the URL; the edge answers
/// 200 and stores nothing, so accepting it unsigned is harmless.
pub fn is_ping(source: Source, body: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(body) else {
        return false;
    };
    source == SOURCE
        && text
            .trim()
            .strip_prefix("webhook_id=")
            .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether an order in this status is off (cancelled, payment failed,
/// trashed); `None` for a status this table does not know.
pub fn order_is_cancelled(status: &str) -> Option<bool> {
    match status_key(status).as_str() {
        "pending" | "processing" | "on-hold" | "checkout-draft" | "completed" | "refunded" => {
            Some(false)
        }
        "cancelled" | "failed" | "trash" => Some(true),
        _ => None,
    }
}

/// Where an order in `status` stands with its payment: `processing` and
/// `completed` are paid; `cancelled`, `refunded`, `failed` and `trash`
/// are reversed; `pending`, `on-hold` and anything unknown are not paid.
pub fn payment(status: &str) -> Payment {
    match status_key(status).as_str() {
        "processing" | "completed" => Payment::Paid,
        "cancelled" | "refunded" | "failed" | "trash" => Payment::Reversed,
        _ => Payment::Unpaid,
    }
}

/// The status of a tracked parcel of an order in `status`.
pub fn shipment_status(status: &str) -> SourceStatus {
    let key = status_key(status);
    let known = match order_is_cancelled(&key) {
        Some(true) => Some((Exception, Some(key.as_str()))),
        Some(false) => Some((InfoReceived, None)),
        None => None,
    };
    SourceStatus::new(status, known)
}

fn is_order_topic(topic: &str) -> bool {
    // `order.deleted` carries only the id.
    matches!(topic, "order.created" | "order.updated" | "order.restored")
}

pub(super) fn parse(topic: Option<&str>, value: &Value) -> Result<Ingested, IngestError> {
    if let Some(topic) = topic.filter(|t| !is_order_topic(t)) {
        return Err(IngestError::UnsupportedTopic {
            origin: SOURCE,
            topic: topic.to_owned(),
        });
    }
    let looks_like_order = |v: &Value| {
        v.get("line_items").is_some() && v.get("status").is_some() && v.get("id").is_some()
    };
    // The REST API returns the bare order; accept an `{"order": …}` wrapper
    // as the legacy v1–v3 API sent it.
    let (object, name) = match value.get("order") {
        Some(inner) if looks_like_order(inner) => (inner, "order"),
        _ if looks_like_order(value) => (value, "body"),
        _ => {
            return Err(IngestError::Unsupported {
                origin: SOURCE,
                found: describe(value),
            });
        }
    };
    Ok(Ingested {
        orders: vec![order(&Node::root(SOURCE, object, name))?],
        shipments: Vec::new(),
    })
}

/// `*_gmt` fields are UTC without an offset; the plain ones are the shop's
/// local time, used only when the GMT one is missing.
fn gmt_time(node: &Node<'_>, field: &str) -> Result<Option<UnixTime>, IngestError> {
    match node.get(&format!("{field}_gmt")).time()? {
        Some(at) => Ok(Some(at)),
        None => node.get(field).time(),
    }
}

fn order(node: &Node<'_>) -> Result<OrderUpsert, IngestError> {
    let id_node = node.get("id");
    let id = OrderId::parse(&id_node.req_id()?).map_err(|e| id_node.invalid(e.to_string()))?;
    let number_node = node.get("number");
    let number_text = number_node.text().unwrap_or_else(|| id.as_str().to_owned());
    let number =
        OrderNumber::parse(&number_text).map_err(|e| number_node.invalid(e.to_string()))?;
    let currency_node = node.get("currency");
    let currency = currency_code(&currency_node.req_text()?)
        .ok_or_else(|| currency_node.invalid("not an ISO 4217 code"))?;
    let exponent = minor_units(&currency);
    let status = node.get("status").req_text()?;
    let placed_at =
        gmt_time(node, "date_created")?.ok_or_else(|| node.get("date_created_gmt").missing())?;
    let modified_at = gmt_time(node, "date_modified")?;
    let cancelled_at = match order_is_cancelled(&status) {
        Some(true) => Some(modified_at.unwrap_or(placed_at)),
        _ => None,
    };
    let billing = node.get("billing");
    // Refunded units, where the payload has them: a line's
    // `refunded_quantity`, or the refund objects' own lines (as the refunds
    // endpoint writes them, pointing back with `_refunded_item_id`).
    // WooCommerce writes refunded quantities as negative numbers.
    let mut refund_lines = Vec::new();
    for item in node.get("line_items").items()? {
        if let Some(units) = units(&item.get("refunded_quantity"))? {
            refund_lines.push((item.get("id").req_id()?, units));
        }
    }
    for refund in node.get("refunds").items()? {
        for line in refund.get("line_items").items()? {
            let original = line
                .get("meta_data")
                .items()?
                .iter()
                .find(|m| m.get("key").text().as_deref() == Some("_refunded_item_id"))
                .map(|m| m.get("value").id())
                .transpose()?
                .flatten();
            if let (Some(original), Some(units)) = (original, units(&line.get("quantity"))?) {
                refund_lines.push((original, units));
            }
        }
    }
    let mut refunded = sum_refunds(refund_lines);
    let line_items = node
        .get("line_items")
        .items()?
        .iter()
        .map(|item| line_item(item, exponent, &mut refunded))
        .collect::<Result<_, _>>()?;
    let discount_codes = node
        .get("coupon_lines")
        .items()?
        .iter()
        .filter_map(|c| c.get("code").text())
        .collect();
    let mut shipments = Vec::new();
    for meta in node.get("meta_data").items()? {
        if meta.get("key").text().as_deref() != Some(TRACKING_META_KEY) {
            continue;
        }
        for item in meta.get("value").items()? {
            if let Some(shipment) = tracking_item(&item, &id, &status, modified_at)? {
                shipments.push(shipment);
            }
        }
    }
    let total_minor = node.get("total").req_money(exponent)?;
    // A line's `total` is after discounts and before tax; without one on
    // every line, the order's total stands in.
    let line_totals = node
        .get("line_items")
        .items()?
        .iter()
        .map(|item| item.get("total").money(exponent))
        .collect::<Result<Option<Vec<i64>>, _>>()?;
    // Checked: the totals are the sender's numbers, and a sum past `i64`
    // is a payload to refuse, not one to wrap (or panic) on.
    let subtotal_minor = match line_totals.filter(|totals| !totals.is_empty()) {
        None => total_minor,
        Some(totals) => totals
            .iter()
            .try_fold(0_i64, |sum, t| sum.checked_add(*t))
            .ok_or_else(|| node.get("line_items").invalid("line totals overflow"))?,
    };
    let device = match (
        node.get("customer_ip_address").text(),
        node.get("customer_user_agent").text(),
    ) {
        (Some(ip), Some(user_agent)) => Some(Device { ip, user_agent }),
        _ => None,
    };
    Ok(OrderUpsert {
        display_number: format!("#{number_text}"),
        number,
        email: billing
            .get("email")
            .text()
            .and_then(|e| Email::parse(&e).ok()),
        customer_first_name: billing
            .get("first_name")
            .text()
            .or_else(|| node.get("shipping").get("first_name").text()),
        // 0 is WooCommerce's guest checkout.
        customer_id: node.get("customer_id").id()?.filter(|c| c != "0"),
        placed_at,
        currency,
        total_minor,
        subtotal_minor,
        device,
        cancelled_at,
        payment: payment(&status),
        changed_at: modified_at,
        line_items,
        refunded,
        discount_codes,
        shipments,
        id,
    })
}

/// A count of refunded units, whatever its sign; `None` when absent.
fn units(node: &Node<'_>) -> Result<Option<u32>, IngestError> {
    let Some(text) = node.text() else {
        return Ok(None);
    };
    text.trim()
        .parse::<i64>()
        .ok()
        .and_then(|n| u32::try_from(n.unsigned_abs()).ok())
        .map(Some)
        .ok_or_else(|| node.invalid("expected an integer"))
}

/// A line item, its quantity net of the line's refunds (capped at what
/// was ordered, as is its entry in `refunded`).
fn line_item(
    node: &Node<'_>,
    exponent: u32,
    refunded: &mut [(String, u32)],
) -> Result<LineItem, IngestError> {
    let id = node.get("id").req_id()?;
    let ordered = node.get("quantity").req_u32()?;
    let back = refunded_units(refunded, &id).min(ordered);
    if let Some((_, units)) = refunded.iter_mut().find(|(line, _)| *line == id) {
        *units = back;
    }
    let quantity = ordered - back;
    // `subtotal` is the line before discounts, as a decimal string, which
    // matches Shopify's pre-discount unit `price`. `price` (a JSON number,
    // after discounts) is the fallback.
    let unit_price_minor = match (node.get("subtotal").money(exponent)?, ordered) {
        (Some(subtotal), q) if q > 0 => divide_rounding(subtotal, i64::from(q)),
        _ => node.get("price").req_money(exponent)?,
    };
    // Variation attributes arrive as line item meta with display labels.
    let variant: Vec<String> = node
        .get("meta_data")
        .items()?
        .iter()
        .filter(|m| !m.get("key").text().unwrap_or_default().starts_with('_'))
        .filter_map(|m| {
            m.get("display_value")
                .text()
                .or_else(|| m.get("value").text())
        })
        .collect();
    Ok(LineItem {
        id,
        product_id: node.get("product_id").id()?.filter(|p| p != "0"),
        title: node.get("name").req_text()?,
        variant_title: (!variant.is_empty()).then(|| variant.join(" / ")),
        sku: node.get("sku").text(),
        quantity,
        unit_price_minor,
        image_url: node.get("image").get("src").text(),
    })
}

/// `total / count`, rounded half away from zero.
fn divide_rounding(total: i64, count: i64) -> i64 {
    let (t, c) = (i128::from(total), i128::from(count));
    let rounded = (2 * t.abs() + c) / (2 * c) * t.signum();
    i64::try_from(rounded).unwrap_or(total)
}

fn tracking_item(
    item: &Node<'_>,
    order: &OrderId,
    order_status: &str,
    modified_at: Option<UnixTime>,
) -> Result<Option<ShipmentUpsert>, IngestError> {
    let Some(number) = item
        .get("tracking_number")
        .text()
        .and_then(|n| TrackingNumber::parse(&n))
    else {
        // An entry without a number tracks nothing; the plugin allows it.
        return Ok(None);
    };
    let carrier = [
        "formatted_tracking_provider",
        "tracking_provider",
        "custom_tracking_provider",
    ]
    .iter()
    .find_map(|key| item.get(key).text());
    let shipped_at = shipped_time(&item.get("date_shipped"))?;
    let mut shipment = ShipmentUpsert::new(ShipmentKey::Tracking {
        number: number.clone(),
        carrier: carrier.clone(),
    });
    shipment.order_id = Some(order.clone());
    shipment.tracking_numbers.push(number);
    shipment.carrier = carrier;
    shipment.tracking_urls = ["formatted_tracking_link", "custom_tracking_link"]
        .iter()
        .flat_map(|key| item.get(key).links())
        .take(1)
        .collect();
    shipment.created_at = shipped_at;
    let status = shipment_status(order_status);
    // A cancellation happened when the order last changed; shipping, on the
    // day the merchant entered.
    let changed_at = if status.status == Exception {
        modified_at.or(shipped_at)
    } else {
        shipped_at.or(modified_at)
    };
    shipment.status = Some(status);
    shipment.record_summary(changed_at);
    Ok(Some(shipment))
}

/// The plugin stores `date_shipped` as Unix seconds (number or string);
/// other tools write a date.
fn shipped_time(node: &Node<'_>) -> Result<Option<UnixTime>, IngestError> {
    match node.text() {
        // Bounded to four-digit years: a later instant would be stored but
        // its RFC 3339 form would not read back.
        Some(text) if text.bytes().all(|b| b.is_ascii_digit()) => text
            .parse()
            .ok()
            .map(UnixTime::from_secs)
            .filter(|at| *at <= UnixTime::LATEST_ISO)
            .map(Some)
            .ok_or_else(|| node.invalid("timestamp out of range")),
        Some(_) => node.time(),
        None => Ok(None),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // In tests a panic is the failure report.
mod tests {
    use super::*;

    #[test]
    fn ping_is_recognized_only_for_woocommerce() {
        assert!(is_ping(Source::WooCommerce, b"webhook_id=123"));
        assert!(is_ping(Source::WooCommerce, b"webhook_id=7\n"));
        for not_ping in [
            &b"webhook_id="[..],
            b"webhook_id=12a",
            b"{\"webhook_id\":1}",
            b"",
            &[0xff, 0x00],
        ] {
            assert!(!is_ping(Source::WooCommerce, not_ping), "{not_ping:?}");
        }
        assert!(!is_ping(Source::Shopify, b"webhook_id=123"));
    }

    #[test]
    fn order_status_table() {
        let table = [
            ("pending", false, InfoReceived),
            ("processing", false, InfoReceived),
            ("on-hold", false, InfoReceived),
            ("checkout-draft", false, InfoReceived),
            ("completed", false, InfoReceived),
            ("refunded", false, InfoReceived),
            ("cancelled", true, Exception),
            ("failed", true, Exception),
            ("trash", true, Exception),
        ];
        for (raw, cancelled, parcel) in table {
            assert_eq!(order_is_cancelled(raw), Some(cancelled), "{raw}");
            assert_eq!(
                order_is_cancelled(&raw.to_uppercase()),
                Some(cancelled),
                "{raw}"
            );
            let mapped = shipment_status(raw);
            assert_eq!(mapped.status, parcel, "{raw}");
            assert_eq!(mapped.raw, raw);
            let sub = if cancelled { Some(raw) } else { None };
            assert_eq!(mapped.sub_status.as_deref(), sub);
        }
        assert_eq!(order_is_cancelled("wc-custom-packed"), None);
        assert_eq!(
            shipment_status("wc-custom-packed").status,
            super::super::UNKNOWN_STATUS
        );
    }

    #[test]
    fn unit_prices_round_half_away_from_zero() {
        assert_eq!(divide_rounding(1000, 3), 333);
        assert_eq!(divide_rounding(1001, 2), 501);
        assert_eq!(divide_rounding(-1001, 2), -501);
        assert_eq!(divide_rounding(600, 2), 300);
    }

    #[test]
    fn shipped_dates_accept_unix_seconds_and_dates() {
        let v = serde_json::json!({"a": "1562112000", "b": 1562112000, "c": "2019-07-03", "d": "", "e": "later"});
        let root = Node::root(SOURCE, &v, "item");
        let expected = Some(UnixTime::from_secs(1_562_112_000));
        assert_eq!(shipped_time(&root.get("a")), Ok(expected));
        assert_eq!(shipped_time(&root.get("b")), Ok(expected));
        assert_eq!(shipped_time(&root.get("c")), Ok(expected));
        assert_eq!(shipped_time(&root.get("d")), Ok(None));
        assert!(shipped_time(&root.get("e")).is_err());
    }

    #[test]
    fn shipped_seconds_past_year_9999_are_refused() {
        // Found by review: `i64::MAX` seconds was taken, and its RFC 3339
        // form (a truncated year) did not read back.
        let v = serde_json::json!({"max": i64::MAX.to_string(), "last": "253402300799", "next": "253402300800"});
        let root = Node::root(SOURCE, &v, "item");
        assert!(shipped_time(&root.get("max")).is_err());
        assert!(shipped_time(&root.get("next")).is_err());
        assert_eq!(
            shipped_time(&root.get("last")),
            Ok(Some(UnixTime::LATEST_ISO))
        );
    }

    #[test]
    fn line_totals_past_i64_are_refused_not_summed() {
        // Two totals that each fit in `i64` but not together: the sum
        // overflowed (a panic in a debug build, a wrapped total in release).
        let huge = "90000000000000000.00";
        let body = serde_json::json!({
            "id": 1, "number": "1", "status": "processing", "currency": "SEK",
            "date_created_gmt": "2024-03-22T15:28:02", "total": "1.00",
            "line_items": [
                {"id": 1, "name": "A", "quantity": 1, "subtotal": huge, "total": huge},
                {"id": 2, "name": "B", "quantity": 1, "subtotal": huge, "total": huge}
            ]
        });
        let refused = parse(Some("order.updated"), &body);
        assert!(
            matches!(&refused, Err(IngestError::InvalidField { path, .. }) if path.ends_with("line_items")),
            "{refused:?}"
        );
    }

    #[test]
    fn only_order_topics_are_read() {
        for topic in ["order.deleted", "product.updated", "coupon.created"] {
            assert_eq!(
                parse(Some(topic), &serde_json::json!({})),
                Err(IngestError::UnsupportedTopic {
                    origin: SOURCE,
                    topic: topic.into()
                })
            );
        }
    }
}
