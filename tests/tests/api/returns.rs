//! Returns against the running edge, from the shopper's side: the policy
//! explained, eligibility with reasons, idempotent creation, and no
//! over-returning under races.

use aftercart_tests::{
    Auth, DAY, Edge, ShopifyOrder, Value, json, now_secs, rfc3339, unique, unique_number,
};

fn item<'a>(options: &'a Value, title: &str) -> &'a Value {
    options["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["title"] == title)
        .unwrap_or_else(|| panic!("no {title} in {options}"))
}

#[test]
fn the_policy_and_each_items_eligibility_are_explained() {
    let edge = Edge::from_env();
    // Delivered three weeks ago: the headlamp can go back, the outlet socks
    // cannot. (Order #1005 is the creation test's.)
    let erik = edge.lookup("demo", "1009", "erik@example.com");
    let reply = erik.api.return_options("?lang=en");
    reply.assert_status(200);
    let options = reply.json();
    for part in ["whatAndUntil", "how", "rules"] {
        assert!(
            options["policy"][part]
                .as_array()
                .is_some_and(|p| !p.is_empty()),
            "{part}: {options}"
        );
    }
    // The slip's shop name, and each resolution's fee and bonus for the
    // widget's summary.
    assert_eq!(options["shopName"], "Nordlys Outdoor");
    assert_eq!(
        options["offers"],
        json!([
            { "resolution": "refund", "feeMinor": 4_900 },
            { "resolution": "store_credit", "feeMinor": 0, "bonusPercent": 10 },
            { "resolution": "exchange", "feeMinor": 0 }
        ])
    );
    let headlamp = item(&options, "Polarljus 400 Headlamp");
    assert_eq!(headlamp["remaining"], 1);
    assert!(headlamp["lastDay"].is_string());
    assert_eq!(
        headlamp["resolutions"],
        json!(["refund", "store_credit", "exchange"])
    );
    assert!(headlamp["refusal"].is_null());
    let socks = item(&options, "Merino Trail Socks");
    assert_eq!(socks["remaining"], 0);
    assert_eq!(socks["refusal"]["code"], "final_sale");
    assert!(
        socks["refusal"]["reason"]
            .as_str()
            .is_some_and(|r| !r.is_empty())
    );
    let fit = options["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "fit")
        .unwrap();
    assert_eq!(fit["label"], "Doesn't fit");
    assert_eq!(fit["subReasons"][0], json!(["too_small", "Too small"]));

    // In Swedish, from the browser's language.
    let swedish = erik
        .api
        .with_header("accept-language", "sv-SE,sv;q=0.9")
        .return_options("");
    let fit_sv = swedish.json()["reasons"][0]["label"].clone();
    assert_eq!(fit_sv, "Passar inte");

    // Not shipped yet: nothing can go back, and each item says why.
    let astrid = edge.lookup("demo", "1001", "astrid@example.com");
    let options = astrid.api.return_options("").json();
    // Not shipped yet; and a permanent reason (final sale) outranks it.
    let headlamp = item(&options, "Polarljus 400 Headlamp");
    assert_eq!(headlamp["refusal"]["code"], "not_shipped", "{options}");
    assert_eq!(
        item(&options, "Merino Trail Socks")["refusal"]["code"],
        "final_sale"
    );
}

#[test]
fn a_return_is_created_once_per_idempotency_key_and_rechecked_on_the_server() {
    let edge = Edge::from_env();
    let sofia = edge.lookup("demo", "1005", "sofia@example.com").api;
    let tent = json!({
        "items": [{ "lineItemId": "li-tent", "quantity": 1, "reason": { "reasonId": "fit", "subReasonId": "too_small" } }],
        "resolution": "refund",
        "lang": "en"
    });

    sofia
        .create_return(None, &tent)
        .assert_problem(400, "invalid_field");
    sofia
        .with_auth(Auth::bearer("not-a-token"))
        .create_return(Some("k1"), &tent)
        .assert_problem(401, "unauthorized");

    // The widget's check is not trusted: final-sale socks are refused here too.
    let socks = json!({
        "items": [{ "lineItemId": "li-socks", "quantity": 1, "reason": { "reasonId": "changed_mind" } }],
        "resolution": "refund"
    });
    let refused = sofia.create_return(Some(&unique("k-")), &socks);
    let problem = refused.assert_problem(422, "return_refused");
    assert_eq!(problem["refusals"][0]["code"], "final_sale");
    assert_eq!(problem["refusals"][0]["lineItemId"], "li-socks");

    let key = unique("k-");
    let first = sofia.create_return(Some(&key), &tent);
    first.assert_status(201);
    let created = first.json();
    assert!(created["rma"].as_str().is_some_and(|r| r.starts_with("R-")));
    assert_eq!(created["status"], "requested");
    // 4,499 kr less the 49 kr refund fee.
    assert_eq!(created["totalMinor"], 449_900 - 4_900);

    // A retry with the same key and body is the same return.
    let again = sofia.create_return(Some(&key), &tent);
    assert_eq!(again.status, 201);
    assert_eq!(again.json()["rma"], created["rma"]);
    // The same key with another body is a conflict, not a second return.
    sofia
        .create_return(Some(&key), &socks)
        .assert_problem(409, "idempotency_conflict");
    // A new key for the same tent: nothing left to return.
    let twice = sofia.create_return(Some(&unique("k-")), &tent);
    assert_eq!(
        twice.assert_problem(422, "return_refused")["refusals"][0]["code"],
        "already_returned"
    );

    // The shopper sees it on file.
    let options = sofia.return_options("").json();
    assert_eq!(options["returns"][0]["rma"], created["rma"]);
    assert_eq!(
        item(&options, "Kebne 2 Tent")["refusal"]["code"],
        "already_returned"
    );
}

#[test]
fn parallel_requests_for_the_last_unit_never_both_succeed() {
    let edge = Edge::from_env();
    // A fresh delivered order with one unit of each item.
    let shopper = ShopifyOrder::fresh()
        .tracking(&unique("1ZRET"))
        .delivered(now_secs() - DAY)
        .place(&edge, "lab");
    let request = json!({
        "items": [{ "lineItemId": shopper.line_items()[0], "quantity": 1, "reason": { "reasonId": "changed_mind" } }],
        "resolution": "store_credit"
    });
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..6)
            .map(|_| {
                scope.spawn(|| {
                    shopper
                        .api
                        .create_return(Some(&unique("race-")), &request)
                        .status
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(
        statuses.iter().filter(|s| **s == 201).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 422).count(),
        5,
        "{statuses:?}"
    );

    let options = shopper.api.return_options("").json();
    assert_eq!(options["returns"].as_array().map(Vec::len), Some(1));
    // Store credit earns the policy's 10% bonus.
    let credit = &options["returns"][0];
    assert_eq!(credit["bonusMinor"], 1_990);
    assert_eq!(credit["totalMinor"], 19_900 + 1_990);
}

/// What the return options say of each line, by title: units remaining
/// and the refusal's code.
fn remaining(options: &Value) -> Vec<(String, u64, Value)> {
    options["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["title"].as_str().unwrap().to_owned(),
                i["remaining"].as_u64().unwrap(),
                i["refusal"]["code"].clone(),
            )
        })
        .collect()
}

#[test]
fn refunds_and_edits_reach_the_returns_and_a_late_older_update_rolls_nothing_back() {
    let edge = Edge::from_env();
    let placed = now_secs() - 3 * DAY;
    let (boots, poles) = (unique_number(), unique_number());
    let mut boots_line = ShopifyOrder::line(boots, "p-boots", "Boots", "100.00", "BOOT");
    boots_line["quantity"] = json!(3);
    let poles_line = ShopifyOrder::line(poles, "p-poles", "Poles", "40.00", "POLE");
    let order = ShopifyOrder::fresh()
        .items(&[boots_line, poles_line])
        .created_at(placed)
        .updated_at(placed)
        .tracking(&unique("1ZRFD"))
        .delivered(now_secs() - DAY);
    let shopper = order.place(&edge, "lab");
    let options = || shopper.api.return_options("?lang=en").json();
    assert_eq!(
        remaining(&options()),
        [
            ("Boots".to_owned(), 3, Value::Null),
            ("Poles".to_owned(), 1, Value::Null)
        ]
    );

    // The merchant refunds one pair of boots and the poles; Shopify's
    // orders/updated carries the refund (this payload shape has no
    // current_quantity, so the refunds are subtracted).
    let send = |body: &Value| {
        edge.webhooks("lab")
            .shopify("orders/updated", &unique("evt-"), body)
            .assert_status(200);
    };
    let original = order.json().clone();
    let mut refunded = original.clone();
    refunded["updated_at"] = json!(rfc3339(now_secs() - 3600));
    refunded["refunds"] = json!([{
        "id": unique_number(), "order_id": original["id"], "created_at": rfc3339(now_secs() - 3600),
        "refund_line_items": [
            { "id": unique_number(), "line_item_id": boots, "quantity": 1, "restock_type": "return" },
            { "id": unique_number(), "line_item_id": poles, "quantity": 1, "restock_type": "no_restock" }
        ]
    }]);
    send(&refunded);
    let after_refund = [
        ("Boots".to_owned(), 2, Value::Null),
        ("Poles".to_owned(), 0, json!("already_refunded")),
    ];
    assert_eq!(remaining(&options()), after_refund);

    // The order as it was before the refund, delivered late: nothing rolls
    // back, neither the quantities nor the refunds.
    let mut older = original.clone();
    older["updated_at"] = json!(rfc3339(now_secs() - 7200));
    send(&older);
    assert_eq!(remaining(&options()), after_refund);

    // An edit takes another pair away: current_quantity is read.
    let mut edited = refunded.clone();
    edited["updated_at"] = json!(rfc3339(now_secs() - 600));
    edited["line_items"][0]["current_quantity"] = json!(1);
    edited["line_items"][1]["current_quantity"] = json!(0);
    send(&edited);
    assert_eq!(
        remaining(&options()),
        [
            ("Boots".to_owned(), 1, Value::Null),
            ("Poles".to_owned(), 0, json!("already_refunded")),
        ]
    );
    // And the server refuses more than remains.
    let ask = |quantity: u32, line: u64| {
        json!({
            "items": [{ "lineItemId": line.to_string(), "quantity": quantity,
                        "reason": { "reasonId": "changed_mind" } }],
            "resolution": "store_credit"
        })
    };
    assert_eq!(
        shopper
            .api
            .create_return(Some(&unique("rfd-")), &ask(2, boots))
            .status,
        422
    );
    assert_eq!(
        shopper
            .api
            .create_return(Some(&unique("rfd-")), &ask(1, poles))
            .status,
        422
    );
    assert_eq!(
        shopper
            .api
            .create_return(Some(&unique("rfd-")), &ask(1, boots))
            .status,
        201
    );
}
