//! D1 access for engagement: prompt history, settings, reviews and NPS.

use std::collections::{BTreeMap, HashMap};

use aftercart_shared::api::{AdminReview, ModerationStatus, PublishedReview};
use aftercart_shared::engage::{Action, Event, History, ProductId, Prompt, PromptKind};
use aftercart_shared::reviews::{RatingSummary, ReviewCursor};
use aftercart_shared::{OrderId, ShopId, UnixTime};
use serde::Deserialize;
use wasm_bindgen::JsValue;
use worker::D1PreparedStatement;

use super::{Store, corrupt, from_stored_name, int, json_list, opt_text, rows, stored_name, text};
use crate::ApiError;

/// What the scheduler needs beyond the order.
pub struct EngagementInputs {
    /// `shop_settings` values by key.
    pub settings: HashMap<String, String>,
    pub history: History,
    /// Published reviews per product of the order.
    pub review_counts: BTreeMap<ProductId, u32>,
    /// The shop's name, as the NPS question says it.
    pub shop_name: String,
}

/// A prompt event to store.
pub struct NewEvent<'a> {
    pub mailbox: &'a str,
    pub order: &'a OrderId,
    pub prompt: &'a Prompt,
    pub action: Action,
    pub at: UnixTime,
    /// For `shown`: a showing of the same prompt on the same order after
    /// this time makes the insert a no-op (a reload racing itself).
    pub visit_start: UnixTime,
}

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
struct EventRow {
    order_id: String,
    kind: String,
    product_id: Option<String>,
    discount: i64,
    action: String,
    at: i64,
}

#[derive(Deserialize)]
struct CountRow {
    product_id: String,
    count: u32,
}

#[derive(Deserialize)]
struct ShopNameRow {
    name: String,
}

#[derive(Deserialize)]
struct SettingRow {
    key: String,
    value: String,
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

/// How far back the scheduler looks: its longest memory is the product
/// cooldown (at most ten years); the cap on rows keeps a pathological
/// history from growing the request.
const HISTORY_ROWS: u32 = 2000;

fn prompt_of(row: &EventRow) -> Result<Prompt, ApiError> {
    let kind: PromptKind = from_stored_name("prompt kind", &row.kind)?;
    Ok(match kind {
        PromptKind::ReviewRequest => Prompt::ReviewRequest {
            product: ProductId::parse(row.product_id.as_deref().unwrap_or_default())
                .map_err(|e| corrupt("prompt product", e))?,
        },
        PromptKind::ReferralOffer => Prompt::ReferralOffer,
        PromptKind::Nps => Prompt::Nps,
        PromptKind::Recommendations => Prompt::Recommendations {
            discount: row.discount != 0,
        },
        PromptKind::UsageTips => Prompt::UsageTips,
        PromptKind::ThankYou => Prompt::ThankYou,
    })
}

fn review_row(row: ReviewRow) -> Result<AdminReview, ApiError> {
    Ok(AdminReview {
        status: ModerationStatus::from_name(&row.status)
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

fn product_of(prompt: &Prompt) -> Option<&str> {
    match prompt {
        Prompt::ReviewRequest { product } => Some(product.as_str()),
        _ => None,
    }
}

fn bool_int(value: bool) -> JsValue {
    int(i64::from(value))
}

impl Store {
    /// Settings under `keys`, the shopper's prompt history and the review
    /// counts of `products`, in one round trip.
    pub async fn engagement_inputs(
        &self,
        shop: &ShopId,
        keys: &[&str],
        mailbox: &str,
        products: &[&str],
    ) -> Result<EngagementInputs, ApiError> {
        let results = self
            .db
            .batch(vec![
                self.statement(
                    "SELECT key, value FROM shop_settings WHERE shop_id = ?1 \
                     AND key IN (SELECT value FROM json_each(?2))",
                    &[text(shop.as_str()), json_list(keys.iter().copied())],
                )?,
                self.statement(
                    &format!(
                        "SELECT order_id, kind, product_id, discount, action, at FROM prompt_events \
                         WHERE shop_id = ?1 AND mailbox = ?2 ORDER BY at DESC LIMIT {HISTORY_ROWS}"
                    ),
                    &[text(shop.as_str()), text(mailbox)],
                )?,
                self.statement(
                    "SELECT product_id, COUNT(*) AS count FROM reviews WHERE shop_id = ?1 \
                     AND status = 'published' AND product_id IN (SELECT value FROM json_each(?2)) \
                     GROUP BY product_id",
                    &[text(shop.as_str()), json_list(products.iter().copied())],
                )?,
                self.statement("SELECT name FROM shops WHERE id = ?1", &[text(shop.as_str())])?,
            ])
            .await?;
        let [settings, events, counts, shop_row] = results.as_slice() else {
            return Err(ApiError::Internal(
                "D1 batch returned the wrong number of results".into(),
            ));
        };
        let settings = rows::<SettingRow>(settings)?
            .into_iter()
            .map(|r| (r.key, r.value))
            .collect();
        let events = rows::<EventRow>(events)?
            .iter()
            .map(|row| {
                Ok(Event {
                    at: UnixTime::from_secs(row.at),
                    order: OrderId::parse(&row.order_id).map_err(|e| corrupt("order id", e))?,
                    prompt: prompt_of(row)?,
                    action: from_stored_name("prompt action", &row.action)?,
                })
            })
            .collect::<Result<Vec<_>, ApiError>>()?;
        let review_counts = rows::<CountRow>(counts)?
            .into_iter()
            .filter_map(|r| Some((ProductId::parse(&r.product_id).ok()?, r.count)))
            .collect();
        let shop_name = rows::<ShopNameRow>(shop_row)?
            .into_iter()
            .next()
            .map(|row| row.name)
            .unwrap_or_default();
        Ok(EngagementInputs {
            settings,
            history: History::new(events),
            review_counts,
            shop_name,
        })
    }

    /// An insert of `event` that does nothing when the same fact is already
    /// stored, so concurrent reports of one showing or one dismissal are
    /// kept once: a showing after `visit_start`, a dismissal or answer at
    /// any time (a dismissal also yields to an answer).
    fn event_statement(
        &self,
        shop: &ShopId,
        event: &NewEvent<'_>,
    ) -> Result<D1PreparedStatement, ApiError> {
        let (already, since) = match event.action {
            Action::Shown => ("'shown'", event.visit_start.secs()),
            Action::Dismissed => ("'dismissed', 'answered'", -1),
            Action::Answered => ("'answered'", -1),
        };
        self.statement(
            &format!(
                "INSERT INTO prompt_events (shop_id, mailbox, order_id, kind, product_id, discount, action, at) \
                 SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 WHERE NOT EXISTS (SELECT 1 FROM prompt_events \
                 WHERE shop_id = ?1 AND order_id = ?3 AND mailbox = ?2 AND kind = ?4 \
                 AND product_id IS ?5 AND discount = ?6 AND action IN ({already}) AND at > ?9)"
            ),
            &[
                text(shop.as_str()),
                text(event.mailbox),
                text(event.order.as_str()),
                text(&stored_name(&event.prompt.kind())),
                opt_text(product_of(event.prompt)),
                bool_int(matches!(
                    event.prompt,
                    Prompt::Recommendations { discount: true }
                )),
                text(&stored_name(&event.action)),
                int(event.at.secs()),
                int(since),
            ],
        )
    }

    pub async fn record_prompt_event(
        &self,
        shop: &ShopId,
        event: &NewEvent<'_>,
    ) -> Result<(), ApiError> {
        self.event_statement(shop, event)?.run().await?;
        Ok(())
    }

    /// Stores a review, the answer to its review request and the review's
    /// loyalty points (if any) in one transaction. Fails with the
    /// database's UNIQUE error when the line item was already reviewed.
    pub async fn insert_review(
        &self,
        shop: &ShopId,
        review: &NewReview<'_>,
        answered: &NewEvent<'_>,
        points: Option<D1PreparedStatement>,
    ) -> Result<(), worker::Error> {
        let insert = self
            .statement(
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
                    text(review.status.as_str()),
                    bool_int(review.verified),
                    bool_int(review.incentivized),
                    opt_text(review.coupon),
                    int(review.at.secs()),
                ],
            )
            .map_err(|e| worker::Error::RustError(e.to_string()))?;
        let event = self
            .event_statement(shop, answered)
            .map_err(|e| worker::Error::RustError(e.to_string()))?;
        self.commit([insert, event].into_iter().chain(points).collect())
            .await
    }

    /// Stores an NPS answer and the answer to the NPS prompt in one
    /// transaction; the UNIQUE error says the order already answered.
    pub async fn insert_nps(
        &self,
        shop: &ShopId,
        score: u8,
        comment: Option<&str>,
        answered: &NewEvent<'_>,
    ) -> Result<(), worker::Error> {
        let insert = self
            .statement(
                "INSERT INTO nps_responses (shop_id, order_id, mailbox, score, comment, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                &[
                    text(shop.as_str()),
                    text(answered.order.as_str()),
                    text(answered.mailbox),
                    int(i64::from(score)),
                    opt_text(comment),
                    int(answered.at.secs()),
                ],
            )
            .map_err(|e| worker::Error::RustError(e.to_string()))?;
        let event = self
            .event_statement(shop, answered)
            .map_err(|e| worker::Error::RustError(e.to_string()))?;
        self.commit(vec![insert, event]).await
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
    ) -> Result<Option<(String, RatingSummary, Vec<PublishedReview>)>, ApiError> {
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
        let results = self
            .db
            .batch(vec![
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
        let [shop_row, summary, page_rows, title] = results.as_slice() else {
            return Err(ApiError::Internal(
                "D1 batch returned the wrong number of results".into(),
            ));
        };
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
            .collect::<Result<_, ApiError>>()?;
        let name = rows::<TitleRow>(title)?
            .into_iter()
            .next()
            .map_or_else(|| product.to_string(), |t| t.title);
        Ok(Some((name, summary, reviews)))
    }

    /// The merchant's queue: oldest first, after `cursor`, optionally of
    /// one status; `limit + 1` rows so the caller knows if more follow.
    pub async fn admin_reviews(
        &self,
        shop: &ShopId,
        status: Option<ModerationStatus>,
        after: Option<&ReviewCursor>,
        limit: u32,
    ) -> Result<Vec<AdminReview>, ApiError> {
        let (after_secs, after_id) =
            after.map_or((-1, ""), |c| (c.created_at.secs(), c.id.as_str()));
        let result = self
            .statement(
                &format!(
                    "SELECT {REVIEW_COLUMNS} FROM reviews WHERE shop_id = ?1 \
                     AND (?2 IS NULL OR status = ?2) AND (created_at, id) > (?3, ?4) \
                     ORDER BY created_at, id LIMIT {}",
                    limit + 1
                ),
                &[
                    text(shop.as_str()),
                    opt_text(status.map(ModerationStatus::as_str)),
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

    pub async fn review(&self, shop: &ShopId, id: &str) -> Result<Option<AdminReview>, ApiError> {
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
    ) -> Result<bool, ApiError> {
        let result = self
            .statement(
                "UPDATE reviews SET status = ?4, moderated_at = ?5 \
                 WHERE shop_id = ?1 AND id = ?2 AND status = ?3",
                &[
                    text(shop.as_str()),
                    text(id),
                    text(from.as_str()),
                    text(to.as_str()),
                    int(at.secs()),
                ],
            )?
            .run()
            .await?;
        let changed = result.meta()?.and_then(|m| m.changes).unwrap_or_default();
        Ok(changed > 0)
    }
}
