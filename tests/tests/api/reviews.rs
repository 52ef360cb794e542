//! Reviews against the running edge (the `lab` shop): validated,
//! verified, once per line, the same incentive whatever the rating, and
//! moderation deciding what the public listing and its JSON-LD show.

use aftercart_tests::{Auth, Edge, Value, json, unique};

use crate::engagement::{engagement, order, review};

#[test]
fn reviews_are_validated_verified_once_per_line_and_answer_the_prompt() {
    let edge = Edge::from_env();
    let product = unique("p-");
    let shopper = order(&edge, &[&product, &unique("p-")], Some(10));
    let line = shopper.line_items()[0].clone();
    let post = |body: Value| shopper.api.review(&body);

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
        let problem = post(body).assert_problem(400, "invalid_field");
        assert!(
            problem["detail"].as_str().unwrap().starts_with(field),
            "{field}: {problem}"
        );
    }
    post(json!({ "lineItemId": line, "rating": 5 })).assert_problem(400, "invalid_json");

    let created = post(json!({
        "lineItemId": line, "rating": 4, "title": "<b>Solid</b>", "body": "Kept me dry.",
        "photoUrl": "https://cdn.example/photo.jpg"
    }));
    created.assert_status(201);
    let receipt = created.json();
    assert_eq!(receipt["status"], "pending");
    assert_eq!(receipt["verified"], true);
    assert_eq!(receipt["incentivized"], true);
    assert_eq!(receipt["coupon"], "THANKS10");
    // One review per line item.
    review(&shopper, 0, 1, "Changed my mind").assert_problem(409, "already_answered");

    // Answered: the order's review request does not come back for it.
    let view = engagement(&shopper);
    assert_ne!(
        view["prompt"]["prompt"]["product"],
        json!(product),
        "{view}"
    );

    // Not delivered yet: accepted, but not verified.
    let early = order(&edge, &[&unique("p-")], None);
    let receipt = review(&early, 0, 5, "Looks great").json();
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
            let reply = review(&shopper, usize::from(rating - 1), rating, "My verdict");
            reply.assert_status(201);
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

#[test]
fn moderation_decides_what_the_public_listing_shows() {
    let edge = Edge::from_env();
    let lab = edge.admin("lab", "lab-admin-key");
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
        let reply = review(&shopper, line, if line % 2 == 0 { 5 } else { 4 }, &title);
        reply.assert_status(201);
        ids.push(reply.json()["id"].as_str().unwrap().to_owned());
    }
    let listing = |page: &str| edge.product_reviews("lab", &product, page);
    // Nothing is public before the merchant publishes it.
    let before = listing("").json();
    assert_eq!(before["count"], 0);
    assert!(before["averageRating"].is_null());
    assert!(before["reviews"].as_array().unwrap().is_empty());

    // The queue lists them, page by page with the cursor.
    let mut queued = Vec::new();
    let mut query = "?status=pending".to_owned();
    loop {
        let page = lab.reviews(&query);
        page.assert_status(200);
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
        let reply = lab.moderate(id, "published");
        reply.assert_status(200);
        assert_eq!(reply.json()["status"], "published");
        assert!(!reply.json()["moderatedAt"].is_null());
    }
    assert_eq!(
        lab.moderate(&ids[0], "rejected").json()["status"],
        "rejected"
    );
    // Again is a no-op; back to pending is not a transition.
    assert_eq!(lab.moderate(&ids[1], "published").status, 200);
    lab.moderate(&ids[1], "pending")
        .assert_problem(409, "invalid_transition");
    lab.moderate("rv_nosuchreview", "published")
        .assert_problem(404, "not_found");
    lab.moderate(&ids[1], "famous")
        .assert_problem(400, "invalid_json");

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
    lab.with_auth(Auth::bearer("wrong"))
        .reviews("")
        .assert_problem(401, "unauthorized");
    lab.with_auth(Auth::None)
        .reviews("")
        .assert_problem(401, "unauthorized");
    lab.reviews("?status=lost")
        .assert_problem(400, "invalid_field");
    lab.reviews("?cursor=bogus")
        .assert_problem(400, "invalid_field");
    edge.product_reviews("no-such-shop", "p", "")
        .assert_problem(404, "not_found");
}
