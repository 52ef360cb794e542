//! Tracking links from every source reach the widget's `href` only when
//! they are safe (`TrackingUrl`): an unsafe one is dropped at ingest, and
//! the parcel keeps its tracking number.

#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

use aftercart_shared::ingest::{self, ShipmentUpsert, Source};
use serde_json::{Value, json};

/// What a staff member or a compromised account could type as a link.
const UNSAFE: &[&str] = &[
    "javascript:alert(document.domain)",
    "data:text/html,<script>alert(1)</script>",
    "JAVASCRIPT:alert(1)",
    " javascript:alert(1)",
    "\tjavascript:alert(1)",
    "\njavascript:alert(1)",
    "//evil.example/track",
    "https://user:pw@x.example/track",
];

const SAFE: &str = "https://carrier.example/track?n=1Z999AA1";

fn shipments(source: Source, topic: Option<&str>, body: &Value) -> Vec<ShipmentUpsert> {
    let body = serde_json::to_vec(body).unwrap();
    let ingested = ingest::parse(source, topic, &body).unwrap();
    let mut shipments = ingested.shipments;
    shipments.extend(ingested.orders.into_iter().flat_map(|o| o.shipments));
    assert_eq!(shipments.len(), 1, "{source:?}");
    shipments
}

/// For each unsafe link: the parcel is ingested with its number and no
/// link; the safe link is kept as it was sent.
fn check(source: Source, topic: Option<&str>, body_with: impl Fn(&str) -> Value) {
    for url in UNSAFE {
        let shipment = &shipments(source, topic, &body_with(url))[0];
        assert!(shipment.tracking_urls.is_empty(), "{source:?} kept {url:?}");
        assert_eq!(shipment.tracking_numbers.len(), 1, "{source:?} {url:?}");
    }
    let shipment = &shipments(source, topic, &body_with(SAFE))[0];
    let kept: Vec<&str> = shipment.tracking_urls.iter().map(|u| u.as_str()).collect();
    assert_eq!(kept, [SAFE], "{source:?}");
}

fn shopify_fulfillment(url: Value) -> Value {
    json!({
        "id": 255858046, "order_id": 450789469, "status": "success",
        "tracking_company": "UPS", "tracking_number": "1Z999AA1",
        "tracking_url": url,
        "created_at": "2024-03-01T10:00:00Z", "updated_at": "2024-03-01T10:00:00Z",
        "line_items": []
    })
}

#[test]
fn shopify_fulfillment_links_are_checked() {
    check(Source::Shopify, Some("fulfillments/create"), |url| {
        shopify_fulfillment(json!(url))
    });
    // The list form, with the unsafe link first, and the single fallback.
    check(Source::Shopify, Some("fulfillments/update"), |url| {
        let mut body = shopify_fulfillment(Value::Null);
        body["tracking_urls"] = json!([url]);
        body
    });
}

#[test]
fn shopify_order_fulfillment_links_are_checked() {
    check(Source::Shopify, Some("orders/updated"), |url| {
        json!({
            "id": 450789469, "name": "#1001", "email": "a@example.com", "currency": "USD",
            "created_at": "2024-03-01T09:00:00Z", "updated_at": "2024-03-01T10:00:00Z",
            "total_price": "10.00", "subtotal_price": "10.00",
            "line_items": [{"id": 1, "title": "Tea", "quantity": 1, "price": "10.00"}],
            "fulfillments": [shopify_fulfillment(json!(url))]
        })
    });
}

#[test]
fn aftership_links_are_checked() {
    check(Source::AfterShip, None, |url| {
        json!({
            "event": "tracking_update", "event_id": "e-1", "ts": 1_700_000_000,
            "msg": {
                "id": "t-1", "tracking_number": "1Z999AA1", "slug": "ups", "tag": "InTransit",
                "order_id": "1001", "updated_at": "2024-03-10T12:00:00+00:00",
                "courier_tracking_link": url, "checkpoints": []
            }
        })
    });
}

#[test]
fn easypost_links_are_checked() {
    check(Source::EasyPost, None, |url| {
        json!({
            "object": "Event", "description": "tracker.updated",
            "result": {
                "object": "Tracker", "tracking_code": "EZ1000000001", "carrier": "USPS",
                "status": "in_transit", "updated_at": "2024-01-03T00:00:00Z",
                "public_url": url, "tracking_details": []
            }
        })
    });
}

#[test]
fn woocommerce_links_are_checked() {
    for field in ["custom_tracking_link", "formatted_tracking_link"] {
        check(Source::WooCommerce, Some("order.updated"), |url| {
            json!({
                "id": 727, "number": "727", "status": "completed", "currency": "SEK",
                "date_created_gmt": "2024-03-22T15:28:02", "total": "10.00",
                "line_items": [{"id": 1, "name": "Tee", "quantity": 1, "subtotal": "10.00", "total": "10.00"}],
                "meta_data": [{
                    "key": "_wc_shipment_tracking_items",
                    "value": [{
                        "tracking_provider": "", "custom_tracking_provider": "Bring",
                        "tracking_number": "CS111111111SE", "date_shipped": "1711238400",
                        field: url
                    }]
                }]
            })
        });
    }
}
