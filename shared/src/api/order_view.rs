//! The shopper's view of an order at `now`: each parcel's step, status
//! and estimate, and the order's headline from its parcels.

use super::shopper::{CheckpointView, LineItemView, OrderStatusView, OrderView, ShipmentView};
use crate::UnixTime;
use crate::ingest::eta::{EtaBasis, EtaPolicy, estimate_delivery, is_running_late};
use crate::order::{Order, Shipment, TransitHistory};
use crate::tracking::{Step, Timeline, TrackingStatus};

impl OrderView {
    /// The shopper's view of `order` at `now`, with estimates only from
    /// carriers.
    pub fn of(order: &Order, now: UnixTime) -> Self {
        Self::with_history(order, now, &TransitHistory::default())
    }

    /// The shopper's view, predicting delivery from `history` where the
    /// carrier gave no estimate.
    pub fn with_history(order: &Order, now: UnixTime, history: &TransitHistory) -> Self {
        let shipments: Vec<ShipmentView> = order
            .shipments
            .iter()
            .map(|s| ShipmentView::with_history(s, now, history))
            .collect();
        let status = overall_status(&shipments, order.cancelled_at.is_some());
        Self {
            id: order.id.clone(),
            order_number: order.display_number.clone(),
            placed_at: order.placed_at,
            customer_first_name: order.customer_first_name.clone(),
            currency: order.currency.clone(),
            total_minor: order.total_minor,
            cancelled: order.cancelled_at.is_some(),
            line_items: order
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
            can_act: false,
        }
    }
}

impl ShipmentView {
    /// The shopper's view of one parcel at `now`, with estimates only from
    /// its carrier.
    pub fn of(shipment: &Shipment, now: UnixTime) -> Self {
        Self::with_history(shipment, now, &TransitHistory::default())
    }

    /// The parcel's view, predicting delivery from `history` when the
    /// carrier gave no estimate.
    pub fn with_history(shipment: &Shipment, now: UnixTime, history: &TransitHistory) -> Self {
        let timeline = Timeline::build(shipment.checkpoints.iter().cloned());
        let step = if timeline.checkpoints.is_empty() {
            // A fulfillment exists, so the order has at least shipped.
            Step::Shipped
        } else {
            timeline.step().max(Step::Shipped)
        };
        let estimate = estimate_delivery(
            shipment.carrier_estimate,
            Some(shipment.created_at),
            history.for_carrier(shipment.carrier.as_deref()),
            EtaPolicy::default(),
        );
        let estimated_delivery = estimate.map(|eta| eta.at());
        let estimated_from_history =
            estimate.is_some_and(|eta| matches!(eta.basis, EtaBasis::History { .. }));
        let running_late =
            estimated_delivery.is_some_and(|eta| is_running_late(eta, now, timeline.status));
        Self {
            id: shipment.id.clone(),
            carrier: shipment.carrier.clone(),
            tracking_number: shipment.tracking_number.clone(),
            tracking_url: shipment.tracking_url.clone(),
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
            items: shipment.items.clone(),
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
    use crate::order::fixtures::{checkpoint, order, shipment};

    #[test]
    fn unshipped_order_is_ordered() {
        let view = OrderView::of(&order(Vec::new()), UnixTime::from_secs(100));
        assert_eq!(view.status.step, Step::Ordered);
        assert_eq!(view.status.status, TrackingStatus::Pending);
    }

    #[test]
    fn least_advanced_parcel_sets_the_order_step() {
        use TrackingStatus::*;
        let order = order(vec![
            shipment("a", vec![checkpoint(10, Delivered)], None),
            shipment("b", vec![checkpoint(10, InTransit)], None),
        ]);
        let view = OrderView::of(&order, UnixTime::from_secs(100));
        assert_eq!(view.status.step, Step::InTransit);
        assert_eq!(view.status.status, InTransit);
        assert_eq!(view.shipments[0].step, Step::Delivered);
    }

    #[test]
    fn a_parcel_in_trouble_is_the_headline() {
        use TrackingStatus::*;
        let order = order(vec![
            shipment("a", vec![checkpoint(10, Delivered)], None),
            shipment(
                "b",
                vec![checkpoint(10, InTransit), checkpoint(20, Exception)],
                None,
            ),
        ]);
        let view = OrderView::of(&order, UnixTime::from_secs(100));
        assert_eq!(view.status.status, Exception);
    }

    #[test]
    fn running_late_only_after_the_estimated_day_ends() {
        use TrackingStatus::*;
        let eta = crate::time::SECONDS_PER_DAY * 10; // midnight of day 10
        let s = shipment("a", vec![checkpoint(10, InTransit)], Some(eta));
        assert!(!ShipmentView::of(&s, UnixTime::from_secs(eta + 3_600)).running_late);
        assert!(
            ShipmentView::of(
                &s,
                UnixTime::from_secs(eta + 2 * crate::time::SECONDS_PER_DAY)
            )
            .running_late
        );
        let delivered = shipment("a", vec![checkpoint(10, Delivered)], Some(eta));
        assert!(!ShipmentView::of(&delivered, UnixTime::from_secs(eta * 3)).running_late);
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

        let view = ShipmentView::with_history(&parcel, now, &history);
        // The 80th percentile of [2, 2, 2, 2, 4] is 2 days.
        assert_eq!(
            view.estimated_delivery,
            Some(UnixTime::from_secs(102 * day))
        );
        assert!(view.estimated_from_history);
        // Without history (or for another carrier) there is no guess.
        assert_eq!(ShipmentView::of(&parcel, now).estimated_delivery, None);
        parcel.carrier = Some("DHL".into());
        assert_eq!(
            ShipmentView::with_history(&parcel, now, &history).estimated_delivery,
            None
        );

        // The carrier's own date wins over history.
        let mut told = shipment("b", vec![checkpoint(100 * day, InTransit)], Some(105 * day));
        told.created_at = UnixTime::from_secs(100 * day);
        let view = ShipmentView::with_history(&told, now, &history);
        assert_eq!(
            view.estimated_delivery,
            Some(UnixTime::from_secs(105 * day))
        );
        assert!(!view.estimated_from_history);
    }

    #[test]
    fn checkpoints_are_newest_first_in_the_view() {
        use TrackingStatus::*;
        let parcel = shipment(
            "a",
            vec![
                checkpoint(10, InTransit),
                checkpoint(30, OutForDelivery),
                checkpoint(20, InTransit),
            ],
            None,
        );
        let view = ShipmentView::of(&parcel, UnixTime::from_secs(100));
        let times: Vec<i64> = view
            .checkpoints
            .iter()
            .map(|c| c.occurred_at.secs())
            .collect();
        assert_eq!(times, [30, 20, 10]);
    }
}
