//! Every file under `tests/fixtures/{source}/` is parsed, and each must have
//! an expectation below: a specific successful parse or a specific clear
//! rejection. A newly added fixture fails this test until it gets one.

#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

use std::fs;
use std::path::Path;

use aftercart_shared::UnixTime;
use aftercart_shared::ingest::{
    self, IngestError, Ingested, Payment, ShipmentKey, ShipmentUpsert, Source, TrackingNumber,
};
use aftercart_shared::tracking::{Step, Timeline, TrackingStatus};
use aftercart_shared::wire::WireName;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn t(raw: &str) -> UnixTime {
    UnixTime::parse(raw).unwrap()
}

fn timeline(shipment: &ShipmentUpsert) -> Timeline {
    Timeline::build(shipment.checkpoints.iter().cloned())
}

fn tracking_key(number: &str, carrier: &str) -> ShipmentKey {
    ShipmentKey::Tracking {
        number: TrackingNumber::parse(number).unwrap(),
        carrier: Some(carrier.into()),
    }
}

fn only_shipment(ingested: &Ingested) -> &ShipmentUpsert {
    assert!(ingested.orders.is_empty(), "{ingested:?}");
    assert_eq!(ingested.shipments.len(), 1, "{ingested:?}");
    &ingested.shipments[0]
}

/// Asserts `result` is the "not an order or tracking payload" rejection and
/// that its message names what was found.
fn rejected(result: Result<Ingested, IngestError>, source: Source, found: &str) {
    match result {
        Err(err @ IngestError::Unsupported { origin, .. }) => {
            assert_eq!(origin, source);
            let message = err.to_string();
            assert!(
                message.contains(found),
                "{message:?} should mention {found:?}"
            );
            assert!(
                message.contains("not an order or tracking update"),
                "{message}"
            );
        }
        other => panic!("expected a clear rejection mentioning {found:?}, got {other:?}"),
    }
}

fn check(source: Source, name: &str, result: Result<Ingested, IngestError>) {
    use TrackingStatus::*;
    match (source, name) {
        (Source::Shopify, "order.json") => {
            let ingested = result.unwrap();
            assert!(ingested.shipments.is_empty());
            let [order] = ingested.orders.as_slice() else {
                panic!("one order expected: {ingested:?}");
            };
            assert_eq!(order.id.as_str(), "450789469");
            assert_eq!(order.display_number, "#1001");
            assert_eq!(order.number.as_str(), "1001");
            assert_eq!(
                order.email.as_ref().unwrap().as_str(),
                "bob.norman@hostmail.com"
            );
            assert_eq!(order.customer_first_name.as_deref(), Some("Bob"));
            assert_eq!(order.customer_id.as_deref(), Some("207119551"));
            assert_eq!(order.placed_at, t("2008-01-10T16:00:00Z"));
            assert_eq!(
                (order.currency.as_str(), order.total_minor),
                ("USD", 40_994)
            );
            assert_eq!(order.cancelled_at, None);
            assert_eq!(order.discount_codes, ["TENOFF"]);
            let items: Vec<_> = order
                .line_items
                .iter()
                .map(|i| {
                    (
                        i.id.as_str(),
                        i.variant_title.as_deref(),
                        i.sku.as_deref(),
                        i.quantity,
                        i.unit_price_minor,
                    )
                })
                .collect();
            assert_eq!(
                items,
                [
                    ("466157049", Some("green"), Some("IPOD2008GREEN"), 1, 19_900),
                    ("518995019", Some("red"), Some("IPOD2008RED"), 1, 19_900),
                    ("703073504", Some("black"), Some("IPOD2008BLACK"), 1, 19_900),
                ]
            );
            assert!(order.line_items.iter().all(|i| i.title == "IPod Nano - 8gb"
                && i.product_id.as_deref() == Some("632910392")
                && i.image_url.is_none()));
            let [fulfillment] = order.shipments.as_slice() else {
                panic!("one fulfillment expected");
            };
            assert_eq!(
                fulfillment.key,
                ShipmentKey::Fulfillment("255858046".into())
            );
            assert_eq!(fulfillment.order_id.as_ref(), Some(&order.id));
            assert_eq!(fulfillment.carrier, None);
            assert_eq!(fulfillment.tracking_numbers[0].as_str(), "1Z2345");
            // Shopify's sample links to UPS over plain http: refused (see
            // `TrackingUrl`), and the parcel keeps its number.
            assert!(fulfillment.tracking_urls.is_empty());
            let status = fulfillment.status.as_ref().unwrap();
            assert_eq!((status.status, status.raw.as_str()), (Exception, "failure"));
            assert_eq!(fulfillment.items, [("466157049".to_owned(), 1)]);
            assert_eq!(fulfillment.created_at, Some(t("2014-01-22T20:58:27Z")));
            let timeline = timeline(fulfillment);
            assert_eq!(timeline.status, Exception);
            assert_eq!(
                timeline.checkpoints[0].occurred_at,
                t("2014-01-22T20:58:27Z")
            );
        }
        (Source::Shopify, "orders.json") => {
            let ingested = result.unwrap();
            let [order] = ingested.orders.as_slice() else {
                panic!("one order expected: {ingested:?}");
            };
            assert_eq!(order.display_number, "#1001");
            assert_eq!(order.total_minor, 59_894);
            assert_eq!(order.line_items.len(), 3);
            assert_eq!(order.discount_codes, ["TENOFF"]);
            let fulfillment = &order.shipments[0];
            assert_eq!(fulfillment.carrier.as_deref(), Some("USPS"));
            assert_eq!(timeline(fulfillment).status, Exception);
        }
        (Source::Shopify, "fulfillment.json") => {
            let ingested = result.unwrap();
            let shipment = only_shipment(&ingested);
            assert_eq!(shipment.key, ShipmentKey::Fulfillment("255858046".into()));
            assert_eq!(shipment.order_id.as_ref().unwrap().as_str(), "450789469");
            // Kept verbatim: it is the merchant's text, however odd.
            assert_eq!(shipment.carrier.as_deref(), Some("null-company"));
            assert_eq!(shipment.tracking_numbers[0].as_str(), "1Z2345");
            // An http link is dropped; the number stays.
            assert!(shipment.tracking_urls.is_empty());
            assert_eq!(shipment.items, [("466157049".to_owned(), 1)]);
            let status = shipment.status.as_ref().unwrap();
            assert_eq!((status.status, status.raw.as_str()), (Pending, "pending"));
            assert_eq!(shipment.checkpoints.len(), 1);
            assert_eq!(
                shipment.checkpoints[0].occurred_at,
                t("2013-11-01T20:06:08Z")
            );
        }
        (Source::Shopify, "fulfillment_event.json") => {
            let ingested = result.unwrap();
            let shipment = only_shipment(&ingested);
            assert_eq!(
                shipment.key,
                ShipmentKey::Fulfillment("2608403447971".into())
            );
            assert_eq!(
                shipment.order_id.as_ref().unwrap().as_str(),
                "2776493818019"
            );
            assert_eq!(shipment.estimated_delivery, None);
            let [checkpoint] = shipment.checkpoints.as_slice() else {
                panic!("one checkpoint expected");
            };
            assert_eq!(checkpoint.status, InfoReceived);
            assert_eq!(checkpoint.raw_status, "label_printed");
            assert_eq!(checkpoint.occurred_at, t("2021-01-25T21:32:23Z"));
            assert_eq!(
                (checkpoint.message.as_str(), checkpoint.location.as_deref()),
                ("", None)
            );
            assert_eq!(timeline(shipment).step(), Step::Shipped);
        }
        (Source::Shopify, "fulfillment_orders.json") => {
            rejected(result, source, "a `fulfillment_order` object");
        }
        (Source::Shopify, "order_risk.json") => rejected(result, source, "a `risk` object"),
        (Source::Shopify, "refund.json" | "refund_calculate.json") => {
            rejected(result, source, "a `refund` object");
        }
        (Source::Shopify, "transaction.json") => rejected(result, source, "a `transaction` object"),
        (Source::Shopify, "transactions.json") => rejected(result, source, "a JSON array"),

        (Source::AfterShip, "delivered_ok.json") => {
            let ingested = result.unwrap();
            let shipment = only_shipment(&ingested);
            assert_eq!(shipment.key, tracking_key("1ZA2207X6791425225", "ups"));
            assert_eq!(shipment.order_id.as_ref().unwrap().as_str(), "PL-55120855");
            let status = shipment.status.as_ref().unwrap();
            assert_eq!(
                (status.status, status.raw.as_str()),
                (Delivered, "Delivered")
            );
            assert_eq!(shipment.checkpoints.len(), 15);
            assert_eq!(shipment.estimated_delivery, None);
            let first = &shipment.checkpoints[0];
            assert_eq!(first.message, "BILLING INFORMATION RECEIVED");
            assert_eq!(first.location.as_deref(), Some("IN"));
            // Offset-less carrier time, read as UTC.
            assert_eq!(first.occurred_at, t("2014-05-04T14:06:23Z"));
            let timeline = timeline(shipment);
            assert_eq!(timeline.status, Delivered);
            assert_eq!(timeline.delivered_at, Some(t("2014-05-08T12:31:00Z")));
            let last = timeline.checkpoints.last().unwrap();
            assert_eq!(last.location.as_deref(), Some("PHILADELPHIA, PA 19106, US"));
        }
        (Source::AfterShip, "delivered_wild.json" | "real.json") => {
            let ingested = result.unwrap();
            let shipment = only_shipment(&ingested);
            assert_eq!(shipment.key, tracking_key("1ZA2207X6794165804", "ups"));
            assert_eq!(shipment.checkpoints.len(), 41);
            let exceptions = shipment
                .checkpoints
                .iter()
                .filter(|c| c.status == Exception);
            assert_eq!(exceptions.count(), 5);
            let timeline = timeline(shipment);
            // Exceptions and two "out for delivery" scans on the way, then
            // delivered: the end state is what counts.
            assert_eq!(timeline.status, Delivered);
            assert_eq!(timeline.delivered_at, Some(t("2014-05-23T10:00:00Z")));
            assert_eq!(timeline.step(), Step::Delivered);
        }
        (Source::AfterShip, "in_transit.json") => {
            let ingested = result.unwrap();
            let shipment = only_shipment(&ingested);
            assert_eq!(shipment.key, tracking_key("9405903699300211343566", "usps"));
            assert_eq!(shipment.order_id, None);
            assert_eq!(shipment.status.as_ref().unwrap().status, InTransit);
            assert_eq!(shipment.checkpoints.len(), 27);
            assert_eq!(shipment.estimated_delivery, Some(t("2014-07-02T00:00:00Z")));
            // Empty strings are absent, not a location of ", , ".
            assert_eq!(shipment.checkpoints[0].location, None);
            assert_eq!(
                shipment.checkpoints[2].location.as_deref(),
                Some("NORTH BRANCH, MN 55056")
            );
            let statuses: Vec<_> = shipment.checkpoints.iter().map(|c| c.status).collect();
            assert!(statuses.contains(&AttemptFail) && statuses.contains(&Exception));
            let timeline = timeline(shipment);
            assert_eq!(timeline.status, InTransit);
            // It was out for delivery once; the bar keeps that.
            assert_eq!(timeline.step(), Step::OutForDelivery);
            assert_eq!(timeline.delivered_at, None);
        }

        (Source::EasyPost, "event-body.json") => {
            let ingested = result.unwrap();
            let shipment = only_shipment(&ingested);
            assert_eq!(shipment.key, tracking_key("1", "FedEx"));
            let status = shipment.status.as_ref().unwrap();
            assert_eq!(status.status, InTransit);
            assert_eq!(status.raw, "in_transit");
            assert_eq!(status.sub_status.as_deref(), Some("arrived_at_facility"));
            assert_eq!(shipment.checkpoints.len(), 7);
            assert_eq!(shipment.estimated_delivery, Some(t("2024-08-05")));
            assert_eq!(
                shipment.tracking_urls[0].as_str(),
                "https://track.easypost.com/1"
            );
            let first = &shipment.checkpoints[0];
            assert_eq!(
                (first.status, first.sub_status.as_deref()),
                (InfoReceived, Some("label_created"))
            );
            assert_eq!(first.location.as_deref(), Some("32837, US"));
            assert_eq!(first.message, "Shipment information sent to FedEx");
            let timeline = timeline(shipment);
            assert_eq!(timeline.status, InTransit);
            let latest = timeline.checkpoints.last().unwrap();
            assert_eq!(latest.occurred_at, t("2024-08-02T18:50:00Z"));
            assert_eq!(latest.location.as_deref(), Some("EDISON, NJ 08817, US"));
        }
        (Source::EasyPost, "client-library-fixtures.json") => {
            rejected(
                result,
                source,
                "an object with keys addresses, carrier_accounts",
            );
        }
        _ => panic!(
            "fixture {source}/{name} has no expectation in {}: add one",
            file!()
        ),
    }
}

#[test]
fn every_fixture_parses_or_is_clearly_rejected() {
    let mut seen = 0;
    for group in fs::read_dir(FIXTURES).unwrap() {
        let group = group.unwrap().path();
        if !group.is_dir() {
            continue;
        }
        let dir_name = group.file_name().unwrap().to_str().unwrap();
        // Signing vectors, not payloads: signature_vectors.rs reads them.
        if dir_name == "signatures" {
            continue;
        }
        let source =
            Source::parse(dir_name).unwrap_or_else(|e| panic!("fixture directory {dir_name}: {e}"));
        let mut files: Vec<_> = fs::read_dir(&group)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for path in files {
            let name = path.file_name().unwrap().to_str().unwrap().to_owned();
            let body = fs::read(&path).unwrap();
            check(source, &name, ingest::parse(source, None, &body));
            seen += 1;
        }
    }
    assert_eq!(seen, 16, "SOURCES.md lists 16 fixtures");
}

#[test]
fn the_two_copies_of_one_tracking_parse_identically() {
    let read = |name: &str| {
        let body = fs::read(Path::new(FIXTURES).join("aftership").join(name)).unwrap();
        ingest::parse(Source::AfterShip, None, &body).unwrap()
    };
    assert_eq!(read("delivered_wild.json"), read("real.json"));
}

#[test]
fn topics_are_honoured_on_real_payloads() {
    let read = |name: &str| fs::read(Path::new(FIXTURES).join("shopify").join(name)).unwrap();
    let order = read("order.json");
    for topic in [
        "orders/create",
        "orders/updated",
        "orders/cancelled",
        "orders/paid",
    ] {
        assert_eq!(
            ingest::parse(Source::Shopify, Some(topic), &order)
                .unwrap()
                .orders
                .len(),
            1
        );
    }
    assert!(
        ingest::parse(
            Source::Shopify,
            Some("fulfillments/create"),
            &read("fulfillment.json")
        )
        .is_ok()
    );
    assert!(
        ingest::parse(
            Source::Shopify,
            Some("fulfillment_events/create"),
            &read("fulfillment_event.json")
        )
        .is_ok()
    );
    assert!(matches!(
        ingest::parse(Source::Shopify, Some("fulfillments/create"), &order),
        Err(IngestError::Unsupported { .. })
    ));
    assert!(matches!(
        ingest::parse(Source::Shopify, Some("refunds/create"), &order),
        Err(IngestError::UnsupportedTopic { .. })
    ));
}

#[test]
fn webhook_bodies_are_the_inner_objects() {
    // A real Shopify webhook body is the unwrapped order; an AfterShip one
    // carries the tracking under `msg`.
    let read = |dir: &str, name: &str| -> serde_json::Value {
        serde_json::from_slice(&fs::read(Path::new(FIXTURES).join(dir).join(name)).unwrap())
            .unwrap()
    };
    let wrapped = read("shopify", "order.json");
    let bare = serde_json::to_vec(&wrapped["order"]).unwrap();
    let from_bare = ingest::parse(Source::Shopify, Some("orders/updated"), &bare).unwrap();
    let from_wrapped = ingest::parse(
        Source::Shopify,
        None,
        &serde_json::to_vec(&wrapped).unwrap(),
    )
    .unwrap();
    assert_eq!(from_bare, from_wrapped);

    let response = read("aftership", "in_transit.json");
    let webhook = serde_json::json!({
        "event": "tracking_update",
        "event_id": "4b5b9e4a-0c36-4d4e-9d8b-9c5f7e8f1a2b",
        "msg": response["data"]["tracking"],
        "ts": 1_406_788_385,
    });
    let body = serde_json::to_vec(&webhook).unwrap();
    let from_webhook = ingest::parse(Source::AfterShip, None, &body).unwrap();
    let from_response = ingest::parse(
        Source::AfterShip,
        None,
        &serde_json::to_vec(&response).unwrap(),
    )
    .unwrap();
    assert_eq!(from_webhook, from_response);
    let none = |_: &str| None;
    assert_eq!(
        ingest::delivery_id(Source::AfterShip, none, &body)
            .unwrap()
            .as_str(),
        "aftership:4b5b9e4a-0c36-4d4e-9d8b-9c5f7e8f1a2b"
    );
    let event = fs::read(Path::new(FIXTURES).join("easypost/event-body.json")).unwrap();
    assert_eq!(
        ingest::delivery_id(Source::EasyPost, none, &event)
            .unwrap()
            .as_str(),
        "easypost:evt_1"
    );
}

#[test]
fn a_fixture_read_as_the_wrong_source_is_an_error_not_a_panic() {
    for group in ["shopify", "aftership", "easypost"] {
        for entry in fs::read_dir(Path::new(FIXTURES).join(group)).unwrap() {
            let path = entry.unwrap().path();
            let body = fs::read(&path).unwrap();
            for source in Source::ALL.into_iter().filter(|s| s.wire_name() != group) {
                // Shopify's REST order shape is not a WooCommerce order, an
                // AfterShip tracking is not an EasyPost Tracker, and so on.
                assert!(
                    ingest::parse(source, None, &body).is_err(),
                    "{} parsed as {source}",
                    path.display()
                );
            }
        }
    }
}

/// The project's shared fixtures live beside the repository (`../shared`)
/// where the workplace provides them; the copy here must hold every one of
/// them, byte for byte, so a fixture added there fails here until it is
/// copied and given an expectation above.
#[test]
fn the_copy_holds_every_shared_fixture() {
    let upstream = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/fixtures");
    if !upstream.is_dir() {
        // A plain clone without the workplace's shared folder: nothing to compare.
        return;
    }
    for group in fs::read_dir(&upstream).unwrap() {
        let group = group.unwrap().path();
        if !group.is_dir() {
            continue;
        }
        for file in fs::read_dir(&group).unwrap() {
            let file = file.unwrap().path();
            let name = file.strip_prefix(&upstream).unwrap();
            let copy = Path::new(FIXTURES).join(name);
            assert_eq!(
                fs::read(&copy).ok(),
                Some(fs::read(&file).unwrap()),
                "{} differs from ../shared/fixtures (copy it into shared/tests/fixtures)",
                name.display()
            );
        }
    }
}

#[test]
fn orders_carry_their_subtotal_and_the_checkout_browser() {
    let mut order: serde_json::Value = serde_json::from_slice(
        &fs::read(Path::new(FIXTURES).join("shopify").join("order.json")).unwrap(),
    )
    .unwrap();
    let parse = |order: &serde_json::Value| {
        let body = serde_json::to_vec(order).unwrap();
        ingest::parse(Source::Shopify, Some("orders/create"), &body)
            .unwrap()
            .orders
            .remove(0)
    };
    // 398.00 before shipping and 11.94 tax; the fixture's browser has an
    // address but no User-Agent, which is no device to compare.
    let parsed = parse(&order);
    assert_eq!(
        (parsed.subtotal_minor, parsed.total_minor),
        (39_800, 40_994)
    );
    assert_eq!(parsed.device, None);

    order["order"]["client_details"]["user_agent"] = "Mozilla/5.0 (iPhone)".into();
    order["order"]["browser_ip"] = "198.51.100.9".into();
    let device = parse(&order).device.unwrap();
    assert_eq!(
        (device.ip.as_str(), device.user_agent.as_str()),
        ("198.51.100.9", "Mozilla/5.0 (iPhone)")
    );
    // Without a subtotal, the total stands in.
    order["order"]
        .as_object_mut()
        .unwrap()
        .remove("subtotal_price");
    assert_eq!(parse(&order).subtotal_minor, 40_994);
}

#[test]
fn shopify_orders_are_paid_only_by_their_financial_status() {
    let mut order: serde_json::Value = serde_json::from_slice(
        &fs::read(Path::new(FIXTURES).join("shopify").join("order.json")).unwrap(),
    )
    .unwrap();
    let payment = |order: &serde_json::Value| {
        let body = serde_json::to_vec(order).unwrap();
        ingest::parse(Source::Shopify, Some("orders/updated"), &body)
            .unwrap()
            .orders[0]
            .payment
    };
    // The fixture is `authorized`: not captured, not paid.
    assert_eq!(payment(&order), Payment::Unpaid);
    for (status, expected) in [
        ("pending", Payment::Unpaid),
        ("authorized", Payment::Unpaid),
        ("paid", Payment::Paid),
        ("partially_paid", Payment::Paid),
        ("PAID", Payment::Paid),
        ("partially_refunded", Payment::Paid),
        ("refunded", Payment::Reversed),
        ("voided", Payment::Reversed),
        ("something_new", Payment::Unpaid),
    ] {
        order["order"]["financial_status"] = status.into();
        assert_eq!(payment(&order), expected, "{status}");
    }
    order["order"]
        .as_object_mut()
        .unwrap()
        .remove("financial_status");
    assert_eq!(payment(&order), Payment::Unpaid, "no status is not paid");
}

#[test]
fn shopify_quantities_are_net_of_edits_and_refunds() {
    let orders: serde_json::Value = serde_json::from_slice(
        &fs::read(Path::new(FIXTURES).join("shopify").join("orders.json")).unwrap(),
    )
    .unwrap();
    let parse = |order: &serde_json::Value| {
        let body = serde_json::to_vec(order).unwrap();
        ingest::parse(Source::Shopify, Some("orders/updated"), &body)
            .unwrap()
            .orders
            .remove(0)
    };
    // The fixture's order refunded two of its three lines in full (no
    // `current_quantity` in this older payload): those have none left.
    let mut order = orders["orders"][0].clone();
    let parsed = parse(&order);
    let quantities: Vec<(&str, u32)> = parsed
        .line_items
        .iter()
        .map(|li| (li.id.as_str(), li.quantity))
        .collect();
    assert_eq!(
        quantities,
        [("466157049", 0), ("518995019", 1), ("703073504", 0)]
    );
    assert_eq!(
        parsed.refunded,
        [("703073504".to_owned(), 1), ("466157049".to_owned(), 1)]
    );

    // `current_quantity` wins when present (an edit removed one of three).
    order["refunds"] = serde_json::json!([]);
    order["line_items"][1]["quantity"] = 3.into();
    order["line_items"][1]["current_quantity"] = 2.into();
    let parsed = parse(&order);
    assert_eq!(parsed.line_items[1].quantity, 2);
    assert_eq!(parsed.refunded, []);

    // A refund larger than the line counts only what was ordered.
    order["refunds"] = serde_json::json!([
        { "id": 1, "refund_line_items": [ { "id": 2, "line_item_id": 518995019, "quantity": 5 } ] }
    ]);
    order["line_items"][1]
        .as_object_mut()
        .unwrap()
        .remove("current_quantity");
    let parsed = parse(&order);
    assert_eq!(parsed.line_items[1].quantity, 0);
    assert_eq!(parsed.refunded, [("518995019".to_owned(), 3)]);
}
