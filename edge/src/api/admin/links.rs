//! `POST /v1/admin/shops/{shop}/links`: a signed token for a merchant's
//! shipping email, opening one order without a lookup; and
//! `POST /v1/admin/shops/{shop}/revoke-tokens`, which ends them all.

use aftercart_shared::OrderId;
use aftercart_shared::api::admin::{DeepLinkRequest, DeepLinkResponse, TokensRevoked};
use aftercart_shared::token::{OrderGrant, Scope};
use worker::{Request, Response};

use crate::auth::{self, Merchant};
use crate::ctx::Ctx;
use crate::error::ApiError;
use crate::http;
use crate::store::OrderKey;

const DEFAULT_LINK_DAYS: u16 = 30;
const MAX_LINK_DAYS: u16 = 90;

pub async fn create(
    ctx: &Ctx<'_>,
    req: &mut Request,
    merchant: Merchant,
) -> Result<Response, ApiError> {
    let body: DeepLinkRequest = http::read_json(req).await?;
    let order = OrderId::parse(&body.order_id).map_err(|err| ApiError::invalid("orderId", err))?;
    let days = body.valid_days.unwrap_or(DEFAULT_LINK_DAYS);
    if !(1..=MAX_LINK_DAYS).contains(&days) {
        return Err(ApiError::invalid(
            "validDays",
            format!("must be between 1 and {MAX_LINK_DAYS}"),
        ));
    }
    let store = ctx.store()?;
    if store
        .load_bundle(merchant.shop(), OrderKey::Id(&order))
        .await?
        .is_none()
    {
        return Err(ApiError::NotFound("No such order."));
    }
    let epoch = store
        .token_epoch(merchant.shop())
        .await?
        .ok_or(ApiError::NotFound("No such shop."))?;
    let grant = OrderGrant {
        shop: merchant.shop().clone(),
        order,
        expires_at: ctx.now().plus_days(i64::from(days)),
        scope: if body.write {
            Scope::Write
        } else {
            Scope::Read
        },
        epoch,
    };
    let token = auth::mint(ctx, &grant)?;
    http::json(
        &DeepLinkResponse {
            token,
            expires_at: grant.expires_at,
        },
        201,
    )
}

/// Raises the shop's token epoch: every shopper token and deep link minted
/// before stops working at once (shoppers look their order up again).
pub async fn revoke_all(ctx: &Ctx<'_>, merchant: Merchant) -> Result<Response, ApiError> {
    let epoch = ctx
        .store()?
        .revoke_tokens(merchant.shop())
        .await?
        .ok_or(ApiError::NotFound("No such shop."))?;
    http::json(&TokensRevoked { epoch }, 200)
}
