//! Every route of the API as data: its method, its path template, who may
//! call it and what it reads. One list, read by the edge's router tests
//! (`edge/src/routes/tests.rs` checks it against `Route::parse`, both
//! ways) and by the bad-input matrix (`tests/tests/api/bad_input.rs`
//! generates its cases from it), so a route added without matrix cases
//! fails a test.

use Body::{Json, None as NoBody, Webhook as Signed};
use Caller::{Merchant, Public, Shopper, Webhook};
use Method::{Delete, Get, Post, Put};

/// The methods the API routes (HEAD reads like GET; OPTIONS is preflight).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Delete => "DELETE",
        }
    }
}

/// Whose proof a route checks before its handler runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caller {
    /// Anyone.
    Public,
    /// A shopper's bearer order token for the shop (and the order in the
    /// path, when there is one).
    Shopper,
    /// The shop's admin key as the bearer.
    Merchant,
    /// Anyone may send; the body is believed only when signed with the
    /// shop's secret for the source.
    Webhook,
}

/// What a route reads from the request body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body {
    /// Nothing.
    None,
    /// A JSON document (`application/json`, at most 16 KiB).
    Json,
    /// A source's signed payload, as it sends it.
    Webhook,
}

/// One route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteSpec {
    pub method: Method,
    /// Segments in braces are parameters: `{shop}`, `{order}`, `{rma}`,
    /// `{event}`, `{key}`, `{id}`, `{review}`, `{product}`, `{code}`,
    /// `{source}`, `{file}`.
    pub path: &'static str,
    pub caller: Caller,
    pub body: Body,
    /// Query parameters the route parses and refuses when malformed
    /// (400); others, such as `?lang=`, fall back to a default.
    pub strict_query: &'static [&'static str],
}

impl RouteSpec {
    /// The path with each `{name}` replaced by `value(name)`.
    pub fn fill(&self, value: impl Fn(&str) -> String) -> String {
        self.path
            .split('/')
            .map(|segment| match segment.strip_prefix('{') {
                Some(name) => value(name.trim_end_matches('}')),
                None => segment.to_owned(),
            })
            .collect::<Vec<_>>()
            .join("/")
    }

    /// The names of the path's parameters, in order.
    pub fn params(&self) -> impl Iterator<Item = &'static str> {
        self.path
            .split('/')
            .filter_map(|segment| segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
    }
}

const fn route(method: Method, path: &'static str, caller: Caller, body: Body) -> RouteSpec {
    RouteSpec {
        method,
        path,
        caller,
        body,
        strict_query: &[],
    }
}

const fn with_query(spec: RouteSpec, strict_query: &'static [&'static str]) -> RouteSpec {
    RouteSpec {
        strict_query,
        ..spec
    }
}

/// Every route, in the order of `edge/src/routes.rs`.
pub const ROUTES: &[RouteSpec] = &[
    route(Get, "/healthz", Public, NoBody),
    route(Get, "/r/{code}", Public, NoBody),
    route(Post, "/v1/webhooks/{shop}/{source}", Webhook, Signed),
    route(Post, "/v1/shops/{shop}/lookup", Public, Json),
    with_query(
        route(
            Get,
            "/v1/shops/{shop}/products/{product}/reviews",
            Public,
            NoBody,
        ),
        &["page"],
    ),
    route(Get, "/v1/shops/{shop}/order", Shopper, NoBody),
    route(Get, "/v1/shops/{shop}/orders/{order}", Shopper, NoBody),
    route(
        Get,
        "/v1/shops/{shop}/orders/{order}/returns",
        Shopper,
        NoBody,
    ),
    route(
        Post,
        "/v1/shops/{shop}/orders/{order}/returns",
        Shopper,
        Json,
    ),
    route(
        Post,
        "/v1/shops/{shop}/orders/{order}/returns/{rma}/cancel",
        Shopper,
        NoBody,
    ),
    route(
        Get,
        "/v1/shops/{shop}/orders/{order}/engagement",
        Shopper,
        NoBody,
    ),
    route(
        Post,
        "/v1/shops/{shop}/orders/{order}/engagement/events",
        Shopper,
        Json,
    ),
    route(
        Post,
        "/v1/shops/{shop}/orders/{order}/reviews",
        Shopper,
        Json,
    ),
    route(Post, "/v1/shops/{shop}/orders/{order}/nps", Shopper, Json),
    route(
        Get,
        "/v1/shops/{shop}/orders/{order}/rewards",
        Shopper,
        NoBody,
    ),
    route(Post, "/v1/admin/shops/{shop}/links", Merchant, Json),
    route(
        Post,
        "/v1/admin/shops/{shop}/revoke-tokens",
        Merchant,
        NoBody,
    ),
    with_query(
        route(Get, "/v1/admin/shops/{shop}/returns", Merchant, NoBody),
        &["status", "cursor", "limit"],
    ),
    route(
        Get,
        "/v1/admin/shops/{shop}/returns/{rma}",
        Merchant,
        NoBody,
    ),
    route(
        Post,
        "/v1/admin/shops/{shop}/returns/{rma}/{event}",
        Merchant,
        Json,
    ),
    route(
        Get,
        "/v1/admin/shops/{shop}/settings/{key}",
        Merchant,
        NoBody,
    ),
    route(Put, "/v1/admin/shops/{shop}/settings/{key}", Merchant, Json),
    // Only the return webhook is removable (its absence means "off").
    route(
        Delete,
        "/v1/admin/shops/{shop}/settings/return_webhook",
        Merchant,
        NoBody,
    ),
    with_query(
        route(
            Get,
            "/v1/admin/shops/{shop}/webhook-deliveries",
            Merchant,
            NoBody,
        ),
        &["cursor"],
    ),
    route(
        Post,
        "/v1/admin/shops/{shop}/webhook-deliveries/{id}/retry",
        Merchant,
        NoBody,
    ),
    with_query(
        route(Get, "/v1/admin/shops/{shop}/reviews", Merchant, NoBody),
        &["status", "cursor"],
    ),
    route(
        Post,
        "/v1/admin/shops/{shop}/reviews/{review}",
        Merchant,
        Json,
    ),
    with_query(
        route(
            Get,
            "/v1/admin/shops/{shop}/referral-flags",
            Merchant,
            NoBody,
        ),
        &["cursor"],
    ),
    with_query(
        route(Get, "/v1/admin/shops/{shop}/analytics", Merchant, NoBody),
        &["from", "to"],
    ),
    route(Get, "/", Public, NoBody),
    route(Get, "/index.html", Public, NoBody),
    route(Get, "/widget.js", Public, NoBody),
    route(Get, "/openapi.json", Public, NoBody),
    route(Get, "/w/{file}", Public, NoBody),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_each_parameter_and_params_names_them() {
        let spec = ROUTES
            .iter()
            .find(|r| r.path == "/v1/admin/shops/{shop}/returns/{rma}/{event}")
            .expect("listed");
        assert_eq!(
            spec.fill(|name| name.to_uppercase()),
            "/v1/admin/shops/SHOP/returns/RMA/EVENT"
        );
        assert_eq!(spec.params().collect::<Vec<_>>(), ["shop", "rma", "event"]);
    }

    #[test]
    fn each_method_and_path_is_listed_once() {
        for (i, a) in ROUTES.iter().enumerate() {
            for b in &ROUTES[i + 1..] {
                assert!(
                    (a.method, a.path) != (b.method, b.path),
                    "{} {} twice",
                    a.method.as_str(),
                    a.path
                );
            }
        }
    }
}
