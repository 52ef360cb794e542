//! The merchant's referral program (the `referrals` setting) and what a
//! referral earns.

use serde::{Deserialize, Serialize};

use super::ReferralError;
use super::code::ReferralCode;
use super::link::{Platform, ShopHost, discount_url};

/// What the referrer gets for one qualifying friend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Incentive {
    Points {
        points: u64,
    },
    /// Store credit or a fixed-amount code, in the shop's currency.
    #[serde(rename_all = "camelCase")]
    Amount {
        minor: i64,
    },
    Percent {
        percent: u8,
    },
}

impl Incentive {
    /// A percentage of 1–100, or a positive amount or point count.
    pub fn is_valid(&self) -> bool {
        match *self {
            Self::Points { points } => points > 0,
            Self::Amount { minor } => minor > 0,
            Self::Percent { percent } => (1..=100).contains(&percent),
        }
    }
}

/// The rules [`decide_redemption`](super::decide_redemption) applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default, rename_all = "camelCase")]
pub struct ReferralSettings {
    /// The friend's order must be worth at least this (shop currency, minor
    /// units), so a referral cannot be farmed with a one-crown order.
    pub min_order_minor: i64,
    pub referrer_reward: Incentive,
    /// A friend order from the referrer's exact IP + User-Agent within this
    /// many hours of a referrer sighting is treated as the referrer.
    pub same_device_window_hours: u32,
}

impl Default for ReferralSettings {
    fn default() -> Self {
        Self {
            min_order_minor: 0,
            referrer_reward: Incentive::Points { points: 500 },
            same_device_window_hours: 72,
        }
    }
}

/// The longest same-device window a merchant may set: 30 days.
pub const MAX_DEVICE_WINDOW_HOURS: u32 = 720;

/// The `referrals` setting: the merchant's referral program, everything
/// [`ReferralSettings`] holds plus where share links lead and what the
/// friend gets.
///
/// The friend's discount is the referral code itself, applied at checkout
/// through [`discount_url`]: the shop system must accept these codes (the
/// merchant's app or plugin creates them), and the code among an order's
/// discount codes is what redeems the referral.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReferralProgram {
    pub platform: Platform,
    /// Share links redirect here and nowhere else.
    pub shop_host: ShopHost,
    /// What a friend gets on their first order: a discount, never points
    /// (a friend has none to spend yet).
    pub friend_offer: Incentive,
    pub referrer_reward: Incentive,
    #[serde(default)]
    pub min_order_minor: i64,
    #[serde(default = "default_device_window")]
    pub same_device_window_hours: u32,
}

fn default_device_window() -> u32 {
    ReferralSettings::default().same_device_window_hours
}

impl ReferralProgram {
    /// Reads and checks a stored or submitted document.
    pub fn from_json(json: &str) -> Result<Self, ReferralError> {
        let program: Self =
            serde_json::from_str(json).map_err(|e| ReferralError::Json(e.to_string()))?;
        program.validate()?;
        Ok(program)
    }

    pub fn validate(&self) -> Result<(), ReferralError> {
        let invalid = |field, reason| Err(ReferralError::Invalid { field, reason });
        if matches!(self.friend_offer, Incentive::Points { .. }) || !self.friend_offer.is_valid() {
            return invalid(
                "friendOffer",
                "must be a percentage of 1-100 or a positive amount",
            );
        }
        if !self.referrer_reward.is_valid() {
            return invalid(
                "referrerReward",
                "must be positive points, a positive amount or a percentage of 1-100",
            );
        }
        if self.min_order_minor < 0 {
            return invalid("minOrderMinor", "must not be negative");
        }
        if !(1..=MAX_DEVICE_WINDOW_HOURS).contains(&self.same_device_window_hours) {
            return invalid("sameDeviceWindowHours", "must be between 1 and 720");
        }
        Ok(())
    }

    pub fn settings(&self) -> ReferralSettings {
        ReferralSettings {
            min_order_minor: self.min_order_minor,
            referrer_reward: self.referrer_reward.clone(),
            same_device_window_hours: self.same_device_window_hours,
        }
    }

    /// Where the share link of `code` sends a friend.
    pub fn landing_url(&self, code: &ReferralCode) -> String {
        discount_url(self.platform, &self.shop_host, code)
    }
}
