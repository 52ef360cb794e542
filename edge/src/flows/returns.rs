//! The returns lifecycle, shared by the merchant's steps and the shopper's
//! cancel. `aftercart_shared::returns::lifecycle` decides what may happen;
//! the store makes each step a conditional write, so of two concurrent
//! steps from the same status exactly one applies.

use aftercart_shared::returns::{
    self, Actor, LifecycleError, ReturnEvent, ReturnStatus, RmaNumber,
};
use aftercart_shared::{OrderId, ShopId, UnixTime};

use crate::error::ApiError;
use crate::store::{Store, StoredReturn};
use aftercart_shared::wire::WireName;

/// The return `rma` names in `shop` (and `order`, for shoppers), or 404.
pub async fn load(
    store: &Store,
    shop: &ShopId,
    rma: &str,
    order: Option<&OrderId>,
) -> Result<StoredReturn, ApiError> {
    let not_found = || ApiError::NotFound("No such return.");
    let seq = RmaNumber::parse(rma).map_err(|_| not_found())?;
    store
        .find_return(shop, seq.value(), order)
        .await?
        .ok_or_else(not_found)
}

/// Decides `event` on `stored` and writes it. The answer is the return as
/// stored afterwards.
pub async fn apply(
    store: &Store,
    shop: &ShopId,
    stored: &StoredReturn,
    step: Step<'_>,
    now: UnixTime,
) -> Result<StoredReturn, ApiError> {
    let Step { event, actor, note } = step;
    let rma = RmaNumber::new(stored.seq);
    let transition = returns::transition(stored.status, event, actor, now).map_err(|err| {
        ApiError::InvalidTransition(match err {
            LifecycleError::Illegal { from, event } => format!(
                "Return {rma} is {} and cannot be {}.",
                spoken(from),
                past_tense(event)
            ),
            LifecycleError::NotPermitted { event, .. } => {
                format!("Only the merchant can mark a return {}.", past_tense(event))
            }
        })
    })?;
    let applied = store
        .apply_transition(shop, stored.seq, &transition, note)
        .await?;
    let after = store
        .find_return(shop, stored.seq, None)
        .await?
        .ok_or_else(|| ApiError::internal("a return vanished during a transition"))?;
    if !applied {
        // Another request moved it between our read and our write.
        return Err(ApiError::InvalidTransition(format!(
            "Return {rma} was just changed to {} and cannot be {}.",
            spoken(after.status),
            past_tense(event)
        )));
    }
    Ok(after)
}

/// One step asked for: what, by whom, and the merchant's note.
#[derive(Debug, Clone, Copy)]
pub struct Step<'a> {
    pub event: ReturnEvent,
    pub actor: Actor,
    pub note: Option<&'a str>,
}

/// `in_transit` → "in transit".
fn spoken(status: ReturnStatus) -> String {
    status.wire_name().replace('_', " ")
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
