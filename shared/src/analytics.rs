//! Merchant analytics: return rate and reasons, review rate and rating,
//! NPS, referral conversions and on-time delivery for a period, from counts
//! the edge aggregates.
//!
//! Which rows count is decided here and documented on [`Counts`]; the
//! arithmetic (shares, the NPS score, the on-time rule) lives here too, so
//! the numbers a merchant reads follow one definition everywhere.
//!
//! The wire type is [`ShopAnalytics`]
//! (`GET /v1/admin/shops/{shop}/analytics?from=YYYY-MM-DD&to=YYYY-MM-DD`).

use serde::{Deserialize, Serialize};

use crate::UnixTime;
use crate::ingest::eta::delivered_on_time;
use crate::time::SECONDS_PER_DAY;

/// The longest period one report covers.
pub const MAX_DAYS: i64 = 366;
/// The period when none is asked for: the last 30 days, today included.
pub const DEFAULT_DAYS: i64 = 30;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnalyticsError {
    #[error("`{field}` must be a date like 2026-03-01")]
    BadDate { field: &'static str },
    #[error("`from` must be before `to`")]
    Empty,
    #[error("a report covers at most {MAX_DAYS} days")]
    TooLong,
}

impl AnalyticsError {
    /// The query parameter at fault.
    pub fn field(&self) -> &'static str {
        match self {
            Self::BadDate { field } => field,
            Self::Empty | Self::TooLong => "from",
        }
    }
}

/// Whole UTC days `[from, to)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Period {
    pub from: UnixTime,
    pub to: UnixTime,
}

impl Period {
    /// `from` and `to` as `YYYY-MM-DD`, both included (`to` is the last
    /// day). Either may be left out: `to` defaults to today, `from` to
    /// [`DEFAULT_DAYS`] days before `to`.
    pub fn parse(
        from: Option<&str>,
        to: Option<&str>,
        now: UnixTime,
    ) -> Result<Self, AnalyticsError> {
        let day = |raw: &str, field: &'static str| {
            let valid = raw.len() == 10 && raw.as_bytes()[4] == b'-' && raw.as_bytes()[7] == b'-';
            valid
                .then(|| UnixTime::parse(raw).ok())
                .flatten()
                .filter(|t| t.date().iso() == raw)
                .ok_or(AnalyticsError::BadDate { field })
        };
        let last_day = match to {
            Some(raw) => day(raw, "to")?,
            None => now.date().midnight_utc(),
        };
        let end = last_day.plus_days(1);
        let start = match from {
            Some(raw) => day(raw, "from")?,
            None => end.plus_days(-DEFAULT_DAYS),
        };
        if start >= end {
            return Err(AnalyticsError::Empty);
        }
        if start.days_until(end) > MAX_DAYS {
            return Err(AnalyticsError::TooLong);
        }
        Ok(Self {
            from: start,
            to: end,
        })
    }

    pub fn days(self) -> i64 {
        (self.to.secs() - self.from.secs()) / SECONDS_PER_DAY
    }
}

/// What the edge counts for a [`Period`].
///
/// * Returns are measured on the period's **order cohort**: orders placed
///   in the period and not cancelled, and every return ever requested on
///   them except those the shopper withdrew or the merchant rejected (a
///   rejected one is counted apart). So a return rate does not move with
///   how long ago the orders were placed relative to the report.
/// * Reviews, NPS, referrals and deliveries count what **happened** in the
///   period: a review request shown (once per order and product), a review
///   written, an NPS answer given, a share link visited, a referral decided,
///   a parcel delivered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    pub orders: u64,
    pub units: u64,
    pub orders_with_returns: u64,
    pub units_returned: u64,
    pub returns_rejected: u64,
    /// Units returned per reason id.
    pub return_reasons: Vec<(String, u64)>,
    pub review_requests_shown: u64,
    /// Reviews written, by rating 1–5 (index 0 is one star).
    pub ratings: [u64; 5],
    /// NPS answers by score 0–10.
    pub nps_scores: [u64; 11],
    /// Referral codes handed out (shown to their owner for the first time).
    pub referral_codes: u64,
    pub referral_clicks: u64,
    /// Orders with a referral code, by decision.
    pub referrals_rewarded: u64,
    pub referrals_flagged: u64,
    pub referrals_refused: u64,
    /// Each parcel delivered in the period: the carrier's estimate, if it
    /// gave one, and when it was delivered.
    pub deliveries: Vec<(Option<UnixTime>, UnixTime)>,
}

/// `count` of `of`, with the share in percent to one decimal (`None` when
/// `of` is zero: no share of nothing).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Share {
    pub count: u64,
    pub of: u64,
    pub percent: Option<f64>,
}

impl Share {
    pub fn new(count: u64, of: u64) -> Self {
        Self {
            count,
            of,
            percent: (of > 0).then(|| round1(count as f64 * 100.0 / of as f64)),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ReasonShare {
    pub reason_id: String,
    /// The merchant's label for it, when the policy still has the reason.
    pub label: Option<String>,
    pub units: Share,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ReturnStats {
    /// Orders of the cohort with a return.
    pub by_orders: Share,
    /// Units of the cohort returned.
    pub by_units: Share,
    pub rejected: u64,
    /// Most returned-for first.
    pub reasons: Vec<ReasonShare>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ReviewStats {
    /// Reviews written per review request shown.
    pub rate: Share,
    pub count: u64,
    pub average_rating: Option<f64>,
    /// Reviews per star rating, one star first.
    pub distribution: [u64; 5],
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct NpsStats {
    pub responses: u64,
    /// 9–10.
    pub promoters: u64,
    /// 7–8.
    pub passives: u64,
    /// 0–6.
    pub detractors: u64,
    /// % promoters − % detractors, −100 to 100; `None` without answers.
    pub score: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ReferralStats {
    pub codes: u64,
    pub clicks: u64,
    /// Friends' first orders that earned the referrer a reward, per click.
    pub conversion: Share,
    /// Suspected self-referrals, for review (`/referral-flags`).
    pub flagged: u64,
    /// Not a first order, below the minimum, or a friend already counted.
    pub refused: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct DeliveryStats {
    pub delivered: u64,
    /// Delivered by the end of the day the carrier estimated, of the
    /// parcels that had an estimate.
    pub on_time: Share,
}

/// `GET /v1/admin/shops/{shop}/analytics`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ShopAnalytics {
    pub period: Period,
    pub orders: u64,
    pub returns: ReturnStats,
    pub reviews: ReviewStats,
    pub nps: NpsStats,
    pub referrals: ReferralStats,
    pub delivery: DeliveryStats,
}

/// The report for `counts`. `label` names a reason id in the merchant's
/// words, if the policy has it.
pub fn report(
    period: Period,
    counts: &Counts,
    label: impl Fn(&str) -> Option<String>,
) -> ShopAnalytics {
    let mut reasons: Vec<ReasonShare> = counts
        .return_reasons
        .iter()
        .map(|(id, units)| ReasonShare {
            reason_id: id.clone(),
            label: label(id),
            units: Share::new(*units, counts.units_returned),
        })
        .collect();
    reasons.sort_by(|a, b| {
        b.units
            .count
            .cmp(&a.units.count)
            .then_with(|| a.reason_id.cmp(&b.reason_id))
    });

    let reviews: u64 = counts.ratings.iter().sum();
    let stars: u64 = (1..).zip(counts.ratings).map(|(stars, n)| stars * n).sum();

    let responses: u64 = counts.nps_scores.iter().sum();
    let promoters = counts.nps_scores[9] + counts.nps_scores[10];
    let passives = counts.nps_scores[7] + counts.nps_scores[8];
    let detractors = responses - promoters - passives;

    let with_estimate: Vec<(UnixTime, UnixTime)> = counts
        .deliveries
        .iter()
        .filter_map(|(eta, at)| Some(((*eta)?, *at)))
        .collect();
    let on_time = with_estimate
        .iter()
        .filter(|(eta, at)| delivered_on_time(*eta, *at))
        .count() as u64;

    ShopAnalytics {
        period,
        orders: counts.orders,
        returns: ReturnStats {
            by_orders: Share::new(counts.orders_with_returns, counts.orders),
            by_units: Share::new(counts.units_returned, counts.units),
            rejected: counts.returns_rejected,
            reasons,
        },
        reviews: ReviewStats {
            rate: Share::new(reviews, counts.review_requests_shown),
            count: reviews,
            average_rating: (reviews > 0).then(|| round1(stars as f64 / reviews as f64)),
            distribution: counts.ratings,
        },
        nps: NpsStats {
            responses,
            promoters,
            passives,
            detractors,
            score: (responses > 0).then(|| {
                let net = promoters as f64 - detractors as f64;
                (net * 100.0 / responses as f64).round() as i64
            }),
        },
        referrals: ReferralStats {
            codes: counts.referral_codes,
            clicks: counts.referral_clicks,
            conversion: Share::new(counts.referrals_rewarded, counts.referral_clicks),
            flagged: counts.referrals_flagged,
            refused: counts.referrals_refused,
        },
        delivery: DeliveryStats {
            delivered: counts.deliveries.len() as u64,
            on_time: Share::new(on_time, with_estimate.len() as u64),
        },
    }
}

fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // In tests a panic is the failure report.
mod tests {
    use super::*;

    fn t(raw: &str) -> UnixTime {
        UnixTime::parse(raw).unwrap()
    }

    #[test]
    fn periods_are_whole_utc_days_with_the_last_day_included() {
        let now = t("2026-03-15T18:30:00Z");
        let p = Period::parse(Some("2026-03-01"), Some("2026-03-10"), now).unwrap();
        assert_eq!(p.from, t("2026-03-01T00:00:00Z"));
        assert_eq!(p.to, t("2026-03-11T00:00:00Z"));
        assert_eq!(p.days(), 10);
        // By default the last 30 days, today included.
        let p = Period::parse(None, None, now).unwrap();
        assert_eq!(p.to, t("2026-03-16T00:00:00Z"));
        assert_eq!(p.days(), DEFAULT_DAYS);
        // One day.
        assert_eq!(
            Period::parse(Some("2026-03-01"), Some("2026-03-01"), now)
                .unwrap()
                .days(),
            1
        );
    }

    #[test]
    fn bad_periods_say_what_is_wrong() {
        let now = t("2026-03-15T00:00:00Z");
        for (from, to, field) in [
            (Some("2026-3-1"), None, "from"),
            (Some("2026-02-30"), None, "from"),
            (None, Some("yesterday"), "to"),
            (Some("2026-03-01T00:00:00Z"), None, "from"),
        ] {
            let err = Period::parse(from, to, now).unwrap_err();
            assert_eq!(err, AnalyticsError::BadDate { field });
            assert_eq!(err.field(), field);
        }
        assert_eq!(
            Period::parse(Some("2026-03-02"), Some("2026-03-01"), now),
            Err(AnalyticsError::Empty)
        );
        assert_eq!(
            Period::parse(Some("2025-01-01"), Some("2026-01-02"), now),
            Err(AnalyticsError::TooLong)
        );
        assert!(Period::parse(Some("2025-01-02"), Some("2026-01-02"), now).is_ok());
    }

    #[test]
    fn shares_of_nothing_have_no_percent() {
        assert_eq!(Share::new(0, 0).percent, None);
        assert_eq!(Share::new(1, 3).percent, Some(33.3));
        assert_eq!(Share::new(2, 3).percent, Some(66.7));
        assert_eq!(Share::new(3, 3).percent, Some(100.0));
    }

    fn period() -> Period {
        Period::parse(
            Some("2026-03-01"),
            Some("2026-03-31"),
            t("2026-04-01T00:00:00Z"),
        )
        .unwrap()
    }

    #[test]
    fn a_month_of_a_shop_in_numbers() {
        let counts = Counts {
            orders: 40,
            units: 100,
            orders_with_returns: 6,
            units_returned: 9,
            returns_rejected: 1,
            return_reasons: vec![
                ("changed_mind".into(), 2),
                ("fit".into(), 5),
                ("damaged".into(), 2),
            ],
            review_requests_shown: 20,
            ratings: [1, 0, 1, 3, 5],
            nps_scores: [1, 0, 0, 0, 0, 0, 1, 2, 1, 3, 2],
            referral_codes: 12,
            referral_clicks: 30,
            referrals_rewarded: 3,
            referrals_flagged: 1,
            referrals_refused: 2,
            deliveries: vec![
                // On the estimated day, late that evening: on time.
                (Some(t("2026-03-05T00:00:00Z")), t("2026-03-05T21:00:00Z")),
                // Early.
                (Some(t("2026-03-10T00:00:00Z")), t("2026-03-08T09:00:00Z")),
                // The next morning: late.
                (Some(t("2026-03-12T00:00:00Z")), t("2026-03-13T08:00:00Z")),
                // No estimate: delivered, but not judged.
                (None, t("2026-03-20T12:00:00Z")),
            ],
        };
        let labels = |id: &str| (id == "fit").then(|| "Doesn't fit".to_owned());
        let report = report(period(), &counts, labels);

        assert_eq!(report.orders, 40);
        assert_eq!(report.returns.by_orders, Share::new(6, 40));
        assert_eq!(report.returns.by_orders.percent, Some(15.0));
        assert_eq!(report.returns.by_units.percent, Some(9.0));
        assert_eq!(report.returns.rejected, 1);
        let reasons: Vec<(&str, u64, Option<&str>)> = report
            .returns
            .reasons
            .iter()
            .map(|r| (r.reason_id.as_str(), r.units.count, r.label.as_deref()))
            .collect();
        // Most first; ties by id, so the order is stable.
        assert_eq!(
            reasons,
            [
                ("fit", 5, Some("Doesn't fit")),
                ("changed_mind", 2, None),
                ("damaged", 2, None)
            ]
        );
        assert_eq!(report.returns.reasons[0].units.percent, Some(55.6));

        assert_eq!(report.reviews.count, 10);
        assert_eq!(report.reviews.rate.percent, Some(50.0));
        // (1 + 3 + 12 + 25) / 10
        assert_eq!(report.reviews.average_rating, Some(4.1));

        assert_eq!(report.nps.responses, 10);
        assert_eq!(
            (
                report.nps.promoters,
                report.nps.passives,
                report.nps.detractors
            ),
            (5, 3, 2)
        );
        assert_eq!(report.nps.score, Some(30));

        assert_eq!(report.referrals.conversion, Share::new(3, 30));
        assert_eq!(report.referrals.conversion.percent, Some(10.0));
        assert_eq!((report.referrals.flagged, report.referrals.refused), (1, 2));

        assert_eq!(report.delivery.delivered, 4);
        assert_eq!(report.delivery.on_time, Share::new(2, 3));
    }

    #[test]
    fn an_empty_period_reports_zeros_and_no_averages() {
        let report = report(period(), &Counts::default(), |_| None);
        assert_eq!(report.returns.by_orders.percent, None);
        assert_eq!(report.reviews.average_rating, None);
        assert_eq!(report.reviews.rate.percent, None);
        assert_eq!(report.nps.score, None);
        assert_eq!(report.delivery.on_time.percent, None);
        assert_eq!(report.referrals.conversion.percent, None);
    }

    #[test]
    fn nps_spans_minus_100_to_100() {
        let all = |score: usize| {
            let mut scores = [0; 11];
            scores[score] = 4;
            report(
                period(),
                &Counts {
                    nps_scores: scores,
                    ..Counts::default()
                },
                |_| None,
            )
            .nps
            .score
        };
        assert_eq!(all(10), Some(100));
        assert_eq!(all(9), Some(100));
        assert_eq!(all(8), Some(0));
        assert_eq!(all(7), Some(0));
        assert_eq!(all(6), Some(-100));
        assert_eq!(all(0), Some(-100));
    }

    #[test]
    fn the_report_is_camel_case_json() {
        let json = serde_json::to_value(report(period(), &Counts::default(), |_| None)).unwrap();
        assert_eq!(json["period"]["from"], "2026-03-01T00:00:00Z");
        assert_eq!(
            json["returns"]["byOrders"],
            serde_json::json!({"count": 0, "of": 0, "percent": null})
        );
        assert_eq!(json["reviews"]["averageRating"], serde_json::Value::Null);
        assert_eq!(json["delivery"]["onTime"]["of"], 0);
    }
}
