//! Properties of timelines built from ingested checkpoints: arrival order
//! and redelivery never change the result, and codes we do not know never
//! pull a parcel back.

#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

use std::fs;

use aftercart_shared::UnixTime;
use aftercart_shared::ingest::{self, Source};
use aftercart_shared::tracking::{Checkpoint, Step, Timeline, TrackingStatus};
use proptest::prelude::*;
use proptest::sample::Index;

fn status() -> impl Strategy<Value = TrackingStatus> {
    proptest::sample::select(TrackingStatus::ALL.to_vec())
}

/// Few distinct times and texts, so equal times and exact duplicates are
/// common: those are the cases ordering has to get right.
fn checkpoint() -> impl Strategy<Value = Checkpoint> {
    (
        status(),
        0i64..40,
        proptest::sample::select(vec!["ARRIVAL SCAN", "DEPARTURE SCAN", ""]),
        proptest::option::of(proptest::sample::select(vec!["MUMBAI", "KOELN"])),
        proptest::option::of(proptest::sample::select(vec!["Exception_011", "delayed"])),
    )
        .prop_map(|(status, hour, message, location, sub_status)| Checkpoint {
            status,
            sub_status: sub_status.map(str::to_owned),
            raw_status: format!("{status:?}"),
            message: message.to_owned(),
            location: location.map(str::to_owned),
            occurred_at: UnixTime::from_secs(1_700_000_000 + hour * 3600),
        })
}

/// The same events, shuffled, some delivered more than once.
fn redelivered(
    events: Vec<Checkpoint>,
    repeats: Vec<Index>,
) -> impl Strategy<Value = Vec<Checkpoint>> {
    let mut all = events.clone();
    if !events.is_empty() {
        all.extend(
            repeats
                .iter()
                .map(|i| events[i.index(events.len())].clone()),
        );
    }
    Just(all).prop_shuffle()
}

fn fixture_checkpoints(name: &str) -> Vec<Checkpoint> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/aftership/");
    let body = fs::read(format!("{path}{name}")).unwrap();
    let ingested = ingest::parse(Source::AfterShip, None, &body).unwrap();
    ingested.shipments[0].checkpoints.clone()
}

proptest! {
    #[test]
    fn permutation_and_duplication_give_the_same_timeline(
        (events, arrived) in (
            proptest::collection::vec(checkpoint(), 0..24),
            proptest::collection::vec(any::<Index>(), 0..12),
        )
            .prop_flat_map(|(events, repeats)| (Just(events.clone()), redelivered(events, repeats)))
    ) {
        prop_assert_eq!(Timeline::build(events), Timeline::build(arrived));
    }

    #[test]
    fn real_tracking_histories_do_not_depend_on_arrival_order(
        arrived in proptest::sample::select(vec!["delivered_ok.json", "delivered_wild.json", "in_transit.json"])
            .prop_flat_map(|name| {
                let events = fixture_checkpoints(name);
                let repeats = proptest::collection::vec(any::<Index>(), 0..20);
                (Just(events), repeats)
            })
            .prop_flat_map(|(events, repeats)| (Just(events.clone()), redelivered(events, repeats)))
    ) {
        let (events, arrived) = arrived;
        let expected = Timeline::build(events);
        let got = Timeline::build(arrived);
        prop_assert_eq!(got.status, expected.status);
        prop_assert_eq!(&got, &expected);
    }

    #[test]
    fn a_late_non_exception_event_never_undoes_a_delivery(
        events in proptest::collection::vec(checkpoint(), 0..16),
        late in checkpoint(),
        after in 1i64..1_000_000,
    ) {
        let delivered = Checkpoint {
            status: TrackingStatus::Delivered,
            sub_status: None,
            raw_status: "Delivered".into(),
            message: "DELIVERED".into(),
            location: None,
            occurred_at: UnixTime::from_secs(1_800_000_000),
        };
        prop_assume!(late.status != TrackingStatus::Exception);
        let late = Checkpoint { occurred_at: delivered.occurred_at.plus_secs(after), ..late };
        let mut all: Vec<Checkpoint> = events.into_iter().chain([delivered.clone()]).collect();
        all.push(late);
        let timeline = Timeline::build(all);
        prop_assert_eq!(timeline.status, TrackingStatus::Delivered);
        prop_assert_eq!(timeline.step(), Step::Delivered);
    }

    #[test]
    fn unknown_codes_never_move_a_shipment_back(
        events in proptest::collection::vec(checkpoint(), 0..16),
        hour in 0i64..60,
        source_index in 0usize..4,
    ) {
        // Whatever the source, an unrecognised code maps to the same
        // harmless status, and the shipment's progress (floored at
        // "Shipped" because a shipment exists) does not change.
        let unknown = match source_index {
            0 => ingest::shopify::shipment_status("carrier_teleported"),
            1 => ingest::aftership::status("Teleported", None),
            2 => ingest::easypost::status("unknown", None),
            _ => ingest::woocommerce::shipment_status("wc-teleported"),
        };
        prop_assert_eq!(unknown.status, ingest::UNKNOWN_STATUS);
        let before = Timeline::build(events.clone());
        let extra = Checkpoint {
            status: unknown.status,
            sub_status: None,
            raw_status: unknown.raw.clone(),
            message: String::new(),
            location: None,
            occurred_at: UnixTime::from_secs(1_700_000_000 + hour * 3600),
        };
        let after = Timeline::build(events.into_iter().chain([extra]));
        prop_assert_eq!(after.step().max(Step::Shipped), before.step().max(Step::Shipped));
        if before.status == TrackingStatus::Delivered {
            prop_assert_eq!(after.status, TrackingStatus::Delivered);
        }
        // Kept, not dropped.
        prop_assert!(after.checkpoints.iter().any(|c| c.raw_status == unknown.raw));
    }
}
