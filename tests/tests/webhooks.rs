//! Webhook ingest against the running edge: every source, real fixtures,
#![allow(
    clippy::unwrap_used,
    reason = "a test should stop at the first surprise"
)]
//! forged and replayed deliveries, ordering, size limits and races.

use aftercart_shared::ingest::Source;
use aftercart_tests::{
    Edge, Reply, Value, fixture, fresh_shopify_order, json, sign, unique, unique_number,
};

const SHOPIFY_SECRET: &str = "lab-shopify-secret";

fn post(edge: &Edge, source: Source, secret: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    edge.webhook("lab", source, secret, headers, body)
}

fn shopify(edge: &Edge, topic: &str, event_id: &str, body: &Value) -> Reply {
    let bytes = serde_json::to_vec(body).unwrap();
    post(
        edge,
        Source::Shopify,
        SHOPIFY_SECRET,
        &[("x-shopify-topic", topic), ("x-shopify-event-id", event_id)],
        &bytes,
    )
}

fn assert_receipt(reply: &Reply, status: u16, outcome: &str) -> Value {
    assert_eq!(reply.status, status, "{}", reply.text());
    let receipt = reply.json();
    assert_eq!(receipt["outcome"], outcome, "{receipt}");
    receipt
}

#[test]
fn a_real_shopify_order_is_stored_once_and_shoppers_can_find_it() {
    let edge = Edge::from_env();
    let order = fixture("shopify/order.json")["order"].clone();
    let event = unique("evt-");
    let first = shopify(&edge, "orders/create", &event, &order);
    let receipt = assert_receipt(&first, 200, "applied");
    assert_eq!(receipt["orders"], 1);
    assert_eq!(receipt["shipments"], 1);

    // Redelivered with the same event id: acknowledged, not applied again.
    assert_receipt(
        &shopify(&edge, "orders/create", &event, &order),
        200,
        "duplicate",
    );

    let (_, view) = edge.lookup("lab", "#1001", "bob.norman@hostmail.com");
    assert_eq!(view["orderNumber"], "#1001");
    assert_eq!(view["totalMinor"], 40994);
    assert_eq!(view["currency"], "USD");
    assert_eq!(view["lineItems"].as_array().map(Vec::len), Some(3));
    // The fixture's only fulfillment failed: shown honestly.
    assert_eq!(view["status"]["status"], "Exception");
    assert_eq!(view["shipments"][0]["trackingNumber"], "1Z2345");
}

#[test]
fn forged_unsigned_and_misrouted_deliveries_write_nothing() {
    let edge = Edge::from_env();
    let (order, number, email) = fresh_shopify_order(&unique("1ZF"));
    let body = serde_json::to_vec(&order).unwrap();
    let path = "/v1/webhooks/lab/shopify";
    let topic = [
        ("content-type", "application/json"),
        ("x-shopify-topic", "orders/create"),
    ];

    let unsigned = edge.request("POST", path, &topic, Some(&body));
    unsigned.assert_problem(401, "invalid_signature");

    let (name, forged) = sign::header(Source::Shopify, "not-the-secret", &body);
    let mut headers = topic.to_vec();
    headers.push((name, &forged));
    edge.request("POST", path, &headers, Some(&body))
        .assert_problem(401, "invalid_signature");

    // A valid signature over a different body.
    let (name, other) = sign::header(Source::Shopify, SHOPIFY_SECRET, b"{}");
    let mut headers = topic.to_vec();
    headers.push((name, &other));
    edge.request("POST", path, &headers, Some(&body))
        .assert_problem(401, "invalid_signature");

    let (name, valid) = sign::header(Source::Shopify, SHOPIFY_SECRET, &body);
    let mut headers = topic.to_vec();
    headers.push((name, &valid));
    edge.request(
        "POST",
        "/v1/webhooks/no-such-shop/shopify",
        &headers,
        Some(&body),
    )
    .assert_problem(404, "not_found");
    edge.request(
        "POST",
        "/v1/webhooks/lab/bigcommerce",
        &headers,
        Some(&body),
    )
    .assert_problem(404, "not_found");

    // None of it stored anything.
    edge.post_json(
        "/v1/shops/lab/lookup",
        &json!({ "orderNumber": number, "email": email }),
    )
    .assert_problem(404, "not_found");
}

#[test]
fn the_previous_secret_still_works_during_a_rotation() {
    let edge = Edge::from_env();
    let (order, number, email) = fresh_shopify_order(&unique("1ZR"));
    let body = serde_json::to_vec(&order).unwrap();
    let reply = post(
        &edge,
        Source::Shopify,
        "lab-shopify-secret-previous",
        &[
            ("x-shopify-topic", "orders/create"),
            ("x-shopify-event-id", &unique("evt-")),
        ],
        &body,
    );
    assert_receipt(&reply, 200, "applied");
    edge.lookup("lab", &number, &email);
}

#[test]
fn bad_bodies_get_clear_errors() {
    let edge = Edge::from_env();
    let headers = [
        ("x-shopify-topic", "orders/create"),
        ("x-shopify-event-id", "bad-body"),
    ];
    post(
        &edge,
        Source::Shopify,
        SHOPIFY_SECRET,
        &headers,
        b"{\"order\": ",
    )
    .assert_problem(400, "invalid_json");

    // Real payloads that are not orders or tracking updates.
    for (file, topic) in [
        ("shopify/order_risk.json", "orders/updated"),
        ("shopify/refund.json", "orders/updated"),
        ("shopify/transactions.json", "orders/updated"),
    ] {
        let body = serde_json::to_vec(&fixture(file)).unwrap();
        let event = unique("evt-");
        let problem = post(
            &edge,
            Source::Shopify,
            SHOPIFY_SECRET,
            &[("x-shopify-topic", topic), ("x-shopify-event-id", &event)],
            &body,
        )
        .assert_problem(422, "unsupported_payload");
        assert!(
            problem["detail"]
                .as_str()
                .is_some_and(|d| d.contains("not an order")),
            "{file}: {problem}"
        );
    }
    let body = serde_json::to_vec(&fixture("easypost/client-library-fixtures.json")).unwrap();
    post(&edge, Source::EasyPost, "lab-easypost-secret", &[], &body)
        .assert_problem(422, "unsupported_payload");

    let huge = format!("{{\"padding\":\"{}\"}}", "x".repeat(600 * 1024));
    post(
        &edge,
        Source::Shopify,
        SHOPIFY_SECRET,
        &headers,
        huge.as_bytes(),
    )
    .assert_problem(413, "payload_too_large");
}

#[test]
fn woocommerce_ping_is_answered_and_changes_nothing() {
    let edge = Edge::from_env();
    let reply = edge.request(
        "POST",
        "/v1/webhooks/lab/woocommerce",
        &[("content-type", "application/x-www-form-urlencoded")],
        Some(b"webhook_id=42"),
    );
    assert_receipt(&reply, 200, "ping");
}

#[test]
fn a_woocommerce_order_with_tracking_is_stored() {
    let edge = Edge::from_env();
    let id = unique_number();
    let tracking = unique("WC");
    let order = json!({
        "id": id, "number": id.to_string(), "status": "completed", "currency": "SEK",
        "total": "1299.00", "date_created_gmt": "2026-11-01T10:00:00", "date_modified_gmt": "2026-11-03T09:00:00",
        "customer_id": 12,
        "billing": { "first_name": "Greta", "email": "Greta@Example.com" },
        "line_items": [{ "id": 5, "product_id": 77, "name": "Wool hat", "quantity": 1, "subtotal": "1299.00", "price": 1299, "sku": "HAT-1" }],
        "coupon_lines": [],
        "meta_data": [{ "id": 1, "key": "_wc_shipment_tracking_items", "value": [
            { "tracking_provider": "PostNord", "tracking_number": tracking, "date_shipped": "1762250000" }
        ]}]
    });
    let body = serde_json::to_vec(&order).unwrap();
    let reply = post(
        &edge,
        Source::WooCommerce,
        "lab-woocommerce-secret",
        &[
            ("x-wc-webhook-topic", "order.updated"),
            ("x-wc-webhook-delivery-id", &unique("")),
        ],
        &body,
    );
    assert_receipt(&reply, 200, "applied");
    let (_, view) = edge.lookup("lab", &id.to_string(), "greta@example.com");
    assert_eq!(view["customerFirstName"], "Greta");
    assert_eq!(view["totalMinor"], 129_900);
    assert_eq!(view["shipments"][0]["carrier"], "PostNord");
}

#[test]
fn a_tracker_before_its_fulfillment_is_held_then_applied() {
    let edge = Edge::from_env();
    // AfterShip's real delivered tracking, as a tracking_update webhook,
    // for a parcel no order has claimed yet.
    let mut tracking = fixture("aftership/delivered_ok.json")["data"]["tracking"].clone();
    let number = unique("1ZA");
    tracking["tracking_number"] = json!(number);
    let webhook = json!({ "event": "tracking_update", "event_id": unique("as-"), "msg": tracking, "ts": 1_400_000_000 });
    let body = serde_json::to_vec(&webhook).unwrap();
    let reply = post(&edge, Source::AfterShip, "lab-aftership-secret", &[], &body);
    assert_receipt(&reply, 202, "held");

    // The shop's order arrives with a fulfillment carrying that number.
    let (mut order, order_number, email) = fresh_shopify_order(&number);
    order["fulfillments"][0]["status"] = json!("success");
    order["fulfillments"][0]["shipment_status"] = json!("in_transit");
    assert_receipt(
        &shopify(&edge, "orders/create", &unique("evt-"), &order),
        200,
        "applied",
    );

    let (_, view) = edge.lookup("lab", &order_number, &email);
    let shipment = &view["shipments"][0];
    assert_eq!(shipment["status"], "Delivered", "{view}");
    assert!(
        shipment["checkpoints"]
            .as_array()
            .is_some_and(|c| c.len() >= 15)
    );
    assert_eq!(view["status"]["step"], "Delivered");
}

#[test]
fn events_in_any_order_give_the_same_timeline() {
    let edge = Edge::from_env();
    let number = unique("EP");
    let (mut order, order_number, email) = fresh_shopify_order(&number);
    order["fulfillments"][0]["status"] = json!("success");
    order["fulfillments"][0]["shipment_status"] = Value::Null;
    assert_receipt(
        &shopify(&edge, "orders/create", &unique("evt-"), &order),
        200,
        "applied",
    );

    // EasyPost's real tracker, split into two deliveries sent newest first.
    let event = fixture("easypost/event-body.json");
    let details = event["result"]["tracking_details"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(details.len() >= 4);
    let (older, newer) = details.split_at(details.len() / 2);
    for part in [newer, older] {
        let mut delivery = event.clone();
        delivery["id"] = json!(unique("evt_"));
        delivery["result"]["tracking_code"] = json!(number);
        delivery["result"]["tracking_details"] = json!(part);
        let body = serde_json::to_vec(&delivery).unwrap();
        assert_receipt(
            &post(&edge, Source::EasyPost, "lab-easypost-secret", &[], &body),
            200,
            "applied",
        );
    }
    let (_, view) = edge.lookup("lab", &order_number, &email);
    let shipment = &view["shipments"][0];
    assert_eq!(shipment["status"], "InTransit");
    let times: Vec<&str> = shipment["checkpoints"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["occurredAt"].as_str())
        .collect();
    let mut sorted = times.clone();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(times, sorted, "newest first, whatever the arrival order");
    assert!(shipment["estimatedDelivery"].is_string());
}

#[test]
fn concurrent_redeliveries_apply_once() {
    let edge = Edge::from_env();
    let (order, _, _) = fresh_shopify_order(&unique("1ZC"));
    let event = unique("evt-");
    let outcomes: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..6)
            .map(|_| {
                let edge = edge.clone();
                let order = order.clone();
                let event = event.clone();
                scope.spawn(move || {
                    let reply = shopify(&edge, "orders/create", &event, &order);
                    assert_eq!(reply.status, 200, "{}", reply.text());
                    reply.json()["outcome"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(
        outcomes.iter().filter(|o| *o == "applied").count(),
        1,
        "{outcomes:?}"
    );
    assert_eq!(
        outcomes.iter().filter(|o| *o == "duplicate").count(),
        5,
        "{outcomes:?}"
    );
}

#[test]
fn without_a_carrier_date_the_estimate_comes_from_the_shop_history() {
    let edge = Edge::from_env();
    // A carrier of this test's own, so other tests' parcels do not count.
    let carrier = unique("LabPost");
    let day = 86_400;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let stamp = |secs: i64| aftercart_shared::UnixTime::from_secs(secs).to_rfc3339();
    // Five delivered parcels that each took three days.
    for n in 0..5 {
        let (mut order, _, _) = fresh_shopify_order(&unique("HIST"));
        let shipped = now - (30 - n) * day;
        let fulfillment = &mut order["fulfillments"][0];
        fulfillment["tracking_company"] = json!(carrier);
        fulfillment["status"] = json!("success");
        fulfillment["shipment_status"] = json!("delivered");
        fulfillment["created_at"] = json!(stamp(shipped));
        fulfillment["updated_at"] = json!(stamp(shipped + 3 * day));
        assert_receipt(
            &shopify(&edge, "orders/create", &unique("evt-"), &order),
            200,
            "applied",
        );
    }
    // One on its way, shipped yesterday, with no date from the carrier.
    let (mut order, number, email) = fresh_shopify_order(&unique("HIST"));
    let shipped = now - day;
    let fulfillment = &mut order["fulfillments"][0];
    fulfillment["tracking_company"] = json!(carrier);
    fulfillment["status"] = json!("success");
    fulfillment["shipment_status"] = json!("in_transit");
    fulfillment["created_at"] = json!(stamp(shipped));
    fulfillment["updated_at"] = json!(stamp(shipped + 3600));
    assert_receipt(
        &shopify(&edge, "orders/create", &unique("evt-"), &order),
        200,
        "applied",
    );

    let (_, view) = edge.lookup("lab", &number, &email);
    let shipment = &view["shipments"][0];
    assert_eq!(shipment["estimatedFromHistory"], true, "{view}");
    let expected = aftercart_shared::UnixTime::from_secs(shipped)
        .date()
        .midnight_utc()
        .plus_days(3);
    assert_eq!(shipment["estimatedDelivery"], json!(expected.to_rfc3339()));
}

#[test]
fn every_source_refuses_forgeries_and_applies_a_replay_once() {
    let edge = Edge::from_env();
    let mut aftership = fixture("aftership/in_transit.json")["data"]["tracking"].clone();
    aftership["tracking_number"] = json!(unique("9405"));
    let mut easypost = fixture("easypost/event-body.json");
    easypost["id"] = json!(unique("evt_"));
    easypost["result"]["tracking_code"] = json!(unique("EZ"));
    let woo_delivery = unique("wc-");
    let cases = [
        (
            Source::AfterShip,
            "lab-aftership-secret",
            json!({ "event": "tracking_update", "event_id": unique("as-"), "msg": aftership, "ts": 1 }),
            vec![],
        ),
        (Source::EasyPost, "lab-easypost-secret", easypost, vec![]),
        (
            Source::WooCommerce,
            "lab-woocommerce-secret",
            json!({
                "id": unique_number(), "number": unique("W"), "status": "processing", "currency": "EUR",
                "total": "10.00", "date_created_gmt": "2026-11-01T10:00:00",
                "billing": { "first_name": "Ada", "email": "ada@example.com" },
                "line_items": [{ "id": 1, "product_id": 2, "name": "Mug", "quantity": 1, "subtotal": "10.00", "price": 10 }]
            }),
            vec![
                ("x-wc-webhook-topic", "order.created"),
                ("x-wc-webhook-delivery-id", woo_delivery.as_str()),
            ],
        ),
    ];
    for (source, secret, body, headers) in cases {
        let bytes = serde_json::to_vec(&body).unwrap();
        let path = format!("/v1/webhooks/lab/{}", source.as_str());
        let mut unsigned = vec![("content-type", "application/json")];
        unsigned.extend_from_slice(&headers);
        edge.request("POST", &path, &unsigned, Some(&bytes))
            .assert_problem(401, "invalid_signature");
        post(&edge, source, "wrong-secret", &headers, &bytes)
            .assert_problem(401, "invalid_signature");

        let first = post(&edge, source, secret, &headers, &bytes);
        assert!(
            matches!(first.status, 200 | 202),
            "{source}: {}",
            first.text()
        );
        assert_ne!(first.json()["outcome"], "duplicate", "{source}");
        let again = post(&edge, source, secret, &headers, &bytes);
        assert_receipt(&again, 200, "duplicate");
    }
}

#[test]
fn a_late_older_update_cannot_undo_a_cancellation() {
    let edge = Edge::from_env();
    let (mut order, number, email) = fresh_shopify_order(&unique("1ZL"));
    order["updated_at"] = json!("2026-11-02T10:00:00Z");
    order["cancelled_at"] = json!("2026-11-02T10:00:00Z");
    assert_receipt(
        &shopify(&edge, "orders/cancelled", &unique("evt-"), &order),
        200,
        "applied",
    );

    // Shopify delivers the earlier "updated" (before the cancellation) late.
    let mut stale = order.clone();
    stale["updated_at"] = json!("2026-11-01T09:00:00Z");
    stale["cancelled_at"] = Value::Null;
    assert_receipt(
        &shopify(&edge, "orders/updated", &unique("evt-"), &stale),
        200,
        "applied",
    );
    let (_, view) = edge.lookup("lab", &number, &email);
    assert_eq!(view["cancelled"], true, "{view}");

    // A genuinely newer update (the cancellation undone in the shop) applies.
    let mut newer = order.clone();
    newer["updated_at"] = json!("2026-11-03T09:00:00Z");
    newer["cancelled_at"] = Value::Null;
    assert_receipt(
        &shopify(&edge, "orders/updated", &unique("evt-"), &newer),
        200,
        "applied",
    );
    let (_, view) = edge.lookup("lab", &number, &email);
    assert_eq!(view["cancelled"], false, "{view}");
}
