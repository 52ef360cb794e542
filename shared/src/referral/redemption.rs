//! Redemption: whether a friend's order with a referral code earns its
//! referrer a reward, with the self-referral checks first.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::code::ReferralCode;
use super::program::{Incentive, ReferralSettings};
use crate::ingest::{OrderUpsert, Payment};
use crate::privacy::{VisitorHash, VisitorKey};
use crate::wire::wire_enum;
use crate::{Email, OrderId, UnixTime};

/// A shop customer id as the shop system gives it (opaque).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct CustomerId(pub String);

/// An email reduced to the mailbox it delivers to, for "is this the same
/// person" checks that catch self-referral (the friend's mailbox, the
/// referrer's accounts and devices, a friend rewarded once, a friend's
/// earlier orders) — never for sending, and never as the key of a
/// shopper's own records ([`shopper_key`](crate::engage::shopper_key)).
///
/// * Case is already folded by [`Email`].
/// * A `+tag` is dropped on every domain: Gmail, Outlook, iCloud, Fastmail,
///   Proton and most self-hosted servers deliver `ada+x@` to `ada@`, and a
///   provider that does not would be a false positive only for two people
///   whose addresses differ by nothing but a `+tag`.
/// * Dots are dropped only at `gmail.com` / `googlemail.com` (treated as one
///   domain): Gmail ignores them; elsewhere `a.b@` and `ab@` can be
///   different people.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct MailboxKey(String);

impl MailboxKey {
    pub fn of(email: &Email) -> Self {
        let (local, domain) = email
            .as_str()
            .rsplit_once('@')
            .unwrap_or((email.as_str(), ""));
        let local = local.split('+').next().unwrap_or(local);
        let (local, domain) = match domain {
            "gmail.com" | "googlemail.com" => (local.replace('.', ""), "gmail.com"),
            _ => (local.to_owned(), domain),
        };
        Self(format!("{local}@{domain}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A browser a person used, as stored (its keyed hash), and when.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Sighting {
    pub visitor: VisitorHash,
    pub at: UnixTime,
}

/// The owner of the code that was used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Referrer {
    /// Every customer id the referrer's orders at the shop carry: none for
    /// a guest, and more than one when they checked out under several
    /// accounts with one mailbox.
    pub customers: BTreeSet<CustomerId>,
    pub email: Email,
    pub code: ReferralCode,
}

/// The order a friend placed with a referral code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct FriendOrder {
    pub order: OrderId,
    /// `None` for guest checkouts.
    pub customer: Option<CustomerId>,
    pub email: Email,
    pub code: ReferralCode,
    /// Order value counted for the minimum: merchandise after discounts,
    /// before shipping and tax, in the shop's currency.
    pub subtotal_minor: i64,
    pub placed_at: UnixTime,
    /// The browser that checked out, when known, hashed under each visitor
    /// key in use: one, or two while the secret it is derived from is
    /// rotated, so sightings from before the rotation still match.
    pub visitors: Vec<VisitorHash>,
}

/// What the caller looked up for this decision.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ReferralHistory {
    /// Orders the friend placed at this shop before this one (matched by
    /// customer id or mailbox key), not counting cancelled ones.
    pub friend_previous_orders: u32,
    /// Friends this referrer was already rewarded for.
    pub rewarded_friends: BTreeSet<MailboxKey>,
    /// Where the referrer was seen (logins, order-page views).
    pub referrer_sightings: Vec<Sighting>,
}

/// A reward to issue to the referrer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Reward {
    /// The referrer, by their code: guests have no customer id.
    pub code: ReferralCode,
    /// Goes into [`ReferralHistory::rewarded_friends`] once issued.
    pub friend: MailboxKey,
    pub order: OrderId,
    pub incentive: Incentive,
    pub issued_at: UnixTime,
}

wire_enum! {
    /// A suspected self-referral, for the merchant's review queue.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum FraudFlag {
        /// The friend's mailbox is the referrer's (after `+tag`/Gmail-dot
        /// normalization).
        SameMailbox = "sameMailbox",
        /// The friend is logged in as the referrer.
        SameCustomer = "sameCustomer",
        /// Same IP and User-Agent as the referrer within the window.
        SameDevice = "sameDevice",
    }
}

/// Why no reward is issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(tag = "refusal", rename_all = "camelCase")]
pub enum Refusal {
    /// The order used a different code than the referrer's.
    CodeMismatch,
    /// Looks like the referrer referring themselves.
    Fraud { flag: FraudFlag },
    /// Only a friend's first order at the shop counts.
    NotFirstOrder,
    /// The referrer was already rewarded for this friend.
    AlreadyRewarded,
    #[serde(rename_all = "camelCase")]
    BelowMinimum {
        minimum_minor: i64,
        order_minor: i64,
    },
}

impl Refusal {
    /// The flag the merchant should review, if this refusal is a suspected
    /// self-referral rather than an ordinary "does not qualify".
    pub fn fraud_flag(&self) -> Option<FraudFlag> {
        match self {
            Self::Fraud { flag } => Some(*flag),
            _ => None,
        }
    }
}

/// Whether `friend_order` earns `referrer` a reward.
///
/// Checks run in this order, and the first failure is the answer: the code,
/// then self-referral (customer id, mailbox, device) — before the
/// "ordinary" refusals so that a self-referral is flagged for review even
/// when it would not have qualified anyway — then first order, already
/// rewarded, minimum value.
pub fn decide_redemption(
    referrer: &Referrer,
    friend_order: &FriendOrder,
    history: &ReferralHistory,
    settings: &ReferralSettings,
    now: UnixTime,
) -> Result<Reward, Refusal> {
    if friend_order.code != referrer.code {
        return Err(Refusal::CodeMismatch);
    }
    if friend_order
        .customer
        .as_ref()
        .is_some_and(|c| referrer.customers.contains(c))
    {
        return Err(Refusal::Fraud {
            flag: FraudFlag::SameCustomer,
        });
    }
    let friend = MailboxKey::of(&friend_order.email);
    if friend == MailboxKey::of(&referrer.email) {
        return Err(Refusal::Fraud {
            flag: FraudFlag::SameMailbox,
        });
    }
    if !friend_order.visitors.is_empty() {
        let window = u64::from(settings.same_device_window_hours) * 3600;
        let same_device = history.referrer_sightings.iter().any(|s| {
            friend_order.visitors.contains(&s.visitor)
                && s.at.secs().abs_diff(friend_order.placed_at.secs()) <= window
        });
        if same_device {
            return Err(Refusal::Fraud {
                flag: FraudFlag::SameDevice,
            });
        }
    }
    if history.friend_previous_orders > 0 {
        return Err(Refusal::NotFirstOrder);
    }
    if history.rewarded_friends.contains(&friend) {
        return Err(Refusal::AlreadyRewarded);
    }
    if friend_order.subtotal_minor < settings.min_order_minor {
        return Err(Refusal::BelowMinimum {
            minimum_minor: settings.min_order_minor,
            order_minor: friend_order.subtotal_minor,
        });
    }
    Ok(Reward {
        code: referrer.code.clone(),
        friend,
        order: friend_order.order.clone(),
        incentive: settings.referrer_reward.clone(),
        issued_at: now,
    })
}

/// What an order's webhook does to the referral its code asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferralStep {
    /// Not paid yet: nothing is decided, so a later webhook saying "paid"
    /// decides then (once; the store keeps the first decision).
    Wait,
    /// Paid and not cancelled: decide with [`decide_redemption`].
    Decide,
    /// Cancelled, refunded, voided or its payment failed: a reward it
    /// earned is taken back with [`revocation`], unless already spent.
    Revoke,
}

/// The step for an order whose payment is `payment`, cancelled or not.
/// A cancellation wins over a payment (Shopify keeps `paid` on a
/// cancelled order until the refund goes through).
pub fn referral_step(payment: Payment, cancelled: bool) -> ReferralStep {
    match (cancelled, payment) {
        (true, _) | (false, Payment::Reversed) => ReferralStep::Revoke,
        (false, Payment::Paid) => ReferralStep::Decide,
        (false, Payment::Unpaid) => ReferralStep::Wait,
    }
}

/// A reward as stored, when its order is reversed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedReward {
    /// The one-off coupon, for an amount or percent reward.
    pub coupon: Option<String>,
    /// Whether an order at the shop has used the coupon.
    pub coupon_used: bool,
    pub revoked: bool,
}

/// What becomes of an issued reward whose order is reversed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Revocation {
    /// Take it back: the coupon no longer counts, and the points it earned
    /// are taken back (the ledger never goes below zero, so points the
    /// referrer already spent are not recovered).
    Revoke,
    /// The coupon was used: a spent reward is not clawed back.
    Spent,
    /// Revoked before (a redelivery, or a refund after a cancellation).
    AlreadyRevoked,
}

pub fn revocation(reward: &IssuedReward) -> Revocation {
    if reward.revoked {
        Revocation::AlreadyRevoked
    } else if reward.coupon.is_some() && reward.coupon_used {
        Revocation::Spent
    } else {
        Revocation::Revoke
    }
}

impl FriendOrder {
    /// The friend's side of an ingested order that used `code`; `None`
    /// without an email address, since "is this the referrer" cannot be
    /// asked of an anonymous order. Its browser is hashed under each of
    /// `keys` (current first), never kept raw.
    pub fn of(order: &OrderUpsert, code: ReferralCode, keys: &[VisitorKey]) -> Option<Self> {
        Some(Self {
            order: order.id.clone(),
            customer: order.customer_id.clone().map(CustomerId),
            email: order.email.clone()?,
            code,
            subtotal_minor: order.subtotal_minor,
            placed_at: order.placed_at,
            visitors: order.device.as_ref().map_or_else(Vec::new, |device| {
                keys.iter()
                    .map(|key| VisitorHash::of(key, device))
                    .collect()
            }),
        })
    }
}
