//! The route table, pinned: every route, its 405s and 404s, and the order
//! in which a path's parts are checked; and the shared list of routes
//! (`aftercart_shared::api::routes`, which the bad-input matrix is
//! generated from) is exactly this table.

use aftercart_shared::api::routes::{self, Caller, ROUTES};

use super::*;

fn parse(method: &Method, path: &str) -> Result<Route, String> {
    Route::parse(method, path).map_err(|err| format!("{err:?}"))
}

fn shop() -> ShopId {
    ShopId::parse("desk").unwrap()
}

fn order() -> OrderId {
    OrderId::parse("o-1").unwrap()
}

fn shopper(order: Option<OrderId>, route: ShopperRoute) -> Route {
    Route::Shopper {
        shop: shop(),
        order,
        route,
    }
}

fn merchant(route: MerchantRoute) -> Route {
    Route::Merchant {
        shop: shop(),
        route,
    }
}

/// Every route: its method, a path, and what it parses to.
fn table() -> Vec<(Method, &'static str, Route)> {
    use Method::{Delete, Get, Post, Put};
    let o = || Some(order());
    vec![
        (Get, "/healthz", Route::Public(Public::Health)),
        (
            Post,
            "/v1/shops/desk/lookup",
            Route::Public(Public::Lookup { shop: shop() }),
        ),
        (
            Get,
            "/v1/shops/desk/order",
            shopper(None, ShopperRoute::Order),
        ),
        (
            Get,
            "/v1/shops/desk/orders/o-1",
            shopper(o(), ShopperRoute::Order),
        ),
        (
            Get,
            "/v1/shops/desk/orders/o-1/returns",
            shopper(o(), ShopperRoute::ReturnOptions),
        ),
        (
            Post,
            "/v1/shops/desk/orders/o-1/returns",
            shopper(o(), ShopperRoute::CreateReturn),
        ),
        (
            Post,
            "/v1/shops/desk/orders/o-1/returns/R-1/cancel",
            shopper(o(), ShopperRoute::CancelReturn { rma: "R-1".into() }),
        ),
        (
            Get,
            "/v1/shops/desk/orders/o-1/engagement",
            shopper(o(), ShopperRoute::Engagement),
        ),
        (
            Post,
            "/v1/shops/desk/orders/o-1/engagement/events",
            shopper(o(), ShopperRoute::PromptEvent),
        ),
        (
            Post,
            "/v1/shops/desk/orders/o-1/reviews",
            shopper(o(), ShopperRoute::SubmitReview),
        ),
        (
            Post,
            "/v1/shops/desk/orders/o-1/nps",
            shopper(o(), ShopperRoute::Nps),
        ),
        (
            Get,
            "/v1/shops/desk/orders/o-1/rewards",
            shopper(o(), ShopperRoute::Rewards),
        ),
        (
            Get,
            "/v1/shops/desk/products/p-1/reviews",
            Route::Public(Public::ProductReviews {
                shop: shop(),
                product: ProductId::parse("p-1").unwrap(),
            }),
        ),
        (
            Get,
            "/r/ABC",
            Route::Public(Public::ReferralLink { code: "ABC".into() }),
        ),
        (
            Post,
            "/v1/webhooks/desk/shopify",
            Route::Public(Public::Webhook {
                shop: shop(),
                source: Source::Shopify,
            }),
        ),
        (
            Post,
            "/v1/admin/shops/desk/links",
            merchant(MerchantRoute::DeepLink),
        ),
        (
            Post,
            "/v1/admin/shops/desk/revoke-tokens",
            merchant(MerchantRoute::RevokeTokens),
        ),
        (
            Get,
            "/v1/admin/shops/desk/returns",
            merchant(MerchantRoute::Returns),
        ),
        (
            Get,
            "/v1/admin/shops/desk/returns/R-1",
            merchant(MerchantRoute::Return { rma: "R-1".into() }),
        ),
        (
            Post,
            "/v1/admin/shops/desk/returns/R-1/approve",
            merchant(MerchantRoute::Transition {
                rma: "R-1".into(),
                event: ReturnEvent::Approve,
            }),
        ),
        (
            Get,
            "/v1/admin/shops/desk/settings/returns_policy",
            merchant(MerchantRoute::GetSetting {
                key: SettingKey::ReturnsPolicy,
            }),
        ),
        (
            Put,
            "/v1/admin/shops/desk/settings/returns_policy",
            merchant(MerchantRoute::PutSetting {
                key: SettingKey::ReturnsPolicy,
            }),
        ),
        (
            Get,
            "/v1/admin/shops/desk/settings/return_webhook",
            merchant(MerchantRoute::GetSetting {
                key: SettingKey::ReturnWebhook,
            }),
        ),
        (
            Put,
            "/v1/admin/shops/desk/settings/return_webhook",
            merchant(MerchantRoute::PutSetting {
                key: SettingKey::ReturnWebhook,
            }),
        ),
        // Only a key whose absence means "off" is removable: DELETE of
        // `returns_policy` is a 405 (the loop below checks it).
        (
            Delete,
            "/v1/admin/shops/desk/settings/return_webhook",
            merchant(MerchantRoute::DeleteSetting {
                key: SettingKey::ReturnWebhook,
            }),
        ),
        (
            Get,
            "/v1/admin/shops/desk/webhook-deliveries",
            merchant(MerchantRoute::Deliveries),
        ),
        (
            Post,
            "/v1/admin/shops/desk/webhook-deliveries/7/retry",
            merchant(MerchantRoute::RetryDelivery { id: "7".into() }),
        ),
        (
            Get,
            "/v1/admin/shops/desk/reviews",
            merchant(MerchantRoute::ReviewQueue),
        ),
        (
            Post,
            "/v1/admin/shops/desk/reviews/rv_1",
            merchant(MerchantRoute::ModerateReview {
                review: "rv_1".into(),
            }),
        ),
        (
            Get,
            "/v1/admin/shops/desk/referral-flags",
            merchant(MerchantRoute::ReferralFlags),
        ),
        (
            Get,
            "/v1/admin/shops/desk/analytics",
            merchant(MerchantRoute::Analytics),
        ),
        (
            Get,
            "/widget.js",
            Route::Public(Public::Asset(Asset::Loader)),
        ),
        (Get, "/", Route::Public(Public::Asset(Asset::DemoStore))),
        (
            Get,
            "/openapi.json",
            Route::Public(Public::Asset(Asset::OpenApi)),
        ),
        (
            Get,
            "/index.html",
            Route::Public(Public::Asset(Asset::DemoStore)),
        ),
        (
            Get,
            "/w/app-1.js",
            Route::Public(Public::Asset(Asset::Bundle("app-1.js".into()))),
        ),
    ]
}

/// The value `table()` uses for each parameter of a shared path template.
fn sample(name: &str) -> String {
    match name {
        "shop" => "desk",
        "order" => "o-1",
        "rma" => "R-1",
        "event" => "approve",
        "key" => "returns_policy",
        "id" => "7",
        "review" => "rv_1",
        "product" => "p-1",
        "code" => "ABC",
        "source" => "shopify",
        "file" => "app-1.js",
        other => panic!("no sample for {{{other}}}: add one here"),
    }
    .to_owned()
}

fn method(method: routes::Method) -> Method {
    match method {
        routes::Method::Get => Method::Get,
        routes::Method::Post => Method::Post,
        routes::Method::Put => Method::Put,
        routes::Method::Delete => Method::Delete,
    }
}

fn caller(route: &Route) -> Caller {
    match route {
        Route::Public(Public::Webhook { .. }) => Caller::Webhook,
        Route::Public(_) => Caller::Public,
        Route::Shopper { .. } => Caller::Shopper,
        Route::Merchant { .. } => Caller::Merchant,
    }
}

#[test]
fn the_shared_list_of_routes_is_this_table() {
    let listed: Vec<(Method, String)> = ROUTES
        .iter()
        .map(|spec| (method(spec.method), spec.fill(sample)))
        .collect();
    let table = table();
    // A template's `{param}` fits any one segment.
    let fits = |template: &str, path: &str| {
        let (t, p): (Vec<_>, Vec<_>) = (template.split('/').collect(), path.split('/').collect());
        t.len() == p.len()
            && t.iter()
                .zip(&p)
                .all(|(t, p)| t == p || (t.starts_with('{') && t.ends_with('}')))
    };
    for (method, path, _) in &table {
        assert!(
            ROUTES
                .iter()
                .any(|spec| method == &self::method(spec.method) && fits(spec.path, path)),
            "{method:?} {path} is routed but not in shared/src/api/routes.rs \
             (so the bad-input matrix has no cases for it)"
        );
    }
    for (method, path) in &listed {
        assert!(
            table.iter().any(|(m, p, _)| m == method && p == path),
            "{method:?} {path} is in shared/src/api/routes.rs but not in this table"
        );
    }
}

#[test]
fn each_shared_route_parses_with_its_caller() {
    for spec in ROUTES {
        let path = spec.fill(sample);
        let route = parse(&method(spec.method), &path)
            .unwrap_or_else(|err| panic!("{:?} {path}: {err}", spec.method));
        assert_eq!(caller(&route), spec.caller, "{:?} {path}", spec.method);
    }
}

#[test]
fn every_route_parses_and_head_reads_like_get() {
    for (method, path, route) in table() {
        assert_eq!(parse(&method, path), Ok(route.clone()), "{method:?} {path}");
        if method == Method::Get {
            assert_eq!(parse(&Method::Head, path), Ok(route), "HEAD {path}");
        }
    }
}

#[test]
fn a_known_path_with_another_method_is_405() {
    let table = table();
    for (_, path, _) in &table {
        for method in [Method::Get, Method::Post, Method::Put, Method::Delete] {
            if table.iter().any(|(m, p, _)| p == path && *m == method) {
                continue;
            }
            // `/v1/...` answers OPTIONS itself.
            assert_eq!(
                parse(&method, path),
                Err("MethodNotAllowed".to_owned()),
                "{method:?} {path}"
            );
        }
    }
}

#[test]
fn unknown_paths_are_404_and_v1_answers_preflight() {
    for path in [
        "/v1/shops/desk",
        "/v1/admin/shops/desk/settings",
        "/nope",
        "/w/x.exe",
    ] {
        assert_eq!(
            parse(&Method::Get, path),
            Err("NotFound(\"No such resource.\")".to_owned()),
            "{path}"
        );
    }
    for path in ["/v1/shops/desk/lookup", "/v1/anything"] {
        assert_eq!(
            parse(&Method::Options, path),
            Ok(Route::Public(Public::Preflight))
        );
    }
    assert_eq!(
        parse(&Method::Options, "/healthz"),
        Err("MethodNotAllowed".to_owned())
    );
}

#[test]
fn the_method_is_checked_before_the_ids_and_the_shop_before_the_rest() {
    let not_found = |what: &str| Err(format!("NotFound(\"No such {what}.\")"));
    assert_eq!(
        parse(&Method::Put, "/v1/shops/BAD SHOP/orders/o-1"),
        Err("MethodNotAllowed".to_owned())
    );
    assert_eq!(
        parse(&Method::Get, "/v1/shops/BAD SHOP/orders/o-1"),
        not_found("shop")
    );
    assert_eq!(
        parse(&Method::Get, "/v1/shops/desk/orders/BAD ORDER"),
        not_found("order")
    );
    assert_eq!(
        parse(&Method::Get, "/v1/admin/shops/BAD SHOP/settings/nope"),
        not_found("shop")
    );
    assert_eq!(
        parse(&Method::Get, "/v1/admin/shops/desk/settings/nope"),
        not_found("setting")
    );
    assert_eq!(
        parse(&Method::Delete, "/v1/admin/shops/desk/settings/nope"),
        not_found("setting")
    );
    assert_eq!(
        parse(&Method::Delete, "/v1/admin/shops/desk/settings/loyalty"),
        Err("MethodNotAllowed".to_owned())
    );
    assert_eq!(
        parse(&Method::Post, "/v1/admin/shops/desk/returns/R-1/explode"),
        not_found("return action")
    );
    assert_eq!(
        parse(&Method::Post, "/v1/webhooks/desk/fax"),
        not_found("webhook source")
    );
}
