//! Loyalty: points fixed as postings when earned, the ledger, tiers, and
//! the merchant's program (the `loyalty` setting).

use serde::{Deserialize, Serialize};

use super::ReferralError;
use super::program::Incentive;
use crate::money::minor_units;

/// A loyalty point count.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct Points(pub u64);

/// Something that moves a shopper's points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum LoyaltyEvent {
    /// A paid order, in the shop's currency's minor units.
    #[serde(rename_all = "camelCase")]
    Purchase {
        amount_minor: i64,
    },
    /// Money given back for an order: takes back the points it earned.
    #[serde(rename_all = "camelCase")]
    Refund {
        amount_minor: i64,
    },
    ReviewWritten,
    SuccessfulReferral,
    /// Points spent on a reward.
    Redeemed {
        points: u64,
    },
}

/// How points are earned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default, rename_all = "camelCase")]
pub struct LoyaltyRules {
    /// Points per whole currency unit spent (per krona, per euro).
    pub points_per_unit: u32,
    /// Decimal places of the shop currency (2 for SEK/EUR, 0 for JPY):
    /// `crate::money::minor_units(currency)`.
    pub currency_exponent: u32,
    pub review_points: u64,
    pub referral_points: u64,
}

impl Default for LoyaltyRules {
    fn default() -> Self {
        Self {
            points_per_unit: 1,
            currency_exponent: 2,
            review_points: 50,
            referral_points: 500,
        }
    }
}

/// What one event did to a shopper's points, fixed when it happened: a
/// ledger keeps postings, not events, so a merchant who changes the rules
/// later does not rewrite anyone's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(tag = "kind", content = "points", rename_all = "camelCase")]
pub enum Posting {
    Earned(Points),
    /// Earned points given back (a refund or a cancelled order).
    TakenBack(Points),
    Spent(Points),
}

impl Posting {
    /// The posting's kind as stored.
    pub fn kind(self) -> &'static str {
        match self {
            Self::Earned(_) => "earned",
            Self::TakenBack(_) => "taken_back",
            Self::Spent(_) => "spent",
        }
    }

    pub fn points(self) -> Points {
        match self {
            Self::Earned(p) | Self::TakenBack(p) | Self::Spent(p) => p,
        }
    }

    /// A stored posting, from [`Posting::kind`] and its points.
    pub fn from_stored(kind: &str, points: u64) -> Option<Self> {
        let points = Points(points);
        match kind {
            "earned" => Some(Self::Earned(points)),
            "taken_back" => Some(Self::TakenBack(points)),
            "spent" => Some(Self::Spent(points)),
            _ => None,
        }
    }
}

impl LoyaltyRules {
    /// What `event` does under these rules.
    pub fn posting(&self, event: &LoyaltyEvent) -> Posting {
        match event {
            LoyaltyEvent::Purchase { amount_minor } => {
                Posting::Earned(Points(self.points_for(*amount_minor)))
            }
            LoyaltyEvent::ReviewWritten => Posting::Earned(Points(self.review_points)),
            LoyaltyEvent::SuccessfulReferral => Posting::Earned(Points(self.referral_points)),
            LoyaltyEvent::Refund { amount_minor } => {
                Posting::TakenBack(Points(self.points_for(*amount_minor)))
            }
            LoyaltyEvent::Redeemed { points } => Posting::Spent(Points(*points)),
        }
    }

    /// Points for `amount_minor`: `floor(amount × points_per_unit / 10^exp)`.
    /// Multiplying before dividing keeps fractions of a unit (19.99 at 3
    /// points per unit is 59, not 57). Negative amounts earn nothing.
    pub fn points_for(&self, amount_minor: i64) -> u64 {
        let amount = u128::try_from(amount_minor).unwrap_or(0);
        let scale = 10u128.saturating_pow(self.currency_exponent);
        let points = amount.saturating_mul(u128::from(self.points_per_unit)) / scale;
        u64::try_from(points).unwrap_or(u64::MAX)
    }
}

/// A shopper's points after folding their events.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Ledger {
    /// Spendable points. Never negative: a refund after the points were
    /// spent takes back what is left, and the shop absorbs the rest.
    pub balance: Points,
    /// Points ever earned, net of refunds; redemptions do not reduce it.
    /// Tiers are usually based on this, so spending points never costs the
    /// shopper their status.
    pub lifetime: Points,
}

impl Ledger {
    /// Folds events in order.
    pub fn fold<'a>(
        events: impl IntoIterator<Item = &'a LoyaltyEvent>,
        rules: &LoyaltyRules,
    ) -> Self {
        events
            .into_iter()
            .fold(Self::default(), |ledger, event| ledger.apply(event, rules))
    }

    pub fn apply(self, event: &LoyaltyEvent, rules: &LoyaltyRules) -> Self {
        self.post(rules.posting(event))
    }

    /// Folds stored postings in the order they were made.
    pub fn from_postings(postings: impl IntoIterator<Item = Posting>) -> Self {
        postings
            .into_iter()
            .fold(Self::default(), |ledger, posting| ledger.post(posting))
    }

    pub fn post(self, posting: Posting) -> Self {
        let (Points(balance), Points(lifetime)) = (self.balance, self.lifetime);
        match posting {
            Posting::Earned(Points(points)) => Self {
                balance: Points(balance.saturating_add(points)),
                lifetime: Points(lifetime.saturating_add(points)),
            },
            Posting::TakenBack(Points(back)) => Self {
                balance: Points(balance.saturating_sub(back)),
                lifetime: Points(lifetime.saturating_sub(back)),
            },
            Posting::Spent(Points(points)) => Self {
                balance: Points(balance.saturating_sub(points)),
                lifetime: self.lifetime,
            },
        }
    }
}

/// A named tier reached at `threshold` points.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Tier {
    pub name: String,
    pub threshold: Points,
}

/// A merchant's tiers, lowest first, thresholds strictly rising.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(try_from = "Vec<Tier>", into = "Vec<Tier>")]
pub struct Tiers(Vec<Tier>);

impl Tiers {
    /// Accepts tiers in any order; refuses empty names and equal thresholds
    /// (two tiers at one threshold would make "your tier" ambiguous).
    pub fn new(mut tiers: Vec<Tier>) -> Result<Self, ReferralError> {
        tiers.sort_by_key(|t| t.threshold);
        let names_ok = tiers.iter().all(|t| !t.name.trim().is_empty());
        let rising = tiers.windows(2).all(|w| w[0].threshold < w[1].threshold);
        if names_ok && rising {
            Ok(Self(tiers))
        } else {
            Err(ReferralError::BadTiers)
        }
    }

    pub fn as_slice(&self) -> &[Tier] {
        &self.0
    }
}

impl TryFrom<Vec<Tier>> for Tiers {
    type Error = ReferralError;
    fn try_from(tiers: Vec<Tier>) -> Result<Self, ReferralError> {
        Self::new(tiers)
    }
}

impl From<Tiers> for Vec<Tier> {
    fn from(tiers: Tiers) -> Self {
        tiers.0
    }
}

/// Where a point count stands among the tiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress<'a> {
    /// The highest tier reached; `None` below the first threshold.
    pub tier: Option<&'a Tier>,
    /// The next tier up; `None` at the top.
    pub next: Option<&'a Tier>,
    /// Points still needed for `next`; 0 at the top.
    pub points_to_next: u64,
    /// How far from the current tier's threshold (0 below the first) to the
    /// next one, 0–100, rounded down so that 100 means reached; 100 at the
    /// top.
    pub percent: u8,
}

/// The tier `points` reaches, the next one, and how far away it is.
pub fn progress(points: Points, tiers: &Tiers) -> Progress<'_> {
    let reached = tiers.0.partition_point(|t| t.threshold <= points);
    let tier = reached.checked_sub(1).and_then(|i| tiers.0.get(i));
    let next = tiers.0.get(reached);
    let percent = next.map_or(100, |next| {
        let from = u128::from(tier.map_or(0, |t| t.threshold.0));
        let span = u128::from(next.threshold.0) - from;
        let done = u128::from(points.0) - from;
        // done < span, so this is below 100.
        u8::try_from(done * 100 / span).unwrap_or(99)
    });
    Progress {
        tier,
        next,
        points_to_next: next.map_or(0, |n| n.threshold.0 - points.0),
        percent,
    }
}

/// The `loyalty` setting: how points are earned and the tiers. The
/// currency's decimals come from each order, so there is nothing to keep in
/// step with the shop's currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct LoyaltyProgram {
    /// Points per whole currency unit of an order's subtotal.
    pub points_per_unit: u32,
    pub review_points: u64,
    /// For a successful referral whose reward is a coupon; a points reward
    /// is the referral's points by itself.
    pub referral_points: u64,
    /// Reached by lifetime points, so spending never costs a tier.
    pub tiers: Tiers,
}

impl Default for LoyaltyProgram {
    fn default() -> Self {
        let rules = LoyaltyRules::default();
        Self {
            points_per_unit: rules.points_per_unit,
            review_points: rules.review_points,
            referral_points: rules.referral_points,
            tiers: Tiers(Vec::new()),
        }
    }
}

/// Tier names longer than this are refused (they label a badge).
pub const MAX_TIER_NAME_CHARS: usize = 40;

impl LoyaltyProgram {
    pub fn from_json(json: &str) -> Result<Self, ReferralError> {
        let program: Self =
            serde_json::from_str(json).map_err(|e| ReferralError::Json(e.to_string()))?;
        if program
            .tiers
            .as_slice()
            .iter()
            .any(|t| t.name.chars().count() > MAX_TIER_NAME_CHARS)
        {
            return Err(ReferralError::Invalid {
                field: "tiers",
                reason: "a tier name has at most 40 characters",
            });
        }
        Ok(program)
    }

    /// The earning rules for an order in `currency`.
    pub fn rules(&self, currency: &str) -> LoyaltyRules {
        LoyaltyRules {
            points_per_unit: self.points_per_unit,
            currency_exponent: minor_units(currency),
            review_points: self.review_points,
            referral_points: self.referral_points,
        }
    }
}

/// The points a successful referral posts to the referrer's ledger: a
/// points reward is the referral's points; a coupon reward earns the
/// loyalty program's `referralPoints` on top, when the shop has one.
pub fn referral_points(reward: &Incentive, loyalty: Option<&LoyaltyProgram>) -> Posting {
    Posting::Earned(match reward {
        Incentive::Points { points } => Points(*points),
        Incentive::Amount { .. } | Incentive::Percent { .. } => {
            Points(loyalty.map_or(0, |l| l.referral_points))
        }
    })
}
