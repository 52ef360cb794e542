//! WooCommerce order webhooks, end to end: ping, signature, delivery id,
//! parse. The sample is a v3 REST order as an `order.updated` webhook sends
//! it (written for these tests; no public fixture ships one), with the
//! Shipment Tracking extension's meta.

#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.
#![recursion_limit = "256"]

use aftercart_shared::UnixTime;
use aftercart_shared::ingest::{self, IngestError, Payment, ShipmentKey, Source, TrackingNumber};
use aftercart_shared::token::hmac_sha256;
use aftercart_shared::tracking::{Timeline, TrackingStatus};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};

fn order(status: &str) -> Value {
    json!({
        "id": 727,
        "parent_id": 0,
        "number": "727",
        "order_key": "wc_order_58d2d042d1d",
        "created_via": "checkout",
        "version": "8.5.2",
        "status": status,
        "currency": "SEK",
        "date_created": "2024-03-22T16:28:02",
        "date_created_gmt": "2024-03-22T15:28:02",
        "date_modified": "2024-03-23T09:10:00",
        "date_modified_gmt": "2024-03-23T08:10:00",
        "discount_total": "39.80",
        "discount_tax": "9.95",
        "shipping_total": "49.00",
        "shipping_tax": "12.25",
        "cart_tax": "89.55",
        "total": "508.00",
        "total_tax": "101.80",
        "prices_include_tax": true,
        "customer_id": 42,
        "customer_note": "",
        "billing": {
            "first_name": "Astrid",
            "last_name": "Lindgren",
            "address_1": "Dalagatan 46",
            "city": "Stockholm",
            "postcode": "113 24",
            "country": "SE",
            "email": "Astrid@Example.se",
            "phone": "+46 8 123 45"
        },
        "shipping": {
            "first_name": "Astrid",
            "last_name": "Lindgren",
            "address_1": "Dalagatan 46",
            "city": "Stockholm",
            "postcode": "113 24",
            "country": "SE"
        },
        "payment_method": "stripe",
        "payment_method_title": "Card",
        "transaction_id": "ch_3Oxyz",
        "date_paid_gmt": "2024-03-22T15:28:05",
        "date_completed_gmt": null,
        "meta_data": [
            {"id": 13101, "key": "_stripe_fee", "value": "12.13"},
            {
                "id": 13106,
                "key": "_wc_shipment_tracking_items",
                "value": [
                    {
                        "tracking_provider": "postnord-se",
                        "custom_tracking_provider": "",
                        "custom_tracking_link": "",
                        "tracking_number": "00370712345678901 2",
                        "date_shipped": "1711152000",
                        "tracking_id": "3b1e2a4c5d6f7081"
                    },
                    {
                        "tracking_provider": "",
                        "custom_tracking_provider": "Bring",
                        "custom_tracking_link": "https://tracking.bring.se/tracking/CS111111111SE",
                        "tracking_number": "CS111111111SE",
                        "date_shipped": 1711238400,
                        "tracking_id": "9a8b7c6d5e4f3021"
                    },
                    {
                        "tracking_provider": "dhl",
                        "tracking_number": "",
                        "date_shipped": "1711238400",
                        "tracking_id": "0000000000000000"
                    }
                ]
            }
        ],
        "line_items": [
            {
                "id": 315,
                "name": "Pippi Tee - Red, L",
                "product_id": 93,
                "variation_id": 95,
                "quantity": 2,
                "tax_class": "",
                "subtotal": "318.40",
                "subtotal_tax": "79.60",
                "total": "286.56",
                "total_tax": "71.64",
                "sku": "PIPPI-TEE-RED-L",
                "price": 143.28,
                "image": {"id": "96", "src": "https://shop.example.se/wp-content/uploads/pippi-red.jpg"},
                "meta_data": [
                    {"id": 2901, "key": "pa_color", "value": "red", "display_key": "Color", "display_value": "Red"},
                    {"id": 2902, "key": "pa_size", "value": "l", "display_key": "Size", "display_value": "L"},
                    {"id": 2903, "key": "_reduced_stock", "value": "2", "display_key": "_reduced_stock", "display_value": "2"}
                ],
                "parent_name": "Pippi Tee"
            },
            {
                "id": 316,
                "name": "Gift wrapping",
                "product_id": 0,
                "variation_id": 0,
                "quantity": 1,
                "subtotal": "40",
                "total": "40.00",
                "sku": "",
                "price": 40,
                "image": {"id": "", "src": ""},
                "meta_data": []
            }
        ],
        "tax_lines": [],
        "shipping_lines": [{"id": 318, "method_title": "PostNord", "method_id": "flat_rate", "total": "49.00"}],
        "fee_lines": [],
        "coupon_lines": [{"id": 317, "code": "spring10", "discount": "39.80", "discount_tax": "9.95"}],
        "refunds": []
    })
}

fn parse(value: &Value) -> Result<ingest::Ingested, IngestError> {
    ingest::parse(
        Source::WooCommerce,
        Some("order.updated"),
        &serde_json::to_vec(value).unwrap(),
    )
}

#[test]
fn an_order_webhook_becomes_an_order_with_its_tracked_parcels() {
    let ingested = parse(&order("completed")).unwrap();
    assert!(ingested.shipments.is_empty());
    let [order] = ingested.orders.as_slice() else {
        panic!("one order expected");
    };
    assert_eq!(order.id.as_str(), "727");
    assert_eq!(order.display_number, "#727");
    assert_eq!(order.email.as_ref().unwrap().as_str(), "astrid@example.se");
    assert_eq!(order.customer_first_name.as_deref(), Some("Astrid"));
    assert_eq!(order.customer_id.as_deref(), Some("42"));
    assert_eq!(
        order.placed_at,
        UnixTime::parse("2024-03-22T15:28:02Z").unwrap()
    );
    assert_eq!(
        (order.currency.as_str(), order.total_minor),
        ("SEK", 50_800)
    );
    assert_eq!(order.cancelled_at, None);
    assert_eq!(order.discount_codes, ["spring10"]);

    let tee = &order.line_items[0];
    assert_eq!(tee.title, "Pippi Tee - Red, L");
    assert_eq!(tee.variant_title.as_deref(), Some("Red / L"));
    assert_eq!(tee.product_id.as_deref(), Some("93"));
    assert_eq!(tee.sku.as_deref(), Some("PIPPI-TEE-RED-L"));
    assert_eq!(tee.quantity, 2);
    // Pre-discount unit price from the exact `subtotal`, not the float `price`.
    assert_eq!(tee.unit_price_minor, 15_920);
    assert_eq!(
        tee.image_url.as_deref(),
        Some("https://shop.example.se/wp-content/uploads/pippi-red.jpg")
    );
    let wrap = &order.line_items[1];
    assert_eq!(
        (
            wrap.product_id.as_deref(),
            wrap.sku.as_deref(),
            wrap.image_url.as_deref()
        ),
        (None, None, None)
    );
    assert_eq!(
        (wrap.unit_price_minor, wrap.variant_title.as_deref()),
        (4_000, None)
    );

    // The entry without a tracking number tracks nothing and is skipped.
    let [postnord, bring] = order.shipments.as_slice() else {
        panic!("two tracked parcels expected: {:?}", order.shipments);
    };
    assert_eq!(
        postnord.key,
        ShipmentKey::Tracking {
            number: TrackingNumber::parse("003707123456789012").unwrap(),
            carrier: Some("postnord-se".into()),
        }
    );
    assert_eq!(postnord.order_id.as_ref(), Some(&order.id));
    assert_eq!(
        postnord.created_at,
        Some(UnixTime::from_secs(1_711_152_000))
    );
    assert!(postnord.tracking_urls.is_empty());
    let status = postnord.status.as_ref().unwrap();
    assert_eq!(
        (status.status, status.raw.as_str()),
        (TrackingStatus::InfoReceived, "completed")
    );
    let timeline = Timeline::build(postnord.checkpoints.clone());
    assert_eq!(timeline.status, TrackingStatus::InfoReceived);
    assert_eq!(
        timeline.checkpoints[0].occurred_at,
        UnixTime::from_secs(1_711_152_000)
    );

    assert_eq!(bring.carrier.as_deref(), Some("Bring"));
    assert_eq!(
        bring
            .tracking_urls
            .iter()
            .map(|u| u.as_str())
            .collect::<Vec<_>>(),
        ["https://tracking.bring.se/tracking/CS111111111SE"]
    );
    assert_eq!(bring.created_at, Some(UnixTime::from_secs(1_711_238_400)));
}

#[test]
fn cancelled_and_failed_orders_are_cancelled_and_their_parcels_exceptions() {
    for status in ["cancelled", "failed"] {
        let ingested = parse(&order(status)).unwrap();
        let order = &ingested.orders[0];
        let modified = UnixTime::parse("2024-03-23T08:10:00Z").unwrap();
        assert_eq!(order.cancelled_at, Some(modified), "{status}");
        let parcel = &order.shipments[0];
        let timeline = Timeline::build(parcel.checkpoints.clone());
        assert_eq!(timeline.status, TrackingStatus::Exception, "{status}");
        assert_eq!(timeline.checkpoints.last().unwrap().occurred_at, modified);
        assert_eq!(
            timeline.checkpoints.last().unwrap().sub_status.as_deref(),
            Some(status)
        );
    }
    for status in ["pending", "processing", "on-hold", "refunded"] {
        assert_eq!(
            parse(&order(status)).unwrap().orders[0].cancelled_at,
            None,
            "{status}"
        );
    }
}

#[test]
fn the_ping_is_answered_before_signatures_and_parsing() {
    let ping = b"webhook_id=123";
    assert!(ingest::is_ping(Source::WooCommerce, ping));
    // Unsigned: verification would refuse it, which is why the edge checks
    // for the ping first. It carries nothing to store either.
    let no_headers = |_: &str| None;
    assert!(ingest::verify(Source::WooCommerce, no_headers, ping, &[b"secret"]).is_err());
    assert!(matches!(
        ingest::parse(Source::WooCommerce, None, ping),
        Err(IngestError::NotJson { .. })
    ));
    let body = serde_json::to_vec(&order("processing")).unwrap();
    assert!(!ingest::is_ping(Source::WooCommerce, &body));
}

#[test]
fn a_signed_delivery_verifies_and_has_a_delivery_id() {
    let body = serde_json::to_vec(&order("processing")).unwrap();
    let signature = STANDARD.encode(hmac_sha256(b"wc-secret", &body));
    let headers = |name: &str| match name {
        "x-wc-webhook-signature" => Some(signature.clone()),
        "x-wc-webhook-topic" => Some("order.updated".to_owned()),
        "x-wc-webhook-delivery-id" => Some("8213".to_owned()),
        _ => None,
    };
    assert_eq!(
        ingest::verify(Source::WooCommerce, headers, &body, &[b"wc-secret"]),
        Ok(())
    );
    assert_eq!(
        ingest::delivery_id(Source::WooCommerce, headers, &body)
            .unwrap()
            .as_str(),
        "woocommerce:8213"
    );
    let topic = headers("x-wc-webhook-topic");
    assert_eq!(
        ingest::parse(Source::WooCommerce, topic.as_deref(), &body)
            .unwrap()
            .orders
            .len(),
        1
    );
}

#[test]
fn broken_orders_name_the_field() {
    let mut body = order("processing");
    body["total"] = json!("5,08");
    assert_eq!(
        parse(&body).unwrap_err().to_string(),
        "woocommerce payload has an invalid `body.total`: \"5,08\" is not a plain decimal amount"
    );
    let mut body = order("processing");
    body.as_object_mut().unwrap().remove("date_created_gmt");
    body.as_object_mut().unwrap().remove("date_created");
    assert_eq!(
        parse(&body).unwrap_err(),
        IngestError::MissingField {
            origin: Source::WooCommerce,
            path: "body.date_created_gmt".into()
        }
    );
    let not_an_order = json!({"id": 5, "code": "spring10", "discount_type": "percent"});
    assert!(matches!(
        parse(&not_an_order),
        Err(IngestError::Unsupported { .. })
    ));
    // The legacy API's wrapper is accepted too.
    let wrapped = json!({"order": order("processing")});
    assert_eq!(
        parse(&wrapped).unwrap(),
        parse(&order("processing")).unwrap()
    );
}

#[test]
fn the_subtotal_is_the_lines_after_discounts_and_the_browser_is_kept() {
    let ingested = parse(&order("processing")).unwrap();
    let order_upsert = &ingested.orders[0];
    // 286.56 + 40.00: after the coupon, before shipping and tax.
    assert_eq!(order_upsert.subtotal_minor, 32_656);
    assert_eq!(order_upsert.device, None);

    let mut body = order("processing");
    body["customer_ip_address"] = json!("192.0.2.1");
    body["customer_user_agent"] = json!("Mozilla/5.0 (X11)");
    let device = parse(&body).unwrap().orders[0].device.clone().unwrap();
    assert_eq!(
        (device.ip.as_str(), device.user_agent.as_str()),
        ("192.0.2.1", "Mozilla/5.0 (X11)")
    );
    // A line without a `total`: the order's total stands in.
    body["line_items"][1]
        .as_object_mut()
        .unwrap()
        .remove("total");
    assert_eq!(parse(&body).unwrap().orders[0].subtotal_minor, 50_800);
}

#[test]
fn an_order_is_paid_once_processing_and_reversed_when_cancelled_refunded_or_failed() {
    for (status, expected) in [
        ("pending", Payment::Unpaid),
        ("on-hold", Payment::Unpaid),
        ("checkout-draft", Payment::Unpaid),
        ("processing", Payment::Paid),
        ("completed", Payment::Paid),
        ("cancelled", Payment::Reversed),
        ("refunded", Payment::Reversed),
        ("failed", Payment::Reversed),
        ("trash", Payment::Reversed),
        ("custom-status", Payment::Unpaid),
    ] {
        let body = serde_json::to_vec(&order(status)).unwrap();
        let parsed = ingest::parse(Source::WooCommerce, Some("order.updated"), &body).unwrap();
        assert_eq!(parsed.orders[0].payment, expected, "{status}");
    }
}

#[test]
fn refunded_quantities_come_off_the_lines() {
    let mut body = order("processing");
    let line = body["line_items"][0]["id"].clone();
    let ordered = body["line_items"][0]["quantity"].as_u64().unwrap() as u32;
    let parse = |body: &Value| {
        let bytes = serde_json::to_vec(body).unwrap();
        ingest::parse(Source::WooCommerce, Some("order.updated"), &bytes)
            .unwrap()
            .orders
            .remove(0)
    };
    let before = parse(&body);
    // A line's own count, negative as WooCommerce writes it.
    body["line_items"][0]["refunded_quantity"] = json!(-1);
    let parsed = parse(&body);
    assert_eq!(parsed.line_items[0].quantity, ordered - 1);
    assert_eq!(parsed.refunded, [(line.to_string(), 1)]);
    // The unit price is still per unit ordered.
    assert_eq!(
        parsed.line_items[0].unit_price_minor,
        before.line_items[0].unit_price_minor
    );
    // Or a refund's own lines, pointing back at the order's line.
    body["line_items"][0]
        .as_object_mut()
        .unwrap()
        .remove("refunded_quantity");
    body["refunds"] = json!([{ "id": 9, "reason": "", "total": "-10.00", "line_items": [
        { "id": 99, "quantity": -(ordered as i64), "meta_data": [
            { "key": "_refunded_item_id", "value": line.to_string() } ] } ] }]);
    let parsed = parse(&body);
    assert_eq!(parsed.line_items[0].quantity, 0);
    assert_eq!(parsed.refunded, [(line.to_string(), ordered)]);
}
