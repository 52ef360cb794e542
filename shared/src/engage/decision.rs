//! What the scheduler answers, and why.

use serde::{Deserialize, Serialize};

use super::{Prompt, PromptKind};
use crate::UnixTime;
use crate::wire::wire_enum;

/// The scheduler's answer for one view: at most one prompt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(tag = "outcome", rename_all = "camelCase")]
pub enum Decision {
    #[serde(rename_all = "camelCase")]
    Show {
        prompt: Prompt,
        reason: ShowReason,
        /// Kinds that were also due but ranked lower, best first. Empty
        /// when the prompt was the only one due.
        outranked: Vec<PromptKind>,
    },
    Quiet {
        reason: QuietReason,
    },
}

impl Decision {
    pub fn prompt(&self) -> Option<&Prompt> {
        match self {
            Self::Show { prompt, .. } => Some(prompt),
            Self::Quiet { .. } => None,
        }
    }

    /// The rule that decided this outcome.
    pub fn rule(&self) -> Rule {
        match self {
            Self::Show { reason, .. } => reason.rule(),
            Self::Quiet { reason } => reason.rule(),
        }
    }
}

/// Why the prompt shown was due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(tag = "why", rename_all = "camelCase")]
pub enum ShowReason {
    /// The first view after delivery (within the thank-you window).
    ThankYouOnArrival,
    /// Review request; `showing` 1 is the first ask, 2.. are reminders.
    Review { showing: u32 },
    /// The order was delivered and its one NPS question was not asked yet.
    NpsAfterDelivery,
    /// The order was delivered long enough ago and has not had its offer.
    ReferralAfterDelivery,
    /// The order is on its way: the time for light, optional content.
    InTransit,
    /// Delivered, and nothing that asks for something is due.
    NothingElseDue,
    /// Shown on this order during this visit and not yet dismissed or
    /// answered: served again, not shown again.
    StillOpen,
}

impl ShowReason {
    pub fn rule(self) -> Rule {
        match self {
            Self::ThankYouOnArrival => Rule::ThankYouOnArrival,
            Self::Review { showing: 0 | 1 } => Rule::ReviewDelay,
            Self::Review { .. } => Rule::ReviewReminders,
            Self::NpsAfterDelivery => Rule::NpsOncePerOrder,
            Self::ReferralAfterDelivery => Rule::ReferralAfterDelivery,
            Self::InTransit => Rule::FillersInTransit,
            Self::NothingElseDue => Rule::FillersWhenIdle,
            Self::StillOpen => Rule::StillOpen,
        }
    }
}

/// Why nothing is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(tag = "why", rename_all = "camelCase")]
pub enum QuietReason {
    /// Cancelled orders get no engagement at all.
    OrderCancelled,
    /// Something was due but the shopper saw a prompt too recently.
    #[serde(rename_all = "camelCase")]
    TooSoon {
        held_back: PromptKind,
        next_at: UnixTime,
    },
    /// Something was due but the shopper's rolling cap is used up.
    #[serde(rename_all = "camelCase")]
    CapReached {
        held_back: PromptKind,
        shown_in_window: u32,
        next_at: UnixTime,
    },
    /// Nothing is due. `next_due` is the earliest time something known
    /// becomes due without the shopper doing anything (a review delay or
    /// reminder gap ending, the referral delay), if any — useful for
    /// scheduling an email instead of waiting for a visit.
    #[serde(rename_all = "camelCase")]
    NothingDue { next_due: Option<UnixTime> },
}

impl QuietReason {
    pub fn rule(self) -> Rule {
        match self {
            Self::OrderCancelled => Rule::OrderCancelled,
            Self::TooSoon { .. } => Rule::MinGap,
            Self::CapReached { .. } => Rule::GlobalCap,
            Self::NothingDue { .. } => Rule::NothingDue,
        }
    }
}

wire_enum! {
    /// The scheduler's rules, as stable codes for logs and the merchant's
    /// "why did my shopper see this" view.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Rule {
        OrderCancelled = "order_cancelled",
        MinGap = "min_gap",
        GlobalCap = "global_cap",
        ThankYouOnArrival = "thank_you_on_arrival",
        ReviewDelay = "review_delay",
        ReviewReminders = "review_reminders",
        NpsOncePerOrder = "nps_once_per_order",
        ReferralAfterDelivery = "referral_after_delivery",
        FillersInTransit = "fillers_in_transit",
        FillersWhenIdle = "fillers_when_idle",
        StillOpen = "still_open",
        NothingDue = "nothing_due",
    }
}
