//! The outbound webhook outbox and its delivery log.

use aftercart_shared::api::admin::DeliveryState;
use aftercart_shared::outbound::NextStep;
use aftercart_shared::{ShopId, UnixTime};
use serde::Deserialize;
use wasm_bindgen::JsValue;

use super::db::Store;
use super::error::Error;
use super::row::{int, opt_text, rows, text};
use aftercart_shared::wire::WireName;

/// One event waiting for (or done with) delivery.
#[derive(Debug, Clone, Deserialize)]
pub struct OutboxRow {
    pub id: i64,
    pub shop_id: String,
    pub seq: i64,
    pub to_status: String,
    pub state: String,
    pub attempts: u32,
    pub next_attempt_at: Option<i64>,
    pub created_at: i64,
    /// The event's `from_status`: `None` for a return's creation.
    #[serde(default)]
    pub from_status: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AttemptRow {
    pub outbox_id: i64,
    pub attempt: u32,
    pub at: i64,
    pub http_status: Option<u16>,
    pub error: Option<String>,
    pub duration_ms: u64,
}

/// The outcome of one attempt, to log.
#[derive(Debug)]
pub struct AttemptLog<'a> {
    pub attempt: u32,
    pub at: UnixTime,
    pub http_status: Option<u16>,
    pub error: Option<&'a str>,
    pub duration_ms: u64,
    pub next: NextStep,
}

const COLUMNS: &str = "o.id AS id, o.shop_id AS shop_id, o.seq AS seq, o.to_status AS to_status, \
     o.state AS state, o.attempts AS attempts, o.next_attempt_at AS next_attempt_at, \
     o.created_at AS created_at, e.from_status AS from_status";
const FROM: &str = "webhook_outbox o LEFT JOIN return_events e \
     ON e.shop_id = o.shop_id AND e.seq = o.seq AND e.to_status = o.to_status";

impl Store {
    /// Pending deliveries that are due, oldest first; one shop's or all.
    pub async fn due_outbox(
        &self,
        shop: Option<&ShopId>,
        now: UnixTime,
        limit: u32,
    ) -> Result<Vec<OutboxRow>, Error> {
        let result = self
            .statement(
                &format!(
                    "SELECT {COLUMNS} FROM {FROM} WHERE o.state = 'pending' AND o.next_attempt_at <= ?1 \
                     AND (?2 IS NULL OR o.shop_id = ?2) ORDER BY o.next_attempt_at, o.id LIMIT ?3"
                ),
                &[
                    int(now.secs()),
                    shop.map_or(JsValue::NULL, |s| text(s.as_str())),
                    int(i64::from(limit)),
                ],
            )?
            .all()
            .await?;
        rows(&result)
    }

    /// Takes `row` for one attempt: counts the attempt and holds it until
    /// `lease_until`. `false` when someone else took it first.
    pub async fn claim_outbox(
        &self,
        row: &OutboxRow,
        now: UnixTime,
        lease_until: UnixTime,
    ) -> Result<bool, Error> {
        let result = self
            .statement(
                "UPDATE webhook_outbox SET attempts = attempts + 1, next_attempt_at = ?1 \
                 WHERE id = ?2 AND state = 'pending' AND attempts = ?3 AND next_attempt_at <= ?4",
                &[
                    int(lease_until.secs()),
                    int(row.id),
                    int(i64::from(row.attempts)),
                    int(now.secs()),
                ],
            )?
            .run()
            .await?;
        Ok(Self::changes(&result)? == 1)
    }

    /// Logs an attempt and schedules what follows, in one transaction.
    pub async fn record_attempt(&self, id: i64, log: &AttemptLog<'_>) -> Result<(), Error> {
        let (state, next_at) = match log.next {
            NextStep::Delivered => (DeliveryState::Delivered, JsValue::NULL),
            NextStep::RetryAt(at) => (DeliveryState::Pending, int(at.secs())),
            NextStep::GiveUp => (DeliveryState::Failed, JsValue::NULL),
        };
        self.commit(vec![
            self.statement(
                "INSERT INTO webhook_attempts (outbox_id, attempt, at, http_status, error, duration_ms) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                &[
                    int(id),
                    int(i64::from(log.attempt)),
                    int(log.at.secs()),
                    log.http_status
                        .map_or(JsValue::NULL, |s| int(i64::from(s))),
                    opt_text(log.error),
                    int(i64::try_from(log.duration_ms).unwrap_or(i64::MAX)),
                ],
            )?,
            self.statement(
                "UPDATE webhook_outbox SET state = ?1, next_attempt_at = ?2 WHERE id = ?3",
                &[text(state.wire_name()), next_at, int(id)],
            )?,
        ])
        .await?;
        Ok(())
    }

    /// Makes a delivery due now, whatever its state: the merchant's
    /// "send it again". `None` if the shop has no such delivery.
    pub async fn rearm_outbox(
        &self,
        shop: &ShopId,
        id: i64,
        now: UnixTime,
    ) -> Result<Option<OutboxRow>, Error> {
        self.statement(
            "UPDATE webhook_outbox SET state = 'pending', next_attempt_at = ?1 \
             WHERE shop_id = ?2 AND id = ?3",
            &[int(now.secs()), text(shop.as_str()), int(id)],
        )?
        .run()
        .await?;
        Ok(self
            .outbox_page(shop, Some(id.saturating_add(1)), 1)
            .await?
            .into_iter()
            .next()
            .filter(|(row, _)| row.id == id)
            .map(|(row, _)| row))
    }

    /// The shop's deliveries, newest first, below `before_id`, each with
    /// its attempts (oldest first). One transaction.
    pub async fn outbox_page(
        &self,
        shop: &ShopId,
        before_id: Option<i64>,
        limit: u32,
    ) -> Result<Vec<(OutboxRow, Vec<AttemptRow>)>, Error> {
        let page = "SELECT id FROM webhook_outbox WHERE shop_id = ?1 AND (?2 IS NULL OR id < ?2) \
             ORDER BY id DESC LIMIT ?3";
        let args = [
            text(shop.as_str()),
            before_id.map_or(JsValue::NULL, int),
            int(i64::from(limit)),
        ];
        let [outbox, attempts] = &self
            .batch([
                self.statement(
                    &format!("SELECT {COLUMNS} FROM {FROM} WHERE o.id IN ({page}) ORDER BY o.id DESC"),
                    &args,
                )?,
                self.statement(
                    &format!(
                        "SELECT outbox_id, attempt, at, http_status, error, duration_ms FROM webhook_attempts \
                         WHERE outbox_id IN ({page}) ORDER BY outbox_id, attempt"
                    ),
                    &args,
                )?,
            ])
            .await?;
        let attempts = rows::<AttemptRow>(attempts)?;
        Ok(rows::<OutboxRow>(outbox)?
            .into_iter()
            .map(|row| {
                let mine = attempts
                    .iter()
                    .filter(|a| a.outbox_id == row.id)
                    .cloned()
                    .collect();
                (row, mine)
            })
            .collect())
    }
}
