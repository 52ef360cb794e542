//! The merchant admin API, authenticated with a shop's API key: deep
//! links, settings and outbound webhook deliveries. Returns are in
//! `returns_admin`.

use aftercart_shared::admin_api::{DEFAULT_PAGE, DeliveryPage, SettingView};
use aftercart_shared::api::{DeepLinkRequest, DeepLinkResponse};
use aftercart_shared::settings::{SettingError, SettingKey};
use aftercart_shared::token::{OrderGrant, sha256_hex};
use aftercart_shared::{OrderId, ShopId};
use worker::{Env, Request, Response};

use crate::routes::now;
use crate::shopper::Secrets;
use crate::store::{OrderKey, Store};
use crate::{ApiError, http, outbound};

const DEFAULT_LINK_DAYS: u16 = 30;
const MAX_LINK_DAYS: u16 = 90;

/// Setting documents may be larger than other bodies (a policy with many
/// rules and translations).
const MAX_SETTING_BODY: usize = 64 * 1024;

/// Another shop's key is as wrong as no key: both are 401.
pub async fn authenticate(req: &Request, store: &Store, shop: &ShopId) -> Result<(), ApiError> {
    let key = http::bearer_token(req)?;
    if store
        .admin_key_matches(shop, &sha256_hex(key.as_bytes()))
        .await?
    {
        Ok(())
    } else {
        Err(ApiError::Unauthorized)
    }
}

/// `POST /v1/admin/shops/{shop}/links`: a signed token for a merchant's
/// shipping email, opening one order without a lookup.
pub async fn deep_link(mut req: Request, env: &Env, shop: ShopId) -> Result<Response, ApiError> {
    let store = Store::open(env)?;
    authenticate(&req, &store, &shop).await?;
    let body: DeepLinkRequest = http::read_json(&mut req).await?;
    let order = OrderId::parse(&body.order_id).map_err(|err| ApiError::InvalidField {
        field: "orderId",
        reason: err.to_string(),
    })?;
    let days = body.valid_days.unwrap_or(DEFAULT_LINK_DAYS);
    if !(1..=MAX_LINK_DAYS).contains(&days) {
        return Err(ApiError::InvalidField {
            field: "validDays",
            reason: format!("must be between 1 and {MAX_LINK_DAYS}"),
        });
    }
    if store
        .load_bundle(&shop, OrderKey::Id(&order))
        .await?
        .is_none()
    {
        return Err(ApiError::NotFound("No such order."));
    }
    let grant = OrderGrant {
        shop,
        order,
        expires_at: now().plus_days(i64::from(days)),
    };
    let token = grant
        .mint(Secrets::read(env)?.current())
        .map_err(|err| ApiError::Internal(err.to_string()))?;
    http::json(
        &DeepLinkResponse {
            token,
            expires_at: grant.expires_at,
        },
        201,
    )
}

/// `GET /v1/admin/shops/{shop}/settings/{key}`: the stored document,
/// secrets left out.
pub async fn get_setting(
    req: &Request,
    env: &Env,
    shop: ShopId,
    key: SettingKey,
) -> Result<Response, ApiError> {
    let store = Store::open(env)?;
    authenticate(req, &store, &shop).await?;
    let stored = store
        .setting(&shop, key.name())
        .await?
        .ok_or(ApiError::NotFound("This setting is not set."))?;
    let value = key
        .public_view(&stored)
        .map_err(|err| ApiError::Internal(format!("stored {} is invalid: {err}", key.name())))?;
    http::json(
        &SettingView {
            key: key.name().to_owned(),
            value,
        },
        200,
    )
}

/// `PUT /v1/admin/shops/{shop}/settings/{key}`: validated by the key's
/// parser, then stored whole.
pub async fn put_setting(
    mut req: Request,
    env: &Env,
    shop: ShopId,
    key: SettingKey,
) -> Result<Response, ApiError> {
    let store = Store::open(env)?;
    authenticate(&req, &store, &shop).await?;
    let body = http::read_body(&mut req, MAX_SETTING_BODY).await?;
    let document = std::str::from_utf8(&body)
        .map_err(|_| ApiError::InvalidJson("the body is not UTF-8".into()))?;
    let stored = key.validate(document).map_err(|err| match err {
        SettingError::Json(reason) => ApiError::InvalidJson(reason),
        SettingError::Invalid(reason) => ApiError::InvalidField {
            field: key.name(),
            reason,
        },
    })?;
    store.put_setting(&shop, key, &stored).await?;
    let value = key
        .public_view(&stored)
        .map_err(|err| ApiError::Internal(err.to_string()))?;
    http::json(
        &SettingView {
            key: key.name().to_owned(),
            value,
        },
        200,
    )
}

/// `GET /v1/admin/shops/{shop}/webhook-deliveries?cursor=`: newest first,
/// each with every attempt.
pub async fn deliveries(req: &Request, env: &Env, shop: ShopId) -> Result<Response, ApiError> {
    let store = Store::open(env)?;
    authenticate(req, &store, &shop).await?;
    let url = req.url()?;
    let cursor = url
        .query_pairs()
        .find(|(k, _)| k == "cursor")
        .map(|(_, v)| {
            v.parse::<i64>().map_err(|_| ApiError::InvalidField {
                field: "cursor",
                reason: "not a cursor from an earlier page".into(),
            })
        })
        .transpose()?;
    let mut page = store.outbox_page(&shop, cursor, DEFAULT_PAGE + 1).await?;
    let more = page.len() > DEFAULT_PAGE as usize;
    page.truncate(DEFAULT_PAGE as usize);
    let items = page
        .iter()
        .map(|(row, attempts)| outbound::view(row, attempts))
        .collect::<Result<Vec<_>, _>>()?;
    let next_cursor = more
        .then(|| items.last().map(|d| d.id.to_string()))
        .flatten();
    http::json(&DeliveryPage { items, next_cursor }, 200)
}

/// `POST /v1/admin/shops/{shop}/webhook-deliveries/{id}/retry`: sends it
/// again now (whatever its state) and answers with the new attempt logged.
pub async fn retry_delivery(
    req: &Request,
    env: &Env,
    shop: ShopId,
    id: &str,
) -> Result<Response, ApiError> {
    let store = Store::open(env)?;
    authenticate(req, &store, &shop).await?;
    let not_found = || ApiError::NotFound("No such delivery.");
    let id = id.parse::<i64>().map_err(|_| not_found())?;
    let row = store
        .rearm_outbox(&shop, id, now())
        .await?
        .ok_or_else(not_found)?;
    // The merchant asked and is waiting; the fetch has its own timeout.
    outbound::attempt(&store, env, &row).await?;
    let (row, attempts) = store
        .outbox_page(&shop, Some(id + 1), 1)
        .await?
        .into_iter()
        .next()
        .filter(|(row, _)| row.id == id)
        .ok_or_else(not_found)?;
    http::json(&outbound::view(&row, &attempts)?, 200)
}
