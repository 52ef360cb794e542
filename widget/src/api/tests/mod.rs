//! The hand-written codecs against serde: every response type serialised by
//! serde_json and decoded by `decode`, every request body encoded by
//! `encode` and read back by serde, every wire name against serde's.

use std::fmt::Debug;

use aftercart_shared::api::engage::{
    EngagementView, LoyaltyView, NpsSubmission, PromptEventRequest, PromptView, ReferralCard,
    ReviewReceipt, ReviewSubmission, RewardsView,
};
use aftercart_shared::api::shopper::{
    CheckpointView, LineItemView, LookupRequest, LookupResponse, OrderStatusView, OrderSummary,
    OrderView, ReasonOption, ResolutionOffer, ReturnItemOption, ReturnOptions, ReturnRefused,
    ReturnView, ShipmentView,
};
use aftercart_shared::api::{Problem, ProblemCode};
use aftercart_shared::engage::PromptContent;
use aftercart_shared::engage::{Action, ProductId, Prompt, PromptKind};
use aftercart_shared::engage::{RecommendedProduct, UsageTip};
use aftercart_shared::i18n::Lang;
use aftercart_shared::referral::Incentive;
use aftercart_shared::returns::ReturnHistoryEntry;
use aftercart_shared::returns::{
    Actor, ApprovedItem, ApprovedReturn, ChosenReason, ItemRefusal, PolicySummary, RefusalCode,
    RequestedItem, Resolution, ReturnRequest, ReturnStatus, Terms,
};
use aftercart_shared::reviews::ModerationStatus;
use aftercart_shared::tracking::{Step, TrackingStatus};
use aftercart_shared::{OrderId, TrackingUrl, UnixTime};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

use super::decode::{self, Json, Malformed};
use super::encode::{self, JsonOut};
use aftercart_shared::wire::WireName;

/// serde_json's values as the decoders' input, like the browser's parse.
impl Json for Value {
    fn field(&self, key: &str) -> Option<Self> {
        self.get(key).cloned()
    }

    fn string(&self) -> Option<String> {
        self.as_str().map(str::to_owned)
    }

    fn number(&self) -> Option<f64> {
        self.as_f64()
    }

    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }

    fn is_object(&self) -> bool {
        Value::is_object(self) || Value::is_array(self)
    }

    fn elements(&self) -> Option<Vec<Self>> {
        self.as_array().cloned()
    }
}

/// serde_json's values as the encoders' output, like `JSON.stringify`'s input.
impl JsonOut for Value {
    fn object() -> Self {
        Value::Object(Map::new())
    }

    fn set(&mut self, key: &str, value: Self) {
        let Value::Object(map) = self else {
            panic!("set {key} on {self}");
        };
        map.insert(key.to_owned(), value);
    }

    fn text(value: &str) -> Self {
        Value::from(value)
    }

    fn number(value: f64) -> Self {
        // JSON has one number type; `JSON.stringify(3)` writes `3`.
        if value.fract() == 0.0 {
            Value::from(value as i64)
        } else {
            Value::from(value)
        }
    }

    fn boolean(value: bool) -> Self {
        Value::Bool(value)
    }

    fn list(items: Vec<Self>) -> Self {
        Value::Array(items)
    }
}

/// serde writes `value`, the widget reads it back unchanged.
#[track_caller]
fn round_trip<T: Serialize + PartialEq + Debug>(
    value: &T,
    decode: fn(&Value) -> Result<T, Malformed>,
) {
    let json = serde_json::to_value(value).expect("serialises");
    assert_eq!(decode(&json).as_ref(), Ok(value), "{json:#}");
}

/// The widget writes `value`, serde reads it back unchanged.
#[track_caller]
fn read_back<T: DeserializeOwned + PartialEq + Debug>(value: &T, json: Value) {
    let read: T =
        serde_json::from_value(json.clone()).unwrap_or_else(|error| panic!("{error}: {json:#}"));
    assert_eq!(&read, value, "{json:#}");
}

fn at(day: i64) -> UnixTime {
    // 2026-03-01T09:30:00Z, and whole days after it.
    UnixTime::from_secs(1_772_357_400 + day * 86_400)
}

fn text(value: &str) -> String {
    value.to_owned()
}

fn wire_names_match_serde<T: WireName + Serialize + Copy + PartialEq + Debug>() {
    for &variant in T::ALL {
        assert_eq!(
            serde_json::to_value(variant).unwrap(),
            variant.wire_name(),
            "{variant:?}"
        );
        assert_eq!(T::from_wire_name(variant.wire_name()), Some(variant));
    }
    assert_eq!(T::from_wire_name("no_such_name"), None);
}

#[test]
fn every_wire_name_is_serdes() {
    wire_names_match_serde::<TrackingStatus>();
    wire_names_match_serde::<Step>();
    wire_names_match_serde::<Resolution>();
    wire_names_match_serde::<ReturnStatus>();
    wire_names_match_serde::<Actor>();
    wire_names_match_serde::<RefusalCode>();
    wire_names_match_serde::<ProblemCode>();
    wire_names_match_serde::<ModerationStatus>();
    wire_names_match_serde::<PromptKind>();
    wire_names_match_serde::<Action>();
    // The lists are complete: the shared types' own lists, where they have one.
    assert_eq!(
        TrackingStatus::ALL.len(),
        <TrackingStatus as WireName>::ALL.len()
    );
    assert_eq!(Step::ALL.len(), <Step as WireName>::ALL.len());
    assert_eq!(Resolution::ALL.len(), <Resolution as WireName>::ALL.len());
    assert_eq!(
        ReturnStatus::ALL.len(),
        <ReturnStatus as WireName>::ALL.len()
    );
    assert_eq!(PromptKind::ALL.len(), <PromptKind as WireName>::ALL.len());
}

/// An order with every optional field present, in several parcels, the
/// statuses and steps spread over them.
fn full_order() -> OrderView {
    let statuses = <TrackingStatus as WireName>::ALL;
    let checkpoints: Vec<CheckpointView> = statuses
        .iter()
        .enumerate()
        .map(|(n, &status)| CheckpointView {
            status,
            sub_status: (n % 2 == 0).then(|| format!("{status:?}_001")),
            message: format!("Update {n}: Ankomst till terminal, Göteborg"),
            location: (n % 3 != 0).then(|| text("Göteborg, SE")),
            occurred_at: at(-(n as i64)),
        })
        .collect();
    let shipments = <Step as WireName>::ALL
        .iter()
        .zip(statuses.iter().rev())
        .enumerate()
        .map(|(n, (&step, &status))| ShipmentView {
            id: format!("ship-{n}"),
            carrier: Some(text("PostNord")),
            tracking_number: Some(format!("00370726200{n}")),
            tracking_url: TrackingUrl::parse(&format!(
                "https://tracking.postnord.com/se/?id=00370726200{n}"
            ))
            .ok(),
            status,
            step,
            estimated_delivery: Some(at(3)),
            estimated_from_history: n % 2 == 1,
            running_late: n == 2,
            delivered_at: (step == Step::Delivered).then(|| at(2)),
            checkpoints: if n == 0 {
                checkpoints.clone()
            } else {
                Vec::new()
            },
            items: vec![(text("li-1"), 1), (format!("li-{}", n + 2), 3)],
        })
        .collect();
    OrderView {
        id: OrderId::parse("gid-shopify-5678").unwrap(),
        order_number: text("#1042"),
        placed_at: at(-4),
        customer_first_name: Some(text("Åsa")),
        currency: text("SEK"),
        total_minor: 149_900,
        cancelled: false,
        status: OrderStatusView {
            step: Step::InTransit,
            status: TrackingStatus::OutForDelivery,
            cancelled: false,
            estimated_delivery: Some(at(3)),
            running_late: true,
        },
        line_items: vec![
            LineItemView {
                id: text("li-1"),
                title: text("Trail Jacket"),
                variant_title: Some(text("M / Moss")),
                quantity: 2,
                unit_price_minor: 59_950,
                image_url: Some(text("https://cdn.example/jacket.jpg")),
            },
            LineItemView {
                id: text("li-2"),
                title: text("Camp Mug"),
                variant_title: None,
                quantity: 1,
                unit_price_minor: 30_000,
                image_url: None,
            },
        ],
        shipments,
        other_orders: <Step as WireName>::ALL
            .iter()
            .zip(statuses)
            .enumerate()
            .map(|(n, (&step, &status))| OrderSummary {
                id: OrderId::parse(&format!("gid-shopify-{n}")).unwrap(),
                order_number: format!("#10{n}"),
                placed_at: at(-30 - n as i64),
                step,
                status,
                cancelled: n == 1,
            })
            .collect(),
        can_act: true,
    }
}

/// An order with every optional field absent and every list empty.
fn bare_order() -> OrderView {
    OrderView {
        id: OrderId::parse("1001").unwrap(),
        order_number: text("1001"),
        placed_at: at(0),
        customer_first_name: None,
        currency: text("USD"),
        total_minor: 0,
        cancelled: true,
        status: OrderStatusView {
            step: Step::Ordered,
            status: TrackingStatus::Pending,
            cancelled: true,
            estimated_delivery: None,
            running_late: false,
        },
        line_items: Vec::new(),
        shipments: vec![ShipmentView {
            id: text("ship-1"),
            carrier: None,
            tracking_number: None,
            tracking_url: None,
            status: TrackingStatus::InfoReceived,
            step: Step::Shipped,
            estimated_delivery: None,
            estimated_from_history: false,
            running_late: false,
            delivered_at: None,
            checkpoints: Vec::new(),
            items: Vec::new(),
        }],
        other_orders: Vec::new(),
        can_act: false,
    }
}

#[test]
fn orders_and_lookups_read_back() {
    round_trip(&full_order(), decode::order);
    round_trip(&bare_order(), decode::order);
    round_trip(
        &LookupResponse {
            token: text("v1.eyJvIjoiMTA0MiJ9.sig"),
            expires_at: at(30),
            order: full_order(),
        },
        decode::lookup_response,
    );
}

#[test]
fn an_order_from_an_older_edge_reads_with_its_defaults() {
    let mut json = serde_json::to_value(bare_order()).unwrap();
    json.as_object_mut().unwrap().remove("otherOrders");
    json.as_object_mut().unwrap().remove("canAct");
    json["shipments"][0]
        .as_object_mut()
        .unwrap()
        .remove("estimatedFromHistory");
    assert_eq!(decode::order(&json), Ok(bare_order()));
    // An unreadable other order is left out rather than failing the order.
    let mut order = full_order();
    let mut json = serde_json::to_value(&order).unwrap();
    json["otherOrders"][0]["step"] = json!("Teleported");
    order.other_orders.remove(0);
    assert_eq!(decode::order(&json), Ok(order));
}

#[test]
fn an_unsafe_tracking_link_is_dropped_and_the_parcel_kept() {
    // An edge (or a row) from before links were checked may send one.
    for unsafe_link in [
        "javascript:alert(1)",
        " javascript:alert(1)",
        "//evil.example",
    ] {
        let mut order = full_order();
        let mut json = serde_json::to_value(&order).unwrap();
        json["shipments"][0]["trackingUrl"] = json!(unsafe_link);
        order.shipments[0].tracking_url = None;
        assert_eq!(decode::order(&json), Ok(order), "{unsafe_link:?}");
    }
}

fn chosen(reason: &str, sub: Option<&str>, comment: Option<&str>, photo: bool) -> ChosenReason {
    ChosenReason {
        reason_id: text(reason),
        sub_reason_id: sub.map(text),
        comment: comment.map(text),
        photo_url: photo.then(|| text("https://photos.example/zip.jpg")),
    }
}

/// A return in `status` whose history passes every status and actor.
fn return_on_file(status: ReturnStatus, resolution: Resolution) -> ReturnView {
    let statuses = <ReturnStatus as WireName>::ALL;
    let actors = <Actor as WireName>::ALL;
    let mut from = None;
    let history = statuses
        .iter()
        .enumerate()
        .map(|(n, &to)| {
            let entry = ReturnHistoryEntry {
                at: at(n as i64),
                actor: actors[n % actors.len()],
                from,
                to,
                note: (n % 2 == 1).then(|| format!("Note {n}: checked at the warehouse")),
            };
            from = Some(to);
            entry
        })
        .collect();
    ReturnView {
        rma: text("R-7K3-M9Q"),
        status,
        created_at: at(1),
        approved: ApprovedReturn {
            resolution,
            currency: text("USD"),
            items: vec![
                ApprovedItem {
                    line_item_id: text("li-1"),
                    quantity: 1,
                    unit_price_minor: 12_000,
                    amount_minor: 12_000,
                    reason: chosen("fit", Some("too_small"), Some("Runs small"), true),
                    exchange_variant_id: Some(text("L / Moss")),
                },
                ApprovedItem {
                    line_item_id: text("li-2"),
                    quantity: 3,
                    unit_price_minor: 500,
                    amount_minor: 1_500,
                    reason: chosen("changed_mind", None, None, false),
                    exchange_variant_id: None,
                },
            ],
            items_minor: 13_500,
            bonus_minor: 1_350,
            fee_minor: 300,
            total_minor: 14_550,
        },
        history,
    }
}

fn return_options() -> ReturnOptions {
    let codes = <RefusalCode as WireName>::ALL;
    let refused = codes.iter().enumerate().map(|(n, &code)| ReturnItemOption {
        line_item_id: format!("li-refused-{n}"),
        title: format!("Item {n}"),
        remaining: 0,
        last_day: None,
        resolutions: Vec::new(),
        refusal: Some(ItemRefusal {
            line_item_id: Some(format!("li-refused-{n}")),
            code,
            reason: format!("Why not: {code:?}"),
        }),
    });
    let mut items = vec![ReturnItemOption {
        line_item_id: text("li-1"),
        title: text("Trail Jacket"),
        remaining: 2,
        last_day: Some(text("2026-03-31")),
        resolutions: Resolution::ALL.to_vec(),
        refusal: None,
    }];
    items.extend(refused);
    ReturnOptions {
        shop_name: text("Fixture Lab"),
        policy: PolicySummary {
            what_and_until: vec![text("30 days from delivery")],
            how: vec![text("Refund"), text("Store credit (+10%)")],
            rules: Vec::new(),
        },
        items,
        reasons: vec![
            ReasonOption {
                id: text("fit"),
                label: text("Doesn't fit"),
                requires_comment: false,
                requires_photo: false,
                sub_reasons: vec![
                    (text("too_small"), text("Too small")),
                    (text("too_big"), text("Too big")),
                ],
            },
            ReasonOption {
                id: text("damaged"),
                label: text("Arrived damaged"),
                requires_comment: true,
                requires_photo: true,
                sub_reasons: Vec::new(),
            },
        ],
        offers: vec![
            ResolutionOffer {
                resolution: Resolution::Refund,
                terms: Terms {
                    fee_minor: 500,
                    bonus_percent: 0,
                },
            },
            ResolutionOffer {
                resolution: Resolution::StoreCredit,
                terms: Terms {
                    fee_minor: 0,
                    bonus_percent: 10,
                },
            },
            ResolutionOffer {
                resolution: Resolution::Exchange,
                terms: Terms::default(),
            },
        ],
        returns: <ReturnStatus as WireName>::ALL
            .iter()
            .zip(Resolution::ALL.iter().cycle())
            .map(|(&status, &resolution)| return_on_file(status, resolution))
            .collect(),
    }
}

#[test]
fn returns_read_back() {
    round_trip(&return_options(), decode::return_options);
    round_trip(
        &ReturnOptions {
            shop_name: String::new(),
            policy: PolicySummary::default(),
            items: Vec::new(),
            reasons: Vec::new(),
            offers: Vec::new(),
            returns: Vec::new(),
        },
        decode::return_options,
    );
    for &status in <ReturnStatus as WireName>::ALL {
        for resolution in Resolution::ALL {
            round_trip(&return_on_file(status, resolution), decode::return_view);
        }
    }
    let mut fresh = return_on_file(ReturnStatus::Requested, Resolution::Refund);
    fresh.history.clear();
    round_trip(&fresh, decode::return_view);
    // `history` is `#[serde(default)]`: absent means none.
    let mut json = serde_json::to_value(&fresh).unwrap();
    json.as_object_mut().unwrap().remove("history");
    assert_eq!(decode::return_view(&json), Ok(fresh));
}

#[test]
fn a_refused_return_reads_every_refusal() {
    let refusals: Vec<ItemRefusal> = <RefusalCode as WireName>::ALL
        .iter()
        .enumerate()
        .map(|(n, &code)| ItemRefusal {
            line_item_id: (n > 0).then(|| format!("li-{n}")),
            code,
            reason: format!("Refused: {code:?}"),
        })
        .collect();
    let body = serde_json::to_value(ReturnRefused {
        problem: Problem::new(ProblemCode::ReturnRefused, "Return not allowed."),
        refusals: refusals.clone(),
    })
    .unwrap();
    assert_eq!(
        decode::problem_code(&body),
        Some(ProblemCode::ReturnRefused)
    );
    assert_eq!(decode::refusals(&body), Ok(refusals));
}

#[test]
fn every_problem_code_reads_back() {
    for &code in <ProblemCode as WireName>::ALL {
        let body = serde_json::to_value(Problem::new(code, "Something.")).unwrap();
        assert_eq!(decode::problem_code(&body), Some(code));
    }
    assert_eq!(
        decode::problem_code(&json!({"code": "from_the_future"})),
        None
    );
    assert_eq!(
        decode::problem_code(&json!("<html>Bad gateway</html>")),
        None
    );
}

fn percent(percent: u8) -> Incentive {
    Incentive::Percent { percent }
}

/// Every prompt with its content, and the incentives in all their forms.
fn prompts() -> Vec<PromptView> {
    let review = |incentive: Option<Incentive>| PromptView {
        prompt: Prompt::ReviewRequest {
            product: ProductId::parse("p-tent").unwrap(),
        },
        content: PromptContent::ReviewRequest {
            line_item_id: text("li-1"),
            product_id: text("p-tent"),
            title: text("Trail Tent 2P"),
            image_url: incentive
                .as_ref()
                .map(|_| text("https://cdn.example/tent.jpg")),
            incentive,
        },
    };
    vec![
        review(Some(percent(10))),
        review(Some(Incentive::Amount { minor: 5_000 })),
        review(Some(Incentive::Points { points: 250 })),
        review(None),
        PromptView {
            prompt: Prompt::ReferralOffer,
            content: PromptContent::ReferralOffer,
        },
        PromptView {
            prompt: Prompt::Nps,
            content: PromptContent::Nps {
                shop_name: text("Fixture Lab"),
            },
        },
        PromptView {
            prompt: Prompt::Recommendations { discount: true },
            content: PromptContent::Recommendations {
                products: vec![
                    RecommendedProduct {
                        id: text("p-mug"),
                        title: text("Camp Mug"),
                        image_url: Some(text("https://cdn.example/mug.jpg")),
                        price_minor: 1_500,
                        currency: text("USD"),
                        url: text("https://lab.example/products/mug"),
                    },
                    RecommendedProduct {
                        id: text("p-pegs"),
                        title: text("Tent pegs"),
                        image_url: None,
                        price_minor: 900,
                        currency: text("USD"),
                        url: text("https://lab.example/products/pegs"),
                    },
                ],
                discount_code: Some(text("THANKS10")),
            },
        },
        PromptView {
            prompt: Prompt::Recommendations { discount: false },
            content: PromptContent::Recommendations {
                products: Vec::new(),
                discount_code: None,
            },
        },
        PromptView {
            prompt: Prompt::UsageTips,
            content: PromptContent::UsageTips {
                tips: vec![
                    UsageTip {
                        title: text("Pitching in wind"),
                        body: text("Stake the windward side first."),
                        url: Some(text("https://lab.example/tips/wind")),
                    },
                    UsageTip {
                        title: text("Drying"),
                        body: text("Dry it before you pack it away."),
                        url: None,
                    },
                ],
            },
        },
        PromptView {
            prompt: Prompt::ThankYou,
            content: PromptContent::ThankYou {
                first_name: Some(text("Åsa")),
                message: Some(text("Tack för din beställning!")),
            },
        },
        PromptView {
            prompt: Prompt::ThankYou,
            content: PromptContent::ThankYou {
                first_name: None,
                message: None,
            },
        },
    ]
}

#[test]
fn every_prompt_reads_back() {
    let views = prompts();
    let kinds: Vec<PromptKind> = views.iter().map(|view| view.prompt.kind()).collect();
    for kind in PromptKind::ALL {
        assert!(kinds.contains(&kind), "{kind:?} is covered");
    }
    for view in views {
        round_trip(
            &EngagementView {
                prompt: Some(view),
                rule: text("review_delay"),
            },
            decode::engagement,
        );
    }
    round_trip(
        &EngagementView {
            prompt: None,
            rule: text("global_cap"),
        },
        decode::engagement,
    );
}

#[test]
fn a_prompt_of_an_unknown_kind_fails_the_view() {
    let json = json!({
        "prompt": {"prompt": {"kind": "poll"}, "content": {"kind": "poll"}},
        "rule": "new_rule",
    });
    assert_eq!(decode::engagement(&json), Err(Malformed));
}

#[test]
fn reviews_and_rewards_read_back() {
    for (n, &status) in <ModerationStatus as WireName>::ALL.iter().enumerate() {
        round_trip(
            &ReviewReceipt {
                id: format!("rev-{n}"),
                status,
                verified: n != 1,
                incentivized: n == 0,
                coupon: (n == 0).then(|| text("REVIEW-7K3M")),
            },
            decode::review_receipt,
        );
    }
    let card = |friend_offer, reward| ReferralCard {
        code: text("ASA-7K3M"),
        share_url: text("https://edge.example/r/ASA-7K3M"),
        friend_offer,
        reward,
        friends_rewarded: 3,
    };
    round_trip(
        &RewardsView {
            referral: Some(card(percent(15), Incentive::Points { points: 500 })),
            loyalty: Some(LoyaltyView {
                balance: 12_500,
                tier: Some(text("Silver")),
                next_tier: Some(text("Gold")),
                points_to_next: 2_500,
                progress_percent: 83,
            }),
        },
        decode::rewards,
    );
    round_trip(
        &RewardsView {
            referral: Some(card(
                Incentive::Amount { minor: 2_000 },
                Incentive::Amount { minor: 1_000 },
            )),
            loyalty: Some(LoyaltyView {
                balance: 0,
                tier: None,
                next_tier: None,
                points_to_next: 0,
                progress_percent: 100,
            }),
        },
        decode::rewards,
    );
    round_trip(
        &RewardsView {
            referral: None,
            loyalty: None,
        },
        decode::rewards,
    );
}

#[test]
fn request_bodies_read_back() {
    let lookup = LookupRequest {
        order_number: text("#1042"),
        email: text("asa@example.com"),
    };
    read_back(&lookup, encode::lookup_request(&lookup));

    for (resolution, lang) in Resolution::ALL.into_iter().zip(Lang::ALL) {
        let request = ReturnRequest {
            items: vec![
                RequestedItem {
                    line_item_id: text("li-1"),
                    quantity: 2,
                    reason: chosen("fit", Some("too_small"), Some("Runs small"), true),
                    exchange_variant_id: Some(text("L / Moss")),
                },
                RequestedItem {
                    line_item_id: text("li-2"),
                    quantity: 1,
                    reason: chosen("changed_mind", None, None, false),
                    exchange_variant_id: None,
                },
            ],
            resolution,
            lang,
        };
        read_back(&request, encode::return_request(&request));
    }

    for view in prompts() {
        for &action in <Action as WireName>::ALL {
            let event = PromptEventRequest {
                prompt: view.prompt.clone(),
                action,
            };
            read_back(&event, encode::prompt_event(&event.prompt, action));
        }
    }

    for photo_url in [Some(text("https://photos.example/tent.jpg")), None] {
        let review = ReviewSubmission {
            line_item_id: text("li-1"),
            rating: 4,
            title: text("Sturdy"),
            body: text("Held up in a storm.\nWould buy again."),
            photo_url,
        };
        read_back(&review, encode::review(&review));
    }
    for comment in [Some(text("Fast delivery")), None] {
        let answer = NpsSubmission { score: 9, comment };
        read_back(&answer, encode::nps(&answer));
    }
}
