//! Referral codes, referral redemption, loyalty points, and the links that
//! carry codes to a shop.
//!
//! Everything here is a pure decision over inputs the caller looked up:
//! random numbers, "has this friend ordered before", "which friends were
//! already rewarded" and "where was the referrer seen" are all passed in.

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::device::Device;
use crate::ingest::OrderUpsert;
use crate::money::minor_units;
use crate::wire::wire_enum;
use crate::{Email, OrderId, UnixTime, base31};

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

// ---------------------------------------------------------------------------
// Codes

/// Payload symbols; 31^7 ≈ 2.75 × 10^10 codes.
const PAYLOAD_LEN: usize = 7;

/// A shopper's referral code: 7 payload symbols and 1 check symbol from a
/// 31-symbol unambiguous alphabet, e.g. `K7QM4XHC`.
///
/// **Check symbol** (see [`base31`]). With symbol values `v₁..v₈`
/// (positions 1-based, check last), a code is valid iff `Σ i·vᵢ ≡ 0 (mod
/// 31)`. Because 31 is prime and every weight 1..8 is non-zero mod 31:
/// * one wrong symbol at position `i` changes the sum by `i·(v′−v) ≢ 0`;
/// * swapping neighbours `i, i+1` changes it by `vᵢ − vᵢ₊₁ ≢ 0` (when they
///   differ; swapping equal symbols is not a typo);
/// * swapping `i, i+2` changes it by `2·(vᵢ − vᵢ₊₂) ≢ 0`.
///
/// So every single substitution and every adjacent or jump transposition is
/// detected — tests check all of them exhaustively. Random garbage passes
/// with probability 1/31.
///
/// **Uniqueness** is the caller's job: [`ReferralCode::generate`] maps a
/// caller-drawn random `u64` to a code; the caller stores it under a unique
/// (shop, code) key and draws again on conflict. At 31^7 codes, a shop with
/// a million codes sees a collision on about one draw in 27,000.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ReferralCode(String);

impl ReferralCode {
    /// Symbols in a code, check symbol included.
    pub const LEN: usize = PAYLOAD_LEN + 1;

    /// The code for a random number drawn by the caller. Different inputs
    /// below 31^7 give different codes; larger inputs wrap (modulo bias of
    /// under 10⁻⁸, irrelevant for codes).
    pub fn generate(random: u64) -> Self {
        let mut values = base31::digits(random, PAYLOAD_LEN);
        values.push(base31::check_value(&values));
        Self(values.into_iter().map(base31::symbol).collect())
    }

    /// Reads a code as a person typed it: case, spaces and dashes are
    /// ignored (`k7qm-4xhc` is `K7QM4XHC`), then the check symbol must match.
    pub fn parse(raw: &str) -> Result<Self, ReferralError> {
        let mut values = Vec::with_capacity(Self::LEN);
        for c in raw.chars().filter(|c| !c.is_whitespace() && *c != '-') {
            values.push(base31::value(c).ok_or(ReferralError::BadSymbol { symbol: c })?);
        }
        if values.len() != Self::LEN {
            return Err(ReferralError::WrongLength {
                expected: Self::LEN,
                got: values.len(),
            });
        }
        if !base31::is_valid(&values) {
            return Err(ReferralError::CheckFailed);
        }
        Ok(Self(values.into_iter().map(base31::symbol).collect()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `/r/{code}`: the share link's path on aftercart's short-link host.
    pub fn share_path(&self) -> String {
        format!("/r/{}", self.0)
    }
}

impl TryFrom<&str> for ReferralCode {
    type Error = ReferralError;
    fn try_from(value: &str) -> Result<Self, ReferralError> {
        Self::parse(value)
    }
}

impl TryFrom<String> for ReferralCode {
    type Error = ReferralError;
    fn try_from(value: String) -> Result<Self, ReferralError> {
        Self::parse(&value)
    }
}

impl From<ReferralCode> for String {
    fn from(code: ReferralCode) -> Self {
        code.0
    }
}

impl fmt::Display for ReferralCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

// ---------------------------------------------------------------------------
// Discount links

wire_enum! {
    /// The shop system a discount link is for.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Platform {
        Shopify = "shopify",
        WooCommerce = "woocommerce",
    }
}

/// A shop's public host name (`example.com`, `demo.myshopify.com`,
/// `shop.example.com:8443`), lowercased, without scheme or path.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ShopHost(String);

impl ShopHost {
    pub fn parse(raw: &str) -> Result<Self, ReferralError> {
        let host = raw.trim().to_ascii_lowercase();
        let valid = !host.is_empty()
            && host.len() <= 253
            && host.contains('.')
            && !host.starts_with(['.', '-'])
            && !host.ends_with('.')
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':'));
        if valid {
            Ok(Self(host))
        } else {
            Err(ReferralError::BadHost(raw.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ShopHost {
    type Error = ReferralError;
    fn try_from(value: String) -> Result<Self, ReferralError> {
        Self::parse(&value)
    }
}

impl From<ShopHost> for String {
    fn from(host: ShopHost) -> Self {
        host.0
    }
}

/// A link that opens the shop with `code` applied as a discount.
///
/// * Shopify: `https://{shop}/discount/{CODE}?redirect=/` — Shopify's own
///   shareable-discount route: it stores the code in the cart session and
///   redirects to the home page.
/// * WooCommerce: `https://{shop}/?coupon={CODE}`. Core WooCommerce has no
///   such URL; it is the convention of aftercart's WordPress plugin (and of
///   the common "apply coupon from URL" snippets), which reads `coupon` and
///   applies it to the cart. A merchant without the plugin needs that
///   snippet.
///
/// Codes only use `[2-9A-Z]`, so no escaping is needed.
pub fn discount_url(platform: Platform, shop: &ShopHost, code: &ReferralCode) -> String {
    match platform {
        Platform::Shopify => format!("https://{shop}/discount/{code}?redirect=/", shop = shop.0),
        Platform::WooCommerce => format!("https://{shop}/?coupon={code}", shop = shop.0),
    }
}

// ---------------------------------------------------------------------------
// Redemption

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

/// What the referrer gets for one qualifying friend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

/// The rules [`decide_redemption`] applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
        let window = i64::from(settings.same_device_window_hours) * 3600;
        let same_device = history.referrer_sightings.iter().any(|s| {
            &s.device == device && (s.at.secs() - friend_order.placed_at.secs()).abs() <= window
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

/// The referral codes among an order's discount codes, in the order's
/// order, each once. Ordinary shop codes (`SUMMER10`) do not parse and are
/// left out; so is a referral code with a typo.
pub fn referral_codes(discount_codes: &[String]) -> Vec<ReferralCode> {
    let mut codes: Vec<ReferralCode> = Vec::new();
    for code in discount_codes
        .iter()
        .filter_map(|c| ReferralCode::parse(c).ok())
    {
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    codes
}

/// A one-off coupon code for a referrer's amount or percent reward, from a
/// caller-drawn random number: `REF-` and a code in the same alphabet, with
/// the same check symbol, as referral codes.
pub fn reward_coupon(random: u64) -> String {
    format!("REF-{}", ReferralCode::generate(random))
}

// ---------------------------------------------------------------------------
// Loyalty

/// A loyalty point count.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Points(pub u64);

/// Something that moves a shopper's points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
#[serde(rename_all = "camelCase")]
pub struct Tier {
    pub name: String,
    pub threshold: Points,
}

/// A merchant's tiers, lowest first, thresholds strictly rising.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
