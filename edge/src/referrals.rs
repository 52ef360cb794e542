//! Referrals and loyalty: the shopper's rewards view, share links, the
//! redemption of a code an ingested order carries, the points ledger, and
//! the merchant's fraud flags. `aftercart_shared::referral` decides; this
//! module reads, stores and answers.

use aftercart_shared::admin_api::{DEFAULT_PAGE, FlagCursor, ReferralFlagPage};
use aftercart_shared::api::{LoyaltyView, ReferralCard, RewardsView};
use aftercart_shared::engage::{Delivery, shopper_key};
use aftercart_shared::i18n::Msg;
use aftercart_shared::ingest::OrderUpsert;
use aftercart_shared::order::Order;
use aftercart_shared::referral::{
    Device, FriendOrder, Incentive, Ledger, LoyaltyEvent, LoyaltyProgram, MailboxKey, Points,
    ReferralCode, ReferralProgram, Referrer, decide_redemption, referral_codes, referral_points,
    reward_coupon,
};
use aftercart_shared::settings::SettingKey;
use aftercart_shared::{OrderId, ShopId, UnixTime};
use worker::{D1PreparedStatement, Env, Method, Request, Response};

use crate::admin::authenticate;
use crate::routes::now;
use crate::shopper::{Secrets, authorize};
use crate::store::{NewPosting, NewRedemption, OrderKey, Outcome, Store};
use crate::{ApiError, http};

/// Draws of a fresh code before giving up: at 31^7 codes a second draw is
/// already rare.
const CODE_ATTEMPTS: usize = 5;

/// The shop's referral and loyalty programs, as stored (validated on write).
#[derive(Debug, Default)]
pub struct Programs {
    pub referrals: Option<ReferralProgram>,
    pub loyalty: Option<LoyaltyProgram>,
}

impl Programs {
    fn from_settings(
        settings: &std::collections::HashMap<String, String>,
    ) -> Result<Self, ApiError> {
        let stored = |key: SettingKey, err: String| {
            ApiError::Internal(format!("stored {} is invalid: {err}", key.name()))
        };
        Ok(Self {
            referrals: settings
                .get(SettingKey::Referrals.name())
                .map(|json| ReferralProgram::from_json(json))
                .transpose()
                .map_err(|e| stored(SettingKey::Referrals, e.to_string()))?,
            loyalty: settings
                .get(SettingKey::Loyalty.name())
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

/// `GET /v1/shops/{shop}/orders/{orderId}/rewards`: the shopper's referral
/// card (once the order is delivered; their code is made on first sight)
/// and loyalty standing. Each view records where the shopper was seen, for
/// the self-referral check.
pub async fn view(
    req: &Request,
    env: &Env,
    shop: ShopId,
    order: OrderId,
) -> Result<Response, ApiError> {
    let now = now();
    authorize(req, &Secrets::read(env)?, &shop, Some(&order), now)?;
    let store = Store::open(env)?;
    let order = store
        .load_bundle(&shop, OrderKey::Id(&order))
        .await?
        .ok_or(ApiError::NotFound("No such order."))?
        .order;
    let mailbox = shopper_key(&order);
    let inputs = store.rewards_inputs(&shop, &mailbox).await?;
    let programs = Programs::from_settings(&inputs.settings)?;

    // No discount before delivery: the card (and the code) wait for it.
    let delivered = Delivery::of(&order).delivered_at().is_some();
    let referral = match (programs.referrals, &order.email, delivered) {
        (Some(program), Some(email), true) => {
            let code = match inputs.code {
                Some(code) => code,
                None => {
                    let mut made = None;
                    for _ in 0..CODE_ATTEMPTS {
                        let candidate = ReferralCode::generate(random_u64()?);
                        match store
                            .create_code(&shop, &candidate, &mailbox, email, &order.id, now)
                            .await
                        {
                            Ok(code) => {
                                made = Some(code);
                                break;
                            }
                            // Someone, in some shop, has it: draw again.
                            Err(err)
                                if err
                                    .to_string()
                                    .contains("UNIQUE constraint failed: referral_codes.code") => {}
                            Err(err) => return Err(err.into()),
                        }
                    }
                    made.ok_or_else(|| {
                        ApiError::Internal(format!(
                            "no free referral code in {CODE_ATTEMPTS} draws"
                        ))
                    })?
                }
            };
            Some(ReferralCard {
                share_url: share_url(req, &code)?,
                code: code.to_string(),
                friend_offer: program.friend_offer,
                reward: program.referrer_reward,
                friends_rewarded: inputs.friends_rewarded,
            })
        }
        _ => None,
    };
    if let (Some(device), Some(_)) = (device(req)?, &order.email) {
        store.record_sighting(&shop, &mailbox, &device, now).await?;
    }
    let loyalty = programs
        .loyalty
        .map(|program| LoyaltyView::of(Ledger::from_postings(inputs.postings), &program.tiers));
    http::json(&RewardsView { referral, loyalty }, 200)
}

/// `GET /r/{code}`: records the click and sends the friend to the shop with
/// the code applied. The target is built from the shop's stored host alone,
/// never from the request, so the link cannot redirect anywhere else.
pub async fn follow(req: &Request, env: &Env, raw: &str) -> Result<Response, ApiError> {
    let lang = http::shopper_lang(req)?;
    let code = ReferralCode::parse(raw)
        .map_err(|_| ApiError::NotFound(lang.text(Msg::ReferralCodeInvalid)))?;
    let store = Store::open(env)?;
    let (owner, program) = store
        .code_owner(&code)
        .await?
        .ok_or(ApiError::NotFound(lang.text(Msg::ReferralLinkUnknown)))?;
    let program = program
        .map(|json| ReferralProgram::from_json(&json))
        .transpose()
        .map_err(|e| {
            ApiError::Internal(format!(
                "stored referrals of {} are invalid: {e}",
                owner.shop
            ))
        })?
        .ok_or(ApiError::NotFound(lang.text(Msg::ReferralProgramEnded)))?;
    // A HEAD (a link checker) is no visit.
    if req.method() == Method::Get {
        store
            .record_click(&code, device(req)?.as_ref(), now())
            .await?;
    }
    let mut response = Response::empty()?.with_status(302);
    http::set(&mut response, "location", &program.landing_url(&code))?;
    http::set(&mut response, "cache-control", "no-store")?;
    http::set(&mut response, "referrer-policy", "no-referrer")?;
    Ok(response)
}

/// The referral and loyalty statements for one ingested order, to run in
/// the ingest's transaction after the order's own writes:
///
/// * purchase points for a live order, once (`purchase:{order}`), and the
///   same points taken back once it is cancelled (`cancelled:{order}`);
/// * the decision on a referral code it carries, once per order, with the
///   referrer's reward.
///
/// A cancelled order redeems nothing. Reads happen here, before the
/// transaction; the statements are conditional, so a concurrent delivery
/// of the same order decides at most once.
pub async fn order_effects(
    store: &Store,
    shop: &ShopId,
    order: &OrderUpsert,
    programs: &Programs,
    now: UnixTime,
) -> Result<Vec<D1PreparedStatement>, ApiError> {
    let mut statements = Vec::new();
    if order.cancelled_at.is_some() {
        statements.push(store.take_back_purchase(shop, &order.id, now)?);
        return Ok(statements);
    }
    let Some(email) = &order.email else {
        return Ok(statements);
    };
    let mailbox = MailboxKey::of(email);
    if let Some(loyalty) = &programs.loyalty {
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
                    mailbox: mailbox.as_str(),
                    posting,
                    at: now,
                },
            )?);
        }
    }
    if let Some(program) = &programs.referrals {
        statements.extend(redemption(store, shop, order, program, programs, now).await?);
    }
    Ok(statements)
}

async fn redemption(
    store: &Store,
    shop: &ShopId,
    order: &OrderUpsert,
    program: &ReferralProgram,
    programs: &Programs,
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
    let Some(friend) = FriendOrder::of(order, owner.code.clone()) else {
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
    store
        .posting(
            shop,
            &NewPosting {
                source: &source,
                mailbox,
                posting,
                at: now,
            },
        )
        .map(Some)
}

/// `GET /v1/admin/shops/{shop}/referral-flags?cursor=`: suspected
/// self-referrals, newest first.
pub async fn flags(req: &Request, env: &Env, shop: ShopId) -> Result<Response, ApiError> {
    let store = Store::open(env)?;
    authenticate(req, &store, &shop).await?;
    let cursor = http::query(req, "cursor")?
        .map(|raw| {
            FlagCursor::parse(&raw).ok_or_else(|| ApiError::InvalidField {
                field: "cursor",
                reason: "not a cursor from an earlier page".into(),
            })
        })
        .transpose()?;
    let mut items = store
        .referral_flags(&shop, cursor.as_ref(), DEFAULT_PAGE)
        .await?;
    let more = items.len() > DEFAULT_PAGE as usize;
    items.truncate(DEFAULT_PAGE as usize);
    let next_cursor = more
        .then(|| items.last().and_then(FlagCursor::of))
        .flatten()
        .map(|c| c.to_string());
    http::json(&ReferralFlagPage { items, next_cursor }, 200)
}

/// The caller's browser: `CF-Connecting-IP` (set by Cloudflare, not the
/// client) and `User-Agent`; `None` without both.
fn device(req: &Request) -> Result<Option<Device>, ApiError> {
    let headers = req.headers();
    let ip = headers
        .get("cf-connecting-ip")?
        .filter(|v| !v.trim().is_empty());
    let user_agent = headers.get("user-agent")?.filter(|v| !v.trim().is_empty());
    Ok(ip
        .zip(user_agent)
        .map(|(ip, user_agent)| Device { ip, user_agent }))
}

/// `https://<the host this request came to>/r/{code}`; plain HTTP only on
/// loopback, where local development runs.
fn share_url(req: &Request, code: &ReferralCode) -> Result<String, ApiError> {
    let url = req.url()?;
    let host = url
        .host_str()
        .ok_or_else(|| ApiError::Internal("request URL without a host".into()))?;
    let authority = url
        .port()
        .map_or_else(|| host.to_owned(), |port| format!("{host}:{port}"));
    let scheme = if matches!(host, "127.0.0.1" | "localhost" | "[::1]") {
        url.scheme()
    } else {
        "https"
    };
    Ok(format!("{scheme}://{authority}{}", code.share_path()))
}

/// Randomness is the shell's job: `shared` is handed the number.
fn random_u64() -> Result<u64, ApiError> {
    getrandom::u64().map_err(|e| ApiError::Internal(format!("no randomness: {e}")))
}
