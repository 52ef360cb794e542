//! D1 access. Rows in, domain values out; statements out, rows in. No
//! decisions here: those are made in `aftercart-shared`.

use std::cell::RefCell;
use std::collections::HashMap;

use aftercart_shared::api::ReturnHistoryEntry;
use aftercart_shared::ingest::plan::{Known, Lookups, WaitKey, Write};
use aftercart_shared::ingest::{OrderUpsert, ShipmentUpsert, Source, TrackingNumber};
use aftercart_shared::order::{LineItem, Order, Shipment, TransitHistory};
use aftercart_shared::referral::MailboxKey;
use aftercart_shared::returns::{
    ApprovedItem, ApprovedReturn, EarlierReturn, ReturnStatus, ReturnedUnits,
};
use aftercart_shared::tracking::{Checkpoint, TrackingStatus};
use aftercart_shared::{Email, OrderId, OrderNumber, ShopId, UnixTime};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement, D1Result, Env};

use crate::{ApiError, bindings};

mod lifecycle;
mod outbox;

pub use outbox::{AttemptLog, AttemptRow, OutboxRow};
mod engage;
mod referral;

pub use engage::{NewEvent, NewReview};
pub use referral::{NewPosting, NewRedemption, Outcome};

pub struct Store {
    db: D1Database,
}

/// Which order a read starts from.
#[derive(Debug, Clone, Copy)]
pub enum OrderKey<'a> {
    Number(&'a OrderNumber),
    Id(&'a OrderId),
}

impl OrderKey<'_> {
    fn column(self) -> &'static str {
        match self {
            Self::Number(_) => "order_number",
            Self::Id(_) => "id",
        }
    }

    fn value(self) -> &'static str {
        // Placeholder position, not the value: values are always bound.
        "?2"
    }

    fn bound(self) -> JsValue {
        match self {
            Self::Number(n) => text(n.as_str()),
            Self::Id(id) => text(id.as_str()),
        }
    }
}

/// An order, its stored email for the caller to compare, and the same
/// shopper's other recent orders (without line items).
#[derive(Debug)]
pub struct OrderBundle {
    pub order: Order,
    pub others: Vec<Order>,
}

/// How long an isolate trusts its copy of a carrier's transit times.
const TRANSIT_CACHE_SECS: i64 = 600;

type TransitSamples = Vec<(UnixTime, UnixTime)>;

thread_local! {
    /// `(shop, carrier)` → when fetched, and the samples.
    static TRANSIT_CACHE: RefCell<HashMap<(String, String), (i64, TransitSamples)>> =
        RefCell::new(HashMap::new());
}

/// A signing secret pair for one shop and source.
#[derive(Debug, Deserialize)]
pub struct WebhookSecrets {
    pub secret: String,
    pub previous_secret: Option<String>,
}

/// One webhook delivery as received.
#[derive(Debug, Clone, Copy)]
pub struct Delivery<'a> {
    pub source: Source,
    pub id: &'a str,
    pub topic: Option<&'a str>,
    pub body: &'a str,
}

/// A delivery kept until what it waits for arrives.
#[derive(Debug, Deserialize)]
pub struct HeldDelivery {
    pub source: String,
    pub delivery_id: String,
    pub topic: Option<String>,
    pub body: String,
}

#[derive(Deserialize)]
struct OrderRow {
    id: String,
    order_number: String,
    display_number: String,
    email: String,
    customer_first_name: Option<String>,
    placed_at: i64,
    currency: String,
    total_minor: i64,
    cancelled_at: Option<i64>,
}

#[derive(Deserialize)]
struct LineItemRow {
    id: String,
    product_id: Option<String>,
    title: String,
    variant_title: Option<String>,
    sku: Option<String>,
    quantity: u32,
    unit_price_minor: i64,
    image_url: Option<String>,
}

#[derive(Deserialize)]
struct ShipmentRow {
    order_id: String,
    id: String,
    carrier: Option<String>,
    tracking_number: Option<String>,
    tracking_url: Option<String>,
    carrier_estimate: Option<i64>,
    created_at: i64,
}

#[derive(Deserialize)]
struct ShipmentItemRow {
    shipment_id: String,
    line_item_id: String,
    quantity: u32,
}

#[derive(Deserialize)]
struct TransitRow {
    carrier: String,
    shipped_at: i64,
    delivered_at: i64,
}

#[derive(Deserialize)]
struct CheckpointRow {
    order_id: String,
    shipment_id: String,
    status: String,
    sub_status: Option<String>,
    raw_status: String,
    message: String,
    location: Option<String>,
    occurred_at: i64,
}

fn text(value: &str) -> JsValue {
    JsValue::from_str(value)
}

fn int(value: i64) -> JsValue {
    // D1 numbers are JS numbers; every value we store is far below 2^53.
    JsValue::from_f64(value as f64)
}

fn opt_text(value: Option<&str>) -> JsValue {
    value.map_or(JsValue::NULL, text)
}

fn corrupt(what: &str, detail: impl std::fmt::Display) -> ApiError {
    ApiError::Internal(format!("stored {what} is invalid: {detail}"))
}

/// A JSON array, for `IN (SELECT value FROM json_each(?))`.
fn json_list<'a>(values: impl IntoIterator<Item = &'a str>) -> JsValue {
    let list: Vec<&str> = values.into_iter().collect();
    text(&serde_json::to_string(&list).unwrap_or_else(|_| "[]".to_owned()))
}

impl Store {
    pub fn open(env: &Env) -> Result<Self, ApiError> {
        Ok(Self {
            db: env.d1(bindings::DB)?,
        })
    }

    fn statement(&self, sql: &str, args: &[JsValue]) -> Result<D1PreparedStatement, ApiError> {
        Ok(self.db.prepare(sql).bind(args)?)
    }

    /// The order `key` names with the same shopper's recent orders, in one
    /// round trip. Looking up by number costs exactly the same whether or
    /// not the caller's email will match, or the order exists at all.
    pub async fn load_bundle(
        &self,
        shop: &ShopId,
        key: OrderKey<'_>,
    ) -> Result<Option<OrderBundle>, ApiError> {
        let (column, value) = (key.column(), key.value());
        let target = format!("(SELECT id FROM orders WHERE shop_id = ?1 AND {column} = {value})");
        // The target plus the shopper's newest orders: "your other orders".
        let family = format!(
            "(SELECT id FROM orders WHERE shop_id = ?1 AND email <> '' AND email = \
             (SELECT email FROM orders WHERE shop_id = ?1 AND {column} = {value}) \
             ORDER BY placed_at DESC LIMIT 6)"
        );
        let args = [text(shop.as_str()), key.bound()];
        let results = self
            .db
            .batch(vec![
                self.statement(
                    &format!(
                        "SELECT id, order_number, display_number, email, customer_first_name, placed_at, \
                         currency, total_minor, cancelled_at FROM orders \
                         WHERE shop_id = ?1 AND (id = {target} OR id IN {family}) ORDER BY placed_at DESC"
                    ),
                    &args,
                )?,
                self.statement(
                    &format!(
                        "SELECT id, product_id, title, variant_title, sku, quantity, unit_price_minor, image_url \
                         FROM line_items WHERE shop_id = ?1 AND order_id = {target} ORDER BY position, id"
                    ),
                    &args,
                )?,
                self.statement(
                    &format!(
                        "SELECT order_id, id, carrier, tracking_number, tracking_url, carrier_estimate, created_at \
                         FROM shipments WHERE shop_id = ?1 AND (order_id = {target} OR order_id IN {family}) \
                         ORDER BY created_at, id"
                    ),
                    &args,
                )?,
                self.statement(
                    &format!(
                        "SELECT shipment_id, line_item_id, quantity FROM shipment_items \
                         WHERE shop_id = ?1 AND order_id = {target}"
                    ),
                    &args,
                )?,
                self.statement(
                    &format!(
                        "SELECT order_id, shipment_id, status, sub_status, raw_status, message, location, occurred_at \
                         FROM checkpoints WHERE shop_id = ?1 AND (order_id = {target} OR order_id IN {family})"
                    ),
                    &args,
                )?,
            ])
            .await?;
        let [orders, items, shipments, shipment_items, checkpoints] = results.as_slice() else {
            return Err(ApiError::Internal(
                "D1 batch returned the wrong number of results".into(),
            ));
        };
        let orders = rows::<OrderRow>(orders)?;
        let is_target = |row: &OrderRow| match key {
            OrderKey::Number(n) => row.order_number == n.as_str(),
            OrderKey::Id(id) => row.id == id.as_str(),
        };
        if !orders.iter().any(is_target) {
            return Ok(None);
        }
        let shipment_items = rows::<ShipmentItemRow>(shipment_items)?;
        let checkpoints = rows::<CheckpointRow>(checkpoints)?;
        let mut shipments_by_order: HashMap<String, Vec<Shipment>> = HashMap::new();
        for s in rows::<ShipmentRow>(shipments)? {
            let items = shipment_items
                .iter()
                .filter(|i| i.shipment_id == s.id)
                .map(|i| (i.line_item_id.clone(), i.quantity))
                .collect();
            let checkpoints = checkpoints
                .iter()
                .filter(|c| c.shipment_id == s.id && c.order_id == s.order_id)
                .map(checkpoint)
                .collect::<Result<_, _>>()?;
            shipments_by_order
                .entry(s.order_id.clone())
                .or_default()
                .push(Shipment {
                    id: s.id,
                    carrier: s.carrier,
                    tracking_number: s.tracking_number,
                    tracking_url: s.tracking_url,
                    carrier_estimate: s.carrier_estimate.map(UnixTime::from_secs),
                    created_at: UnixTime::from_secs(s.created_at),
                    checkpoints,
                    items,
                });
        }
        let mut line_items: Vec<LineItem> = rows::<LineItemRow>(items)?
            .into_iter()
            .map(line_item)
            .collect();

        let mut target = None;
        let mut others = Vec::new();
        for row in orders {
            let mine = is_target(&row);
            let shipments = shipments_by_order.remove(&row.id).unwrap_or_default();
            let order = order(
                row,
                // Only the target's items were read; the others show none.
                if mine {
                    std::mem::take(&mut line_items)
                } else {
                    Vec::new()
                },
                shipments,
            )?;
            if mine {
                target = Some(order);
            } else {
                others.push(order);
            }
        }
        Ok(target.map(|order| OrderBundle { order, others }))
    }

    /// Past transit times with `carriers`, for predicting deliveries. They
    /// change slowly and the query scans the shop's deliveries, so each
    /// isolate keeps them for a few minutes.
    pub async fn transit_history(
        &self,
        shop: &ShopId,
        carriers: &[String],
        now: UnixTime,
    ) -> Result<TransitHistory, ApiError> {
        let mut history = TransitHistory::default();
        let mut missing = Vec::new();
        TRANSIT_CACHE.with_borrow(|cache| {
            for carrier in carriers {
                match cache.get(&(shop.to_string(), carrier.clone())) {
                    Some((fetched, samples)) if now.secs() - fetched < TRANSIT_CACHE_SECS => {
                        for &(shipped, delivered) in samples {
                            history.record(carrier, shipped, delivered);
                        }
                    }
                    _ => missing.push(carrier.as_str()),
                }
            }
        });
        if missing.is_empty() {
            return Ok(history);
        }
        let result = self
            .statement(
                "SELECT s.carrier AS carrier, s.created_at AS shipped_at, MIN(c.occurred_at) AS delivered_at \
                 FROM shipments s JOIN checkpoints c ON c.shop_id = s.shop_id \
                 AND c.order_id = s.order_id AND c.shipment_id = s.id \
                 WHERE s.shop_id = ?1 AND c.status = 'Delivered' \
                 AND s.carrier IN (SELECT value FROM json_each(?2)) \
                 GROUP BY s.order_id, s.id ORDER BY delivered_at DESC LIMIT 1000",
                &[text(shop.as_str()), json_list(missing.iter().copied())],
            )?
            .all()
            .await?;
        let mut fetched: HashMap<String, TransitSamples> = missing
            .iter()
            .map(|c| ((*c).to_owned(), Vec::new()))
            .collect();
        for row in rows::<TransitRow>(&result)? {
            let (shipped, delivered) = (
                UnixTime::from_secs(row.shipped_at),
                UnixTime::from_secs(row.delivered_at),
            );
            history.record(&row.carrier, shipped, delivered);
            fetched
                .entry(row.carrier)
                .or_default()
                .push((shipped, delivered));
        }
        TRANSIT_CACHE.with_borrow_mut(|cache| {
            for (carrier, samples) in fetched {
                cache.insert((shop.to_string(), carrier), (now.secs(), samples));
            }
        });
        Ok(history)
    }

    pub async fn webhook_secrets(
        &self,
        shop: &ShopId,
        source: Source,
    ) -> Result<Option<WebhookSecrets>, ApiError> {
        Ok(self
            .statement(
                "SELECT secret, previous_secret FROM webhook_secrets WHERE shop_id = ?1 AND source = ?2",
                &[text(shop.as_str()), text(source.as_str())],
            )?
            .first(None)
            .await?)
    }

    pub async fn admin_key_matches(
        &self,
        shop: &ShopId,
        key_sha256: &str,
    ) -> Result<bool, ApiError> {
        #[derive(Deserialize)]
        struct Row {
            #[allow(dead_code, reason = "the row's existence is the answer")]
            shop_id: String,
        }
        let row: Option<Row> = self
            .statement(
                "SELECT shop_id FROM admin_keys WHERE shop_id = ?1 AND key_sha256 = ?2",
                &[text(shop.as_str()), text(key_sha256)],
            )?
            .first(None)
            .await?;
        Ok(row.is_some())
    }

    pub async fn delivery_seen(
        &self,
        shop: &ShopId,
        source: Source,
        delivery_id: &str,
    ) -> Result<bool, ApiError> {
        #[derive(Deserialize)]
        struct Row {
            #[allow(dead_code, reason = "the row's existence is the answer")]
            outcome: String,
        }
        let row: Option<Row> = self
            .statement(
                "SELECT outcome FROM webhook_deliveries WHERE shop_id = ?1 AND source = ?2 AND delivery_id = ?3",
                &[text(shop.as_str()), text(source.as_str()), text(delivery_id)],
            )?
            .first(None)
            .await?;
        Ok(row.is_some())
    }

    /// Reads what [`aftercart_shared::ingest::plan::plan`] needs, in one round trip.
    pub async fn known(&self, shop: &ShopId, lookups: &Lookups) -> Result<Known, ApiError> {
        #[derive(Deserialize)]
        struct Id {
            id: String,
        }
        #[derive(Deserialize)]
        struct Placed {
            order_id: String,
            id: String,
            tracking_number: Option<String>,
        }
        let shop_arg = text(shop.as_str());
        let results = self
            .db
            .batch(vec![
                self.statement(
                    "SELECT id FROM orders WHERE shop_id = ?1 AND id IN (SELECT value FROM json_each(?2))",
                    &[shop_arg.clone(), json_list(lookups.order_ids.iter().map(OrderId::as_str))],
                )?,
                self.statement(
                    "SELECT order_id, id, tracking_number FROM shipments \
                     WHERE shop_id = ?1 AND id IN (SELECT value FROM json_each(?2))",
                    &[shop_arg.clone(), json_list(lookups.fulfillment_ids.iter().map(String::as_str))],
                )?,
                self.statement(
                    "SELECT order_id, id, tracking_number FROM shipments \
                     WHERE shop_id = ?1 AND tracking_number IN (SELECT value FROM json_each(?2))",
                    &[shop_arg, json_list(lookups.tracking_numbers.iter().map(TrackingNumber::as_str))],
                )?,
            ])
            .await?;
        let [orders, fulfillments, tracking] = results.as_slice() else {
            return Err(ApiError::Internal(
                "D1 batch returned the wrong number of results".into(),
            ));
        };
        let order_id = |raw: &str| OrderId::parse(raw).map_err(|e| corrupt("order id", e));
        let mut known = Known::default();
        for row in rows::<Id>(orders)? {
            known.orders.insert(order_id(&row.id)?);
        }
        for row in rows::<Placed>(fulfillments)? {
            known.fulfillments.insert(row.id, order_id(&row.order_id)?);
        }
        for row in rows::<Placed>(tracking)? {
            if let Some(number) = row
                .tracking_number
                .as_deref()
                .and_then(TrackingNumber::parse)
            {
                known
                    .tracking
                    .insert(number, (order_id(&row.order_id)?, row.id));
            }
        }
        Ok(known)
    }

    /// Runs `statements` as one transaction.
    pub async fn commit(&self, statements: Vec<D1PreparedStatement>) -> Result<(), worker::Error> {
        for result in self.db.batch(statements).await? {
            if let Some(err) = result.error() {
                return Err(worker::Error::RustError(err));
            }
        }
        Ok(())
    }

    pub fn record_delivery(
        &self,
        shop: &ShopId,
        delivery: &Delivery<'_>,
        held: bool,
        now: UnixTime,
    ) -> Result<D1PreparedStatement, ApiError> {
        // A plain INSERT: a concurrent redelivery fails the whole transaction
        // on the primary key instead of applying twice.
        self.statement(
            "INSERT INTO webhook_deliveries (shop_id, source, delivery_id, topic, outcome, received_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            &[
                text(shop.as_str()),
                text(delivery.source.as_str()),
                text(delivery.id),
                opt_text(delivery.topic),
                text(if held { "held" } else { "applied" }),
                int(now.secs()),
            ],
        )
    }

    pub fn hold(
        &self,
        shop: &ShopId,
        key: &WaitKey,
        delivery: &Delivery<'_>,
        now: UnixTime,
    ) -> Result<D1PreparedStatement, ApiError> {
        self.statement(
            "INSERT OR IGNORE INTO held_deliveries (shop_id, wait_key, source, delivery_id, topic, body, received_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            &[
                text(shop.as_str()),
                text(&key.storage_key()),
                text(delivery.source.as_str()),
                text(delivery.id),
                opt_text(delivery.topic),
                text(delivery.body),
                int(now.secs()),
            ],
        )
    }

    pub async fn held_for(
        &self,
        shop: &ShopId,
        keys: &[WaitKey],
    ) -> Result<Vec<HeldDelivery>, ApiError> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let stored: Vec<String> = keys.iter().map(WaitKey::storage_key).collect();
        let result = self
            .statement(
                "SELECT DISTINCT source, delivery_id, topic, body FROM held_deliveries \
                 WHERE shop_id = ?1 AND wait_key IN (SELECT value FROM json_each(?2)) ORDER BY received_at",
                &[text(shop.as_str()), json_list(stored.iter().map(String::as_str))],
            )?
            .all()
            .await?;
        rows(&result)
    }

    pub fn release(
        &self,
        shop: &ShopId,
        source: &str,
        delivery_id: &str,
    ) -> Result<D1PreparedStatement, ApiError> {
        self.statement(
            "DELETE FROM held_deliveries WHERE shop_id = ?1 AND source = ?2 AND delivery_id = ?3",
            &[text(shop.as_str()), text(source), text(delivery_id)],
        )
    }

    /// The statements that store one planned write.
    pub fn write(
        &self,
        shop: &ShopId,
        write: &Write<'_>,
        now: UnixTime,
    ) -> Result<Vec<D1PreparedStatement>, ApiError> {
        match write {
            Write::Order(order) => self.write_order(shop, order, now),
            Write::Shipment {
                order_id,
                shipment_id,
                update,
            } => self.write_shipment(shop, order_id, shipment_id, update, now),
        }
    }

    fn write_order(
        &self,
        shop: &ShopId,
        order: &OrderUpsert,
        now: UnixTime,
    ) -> Result<Vec<D1PreparedStatement>, ApiError> {
        let shop_arg = text(shop.as_str());
        let order_arg = text(order.id.as_str());
        let mut statements = vec![self.statement(
            "INSERT INTO orders (shop_id, id, order_number, display_number, email, customer_first_name, \
             customer_id, placed_at, currency, total_minor, cancelled_at, updated_at, discount_codes, \
             source_changed_at, mailbox) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) \
             ON CONFLICT (shop_id, id) DO UPDATE SET order_number = excluded.order_number, \
             display_number = excluded.display_number, \
             email = CASE WHEN excluded.email <> '' THEN excluded.email ELSE email END, \
             mailbox = COALESCE(excluded.mailbox, mailbox), \
             customer_first_name = COALESCE(excluded.customer_first_name, customer_first_name), \
             customer_id = COALESCE(excluded.customer_id, customer_id), placed_at = excluded.placed_at, \
             currency = excluded.currency, total_minor = excluded.total_minor, \
             cancelled_at = excluded.cancelled_at, updated_at = excluded.updated_at, \
             discount_codes = excluded.discount_codes, \
             source_changed_at = COALESCE(excluded.source_changed_at, source_changed_at) \
             WHERE excluded.source_changed_at IS NULL OR orders.source_changed_at IS NULL \
             OR excluded.source_changed_at >= orders.source_changed_at",
            &[
                shop_arg.clone(),
                order_arg.clone(),
                text(order.number.as_str()),
                text(&order.display_number),
                text(order.email.as_ref().map_or("", Email::as_str)),
                opt_text(order.customer_first_name.as_deref()),
                opt_text(order.customer_id.as_deref()),
                int(order.placed_at.secs()),
                text(&order.currency),
                int(order.total_minor),
                order.cancelled_at.map_or(JsValue::NULL, |t| int(t.secs())),
                int(now.secs()),
                text(&serde_json::to_string(&order.discount_codes).unwrap_or_else(|_| "[]".to_owned())),
                order.changed_at.map_or(JsValue::NULL, |t| int(t.secs())),
                opt_text(order.email.as_ref().map(MailboxKey::of).as_ref().map(MailboxKey::as_str)),
            ],
        )?];
        for (position, item) in order.line_items.iter().enumerate() {
            statements.push(self.statement(
                "INSERT INTO line_items (shop_id, order_id, id, position, product_id, title, variant_title, sku, \
                 quantity, unit_price_minor, image_url) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) \
                 ON CONFLICT (shop_id, order_id, id) DO UPDATE SET position = excluded.position, \
                 product_id = excluded.product_id, title = excluded.title, variant_title = excluded.variant_title, \
                 sku = excluded.sku, quantity = excluded.quantity, unit_price_minor = excluded.unit_price_minor, \
                 image_url = COALESCE(excluded.image_url, image_url)",
                &[
                    shop_arg.clone(),
                    order_arg.clone(),
                    text(&item.id),
                    int(i64::try_from(position).unwrap_or(i64::MAX)),
                    opt_text(item.product_id.as_deref()),
                    text(&item.title),
                    opt_text(item.variant_title.as_deref()),
                    opt_text(item.sku.as_deref()),
                    int(i64::from(item.quantity)),
                    int(item.unit_price_minor),
                    opt_text(item.image_url.as_deref()),
                ],
            )?);
        }
        Ok(statements)
    }

    fn write_shipment(
        &self,
        shop: &ShopId,
        order_id: &OrderId,
        shipment_id: &str,
        update: &ShipmentUpsert,
        now: UnixTime,
    ) -> Result<Vec<D1PreparedStatement>, ApiError> {
        let key = [
            text(shop.as_str()),
            text(order_id.as_str()),
            text(shipment_id),
        ];
        let mut statements = vec![self.statement(
            "INSERT INTO shipments (shop_id, order_id, id, carrier, tracking_number, tracking_url, \
             carrier_estimate, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) \
             ON CONFLICT (shop_id, order_id, id) DO UPDATE SET \
             carrier = COALESCE(excluded.carrier, carrier), \
             tracking_number = COALESCE(excluded.tracking_number, tracking_number), \
             tracking_url = COALESCE(excluded.tracking_url, tracking_url), \
             carrier_estimate = COALESCE(excluded.carrier_estimate, carrier_estimate)",
            &[
                key[0].clone(),
                key[1].clone(),
                key[2].clone(),
                opt_text(update.carrier.as_deref()),
                opt_text(update.tracking_numbers.first().map(TrackingNumber::as_str)),
                opt_text(update.tracking_urls.first().map(String::as_str)),
                update.estimated_delivery.map_or(JsValue::NULL, |t| int(t.secs())),
                int(update.created_at.unwrap_or(now).secs()),
            ],
        )?];
        for (line_item, quantity) in &update.items {
            statements.push(self.statement(
                "INSERT OR REPLACE INTO shipment_items (shop_id, order_id, shipment_id, line_item_id, quantity) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                &[
                    key[0].clone(),
                    key[1].clone(),
                    key[2].clone(),
                    text(line_item),
                    int(i64::from(*quantity)),
                ],
            )?);
        }
        for c in &update.checkpoints {
            // The natural key makes a repeated event a no-op.
            statements.push(self.statement(
                "INSERT OR IGNORE INTO checkpoints (shop_id, order_id, shipment_id, occurred_at, status, \
                 raw_status, message, sub_status, location, received_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                &[
                    key[0].clone(),
                    key[1].clone(),
                    key[2].clone(),
                    int(c.occurred_at.secs()),
                    text(c.status.as_str()),
                    text(&c.raw_status),
                    text(&c.message),
                    opt_text(c.sub_status.as_deref()),
                    opt_text(c.location.as_deref()),
                    int(now.secs()),
                ],
            )?);
        }
        Ok(statements)
    }
}

fn rows<T: DeserializeOwned>(result: &D1Result) -> Result<Vec<T>, ApiError> {
    if let Some(err) = result.error() {
        return Err(ApiError::Internal(format!("D1 query failed: {err}")));
    }
    Ok(result.results::<T>()?)
}

fn line_item(i: LineItemRow) -> LineItem {
    LineItem {
        id: i.id,
        product_id: i.product_id,
        title: i.title,
        variant_title: i.variant_title,
        sku: i.sku,
        quantity: i.quantity,
        unit_price_minor: i.unit_price_minor,
        image_url: i.image_url,
    }
}

fn order(
    row: OrderRow,
    line_items: Vec<LineItem>,
    shipments: Vec<Shipment>,
) -> Result<Order, ApiError> {
    Ok(Order {
        id: OrderId::parse(&row.id).map_err(|e| corrupt("order id", e))?,
        number: OrderNumber::parse(&row.order_number).map_err(|e| corrupt("order number", e))?,
        display_number: row.display_number,
        // Orders from sources without an email are stored with '' and can
        // only be opened by a merchant's deep link.
        email: Email::parse(&row.email).ok(),
        customer_first_name: row.customer_first_name,
        placed_at: UnixTime::from_secs(row.placed_at),
        currency: row.currency,
        total_minor: row.total_minor,
        cancelled_at: row.cancelled_at.map(UnixTime::from_secs),
        line_items,
        shipments,
    })
}

fn checkpoint(row: &CheckpointRow) -> Result<Checkpoint, ApiError> {
    let status = TrackingStatus::from_name(&row.status)
        .ok_or_else(|| corrupt("checkpoint status", &row.status))?;
    Ok(Checkpoint {
        status,
        sub_status: row.sub_status.clone(),
        raw_status: row.raw_status.clone(),
        message: row.message.clone(),
        location: row.location.clone(),
        occurred_at: UnixTime::from_secs(row.occurred_at),
    })
}

/// A return as stored, with the request fingerprint that created it.
#[derive(Debug)]
pub struct StoredReturn {
    pub seq: u64,
    pub order_id: String,
    pub status: ReturnStatus,
    pub created_at: UnixTime,
    pub approved: ApprovedReturn,
    /// Every status change, oldest first.
    pub history: Vec<ReturnHistoryEntry>,
    pub idempotency_key: String,
    pub request_sha256: String,
}

impl StoredReturn {
    pub fn earlier(&self) -> EarlierReturn {
        EarlierReturn {
            status: self.status,
            items: self
                .approved
                .items
                .iter()
                .map(|i| ReturnedUnits {
                    line_item_id: i.line_item_id.clone(),
                    quantity: i.quantity,
                })
                .collect(),
        }
    }
}

/// Which returns [`Store::load_returns`] reads; every field narrows.
#[derive(Debug, Default)]
pub struct ReturnFilter<'a> {
    pub order: Option<&'a OrderId>,
    pub status: Option<ReturnStatus>,
    /// Only returns older than this one: the admin list's cursor.
    pub before_seq: Option<u64>,
    pub seq: Option<u64>,
    pub limit: Option<u32>,
}

#[derive(Deserialize)]
struct ReturnRow {
    seq: i64,
    order_id: String,
    status: String,
    resolution: String,
    currency: String,
    items_minor: i64,
    bonus_minor: i64,
    fee_minor: i64,
    total_minor: i64,
    idempotency_key: String,
    request_sha256: String,
    created_at: i64,
}

#[derive(Deserialize)]
struct ReturnItemRow {
    seq: i64,
    line_item_id: String,
    quantity: u32,
    unit_price_minor: i64,
    amount_minor: i64,
    reason: String,
    exchange_variant_id: Option<String>,
}

#[derive(Deserialize)]
struct ReturnEventRow {
    seq: i64,
    at: i64,
    actor: String,
    from_status: Option<String>,
    to_status: String,
    note: Option<String>,
}

impl ReturnEventRow {
    fn entry(&self) -> Result<ReturnHistoryEntry, ApiError> {
        Ok(ReturnHistoryEntry {
            at: UnixTime::from_secs(self.at),
            actor: from_stored_name("return actor", &self.actor)?,
            from: self
                .from_status
                .as_deref()
                .map(|s| from_stored_name("return status", s))
                .transpose()?,
            to: from_stored_name("return status", &self.to_status)?,
            note: self.note.clone(),
        })
    }
}

/// An enum stored as its serde name.
fn stored_name<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn from_stored_name<T: DeserializeOwned>(what: &str, name: &str) -> Result<T, ApiError> {
    serde_json::from_value(serde_json::Value::String(name.to_owned())).map_err(|e| corrupt(what, e))
}

impl Store {
    /// The shop's display name ("Nordlys Outdoor"), or `None` for no such shop.
    pub async fn shop_name(&self, shop: &ShopId) -> Result<Option<String>, ApiError> {
        #[derive(Deserialize)]
        struct Row {
            name: String,
        }
        let row: Option<Row> = self
            .statement(
                "SELECT name FROM shops WHERE id = ?1",
                &[text(shop.as_str())],
            )?
            .first(None)
            .await?;
        Ok(row.map(|r| r.name))
    }

    /// A merchant setting stored as JSON, e.g. the returns policy.
    pub async fn setting(&self, shop: &ShopId, key: &str) -> Result<Option<String>, ApiError> {
        #[derive(Deserialize)]
        struct Row {
            value: String,
        }
        let row: Option<Row> = self
            .statement(
                "SELECT value FROM shop_settings WHERE shop_id = ?1 AND key = ?2",
                &[text(shop.as_str()), text(key)],
            )?
            .first(None)
            .await?;
        Ok(row.map(|r| r.value))
    }

    /// The order's returns, oldest first.
    pub async fn returns_for(
        &self,
        shop: &ShopId,
        order: &OrderId,
    ) -> Result<Vec<StoredReturn>, ApiError> {
        let mut returns = self
            .load_returns(
                shop,
                &ReturnFilter {
                    order: Some(order),
                    ..ReturnFilter::default()
                },
            )
            .await?;
        returns.reverse();
        Ok(returns)
    }

    /// Returns matching `filter`, newest first, with items and history, in
    /// one round trip (one transaction, so the three reads agree).
    pub async fn load_returns(
        &self,
        shop: &ShopId,
        filter: &ReturnFilter<'_>,
    ) -> Result<Vec<StoredReturn>, ApiError> {
        let matching = "SELECT seq FROM returns WHERE shop_id = ?1 \
             AND (?2 IS NULL OR order_id = ?2) AND (?3 IS NULL OR status = ?3) \
             AND (?4 IS NULL OR seq < ?4) AND (?5 IS NULL OR seq = ?5) \
             ORDER BY seq DESC LIMIT ?6";
        let seq_arg = |seq: Option<u64>| seq.map_or(JsValue::NULL, |s| int(s as i64));
        let args = [
            text(shop.as_str()),
            filter.order.map_or(JsValue::NULL, |o| text(o.as_str())),
            filter
                .status
                .map_or(JsValue::NULL, |s| text(&stored_name(&s))),
            seq_arg(filter.before_seq),
            seq_arg(filter.seq),
            int(i64::from(filter.limit.unwrap_or(u32::MAX >> 1))),
        ];
        let results = self
            .db
            .batch(vec![
                self.statement(
                    &format!(
                        "SELECT seq, order_id, status, resolution, currency, items_minor, bonus_minor, \
                         fee_minor, total_minor, idempotency_key, request_sha256, created_at FROM returns \
                         WHERE shop_id = ?1 AND seq IN ({matching}) ORDER BY seq DESC"
                    ),
                    &args,
                )?,
                self.statement(
                    &format!(
                        "SELECT seq, line_item_id, quantity, unit_price_minor, amount_minor, reason, \
                         exchange_variant_id FROM return_items \
                         WHERE shop_id = ?1 AND seq IN ({matching}) ORDER BY line_item_id"
                    ),
                    &args,
                )?,
                self.statement(
                    &format!(
                        "SELECT seq, at, actor, from_status, to_status, note FROM return_events \
                         WHERE shop_id = ?1 AND seq IN ({matching})"
                    ),
                    &args,
                )?,
            ])
            .await?;
        let [returns, items, events] = results.as_slice() else {
            return Err(ApiError::Internal(
                "D1 batch returned the wrong number of results".into(),
            ));
        };
        let items = rows::<ReturnItemRow>(items)?;
        let events = rows::<ReturnEventRow>(events)?;
        rows::<ReturnRow>(returns)?
            .into_iter()
            .map(|r| {
                let approved_items = items
                    .iter()
                    .filter(|i| i.seq == r.seq)
                    .map(|i| {
                        Ok(ApprovedItem {
                            line_item_id: i.line_item_id.clone(),
                            quantity: i.quantity,
                            unit_price_minor: i.unit_price_minor,
                            amount_minor: i.amount_minor,
                            reason: serde_json::from_str(&i.reason)
                                .map_err(|e| corrupt("return reason", e))?,
                            exchange_variant_id: i.exchange_variant_id.clone(),
                        })
                    })
                    .collect::<Result<_, ApiError>>()?;
                let mut history = events
                    .iter()
                    .filter(|e| e.seq == r.seq)
                    .map(ReturnEventRow::entry)
                    .collect::<Result<Vec<_>, ApiError>>()?;
                // Several steps can share a second; the lifecycle orders them.
                history.sort_by_key(|e| (e.at, e.to.progress()));
                Ok(StoredReturn {
                    seq: u64::try_from(r.seq).map_err(|e| corrupt("return number", e))?,
                    order_id: r.order_id,
                    status: from_stored_name("return status", &r.status)?,
                    created_at: UnixTime::from_secs(r.created_at),
                    approved: ApprovedReturn {
                        resolution: from_stored_name("resolution", &r.resolution)?,
                        currency: r.currency,
                        items: approved_items,
                        items_minor: r.items_minor,
                        bonus_minor: r.bonus_minor,
                        fee_minor: r.fee_minor,
                        total_minor: r.total_minor,
                    },
                    history,
                    idempotency_key: r.idempotency_key,
                    request_sha256: r.request_sha256,
                })
            })
            .collect()
    }

    /// Stores an approved return in one transaction: the next number from
    /// the shop's counter, the return, its items and its first event. The
    /// database refuses (and rolls all of it back) if any item would be
    /// returned more often than it was ordered.
    pub async fn create_return(
        &self,
        shop: &ShopId,
        order: &OrderId,
        approved: &ApprovedReturn,
        idempotency_key: &str,
        request_sha256: &str,
        now: UnixTime,
    ) -> Result<(), worker::Error> {
        let shop_arg = text(shop.as_str());
        let seq = "(SELECT next FROM return_counters WHERE shop_id = ?1)";
        let status = stored_name(&ReturnStatus::Requested);
        let mut statements = vec![
            self.db
                .prepare(
                    "INSERT INTO return_counters (shop_id, next) VALUES (?1, 1) \
                     ON CONFLICT (shop_id) DO UPDATE SET next = next + 1",
                )
                .bind(std::slice::from_ref(&shop_arg))?,
            self.db
                .prepare(format!(
                    "INSERT INTO returns (shop_id, seq, order_id, status, resolution, currency, items_minor, \
                     bonus_minor, fee_minor, total_minor, idempotency_key, request_sha256, created_at) \
                     VALUES (?1, {seq}, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
                ))
                .bind(&[
                    shop_arg.clone(),
                    text(order.as_str()),
                    text(&status),
                    text(&stored_name(&approved.resolution)),
                    text(&approved.currency),
                    int(approved.items_minor),
                    int(approved.bonus_minor),
                    int(approved.fee_minor),
                    int(approved.total_minor),
                    text(idempotency_key),
                    text(request_sha256),
                    int(now.secs()),
                ])?,
            self.db
                .prepare(format!(
                    "INSERT INTO return_events (shop_id, seq, at, actor, from_status, to_status) \
                     VALUES (?1, {seq}, ?2, 'shopper', NULL, ?3)"
                ))
                .bind(&[shop_arg.clone(), int(now.secs()), text(&status)])?,
            // Right after the event: it is guarded on that insert.
            self.db
                .prepare(lifecycle::OUTBOX_FOR_EVENT.replace("{seq}", seq))
                .bind(&[shop_arg.clone(), JsValue::NULL, text(&status), int(now.secs())])?,
        ];
        for item in &approved.items {
            statements.push(
                self.db
                    .prepare(format!(
                        "INSERT INTO return_items (shop_id, seq, line_item_id, quantity, unit_price_minor, \
                         amount_minor, reason, exchange_variant_id) VALUES (?1, {seq}, ?2, ?3, ?4, ?5, ?6, ?7)"
                    ))
                    .bind(&[
                        shop_arg.clone(),
                        text(&item.line_item_id),
                        int(i64::from(item.quantity)),
                        int(item.unit_price_minor),
                        int(item.amount_minor),
                        text(&serde_json::to_string(&item.reason).unwrap_or_default()),
                        opt_text(item.exchange_variant_id.as_deref()),
                    ])?,
            );
        }
        self.commit(statements).await
    }
}
