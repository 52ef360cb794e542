//! The loyalty ledger: postings, each stored once per source, some only
//! under a condition on what else the transaction wrote.

use aftercart_shared::referral::Posting;
use aftercart_shared::{OrderId, ShopId, UnixTime};
use serde::Deserialize;
use wasm_bindgen::JsValue;
use worker::D1PreparedStatement;

use super::db::Store;
use super::error::Error;
use super::row::{corrupt, int, text};

/// A ledger posting to store once: a second posting with the same source
/// is a no-op.
#[derive(Debug)]
pub struct NewPosting<'a> {
    pub source: &'a str,
    pub mailbox: &'a str,
    pub posting: Posting,
    pub at: UnixTime,
}

#[derive(Deserialize)]
pub(super) struct PostingRow {
    kind: String,
    points: i64,
}

pub(super) fn posting(row: &PostingRow) -> Result<Posting, Error> {
    let points = u64::try_from(row.points).map_err(|e| corrupt("ledger points", e))?;
    Posting::from_stored(&row.kind, points).ok_or_else(|| corrupt("ledger kind", &row.kind))
}

impl Store {
    /// A posting that is stored only if the statement right before it in
    /// the batch (a redemption) stored its row.
    pub fn posting_after_redemption(
        &self,
        shop: &ShopId,
        new: &NewPosting<'_>,
    ) -> Result<D1PreparedStatement, Error> {
        self.posting_where(shop, new, "changes() = 1", &[])
    }

    /// A posting that is stored only while the stored order is not
    /// cancelled (purchase points: a stale "created" arriving after the
    /// cancellation earns nothing).
    pub fn posting_for_live_order(
        &self,
        shop: &ShopId,
        order: &OrderId,
        new: &NewPosting<'_>,
    ) -> Result<D1PreparedStatement, Error> {
        self.posting_where(
            shop,
            new,
            "EXISTS (SELECT 1 FROM orders WHERE shop_id = ?1 AND id = ?7 AND cancelled_at IS NULL)",
            &[text(order.as_str())],
        )
    }

    /// A posting with no condition but its source's uniqueness (a review).
    pub fn posting(
        &self,
        shop: &ShopId,
        new: &NewPosting<'_>,
    ) -> Result<D1PreparedStatement, Error> {
        self.posting_where(shop, new, "1", &[])
    }

    fn posting_where(
        &self,
        shop: &ShopId,
        new: &NewPosting<'_>,
        condition: &str,
        extra: &[JsValue],
    ) -> Result<D1PreparedStatement, Error> {
        let mut args = vec![
            text(shop.as_str()),
            text(new.source),
            text(new.mailbox),
            text(new.posting.kind()),
            int(i64::try_from(new.posting.points().0).unwrap_or(i64::MAX)),
            int(new.at.secs()),
        ];
        args.extend_from_slice(extra);
        self.statement(
            &format!(
                "INSERT INTO loyalty_ledger (shop_id, source, mailbox, kind, points, at) \
                 SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE {condition} ON CONFLICT DO NOTHING"
            ),
            &args,
        )
    }

    /// Takes back exactly what the order's purchase posting earned, once,
    /// when the stored order is cancelled: the ledger follows the order's
    /// state, not the webhook that announced it.
    pub fn take_back_purchase(
        &self,
        shop: &ShopId,
        order: &OrderId,
        at: UnixTime,
    ) -> Result<D1PreparedStatement, Error> {
        self.statement(
            "INSERT INTO loyalty_ledger (shop_id, source, mailbox, kind, points, at) \
             SELECT shop_id, 'cancelled:' || ?2, mailbox, 'taken_back', points, ?3 FROM loyalty_ledger \
             WHERE shop_id = ?1 AND source = 'purchase:' || ?2 AND EXISTS (SELECT 1 FROM orders \
             WHERE shop_id = ?1 AND id = ?2 AND cancelled_at IS NOT NULL) ON CONFLICT DO NOTHING",
            &[text(shop.as_str()), text(order.as_str()), int(at.secs())],
        )
    }

    /// Takes back the points a referral earned its referrer, once, after
    /// [`Store::revoke_reward`] revoked it (in this transaction or before).
    /// The ledger never goes below zero, so points already spent stay spent.
    pub fn take_back_referral(
        &self,
        shop: &ShopId,
        order: &OrderId,
        at: UnixTime,
    ) -> Result<D1PreparedStatement, Error> {
        self.statement(
            "INSERT INTO loyalty_ledger (shop_id, source, mailbox, kind, points, at) \
             SELECT shop_id, 'revoked:' || ?2, mailbox, 'taken_back', points, ?3 FROM loyalty_ledger \
             WHERE shop_id = ?1 AND source = 'referral:' || ?2 AND EXISTS (SELECT 1 FROM \
             referral_redemptions WHERE shop_id = ?1 AND order_id = ?2 AND revoked_at IS NOT NULL) \
             ON CONFLICT DO NOTHING",
            &[text(shop.as_str()), text(order.as_str()), int(at.secs())],
        )
    }
}
