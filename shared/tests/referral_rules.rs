//! Referral redemption, the loyalty ledger and tiers, and discount links.

#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

use std::collections::BTreeSet;

use aftercart_shared::api::engage::LoyaltyView;
use aftercart_shared::device::Device;
use aftercart_shared::ingest::Payment;
use aftercart_shared::privacy::{Retention, VisitorHash, VisitorKey};
use aftercart_shared::referral::{
    CustomerId, FraudFlag, FriendOrder, Incentive, IssuedReward, Ledger, LoyaltyEvent,
    LoyaltyProgram, LoyaltyRules, MailboxKey, Platform, Points, Posting, ReferralCode,
    ReferralError, ReferralHistory, ReferralProgram, ReferralSettings, ReferralStep, Referrer,
    Refusal, Revocation, ShopHost, Sighting, Tier, Tiers, discount_url, progress, referral_codes,
    referral_points, referral_step, revocation, reward_coupon,
};
use aftercart_shared::{Email, OrderId, UnixTime};
use proptest::prelude::*;

const HOUR: i64 = 3_600;
const NOW: i64 = 1_800_000_000;

fn email(s: &str) -> Email {
    Email::parse(s).unwrap()
}

fn code() -> ReferralCode {
    ReferralCode::generate(777)
}

fn referrer() -> Referrer {
    Referrer {
        customers: BTreeSet::from([CustomerId("c-ada".into()), CustomerId("c-ada-old".into())]),
        email: email("ada.lovelace@gmail.com"),
        code: code(),
    }
}

fn key() -> VisitorKey {
    VisitorKey::derive(b"test-secret")
}

fn laptop() -> Device {
    Device {
        ip: "203.0.113.7".into(),
        user_agent: "Mozilla/5.0 (Macintosh)".into(),
    }
}

/// A browser as the edge stores it and hands it to decisions.
fn seen(device: &Device) -> VisitorHash {
    VisitorHash::of(&key(), device)
}

fn friend_order() -> FriendOrder {
    FriendOrder {
        order: OrderId::parse("o-100").unwrap(),
        customer: Some(CustomerId("c-grace".into())),
        email: email("grace@example.org"),
        code: code(),
        subtotal_minor: 50_000,
        placed_at: UnixTime::from_secs(NOW - HOUR),
        visitors: vec![seen(&Device {
            ip: "198.51.100.2".into(),
            user_agent: "Mozilla/5.0 (iPhone)".into(),
        })],
    }
}

fn settings() -> ReferralSettings {
    ReferralSettings {
        min_order_minor: 30_000,
        referrer_reward: Incentive::Amount { minor: 10_000 },
        same_device_window_hours: 72,
    }
}

fn history() -> ReferralHistory {
    ReferralHistory {
        friend_previous_orders: 0,
        rewarded_friends: BTreeSet::new(),
        referrer_sightings: vec![Sighting {
            visitor: seen(&laptop()),
            at: UnixTime::from_secs(NOW - 10 * HOUR),
        }],
    }
}

#[test]
fn mailbox_keys_fold_plus_tags_everywhere_and_dots_only_at_gmail() {
    let cases = [
        ("Ada.Lovelace+shop@gmail.com", "adalovelace@gmail.com"),
        ("a.d.a.lovelace@googlemail.com", "adalovelace@gmail.com"),
        ("ada+a+b@outlook.com", "ada@outlook.com"),
        ("ada.lovelace@example.com", "ada.lovelace@example.com"),
        ("adalovelace@example.com", "adalovelace@example.com"),
    ];
    for (raw, key) in cases {
        assert_eq!(MailboxKey::of(&email(raw)).as_str(), key, "{raw}");
    }
}

#[test]
fn redemption_decisions() {
    let ok_reward = |order: &FriendOrder| {
        decide_redemption_with(order, &history())
            .map(|r| (r.friend.as_str().to_owned(), r.incentive))
    };
    assert_eq!(
        ok_reward(&friend_order()),
        Ok((
            "grace@example.org".to_owned(),
            Incentive::Amount { minor: 10_000 }
        ))
    );

    let other_code = FriendOrder {
        code: ReferralCode::generate(778),
        ..friend_order()
    };
    let same_customer = FriendOrder {
        customer: Some(CustomerId("c-ada".into())),
        ..friend_order()
    };
    let same_gmail = FriendOrder {
        customer: None,
        email: email("adalovelace+friend@googlemail.com"),
        ..friend_order()
    };
    let same_device = FriendOrder {
        visitors: vec![seen(&laptop())],
        ..friend_order()
    };
    let same_device_long_after = FriendOrder {
        visitors: vec![seen(&laptop())],
        placed_at: UnixTime::from_secs(NOW - 10 * HOUR + 73 * HOUR),
        ..friend_order()
    };
    let same_ip_other_browser = FriendOrder {
        visitors: vec![seen(&Device {
            user_agent: "Firefox".into(),
            ..laptop()
        })],
        ..friend_order()
    };
    let small = FriendOrder {
        subtotal_minor: 29_999,
        ..friend_order()
    };
    let fraud = |flag| Err(Refusal::Fraud { flag });
    let cases: Vec<(&str, FriendOrder, ReferralHistory, Result<(), Refusal>)> = vec![
        ("qualifies", friend_order(), history(), Ok(())),
        (
            "other code",
            other_code,
            history(),
            Err(Refusal::CodeMismatch),
        ),
        (
            "same customer",
            same_customer,
            history(),
            fraud(FraudFlag::SameCustomer),
        ),
        (
            "same gmail",
            same_gmail,
            history(),
            fraud(FraudFlag::SameMailbox),
        ),
        (
            "same device",
            same_device,
            history(),
            fraud(FraudFlag::SameDevice),
        ),
        (
            "same device, later",
            same_device_long_after,
            history(),
            Ok(()),
        ),
        ("same IP only", same_ip_other_browser, history(), Ok(())),
        (
            "not first order",
            friend_order(),
            ReferralHistory {
                friend_previous_orders: 1,
                ..history()
            },
            Err(Refusal::NotFirstOrder),
        ),
        (
            "already rewarded",
            friend_order(),
            ReferralHistory {
                rewarded_friends: BTreeSet::from([MailboxKey::of(&email(
                    "grace+again@example.org",
                ))]),
                ..history()
            },
            Err(Refusal::AlreadyRewarded),
        ),
        (
            "below minimum",
            small,
            history(),
            Err(Refusal::BelowMinimum {
                minimum_minor: 30_000,
                order_minor: 29_999,
            }),
        ),
    ];
    for (name, order, history, expected) in cases {
        let got = decide_redemption_with(&order, &history).map(|_| ());
        assert_eq!(got, expected, "{name}");
        if let Err(refusal) = &got {
            let is_fraud = matches!(refusal, Refusal::Fraud { .. });
            assert_eq!(refusal.fraud_flag().is_some(), is_fraud, "{name}");
        }
    }
}

fn decide_redemption_with(
    order: &FriendOrder,
    history: &ReferralHistory,
) -> Result<aftercart_shared::referral::Reward, Refusal> {
    aftercart_shared::referral::decide_redemption(
        &referrer(),
        order,
        history,
        &settings(),
        UnixTime::from_secs(NOW),
    )
}

#[test]
fn self_referral_is_flagged_even_when_it_would_not_qualify_anyway() {
    let sneaky = FriendOrder {
        email: email("ada.lovelace+2@gmail.com"),
        customer: None,
        subtotal_minor: 1,
        ..friend_order()
    };
    let repeat = ReferralHistory {
        friend_previous_orders: 3,
        ..history()
    };
    assert_eq!(
        decide_redemption_with(&sneaky, &repeat),
        Err(Refusal::Fraud {
            flag: FraudFlag::SameMailbox
        })
    );
}

#[test]
fn a_reward_names_the_friend_to_add_to_the_rewarded_set() {
    let reward = decide_redemption_with(&friend_order(), &history()).unwrap();
    assert_eq!(reward.code, code());
    assert_eq!(reward.issued_at, UnixTime::from_secs(NOW));
    // Recording it makes the same friend's replayed order a no.
    let after = ReferralHistory {
        rewarded_friends: BTreeSet::from([reward.friend]),
        ..history()
    };
    assert_eq!(
        decide_redemption_with(&friend_order(), &after),
        Err(Refusal::AlreadyRewarded)
    );
}

#[test]
fn points_keep_fractions_of_a_unit_and_respect_the_currency() {
    let sek = LoyaltyRules {
        points_per_unit: 3,
        ..LoyaltyRules::default()
    };
    assert_eq!(sek.points_for(1_999), 59, "19.99 × 3 = 59.97");
    assert_eq!(sek.points_for(-500), 0);
    let jpy = LoyaltyRules {
        points_per_unit: 1,
        currency_exponent: 0,
        ..LoyaltyRules::default()
    };
    assert_eq!(jpy.points_for(1_999), 1_999);
    let huge = LoyaltyRules {
        points_per_unit: u32::MAX,
        currency_exponent: 0,
        ..LoyaltyRules::default()
    };
    assert_eq!(huge.points_for(i64::MAX), u64::MAX, "saturates");
}

#[test]
fn the_ledger_folds_events() {
    let rules = LoyaltyRules {
        points_per_unit: 1,
        currency_exponent: 2,
        review_points: 50,
        referral_points: 500,
    };
    use LoyaltyEvent::*;
    let cases: Vec<(&str, Vec<LoyaltyEvent>, (u64, u64))> = vec![
        ("nothing", vec![], (0, 0)),
        (
            "purchase, review, referral",
            vec![
                Purchase {
                    amount_minor: 123_456,
                },
                ReviewWritten,
                SuccessfulReferral,
            ],
            (1_234 + 50 + 500, 1_784),
        ),
        (
            "redeeming keeps lifetime",
            vec![
                Purchase {
                    amount_minor: 100_000,
                },
                Redeemed { points: 700 },
            ],
            (300, 1_000),
        ),
        (
            "refund after spending floors at zero",
            vec![
                Purchase {
                    amount_minor: 100_000,
                },
                Redeemed { points: 900 },
                Refund {
                    amount_minor: 100_000,
                },
            ],
            (0, 0),
        ),
        (
            "over-redeeming floors at zero",
            vec![ReviewWritten, Redeemed { points: 1_000 }],
            (0, 50),
        ),
    ];
    for (name, events, (balance, lifetime)) in cases {
        let ledger = Ledger::fold(&events, &rules);
        assert_eq!(ledger.balance, Points(balance), "{name}");
        assert_eq!(ledger.lifetime, Points(lifetime), "{name}");
    }
}

fn tiers() -> Tiers {
    let tier = |name: &str, threshold| Tier {
        name: name.into(),
        threshold: Points(threshold),
    };
    // Given out of order on purpose.
    Tiers::new(vec![
        tier("Gold", 5_000),
        tier("Bronze", 500),
        tier("Silver", 2_000),
    ])
    .unwrap()
}

#[test]
fn progress_names_the_tier_the_next_one_and_the_distance() {
    let tiers = tiers();
    let name = |t: Option<&Tier>| t.map(|t| t.name.clone());
    let cases = [
        (0, None, Some("Bronze"), 500),
        (499, None, Some("Bronze"), 1),
        (500, Some("Bronze"), Some("Silver"), 1_500),
        (4_999, Some("Silver"), Some("Gold"), 1),
        (5_000, Some("Gold"), None, 0),
        (u64::MAX, Some("Gold"), None, 0),
    ];
    for (points, tier, next, to_next) in cases {
        let p = progress(Points(points), &tiers);
        assert_eq!(name(p.tier), tier.map(String::from), "{points}");
        assert_eq!(name(p.next), next.map(String::from), "{points}");
        assert_eq!(p.points_to_next, to_next, "{points}");
    }
}

#[test]
fn tiers_refuse_ties_and_blank_names() {
    let tier = |name: &str, threshold| Tier {
        name: name.into(),
        threshold: Points(threshold),
    };
    assert_eq!(
        Tiers::new(vec![tier("A", 10), tier("B", 10)]),
        Err(ReferralError::BadTiers)
    );
    assert_eq!(
        Tiers::new(vec![tier(" ", 10)]),
        Err(ReferralError::BadTiers)
    );
    assert!(Tiers::new(vec![]).is_ok());
    let json = r#"[{"name":"Gold","threshold":100},{"name":"Gold+","threshold":100}]"#;
    assert!(serde_json::from_str::<Tiers>(json).is_err());
    assert_eq!(
        progress(Points(7), &Tiers::new(vec![]).unwrap()).points_to_next,
        0
    );
}

#[test]
fn discount_links_follow_each_platform_convention() {
    let code = ReferralCode::parse(ReferralCode::generate(99).as_str()).unwrap();
    let shop = ShopHost::parse("Demo.MyShopify.com").unwrap();
    assert_eq!(
        discount_url(Platform::Shopify, &shop, &code),
        format!("https://demo.myshopify.com/discount/{code}?redirect=/")
    );
    let woo = ShopHost::parse("shop.example.se").unwrap();
    assert_eq!(
        discount_url(Platform::WooCommerce, &woo, &code),
        format!("https://shop.example.se/?coupon={code}")
    );
    assert_eq!(code.share_path(), format!("/r/{code}"));
    for bad in [
        "",
        "https://x.com",
        "x.com/shop",
        "localhost",
        ".x.com",
        "x y.com",
    ] {
        assert!(ShopHost::parse(bad).is_err(), "{bad:?}");
    }
}

proptest! {
    /// Plus-tags and (at Gmail) dots never let the referrer through as a
    /// friend, however they are sprinkled.
    #[test]
    fn gmail_spellings_of_the_referrer_are_always_caught(
        dots in prop::collection::vec(any::<bool>(), 11),
        tag in "[a-z0-9]{0,6}",
        upper in any::<bool>(),
    ) {
        let mut local = String::new();
        for (c, dot) in "adalovelace".chars().zip(dots) {
            local.push(c);
            if dot {
                local.push('.');
            }
        }
        let local = local.trim_end_matches('.').to_owned();
        let mut address = if tag.is_empty() {
            format!("{local}@gmail.com")
        } else {
            format!("{local}+{tag}@gmail.com")
        };
        if upper {
            address = address.to_uppercase();
        }
        let order = FriendOrder {
            customer: None,
            email: email(&address),
            ..friend_order()
        };
        prop_assert_eq!(
            decide_redemption_with(&order, &history()),
            Err(Refusal::Fraud { flag: FraudFlag::SameMailbox })
        );
    }

    #[test]
    fn ledger_balance_never_exceeds_lifetime(
        events in prop::collection::vec(prop_oneof![
            (-10_000i64..1_000_000).prop_map(|amount_minor| LoyaltyEvent::Purchase { amount_minor }),
            (0i64..1_000_000).prop_map(|amount_minor| LoyaltyEvent::Refund { amount_minor }),
            Just(LoyaltyEvent::ReviewWritten),
            Just(LoyaltyEvent::SuccessfulReferral),
            (0u64..5_000).prop_map(|points| LoyaltyEvent::Redeemed { points }),
        ], 0..30),
    ) {
        let ledger = Ledger::fold(&events, &LoyaltyRules::default());
        prop_assert!(ledger.balance <= ledger.lifetime);
    }
}

#[test]
fn a_friend_logged_in_under_any_of_the_referrers_accounts_is_the_referrer() {
    let old_account = FriendOrder {
        customer: Some(CustomerId("c-ada-old".into())),
        ..friend_order()
    };
    assert_eq!(
        decide_redemption_with(&old_account, &history()),
        Err(Refusal::Fraud {
            flag: FraudFlag::SameCustomer
        })
    );
    // A guest referrer has no account to match; the mailbox still does.
    let guest = Referrer {
        customers: BTreeSet::new(),
        ..referrer()
    };
    let decide = |order: &FriendOrder| {
        aftercart_shared::referral::decide_redemption(
            &guest,
            order,
            &history(),
            &settings(),
            UnixTime::from_secs(NOW),
        )
    };
    let guest_friend = FriendOrder {
        customer: None,
        ..friend_order()
    };
    assert!(decide(&guest_friend).is_ok());
    assert!(decide(&friend_order()).is_ok());
}

#[test]
fn referral_codes_are_picked_from_an_orders_discount_codes() {
    let a = ReferralCode::generate(1);
    let b = ReferralCode::generate(2);
    let mut typo: Vec<char> = a.as_str().chars().collect();
    typo[0] = if typo[0] == '2' { '3' } else { '2' };
    let typo: String = typo.into_iter().collect();
    let codes = vec![
        "SUMMER10".to_owned(),
        format!("{}-{}", &b.as_str()[..4], &b.as_str()[4..]).to_lowercase(),
        typo,
        a.to_string(),
        b.to_string(),
    ];
    assert_eq!(referral_codes(&codes), vec![b, a]);
    assert!(referral_codes(&[]).is_empty());
}

#[test]
fn reward_coupons_are_prefixed_checked_codes() {
    let coupon = reward_coupon(42);
    let symbols = coupon.strip_prefix("REF-").unwrap();
    assert_eq!(
        ReferralCode::parse(symbols).unwrap(),
        ReferralCode::generate(42)
    );
    assert_ne!(reward_coupon(43), coupon);
}

const PROGRAM: &str = r#"{
  "platform": "shopify",
  "shopHost": "Nordlys.Example",
  "friendOffer": { "type": "percent", "percent": 15 },
  "referrerReward": { "type": "points", "points": 500 },
  "minOrderMinor": 50000
}"#;

#[test]
fn a_referral_program_is_read_whole_and_checked() {
    let program = ReferralProgram::from_json(PROGRAM).unwrap();
    assert_eq!(program.same_device_window_hours, 72, "the default");
    assert_eq!(
        program.settings(),
        ReferralSettings {
            min_order_minor: 50_000,
            referrer_reward: Incentive::Points { points: 500 },
            same_device_window_hours: 72,
        }
    );
    assert_eq!(
        program.landing_url(&code()),
        format!("https://nordlys.example/discount/{}?redirect=/", code())
    );

    let with = |field: &str, value: serde_json::Value| {
        let mut doc: serde_json::Value = serde_json::from_str(PROGRAM).unwrap();
        doc[field] = value;
        ReferralProgram::from_json(&doc.to_string())
    };
    let field_of = |result: Result<ReferralProgram, ReferralError>| match result {
        Err(ReferralError::Invalid { field, .. }) => field,
        other => panic!("expected an invalid field, got {other:?}"),
    };
    use serde_json::json;
    assert_eq!(
        field_of(with(
            "friendOffer",
            json!({ "type": "points", "points": 5 })
        )),
        "friendOffer"
    );
    assert_eq!(
        field_of(with(
            "friendOffer",
            json!({ "type": "percent", "percent": 101 })
        )),
        "friendOffer"
    );
    assert_eq!(
        field_of(with(
            "referrerReward",
            json!({ "type": "amount", "minor": 0 })
        )),
        "referrerReward"
    );
    assert_eq!(field_of(with("minOrderMinor", json!(-1))), "minOrderMinor");
    assert_eq!(
        field_of(with("sameDeviceWindowHours", json!(0))),
        "sameDeviceWindowHours"
    );
    assert_eq!(
        field_of(with("sameDeviceWindowHours", json!(721))),
        "sameDeviceWindowHours"
    );
    assert!(with("sameDeviceWindowHours", json!(720)).is_ok());
    for (field, value) in [
        ("shopHost", json!("https://evil.example/")),
        ("platform", json!("magento")),
        ("extra", json!(1)),
    ] {
        assert!(
            matches!(with(field, value), Err(ReferralError::Json(_))),
            "{field}"
        );
    }
    assert!(matches!(
        ReferralProgram::from_json(r#"{"platform":"shopify"}"#),
        Err(ReferralError::Json(_))
    ));
}

#[test]
fn incentives_must_be_worth_something() {
    for (incentive, valid) in [
        (Incentive::Points { points: 1 }, true),
        (Incentive::Points { points: 0 }, false),
        (Incentive::Amount { minor: 1 }, true),
        (Incentive::Amount { minor: -5 }, false),
        (Incentive::Percent { percent: 100 }, true),
        (Incentive::Percent { percent: 0 }, false),
        (Incentive::Percent { percent: 101 }, false),
    ] {
        assert_eq!(incentive.is_valid(), valid, "{incentive:?}");
    }
}

#[test]
fn postings_are_fixed_when_made_so_new_rules_never_rewrite_history() {
    let old = LoyaltyRules::default();
    let events = [
        LoyaltyEvent::Purchase {
            amount_minor: 100_000,
        },
        LoyaltyEvent::ReviewWritten,
        LoyaltyEvent::Redeemed { points: 300 },
        LoyaltyEvent::Refund {
            amount_minor: 20_000,
        },
    ];
    let postings: Vec<Posting> = events.iter().map(|e| old.posting(e)).collect();
    assert_eq!(
        postings,
        [
            Posting::Earned(Points(1_000)),
            Posting::Earned(Points(50)),
            Posting::Spent(Points(300)),
            Posting::TakenBack(Points(200)),
        ]
    );
    // Folding postings is folding the events under the rules of the day…
    assert_eq!(
        Ledger::from_postings(postings.iter().copied()),
        Ledger::fold(&events, &old)
    );
    // …and stays so after the merchant doubles the points.
    let doubled = LoyaltyRules {
        points_per_unit: 2,
        ..old
    };
    let ledger = Ledger::from_postings(postings.iter().copied());
    assert_ne!(ledger, Ledger::fold(&events, &doubled));
    assert_eq!(
        (ledger.balance, ledger.lifetime),
        (Points(550), Points(850))
    );
    for posting in postings {
        assert_eq!(
            Posting::from_stored(posting.kind(), posting.points().0),
            Some(posting)
        );
    }
    assert_eq!(Posting::from_stored("gifted", 5), None);
}

#[test]
fn progress_counts_from_the_tier_reached_toward_the_next() {
    let tiers = tiers();
    let cases = [
        (0, 0),
        (250, 50),
        (499, 99),
        (500, 0),
        (1_250, 50),
        (1_999, 99),
        (4_999, 99),
        (5_000, 100),
        (u64::MAX, 100),
    ];
    for (points, percent) in cases {
        assert_eq!(
            progress(Points(points), &tiers).percent,
            percent,
            "{points}"
        );
    }
    assert_eq!(
        progress(Points(3), &Tiers::new(vec![]).unwrap()).percent,
        100
    );
}

#[test]
fn the_loyalty_view_spends_the_balance_and_ranks_by_lifetime() {
    let ledger = Ledger {
        balance: Points(700),
        lifetime: Points(2_600),
    };
    assert_eq!(
        LoyaltyView::of(ledger, &tiers()),
        LoyaltyView {
            balance: 700,
            tier: Some("Silver".into()),
            next_tier: Some("Gold".into()),
            points_to_next: 2_400,
            progress_percent: 20,
        }
    );
}

#[test]
fn a_loyalty_program_earns_in_the_orders_currency() {
    let program = LoyaltyProgram::from_json(
        r#"{"pointsPerUnit":2,"reviewPoints":40,"tiers":[{"name":"Gold","threshold":900},{"name":"Bronze","threshold":100}]}"#,
    )
    .unwrap();
    assert_eq!(program.referral_points, 500, "the default");
    assert_eq!(program.rules("SEK").points_for(12_345), 246);
    assert_eq!(program.rules("JPY").points_for(12_345), 24_690);
    assert_eq!(
        program
            .tiers
            .as_slice()
            .iter()
            .map(|t| t.name.as_str())
            .collect::<Vec<_>>(),
        ["Bronze", "Gold"]
    );
    assert_eq!(
        LoyaltyProgram::from_json("{}").unwrap(),
        LoyaltyProgram::default()
    );
    for bad in [
        r#"{"tiers":[{"name":"A","threshold":1},{"name":"B","threshold":1}]}"#,
        r#"{"tiers":[{"name":"","threshold":1}]}"#,
        r#"{"pointsPerUnit":-1}"#,
        r#"{"bonus":1}"#,
    ] {
        assert!(
            matches!(LoyaltyProgram::from_json(bad), Err(ReferralError::Json(_))),
            "{bad}"
        );
    }
    let long = format!(
        r#"{{"tiers":[{{"name":"{}","threshold":1}}]}}"#,
        "x".repeat(41)
    );
    assert!(matches!(
        LoyaltyProgram::from_json(&long),
        Err(ReferralError::Invalid { field: "tiers", .. })
    ));
}

#[test]
fn a_referral_earns_its_points_reward_or_the_loyalty_bonus_for_a_coupon() {
    let loyalty = LoyaltyProgram {
        referral_points: 200,
        ..LoyaltyProgram::default()
    };
    let points = Incentive::Points { points: 500 };
    let coupon = Incentive::Amount { minor: 1_000 };
    assert_eq!(
        referral_points(&points, Some(&loyalty)),
        Posting::Earned(Points(500))
    );
    assert_eq!(referral_points(&points, None), Posting::Earned(Points(500)));
    assert_eq!(
        referral_points(&coupon, Some(&loyalty)),
        Posting::Earned(Points(200))
    );
    assert_eq!(referral_points(&coupon, None), Posting::Earned(Points(0)));
}

proptest! {
    /// Progress is a percentage that grows with the points, and 100 only
    /// at the top.
    #[test]
    fn progress_percent_rises_and_tops_out_only_at_the_top(a in 0u64..10_000, b in 0u64..10_000) {
        let tiers = tiers();
        let (low, high) = (a.min(b), a.max(b));
        let (p_low, p_high) = (progress(Points(low), &tiers), progress(Points(high), &tiers));
        prop_assert!(p_low.percent <= 100 && p_high.percent <= 100);
        prop_assert_eq!(p_high.percent == 100, p_high.next.is_none());
        if p_low.tier == p_high.tier {
            prop_assert!(p_low.percent <= p_high.percent);
        }
    }
}

#[test]
fn only_a_paid_live_order_redeems_and_a_reversed_one_revokes() {
    assert_eq!(referral_step(Payment::Unpaid, false), ReferralStep::Wait);
    assert_eq!(referral_step(Payment::Paid, false), ReferralStep::Decide);
    assert_eq!(
        referral_step(Payment::Reversed, false),
        ReferralStep::Revoke
    );
    // A cancellation wins, whatever the payment says.
    for payment in Payment::ALL {
        assert_eq!(
            referral_step(payment, true),
            ReferralStep::Revoke,
            "{payment:?}"
        );
    }
}

#[test]
fn an_unspent_reward_is_revoked_and_a_spent_one_stands() {
    let coupon = |used: bool| IssuedReward {
        coupon: Some("REF-ABCDEFGH".into()),
        coupon_used: used,
        revoked: false,
    };
    assert_eq!(revocation(&coupon(false)), Revocation::Revoke);
    assert_eq!(revocation(&coupon(true)), Revocation::Spent);
    let points = IssuedReward {
        coupon: None,
        coupon_used: false,
        revoked: false,
    };
    assert_eq!(revocation(&points), Revocation::Revoke);
    let again = IssuedReward {
        revoked: true,
        ..coupon(false)
    };
    assert_eq!(revocation(&again), Revocation::AlreadyRevoked);
}

fn upsert_with(device: Option<Device>) -> aftercart_shared::ingest::OrderUpsert {
    aftercart_shared::ingest::OrderUpsert {
        id: OrderId::parse("o-100").unwrap(),
        number: aftercart_shared::OrderNumber::parse("100").unwrap(),
        display_number: "#100".into(),
        email: Some(email("grace@example.org")),
        customer_first_name: None,
        customer_id: None,
        placed_at: UnixTime::from_secs(NOW - HOUR),
        currency: "USD".into(),
        total_minor: 50_000,
        subtotal_minor: 50_000,
        device,
        cancelled_at: None,
        payment: Payment::Paid,
        changed_at: None,
        line_items: Vec::new(),
        refunded: Vec::new(),
        discount_codes: vec![code().to_string()],
        shipments: Vec::new(),
    }
}

#[test]
fn a_friends_browser_is_compared_by_its_hash_under_every_key_in_use() {
    // The referrer was seen before the secret was rotated: their sighting
    // is under the previous key, the friend's order is hashed under both.
    let previous = VisitorKey::derive(b"previous-secret");
    let history = ReferralHistory {
        referrer_sightings: vec![Sighting {
            visitor: VisitorHash::of(&previous, &laptop()),
            at: UnixTime::from_secs(NOW - 10 * HOUR),
        }],
        ..history()
    };
    let friend = FriendOrder::of(
        &upsert_with(Some(laptop())),
        code(),
        &[key(), previous.clone()],
    )
    .unwrap();
    assert_eq!(friend.visitors.len(), 2);
    assert!(
        friend
            .visitors
            .iter()
            .all(|v| !v.as_str().contains("203.0.113.7"))
    );
    assert_eq!(
        decide_redemption_with(&friend, &history).map(|_| ()),
        Err(Refusal::Fraud {
            flag: FraudFlag::SameDevice
        })
    );
    // Under the current key alone, the old sighting is not seen.
    let current_only = FriendOrder::of(&upsert_with(Some(laptop())), code(), &[key()]).unwrap();
    assert!(decide_redemption_with(&current_only, &history).is_ok());
    // No browser on the order: nothing to compare.
    let unknown = FriendOrder::of(&upsert_with(None), code(), &[key(), previous]).unwrap();
    assert!(unknown.visitors.is_empty());
    assert!(decide_redemption_with(&unknown, &history).is_ok());
}

#[test]
fn sightings_are_kept_longer_than_the_widest_same_device_window() {
    assert!(
        Retention::SIGHTINGS_DAYS * 24
            >= i64::from(aftercart_shared::referral::MAX_DEVICE_WINDOW_HOURS)
    );
}
