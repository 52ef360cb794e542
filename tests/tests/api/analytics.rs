//! The merchant's analytics against a fixed month of the `stats` shop
//! (tests/e2e-seed.sql), with rows just outside the month on every side.

use aftercart_tests::{Admin, Auth, Edge, json};

fn stats(edge: &Edge) -> Admin<'_> {
    edge.admin("stats", "stats-admin-key")
}

#[test]
fn a_month_of_returns_reviews_nps_and_deliveries() {
    let edge = Edge::from_env();
    let reply = stats(&edge).analytics("?from=2026-03-01&to=2026-03-31");
    reply.assert_status(200);
    let report = reply.json();

    assert_eq!(
        report["period"],
        json!({"from": "2026-03-01T00:00:00Z", "to": "2026-04-01T00:00:00Z"})
    );
    // February's order and the cancelled one are not in March's cohort.
    assert_eq!(report["orders"], 5);

    // Counted: #o1's and #o3's returns. Apart: #o4's rejected one. Not at
    // all: #o5's withdrawn one and the February order's.
    let returns = &report["returns"];
    assert_eq!(
        returns["byOrders"],
        json!({"count": 2, "of": 5, "percent": 40.0})
    );
    assert_eq!(
        returns["byUnits"],
        json!({"count": 4, "of": 10, "percent": 40.0})
    );
    assert_eq!(returns["rejected"], 1);
    assert_eq!(
        returns["reasons"],
        json!([
            {"reasonId": "fit", "label": "Doesn't fit", "units": {"count": 3, "of": 4, "percent": 75.0}},
            {"reasonId": "damaged", "label": "Arrived damaged", "units": {"count": 1, "of": 4, "percent": 25.0}}
        ])
    );

    // Three requests shown (one of them twice), two reviews written in
    // March; April's review and February's showing are outside.
    let reviews = &report["reviews"];
    assert_eq!(
        reviews["rate"],
        json!({"count": 2, "of": 3, "percent": 66.7})
    );
    assert_eq!(reviews["averageRating"], 4.5);
    assert_eq!(reviews["distribution"], json!([0, 0, 0, 1, 1]));

    // 10 and 9 promote, 7 is passive, 3 detracts: (2 − 1) / 4.
    assert_eq!(
        report["nps"],
        json!({"responses": 4, "promoters": 2, "passives": 1, "detractors": 1, "score": 25})
    );

    // Two codes made in March (one in February); five clicks in March, one
    // of them on February's code; one friend rewarded, one flagged, one
    // refused (April's reward is outside).
    assert_eq!(
        report["referrals"],
        json!({
            "codes": 2,
            "clicks": 5,
            "conversion": {"count": 1, "of": 5, "percent": 20.0},
            "flagged": 1,
            "refused": 1
        })
    );

    // Four parcels delivered in March (the last one on the 31st, its first
    // Delivered event counting); of the three with an estimate, two kept it.
    assert_eq!(
        report["delivery"],
        json!({"delivered": 4, "onTime": {"count": 2, "of": 3, "percent": 66.7}})
    );
}

#[test]
fn an_empty_period_has_counts_and_no_averages() {
    let edge = Edge::from_env();
    let reply = stats(&edge).analytics("?from=2025-01-01&to=2025-01-31");
    reply.assert_status(200);
    let report = reply.json();
    assert_eq!(report["orders"], 0);
    assert_eq!(report["returns"]["byOrders"]["percent"], json!(null));
    assert_eq!(report["reviews"]["averageRating"], json!(null));
    assert_eq!(report["nps"]["score"], json!(null));
    assert_eq!(report["delivery"]["delivered"], 0);
}

#[test]
fn bad_periods_and_wrong_keys_are_refused() {
    let edge = Edge::from_env();
    let stats = stats(&edge);
    let problem = stats
        .analytics("?from=2026-3-1")
        .assert_problem(400, "invalid_field");
    assert!(
        problem["detail"].as_str().unwrap().contains("from"),
        "{problem}"
    );
    stats
        .analytics("?from=2026-03-02&to=2026-03-01")
        .assert_problem(400, "invalid_field");
    stats
        .analytics("?from=2024-01-01&to=2026-03-01")
        .assert_problem(400, "invalid_field");

    // An empty header, a wrong key, and another shop's key, which opens
    // only that shop.
    for auth in [
        Auth::Raw(String::new()),
        Auth::bearer("wrong"),
        Auth::bearer("lab-admin-key"),
    ] {
        stats
            .with_auth(auth)
            .analytics("")
            .assert_problem(401, "unauthorized");
    }
}
