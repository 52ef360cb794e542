//! Ingest: a verified delivery's facts, placed where they belong (or held
//! until what they wait for arrives) in one transaction with the
//! delivery's record and the orders' referral and loyalty effects.

use aftercart_shared::api::WebhookOutcome;
use aftercart_shared::ingest::plan::{WaitKey, Write, held_retry_at, plan};
use aftercart_shared::ingest::{self, Ingested, Source};
use aftercart_shared::privacy::VisitorKey;
use aftercart_shared::{ShopId, UnixTime};
use worker::{D1PreparedStatement, Env};

use crate::ctx::Secrets;
use crate::error::ApiError;
use crate::flows::referral::{self, Programs};
use crate::store::{Delivery, HeldDelivery, Insert, Store};

/// How many rounds of "this arrival releases held deliveries, which release
/// others" one request follows. Deeper chains finish on later deliveries.
const RELEASE_ROUNDS: usize = 3;
/// Held deliveries the cron replays per run; the rest wait for the next.
const DUE_PER_RUN: u32 = 20;

/// What one delivery stored.
#[derive(Debug, Default)]
pub struct Counts {
    pub orders: u32,
    pub shipments: u32,
    pub checkpoints: u32,
}

/// Stores what can be placed and holds the delivery if anything must wait,
/// in one transaction together with the delivery's record. `None` when a
/// concurrent delivery of the same id won the race. `keys` hash a
/// friend's browser for the same-device check (the current key first).
pub async fn apply(
    store: &Store,
    shop: &ShopId,
    delivery: &Delivery<'_>,
    ingested: &Ingested,
    keys: &[VisitorKey],
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
        statements.extend(effects(store, shop, write, &programs, keys, now).await?);
    }
    for key in &plan.waits_for {
        statements.push(store.hold(shop, key, delivery, now)?);
    }
    if store.commit_delivery(statements).await? == Insert::AlreadyExists {
        return Ok(None);
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
pub async fn release(
    store: &Store,
    shop: &ShopId,
    mut keys: Vec<WaitKey>,
    visitor_keys: &[VisitorKey],
    now: UnixTime,
) {
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
            match replay(store, shop, &delivery, visitor_keys, now).await {
                Ok(Replay::Applied(released)) => keys.extend(released),
                Ok(Replay::StillWaiting) => {}
                Err(err) => worker::console_error!(
                    "replaying held delivery {} failed: {err}",
                    delivery.delivery_id
                ),
            }
        }
    }
}

/// What the cron's pass over held deliveries did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct HeldRetries {
    /// Applied and no longer held.
    pub released: u32,
    /// Still waiting (or failed to replay): tried again later.
    pub waiting: u32,
}

/// The cron's net under [`release`]: replays held deliveries whose retry
/// time has passed at `now`. One that applies is released (and releases
/// what it completes); one that still waits, or fails, gets its next retry
/// time from [`held_retry_at`].
pub async fn release_due(env: &Env, now: UnixTime) -> Result<HeldRetries, ApiError> {
    let store = Store::open(env)?;
    let keys = Secrets::read(env)?.visitor_keys();
    let mut retries = HeldRetries::default();
    for due in store.held_due(now, DUE_PER_RUN).await? {
        let (shop, received_at, held) = due.into_parts();
        let Ok(shop) = ShopId::parse(&shop) else {
            worker::console_error!("held delivery {} has a bad shop id", held.delivery_id);
            continue;
        };
        match replay(&store, &shop, &held, &keys, now).await {
            Ok(Replay::Applied(released)) => {
                retries.released += 1;
                release(&store, &shop, released, &keys, now).await;
                continue;
            }
            Ok(Replay::StillWaiting) => {}
            Err(err) => {
                worker::console_error!("replaying held delivery {} failed: {err}", held.delivery_id)
            }
        }
        retries.waiting += 1;
        store
            .retry_held_at(&shop, &held, held_retry_at(received_at, now))
            .await?;
    }
    Ok(retries)
}

/// What replaying a held delivery came to.
enum Replay {
    /// Applied and released; these wait keys may release others.
    Applied(Vec<WaitKey>),
    /// What it waits for is still missing: nothing written.
    StillWaiting,
}

async fn replay(
    store: &Store,
    shop: &ShopId,
    held: &HeldDelivery,
    keys: &[VisitorKey],
    now: UnixTime,
) -> Result<Replay, ApiError> {
    let source = Source::parse(&held.source).map_err(ApiError::internal)?;
    let ingested = ingest::parse(source, held.topic.as_deref(), held.body.as_bytes())
        .map_err(ApiError::internal)?;
    let known = store.known(shop, &ingested.lookups()).await?;
    let plan = plan(&ingested, &known);
    if !plan.waits_for.is_empty() {
        return Ok(Replay::StillWaiting);
    }
    let programs = programs_for(store, shop, &ingested).await?;
    let mut statements = Vec::new();
    for write in &plan.writes {
        statements.extend(store.write(shop, write, now)?);
        statements.extend(effects(store, shop, write, &programs, keys, now).await?);
    }
    statements.push(store.release(shop, &held.source, &held.delivery_id)?);
    store.commit(statements).await?;
    Ok(Replay::Applied(plan.releases.into_iter().collect()))
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
    keys: &[VisitorKey],
    now: UnixTime,
) -> Result<Vec<D1PreparedStatement>, ApiError> {
    match write {
        Write::Order(order) => {
            referral::order_effects(store, shop, order, programs, keys, now).await
        }
        Write::Shipment { .. } => Ok(Vec::new()),
    }
}
