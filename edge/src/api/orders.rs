//! The shopper's orders: look one up by number and email, read it with
//! the token.

use aftercart_shared::api::shopper::{LookupRequest, LookupResponse, OrderSummary, OrderView};
use aftercart_shared::limit;
use aftercart_shared::order::TransitHistory;
use aftercart_shared::token::{LOOKUP_TOKEN_TTL_SECS, OrderGrant, Scope};
use aftercart_shared::{ShopId, UnixTime};
use worker::{Request, Response};

use crate::auth::{self, Shopper};
use crate::ctx::Ctx;
use crate::error::ApiError;
use crate::http;
use crate::limiter::{self, Budget};
use crate::store::{OrderBundle, OrderKey};

/// The same words for "no such order" and "wrong email", so a lookup
/// reveals nothing about which orders exist.
const NO_MATCHING_ORDER: &str = "No order matches that order number and email address.";

/// `POST /v1/shops/{shop}/lookup`: public, rate limited per address and
/// per order number.
pub async fn lookup(ctx: &Ctx<'_>, req: &mut Request, shop: ShopId) -> Result<Response, ApiError> {
    let body: LookupRequest = http::read_json(req).await?;
    let (number, email) = body
        .parse()
        .map_err(|(field, err)| ApiError::invalid(field, err))?;
    let store = ctx.store()?;
    // The shop first: an unknown shop costs no limiter object.
    let epoch = store
        .token_epoch(&shop)
        .await?
        .ok_or(ApiError::NotFound(NO_MATCHING_ORDER))?;
    // Cloudflare sets this header itself; a client cannot choose it there.
    // Every request through Cloudflare has one, so one without it did not
    // come through Cloudflare, and sharing one bucket would let any such
    // caller lock out the rest.
    let client = req
        .headers()
        .get("cf-connecting-ip")?
        .as_deref()
        .and_then(limit::client_key)
        .ok_or_else(|| ApiError::invalid("cf-connecting-ip", "no client address"))?;
    let per_order = format!("order:{number}");
    limiter::enforce(
        ctx.env(),
        &shop,
        &[
            Budget::spend(client, limiter::LOOKUPS_PER_IP),
            Budget::peek(per_order.clone(), limiter::LOOKUPS_PER_ORDER),
        ],
    )
    .await?;

    // One query for number and email together: a wrong email reads as
    // little as an unknown number (nothing), so timing tells them apart no
    // more than the answer does.
    let bundle = store
        .load_bundle(&shop, OrderKey::Proven(&number, &email))
        .await?;
    let Some(bundle) = bundle else {
        // A failure spends the order's budget; the answer is the same
        // whether or not this one was the last.
        limiter::enforce(
            ctx.env(),
            &shop,
            &[Budget::spend(per_order, limiter::LOOKUPS_PER_ORDER)],
        )
        .await
        .ok();
        return Err(ApiError::NotFound(NO_MATCHING_ORDER));
    };

    // The shopper proved the order just now: the token may act on it.
    let grant = OrderGrant {
        shop: shop.clone(),
        order: bundle.order.id.clone(),
        expires_at: ctx.now().plus_secs(LOOKUP_TOKEN_TTL_SECS),
        scope: Scope::Write,
        epoch,
    };
    let token = auth::mint(ctx, &grant)?;
    let expires_at = grant.expires_at;
    let history = store
        .transit_history(&shop, &bundle.order.carriers_needing_history(), ctx.now())
        .await?;
    let order = view(ctx.now(), &bundle, &history, true);
    http::json(
        &LookupResponse {
            token,
            expires_at,
            order,
        },
        200,
    )
}

/// `GET .../orders/{id}` (the id must be the token's) or `GET .../order`
/// (whatever order the token grants: signed deep links).
pub async fn order(ctx: &Ctx<'_>, shopper: Shopper) -> Result<Response, ApiError> {
    let store = ctx.store()?;
    let shop = shopper.shop();
    let bundle = store
        .load_bundle(shop, OrderKey::Id(shopper.order()))
        .await?
        .ok_or(ApiError::NotFound("No such order."))?;
    let history = store
        .transit_history(shop, &bundle.order.carriers_needing_history(), ctx.now())
        .await?;
    http::json(&view(ctx.now(), &bundle, &history, shopper.can_act()), 200)
}

/// The order's view, listing the shopper's other orders without tokens:
/// each opens only with its own proof (defect: an unverified checkout
/// email used to open every order with that address).
fn view(now: UnixTime, bundle: &OrderBundle, history: &TransitHistory, can_act: bool) -> OrderView {
    let mut view = OrderView::with_history(&bundle.order, now, history);
    view.can_act = can_act;
    view.other_orders = bundle
        .others
        .iter()
        .map(|other| {
            let summary = OrderView::of(other, now);
            OrderSummary {
                id: summary.id,
                order_number: summary.order_number,
                placed_at: summary.placed_at,
                step: summary.status.step,
                status: summary.status.status,
                cancelled: summary.cancelled,
            }
        })
        .collect();
    view
}
