//! Merchant settings through the admin API: each document validated by
//! its key before it is stored, read back as stored, secrets never shown.

use aftercart_tests::{Edge, Value, json};

use crate::returns_admin::DESK_KEY;

#[test]
fn settings_are_validated_and_secrets_never_echoed() {
    let edge = Edge::from_env();
    let desk = edge.admin("desk", DESK_KEY);
    let current = desk.setting("returns_policy");
    current.assert_status(200);
    let mut policy = current.json()["value"].clone();
    assert_eq!(policy["currency"], "USD");

    // A valid change is stored and read back.
    policy["window"]["days"] = json!(45);
    desk.put_setting("returns_policy", &policy)
        .assert_status(200);
    let back = desk.setting("returns_policy").json();
    assert_eq!(back["value"]["window"]["days"], 45);

    // Invalid documents say why and change nothing.
    desk.put_setting_text("returns_policy", "{not json")
        .assert_problem(400, "invalid_json");
    let mut bad = policy.clone();
    bad["currency"] = json!("DOLLARS");
    let problem = desk
        .put_setting("returns_policy", &bad)
        .assert_problem(400, "invalid_field");
    assert!(
        problem["detail"].as_str().unwrap().contains("currency"),
        "{problem}"
    );
    assert_eq!(
        desk.setting("returns_policy").json()["value"]["window"]["days"],
        45
    );
    policy["window"]["days"] = json!(30);
    assert_eq!(desk.put_setting("returns_policy", &policy).status, 200);

    desk.setting("product_catalog")
        .assert_problem(404, "not_found");
    desk.put_setting("product_catalog", &json!(["p-1"]))
        .assert_problem(400, "invalid_field");
    desk.put_setting(
        "product_catalog",
        &json!({ "p-1": { "category": "shoes" } }),
    )
    .assert_status(200);

    // The webhook's secret is stored, never shown.
    for bad in [
        json!({ "url": "http://shop.example.com/h", "secret": "0123456789abcdef" }),
        json!({ "url": "https://shop.example.com/h", "secret": "short" }),
        json!({ "url": "https://shop.example.com/h" }),
    ] {
        desk.put_setting("return_webhook", &bad)
            .assert_problem(400, "invalid_field");
    }
    // URLs a fetch would read as a private address, or that carry
    // credentials, are refused even where local receivers are allowed, and
    // the answer names the url. Mutation: accept any host of letters and
    // digits, and `https://2130706433/` (127.0.0.1) is stored.
    for url in [
        "https://2130706433/h",
        "https://0x7f.1/h",
        "https://127.1/h",
        "https://user:pw@127.0.0.1/h",
        "ftp://127.0.0.1/h",
    ] {
        let problem = desk
            .put_setting(
                "return_webhook",
                &json!({ "url": url, "secret": "0123456789abcdef" }),
            )
            .assert_problem(400, "invalid_field");
        let detail = problem["detail"].as_str().unwrap();
        assert!(detail.starts_with("url"), "{url}: {problem}");
    }
    desk.setting("return_webhook")
        .assert_problem(404, "not_found");
    let secret = "desk-hook-secret-do-not-echo";
    // An address nothing listens on: desk's events fail quietly, in the background.
    let put = desk.put_setting(
        "return_webhook",
        &json!({ "url": "http://127.0.0.1:9/desk", "secret": secret }),
    );
    put.assert_status(200);
    assert!(!put.text().contains(secret));
    let shown = desk.setting("return_webhook");
    assert_eq!(shown.status, 200);
    assert!(!shown.text().contains(secret), "{}", shown.text());
    assert_eq!(shown.json()["value"]["url"], "http://127.0.0.1:9/desk");
    assert_eq!(shown.json()["value"]["secretSet"], true);
}

#[test]
fn referral_and_loyalty_settings_are_validated_before_they_are_stored() {
    let edge = Edge::from_env();
    let gift = edge.admin("gift", "gift-admin-key");
    let stored = gift.setting("referrals");
    stored.assert_status(200);
    let program = stored.json()["value"].clone();
    assert_eq!(program["shopHost"], "gift.example");

    let mut bad = Vec::new();
    let mut with = |field: &str, value: Value| {
        let mut doc = program.clone();
        doc[field] = value;
        bad.push((field.to_owned(), doc.to_string()));
    };
    with("friendOffer", json!({ "type": "points", "points": 100 }));
    with("referrerReward", json!({ "type": "percent", "percent": 0 }));
    with("shopHost", json!("https://evil.example/path"));
    with("sameDeviceWindowHours", json!(0));
    with("minOrderMinor", json!(-1));
    with("platform", json!("magento"));
    for (field, doc) in &bad {
        let problem = gift
            .put_setting_text("referrals", doc)
            .assert_problem(400, "invalid_field");
        assert!(
            problem["detail"].as_str().unwrap().contains(field.as_str())
                || field == "shopHost"
                || field == "platform",
            "{field}: {problem}"
        );
    }
    gift.put_setting_text("referrals", "{not json")
        .assert_problem(400, "invalid_json");
    let problem = gift
        .put_setting_text(
            "loyalty",
            r#"{"tiers":[{"name":"A","threshold":10},{"name":"B","threshold":10}]}"#,
        )
        .assert_problem(400, "invalid_field");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("strictly rising"),
        "{problem}"
    );
    gift.put_setting_text("loyalty", r#"{"pointsPerUnit":1,"bonus":5}"#)
        .assert_problem(400, "invalid_field");

    // Nothing refused was stored; the same document goes back in whole.
    assert_eq!(gift.setting("referrals").json()["value"], program);
    let put = gift.put_setting_text("referrals", &program.to_string());
    put.assert_status(200);
    assert_eq!(put.json()["value"], program);
    let loyalty = gift.setting("loyalty").json()["value"].clone();
    assert_eq!(loyalty["referralPoints"], 200);
    assert_eq!(
        gift.put_setting_text("loyalty", &loyalty.to_string())
            .status,
        200
    );
}
