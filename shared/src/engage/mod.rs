//! Engagement: review requests, referral offers, NPS, recommendations,
//! usage tips and a thank-you line — at the right time, and rarely.
//!
//! One scheduler decides, for one view of one order, whether to show **at
//! most one** prompt, from the order's delivery state, the shopper's history
//! across all their orders, the merchant's [`EngageSettings`] and `now`.
//! Every answer carries a machine-readable reason and the [`Rule`] that
//! decided it.
//!
//! # Rules (defaults in brackets, all configurable)
//!
//! * **Cancelled orders** get nothing.
//! * **Thank-you**: once per order, on a view within [3] days after delivery.
//!   It asks nothing of the shopper, so it is *not counted* against the cap
//!   and is shown even when the cap is used up; it does take the view's one
//!   slot and respects the minimum gap, so it never stacks on a prompt.
//! * **Review request** for one product per order: not before delivery +
//!   [7] days; at most 1 + [3] showings, at least [5] days apart; stops
//!   for that product once answered **or dismissed** — a dismissal is an
//!   explicit "no", and reminding after a "no" is nagging. The product is
//!   the one the shop most needs reviews for (fewest reviews, then highest
//!   price, then line order) among those not asked about for another order
//!   within [365] days; once a product was shown for an order, that order
//!   sticks with it (reminders never switch products), and when its series
//!   ends the order gets no second series for another product.
//! * **NPS**: once per order (any showing uses it up), after delivery.
//! * **Referral offer**: once per order, not before delivery + [3] days.
//!   Like every discount, only after delivery.
//! * **Recommendations / usage tips** (fillers): each at most once per
//!   order; due while in transit, and after delivery only when nothing else
//!   is due. A merchant's recommendations discount is attached only after
//!   delivery.
//! * **Minimum gap**: no prompt within [20] hours of the previous one, so
//!   reloads and several open orders show one prompt per visit-day.
//! * **Still open**: the gap is also the length of a visit. A prompt shown
//!   on an order within it and neither dismissed nor answered keeps showing
//!   on that order (reloads, the widget's refresh) instead of vanishing
//!   because of the gap its own showing started. Re-serving it is not
//!   another showing: [`Scheduler::check_event`] does not record it again,
//!   so it uses no cap slot and no reminder.
//! * **Global cap**: at most [5] counted prompts per shopper in any rolling
//!   [30]-day window (window is `(now − 30 days, now]`).
//!
//! # Priorities
//!
//! When several are due: ThankYou > Review > NPS > Referral > fillers.
//!
//! * The thank-you comes first because it only makes sense on arrival and
//!   costs the shopper nothing.
//! * Reviews are the merchant's most valuable ask and the most
//!   time-sensitive (the reminder schedule and the shopper's memory of
//!   the product both run out).
//! * NPS asks about *this* order's experience, which fades within days.
//! * The referral offer keeps: it is as good next week, and it is better
//!   asked of a shopper who has had time to like the product.
//! * Fillers ask nothing. In transit recommendations go first (the shopper
//!   is in a buying mood); after delivery usage tips go first (help with
//!   what they bought before selling them more).
//!
//! **Dismissal demotion**: a kind the shopper dismissed (on any order)
//! within the last [30] days ranks below every kind they did not dismiss;
//! among demoted kinds the order above holds. It only changes the order,
//! never whether something is due, so the cap and gap still decide how
//! often anything is shown. The thank-you line is never demoted.

mod content;
mod context;
mod decision;
mod events;
mod history;
mod merchant;
mod settings;

pub use content::{EngageContent, PromptContent};
pub use context::{Delivery, OrderContext, ReviewItem, shopper_key};
pub use decision::{Decision, QuietReason, Rule, ShowReason};
pub use events::{EventOutcome, EventRefusal};
pub use history::{Action, Event, History, ProductId, Prompt, PromptKind};
pub use merchant::{
    ContentError, RecommendationSettings, RecommendedItem, RecommendedProduct, ThankYouSettings,
    TipItem, UsageTip, UsageTipSettings,
};
pub use settings::{EngageError, EngageSettings, keys};

use crate::time::SECONDS_PER_DAY;
use crate::{OrderId, UnixTime};

/// Decides engagement prompts under one merchant's validated settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scheduler {
    settings: EngageSettings,
}

/// How one kind stands for this view.
enum Eval {
    Due(Prompt, ShowReason),
    /// Not yet; due at this time unless something changes.
    Later(UnixTime),
    /// Not for this order (disabled, used up, answered, wrong phase).
    No,
}

impl Scheduler {
    /// Validates the settings once, so deciding can never fail.
    pub fn new(settings: EngageSettings) -> Result<Self, EngageError> {
        settings.validate()?;
        Ok(Self { settings })
    }

    pub fn settings(&self) -> &EngageSettings {
        &self.settings
    }

    /// The prompt (if any) for one view of `order` at `now`.
    pub fn decide(&self, order: &OrderContext, history: &History, now: UnixTime) -> Decision {
        if order.cancelled {
            return Decision::Quiet {
                reason: QuietReason::OrderCancelled,
            };
        }
        if let Some(prompt) = self.still_open(&order.order, history, now) {
            return Decision::Show {
                prompt: prompt.clone(),
                reason: ShowReason::StillOpen,
                outranked: Vec::new(),
            };
        }
        let mut due: Vec<(Prompt, ShowReason)> = Vec::new();
        let mut next_due: Option<UnixTime> = None;
        let asks = [
            self.thank_you(order, history, now),
            self.review(order, history, now),
            self.nps(order, history),
            self.referral(order, history, now),
        ];
        for eval in asks {
            match eval {
                Eval::Due(prompt, reason) => due.push((prompt, reason)),
                Eval::Later(at) => next_due = Some(next_due.map_or(at, |n| n.min(at))),
                Eval::No => {}
            }
        }
        // Only the thank-you line does not count as "something else".
        let something_else_due = due.iter().any(|(p, _)| p.kind() != PromptKind::ThankYou);
        if !something_else_due {
            due.extend(self.fillers(order, history));
        }

        let demoted = |kind: PromptKind| {
            kind != PromptKind::ThankYou
                && self.settings.dismissal_demotion_days > 0
                && history.last_dismissal(kind).is_some_and(|at| {
                    at > now.plus_days(-i64::from(self.settings.dismissal_demotion_days))
                })
        };
        // Stable: `due` is already in base priority order.
        due.sort_by_key(|(prompt, _)| demoted(prompt.kind()));

        let mut ranked = due.into_iter();
        let Some((prompt, reason)) = ranked.next() else {
            return Decision::Quiet {
                reason: QuietReason::NothingDue { next_due },
            };
        };
        let held_back = prompt.kind();

        if let Some(last) = history.last_showing() {
            let next_at = last.plus_secs(i64::from(self.settings.min_gap_hours) * 3600);
            if now < next_at {
                return Decision::Quiet {
                    reason: QuietReason::TooSoon { held_back, next_at },
                };
            }
        }

        if held_back.counts_against_cap() {
            let window = i64::from(self.settings.cap_window_days);
            let in_window = history.counted_showings_after(now.plus_days(-window));
            let cap = self.settings.cap_prompts as usize;
            if in_window.len() >= cap {
                // The slot frees when enough of the oldest showings leave
                // the window to bring the count below the cap.
                let oldest_that_must_leave = in_window[in_window.len() - cap];
                return Decision::Quiet {
                    reason: QuietReason::CapReached {
                        held_back,
                        shown_in_window: u32::try_from(in_window.len()).unwrap_or(u32::MAX),
                        next_at: oldest_that_must_leave.plus_secs(window * SECONDS_PER_DAY),
                    },
                };
            }
        }

        Decision::Show {
            prompt,
            reason,
            outranked: ranked.map(|(p, _)| p.kind()).collect(),
        }
    }

    /// The prompt shown on `order` during this visit (within the minimum
    /// gap) that the shopper has neither dismissed nor answered, if its kind
    /// is still switched on.
    pub(crate) fn still_open<'h>(
        &self,
        order: &OrderId,
        history: &'h History,
        now: UnixTime,
    ) -> Option<&'h Prompt> {
        let visit_start = now.plus_secs(-i64::from(self.settings.min_gap_hours) * 3600);
        history
            .latest_showing_on(order, visit_start)
            .filter(|prompt| !history.closed(order, prompt))
            .filter(|prompt| self.enabled(prompt.kind()))
    }

    fn enabled(&self, kind: PromptKind) -> bool {
        let s = &self.settings;
        match kind {
            PromptKind::ReviewRequest => s.review_requests,
            PromptKind::ReferralOffer => s.referral_offers,
            PromptKind::Nps => s.nps,
            PromptKind::Recommendations => s.recommendations,
            PromptKind::UsageTips => s.usage_tips,
            PromptKind::ThankYou => s.thank_you,
        }
    }

    fn thank_you(&self, order: &OrderContext, history: &History, now: UnixTime) -> Eval {
        let Some(delivered) = order.delivery.delivered_at() else {
            return Eval::No;
        };
        let window_end = delivered.plus_days(i64::from(self.settings.thank_you_window_days));
        if !self.settings.thank_you
            || now >= window_end
            || history.touched(&order.order, PromptKind::ThankYou)
        {
            return Eval::No;
        }
        Eval::Due(Prompt::ThankYou, ShowReason::ThankYouOnArrival)
    }

    fn review(&self, order: &OrderContext, history: &History, now: UnixTime) -> Eval {
        let s = &self.settings;
        let Some(delivered) = order.delivery.delivered_at() else {
            return Eval::No;
        };
        if !s.review_requests {
            return Eval::No;
        }
        let cooldown_start = now.plus_days(-i64::from(s.review_product_cooldown_days));
        let product = match history.review_product_of(&order.order) {
            Some(sticky) => sticky.clone(),
            None => {
                let eligible = order.review_ranking().into_iter().find(|item| {
                    !history.review_events(&item.product).any(|e| {
                        if e.order == order.order {
                            // Answered or declined (e.g. from an email) on
                            // this order without a widget showing.
                            e.action != Action::Shown
                        } else {
                            e.at > cooldown_start
                        }
                    })
                });
                match eligible {
                    Some(item) => item.product.clone(),
                    None => return Eval::No,
                }
            }
        };

        let first_at = delivered.plus_days(i64::from(s.review_delay_days));
        if now < first_at {
            return Eval::Later(first_at);
        }
        let on_this_order: Vec<&Event> = history
            .review_events(&product)
            .filter(|e| e.order == order.order)
            .collect();
        if on_this_order.iter().any(|e| e.action != Action::Shown) {
            return Eval::No;
        }
        let showings = on_this_order.len();
        if showings > s.review_max_reminders as usize {
            return Eval::No;
        }
        if let Some(last) = on_this_order.iter().map(|e| e.at).max() {
            let next = last.plus_days(i64::from(s.review_reminder_gap_days));
            if now < next {
                return Eval::Later(next);
            }
        }
        let showing = u32::try_from(showings + 1).unwrap_or(u32::MAX);
        Eval::Due(
            Prompt::ReviewRequest { product },
            ShowReason::Review { showing },
        )
    }

    fn nps(&self, order: &OrderContext, history: &History) -> Eval {
        let delivered = order.delivery.delivered_at().is_some();
        if !self.settings.nps || !delivered || history.touched(&order.order, PromptKind::Nps) {
            return Eval::No;
        }
        Eval::Due(Prompt::Nps, ShowReason::NpsAfterDelivery)
    }

    fn referral(&self, order: &OrderContext, history: &History, now: UnixTime) -> Eval {
        let Some(delivered) = order.delivery.delivered_at() else {
            return Eval::No;
        };
        if !self.settings.referral_offers
            || history.touched(&order.order, PromptKind::ReferralOffer)
        {
            return Eval::No;
        }
        let from = delivered.plus_days(i64::from(self.settings.referral_delay_days));
        if now < from {
            return Eval::Later(from);
        }
        Eval::Due(Prompt::ReferralOffer, ShowReason::ReferralAfterDelivery)
    }

    /// Recommendations and usage tips, in phase order; each once per order.
    fn fillers(&self, order: &OrderContext, history: &History) -> Vec<(Prompt, ShowReason)> {
        let (order_of_kinds, reason, discount) = match order.delivery {
            Delivery::NotShipped => return Vec::new(),
            Delivery::InTransit => (
                [PromptKind::Recommendations, PromptKind::UsageTips],
                ShowReason::InTransit,
                false,
            ),
            Delivery::Delivered { .. } => (
                [PromptKind::UsageTips, PromptKind::Recommendations],
                ShowReason::NothingElseDue,
                self.settings.recommendations_discount,
            ),
        };
        order_of_kinds
            .into_iter()
            .filter(|kind| !history.touched(&order.order, *kind))
            .filter_map(|kind| match kind {
                PromptKind::Recommendations if self.settings.recommendations => {
                    Some(Prompt::Recommendations { discount })
                }
                PromptKind::UsageTips if self.settings.usage_tips => Some(Prompt::UsageTips),
                _ => None,
            })
            .map(|prompt| (prompt, reason))
            .collect()
    }
}
