//! The one router. A path is matched once, into a [`Resource`]; the method
//! then picks the route or answers 405, so no path is written twice. Each
//! route names who may call it, and the dispatch checks that before the
//! handler runs: a handler receives its caller's proof as a parameter.

use aftercart_shared::engage::ProductId;
use aftercart_shared::ingest::Source;
use aftercart_shared::returns::ReturnEvent;
use aftercart_shared::settings::SettingKey;
use aftercart_shared::wire::WireName;
use aftercart_shared::{OrderId, ShopId};
use worker::{Method, Request, Response};

use crate::api::{self, admin, assets::Asset};
use crate::auth::{Merchant, Shopper};
use crate::ctx::Ctx;
use crate::error::ApiError;
use crate::http;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// Anyone may call these.
    Public(Public),
    /// A shopper's token for `shop` (and `order`, when given).
    Shopper {
        shop: ShopId,
        order: Option<OrderId>,
        route: ShopperRoute,
    },
    /// The shop's admin key.
    Merchant { shop: ShopId, route: MerchantRoute },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Public {
    Health,
    Preflight,
    Lookup {
        shop: ShopId,
    },
    /// A share link: `/r/{code}`, as typed (checked by the handler, which
    /// answers in the visitor's language).
    ReferralLink {
        code: String,
    },
    ProductReviews {
        shop: ShopId,
        product: ProductId,
    },
    Webhook {
        shop: ShopId,
        source: Source,
    },
    Asset(Asset),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShopperRoute {
    /// The order in the path, or (without one, for signed deep links)
    /// whatever order the token grants.
    Order,
    ReturnOptions,
    CreateReturn,
    /// The shopper withdraws a return.
    CancelReturn {
        rma: String,
    },
    Engagement,
    PromptEvent,
    SubmitReview,
    Nps,
    Rewards,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MerchantRoute {
    DeepLink,
    /// Ends every shopper token (lookups and deep links) minted so far.
    RevokeTokens,
    Returns,
    Return {
        rma: String,
    },
    Transition {
        rma: String,
        event: ReturnEvent,
    },
    GetSetting {
        key: SettingKey,
    },
    PutSetting {
        key: SettingKey,
    },
    /// Only keys whose absence means "off" ([`SettingKey::removable`]).
    DeleteSetting {
        key: SettingKey,
    },
    Deliveries,
    RetryDelivery {
        id: String,
    },
    ReviewQueue,
    ModerateReview {
        review: String,
    },
    ReferralFlags,
    Analytics,
}

/// A path the API knows, its segments still as typed.
enum Resource<'a> {
    Health,
    ReferralLink(&'a str),
    Webhook(&'a str, &'a str),
    Shop(&'a str, ShopPath<'a>),
    Admin(&'a str, AdminPath<'a>),
}

/// Below `/v1/shops/{shop}/`.
enum ShopPath<'a> {
    Lookup,
    GrantedOrder,
    ProductReviews(&'a str),
    Order(&'a str, OrderPath<'a>),
}

/// Below `/v1/shops/{shop}/orders/{order}/`.
enum OrderPath<'a> {
    Itself,
    Returns,
    CancelReturn(&'a str),
    Engagement,
    EngagementEvents,
    Reviews,
    Nps,
    Rewards,
}

/// Below `/v1/admin/shops/{shop}/`.
enum AdminPath<'a> {
    Links,
    RevokeTokens,
    Returns,
    Return(&'a str),
    ReturnEvent(&'a str, &'a str),
    Setting(&'a str),
    Deliveries,
    RetryDelivery(&'a str),
    Reviews,
    Review(&'a str),
    ReferralFlags,
    Analytics,
}

impl<'a> Resource<'a> {
    fn parse(segments: &[&'a str]) -> Option<Self> {
        Some(match *segments {
            ["healthz"] => Self::Health,
            ["r", code] => Self::ReferralLink(code),
            ["v1", "webhooks", shop, source] => Self::Webhook(shop, source),
            ["v1", "shops", shop, ref rest @ ..] => Self::Shop(shop, ShopPath::parse(rest)?),
            ["v1", "admin", "shops", shop, ref rest @ ..] => {
                Self::Admin(shop, AdminPath::parse(rest)?)
            }
            _ => return None,
        })
    }
}

impl<'a> ShopPath<'a> {
    fn parse(rest: &[&'a str]) -> Option<Self> {
        Some(match *rest {
            ["lookup"] => Self::Lookup,
            ["order"] => Self::GrantedOrder,
            ["products", product, "reviews"] => Self::ProductReviews(product),
            ["orders", order, ref rest @ ..] => Self::Order(order, OrderPath::parse(rest)?),
            _ => return None,
        })
    }
}

impl<'a> OrderPath<'a> {
    fn parse(rest: &[&'a str]) -> Option<Self> {
        Some(match *rest {
            [] => Self::Itself,
            ["returns"] => Self::Returns,
            ["returns", rma, "cancel"] => Self::CancelReturn(rma),
            ["engagement"] => Self::Engagement,
            ["engagement", "events"] => Self::EngagementEvents,
            ["reviews"] => Self::Reviews,
            ["nps"] => Self::Nps,
            ["rewards"] => Self::Rewards,
            _ => return None,
        })
    }
}

impl<'a> AdminPath<'a> {
    fn parse(rest: &[&'a str]) -> Option<Self> {
        Some(match *rest {
            ["links"] => Self::Links,
            ["revoke-tokens"] => Self::RevokeTokens,
            ["returns"] => Self::Returns,
            ["returns", rma] => Self::Return(rma),
            ["returns", rma, event] => Self::ReturnEvent(rma, event),
            ["settings", key] => Self::Setting(key),
            ["webhook-deliveries"] => Self::Deliveries,
            ["webhook-deliveries", id, "retry"] => Self::RetryDelivery(id),
            ["reviews"] => Self::Reviews,
            ["reviews", review] => Self::Review(review),
            ["referral-flags"] => Self::ReferralFlags,
            ["analytics"] => Self::Analytics,
            _ => return None,
        })
    }
}

/// The methods a route answers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verb {
    /// GET, and HEAD.
    Read,
    Post,
    Put,
    Delete,
    Other,
}

impl Verb {
    fn of(method: &Method) -> Self {
        match method {
            Method::Get | Method::Head => Self::Read,
            Method::Post => Self::Post,
            Method::Put => Self::Put,
            Method::Delete => Self::Delete,
            _ => Self::Other,
        }
    }
}

impl Route {
    pub fn parse(method: &Method, path: &str) -> Result<Self, ApiError> {
        use Verb::{Post, Read};
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        if *method == Method::Options && segments.first() == Some(&"v1") {
            return Ok(Self::Public(Public::Preflight));
        }
        let verb = Verb::of(method);
        let Some(resource) = Resource::parse(&segments) else {
            return match Asset::parse(path) {
                Some(asset) if verb == Read => Ok(Self::Public(Public::Asset(asset))),
                Some(_) => Err(ApiError::MethodNotAllowed),
                None => Err(ApiError::NotFound("No such resource.")),
            };
        };
        let public = Self::Public;
        let route = match (resource, verb) {
            (Resource::Health, Read) => public(Public::Health),
            (Resource::ReferralLink(code), Read) => public(Public::ReferralLink {
                code: code.to_owned(),
            }),
            (Resource::Webhook(shop, source), Post) => public(Public::Webhook {
                shop: shop_id(shop)?,
                source: Source::parse(source)
                    .map_err(|_| ApiError::NotFound("No such webhook source."))?,
            }),
            (Resource::Shop(shop, path), verb) => Self::shop(shop, path, verb)?,
            (Resource::Admin(shop, path), verb) => {
                let (shop, route) = MerchantRoute::parse(shop, path, verb)?;
                Self::Merchant { shop, route }
            }
            _ => return Err(ApiError::MethodNotAllowed),
        };
        Ok(route)
    }

    fn shop(shop: &str, path: ShopPath<'_>, verb: Verb) -> Result<Self, ApiError> {
        use Verb::{Post, Read};
        let shopper = |order: Option<&str>, route| -> Result<Self, ApiError> {
            Ok(Self::Shopper {
                shop: shop_id(shop)?,
                order: order.map(order_id).transpose()?,
                route,
            })
        };
        Ok(match (path, verb) {
            (ShopPath::Lookup, Post) => Self::Public(Public::Lookup {
                shop: shop_id(shop)?,
            }),
            (ShopPath::ProductReviews(product), Read) => Self::Public(Public::ProductReviews {
                shop: shop_id(shop)?,
                product: ProductId::parse(product)
                    .map_err(|_| ApiError::NotFound("No such product."))?,
            }),
            (ShopPath::GrantedOrder, Read) => shopper(None, ShopperRoute::Order)?,
            (ShopPath::Order(order, path), verb) => {
                let route = match (path, verb) {
                    (OrderPath::Itself, Read) => ShopperRoute::Order,
                    (OrderPath::Returns, Read) => ShopperRoute::ReturnOptions,
                    (OrderPath::Returns, Post) => ShopperRoute::CreateReturn,
                    (OrderPath::CancelReturn(rma), Post) => ShopperRoute::CancelReturn {
                        rma: rma.to_owned(),
                    },
                    (OrderPath::Engagement, Read) => ShopperRoute::Engagement,
                    (OrderPath::EngagementEvents, Post) => ShopperRoute::PromptEvent,
                    (OrderPath::Reviews, Post) => ShopperRoute::SubmitReview,
                    (OrderPath::Nps, Post) => ShopperRoute::Nps,
                    (OrderPath::Rewards, Read) => ShopperRoute::Rewards,
                    _ => return Err(ApiError::MethodNotAllowed),
                };
                shopper(Some(order), route)?
            }
            _ => return Err(ApiError::MethodNotAllowed),
        })
    }
}

impl MerchantRoute {
    /// The method first (405), then the shop, then the rest of the path.
    fn parse(shop: &str, path: AdminPath<'_>, verb: Verb) -> Result<(ShopId, Self), ApiError> {
        use Verb::{Delete, Post, Put, Read};
        let shop = || shop_id(shop);
        Ok(match (path, verb) {
            (AdminPath::Links, Post) => (shop()?, Self::DeepLink),
            (AdminPath::RevokeTokens, Post) => (shop()?, Self::RevokeTokens),
            (AdminPath::Returns, Read) => (shop()?, Self::Returns),
            (AdminPath::Return(rma), Read) => (
                shop()?,
                Self::Return {
                    rma: rma.to_owned(),
                },
            ),
            (AdminPath::ReturnEvent(rma, event), Post) => (
                shop()?,
                Self::Transition {
                    rma: rma.to_owned(),
                    event: ReturnEvent::from_wire_name(event)
                        .ok_or(ApiError::NotFound("No such return action."))?,
                },
            ),
            (AdminPath::Setting(key), Read) => (
                shop()?,
                Self::GetSetting {
                    key: setting_key(key)?,
                },
            ),
            (AdminPath::Setting(key), Put) => (
                shop()?,
                Self::PutSetting {
                    key: setting_key(key)?,
                },
            ),
            (AdminPath::Setting(key), Delete) => {
                let shop = shop()?;
                let key = setting_key(key)?;
                if !key.removable() {
                    return Err(ApiError::MethodNotAllowed);
                }
                (shop, Self::DeleteSetting { key })
            }
            (AdminPath::Deliveries, Read) => (shop()?, Self::Deliveries),
            (AdminPath::RetryDelivery(id), Post) => {
                (shop()?, Self::RetryDelivery { id: id.to_owned() })
            }
            (AdminPath::Reviews, Read) => (shop()?, Self::ReviewQueue),
            (AdminPath::Review(review), Post) => (
                shop()?,
                Self::ModerateReview {
                    review: review.to_owned(),
                },
            ),
            (AdminPath::ReferralFlags, Read) => (shop()?, Self::ReferralFlags),
            (AdminPath::Analytics, Read) => (shop()?, Self::Analytics),
            _ => return Err(ApiError::MethodNotAllowed),
        })
    }
}

fn order_id(raw: &str) -> Result<OrderId, ApiError> {
    OrderId::parse(raw).map_err(|_| ApiError::NotFound("No such order."))
}

fn setting_key(raw: &str) -> Result<SettingKey, ApiError> {
    SettingKey::from_wire_name(raw).ok_or(ApiError::NotFound("No such setting."))
}

fn shop_id(raw: &str) -> Result<ShopId, ApiError> {
    ShopId::parse(raw).map_err(|_| ApiError::NotFound("No such shop."))
}

/// Whether a page on another origin may read the answers of `path`: the
/// shopper API (the widget runs on the merchant's pages) and the widget's
/// files, which the merchant's page imports. Never the admin API (the
/// dashboard is served by the edge itself), webhooks or share links.
pub fn cross_origin(path: &str) -> bool {
    let mut segments = path.trim_matches('/').split('/');
    match (segments.next(), segments.next()) {
        (Some("v1"), Some("shops")) => true,
        _ => Asset::parse(path).is_some(),
    }
}

/// Checks the caller, then runs the route's handler.
pub async fn handle(ctx: &Ctx<'_>, mut req: Request) -> Result<Response, ApiError> {
    let route = Route::parse(&req.method(), &req.path())?;
    match route {
        Route::Public(route) => public(ctx, req, route).await,
        Route::Shopper { shop, order, route } => {
            let shopper = Shopper::check(ctx, &req, &shop, order.as_ref()).await?;
            shopper_route(ctx, &mut req, shopper, route).await
        }
        Route::Merchant { shop, route } => {
            let merchant = Merchant::check(ctx, &req, shop).await?;
            merchant_route(ctx, &mut req, merchant, route).await
        }
    }
}

async fn public(ctx: &Ctx<'_>, mut req: Request, route: Public) -> Result<Response, ApiError> {
    match route {
        Public::Health => api::health::get(),
        Public::Preflight => http::preflight(),
        Public::Lookup { shop } => api::orders::lookup(ctx, &mut req, shop).await,
        Public::ReferralLink { code } => api::rewards::follow(ctx, &req, &code).await,
        Public::ProductReviews { shop, product } => {
            api::reviews::published(ctx, &req, shop, product).await
        }
        Public::Webhook { shop, source } => {
            api::webhooks::receive(ctx, &mut req, shop, source).await
        }
        Public::Asset(asset) => api::assets::serve(ctx, &req, asset).await,
    }
}

async fn shopper_route(
    ctx: &Ctx<'_>,
    req: &mut Request,
    shopper: Shopper,
    route: ShopperRoute,
) -> Result<Response, ApiError> {
    match route {
        ShopperRoute::Order => api::orders::order(ctx, shopper).await,
        ShopperRoute::ReturnOptions => api::returns::options(ctx, req, shopper).await,
        ShopperRoute::CreateReturn => api::returns::create(ctx, req, shopper.act()?).await,
        ShopperRoute::CancelReturn { rma } => api::returns::cancel(ctx, shopper.act()?, &rma).await,
        ShopperRoute::Engagement => api::engagement::view(ctx, req, shopper).await,
        ShopperRoute::PromptEvent => api::engagement::event(ctx, req, shopper).await,
        ShopperRoute::SubmitReview => api::reviews::submit(ctx, req, shopper.act()?).await,
        ShopperRoute::Nps => api::engagement::nps(ctx, req, shopper.act()?).await,
        ShopperRoute::Rewards => api::rewards::view(ctx, req, shopper).await,
    }
}

async fn merchant_route(
    ctx: &Ctx<'_>,
    req: &mut Request,
    merchant: Merchant,
    route: MerchantRoute,
) -> Result<Response, ApiError> {
    match route {
        MerchantRoute::DeepLink => admin::links::create(ctx, req, merchant).await,
        MerchantRoute::RevokeTokens => admin::links::revoke_all(ctx, merchant).await,
        MerchantRoute::Returns => admin::returns::list(ctx, req, merchant).await,
        MerchantRoute::Return { rma } => admin::returns::get(ctx, merchant, &rma).await,
        MerchantRoute::Transition { rma, event } => {
            admin::returns::transition(ctx, req, merchant, &rma, event).await
        }
        MerchantRoute::GetSetting { key } => admin::settings::get(ctx, merchant, key).await,
        MerchantRoute::PutSetting { key } => admin::settings::put(ctx, req, merchant, key).await,
        MerchantRoute::DeleteSetting { key } => admin::settings::delete(ctx, merchant, key).await,
        MerchantRoute::Deliveries => admin::deliveries::list(ctx, req, merchant).await,
        MerchantRoute::RetryDelivery { id } => admin::deliveries::retry(ctx, merchant, &id).await,
        MerchantRoute::ReviewQueue => admin::reviews::queue(ctx, req, merchant).await,
        MerchantRoute::ModerateReview { review } => {
            admin::reviews::moderate(ctx, req, merchant, &review).await
        }
        MerchantRoute::ReferralFlags => admin::referral_flags::list(ctx, req, merchant).await,
        MerchantRoute::Analytics => admin::analytics::report(ctx, req, merchant).await,
    }
}

#[cfg(test)]
mod tests;
