//! The runtime killed mid-write: webhook deliveries race a SIGKILL of
//! wrangler and workerd, the runtime comes back on the same D1 files, and
//! the senders redeliver. Nothing acknowledged is lost, nothing is half
//! written, and every delivery ends up applied exactly once.
#![allow(
    clippy::unwrap_used,
    reason = "a test should stop at the first surprise"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use aftercart_shared::ingest::Source;
use aftercart_tests::runtime::{Runtime, State};
use aftercart_tests::{Edge, Reply, ShopifyOrder, Value, fixture, unique};

const SEED: &str = "INSERT INTO shops (id, name, created_at) VALUES ('crash', 'Crash Lab', 0);
INSERT INTO webhook_secrets (shop_id, source, secret) VALUES ('crash', 'shopify', 'crash-shopify-secret');";
/// Enough deliveries that the kill lands while many are still in flight.
const DELIVERIES: usize = 120;
const SENDERS: usize = 8;
/// Acknowledgements to wait for before pulling the plug.
const KILL_AFTER: usize = 10;
/// How long the first acknowledgements may take; a healthy edge needs about a second.
const ACK_DEADLINE: Duration = Duration::from_secs(60);

/// One `orders/create` delivery, as Shopify would (re)send it.
#[derive(Debug, Clone)]
struct Delivery {
    event_id: String,
    order_id: String,
    body: Vec<u8>,
}

fn deliveries() -> Vec<Delivery> {
    (0..DELIVERIES)
        .map(|_| {
            let order = ShopifyOrder::fresh().tracking(&unique("1ZK"));
            Delivery {
                event_id: unique("evt-crash-"),
                order_id: order.id(),
                body: order.body(),
            }
        })
        .collect()
}

/// Signed with `crash-shopify-secret`, the secret [`SEED`] stores.
fn send(edge: &Edge, delivery: &Delivery) -> Result<Reply, String> {
    edge.webhooks("crash").try_send(
        Source::Shopify,
        &[
            ("x-shopify-topic", "orders/create"),
            ("x-shopify-event-id", delivery.event_id.as_str()),
        ],
        &delivery.body,
    )
}

/// Stored orders with their line item and parcel counts, read from SQLite.
fn stored(state: &State) -> BTreeMap<String, (u64, u64)> {
    state
        .query(
            "SELECT o.id AS id, \
             (SELECT count(*) FROM line_items li WHERE li.shop_id = o.shop_id AND li.order_id = o.id) AS items, \
             (SELECT count(*) FROM shipments s WHERE s.shop_id = o.shop_id AND s.order_id = o.id) AS parcels \
             FROM orders o WHERE o.shop_id = 'crash'",
        )
        .iter()
        .map(|row| {
            (
                row["id"].as_str().unwrap().to_owned(),
                (row["items"].as_u64().unwrap(), row["parcels"].as_u64().unwrap()),
            )
        })
        .collect()
}

/// Event ids of the recorded deliveries (stored as `shopify:<event id>`).
fn recorded_deliveries(state: &State) -> BTreeSet<String> {
    state
        .query("SELECT delivery_id FROM webhook_deliveries WHERE shop_id = 'crash'")
        .iter()
        .map(|row| {
            let id = row["delivery_id"].as_str().unwrap();
            id.strip_prefix("shopify:").unwrap_or(id).to_owned()
        })
        .collect()
}

#[test]
fn a_runtime_killed_mid_write_loses_nothing_and_applies_each_delivery_once() {
    let fixture_order = &fixture("shopify/order.json")["order"];
    let items_per_order = fixture_order["line_items"].as_array().unwrap().len() as u64;
    let parcels_per_order = fixture_order["fulfillments"].as_array().unwrap().len() as u64;
    let state = State::migrated("crash", SEED);
    let deliveries = deliveries();

    // Senders race the kill; each remembers what was acknowledged.
    let runtime = Runtime::start(&state);
    let edge = runtime.edge.clone();
    let acked = Arc::new(AtomicUsize::new(0));
    let senders: Vec<_> = deliveries
        .chunks(DELIVERIES / SENDERS)
        .map(|chunk| {
            let (edge, acked, chunk) = (edge.clone(), Arc::clone(&acked), chunk.to_vec());
            std::thread::spawn(move || {
                chunk
                    .iter()
                    .filter_map(|delivery| {
                        let reply = send(&edge, delivery).ok()?;
                        assert_eq!(reply.status, 200, "before the kill: {}", reply.text());
                        acked.fetch_add(1, Ordering::SeqCst);
                        Some(delivery.event_id.clone())
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    // A deadline, so senders that fail or stall turn the test red instead
    // of hanging CI.
    let deadline = Instant::now() + ACK_DEADLINE;
    while acked.load(Ordering::SeqCst) < KILL_AFTER {
        let finished = senders.iter().all(std::thread::JoinHandle::is_finished);
        assert!(
            !finished && Instant::now() < deadline,
            "only {} of {KILL_AFTER} deliveries were acknowledged {} (within {ACK_DEADLINE:?})",
            acked.load(Ordering::SeqCst),
            if finished {
                "before every sender stopped"
            } else {
                "in time"
            },
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    runtime.kill();
    let acknowledged: BTreeSet<String> = senders
        .into_iter()
        .flat_map(|sender| sender.join().unwrap())
        .collect();
    assert!(
        acknowledged.len() < DELIVERIES,
        "the kill came after every delivery, so it proved nothing"
    );

    // What the files hold after the crash, before anything else runs.
    let recorded = recorded_deliveries(&state);
    let orders = stored(&state);
    eprintln!(
        "killed with {} of {DELIVERIES} acknowledged; {} stored (the rest were cut off in flight)",
        acknowledged.len(),
        recorded.len()
    );
    // Acknowledged means stored.
    assert!(
        acknowledged.is_subset(&recorded),
        "acknowledged but lost: {:?}",
        acknowledged.difference(&recorded).collect::<Vec<_>>()
    );
    // A delivery record exists exactly when its order does, and an order is
    // there whole or not at all.
    let by_event: BTreeMap<&str, &Delivery> = deliveries
        .iter()
        .map(|d| (d.event_id.as_str(), d))
        .collect();
    let orders_of_records: BTreeSet<String> = recorded
        .iter()
        .map(|event| by_event[event.as_str()].order_id.clone())
        .collect();
    assert_eq!(
        orders.keys().cloned().collect::<BTreeSet<_>>(),
        orders_of_records
    );
    for (order, counts) in &orders {
        assert_eq!(
            *counts,
            (items_per_order, parcels_per_order),
            "order {order} half written"
        );
    }

    // Back up on the same files; every sender redelivers what it sent.
    let runtime = Runtime::start(&state);
    for delivery in &deliveries {
        let reply = send(&runtime.edge, delivery).unwrap();
        assert_eq!(reply.status, 200, "{}", reply.text());
        let expected = if recorded.contains(&delivery.event_id) {
            "duplicate"
        } else {
            "applied"
        };
        assert_eq!(
            reply.json()["outcome"],
            Value::from(expected),
            "{}",
            delivery.event_id
        );
    }
    drop(runtime);

    let orders = stored(&state);
    assert_eq!(orders.len(), DELIVERIES);
    assert!(
        orders
            .values()
            .all(|counts| *counts == (items_per_order, parcels_per_order))
    );
    assert_eq!(recorded_deliveries(&state).len(), DELIVERIES);
}
