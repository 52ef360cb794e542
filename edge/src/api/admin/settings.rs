//! `GET|PUT|DELETE /v1/admin/shops/{shop}/settings/{key}`: the merchant's
//! setting documents, each validated by its key's parser; `DELETE` only for
//! keys whose absence means "off" (`SettingKey::removable`).

use aftercart_shared::api::admin::SettingView;
use aftercart_shared::settings::{SettingError, SettingKey};
use aftercart_shared::wire::WireName;
use worker::{Request, Response};

use crate::auth::Merchant;
use crate::ctx::Ctx;
use crate::error::ApiError;
use crate::flows;
use crate::http;

/// Setting documents may be larger than other bodies (a policy with many
/// rules and translations).
const MAX_SETTING_BODY: usize = 64 * 1024;

/// The stored document, secrets left out.
pub async fn get(ctx: &Ctx<'_>, merchant: Merchant, key: SettingKey) -> Result<Response, ApiError> {
    let stored = ctx
        .store()?
        .setting(merchant.shop(), key)
        .await?
        .ok_or(ApiError::NotFound("This setting is not set."))?;
    let value = key.public_view(&stored).map_err(|err| {
        ApiError::internal(format!("stored {} is invalid: {err}", key.wire_name()))
    })?;
    http::json(
        &SettingView {
            key: key.wire_name().to_owned(),
            value,
        },
        200,
    )
}

/// Validated by the key's parser, then stored whole.
pub async fn put(
    ctx: &Ctx<'_>,
    req: &mut Request,
    merchant: Merchant,
    key: SettingKey,
) -> Result<Response, ApiError> {
    let body = http::read_json_bytes(req, MAX_SETTING_BODY).await?;
    let document = std::str::from_utf8(&body)
        .map_err(|_| ApiError::InvalidJson("the body is not UTF-8".into()))?;
    let hosts = flows::outbound::allowed_hosts(ctx.env());
    let stored = key.validate_for(document, hosts).map_err(|err| match err {
        SettingError::Json(reason) => ApiError::InvalidJson(reason),
        SettingError::Invalid(reason) => ApiError::invalid(key.wire_name(), reason),
        SettingError::Field { field, reason } => ApiError::invalid(field, reason),
    })?;
    ctx.store()?
        .put_setting(merchant.shop(), key, &stored)
        .await?;
    let value = key.public_view(&stored).map_err(ApiError::internal)?;
    http::json(
        &SettingView {
            key: key.wire_name().to_owned(),
            value,
        },
        200,
    )
}

/// Removes the document (the route admits only removable keys): `204`,
/// whether or not it was set. Removing `return_webhook` ends its pending
/// deliveries too, and later events queue none.
pub async fn delete(
    ctx: &Ctx<'_>,
    merchant: Merchant,
    key: SettingKey,
) -> Result<Response, ApiError> {
    ctx.store()?.delete_setting(merchant.shop(), key).await?;
    Ok(Response::empty()?.with_status(204))
}
