//! Rate limits, kept in one Durable Object per shop: the object serializes
//! every check for the shop's keys, so check-and-update cannot race, and a
//! lookup costs one round trip however many limits apply to it.
//!
//! The state lives in the object's storage: an object is evicted or
//! restarted by a deploy at any time, and budgets kept only in memory
//! refilled then (an attacker's free reset). An hourly alarm forgets keys
//! whose budget has refilled.

use std::cell::RefCell;
use std::collections::HashMap;

use aftercart_shared::ShopId;
use aftercart_shared::limit::{Limit, Tat, Verdict};
use serde::{Deserialize, Serialize};
use worker::{
    DurableObject, Env, Method, Request, RequestInit, Response, State, durable_object,
    wasm_bindgen::JsValue,
};

use crate::bindings;
use crate::error::ApiError;

/// Lookups from one IP address: enough for a family sharing a connection.
pub const LOOKUPS_PER_IP: Limit = Limit::per_minutes(30, 10);
/// Failed lookups of one order number, whatever the address: slows
/// guessing the email of a known order number. Only failures count, so the
/// owner's own lookups never use it up, and it refills one a minute, so a
/// guesser cannot keep the owner out for long without being slowed to a
/// guess a minute.
pub const LOOKUPS_PER_ORDER: Limit = Limit::per_minutes(10, 10);

/// How often the object sweeps keys whose budget has fully refilled.
const SWEEP_EVERY_MS: i64 = 60 * 60 * 1000;

/// One limit to check: `spend` false only asks whether it would allow a
/// request (the per-order limit, which spends on failed lookups only).
#[derive(Debug, Serialize, Deserialize)]
struct Check {
    key: String,
    limit: Limit,
    spend: bool,
}

/// One shop's budgets. Each key's state is one number, kept in the
/// object's storage so an eviction or a deploy does not refill them; the
/// memory map only saves reads while the object lives. Input gates hold
/// other requests while storage is read or written, so a check and its
/// spend are one step.
#[durable_object]
pub struct RateLimiter {
    state: State,
    budgets: RefCell<HashMap<String, Tat>>,
}

impl DurableObject for RateLimiter {
    fn new(state: State, _env: Env) -> Self {
        Self {
            state,
            budgets: RefCell::new(HashMap::new()),
        }
    }

    async fn fetch(&self, mut req: Request) -> worker::Result<Response> {
        let checks: Vec<Check> = req.json().await?;
        let now_ms = i64::try_from(worker::Date::now().as_millis()).unwrap_or(i64::MAX);
        let storage = self.state.storage();
        let mut states = Vec::with_capacity(checks.len());
        for check in &checks {
            let cached = self.budgets.borrow().get(&check.key).copied();
            let tat = match cached {
                Some(tat) => tat,
                None => storage
                    .get::<i64>(&check.key)
                    .await?
                    .map_or_else(Tat::default, Tat),
            };
            states.push(tat);
        }
        // All limits must allow the request before any budget is spent.
        let verdicts: Vec<(Verdict, Tat)> = checks
            .iter()
            .zip(&states)
            .map(|(c, &tat)| c.limit.check(tat, now_ms))
            .collect();
        let refused = verdicts
            .iter()
            .filter(|(v, _)| !v.allowed)
            .map(|(v, _)| v.retry_after_ms)
            .max();
        if let Some(retry_after_ms) = refused {
            return Response::from_json(&Verdict {
                allowed: false,
                retry_after_ms,
            });
        }
        for (check, (_, next)) in checks.into_iter().zip(verdicts) {
            if check.spend {
                storage.put(&check.key, next.0).await?;
                self.budgets.borrow_mut().insert(check.key, next);
            }
        }
        if storage.get_alarm().await?.is_none() {
            storage
                .set_alarm(now_ms.saturating_add(SWEEP_EVERY_MS))
                .await?;
        }
        Response::from_json(&Verdict {
            allowed: true,
            retry_after_ms: 0,
        })
    }

    /// Forgets keys whose budget has fully refilled: a key that never
    /// comes back costs nothing after an hour.
    async fn alarm(&self) -> worker::Result<Response> {
        let now_ms = i64::try_from(worker::Date::now().as_millis()).unwrap_or(i64::MAX);
        let storage = self.state.storage();
        let mut stale = Vec::new();
        let mut kept = 0_usize;
        for entry in storage.list().await?.entries() {
            let Ok(pair) = entry.map(|value| js_sys::Array::from(&value)) else {
                continue;
            };
            let tat = pair.get(1).as_f64().unwrap_or(0.0);
            match pair.get(0).as_string() {
                Some(key) if tat <= now_ms as f64 => stale.push(key),
                Some(_) => kept += 1,
                None => {}
            }
        }
        {
            let mut budgets = self.budgets.borrow_mut();
            for key in &stale {
                budgets.remove(key);
            }
        }
        for chunk in stale.chunks(128) {
            storage.delete_multiple(chunk.to_vec()).await?;
        }
        if kept > 0 {
            storage
                .set_alarm(now_ms.saturating_add(SWEEP_EVERY_MS))
                .await?;
        }
        Response::ok("swept")
    }
}

/// One limit of a request: spent when the request is allowed, or only
/// asked ([`Budget::peek`]).
#[derive(Debug, Clone)]
pub struct Budget {
    key: String,
    limit: Limit,
    spend: bool,
}

impl Budget {
    pub fn spend(key: String, limit: Limit) -> Self {
        Self {
            key,
            limit,
            spend: true,
        }
    }

    /// Refuses when the budget is gone, spends nothing.
    pub fn peek(key: String, limit: Limit) -> Self {
        Self {
            key,
            limit,
            spend: false,
        }
    }
}

/// Checks every budget of `shop` in one round trip; refuses with the
/// longest wait among the limits hit, and then spends nothing. Call it
/// only for a shop that exists: each shop has an object of its own.
pub async fn enforce(env: &Env, shop: &ShopId, budgets: &[Budget]) -> Result<(), ApiError> {
    let stub = env
        .durable_object(bindings::RATE_LIMITER)?
        .id_from_name(&format!("limits:{shop}"))?
        .get_stub()?;
    let body: Vec<Check> = budgets
        .iter()
        .map(|b| Check {
            key: b.key.clone(),
            limit: b.limit,
            spend: b.spend,
        })
        .collect();
    let body = serde_json::to_string(&body).map_err(ApiError::internal)?;
    let mut init = RequestInit::new();
    init.with_method(Method::Post)
        .with_body(Some(JsValue::from_str(&body)));
    let request = Request::new_with_init("https://rate-limiter/check", &init)?;
    let verdict: Verdict = stub.fetch_with_request(request).await?.json().await?;
    if verdict.allowed {
        Ok(())
    } else {
        Err(ApiError::RateLimited {
            retry_after_secs: verdict.retry_after_ms.div_euclid(1000) + 1,
        })
    }
}
