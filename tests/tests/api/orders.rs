//! Looking an order up in the seeded demo shop, the order view and its
//! tokens, a shopper's other orders, and the merchant's deep links.

use aftercart_shared::UnixTime;
use aftercart_tests::shopper::{mint, mint_with};
use aftercart_tests::{Auth, Edge, json, now_secs};

#[test]
fn lookup_returns_a_token_and_the_order_from_d1() {
    let edge = Edge::from_env();
    let session = edge.lookup("demo", "#1002", "erik@example.com");
    let order = &session.order;
    assert!(session.token.contains('.'));
    assert_eq!(order["orderNumber"], "#1002");
    assert_eq!(order["customerFirstName"], "Erik");
    assert_eq!(order["status"]["step"], "InTransit");
    assert_eq!(order["status"]["status"], "InTransit");
    assert_eq!(order["lineItems"][0]["title"], "Fjällvind Down Jacket");
    let shipment = &order["shipments"][0];
    assert_eq!(shipment["carrier"], "PostNord");
    assert_eq!(shipment["trackingNumber"], "00370712345678901");
    let checkpoints = shipment["checkpoints"].as_array().expect("checkpoints");
    assert_eq!(checkpoints.len(), 3);
    // Newest first.
    assert_eq!(checkpoints[0]["message"], "Arrived at terminal");
    assert!(shipment["estimatedDelivery"].is_string());
}

#[test]
fn every_demo_state_is_reported() {
    let edge = Edge::from_env();
    let cases = [
        ("1001", "astrid@example.com", "Ordered", "Pending", 0),
        ("1002", "erik@example.com", "InTransit", "InTransit", 1),
        (
            "1003",
            "ingrid@example.com",
            "OutForDelivery",
            "OutForDelivery",
            1,
        ),
        ("1004", "nils@example.com", "Delivered", "Delivered", 1),
        ("1005", "sofia@example.com", "Delivered", "Delivered", 1),
        ("1006", "oskar@example.com", "InTransit", "Exception", 1),
        ("1007", "maja@example.com", "InTransit", "InTransit", 2),
    ];
    for (number, email, step, status, shipments) in cases {
        let order = edge.lookup("demo", number, email).order;
        assert_eq!(order["status"]["step"], step, "#{number}");
        assert_eq!(order["status"]["status"], status, "#{number}");
        assert_eq!(
            order["shipments"].as_array().map(Vec::len),
            Some(shipments),
            "#{number}"
        );
    }
    let cancelled = edge.lookup("demo", "1008", "liv@example.com").order;
    assert_eq!(cancelled["cancelled"], true);
}

#[test]
fn delivered_orders_carry_their_delivery_time() {
    let edge = Edge::from_env();
    let order = edge.lookup("demo", "1004", "nils@example.com").order;
    let delivered_at = order["shipments"][0]["deliveredAt"]
        .as_str()
        .expect("deliveredAt");
    let delivered = UnixTime::parse(delivered_at).expect("RFC 3339");
    let placed = UnixTime::parse(order["placedAt"].as_str().expect("placedAt")).expect("RFC 3339");
    assert_eq!(placed.days_until(delivered), 4);
}

#[test]
fn lookup_accepts_the_ways_shoppers_type() {
    let edge = Edge::from_env();
    for (number, email) in [
        ("1003", "ingrid@example.com"),
        ("#1003", "Ingrid@Example.com"),
        ("  # 1003 ", "  INGRID@EXAMPLE.COM  "),
    ] {
        let order = edge.lookup("demo", number, email).order;
        assert_eq!(order["orderNumber"], "#1003", "{number:?} {email:?}");
    }
}

#[test]
fn wrong_email_and_unknown_order_are_indistinguishable() {
    let edge = Edge::from_env();
    let wrong_email = edge.lookup_reply("demo", "1002", "someone-else@example.com");
    let unknown_order = edge.lookup_reply("demo", "999999", "erik@example.com");
    let unknown_shop = edge.lookup_reply("no-such-shop", "1002", "erik@example.com");
    let a = wrong_email.assert_problem(404, "not_found");
    let b = unknown_order.assert_problem(404, "not_found");
    let c = unknown_shop.assert_problem(404, "not_found");
    assert_eq!(a, b);
    assert_eq!(b, c);
    assert_eq!(wrong_email.body, unknown_order.body);
}

#[test]
fn malformed_json_is_a_400_problem() {
    let edge = Edge::from_env();
    for body in [&b"{not json"[..], b"", b"[]", b"{\"orderNumber\": 1002}"] {
        edge.client(Auth::None)
            .send_bytes("POST", "/v1/shops/demo/lookup", Some(body))
            .assert_problem(400, "invalid_json");
    }
}

#[test]
fn invalid_fields_name_the_field() {
    let edge = Edge::from_env();
    let problem = edge
        .lookup_reply("demo", "1002", "not-an-email")
        .assert_problem(400, "invalid_field");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap_or_default()
            .starts_with("email")
    );
    let problem = edge
        .lookup_reply("demo", "  ", "erik@example.com")
        .assert_problem(400, "invalid_field");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap_or_default()
            .starts_with("orderNumber")
    );
}

#[test]
fn oversized_bodies_are_refused_with_413() {
    let edge = Edge::from_env();
    let padding = "x".repeat(64 * 1024);
    let reply = edge.post_json(
        "/v1/shops/demo/lookup",
        &json!({ "orderNumber": "1002", "email": "erik@example.com", "padding": padding }),
    );
    reply.assert_problem(413, "payload_too_large");
}

#[test]
fn order_view_needs_a_valid_token_for_that_order() {
    let edge = Edge::from_env();
    let erik = edge.lookup("demo", "1002", "erik@example.com");
    assert_eq!(erik.order_id(), "demo-1002");

    let ok = erik.api.view();
    ok.assert_status(200);
    assert_eq!(ok.json()["orderNumber"], "#1002");
    assert_eq!(ok.header("cache-control"), Some("no-store"));

    let missing = erik.api.with_auth(Auth::None).view();
    missing.assert_problem(401, "unauthorized");
    assert_eq!(missing.header("www-authenticate"), Some("Bearer"));

    for bad in [
        "Bearer nonsense",
        "Bearer a.b",
        "Basic Zm9vOmJhcg==",
        "Bearer ",
    ] {
        erik.api
            .with_auth(Auth::Raw(bad.to_owned()))
            .view()
            .assert_problem(401, "unauthorized");
    }

    // A valid token for one order does not open another.
    edge.order("demo", "demo-1003", &erik.token)
        .view()
        .assert_problem(401, "unauthorized");
}

#[test]
fn expired_and_forged_tokens_are_refused() {
    let edge = Edge::from_env();
    let order = |token: &str| edge.order("demo", "demo-1002", token).view();

    order(&mint("demo", "demo-1002", 1_000)).assert_problem(401, "token_expired");
    order(&mint_with(
        "demo",
        "demo-1002",
        4_000_000_000,
        b"guessed-secret",
    ))
    .assert_problem(401, "unauthorized");
    order(&mint("demo", "demo-1002", 4_000_000_000)).assert_status(200);
}

#[test]
fn a_shopper_sees_their_other_orders_and_opens_each_by_its_own_proof() {
    let edge = Edge::from_env();
    let erik = edge.lookup("demo", "1002", "erik@example.com");
    let others = erik.order["otherOrders"].as_array().expect("otherOrders");
    assert_eq!(others.len(), 1, "{}", erik.order);
    let other = &others[0];
    assert_eq!(other["orderNumber"], "#1009");
    assert_eq!(other["step"], "Delivered");
    // Listed, not opened: no token comes with it, and #1002's token does
    // not open it.
    assert!(other.get("token").is_none(), "{other}");
    edge.order("demo", "demo-1009", &erik.token)
        .view()
        .assert_problem(401, "unauthorized");
    // Its own number and the email open it, as the widget does.
    let earlier = edge.lookup("demo", "1009", "erik@example.com").order;
    assert_eq!(
        earlier["lineItems"].as_array().map(Vec::len),
        Some(2),
        "{earlier}"
    );
    assert_eq!(earlier["otherOrders"][0]["orderNumber"], "#1002");

    // Shoppers with one order see none.
    let single = edge.lookup("demo", "1003", "ingrid@example.com").order;
    assert_eq!(single["otherOrders"].as_array().map(Vec::len), Some(0));
}

#[test]
fn merchants_mint_deep_links_that_open_one_order() {
    let edge = Edge::from_env();
    let demo = edge.admin("demo", "demo-admin-key");
    let body = json!({ "orderId": "demo-1004", "validDays": 14 });
    demo.with_auth(Auth::bearer("wrong-key"))
        .mint_link(&body)
        .assert_problem(401, "unauthorized");
    demo.with_auth(Auth::None)
        .mint_link(&body)
        .assert_problem(401, "unauthorized");
    // The demo key does not open another shop.
    edge.admin("lab", "demo-admin-key")
        .mint_link(&body)
        .assert_problem(401, "unauthorized");

    let created = demo.mint_link(&body);
    created.assert_status(201);
    let link = created.json();
    let token = link["token"].as_str().expect("token");
    let expires = UnixTime::parse(link["expiresAt"].as_str().expect("expiresAt")).unwrap();
    let days = UnixTime::from_secs(now_secs()).days_until(expires);
    assert!((13..=14).contains(&days), "{days}");

    // The token opens the order it names, with no order id in the URL.
    let reply = edge.linked_order("demo", token);
    reply.assert_status(200);
    assert_eq!(reply.json()["orderNumber"], "#1004");
    // And only that one.
    edge.order("demo", "demo-1005", token)
        .view()
        .assert_problem(401, "unauthorized");

    demo.mint_link(&json!({ "orderId": "no-such-order" }))
        .assert_problem(404, "not_found");
    demo.mint_link(&json!({ "orderId": "demo-1004", "validDays": 365 }))
        .assert_problem(400, "invalid_field");
}
