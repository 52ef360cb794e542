//! Mixed load, nothing lost (issue 11's suite): threads on loopback mix
//! webhook ingest, lookups, order views, return creation, referral
//! redemptions and reads of the demo shop, bounded by a request count. No answer is a 5xx, and every
//! write the edge acknowledged is in D1 afterwards, counted in the `load`
//! shop, which no other test writes.

use std::sync::Mutex;

use aftercart_tests::{DAY, Edge, ShopifyOrder, d1, json, now_secs, unique};

const THREADS: usize = 6;
const ROUNDS: usize = 12;

/// What one thread saw.
#[derive(Debug, Default)]
struct Tally {
    requests: usize,
    server_errors: Vec<String>,
    orders_acknowledged: usize,
    returns_acknowledged: usize,
    /// Friends' orders taken with a referral code: each leaves a
    /// redemption record, rewarded or refused.
    redemptions_acknowledged: usize,
}

fn round(edge: &Edge, tally: &mut Tally) {
    let mut note = |what: &str, status: u16| {
        tally.requests += 1;
        if status >= 500 {
            tally.server_errors.push(format!("{what}: {status}"));
        }
    };
    // Ingest: a delivered order, acknowledged once applied.
    let order = ShopifyOrder::fresh()
        .financial_status("paid")
        .tracking(&unique("1ZLOAD"))
        .delivered(now_secs() - DAY);
    let receipt = edge.webhooks("load").shopify_order("orders/create", &order);
    note("webhook", receipt.status);
    if receipt.status == 200 && receipt.json()["outcome"] == "applied" {
        tally.orders_acknowledged += 1;
    }
    // The shopper looks it up and views it.
    let lookup = edge.lookup_reply("load", &order.number_shown(), &order.email_address());
    note("lookup", lookup.status);
    if lookup.status != 200 {
        return;
    }
    let found = lookup.json();
    let token = found["token"].as_str().unwrap_or_default();
    let id = found["order"]["id"].as_str().unwrap_or_default();
    let api = edge.order("load", id, token);
    note("view", api.view().status);
    // A return of the first item, sent twice with one key (a retry): one
    // return.
    let item = found["order"]["lineItems"][0]["id"].clone();
    let request = json!({
        "items": [{ "lineItemId": item, "quantity": 1, "reason": { "reasonId": "changed_mind" } }],
        "resolution": "store_credit"
    });
    let key = unique("load-");
    let created = api.create_return(Some(&key), &request);
    note("return", created.status);
    let again = api.create_return(Some(&key), &request);
    note("return retry", again.status);
    if created.status == 201 {
        tally.returns_acknowledged += 1;
    }
    // The shopper's referral code (made once the order is delivered), and
    // a friend's paid order that uses it.
    let rewards = api.rewards();
    note("rewards", rewards.status);
    if let Some(code) = rewards.json()["referral"]["code"].as_str() {
        let friend = ShopifyOrder::fresh()
            .financial_status("paid")
            .subtotal("80.00")
            .discount_codes(&[code.to_owned()]);
        let receipt = edge
            .webhooks("load")
            .shopify_order("orders/create", &friend);
        note("friend's order", receipt.status);
        if receipt.status == 200 && receipt.json()["outcome"] == "applied" {
            tally.orders_acknowledged += 1;
            tally.redemptions_acknowledged += 1;
        }
    }
    // Reads elsewhere meanwhile.
    note(
        "demo lookup",
        edge.lookup_reply("demo", "1002", "erik@example.com").status,
    );
    note("return options", api.return_options("").status);
}

#[test]
fn mixed_load_answers_no_5xx_and_loses_no_acknowledged_write() {
    let edge = Edge::from_env();
    let tallies = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..THREADS {
            scope.spawn(|| {
                let mut tally = Tally::default();
                for _ in 0..ROUNDS {
                    round(&edge, &mut tally);
                }
                tallies.lock().unwrap().push(tally);
            });
        }
    });
    let tallies = tallies.into_inner().unwrap();
    let requests: usize = tallies.iter().map(|t| t.requests).sum();
    let errors: Vec<&String> = tallies.iter().flat_map(|t| &t.server_errors).collect();
    let orders: usize = tallies.iter().map(|t| t.orders_acknowledged).sum();
    let returns: usize = tallies.iter().map(|t| t.returns_acknowledged).sum();
    let redemptions: usize = tallies.iter().map(|t| t.redemptions_acknowledged).sum();
    println!(
        "mixed load: {requests} requests, {orders} orders, {returns} returns and \
         {redemptions} referral redemptions acknowledged"
    );
    assert!(errors.is_empty(), "server errors: {errors:?}");
    assert_eq!(orders, 2 * THREADS * ROUNDS, "every delivery applied");
    assert_eq!(redemptions, THREADS * ROUNDS, "every referrer had a code");

    let stored = d1(
        "SELECT (SELECT count(*) FROM orders WHERE shop_id = 'load') AS orders, \
         (SELECT count(*) FROM returns WHERE shop_id = 'load') AS returns, \
         (SELECT count(*) FROM referral_redemptions WHERE shop_id = 'load') AS redemptions",
    );
    assert_eq!(stored[0]["orders"], orders, "{stored:?}");
    assert_eq!(stored[0]["returns"], returns, "{stored:?}");
    assert_eq!(stored[0]["redemptions"], redemptions, "{stored:?}");
    assert_eq!(
        returns,
        THREADS * ROUNDS,
        "one return per order, retries included"
    );
}
