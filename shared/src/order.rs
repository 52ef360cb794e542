//! Orders as the edge stores them, and the view a shopper is shown.

use std::collections::HashMap;

use crate::api::{CheckpointView, LineItemView, OrderStatusView, OrderView, ShipmentView};
use crate::ingest::eta::{EtaBasis, EtaPolicy, estimate_delivery, is_running_late};
use crate::tracking::{Checkpoint, Step, Timeline, TrackingStatus};
use crate::{Email, OrderId, OrderNumber, UnixTime};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    pub id: OrderId,
    pub number: OrderNumber,
    /// The number as the shop displays it, e.g. `#1001`.
    pub display_number: String,
    /// `None` for orders placed without one (point of sale, some imports):
    /// those can be opened only through a merchant's signed link.
    pub email: Option<Email>,
    pub customer_first_name: Option<String>,
    pub placed_at: UnixTime,
    pub currency: String,
    pub total_minor: i64,
    pub cancelled_at: Option<UnixTime>,
    pub line_items: Vec<LineItem>,
    pub shipments: Vec<Shipment>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineItem {
    pub id: String,
    pub product_id: Option<String>,
    pub title: String,
    pub variant_title: Option<String>,
    pub sku: Option<String>,
    pub quantity: u32,
    pub unit_price_minor: i64,
    pub image_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shipment {
    pub id: String,
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
    pub tracking_url: Option<String>,
    /// The carrier's own estimate, when it gave one.
    pub carrier_estimate: Option<UnixTime>,
    pub created_at: UnixTime,
    pub checkpoints: Vec<Checkpoint>,
    /// `(line item id, quantity)` pairs in this parcel.
    pub items: Vec<(String, u32)>,
}

/// How long this shop's delivered parcels took, per carrier: what a
/// delivery estimate is predicted from when the carrier gives none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TransitHistory {
    /// Lowercased carrier name → `(shipped_at, delivered_at)` pairs.
    by_carrier: HashMap<String, Vec<(UnixTime, UnixTime)>>,
}

impl TransitHistory {
    pub fn record(&mut self, carrier: &str, shipped_at: UnixTime, delivered_at: UnixTime) {
        self.by_carrier
            .entry(carrier.trim().to_lowercase())
            .or_default()
            .push((shipped_at, delivered_at));
    }

    fn for_carrier(&self, carrier: Option<&str>) -> &[(UnixTime, UnixTime)] {
        carrier
            .and_then(|c| self.by_carrier.get(&c.trim().to_lowercase()))
            .map_or(&[], Vec::as_slice)
    }
}

impl Order {
    /// The shopper's view of this order at `now`, with estimates only from
    /// carriers.
    pub fn view(&self, now: UnixTime) -> OrderView {
        self.view_with_history(now, &TransitHistory::default())
    }

    /// Carriers of parcels still on their way with no date from the
    /// carrier: the ones whose past transit times a view needs.
    pub fn carriers_needing_history(&self) -> Vec<String> {
        let mut carriers: Vec<String> = self
            .shipments
            .iter()
            .filter(|s| s.carrier_estimate.is_none())
            .filter(|s| {
                !s.checkpoints
                    .iter()
                    .any(|c| c.status == TrackingStatus::Delivered)
            })
            .filter_map(|s| s.carrier.clone())
            .collect();
        carriers.sort_unstable();
        carriers.dedup();
        carriers
    }

    /// The shopper's view, predicting delivery from `history` where the
    /// carrier gave no estimate.
    pub fn view_with_history(&self, now: UnixTime, history: &TransitHistory) -> OrderView {
        let shipments: Vec<ShipmentView> = self
            .shipments
            .iter()
            .map(|s| s.view_with_history(now, history))
            .collect();
        let status = overall_status(&shipments, self.cancelled_at.is_some());
        OrderView {
            id: self.id.clone(),
            order_number: self.display_number.clone(),
            placed_at: self.placed_at,
            customer_first_name: self.customer_first_name.clone(),
            currency: self.currency.clone(),
            total_minor: self.total_minor,
            cancelled: self.cancelled_at.is_some(),
            line_items: self
                .line_items
                .iter()
                .map(|item| LineItemView {
                    id: item.id.clone(),
                    title: item.title.clone(),
                    variant_title: item.variant_title.clone(),
                    quantity: item.quantity,
                    unit_price_minor: item.unit_price_minor,
                    image_url: item.image_url.clone(),
                })
                .collect(),
            status,
            shipments,
            other_orders: Vec::new(),
        }
    }
}

impl Shipment {
    pub fn view(&self, now: UnixTime) -> ShipmentView {
        self.view_with_history(now, &TransitHistory::default())
    }

    pub fn view_with_history(&self, now: UnixTime, history: &TransitHistory) -> ShipmentView {
        let timeline = Timeline::build(self.checkpoints.iter().cloned());
        let step = if timeline.checkpoints.is_empty() {
            // A fulfillment exists, so the order has at least shipped.
            Step::Shipped
        } else {
            timeline.step().max(Step::Shipped)
        };
        let estimate = estimate_delivery(
            self.carrier_estimate,
            Some(self.created_at),
            history.for_carrier(self.carrier.as_deref()),
            EtaPolicy::default(),
        );
        let estimated_delivery = estimate.map(|eta| eta.at());
        let estimated_from_history =
            estimate.is_some_and(|eta| matches!(eta.basis, EtaBasis::History { .. }));
        let running_late =
            estimated_delivery.is_some_and(|eta| is_running_late(eta, now, timeline.status));
        ShipmentView {
            id: self.id.clone(),
            carrier: self.carrier.clone(),
            tracking_number: self.tracking_number.clone(),
            tracking_url: self.tracking_url.clone(),
            status: timeline.status,
            step,
            estimated_delivery,
            estimated_from_history,
            running_late,
            delivered_at: timeline.delivered_at,
            checkpoints: timeline
                .checkpoints
                .iter()
                .rev()
                .map(|c| CheckpointView {
                    status: c.status,
                    sub_status: c.sub_status.clone(),
                    message: c.message.clone(),
                    location: c.location.clone(),
                    occurred_at: c.occurred_at,
                })
                .collect(),
            items: self.items.clone(),
        }
    }
}

/// The order's headline: the least advanced shipment decides the step (the
/// order is delivered when every parcel is), and any parcel in trouble is
/// surfaced rather than averaged away.
fn overall_status(shipments: &[ShipmentView], cancelled: bool) -> OrderStatusView {
    let step = shipments
        .iter()
        .map(|s| s.step)
        .min()
        .unwrap_or(Step::Ordered);
    let problem = shipments
        .iter()
        .find(|s| s.status.is_problem())
        .map(|s| s.status);
    let status = problem.unwrap_or_else(|| {
        shipments
            .iter()
            .min_by_key(|s| s.step)
            .map_or(TrackingStatus::Pending, |s| s.status)
    });
    OrderStatusView {
        step,
        status,
        cancelled,
        estimated_delivery: shipments
            .iter()
            .filter(|s| s.delivered_at.is_none())
            .filter_map(|s| s.estimated_delivery)
            .max(),
        running_late: shipments.iter().any(|s| s.running_late),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checkpoint(secs: i64, status: TrackingStatus) -> Checkpoint {
        Checkpoint {
            status,
            sub_status: None,
            raw_status: String::new(),
            message: String::new(),
            location: None,
            occurred_at: UnixTime::from_secs(secs),
        }
    }

    fn shipment(id: &str, checkpoints: Vec<Checkpoint>, eta: Option<i64>) -> Shipment {
        Shipment {
            id: id.into(),
            carrier: Some("PostNord".into()),
            tracking_number: Some("00370712345".into()),
            tracking_url: None,
            carrier_estimate: eta.map(UnixTime::from_secs),
            created_at: UnixTime::from_secs(0),
            checkpoints,
            items: vec![("li-1".into(), 1)],
        }
    }

    fn order(shipments: Vec<Shipment>) -> Order {
        Order {
            id: OrderId::parse("o1").unwrap(),
            number: OrderNumber::parse("#1001").unwrap(),
            display_number: "#1001".into(),
            email: Some(Email::parse("a@example.com").unwrap()),
            customer_first_name: Some("Ada".into()),
            placed_at: UnixTime::from_secs(0),
            currency: "SEK".into(),
            total_minor: 10_000,
            cancelled_at: None,
            line_items: Vec::new(),
            shipments,
        }
    }

    #[test]
    fn unshipped_order_is_ordered() {
        let view = order(Vec::new()).view(UnixTime::from_secs(100));
        assert_eq!(view.status.step, Step::Ordered);
        assert_eq!(view.status.status, TrackingStatus::Pending);
    }

    #[test]
    fn least_advanced_parcel_sets_the_order_step() {
        use TrackingStatus::*;
        let view = order(vec![
            shipment("a", vec![checkpoint(10, Delivered)], None),
            shipment("b", vec![checkpoint(10, InTransit)], None),
        ])
        .view(UnixTime::from_secs(100));
        assert_eq!(view.status.step, Step::InTransit);
        assert_eq!(view.status.status, InTransit);
        assert_eq!(view.shipments[0].step, Step::Delivered);
    }

    #[test]
    fn a_parcel_in_trouble_is_the_headline() {
        use TrackingStatus::*;
        let view = order(vec![
            shipment("a", vec![checkpoint(10, Delivered)], None),
            shipment(
                "b",
                vec![checkpoint(10, InTransit), checkpoint(20, Exception)],
                None,
            ),
        ])
        .view(UnixTime::from_secs(100));
        assert_eq!(view.status.status, Exception);
    }

    #[test]
    fn running_late_only_after_the_estimated_day_ends() {
        use TrackingStatus::*;
        let eta = crate::time::SECONDS_PER_DAY * 10; // midnight of day 10
        let s = shipment("a", vec![checkpoint(10, InTransit)], Some(eta));
        assert!(!s.view(UnixTime::from_secs(eta + 3_600)).running_late);
        assert!(
            s.view(UnixTime::from_secs(eta + 2 * crate::time::SECONDS_PER_DAY))
                .running_late
        );
        let delivered = shipment("a", vec![checkpoint(10, Delivered)], Some(eta));
        assert!(!delivered.view(UnixTime::from_secs(eta * 3)).running_late);
    }

    #[test]
    fn without_a_carrier_estimate_the_shop_history_predicts_one() {
        use TrackingStatus::*;
        let day = crate::time::SECONDS_PER_DAY;
        let mut history = TransitHistory::default();
        // PostNord usually takes 2 days, once 4.
        for (shipped, transit) in [(0, 2), (10, 2), (20, 2), (30, 2), (40, 4)] {
            history.record(
                "PostNord",
                UnixTime::from_secs(shipped * day),
                UnixTime::from_secs((shipped + transit) * day),
            );
        }
        let mut parcel = shipment("a", vec![checkpoint(100 * day, InTransit)], None);
        parcel.created_at = UnixTime::from_secs(100 * day);
        let now = UnixTime::from_secs(100 * day + 3600);

        let view = parcel.view_with_history(now, &history);
        // The 80th percentile of [2, 2, 2, 2, 4] is 2 days.
        assert_eq!(
            view.estimated_delivery,
            Some(UnixTime::from_secs(102 * day))
        );
        assert!(view.estimated_from_history);
        // Without history (or for another carrier) there is no guess.
        assert_eq!(parcel.view(now).estimated_delivery, None);
        parcel.carrier = Some("DHL".into());
        assert_eq!(
            parcel.view_with_history(now, &history).estimated_delivery,
            None
        );

        // The carrier's own date wins over history.
        let mut told = shipment("b", vec![checkpoint(100 * day, InTransit)], Some(105 * day));
        told.created_at = UnixTime::from_secs(100 * day);
        let view = told.view_with_history(now, &history);
        assert_eq!(
            view.estimated_delivery,
            Some(UnixTime::from_secs(105 * day))
        );
        assert!(!view.estimated_from_history);
    }

    #[test]
    fn only_undelivered_parcels_without_a_carrier_date_need_history() {
        use TrackingStatus::*;
        let mut delivered = shipment("a", vec![checkpoint(10, Delivered)], None);
        delivered.carrier = Some("DHL".into());
        let dated = shipment("b", vec![checkpoint(10, InTransit)], Some(1_000));
        let undated = shipment("c", vec![checkpoint(10, InTransit)], None);
        let twin = shipment("d", vec![], None);
        let order = order(vec![delivered, dated, undated, twin]);
        assert_eq!(order.carriers_needing_history(), ["PostNord"]);
    }

    #[test]
    fn checkpoints_are_newest_first_in_the_view() {
        use TrackingStatus::*;
        let view = shipment(
            "a",
            vec![
                checkpoint(10, InTransit),
                checkpoint(30, OutForDelivery),
                checkpoint(20, InTransit),
            ],
            None,
        )
        .view(UnixTime::from_secs(100));
        let times: Vec<i64> = view
            .checkpoints
            .iter()
            .map(|c| c.occurred_at.secs())
            .collect();
        assert_eq!(times, [30, 20, 10]);
    }
}
