//! The shopper's API: looking an order up, then that order's routes with
//! its token (`/v1/shops/{shop}/orders/{order}/…`), and the public routes.

use aftercart_shared::token::{OrderGrant, Scope};
use aftercart_shared::{OrderId, ShopId, UnixTime};

use crate::http::{Auth, Client, Edge, Reply};
use crate::{Value, json};

/// A successful lookup: the order's token, its view, and its routes.
#[derive(Debug, Clone)]
pub struct Session<'e> {
    pub token: String,
    /// The order view the lookup answered with.
    pub order: Value,
    pub api: OrderApi<'e>,
}

impl Session<'_> {
    /// The order's id, as the API names it.
    pub fn order_id(&self) -> &str {
        self.order["id"].as_str().expect("order id")
    }

    /// The ids of the order's line items, in order.
    pub fn line_items(&self) -> Vec<String> {
        self.order["lineItems"]
            .as_array()
            .expect("lineItems")
            .iter()
            .map(|li| li["id"].as_str().expect("line item id").to_owned())
            .collect()
    }
}

/// One order's routes, with the credential they carry.
#[derive(Debug, Clone)]
pub struct OrderApi<'e> {
    client: Client<'e>,
    shop: String,
    order: String,
}

impl Edge {
    /// `POST /v1/shops/{shop}/lookup`.
    pub fn lookup_reply(&self, shop: &str, number: &str, email: &str) -> Reply {
        self.post_json(
            &format!("/v1/shops/{shop}/lookup"),
            &json!({ "orderNumber": number, "email": email }),
        )
    }

    /// Looks an order up, asserting success.
    #[track_caller]
    pub fn lookup(&self, shop: &str, number: &str, email: &str) -> Session<'_> {
        let reply = self.lookup_reply(shop, number, email);
        assert_eq!(reply.status, 200, "lookup {number}: {}", reply.text());
        let body = reply.json();
        let token = body["token"].as_str().expect("token").to_owned();
        let order = body["order"].clone();
        let id = order["id"].as_str().expect("order id");
        let api = self.order(shop, id, &token);
        Session { token, order, api }
    }

    /// The routes of order `order` of `shop`, carrying `token`.
    pub fn order(&self, shop: &str, order: &str, token: &str) -> OrderApi<'_> {
        OrderApi {
            client: self.client(Auth::bearer(token)),
            shop: shop.to_owned(),
            order: order.to_owned(),
        }
    }

    /// `GET /v1/shops/{shop}/order`: the order a deep link's token names.
    pub fn linked_order(&self, shop: &str, token: &str) -> Reply {
        self.client(Auth::bearer(token))
            .get(&format!("/v1/shops/{shop}/order"))
    }

    /// `GET /v1/shops/{shop}/products/{product}/reviews{query}`: the
    /// public listing.
    pub fn product_reviews(&self, shop: &str, product: &str, query: &str) -> Reply {
        self.get(
            &format!("/v1/shops/{shop}/products/{product}/reviews{query}"),
            &[],
        )
    }

    /// `GET /r/{code}`: a share link, from a browser sending `headers`.
    pub fn share_link(&self, code: &str, headers: &[(&str, &str)]) -> Reply {
        self.get(&format!("/r/{code}"), headers)
    }
}

impl OrderApi<'_> {
    /// The same order with another `authorization` (none, another
    /// order's token, a forged one).
    #[must_use]
    pub fn with_auth(&self, auth: Auth) -> Self {
        Self {
            client: self.client.with_auth(auth),
            ..self.clone()
        }
    }

    /// The same order, from a browser that sends this header too.
    #[must_use]
    pub fn with_header(&self, name: &str, value: &str) -> Self {
        Self {
            client: self.client.with_header(name, value),
            ..self.clone()
        }
    }

    /// The path of this order's route `rest` (`""` for the order itself).
    pub fn path(&self, rest: &str) -> String {
        format!("/v1/shops/{}/orders/{}{rest}", self.shop, self.order)
    }

    /// `method` on this order's route `rest`, with `body` as it is.
    pub fn send_bytes(&self, method: &str, rest: &str, body: Option<&[u8]>) -> Reply {
        self.client.send_bytes(method, &self.path(rest), body)
    }

    /// `GET …/orders/{order}`.
    pub fn view(&self) -> Reply {
        self.client.get(&self.path(""))
    }

    /// `GET …/returns{query}`: the policy, each item's eligibility and
    /// the returns on file.
    pub fn return_options(&self, query: &str) -> Reply {
        self.client.get(&self.path(&format!("/returns{query}")))
    }

    /// `POST …/returns`, under `idempotency_key` when there is one.
    pub fn create_return(&self, idempotency_key: Option<&str>, body: &Value) -> Reply {
        let client = match idempotency_key {
            Some(key) => self.client.with_header("idempotency-key", key),
            None => self.client.clone(),
        };
        client.post(&self.path("/returns"), Some(body))
    }

    /// `POST …/returns/{rma}/cancel`.
    pub fn cancel_return(&self, rma: &str) -> Reply {
        self.client
            .post(&self.path(&format!("/returns/{rma}/cancel")), None)
    }

    /// `GET …/engagement{query}`: the one prompt for this view.
    pub fn engagement(&self, query: &str) -> Reply {
        self.client.get(&self.path(&format!("/engagement{query}")))
    }

    /// `POST …/engagement/events`.
    pub fn event(&self, prompt: &Value, action: &str) -> Reply {
        self.client.post(
            &self.path("/engagement/events"),
            Some(&json!({ "prompt": prompt, "action": action })),
        )
    }

    /// `POST …/engagement/events` with any body.
    pub fn event_body(&self, body: &Value) -> Reply {
        self.client
            .post(&self.path("/engagement/events"), Some(body))
    }

    /// `POST …/reviews`.
    pub fn review(&self, body: &Value) -> Reply {
        self.client.post(&self.path("/reviews"), Some(body))
    }

    /// `POST …/nps`.
    pub fn nps(&self, body: &Value) -> Reply {
        self.client.post(&self.path("/nps"), Some(body))
    }

    /// `GET …/rewards`: the referral card and the loyalty standing.
    pub fn rewards(&self) -> Reply {
        self.client.get(&self.path("/rewards"))
    }
}

/// A token for `order` of `shop` until `expires_at`, signed with `secret`,
/// as a lookup mints one (write scope) at the shops' first epoch.
pub fn mint_with(shop: &str, order: &str, expires_at: i64, secret: &[u8]) -> String {
    grant(shop, order, expires_at, Scope::Write, 0)
        .mint(secret)
        .expect("a token")
}

/// A grant to mint with any scope and epoch.
pub fn grant(shop: &str, order: &str, expires_at: i64, scope: Scope, epoch: u32) -> OrderGrant {
    OrderGrant {
        shop: ShopId::parse(shop).expect("shop id"),
        order: OrderId::parse(order).expect("order id"),
        expires_at: UnixTime::from_secs(expires_at),
        scope,
        epoch,
    }
}

/// A token for `order` of `shop` until `expires_at`, as the edge mints one.
pub fn mint(shop: &str, order: &str, expires_at: i64) -> String {
    mint_with(shop, order, expires_at, Edge::token_secret().as_bytes())
}

/// A token for `order` of `shop`, valid for the next hour.
pub fn token(shop: &str, order: &str) -> String {
    mint(shop, order, crate::now_secs() + 3600)
}
