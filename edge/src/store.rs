//! D1 access. Rows in, domain values out; no decisions here.

use aftercart_shared::order::{LineItem, Order, Shipment};
use aftercart_shared::tracking::{Checkpoint, TrackingStatus};
use aftercart_shared::{Email, OrderId, OrderNumber, ShopId, UnixTime};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement, Env};

use crate::{ApiError, bindings};

pub struct Store {
    db: D1Database,
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
struct CheckpointRow {
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

fn corrupt(what: &str, detail: impl std::fmt::Display) -> ApiError {
    ApiError::Internal(format!("stored {what} is invalid: {detail}"))
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

    /// The order with this number, if its email matches. A mismatch and an
    /// unknown number both give `None` after the same single query.
    pub async fn find_order_id(
        &self,
        shop: &ShopId,
        number: &OrderNumber,
        email: &Email,
    ) -> Result<Option<OrderId>, ApiError> {
        #[derive(Deserialize)]
        struct Row {
            id: String,
            email: String,
        }
        let row: Option<Row> = self
            .statement(
                "SELECT id, email FROM orders WHERE shop_id = ?1 AND order_number = ?2",
                &[text(shop.as_str()), text(number.as_str())],
            )?
            .first(None)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let matches = subtle_eq(row.email.as_bytes(), email.as_str().as_bytes());
        if !matches {
            return Ok(None);
        }
        OrderId::parse(&row.id)
            .map(Some)
            .map_err(|e| corrupt("order id", e))
    }

    /// The whole order: one round trip for its four tables.
    pub async fn load_order(&self, shop: &ShopId, id: &OrderId) -> Result<Option<Order>, ApiError> {
        let key = [text(shop.as_str()), text(id.as_str())];
        let results = self
            .db
            .batch(vec![
                self.statement(
                    "SELECT id, order_number, display_number, email, customer_first_name, placed_at, \
                     currency, total_minor, cancelled_at FROM orders WHERE shop_id = ?1 AND id = ?2",
                    &key,
                )?,
                self.statement(
                    "SELECT id, product_id, title, variant_title, sku, quantity, unit_price_minor, image_url \
                     FROM line_items WHERE shop_id = ?1 AND order_id = ?2 ORDER BY position, id",
                    &key,
                )?,
                self.statement(
                    "SELECT id, carrier, tracking_number, tracking_url, carrier_estimate, created_at \
                     FROM shipments WHERE shop_id = ?1 AND order_id = ?2 ORDER BY created_at, id",
                    &key,
                )?,
                self.statement(
                    "SELECT shipment_id, line_item_id, quantity FROM shipment_items \
                     WHERE shop_id = ?1 AND order_id = ?2",
                    &key,
                )?,
                self.statement(
                    "SELECT shipment_id, status, sub_status, raw_status, message, location, occurred_at \
                     FROM checkpoints WHERE shop_id = ?1 AND order_id = ?2",
                    &key,
                )?,
            ])
            .await?;
        let [orders, items, shipments, shipment_items, checkpoints] = results.as_slice() else {
            return Err(ApiError::Internal(
                "D1 batch returned the wrong number of results".into(),
            ));
        };
        let Some(order) = rows::<OrderRow>(orders)?.into_iter().next() else {
            return Ok(None);
        };
        let shipment_items = rows::<ShipmentItemRow>(shipment_items)?;
        let checkpoints = rows::<CheckpointRow>(checkpoints)?;

        let shipments = rows::<ShipmentRow>(shipments)?
            .into_iter()
            .map(|s| {
                let items = shipment_items
                    .iter()
                    .filter(|i| i.shipment_id == s.id)
                    .map(|i| (i.line_item_id.clone(), i.quantity))
                    .collect();
                let checkpoints = checkpoints
                    .iter()
                    .filter(|c| c.shipment_id == s.id)
                    .map(checkpoint)
                    .collect::<Result<_, _>>()?;
                Ok(Shipment {
                    id: s.id,
                    carrier: s.carrier,
                    tracking_number: s.tracking_number,
                    tracking_url: s.tracking_url,
                    carrier_estimate: s.carrier_estimate.map(UnixTime::from_secs),
                    created_at: UnixTime::from_secs(s.created_at),
                    checkpoints,
                    items,
                })
            })
            .collect::<Result<Vec<_>, ApiError>>()?;

        Ok(Some(Order {
            id: OrderId::parse(&order.id).map_err(|e| corrupt("order id", e))?,
            number: OrderNumber::parse(&order.order_number)
                .map_err(|e| corrupt("order number", e))?,
            display_number: order.display_number,
            email: Email::parse(&order.email).map_err(|e| corrupt("email", e))?,
            customer_first_name: order.customer_first_name,
            placed_at: UnixTime::from_secs(order.placed_at),
            currency: order.currency,
            total_minor: order.total_minor,
            cancelled_at: order.cancelled_at.map(UnixTime::from_secs),
            line_items: rows::<LineItemRow>(items)?
                .into_iter()
                .map(|i| LineItem {
                    id: i.id,
                    product_id: i.product_id,
                    title: i.title,
                    variant_title: i.variant_title,
                    sku: i.sku,
                    quantity: i.quantity,
                    unit_price_minor: i.unit_price_minor,
                    image_url: i.image_url,
                })
                .collect(),
            shipments,
        }))
    }
}

fn rows<T: DeserializeOwned>(result: &worker::D1Result) -> Result<Vec<T>, ApiError> {
    if let Some(err) = result.error() {
        return Err(ApiError::Internal(format!("D1 query failed: {err}")));
    }
    Ok(result.results::<T>()?)
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

/// Equality that does not stop at the first differing byte.
fn subtle_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
