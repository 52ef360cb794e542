//! The referral and loyalty effects of an ingested order (and a review's
//! points): statements to run in the same transaction as what caused
//! them. `aftercart_shared::referral` decides; the store's statements are
//! conditional, so a redelivery or a race posts and pays nothing twice.

use aftercart_shared::wire::WireName;
use std::collections::HashMap;

use aftercart_shared::ingest::OrderUpsert;
use aftercart_shared::order::Order;
use aftercart_shared::privacy::VisitorKey;
use aftercart_shared::referral::{
    FriendOrder, Incentive, LoyaltyEvent, LoyaltyProgram, MailboxKey, Points, ReferralProgram,
    ReferralStep, Referrer, Revocation, decide_redemption, referral_codes, referral_points,
    referral_step, revocation, reward_coupon,
};
use aftercart_shared::settings::SettingKey;
use aftercart_shared::{ShopId, UnixTime};
use worker::D1PreparedStatement;

use crate::ctx::random_u64;
use crate::error::ApiError;
use crate::store::{NewPosting, NewRedemption, Outcome, Store};

/// The shop's referral and loyalty programs, as stored (validated on write).
#[derive(Debug, Default)]
pub struct Programs {
    pub referrals: Option<ReferralProgram>,
    pub loyalty: Option<LoyaltyProgram>,
}

impl Programs {
    pub fn from_settings(settings: &HashMap<String, String>) -> Result<Self, ApiError> {
        let stored = |key: SettingKey, err: String| {
            ApiError::internal(format!("stored {} is invalid: {err}", key.wire_name()))
        };
        Ok(Self {
            referrals: settings
                .get(SettingKey::Referrals.wire_name())
                .map(|json| ReferralProgram::from_json(json))
                .transpose()
                .map_err(|e| stored(SettingKey::Referrals, e.to_string()))?,
            loyalty: settings
                .get(SettingKey::Loyalty.wire_name())
                .map(|json| LoyaltyProgram::from_json(json))
                .transpose()
                .map_err(|e| stored(SettingKey::Loyalty, e.to_string()))?,
        })
    }

    pub async fn load(store: &Store, shop: &ShopId) -> Result<Self, ApiError> {
        let settings = store
            .settings(shop, &[SettingKey::Referrals, SettingKey::Loyalty])
            .await?;
        Self::from_settings(&settings)
    }
}

/// The referral and loyalty statements for one ingested order, to run in
/// the ingest's transaction after the order's own writes:
///
/// * purchase points for a live order, once (`purchase:{order}`), and the
///   same points taken back once it is cancelled (`cancelled:{order}`);
/// * the decision on a referral code it carries, once per order, with the
///   referrer's reward, once the order is paid
///   ([`referral_step`]: an unpaid order waits for a later webhook);
/// * the reward taken back, unless spent, when the order is cancelled,
///   refunded, voided or its payment failed.
///
/// Reads happen here, before the transaction; the statements are
/// conditional on the stored order (which a stale webhook does not
/// change), so a concurrent delivery of the same order decides at most
/// once.
pub async fn order_effects(
    store: &Store,
    shop: &ShopId,
    order: &OrderUpsert,
    programs: &Programs,
    keys: &[VisitorKey],
    now: UnixTime,
) -> Result<Vec<D1PreparedStatement>, ApiError> {
    let mut statements = Vec::new();
    if order.cancelled_at.is_some() {
        statements.push(store.take_back_purchase(shop, &order.id, now)?);
    } else if let (Some(email), Some(loyalty)) = (&order.email, &programs.loyalty) {
        // The shopper's own points: their exact address, never folded.
        let posting = loyalty
            .rules(&order.currency)
            .posting(&LoyaltyEvent::Purchase {
                amount_minor: order.subtotal_minor,
            });
        if posting.points() > Points(0) {
            let source = format!("purchase:{}", order.id);
            statements.push(store.posting_for_live_order(
                shop,
                &order.id,
                &NewPosting {
                    source: &source,
                    mailbox: email.as_str(),
                    posting,
                    at: now,
                },
            )?);
        }
    }
    match referral_step(order.payment, order.cancelled_at.is_some()) {
        ReferralStep::Wait => {}
        ReferralStep::Decide => {
            if let Some(program) = &programs.referrals {
                statements
                    .extend(redemption(store, shop, order, program, programs, keys, now).await?);
            }
        }
        // Whether or not the program still runs: a reward it issued for
        // this order is taken back all the same.
        ReferralStep::Revoke => statements.extend(revoke(store, shop, order, now).await?),
    }
    Ok(statements)
}

/// Takes back the reward a reversed order earned, unless it is spent.
async fn revoke(
    store: &Store,
    shop: &ShopId,
    order: &OrderUpsert,
    now: UnixTime,
) -> Result<Vec<D1PreparedStatement>, ApiError> {
    let Some(reward) = store.issued_reward(shop, &order.id).await? else {
        return Ok(Vec::new());
    };
    match revocation(&reward) {
        Revocation::Revoke => Ok(vec![
            store.revoke_reward(shop, &order.id, now)?,
            store.take_back_referral(shop, &order.id, now)?,
        ]),
        Revocation::Spent | Revocation::AlreadyRevoked => Ok(Vec::new()),
    }
}

async fn redemption(
    store: &Store,
    shop: &ShopId,
    order: &OrderUpsert,
    program: &ReferralProgram,
    programs: &Programs,
    keys: &[VisitorKey],
    now: UnixTime,
) -> Result<Vec<D1PreparedStatement>, ApiError> {
    let codes = referral_codes(&order.discount_codes);
    if codes.is_empty() {
        return Ok(Vec::new());
    }
    let (decided, owner) = store.redemption_start(shop, &order.id, &codes).await?;
    let (false, Some(owner)) = (decided, owner) else {
        return Ok(Vec::new());
    };
    let Some(friend) = FriendOrder::of(order, owner.code.clone(), keys) else {
        return Ok(Vec::new());
    };
    let (history, customers) = store.redemption_history(shop, &friend, &owner).await?;
    let referrer = Referrer {
        customers,
        email: owner.email.clone(),
        code: owner.code.clone(),
    };
    let decision = decide_redemption(&referrer, &friend, &history, &program.settings(), now);
    let friend_mailbox = MailboxKey::of(&friend.email);
    let coupon = match &decision {
        Ok(reward) if !matches!(reward.incentive, Incentive::Points { .. }) => {
            Some(reward_coupon(random_u64()?))
        }
        _ => None,
    };
    let outcome = match &decision {
        Ok(reward) => Outcome::Rewarded {
            incentive: stored_json(&reward.incentive),
            coupon: coupon.as_deref(),
        },
        Err(refusal) => match refusal.fraud_flag() {
            Some(flag) => Outcome::Flagged {
                flag,
                refusal: stored_json(refusal),
            },
            None => Outcome::Refused {
                refusal: stored_json(refusal),
            },
        },
    };
    let mut statements = vec![store.redemption(
        shop,
        &NewRedemption {
            order: &order.id,
            code: &owner.code,
            friend: &friend_mailbox,
            outcome,
            at: now,
        },
    )?];
    if let Ok(reward) = &decision {
        let posting = referral_points(&reward.incentive, programs.loyalty.as_ref());
        if posting.points() > Points(0) {
            let source = format!("referral:{}", order.id);
            statements.push(store.posting_after_redemption(
                shop,
                &NewPosting {
                    source: &source,
                    mailbox: &owner.mailbox,
                    posting,
                    at: now,
                },
            )?);
        }
    }
    Ok(statements)
}

/// An incentive or a refusal as stored: its wire JSON.
fn stored_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// The review's points, once per review, when the shop runs a loyalty
/// program; for the review's own transaction.
pub fn review_posting(
    store: &Store,
    shop: &ShopId,
    loyalty: Option<&LoyaltyProgram>,
    order: &Order,
    review_id: &str,
    mailbox: &str,
    now: UnixTime,
) -> Result<Option<D1PreparedStatement>, ApiError> {
    let Some(loyalty) = loyalty else {
        return Ok(None);
    };
    let posting = loyalty
        .rules(&order.currency)
        .posting(&LoyaltyEvent::ReviewWritten);
    if posting.points() == Points(0) {
        return Ok(None);
    }
    let source = format!("review:{review_id}");
    let statement = store.posting(
        shop,
        &NewPosting {
            source: &source,
            mailbox,
            posting,
            at: now,
        },
    )?;
    Ok(Some(statement))
}
