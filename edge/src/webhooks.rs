//! `POST /v1/webhooks/{shop}/{source}`: order and tracking updates from the
//! shop's systems. Verified before believed, stored before acknowledged,
//! applied once however often it is delivered.

use aftercart_shared::api::{WebhookOutcome, WebhookReceipt};
use aftercart_shared::ingest::plan::{WaitKey, Write, plan};
use aftercart_shared::ingest::{self, IngestError, Ingested, Source};
use aftercart_shared::token::sha256_hex;
use aftercart_shared::{ShopId, UnixTime};
use worker::{D1PreparedStatement, Env, Request, Response};

use crate::referrals::{self, Programs};
use crate::routes::now;
use crate::store::{Delivery, HeldDelivery, Store};
use crate::{ApiError, http};

/// Large Shopify orders run to a few hundred KB; nothing real is bigger.
pub const MAX_WEBHOOK_BODY: usize = 512 * 1024;

/// How many rounds of "this arrival releases held deliveries, which release
/// others" one request follows. Deeper chains finish on later deliveries.
const RELEASE_ROUNDS: usize = 3;

pub async fn receive(
    mut req: Request,
    env: &Env,
    shop: ShopId,
    source: &str,
) -> Result<Response, ApiError> {
    let source =
        Source::parse(source).map_err(|_| ApiError::NotFound("No such webhook source."))?;
    let store = Store::open(env)?;
    // Unknown shops and sources without a secret look the same.
    let secrets = store
        .webhook_secrets(&shop, source)
        .await?
        .ok_or(ApiError::NotFound(
            "No webhook is configured for this shop and source.",
        ))?;
    let body = http::read_body(&mut req, MAX_WEBHOOK_BODY).await?;
    if ingest::is_ping(source, &body) {
        return receipt(WebhookOutcome::Ping, &Counts::default());
    }
    let header = |name: &str| req.headers().get(name).ok().flatten();
    let previous = secrets.previous_secret.unwrap_or_default();
    ingest::verify(
        source,
        header,
        &body,
        &[secrets.secret.as_bytes(), previous.as_bytes()],
    )
    .map_err(|err| ApiError::InvalidSignature(err.to_string()))?;

    // Sources without an id of their own are deduplicated on the body.
    let delivery = ingest::delivery_id(source, header, &body).map_or_else(
        || format!("{source}:sha256:{}", sha256_hex(&body)),
        |id| id.to_string(),
    );
    if store.delivery_seen(&shop, source, &delivery).await? {
        return receipt(WebhookOutcome::Duplicate, &Counts::default());
    }
    let topic = topic(source, header);
    let ingested = ingest::parse(source, topic.as_deref(), &body).map_err(|err| match err {
        IngestError::NotJson { .. } => ApiError::InvalidJson(err.to_string()),
        other => ApiError::UnsupportedPayload(other.to_string()),
    })?;
    let body =
        String::from_utf8(body).map_err(|_| ApiError::InvalidJson("body is not UTF-8".into()))?;

    let now = now();
    let delivery = Delivery {
        source,
        id: &delivery,
        topic: topic.as_deref(),
        body: &body,
    };
    let Some((outcome, counts, releases)) = apply(&store, &shop, &delivery, &ingested, now).await?
    else {
        return receipt(WebhookOutcome::Duplicate, &Counts::default());
    };
    release(&store, &shop, releases, now).await;
    receipt(outcome, &counts)
}

#[derive(Default)]
struct Counts {
    orders: u32,
    shipments: u32,
    checkpoints: u32,
}

/// Stores what can be placed and holds the delivery if anything must wait,
/// in one transaction together with the delivery's record. `None` when a
/// concurrent delivery of the same id won the race.
async fn apply(
    store: &Store,
    shop: &ShopId,
    delivery: &Delivery<'_>,
    ingested: &Ingested,
    now: UnixTime,
) -> Result<Option<(WebhookOutcome, Counts, Vec<WaitKey>)>, ApiError> {
    let known = store.known(shop, &ingested.lookups()).await?;
    let plan = plan(ingested, &known);
    let held = !plan.waits_for.is_empty();
    let programs = programs_for(store, shop, ingested).await?;
    let mut statements = vec![store.record_delivery(shop, delivery, held, now)?];
    let mut counts = Counts::default();
    for write in &plan.writes {
        match write {
            Write::Order(_) => counts.orders += 1,
            Write::Shipment { update, .. } => {
                counts.shipments += 1;
                counts.checkpoints += u32::try_from(update.checkpoints.len()).unwrap_or(u32::MAX);
            }
        }
        statements.extend(store.write(shop, write, now)?);
        statements.extend(effects(store, shop, write, &programs, now).await?);
    }
    for key in &plan.waits_for {
        statements.push(store.hold(shop, key, delivery, now)?);
    }
    match store.commit(statements).await {
        Ok(()) => {}
        Err(err)
            if err
                .to_string()
                .contains("UNIQUE constraint failed: webhook_deliveries") =>
        {
            return Ok(None);
        }
        Err(err) => return Err(err.into()),
    }
    let outcome = if held {
        WebhookOutcome::Held
    } else {
        WebhookOutcome::Applied
    };
    Ok(Some((outcome, counts, plan.releases.into_iter().collect())))
}

/// Replays held deliveries that what just arrived may complete. Failures
/// are logged and left held: the delivery that triggered this is already
/// stored, and a later arrival retries.
async fn release(store: &Store, shop: &ShopId, mut keys: Vec<WaitKey>, now: UnixTime) {
    for _ in 0..RELEASE_ROUNDS {
        if keys.is_empty() {
            return;
        }
        let held = match store.held_for(shop, &keys).await {
            Ok(held) => held,
            Err(err) => {
                worker::console_error!("reading held deliveries failed: {err}");
                return;
            }
        };
        keys.clear();
        for delivery in held {
            match replay(store, shop, &delivery, now).await {
                Ok(released) => keys.extend(released),
                Err(err) => worker::console_error!(
                    "replaying held delivery {} failed: {err}",
                    delivery.delivery_id
                ),
            }
        }
    }
}

async fn replay(
    store: &Store,
    shop: &ShopId,
    held: &HeldDelivery,
    now: UnixTime,
) -> Result<Vec<WaitKey>, ApiError> {
    let source = Source::parse(&held.source).map_err(|e| ApiError::Internal(e.to_string()))?;
    let ingested = ingest::parse(source, held.topic.as_deref(), held.body.as_bytes())
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let known = store.known(shop, &ingested.lookups()).await?;
    let plan = plan(&ingested, &known);
    if !plan.waits_for.is_empty() {
        return Ok(Vec::new());
    }
    let programs = programs_for(store, shop, &ingested).await?;
    let mut statements = Vec::new();
    for write in &plan.writes {
        statements.extend(store.write(shop, write, now)?);
        statements.extend(effects(store, shop, write, &programs, now).await?);
    }
    statements.push(store.release(shop, &held.source, &held.delivery_id)?);
    store.commit(statements).await?;
    Ok(plan.releases.into_iter().collect())
}

/// The shop's referral and loyalty programs, read only when the delivery
/// carries orders.
async fn programs_for(
    store: &Store,
    shop: &ShopId,
    ingested: &Ingested,
) -> Result<Programs, ApiError> {
    if ingested.orders.is_empty() {
        Ok(Programs::default())
    } else {
        Programs::load(store, shop).await
    }
}

/// An order's points and referral, in its own write's transaction.
async fn effects(
    store: &Store,
    shop: &ShopId,
    write: &Write<'_>,
    programs: &Programs,
    now: UnixTime,
) -> Result<Vec<D1PreparedStatement>, ApiError> {
    match write {
        Write::Order(order) => referrals::order_effects(store, shop, order, programs, now).await,
        Write::Shipment { .. } => Ok(Vec::new()),
    }
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
