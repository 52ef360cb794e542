//! Returns for merchants: the list, one return, and moving it along the
//! lifecycle. `aftercart_shared::returns::lifecycle` decides what may
//! happen; the store makes each step a conditional write, so of two
//! concurrent steps from the same status exactly one applies.

use aftercart_shared::admin_api::{
    AdminReturn, AdminReturnPage, DEFAULT_PAGE, MAX_PAGE, TransitionRequest,
};
use aftercart_shared::returns::{
    self, Actor, LifecycleError, ReturnEvent, ReturnStatus, RmaNumber,
};
use aftercart_shared::{OrderId, ShopId};
use worker::{Context, Env, Request, Response};

use crate::admin::authenticate;
use crate::routes::now;
use crate::store::{ReturnFilter, Store, StoredReturn};
use crate::{ApiError, http, outbound};

/// `GET /v1/admin/shops/{shop}/returns?status=&cursor=&limit=`
pub async fn list(req: &Request, env: &Env, shop: ShopId) -> Result<Response, ApiError> {
    let store = Store::open(env)?;
    authenticate(req, &store, &shop).await?;
    let url = req.url()?;
    let query = |name: &str| {
        url.query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    };
    let status = query("status")
        .map(|s| {
            serde_json::from_value::<ReturnStatus>(serde_json::Value::String(s)).map_err(|_| {
                ApiError::InvalidField {
                    field: "status",
                    reason: "not a return status".into(),
                }
            })
        })
        .transpose()?;
    let before_seq = query("cursor")
        .map(|c| {
            c.parse::<u64>().map_err(|_| ApiError::InvalidField {
                field: "cursor",
                reason: "not a cursor from an earlier page".into(),
            })
        })
        .transpose()?;
    let limit = query("limit")
        .map(|l| {
            l.parse::<u32>()
                .ok()
                .filter(|l| (1..=MAX_PAGE).contains(l))
                .ok_or(ApiError::InvalidField {
                    field: "limit",
                    reason: format!("must be between 1 and {MAX_PAGE}"),
                })
        })
        .transpose()?
        .unwrap_or(DEFAULT_PAGE);
    // One more than asked says whether there is a next page.
    let mut found = store
        .load_returns(
            &shop,
            &ReturnFilter {
                status,
                before_seq,
                limit: Some(limit + 1),
                ..ReturnFilter::default()
            },
        )
        .await?;
    let more = found.len() > limit as usize;
    found.truncate(limit as usize);
    let next_cursor = more
        .then(|| found.last().map(|r| r.seq.to_string()))
        .flatten();
    http::json(
        &AdminReturnPage {
            items: found.iter().map(view).collect(),
            next_cursor,
        },
        200,
    )
}

/// `GET /v1/admin/shops/{shop}/returns/{rma}`
pub async fn get(req: &Request, env: &Env, shop: ShopId, rma: &str) -> Result<Response, ApiError> {
    let store = Store::open(env)?;
    authenticate(req, &store, &shop).await?;
    let stored = load(&store, &shop, rma, None).await?;
    http::json(&view(&stored), 200)
}

/// `POST /v1/admin/shops/{shop}/returns/{rma}/{event}` with an optional
/// `{"note": "..."}`.
pub async fn transition(
    mut req: Request,
    env: &Env,
    ctx: &Context,
    shop: ShopId,
    rma: &str,
    event: ReturnEvent,
) -> Result<Response, ApiError> {
    let store = Store::open(env)?;
    authenticate(&req, &store, &shop).await?;
    let body = http::read_body(&mut req, http::MAX_JSON_BODY).await?;
    let request: TransitionRequest = if body.iter().all(u8::is_ascii_whitespace) {
        TransitionRequest::default()
    } else {
        serde_json::from_slice(&body).map_err(|err| ApiError::InvalidJson(err.to_string()))?
    };
    let note = request.note().map_err(|reason| ApiError::InvalidField {
        field: "note",
        reason,
    })?;
    let stored = load(&store, &shop, rma, None).await?;
    let moved = apply(
        &store,
        &shop,
        &stored,
        event,
        Actor::Merchant,
        note.as_deref(),
    )
    .await?;
    outbound::deliver_soon(ctx, env, &shop);
    http::json(&view(&moved), 200)
}

/// Decides `event` on `stored` and writes it. The answer is the return as
/// stored afterwards. Shared by the merchant's and the shopper's routes.
pub async fn apply(
    store: &Store,
    shop: &ShopId,
    stored: &StoredReturn,
    event: ReturnEvent,
    actor: Actor,
    note: Option<&str>,
) -> Result<StoredReturn, ApiError> {
    let rma = RmaNumber::new(stored.seq);
    let step = returns::transition(stored.status, event, actor, now()).map_err(|err| {
        ApiError::InvalidTransition(match err {
            LifecycleError::Illegal { from, event } => format!(
                "Return {rma} is {} and cannot be {}.",
                name(from),
                past_tense(event)
            ),
            LifecycleError::NotPermitted { event, .. } => {
                format!("Only the merchant can mark a return {}.", past_tense(event))
            }
        })
    })?;
    let applied = store
        .apply_transition(shop, stored.seq, &step, note)
        .await?;
    let after = reload(store, shop, stored.seq).await?;
    if !applied {
        // Another request moved it between our read and our write.
        return Err(ApiError::InvalidTransition(format!(
            "Return {rma} was just changed to {} and cannot be {}.",
            name(after.status),
            past_tense(event)
        )));
    }
    Ok(after)
}

/// The return `rma` names in `shop` (and `order`, for shoppers), or 404.
pub async fn load(
    store: &Store,
    shop: &ShopId,
    rma: &str,
    order: Option<&OrderId>,
) -> Result<StoredReturn, ApiError> {
    let not_found = ApiError::NotFound("No such return.");
    let seq = RmaNumber::parse(rma).map_err(|_| ApiError::NotFound("No such return."))?;
    store
        .load_returns(
            shop,
            &ReturnFilter {
                order,
                seq: Some(seq.value()),
                ..ReturnFilter::default()
            },
        )
        .await?
        .into_iter()
        .next()
        .ok_or(not_found)
}

async fn reload(store: &Store, shop: &ShopId, seq: u64) -> Result<StoredReturn, ApiError> {
    store
        .load_returns(
            shop,
            &ReturnFilter {
                seq: Some(seq),
                ..ReturnFilter::default()
            },
        )
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::Internal("a return vanished during a transition".into()))
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

fn name(status: ReturnStatus) -> String {
    serde_json::to_value(status)
        .ok()
        .and_then(|v| v.as_str().map(|s| s.replace('_', " ")))
        .unwrap_or_default()
}

fn past_tense(event: ReturnEvent) -> &'static str {
    match event {
        ReturnEvent::Approve => "approved",
        ReturnEvent::Reject => "rejected",
        ReturnEvent::Cancel => "cancelled",
        ReturnEvent::Ship => "shipped",
        ReturnEvent::Receive => "received",
        ReturnEvent::Refund => "refunded",
        ReturnEvent::Credit => "credited",
        ReturnEvent::Exchange => "exchanged",
        ReturnEvent::Close => "closed",
    }
}
