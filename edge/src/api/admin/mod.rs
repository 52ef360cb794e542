//! The merchant admin API: every handler takes the [`Merchant`] proof of
//! the shop's admin key.
//!
//! [`Merchant`]: crate::auth::Merchant

pub mod analytics;
pub mod deliveries;
pub mod links;
pub mod referral_flags;
pub mod returns;
pub mod reviews;
pub mod settings;
