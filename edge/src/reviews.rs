//! Reviews: a shopper reviews a line item, the merchant moderates, anyone
//! reads the published ones with their JSON-LD. The rules live in
//! `aftercart_shared::reviews`.

use aftercart_shared::api::{
    AdminReviewList, ModerationRequest, ModerationStatus, ProductReviews, ReviewReceipt,
    ReviewSubmission,
};
use aftercart_shared::engage::{Action, Delivery, ProductId, Prompt};
use aftercart_shared::reviews::{
    self, PAGE_SIZE, ReviewCursor, ValidReview, author_name, review_id,
};
use aftercart_shared::{OrderId, ShopId};
use worker::{Env, Request, Response};

use crate::admin::authenticate;
use crate::referrals::{self, Programs};
use crate::routes::now;
use crate::shopper::{Secrets, authorize};
use crate::store::{NewReview, Store};
use crate::{ApiError, engage, http};

/// Pages beyond this are refused rather than scanned.
const MAX_PAGE: u32 = 1000;
/// Reviews per page of the merchant's queue.
const ADMIN_PAGE_SIZE: u32 = 50;

/// `POST /v1/shops/{shop}/orders/{orderId}/reviews`
pub async fn submit(
    mut req: Request,
    env: &Env,
    shop: ShopId,
    order: OrderId,
) -> Result<Response, ApiError> {
    let now = now();
    authorize(&req, &Secrets::read(env)?, &shop, Some(&order), now)?;
    let body: ReviewSubmission = http::read_json(&mut req).await?;
    let review = ValidReview::parse(&body).map_err(|err| ApiError::InvalidField {
        field: err.field(),
        reason: err.to_string(),
    })?;
    let store = Store::open(env)?;
    let loaded = engage::load(&store, &shop, &order).await?;
    // From the settings alone, before and apart from the rating.
    let reward = loaded.content.review_incentive.reward();
    let status = loaded.content.review_incentive.initial_status();

    if loaded.order.cancelled_at.is_some() {
        return Err(ApiError::InvalidTransition(
            "A cancelled order cannot be reviewed.".into(),
        ));
    }
    let product = loaded
        .order
        .line_items
        .iter()
        .find(|li| li.id == review.line_item_id)
        .and_then(|li| li.product_id.as_deref())
        .and_then(|id| ProductId::parse(id).ok())
        .ok_or_else(|| ApiError::InvalidField {
            field: "lineItemId",
            reason: "is not a product line of this order".into(),
        })?;
    let verified = Delivery::of(&loaded.order).delivered_at().is_some();
    let id = review_id(&shop, &order, &review.line_item_id);
    let author = author_name(
        loaded.order.customer_first_name.as_deref(),
        loaded.order.email.as_ref(),
    );
    let prompt = Prompt::ReviewRequest {
        product: product.clone(),
    };
    let stored = NewReview {
        id: &id,
        order: &order,
        line_item_id: &review.line_item_id,
        product_id: &product,
        mailbox: &loaded.mailbox,
        author: &author,
        rating: review.rating,
        title: &review.title,
        body: &review.body,
        photo_url: review.photo_url.as_deref(),
        status,
        verified,
        incentivized: reward.incentivized(),
        coupon: reward.coupon.as_deref(),
        at: now,
    };
    let loyalty = Programs::load(&store, &shop).await?.loyalty;
    let points = referrals::review_posting(
        &store,
        &shop,
        loyalty.as_ref(),
        &loaded.order,
        &id,
        &loaded.mailbox,
        now,
    )?;
    match store
        .insert_review(
            &shop,
            &stored,
            &loaded.event(&prompt, Action::Answered, now),
            points,
        )
        .await
    {
        Ok(()) => {}
        Err(err)
            if err
                .to_string()
                .contains("UNIQUE constraint failed: reviews") =>
        {
            return Err(ApiError::AlreadyAnswered("This item was already reviewed."));
        }
        Err(err) => return Err(err.into()),
    }
    http::json(
        &ReviewReceipt {
            incentivized: reward.incentivized(),
            coupon: reward.coupon,
            id,
            status,
            verified,
        },
        201,
    )
}

/// `GET /v1/shops/{shop}/products/{productId}/reviews?page=N`: public.
pub async fn published(
    req: &Request,
    env: &Env,
    shop: ShopId,
    product: ProductId,
) -> Result<Response, ApiError> {
    let page = match http::query(req, "page")? {
        None => 1,
        Some(raw) => raw
            .parse::<u32>()
            .ok()
            .filter(|p| (1..=MAX_PAGE).contains(p))
            .ok_or_else(|| ApiError::InvalidField {
                field: "page",
                reason: format!("must be a whole number from 1 to {MAX_PAGE}"),
            })?,
    };
    let store = Store::open(env)?;
    let (name, summary, reviews) = store
        .published_reviews(&shop, &product, page, PAGE_SIZE)
        .await?
        .ok_or(ApiError::NotFound("No such shop."))?;
    let json_ld = reviews::product_json_ld(product.as_str(), &name, summary, &reviews);
    let mut response = http::json(
        &ProductReviews {
            product_id: product.to_string(),
            count: summary.count,
            average_rating: summary.average(),
            page,
            page_size: PAGE_SIZE,
            reviews,
            json_ld,
        },
        200,
    )?;
    // Public and the same for everyone: caches may keep it briefly.
    http::set(&mut response, "cache-control", "public, max-age=60")?;
    Ok(response)
}

/// `GET /v1/admin/shops/{shop}/reviews?status=…&cursor=…`
pub async fn queue(req: &Request, env: &Env, shop: ShopId) -> Result<Response, ApiError> {
    let store = Store::open(env)?;
    authenticate(req, &store, &shop).await?;
    let status = http::query(req, "status")?
        .map(|raw| {
            ModerationStatus::from_name(&raw).ok_or_else(|| ApiError::InvalidField {
                field: "status",
                reason: "must be pending, published or rejected".into(),
            })
        })
        .transpose()?;
    let cursor = http::query(req, "cursor")?
        .map(|raw| {
            ReviewCursor::parse(&raw).ok_or_else(|| ApiError::InvalidField {
                field: "cursor",
                reason: "is not a cursor this API gave out".into(),
            })
        })
        .transpose()?;
    let mut reviews = store
        .admin_reviews(&shop, status, cursor.as_ref(), ADMIN_PAGE_SIZE)
        .await?;
    let more = reviews.len() > ADMIN_PAGE_SIZE as usize;
    reviews.truncate(ADMIN_PAGE_SIZE as usize);
    let next_cursor = more.then(|| reviews.last()).flatten().map(|last| {
        ReviewCursor {
            created_at: last.created_at,
            id: last.id.clone(),
        }
        .to_string()
    });
    http::json(
        &AdminReviewList {
            reviews,
            next_cursor,
        },
        200,
    )
}

/// `POST /v1/admin/shops/{shop}/reviews/{id}` `{ "status": … }`
pub async fn moderate(
    mut req: Request,
    env: &Env,
    shop: ShopId,
    id: String,
) -> Result<Response, ApiError> {
    let store = Store::open(env)?;
    authenticate(&req, &store, &shop).await?;
    let body: ModerationRequest = http::read_json(&mut req).await?;
    let review = store
        .review(&shop, &id)
        .await?
        .ok_or(ApiError::NotFound("No such review."))?;
    let changed = reviews::moderate(review.status, body.status)
        .map_err(|err| ApiError::InvalidTransition(err.to_string()))?;
    if changed
        && !store
            .set_review_status(&shop, &id, review.status, body.status, now())
            .await?
    {
        return Err(ApiError::InvalidTransition(
            "The review was moderated by someone else meanwhile; reload it.".into(),
        ));
    }
    let review = store
        .review(&shop, &id)
        .await?
        .ok_or(ApiError::NotFound("No such review."))?;
    http::json(&review, 200)
}
