//! The merchant's review queue and moderation.

use aftercart_shared::api::engage::{AdminReviewList, ModerationRequest};
use aftercart_shared::reviews::ModerationStatus;
use aftercart_shared::reviews::{self, ReviewCursor};
use aftercart_shared::wire::WireName;
use worker::{Request, Response};

use crate::auth::Merchant;
use crate::ctx::Ctx;
use crate::error::ApiError;
use crate::http;
use crate::page::{Page, PageRequest};

/// Reviews per page of the merchant's queue.
const PAGE_SIZE: u32 = 50;

/// `GET /v1/admin/shops/{shop}/reviews?status=…&cursor=…`
pub async fn queue(ctx: &Ctx<'_>, req: &Request, merchant: Merchant) -> Result<Response, ApiError> {
    let status = http::query(req, "status")?
        .map(|raw| {
            ModerationStatus::from_wire_name(&raw).ok_or_else(|| {
                ApiError::invalid("status", "must be pending, published or rejected")
            })
        })
        .transpose()?;
    let request = PageRequest::<ReviewCursor>::fixed(req, PAGE_SIZE)?;
    let rows = ctx
        .store()?
        .admin_reviews(
            merchant.shop(),
            status,
            request.after.as_ref(),
            request.rows(),
        )
        .await?;
    let page = Page::cut(rows, &request, |last| {
        Some(ReviewCursor {
            created_at: last.created_at,
            id: last.id.clone(),
        })
    });
    http::json(
        &AdminReviewList {
            reviews: page.items,
            next_cursor: page.next_cursor,
        },
        200,
    )
}

/// `POST /v1/admin/shops/{shop}/reviews/{id}` `{ "status": … }`
pub async fn moderate(
    ctx: &Ctx<'_>,
    req: &mut Request,
    merchant: Merchant,
    id: &str,
) -> Result<Response, ApiError> {
    let shop = merchant.shop();
    let body: ModerationRequest = http::read_json(req).await?;
    let store = ctx.store()?;
    let review = store
        .review(shop, id)
        .await?
        .ok_or(ApiError::NotFound("No such review."))?;
    let changed = reviews::moderate(review.status, body.status)
        .map_err(|err| ApiError::InvalidTransition(err.to_string()))?;
    if changed
        && !store
            .set_review_status(shop, id, review.status, body.status, ctx.now())
            .await?
    {
        return Err(ApiError::InvalidTransition(
            "The review was moderated by someone else meanwhile; reload it.".into(),
        ));
    }
    let review = store
        .review(shop, id)
        .await?
        .ok_or(ApiError::NotFound("No such review."))?;
    http::json(&review, 200)
}
