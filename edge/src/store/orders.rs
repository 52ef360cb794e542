//! Orders as the shopper sees them: one order with the same shopper's
//! others, and the shop's past transit times.

use aftercart_shared::wire::WireName;
use std::cell::RefCell;
use std::collections::HashMap;

use aftercart_shared::order::{LineItem, Order, Shipment, TransitHistory};
use aftercart_shared::tracking::{Checkpoint, TrackingStatus};
use aftercart_shared::{Email, OrderId, OrderNumber, ShopId, TrackingUrl, UnixTime};
use serde::Deserialize;
use wasm_bindgen::JsValue;

use super::db::Store;
use super::error::Error;
use super::row::{corrupt, json_list, rows, text};

/// Which order a read starts from.
#[derive(Debug, Clone, Copy)]
pub enum OrderKey<'a> {
    Id(&'a OrderId),
    /// The order with this number and this email: a lookup. A wrong email
    /// and an unknown number read the same (nothing), so how long the
    /// answer takes does not tell them apart.
    Proven(&'a OrderNumber, &'a Email),
}

impl OrderKey<'_> {
    /// The condition on `orders`; values are always bound, from `?2`.
    fn condition(self) -> &'static str {
        match self {
            Self::Id(_) => "id = ?2",
            Self::Proven(..) => "order_number = ?2 AND email = ?3",
        }
    }

    fn bound(self) -> Vec<JsValue> {
        match self {
            Self::Id(id) => vec![text(id.as_str())],
            Self::Proven(number, email) => vec![text(number.as_str()), text(email.as_str())],
        }
    }
}

/// An order, its stored email for the caller to compare, and the same
/// shopper's other recent orders (without line items).
#[derive(Debug)]
pub struct OrderBundle {
    pub order: Order,
    pub others: Vec<Order>,
    /// `(line item id, units)` the shop refunded on the order's lines (the
    /// line items' quantities are net of them), for the returns engine.
    pub refunded: Vec<(String, u32)>,
}

/// How long an isolate trusts its copy of a carrier's transit times.
const TRANSIT_CACHE_SECS: i64 = 600;

type TransitSamples = Vec<(UnixTime, UnixTime)>;

thread_local! {
    /// `(shop, carrier)` → when fetched, and the samples.
    static TRANSIT_CACHE: RefCell<HashMap<(String, String), (i64, TransitSamples)>> =
        RefCell::new(HashMap::new());
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
    refunded: u32,
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

impl Store {
    /// The order `key` names with the same shopper's recent orders, in one
    /// round trip. Looking up by number costs exactly the same whether or
    /// not the caller's email will match, or the order exists at all.
    pub async fn load_bundle(
        &self,
        shop: &ShopId,
        key: OrderKey<'_>,
    ) -> Result<Option<OrderBundle>, Error> {
        let condition = key.condition();
        let target = format!("(SELECT id FROM orders WHERE shop_id = ?1 AND {condition})");
        // The target plus the shopper's newest orders: "your other orders".
        let family = format!(
            "(SELECT id FROM orders WHERE shop_id = ?1 AND email <> '' AND email = \
             (SELECT email FROM orders WHERE shop_id = ?1 AND {condition}) \
             ORDER BY placed_at DESC LIMIT 6)"
        );
        let mut args = vec![text(shop.as_str())];
        args.extend(key.bound());
        let [orders, items, shipments, shipment_items, checkpoints] = &self
            .batch([
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
                        "SELECT id, product_id, title, variant_title, sku, quantity, refunded, unit_price_minor, image_url \
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
        let orders = rows::<OrderRow>(orders)?;
        let is_target = |row: &OrderRow| match key {
            OrderKey::Proven(n, _) => row.order_number == n.as_str(),
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
                    // Parsed again on the way out: rows stored before links
                    // were checked at ingest may hold an unsafe one.
                    tracking_url: s.tracking_url.and_then(|u| TrackingUrl::parse(&u).ok()),
                    carrier_estimate: s.carrier_estimate.map(UnixTime::from_secs),
                    created_at: UnixTime::from_secs(s.created_at),
                    checkpoints,
                    items,
                });
        }
        let item_rows = rows::<LineItemRow>(items)?;
        let refunded = item_rows
            .iter()
            .filter(|i| i.refunded > 0)
            .map(|i| (i.id.clone(), i.refunded))
            .collect();
        let mut line_items: Vec<LineItem> = item_rows.into_iter().map(line_item).collect();

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
        Ok(target.map(|order| OrderBundle {
            order,
            others,
            refunded,
        }))
    }

    /// Past transit times with `carriers`, for predicting deliveries. They
    /// change slowly and the query scans the shop's deliveries, so each
    /// isolate keeps them for a few minutes.
    pub async fn transit_history(
        &self,
        shop: &ShopId,
        carriers: &[String],
        now: UnixTime,
    ) -> Result<TransitHistory, Error> {
        let mut history = TransitHistory::default();
        let mut missing = Vec::new();
        TRANSIT_CACHE.with_borrow(|cache| {
            for carrier in carriers {
                match cache.get(&(shop.to_string(), carrier.clone())) {
                    Some((fetched, samples))
                        if now.secs().saturating_sub(*fetched) < TRANSIT_CACHE_SECS =>
                    {
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
) -> Result<Order, Error> {
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

fn checkpoint(row: &CheckpointRow) -> Result<Checkpoint, Error> {
    let status = TrackingStatus::from_wire_name(&row.status)
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
