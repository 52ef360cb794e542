//! The return lifecycle: every (status, event) pair against an explicit
//! table, and who may do what.

#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

use aftercart_shared::UnixTime;
use aftercart_shared::i18n::Lang;
use aftercart_shared::returns::{
    Actor, LifecycleError, ReturnEvent, ReturnStatus, Transition, available, transition,
};
use aftercart_shared::wire::WireName;

use ReturnEvent as E;
use ReturnStatus as S;

/// Every legal move. Anything not listed must be refused.
const LEGAL: &[(ReturnStatus, ReturnEvent, ReturnStatus)] = &[
    (S::Requested, E::Approve, S::Approved),
    (S::Requested, E::Reject, S::Rejected),
    (S::Requested, E::Cancel, S::Cancelled),
    (S::Approved, E::Ship, S::InTransit),
    (S::Approved, E::Receive, S::Received),
    (S::Approved, E::Reject, S::Rejected),
    (S::Approved, E::Cancel, S::Cancelled),
    (S::InTransit, E::Receive, S::Received),
    (S::InTransit, E::Reject, S::Rejected),
    (S::Received, E::Refund, S::Refunded),
    (S::Received, E::Credit, S::Credited),
    (S::Received, E::Exchange, S::Exchanged),
    (S::Received, E::Reject, S::Rejected),
    (S::Refunded, E::Close, S::Closed),
    (S::Credited, E::Close, S::Closed),
    (S::Exchanged, E::Close, S::Closed),
];

/// Someone allowed to cause each event.
fn permitted(event: ReturnEvent) -> Actor {
    match event {
        E::Cancel | E::Ship => Actor::Shopper,
        _ => Actor::Merchant,
    }
}

#[test]
fn every_status_event_pair_matches_the_table() {
    let at = UnixTime::from_secs(1_800_000_000);
    let mut legal = 0;
    for from in ReturnStatus::ALL {
        for event in ReturnEvent::ALL {
            let actor = permitted(event);
            let expected = LEGAL
                .iter()
                .find(|(f, e, _)| *f == from && *e == event)
                .map(|(_, _, to)| *to);
            let got = transition(from, event, actor, at);
            match expected {
                Some(to) => {
                    legal += 1;
                    assert_eq!(
                        got,
                        Ok(Transition {
                            from,
                            to,
                            event,
                            actor,
                            at
                        }),
                        "{from:?} --{event:?}-->"
                    );
                }
                None => assert_eq!(
                    got,
                    Err(LifecycleError::Illegal { from, event }),
                    "{from:?} --{event:?}--> should be illegal"
                ),
            }
        }
    }
    assert_eq!(legal, LEGAL.len());
    assert_eq!(ReturnStatus::ALL.len() * ReturnEvent::ALL.len(), 90);
}

#[test]
fn final_states_go_nowhere() {
    for from in ReturnStatus::ALL.into_iter().filter(|s| s.is_final()) {
        assert!(
            ReturnEvent::ALL.into_iter().all(|e| transition(
                from,
                e,
                permitted(e),
                UnixTime::from_secs(0)
            )
            .is_err()),
            "{from:?}"
        );
    }
}

#[test]
fn actors_are_checked_for_every_event() {
    use Actor::*;
    let table: [(ReturnEvent, [bool; 3]); 9] = [
        // (event, [shopper, merchant, system])
        (E::Approve, [false, true, true]),
        (E::Reject, [false, true, true]),
        (E::Cancel, [true, true, false]),
        (E::Ship, [true, true, true]),
        (E::Receive, [false, true, true]),
        (E::Refund, [false, true, true]),
        (E::Credit, [false, true, true]),
        (E::Exchange, [false, true, true]),
        (E::Close, [false, true, true]),
    ];
    for (event, allowed) in table {
        for (actor, ok) in [Shopper, Merchant, System].into_iter().zip(allowed) {
            assert_eq!(event.allowed(actor), ok, "{actor:?} {event:?}");
            if !ok {
                // Refused for who they are, whatever the state.
                for from in ReturnStatus::ALL {
                    assert_eq!(
                        transition(from, event, actor, UnixTime::from_secs(0)),
                        Err(LifecycleError::NotPermitted { event, actor })
                    );
                }
            }
        }
    }
}

#[test]
fn only_returns_that_ended_unaccepted_free_their_units() {
    let freeing: Vec<ReturnStatus> = ReturnStatus::ALL
        .into_iter()
        .filter(|s| !s.holds_units())
        .collect();
    assert_eq!(freeing, [S::Rejected, S::Cancelled]);
}

#[test]
fn statuses_have_labels_and_stable_names() {
    assert_eq!(S::InTransit.label(Lang::En), "On its way back");
    assert_eq!(S::Credited.label(Lang::Sv), "Tillgodohavande utfärdat");
    assert_eq!(S::Rejected.label(Lang::De), "Rückgabe abgelehnt");
    for status in ReturnStatus::ALL {
        for lang in Lang::ALL {
            assert!(!status.label(lang).is_empty());
        }
    }
    assert_eq!(serde_json::to_value(S::InTransit).unwrap(), "in_transit");
    let step = Transition {
        from: S::Approved,
        to: S::InTransit,
        event: E::Ship,
        actor: Actor::System,
        at: UnixTime::from_secs(0),
    };
    let json = serde_json::to_value(step).unwrap();
    assert_eq!(json["actor"], "system");
    assert_eq!(json["at"], "1970-01-01T00:00:00Z");
}

#[test]
fn available_events_are_exactly_the_legal_ones_for_the_actor() {
    for from in ReturnStatus::ALL {
        for actor in [Actor::Shopper, Actor::Merchant, Actor::System] {
            let expected: Vec<ReturnEvent> = ReturnEvent::ALL
                .into_iter()
                .filter(|&e| transition(from, e, actor, UnixTime::from_secs(0)).is_ok())
                .collect();
            assert_eq!(available(from, actor), expected, "{from:?} {actor:?}");
        }
        if from.is_final() {
            assert!(available(from, Actor::Merchant).is_empty());
        }
    }
    assert_eq!(
        available(S::Received, Actor::Merchant),
        [E::Reject, E::Refund, E::Credit, E::Exchange]
    );
    // Once the parcel is on its way, the shopper can no longer withdraw.
    assert_eq!(available(S::Approved, Actor::Shopper), [E::Cancel, E::Ship]);
    assert!(available(S::InTransit, Actor::Shopper).is_empty());
}

#[test]
fn event_names_round_trip_and_match_serde() {
    for event in ReturnEvent::ALL {
        assert_eq!(ReturnEvent::from_wire_name(event.wire_name()), Some(event));
        assert_eq!(serde_json::to_value(event).unwrap(), event.wire_name());
    }
    assert_eq!(ReturnEvent::from_wire_name("Approve"), None);
    assert_eq!(ReturnEvent::from_wire_name("delete"), None);
}

#[test]
fn every_legal_step_moves_forward() {
    for (from, _, to) in LEGAL {
        assert!(from.progress() < to.progress(), "{from:?} -> {to:?}");
    }
}
