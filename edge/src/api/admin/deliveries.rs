//! The outbound webhook deliveries of a shop: the log, and sending one
//! again (`flows::outbound` sends).

use aftercart_shared::api::admin::{
    DEFAULT_PAGE, DeliveryAttempt, DeliveryPage, DeliveryState, WebhookDelivery,
};
use aftercart_shared::outbound;
use aftercart_shared::returns::{ReturnStatus, RmaNumber};
use aftercart_shared::{ShopId, UnixTime};
use worker::{Request, Response};

use crate::auth::Merchant;
use crate::ctx::Ctx;
use crate::error::ApiError;
use crate::flows;
use crate::http;
use crate::page::{Page, PageRequest};
use crate::store::{AttemptRow, OutboxRow};
use aftercart_shared::wire::WireName;

/// `GET /v1/admin/shops/{shop}/webhook-deliveries?cursor=`: newest first,
/// each with every attempt.
pub async fn list(ctx: &Ctx<'_>, req: &Request, merchant: Merchant) -> Result<Response, ApiError> {
    let request = PageRequest::<i64>::fixed(req, DEFAULT_PAGE)?;
    let rows = ctx
        .store()?
        .outbox_page(merchant.shop(), request.after, request.rows())
        .await?;
    let page = Page::cut(rows, &request, |(row, _)| Some(row.id));
    let items = page
        .items
        .iter()
        .map(|(row, attempts)| view(merchant.shop(), row, attempts))
        .collect::<Result<Vec<_>, _>>()?;
    http::json(
        &DeliveryPage {
            items,
            next_cursor: page.next_cursor,
        },
        200,
    )
}

/// `POST /v1/admin/shops/{shop}/webhook-deliveries/{id}/retry`: sends it
/// again now (whatever its state) and answers with the new attempt logged.
pub async fn retry(ctx: &Ctx<'_>, merchant: Merchant, id: &str) -> Result<Response, ApiError> {
    let shop = merchant.shop();
    let store = ctx.store()?;
    let not_found = || ApiError::NotFound("No such delivery.");
    let id = id.parse::<i64>().map_err(|_| not_found())?;
    let row = store
        .rearm_outbox(shop, id, ctx.now())
        .await?
        .ok_or_else(not_found)?;
    // The merchant asked and is waiting; the fetch has its own timeout.
    flows::outbound::attempt(store, ctx.env(), &row).await?;
    let (row, attempts) = store
        .outbox_page(shop, Some(id.saturating_add(1)), 1)
        .await?
        .into_iter()
        .next()
        .filter(|(row, _)| row.id == id)
        .ok_or_else(not_found)?;
    http::json(&view(shop, &row, &attempts)?, 200)
}

/// A delivery as the admin API shows it.
fn view(
    shop: &ShopId,
    row: &OutboxRow,
    attempts: &[AttemptRow],
) -> Result<WebhookDelivery, ApiError> {
    let corrupt = |what: &str| ApiError::internal(format!("stored webhook {what} is invalid"));
    let status = |name: &str| ReturnStatus::from_wire_name(name).ok_or_else(|| corrupt("status"));
    let to = status(&row.to_status)?;
    let from = row.from_status.as_deref().map(status).transpose()?;
    let rma = RmaNumber::new(u64::try_from(row.seq).map_err(|_| corrupt("seq"))?);
    let state = DeliveryState::from_wire_name(&row.state).ok_or_else(|| corrupt("state"))?;
    Ok(WebhookDelivery {
        id: row.id,
        event_id: outbound::event_id(shop, rma, to),
        event_type: outbound::event_type(from, to),
        rma: rma.to_string(),
        state,
        created_at: UnixTime::from_secs(row.created_at),
        next_attempt_at: (state == DeliveryState::Pending)
            .then_some(row.next_attempt_at)
            .flatten()
            .map(UnixTime::from_secs),
        attempts: attempts
            .iter()
            .map(|a| DeliveryAttempt {
                attempt: a.attempt,
                at: UnixTime::from_secs(a.at),
                http_status: a.http_status,
                error: a.error.clone(),
                duration_ms: a.duration_ms,
            })
            .collect(),
    })
}
