//! Referral codes, referral redemption, loyalty points, and the links that
//! carry codes to a shop: `code.rs` (codes and their check symbol),
//! `link.rs` (discount links), `program.rs` (the `referrals` setting and
//! what a referral earns), `redemption.rs` (whether a friend's order earns
//! a reward, and the fraud rules) and `loyalty.rs` (points, the ledger,
//! tiers and the `loyalty` setting).
//!
//! Everything here is a pure decision over inputs the caller looked up:
//! random numbers, "has this friend ordered before", "which friends were
//! already rewarded" and "where was the referrer seen" are all passed in.

mod code;
mod link;
mod loyalty;
mod program;
mod redemption;

pub use code::{ReferralCode, referral_codes, reward_coupon};
pub use link::{Platform, ShopHost, discount_url};
pub use loyalty::{
    Ledger, LoyaltyEvent, LoyaltyProgram, LoyaltyRules, MAX_TIER_NAME_CHARS, Points, Posting,
    Progress, Tier, Tiers, progress, referral_points,
};
pub use program::{Incentive, MAX_DEVICE_WINDOW_HOURS, ReferralProgram, ReferralSettings};
pub use redemption::{
    CustomerId, FraudFlag, FriendOrder, IssuedReward, MailboxKey, ReferralHistory, ReferralStep,
    Referrer, Refusal, Revocation, Reward, Sighting, decide_redemption, referral_step, revocation,
};

/// Why a referral code, a tier table, a shop host or a program setting was
/// refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReferralError {
    #[error("referral code must have {expected} symbols, got {got}")]
    WrongLength { expected: usize, got: usize },
    #[error("{symbol:?} is not used in referral codes")]
    BadSymbol { symbol: char },
    #[error("referral code has a typo (check symbol does not match)")]
    CheckFailed,
    #[error("loyalty tiers must have non-empty names and strictly rising thresholds")]
    BadTiers,
    #[error("{0:?} is not a shop host name")]
    BadHost(String),
    /// A setting document of the wrong shape, in serde's words (which
    /// name the field).
    #[error("{0}")]
    Json(String),
    #[error("{field}: {reason}")]
    Invalid {
        field: &'static str,
        reason: &'static str,
    },
}
