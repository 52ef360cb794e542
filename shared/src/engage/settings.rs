//! The merchant's engagement settings: every number the scheduler uses,
//! with defaults, and the ranges a merchant may set them to; and the keys
//! of every engagement setting document.

use serde::{Deserialize, Serialize};

/// Why a merchant's engagement settings were refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EngageError {
    #[error("{field} must be between {min} and {max}, got {value}")]
    OutOfRange {
        field: &'static str,
        min: u32,
        max: u32,
        value: u32,
    },
}

/// What a merchant configures. Serialized camelCase; every field is
/// optional on the wire and falls back to the default below, so a merchant
/// who changes one number does not have to restate the rest.
///
/// A value is only used after [`EngageSettings::validate`] accepted it (the
/// [`Scheduler`](super::Scheduler) can only be built from valid settings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default, rename_all = "camelCase")]
pub struct EngageSettings {
    /// Per-kind switches. A disabled kind is never due.
    pub review_requests: bool,
    pub nps: bool,
    pub referral_offers: bool,
    pub recommendations: bool,
    pub usage_tips: bool,
    pub thank_you: bool,

    /// Days after delivery before the first review request (0–60). A week
    /// gives the shopper time to use the product; asking on the doorstep
    /// gets unboxing opinions, not reviews.
    pub review_delay_days: u32,
    /// Reminders after the first request (0–10), so at most `1 + this`
    /// showings per product and order.
    pub review_max_reminders: u32,
    /// Minimum days between two showings of the same review request (1–60).
    pub review_reminder_gap_days: u32,
    /// A product asked about for one order is not asked about again for
    /// another order within this many days (0–3650).
    pub review_product_cooldown_days: u32,

    /// Days after delivery before the referral offer (0–60).
    pub referral_delay_days: u32,
    /// Whether the merchant attaches a discount to recommendations. Like
    /// every discount it is only offered after delivery; in transit the
    /// recommendations are shown without it.
    pub recommendations_discount: bool,

    /// Days after delivery during which the one-time thank-you line may
    /// still be shown (0–30). Later it would read oddly.
    pub thank_you_window_days: u32,

    /// At most this many counted prompts per shopper (1–50; to stop
    /// prompting, switch the kinds off) ...
    pub cap_prompts: u32,
    /// ... in any rolling window of this many days (1–365).
    pub cap_window_days: u32,
    /// Minimum hours between any two prompts to the same shopper (0–168).
    /// This is what makes reloads and several open orders safe: the
    /// shopper sees at most one new prompt per visit-day, not one per view.
    pub min_gap_hours: u32,
    /// A kind the shopper dismissed within this many days ranks below every
    /// kind they did not dismiss (0–365; 0 turns demotion off).
    pub dismissal_demotion_days: u32,
}

impl Default for EngageSettings {
    fn default() -> Self {
        Self {
            review_requests: true,
            nps: true,
            referral_offers: true,
            recommendations: true,
            usage_tips: true,
            thank_you: true,
            review_delay_days: 7,
            review_max_reminders: 3,
            review_reminder_gap_days: 5,
            review_product_cooldown_days: 365,
            referral_delay_days: 3,
            recommendations_discount: false,
            thank_you_window_days: 3,
            cap_prompts: 5,
            cap_window_days: 30,
            min_gap_hours: 20,
            dismissal_demotion_days: 30,
        }
    }
}

impl EngageSettings {
    /// Checks every number against its documented range.
    pub fn validate(&self) -> Result<(), EngageError> {
        let checks: [(&'static str, u32, u32, u32); 10] = [
            ("reviewDelayDays", self.review_delay_days, 0, 60),
            ("reviewMaxReminders", self.review_max_reminders, 0, 10),
            (
                "reviewReminderGapDays",
                self.review_reminder_gap_days,
                1,
                60,
            ),
            (
                "reviewProductCooldownDays",
                self.review_product_cooldown_days,
                0,
                3650,
            ),
            ("referralDelayDays", self.referral_delay_days, 0, 60),
            ("thankYouWindowDays", self.thank_you_window_days, 0, 30),
            ("capPrompts", self.cap_prompts, 1, 50),
            ("capWindowDays", self.cap_window_days, 1, 365),
            ("minGapHours", self.min_gap_hours, 0, 168),
            (
                "dismissalDemotionDays",
                self.dismissal_demotion_days,
                0,
                365,
            ),
        ];
        for (field, value, min, max) in checks {
            if !(min..=max).contains(&value) {
                return Err(EngageError::OutOfRange {
                    field,
                    min,
                    max,
                    value,
                });
            }
        }
        Ok(())
    }
}

/// The settings keys, each holding one JSON document.
pub mod keys {
    pub const ENGAGE: &str = "engage";
    pub const REVIEW_INCENTIVE: &str = "review_incentive";
    pub const RECOMMENDATIONS: &str = "recommendations";
    pub const USAGE_TIPS: &str = "usage_tips";
    pub const THANK_YOU: &str = "thank_you";
    pub const PRODUCT_CATALOG: &str = "product_catalog";
    pub const ALL: [&str; 6] = [
        ENGAGE,
        REVIEW_INCENTIVE,
        RECOMMENDATIONS,
        USAGE_TIPS,
        THANK_YOU,
        PRODUCT_CATALOG,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_match_the_spec() {
        let s = EngageSettings::default();
        assert_eq!(s.validate(), Ok(()));
        assert_eq!(
            (
                s.review_delay_days,
                s.review_max_reminders,
                s.review_reminder_gap_days
            ),
            (7, 3, 5)
        );
        assert_eq!((s.cap_prompts, s.cap_window_days), (5, 30));
        assert_eq!(s.review_product_cooldown_days, 365);
    }

    #[test]
    fn review_delay_outside_0_to_60_is_refused() {
        for (days, ok) in [(0, true), (60, true), (61, false), (365, false)] {
            let s = EngageSettings {
                review_delay_days: days,
                ..EngageSettings::default()
            };
            assert_eq!(s.validate().is_ok(), ok, "{days}");
        }
        let err = EngageSettings {
            review_delay_days: 61,
            ..EngageSettings::default()
        }
        .validate()
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "reviewDelayDays must be between 0 and 60, got 61"
        );
    }

    #[test]
    fn zero_reminder_gap_and_zero_window_are_refused() {
        let gap = EngageSettings {
            review_reminder_gap_days: 0,
            ..EngageSettings::default()
        };
        assert!(gap.validate().is_err());
        let window = EngageSettings {
            cap_window_days: 0,
            ..EngageSettings::default()
        };
        assert!(window.validate().is_err());
    }

    #[test]
    fn wire_is_camel_case_and_missing_fields_take_defaults() {
        let s: EngageSettings =
            serde_json::from_str(r#"{"reviewDelayDays":14,"nps":false}"#).unwrap();
        assert_eq!(s.review_delay_days, 14);
        assert!(!s.nps);
        assert_eq!(s.cap_prompts, 5);
        let json = serde_json::to_value(EngageSettings::default()).unwrap();
        assert_eq!(json["reviewReminderGapDays"], 5);
        assert_eq!(json["capWindowDays"], 30);
    }
}
