//! Rate limits, kept in a Durable Object per key: one object serializes all
//! requests for its key, so the check-and-update cannot race.

use aftercart_shared::limit::{Limit, Tat, Verdict};
use worker::{
    DurableObject, Env, Method, Request, RequestInit, Response, State, durable_object,
    wasm_bindgen::JsValue,
};

use crate::{ApiError, bindings};

/// Lookups from one IP address: enough for a family sharing a connection.
pub const LOOKUPS_PER_IP: Limit = Limit::per_minutes(30, 10);
/// Lookups of one order number, whatever the address: stops guessing the
/// email of a known order number.
pub const LOOKUPS_PER_ORDER: Limit = Limit::per_minutes(10, 10);

const STATE_KEY: &str = "tat";

#[durable_object]
pub struct RateLimiter {
    state: State,
}

impl DurableObject for RateLimiter {
    fn new(state: State, _env: Env) -> Self {
        Self { state }
    }

    async fn fetch(&self, mut req: Request) -> worker::Result<Response> {
        let limit: Limit = req.json().await?;
        let storage = self.state.storage();
        let tat: Tat = storage.get(STATE_KEY).await?.unwrap_or_default();
        let now_ms = worker::Date::now().as_millis();
        let (verdict, next) = limit.check(tat, i64::try_from(now_ms).unwrap_or(i64::MAX));
        if next != tat {
            storage.put(STATE_KEY, next).await?;
        }
        Response::from_json(&verdict)
    }
}

/// Checks every `(key, limit)` at once (each key is its own object, so the
/// round trips overlap) and refuses with the longest wait among those hit.
pub async fn enforce(env: &Env, checks: &[(String, Limit)]) -> Result<(), ApiError> {
    let namespace = env.durable_object(bindings::RATE_LIMITER)?;
    let verdicts = futures_util::future::join_all(checks.iter().map(|(key, limit)| {
        let namespace = &namespace;
        async move {
            let stub = namespace.id_from_name(key)?.get_stub()?;
            let body =
                serde_json::to_string(limit).map_err(|e| ApiError::Internal(e.to_string()))?;
            let mut init = RequestInit::new();
            init.with_method(Method::Post)
                .with_body(Some(JsValue::from_str(&body)));
            let request = Request::new_with_init("https://rate-limiter/check", &init)?;
            let verdict: Verdict = stub.fetch_with_request(request).await?.json().await?;
            Ok::<_, ApiError>(verdict)
        }
    }))
    .await;
    let mut wait_ms = None;
    for verdict in verdicts {
        let verdict = verdict?;
        if !verdict.allowed {
            wait_ms = wait_ms.max(Some(verdict.retry_after_ms));
        }
    }
    match wait_ms {
        None => Ok(()),
        Some(ms) => Err(ApiError::RateLimited {
            retry_after_secs: ms.div_euclid(1000) + 1,
        }),
    }
}
