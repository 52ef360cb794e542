//! Deciding where ingested facts go, given what is already stored.
//!
//! The edge asks [`Ingested::lookups`] which stored rows matter, reads them,
//! and hands them back as [`Known`]; [`plan`] then says, without IO, which
//! rows to write and which updates must wait for a parcel or order that has
//! not arrived yet. Nothing is dropped: an update that cannot be placed is
//! held, keyed by what it waits for, and replayed when that arrives.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::{Ingested, OrderUpsert, ShipmentKey, ShipmentUpsert, TrackingNumber};
use crate::{OrderId, UnixTime};

/// Stored rows the plan depends on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lookups {
    pub order_ids: BTreeSet<OrderId>,
    pub fulfillment_ids: BTreeSet<String>,
    pub tracking_numbers: BTreeSet<TrackingNumber>,
}

/// What the edge found for the [`Lookups`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Known {
    /// Orders that exist.
    pub orders: HashSet<OrderId>,
    /// Shipment id → its order, for shipments stored under a fulfillment id.
    pub fulfillments: HashMap<String, OrderId>,
    /// Tracking number → (order, shipment id) of the stored shipment.
    pub tracking: HashMap<TrackingNumber, (OrderId, String)>,
}

/// What waits for what.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WaitKey {
    Order(OrderId),
    Tracking(TrackingNumber),
    Fulfillment(String),
}

impl WaitKey {
    /// The key as stored: `order:{id}` or `tracking:{number}`.
    pub fn storage_key(&self) -> String {
        match self {
            Self::Order(id) => format!("order:{id}"),
            Self::Tracking(number) => format!("tracking:{number}"),
            Self::Fulfillment(id) => format!("fulfillment:{id}"),
        }
    }
}

/// One row-level write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Write<'a> {
    Order(&'a OrderUpsert),
    /// A shipment placed under its order, with the id it is stored under.
    Shipment {
        order_id: OrderId,
        shipment_id: String,
        update: &'a ShipmentUpsert,
    },
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan<'a> {
    pub writes: Vec<Write<'a>>,
    /// Set when part of the delivery must wait: the whole body is kept under
    /// these keys and applied again when one of them arrives.
    pub waits_for: BTreeSet<WaitKey>,
    /// What arriving now may release: held updates waiting on these keys
    /// should be replayed after the writes commit.
    pub releases: BTreeSet<WaitKey>,
}

impl Ingested {
    /// The stored rows [`plan`] needs to know about.
    pub fn lookups(&self) -> Lookups {
        let mut lookups = Lookups::default();
        for shipment in self.all_shipments() {
            if let Some(order) = &shipment.order_id {
                lookups.order_ids.insert(order.clone());
            }
            match &shipment.key {
                ShipmentKey::Fulfillment(id) => {
                    lookups.fulfillment_ids.insert(id.clone());
                }
                ShipmentKey::Tracking { number, .. } => {
                    lookups.tracking_numbers.insert(number.clone());
                }
            }
            lookups
                .tracking_numbers
                .extend(shipment.tracking_numbers.iter().cloned());
        }
        lookups
    }

    fn all_shipments(&self) -> impl Iterator<Item = &ShipmentUpsert> {
        self.orders
            .iter()
            .flat_map(|o| &o.shipments)
            .chain(&self.shipments)
    }
}

/// Places every fact of `ingested` given what is stored.
///
/// A shipment is placed, in order of preference: under the stored shipment
/// with the same fulfillment id; under the order it arrived inside; under
/// the stored shipment with the same tracking number (sources disagree on
/// carrier names, numbers are what match); under the order the source
/// names, if that order exists or arrives in this same delivery. Otherwise it waits for its tracking number
/// (trackers) or its order (fulfillments).
pub fn plan<'a>(ingested: &'a Ingested, known: &Known) -> Plan<'a> {
    let mut plan = Plan::default();
    let arriving: HashSet<&OrderId> = ingested.orders.iter().map(|o| &o.id).collect();

    for order in &ingested.orders {
        plan.writes.push(Write::Order(order));
        plan.releases.insert(WaitKey::Order(order.id.clone()));
    }
    let embedded = ingested
        .orders
        .iter()
        .flat_map(|o| o.shipments.iter().map(move |s| (Some(&o.id), s)));
    let standalone = ingested.shipments.iter().map(|s| (None, s));
    for (parent, shipment) in embedded.chain(standalone) {
        match place(parent, shipment, known, &arriving) {
            Some((order_id, shipment_id)) => {
                if let ShipmentKey::Fulfillment(id) = &shipment.key {
                    plan.releases.insert(WaitKey::Fulfillment(id.clone()));
                }
                plan.releases.extend(
                    shipment
                        .tracking_numbers
                        .iter()
                        .cloned()
                        .map(WaitKey::Tracking),
                );
                plan.writes.push(Write::Shipment {
                    order_id,
                    shipment_id,
                    update: shipment,
                });
            }
            None => {
                plan.waits_for.insert(wait_key(shipment));
            }
        }
    }
    plan
}

fn place(
    parent: Option<&OrderId>,
    shipment: &ShipmentUpsert,
    known: &Known,
    arriving: &HashSet<&OrderId>,
) -> Option<(OrderId, String)> {
    if let ShipmentKey::Fulfillment(id) = &shipment.key
        && let Some(order) = known.fulfillments.get(id)
    {
        return Some((order.clone(), id.clone()));
    }
    // An order's own fulfillment belongs to that order, even if another
    // order's parcel carries the same tracking number.
    if let Some(parent) = parent {
        return Some((parent.clone(), new_shipment_id(shipment)));
    }
    let numbers = shipment.tracking_numbers.iter().chain(match &shipment.key {
        ShipmentKey::Tracking { number, .. } => Some(number),
        ShipmentKey::Fulfillment(_) => None,
    });
    for number in numbers {
        if let Some((order, id)) = known.tracking.get(number) {
            return Some((order.clone(), id.clone()));
        }
    }
    let order = shipment.order_id.as_ref()?;
    let exists = known.orders.contains(order) || arriving.contains(order);
    exists.then(|| (order.clone(), new_shipment_id(shipment)))
}

/// The id a shipment is stored under when first seen.
pub fn new_shipment_id(shipment: &ShipmentUpsert) -> String {
    match &shipment.key {
        ShipmentKey::Fulfillment(id) => id.clone(),
        ShipmentKey::Tracking { number, .. } => format!("trk-{number}"),
    }
}

/// When the cron next replays a held delivery. Arrivals release what
/// they complete at once; the cron is the net under that (an arrival that
/// raced the hold, a failed replay, a chain deeper than one request
/// follows). First a minute after the hold, then after as long again as the
/// delivery has been held (between a minute and a day), so a delivery that
/// waits for weeks costs a few dozen tries until its body is purged.
pub fn held_retry_at(received_at: UnixTime, now: UnixTime) -> UnixTime {
    const MIN_SECS: i64 = 60;
    const MAX_SECS: i64 = 86_400;
    let held_for = now.secs().saturating_sub(received_at.secs());
    now.plus_secs(held_for.clamp(MIN_SECS, MAX_SECS))
}

fn wait_key(shipment: &ShipmentUpsert) -> WaitKey {
    let tracking = match &shipment.key {
        ShipmentKey::Tracking { number, .. } => Some(number.clone()),
        ShipmentKey::Fulfillment(_) => shipment.tracking_numbers.first().cloned(),
    };
    match (&shipment.key, &shipment.order_id, tracking) {
        // A fulfillment names its order; it waits for that order.
        (ShipmentKey::Fulfillment(_), Some(order), _) => WaitKey::Order(order.clone()),
        (_, _, Some(number)) => WaitKey::Tracking(number),
        (_, Some(order), None) => WaitKey::Order(order.clone()),
        (ShipmentKey::Fulfillment(id), None, None) => WaitKey::Fulfillment(id.clone()),
        // A tracking key always has a number, so the arm above took it.
        (ShipmentKey::Tracking { number, .. }, None, None) => WaitKey::Tracking(number.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn held_deliveries_are_retried_soon_then_ever_less_often() {
        let t = |secs| UnixTime::from_secs(secs);
        let received = t(1_000_000);
        assert_eq!(held_retry_at(received, received), t(1_000_060));
        assert_eq!(held_retry_at(received, t(1_000_030)), t(1_000_090));
        assert_eq!(held_retry_at(received, t(1_003_600)), t(1_007_200));
        assert_eq!(
            held_retry_at(received, t(1_000_000 + 10 * 86_400)),
            t(1_000_000 + 11 * 86_400)
        );
        // A clock behind the hold, or the ends of time, still move forward.
        assert_eq!(held_retry_at(received, t(999_000)), t(999_060));
        assert!(held_retry_at(t(i64::MIN), t(0)) > t(0));
    }
    use crate::UnixTime;

    fn tracking(number: &str) -> TrackingNumber {
        TrackingNumber::parse(number).unwrap()
    }

    fn shipment(key: ShipmentKey, order: Option<&str>, numbers: &[&str]) -> ShipmentUpsert {
        ShipmentUpsert {
            key,
            order_id: order.map(|o| OrderId::parse(o).unwrap()),
            carrier: None,
            tracking_numbers: numbers.iter().map(|n| tracking(n)).collect(),
            tracking_urls: Vec::new(),
            status: None,
            checkpoints: Vec::new(),
            estimated_delivery: None,
            created_at: Some(UnixTime::from_secs(0)),
            items: Vec::new(),
        }
    }

    fn order(id: &str, shipments: Vec<ShipmentUpsert>) -> OrderUpsert {
        OrderUpsert {
            id: OrderId::parse(id).unwrap(),
            number: crate::OrderNumber::parse(id).unwrap(),
            display_number: format!("#{id}"),
            email: None,
            customer_first_name: None,
            customer_id: None,
            placed_at: UnixTime::from_secs(0),
            currency: "USD".into(),
            total_minor: 0,
            subtotal_minor: 0,
            device: None,
            cancelled_at: None,
            payment: crate::ingest::Payment::Paid,
            changed_at: None,
            line_items: Vec::new(),
            refunded: Vec::new(),
            discount_codes: Vec::new(),
            shipments,
        }
    }

    #[test]
    fn a_tracker_finds_its_parcel_by_tracking_number() {
        let ingested = Ingested {
            orders: Vec::new(),
            shipments: vec![shipment(
                ShipmentKey::Tracking {
                    number: tracking("1z999"),
                    carrier: Some("ups".into()),
                },
                Some("PL-1"),
                &["1Z999"],
            )],
        };
        assert!(
            ingested
                .lookups()
                .tracking_numbers
                .contains(&tracking("1Z999"))
        );
        let known = Known {
            tracking: HashMap::from([(
                tracking("1Z999"),
                (OrderId::parse("42").unwrap(), "f-7".into()),
            )]),
            ..Known::default()
        };
        let plan = plan(&ingested, &known);
        assert!(plan.waits_for.is_empty());
        assert!(matches!(
            &plan.writes[..],
            [Write::Shipment { order_id, shipment_id, .. }] if order_id.as_str() == "42" && shipment_id == "f-7"
        ));
    }

    #[test]
    fn an_unknown_parcel_waits_for_its_tracking_number() {
        let ingested = Ingested {
            orders: Vec::new(),
            shipments: vec![shipment(
                ShipmentKey::Tracking {
                    number: tracking("ABC"),
                    carrier: None,
                },
                Some("not-an-order-we-know"),
                &["ABC"],
            )],
        };
        let plan = plan(&ingested, &Known::default());
        assert!(plan.writes.is_empty());
        assert_eq!(
            plan.waits_for,
            BTreeSet::from([WaitKey::Tracking(tracking("ABC"))])
        );
    }

    #[test]
    fn a_fulfillment_before_its_order_waits_for_the_order() {
        let ingested = Ingested {
            orders: Vec::new(),
            shipments: vec![shipment(
                ShipmentKey::Fulfillment("9".into()),
                Some("450789469"),
                &["1Z2345"],
            )],
        };
        let plan = plan(&ingested, &Known::default());
        assert_eq!(
            plan.waits_for,
            BTreeSet::from([WaitKey::Order(OrderId::parse("450789469").unwrap())])
        );
        assert_eq!(
            WaitKey::Order(OrderId::parse("7").unwrap()).storage_key(),
            "order:7"
        );
    }

    #[test]
    fn an_order_places_its_own_fulfillments_and_releases_waiters() {
        let ingested = Ingested {
            orders: vec![order(
                "1001",
                vec![shipment(
                    ShipmentKey::Fulfillment("f1".into()),
                    None,
                    &["1Z1"],
                )],
            )],
            shipments: Vec::new(),
        };
        let plan = plan(&ingested, &Known::default());
        assert_eq!(plan.writes.len(), 2);
        assert!(
            matches!(&plan.writes[1], Write::Shipment { shipment_id, .. } if shipment_id == "f1")
        );
        assert!(
            plan.releases
                .contains(&WaitKey::Order(OrderId::parse("1001").unwrap()))
        );
        assert!(plan.releases.contains(&WaitKey::Tracking(tracking("1Z1"))));
    }

    #[test]
    fn an_orders_own_fulfillment_stays_with_it_despite_a_shared_tracking_number() {
        let ingested = Ingested {
            orders: vec![order(
                "2002",
                vec![shipment(
                    ShipmentKey::Fulfillment("f2".into()),
                    None,
                    &["1Z2345"],
                )],
            )],
            shipments: Vec::new(),
        };
        let known = Known {
            tracking: HashMap::from([(
                tracking("1Z2345"),
                (OrderId::parse("1001").unwrap(), "f1".into()),
            )]),
            ..Known::default()
        };
        let plan = plan(&ingested, &known);
        assert!(matches!(
            &plan.writes[1],
            Write::Shipment { order_id, shipment_id, .. } if order_id.as_str() == "2002" && shipment_id == "f2"
        ));
    }

    #[test]
    fn a_fulfillment_event_lands_on_its_stored_fulfillment() {
        let ingested = Ingested {
            orders: Vec::new(),
            shipments: vec![shipment(
                ShipmentKey::Fulfillment("f1".into()),
                Some("1001"),
                &[],
            )],
        };
        let known = Known {
            fulfillments: HashMap::from([("f1".to_owned(), OrderId::parse("1001").unwrap())]),
            ..Known::default()
        };
        let plan = plan(&ingested, &known);
        assert!(
            matches!(&plan.writes[..], [Write::Shipment { shipment_id, .. }] if shipment_id == "f1")
        );
    }
}
