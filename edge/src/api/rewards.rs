//! Rewards for shoppers: the referral card and loyalty standing of an
//! order's shopper, and the share links (`/r/{code}`) friends follow.
//! `aftercart_shared::referral` decides; this module reads, stores and
//! answers.

use aftercart_shared::api::engage::{LoyaltyView, ReferralCard, RewardsView};
use aftercart_shared::device::Device;
use aftercart_shared::engage::{Delivery, shopper_key};
use aftercart_shared::i18n::Msg;
use aftercart_shared::referral::{Ledger, MailboxKey, ReferralCode, ReferralProgram};
use aftercart_shared::{Email, OrderId, ShopId};
use worker::{Method, Request, Response};

use crate::auth::Shopper;
use crate::ctx::{Ctx, random_u64};
use crate::error::ApiError;
use crate::flows::privacy;
use crate::flows::referral::Programs;
use crate::http;
use crate::store::{CodeClaim, OrderKey};

/// Draws of a fresh code before giving up: at 31^7 codes a second draw is
/// already rare.
const CODE_ATTEMPTS: usize = 5;

/// `GET /v1/shops/{shop}/orders/{orderId}/rewards`: the shopper's referral
/// card (once the order is delivered; their code is made on first sight)
/// and loyalty standing. Each view records where the shopper was seen, for
/// the self-referral check.
pub async fn view(ctx: &Ctx<'_>, req: &Request, shopper: Shopper) -> Result<Response, ApiError> {
    let shop = shopper.shop();
    let store = ctx.store()?;
    let order = store
        .load_bundle(shop, OrderKey::Id(shopper.order()))
        .await?
        .ok_or(ApiError::NotFound("No such order."))?
        .order;
    let mailbox = shopper_key(&order);
    let inputs = store.rewards_inputs(shop, &mailbox).await?;
    let programs = Programs::from_settings(&inputs.settings)?;

    // No discount before delivery: the card (and the code) wait for it.
    let delivered = Delivery::of(&order).delivered_at().is_some();
    let referral = match (programs.referrals, &order.email, delivered) {
        (Some(program), Some(email), true) => {
            let code = match inputs.code {
                Some(code) => code,
                None => make_code(ctx, shop, &mailbox, email, &order.id).await?,
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
    // Sightings catch self-referral, so they are keyed on the folded
    // mailbox: the referrer seen under any +tag of theirs. Best effort: a
    // failed write never fails the view.
    if let (Some(device), Some(email)) = (device(req)?, &order.email) {
        privacy::record_sighting(ctx, shop, MailboxKey::of(email).as_str(), &device).await;
    }
    let loyalty = programs
        .loyalty
        .map(|program| LoyaltyView::of(Ledger::from_postings(inputs.postings), &program.tiers));
    http::json(&RewardsView { referral, loyalty }, 200)
}

/// A new code for the shopper, or the one a concurrent request made first.
async fn make_code(
    ctx: &Ctx<'_>,
    shop: &ShopId,
    mailbox: &str,
    email: &Email,
    order: &OrderId,
) -> Result<ReferralCode, ApiError> {
    let store = ctx.store()?;
    for _ in 0..CODE_ATTEMPTS {
        let candidate = ReferralCode::generate(random_u64()?);
        match store
            .create_code(shop, &candidate, mailbox, email, order, ctx.now())
            .await?
        {
            CodeClaim::Mine(code) => return Ok(code),
            // Someone, in some shop, has it: draw again.
            CodeClaim::Taken => {}
        }
    }
    Err(ApiError::internal(format!(
        "no free referral code in {CODE_ATTEMPTS} draws"
    )))
}

/// `GET /r/{code}`: counts the click (`HEAD`: not) and sends the friend to
/// the shop with the code applied. The target is built from the shop's stored host alone,
/// never from the request, so the link cannot redirect anywhere else.
pub async fn follow(ctx: &Ctx<'_>, req: &Request, raw: &str) -> Result<Response, ApiError> {
    let lang = http::shopper_lang(req)?;
    let code = ReferralCode::parse(raw)
        .map_err(|_| ApiError::NotFound(lang.text(Msg::ReferralCodeInvalid)))?;
    let store = ctx.store()?;
    let (owner, program) = store
        .code_owner(&code)
        .await?
        .ok_or(ApiError::NotFound(lang.text(Msg::ReferralLinkUnknown)))?;
    let program = program
        .map(|json| ReferralProgram::from_json(&json))
        .transpose()
        .map_err(|e| {
            ApiError::internal(format!(
                "stored referrals of {} are invalid: {e}",
                owner.shop
            ))
        })?
        .ok_or(ApiError::NotFound(lang.text(Msg::ReferralProgramEnded)))?;
    // A HEAD (a link checker, a preview) is no visit. A click is counted
    // after the response, at best effort: the redirect never waits for it
    // nor fails with it.
    if req.method() == Method::Get {
        privacy::record_click_soon(ctx, &code, &visitor(req)?);
    }
    let mut response = Response::empty()?.with_status(302);
    http::set(&mut response, "location", &program.landing_url(&code))?;
    http::set(&mut response, "cache-control", "no-store")?;
    http::set(&mut response, "referrer-policy", "no-referrer")?;
    Ok(response)
}

/// A share link's visitor: [`device`], with what is missing empty, so a
/// client that sends no User-Agent is still one visitor per address (and
/// not a fresh one per request).
fn visitor(req: &Request) -> Result<Device, ApiError> {
    let headers = req.headers();
    let header = |name: &str| -> Result<String, ApiError> {
        Ok(headers.get(name)?.unwrap_or_default().trim().to_owned())
    };
    Ok(Device {
        ip: header("cf-connecting-ip")?,
        user_agent: header("user-agent")?,
    })
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
        .ok_or_else(|| ApiError::internal("request URL without a host"))?;
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
