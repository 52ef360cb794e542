//! Returns as stored: reading them with their items and history, and
//! creating one.

use aftercart_shared::returns::ReturnHistoryEntry;
use aftercart_shared::returns::{
    ApprovedItem, ApprovedReturn, EarlierReturn, ReturnStatus, ReturnedUnits,
};
use aftercart_shared::{OrderId, ShopId, UnixTime};
use serde::Deserialize;
use wasm_bindgen::JsValue;

use super::db::Store;
use super::error::{Error, Refusal};
use super::lifecycle;
use super::row::{corrupt, int, named, opt_int, opt_text, rows, text};
use aftercart_shared::wire::WireName;

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

/// What became of [`Store::create_return`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewReturn {
    Created,
    /// A return with the same idempotency key was stored meanwhile (the
    /// same request raced itself); nothing was written.
    KeyTaken,
    /// The database refused: some item would go back more often than it
    /// was ordered (another request took the last units); nothing was
    /// written.
    OverReturned,
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
    fn entry(&self) -> Result<ReturnHistoryEntry, Error> {
        Ok(ReturnHistoryEntry {
            at: UnixTime::from_secs(self.at),
            actor: named("return actor", &self.actor)?,
            from: self
                .from_status
                .as_deref()
                .map(|s| named("return status", s))
                .transpose()?,
            to: named("return status", &self.to_status)?,
            note: self.note.clone(),
        })
    }
}

impl Store {
    /// The order's returns, oldest first.
    pub async fn returns_for(
        &self,
        shop: &ShopId,
        order: &OrderId,
    ) -> Result<Vec<StoredReturn>, Error> {
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

    /// Return `seq` of the shop (and of `order`, when given).
    pub async fn find_return(
        &self,
        shop: &ShopId,
        seq: u64,
        order: Option<&OrderId>,
    ) -> Result<Option<StoredReturn>, Error> {
        let found = self
            .load_returns(
                shop,
                &ReturnFilter {
                    order,
                    seq: Some(seq),
                    ..ReturnFilter::default()
                },
            )
            .await?;
        Ok(found.into_iter().next())
    }

    /// Returns matching `filter`, newest first, with items and history, in
    /// one round trip (one transaction, so the three reads agree).
    pub async fn load_returns(
        &self,
        shop: &ShopId,
        filter: &ReturnFilter<'_>,
    ) -> Result<Vec<StoredReturn>, Error> {
        let matching = "SELECT seq FROM returns WHERE shop_id = ?1 \
             AND (?2 IS NULL OR order_id = ?2) AND (?3 IS NULL OR status = ?3) \
             AND (?4 IS NULL OR seq < ?4) AND (?5 IS NULL OR seq = ?5) \
             ORDER BY seq DESC LIMIT ?6";
        let seq_arg = |seq: Option<u64>| opt_int(seq.map(|s| s as i64));
        let args = [
            text(shop.as_str()),
            filter.order.map_or(JsValue::NULL, |o| text(o.as_str())),
            filter.status.map_or(JsValue::NULL, |s| text(s.wire_name())),
            seq_arg(filter.before_seq),
            seq_arg(filter.seq),
            int(i64::from(filter.limit.unwrap_or(u32::MAX >> 1))),
        ];
        let [returns, items, events] = &self
            .batch([
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
                    .collect::<Result<_, Error>>()?;
                let mut history = events
                    .iter()
                    .filter(|e| e.seq == r.seq)
                    .map(ReturnEventRow::entry)
                    .collect::<Result<Vec<_>, Error>>()?;
                // Several steps can share a second; the lifecycle orders them.
                history.sort_by_key(|e| (e.at, e.to.progress()));
                Ok(StoredReturn {
                    seq: u64::try_from(r.seq).map_err(|e| corrupt("return number", e))?,
                    order_id: r.order_id,
                    status: named("return status", &r.status)?,
                    created_at: UnixTime::from_secs(r.created_at),
                    approved: ApprovedReturn {
                        resolution: named("resolution", &r.resolution)?,
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
    ) -> Result<NewReturn, Error> {
        let shop_arg = text(shop.as_str());
        let seq = "(SELECT next FROM return_counters WHERE shop_id = ?1)";
        let status = ReturnStatus::Requested.wire_name();
        let mut statements = vec![
            self.statement(
                "INSERT INTO return_counters (shop_id, next) VALUES (?1, 1) \
                 ON CONFLICT (shop_id) DO UPDATE SET next = next + 1",
                std::slice::from_ref(&shop_arg),
            )?,
            self.statement(
                &format!(
                    "INSERT INTO returns (shop_id, seq, order_id, status, resolution, currency, items_minor, \
                     bonus_minor, fee_minor, total_minor, idempotency_key, request_sha256, created_at) \
                     VALUES (?1, {seq}, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
                ),
                &[
                    shop_arg.clone(),
                    text(order.as_str()),
                    text(status),
                    text(approved.resolution.wire_name()),
                    text(&approved.currency),
                    int(approved.items_minor),
                    int(approved.bonus_minor),
                    int(approved.fee_minor),
                    int(approved.total_minor),
                    text(idempotency_key),
                    text(request_sha256),
                    int(now.secs()),
                ],
            )?,
            self.statement(
                &format!(
                    "INSERT INTO return_events (shop_id, seq, at, actor, from_status, to_status) \
                     VALUES (?1, {seq}, ?2, 'shopper', NULL, ?3)"
                ),
                &[shop_arg.clone(), int(now.secs()), text(status)],
            )?,
            // Right after the event: it is guarded on that insert.
            self.statement(
                &lifecycle::OUTBOX_FOR_EVENT.replace("{seq}", seq),
                &[shop_arg.clone(), JsValue::NULL, text(status), int(now.secs())],
            )?,
        ];
        for item in &approved.items {
            statements.push(self.statement(
                &format!(
                    "INSERT INTO return_items (shop_id, seq, line_item_id, quantity, unit_price_minor, \
                     amount_minor, reason, exchange_variant_id) VALUES (?1, {seq}, ?2, ?3, ?4, ?5, ?6, ?7)"
                ),
                &[
                    shop_arg.clone(),
                    text(&item.line_item_id),
                    int(i64::from(item.quantity)),
                    int(item.unit_price_minor),
                    int(item.amount_minor),
                    text(&serde_json::to_string(&item.reason).unwrap_or_default()),
                    opt_text(item.exchange_variant_id.as_deref()),
                ],
            )?);
        }
        match self.commit(statements).await {
            Ok(()) => Ok(NewReturn::Created),
            Err(Error::Refused(Refusal::OverReturned)) => Ok(NewReturn::OverReturned),
            Err(err) if err.is_unique_on("returns") => Ok(NewReturn::KeyTaken),
            Err(err) => Err(err),
        }
    }
}
