//! Operations that several handlers (or the cron trigger) share. They take
//! the store and domain values, never a request or a response.

pub mod engage;
pub mod ingest;
pub mod outbound;
pub mod privacy;
pub mod referral;
pub mod returns;
