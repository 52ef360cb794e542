//! The one router: a request line becomes a [`Route`], and each route has
//! one handler that reads as parse → decide → persist → respond.

use aftercart_shared::api::{Health, LookupRequest, LookupResponse};
use aftercart_shared::token::{LOOKUP_TOKEN_TTL_SECS, OrderGrant, TokenError};
use aftercart_shared::{OrderId, ShopId, UnixTime};
use worker::{Env, Method, Request, Response};

use crate::store::Store;
use crate::{ApiError, assets, bindings, http};

/// The same words for "no such order" and "wrong email", so a lookup
/// reveals nothing about which orders exist.
const NO_MATCHING_ORDER: &str = "No order matches that order number and email address.";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Health,
    Preflight,
    Lookup { shop: ShopId },
    Order { shop: ShopId, order: OrderId },
    Asset(assets::Asset),
}

impl Route {
    pub fn parse(req: &Request) -> Result<Self, ApiError> {
        let method = req.method();
        let path = req.path();
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        let readable = matches!(method, Method::Get | Method::Head);
        let route = match segments.as_slice() {
            ["healthz"] if readable => Self::Health,
            ["v1", ..] if method == Method::Options => Self::Preflight,
            ["v1", "shops", shop, "lookup"] if method == Method::Post => Self::Lookup {
                shop: parse_shop(shop)?,
            },
            ["v1", "shops", shop, "orders", order] if readable => Self::Order {
                shop: parse_shop(shop)?,
                order: OrderId::parse(order).map_err(|_| ApiError::NotFound("No such order."))?,
            },
            ["healthz"] | ["v1", "shops", _, "lookup"] | ["v1", "shops", _, "orders", _] => {
                return Err(ApiError::MethodNotAllowed);
            }
            _ => match assets::Asset::parse(&path) {
                Some(asset) if readable => Self::Asset(asset),
                Some(_) => return Err(ApiError::MethodNotAllowed),
                None => return Err(ApiError::NotFound("No such resource.")),
            },
        };
        Ok(route)
    }
}

fn parse_shop(raw: &str) -> Result<ShopId, ApiError> {
    ShopId::parse(raw).map_err(|_| ApiError::NotFound("No such shop."))
}

pub async fn handle(route: Route, req: Request, env: &Env) -> Result<Response, ApiError> {
    match route {
        Route::Health => http::json(
            &Health {
                ok: true,
                version: env!("CARGO_PKG_VERSION").to_owned(),
            },
            200,
        ),
        Route::Preflight => http::preflight(),
        Route::Lookup { shop } => lookup(req, env, shop).await,
        Route::Order { shop, order } => order_view(&req, env, shop, order).await,
        Route::Asset(asset) => assets::serve(asset, &req, env).await,
    }
}

async fn lookup(mut req: Request, env: &Env, shop: ShopId) -> Result<Response, ApiError> {
    let body: LookupRequest = http::read_json(&mut req).await?;
    let (number, email) = body
        .parse()
        .map_err(|(field, err)| ApiError::InvalidField {
            field,
            reason: err.to_string(),
        })?;

    let store = Store::open(env)?;
    let order_id = store
        .find_order_id(&shop, &number, &email)
        .await?
        .ok_or(ApiError::NotFound(NO_MATCHING_ORDER))?;
    let order = store
        .load_order(&shop, &order_id)
        .await?
        .ok_or(ApiError::NotFound(NO_MATCHING_ORDER))?;

    let now = now();
    let grant = OrderGrant {
        shop,
        order: order_id,
        expires_at: now.plus_secs(LOOKUP_TOKEN_TTL_SECS),
    };
    let token = grant
        .mint(token_secret(env)?.as_bytes())
        .map_err(|err| ApiError::Internal(err.to_string()))?;
    http::json(
        &LookupResponse {
            token,
            expires_at: grant.expires_at,
            order: order.view(now),
        },
        200,
    )
}

async fn order_view(
    req: &Request,
    env: &Env,
    shop: ShopId,
    order: OrderId,
) -> Result<Response, ApiError> {
    let token = http::bearer_token(req)?;
    let now = now();
    let current = token_secret(env)?;
    let previous = env
        .secret(bindings::TOKEN_SECRET_PREVIOUS)
        .map(|s| s.to_string())
        .unwrap_or_default();
    let grant = OrderGrant::verify(&token, &[current.as_bytes(), previous.as_bytes()], now)
        .map_err(|err| match err {
            TokenError::Expired => ApiError::TokenExpired,
            TokenError::NoSecret => ApiError::Internal(err.to_string()),
            TokenError::Malformed | TokenError::BadSignature => ApiError::Unauthorized,
        })?;
    if grant.shop != shop || grant.order != order {
        return Err(ApiError::Unauthorized);
    }

    let order = Store::open(env)?
        .load_order(&shop, &order)
        .await?
        .ok_or(ApiError::NotFound("No such order."))?;
    http::json(&order.view(now), 200)
}

fn token_secret(env: &Env) -> Result<String, ApiError> {
    env.secret(bindings::TOKEN_SECRET)
        .map(|s| s.to_string())
        .ok()
        .filter(|s| !s.is_empty())
        .ok_or_else(|| {
            ApiError::Internal(format!(
                "secret {} is not configured",
                bindings::TOKEN_SECRET
            ))
        })
}

/// The shell's clock. `shared` never reads one; it is handed `now`.
fn now() -> UnixTime {
    let millis = worker::Date::now().as_millis();
    UnixTime::from_secs(i64::try_from(millis / 1000).unwrap_or(i64::MAX))
}
