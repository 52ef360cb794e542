//! The README's strongest claims, each tested so that the one-line change
//! that breaks it fails here (the mutation is named on each test). Where a
//! handler checks the same thing first, the test goes below it, to D1, so
//! the claim is proven where it is made.

use aftercart_shared::ingest::Source;
use aftercart_shared::returns::RmaNumber;
use aftercart_tests::{
    DAY, Edge, Session, ShopifyOrder, Value, d1, json, now_secs, try_d1, unique, unique_number,
};

use crate::engagement;
use crate::returns_admin::make_return;

const PROOF_KEY: &str = "proof-admin-key";

/// A fresh order of `lines` single units in `shop`, delivered yesterday.
fn delivered_order<'e>(edge: &'e Edge, shop: &str, lines: usize) -> Session<'e> {
    let items: Vec<Value> = (0..lines)
        .map(|i| {
            ShopifyOrder::line(
                unique_number(),
                &unique("p-"),
                &format!("Item {i}"),
                "20.00",
                &format!("SKU{i}"),
            )
        })
        .collect();
    ShopifyOrder::fresh()
        .items(&items)
        .tracking(&unique("1ZCLM"))
        .delivered(now_secs() - DAY)
        .place(edge, shop)
}

fn count(sql: &str) -> u64 {
    let rows = d1(sql);
    rows[0]["n"]
        .as_u64()
        .unwrap_or_else(|| panic!("{sql}: {rows:?}"))
}

/// Mutation: drop the trigger `return_items_never_exceed_the_order` (the
/// handler's own check answers the same 422, so only D1 can tell).
#[test]
fn the_database_refuses_return_items_beyond_the_ordered_quantity() {
    let edge = Edge::from_env();
    let shopper = delivered_order(&edge, "proof", 2);
    let order = shopper.order_id().to_owned();
    let lines = shopper.line_items();
    shopper
        .api
        .create_return(
            Some(&unique("k-")),
            &json!({
                "items": [{ "lineItemId": lines[0], "quantity": 1, "reason": { "reasonId": "changed_mind" } }],
                "resolution": "refund"
            }),
        )
        .assert_status(201);

    // A second return written past the handler, straight into D1.
    let seq = unique_number();
    let ret = format!(
        "INSERT INTO returns (shop_id, seq, order_id, status, resolution, currency, items_minor, bonus_minor, fee_minor, total_minor, idempotency_key, request_sha256, created_at) \
         VALUES ('proof', {seq}, '{order}', 'requested', 'refund', 'USD', 0, 0, 0, 0, '{key}', 'direct', 0);",
        key = unique("direct-")
    );
    let item = |line: &str| {
        format!(
            "INSERT INTO return_items (shop_id, seq, line_item_id, quantity, unit_price_minor, amount_minor, reason) \
             VALUES ('proof', {seq}, '{line}', 1, 2000, 2000, 'changed_mind');"
        )
    };
    try_d1(&ret).unwrap();
    let refused = try_d1(&item(&lines[0])).expect_err("a unit returned twice");
    assert!(refused.contains("over_returned"), "{refused}");
    // The same statement for the line not yet returned is accepted: it is
    // the quantity that is refused, not the statement.
    try_d1(&item(&lines[1])).unwrap();
    assert_eq!(
        count(&format!(
            "SELECT count(*) AS n FROM return_items WHERE shop_id = 'proof' AND seq = {seq}"
        )),
        1
    );
    try_d1(&format!(
        "DELETE FROM return_items WHERE shop_id = 'proof' AND seq = {seq}; DELETE FROM returns WHERE shop_id = 'proof' AND seq = {seq};"
    ))
    .unwrap();
}

/// Mutation: take the outbox insert out of the transition's batch (or out
/// of the creation's), so an event can commit without its outbox row.
#[test]
fn every_return_event_has_its_outbox_row_after_a_burst_of_concurrent_steps() {
    let edge = Edge::from_env();
    let desk = edge.admin("proof", PROOF_KEY);
    let rmas: Vec<String> = (0..3).map(|_| make_return(&edge, "proof").rma).collect();
    std::thread::scope(|scope| {
        for rma in &rmas {
            for event in ["approve", "approve", "reject", "approve"] {
                let desk = &desk;
                scope.spawn(move || desk.step(rma, event, None));
            }
        }
    });
    let seqs: Vec<String> = rmas
        .iter()
        .map(|rma| RmaNumber::parse(rma).unwrap().value().to_string())
        .collect();
    let ours = format!("e.shop_id = 'proof' AND e.seq IN ({})", seqs.join(", "));
    let events = count(&format!(
        "SELECT count(*) AS n FROM return_events e WHERE {ours}"
    ));
    // Created, then at least one step of each return.
    assert!(events >= 6, "{events} events for {rmas:?} ({seqs:?})");
    let orphans = count(&format!(
        "SELECT count(*) AS n FROM return_events e WHERE {ours} AND NOT EXISTS \
         (SELECT 1 FROM webhook_outbox o WHERE o.shop_id = e.shop_id AND o.seq = e.seq AND o.to_status = e.to_status)"
    ));
    assert_eq!(orphans, 0, "events without their outbox row");
}

/// Mutation: drop the `UNIQUE (shop_id, order_id, idempotency_key)`
/// constraint or the handler's answer to it, so the race branch makes two.
#[test]
fn one_idempotency_key_sent_twice_at_once_makes_one_return() {
    let edge = Edge::from_env();
    for _ in 0..3 {
        let shopper = delivered_order(&edge, "proof", 2);
        let key = unique("same-");
        let request = json!({
            "items": [{ "lineItemId": shopper.line_items()[0], "quantity": 1, "reason": { "reasonId": "changed_mind" } }],
            "resolution": "refund"
        });
        let replies: Vec<(u16, Value)> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..2)
                .map(|_| {
                    scope.spawn(|| {
                        let reply = shopper.api.create_return(Some(&key), &request);
                        (reply.status, reply.json())
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert_eq!(replies[0].0, 201, "{replies:?}");
        assert_eq!(replies[1].0, 201, "{replies:?}");
        assert_eq!(replies[0].1["rma"], replies[1].1["rma"], "{replies:?}");
        assert_eq!(
            count(&format!(
                "SELECT count(*) AS n FROM returns WHERE shop_id = 'proof' AND order_id = '{}'",
                shopper.order_id()
            )),
            1
        );
    }
}

/// Mutations: record a showing when the view is read, or drop the
/// `NOT EXISTS` that keeps one showing per visit.
#[test]
fn reading_the_prompt_is_not_showing_it_and_a_showing_counts_once_per_visit() {
    let edge = Edge::from_env();
    let shopper = engagement::order(&edge, &[&unique("p-")], Some(10));
    let events = || {
        count(&format!(
            "SELECT count(*) AS n FROM prompt_events WHERE shop_id = 'lab' AND order_id = '{}' AND action = 'shown'",
            shopper.order_id()
        ))
    };
    let prompt = engagement::engagement(&shopper)["prompt"]["prompt"].clone();
    assert_eq!(prompt["kind"], "reviewRequest", "a prompt is due");
    engagement::engagement(&shopper);
    assert_eq!(events(), 0, "reading the view recorded a showing");

    assert_eq!(shopper.api.event(&prompt, "shown").status, 204);
    assert_eq!(shopper.api.event(&prompt, "shown").status, 204);
    engagement::engagement(&shopper);
    assert_eq!(shopper.api.event(&prompt, "shown").status, 204);
    assert_eq!(events(), 1, "one visit, one showing");
}

/// Mutation: record the delivery (or anything) before the signature check.
#[test]
fn a_forged_delivery_writes_nothing_not_even_its_delivery_record() {
    let edge = Edge::from_env();
    let order = ShopifyOrder::fresh();
    let event = unique("forged-");
    let headers = [
        ("x-shopify-topic", "orders/create"),
        ("x-shopify-event-id", event.as_str()),
    ];
    let proof = edge.webhooks("proof");
    proof
        .signed_with("not-the-secret")
        .send(Source::Shopify, &headers, &order.body())
        .assert_problem(401, "invalid_signature");
    let traces = |table: &str, column: &str, value: &str| {
        count(&format!(
            "SELECT count(*) AS n FROM {table} WHERE shop_id = 'proof' AND {column} LIKE '%{value}%'"
        ))
    };
    assert_eq!(traces("webhook_deliveries", "delivery_id", &event), 0);
    assert_eq!(traces("orders", "id", &order.id()), 0);

    // The same delivery, signed: applied once, then a duplicate.
    proof
        .send(Source::Shopify, &headers, &order.body())
        .assert_receipt(200, "applied");
    proof
        .send(Source::Shopify, &headers, &order.body())
        .assert_receipt(200, "duplicate");
    assert_eq!(traces("webhook_deliveries", "delivery_id", &event), 1);
}

/// EasyPost's own published example (its client libraries' test vector)
/// is accepted with the secret as a merchant pastes it: the signature
/// passes, and the batch event it carries is then refused as not tracking
/// (422, not 401). Mutation: drop the NFKD normalization of EasyPost keys.
#[test]
fn easyposts_published_signed_example_passes_the_signature_check() {
    let edge = Edge::from_env();
    let body = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/tests/fixtures/signatures/easypost-batch-created.json"
    ))
    .unwrap();
    let proof = edge.webhooks("proof");
    let signed = [(
        "x-hmac-signature",
        "hmac-sha256-hex=e93977c8ccb20363d51a62b3fe1fc402b7829be1152da9e88cf9e8d07115a46b",
    )];
    proof
        .unsigned(Source::EasyPost, &signed, &body)
        .assert_problem(422, "unsupported_payload");
    let mut forged = body.clone();
    forged[10] ^= 1;
    proof
        .unsigned(Source::EasyPost, &signed, &forged)
        .assert_problem(401, "invalid_signature");
}
