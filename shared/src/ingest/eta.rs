//! Estimated delivery: the carrier's own date when it gave one, otherwise a
//! prediction from how long this shop's parcels with the same carrier took.

use crate::tracking::TrackingStatus;
use crate::{Date, UnixTime};

/// How history becomes an estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EtaPolicy {
    /// Fewer deliveries than this are too few to predict from.
    pub min_samples: usize,
    /// Which percentile of past transit days to promise (1–100). A high one
    /// (80) means most parcels arrive by the date shown: an early parcel
    /// pleases, a late one generates a support ticket.
    pub percentile: u8,
}

impl Default for EtaPolicy {
    fn default() -> Self {
        Self {
            min_samples: 5,
            percentile: 80,
        }
    }
}

/// Where an estimate came from, so the widget can word it ("expected" vs
/// "usually arrives by").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EtaBasis {
    Carrier,
    /// Predicted from `samples` past deliveries taking up to `transit_days`.
    History {
        samples: usize,
        transit_days: i64,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Eta {
    /// The UTC day the parcel is expected on.
    pub day: Date,
    pub basis: EtaBasis,
}

impl Eta {
    /// The estimate as an instant (midnight UTC of its day), the form
    /// `Shipment::carrier_estimate` and the API use.
    pub fn at(&self) -> UnixTime {
        self.day.midnight_utc()
    }
}

/// The carrier's estimate if given, else the `policy` percentile of past
/// transit times added to `shipped_at`.
///
/// `history` holds `(shipped_at, delivered_at)` of this shop's delivered
/// parcels with the same carrier; pairs delivered before they shipped are
/// data errors and ignored. Transit is counted in calendar days (UTC).
pub fn estimate_delivery(
    carrier_estimate: Option<UnixTime>,
    shipped_at: Option<UnixTime>,
    history: &[(UnixTime, UnixTime)],
    policy: EtaPolicy,
) -> Option<Eta> {
    if let Some(at) = carrier_estimate {
        return Some(Eta {
            day: at.date(),
            basis: EtaBasis::Carrier,
        });
    }
    let shipped_at = shipped_at?;
    let mut days: Vec<i64> = history
        .iter()
        .map(|&(shipped, delivered)| calendar_days(shipped, delivered))
        .filter(|&d| d >= 0)
        .collect();
    if days.is_empty() || days.len() < policy.min_samples {
        return None;
    }
    days.sort_unstable();
    // Nearest-rank percentile: the smallest value with at least p% of the
    // samples at or below it.
    let p = usize::from(policy.percentile.clamp(1, 100));
    let rank = (p * days.len()).div_ceil(100);
    let transit_days = days[rank.saturating_sub(1).min(days.len() - 1)];
    Some(Eta {
        day: shipped_at
            .date()
            .midnight_utc()
            .plus_days(transit_days)
            .date(),
        basis: EtaBasis::History {
            samples: days.len(),
            transit_days,
        },
    })
}

fn calendar_days(from: UnixTime, to: UnixTime) -> i64 {
    from.date()
        .midnight_utc()
        .days_until(to.date().midnight_utc())
}

/// True once `now` is past the end of the estimated day and the parcel is
/// not delivered. Same boundary as the shipment view, so the two never
/// disagree.
pub fn is_running_late(eta: UnixTime, now: UnixTime, status: TrackingStatus) -> bool {
    status != TrackingStatus::Delivered && now > end_of_estimated_day(eta)
}

/// Whether a parcel delivered at `delivered` kept its estimate: by the end
/// of the estimated day, the boundary [`is_running_late`] uses.
pub fn delivered_on_time(eta: UnixTime, delivered: UnixTime) -> bool {
    delivered <= end_of_estimated_day(eta)
}

fn end_of_estimated_day(eta: UnixTime) -> UnixTime {
    eta.date().midnight_utc().plus_days(1)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // In tests a panic is the failure report.
mod tests {
    use super::*;

    fn t(raw: &str) -> UnixTime {
        UnixTime::parse(raw).unwrap()
    }

    /// Parcels shipped on 2024-01-01 at noon, delivered `d` days later in
    /// the evening.
    fn history(days: &[i64]) -> Vec<(UnixTime, UnixTime)> {
        let shipped = t("2024-01-01T12:00:00Z");
        days.iter()
            .map(|&d| (shipped, shipped.plus_days(d).plus_secs(8 * 3600)))
            .collect()
    }

    #[test]
    fn the_carrier_date_wins() {
        let eta = estimate_delivery(
            Some(t("2024-08-05T00:00:00Z")),
            Some(t("2024-08-01T09:00:00Z")),
            &history(&[1, 1, 1, 1, 1]),
            EtaPolicy::default(),
        )
        .unwrap();
        assert_eq!(eta.day.iso(), "2024-08-05");
        assert_eq!(eta.basis, EtaBasis::Carrier);
        assert_eq!(eta.at(), t("2024-08-05"));
    }

    #[test]
    fn history_gives_the_eightieth_percentile() {
        let samples = history(&[2, 3, 3, 4, 4, 4, 5, 6, 9, 12]);
        let eta = estimate_delivery(
            None,
            Some(t("2024-03-10T23:30:00Z")),
            &samples,
            EtaPolicy::default(),
        )
        .unwrap();
        // 80th of ten sorted samples is the 8th: 6 days.
        assert_eq!(
            eta.basis,
            EtaBasis::History {
                samples: 10,
                transit_days: 6
            }
        );
        assert_eq!(eta.day.iso(), "2024-03-16");
        let median = EtaPolicy {
            percentile: 50,
            ..EtaPolicy::default()
        };
        let eta =
            estimate_delivery(None, Some(t("2024-03-10T08:00:00Z")), &samples, median).unwrap();
        assert_eq!(eta.day.iso(), "2024-03-14");
    }

    #[test]
    fn too_little_history_or_no_ship_date_gives_nothing() {
        let policy = EtaPolicy::default();
        let shipped = Some(t("2024-03-10T08:00:00Z"));
        assert_eq!(
            estimate_delivery(None, shipped, &history(&[2, 3, 4, 5]), policy),
            None
        );
        assert_eq!(
            estimate_delivery(
                None,
                shipped,
                &[],
                EtaPolicy {
                    min_samples: 0,
                    ..policy
                }
            ),
            None
        );
        assert_eq!(
            estimate_delivery(None, None, &history(&[2, 3, 4, 5, 6]), policy),
            None
        );
        // Pairs delivered before shipping are ignored, leaving too few.
        let mut bad = history(&[2, 3, 4, 5]);
        bad.push((t("2024-01-05T00:00:00Z"), t("2024-01-01T00:00:00Z")));
        assert_eq!(estimate_delivery(None, shipped, &bad, policy), None);
    }

    #[test]
    fn transit_is_counted_in_calendar_days() {
        // Shipped late evening, delivered next morning: one day.
        assert_eq!(
            calendar_days(t("2024-01-01T23:00:00Z"), t("2024-01-02T07:00:00Z")),
            1
        );
        assert_eq!(
            calendar_days(t("2024-01-01T01:00:00Z"), t("2024-01-01T23:00:00Z")),
            0
        );
    }

    #[test]
    fn running_late_starts_after_the_estimated_day() {
        let eta = t("2024-08-05T00:00:00Z");
        let in_transit = TrackingStatus::InTransit;
        assert!(!is_running_late(eta, t("2024-08-05T23:59:59Z"), in_transit));
        assert!(!is_running_late(eta, t("2024-08-06T00:00:00Z"), in_transit));
        assert!(is_running_late(eta, t("2024-08-06T00:00:01Z"), in_transit));
        assert!(!is_running_late(
            eta,
            t("2024-09-01T00:00:00Z"),
            TrackingStatus::Delivered
        ));
        assert!(is_running_late(
            eta,
            t("2024-09-01T00:00:00Z"),
            TrackingStatus::Exception
        ));
    }
}
