//! Orders as the edge stores them (the shopper's view of one is
//! [`OrderView`](crate::api::shopper::OrderView)).

use std::collections::HashMap;

use crate::tracking::{Checkpoint, TrackingStatus};
use crate::{Email, OrderId, OrderNumber, TrackingUrl, UnixTime};

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
    pub tracking_url: Option<TrackingUrl>,
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

    /// The recorded transits of `carrier` (any case), none for `None`.
    pub fn for_carrier(&self, carrier: Option<&str>) -> &[(UnixTime, UnixTime)] {
        carrier
            .and_then(|c| self.by_carrier.get(&c.trim().to_lowercase()))
            .map_or(&[], Vec::as_slice)
    }
}

impl Order {
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
}

/// Orders for tests here and in the views' tests.
#[cfg(test)]
#[allow(clippy::unwrap_used)] // In tests a panic is the failure report.
pub(crate) mod fixtures {
    use super::*;

    pub fn checkpoint(secs: i64, status: TrackingStatus) -> Checkpoint {
        Checkpoint {
            status,
            sub_status: None,
            raw_status: String::new(),
            message: String::new(),
            location: None,
            occurred_at: UnixTime::from_secs(secs),
        }
    }

    pub fn shipment(id: &str, checkpoints: Vec<Checkpoint>, eta: Option<i64>) -> Shipment {
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

    pub fn order(shipments: Vec<Shipment>) -> Order {
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
}

#[cfg(test)]
mod tests {
    use super::fixtures::*;
    use crate::tracking::TrackingStatus;

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
}
