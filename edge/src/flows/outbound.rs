//! Delivering return events to the merchant's webhook. The outbox row was
//! written with the event; this sends it, logs the attempt and schedules
//! the next one. Runs after the response (`wait_until`) and from the cron
//! trigger, never in a shopper's request path.

use aftercart_shared::ShopId;
use aftercart_shared::outbound::{
    self, EVENT_ID_HEADER, EVENT_TYPE_HEADER, RetrySchedule, ReturnWebhook, ReturnWebhookEvent,
    SIGNATURE_HEADER, WebhookHosts,
};
use aftercart_shared::returns::RmaNumber;
use aftercart_shared::settings::SettingKey;
use wasm_bindgen::JsValue;
use worker::{AbortSignal, Env, Fetch, Headers, Method, Request, RequestInit, RequestRedirect};

use crate::bindings;
use crate::ctx::{Ctx, clock};
use crate::error::ApiError;
use crate::store::{self, AttemptLog, OutboxRow, Store};
use aftercart_shared::wire::WireName;

/// A merchant endpoint that does not answer within this is a failed attempt.
const TIMEOUT_MS: u32 = 10_000;
/// How long an attempt holds its row; well over the timeout, so a lease
/// only lapses if the worker died mid-attempt.
const LEASE_SECS: i64 = 60;
/// Deliveries per run; the rest wait for the next run.
const PER_RUN: u32 = 25;

/// Sends the shop's due deliveries after the response has gone out.
pub fn deliver_soon(ctx: &Ctx<'_>, shop: &ShopId) {
    let (env, shop) = (ctx.env().clone(), shop.clone());
    ctx.after_response(async move {
        if let Err(err) = deliver_due(&env, Some(&shop)).await {
            worker::console_error!("webhook delivery for {shop} failed: {err}");
        }
    });
}

/// Sends what is due: one shop's (after an event) or every shop's (cron).
pub async fn deliver_due(env: &Env, shop: Option<&ShopId>) -> Result<(), ApiError> {
    let store = Store::open(env)?;
    for row in store.due_outbox(shop, clock(), PER_RUN).await? {
        if let Err(err) = attempt(&store, env, &row).await {
            worker::console_error!("webhook delivery {} failed: {err}", row.id);
        }
    }
    Ok(())
}

/// One attempt at `row`, if no one else is making it. Every attempt is
/// logged, whatever became of it. It reads the clock itself: an attempt
/// can outlast the request that asked for it.
pub async fn attempt(store: &Store, env: &Env, row: &OutboxRow) -> Result<(), ApiError> {
    let started = clock();
    if !store
        .claim_outbox(row, started, started.plus_secs(LEASE_SECS))
        .await?
    {
        return Ok(());
    }
    let number = row.attempts + 1;
    let started_ms = worker::Date::now().as_millis();
    let (http_status, error) = match render(store, env, row).await {
        Ok((hook, event, body)) => send(&hook, &event, &body).await,
        Err(reason) => (None, Some(reason)),
    };
    let duration_ms = worker::Date::now().as_millis().saturating_sub(started_ms);
    let finished = clock();
    let log = AttemptLog {
        attempt: number,
        at: started,
        http_status,
        error: error.as_deref(),
        duration_ms,
        next: schedule(env).after_attempt(number, http_status, finished),
    };
    Ok(store.record_attempt(row.id, &log).await?)
}

/// The shop's webhook and the event's body. The body is rebuilt from what
/// is stored on every attempt; all of it is fixed once the event happened
/// (a return's items and amounts never change), so each attempt sends the
/// same bytes' meaning under the same event id.
async fn render(
    store: &Store,
    env: &Env,
    row: &OutboxRow,
) -> Result<(ReturnWebhook, ReturnWebhookEvent, String), String> {
    let internal = |err: store::Error| {
        worker::console_error!("webhook {}: {err}", row.id);
        "internal error preparing the event".to_owned()
    };
    let shop = ShopId::parse(&row.shop_id).map_err(|e| e.to_string())?;
    let hook = store
        .setting(&shop, SettingKey::ReturnWebhook)
        .await
        .map_err(internal)?
        .ok_or("no return_webhook is configured")?;
    // Checked again here: a URL stored before the current rules (or
    // written past the API) is refused, logged as the attempt's error and
    // never fetched.
    let hook = ReturnWebhook::parse(&hook, allowed_hosts(env))
        .map_err(|e| format!("not sent: the stored return_webhook is refused: {e}"))?;
    let seq = u64::try_from(row.seq).map_err(|e| e.to_string())?;
    let stored = store
        .find_return(&shop, seq, None)
        .await
        .map_err(internal)?
        .ok_or("the return no longer exists")?;
    let step = stored
        .history
        .iter()
        .find(|e| e.to.wire_name() == row.to_status)
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
    let signature = outbound::sign(hook.secret(), clock(), body.as_bytes());
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
        Request::new_with_init(hook.url().as_str(), &init)
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

/// Which hosts a return webhook may name: public `https:` ones, unless
/// the Worker var `ALLOW_PRIVATE_WEBHOOK_URLS` is `"true"`, which only
/// `cargo xtask dev` and `cargo xtask test` set (their receivers listen on
/// 127.0.0.1 over http). Production never sets it; anything but `"true"`
/// is the production policy.
pub fn allowed_hosts(env: &Env) -> WebhookHosts {
    match env.var(bindings::ALLOW_PRIVATE_WEBHOOK_URLS) {
        Ok(v) if v.to_string().trim() == "true" => WebhookHosts::AllowPrivate,
        _ => WebhookHosts::PublicOnly,
    }
}
