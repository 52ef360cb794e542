//! aftercart's edge: a Cloudflare Worker that is a thin shell around
//! `aftercart-shared`. Every handler reads as parse → decide → persist →
//! respond; the decisions live in `shared`.
//!
//! Architecture invariant: the edge renders no UI. It serves files (the
//! widget's assets, the demo store page) and JSON.

mod admin;
mod assets;
mod bindings;
mod engage;
mod error;
mod http;
mod limiter;
mod outbound;
mod referrals;
mod returns;
mod returns_admin;
mod reviews;
mod routes;
mod shopper;
mod store;
mod webhooks;

use worker::{Context, Env, Request, Response, ScheduleContext, ScheduledEvent, event};

pub use error::ApiError;
pub use limiter::RateLimiter;

#[event(fetch)]
pub async fn fetch(req: Request, env: Env, ctx: Context) -> worker::Result<Response> {
    let response = match routes::Route::parse(&req) {
        Ok(route) => routes::handle(route, req, &env, &ctx).await,
        Err(err) => Err(err),
    };
    let response = response.or_else(|err| err.into_response())?;
    http::finish(response)
}

/// The cron trigger (`[triggers] crons` in wrangler.toml): retries outbound
/// webhooks whose time has come.
#[event(scheduled)]
pub async fn scheduled(_event: ScheduledEvent, env: Env, _ctx: ScheduleContext) {
    if let Err(err) = outbound::deliver_due(&env, None).await {
        worker::console_error!("scheduled webhook delivery failed: {err}");
    }
}
