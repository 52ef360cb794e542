//! One tracking status taxonomy and the timeline built from checkpoints.
//!
//! Every source (Shopify, AfterShip, EasyPost, WooCommerce, carriers) is
//! normalized into [`TrackingStatus`], which matches AfterShip's tags so that
//! merchants who know that vocabulary recognise it. The raw carrier text is
//! kept beside it on every checkpoint.

use serde::{Deserialize, Serialize};

use crate::UnixTime;
use crate::wire::wire_enum;

wire_enum! {
    /// The normalized status of a shipment or a checkpoint.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum TrackingStatus {
        /// Known to us, nothing from the carrier yet.
        Pending = "Pending",
        /// The carrier has the shipment's data (label created), not the parcel.
        InfoReceived = "InfoReceived",
        InTransit = "InTransit",
        OutForDelivery = "OutForDelivery",
        /// The carrier tried to deliver and could not.
        AttemptFail = "AttemptFail",
        /// Waiting at a pickup point or post office.
        AvailableForPickup = "AvailableForPickup",
        Delivered = "Delivered",
        /// Held, damaged, lost, returned to sender, customs trouble...
        Exception = "Exception",
        /// No updates for too long; the carrier stopped tracking.
        Expired = "Expired",
    }
}

impl TrackingStatus {
    /// The step on the shopper's progress bar this status belongs to.
    pub fn step(self) -> Step {
        match self {
            Self::Pending => Step::Ordered,
            Self::InfoReceived => Step::Shipped,
            Self::InTransit | Self::Exception | Self::Expired => Step::InTransit,
            Self::OutForDelivery | Self::AttemptFail | Self::AvailableForPickup => {
                Step::OutForDelivery
            }
            Self::Delivered => Step::Delivered,
        }
    }

    /// A status that needs the shopper's attention or explains a delay.
    pub fn is_problem(self) -> bool {
        matches!(self, Self::Exception | Self::Expired | Self::AttemptFail)
    }
}

wire_enum! {
    /// The shopper-facing progress bar: Ordered → Shipped → In transit →
    /// Out for delivery → Delivered.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum Step {
        Ordered = "Ordered",
        Shipped = "Shipped",
        InTransit = "InTransit",
        OutForDelivery = "OutForDelivery",
        Delivered = "Delivered",
    }
}

impl Step {
    pub fn index(self) -> usize {
        self as usize
    }
}

/// One event in a shipment's life, normalized, with the source's own words.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Checkpoint {
    pub status: TrackingStatus,
    /// Finer detail, e.g. AfterShip's `Exception_011` or EasyPost's
    /// `arrived_at_facility`.
    pub sub_status: Option<String>,
    /// The status code exactly as the source sent it.
    pub raw_status: String,
    /// The carrier's description of the event.
    pub message: String,
    pub location: Option<String>,
    /// When it happened according to the carrier, not when we heard of it.
    pub occurred_at: UnixTime,
}

impl Checkpoint {
    /// Total order used to make timelines independent of arrival order.
    fn sort_key(&self) -> impl Ord + '_ {
        (
            self.occurred_at,
            self.status,
            &self.raw_status,
            &self.message,
            &self.sub_status,
            &self.location,
        )
    }
}

/// A shipment's checkpoints in event-time order, deduplicated, and the
/// status they add up to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    /// Oldest first.
    pub checkpoints: Vec<Checkpoint>,
    pub status: TrackingStatus,
    pub delivered_at: Option<UnixTime>,
}

impl Timeline {
    /// Builds the timeline. Checkpoints are ordered by the carrier's event
    /// time and exact duplicates dropped, so any permutation or duplication
    /// of the same events gives the same timeline.
    ///
    /// The current status is the latest event's, with one exception: once
    /// delivered, only a later exception (returned to sender, damaged) can
    /// move the parcel off "delivered". A delayed "out for delivery" scan
    /// whose carrier time is later than the delivery still cannot pull it
    /// back.
    pub fn build(checkpoints: impl IntoIterator<Item = Checkpoint>) -> Self {
        let mut checkpoints: Vec<Checkpoint> = checkpoints.into_iter().collect();
        checkpoints.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        checkpoints.dedup();

        let mut status = TrackingStatus::Pending;
        let mut delivered_at = None;
        for checkpoint in &checkpoints {
            let next = checkpoint.status;
            if status == TrackingStatus::Delivered && next != TrackingStatus::Exception {
                continue;
            }
            if next == TrackingStatus::Delivered && delivered_at.is_none() {
                delivered_at = Some(checkpoint.occurred_at);
            }
            status = next;
        }
        if status != TrackingStatus::Delivered {
            delivered_at = None;
        }
        Self {
            checkpoints,
            status,
            delivered_at,
        }
    }

    /// The furthest step reached. An exception keeps the step the parcel had
    /// reached before it, so the bar never moves backwards.
    pub fn step(&self) -> Step {
        if self.status == TrackingStatus::Delivered {
            return Step::Delivered;
        }
        let furthest = self
            .checkpoints
            .iter()
            .map(|c| c.status.step())
            .max()
            .unwrap_or(Step::Ordered);
        furthest.max(self.status.step()).min(Step::OutForDelivery)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64, status: TrackingStatus) -> Checkpoint {
        Checkpoint {
            status,
            sub_status: None,
            raw_status: format!("{status:?}"),
            message: format!("{status:?} at {secs}"),
            location: None,
            occurred_at: UnixTime::from_secs(secs),
        }
    }

    #[test]
    fn late_out_for_delivery_does_not_undo_delivery() {
        use TrackingStatus::*;
        let events = vec![at(10, InTransit), at(30, Delivered), at(40, OutForDelivery)];
        let timeline = Timeline::build(events);
        assert_eq!(timeline.status, Delivered);
        assert_eq!(timeline.delivered_at, Some(UnixTime::from_secs(30)));
        assert_eq!(timeline.step(), Step::Delivered);
    }

    #[test]
    fn exception_after_delivery_is_shown() {
        use TrackingStatus::*;
        let timeline = Timeline::build(vec![at(10, Delivered), at(20, Exception)]);
        assert_eq!(timeline.status, Exception);
        assert_eq!(timeline.delivered_at, None);
    }

    #[test]
    fn exception_keeps_the_step_reached() {
        use TrackingStatus::*;
        let timeline = Timeline::build(vec![
            at(10, InfoReceived),
            at(20, OutForDelivery),
            at(30, Exception),
        ]);
        assert_eq!(timeline.status, Exception);
        assert_eq!(timeline.step(), Step::OutForDelivery);
    }

    #[test]
    fn no_events_means_ordered() {
        let timeline = Timeline::build(Vec::new());
        assert_eq!(timeline.status, TrackingStatus::Pending);
        assert_eq!(timeline.step(), Step::Ordered);
    }

    #[test]
    fn arrival_order_and_duplicates_do_not_matter() {
        use TrackingStatus::*;
        let ordered = vec![
            at(10, InfoReceived),
            at(20, InTransit),
            at(30, OutForDelivery),
            at(40, Delivered),
        ];
        let mut shuffled = vec![
            ordered[3].clone(),
            ordered[1].clone(),
            ordered[0].clone(),
            ordered[2].clone(),
            ordered[1].clone(),
        ];
        assert_eq!(
            Timeline::build(ordered.clone()),
            Timeline::build(shuffled.clone())
        );
        shuffled.reverse();
        assert_eq!(
            Timeline::build(ordered).checkpoints,
            Timeline::build(shuffled).checkpoints
        );
    }
}
