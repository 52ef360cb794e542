//! Lookup rate limits, kept in Durable Objects on the running edge.

use aftercart_tests::{Auth, Edge, Reply, json, unique};

/// A lookup in the demo shop from `ip`.
fn attempt(edge: &Edge, ip: &str, number: &str, email: &str) -> Reply {
    edge.client(Auth::None)
        .with_header("cf-connecting-ip", ip)
        .post(
            "/v1/shops/demo/lookup",
            Some(&json!({ "orderNumber": number, "email": email })),
        )
}

#[test]
fn guessing_emails_for_one_order_is_cut_off() {
    let edge = Edge::from_env();
    // An order number of its own, so no other test shares the budget.
    let number = unique("GUESS");
    let statuses: Vec<u16> = (0..12)
        .map(|i| {
            attempt(
                &edge,
                &format!("203.0.113.{i}"),
                &number,
                &format!("guess{i}@example.com"),
            )
            .status
        })
        .collect();
    assert_eq!(&statuses[..10], &[404; 10], "{statuses:?}");
    assert_eq!(&statuses[10..], &[429, 429], "{statuses:?}");

    let refused = attempt(&edge, "203.0.113.99", &number, "right@example.com");
    refused.assert_problem(429, "rate_limited");
    let retry_after: i64 = refused.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=600).contains(&retry_after), "{retry_after}");
}

#[test]
fn one_address_cannot_sweep_order_numbers() {
    let edge = Edge::from_env();
    let ip = format!("198.51.100.{}", aftercart_tests::unique_number() % 250);
    let statuses: Vec<u16> = (0..32)
        .map(|_| attempt(&edge, &ip, &unique("SWEEP"), "sweeper@example.com").status)
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 404).count(),
        30,
        "{statuses:?}"
    );
    assert_eq!(&statuses[30..], &[429, 429]);
    // Another address is unaffected.
    assert_eq!(
        attempt(&edge, "198.51.100.251", &unique("SWEEP"), "x@example.com").status,
        404
    );
}

#[test]
fn the_owner_is_never_locked_out_by_their_own_lookups() {
    let edge = Edge::from_env();
    // Only failed lookups spend the per-order budget (10): the owner's
    // twelve successful ones, from twelve addresses, all pass.
    let order = aftercart_tests::ShopifyOrder::fresh();
    order.place(&edge, "lab");
    let statuses: Vec<u16> = (0..12)
        .map(|i| {
            let ip = format!("192.0.2.{}", 100 + i);
            edge.client(Auth::None)
                .with_header("cf-connecting-ip", &ip)
                .post(
                    "/v1/shops/lab/lookup",
                    Some(&json!({
                        "orderNumber": order.number_shown(),
                        "email": order.email_address()
                    })),
                )
                .status
        })
        .collect();
    assert_eq!(statuses, [200; 12], "{statuses:?}");
}

#[test]
fn rotating_addresses_within_one_ipv6_slash_64_is_one_client() {
    let edge = Edge::from_env();
    let prefix = format!("2001:db8:{:x}:1", aftercart_tests::unique_number() % 0xffff);
    let statuses: Vec<u16> = (0..31)
        .map(|i| {
            let ip = format!("{prefix}:{i:x}::1");
            attempt(&edge, &ip, &unique("SIX"), "six@example.com").status
        })
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 404).count(),
        30,
        "{statuses:?}"
    );
    assert_eq!(statuses[30], 429, "{statuses:?}");
}

#[test]
fn a_request_without_a_client_address_is_refused_not_pooled() {
    let edge = Edge::from_env();
    attempt(&edge, "not-an-address", "1001", "astrid@example.com")
        .assert_problem(400, "invalid_field");
    // An unknown shop is answered before any limiter is asked.
    edge.lookup_reply("no-such-shop", "1001", "astrid@example.com")
        .assert_problem(404, "not_found");
}
