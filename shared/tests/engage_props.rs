//! Properties of the engagement scheduler for arbitrary settings, orders
//! and histories.

#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

use aftercart_shared::engage::{
    Action, Decision, Delivery, EngageSettings, Event, History, OrderContext, ProductId, Prompt,
    PromptKind, ReviewItem, Rule, Scheduler,
};
use aftercart_shared::{OrderId, UnixTime};
use proptest::prelude::*;

const DAY: i64 = 86_400;
const NOW: i64 = 1_800_000_000;

fn settings() -> impl Strategy<Value = EngageSettings> {
    (
        (
            any::<[bool; 7]>(),
            0u32..=60,
            0u32..=10,
            1u32..=60,
            0u32..=3650,
        ),
        (
            0u32..=60,
            0u32..=30,
            1u32..=50,
            1u32..=365,
            0u32..=168,
            0u32..=365,
        ),
    )
        .prop_map(|((switches, delay, reminders, gap, cooldown), rest)| {
            let (referral_delay, thank_you_window, cap, window, min_gap, demotion) = rest;
            EngageSettings {
                review_requests: switches[0],
                nps: switches[1],
                referral_offers: switches[2],
                recommendations: switches[3],
                usage_tips: switches[4],
                thank_you: switches[5],
                recommendations_discount: switches[6],
                review_delay_days: delay,
                review_max_reminders: reminders,
                review_reminder_gap_days: gap,
                review_product_cooldown_days: cooldown,
                referral_delay_days: referral_delay,
                thank_you_window_days: thank_you_window,
                cap_prompts: cap,
                cap_window_days: window,
                min_gap_hours: min_gap,
                dismissal_demotion_days: demotion,
            }
        })
}

fn order_id(n: u8) -> OrderId {
    OrderId::parse(&format!("o{n}")).unwrap()
}

fn product(n: u8) -> ProductId {
    ProductId::parse(&format!("p{n}")).unwrap()
}

fn prompt() -> impl Strategy<Value = Prompt> {
    prop_oneof![
        (0u8..4).prop_map(|p| Prompt::ReviewRequest {
            product: product(p)
        }),
        Just(Prompt::ReferralOffer),
        Just(Prompt::Nps),
        any::<bool>().prop_map(|discount| Prompt::Recommendations { discount }),
        Just(Prompt::UsageTips),
        Just(Prompt::ThankYou),
    ]
}

fn history() -> impl Strategy<Value = History> {
    let event = (
        -400 * DAY..DAY,
        0u8..3,
        prompt(),
        prop_oneof![
            3 => Just(Action::Shown),
            1 => Just(Action::Dismissed),
            1 => Just(Action::Answered),
        ],
    )
        .prop_map(|(offset, order, prompt, action)| Event {
            at: UnixTime::from_secs(NOW + offset),
            order: order_id(order),
            prompt,
            action,
        });
    prop::collection::vec(event, 0..40).prop_map(History::new)
}

fn delivery() -> impl Strategy<Value = Delivery> {
    prop_oneof![
        Just(Delivery::NotShipped),
        Just(Delivery::InTransit),
        (-90 * DAY..DAY).prop_map(|offset| Delivery::Delivered {
            at: UnixTime::from_secs(NOW + offset)
        }),
    ]
}

fn order() -> impl Strategy<Value = OrderContext> {
    let item = (0u8..4, 0i64..100_000, 0u32..5).prop_map(|(p, price, reviews)| ReviewItem {
        product: product(p),
        unit_price_minor: price,
        review_count: reviews,
    });
    (
        0u8..3,
        delivery(),
        prop::bool::weighted(0.1),
        prop::collection::vec(item, 0..4),
    )
        .prop_map(|(id, delivery, cancelled, mut items)| {
            items.dedup_by(|a, b| a.product == b.product);
            OrderContext {
                order: order_id(id),
                delivery,
                cancelled,
                items,
            }
        })
}

fn counted_in_window(history: &History, now: UnixTime, window_days: u32) -> usize {
    let start = now.plus_days(-i64::from(window_days));
    history
        .events()
        .iter()
        .filter(|e| e.action == Action::Shown && e.prompt.kind().counts_against_cap())
        .filter(|e| e.at > start)
        .count()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// For any history: a counted prompt is only shown with room under the
    /// cap, never within the minimum gap, and every timing rule holds.
    #[test]
    fn any_single_decision_respects_the_rules(
        settings in settings(),
        order in order(),
        history in history(),
    ) {
        let scheduler = Scheduler::new(settings.clone()).unwrap();
        let now = UnixTime::from_secs(NOW);
        let decision = scheduler.decide(&order, &history, now);
        let Some(prompt) = decision.prompt() else {
            return Ok(());
        };
        prop_assert!(!order.cancelled);
        let gap = i64::from(settings.min_gap_hours) * 3600;
        if decision.rule() == Rule::StillOpen {
            // Re-served: shown on this order in this visit, never closed.
            prop_assert!(history.events().iter().any(|e| e.order == order.order
                && e.prompt == *prompt
                && e.action == Action::Shown
                && e.at.secs() > NOW - gap));
            prop_assert!(!history.events().iter().any(|e| e.order == order.order
                && e.prompt == *prompt
                && e.action != Action::Shown));
            return Ok(());
        }
        if prompt.kind().counts_against_cap() {
            prop_assert!(
                counted_in_window(&history, now, settings.cap_window_days)
                    < settings.cap_prompts as usize
            );
        }
        prop_assert!(history
            .events()
            .iter()
            .filter(|e| e.action == Action::Shown)
            .all(|e| e.at.secs() + gap <= NOW));
        let delivered_at = order.delivery.delivered_at();
        if prompt.carries_discount() || matches!(prompt.kind(), PromptKind::Nps) {
            prop_assert!(delivered_at.is_some());
        }
        if let Prompt::ReviewRequest { product } = prompt {
            let delivered_at = delivered_at.unwrap();
            prop_assert!(now >= delivered_at.plus_days(i64::from(settings.review_delay_days)));
            prop_assert!(order.items.iter().any(|i| &i.product == product)
                || history.events().iter().any(|e| e.order == order.order && e.prompt == *prompt));
        }
        if prompt.kind() == PromptKind::Nps {
            prop_assert!(!history.events().iter().any(|e| e.order == order.order
                && e.prompt.kind() == PromptKind::Nps));
        }
    }

    /// The order of events in the history does not change the answer.
    #[test]
    fn history_order_does_not_matter(
        settings in settings(),
        order in order(),
        history in history(),
    ) {
        let scheduler = Scheduler::new(settings).unwrap();
        let now = UnixTime::from_secs(NOW);
        let mut reversed = history.events().to_vec();
        reversed.reverse();
        prop_assert_eq!(
            scheduler.decide(&order, &history, now),
            scheduler.decide(&order, &History::new(reversed), now)
        );
    }

    /// A shopper who accepts every prompt, visiting several orders at
    /// arbitrary times: no rolling window ever holds more than the cap.
    #[test]
    fn accepting_everything_never_exceeds_the_cap(
        settings in settings(),
        orders in prop::collection::vec(order(), 1..4),
        visits in prop::collection::vec((0usize..4, 1i64..(3 * DAY)), 1..120),
    ) {
        let scheduler = Scheduler::new(settings.clone()).unwrap();
        let mut history = History::default();
        let mut now = UnixTime::from_secs(NOW - 200 * DAY);
        let mut shown: Vec<UnixTime> = Vec::new();
        for (which, step) in visits {
            now = now.plus_secs(step);
            let order = &orders[which % orders.len()];
            if let Decision::Show { prompt, .. } = scheduler.decide(order, &history, now) {
                history.record(now, order.order.clone(), prompt.clone(), Action::Shown);
                history.record(now, order.order.clone(), prompt.clone(), Action::Answered);
                if prompt.kind().counts_against_cap() {
                    shown.push(now);
                }
            }
        }
        let window = i64::from(settings.cap_window_days) * DAY;
        for end in &shown {
            let in_window = shown
                .iter()
                .filter(|t| t.secs() > end.secs() - window && *t <= end)
                .count();
            prop_assert!(in_window <= settings.cap_prompts as usize);
        }
    }
}
