//! Returns for merchants: the list, one return, and moving it along the
//! lifecycle (`flows::returns`).

use aftercart_shared::api::admin::{
    AdminReturn, AdminReturnPage, DEFAULT_PAGE, MAX_PAGE, TransitionRequest,
};
use aftercart_shared::returns::{self, Actor, ReturnEvent, ReturnStatus, RmaNumber};
use worker::{Request, Response};

use crate::auth::Merchant;
use crate::ctx::Ctx;
use crate::error::ApiError;
use crate::flows::{outbound, returns::Step};
use crate::page::{Page, PageRequest};
use crate::store::{ReturnFilter, StoredReturn};
use crate::{flows, http};
use aftercart_shared::wire::WireName;

/// `GET /v1/admin/shops/{shop}/returns?status=&cursor=&limit=`
pub async fn list(ctx: &Ctx<'_>, req: &Request, merchant: Merchant) -> Result<Response, ApiError> {
    let status = http::query(req, "status")?
        .map(|raw| {
            ReturnStatus::from_wire_name(&raw)
                .ok_or_else(|| ApiError::invalid("status", "not a return status"))
        })
        .transpose()?;
    let request = PageRequest::<u64>::sized(req, DEFAULT_PAGE, MAX_PAGE)?;
    let rows = ctx
        .store()?
        .load_returns(
            merchant.shop(),
            &ReturnFilter {
                status,
                before_seq: request.after,
                limit: Some(request.rows()),
                ..ReturnFilter::default()
            },
        )
        .await?;
    let page = Page::cut(rows, &request, |last| Some(last.seq)).map(|r| view(&r));
    http::json(
        &AdminReturnPage {
            items: page.items,
            next_cursor: page.next_cursor,
        },
        200,
    )
}

/// `GET /v1/admin/shops/{shop}/returns/{rma}`
pub async fn get(ctx: &Ctx<'_>, merchant: Merchant, rma: &str) -> Result<Response, ApiError> {
    let stored = flows::returns::load(ctx.store()?, merchant.shop(), rma, None).await?;
    http::json(&view(&stored), 200)
}

/// `POST /v1/admin/shops/{shop}/returns/{rma}/{event}` with an optional
/// `{"note": "..."}`.
pub async fn transition(
    ctx: &Ctx<'_>,
    req: &mut Request,
    merchant: Merchant,
    rma: &str,
    event: ReturnEvent,
) -> Result<Response, ApiError> {
    let shop = merchant.shop();
    let body = http::read_json_bytes(req, http::MAX_JSON_BODY).await?;
    let request: TransitionRequest = if body.iter().all(u8::is_ascii_whitespace) {
        TransitionRequest::default()
    } else {
        serde_json::from_slice(&body).map_err(|err| ApiError::InvalidJson(err.to_string()))?
    };
    let note = request
        .note()
        .map_err(|reason| ApiError::invalid("note", reason))?;
    let store = ctx.store()?;
    let stored = flows::returns::load(store, shop, rma, None).await?;
    let step = Step {
        event,
        actor: Actor::Merchant,
        note: note.as_deref(),
    };
    let moved = flows::returns::apply(store, shop, &stored, step, ctx.now()).await?;
    outbound::deliver_soon(ctx, shop);
    http::json(&view(&moved), 200)
}

fn view(stored: &StoredReturn) -> AdminReturn {
    AdminReturn {
        rma: RmaNumber::new(stored.seq).to_string(),
        order_id: stored.order_id.clone(),
        status: stored.status,
        created_at: stored.created_at,
        approved: stored.approved.clone(),
        history: stored.history.clone(),
        actions: returns::available(stored.status, Actor::Merchant),
    }
}
