//! The shopper API against a running edge and the seeded demo shop.
#![allow(
    clippy::unwrap_used,
    reason = "a test should stop at the first surprise"
)]

use aftercart_shared::token::OrderGrant;
use aftercart_shared::{OrderId, ShopId, UnixTime};
use aftercart_tests::{Edge, json};

#[test]
fn healthz_answers() {
    let edge = Edge::from_env();
    let reply = edge.get("/healthz", &[]);
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json()["ok"], true);
}

#[test]
fn lookup_returns_a_token_and_the_order_from_d1() {
    let edge = Edge::from_env();
    let (token, order) = edge.lookup("demo", "#1002", "erik@example.com");
    assert!(token.contains('.'));
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
        let (_, order) = edge.lookup("demo", number, email);
        assert_eq!(order["status"]["step"], step, "#{number}");
        assert_eq!(order["status"]["status"], status, "#{number}");
        assert_eq!(
            order["shipments"].as_array().map(Vec::len),
            Some(shipments),
            "#{number}"
        );
    }
    let (_, cancelled) = edge.lookup("demo", "1008", "liv@example.com");
    assert_eq!(cancelled["cancelled"], true);
}

#[test]
fn delivered_orders_carry_their_delivery_time() {
    let edge = Edge::from_env();
    let (_, order) = edge.lookup("demo", "1004", "nils@example.com");
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
        let (_, order) = edge.lookup("demo", number, email);
        assert_eq!(order["orderNumber"], "#1003", "{number:?} {email:?}");
    }
}

#[test]
fn wrong_email_and_unknown_order_are_indistinguishable() {
    let edge = Edge::from_env();
    let wrong_email = edge.post_json(
        "/v1/shops/demo/lookup",
        &json!({ "orderNumber": "1002", "email": "someone-else@example.com" }),
    );
    let unknown_order = edge.post_json(
        "/v1/shops/demo/lookup",
        &json!({ "orderNumber": "999999", "email": "erik@example.com" }),
    );
    let unknown_shop = edge.post_json(
        "/v1/shops/no-such-shop/lookup",
        &json!({ "orderNumber": "1002", "email": "erik@example.com" }),
    );
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
        let reply = edge.request(
            "POST",
            "/v1/shops/demo/lookup",
            &[("content-type", "application/json")],
            Some(body),
        );
        reply.assert_problem(400, "invalid_json");
    }
}

#[test]
fn invalid_fields_name_the_field() {
    let edge = Edge::from_env();
    let reply = edge.post_json(
        "/v1/shops/demo/lookup",
        &json!({ "orderNumber": "1002", "email": "not-an-email" }),
    );
    let problem = reply.assert_problem(400, "invalid_field");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap_or_default()
            .starts_with("email")
    );
    let reply = edge.post_json(
        "/v1/shops/demo/lookup",
        &json!({ "orderNumber": "  ", "email": "erik@example.com" }),
    );
    let problem = reply.assert_problem(400, "invalid_field");
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
    let (token, _) = edge.lookup("demo", "1002", "erik@example.com");
    let path = "/v1/shops/demo/orders/demo-1002";

    let ok = edge.get(path, &[("authorization", &format!("Bearer {token}"))]);
    assert_eq!(ok.status, 200, "{}", ok.text());
    assert_eq!(ok.json()["orderNumber"], "#1002");
    assert_eq!(ok.header("cache-control"), Some("no-store"));

    let missing = edge.get(path, &[]);
    missing.assert_problem(401, "unauthorized");
    assert_eq!(missing.header("www-authenticate"), Some("Bearer"));

    for bad in [
        "Bearer nonsense",
        "Bearer a.b",
        "Basic Zm9vOmJhcg==",
        "Bearer ",
    ] {
        edge.get(path, &[("authorization", bad)])
            .assert_problem(401, "unauthorized");
    }

    // A valid token for one order does not open another.
    let other = edge.get(
        "/v1/shops/demo/orders/demo-1003",
        &[("authorization", &format!("Bearer {token}"))],
    );
    other.assert_problem(401, "unauthorized");
}

#[test]
fn expired_and_forged_tokens_are_refused() {
    let edge = Edge::from_env();
    let secret = Edge::token_secret();
    let grant = |expires_at| OrderGrant {
        shop: ShopId::parse("demo").unwrap(),
        order: OrderId::parse("demo-1002").unwrap(),
        expires_at: UnixTime::from_secs(expires_at),
    };
    let path = "/v1/shops/demo/orders/demo-1002";

    let expired = grant(1_000).mint(secret.as_bytes()).unwrap();
    edge.get(path, &[("authorization", &format!("Bearer {expired}"))])
        .assert_problem(401, "token_expired");

    let forged = grant(4_000_000_000).mint(b"guessed-secret").unwrap();
    edge.get(path, &[("authorization", &format!("Bearer {forged}"))])
        .assert_problem(401, "unauthorized");

    let valid = grant(4_000_000_000).mint(secret.as_bytes()).unwrap();
    let reply = edge.get(path, &[("authorization", &format!("Bearer {valid}"))]);
    assert_eq!(reply.status, 200, "{}", reply.text());
}

#[test]
fn unknown_routes_and_methods_are_problems() {
    let edge = Edge::from_env();
    edge.get("/v1/nothing-here", &[])
        .assert_problem(404, "not_found");
    edge.get("/v1/shops/demo/lookup", &[])
        .assert_problem(405, "method_not_allowed");
    edge.request("DELETE", "/healthz", &[], None)
        .assert_problem(405, "method_not_allowed");
}

#[test]
fn cors_lets_merchant_sites_call_the_api() {
    let edge = Edge::from_env();
    let preflight = edge.request(
        "OPTIONS",
        "/v1/shops/demo/lookup",
        &[
            ("origin", "https://shop.example"),
            ("access-control-request-method", "POST"),
            ("access-control-request-headers", "content-type"),
        ],
        None,
    );
    assert_eq!(preflight.status, 204);
    assert_eq!(preflight.header("access-control-allow-origin"), Some("*"));
    assert!(
        preflight
            .header("access-control-allow-headers")
            .is_some_and(|h| h.contains("authorization") && h.contains("content-type"))
    );
    assert!(
        preflight
            .header("access-control-allow-methods")
            .is_some_and(|m| m.contains("POST"))
    );

    let reply = edge.post_json(
        "/v1/shops/demo/lookup",
        &json!({ "orderNumber": "1001", "email": "astrid@example.com" }),
    );
    assert_eq!(reply.header("access-control-allow-origin"), Some("*"));
}

#[test]
fn widget_assets_have_types_caching_and_cors() {
    let edge = Edge::from_env();
    let loader = edge.get("/widget.js", &[]);
    assert_eq!(loader.status, 200);
    assert!(
        loader
            .header("content-type")
            .is_some_and(|t| t.starts_with("text/javascript"))
    );
    assert_eq!(loader.header("cache-control"), Some("public, max-age=300"));
    assert_eq!(loader.header("access-control-allow-origin"), Some("*"));

    let source = loader.text();
    let mut bundle = Vec::new();
    for ext in [".wasm", ".js", ".css"] {
        let end = source
            .find(&format!("{ext}\""))
            .or_else(|| source.find(&format!("{ext}'")));
        let end = end.unwrap_or_else(|| panic!("loader names no {ext} file: {source}")) + ext.len();
        let start = source[..end].rfind("w/").expect("bundle path under w/");
        bundle.push((source[start..end].to_owned(), ext));
    }
    for (path, ext) in bundle {
        let reply = edge.get(&format!("/{path}"), &[]);
        assert_eq!(reply.status, 200, "{path}");
        let expected = match ext {
            ".wasm" => "application/wasm",
            ".css" => "text/css",
            _ => "text/javascript",
        };
        assert!(
            reply
                .header("content-type")
                .is_some_and(|t| t.starts_with(expected)),
            "{path}: {:?}",
            reply.header("content-type")
        );
        assert_eq!(
            reply.header("cache-control"),
            Some("public, max-age=31536000, immutable"),
            "{path}"
        );
        assert_eq!(reply.header("access-control-allow-origin"), Some("*"));
        if ext == ".wasm" {
            assert_eq!(&reply.body[..4], b"\0asm");
        }
    }

    edge.get("/w/aftercart-0000000000.wasm", &[])
        .assert_problem(404, "not_found");
    edge.get("/w/..%2Fwrangler.toml", &[])
        .assert_problem(404, "not_found");
}

#[test]
fn demo_store_embeds_the_widget_with_one_tag() {
    let edge = Edge::from_env();
    let page = edge.get("/", &[]);
    assert_eq!(page.status, 200);
    assert!(
        page.header("content-type")
            .is_some_and(|t| t.starts_with("text/html"))
    );
    let html = page.text();
    assert_eq!(html.matches("<script").count(), 1, "one tag, nothing else");
    assert!(html.contains(r#"<script src="/widget.js" data-shop="demo" async></script>"#));
}

#[test]
fn a_shopper_sees_their_other_orders_each_with_its_own_token() {
    let edge = Edge::from_env();
    let (_, order) = edge.lookup("demo", "1002", "erik@example.com");
    let others = order["otherOrders"].as_array().expect("otherOrders");
    assert_eq!(others.len(), 1, "{order}");
    let other = &others[0];
    assert_eq!(other["orderNumber"], "#1009");
    assert_eq!(other["step"], "Delivered");
    let token = other["token"].as_str().expect("token");
    let reply = edge.get(
        "/v1/shops/demo/orders/demo-1009",
        &[("authorization", &format!("Bearer {token}"))],
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
    let earlier = reply.json();
    assert_eq!(earlier["orderNumber"], "#1009");
    assert_eq!(
        earlier["lineItems"].as_array().map(Vec::len),
        Some(2),
        "{earlier}"
    );
    // And from there, #1002 is the other order.
    assert_eq!(earlier["otherOrders"][0]["orderNumber"], "#1002");

    // Shoppers with one order see none.
    let (_, single) = edge.lookup("demo", "1003", "ingrid@example.com");
    assert_eq!(single["otherOrders"].as_array().map(Vec::len), Some(0));
}

#[test]
fn merchants_mint_deep_links_that_open_one_order() {
    let edge = Edge::from_env();
    let path = "/v1/admin/shops/demo/links";
    let body = serde_json::to_vec(&json!({ "orderId": "demo-1004", "validDays": 14 })).unwrap();
    let request = |key: &str| {
        edge.request(
            "POST",
            path,
            &[("content-type", "application/json"), ("authorization", key)],
            Some(&body),
        )
    };
    request("Bearer wrong-key").assert_problem(401, "unauthorized");
    edge.request(
        "POST",
        path,
        &[("content-type", "application/json")],
        Some(&body),
    )
    .assert_problem(401, "unauthorized");
    // The demo key does not open another shop.
    edge.request(
        "POST",
        "/v1/admin/shops/lab/links",
        &[
            ("content-type", "application/json"),
            ("authorization", "Bearer demo-admin-key"),
        ],
        Some(&body),
    )
    .assert_problem(401, "unauthorized");

    let created = request("Bearer demo-admin-key");
    assert_eq!(created.status, 201, "{}", created.text());
    let link = created.json();
    let token = link["token"].as_str().expect("token");
    let expires = UnixTime::parse(link["expiresAt"].as_str().expect("expiresAt")).unwrap();
    let days = UnixTime::from_secs(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64,
    )
    .days_until(expires);
    assert!((13..=14).contains(&days), "{days}");

    // The token opens the order it names, with no order id in the URL.
    let reply = edge.get(
        "/v1/shops/demo/order",
        &[("authorization", &format!("Bearer {token}"))],
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(reply.json()["orderNumber"], "#1004");
    // And only that one.
    edge.get(
        "/v1/shops/demo/orders/demo-1005",
        &[("authorization", &format!("Bearer {token}"))],
    )
    .assert_problem(401, "unauthorized");

    let unknown = serde_json::to_vec(&json!({ "orderId": "no-such-order" })).unwrap();
    edge.request(
        "POST",
        path,
        &[
            ("content-type", "application/json"),
            ("authorization", "Bearer demo-admin-key"),
        ],
        Some(&unknown),
    )
    .assert_problem(404, "not_found");
    let too_long =
        serde_json::to_vec(&json!({ "orderId": "demo-1004", "validDays": 365 })).unwrap();
    edge.request(
        "POST",
        path,
        &[
            ("content-type", "application/json"),
            ("authorization", "Bearer demo-admin-key"),
        ],
        Some(&too_long),
    )
    .assert_problem(400, "invalid_field");
}
