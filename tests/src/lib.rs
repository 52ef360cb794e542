//! Helpers for the end-to-end suite. The tests run against a real edge
//! (`wrangler dev` on workerd, D1 in SQLite) that `cargo xtask test` starts
//! with fresh state and the demo seed; they fail loudly when it is absent
//! rather than passing without testing anything.
//!
//! - [`Edge`]: the transport, with a method per endpoint grouped by who
//!   calls it: [`Edge::lookup`] and [`Edge::order`] ([`shopper`]),
//!   [`Edge::admin`] ([`admin`]), [`Edge::webhooks`] ([`webhook`]).
//! - [`ShopifyOrder`]: order webhooks built on Shopify's real fixture.
//! - [`runtime`]: a private edge that a test can kill.

pub use serde_json::{Value, json};

pub mod admin;
mod http;
pub mod runtime;
pub mod shopify;
pub mod shopper;
pub mod webhook;

pub use admin::Admin;
pub use http::{Auth, Client, Edge, Reply};
pub use shopify::ShopifyOrder;
pub use shopper::{OrderApi, Session};
pub use webhook::Webhooks;

/// A value unique to this test run and call, for delivery ids and numbers.
pub fn unique(prefix: &str) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!("{prefix}{nanos}x{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// A number unique to this test run and call, for ids sources send as numbers.
pub fn unique_number() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let micros = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_micros());
    // Microseconds since 2020 keep it well inside JavaScript's safe integers.
    let since_2020 = u64::try_from(micros)
        .unwrap_or(0)
        .saturating_sub(1_577_836_800_000_000);
    since_2020 * 100 + NEXT.fetch_add(1, Ordering::Relaxed) % 100
}

pub const DAY: i64 = 86_400;

/// Seconds since the epoch, now.
pub fn now_secs() -> i64 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs();
    i64::try_from(secs).expect("before 2262")
}

pub fn rfc3339(secs: i64) -> String {
    aftercart_shared::UnixTime::from_secs(secs).to_rfc3339()
}

/// Seconds since the epoch of an RFC 3339 time the API wrote.
#[track_caller]
pub fn secs(time: &Value) -> i64 {
    let text = time
        .as_str()
        .unwrap_or_else(|| panic!("not a time: {time}"));
    aftercart_shared::UnixTime::parse(text)
        .unwrap_or_else(|e| panic!("{text}: {e}"))
        .secs()
}

/// Requests to the edge share this lock; a [`d1`] read takes it alone.
/// workerd's SQLite does not wait for a lock another process holds, so a
/// request meeting an out-of-band read fails with `SQLITE_BUSY` (a 500).
pub(crate) static OUT_OF_BAND: std::sync::RwLock<()> = std::sync::RwLock::new(());

/// Rows from the running edge's local D1 (the SQLite file `wrangler dev`
/// serves), through `wrangler d1 execute`: for what was stored where no
/// API shows it, e.g. that a refused referral left its record and nothing
/// else. Slow (a few seconds), and no request runs meanwhile: one query
/// per fact.
pub fn d1(sql: &str) -> Vec<Value> {
    let dir = std::env::var("AFTERCART_PERSIST_DIR")
        .unwrap_or_else(|_| panic!("AFTERCART_PERSIST_DIR is set by cargo xtask test"));
    let _alone = OUT_OF_BAND
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    runtime::query(std::path::Path::new(&dir), sql)
}

/// Statements run on the running edge's local D1 out of band, as [`d1`]
/// does: `Err` with D1's words when they are refused (a trigger, a
/// constraint). For proving that the database itself refuses what the
/// handlers also check.
pub fn try_d1(sql: &str) -> Result<(), String> {
    let dir = std::env::var("AFTERCART_PERSIST_DIR")
        .unwrap_or_else(|_| panic!("AFTERCART_PERSIST_DIR is set by cargo xtask test"));
    let _alone = OUT_OF_BAND
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    runtime::try_execute(std::path::Path::new(&dir), sql)
}

/// A fixture from `shared/tests/fixtures`, parsed.
pub fn fixture(path: &str) -> Value {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/tests/fixtures/");
    let text = std::fs::read_to_string(format!("{file}{path}"))
        .unwrap_or_else(|e| panic!("fixture {path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}
