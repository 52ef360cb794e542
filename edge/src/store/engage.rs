//! D1 access for engagement: prompt history, the scheduler's inputs and
//! NPS answers.

use std::collections::{BTreeMap, HashMap};

use aftercart_shared::engage::{Action, Event, History, ProductId, Prompt, PromptKind};
use aftercart_shared::{OrderId, ShopId, UnixTime};
use serde::Deserialize;
use worker::D1PreparedStatement;

use super::db::Store;
use super::error::{Error, Insert, once_on};
use super::row::{bool_int, corrupt, first, int, json_list, named, opt_text, rows, text};
use super::shop::settings_map;
use aftercart_shared::wire::WireName;

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

/// How far back the scheduler looks: its longest memory is the product
/// cooldown (at most ten years); the cap on rows keeps a pathological
/// history from growing the request.
const HISTORY_ROWS: u32 = 2000;

fn prompt_of(row: &EventRow) -> Result<Prompt, Error> {
    let kind: PromptKind = named("prompt kind", &row.kind)?;
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

fn product_of(prompt: &Prompt) -> Option<&str> {
    match prompt {
        Prompt::ReviewRequest { product } => Some(product.as_str()),
        _ => None,
    }
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
    ) -> Result<EngagementInputs, Error> {
        let [settings, events, counts, shop_row] = &self
            .batch([
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
        let settings = settings_map(settings)?;
        let events = rows::<EventRow>(events)?
            .iter()
            .map(|row| {
                Ok(Event {
                    at: UnixTime::from_secs(row.at),
                    order: OrderId::parse(&row.order_id).map_err(|e| corrupt("order id", e))?,
                    prompt: prompt_of(row)?,
                    action: named("prompt action", &row.action)?,
                })
            })
            .collect::<Result<Vec<_>, Error>>()?;
        let review_counts = rows::<CountRow>(counts)?
            .into_iter()
            .filter_map(|r| Some((ProductId::parse(&r.product_id).ok()?, r.count)))
            .collect();
        let shop_name = first::<ShopNameRow>(shop_row)?
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
    pub(super) fn event_statement(
        &self,
        shop: &ShopId,
        event: &NewEvent<'_>,
    ) -> Result<D1PreparedStatement, Error> {
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
                text(event.prompt.kind().wire_name()),
                opt_text(product_of(event.prompt)),
                bool_int(matches!(
                    event.prompt,
                    Prompt::Recommendations { discount: true }
                )),
                text(event.action.wire_name()),
                int(event.at.secs()),
                int(since),
            ],
        )
    }

    pub async fn record_prompt_event(
        &self,
        shop: &ShopId,
        event: &NewEvent<'_>,
    ) -> Result<(), Error> {
        self.event_statement(shop, event)?.run().await?;
        Ok(())
    }

    /// Stores an NPS answer and the answer to the NPS prompt in one
    /// transaction; `AlreadyExists` when the order already answered.
    pub async fn insert_nps(
        &self,
        shop: &ShopId,
        score: u8,
        comment: Option<&str>,
        answered: &NewEvent<'_>,
    ) -> Result<Insert, Error> {
        let insert = self.statement(
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
        )?;
        let event = self.event_statement(shop, answered)?;
        once_on("nps_responses", self.commit(vec![insert, event]).await)
    }
}
