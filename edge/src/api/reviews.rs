//! Reviews: a shopper reviews a line item, anyone reads the published ones
//! with their JSON-LD. The rules live in `aftercart_shared::reviews`; the
//! merchant's queue is in `admin::reviews`.

use aftercart_shared::ShopId;
use aftercart_shared::api::engage::{ProductReviews, ReviewReceipt, ReviewSubmission};
use aftercart_shared::engage::{Action, Delivery, ProductId, Prompt};
use aftercart_shared::reviews::{self, PAGE_SIZE, author_name, review_id};
use worker::{Request, Response};

use crate::auth::OrderOwner;
use crate::ctx::Ctx;
use crate::error::ApiError;
use crate::flows::engage;
use crate::flows::referral::{self, Programs};
use crate::store::{Insert, NewReview};
use crate::{http, page};

/// Pages beyond this are refused rather than scanned.
const MAX_PAGE: u32 = 1000;

/// `POST /v1/shops/{shop}/orders/{orderId}/reviews`
pub async fn submit(
    ctx: &Ctx<'_>,
    req: &mut Request,
    shopper: OrderOwner,
) -> Result<Response, ApiError> {
    let (shop, order) = (shopper.shop(), shopper.order());
    let now = ctx.now();
    let body: ReviewSubmission = http::read_json(req).await?;
    let review = body
        .parse()
        .map_err(|err| ApiError::invalid(err.field(), &err))?;
    let store = ctx.store()?;
    let loaded = engage::load(store, shop, order).await?;
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
        .ok_or_else(|| ApiError::invalid("lineItemId", "is not a product line of this order"))?;
    let verified = Delivery::of(&loaded.order).delivered_at().is_some();
    let id = review_id(shop, order, &review.line_item_id);
    let author = author_name(
        loaded.order.customer_first_name.as_deref(),
        loaded.order.email.as_ref(),
    );
    let prompt = Prompt::ReviewRequest {
        product: product.clone(),
    };
    let stored = NewReview {
        id: &id,
        order,
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
    let loyalty = Programs::load(store, shop).await?.loyalty;
    let points = referral::review_posting(
        store,
        shop,
        loyalty.as_ref(),
        &loaded.order,
        &id,
        &loaded.mailbox,
        now,
    )?;
    let answered = loaded.event(&prompt, Action::Answered, now);
    if store
        .insert_review(shop, &stored, &answered, points)
        .await?
        == Insert::AlreadyExists
    {
        return Err(ApiError::AlreadyAnswered("This item was already reviewed."));
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
    ctx: &Ctx<'_>,
    req: &Request,
    shop: ShopId,
    product: ProductId,
) -> Result<Response, ApiError> {
    let page = page::number(req, MAX_PAGE)?;
    let (name, summary, reviews) = ctx
        .store()?
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
