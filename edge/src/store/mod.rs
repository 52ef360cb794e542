//! D1 access. Rows in, domain values out; statements out, rows in. No
//! decisions here: those are made in `aftercart-shared`. Every failure is a
//! [`Error`], read from D1's report in one place, and the conflicts a caller
//! expects come out as typed outcomes ([`Insert`], [`NewReturn`], …).

mod analytics;
mod db;
mod engage;
mod error;
mod ingest;
mod lifecycle;
mod loyalty;
mod orders;
mod outbox;
mod privacy;
mod referral;
mod returns;
mod reviews;
mod row;
mod shop;

pub use db::Store;
pub use engage::NewEvent;
pub use error::{Error, Insert};
pub use ingest::{Delivery, HeldDelivery};
pub use loyalty::NewPosting;
pub use orders::{OrderBundle, OrderKey};
pub use outbox::{AttemptLog, AttemptRow, OutboxRow};
pub use privacy::Purged;
pub use referral::{CodeClaim, NewRedemption, Outcome};
pub use returns::{NewReturn, ReturnFilter, StoredReturn};
pub use reviews::NewReview;
