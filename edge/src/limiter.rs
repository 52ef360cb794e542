//! Rate limits, kept in one Durable Object per shop: the object serializes
//! every check for the shop's keys, so check-and-update cannot race, and a
//! lookup costs one round trip however many limits apply to it.
//!
//! The state lives in the object's memory, not its storage. A limiter only
//! needs to be right while traffic flows: an object evicted after a quiet
//! spell forgets budgets that would have refilled by then anyway, and no
//! request waits on a disk write.

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
/// Lookups of one order number, whatever the address: stops guessing the
/// email of a known order number.
pub const LOOKUPS_PER_ORDER: Limit = Limit::per_minutes(10, 10);

/// Above this many keys, entries whose budget has fully refilled are dropped.
const PRUNE_ABOVE: usize = 10_000;

#[derive(Debug, Serialize, Deserialize)]
struct Check {
    key: String,
    limit: Limit,
}

#[durable_object]
pub struct RateLimiter {
    budgets: RefCell<HashMap<String, Tat>>,
}

impl DurableObject for RateLimiter {
    fn new(_state: State, _env: Env) -> Self {
        Self {
            budgets: RefCell::new(HashMap::new()),
        }
    }

    async fn fetch(&self, mut req: Request) -> worker::Result<Response> {
        let checks: Vec<Check> = req.json().await?;
        let now_ms = i64::try_from(worker::Date::now().as_millis()).unwrap_or(i64::MAX);
        let mut budgets = self.budgets.borrow_mut();
        // All limits must allow the request before any budget is spent.
        let verdicts: Vec<(Verdict, Tat)> = checks
            .iter()
            .map(|c| {
                c.limit
                    .check(budgets.get(&c.key).copied().unwrap_or_default(), now_ms)
            })
            .collect();
        let refused = verdicts
            .iter()
            .filter(|(v, _)| !v.allowed)
            .map(|(v, _)| v.retry_after_ms)
            .max();
        let verdict = match refused {
            Some(retry_after_ms) => Verdict {
                allowed: false,
                retry_after_ms,
            },
            None => {
                for (check, (_, next)) in checks.into_iter().zip(verdicts) {
                    budgets.insert(check.key, next);
                }
                Verdict {
                    allowed: true,
                    retry_after_ms: 0,
                }
            }
        };
        if budgets.len() > PRUNE_ABOVE {
            budgets.retain(|_, tat| tat.0 > now_ms);
        }
        Response::from_json(&verdict)
    }
}

/// Checks every `(key, limit)` of `shop` in one round trip; refuses with the
/// longest wait among the limits hit, and then spends no budget.
pub async fn enforce(env: &Env, shop: &ShopId, checks: &[(String, Limit)]) -> Result<(), ApiError> {
    let stub = env
        .durable_object(bindings::RATE_LIMITER)?
        .id_from_name(&format!("limits:{shop}"))?
        .get_stub()?;
    let body: Vec<Check> = checks
        .iter()
        .map(|(key, limit)| Check {
            key: key.clone(),
            limit: *limit,
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
