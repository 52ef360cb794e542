//! The merchant's side of returns against the running edge: admin auth,
//! the list, every lifecycle step with its history, races between steps,
//! settings, and signed outbound webhooks that are logged and retried.
#![allow(
    clippy::unwrap_used,
    reason = "a test should stop at the first surprise"
)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use aftercart_shared::ingest::Source;
use aftercart_shared::token::hmac_sha256;
use aftercart_tests::{Edge, Reply, Value, fixture, json, unique, unique_number};

const DESK_KEY: &str = "desk-admin-key";
const HOOKS_KEY: &str = "hooks-admin-key";

/// A shopper's return on a fresh delivered order in `shop`.
struct Made {
    token: String,
    order_id: String,
    rma: String,
}

fn delivered_order(edge: &Edge, shop: &str) -> (String, String, String) {
    let mut order = fixture("shopify/order.json")["order"].clone();
    let number = unique("A");
    let email = format!("{}@example.com", unique("admin"));
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    order["id"] = json!(unique_number());
    order["name"] = json!(format!("#{number}"));
    order["email"] = json!(email);
    let fulfillment = &mut order["fulfillments"][0];
    fulfillment["id"] = json!(unique_number());
    fulfillment["status"] = json!("success");
    fulfillment["shipment_status"] = json!("delivered");
    let tracking = unique("1ZADM");
    fulfillment["tracking_number"] = json!(tracking);
    fulfillment["tracking_numbers"] = json!([tracking]);
    fulfillment["updated_at"] =
        json!(aftercart_shared::UnixTime::from_secs(now - 86_400).to_rfc3339());
    let body = serde_json::to_vec(&order).unwrap();
    let secret = format!("{shop}-shopify-secret");
    let stored = edge.webhook(
        shop,
        Source::Shopify,
        &secret,
        &[
            ("x-shopify-topic", "orders/create"),
            ("x-shopify-event-id", &unique("evt-")),
        ],
        &body,
    );
    assert_eq!(stored.status, 200, "{}", stored.text());
    let (token, view) = edge.lookup(shop, &format!("#{number}"), &email);
    let order_id = view["id"].as_str().unwrap().to_owned();
    let line_item = view["lineItems"][0]["id"].as_str().unwrap().to_owned();
    (token, order_id, line_item)
}

fn make_return(edge: &Edge, shop: &str) -> Made {
    let (token, order_id, line_item) = delivered_order(edge, shop);
    let body = serde_json::to_vec(&json!({
        "items": [{ "lineItemId": line_item, "quantity": 1, "reason": { "reasonId": "changed_mind" } }],
        "resolution": "refund"
    }))
    .unwrap();
    let reply = edge.request(
        "POST",
        &format!("/v1/shops/{shop}/orders/{order_id}/returns"),
        &[
            ("content-type", "application/json"),
            ("authorization", &format!("Bearer {token}")),
            ("idempotency-key", &unique("k-")),
        ],
        Some(&body),
    );
    assert_eq!(reply.status, 201, "{}", reply.text());
    Made {
        token,
        order_id,
        rma: reply.json()["rma"].as_str().unwrap().to_owned(),
    }
}

fn admin(edge: &Edge, method: &str, path: &str, key: &str, body: Option<&Value>) -> Reply {
    let bearer = format!("Bearer {key}");
    let bytes = body.map(|b| serde_json::to_vec(b).unwrap());
    edge.request(
        method,
        path,
        &[
            ("authorization", &bearer),
            ("content-type", "application/json"),
        ],
        bytes.as_deref(),
    )
}

fn step(edge: &Edge, rma: &str, event: &str, body: Option<&Value>) -> Reply {
    admin(
        edge,
        "POST",
        &format!("/v1/admin/shops/desk/returns/{rma}/{event}"),
        DESK_KEY,
        body,
    )
}

fn shopper_view(edge: &Edge, shop: &str, made: &Made) -> Value {
    let reply = edge.get(
        &format!("/v1/shops/{shop}/orders/{}/returns", made.order_id),
        &[("authorization", &format!("Bearer {}", made.token))],
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
    reply.json()["returns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rma"] == made.rma.as_str())
        .cloned()
        .unwrap()
}

#[test]
fn admin_routes_need_that_shops_own_key() {
    let edge = Edge::from_env();
    let made = make_return(&edge, "desk");
    let rma = &made.rma;
    let routes = [
        ("GET", "/v1/admin/shops/desk/returns".to_owned()),
        ("GET", format!("/v1/admin/shops/desk/returns/{rma}")),
        (
            "POST",
            format!("/v1/admin/shops/desk/returns/{rma}/approve"),
        ),
        (
            "GET",
            "/v1/admin/shops/desk/settings/returns_policy".to_owned(),
        ),
        (
            "PUT",
            "/v1/admin/shops/desk/settings/returns_policy".to_owned(),
        ),
        ("GET", "/v1/admin/shops/desk/webhook-deliveries".to_owned()),
        (
            "POST",
            "/v1/admin/shops/desk/webhook-deliveries/1/retry".to_owned(),
        ),
    ];
    for (method, path) in &routes {
        edge.request(method, path, &[], Some(b"{}"))
            .assert_problem(401, "unauthorized");
        for key in ["wrong-key", "demo-admin-key", "hooks-admin-key"] {
            admin(&edge, method, path, key, Some(&json!({}))).assert_problem(401, "unauthorized");
        }
        // A shopper's token is not an admin key either.
        admin(&edge, method, path, &made.token, Some(&json!({})))
            .assert_problem(401, "unauthorized");
    }
    // Nothing moved.
    let one = admin(
        &edge,
        "GET",
        &format!("/v1/admin/shops/desk/returns/{rma}"),
        DESK_KEY,
        None,
    );
    assert_eq!(one.status, 200, "{}", one.text());
    assert_eq!(one.json()["status"], "requested");
    // Unknown returns, actions and settings are 404s, not 500s.
    admin(
        &edge,
        "GET",
        "/v1/admin/shops/desk/returns/R-2222",
        DESK_KEY,
        None,
    )
    .assert_problem(404, "not_found");
    step(&edge, rma, "teleport", None).assert_problem(404, "not_found");
    admin(
        &edge,
        "GET",
        "/v1/admin/shops/desk/settings/nonsense",
        DESK_KEY,
        None,
    )
    .assert_problem(404, "not_found");
    // Another shop's return is not found with this shop's key.
    admin(
        &edge,
        "GET",
        &format!("/v1/admin/shops/hooks/returns/{rma}"),
        HOOKS_KEY,
        None,
    )
    .assert_problem(404, "not_found");
}

#[test]
fn the_list_is_newest_first_paginated_and_filtered() {
    let edge = Edge::from_env();
    let mine: Vec<String> = (0..3).map(|_| make_return(&edge, "desk").rma).collect();
    step(&edge, &mine[1], "approve", None);

    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/v1/admin/shops/desk/returns?limit=2&cursor={c}"),
            None => "/v1/admin/shops/desk/returns?limit=2".to_owned(),
        };
        let page = admin(&edge, "GET", &path, DESK_KEY, None);
        assert_eq!(page.status, 200, "{}", page.text());
        let page = page.json();
        let items = page["items"].as_array().unwrap();
        assert!(items.len() <= 2);
        for item in items {
            assert!(item["items"][0]["lineItemId"].is_string(), "{item}");
            assert!(item["totalMinor"].is_i64(), "{item}");
            assert!(item["history"].as_array().is_some_and(|h| !h.is_empty()));
            seen.push(item["rma"].as_str().unwrap().to_owned());
        }
        match page["nextCursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    let positions: Vec<usize> = mine
        .iter()
        .map(|rma| seen.iter().position(|s| s == rma).unwrap())
        .collect();
    assert!(
        positions[2] < positions[1] && positions[1] < positions[0],
        "newest first: {positions:?}"
    );
    let mut unique_seen = seen.clone();
    unique_seen.sort();
    unique_seen.dedup();
    assert_eq!(unique_seen.len(), seen.len(), "no return on two pages");

    let approved = admin(
        &edge,
        "GET",
        "/v1/admin/shops/desk/returns?status=approved&limit=100",
        DESK_KEY,
        None,
    )
    .json();
    let approved: Vec<&Value> = approved["items"].as_array().unwrap().iter().collect();
    assert!(approved.iter().all(|r| r["status"] == "approved"));
    assert!(approved.iter().any(|r| r["rma"] == mine[1].as_str()));
    assert!(!approved.iter().any(|r| r["rma"] == mine[0].as_str()));

    for bad in ["status=lost", "cursor=abc", "limit=0", "limit=101"] {
        admin(
            &edge,
            "GET",
            &format!("/v1/admin/shops/desk/returns?{bad}"),
            DESK_KEY,
            None,
        )
        .assert_problem(400, "invalid_field");
    }
}

/// Walks `events` and checks the status after each one.
fn walk(edge: &Edge, rma: &str, events: &[(&str, &str)]) -> Value {
    let mut last = Value::Null;
    for (event, status) in events {
        let reply = step(edge, rma, event, None);
        assert_eq!(reply.status, 200, "{event}: {}", reply.text());
        last = reply.json();
        assert_eq!(last["status"], *status, "{event}");
    }
    last
}

#[test]
fn every_legal_transition_is_recorded_with_actor_and_time() {
    let edge = Edge::from_env();
    let started = aftercart_shared::UnixTime::from_secs(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64
            - 5,
    );

    // requested → approved (with a note) → in transit → received → refunded → closed
    let refund = make_return(&edge, "desk");
    let approved = step(
        &edge,
        &refund.rma,
        "approve",
        Some(&json!({ "note": "  Label sent by email  " })),
    );
    assert_eq!(approved.status, 200, "{}", approved.text());
    let approved = approved.json();
    assert_eq!(
        approved["actions"],
        json!(["reject", "cancel", "ship", "receive"])
    );
    let closed = walk(
        &edge,
        &refund.rma,
        &[
            ("ship", "in_transit"),
            ("receive", "received"),
            ("refund", "refunded"),
            ("close", "closed"),
        ],
    );
    assert_eq!(closed["actions"], json!([]));
    let history = closed["history"].as_array().unwrap();
    let steps: Vec<(&str, &str, Option<&str>)> = history
        .iter()
        .map(|h| {
            (
                h["actor"].as_str().unwrap(),
                h["to"].as_str().unwrap(),
                h["from"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        steps,
        [
            ("shopper", "requested", None),
            ("merchant", "approved", Some("requested")),
            ("merchant", "in_transit", Some("approved")),
            ("merchant", "received", Some("in_transit")),
            ("merchant", "refunded", Some("received")),
            ("merchant", "closed", Some("refunded")),
        ]
    );
    assert_eq!(history[1]["note"], "Label sent by email");
    for entry in history {
        let at = aftercart_shared::UnixTime::parse(entry["at"].as_str().unwrap()).unwrap();
        assert!(at >= started, "{entry}");
    }
    // The shopper sees the status and the history, without merchant notes.
    let seen = shopper_view(&edge, "desk", &refund);
    assert_eq!(seen["status"], "closed");
    assert_eq!(seen["history"].as_array().unwrap().len(), 6);
    assert!(seen["history"][1].get("note").is_none(), "{seen}");
    assert_eq!(seen["history"][1]["actor"], "merchant");

    // Drop-off without tracking: approved → received, then store credit.
    let credit = make_return(&edge, "desk");
    walk(
        &edge,
        &credit.rma,
        &[
            ("approve", "approved"),
            ("receive", "received"),
            ("credit", "credited"),
            ("close", "closed"),
        ],
    );
    let exchange = make_return(&edge, "desk");
    walk(
        &edge,
        &exchange.rma,
        &[
            ("approve", "approved"),
            ("receive", "received"),
            ("exchange", "exchanged"),
            ("close", "closed"),
        ],
    );

    // Rejections, from each status that allows one, and nothing after.
    for before in [
        &[][..],
        &["approve"][..],
        &["approve", "ship"][..],
        &["approve", "receive"][..],
    ] {
        let made = make_return(&edge, "desk");
        for event in before {
            assert_eq!(step(&edge, &made.rma, event, None).status, 200);
        }
        let rejected = step(
            &edge,
            &made.rma,
            "reject",
            Some(&json!({ "note": "Worn, tags removed" })),
        );
        assert_eq!(rejected.status, 200, "{}", rejected.text());
        let rejected = rejected.json();
        assert_eq!(rejected["status"], "rejected");
        let last = rejected["history"]
            .as_array()
            .unwrap()
            .last()
            .unwrap()
            .clone();
        assert_eq!(last["note"], "Worn, tags removed");
        step(&edge, &made.rma, "approve", None).assert_problem(409, "invalid_transition");
        assert_eq!(shopper_view(&edge, "desk", &made)["status"], "rejected");
    }
}

#[test]
fn illegal_transitions_are_conflicts_and_change_nothing() {
    let edge = Edge::from_env();
    let made = make_return(&edge, "desk");
    for event in ["ship", "receive", "refund", "credit", "exchange", "close"] {
        let problem = step(&edge, &made.rma, event, None).assert_problem(409, "invalid_transition");
        assert!(
            problem["detail"].as_str().unwrap().contains("requested"),
            "{problem}"
        );
    }
    step(&edge, &made.rma, "approve", Some(&json!({ "bogus": 1 })))
        .assert_problem(400, "invalid_json");
    let long = "x".repeat(1001);
    step(&edge, &made.rma, "approve", Some(&json!({ "note": long })))
        .assert_problem(400, "invalid_field");
    let one = admin(
        &edge,
        "GET",
        &format!("/v1/admin/shops/desk/returns/{}", made.rma),
        DESK_KEY,
        None,
    )
    .json();
    assert_eq!(one["status"], "requested");
    assert_eq!(one["history"].as_array().unwrap().len(), 1);
    walk(
        &edge,
        &made.rma,
        &[("approve", "approved"), ("receive", "received")],
    );
    step(&edge, &made.rma, "approve", None).assert_problem(409, "invalid_transition");
    step(&edge, &made.rma, "ship", None).assert_problem(409, "invalid_transition");
    step(&edge, &made.rma, "close", None).assert_problem(409, "invalid_transition");
}

#[test]
fn a_shopper_may_cancel_only_before_the_parcel_is_on_its_way() {
    let edge = Edge::from_env();
    let cancel = |made: &Made, token: &str| {
        edge.request(
            "POST",
            &format!(
                "/v1/shops/desk/orders/{}/returns/{}/cancel",
                made.order_id, made.rma
            ),
            &[("authorization", &format!("Bearer {token}"))],
            None,
        )
    };
    let made = make_return(&edge, "desk");
    cancel(&made, "not-a-token").assert_problem(401, "unauthorized");
    // Another order's token does not reach this return.
    let other = make_return(&edge, "desk");
    cancel(&made, &other.token).assert_problem(401, "unauthorized");

    let reply = cancel(&made, &made.token);
    assert_eq!(reply.status, 200, "{}", reply.text());
    let view = reply.json();
    assert_eq!(view["status"], "cancelled");
    assert_eq!(view["history"][1]["actor"], "shopper");
    cancel(&made, &made.token).assert_problem(409, "invalid_transition");
    step(&edge, &made.rma, "approve", None).assert_problem(409, "invalid_transition");

    // Once shipped, it is the merchant's to decide.
    walk(
        &edge,
        &other.rma,
        &[("approve", "approved"), ("ship", "in_transit")],
    );
    cancel(&other, &other.token).assert_problem(409, "invalid_transition");
    // An RMA that is not this order's is not found.
    let third = make_return(&edge, "desk");
    let foreign = Made {
        token: third.token.clone(),
        order_id: third.order_id.clone(),
        rma: other.rma.clone(),
    };
    cancel(&foreign, &third.token).assert_problem(404, "not_found");
}

/// Sends `events` for `rma` all at once; the statuses, in order.
fn at_once(edge: &Edge, rma: &str, events: &[&str]) -> Vec<u16> {
    std::thread::scope(|scope| {
        let handles: Vec<_> = events
            .iter()
            .map(|event| {
                let (edge, rma) = (edge.clone(), rma.to_owned());
                scope.spawn(move || step(&edge, &rma, event, None).status)
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
}

// Steps that exclude each other whichever lands first: of approve and
// reject, reject is still legal after approve, so racing those two can
// rightly give two 200s; refund, credit and exchange of a received return
// cannot.
#[test]
fn concurrent_transitions_of_one_return_never_both_apply() {
    let edge = Edge::from_env();
    for round in 0..3 {
        let made = make_return(&edge, "desk");
        let statuses = at_once(&edge, &made.rma, &["approve"; 4]);
        assert_eq!(
            statuses.iter().filter(|s| **s == 200).count(),
            1,
            "{statuses:?}"
        );
        assert_eq!(
            statuses.iter().filter(|s| **s == 409).count(),
            3,
            "{statuses:?}"
        );

        assert_eq!(step(&edge, &made.rma, "receive", None).status, 200);
        let endings = [
            "refund", "credit", "exchange", "refund", "credit", "exchange",
        ];
        let statuses = at_once(&edge, &made.rma, &endings);
        assert_eq!(
            statuses.iter().filter(|s| **s == 200).count(),
            1,
            "{statuses:?}"
        );
        assert_eq!(
            statuses.iter().filter(|s| **s == 409).count(),
            5,
            "{statuses:?}"
        );

        let one = admin(
            &edge,
            "GET",
            &format!("/v1/admin/shops/desk/returns/{}", made.rma),
            DESK_KEY,
            None,
        )
        .json();
        let history = one["history"].as_array().unwrap();
        let path: Vec<&str> = history.iter().map(|h| h["to"].as_str().unwrap()).collect();
        assert_eq!(
            path.len(),
            4,
            "round {round}: exactly one step each time: {one}"
        );
        assert_eq!(path[..3], ["requested", "approved", "received"]);
        assert_eq!(path[3], one["status"].as_str().unwrap());
        assert!(["refunded", "credited", "exchanged"].contains(&path[3]));
    }
}

#[test]
fn settings_are_validated_and_secrets_never_echoed() {
    let edge = Edge::from_env();
    let path = "/v1/admin/shops/desk/settings/returns_policy";
    let current = admin(&edge, "GET", path, DESK_KEY, None);
    assert_eq!(current.status, 200, "{}", current.text());
    let mut policy = current.json()["value"].clone();
    assert_eq!(policy["currency"], "USD");

    // A valid change is stored and read back.
    policy["window"]["days"] = json!(45);
    let put = admin(&edge, "PUT", path, DESK_KEY, Some(&policy));
    assert_eq!(put.status, 200, "{}", put.text());
    let back = admin(&edge, "GET", path, DESK_KEY, None).json();
    assert_eq!(back["value"]["window"]["days"], 45);

    // Invalid documents say why and change nothing.
    edge.request(
        "PUT",
        path,
        &[("authorization", &format!("Bearer {DESK_KEY}"))],
        Some(b"{not json"),
    )
    .assert_problem(400, "invalid_json");
    let mut bad = policy.clone();
    bad["currency"] = json!("DOLLARS");
    let problem =
        admin(&edge, "PUT", path, DESK_KEY, Some(&bad)).assert_problem(400, "invalid_field");
    assert!(
        problem["detail"].as_str().unwrap().contains("currency"),
        "{problem}"
    );
    assert_eq!(
        admin(&edge, "GET", path, DESK_KEY, None).json()["value"]["window"]["days"],
        45
    );
    policy["window"]["days"] = json!(30);
    assert_eq!(
        admin(&edge, "PUT", path, DESK_KEY, Some(&policy)).status,
        200
    );

    let catalog = "/v1/admin/shops/desk/settings/product_catalog";
    admin(&edge, "GET", catalog, DESK_KEY, None).assert_problem(404, "not_found");
    admin(&edge, "PUT", catalog, DESK_KEY, Some(&json!(["p-1"])))
        .assert_problem(400, "invalid_field");
    let put = admin(
        &edge,
        "PUT",
        catalog,
        DESK_KEY,
        Some(&json!({ "p-1": { "category": "shoes" } })),
    );
    assert_eq!(put.status, 200, "{}", put.text());

    // The webhook's secret is stored, never shown.
    let hook = "/v1/admin/shops/desk/settings/return_webhook";
    for bad in [
        json!({ "url": "http://shop.example.com/h", "secret": "0123456789abcdef" }),
        json!({ "url": "https://shop.example.com/h", "secret": "short" }),
        json!({ "url": "https://shop.example.com/h" }),
    ] {
        admin(&edge, "PUT", hook, DESK_KEY, Some(&bad)).assert_problem(400, "invalid_field");
    }
    admin(&edge, "GET", hook, DESK_KEY, None).assert_problem(404, "not_found");
    let secret = "desk-hook-secret-do-not-echo";
    // An address nothing listens on: desk's events fail quietly, in the background.
    let put = admin(
        &edge,
        "PUT",
        hook,
        DESK_KEY,
        Some(&json!({ "url": "http://127.0.0.1:9/desk", "secret": secret })),
    );
    assert_eq!(put.status, 200, "{}", put.text());
    assert!(!put.text().contains(secret));
    let shown = admin(&edge, "GET", hook, DESK_KEY, None);
    assert_eq!(shown.status, 200);
    assert!(!shown.text().contains(secret), "{}", shown.text());
    assert_eq!(shown.json()["value"]["url"], "http://127.0.0.1:9/desk");
    assert_eq!(shown.json()["value"]["secretSet"], true);
}

/// What the receiver saw of one request.
#[derive(Debug, Clone)]
struct Received {
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Received {
    fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("no {name} header"))
    }
}

/// A merchant endpoint on 127.0.0.1: 500 to the first request for each
/// event id, 200 after.
fn receiver() -> (String, Arc<Mutex<Vec<Received>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/aftercart", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::<Received>::new()));
    let log = Arc::clone(&seen);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut headers = Vec::new();
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            loop {
                line.clear();
                reader.read_line(&mut line).unwrap();
                let trimmed = line.trim_end();
                if trimmed.is_empty() {
                    break;
                }
                let (k, v) = trimmed.split_once(':').unwrap();
                headers.push((k.trim().to_owned(), v.trim().to_owned()));
            }
            let length: usize = headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
                .map_or(0, |(_, v)| v.parse().unwrap());
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            let got = Received { headers, body };
            let event = got.header("aftercart-event-id").to_owned();
            let mut log = log.lock().unwrap();
            let first = !log.iter().any(|r| r.header("aftercart-event-id") == event);
            log.push(got);
            drop(log);
            let status = if first {
                "500 Internal Server Error"
            } else {
                "200 OK"
            };
            let _ = stream.write_all(
                format!("HTTP/1.1 {status}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
                    .as_bytes(),
            );
        }
    });
    (url, seen)
}

fn wait_for<T>(what: &str, mut check: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(value) = check() {
            return value;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn delivery_for(edge: &Edge, event_id: &str) -> Option<Value> {
    let page = admin(
        edge,
        "GET",
        "/v1/admin/shops/hooks/webhook-deliveries",
        HOOKS_KEY,
        None,
    );
    assert_eq!(page.status, 200, "{}", page.text());
    page.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["eventId"] == event_id)
        .cloned()
}

#[test]
fn return_events_are_signed_delivered_logged_and_retried() {
    let edge = Edge::from_env();
    let (url, seen) = receiver();
    let secret = "hooks-signing-secret-0123456789";
    let put = admin(
        &edge,
        "PUT",
        "/v1/admin/shops/hooks/settings/return_webhook",
        HOOKS_KEY,
        Some(&json!({ "url": url, "secret": secret })),
    );
    assert_eq!(put.status, 200, "{}", put.text());

    let made = make_return(&edge, "hooks");
    let created_id = format!("{}.requested", made.rma);

    // The first attempt happens right after the shopper's request.
    let first = wait_for("the first delivery", || {
        seen.lock().unwrap().first().cloned()
    });
    assert_eq!(first.header("aftercart-event-id"), created_id);
    assert_eq!(first.header("aftercart-event-type"), "return.created");
    assert_eq!(first.header("content-type"), "application/json");
    let signature = first.header("aftercart-signature");
    let (t, mac) = signature
        .strip_prefix("t=")
        .and_then(|rest| rest.split_once(",v1="))
        .unwrap();
    let mut signed = format!("{t}.").into_bytes();
    signed.extend_from_slice(&first.body);
    let expected: String = hmac_sha256(secret.as_bytes(), &signed)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        mac, expected,
        "signature over t.body with the shop's secret"
    );
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    assert!((now - t.parse::<i64>().unwrap()).abs() < 60);
    let event: Value = serde_json::from_slice(&first.body).unwrap();
    assert_eq!(event["id"], created_id.as_str());
    assert_eq!(event["type"], "return.created");
    assert_eq!(event["shop"], "hooks");
    assert_eq!(event["return"]["rma"], made.rma.as_str());
    assert_eq!(event["return"]["orderId"], made.order_id.as_str());
    assert_eq!(event["return"]["status"], "requested");
    assert!(event["return"]["totalMinor"].is_i64());
    assert_eq!(event["transition"]["actor"], "shopper");

    // The 500 is logged, and a retry is scheduled.
    let failed = wait_for("the failed attempt in the log", || {
        delivery_for(&edge, &created_id).filter(|d| d["attempts"].as_array().unwrap().len() == 1)
    });
    assert_eq!(failed["state"], "pending", "{failed}");
    assert_eq!(failed["attempts"][0]["attempt"], 1);
    assert_eq!(failed["attempts"][0]["httpStatus"], 500);
    assert!(failed["attempts"][0]["durationMs"].is_u64());
    assert!(failed["nextAttemptAt"].is_string(), "{failed}");

    // The cron trigger retries it once it is due (1 s in the test set-up).
    std::thread::sleep(Duration::from_millis(1_500));
    let delivered = wait_for("the retry by the cron trigger", || {
        let cron = edge.get("/__scheduled?cron=*+*+*+*+*", &[]);
        assert!(cron.status < 300, "{}", cron.text());
        delivery_for(&edge, &created_id).filter(|d| d["state"] == "delivered")
    });
    let attempts = delivered["attempts"].as_array().unwrap();
    assert_eq!(attempts.len(), 2, "{delivered}");
    assert_eq!(attempts[1]["attempt"], 2);
    assert_eq!(attempts[1]["httpStatus"], 200);
    assert!(delivered["nextAttemptAt"].is_null());
    {
        let seen = seen.lock().unwrap();
        let same: Vec<&Received> = seen
            .iter()
            .filter(|r| r.header("aftercart-event-id") == created_id)
            .collect();
        assert_eq!(same.len(), 2);
        // The same event both times, so the receiver can deduplicate.
        let again: Value = serde_json::from_slice(&same[1].body).unwrap();
        assert_eq!(again, event);
    }

    // A merchant's transition is an event too, with their note.
    let approve = admin(
        &edge,
        "POST",
        &format!("/v1/admin/shops/hooks/returns/{}/approve", made.rma),
        HOOKS_KEY,
        Some(&json!({ "note": "ok" })),
    );
    assert_eq!(approve.status, 200, "{}", approve.text());
    let approved_id = format!("{}.approved", made.rma);
    let approved = wait_for("the approval event", || {
        seen.lock()
            .unwrap()
            .iter()
            .find(|r| r.header("aftercart-event-id") == approved_id)
            .cloned()
    });
    let body: Value = serde_json::from_slice(&approved.body).unwrap();
    assert_eq!(body["type"], "return.approved");
    assert_eq!(body["transition"]["from"], "requested");
    assert_eq!(body["transition"]["note"], "ok");
    assert_eq!(body["transition"]["actor"], "merchant");

    // "Send again" delivers now and logs a third attempt.
    let id = delivered["id"].as_i64().unwrap();
    let retried = admin(
        &edge,
        "POST",
        &format!("/v1/admin/shops/hooks/webhook-deliveries/{id}/retry"),
        HOOKS_KEY,
        None,
    );
    assert_eq!(retried.status, 200, "{}", retried.text());
    let retried = retried.json();
    assert_eq!(retried["state"], "delivered", "{retried}");
    assert_eq!(retried["attempts"].as_array().unwrap().len(), 3);
    assert_eq!(retried["attempts"][2]["httpStatus"], 200);
    admin(
        &edge,
        "POST",
        "/v1/admin/shops/hooks/webhook-deliveries/999999/retry",
        HOOKS_KEY,
        None,
    )
    .assert_problem(404, "not_found");
    // Another shop's key cannot retry this shop's delivery.
    admin(
        &edge,
        "POST",
        &format!("/v1/admin/shops/desk/webhook-deliveries/{id}/retry"),
        DESK_KEY,
        None,
    )
    .assert_problem(404, "not_found");
}
