//! What the widget reports about a prompt, checked before it is stored.

use super::{Action, History, OrderContext, Prompt, Scheduler, ShowReason};
use crate::UnixTime;
use crate::engage::Decision;

/// What to do with a reported event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventOutcome {
    /// New information: store it.
    Record,
    /// Already known (a reload re-served an open prompt, a second "not
    /// now"): acknowledge and store nothing, so it counts once.
    AlreadyRecorded,
}

/// Why a reported event was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EventRefusal {
    #[error("a cancelled order has no prompts")]
    OrderCancelled,
    #[error("that product is not part of this order")]
    ProductNotInOrder,
    #[error("discounts are only offered once the order is delivered")]
    DiscountBeforeDelivery,
    #[error("this prompt is not being offered on this order now")]
    NotOffered,
}

impl Scheduler {
    /// Checks an event the widget reports for `order` at `now`.
    ///
    /// * The prompt must be able to belong to the order: a review request
    ///   names one of its products, a discount needs a delivered order.
    /// * `shown` is recorded only for what the scheduler serves right now, so
    ///   a client cannot show itself prompts, and a re-served open prompt
    ///   is not recorded again (no extra cap slot, no extra reminder).
    /// * `dismissed` and `answered` need no showing (an email can carry the
    ///   question), and each is kept once: a dismissed prompt stays
    ///   dismissed, and nothing is closed twice.
    pub fn check_event(
        &self,
        order: &OrderContext,
        history: &History,
        prompt: &Prompt,
        action: Action,
        now: UnixTime,
    ) -> Result<EventOutcome, EventRefusal> {
        if order.cancelled {
            return Err(EventRefusal::OrderCancelled);
        }
        if let Prompt::ReviewRequest { product } = prompt
            && !order.items.iter().any(|item| &item.product == product)
        {
            return Err(EventRefusal::ProductNotInOrder);
        }
        if prompt.carries_discount() && order.delivery.delivered_at().is_none() {
            return Err(EventRefusal::DiscountBeforeDelivery);
        }
        let closing = history.closing_action(&order.order, prompt);
        match action {
            Action::Shown => match self.decide(order, history, now) {
                Decision::Show {
                    prompt: served,
                    reason,
                    ..
                } if served == *prompt => Ok(if reason == ShowReason::StillOpen {
                    EventOutcome::AlreadyRecorded
                } else {
                    EventOutcome::Record
                }),
                _ => Err(EventRefusal::NotOffered),
            },
            Action::Dismissed if closing.is_some() => Ok(EventOutcome::AlreadyRecorded),
            Action::Answered if closing == Some(Action::Answered) => {
                Ok(EventOutcome::AlreadyRecorded)
            }
            Action::Dismissed | Action::Answered => Ok(EventOutcome::Record),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::OrderId;
    use crate::engage::{Delivery, EngageSettings, ProductId, PromptKind, ReviewItem};

    const DAY: i64 = 86_400;

    fn at(day: i64, hour: i64) -> UnixTime {
        UnixTime::from_secs(1_800_000_000 + day * DAY + hour * 3600)
    }

    fn order(id: &str, delivered_day: Option<i64>) -> OrderContext {
        OrderContext {
            order: OrderId::parse(id).unwrap(),
            delivery: delivered_day.map_or(Delivery::InTransit, |d| Delivery::Delivered {
                at: at(d, 0),
            }),
            cancelled: false,
            items: vec![ReviewItem {
                product: ProductId::parse("tent").unwrap(),
                unit_price_minor: 100,
                review_count: 0,
            }],
        }
    }

    fn review(product: &str) -> Prompt {
        Prompt::ReviewRequest {
            product: ProductId::parse(product).unwrap(),
        }
    }

    fn scheduler() -> Scheduler {
        Scheduler::new(EngageSettings::default()).unwrap()
    }

    #[test]
    fn a_reload_in_the_same_visit_serves_the_open_prompt_again_without_counting_it() {
        let s = scheduler();
        let o1 = order("o1", Some(0));
        let mut history = History::default();
        let now = at(10, 9);
        let first = s.decide(&o1, &history, now);
        assert_eq!(first.prompt(), Some(&review("tent")));
        assert_eq!(
            s.check_event(&o1, &history, &review("tent"), Action::Shown, now),
            Ok(EventOutcome::Record)
        );
        history.record(now, o1.order.clone(), review("tent"), Action::Shown);

        // Reloads and the 60 s refresh, hours later: the same prompt, and
        // reporting it shown again records nothing.
        for hours in [0, 1, 19] {
            let later = now.plus_secs(hours * 3600);
            let again = s.decide(&o1, &history, later);
            assert_eq!(again.prompt(), Some(&review("tent")), "{hours} h");
            assert_eq!(again.rule(), crate::engage::Rule::StillOpen);
            assert_eq!(
                s.check_event(&o1, &history, &review("tent"), Action::Shown, later),
                Ok(EventOutcome::AlreadyRecorded)
            );
        }
        // Another order in the same visit still waits for the gap.
        let o2 = order("o2", Some(0));
        assert!(matches!(
            s.decide(&o2, &history, now.plus_secs(3600)),
            Decision::Quiet { .. }
        ));
        // After the visit the open prompt is not re-served; the reminder
        // schedule decides (5 days between showings).
        assert_ne!(
            s.decide(&o1, &history, at(11, 6)).prompt(),
            Some(&review("tent"))
        );
    }

    #[test]
    fn a_dismissed_prompt_stays_dismissed() {
        let s = scheduler();
        let o1 = order("o1", Some(0));
        let mut history = History::default();
        let now = at(10, 9);
        history.record(now, o1.order.clone(), review("tent"), Action::Shown);
        assert_eq!(
            s.check_event(&o1, &history, &review("tent"), Action::Dismissed, now),
            Ok(EventOutcome::Record)
        );
        history.record(now, o1.order.clone(), review("tent"), Action::Dismissed);
        // Not re-served in the visit, and a second "not now" is not news.
        assert!(
            s.decide(&o1, &history, now.plus_secs(60))
                .prompt()
                .is_none()
        );
        assert_eq!(
            s.check_event(&o1, &history, &review("tent"), Action::Dismissed, now),
            Ok(EventOutcome::AlreadyRecorded)
        );
        // A stale "shown" cannot reopen it, days later either.
        for later in [now.plus_secs(60), at(30, 9)] {
            assert_eq!(
                s.check_event(&o1, &history, &review("tent"), Action::Shown, later),
                Err(EventRefusal::NotOffered)
            );
            assert_ne!(
                s.decide(&o1, &history, later).prompt(),
                Some(&review("tent"))
            );
        }
        // Writing the review after all still counts as an answer, once.
        assert_eq!(
            s.check_event(&o1, &history, &review("tent"), Action::Answered, now),
            Ok(EventOutcome::Record)
        );
        history.record(now, o1.order.clone(), review("tent"), Action::Answered);
        assert_eq!(
            s.check_event(&o1, &history, &review("tent"), Action::Answered, now),
            Ok(EventOutcome::AlreadyRecorded)
        );
    }

    #[test]
    fn events_must_fit_the_order() {
        let s = scheduler();
        let history = History::default();
        let delivered = order("o1", Some(0));
        assert_eq!(
            s.check_event(
                &delivered,
                &history,
                &review("boots"),
                Action::Dismissed,
                at(10, 0)
            ),
            Err(EventRefusal::ProductNotInOrder)
        );
        let in_transit = order("o2", None);
        let discounted = Prompt::Recommendations { discount: true };
        assert_eq!(
            s.check_event(
                &in_transit,
                &history,
                &discounted,
                Action::Answered,
                at(1, 0)
            ),
            Err(EventRefusal::DiscountBeforeDelivery)
        );
        // Shown only what is served: NPS is not, in transit.
        assert_eq!(
            s.check_event(&in_transit, &history, &Prompt::Nps, Action::Shown, at(1, 0)),
            Err(EventRefusal::NotOffered)
        );
        let cancelled = OrderContext {
            cancelled: true,
            ..delivered
        };
        assert_eq!(
            s.check_event(
                &cancelled,
                &history,
                &Prompt::Nps,
                Action::Answered,
                at(1, 0)
            ),
            Err(EventRefusal::OrderCancelled)
        );
    }

    #[test]
    fn an_open_prompt_whose_kind_was_switched_off_is_not_re_served() {
        let o1 = order("o1", Some(0));
        let mut history = History::default();
        history.record(at(1, 9), o1.order.clone(), Prompt::ThankYou, Action::Shown);
        let on = scheduler();
        assert_eq!(
            on.decide(&o1, &history, at(1, 10)).prompt(),
            Some(&Prompt::ThankYou)
        );
        let off = Scheduler::new(EngageSettings {
            thank_you: false,
            ..EngageSettings::default()
        })
        .unwrap();
        assert_ne!(
            off.decide(&o1, &history, at(1, 10))
                .prompt()
                .map(Prompt::kind),
            Some(PromptKind::ThankYou)
        );
    }
}
