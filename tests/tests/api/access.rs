//! Who may open and act on an order: knowing an email is not owning its
//! orders, a deep link reads unless minted for a write, and a shop can end
//! every token it has handed out (issue 11, defects 1 and 9).

use aftercart_tests::shopify::ShopifyOrder;
use aftercart_tests::{Auth, Edge, json};

/// Every shopper route of `order`, with `token`: none may answer 2xx.
fn assert_nothing_opens(edge: &Edge, shop: &str, order: &str, token: &str) {
    let api = edge.order(shop, order, token);
    let replies = [
        ("view", api.view()),
        ("return options", api.return_options("")),
        ("engagement", api.engagement("")),
        ("rewards", api.rewards()),
        ("create return", api.create_return(Some("k-1"), &json!({}))),
        ("review", api.review(&json!({}))),
        ("nps", api.nps(&json!({ "score": 0 }))),
    ];
    for (route, reply) in replies {
        reply.assert_problem(401, "unauthorized");
        assert!(!reply.text().contains(order), "{route} leaked the order");
    }
}

#[test]
fn an_unpaid_order_placed_with_a_victims_email_opens_none_of_their_orders() {
    let edge = Edge::from_env();
    let victim = ShopifyOrder::fresh().financial_status("paid");
    victim.place(&edge, "lab");
    // The attacker checks out as a guest with the victim's address and
    // never pays; checkout emails are not verified.
    let attacker = ShopifyOrder::fresh()
        .email(&victim.email_address())
        .financial_status("pending")
        .place(&edge, "lab");

    let others = attacker.order["otherOrders"]
        .as_array()
        .expect("otherOrders");
    let listed = others
        .iter()
        .find(|o| o["orderNumber"] == victim.number_shown().as_str())
        .unwrap_or_else(|| panic!("the victim's order is listed: {}", attacker.order));
    // Number, date and status only: nothing that opens it.
    let mut keys: Vec<&str> = listed
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "cancelled",
            "id",
            "orderNumber",
            "placedAt",
            "status",
            "step"
        ]
    );
    assert_nothing_opens(&edge, "lab", &victim.id(), &attacker.token);
}

#[test]
fn a_deep_link_reads_the_order_but_acts_only_when_minted_for_a_write() {
    let edge = Edge::from_env();
    let demo = edge.admin("demo", "demo-admin-key");
    let link = |body| {
        let reply = demo.mint_link(&body);
        reply.assert_status(201);
        reply.json()["token"].as_str().expect("token").to_owned()
    };

    let read_only = link(json!({ "orderId": "demo-1004" }));
    let reply = edge.linked_order("demo", &read_only);
    reply.assert_status(200);
    assert_eq!(reply.json()["canAct"], false);
    let api = edge.order("demo", "demo-1004", &read_only);
    api.view().assert_status(200);
    api.return_options("").assert_status(200);
    // Acting needs the order proven again; refused before the body is read.
    api.create_return(Some("deep-link-1"), &json!({}))
        .assert_problem(403, "proof_needed");
    api.review(&json!({})).assert_problem(403, "proof_needed");
    api.nps(&json!({ "score": 9 }))
        .assert_problem(403, "proof_needed");
    api.cancel_return("RMA-NONE")
        .assert_problem(403, "proof_needed");

    // A link minted for a write may act: the same empty return body now
    // reaches the handler, which names what is missing.
    let write = link(json!({ "orderId": "demo-1004", "write": true }));
    assert_eq!(edge.linked_order("demo", &write).json()["canAct"], true);
    let refused = edge
        .order("demo", "demo-1004", &write)
        .create_return(Some("deep-link-2"), &json!({}));
    assert_eq!(refused.status, 400, "{}", refused.text());

    // A lookup proves the order: its token acts.
    let looked_up = edge.lookup("demo", "1004", "nils@example.com");
    assert_eq!(looked_up.order["canAct"], true);
}

#[test]
fn revoking_tokens_ends_every_token_the_shop_handed_out() {
    let edge = Edge::from_env();
    let order = ShopifyOrder::fresh().financial_status("paid");
    let session = order.place(&edge, "vault");
    let vault = edge.admin("vault", "vault-admin-key");
    let linked = vault.mint_link(&json!({ "orderId": order.id() })).json()["token"]
        .as_str()
        .expect("token")
        .to_owned();
    edge.linked_order("vault", &linked).assert_status(200);
    session.api.view().assert_status(200);

    // Another shop's key cannot revoke this shop's tokens.
    edge.admin_as("vault", Auth::bearer("demo-admin-key"))
        .revoke_tokens()
        .assert_problem(401, "unauthorized");
    session.api.view().assert_status(200);

    let revoked = vault.revoke_tokens();
    revoked.assert_status(200);
    assert!(revoked.json()["epoch"].as_u64().is_some_and(|e| e >= 1));
    session.api.view().assert_problem(401, "unauthorized");
    edge.linked_order("vault", &linked)
        .assert_problem(401, "unauthorized");

    // The shopper looks the order up again and is back in.
    let again = edge.lookup("vault", &order.number_shown(), &order.email_address());
    again.api.view().assert_status(200);
}
