//! The one router: a request line becomes a [`Route`], and each route has
//! one handler that reads as parse → decide → persist → respond.

use aftercart_shared::api::Health;
use aftercart_shared::{OrderId, ShopId, UnixTime};
use worker::{Env, Method, Request, Response};

use crate::{ApiError, admin, assets, http, returns, shopper, webhooks};

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
    /// The order a token grants, for signed deep links.
    GrantedOrder {
        shop: ShopId,
    },
    Webhook {
        shop: ShopId,
        source: String,
    },
    DeepLink {
        shop: ShopId,
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
            ["v1", "shops", shop, "order"] if readable => Self::GrantedOrder {
                shop: parse_shop(shop)?,
            },
            ["v1", "webhooks", shop, source] if post => Self::Webhook {
                shop: parse_shop(shop)?,
                source: (*source).to_owned(),
            },
            ["v1", "admin", "shops", shop, "links"] if post => Self::DeepLink {
                shop: parse_shop(shop)?,
            },
            ["healthz"]
            | ["v1", "shops", _, "lookup" | "order"]
            | ["v1", "shops", _, "orders", _]
            | ["v1", "shops", _, "orders", _, "returns"]
            | ["v1", "webhooks", _, _]
            | ["v1", "admin", "shops", _, "links"] => return Err(ApiError::MethodNotAllowed),
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
        Route::Lookup { shop } => shopper::lookup(req, env, shop).await,
        Route::Order { shop, order } => shopper::order(&req, env, shop, Some(order)).await,
        Route::GrantedOrder { shop } => shopper::order(&req, env, shop, None).await,
        Route::ReturnOptions { shop, order } => returns::options(&req, env, shop, order).await,
        Route::CreateReturn { shop, order } => returns::create(req, env, shop, order).await,
        Route::Webhook { shop, source } => webhooks::receive(req, env, shop, &source).await,
        Route::DeepLink { shop } => admin::deep_link(req, env, shop).await,
        Route::Asset(asset) => assets::serve(asset, &req, env).await,
    }
}

/// The shell's clock. `shared` never reads one; it is handed `now`.
pub fn now() -> UnixTime {
    let millis = worker::Date::now().as_millis();
    UnixTime::from_secs(i64::try_from(millis / 1000).unwrap_or(i64::MAX))
}
