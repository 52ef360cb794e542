//! Writes of the return lifecycle: a status change with its event and
//! outbox row.

use aftercart_shared::ShopId;
use aftercart_shared::returns::Transition;

use super::db::Store;
use super::error::Error;
use super::row::{int, opt_text, text};
use aftercart_shared::wire::WireName;

/// Inserts the outbox row for the event just written, when the shop has a
/// webhook to send it to. `?1` shop, `?2` seq (or a subquery), `?3` status,
/// `?4` now; guarded by the caller on the event's own insert.
pub(super) const OUTBOX_FOR_EVENT: &str = "INSERT INTO webhook_outbox (shop_id, seq, to_status, next_attempt_at, created_at) \
     SELECT ?1, {seq}, ?3, ?4, ?4 \
     WHERE changes() = 1 \
       AND EXISTS (SELECT 1 FROM shop_settings WHERE shop_id = ?1 AND key = 'return_webhook')";

impl Store {
    /// Moves return `seq` along `step` if it is still in `step.from`, with
    /// its event and (when the shop has a webhook) its outbox row, in one
    /// transaction. `false` when another request moved it first: then
    /// nothing is written.
    pub async fn apply_transition(
        &self,
        shop: &ShopId,
        seq: u64,
        step: &Transition,
        note: Option<&str>,
    ) -> Result<bool, Error> {
        let shop_arg = text(shop.as_str());
        let seq_arg = int(seq as i64);
        let to = text(step.to.wire_name());
        let at = int(step.at.secs());
        // `changes()` is the row count of the batch's previous statement:
        // the event is written only if the status moved, and the outbox row
        // only if the event was.
        let [moved, _, _] = &self
            .batch([
                self.statement(
                    "UPDATE returns SET status = ?3 WHERE shop_id = ?1 AND seq = ?2 AND status = ?4",
                    &[
                        shop_arg.clone(),
                        seq_arg.clone(),
                        to.clone(),
                        text(step.from.wire_name()),
                    ],
                )?,
                self.statement(
                    "INSERT INTO return_events (shop_id, seq, at, actor, from_status, to_status, note) \
                     SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE changes() = 1",
                    &[
                        shop_arg.clone(),
                        seq_arg.clone(),
                        at.clone(),
                        text(step.actor.wire_name()),
                        text(step.from.wire_name()),
                        to.clone(),
                        opt_text(note),
                    ],
                )?,
                self.statement(
                    &OUTBOX_FOR_EVENT.replace("{seq}", "?2"),
                    &[shop_arg, seq_arg, to, at],
                )?,
            ])
            .await?;
        Ok(Self::changes(moved)? == 1)
    }
}
