//! Orders as the edge stores them, and the view a shopper is shown.

use crate::api::{CheckpointView, LineItemView, OrderStatusView, OrderView, ShipmentView};
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

impl Order {
    /// The shopper's view of this order at `now`.
    pub fn view(&self, now: UnixTime) -> OrderView {
        let shipments: Vec<ShipmentView> = self.shipments.iter().map(|s| s.view(now)).collect();
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
        let timeline = Timeline::build(self.checkpoints.iter().cloned());
        let step = if timeline.checkpoints.is_empty() {
            // A fulfillment exists, so the order has at least shipped.
            Step::Shipped
        } else {
            timeline.step().max(Step::Shipped)
        };
        let estimated_delivery = self.carrier_estimate;
        let running_late = timeline.status != TrackingStatus::Delivered
            && estimated_delivery
                .is_some_and(|eta| now.secs() > eta.date().midnight_utc().plus_days(1).secs());
        ShipmentView {
            id: self.id.clone(),
            carrier: self.carrier.clone(),
            tracking_number: self.tracking_number.clone(),
            tracking_url: self.tracking_url.clone(),
            status: timeline.status,
            step,
            estimated_delivery,
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
