//! Redemption: whether a friend's order with a referral code earns its
//! referrer a reward, with the self-referral checks first.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::code::ReferralCode;
use super::program::{Incentive, ReferralSettings};
use crate::device::Device;
use crate::ingest::OrderUpsert;
use crate::wire::wire_enum;
use crate::{Email, OrderId, UnixTime};

/// A shop customer id as the shop system gives it (opaque).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CustomerId(pub String);

/// An email reduced to the mailbox it delivers to, for "is this the same
/// person" checks — never for sending.
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

/// A device a person used, and when.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Sighting {
    pub device: Device,
    pub at: UnixTime,
}

/// The owner of the code that was used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// The browser that checked out, when known.
    pub device: Option<Device>,
}

/// What the caller looked up for this decision.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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
    if let Some(device) = &friend_order.device {
        let window = u64::from(settings.same_device_window_hours) * 3600;
        let same_device = history.referrer_sightings.iter().any(|s| {
            &s.device == device && s.at.secs().abs_diff(friend_order.placed_at.secs()) <= window
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

impl FriendOrder {
    /// The friend's side of an ingested order that used `code`; `None`
    /// without an email address, since "is this the referrer" cannot be
    /// asked of an anonymous order.
    pub fn of(order: &OrderUpsert, code: ReferralCode) -> Option<Self> {
        Some(Self {
            order: order.id.clone(),
            customer: order.customer_id.clone().map(CustomerId),
            email: order.email.clone()?,
            code,
            subtotal_minor: order.subtotal_minor,
            placed_at: order.placed_at,
            device: order.device.clone(),
        })
    }
}
