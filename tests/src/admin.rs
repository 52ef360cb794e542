//! The merchant's API, `/v1/admin/shops/{shop}/…`, with the shop's key.

use std::fmt::Display;

use crate::Value;
use crate::http::{Auth, Client, Edge, Reply};

/// One shop's admin routes, with the credential they carry.
#[derive(Debug, Clone)]
pub struct Admin<'e> {
    client: Client<'e>,
    shop: String,
}

impl Edge {
    /// The admin routes of `shop`, carrying `key` as the bearer.
    pub fn admin(&self, shop: &str, key: &str) -> Admin<'_> {
        self.admin_as(shop, Auth::bearer(key))
    }

    /// The admin routes of `shop`, carrying `auth`.
    pub fn admin_as(&self, shop: &str, auth: Auth) -> Admin<'_> {
        Admin {
            client: self.client(auth),
            shop: shop.to_owned(),
        }
    }
}

impl Admin<'_> {
    /// The same shop with another `authorization`.
    #[must_use]
    pub fn with_auth(&self, auth: Auth) -> Self {
        Self {
            client: self.client.with_auth(auth),
            ..self.clone()
        }
    }

    fn path(&self, rest: &str) -> String {
        format!("/v1/admin/shops/{}{rest}", self.shop)
    }

    /// `POST …/links`: a deep link to one order.
    pub fn mint_link(&self, body: &Value) -> Reply {
        self.client.post(&self.path("/links"), Some(body))
    }

    /// `POST …/revoke-tokens`: ends every shopper token minted so far.
    pub fn revoke_tokens(&self) -> Reply {
        self.client.post(&self.path("/revoke-tokens"), None)
    }

    /// `GET …/returns{query}`.
    pub fn returns(&self, query: &str) -> Reply {
        self.client.get(&self.path(&format!("/returns{query}")))
    }

    /// `GET …/returns/{rma}`.
    pub fn get_return(&self, rma: &str) -> Reply {
        self.client.get(&self.path(&format!("/returns/{rma}")))
    }

    /// `POST …/returns/{rma}/{event}`: one lifecycle step.
    pub fn step(&self, rma: &str, event: &str, body: Option<&Value>) -> Reply {
        self.client
            .post(&self.path(&format!("/returns/{rma}/{event}")), body)
    }

    /// `GET …/settings/{key}`.
    pub fn setting(&self, key: &str) -> Reply {
        self.client.get(&self.path(&format!("/settings/{key}")))
    }

    /// `PUT …/settings/{key}`.
    pub fn put_setting(&self, key: &str, document: &Value) -> Reply {
        self.client.send(
            "PUT",
            &self.path(&format!("/settings/{key}")),
            Some(document),
        )
    }

    /// `PUT …/settings/{key}` with the document as it is written.
    pub fn put_setting_text(&self, key: &str, document: &str) -> Reply {
        self.client.send_bytes(
            "PUT",
            &self.path(&format!("/settings/{key}")),
            Some(document.as_bytes()),
        )
    }

    /// `DELETE …/settings/{key}`: removes a document whose absence means "off".
    pub fn delete_setting(&self, key: &str) -> Reply {
        self.client
            .send("DELETE", &self.path(&format!("/settings/{key}")), None)
    }

    /// `GET …/webhook-deliveries`.
    pub fn deliveries(&self) -> Reply {
        self.client.get(&self.path("/webhook-deliveries"))
    }

    /// `POST …/webhook-deliveries/{id}/retry`: "send again".
    pub fn retry_delivery(&self, id: impl Display) -> Reply {
        self.client
            .post(&self.path(&format!("/webhook-deliveries/{id}/retry")), None)
    }

    /// `GET …/reviews{query}`: the moderation queue.
    pub fn reviews(&self, query: &str) -> Reply {
        self.client.get(&self.path(&format!("/reviews{query}")))
    }

    /// `POST …/reviews/{id}`: publish or reject.
    pub fn moderate(&self, id: &str, status: &str) -> Reply {
        self.client.post(
            &self.path(&format!("/reviews/{id}")),
            Some(&crate::json!({ "status": status })),
        )
    }

    /// `GET …/referral-flags{query}`.
    pub fn referral_flags(&self, query: &str) -> Reply {
        self.client
            .get(&self.path(&format!("/referral-flags{query}")))
    }

    /// `GET …/analytics{query}`.
    pub fn analytics(&self, query: &str) -> Reply {
        self.client.get(&self.path(&format!("/analytics{query}")))
    }
}
