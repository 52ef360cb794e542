//! The shopper API: look an order up, read it with the token.

use aftercart_shared::api::{LookupRequest, LookupResponse, OrderSummary, OrderView};
use aftercart_shared::token::{LOOKUP_TOKEN_TTL_SECS, OrderGrant, TokenError};
use aftercart_shared::{OrderId, ShopId, UnixTime};
use worker::{Env, Request, Response};

use crate::routes::now;
use aftercart_shared::order::TransitHistory;

use crate::store::{OrderBundle, OrderKey, Store};
use crate::{ApiError, bindings, http, limiter};

/// The same words for "no such order" and "wrong email", so a lookup
/// reveals nothing about which orders exist.
const NO_MATCHING_ORDER: &str = "No order matches that order number and email address.";

pub async fn lookup(mut req: Request, env: &Env, shop: ShopId) -> Result<Response, ApiError> {
    let body: LookupRequest = http::read_json(&mut req).await?;
    let (number, email) = body
        .parse()
        .map_err(|(field, err)| ApiError::InvalidField {
            field,
            reason: err.to_string(),
        })?;
    // Cloudflare sets this header itself; a client cannot choose it there.
    let ip = req
        .headers()
        .get("cf-connecting-ip")?
        .unwrap_or_else(|| "unknown".to_owned());
    limiter::enforce(
        env,
        &shop,
        &[
            (format!("ip:{ip}"), limiter::LOOKUPS_PER_IP),
            (format!("order:{number}"), limiter::LOOKUPS_PER_ORDER),
        ],
    )
    .await?;

    let store = Store::open(env)?;
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

    let now = now();
    let expires_at = now.plus_secs(LOOKUP_TOKEN_TTL_SECS);
    let secret = Secrets::read(env)?;
    let history = store
        .transit_history(&shop, &bundle.order.carriers_needing_history(), now)
        .await?;
    let (token, order) = view_with_tokens(&shop, bundle, &history, expires_at, &secret, now)?;
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
pub async fn order(
    req: &Request,
    env: &Env,
    shop: ShopId,
    requested: Option<OrderId>,
) -> Result<Response, ApiError> {
    let now = now();
    let secrets = Secrets::read(env)?;
    let grant = authorize(req, &secrets, &shop, requested.as_ref(), now)?;

    let store = Store::open(env)?;
    let bundle = store
        .load_bundle(&shop, OrderKey::Id(&grant.order))
        .await?
        .ok_or(ApiError::NotFound("No such order."))?;
    let history = store
        .transit_history(&shop, &bundle.order.carriers_needing_history(), now)
        .await?;
    let (_, view) = view_with_tokens(&shop, bundle, &history, grant.expires_at, &secrets, now)?;
    http::json(&view, 200)
}

/// The grant in the request's bearer token, which must be for `shop` and,
/// when given, for `order`.
pub fn authorize(
    req: &Request,
    secrets: &Secrets,
    shop: &ShopId,
    order: Option<&OrderId>,
    now: UnixTime,
) -> Result<OrderGrant, ApiError> {
    let token = http::bearer_token(req)?;
    let grant = OrderGrant::verify(&token, &secrets.all(), now).map_err(|err| match err {
        TokenError::Expired => ApiError::TokenExpired,
        TokenError::NoSecret => ApiError::Internal(err.to_string()),
        TokenError::Malformed | TokenError::BadSignature => ApiError::Unauthorized,
    })?;
    if grant.shop != *shop || order.is_some_and(|id| *id != grant.order) {
        return Err(ApiError::Unauthorized);
    }
    Ok(grant)
}

/// The order's view, with a token for it and for each of the shopper's other
/// orders, all expiring together.
fn view_with_tokens(
    shop: &ShopId,
    bundle: OrderBundle,
    history: &TransitHistory,
    expires_at: UnixTime,
    secrets: &Secrets,
    now: UnixTime,
) -> Result<(String, OrderView), ApiError> {
    let mint = |order: &OrderId| {
        OrderGrant {
            shop: shop.clone(),
            order: order.clone(),
            expires_at,
        }
        .mint(secrets.current.as_bytes())
        .map_err(|err| ApiError::Internal(err.to_string()))
    };
    let token = mint(&bundle.order.id)?;
    let mut view = bundle.order.view_with_history(now, history);
    view.other_orders = bundle
        .others
        .iter()
        .map(|other| {
            let summary = other.view(now);
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

/// The token signing secrets: current, and the previous during a rotation.
pub struct Secrets {
    current: String,
    previous: String,
}

impl Secrets {
    pub fn read(env: &Env) -> Result<Self, ApiError> {
        let read = |name: &str| env.secret(name).map(|s| s.to_string()).unwrap_or_default();
        let current = read(bindings::TOKEN_SECRET);
        if current.is_empty() {
            return Err(ApiError::Internal(format!(
                "secret {} is not configured",
                bindings::TOKEN_SECRET
            )));
        }
        Ok(Self {
            current,
            previous: read(bindings::TOKEN_SECRET_PREVIOUS),
        })
    }

    pub fn current(&self) -> &[u8] {
        self.current.as_bytes()
    }

    fn all(&self) -> [&[u8]; 2] {
        [self.current.as_bytes(), self.previous.as_bytes()]
    }
}
