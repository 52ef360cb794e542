//! The shopper's orders: look one up by number and email, read it with
//! the token.

use aftercart_shared::api::shopper::{LookupRequest, LookupResponse, OrderSummary, OrderView};
use aftercart_shared::order::TransitHistory;
use aftercart_shared::token::{LOOKUP_TOKEN_TTL_SECS, OrderGrant};
use aftercart_shared::{OrderId, ShopId, UnixTime};
use worker::{Request, Response};

use crate::auth::{self, Shopper};
use crate::ctx::Ctx;
use crate::error::ApiError;
use crate::store::{OrderBundle, OrderKey};
use crate::{http, limiter};

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
    // Cloudflare sets this header itself; a client cannot choose it there.
    let ip = req
        .headers()
        .get("cf-connecting-ip")?
        .unwrap_or_else(|| "unknown".to_owned());
    limiter::enforce(
        ctx.env(),
        &shop,
        &[
            (format!("ip:{ip}"), limiter::LOOKUPS_PER_IP),
            (format!("order:{number}"), limiter::LOOKUPS_PER_ORDER),
        ],
    )
    .await?;

    let store = ctx.store()?;
    let bundle = store
        .load_bundle(&shop, OrderKey::Number(&number))
        .await?
        .filter(|b| {
            b.order
                .email
                .as_ref()
                .is_some_and(|stored| stored.matches(&email))
        })
        .ok_or(ApiError::NotFound(NO_MATCHING_ORDER))?;

    let expires_at = ctx.now().plus_secs(LOOKUP_TOKEN_TTL_SECS);
    let history = store
        .transit_history(&shop, &bundle.order.carriers_needing_history(), ctx.now())
        .await?;
    let (token, order) = view_with_tokens(ctx, &shop, bundle, &history, expires_at)?;
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
    let (_, view) = view_with_tokens(ctx, shop, bundle, &history, shopper.expires_at())?;
    http::json(&view, 200)
}

/// The order's view, with a token for it and for each of the shopper's other
/// orders, all expiring together.
fn view_with_tokens(
    ctx: &Ctx<'_>,
    shop: &ShopId,
    bundle: OrderBundle,
    history: &TransitHistory,
    expires_at: UnixTime,
) -> Result<(String, OrderView), ApiError> {
    let now = ctx.now();
    let mint = |order: &OrderId| {
        let grant = OrderGrant {
            shop: shop.clone(),
            order: order.clone(),
            expires_at,
        };
        auth::mint(ctx, &grant)
    };
    let token = mint(&bundle.order.id)?;
    let mut view = OrderView::with_history(&bundle.order, now, history);
    view.other_orders = bundle
        .others
        .iter()
        .map(|other| {
            let summary = OrderView::of(other, now);
            Ok(OrderSummary {
                token: mint(&other.id)?,
                id: summary.id,
                order_number: summary.order_number,
                placed_at: summary.placed_at,
                step: summary.status.step,
                status: summary.status.status,
                cancelled: summary.cancelled,
            })
        })
        .collect::<Result<_, ApiError>>()?;
    Ok((token, view))
}
