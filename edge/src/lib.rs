//! aftercart's edge: a Cloudflare Worker that is a thin shell around
//! `aftercart-shared`. Every handler reads as authorize → parse → decide →
//! persist → respond; the decisions live in `shared`.
//!
//! Architecture invariant: the edge renders no UI. It serves files (the
//! widget's assets, the demo store page) and JSON.
//!
//! Layers, each importing only those below it: `routes` → `api` →
//! `flows` → `store` → `shared`. `ctx`, `auth`, `page`, `http` and
//! `error` serve every layer above `store`; `store` uses none of them.

mod api;
mod auth;
mod bindings;
mod ctx;
mod error;
mod flows;
mod http;
mod limiter;
mod page;
mod routes;
mod store;

use worker::{Context, Env, Request, Response, ScheduleContext, ScheduledEvent, event};

pub use error::ApiError;
pub use limiter::RateLimiter;

#[event(fetch)]
pub async fn fetch(req: Request, env: Env, worker: Context) -> worker::Result<Response> {
    let ctx = ctx::Ctx::new(&env, &worker);
    let cross_origin = routes::cross_origin(&req.path());
    let response = routes::handle(&ctx, req)
        .await
        .or_else(ApiError::into_response)?;
    http::finish(response, cross_origin)
}

/// The cron trigger (`[triggers] crons` in wrangler.toml): retries outbound
/// webhooks whose time has come, and purges personal data past its age
/// (`aftercart_shared::privacy::Retention`; each run's range is indexed, so
/// a run with nothing to purge is cheap).
#[event(scheduled)]
pub async fn scheduled(_event: ScheduledEvent, env: Env, _ctx: ScheduleContext) {
    if let Err(err) = flows::outbound::deliver_due(&env, None).await {
        worker::console_error!("scheduled webhook delivery failed: {err}");
    }
    match flows::ingest::release_due(&env, ctx::clock()).await {
        Ok(retries) if retries != flows::ingest::HeldRetries::default() => {
            worker::console_log!("held deliveries retried: {retries:?}");
        }
        Ok(_) => {}
        Err(err) => worker::console_error!("scheduled release of held deliveries failed: {err}"),
    }
    match flows::privacy::purge(&env, ctx::clock()).await {
        Ok(purged) if purged != store::Purged::default() => {
            worker::console_log!("purged past their age: {purged:?}");
        }
        Ok(_) => {}
        Err(err) => worker::console_error!("scheduled purge failed: {err}"),
    }
}
