//! Webhook deliveries to `/v1/webhooks/{shop}/{source}`, signed as each
//! source signs them.

use aftercart_shared::ingest::Source;
use aftercart_shared::token::hmac_sha256;
use aftercart_shared::wire::WireName;
use base64::Engine as _;

use crate::Value;
use crate::http::{Auth, Edge, Reply};
use crate::shopify::ShopifyOrder;

/// One shop's webhook endpoints, signing with the shop's secret for each
/// source (`{shop}-{source}-secret`, as tests/e2e-seed.sql stores them)
/// unless told another.
#[derive(Debug, Clone)]
pub struct Webhooks<'e> {
    edge: &'e Edge,
    shop: String,
    secret: Option<String>,
}

impl Edge {
    pub fn webhooks(&self, shop: &str) -> Webhooks<'_> {
        Webhooks {
            edge: self,
            shop: shop.to_owned(),
            secret: None,
        }
    }
}

impl Webhooks<'_> {
    /// The same endpoints, signing with `secret` (a previous, a wrong one).
    #[must_use]
    pub fn signed_with(&self, secret: &str) -> Self {
        Self {
            secret: Some(secret.to_owned()),
            ..self.clone()
        }
    }

    pub fn path(&self, source: Source) -> String {
        format!("/v1/webhooks/{}/{}", self.shop, source.wire_name())
    }

    fn secret(&self, source: Source) -> String {
        self.secret
            .clone()
            .unwrap_or_else(|| format!("{}-{}-secret", self.shop, source.wire_name()))
    }

    /// A signed delivery; `headers` are the source's own (topic, delivery id).
    pub fn send(&self, source: Source, headers: &[(&str, &str)], body: &[u8]) -> Reply {
        self.try_send(source, headers, body).unwrap_or_else(|e| {
            panic!(
                "webhook to {}/{} failed: {e}",
                self.shop,
                source.wire_name()
            )
        })
    }

    /// [`Webhooks::send`], or why no whole answer arrived.
    pub fn try_send(
        &self,
        source: Source,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Result<Reply, String> {
        let (name, value) = signature(source, &self.secret(source), body);
        let mut all = vec![(name, value.as_str())];
        all.extend_from_slice(headers);
        self.edge
            .client(Auth::None)
            .try_send_bytes("POST", &self.path(source), &all, Some(body))
    }

    /// A delivery with no signature at all.
    pub fn unsigned(&self, source: Source, headers: &[(&str, &str)], body: &[u8]) -> Reply {
        let mut all = vec![("content-type", "application/json")];
        all.extend_from_slice(headers);
        self.edge
            .request("POST", &self.path(source), &all, Some(body))
    }

    /// A Shopify delivery of `topic` under `event_id`.
    pub fn shopify(&self, topic: &str, event_id: &str, body: &Value) -> Reply {
        self.send(
            Source::Shopify,
            &[("x-shopify-topic", topic), ("x-shopify-event-id", event_id)],
            &to_vec(body),
        )
    }

    /// `order` as a Shopify delivery of `topic` under a fresh event id.
    pub fn shopify_order(&self, topic: &str, order: &ShopifyOrder) -> Reply {
        self.shopify(topic, &crate::unique("evt-"), order.json())
    }

    /// An AfterShip delivery (it names no topic; the body says what it is).
    pub fn aftership(&self, body: &Value) -> Reply {
        self.send(Source::AfterShip, &[], &to_vec(body))
    }

    /// An EasyPost delivery (the event id is in the body).
    pub fn easypost(&self, body: &Value) -> Reply {
        self.send(Source::EasyPost, &[], &to_vec(body))
    }

    /// A WooCommerce delivery of `topic` under `delivery_id`.
    pub fn woocommerce(&self, topic: &str, delivery_id: &str, body: &Value) -> Reply {
        self.send(
            Source::WooCommerce,
            &[
                ("x-wc-webhook-topic", topic),
                ("x-wc-webhook-delivery-id", delivery_id),
            ],
            &to_vec(body),
        )
    }
}

fn to_vec(body: &Value) -> Vec<u8> {
    serde_json::to_vec(body).expect("serializable")
}

/// `(header name, value)` that `source` would send for `body`.
pub fn signature(source: Source, secret: &str, body: &[u8]) -> (&'static str, String) {
    let mac = hmac_sha256(secret.as_bytes(), body);
    let value = match source {
        Source::EasyPost => format!(
            "hmac-sha256-hex={}",
            mac.iter().map(|b| format!("{b:02x}")).collect::<String>()
        ),
        _ => base64::engine::general_purpose::STANDARD.encode(mac),
    };
    (signature_header(source), value)
}

/// Each source's signature header, written out as its documentation names
/// it rather than taken from the product's `signature_header()`, so a wrong
/// name there fails the suite.
pub const fn signature_header(source: Source) -> &'static str {
    match source {
        Source::Shopify => "x-shopify-hmac-sha256",
        Source::AfterShip => "aftership-hmac-sha256",
        Source::WooCommerce => "x-wc-webhook-signature",
        Source::EasyPost => "x-hmac-signature",
    }
}
