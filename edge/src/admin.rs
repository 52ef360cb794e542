//! The merchant admin API, authenticated with a shop's API key.

use aftercart_shared::api::{DeepLinkRequest, DeepLinkResponse};
use aftercart_shared::token::{OrderGrant, sha256_hex};
use aftercart_shared::{OrderId, ShopId};
use worker::{Env, Request, Response};

use crate::routes::now;
use crate::shopper::Secrets;
use crate::store::{OrderKey, Store};
use crate::{ApiError, http};

const DEFAULT_LINK_DAYS: u16 = 30;
const MAX_LINK_DAYS: u16 = 90;

async fn authenticate(req: &Request, store: &Store, shop: &ShopId) -> Result<(), ApiError> {
    let key = http::bearer_token(req)?;
    if store
        .admin_key_matches(shop, &sha256_hex(key.as_bytes()))
        .await?
    {
        Ok(())
    } else {
        Err(ApiError::Unauthorized)
    }
}

/// `POST /v1/admin/shops/{shop}/links`: a signed token for a merchant's
/// shipping email, opening one order without a lookup.
pub async fn deep_link(mut req: Request, env: &Env, shop: ShopId) -> Result<Response, ApiError> {
    let store = Store::open(env)?;
    authenticate(&req, &store, &shop).await?;
    let body: DeepLinkRequest = http::read_json(&mut req).await?;
    let order = OrderId::parse(&body.order_id).map_err(|err| ApiError::InvalidField {
        field: "orderId",
        reason: err.to_string(),
    })?;
    let days = body.valid_days.unwrap_or(DEFAULT_LINK_DAYS);
    if !(1..=MAX_LINK_DAYS).contains(&days) {
        return Err(ApiError::InvalidField {
            field: "validDays",
            reason: format!("must be between 1 and {MAX_LINK_DAYS}"),
        });
    }
    if store
        .load_bundle(&shop, OrderKey::Id(&order))
        .await?
        .is_none()
    {
        return Err(ApiError::NotFound("No such order."));
    }
    let grant = OrderGrant {
        shop,
        order,
        expires_at: now().plus_days(i64::from(days)),
    };
    let token = grant
        .mint(Secrets::read(env)?.current())
        .map_err(|err| ApiError::Internal(err.to_string()))?;
    http::json(
        &DeepLinkResponse {
            token,
            expires_at: grant.expires_at,
        },
        201,
    )
}
