//! Request parsing and response headers shared by every route.

use aftercart_shared::i18n::Lang;
use futures_util::StreamExt as _;
use serde::de::DeserializeOwned;
use worker::{Request, Response};

use crate::error::ApiError;

/// JSON bodies above this are refused before they are parsed.
pub const MAX_JSON_BODY: usize = 16 * 1024;

/// Reads the body, refusing anything over `limit` bytes: first by the
/// declared `Content-Length`, then while it streams in, so a chunked body
/// (which declares nothing) is never held beyond the limit.
pub async fn read_body(req: &mut Request, limit: usize) -> Result<Vec<u8>, ApiError> {
    let declared = req
        .headers()
        .get("content-length")?
        .and_then(|len| len.trim().parse::<usize>().ok());
    if declared.is_some_and(|len| len > limit) {
        return Err(ApiError::PayloadTooLarge { limit });
    }
    if req.inner().body().is_none() {
        return Ok(Vec::new());
    }
    let mut stream = req.stream()?;
    let mut body = Vec::with_capacity(declared.unwrap_or(0).min(limit));
    while let Some(chunk) = stream.next().await {
        let chunk = chunk?;
        if chunk.len() > limit - body.len() {
            return Err(ApiError::PayloadTooLarge { limit });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Refuses with 415 a body that does not say it is JSON: `application/json`,
/// parameters (`; charset=utf-8`) allowed. A form post or `text/plain`
/// from a page is not something our clients send.
pub fn require_json(req: &Request) -> Result<(), ApiError> {
    let content_type = req.headers().get("content-type")?.unwrap_or_default();
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    if essence.eq_ignore_ascii_case("application/json") {
        Ok(())
    } else {
        Err(ApiError::UnsupportedMediaType)
    }
}

/// A JSON body's bytes: [`read_body`], then [`require_json`] unless the
/// body is empty (where a body is optional, sending none is fine).
pub async fn read_json_bytes(req: &mut Request, limit: usize) -> Result<Vec<u8>, ApiError> {
    let body = read_body(req, limit).await?;
    if !body.is_empty() {
        require_json(req)?;
    }
    Ok(body)
}

pub async fn read_json<T: DeserializeOwned>(req: &mut Request) -> Result<T, ApiError> {
    let body = read_json_bytes(req, MAX_JSON_BODY).await?;
    serde_json::from_slice(&body).map_err(|err| ApiError::InvalidJson(err.to_string()))
}

pub fn json<T: serde::Serialize>(value: &T, status: u16) -> Result<Response, ApiError> {
    let mut response = Response::from_json(value)?.with_status(status);
    set(&mut response, "cache-control", "no-store")?;
    Ok(response)
}

/// The token from `Authorization: Bearer <token>`.
pub fn bearer_token(req: &Request) -> Result<String, ApiError> {
    let header = req
        .headers()
        .get("authorization")?
        .ok_or(ApiError::Unauthorized)?;
    let (scheme, token) = header
        .trim()
        .split_once(' ')
        .ok_or(ApiError::Unauthorized)?;
    if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
        return Err(ApiError::Unauthorized);
    }
    Ok(token.trim().to_owned())
}

pub fn set(response: &mut Response, name: &str, value: &str) -> worker::Result<()> {
    response.headers_mut().set(name, value)
}

/// CORS preflight for the API: the widget runs on merchants' origins and
/// authenticates with a bearer token, never a cookie. Only paths for which
/// [`finish`] is told `cross_origin` get `Access-Control-Allow-Origin`.
pub fn preflight() -> Result<Response, ApiError> {
    let mut response = Response::empty()?.with_status(204);
    set(
        &mut response,
        "access-control-allow-methods",
        "GET, POST, PUT, OPTIONS",
    )?;
    set(
        &mut response,
        "access-control-allow-headers",
        "authorization, content-type, idempotency-key",
    )?;
    set(&mut response, "access-control-max-age", "86400")?;
    Ok(response)
}

/// Headers every response carries; `cross_origin` for the paths a page on
/// another origin may read (`routes::cross_origin`).
pub fn finish(mut response: Response, cross_origin: bool) -> worker::Result<Response> {
    if cross_origin {
        set(&mut response, "access-control-allow-origin", "*")?;
    }
    set(&mut response, "x-content-type-options", "nosniff")?;
    Ok(response)
}

/// `?lang=sv`, else the browser's `Accept-Language`, else English.
pub fn shopper_lang(req: &Request) -> Result<Lang, ApiError> {
    let explicit = query(req, "lang")?;
    let accepted = req.headers().get("accept-language")?.unwrap_or_default();
    Ok(Lang::negotiate(explicit.as_deref(), accepted.split(',')))
}

/// The first value of a query parameter.
pub fn query(req: &Request, name: &str) -> Result<Option<String>, ApiError> {
    Ok(req
        .url()?
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned()))
}

/// `204 No Content`.
pub fn no_content() -> Result<Response, ApiError> {
    Ok(Response::empty()?.with_status(204))
}
