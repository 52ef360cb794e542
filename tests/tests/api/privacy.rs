//! Personal data against the running edge (issue 11, defect 10): what a
//! share-link click and a rewards view store (keyed hashes, never the raw
//! IP address or User-Agent), one click per visitor, code and day, `HEAD`
//! recording nothing, failed best-effort writes failing nothing, and the
//! cron's purge by age (aftercart_shared::privacy::Retention).

use std::time::{Duration, Instant};

use aftercart_shared::Email;
use aftercart_shared::device::Device;
use aftercart_shared::privacy::{VisitorHash, VisitorKey};
use aftercart_shared::referral::MailboxKey;
use aftercart_tests::{DAY, Edge, Value, d1, now_secs, try_d1, unique, unique_number};

use crate::referrals::{Referrer, device, referrer};

/// The hash the edge stores for a browser: the same key (derived from the
/// token secret the suite's edge runs with), so the same value.
fn stored_as(ip: &str, user_agent: &str) -> String {
    let key = VisitorKey::derive(Edge::token_secret().as_bytes());
    let device = Device {
        ip: ip.into(),
        user_agent: user_agent.into(),
    };
    VisitorHash::of(&key, &device).as_str().to_owned()
}

/// Every click row of `code`, once `ready` holds for them: clicks are
/// counted after the response, so a read may come a moment early.
fn clicks_when(code: &str, ready: impl Fn(&[Value]) -> bool) -> Vec<Value> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let rows = d1(&format!(
            "SELECT * FROM referral_clicks WHERE code = '{code}' ORDER BY id"
        ));
        if ready(&rows) || Instant::now() > deadline {
            return rows;
        }
        std::thread::sleep(Duration::from_millis(300));
    }
}

fn visitors(rows: &[Value]) -> Vec<&str> {
    rows.iter()
        .map(|r| r["visitor"].as_str().unwrap_or("NULL"))
        .collect()
}

fn click(edge: &Edge, code: &str, ip: &str, user_agent: &str) {
    edge.share_link(
        code,
        &[("cf-connecting-ip", ip), ("user-agent", user_agent)],
    )
    .assert_status(302);
}

/// The folded mailbox the referrer's sightings are kept under.
fn sighting_key(referrer: &Referrer) -> String {
    let email = Email::parse(&referrer.buy.email).unwrap();
    MailboxKey::of(&email).as_str().to_owned()
}

/// Every value of every row, as text, for "is it anywhere".
fn all_text(rows: &[Value]) -> String {
    rows.iter()
        .map(Value::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_click_and_a_rewards_view_store_hashes_and_no_raw_address_or_browser() {
    let edge = Edge::from_env();
    let (ip, ua) = device();
    let referrer = referrer(&edge, "refs", (&ip, &ua));
    let (friend_ip, friend_ua) = (
        format!("2001:db8:{:x}:1::7", unique_number() % 65_000),
        format!("Friend/{}", unique_number()),
    );
    click(&edge, &referrer.code, &friend_ip, &friend_ua);

    let clicks = clicks_when(&referrer.code, |rows| !rows.is_empty());
    assert_eq!(visitors(&clicks), [stored_as(&friend_ip, &friend_ua)]);
    let sightings = d1(&format!(
        "SELECT * FROM shopper_sightings WHERE shop_id = 'refs' AND mailbox = '{}'",
        sighting_key(&referrer)
    ));
    assert_eq!(sightings.len(), 1, "{sightings:?}");
    assert_eq!(sightings[0]["visitor"], stored_as(&ip, &ua));

    // Nowhere, in any column of either row, and no raw column is left.
    let rows = [clicks, sightings].concat();
    let stored = all_text(&rows);
    for raw in [&ip, &ua, &friend_ip, &friend_ua] {
        assert!(!stored.contains(raw.as_str()), "{raw} stored: {stored}");
    }
    for row in &rows {
        let row = row.as_object().unwrap();
        assert!(
            !row.contains_key("ip") && !row.contains_key("user_agent"),
            "{row:?}"
        );
    }
}

#[test]
fn one_visitor_is_one_click_per_code_and_day() {
    let edge = Edge::from_env();
    let referrer = referrer(&edge, "refs", (&device().0, &device().1));
    let code = &referrer.code;
    let n = unique_number() % 65_000;
    let ua = format!("Clicker/{n}");

    // One client, five times; then the same browser from another address
    // in its IPv6 /64 (privacy extensions rotate within it).
    for _ in 0..5 {
        click(&edge, code, &format!("2001:db8:{n:x}:2::1"), &ua);
    }
    click(&edge, code, &format!("2001:db8:{n:x}:2:ffff::9"), &ua);
    let one = stored_as(&format!("2001:db8:{n:x}:2::1"), &ua);
    let rows = clicks_when(code, |rows| !rows.is_empty());
    assert_eq!(visitors(&rows), [one.as_str()], "{rows:?}");

    // Another client counts.
    let other = format!("198.51.100.{}", n % 250);
    click(&edge, code, &other, &ua);
    let two = stored_as(&other, &ua);
    let rows = clicks_when(code, |rows| rows.len() >= 2);
    assert_eq!(visitors(&rows), [one.as_str(), two.as_str()], "{rows:?}");
    let today = now_secs() / DAY;
    assert!(
        rows.iter()
            .all(|r| (today - 1..=today).contains(&r["day"].as_i64().unwrap())),
        "{rows:?}"
    );
}

#[test]
fn head_answers_like_get_and_records_nothing() {
    let edge = Edge::from_env();
    let referrer = referrer(&edge, "refs", (&device().0, &device().1));
    let code = &referrer.code;
    let path = format!("/r/{code}");
    let head = edge.request("HEAD", &path, &[("user-agent", "LinkChecker/1")], None);
    head.assert_status(302);
    let get = edge.share_link(code, &[("user-agent", "Friend/1")]);
    get.assert_status(302);
    assert_eq!(head.header("location"), get.header("location"));
    assert!(head.header("location").is_some());
    assert_eq!(head.header("cache-control"), Some("no-store"));

    // Only the GET counted (waiting for it also waits out the HEAD).
    let rows = clicks_when(code, |rows| !rows.is_empty());
    assert_eq!(rows.len(), 1, "{rows:?}");
    for _ in 0..3 {
        edge.request("HEAD", &path, &[("user-agent", "LinkChecker/1")], None)
            .assert_status(302);
    }
    std::thread::sleep(Duration::from_millis(500));
    let rows = clicks_when(code, |_| true);
    assert_eq!(rows.len(), 1, "HEAD recorded a click: {rows:?}");
}

/// Triggers that refuse the writes of one code and one shopper, dropped
/// when the test ends, however it ends; other tests' rows are untouched.
struct Refusing(Vec<String>);

impl Refusing {
    fn install(code: &str, mailbox: &str) -> Self {
        let tag = unique("t");
        let names = vec![
            format!("refuse_click_{tag}"),
            format!("refuse_sighting_{tag}"),
        ];
        try_d1(&format!(
            "CREATE TRIGGER {} BEFORE INSERT ON referral_clicks WHEN NEW.code = '{code}' \
             BEGIN SELECT RAISE(ABORT, 'refused for the test'); END; \
             CREATE TRIGGER {} BEFORE INSERT ON shopper_sightings WHEN NEW.mailbox = '{mailbox}' \
             BEGIN SELECT RAISE(ABORT, 'refused for the test'); END;",
            names[0], names[1]
        ))
        .unwrap();
        Self(names)
    }
}

impl Drop for Refusing {
    fn drop(&mut self) {
        for name in &self.0 {
            let _ = try_d1(&format!("DROP TRIGGER IF EXISTS {name}"));
        }
    }
}

#[test]
fn a_failed_click_or_sighting_write_never_fails_the_redirect_or_the_view() {
    let edge = Edge::from_env();
    let (ip, ua) = device();
    let referrer = referrer(&edge, "refs", (&ip, &ua));
    let mailbox = sighting_key(&referrer);
    let before = d1(&format!(
        "SELECT COUNT(*) AS n FROM shopper_sightings WHERE mailbox = '{mailbox}'"
    ));
    let refusing = Refusing::install(&referrer.code, &mailbox);

    // Before: a 500 for the friend following the link, and for the
    // referrer viewing their rewards from a new browser.
    click(&edge, &referrer.code, "198.51.100.77", "Friend/2");
    let view = referrer
        .buy
        .rewards_from(&edge, "198.51.100.78", "Another/1");
    assert_eq!(view["referral"]["code"], referrer.code.as_str());

    std::thread::sleep(Duration::from_millis(500));
    let clicks = clicks_when(&referrer.code, |_| true);
    let after = d1(&format!(
        "SELECT COUNT(*) AS n FROM shopper_sightings WHERE mailbox = '{mailbox}'"
    ));
    drop(refusing);
    assert!(
        clicks.is_empty(),
        "the refused click was stored: {clicks:?}"
    );
    assert_eq!(after, before, "the refused sighting was stored");
}

#[test]
fn the_cron_purges_personal_data_past_its_age() {
    let edge = Edge::from_env();
    let referrer = referrer(&edge, "refs", (&device().0, &device().1));
    let code = &referrer.code;
    let now = now_secs();
    let mailbox = unique("purge") + "@example.com";
    let hash = |c: char| c.to_string().repeat(64);
    let (old_held, kept_held) = (unique("old-held"), unique("kept-held"));
    let wait_key = unique("wait");
    // Each age's edge: a day past it is purged, a day short is kept.
    try_d1(&format!(
        "INSERT INTO shopper_sightings (shop_id, mailbox, visitor, at) VALUES \
         ('refs', '{mailbox}', '{a}', {old}), ('refs', '{mailbox}', '{b}', {kept}); \
         INSERT INTO referral_clicks (code, day, visitor, at) VALUES \
         ('{code}', {old} / 86400, '{a}', {old}), ('{code}', {kept} / 86400, '{b}', {kept}); \
         INSERT INTO webhook_deliveries (shop_id, source, delivery_id, topic, outcome, received_at) VALUES \
         ('refs', 'shopify', '{old_held}', 'orders/create', 'held', {old_body}), \
         ('refs', 'shopify', '{kept_held}', 'orders/create', 'held', {kept_body}); \
         INSERT INTO held_deliveries (shop_id, wait_key, source, delivery_id, topic, body, received_at) VALUES \
         ('refs', '{wait_key}', 'shopify', '{old_held}', 'orders/create', '{{\"old\":true}}', {old_body}), \
         ('refs', '{wait_key}', 'shopify', '{kept_held}', 'orders/create', '{{\"old\":false}}', {kept_body});",
        a = hash('a'),
        b = hash('b'),
        old = now - 91 * DAY,
        kept = now - 89 * DAY,
        old_body = now - 31 * DAY,
        kept_body = now - 29 * DAY,
    ))
    .unwrap();

    let cron = edge.get("/__scheduled?cron=*+*+*+*+*", &[]);
    assert!(cron.status < 300, "{}", cron.text());

    let sightings = d1(&format!(
        "SELECT visitor FROM shopper_sightings WHERE mailbox = '{mailbox}'"
    ));
    assert_eq!(visitors(&sightings), [hash('b')], "{sightings:?}");
    // The old click still counts, without its visitor.
    let clicks = clicks_when(code, |_| true);
    let old_click: Vec<&Value> = clicks
        .iter()
        .filter(|r| r["at"] == now - 91 * DAY)
        .collect();
    assert_eq!(old_click.len(), 1, "{clicks:?}");
    assert!(old_click[0]["visitor"].is_null(), "{clicks:?}");
    assert!(
        visitors(&clicks).contains(&hash('b').as_str()),
        "{clicks:?}"
    );
    // The old held body is gone; its delivery record stays, marked.
    let held = d1(&format!(
        "SELECT delivery_id FROM held_deliveries WHERE wait_key = '{wait_key}'"
    ));
    assert_eq!(held.len(), 1, "{held:?}");
    assert_eq!(held[0]["delivery_id"], kept_held.as_str());
    let records = d1(&format!(
        "SELECT delivery_id, outcome, body_purged_at FROM webhook_deliveries \
         WHERE shop_id = 'refs' AND delivery_id IN ('{old_held}', '{kept_held}') ORDER BY received_at"
    ));
    assert_eq!(records.len(), 2, "{records:?}");
    assert_eq!(records[0]["delivery_id"], old_held.as_str());
    assert!(
        records[0]["body_purged_at"].as_i64().unwrap() >= now,
        "{records:?}"
    );
    assert!(records[1]["body_purged_at"].is_null(), "{records:?}");
}
