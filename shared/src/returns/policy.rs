//! The merchant's return policy, as data.
//!
//! Stored as camelCase JSON and edited by merchants, so everything has a
//! serde shape and [`ReturnPolicy::validate`] catches what the types alone
//! cannot (a bonus over 100 %, an exchange-only rule without exchanges).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::order::LineItem;
use crate::wire::wire_enum;
use crate::{Date, UnixTime};

use super::catalog::{ProductFacts, Selector};
use super::reasons::{LocalizedText, Reason};
use super::resolution::{Resolution, Resolutions};

/// Longest window a policy may set: ten years is already no deadline.
pub const MAX_WINDOW_DAYS: u16 = 3_650;

/// Why a stored policy is not usable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    #[error("policy is not valid JSON for a return policy: {0}")]
    Json(String),
    #[error("{0:?} is not a three-letter currency code")]
    Currency(String),
    #[error("a return window must be 1 to {MAX_WINDOW_DAYS} days, not {0}")]
    WindowDays(u16),
    #[error("UTC offset {0} minutes is outside -12:00..=+14:00")]
    UtcOffset(i16),
    #[error("return fees cannot be negative")]
    NegativeFee,
    #[error("a store-credit bonus above 100 % ({0} %) is almost certainly a typo")]
    BonusTooLarge(u16),
    #[error("only store credit can carry a bonus")]
    BonusOutsideStoreCredit,
    #[error("the policy offers no resolution at all")]
    NoResolution,
    #[error("an exchange-only rule needs exchanges to be offered")]
    ExchangeOnlyWithoutExchange,
    #[error("reason id {0:?} is empty or used twice")]
    ReasonId(String),
}

/// A fixed offset from UTC in minutes, east positive (`+60` is CET).
///
/// Deliberately not an IANA zone: the crate carries no tz database. The
/// policy stores the zone's *standard* (winter) offset. During summer time
/// a window then closes at 00:59:59 local summer time instead of 23:59:59:
/// an hour late, never early, so DST can only favour the shopper. A caller
/// that wants the exact summer deadline passes a policy with the offset in
/// force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(try_from = "i16", into = "i16")]
pub struct UtcOffset(i16);

impl UtcOffset {
    pub const UTC: Self = Self(0);

    pub fn from_minutes(minutes: i16) -> Result<Self, PolicyError> {
        if (-12 * 60..=14 * 60).contains(&minutes) {
            Ok(Self(minutes))
        } else {
            Err(PolicyError::UtcOffset(minutes))
        }
    }

    pub const fn minutes(self) -> i16 {
        self.0
    }

    const fn secs(self) -> i64 {
        self.0 as i64 * 60
    }

    /// The shop's calendar date at `at`.
    pub fn local_date(self, at: UnixTime) -> Date {
        at.plus_secs(self.secs()).date()
    }

    /// The last second of `day` in the shop's time zone.
    pub fn end_of_day(self, day: Date) -> UnixTime {
        day.midnight_utc().plus_days(1).plus_secs(-self.secs() - 1)
    }

    /// `UTC+01:00`, `UTC-03:30`, `UTC`.
    pub fn label(self) -> String {
        if self.0 == 0 {
            return "UTC".to_owned();
        }
        let sign = if self.0 < 0 { '-' } else { '+' };
        let abs = self.0.unsigned_abs();
        format!("UTC{sign}{:02}:{:02}", abs / 60, abs % 60)
    }
}

impl TryFrom<i16> for UtcOffset {
    type Error = PolicyError;
    fn try_from(minutes: i16) -> Result<Self, PolicyError> {
        Self::from_minutes(minutes)
    }
}

impl From<UtcOffset> for i16 {
    fn from(offset: UtcOffset) -> i16 {
        offset.0
    }
}

wire_enum! {
    /// What the window is counted from.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub enum WindowStart {
        /// The carrier's delivery scan of the parcel holding the item.
        #[default]
        Delivery = "delivery",
        /// The shop handing the parcel over (the fulfillment's creation).
        Fulfillment = "fulfillment",
        /// The order being placed.
        OrderDate = "orderDate",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Window {
    pub days: u16,
    #[serde(default)]
    pub starts_at: WindowStart,
}

/// A per-category or per-tag override. Several rules may match one item;
/// they combine order-independently: the longest window wins (an override
/// exists to be more generous), and any `finalSale` / `exchangeOnly` holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ItemRule {
    #[serde(rename = "match")]
    pub selector: Selector,
    /// What shoppers see for this group, e.g. "Footwear".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<LocalizedText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window_days: Option<u16>,
    #[serde(default)]
    pub final_sale: bool,
    #[serde(default)]
    pub exchange_only: bool,
}

/// Items that are never returnable (gift cards, hygiene products).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Exclusion {
    #[serde(rename = "match")]
    pub selector: Selector,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<LocalizedText>,
}

/// A shop's return policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ReturnPolicy {
    /// The currency fees are in; orders in other currencies are refused
    /// rather than charged a fee in the wrong unit.
    pub currency: String,
    /// Fallback for merchant texts missing in the shopper's language.
    #[serde(default)]
    pub default_lang: Lang,
    #[serde(default)]
    pub utc_offset_minutes: UtcOffset,
    pub window: Window,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<ItemRule>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excluded: Vec<Exclusion>,
    /// "Unworn, with tags attached", shown under general rules.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub condition_notes: Vec<LocalizedText>,
    pub resolutions: Resolutions,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<Reason>,
}

impl ReturnPolicy {
    /// Reads and validates a stored policy.
    pub fn from_json(json: &str) -> Result<Self, PolicyError> {
        let policy: Self =
            serde_json::from_str(json).map_err(|e| PolicyError::Json(e.to_string()))?;
        policy.validate()?;
        Ok(policy)
    }

    /// Checks what the types cannot express. The engine itself never
    /// panics on an invalid policy; this is for the merchant's editor.
    pub fn validate(&self) -> Result<(), PolicyError> {
        if crate::money::currency_code(&self.currency).is_none() {
            return Err(PolicyError::Currency(self.currency.clone()));
        }
        let windows = std::iter::once(self.window.days)
            .chain(self.rules.iter().filter_map(|r| r.window_days));
        for days in windows {
            if !(1..=MAX_WINDOW_DAYS).contains(&days) {
                return Err(PolicyError::WindowDays(days));
            }
        }
        let mut offered = self.resolutions.offered().peekable();
        if offered.peek().is_none() {
            return Err(PolicyError::NoResolution);
        }
        for (resolution, terms) in offered {
            if terms.fee_minor < 0 {
                return Err(PolicyError::NegativeFee);
            }
            if terms.bonus_percent > 100 {
                return Err(PolicyError::BonusTooLarge(terms.bonus_percent));
            }
            if terms.bonus_percent != 0 && resolution != Resolution::StoreCredit {
                return Err(PolicyError::BonusOutsideStoreCredit);
            }
        }
        if self.resolutions.exchange.is_none() && self.rules.iter().any(|r| r.exchange_only) {
            return Err(PolicyError::ExchangeOnlyWithoutExchange);
        }
        let mut ids = BTreeSet::new();
        for reason in &self.reasons {
            if reason.id.trim().is_empty() || !ids.insert(reason.id.as_str()) {
                return Err(PolicyError::ReasonId(reason.id.clone()));
            }
            let mut sub_ids = BTreeSet::new();
            for sub in &reason.sub_reasons {
                if sub.id.trim().is_empty() || !sub_ids.insert(sub.id.as_str()) {
                    return Err(PolicyError::ReasonId(sub.id.clone()));
                }
            }
        }
        Ok(())
    }

    /// The rules and exclusions that apply to one item, combined.
    pub fn terms_for(&self, item: &LineItem, facts: Option<&ProductFacts>) -> ItemTerms {
        let excluded = self
            .excluded
            .iter()
            .any(|e| e.selector.matches(item, facts));
        let matching = self
            .rules
            .iter()
            .filter(|r| r.selector.matches(item, facts));
        let mut terms = ItemTerms {
            window_days: self.window.days,
            final_sale: facts.is_some_and(|f| f.final_sale),
            exchange_only: false,
            excluded,
        };
        let mut override_days: Option<u16> = None;
        for rule in matching {
            override_days = override_days.max(rule.window_days);
            terms.final_sale |= rule.final_sale;
            terms.exchange_only |= rule.exchange_only;
        }
        if let Some(days) = override_days {
            terms.window_days = days;
        }
        terms
    }

    /// The window for an item whose clock started at `start`.
    pub fn deadline(&self, start: UnixTime, days: u16) -> Deadline {
        let offset = self.utc_offset_minutes;
        let first_day = offset.local_date(start);
        let last_day = first_day.midnight_utc().plus_days(i64::from(days)).date();
        Deadline {
            days,
            last_day,
            last_second: offset.end_of_day(last_day),
        }
    }
}

/// The policy as it applies to one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemTerms {
    pub window_days: u16,
    pub final_sale: bool,
    pub exchange_only: bool,
    pub excluded: bool,
}

/// The end of a return window.
///
/// The window is `days` whole shop-local days after the day the clock
/// started, and it closes at the end of its last day: delivered on
/// 1 March with 30 days, returns are accepted until 31 March 23:59:59 shop
/// time. `last_second` is inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    pub days: u16,
    pub last_day: Date,
    pub last_second: UnixTime,
}

impl Deadline {
    pub fn is_open(&self, now: UnixTime) -> bool {
        now <= self.last_second
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::returns::resolution::Terms;

    fn policy(offset_minutes: i16, days: u16) -> ReturnPolicy {
        ReturnPolicy {
            currency: "SEK".into(),
            default_lang: Lang::En,
            utc_offset_minutes: UtcOffset::from_minutes(offset_minutes).unwrap(),
            window: Window {
                days,
                starts_at: WindowStart::Delivery,
            },
            rules: Vec::new(),
            excluded: Vec::new(),
            condition_notes: Vec::new(),
            resolutions: Resolutions {
                refund: Some(Terms::default()),
                ..Resolutions::default()
            },
            reasons: Vec::new(),
        }
    }

    fn t(rfc3339: &str) -> UnixTime {
        UnixTime::parse(rfc3339).unwrap()
    }

    /// `(offset, days, clock start, last day, last second inside)`.
    const EDGES: &[(i16, u16, &str, &str, &str)] = &[
        // Stockholm winter: the last day ends 23:00 UTC.
        (
            60,
            30,
            "2026-03-01T10:00:00Z",
            "2026-03-31",
            "2026-03-31T22:59:59Z",
        ),
        // Delivered 00:30 local on 2 March, still 1 March in UTC: the
        // shop's calendar decides, so the clock starts on 2 March.
        (
            60,
            30,
            "2026-03-01T23:30:00Z",
            "2026-04-01",
            "2026-04-01T22:59:59Z",
        ),
        // New York winter: delivered 22:00 local on 1 March (3:00 UTC on
        // the 2nd); the window ends 04:59:59 UTC on 1 April.
        (
            -300,
            30,
            "2026-03-02T03:00:00Z",
            "2026-03-31",
            "2026-04-01T04:59:59Z",
        ),
        (
            0,
            14,
            "2026-12-20T12:00:00Z",
            "2027-01-03",
            "2027-01-03T23:59:59Z",
        ),
        // Leap years: the window lands on, and counts across, 29 February.
        (
            60,
            30,
            "2028-01-30T12:00:00Z",
            "2028-02-29",
            "2028-02-29T22:59:59Z",
        ),
        (
            60,
            1,
            "2028-02-28T12:00:00Z",
            "2028-02-29",
            "2028-02-29T22:59:59Z",
        ),
        (
            60,
            1,
            "2028-02-29T12:00:00Z",
            "2028-03-01",
            "2028-03-01T22:59:59Z",
        ),
        (
            0,
            365,
            "2027-03-01T00:00:00Z",
            "2028-02-29",
            "2028-02-29T23:59:59Z",
        ),
        // The extremes of the offset range.
        (
            840,
            7,
            "2026-06-01T09:59:59Z",
            "2026-06-08",
            "2026-06-08T09:59:59Z",
        ),
        (
            840,
            7,
            "2026-06-01T10:00:00Z",
            "2026-06-09",
            "2026-06-09T09:59:59Z",
        ),
        (
            -720,
            7,
            "2026-06-01T11:59:59Z",
            "2026-06-07",
            "2026-06-08T11:59:59Z",
        ),
        (
            -720,
            7,
            "2026-06-01T12:00:00Z",
            "2026-06-08",
            "2026-06-09T11:59:59Z",
        ),
    ];

    #[test]
    fn windows_close_at_the_end_of_the_last_shop_local_day() {
        for &(offset, days, start, last_day, last_second) in EDGES {
            let case = format!("{offset:+} min, {days} days from {start}");
            let deadline = policy(offset, days).deadline(t(start), days);
            assert_eq!(deadline.last_day.iso(), last_day, "{case}");
            assert_eq!(deadline.last_second, t(last_second), "{case}");
            assert!(deadline.is_open(t(start)), "{case}");
            assert!(deadline.is_open(t(last_second)), "{case}: last second");
            assert!(
                !deadline.is_open(t(last_second).plus_secs(1)),
                "{case}: first second after"
            );
        }
    }

    #[test]
    fn offsets_are_bounded_and_labelled() {
        assert_eq!(UtcOffset::from_minutes(60).unwrap().label(), "UTC+01:00");
        assert_eq!(UtcOffset::from_minutes(-210).unwrap().label(), "UTC-03:30");
        assert_eq!(UtcOffset::UTC.label(), "UTC");
        assert_eq!(
            UtcOffset::from_minutes(841),
            Err(PolicyError::UtcOffset(841))
        );
        assert!(UtcOffset::from_minutes(-721).is_err());
        assert!(serde_json::from_str::<UtcOffset>("-900").is_err());
    }

    #[test]
    fn validate_catches_what_types_cannot() {
        assert_eq!(policy(0, 30).validate(), Ok(()));
        assert_eq!(policy(0, 0).validate(), Err(PolicyError::WindowDays(0)));
        let mut p = policy(0, 30);
        p.currency = "kronor".into();
        assert_eq!(p.validate(), Err(PolicyError::Currency("kronor".into())));
        let mut p = policy(0, 30);
        p.resolutions = Resolutions::default();
        assert_eq!(p.validate(), Err(PolicyError::NoResolution));
        let mut p = policy(0, 30);
        p.resolutions.refund = Some(Terms {
            fee_minor: -1,
            bonus_percent: 0,
        });
        assert_eq!(p.validate(), Err(PolicyError::NegativeFee));
        let mut p = policy(0, 30);
        p.resolutions.refund = Some(Terms {
            fee_minor: 0,
            bonus_percent: 5,
        });
        assert_eq!(p.validate(), Err(PolicyError::BonusOutsideStoreCredit));
        let mut p = policy(0, 30);
        p.resolutions.store_credit = Some(Terms {
            fee_minor: 0,
            bonus_percent: 150,
        });
        assert_eq!(p.validate(), Err(PolicyError::BonusTooLarge(150)));
        let mut p = policy(0, 30);
        p.rules.push(ItemRule {
            selector: Selector::Category("underwear".into()),
            label: None,
            window_days: None,
            final_sale: false,
            exchange_only: true,
        });
        assert_eq!(p.validate(), Err(PolicyError::ExchangeOnlyWithoutExchange));
        assert!(matches!(
            ReturnPolicy::from_json("{\"currency\": 1}"),
            Err(PolicyError::Json(_))
        ));
    }

    #[test]
    fn matching_rules_combine_order_independently() {
        let mut p = policy(0, 30);
        let rule = |selector, window_days, final_sale| ItemRule {
            selector,
            label: None,
            window_days,
            final_sale,
            exchange_only: false,
        };
        p.rules = vec![
            rule(Selector::Tag("Outlet".into()), Some(45), false),
            rule(Selector::Category("FOOTWEAR".into()), Some(60), false),
            rule(Selector::Sku("BOOT-42".into()), None, true),
        ];
        let item = LineItem {
            id: "1".into(),
            product_id: Some("p1".into()),
            title: "Boot".into(),
            variant_title: None,
            sku: Some("BOOT-42".into()),
            quantity: 1,
            unit_price_minor: 100,
            image_url: None,
        };
        let facts = ProductFacts {
            category: Some("footwear".into()),
            tags: vec!["outlet".into()],
            final_sale: false,
        };
        let forward = p.terms_for(&item, Some(&facts));
        p.rules.reverse();
        assert_eq!(p.terms_for(&item, Some(&facts)), forward);
        assert_eq!(forward.window_days, 60);
        assert!(forward.final_sale);
        let plain = p.terms_for(&item, None);
        assert_eq!(
            plain.window_days, 30,
            "no facts: category and tag rules do not apply"
        );
        assert!(plain.final_sale, "the SKU rule still does");
    }
}
