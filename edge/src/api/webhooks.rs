//! `POST /v1/webhooks/{shop}/{source}`: order and tracking updates from the
//! shop's systems. Verified before believed, stored before acknowledged,
//! applied once however often it is delivered.

use aftercart_shared::ShopId;
use aftercart_shared::api::{WebhookOutcome, WebhookReceipt};
use aftercart_shared::ingest::{self, IngestError, Source};
use aftercart_shared::token::sha256_hex;
use worker::{Request, Response};

use crate::ctx::Ctx;
use crate::error::ApiError;
use crate::flows::ingest::{Counts, apply, release};
use crate::http;
use crate::store::Delivery;

/// Large Shopify orders run to a few hundred KB; nothing real is bigger.
pub const MAX_WEBHOOK_BODY: usize = 512 * 1024;

pub async fn receive(
    ctx: &Ctx<'_>,
    req: &mut Request,
    shop: ShopId,
    source: Source,
) -> Result<Response, ApiError> {
    let store = ctx.store()?;
    // Unknown shops and sources without a secret look the same.
    let secrets = store
        .webhook_secrets(&shop, source)
        .await?
        .ok_or(ApiError::NotFound(
            "No webhook is configured for this shop and source.",
        ))?;
    let body = http::read_body(req, MAX_WEBHOOK_BODY).await?;
    if ingest::is_ping(source, &body) {
        return receipt(WebhookOutcome::Ping, &Counts::default());
    }
    let header = |name: &str| req.headers().get(name).ok().flatten();
    let current = hmac_key(source, &secrets.secret);
    let previous = hmac_key(source, &secrets.previous_secret.unwrap_or_default());
    ingest::verify(
        source,
        header,
        &body,
        &[current.as_bytes(), previous.as_bytes()],
    )
    .map_err(|err| ApiError::InvalidSignature(err.to_string()))?;

    // Deduplicated on the id and on the body: an id from a header is not
    // signed, so the same signed bytes under a fresh id are a replay, not
    // news (the facts come from the body alone; the topic only names their
    // kind). Sources without an id of their own use the hash as the id.
    let body_sha256 = sha256_hex(&body);
    let delivery = ingest::delivery_id(source, header, &body).map_or_else(
        || format!("{source}:sha256:{body_sha256}"),
        |id| id.to_string(),
    );
    if store
        .delivery_seen(&shop, source, &delivery, &body_sha256)
        .await?
    {
        return receipt(WebhookOutcome::Duplicate, &Counts::default());
    }
    let topic = topic(source, header);
    let ingested = ingest::parse(source, topic.as_deref(), &body).map_err(|err| match err {
        IngestError::NotJson { .. } => ApiError::InvalidJson(err.to_string()),
        other => ApiError::UnsupportedPayload(other.to_string()),
    })?;
    let body =
        String::from_utf8(body).map_err(|_| ApiError::InvalidJson("body is not UTF-8".into()))?;

    let delivery = Delivery {
        source,
        id: &delivery,
        topic: topic.as_deref(),
        body: &body,
        body_sha256: &body_sha256,
    };
    // A friend's browser is compared by its hash, as the referrer's
    // sightings are stored.
    let keys = ctx.secrets()?.visitor_keys();
    let Some((outcome, counts, releases)) =
        apply(store, &shop, &delivery, &ingested, &keys, ctx.now()).await?
    else {
        return receipt(WebhookOutcome::Duplicate, &Counts::default());
    };
    release(store, &shop, releases, &keys, ctx.now()).await;
    receipt(outcome, &counts)
}

fn topic(source: Source, header: impl Fn(&str) -> Option<String>) -> Option<String> {
    match source {
        Source::Shopify => header("x-shopify-topic"),
        Source::WooCommerce => header("x-wc-webhook-topic"),
        Source::AfterShip | Source::EasyPost => None,
    }
}

fn receipt(outcome: WebhookOutcome, counts: &Counts) -> Result<Response, ApiError> {
    let status = if outcome == WebhookOutcome::Held {
        202
    } else {
        200
    };
    http::json(
        &WebhookReceipt {
            outcome,
            orders: counts.orders,
            shipments: counts.shipments,
            checkpoints: counts.checkpoints,
        },
        status,
    )
}

/// The key a source signs with: EasyPost keys its HMAC with the NFKD form
/// of the secret (its client libraries do the same), and the runtime's
/// `String.prototype.normalize` spares the worker Unicode tables of its own.
/// ASCII, what dashboards generate, is its own NFKD form.
fn hmac_key(source: Source, secret: &str) -> String {
    if source == Source::EasyPost && !secret.is_ascii() {
        String::from(js_sys::JsString::from(secret).normalize("NFKD"))
    } else {
        secret.to_owned()
    }
}
