//! aftercart's functional core.
//!
//! Everything the product decides lives here: the wire types of the API, the
//! domain newtypes that are parsed at the boundary, the tracking status model
//! and the order timeline, access tokens, and the language catalogs.
//!
//! Architecture invariant: this crate does no IO, reads no clock and draws no
//! randomness. `now`, ids and secrets are passed in, so every decision is a
//! plain function that tests can drive day by day.

pub mod analytics;
pub mod api;
pub mod barcode;
pub mod base31;
pub mod device;
pub mod engage;
pub mod i18n;
pub mod ids;
pub mod ingest;
pub mod limit;
pub mod money;
pub mod order;
pub mod outbound;
pub mod privacy;
pub mod referral;
pub mod returns;
pub mod reviews;
#[cfg(feature = "openapi")]
mod schema;
pub mod settings;
pub mod time;
pub mod token;
pub mod tracking;
pub mod url;
pub mod wire;

pub use ids::{Email, IdError, OrderId, OrderNumber, ShopId};
pub use time::{Date, UnixTime};
pub use url::TrackingUrl;
