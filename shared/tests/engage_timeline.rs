//! The engagement scheduler driven day by day over simulated timelines.
//!
//! Each scenario places one or two orders, moves their parcels through
//! "not shipped → in transit → delivered", and has a shopper look at every
//! placed order once a day at 10:00 for 60 days. Whatever is shown is fed
//! back into the history together with the shopper model's reaction. Every
//! scenario is checked against every rule, and against its exact schedule.

#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

use aftercart_shared::engage::{
    Action, Decision, Delivery, EngageSettings, History, OrderContext, ProductId, Prompt,
    PromptKind, QuietReason, ReviewItem, Scheduler, ShowReason,
};
use aftercart_shared::{OrderId, UnixTime};

const DAY: i64 = 86_400;
const HOUR: i64 = 3_600;
/// Monday 2026-03-02 00:00 UTC: day 0 of every scenario.
const T0: i64 = 1_772_409_600;
const DAYS: i64 = 60;

fn at(day: i64, hour: i64) -> UnixTime {
    UnixTime::from_secs(T0 + day * DAY + hour * HOUR)
}

fn pid(s: &str) -> ProductId {
    ProductId::parse(s).unwrap()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shopper {
    /// Sees prompts, never reacts.
    IgnoresEverything,
    /// Answers whatever is shown.
    AcceptsEverything,
    /// Closes every review request, ignores the rest.
    DismissesReviews,
    /// Gives an NPS score the first time it is asked, ignores the rest.
    AnswersNpsOnFirstSight,
}

impl Shopper {
    fn reacts(self, prompt: &Prompt) -> Option<Action> {
        match (self, prompt) {
            (Self::AcceptsEverything, _) => Some(Action::Answered),
            (Self::DismissesReviews, Prompt::ReviewRequest { .. }) => Some(Action::Dismissed),
            (Self::AnswersNpsOnFirstSight, Prompt::Nps) => Some(Action::Answered),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
struct SimOrder {
    id: &'static str,
    placed: i64,
    shipped: i64,
    /// Delivered at 08:00 of this day; the shopper looks at 10:00.
    delivered: i64,
    cancelled: bool,
    /// (product, unit price, published reviews), in line order.
    items: Vec<(&'static str, i64, u32)>,
}

impl SimOrder {
    fn first(items: Vec<(&'static str, i64, u32)>) -> Self {
        Self {
            id: "o1",
            placed: 0,
            shipped: 1,
            delivered: 4,
            cancelled: false,
            items,
        }
    }

    fn again_on_day_20(items: Vec<(&'static str, i64, u32)>) -> Self {
        Self {
            id: "o2",
            placed: 20,
            shipped: 21,
            delivered: 24,
            cancelled: false,
            items,
        }
    }

    fn delivered_at(&self) -> UnixTime {
        at(self.delivered, 8)
    }

    fn context(&self, now: UnixTime) -> OrderContext {
        let delivery = if now >= self.delivered_at() {
            Delivery::Delivered {
                at: self.delivered_at(),
            }
        } else if now >= at(self.shipped, 0) {
            Delivery::InTransit
        } else {
            Delivery::NotShipped
        };
        OrderContext {
            order: OrderId::parse(self.id).unwrap(),
            delivery,
            cancelled: self.cancelled,
            items: self
                .items
                .iter()
                .map(|(p, price, reviews)| ReviewItem {
                    product: pid(p),
                    unit_price_minor: *price,
                    review_count: *reviews,
                })
                .collect(),
        }
    }
}

/// One prompt the shopper saw.
#[derive(Debug, Clone)]
struct Seen {
    day: i64,
    now: UnixTime,
    order: usize,
    prompt: Prompt,
    reason: ShowReason,
    outranked: Vec<PromptKind>,
}

struct Run {
    seen: Vec<Seen>,
    history: History,
    quiet: Vec<(i64, usize, QuietReason)>,
}

fn simulate(settings: &EngageSettings, shopper: Shopper, orders: &[SimOrder]) -> Run {
    let scheduler = Scheduler::new(settings.clone()).unwrap();
    // The "nothing else is due" oracle: the same scheduler without fillers
    // and without the thank-you line.
    let asks_only = Scheduler::new(EngageSettings {
        recommendations: false,
        usage_tips: false,
        thank_you: false,
        ..settings.clone()
    })
    .unwrap();
    let mut history = History::default();
    let mut seen = Vec::new();
    let mut quiet = Vec::new();
    for day in 0..=DAYS {
        let now = at(day, 10);
        for (index, order) in orders.iter().enumerate() {
            if day < order.placed {
                continue;
            }
            let ctx = order.context(now);
            match scheduler.decide(&ctx, &history, now) {
                Decision::Show {
                    prompt,
                    reason,
                    outranked,
                } => {
                    if matches!(
                        prompt.kind(),
                        PromptKind::Recommendations | PromptKind::UsageTips
                    ) && matches!(ctx.delivery, Delivery::Delivered { .. })
                    {
                        let without_fillers = asks_only.decide(&ctx, &history, now);
                        assert!(
                            matches!(
                                without_fillers,
                                Decision::Quiet {
                                    reason: QuietReason::NothingDue { .. }
                                }
                            ),
                            "day {day}: filler shown while {without_fillers:?}"
                        );
                    }
                    history.record(now, ctx.order.clone(), prompt.clone(), Action::Shown);
                    if let Some(action) = shopper.reacts(&prompt) {
                        history.record(
                            now.plus_secs(60),
                            ctx.order.clone(),
                            prompt.clone(),
                            action,
                        );
                    }
                    seen.push(Seen {
                        day,
                        now,
                        order: index,
                        prompt,
                        reason,
                        outranked,
                    });
                }
                Decision::Quiet { reason } => quiet.push((day, index, reason)),
            }
        }
    }
    Run {
        seen,
        history,
        quiet,
    }
}

/// Every rule of the scheduler, checked on a finished run.
fn assert_rules(name: &str, settings: &EngageSettings, orders: &[SimOrder], run: &Run) {
    let window = i64::from(settings.cap_window_days) * DAY;
    for s in &run.seen {
        let order = &orders[s.order];
        let delivered = s.now >= order.delivered_at();
        assert!(!order.cancelled, "{name}: prompt on a cancelled order");

        // Nothing review-ish before delivered + delay.
        if let Prompt::ReviewRequest { .. } = s.prompt {
            let earliest = order
                .delivered_at()
                .plus_days(i64::from(settings.review_delay_days));
            assert!(s.now >= earliest, "{name}: review on day {}", s.day);
        }
        // Referral, NPS, thank-you and every discount: only after delivery.
        if s.prompt.carries_discount() || matches!(s.prompt.kind(), Referral | Nps | ThankYou) {
            assert!(delivered, "{name}: {:?} before delivery", s.prompt);
        }
        // Never more than the cap in any rolling window ending at a showing.
        if s.prompt.kind().counts_against_cap() {
            let in_window = run
                .seen
                .iter()
                .filter(|o| o.prompt.kind().counts_against_cap())
                .filter(|o| o.now.secs() > s.now.secs() - window && o.now <= s.now)
                .count();
            assert!(
                in_window <= settings.cap_prompts as usize,
                "{name}: {in_window} prompts in the window ending day {}",
                s.day
            );
        }
    }

    // At most one prompt per visit-day across all orders (minimum gap).
    for pair in run.seen.windows(2) {
        assert!(
            pair[1].now.secs() - pair[0].now.secs() >= i64::from(settings.min_gap_hours) * HOUR,
            "{name}: prompts on days {} and {} too close",
            pair[0].day,
            pair[1].day
        );
    }

    for (index, _) in orders.iter().enumerate() {
        let of = |kind: PromptKind| {
            run.seen
                .iter()
                .filter(move |s| s.order == index && s.prompt.kind() == kind)
        };
        assert!(of(Nps).count() <= 1, "{name}: NPS twice");
        assert!(of(ThankYou).count() <= 1, "{name}: thanks twice");
        assert!(
            of(PromptKind::ReferralOffer).count() <= 1,
            "{name}: referral"
        );

        // Reminders: one product per order, 1 + max showings, gap apart,
        // and none after an answer or a dismissal.
        let reviews: Vec<&Seen> = of(PromptKind::ReviewRequest).collect();
        let products: Vec<&Prompt> = reviews.iter().map(|s| &s.prompt).collect();
        assert!(
            products.windows(2).all(|w| w[0] == w[1]),
            "{name}: switched"
        );
        assert!(reviews.len() <= 1 + settings.review_max_reminders as usize);
        for pair in reviews.windows(2) {
            assert!(
                pair[0].now.days_until(pair[1].now) >= i64::from(settings.review_reminder_gap_days),
                "{name}: reminders on days {} and {}",
                pair[0].day,
                pair[1].day
            );
        }
        for (n, review) in reviews.iter().enumerate() {
            assert_eq!(
                review.reason,
                ShowReason::Review {
                    showing: n as u32 + 1
                }
            );
            let stopped_before = run.history.events().iter().any(|e| {
                e.prompt == review.prompt && e.action != Action::Shown && e.at < review.now
            });
            assert!(!stopped_before, "{name}: reminded after a no");
        }
    }

    // The same product is never asked about for two orders within the
    // cooldown.
    let cooldown = i64::from(settings.review_product_cooldown_days) * DAY;
    for a in &run.seen {
        for b in &run.seen {
            if a.order < b.order && a.prompt == b.prompt {
                assert!(
                    !matches!(a.prompt, Prompt::ReviewRequest { .. })
                        || (b.now.secs() - a.now.secs()).abs() >= cooldown,
                    "{name}: {:?} asked for two orders",
                    a.prompt
                );
            }
        }
    }
}

fn schedule(run: &Run) -> Vec<(i64, usize, PromptKind)> {
    run.seen
        .iter()
        .map(|s| (s.day, s.order, s.prompt.kind()))
        .collect()
}

/// Order 1: B is the product the shop most needs reviews for (no reviews,
/// highest price among those with none).
fn first_order() -> SimOrder {
    SimOrder::first(vec![("A", 20_000, 0), ("B", 50_000, 0), ("C", 90_000, 5)])
}

use PromptKind::{
    Nps, Recommendations as Recs, ReferralOffer as Referral, ReviewRequest as Review, ThankYou,
    UsageTips as Tips,
};

struct Scenario {
    name: &'static str,
    shopper: Shopper,
    settings: EngageSettings,
    orders: Vec<SimOrder>,
    expected: Vec<(i64, usize, PromptKind)>,
}

fn scenarios() -> Vec<Scenario> {
    let defaults = EngageSettings::default;
    let order_1_until_first_review = || {
        vec![
            (1, 0, Recs),
            (2, 0, Tips),
            (4, 0, ThankYou),
            (5, 0, Nps),
            (7, 0, Referral),
            (11, 0, Review),
        ]
    };
    vec![
        Scenario {
            name: "ignores everything: reminders wait for the cap, then 5 days apart",
            shopper: Shopper::IgnoresEverything,
            settings: defaults(),
            orders: vec![first_order()],
            // Days 1, 2, 5, 7 and 11 fill the cap; the first reminder (due
            // day 16) waits until day 1 leaves the window on day 31.
            expected: [
                order_1_until_first_review(),
                vec![(31, 0, Review), (36, 0, Review), (41, 0, Review)],
            ]
            .concat(),
        },
        Scenario {
            name: "accepts everything: a written review ends the reminders",
            shopper: Shopper::AcceptsEverything,
            settings: defaults(),
            orders: vec![first_order()],
            expected: order_1_until_first_review(),
        },
        Scenario {
            name: "dismisses reviews: a dismissal ends the reminders",
            shopper: Shopper::DismissesReviews,
            settings: defaults(),
            orders: vec![first_order()],
            expected: order_1_until_first_review(),
        },
        Scenario {
            name: "answers NPS on first sight: NPS is asked once",
            shopper: Shopper::AnswersNpsOnFirstSight,
            settings: defaults(),
            orders: vec![first_order()],
            expected: [
                order_1_until_first_review(),
                vec![(31, 0, Review), (36, 0, Review), (41, 0, Review)],
            ]
            .concat(),
        },
        Scenario {
            name: "shops again on day 20: the cap spans both orders",
            shopper: Shopper::IgnoresEverything,
            settings: defaults(),
            orders: vec![
                first_order(),
                SimOrder::again_on_day_20(vec![("B", 50_000, 0), ("D", 10_000, 3)]),
            ],
            expected: [
                order_1_until_first_review(),
                vec![
                    // Capped in transit: order 2 gets no fillers; the
                    // thank-you is not counted, so it still shows.
                    (24, 1, ThankYou),
                    (31, 0, Review),
                    // Order 2 reviews D: B was asked about for order 1.
                    (32, 1, Review),
                    (35, 1, Nps),
                    (37, 0, Review),
                    (41, 1, Review),
                ],
            ]
            .concat(),
        },
        Scenario {
            name: "fast settings: review and referral on delivery, ranked",
            shopper: Shopper::AcceptsEverything,
            settings: EngageSettings {
                review_delay_days: 0,
                referral_delay_days: 0,
                ..defaults()
            },
            orders: vec![first_order()],
            expected: vec![
                (1, 0, Recs),
                (2, 0, Tips),
                (4, 0, ThankYou),
                (5, 0, Review),
                (6, 0, Nps),
                (7, 0, Referral),
            ],
        },
        Scenario {
            name: "a cancelled order gets nothing",
            shopper: Shopper::AcceptsEverything,
            settings: defaults(),
            orders: vec![SimOrder {
                cancelled: true,
                ..first_order()
            }],
            expected: vec![],
        },
    ]
}

#[test]
fn scenarios_follow_every_rule_and_their_schedule() {
    for scenario in scenarios() {
        let run = simulate(&scenario.settings, scenario.shopper, &scenario.orders);
        assert_rules(scenario.name, &scenario.settings, &scenario.orders, &run);
        assert_eq!(schedule(&run), scenario.expected, "{}", scenario.name);
    }
}

#[test]
fn the_review_goes_to_the_product_the_shop_needs_most() {
    let run = simulate(
        &EngageSettings::default(),
        Shopper::IgnoresEverything,
        &[first_order()],
    );
    let products: Vec<&Prompt> = run
        .seen
        .iter()
        .filter(|s| s.prompt.kind() == Review)
        .map(|s| &s.prompt)
        .collect();
    assert_eq!(products.len(), 4);
    assert!(
        products
            .iter()
            .all(|p| **p == Prompt::ReviewRequest { product: pid("B") })
    );
}

#[test]
fn a_product_asked_about_is_not_asked_again_for_another_order_within_a_year() {
    let orders = [
        first_order(),
        SimOrder::again_on_day_20(vec![("B", 50_000, 0)]),
    ];
    let run = simulate(
        &EngageSettings::default(),
        Shopper::AcceptsEverything,
        &orders,
    );
    assert_rules("B only", &EngageSettings::default(), &orders, &run);
    assert!(
        !run.seen
            .iter()
            .any(|s| s.order == 1 && s.prompt.kind() == Review),
        "order 2 has only B, asked for order 1"
    );
    // Without the cooldown, order 2 asks about B again.
    let settings = EngageSettings {
        review_product_cooldown_days: 0,
        ..EngageSettings::default()
    };
    let run = simulate(&settings, Shopper::AcceptsEverything, &orders);
    assert!(
        run.seen
            .iter()
            .any(|s| s.order == 1 && s.prompt == Prompt::ReviewRequest { product: pid("B") })
    );
}

#[test]
fn the_cap_says_when_the_next_slot_opens() {
    let run = simulate(
        &EngageSettings::default(),
        Shopper::IgnoresEverything,
        &[first_order()],
    );
    let day_16 = run.quiet.iter().find(|(day, _, _)| *day == 16).unwrap();
    assert_eq!(
        day_16.2,
        QuietReason::CapReached {
            held_back: Review,
            shown_in_window: 5,
            next_at: at(31, 10),
        }
    );
    // Before the first ask, the scheduler says when the next thing is due.
    let day_6 = run.quiet.iter().find(|(day, _, _)| *day == 6).unwrap();
    assert_eq!(
        day_6.2,
        QuietReason::NothingDue {
            next_due: Some(at(7, 8))
        }
    );
    let day_0 = run.quiet.iter().find(|(day, _, _)| *day == 0).unwrap();
    assert_eq!(day_0.2, QuietReason::NothingDue { next_due: None });
}

#[test]
fn a_dismissed_kind_drops_below_the_others() {
    // Fillers off so the cap leaves room to see the ranking on order 2.
    let settings = EngageSettings {
        review_delay_days: 0,
        referral_delay_days: 0,
        recommendations: false,
        usage_tips: false,
        ..EngageSettings::default()
    };
    let orders = [
        first_order(),
        SimOrder::again_on_day_20(vec![("D", 10_000, 3)]),
    ];
    let run = simulate(&settings, Shopper::DismissesReviews, &orders);
    assert_rules("demotion", &settings, &orders, &run);
    assert_eq!(
        schedule(&run),
        [
            (4, 0, ThankYou),
            (5, 0, Review),
            (6, 0, Nps),
            (7, 0, Referral),
            (24, 1, ThankYou),
            // Reviews were dismissed on day 5: NPS and referral go first.
            (25, 1, Nps),
            (26, 1, Referral),
            // Five in (day -3, day 27]: the review waits for day 5 to leave.
            (35, 1, Review),
        ]
    );
    let day_25 = run.seen.iter().find(|s| s.day == 25).unwrap();
    assert_eq!(day_25.outranked, [Referral, Review]);
    assert_eq!(day_25.reason, ShowReason::NpsAfterDelivery);
    // With demotion off, the review keeps its place.
    let undemoted = EngageSettings {
        dismissal_demotion_days: 0,
        ..settings
    };
    let run = simulate(&undemoted, Shopper::DismissesReviews, &orders);
    let day_25 = run.seen.iter().find(|s| s.day == 25).unwrap();
    assert_eq!(day_25.prompt.kind(), Review);
    assert_eq!(day_25.outranked, [Nps, Referral]);
}

#[test]
fn recommendations_carry_the_merchant_discount_only_after_delivery() {
    let settings = EngageSettings {
        recommendations_discount: true,
        nps: false,
        referral_offers: false,
        review_requests: false,
        ..EngageSettings::default()
    };
    let scheduler = Scheduler::new(settings).unwrap();
    let order = first_order();
    let in_transit = scheduler.decide(&order.context(at(2, 10)), &History::default(), at(2, 10));
    assert_eq!(
        in_transit.prompt(),
        Some(&Prompt::Recommendations { discount: false })
    );
    // After delivery and after the thank-you, with nothing else due.
    let mut history = History::default();
    let o1 = OrderId::parse("o1").unwrap();
    history.record(at(5, 10), o1.clone(), Prompt::ThankYou, Action::Shown);
    history.record(at(5, 10), o1, Prompt::UsageTips, Action::Shown);
    let after = scheduler.decide(&order.context(at(6, 10)), &history, at(6, 10));
    assert_eq!(
        after.prompt(),
        Some(&Prompt::Recommendations { discount: true })
    );
    assert_eq!(
        after.rule(),
        aftercart_shared::engage::Rule::FillersWhenIdle
    );
}

#[test]
fn reloads_on_the_same_day_show_the_same_prompt_and_nothing_new() {
    let scheduler = Scheduler::new(EngageSettings::default()).unwrap();
    let order = first_order();
    let o1 = OrderId::parse("o1").unwrap();
    let mut history = History::default();
    let first = scheduler.decide(&order.context(at(5, 10)), &history, at(5, 10));
    let prompt = first.prompt().unwrap().clone();
    history.record(at(5, 10), o1.clone(), prompt.clone(), Action::Shown);
    // Still open: the same prompt again, not another one.
    let reload = scheduler.decide(&order.context(at(5, 11)), &history, at(5, 11));
    assert_eq!(reload.prompt(), Some(&prompt));
    assert_eq!(reload.rule(), aftercart_shared::engage::Rule::StillOpen);
    // Once closed, nothing new until the gap has passed.
    history.record(at(5, 11), o1, prompt, Action::Dismissed);
    let after = scheduler.decide(&order.context(at(5, 12)), &history, at(5, 12));
    assert!(matches!(
        after,
        Decision::Quiet {
            reason: QuietReason::TooSoon { next_at, .. }
        } if next_at == at(6, 6)
    ));
}

#[test]
fn decisions_serialize_for_the_merchant_debug_view() {
    let scheduler = Scheduler::new(EngageSettings::default()).unwrap();
    let order = first_order();
    let decision = scheduler.decide(&order.context(at(12, 10)), &History::default(), at(12, 10));
    let json = serde_json::to_value(&decision).unwrap();
    assert_eq!(json["outcome"], "show");
    assert_eq!(json["prompt"]["kind"], "reviewRequest");
    assert_eq!(json["prompt"]["product"], "B");
    assert_eq!(json["reason"]["why"], "review");
    assert_eq!(json["reason"]["showing"], 1);
    assert_eq!(
        serde_json::to_value(decision.rule()).unwrap(),
        "review_delay"
    );
    let back: Decision = serde_json::from_value(json).unwrap();
    assert_eq!(back, decision);
}
