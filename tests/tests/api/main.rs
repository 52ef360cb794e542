//! The API against a running edge (`cargo xtask test` starts it with the
//! demo seed and tests/e2e-seed.sql), one module per area. One binary, so
//! the suite compiles and links once and its tests share the machine's
//! threads; the crash test, which runs an edge of its own, is apart
//! (tests/tests/crash.rs).
//!
//! Shops: `demo` (the README's demo orders), `lab` (webhooks and
//! engagement), `desk` and `hooks` (the merchant's returns and their
//! outbound webhooks), `refs` and `gift` (referrals and loyalty), `stats`
//! (a fixed month of analytics), `proof` (claims below the handlers),
//! `vault` (token scopes and revocation), `load` (mixed load), `matrix`
//! (the bad-input matrix, whose rows must never change).
#![allow(
    clippy::unwrap_used,
    reason = "a test should stop at the first surprise"
)]

mod access;
mod analytics;
mod bad_input;
mod claims;
mod engagement;
mod hardening;
mod loyalty;
mod mixed_load;
mod openapi;
mod orders;
mod outbound;
mod privacy;
mod rate_limits;
mod referral_payments;
mod referrals;
mod returns;
mod returns_admin;
mod reviews;
mod serving;
mod settings;
mod webhooks;
