//! D1 access for reviews: storing one, the public listing, the merchant's
//! queue and moderation.

use aftercart_shared::api::engage::AdminReview;
use aftercart_shared::engage::ProductId;
use aftercart_shared::reviews::{ModerationStatus, PublishedReview};
use aftercart_shared::reviews::{RatingSummary, ReviewCursor};
use aftercart_shared::wire::WireName;
use aftercart_shared::{OrderId, ShopId, UnixTime};
use serde::Deserialize;
use worker::D1PreparedStatement;

use super::db::Store;
use super::engage::NewEvent;
use super::error::{Error, Insert, once_on};
use super::row::{bool_int, corrupt, first, int, opt_text, rows, text};

/// A review to store.
pub struct NewReview<'a> {
    pub id: &'a str,
    pub order: &'a OrderId,
    pub line_item_id: &'a str,
    pub product_id: &'a ProductId,
    pub mailbox: &'a str,
    pub author: &'a str,
    pub rating: u8,
    pub title: &'a str,
    pub body: &'a str,
    pub photo_url: Option<&'a str>,
    pub status: ModerationStatus,
    pub verified: bool,
    pub incentivized: bool,
    pub coupon: Option<&'a str>,
    pub at: UnixTime,
}

#[derive(Deserialize)]
struct ReviewRow {
    id: String,
    order_id: String,
    line_item_id: String,
    product_id: String,
    author: String,
    rating: u8,
    title: String,
    body: String,
    photo_url: Option<String>,
    status: String,
    verified: i64,
    incentivized: i64,
    coupon: Option<String>,
    created_at: i64,
    moderated_at: Option<i64>,
}

const REVIEW_COLUMNS: &str = "id, order_id, line_item_id, product_id, author, rating, title, body, \
     photo_url, status, verified, incentivized, coupon, created_at, moderated_at";

fn review_row(row: ReviewRow) -> Result<AdminReview, Error> {
    Ok(AdminReview {
        status: ModerationStatus::from_wire_name(&row.status)
            .ok_or_else(|| corrupt("review status", &row.status))?,
        id: row.id,
        order_id: row.order_id,
        line_item_id: row.line_item_id,
        product_id: row.product_id,
        author: row.author,
        rating: row.rating,
        title: row.title,
        body: row.body,
        photo_url: row.photo_url,
        verified: row.verified != 0,
        incentivized: row.incentivized != 0,
        coupon: row.coupon,
        created_at: UnixTime::from_secs(row.created_at),
        moderated_at: row.moderated_at.map(UnixTime::from_secs),
    })
}

impl Store {
    /// Stores a review, the answer to its review request and the review's
    /// loyalty points (if any) in one transaction; `AlreadyExists` when the
    /// line item was already reviewed.
    pub async fn insert_review(
        &self,
        shop: &ShopId,
        review: &NewReview<'_>,
        answered: &NewEvent<'_>,
        points: Option<D1PreparedStatement>,
    ) -> Result<Insert, Error> {
        let insert = self.statement(
            &format!(
                "INSERT INTO reviews (shop_id, mailbox, {REVIEW_COLUMNS}) VALUES \
                     (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, NULL)"
            ),
            &[
                text(shop.as_str()),
                text(review.mailbox),
                text(review.id),
                text(review.order.as_str()),
                text(review.line_item_id),
                text(review.product_id.as_str()),
                text(review.author),
                int(i64::from(review.rating)),
                text(review.title),
                text(review.body),
                opt_text(review.photo_url),
                text(review.status.wire_name()),
                bool_int(review.verified),
                bool_int(review.incentivized),
                opt_text(review.coupon),
                int(review.at.secs()),
            ],
        )?;
        let event = self.event_statement(shop, answered)?;
        let statements = [insert, event].into_iter().chain(points).collect();
        once_on("reviews", self.commit(statements).await)
    }

    /// Whether the shop exists, the product's name as last sold, its
    /// published rating summary and one page of its published reviews,
    /// newest first.
    pub async fn published_reviews(
        &self,
        shop: &ShopId,
        product: &ProductId,
        page: u32,
        page_size: u32,
    ) -> Result<Option<(String, RatingSummary, Vec<PublishedReview>)>, Error> {
        #[derive(Deserialize)]
        struct ShopRow {
            #[allow(dead_code, reason = "the row's existence is the answer")]
            id: String,
        }
        #[derive(Deserialize)]
        struct SummaryRow {
            count: u32,
            rating_sum: Option<i64>,
        }
        #[derive(Deserialize)]
        struct TitleRow {
            title: String,
        }
        let key = [text(shop.as_str()), text(product.as_str())];
        let offset = i64::from(page.saturating_sub(1)) * i64::from(page_size);
        let [shop_row, summary, page_rows, title] = &self
            .batch([
                self.statement("SELECT id FROM shops WHERE id = ?1", &key[..1])?,
                self.statement(
                    "SELECT COUNT(*) AS count, SUM(rating) AS rating_sum FROM reviews \
                     WHERE shop_id = ?1 AND product_id = ?2 AND status = 'published'",
                    &key,
                )?,
                self.statement(
                    &format!(
                        // Reviews of one second keep the order they were written
                        // in (rowid), not the order of their hashed ids.
                        "SELECT {REVIEW_COLUMNS} FROM reviews WHERE shop_id = ?1 AND product_id = ?2 \
                         AND status = 'published' ORDER BY created_at DESC, rowid DESC \
                         LIMIT {page_size} OFFSET {offset}"
                    ),
                    &key,
                )?,
                self.statement(
                    "SELECT li.title AS title FROM line_items li JOIN orders o \
                     ON o.shop_id = li.shop_id AND o.id = li.order_id \
                     WHERE li.shop_id = ?1 AND li.product_id = ?2 ORDER BY o.placed_at DESC LIMIT 1",
                    &key,
                )?,
            ])
            .await?;
        if rows::<ShopRow>(shop_row)?.is_empty() {
            return Ok(None);
        }
        let summary = rows::<SummaryRow>(summary)?
            .first()
            .map(|s| RatingSummary {
                count: s.count,
                rating_sum: u64::try_from(s.rating_sum.unwrap_or(0)).unwrap_or(0),
            })
            .unwrap_or_default();
        let reviews = rows::<ReviewRow>(page_rows)?
            .into_iter()
            .map(|row| {
                let r = review_row(row)?;
                Ok(PublishedReview {
                    id: r.id,
                    author: r.author,
                    rating: r.rating,
                    title: r.title,
                    body: r.body,
                    photo_url: r.photo_url,
                    verified: r.verified,
                    incentivized: r.incentivized,
                    created_at: r.created_at,
                })
            })
            .collect::<Result<_, Error>>()?;
        let name = first::<TitleRow>(title)?.map_or_else(|| product.to_string(), |t| t.title);
        Ok(Some((name, summary, reviews)))
    }

    /// The merchant's queue: oldest first, after `after`, optionally of one
    /// status; at most `limit` reviews.
    pub async fn admin_reviews(
        &self,
        shop: &ShopId,
        status: Option<ModerationStatus>,
        after: Option<&ReviewCursor>,
        limit: u32,
    ) -> Result<Vec<AdminReview>, Error> {
        let (after_secs, after_id) =
            after.map_or((-1, ""), |c| (c.created_at.secs(), c.id.as_str()));
        let result = self
            .statement(
                &format!(
                    "SELECT {REVIEW_COLUMNS} FROM reviews WHERE shop_id = ?1 \
                     AND (?2 IS NULL OR status = ?2) AND (created_at, id) > (?3, ?4) \
                     ORDER BY created_at, id LIMIT {limit}"
                ),
                &[
                    text(shop.as_str()),
                    opt_text(status.map(ModerationStatus::wire_name)),
                    int(after_secs),
                    text(after_id),
                ],
            )?
            .all()
            .await?;
        rows::<ReviewRow>(&result)?
            .into_iter()
            .map(review_row)
            .collect()
    }

    pub async fn review(&self, shop: &ShopId, id: &str) -> Result<Option<AdminReview>, Error> {
        let row: Option<ReviewRow> = self
            .statement(
                &format!("SELECT {REVIEW_COLUMNS} FROM reviews WHERE shop_id = ?1 AND id = ?2"),
                &[text(shop.as_str()), text(id)],
            )?
            .first(None)
            .await?;
        row.map(review_row).transpose()
    }

    /// Moves a review from `from` to `to`; `false` when it was no longer
    /// in `from` (another moderator got there first).
    pub async fn set_review_status(
        &self,
        shop: &ShopId,
        id: &str,
        from: ModerationStatus,
        to: ModerationStatus,
        at: UnixTime,
    ) -> Result<bool, Error> {
        let result = self
            .statement(
                "UPDATE reviews SET status = ?4, moderated_at = ?5 \
                 WHERE shop_id = ?1 AND id = ?2 AND status = ?3",
                &[
                    text(shop.as_str()),
                    text(id),
                    text(from.wire_name()),
                    text(to.wire_name()),
                    int(at.secs()),
                ],
            )?
            .run()
            .await?;
        Ok(Self::changes(&result)? > 0)
    }
}
