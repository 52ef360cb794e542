//! Engagement against the running edge: the one prompt per order view and
//! its timing, events and dismissals, reviews with moderation and JSON-LD,
//! NPS once per order, and every failure path.
#![allow(
    clippy::unwrap_used,
    reason = "a test should stop at the first surprise"
)]

use aftercart_shared::ingest::Source;
use aftercart_shared::token::OrderGrant;
use aftercart_shared::{OrderId, ShopId, UnixTime};
use aftercart_tests::{Edge, Reply, Value, fixture, json, unique, unique_number};

const ADMIN: &str = "Bearer lab-admin-key";

/// A lab order and its shopper's token.
struct Shopper {
    token: String,
    order_id: String,
    line_items: Vec<String>,
}

fn now_secs() -> i64 {
    i64::try_from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs(),
    )
    .unwrap()
}

/// A fresh lab order for a fresh shopper, one line per product, delivered
/// `delivered_days_ago` days ago or (`None`) in transit.
fn order(edge: &Edge, products: &[&str], delivered_days_ago: Option<i64>) -> Shopper {
    let mut order = fixture("shopify/order.json")["order"].clone();
    let number = unique("E");
    let email = format!("{}@example.com", unique("engaged"));
    let lines: Vec<Value> = products
        .iter()
        .enumerate()
        .map(|(i, product)| {
            json!({
                "id": unique_number(), "product_id": product, "title": format!("Item {i} ({product})"),
                "price": format!("{}.00", 100 + i), "quantity": 1, "sku": format!("SKU{i}")
            })
        })
        .collect();
    order["id"] = json!(unique_number());
    order["name"] = json!(format!("#{number}"));
    order["email"] = json!(email);
    order["line_items"] = json!(lines);
    let fulfillment = &mut order["fulfillments"][0];
    fulfillment["id"] = json!(unique_number());
    fulfillment["status"] = json!("success");
    fulfillment["line_items"] = json!(lines);
    let tracking = unique("1ZENG");
    fulfillment["tracking_number"] = json!(tracking);
    fulfillment["tracking_numbers"] = json!([tracking]);
    let (status, days) = match delivered_days_ago {
        Some(days) => ("delivered", days),
        None => ("in_transit", 1),
    };
    fulfillment["shipment_status"] = json!(status);
    fulfillment["updated_at"] = json!(UnixTime::from_secs(now_secs() - days * 86_400).to_rfc3339());
    let body = serde_json::to_vec(&order).unwrap();
    let stored = edge.webhook(
        "lab",
        Source::Shopify,
        "lab-shopify-secret",
        &[
            ("x-shopify-topic", "orders/create"),
            ("x-shopify-event-id", &unique("evt-")),
        ],
        &body,
    );
    assert_eq!(stored.status, 200, "{}", stored.text());
    let (token, view) = edge.lookup("lab", &format!("#{number}"), &email);
    Shopper {
        token,
        order_id: view["id"].as_str().unwrap().to_owned(),
        line_items: view["lineItems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|li| li["id"].as_str().unwrap().to_owned())
            .collect(),
    }
}

impl Shopper {
    fn path(&self, rest: &str) -> String {
        format!("/v1/shops/lab/orders/{}{rest}", self.order_id)
    }

    fn engagement(&self, edge: &Edge) -> Value {
        let reply = edge.get(
            &self.path("/engagement?lang=en"),
            &[("authorization", &format!("Bearer {}", self.token))],
        );
        assert_eq!(reply.status, 200, "{}", reply.text());
        reply.json()
    }

    fn post(&self, edge: &Edge, rest: &str, body: &Value) -> Reply {
        post_as(edge, &self.path(rest), &self.token, body)
    }

    fn event(&self, edge: &Edge, prompt: &Value, action: &str) -> Reply {
        self.post(
            edge,
            "/engagement/events",
            &json!({ "prompt": prompt, "action": action }),
        )
    }

    fn review(&self, edge: &Edge, line: usize, rating: u8, title: &str) -> Reply {
        self.post(
            edge,
            "/reviews",
            &json!({ "lineItemId": self.line_items[line], "rating": rating, "title": title, "body": "Used it all week." }),
        )
    }
}

fn post_as(edge: &Edge, path: &str, token: &str, body: &Value) -> Reply {
    let bytes = serde_json::to_vec(body).unwrap();
    edge.request(
        "POST",
        path,
        &[
            ("content-type", "application/json"),
            ("authorization", &format!("Bearer {token}")),
        ],
        Some(&bytes),
    )
}

#[test]
fn the_prompt_depends_on_when_the_order_was_delivered() {
    let edge = Edge::from_env();

    // Ten days after delivery: a review request, with the coupon shown up front.
    let product = unique("p-");
    let reviewable = order(&edge, &[&product], Some(10));
    let view = reviewable.engagement(&edge);
    assert_eq!(view["rule"], "review_delay", "{view}");
    let prompt = &view["prompt"];
    assert_eq!(
        prompt["prompt"],
        json!({ "kind": "reviewRequest", "product": product })
    );
    assert_eq!(prompt["content"]["kind"], "reviewRequest");
    assert_eq!(prompt["content"]["lineItemId"], reviewable.line_items[0]);
    assert_eq!(
        prompt["content"]["incentive"],
        json!({ "type": "percent", "percent": 10 })
    );

    // Two days after delivery: no review yet; the brand's thank-you, by name.
    let fresh = order(&edge, &[&unique("p-")], Some(2));
    let view = fresh.engagement(&edge);
    assert_eq!(view["prompt"]["content"]["kind"], "thankYou", "{view}");
    assert_eq!(view["prompt"]["content"]["firstName"], "Bob");
    assert_eq!(view["prompt"]["content"]["message"], "Thanks from the lab!");

    // In transit: recommendations for the tent, without a discount code…
    let tent = order(&edge, &["lab-tent"], None);
    let view = tent.engagement(&edge);
    assert_eq!(view["rule"], "fillers_in_transit", "{view}");
    let content = &view["prompt"]["content"];
    assert_eq!(content["kind"], "recommendations");
    let ids: Vec<&str> = content["products"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["lab-footprint", "lab-stakes"]);
    assert_eq!(content["products"][0]["currency"], "USD");
    assert!(content["discountCode"].is_null());
    // …and for a product the shop has nothing to say about: nothing.
    let plain = order(&edge, &[&unique("p-")], None);
    let view = plain.engagement(&edge);
    assert!(view["prompt"].is_null(), "{view}");
    assert_eq!(view["rule"], "nothing_due");

    // The demo: Sofia's tent, delivered ten days ago, is up for review.
    let (token, _) = edge.lookup("demo", "1005", "sofia@example.com");
    let demo = edge.get(
        "/v1/shops/demo/orders/demo-1005/engagement",
        &[("authorization", &format!("Bearer {token}"))],
    );
    assert_eq!(demo.status, 200, "{}", demo.text());
    assert_eq!(demo.json()["prompt"]["content"]["productId"], "p-tent");
}

#[test]
fn events_stick_reloads_keep_the_open_prompt_and_dismissals_stay() {
    let edge = Edge::from_env();
    let product = unique("p-");
    let shopper = order(&edge, &[&product], Some(10));
    let prompt = shopper.engagement(&edge)["prompt"]["prompt"].clone();
    assert_eq!(prompt["kind"], "reviewRequest");

    assert_eq!(shopper.event(&edge, &prompt, "shown").status, 204);
    // A reload in the same visit: the same prompt, not gone for the gap.
    let reload = shopper.engagement(&edge);
    assert_eq!(reload["prompt"]["prompt"], prompt);
    assert_eq!(reload["rule"], "still_open");
    // Reporting the re-served prompt again is acknowledged, not counted.
    assert_eq!(shopper.event(&edge, &prompt, "shown").status, 204);

    // "Not now": gone, and it stays gone.
    assert_eq!(shopper.event(&edge, &prompt, "dismissed").status, 204);
    let after = shopper.engagement(&edge);
    assert!(after["prompt"].is_null(), "{after}");
    assert_eq!(after["rule"], "min_gap");
    assert_eq!(shopper.event(&edge, &prompt, "dismissed").status, 204);
    shopper
        .event(&edge, &prompt, "shown")
        .assert_problem(409, "invalid_transition");

    // Prompts that cannot belong to this order are refused.
    let other = json!({ "kind": "reviewRequest", "product": "not-in-this-order" });
    shopper
        .event(&edge, &other, "dismissed")
        .assert_problem(400, "invalid_field");
    shopper
        .event(&edge, &json!({ "kind": "nps" }), "shown")
        .assert_problem(409, "invalid_transition");
    let in_transit = order(&edge, &["lab-tent"], None);
    in_transit
        .event(
            &edge,
            &json!({ "kind": "recommendations", "discount": true }),
            "answered",
        )
        .assert_problem(400, "invalid_field");
    shopper
        .event(&edge, &prompt, "clicked")
        .assert_problem(400, "invalid_json");
    edge.request(
        "POST",
        &shopper.path("/engagement/events"),
        &[
            ("content-type", "application/json"),
            ("authorization", &format!("Bearer {}", shopper.token)),
        ],
        Some(b"{not json"),
    )
    .assert_problem(400, "invalid_json");
}

#[test]
fn reviews_are_validated_verified_once_per_line_and_answer_the_prompt() {
    let edge = Edge::from_env();
    let product = unique("p-");
    let shopper = order(&edge, &[&product, &unique("p-")], Some(10));
    let line = shopper.line_items[0].clone();
    let review = |body: Value| shopper.post(&edge, "/reviews", &body);

    for (body, field) in [
        (
            json!({ "lineItemId": line, "rating": 0, "title": "t", "body": "b" }),
            "rating",
        ),
        (
            json!({ "lineItemId": line, "rating": 6, "title": "t", "body": "b" }),
            "rating",
        ),
        (
            json!({ "lineItemId": line, "rating": 5, "title": "  ", "body": "b" }),
            "title",
        ),
        (
            json!({ "lineItemId": line, "rating": 5, "title": "x".repeat(121), "body": "b" }),
            "title",
        ),
        (
            json!({ "lineItemId": line, "rating": 5, "title": "t", "body": "x".repeat(5001) }),
            "body",
        ),
        (
            json!({ "lineItemId": line, "rating": 5, "title": "t", "body": "b", "photoUrl": "http://x.example/a.jpg" }),
            "photoUrl",
        ),
        (
            json!({ "lineItemId": "no-such-line", "rating": 5, "title": "t", "body": "b" }),
            "lineItemId",
        ),
    ] {
        let problem = review(body).assert_problem(400, "invalid_field");
        assert!(
            problem["detail"].as_str().unwrap().starts_with(field),
            "{field}: {problem}"
        );
    }
    review(json!({ "lineItemId": line, "rating": 5 })).assert_problem(400, "invalid_json");

    let created = review(json!({
        "lineItemId": line, "rating": 4, "title": "<b>Solid</b>", "body": "Kept me dry.",
        "photoUrl": "https://cdn.example/photo.jpg"
    }));
    assert_eq!(created.status, 201, "{}", created.text());
    let receipt = created.json();
    assert_eq!(receipt["status"], "pending");
    assert_eq!(receipt["verified"], true);
    assert_eq!(receipt["incentivized"], true);
    assert_eq!(receipt["coupon"], "THANKS10");
    // One review per line item.
    shopper
        .review(&edge, 0, 1, "Changed my mind")
        .assert_problem(409, "already_answered");

    // Answered: the order's review request does not come back for it.
    let view = shopper.engagement(&edge);
    assert_ne!(
        view["prompt"]["prompt"]["product"],
        json!(product),
        "{view}"
    );

    // Not delivered yet: accepted, but not verified.
    let early = order(&edge, &[&unique("p-")], None);
    let receipt = early.review(&edge, 0, 5, "Looks great").json();
    assert_eq!(receipt["verified"], false, "{receipt}");
}

#[test]
fn the_incentive_is_identical_for_every_rating() {
    let edge = Edge::from_env();
    let products: Vec<String> = (0..5).map(|_| unique("p-")).collect();
    let refs: Vec<&str> = products.iter().map(String::as_str).collect();
    let shopper = order(&edge, &refs, Some(10));
    let receipts: Vec<Value> = (1..=5u8)
        .map(|rating| {
            let reply = shopper.review(&edge, usize::from(rating - 1), rating, "My verdict");
            assert_eq!(reply.status, 201, "{}", reply.text());
            let mut receipt = reply.json();
            receipt.as_object_mut().unwrap().remove("id");
            receipt
        })
        .collect();
    assert_eq!(
        receipts[0],
        json!({ "status": "pending", "verified": true, "incentivized": true, "coupon": "THANKS10" })
    );
    for (rating, receipt) in (1..).zip(&receipts) {
        assert_eq!(receipt, &receipts[0], "rating {rating}");
    }
}

fn admin_get(edge: &Edge, query: &str) -> Reply {
    edge.get(
        &format!("/v1/admin/shops/lab/reviews{query}"),
        &[("authorization", ADMIN)],
    )
}

fn moderate(edge: &Edge, id: &str, status: &str) -> Reply {
    let body = serde_json::to_vec(&json!({ "status": status })).unwrap();
    edge.request(
        "POST",
        &format!("/v1/admin/shops/lab/reviews/{id}"),
        &[
            ("content-type", "application/json"),
            ("authorization", ADMIN),
        ],
        Some(&body),
    )
}

#[test]
fn moderation_decides_what_the_public_listing_shows() {
    let edge = Edge::from_env();
    // Twelve lines of one product: twelve reviews of it.
    let product = unique("p-");
    let shopper = order(&edge, &[product.as_str(); 12], Some(10));
    let mut ids = Vec::new();
    for line in 0..12 {
        let title = if line == 11 {
            "</script><script>alert(1)</script>".to_owned()
        } else {
            format!("Review {line}")
        };
        let reply = shopper.review(&edge, line, if line % 2 == 0 { 5 } else { 4 }, &title);
        assert_eq!(reply.status, 201, "{}", reply.text());
        ids.push(reply.json()["id"].as_str().unwrap().to_owned());
    }
    let listing = |page: &str| {
        edge.get(
            &format!("/v1/shops/lab/products/{product}/reviews{page}"),
            &[],
        )
    };
    // Nothing is public before the merchant publishes it.
    let before = listing("").json();
    assert_eq!(before["count"], 0);
    assert!(before["averageRating"].is_null());
    assert!(before["reviews"].as_array().unwrap().is_empty());

    // The queue lists them, page by page with the cursor.
    let mut queued = Vec::new();
    let mut query = "?status=pending".to_owned();
    loop {
        let page = admin_get(&edge, &query);
        assert_eq!(page.status, 200, "{}", page.text());
        let page = page.json();
        for review in page["reviews"].as_array().unwrap() {
            assert_eq!(review["status"], "pending");
            if review["productId"] == product {
                queued.push(review["id"].as_str().unwrap().to_owned());
            }
        }
        match page["nextCursor"].as_str() {
            Some(cursor) => query = format!("?status=pending&cursor={cursor}"),
            None => break,
        }
    }
    let mut sorted = ids.clone();
    sorted.sort();
    queued.sort();
    assert_eq!(queued, sorted);

    // Publish all but the first; reject that one.
    for id in &ids[1..] {
        let reply = moderate(&edge, id, "published");
        assert_eq!(reply.status, 200, "{}", reply.text());
        assert_eq!(reply.json()["status"], "published");
        assert!(!reply.json()["moderatedAt"].is_null());
    }
    assert_eq!(
        moderate(&edge, &ids[0], "rejected").json()["status"],
        "rejected"
    );
    // Again is a no-op; back to pending is not a transition.
    assert_eq!(moderate(&edge, &ids[1], "published").status, 200);
    moderate(&edge, &ids[1], "pending").assert_problem(409, "invalid_transition");
    moderate(&edge, "rv_nosuchreview", "published").assert_problem(404, "not_found");
    moderate(&edge, &ids[1], "famous").assert_problem(400, "invalid_json");

    // Eleven published, newest first, ten to a page.
    let first = listing("?page=1");
    assert_eq!(first.status, 200);
    assert_eq!(first.header("access-control-allow-origin"), Some("*"));
    let first = first.json();
    assert_eq!(first["count"], 11);
    // Lines 1..=11: six 4s (odd lines) and five 5s → 4.45… → 4.5.
    assert_eq!(first["averageRating"], 4.5);
    let page_one = first["reviews"].as_array().unwrap();
    assert_eq!(page_one.len(), 10);
    assert!(
        page_one
            .iter()
            .all(|r| r["author"] == "Bob" && r["verified"] == true)
    );
    assert!(page_one.iter().all(|r| r["incentivized"] == true));
    assert!(page_one.iter().all(|r| r["id"] != json!(ids[0])));
    // Newest first, even within one second: the last written leads, the
    // oldest published (line 1) is alone on page two.
    assert_eq!(page_one[0]["title"], "</script><script>alert(1)</script>");
    let second = listing("?page=2").json();
    assert_eq!(second["reviews"].as_array().unwrap().len(), 1);
    assert_eq!(second["reviews"][0]["title"], "Review 1");
    assert!(
        listing("?page=3").json()["reviews"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    listing("?page=0").assert_problem(400, "invalid_field");
    listing("?page=x").assert_problem(400, "invalid_field");

    // JSON-LD: schema.org, and a review cannot close the script element.
    let ld_text = first["jsonLd"].as_str().unwrap();
    assert!(!ld_text.contains('<'), "{ld_text}");
    let ld: Value = serde_json::from_str(ld_text).unwrap();
    assert_eq!(ld["@type"], "Product");
    assert_eq!(ld["aggregateRating"]["reviewCount"], 11);
    assert_eq!(ld["aggregateRating"]["ratingValue"], 4.5);
    assert_eq!(ld["review"].as_array().unwrap().len(), 10);
    assert!(
        ld["review"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["name"] == "</script><script>alert(1)</script>")
    );

    // The merchant API needs the merchant's key; the listing a real shop.
    edge.get(
        "/v1/admin/shops/lab/reviews",
        &[("authorization", "Bearer wrong")],
    )
    .assert_problem(401, "unauthorized");
    edge.get("/v1/admin/shops/lab/reviews", &[])
        .assert_problem(401, "unauthorized");
    admin_get(&edge, "?status=lost").assert_problem(400, "invalid_field");
    admin_get(&edge, "?cursor=bogus").assert_problem(400, "invalid_field");
    edge.get("/v1/shops/no-such-shop/products/p/reviews", &[])
        .assert_problem(404, "not_found");
}

#[test]
fn nps_is_answered_once_per_order() {
    let edge = Edge::from_env();
    let shopper = order(&edge, &[&unique("p-")], Some(10));
    shopper
        .post(&edge, "/nps", &json!({ "score": 11 }))
        .assert_problem(400, "invalid_field");
    shopper
        .post(
            &edge,
            "/nps",
            &json!({ "score": 9, "comment": "x".repeat(1001) }),
        )
        .assert_problem(400, "invalid_field");
    shopper
        .post(&edge, "/nps", &json!({ "score": -1 }))
        .assert_problem(400, "invalid_json");
    let answered = shopper.post(&edge, "/nps", &json!({ "score": 9, "comment": " Fast! " }));
    assert_eq!(answered.status, 201, "{}", answered.text());
    assert_eq!(answered.json(), json!({ "score": 9, "comment": "Fast!" }));
    shopper
        .post(&edge, "/nps", &json!({ "score": 3 }))
        .assert_problem(409, "already_answered");
    // Concurrent second answers: none of them gets in.
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|_| scope.spawn(|| shopper.post(&edge, "/nps", &json!({ "score": 1 })).status))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(statuses, [409; 4]);
}

#[test]
fn wrong_tokens_unknown_orders_and_bad_requests_are_refused() {
    let edge = Edge::from_env();
    let shopper = order(&edge, &[&unique("p-")], Some(10));
    let other = order(&edge, &[&unique("p-")], Some(10));
    let routes = ["/engagement/events", "/reviews", "/nps"];

    // No token, a forged one, and another order's token.
    edge.get(&shopper.path("/engagement"), &[])
        .assert_problem(401, "unauthorized");
    edge.get(
        &shopper.path("/engagement"),
        &[("authorization", "Bearer forged.token")],
    )
    .assert_problem(401, "unauthorized");
    for route in routes {
        post_as(&edge, &shopper.path(route), &other.token, &json!({}))
            .assert_problem(401, "unauthorized");
        edge.post_json(&shopper.path(route), &json!({}))
            .assert_problem(401, "unauthorized");
    }

    // A valid token for an order that does not exist.
    let ghost = OrderGrant {
        shop: ShopId::parse("lab").unwrap(),
        order: OrderId::parse("no-such-order").unwrap(),
        expires_at: UnixTime::from_secs(now_secs() + 3600),
    }
    .mint(Edge::token_secret().as_bytes())
    .unwrap();
    edge.get(
        "/v1/shops/lab/orders/no-such-order/engagement",
        &[("authorization", &format!("Bearer {ghost}"))],
    )
    .assert_problem(404, "not_found");
    post_as(
        &edge,
        "/v1/shops/lab/orders/no-such-order/nps",
        &ghost,
        &json!({ "score": 5 }),
    )
    .assert_problem(404, "not_found");

    // Wrong methods and oversized bodies.
    edge.get(&shopper.path("/nps"), &[])
        .assert_problem(405, "method_not_allowed");
    let huge = json!({ "lineItemId": shopper.line_items[0], "rating": 5, "title": "t", "body": "x".repeat(20_000) });
    shopper
        .post(&edge, "/reviews", &huge)
        .assert_problem(413, "payload_too_large");
}
