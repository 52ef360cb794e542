//! Webhook ingest against the running edge: every source, real fixtures,
//! forged and replayed deliveries, ordering, size limits and races. All
//! in the `lab` shop, whose secret for each source is
//! `lab-{source}-secret`.

use aftercart_shared::UnixTime;
use aftercart_shared::ingest::Source;
use aftercart_tests::webhook::signature;
use aftercart_tests::{DAY, Edge, ShopifyOrder, fixture, json, now_secs, unique, unique_number};

const SHOPIFY_SECRET: &str = "lab-shopify-secret";

fn at(rfc3339: &str) -> i64 {
    UnixTime::parse(rfc3339).unwrap().secs()
}

#[test]
fn a_real_shopify_order_is_stored_once_and_shoppers_can_find_it() {
    let edge = Edge::from_env();
    let lab = edge.webhooks("lab");
    let order = fixture("shopify/order.json")["order"].clone();
    let event = unique("evt-");
    let receipt = lab
        .shopify("orders/create", &event, &order)
        .assert_receipt(200, "applied");
    assert_eq!(receipt["orders"], 1);
    assert_eq!(receipt["shipments"], 1);

    // Redelivered with the same event id: acknowledged, not applied again.
    lab.shopify("orders/create", &event, &order)
        .assert_receipt(200, "duplicate");

    let view = edge.lookup("lab", "#1001", "bob.norman@hostmail.com").order;
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
    let lab = edge.webhooks("lab");
    let order = ShopifyOrder::fresh().tracking(&unique("1ZF"));
    let body = order.body();
    let topic = [("x-shopify-topic", "orders/create")];

    lab.unsigned(Source::Shopify, &topic, &body)
        .assert_problem(401, "invalid_signature");
    lab.signed_with("not-the-secret")
        .send(Source::Shopify, &topic, &body)
        .assert_problem(401, "invalid_signature");

    // A valid signature over a different body.
    let (name, other) = signature(Source::Shopify, SHOPIFY_SECRET, b"{}");
    let mut headers = topic.to_vec();
    headers.push((name, &other));
    lab.unsigned(Source::Shopify, &headers, &body)
        .assert_problem(401, "invalid_signature");

    // Validly signed, to a shop or a source that does not exist.
    edge.webhooks("no-such-shop")
        .signed_with(SHOPIFY_SECRET)
        .send(Source::Shopify, &topic, &body)
        .assert_problem(404, "not_found");
    let (name, valid) = signature(Source::Shopify, SHOPIFY_SECRET, &body);
    let mut headers = vec![("content-type", "application/json")];
    headers.extend_from_slice(&topic);
    headers.push((name, &valid));
    edge.request(
        "POST",
        "/v1/webhooks/lab/bigcommerce",
        &headers,
        Some(&body),
    )
    .assert_problem(404, "not_found");

    // None of it stored anything.
    edge.lookup_reply("lab", &order.number_shown(), &order.email_address())
        .assert_problem(404, "not_found");
}

#[test]
fn the_previous_secret_still_works_during_a_rotation() {
    let edge = Edge::from_env();
    let order = ShopifyOrder::fresh().tracking(&unique("1ZR"));
    edge.webhooks("lab")
        .signed_with("lab-shopify-secret-previous")
        .shopify_order("orders/create", &order)
        .assert_receipt(200, "applied");
    edge.lookup("lab", &order.number_shown(), &order.email_address());
}

#[test]
fn bad_bodies_get_clear_errors() {
    let edge = Edge::from_env();
    let lab = edge.webhooks("lab");
    let headers = [
        ("x-shopify-topic", "orders/create"),
        ("x-shopify-event-id", "bad-body"),
    ];
    lab.send(Source::Shopify, &headers, b"{\"order\": ")
        .assert_problem(400, "invalid_json");

    // Real payloads that are not orders or tracking updates.
    for (file, topic) in [
        ("shopify/order_risk.json", "orders/updated"),
        ("shopify/refund.json", "orders/updated"),
        ("shopify/transactions.json", "orders/updated"),
    ] {
        let problem = lab
            .shopify(topic, &unique("evt-"), &fixture(file))
            .assert_problem(422, "unsupported_payload");
        assert!(
            problem["detail"]
                .as_str()
                .is_some_and(|d| d.contains("not an order")),
            "{file}: {problem}"
        );
    }
    lab.easypost(&fixture("easypost/client-library-fixtures.json"))
        .assert_problem(422, "unsupported_payload");

    let huge = format!("{{\"padding\":\"{}\"}}", "x".repeat(600 * 1024));
    lab.send(Source::Shopify, &headers, huge.as_bytes())
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
    reply.assert_receipt(200, "ping");
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
    edge.webhooks("lab")
        .woocommerce("order.updated", &unique(""), &order)
        .assert_receipt(200, "applied");
    let view = edge
        .lookup("lab", &id.to_string(), "greta@example.com")
        .order;
    assert_eq!(view["customerFirstName"], "Greta");
    assert_eq!(view["totalMinor"], 129_900);
    assert_eq!(view["shipments"][0]["carrier"], "PostNord");
}

#[test]
fn a_tracker_before_its_fulfillment_is_held_then_applied() {
    let edge = Edge::from_env();
    let lab = edge.webhooks("lab");
    // AfterShip's real delivered tracking, as a tracking_update webhook,
    // for a parcel no order has claimed yet.
    let mut tracking = fixture("aftership/delivered_ok.json")["data"]["tracking"].clone();
    let number = unique("1ZA");
    tracking["tracking_number"] = json!(number);
    let webhook = json!({ "event": "tracking_update", "event_id": unique("as-"), "msg": tracking, "ts": 1_400_000_000 });
    lab.aftership(&webhook).assert_receipt(202, "held");

    // The shop's order arrives with a fulfillment carrying that number.
    let order = ShopifyOrder::fresh()
        .tracking(&number)
        .fulfillment_status("success", Some("in_transit"));
    lab.shopify_order("orders/create", &order)
        .assert_receipt(200, "applied");

    let view = edge
        .lookup("lab", &order.number_shown(), &order.email_address())
        .order;
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
    let lab = edge.webhooks("lab");
    let number = unique("EP");
    let order = ShopifyOrder::fresh()
        .tracking(&number)
        .fulfillment_status("success", None);
    lab.shopify_order("orders/create", &order)
        .assert_receipt(200, "applied");

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
        lab.easypost(&delivery).assert_receipt(200, "applied");
    }
    let view = edge
        .lookup("lab", &order.number_shown(), &order.email_address())
        .order;
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
    let lab = edge.webhooks("lab");
    let order = ShopifyOrder::fresh().tracking(&unique("1ZC"));
    let event = unique("evt-");
    let outcomes: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..6)
            .map(|_| {
                scope.spawn(|| {
                    let reply = lab.shopify("orders/create", &event, order.json());
                    reply.assert_status(200);
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
    let lab = edge.webhooks("lab");
    // A carrier of this test's own, so other tests' parcels do not count.
    let carrier = unique("LabPost");
    let now = now_secs();
    // Five delivered parcels that each took three days.
    for n in 0..5 {
        let shipped = now - (30 - n) * DAY;
        let order = ShopifyOrder::fresh()
            .tracking(&unique("HIST"))
            .carrier(&carrier)
            .shipped_at(shipped)
            .delivered(shipped + 3 * DAY);
        lab.shopify_order("orders/create", &order)
            .assert_receipt(200, "applied");
    }
    // One on its way, shipped yesterday, with no date from the carrier.
    let shipped = now - DAY;
    let order = ShopifyOrder::fresh()
        .tracking(&unique("HIST"))
        .carrier(&carrier)
        .shipped_at(shipped)
        .in_transit(shipped + 3600);
    lab.shopify_order("orders/create", &order)
        .assert_receipt(200, "applied");

    let view = edge
        .lookup("lab", &order.number_shown(), &order.email_address())
        .order;
    let shipment = &view["shipments"][0];
    assert_eq!(shipment["estimatedFromHistory"], true, "{view}");
    let expected = UnixTime::from_secs(shipped)
        .date()
        .midnight_utc()
        .plus_days(3);
    assert_eq!(shipment["estimatedDelivery"], json!(expected.to_rfc3339()));
}

#[test]
fn every_source_refuses_forgeries_and_applies_a_replay_once() {
    let edge = Edge::from_env();
    let lab = edge.webhooks("lab");
    let mut aftership = fixture("aftership/in_transit.json")["data"]["tracking"].clone();
    aftership["tracking_number"] = json!(unique("9405"));
    let mut easypost = fixture("easypost/event-body.json");
    easypost["id"] = json!(unique("evt_"));
    easypost["result"]["tracking_code"] = json!(unique("EZ"));
    let woo_delivery = unique("wc-");
    let cases = [
        (
            Source::AfterShip,
            json!({ "event": "tracking_update", "event_id": unique("as-"), "msg": aftership, "ts": 1 }),
            vec![],
        ),
        (Source::EasyPost, easypost, vec![]),
        (
            Source::WooCommerce,
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
    for (source, body, headers) in cases {
        let bytes = serde_json::to_vec(&body).unwrap();
        lab.unsigned(source, &headers, &bytes)
            .assert_problem(401, "invalid_signature");
        lab.signed_with("wrong-secret")
            .send(source, &headers, &bytes)
            .assert_problem(401, "invalid_signature");

        let first = lab.send(source, &headers, &bytes);
        assert!(
            matches!(first.status, 200 | 202),
            "{source}: {}",
            first.text()
        );
        assert_ne!(first.json()["outcome"], "duplicate", "{source}");
        lab.send(source, &headers, &bytes)
            .assert_receipt(200, "duplicate");
    }
}

#[test]
fn a_late_older_update_cannot_undo_a_cancellation() {
    let edge = Edge::from_env();
    let lab = edge.webhooks("lab");
    let cancelled_at = at("2026-11-02T10:00:00Z");
    let order = ShopifyOrder::fresh()
        .tracking(&unique("1ZL"))
        .updated_at(cancelled_at)
        .cancelled_at(Some(cancelled_at));
    lab.shopify_order("orders/cancelled", &order)
        .assert_receipt(200, "applied");
    let view = || {
        edge.lookup("lab", &order.number_shown(), &order.email_address())
            .order
    };

    // Shopify delivers the earlier "updated" (before the cancellation) late.
    let stale = order
        .clone()
        .updated_at(at("2026-11-01T09:00:00Z"))
        .cancelled_at(None);
    lab.shopify_order("orders/updated", &stale)
        .assert_receipt(200, "applied");
    let seen = view();
    assert_eq!(seen["cancelled"], true, "{seen}");

    // A genuinely newer update (the cancellation undone in the shop) applies.
    let newer = order
        .clone()
        .updated_at(at("2026-11-03T09:00:00Z"))
        .cancelled_at(None);
    lab.shopify_order("orders/updated", &newer)
        .assert_receipt(200, "applied");
    let seen = view();
    assert_eq!(seen["cancelled"], false, "{seen}");
}

/// A delivery id is an unsigned header: replaying captured signed bytes
/// under a fresh id must not apply them again. Here the body has no
/// change time (no `date_modified_gmt`), so nothing else would stop the
/// replay from rolling the order back. Mutation: dedupe on the id alone
/// (drop `body_sha256` from `delivery_seen` and the unique index), and the
/// replay is applied and the total goes back to 10.00.
#[test]
fn a_signed_body_replayed_under_a_fresh_delivery_id_is_a_duplicate() {
    let edge = Edge::from_env();
    let lab = edge.webhooks("lab");
    let id = unique_number();
    let email = format!("{}@example.com", unique("replay"));
    let order = |total: &str| {
        json!({
            "id": id, "number": id.to_string(), "status": "processing", "currency": "EUR",
            "total": total, "date_created_gmt": "2026-11-01T10:00:00",
            "billing": { "first_name": "Ada", "email": email },
            "line_items": [{ "id": 1, "product_id": 2, "name": "Mug", "quantity": 1, "subtotal": total, "price": 10 }]
        })
    };
    let first = serde_json::to_vec(&order("10.00")).unwrap();
    let send = |delivery: &str, body: &[u8]| {
        lab.send(
            Source::WooCommerce,
            &[
                ("x-wc-webhook-topic", "order.updated"),
                ("x-wc-webhook-delivery-id", delivery),
            ],
            body,
        )
    };
    send(&unique("wc-"), &first).assert_receipt(200, "applied");
    let edited = serde_json::to_vec(&order("12.00")).unwrap();
    send(&unique("wc-"), &edited).assert_receipt(200, "applied");
    let total = || {
        edge.lookup("lab", &id.to_string(), &email).order["totalMinor"]
            .as_i64()
            .unwrap()
    };
    assert_eq!(total(), 1200);

    // The first bytes again, as a replay under a fresh id: acknowledged as
    // a duplicate, not recorded, and the order keeps its edit.
    let replayed = unique("wc-");
    send(&replayed, &first).assert_receipt(200, "duplicate");
    assert_eq!(total(), 1200);
    let records = aftercart_tests::d1(&format!(
        "SELECT count(*) AS n FROM webhook_deliveries WHERE shop_id = 'lab' AND delivery_id = '{replayed}'"
    ));
    assert_eq!(records[0]["n"], 0, "{records:?}");
}

/// A held delivery that missed its release (here: written past the API
/// after its parcel's order was stored, as when the order commits while
/// the tracker is being held) is replayed by the cron once its retry time
/// has passed. Mutation: take `release_due` out of the cron, and the
/// parcel stays in transit with its tracker held for good.
#[test]
fn the_cron_replays_a_held_delivery_that_missed_its_release() {
    let edge = Edge::from_env();
    let lab = edge.webhooks("lab");
    let number = unique("1ZM");
    let order = ShopifyOrder::fresh()
        .tracking(&number)
        .fulfillment_status("success", Some("in_transit"));
    lab.shopify_order("orders/create", &order)
        .assert_receipt(200, "applied");
    let status = || {
        edge.lookup("lab", &order.number_shown(), &order.email_address())
            .order["shipments"][0]["status"]
            .clone()
    };
    assert_eq!(status(), "InTransit");

    let mut tracking = fixture("aftership/delivered_ok.json")["data"]["tracking"].clone();
    tracking["tracking_number"] = json!(number);
    let event = unique("as-");
    let body = json!({ "event": "tracking_update", "event_id": event, "msg": tracking, "ts": 1_400_000_000 })
        .to_string()
        .replace('\'', "''");
    let held_at = now_secs() - 120;
    aftercart_tests::try_d1(&format!(
        "INSERT INTO webhook_deliveries (shop_id, source, delivery_id, topic, outcome, received_at) \
         VALUES ('lab', 'aftership', '{event}', NULL, 'held', {held_at}); \
         INSERT INTO held_deliveries (shop_id, wait_key, source, delivery_id, topic, body, received_at, retry_at) \
         VALUES ('lab', 'tracking:{number}', 'aftership', '{event}', NULL, '{body}', {held_at}, {due})",
        due = held_at + 60,
    ))
    .unwrap();

    // A run replays at most a few dozen due deliveries, the longest due
    // first, and pushes back those that still wait: other tests' held
    // deliveries may take a run or two.
    let held = || {
        aftercart_tests::d1(&format!(
            "SELECT count(*) AS n FROM held_deliveries WHERE shop_id = 'lab' AND delivery_id = '{event}'"
        ))[0]["n"]
            .as_i64()
            .unwrap()
    };
    let mut runs = 0;
    while held() > 0 {
        runs += 1;
        assert!(runs <= 6, "still held after {runs} cron runs");
        let cron = edge.get("/__scheduled?cron=*+*+*+*+*", &[]);
        assert!(cron.status < 300, "{}", cron.text());
    }
    assert!(runs >= 1);
    assert_eq!(status(), "Delivered");
}
