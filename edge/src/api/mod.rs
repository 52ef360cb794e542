//! The handlers, one module per URL noun. Each reads as authorize (its
//! caller's proof is a parameter) → parse → decide (in `shared`) →
//! persist → respond. Only `routes` calls them.

pub mod admin;
pub mod assets;
pub mod engagement;
pub mod health;
pub mod orders;
pub mod returns;
pub mod reviews;
pub mod rewards;
pub mod webhooks;
