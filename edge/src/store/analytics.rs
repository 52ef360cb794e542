//! D1 aggregates for the merchant's analytics: one batch, counts only.
//! Which rows count is specified on `aftercart_shared::analytics::Counts`.

use aftercart_shared::analytics::{Counts, Period};
use aftercart_shared::engage::PromptKind;
use aftercart_shared::{ShopId, UnixTime};
use serde::Deserialize;

use super::db::Store;
use super::error::Error;
use super::row::{first, int, rows, text};
use aftercart_shared::wire::WireName;

/// Orders placed in the period and not cancelled (`?1` shop, `?2`..`?3`).
const COHORT: &str = "o.shop_id = ?1 AND o.placed_at >= ?2 AND o.placed_at < ?3 \
                      AND o.cancelled_at IS NULL";
/// Returns that count: not withdrawn, not refused.
const COUNTED_RETURN: &str = "r.status NOT IN ('cancelled', 'rejected')";

#[derive(Deserialize, Default)]
struct Totals {
    orders: u64,
    units: u64,
}

#[derive(Deserialize, Default)]
struct ReturnTotals {
    orders: u64,
    units: u64,
    rejected: u64,
}

#[derive(Deserialize)]
struct Keyed {
    key: Option<String>,
    n: u64,
}

#[derive(Deserialize)]
struct Scored {
    score: i64,
    n: u64,
}

#[derive(Deserialize)]
struct Delivered {
    eta: Option<i64>,
    delivered_at: i64,
}

#[derive(Deserialize)]
struct Count {
    n: u64,
}

#[derive(Deserialize, Default)]
struct ReferralTotals {
    codes: u64,
    clicks: u64,
}

impl Store {
    pub async fn analytics_counts(&self, shop: &ShopId, period: Period) -> Result<Counts, Error> {
        let args = [
            text(shop.as_str()),
            int(period.from.secs()),
            int(period.to.secs()),
        ];
        let review_request = PromptKind::ReviewRequest.wire_name();
        let [
            totals,
            returned,
            reasons,
            shown,
            ratings,
            nps,
            delivered,
            referral,
            redemptions,
        ] = &self
            .batch([
                self.statement(
                    &format!(
                        "SELECT COUNT(*) AS orders, COALESCE((SELECT SUM(li.quantity) FROM line_items li \
                         JOIN orders o ON o.shop_id = li.shop_id AND o.id = li.order_id WHERE {COHORT}), 0) \
                         AS units FROM orders o WHERE {COHORT}"
                    ),
                    &args,
                )?,
                self.statement(
                    &format!(
                        "SELECT COUNT(DISTINCT CASE WHEN {COUNTED_RETURN} THEN r.order_id END) AS orders, \
                         COALESCE((SELECT SUM(ri.quantity) FROM return_items ri \
                         JOIN returns r ON r.shop_id = ri.shop_id AND r.seq = ri.seq \
                         JOIN orders o ON o.shop_id = r.shop_id AND o.id = r.order_id \
                         WHERE {COHORT} AND {COUNTED_RETURN}), 0) AS units, \
                         COUNT(CASE WHEN r.status = 'rejected' THEN 1 END) AS rejected \
                         FROM returns r JOIN orders o ON o.shop_id = r.shop_id AND o.id = r.order_id \
                         WHERE {COHORT}"
                    ),
                    &args,
                )?,
                self.statement(
                    &format!(
                        "SELECT json_extract(ri.reason, '$.reasonId') AS key, SUM(ri.quantity) AS n \
                         FROM return_items ri JOIN returns r ON r.shop_id = ri.shop_id AND r.seq = ri.seq \
                         JOIN orders o ON o.shop_id = r.shop_id AND o.id = r.order_id \
                         WHERE {COHORT} AND {COUNTED_RETURN} GROUP BY key"
                    ),
                    &args,
                )?,
                self.statement(
                    "SELECT COUNT(*) AS n FROM (SELECT DISTINCT order_id, product_id FROM prompt_events \
                     WHERE shop_id = ?1 AND at >= ?2 AND at < ?3 AND kind = ?4 AND action = 'shown')",
                    &[
                        text(shop.as_str()),
                        int(period.from.secs()),
                        int(period.to.secs()),
                        text(review_request),
                    ],
                )?,
                self.statement(
                    "SELECT rating AS score, COUNT(*) AS n FROM reviews \
                     WHERE shop_id = ?1 AND created_at >= ?2 AND created_at < ?3 GROUP BY rating",
                    &args,
                )?,
                self.statement(
                    "SELECT score, COUNT(*) AS n FROM nps_responses \
                     WHERE shop_id = ?1 AND created_at >= ?2 AND created_at < ?3 GROUP BY score",
                    &args,
                )?,
                // A parcel counts as delivered when its first Delivered
                // checkpoint happened, like the tracking timeline.
                self.statement(
                    "SELECT s.carrier_estimate AS eta, MIN(c.occurred_at) AS delivered_at \
                     FROM shipments s JOIN checkpoints c ON c.shop_id = s.shop_id \
                     AND c.order_id = s.order_id AND c.shipment_id = s.id \
                     WHERE s.shop_id = ?1 AND c.status = 'Delivered' \
                     GROUP BY s.order_id, s.id HAVING delivered_at >= ?2 AND delivered_at < ?3",
                    &args,
                )?,
                self.statement(
                    "SELECT (SELECT COUNT(*) FROM referral_codes WHERE shop_id = ?1 \
                     AND created_at >= ?2 AND created_at < ?3) AS codes, \
                     (SELECT COUNT(*) FROM referral_clicks k JOIN referral_codes c ON c.code = k.code \
                     WHERE c.shop_id = ?1 AND k.at >= ?2 AND k.at < ?3) AS clicks",
                    &args,
                )?,
                self.statement(
                    "SELECT outcome AS key, COUNT(*) AS n FROM referral_redemptions \
                     WHERE shop_id = ?1 AND decided_at >= ?2 AND decided_at < ?3 GROUP BY outcome",
                    &args,
                )?,
            ])
            .await?;
        let totals = first::<Totals>(totals)?.unwrap_or_default();
        let returned = first::<ReturnTotals>(returned)?.unwrap_or_default();
        let referral = first::<ReferralTotals>(referral)?.unwrap_or_default();
        let decided = rows::<Keyed>(redemptions)?;
        let decided = |outcome: &str| {
            decided
                .iter()
                .find(|row| row.key.as_deref() == Some(outcome))
                .map_or(0, |row| row.n)
        };
        let mut counts = Counts {
            orders: totals.orders,
            units: totals.units,
            orders_with_returns: returned.orders,
            units_returned: returned.units,
            returns_rejected: returned.rejected,
            return_reasons: rows::<Keyed>(reasons)?
                .into_iter()
                .map(|row| (row.key.unwrap_or_default(), row.n))
                .collect(),
            review_requests_shown: rows::<Count>(shown)?.first().map_or(0, |c| c.n),
            deliveries: rows::<Delivered>(delivered)?
                .into_iter()
                .map(|row| {
                    (
                        row.eta.map(UnixTime::from_secs),
                        UnixTime::from_secs(row.delivered_at),
                    )
                })
                .collect(),
            referral_codes: referral.codes,
            referral_clicks: referral.clicks,
            referrals_rewarded: decided("rewarded"),
            referrals_flagged: decided("flagged"),
            referrals_refused: decided("refused"),
            ..Counts::default()
        };
        // The CHECK constraints keep ratings in 1–5 and scores in 0–10.
        for row in rows::<Scored>(ratings)? {
            if let Some(slot) = usize::try_from(row.score.saturating_sub(1))
                .ok()
                .and_then(|i| counts.ratings.get_mut(i))
            {
                *slot = row.n;
            }
        }
        for row in rows::<Scored>(nps)? {
            if let Some(slot) = usize::try_from(row.score)
                .ok()
                .and_then(|i| counts.nps_scores.get_mut(i))
            {
                *slot = row.n;
            }
        }
        Ok(counts)
    }
}
