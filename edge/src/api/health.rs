//! `GET /healthz`.

use aftercart_shared::api::Health;
use worker::Response;

use crate::error::ApiError;
use crate::http;

pub fn get() -> Result<Response, ApiError> {
    http::json(
        &Health {
            ok: true,
            version: env!("CARGO_PKG_VERSION").to_owned(),
        },
        200,
    )
}
