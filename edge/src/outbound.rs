//! Delivering return events to the merchant's webhook. The outbox row was
//! written with the event; this sends it, logs the attempt and schedules
//! the next one. Runs after the response (`wait_until`) and from the cron
//! trigger, never in a shopper's request path.

use aftercart_shared::admin_api::{DeliveryAttempt, DeliveryState, WebhookDelivery};
use aftercart_shared::outbound::{
    self, EVENT_ID_HEADER, EVENT_TYPE_HEADER, RetrySchedule, ReturnWebhook, ReturnWebhookEvent,
    SIGNATURE_HEADER,
};
use aftercart_shared::returns::{ReturnStatus, RmaNumber};
use aftercart_shared::settings::SettingKey;
use aftercart_shared::{ShopId, UnixTime};
use wasm_bindgen::JsValue;
use worker::{
    AbortSignal, Context, Env, Fetch, Headers, Method, Request, RequestInit, RequestRedirect,
};

use crate::routes::now;
use crate::store::{AttemptLog, AttemptRow, OutboxRow, ReturnFilter, Store};
use crate::{ApiError, bindings};

/// A merchant endpoint that does not answer within this is a failed attempt.
const TIMEOUT_MS: u32 = 10_000;
/// How long an attempt holds its row; well over the timeout, so a lease
/// only lapses if the worker died mid-attempt.
const LEASE_SECS: i64 = 60;
/// Deliveries per run; the rest wait for the next run.
const PER_RUN: u32 = 25;

/// Sends the shop's due deliveries after the response has gone out.
pub fn deliver_soon(ctx: &Context, env: &Env, shop: &ShopId) {
    let (env, shop) = (env.clone(), shop.clone());
    ctx.wait_until(async move {
        if let Err(err) = deliver_due(&env, Some(&shop)).await {
            worker::console_error!("webhook delivery for {shop} failed: {err}");
        }
    });
}

/// Sends what is due: one shop's (after an event) or every shop's (cron).
pub async fn deliver_due(env: &Env, shop: Option<&ShopId>) -> Result<(), ApiError> {
    let store = Store::open(env)?;
    for row in store.due_outbox(shop, now(), PER_RUN).await? {
        if let Err(err) = attempt(&store, env, &row).await {
            worker::console_error!("webhook delivery {} failed: {err}", row.id);
        }
    }
    Ok(())
}

/// One attempt at `row`, if no one else is making it. Every attempt is
/// logged, whatever became of it.
pub async fn attempt(store: &Store, env: &Env, row: &OutboxRow) -> Result<(), ApiError> {
    let started = now();
    if !store
        .claim_outbox(row, started, started.plus_secs(LEASE_SECS))
        .await?
    {
        return Ok(());
    }
    let number = row.attempts + 1;
    let clock = worker::Date::now().as_millis();
    let (http_status, error) = match render(store, row).await {
        Ok((hook, event, body)) => send(&hook, &event, &body).await,
        Err(reason) => (None, Some(reason)),
    };
    let duration_ms = worker::Date::now().as_millis().saturating_sub(clock);
    let finished = now();
    let log = AttemptLog {
        attempt: number,
        at: started,
        http_status,
        error: error.as_deref(),
        duration_ms,
        next: schedule(env).after_attempt(number, http_status, finished),
    };
    store.record_attempt(row.id, &log).await
}

/// The shop's webhook and the event's body. The body is rebuilt from what
/// is stored on every attempt; all of it is fixed once the event happened
/// (a return's items and amounts never change), so each attempt sends the
/// same bytes' meaning under the same event id.
async fn render(
    store: &Store,
    row: &OutboxRow,
) -> Result<(ReturnWebhook, ReturnWebhookEvent, String), String> {
    let internal = |err: ApiError| {
        worker::console_error!("webhook {}: {err}", row.id);
        "internal error preparing the event".to_owned()
    };
    let shop = ShopId::parse(&row.shop_id).map_err(|e| e.to_string())?;
    let hook = store
        .setting(&shop, SettingKey::ReturnWebhook.name())
        .await
        .map_err(internal)?
        .ok_or("no return_webhook is configured")?;
    let hook = ReturnWebhook::parse(&hook).map_err(|e| e.to_string())?;
    let seq = u64::try_from(row.seq).map_err(|e| e.to_string())?;
    let stored = store
        .load_returns(
            &shop,
            &ReturnFilter {
                seq: Some(seq),
                ..ReturnFilter::default()
            },
        )
        .await
        .map_err(internal)?
        .into_iter()
        .next()
        .ok_or("the return no longer exists")?;
    let step = stored
        .history
        .iter()
        .find(|e| status_name(e.to) == row.to_status)
        .cloned()
        .ok_or("the event is not in the return's history")?;
    let event = ReturnWebhookEvent::new(
        shop,
        RmaNumber::new(seq),
        stored.order_id,
        stored.created_at,
        stored.approved,
        step,
    );
    let body = serde_json::to_string(&event).map_err(|e| e.to_string())?;
    Ok((hook, event, body))
}

/// POSTs the event. `(status, None)` when the endpoint answered, `(None,
/// reason)` when it did not.
async fn send(
    hook: &ReturnWebhook,
    event: &ReturnWebhookEvent,
    body: &str,
) -> (Option<u16>, Option<String>) {
    let signature = outbound::sign(hook.secret(), now(), body.as_bytes());
    let request = (|| {
        let headers = Headers::new();
        headers.set("content-type", "application/json")?;
        headers.set("user-agent", "aftercart-webhooks/1")?;
        headers.set(SIGNATURE_HEADER, &signature)?;
        headers.set(EVENT_ID_HEADER, &event.id)?;
        headers.set(EVENT_TYPE_HEADER, &event.event_type)?;
        let mut init = RequestInit::new();
        init.with_method(Method::Post)
            .with_headers(headers)
            // A redirect is not an acknowledgement, and must not carry
            // the signed body somewhere else.
            .with_redirect(RequestRedirect::Manual)
            .with_body(Some(JsValue::from_str(body)));
        Request::new_with_init(hook.url(), &init)
    })();
    let request = match request {
        Ok(request) => request,
        Err(err) => return (None, Some(format!("invalid request: {err}"))),
    };
    let signal = AbortSignal::from(web_sys::AbortSignal::timeout_with_u32(TIMEOUT_MS));
    match Fetch::Request(request).send_with_signal(&signal).await {
        Ok(response) => (Some(response.status_code()), None),
        Err(_) if signal.aborted() => (
            None,
            Some(format!("no answer within {} s", TIMEOUT_MS / 1000)),
        ),
        Err(err) => (None, Some(format!("could not connect: {err}"))),
    }
}

/// The standard schedule, unless a local set-up asks for a faster one.
fn schedule(env: &Env) -> RetrySchedule {
    env.var(bindings::WEBHOOK_RETRY_FIRST_DELAY_SECS)
        .ok()
        .and_then(|v| v.to_string().trim().parse::<i64>().ok())
        .map_or(RetrySchedule::STANDARD, RetrySchedule::with_first_delay)
}

fn status_name(status: ReturnStatus) -> String {
    serde_json::to_value(status)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// A delivery as the admin API shows it.
pub fn view(row: &OutboxRow, attempts: &[AttemptRow]) -> Result<WebhookDelivery, ApiError> {
    let corrupt = |what: &str| ApiError::Internal(format!("stored webhook {what} is invalid"));
    let status = |name: &str| -> Result<ReturnStatus, ApiError> {
        serde_json::from_value(serde_json::Value::String(name.to_owned()))
            .map_err(|_| corrupt("status"))
    };
    let to = status(&row.to_status)?;
    let from = row.from_status.as_deref().map(status).transpose()?;
    let rma = RmaNumber::new(u64::try_from(row.seq).map_err(|_| corrupt("seq"))?);
    let state = match row.state.as_str() {
        "pending" => DeliveryState::Pending,
        "delivered" => DeliveryState::Delivered,
        "failed" => DeliveryState::Failed,
        _ => return Err(corrupt("state")),
    };
    Ok(WebhookDelivery {
        id: row.id,
        event_id: outbound::event_id(rma, to),
        event_type: outbound::event_type(from, to),
        rma: rma.to_string(),
        state,
        created_at: UnixTime::from_secs(row.created_at),
        next_attempt_at: (state == DeliveryState::Pending)
            .then_some(row.next_attempt_at)
            .flatten()
            .map(UnixTime::from_secs),
        attempts: attempts
            .iter()
            .map(|a| DeliveryAttempt {
                attempt: a.attempt,
                at: UnixTime::from_secs(a.at),
                http_status: a.http_status,
                error: a.error.clone(),
                duration_ms: a.duration_ms,
            })
            .collect(),
    })
}
