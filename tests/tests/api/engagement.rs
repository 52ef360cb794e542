//! Engagement against the running edge (the `lab` shop): the one prompt
//! per order view and its timing, events and dismissals, NPS once per
//! order, and every failure path.

use aftercart_tests::shopper::token;
use aftercart_tests::{
    Auth, DAY, Edge, OrderApi, Reply, Session, ShopifyOrder, Value, json, now_secs, unique,
    unique_number,
};

/// A fresh lab order for a fresh shopper, one line per product, delivered
/// `delivered_days_ago` days ago or (`None`) in transit.
pub fn order<'e>(
    edge: &'e Edge,
    products: &[&str],
    delivered_days_ago: Option<i64>,
) -> Session<'e> {
    let lines: Vec<Value> = (0..)
        .zip(products)
        .map(|(i, product)| {
            ShopifyOrder::line(
                unique_number(),
                product,
                &format!("Item {i} ({product})"),
                &format!("{}.00", 100 + i),
                &format!("SKU{i}"),
            )
        })
        .collect();
    let order = ShopifyOrder::fresh()
        .tracking(&unique("1ZENG"))
        .items(&lines);
    let order = match delivered_days_ago {
        Some(days) => order.delivered(now_secs() - days * DAY),
        None => order.in_transit(now_secs() - DAY),
    };
    order.place(edge, "lab")
}

/// The order view's prompt, in English.
pub fn engagement(shopper: &Session<'_>) -> Value {
    let reply = shopper.api.engagement("?lang=en");
    reply.assert_status(200);
    reply.json()
}

/// A review of line `line` of the shopper's order.
pub fn review(shopper: &Session<'_>, line: usize, rating: u8, title: &str) -> Reply {
    shopper.api.review(
        &json!({ "lineItemId": shopper.line_items()[line], "rating": rating, "title": title, "body": "Used it all week." }),
    )
}

#[test]
fn the_prompt_depends_on_when_the_order_was_delivered() {
    let edge = Edge::from_env();

    // Ten days after delivery: a review request, with the coupon shown up front.
    let product = unique("p-");
    let reviewable = order(&edge, &[&product], Some(10));
    let view = engagement(&reviewable);
    assert_eq!(view["rule"], "review_delay", "{view}");
    let prompt = &view["prompt"];
    assert_eq!(
        prompt["prompt"],
        json!({ "kind": "reviewRequest", "product": product })
    );
    assert_eq!(prompt["content"]["kind"], "reviewRequest");
    assert_eq!(prompt["content"]["lineItemId"], reviewable.line_items()[0]);
    assert_eq!(
        prompt["content"]["incentive"],
        json!({ "type": "percent", "percent": 10 })
    );

    // Two days after delivery: no review yet; the brand's thank-you, by name.
    let fresh = order(&edge, &[&unique("p-")], Some(2));
    let view = engagement(&fresh);
    assert_eq!(view["prompt"]["content"]["kind"], "thankYou", "{view}");
    assert_eq!(view["prompt"]["content"]["firstName"], "Bob");
    assert_eq!(view["prompt"]["content"]["message"], "Thanks from the lab!");

    // In transit: recommendations for the tent, without a discount code…
    let tent = order(&edge, &["lab-tent"], None);
    let view = engagement(&tent);
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
    let view = engagement(&plain);
    assert!(view["prompt"].is_null(), "{view}");
    assert_eq!(view["rule"], "nothing_due");

    // The demo: Sofia's tent, delivered ten days ago, is up for review.
    let sofia = edge.lookup("demo", "1005", "sofia@example.com");
    let demo = sofia.api.engagement("");
    demo.assert_status(200);
    assert_eq!(demo.json()["prompt"]["content"]["productId"], "p-tent");
}

#[test]
fn events_stick_reloads_keep_the_open_prompt_and_dismissals_stay() {
    let edge = Edge::from_env();
    let product = unique("p-");
    let shopper = order(&edge, &[&product], Some(10));
    let prompt = engagement(&shopper)["prompt"]["prompt"].clone();
    assert_eq!(prompt["kind"], "reviewRequest");

    assert_eq!(shopper.api.event(&prompt, "shown").status, 204);
    // A reload in the same visit: the same prompt, not gone for the gap.
    let reload = engagement(&shopper);
    assert_eq!(reload["prompt"]["prompt"], prompt);
    assert_eq!(reload["rule"], "still_open");
    // Reporting the re-served prompt again is acknowledged, not counted.
    assert_eq!(shopper.api.event(&prompt, "shown").status, 204);

    // "Not now": gone, and it stays gone.
    assert_eq!(shopper.api.event(&prompt, "dismissed").status, 204);
    let after = engagement(&shopper);
    assert!(after["prompt"].is_null(), "{after}");
    assert_eq!(after["rule"], "min_gap");
    assert_eq!(shopper.api.event(&prompt, "dismissed").status, 204);
    shopper
        .api
        .event(&prompt, "shown")
        .assert_problem(409, "invalid_transition");

    // Prompts that cannot belong to this order are refused.
    let other = json!({ "kind": "reviewRequest", "product": "not-in-this-order" });
    shopper
        .api
        .event(&other, "dismissed")
        .assert_problem(400, "invalid_field");
    shopper
        .api
        .event(&json!({ "kind": "nps" }), "shown")
        .assert_problem(409, "invalid_transition");
    let in_transit = order(&edge, &["lab-tent"], None);
    in_transit
        .api
        .event(
            &json!({ "kind": "recommendations", "discount": true }),
            "answered",
        )
        .assert_problem(400, "invalid_field");
    shopper
        .api
        .event(&prompt, "clicked")
        .assert_problem(400, "invalid_json");
    shopper
        .api
        .send_bytes("POST", "/engagement/events", Some(b"{not json"))
        .assert_problem(400, "invalid_json");
}

#[test]
fn nps_is_answered_once_per_order() {
    let edge = Edge::from_env();
    let shopper = order(&edge, &[&unique("p-")], Some(10));
    let api = &shopper.api;
    api.nps(&json!({ "score": 11 }))
        .assert_problem(400, "invalid_field");
    api.nps(&json!({ "score": 9, "comment": "x".repeat(1001) }))
        .assert_problem(400, "invalid_field");
    api.nps(&json!({ "score": -1 }))
        .assert_problem(400, "invalid_json");
    let answered = api.nps(&json!({ "score": 9, "comment": " Fast! " }));
    answered.assert_status(201);
    assert_eq!(answered.json(), json!({ "score": 9, "comment": "Fast!" }));
    api.nps(&json!({ "score": 3 }))
        .assert_problem(409, "already_answered");
    // Concurrent second answers: none of them gets in.
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|_| scope.spawn(|| api.nps(&json!({ "score": 1 })).status))
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
    let routes: [fn(&OrderApi<'_>, &Value) -> Reply; 3] = [
        |api, body| api.event_body(body),
        |api, body| api.review(body),
        |api, body| api.nps(body),
    ];

    // No token, a forged one, and another order's token.
    let anonymous = shopper.api.with_auth(Auth::None);
    anonymous.engagement("").assert_problem(401, "unauthorized");
    shopper
        .api
        .with_auth(Auth::bearer("forged.token"))
        .engagement("")
        .assert_problem(401, "unauthorized");
    let others = shopper.api.with_auth(Auth::bearer(&other.token));
    for route in routes {
        route(&others, &json!({})).assert_problem(401, "unauthorized");
        route(&anonymous, &json!({})).assert_problem(401, "unauthorized");
    }

    // A valid token for an order that does not exist.
    let ghost = edge.order("lab", "no-such-order", &token("lab", "no-such-order"));
    ghost.engagement("").assert_problem(404, "not_found");
    ghost
        .nps(&json!({ "score": 5 }))
        .assert_problem(404, "not_found");

    // Wrong methods and oversized bodies.
    anonymous
        .send_bytes("GET", "/nps", None)
        .assert_problem(405, "method_not_allowed");
    let huge = json!({ "lineItemId": shopper.line_items()[0], "rating": 5, "title": "t", "body": "x".repeat(20_000) });
    shopper
        .api
        .review(&huge)
        .assert_problem(413, "payload_too_large");
}
