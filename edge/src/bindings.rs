//! Names of the bindings, vars and secrets declared in `wrangler.toml`.
//! Keep these and the file in step.

/// D1 database with shops, orders, shipments and checkpoints.
pub const DB: &str = "DB";
/// Durable Object namespace for rate limits (class `RateLimiter`).
pub const RATE_LIMITER: &str = "RATE_LIMITER";
/// Static assets: the widget bundle and the demo store page.
pub const ASSETS: &str = "ASSETS";
/// Secret used to sign shopper access tokens (`wrangler secret put TOKEN_SECRET`).
pub const TOKEN_SECRET: &str = "TOKEN_SECRET";
/// The previous token secret, accepted during a rotation.
pub const TOKEN_SECRET_PREVIOUS: &str = "TOKEN_SECRET_PREVIOUS";
/// `"true"` serves the demo store at `/` (local development only).
pub const SERVE_DEMO_STORE: &str = "SERVE_DEMO_STORE";
/// Optional var: the first retry delay of outbound webhooks in seconds
/// (default 60, then ×5, ×30, ×120, ×720). Set only by the end-to-end suite,
/// so its retries happen within a test run.
pub const WEBHOOK_RETRY_FIRST_DELAY_SECS: &str = "WEBHOOK_RETRY_FIRST_DELAY_SECS";
/// Optional var: `"true"` lets return webhooks name private and loopback
/// hosts over plain http (`cargo xtask dev` and `cargo xtask test` only,
/// whose receivers are on 127.0.0.1). Production never sets it, and
/// anything else means public `https:` hosts only.
pub const ALLOW_PRIVATE_WEBHOOK_URLS: &str = "ALLOW_PRIVATE_WEBHOOK_URLS";
