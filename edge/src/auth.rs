//! Authorization as proof values. A handler that acts for someone takes
//! that someone's proof as a parameter, and the only way to make one is
//! the check here, so no handler can forget to check.
//!
//! Later: `Operator` (aftercart's own staff) beside these two.

use aftercart_shared::token::{OrderGrant, Scope, TokenError, sha256_hex};
use aftercart_shared::{OrderId, ShopId};
use worker::Request;

use crate::ctx::Ctx;
use crate::error::ApiError;
use crate::http;

/// A shopper holding a valid bearer token for one order of a shop: from a
/// lookup, or from the merchant's signed deep link.
#[derive(Debug)]
pub struct Shopper {
    grant: OrderGrant,
}

impl Shopper {
    /// The grant in the request's bearer token, which must be for `shop`
    /// and, when given, for `order`, and not minted before the shop's
    /// token epoch (revoked).
    pub async fn check(
        ctx: &Ctx<'_>,
        req: &Request,
        shop: &ShopId,
        order: Option<&OrderId>,
    ) -> Result<Self, ApiError> {
        let secrets = ctx.secrets()?;
        let token = http::bearer_token(req)?;
        let grant =
            OrderGrant::verify(&token, &secrets.all(), ctx.now()).map_err(|err| match err {
                TokenError::Expired => ApiError::TokenExpired,
                TokenError::NoSecret => ApiError::internal(err),
                TokenError::Malformed | TokenError::BadSignature => ApiError::Unauthorized,
            })?;
        if grant.shop != *shop || order.is_some_and(|id| *id != grant.order) {
            return Err(ApiError::Unauthorized);
        }
        // A shop that is gone opens nothing, and a revoked token is as
        // wrong as a forged one.
        match ctx.store()?.token_epoch(shop).await? {
            Some(epoch) if grant.epoch >= epoch => Ok(Self { grant }),
            _ => Err(ApiError::Unauthorized),
        }
    }

    /// Whether the token may act on the order, not only read it.
    pub fn can_act(&self) -> bool {
        self.grant.scope == Scope::Write
    }

    /// The proof needed to act on the order: a token minted by a lookup
    /// (or a link minted for a write). A read-only deep link is refused
    /// with `proof_needed`, so the widget asks for the number and email.
    pub fn act(self) -> Result<OrderOwner, ApiError> {
        if self.can_act() {
            Ok(OrderOwner { shopper: self })
        } else {
            Err(ApiError::ProofNeeded)
        }
    }

    pub fn shop(&self) -> &ShopId {
        &self.grant.shop
    }

    /// The one order the token grants.
    pub fn order(&self) -> &OrderId {
        &self.grant.order
    }
}

/// A shopper who proved the order just now (a lookup) or holds a link
/// minted for a write: may start and cancel returns, review, answer NPS.
#[derive(Debug)]
pub struct OrderOwner {
    shopper: Shopper,
}

impl OrderOwner {
    pub fn shop(&self) -> &ShopId {
        self.shopper.shop()
    }

    pub fn order(&self) -> &OrderId {
        self.shopper.order()
    }
}

/// A merchant holding the shop's admin key. Another shop's key is as
/// wrong as no key: both are 401.
#[derive(Debug)]
pub struct Merchant {
    shop: ShopId,
}

impl Merchant {
    pub async fn check(ctx: &Ctx<'_>, req: &Request, shop: ShopId) -> Result<Self, ApiError> {
        let key = http::bearer_token(req)?;
        if ctx
            .store()?
            .admin_key_matches(&shop, &sha256_hex(key.as_bytes()))
            .await?
        {
            Ok(Self { shop })
        } else {
            Err(ApiError::Unauthorized)
        }
    }

    pub fn shop(&self) -> &ShopId {
        &self.shop
    }
}

/// The bearer token for `grant`, which [`Shopper::check`] will accept.
pub fn mint(ctx: &Ctx<'_>, grant: &OrderGrant) -> Result<String, ApiError> {
    grant
        .mint(ctx.secrets()?.current())
        .map_err(ApiError::internal)
}
