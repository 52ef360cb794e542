//! Webhook ingest: secrets, delivery records, what is already stored,
//! held deliveries, and the statements that store a planned write.

use aftercart_shared::ingest::plan::{Known, Lookups, WaitKey, Write, held_retry_at};
use aftercart_shared::ingest::{OrderUpsert, ShipmentUpsert, Source, TrackingNumber};
use aftercart_shared::referral::MailboxKey;
use aftercart_shared::wire::WireName;
use aftercart_shared::{Email, OrderId, ShopId, TrackingUrl, UnixTime};
use serde::Deserialize;
use worker::D1PreparedStatement;

use super::db::Store;
use super::error::{Error, Insert, once_on};
use super::row::{corrupt, int, json_list, opt_int, opt_text, rows, text};

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
    /// SHA-256 of the raw body (hex): deliveries are unique on it too,
    /// since the id may come from an unsigned header.
    pub body_sha256: &'a str,
}

/// A delivery kept until what it waits for arrives.
#[derive(Debug, Deserialize)]
pub struct HeldDelivery {
    pub source: String,
    pub delivery_id: String,
    pub topic: Option<String>,
    pub body: String,
}

/// A held delivery whose retry time has passed, for the cron.
#[derive(Debug, Deserialize)]
pub struct DueHeld {
    pub shop_id: String,
    pub received_at: i64,
    pub source: String,
    pub delivery_id: String,
    pub topic: Option<String>,
    pub body: String,
}

impl DueHeld {
    pub fn into_parts(self) -> (String, UnixTime, HeldDelivery) {
        (
            self.shop_id,
            UnixTime::from_secs(self.received_at),
            HeldDelivery {
                source: self.source,
                delivery_id: self.delivery_id,
                topic: self.topic,
                body: self.body,
            },
        )
    }
}

impl Store {
    pub async fn webhook_secrets(
        &self,
        shop: &ShopId,
        source: Source,
    ) -> Result<Option<WebhookSecrets>, Error> {
        Ok(self
            .statement(
                "SELECT secret, previous_secret FROM webhook_secrets WHERE shop_id = ?1 AND source = ?2",
                &[text(shop.as_str()), text(source.wire_name())],
            )?
            .first(None)
            .await?)
    }

    /// Whether a delivery with this id, or with these exact body bytes
    /// under any id, was recorded for the shop and source.
    pub async fn delivery_seen(
        &self,
        shop: &ShopId,
        source: Source,
        delivery_id: &str,
        body_sha256: &str,
    ) -> Result<bool, Error> {
        #[derive(Deserialize)]
        struct Row {
            #[allow(dead_code, reason = "the row's existence is the answer")]
            outcome: String,
        }
        let row: Option<Row> = self
            .statement(
                "SELECT outcome FROM webhook_deliveries WHERE shop_id = ?1 AND source = ?2 \
                 AND (delivery_id = ?3 OR body_sha256 = ?4) LIMIT 1",
                &[
                    text(shop.as_str()),
                    text(source.wire_name()),
                    text(delivery_id),
                    text(body_sha256),
                ],
            )?
            .first(None)
            .await?;
        Ok(row.is_some())
    }

    /// Reads what [`aftercart_shared::ingest::plan::plan`] needs, in one round trip.
    pub async fn known(&self, shop: &ShopId, lookups: &Lookups) -> Result<Known, Error> {
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
        let [orders, fulfillments, tracking] = &self
            .batch([
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

    /// Runs a delivery's transaction, whose first statement is
    /// [`Store::record_delivery`]: `AlreadyExists` when a concurrent delivery
    /// of the same id or the same body committed first (then nothing of this
    /// one is stored).
    pub async fn commit_delivery(
        &self,
        statements: Vec<D1PreparedStatement>,
    ) -> Result<Insert, Error> {
        once_on("webhook_deliveries", self.commit(statements).await)
    }

    pub fn record_delivery(
        &self,
        shop: &ShopId,
        delivery: &Delivery<'_>,
        held: bool,
        now: UnixTime,
    ) -> Result<D1PreparedStatement, Error> {
        // A plain INSERT: a concurrent redelivery fails the whole transaction
        // on the primary key (or the body's unique index) instead of
        // applying twice.
        self.statement(
            "INSERT INTO webhook_deliveries (shop_id, source, delivery_id, topic, outcome, received_at, body_sha256) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            &[
                text(shop.as_str()),
                text(delivery.source.wire_name()),
                text(delivery.id),
                opt_text(delivery.topic),
                text(if held { "held" } else { "applied" }),
                int(now.secs()),
                text(delivery.body_sha256),
            ],
        )
    }

    pub fn hold(
        &self,
        shop: &ShopId,
        key: &WaitKey,
        delivery: &Delivery<'_>,
        now: UnixTime,
    ) -> Result<D1PreparedStatement, Error> {
        self.statement(
            "INSERT OR IGNORE INTO held_deliveries (shop_id, wait_key, source, delivery_id, topic, body, received_at, retry_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            &[
                text(shop.as_str()),
                text(&key.storage_key()),
                text(delivery.source.wire_name()),
                text(delivery.id),
                opt_text(delivery.topic),
                text(delivery.body),
                int(now.secs()),
                int(held_retry_at(now, now).secs()),
            ],
        )
    }

    /// Held deliveries (each once, whatever it waits for) whose retry time
    /// is at or before `now`, the longest due first, at most `limit`.
    pub async fn held_due(&self, now: UnixTime, limit: u32) -> Result<Vec<DueHeld>, Error> {
        let result = self
            .statement(
                "SELECT shop_id, source, delivery_id, MIN(topic) AS topic, MIN(body) AS body, \
                 MIN(received_at) AS received_at FROM held_deliveries WHERE retry_at <= ?1 \
                 GROUP BY shop_id, source, delivery_id ORDER BY MIN(retry_at) LIMIT ?2",
                &[int(now.secs()), int(i64::from(limit))],
            )?
            .all()
            .await?;
        rows(&result)
    }

    /// Moves a held delivery's next retry to `at` (every row it is held under).
    pub async fn retry_held_at(
        &self,
        shop: &ShopId,
        held: &HeldDelivery,
        at: UnixTime,
    ) -> Result<(), Error> {
        self.statement(
            "UPDATE held_deliveries SET retry_at = ?4 WHERE shop_id = ?1 AND source = ?2 AND delivery_id = ?3",
            &[
                text(shop.as_str()),
                text(&held.source),
                text(&held.delivery_id),
                int(at.secs()),
            ],
        )?
        .run()
        .await?;
        Ok(())
    }

    pub async fn held_for(
        &self,
        shop: &ShopId,
        keys: &[WaitKey],
    ) -> Result<Vec<HeldDelivery>, Error> {
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
    ) -> Result<D1PreparedStatement, Error> {
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
    ) -> Result<Vec<D1PreparedStatement>, Error> {
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
    ) -> Result<Vec<D1PreparedStatement>, Error> {
        let shop_arg = text(shop.as_str());
        let order_arg = text(order.id.as_str());
        let mut statements = vec![self.statement(
            "INSERT INTO orders (shop_id, id, order_number, display_number, email, customer_first_name, \
             customer_id, placed_at, currency, total_minor, cancelled_at, updated_at, discount_codes, \
             source_changed_at, mailbox, payment) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) \
             ON CONFLICT (shop_id, id) DO UPDATE SET order_number = excluded.order_number, \
             display_number = excluded.display_number, \
             email = CASE WHEN excluded.email <> '' THEN excluded.email ELSE email END, \
             mailbox = COALESCE(excluded.mailbox, mailbox), \
             customer_first_name = COALESCE(excluded.customer_first_name, customer_first_name), \
             customer_id = COALESCE(excluded.customer_id, customer_id), placed_at = excluded.placed_at, \
             currency = excluded.currency, total_minor = excluded.total_minor, \
             cancelled_at = excluded.cancelled_at, payment = excluded.payment, \
             updated_at = excluded.updated_at, \
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
                opt_int(order.cancelled_at.map(UnixTime::secs)),
                int(now.secs()),
                text(&serde_json::to_string(&order.discount_codes).unwrap_or_else(|_| "[]".to_owned())),
                opt_int(order.changed_at.map(UnixTime::secs)),
                opt_text(order.email.as_ref().map(MailboxKey::of).as_ref().map(MailboxKey::as_str)),
                text(order.payment.wire_name()),
            ],
        )?];
        for (position, item) in order.line_items.iter().enumerate() {
            // Guarded like the order row: the line is written only when the
            // stored order is not newer than this webhook (after the order's
            // own write, the stored change time is the newest seen), so an
            // older webhook delivered late rolls no quantity back.
            let refunded = order
                .refunded
                .iter()
                .find(|(id, _)| *id == item.id)
                .map_or(0, |(_, units)| *units);
            statements.push(self.statement(
                "INSERT INTO line_items (shop_id, order_id, id, position, product_id, title, variant_title, sku, \
                 quantity, unit_price_minor, image_url, refunded) \
                 SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12 WHERE EXISTS (SELECT 1 FROM orders \
                 WHERE shop_id = ?1 AND id = ?2 AND (?13 IS NULL OR source_changed_at IS NULL \
                 OR source_changed_at <= ?13)) \
                 ON CONFLICT (shop_id, order_id, id) DO UPDATE SET position = excluded.position, \
                 product_id = excluded.product_id, title = excluded.title, variant_title = excluded.variant_title, \
                 sku = excluded.sku, quantity = excluded.quantity, unit_price_minor = excluded.unit_price_minor, \
                 image_url = COALESCE(excluded.image_url, image_url), refunded = excluded.refunded",
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
                    int(i64::from(refunded)),
                    opt_int(order.changed_at.map(UnixTime::secs)),
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
    ) -> Result<Vec<D1PreparedStatement>, Error> {
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
                opt_text(update.tracking_urls.first().map(TrackingUrl::as_str)),
                opt_int(update.estimated_delivery.map(UnixTime::secs)),
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
                    text(c.status.wire_name()),
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
