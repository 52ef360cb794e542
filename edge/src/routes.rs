//! The one router: a request line becomes a [`Route`], and each route has
//! one handler that reads as parse → decide → persist → respond.

use aftercart_shared::api::Health;
use aftercart_shared::engage::ProductId;
use aftercart_shared::returns::ReturnEvent;
use aftercart_shared::settings::SettingKey;
use aftercart_shared::{OrderId, ShopId, UnixTime};
use worker::{Context, Env, Method, Request, Response};

use crate::{
    ApiError, admin, assets, engage, http, referrals, returns, returns_admin, reviews, shopper,
    webhooks,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Health,
    Preflight,
    Lookup {
        shop: ShopId,
    },
    Order {
        shop: ShopId,
        order: OrderId,
    },
    ReturnOptions {
        shop: ShopId,
        order: OrderId,
    },
    CreateReturn {
        shop: ShopId,
        order: OrderId,
    },
    Engagement {
        shop: ShopId,
        order: OrderId,
    },
    PromptEvent {
        shop: ShopId,
        order: OrderId,
    },
    SubmitReview {
        shop: ShopId,
        order: OrderId,
    },
    Nps {
        shop: ShopId,
        order: OrderId,
    },
    Rewards {
        shop: ShopId,
        order: OrderId,
    },
    /// A share link: `/r/{code}`, as typed (checked by the handler, which
    /// answers in the visitor's language).
    ReferralLink {
        code: String,
    },
    ReferralFlags {
        shop: ShopId,
    },
    ProductReviews {
        shop: ShopId,
        product: ProductId,
    },
    ReviewQueue {
        shop: ShopId,
    },
    ModerateReview {
        shop: ShopId,
        review: String,
    },
    /// The order a token grants, for signed deep links.
    GrantedOrder {
        shop: ShopId,
    },
    Webhook {
        shop: ShopId,
        source: String,
    },
    /// The shopper withdraws a return.
    CancelReturn {
        shop: ShopId,
        order: OrderId,
        rma: String,
    },
    DeepLink {
        shop: ShopId,
    },
    AdminReturns {
        shop: ShopId,
    },
    AdminReturn {
        shop: ShopId,
        rma: String,
    },
    AdminTransition {
        shop: ShopId,
        rma: String,
        event: ReturnEvent,
    },
    GetSetting {
        shop: ShopId,
        key: SettingKey,
    },
    PutSetting {
        shop: ShopId,
        key: SettingKey,
    },
    WebhookDeliveries {
        shop: ShopId,
    },
    RetryDelivery {
        shop: ShopId,
        id: String,
    },
    Asset(assets::Asset),
}

impl Route {
    pub fn parse(req: &Request) -> Result<Self, ApiError> {
        let method = req.method();
        let path = req.path();
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        let readable = matches!(method, Method::Get | Method::Head);
        let post = method == Method::Post;
        let put = method == Method::Put;
        let route = match segments.as_slice() {
            ["healthz"] if readable => Self::Health,
            ["v1", ..] if method == Method::Options => Self::Preflight,
            ["v1", "shops", shop, "lookup"] if post => Self::Lookup {
                shop: parse_shop(shop)?,
            },
            ["v1", "shops", shop, "orders", order] if readable => Self::Order {
                shop: parse_shop(shop)?,
                order: parse_order(order)?,
            },
            ["v1", "shops", shop, "orders", order, "returns"] if readable => Self::ReturnOptions {
                shop: parse_shop(shop)?,
                order: parse_order(order)?,
            },
            ["v1", "shops", shop, "orders", order, "returns"] if post => Self::CreateReturn {
                shop: parse_shop(shop)?,
                order: parse_order(order)?,
            },
            ["v1", "shops", shop, "orders", order, "engagement"] if readable => Self::Engagement {
                shop: parse_shop(shop)?,
                order: parse_order(order)?,
            },
            ["v1", "shops", shop, "orders", order, "engagement", "events"] if post => {
                Self::PromptEvent {
                    shop: parse_shop(shop)?,
                    order: parse_order(order)?,
                }
            }
            ["v1", "shops", shop, "orders", order, "reviews"] if post => Self::SubmitReview {
                shop: parse_shop(shop)?,
                order: parse_order(order)?,
            },
            ["v1", "shops", shop, "orders", order, "nps"] if post => Self::Nps {
                shop: parse_shop(shop)?,
                order: parse_order(order)?,
            },
            ["v1", "shops", shop, "orders", order, "rewards"] if readable => Self::Rewards {
                shop: parse_shop(shop)?,
                order: parse_order(order)?,
            },
            ["r", code] if readable => Self::ReferralLink {
                code: (*code).to_owned(),
            },
            ["v1", "admin", "shops", shop, "referral-flags"] if readable => Self::ReferralFlags {
                shop: parse_shop(shop)?,
            },
            ["v1", "shops", shop, "products", product, "reviews"] if readable => {
                Self::ProductReviews {
                    shop: parse_shop(shop)?,
                    product: ProductId::parse(product)
                        .map_err(|_| ApiError::NotFound("No such product."))?,
                }
            }
            ["v1", "admin", "shops", shop, "reviews"] if readable => Self::ReviewQueue {
                shop: parse_shop(shop)?,
            },
            ["v1", "admin", "shops", shop, "reviews", review] if post => Self::ModerateReview {
                shop: parse_shop(shop)?,
                review: (*review).to_owned(),
            },
            ["v1", "shops", shop, "order"] if readable => Self::GrantedOrder {
                shop: parse_shop(shop)?,
            },
            ["v1", "webhooks", shop, source] if post => Self::Webhook {
                shop: parse_shop(shop)?,
                source: (*source).to_owned(),
            },
            [
                "v1",
                "shops",
                shop,
                "orders",
                order,
                "returns",
                rma,
                "cancel",
            ] if post => Self::CancelReturn {
                shop: parse_shop(shop)?,
                order: parse_order(order)?,
                rma: (*rma).to_owned(),
            },
            ["v1", "admin", "shops", shop, "links"] if post => Self::DeepLink {
                shop: parse_shop(shop)?,
            },
            ["v1", "admin", "shops", shop, "returns"] if readable => Self::AdminReturns {
                shop: parse_shop(shop)?,
            },
            ["v1", "admin", "shops", shop, "returns", rma] if readable => Self::AdminReturn {
                shop: parse_shop(shop)?,
                rma: (*rma).to_owned(),
            },
            ["v1", "admin", "shops", shop, "returns", rma, event] if post => {
                Self::AdminTransition {
                    shop: parse_shop(shop)?,
                    rma: (*rma).to_owned(),
                    event: ReturnEvent::from_name(event)
                        .ok_or(ApiError::NotFound("No such return action."))?,
                }
            }
            ["v1", "admin", "shops", shop, "settings", key] if readable => Self::GetSetting {
                shop: parse_shop(shop)?,
                key: parse_setting(key)?,
            },
            ["v1", "admin", "shops", shop, "settings", key] if put => Self::PutSetting {
                shop: parse_shop(shop)?,
                key: parse_setting(key)?,
            },
            ["v1", "admin", "shops", shop, "webhook-deliveries"] if readable => {
                Self::WebhookDeliveries {
                    shop: parse_shop(shop)?,
                }
            }
            [
                "v1",
                "admin",
                "shops",
                shop,
                "webhook-deliveries",
                id,
                "retry",
            ] if post => Self::RetryDelivery {
                shop: parse_shop(shop)?,
                id: (*id).to_owned(),
            },
            ["healthz"]
            | ["v1", "shops", _, "lookup" | "order"]
            | ["v1", "shops", _, "orders", _]
            | ["v1", "shops", _, "orders", _, "returns", _, "cancel"]
            | [
                "v1",
                "shops",
                _,
                "orders",
                _,
                "returns" | "engagement" | "reviews" | "nps" | "rewards",
            ]
            | ["v1", "shops", _, "orders", _, "engagement", "events"]
            | ["v1", "shops", _, "products", _, "reviews"]
            | ["v1", "admin", "shops", _, "reviews"]
            | ["v1", "admin", "shops", _, "reviews", _]
            | ["v1", "webhooks", _, _]
            | ["r", _]
            | [
                "v1",
                "admin",
                "shops",
                _,
                "links" | "returns" | "webhook-deliveries" | "referral-flags",
            ]
            | ["v1", "admin", "shops", _, "returns" | "settings", _]
            | ["v1", "admin", "shops", _, "returns", _, _]
            | ["v1", "admin", "shops", _, "webhook-deliveries", _, "retry"] => {
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

fn parse_order(raw: &str) -> Result<OrderId, ApiError> {
    OrderId::parse(raw).map_err(|_| ApiError::NotFound("No such order."))
}

fn parse_setting(raw: &str) -> Result<SettingKey, ApiError> {
    SettingKey::from_name(raw).ok_or(ApiError::NotFound("No such setting."))
}

fn parse_shop(raw: &str) -> Result<ShopId, ApiError> {
    ShopId::parse(raw).map_err(|_| ApiError::NotFound("No such shop."))
}

pub async fn handle(
    route: Route,
    req: Request,
    env: &Env,
    ctx: &Context,
) -> Result<Response, ApiError> {
    match route {
        Route::Health => http::json(
            &Health {
                ok: true,
                version: env!("CARGO_PKG_VERSION").to_owned(),
            },
            200,
        ),
        Route::Preflight => http::preflight(),
        Route::Lookup { shop } => shopper::lookup(req, env, shop).await,
        Route::Order { shop, order } => shopper::order(&req, env, shop, Some(order)).await,
        Route::GrantedOrder { shop } => shopper::order(&req, env, shop, None).await,
        Route::ReturnOptions { shop, order } => returns::options(&req, env, shop, order).await,
        Route::CreateReturn { shop, order } => returns::create(req, env, ctx, shop, order).await,
        Route::CancelReturn { shop, order, rma } => {
            returns::cancel(&req, env, ctx, shop, order, &rma).await
        }
        Route::Engagement { shop, order } => engage::view(&req, env, shop, order).await,
        Route::PromptEvent { shop, order } => engage::event(req, env, shop, order).await,
        Route::SubmitReview { shop, order } => reviews::submit(req, env, shop, order).await,
        Route::Nps { shop, order } => engage::nps(req, env, shop, order).await,
        Route::Rewards { shop, order } => referrals::view(&req, env, shop, order).await,
        Route::ReferralLink { code } => referrals::follow(&req, env, &code).await,
        Route::ReferralFlags { shop } => referrals::flags(&req, env, shop).await,
        Route::ProductReviews { shop, product } => {
            reviews::published(&req, env, shop, product).await
        }
        Route::ReviewQueue { shop } => reviews::queue(&req, env, shop).await,
        Route::ModerateReview { shop, review } => reviews::moderate(req, env, shop, review).await,
        Route::Webhook { shop, source } => webhooks::receive(req, env, shop, &source).await,
        Route::DeepLink { shop } => admin::deep_link(req, env, shop).await,
        Route::AdminReturns { shop } => returns_admin::list(&req, env, shop).await,
        Route::AdminReturn { shop, rma } => returns_admin::get(&req, env, shop, &rma).await,
        Route::AdminTransition { shop, rma, event } => {
            returns_admin::transition(req, env, ctx, shop, &rma, event).await
        }
        Route::GetSetting { shop, key } => admin::get_setting(&req, env, shop, key).await,
        Route::PutSetting { shop, key } => admin::put_setting(req, env, shop, key).await,
        Route::WebhookDeliveries { shop } => admin::deliveries(&req, env, shop).await,
        Route::RetryDelivery { shop, id } => admin::retry_delivery(&req, env, shop, &id).await,
        Route::Asset(asset) => assets::serve(asset, &req, env).await,
    }
}

/// The shell's clock. `shared` never reads one; it is handed `now`.
pub fn now() -> UnixTime {
    let millis = worker::Date::now().as_millis();
    UnixTime::from_secs(i64::try_from(millis / 1000).unwrap_or(i64::MAX))
}
