//! The merchant's side of returns against the running edge, in the `desk`
//! shop: admin auth, the list, every lifecycle step with its history, the
//! shopper's cancellation and races between steps.

use aftercart_tests::{
    Admin, Auth, DAY, Edge, Reply, Session, ShopifyOrder, Value, json, now_secs, unique,
};

pub const DESK_KEY: &str = "desk-admin-key";
pub const HOOKS_KEY: &str = "hooks-admin-key";

/// A shopper's refund request for one unit on a fresh order of `shop`,
/// delivered yesterday.
pub struct Made<'e> {
    pub shopper: Session<'e>,
    pub rma: String,
}

pub fn make_return<'e>(edge: &'e Edge, shop: &str) -> Made<'e> {
    let shopper = ShopifyOrder::fresh()
        .tracking(&unique("1ZADM"))
        .delivered(now_secs() - DAY)
        .place(edge, shop);
    let reply = shopper.api.create_return(
        Some(&unique("k-")),
        &json!({
            "items": [{ "lineItemId": shopper.line_items()[0], "quantity": 1, "reason": { "reasonId": "changed_mind" } }],
            "resolution": "refund"
        }),
    );
    reply.assert_status(201);
    let rma = reply.json()["rma"].as_str().unwrap().to_owned();
    Made { shopper, rma }
}

impl Made<'_> {
    /// The return as its shopper sees it on file.
    fn on_file(&self) -> Value {
        let reply = self.shopper.api.return_options("");
        reply.assert_status(200);
        reply.json()["returns"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["rma"] == self.rma.as_str())
            .cloned()
            .unwrap()
    }
}

fn desk(edge: &Edge) -> Admin<'_> {
    edge.admin("desk", DESK_KEY)
}

/// One admin route, called with whatever credential the client carries.
type Route<'r> = (&'r str, &'r dyn Fn(&Admin<'_>) -> Reply);

#[test]
fn admin_routes_need_that_shops_own_key() {
    let edge = Edge::from_env();
    let desk = desk(&edge);
    let made = make_return(&edge, "desk");
    let rma = made.rma.as_str();
    let body = json!({});
    let routes: [Route<'_>; 7] = [
        ("the list", &|admin| admin.returns("")),
        ("one return", &|admin| admin.get_return(rma)),
        ("a step", &|admin| admin.step(rma, "approve", Some(&body))),
        ("a setting", &|admin| admin.setting("returns_policy")),
        ("a new setting", &|admin| {
            admin.put_setting("returns_policy", &body)
        }),
        ("the delivery log", &|admin| admin.deliveries()),
        ("send again", &|admin| admin.retry_delivery(1)),
    ];
    for (route, call) in routes {
        let refused = [
            Auth::None,
            Auth::bearer("wrong-key"),
            Auth::bearer("demo-admin-key"),
            Auth::bearer(HOOKS_KEY),
            // A shopper's token is not an admin key either.
            Auth::bearer(&made.shopper.token),
        ];
        for auth in refused {
            let reply = call(&desk.with_auth(auth.clone()));
            assert_eq!(reply.status, 401, "{route} with {auth:?}");
            reply.assert_problem(401, "unauthorized");
        }
    }
    // Nothing moved.
    let one = desk.get_return(rma);
    one.assert_status(200);
    assert_eq!(one.json()["status"], "requested");
    // Unknown returns, actions and settings are 404s, not 500s.
    desk.get_return("R-2222").assert_problem(404, "not_found");
    desk.step(rma, "teleport", None)
        .assert_problem(404, "not_found");
    desk.setting("nonsense").assert_problem(404, "not_found");
    // Another shop's return is not found with this shop's key.
    edge.admin("hooks", HOOKS_KEY)
        .get_return(rma)
        .assert_problem(404, "not_found");
}

#[test]
fn the_list_is_newest_first_paginated_and_filtered() {
    let edge = Edge::from_env();
    let desk = desk(&edge);
    let mine: Vec<String> = (0..3).map(|_| make_return(&edge, "desk").rma).collect();
    desk.step(&mine[1], "approve", None);

    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let query = match &cursor {
            Some(c) => format!("?limit=2&cursor={c}"),
            None => "?limit=2".to_owned(),
        };
        let page = desk.returns(&query);
        page.assert_status(200);
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

    let approved = desk.returns("?status=approved&limit=100").json();
    let approved: Vec<&Value> = approved["items"].as_array().unwrap().iter().collect();
    assert!(approved.iter().all(|r| r["status"] == "approved"));
    assert!(approved.iter().any(|r| r["rma"] == mine[1].as_str()));
    assert!(!approved.iter().any(|r| r["rma"] == mine[0].as_str()));

    for bad in ["status=lost", "cursor=abc", "limit=0", "limit=101"] {
        desk.returns(&format!("?{bad}"))
            .assert_problem(400, "invalid_field");
    }
}

/// Walks `events` and checks the status after each one.
fn walk(desk: &Admin<'_>, rma: &str, events: &[(&str, &str)]) -> Value {
    let mut last = Value::Null;
    for (event, status) in events {
        let reply = desk.step(rma, event, None);
        assert_eq!(reply.status, 200, "{event}: {}", reply.text());
        last = reply.json();
        assert_eq!(last["status"], *status, "{event}");
    }
    last
}

#[test]
fn every_legal_transition_is_recorded_with_actor_and_time() {
    let edge = Edge::from_env();
    let desk = desk(&edge);
    let started = aftercart_shared::UnixTime::from_secs(now_secs() - 5);

    // requested → approved (with a note) → in transit → received → refunded → closed
    let refund = make_return(&edge, "desk");
    let approved = desk.step(
        &refund.rma,
        "approve",
        Some(&json!({ "note": "  Label sent by email  " })),
    );
    approved.assert_status(200);
    let approved = approved.json();
    assert_eq!(
        approved["actions"],
        json!(["reject", "cancel", "ship", "receive"])
    );
    let closed = walk(
        &desk,
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
    let seen = refund.on_file();
    assert_eq!(seen["status"], "closed");
    assert_eq!(seen["history"].as_array().unwrap().len(), 6);
    assert!(seen["history"][1].get("note").is_none(), "{seen}");
    assert_eq!(seen["history"][1]["actor"], "merchant");

    // Drop-off without tracking: approved → received, then store credit.
    let credit = make_return(&edge, "desk");
    walk(
        &desk,
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
        &desk,
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
            assert_eq!(desk.step(&made.rma, event, None).status, 200);
        }
        let rejected = desk.step(
            &made.rma,
            "reject",
            Some(&json!({ "note": "Worn, tags removed" })),
        );
        rejected.assert_status(200);
        let rejected = rejected.json();
        assert_eq!(rejected["status"], "rejected");
        let last = rejected["history"]
            .as_array()
            .unwrap()
            .last()
            .unwrap()
            .clone();
        assert_eq!(last["note"], "Worn, tags removed");
        desk.step(&made.rma, "approve", None)
            .assert_problem(409, "invalid_transition");
        assert_eq!(made.on_file()["status"], "rejected");
    }
}

#[test]
fn illegal_transitions_are_conflicts_and_change_nothing() {
    let edge = Edge::from_env();
    let desk = desk(&edge);
    let made = make_return(&edge, "desk");
    for event in ["ship", "receive", "refund", "credit", "exchange", "close"] {
        let problem = desk
            .step(&made.rma, event, None)
            .assert_problem(409, "invalid_transition");
        assert!(
            problem["detail"].as_str().unwrap().contains("requested"),
            "{problem}"
        );
    }
    desk.step(&made.rma, "approve", Some(&json!({ "bogus": 1 })))
        .assert_problem(400, "invalid_json");
    let long = "x".repeat(1001);
    desk.step(&made.rma, "approve", Some(&json!({ "note": long })))
        .assert_problem(400, "invalid_field");
    let one = desk.get_return(&made.rma).json();
    assert_eq!(one["status"], "requested");
    assert_eq!(one["history"].as_array().unwrap().len(), 1);
    walk(
        &desk,
        &made.rma,
        &[("approve", "approved"), ("receive", "received")],
    );
    for event in ["approve", "ship", "close"] {
        desk.step(&made.rma, event, None)
            .assert_problem(409, "invalid_transition");
    }
}

#[test]
fn a_shopper_may_cancel_only_before_the_parcel_is_on_its_way() {
    let edge = Edge::from_env();
    let desk = desk(&edge);
    let made = make_return(&edge, "desk");
    let own = &made.shopper.api;
    own.with_auth(Auth::bearer("not-a-token"))
        .cancel_return(&made.rma)
        .assert_problem(401, "unauthorized");
    // Another order's token does not reach this return.
    let other = make_return(&edge, "desk");
    own.with_auth(Auth::bearer(&other.shopper.token))
        .cancel_return(&made.rma)
        .assert_problem(401, "unauthorized");

    let reply = own.cancel_return(&made.rma);
    reply.assert_status(200);
    let view = reply.json();
    assert_eq!(view["status"], "cancelled");
    assert_eq!(view["history"][1]["actor"], "shopper");
    own.cancel_return(&made.rma)
        .assert_problem(409, "invalid_transition");
    desk.step(&made.rma, "approve", None)
        .assert_problem(409, "invalid_transition");

    // Once shipped, it is the merchant's to decide.
    walk(
        &desk,
        &other.rma,
        &[("approve", "approved"), ("ship", "in_transit")],
    );
    other
        .shopper
        .api
        .cancel_return(&other.rma)
        .assert_problem(409, "invalid_transition");
    // An RMA that is not this order's is not found.
    let third = make_return(&edge, "desk");
    third
        .shopper
        .api
        .cancel_return(&other.rma)
        .assert_problem(404, "not_found");
}

/// Sends `events` for `rma` all at once; the statuses, in order.
fn at_once(desk: &Admin<'_>, rma: &str, events: &[&str]) -> Vec<u16> {
    std::thread::scope(|scope| {
        let handles: Vec<_> = events
            .iter()
            .map(|event| scope.spawn(move || desk.step(rma, event, None).status))
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
    let desk = desk(&edge);
    for round in 0..3 {
        let made = make_return(&edge, "desk");
        let statuses = at_once(&desk, &made.rma, &["approve"; 4]);
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

        assert_eq!(desk.step(&made.rma, "receive", None).status, 200);
        let endings = [
            "refund", "credit", "exchange", "refund", "credit", "exchange",
        ];
        let statuses = at_once(&desk, &made.rma, &endings);
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

        let one = desk.get_return(&made.rma).json();
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
