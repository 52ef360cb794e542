//! A realistic policy over a realistic order: an outdoor-gear shop in
//! Stockholm, 30 days from delivery, 60 for footwear, outlet items final
//! sale, underwear exchange only, gift cards excluded, store credit with a
//! 10 % bonus, a 49 SEK fee on refunds and free exchanges.

#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

use aftercart_shared::i18n::Lang;
use aftercart_shared::order::{LineItem, Order, Shipment};
use aftercart_shared::returns::{
    ChosenReason, EarlierReturn, ItemRefusal, ProductCatalog, ProductFacts, RefusalCode,
    RequestedItem, Resolution, ReturnPolicy, ReturnRequest, ReturnStatus, ReturnableOrder,
    ReturnedUnits, assess, check_request, explain,
};
use aftercart_shared::tracking::{Checkpoint, TrackingStatus};
use aftercart_shared::{OrderId, OrderNumber, UnixTime};

const POLICY: &str = r#"{
  "currency": "SEK",
  "defaultLang": "sv",
  "utcOffsetMinutes": 60,
  "window": { "days": 30, "startsAt": "delivery" },
  "rules": [
    { "match": { "category": "footwear" }, "windowDays": 60,
      "label": { "en": "Footwear", "sv": "Skor" } },
    { "match": { "tag": "final-sale" }, "finalSale": true,
      "label": { "en": "Outlet items", "sv": "Outletvaror" } },
    { "match": { "category": "underwear" }, "exchangeOnly": true,
      "label": { "en": "Base layers and underwear", "sv": "Underställ och underkläder" } }
  ],
  "excluded": [
    { "match": { "tag": "gift-card" }, "label": { "en": "Gift cards", "sv": "Presentkort" } }
  ],
  "conditionNotes": [
    { "en": "Items must be unused, with tags attached.",
      "sv": "Varorna ska vara oanvända och ha kvar sina etiketter." }
  ],
  "resolutions": {
    "refund": { "feeMinor": 4900 },
    "storeCredit": { "bonusPercent": 10 },
    "exchange": {}
  },
  "reasons": [
    { "id": "fit", "label": { "en": "Doesn't fit", "sv": "Passar inte" },
      "subReasons": [
        { "id": "too_small", "label": { "en": "Too small", "sv": "För liten" } },
        { "id": "too_large", "label": { "en": "Too large", "sv": "För stor" } }
      ] },
    { "id": "changed_mind", "label": { "en": "Changed my mind", "sv": "Ångrat köpet" } },
    { "id": "damaged", "label": { "en": "Arrived damaged", "sv": "Kom skadad" },
      "requiresComment": true, "requiresPhoto": true }
  ]
}"#;

fn t(rfc3339: &str) -> UnixTime {
    UnixTime::parse(rfc3339).unwrap()
}

fn policy() -> ReturnPolicy {
    ReturnPolicy::from_json(POLICY).unwrap()
}

fn item(id: &str, product: &str, title: &str, quantity: u32, unit_price_minor: i64) -> LineItem {
    LineItem {
        id: id.into(),
        product_id: Some(product.into()),
        title: title.into(),
        variant_title: None,
        sku: None,
        quantity,
        unit_price_minor,
        image_url: None,
    }
}

fn scan(status: TrackingStatus, at: &str) -> Checkpoint {
    Checkpoint {
        status,
        sub_status: None,
        raw_status: format!("{status:?}"),
        message: String::new(),
        location: Some("Stockholm".into()),
        occurred_at: t(at),
    }
}

/// Order #1042: the main parcel was delivered at 14:12 Stockholm time on
/// 4 February 2026, so the 30-day window's last day is 6 March and the
/// footwear window's is 5 April. The headlamps are still on their way.
fn order() -> Order {
    let parcel = |id: &str, created: &str, items: &[(&str, u32)], scans| Shipment {
        id: id.into(),
        carrier: Some("PostNord".into()),
        tracking_number: None,
        tracking_url: None,
        carrier_estimate: None,
        created_at: t(created),
        checkpoints: scans,
        items: items.iter().map(|(i, q)| ((*i).to_owned(), *q)).collect(),
    };
    Order {
        id: OrderId::parse("5551042").unwrap(),
        number: OrderNumber::parse("#1042").unwrap(),
        display_number: "#1042".into(),
        email: None,
        customer_first_name: Some("Ada".into()),
        placed_at: t("2026-02-01T09:00:00Z"),
        currency: "SEK".into(),
        total_minor: 1_014_300,
        cancelled_at: None,
        line_items: vec![
            item("li-jacket", "p-jacket", "Shell jacket", 1, 249_900),
            item("li-boots", "p-boots", "Hiking boots", 1, 189_900),
            item("li-socks", "p-socks", "Wool socks", 3, 14_900),
            item("li-base", "p-base", "Merino base layer", 2, 79_900),
            item("li-tee", "p-tee", "Outlet tee", 1, 19_900),
            item("li-gift", "p-gift", "Gift card", 1, 50_000),
            item("li-lamp", "p-lamp", "Headlamp", 2, 49_900),
        ],
        shipments: vec![
            parcel(
                "parcel-a",
                "2026-02-02T08:00:00Z",
                &[
                    ("li-jacket", 1),
                    ("li-boots", 1),
                    ("li-socks", 3),
                    ("li-base", 2),
                    ("li-tee", 1),
                    ("li-gift", 1),
                ],
                vec![
                    scan(TrackingStatus::InTransit, "2026-02-02T18:00:00Z"),
                    scan(TrackingStatus::Delivered, "2026-02-04T13:12:00Z"),
                ],
            ),
            parcel(
                "parcel-b",
                "2026-02-05T08:00:00Z",
                &[("li-lamp", 2)],
                vec![scan(TrackingStatus::InTransit, "2026-02-05T18:00:00Z")],
            ),
        ],
    }
}

fn catalog() -> ProductCatalog {
    let facts = |category: &str, tags: &[&str]| ProductFacts {
        category: Some(category.into()),
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        final_sale: false,
    };
    // The headlamp is deliberately missing: the default policy applies.
    [
        ("p-jacket", facts("outerwear", &["gore-tex"])),
        ("p-boots", facts("Footwear", &[])),
        ("p-socks", facts("socks", &["merino"])),
        ("p-base", facts("underwear", &["merino"])),
        ("p-tee", facts("tops", &["Final-Sale"])),
        ("p-gift", facts("gift cards", &["gift-card"])),
    ]
    .into_iter()
    .map(|(id, f)| (id.to_owned(), f))
    .collect()
}

/// One pair of socks already returned and closed, one more on its way
/// back; the jacket's earlier return was rejected and gives the unit back.
fn earlier() -> Vec<EarlierReturn> {
    let units = |id: &str, quantity| ReturnedUnits {
        line_item_id: id.into(),
        quantity,
    };
    vec![
        EarlierReturn {
            status: ReturnStatus::Closed,
            items: vec![units("li-socks", 1)],
        },
        EarlierReturn {
            status: ReturnStatus::InTransit,
            items: vec![units("li-socks", 1)],
        },
        EarlierReturn {
            status: ReturnStatus::Rejected,
            items: vec![units("li-jacket", 1)],
        },
    ]
}

fn reason(id: &str, sub: Option<&str>) -> ChosenReason {
    ChosenReason {
        reason_id: id.into(),
        sub_reason_id: sub.map(Into::into),
        comment: None,
        photo_url: None,
    }
}

fn wanted(line_item_id: &str, quantity: u32, reason: ChosenReason) -> RequestedItem {
    RequestedItem {
        line_item_id: line_item_id.into(),
        quantity,
        reason,
        exchange_variant_id: None,
    }
}

fn request(items: Vec<RequestedItem>, resolution: Resolution, lang: Lang) -> ReturnRequest {
    ReturnRequest {
        items,
        resolution,
        lang,
    }
}

const LAST_SECOND: &str = "2026-03-06T22:59:59Z";
const FIRST_SECOND_AFTER: &str = "2026-03-06T23:00:00Z";

#[test]
fn each_item_of_the_order_gets_the_right_outcome() {
    let (order, catalog, policy, earlier) = (order(), catalog(), policy(), earlier());
    let shop_order = ReturnableOrder {
        order: &order,
        products: &catalog,
        refunded: &[],
    };
    let fits = || reason("fit", Some("too_large"));
    let mut damaged = reason("damaged", None);
    damaged.comment = Some("Zip broken on arrival".into());
    let mut exchange = wanted("li-base", 1, reason("fit", Some("too_small")));
    exchange.exchange_variant_id = Some("v-base-L".into());
    type Expected = Result<i64, (RefusalCode, &'static str)>;
    use RefusalCode as C;
    let rows: Vec<(&str, RequestedItem, Resolution, &str, Expected)> = vec![
        (
            "jacket on the window's last second; the rejected return freed it",
            wanted("li-jacket", 1, fits()),
            Resolution::Refund,
            LAST_SECOND,
            Ok(249_900 - 4_900),
        ),
        (
            "jacket one second later",
            wanted("li-jacket", 1, fits()),
            Resolution::Refund,
            FIRST_SECOND_AFTER,
            Err((
                C::WindowClosed,
                "The return window of 30 days ended on 6 March 2026.",
            )),
        ),
        (
            "boots: the footwear window is 60 days",
            wanted("li-boots", 1, fits()),
            Resolution::Refund,
            FIRST_SECOND_AFTER,
            Ok(189_900 - 4_900),
        ),
        (
            "boots after the footwear window",
            wanted("li-boots", 1, fits()),
            Resolution::Refund,
            "2026-04-05T23:00:00Z",
            Err((
                C::WindowClosed,
                "The return window of 60 days ended on 5 April 2026.",
            )),
        ),
        (
            "socks: two of three already taken",
            wanted("li-socks", 2, reason("changed_mind", None)),
            Resolution::Refund,
            LAST_SECOND,
            Err((C::QuantityTooHigh, "You can return at most 1 of this item.")),
        ),
        (
            "the last pair of socks, as store credit",
            wanted("li-socks", 1, reason("changed_mind", None)),
            Resolution::StoreCredit,
            LAST_SECOND,
            Ok(14_900 + 1_490),
        ),
        (
            "base layer for money",
            wanted("li-base", 1, fits()),
            Resolution::Refund,
            LAST_SECOND,
            Err((C::ExchangeOnly, "This item can only be exchanged.")),
        ),
        (
            "base layer exchanged, free",
            exchange.clone(),
            Resolution::Exchange,
            LAST_SECOND,
            Ok(79_900),
        ),
        (
            "exchange without saying for what",
            RequestedItem {
                exchange_variant_id: None,
                ..exchange
            },
            Resolution::Exchange,
            LAST_SECOND,
            Err((
                C::ExchangeVariantRequired,
                "Choose the size or colour you'd like instead.",
            )),
        ),
        (
            "outlet tee (tag matched case-insensitively)",
            wanted("li-tee", 1, reason("changed_mind", None)),
            Resolution::Refund,
            LAST_SECOND,
            Err((C::FinalSale, "Final-sale items can't be returned.")),
        ),
        (
            "gift card",
            wanted("li-gift", 1, reason("changed_mind", None)),
            Resolution::StoreCredit,
            LAST_SECOND,
            Err((C::Excluded, "This item can't be returned.")),
        ),
        (
            "headlamps still on their way",
            wanted("li-lamp", 1, reason("changed_mind", None)),
            Resolution::Refund,
            LAST_SECOND,
            Err((
                C::NotDelivered,
                "This item hasn't been delivered yet. You can return it once it has arrived.",
            )),
        ),
        (
            "a line item from another order",
            wanted("li-tent", 1, fits()),
            Resolution::Refund,
            LAST_SECOND,
            Err((C::UnknownItem, "This item isn't part of the order.")),
        ),
        (
            "zero of something",
            wanted("li-jacket", 0, fits()),
            Resolution::Refund,
            LAST_SECOND,
            Err((C::InvalidQuantity, "Choose at least one to return.")),
        ),
        (
            "fit without saying how",
            wanted("li-jacket", 1, reason("fit", None)),
            Resolution::Refund,
            LAST_SECOND,
            Err((
                C::SubReasonRequired,
                "Choose what best describes the problem.",
            )),
        ),
        (
            "damaged without a photo",
            wanted("li-jacket", 1, damaged),
            Resolution::Refund,
            LAST_SECOND,
            Err((C::PhotoRequired, "Please add a link to a photo.")),
        ),
    ];
    for (case, item, resolution, now, expected) in rows {
        let line_item_id = item.line_item_id.clone();
        let outcome = check_request(
            &shop_order,
            &earlier,
            &policy,
            &request(vec![item], resolution, Lang::En),
            t(now),
        );
        match (outcome, expected) {
            (Ok(approved), Ok(total)) => {
                assert_eq!(approved.total_minor, total, "{case}");
                assert_eq!(approved.items[0].line_item_id, line_item_id, "{case}");
            }
            (Err(refusals), Err((code, text))) => assert_eq!(
                refusals,
                vec![ItemRefusal {
                    line_item_id: Some(line_item_id),
                    code,
                    reason: text.into(),
                }],
                "{case}"
            ),
            (outcome, expected) => panic!("{case}: got {outcome:?}, expected {expected:?}"),
        }
    }
}

#[test]
fn a_whole_request_settles_in_integer_minor_units() {
    let (order, catalog, policy, earlier) = (order(), catalog(), policy(), earlier());
    let shop_order = ReturnableOrder {
        order: &order,
        products: &catalog,
        refunded: &[],
    };
    let items = || {
        vec![
            wanted("li-jacket", 1, reason("fit", Some("too_large"))),
            wanted("li-boots", 1, reason("fit", Some("too_small"))),
            wanted("li-socks", 1, reason("changed_mind", None)),
        ]
    };
    let now = t("2026-02-20T12:00:00Z");

    let refund = check_request(
        &shop_order,
        &earlier,
        &policy,
        &request(items(), Resolution::Refund, Lang::En),
        now,
    )
    .unwrap();
    assert_eq!(refund.currency, "SEK");
    assert_eq!(refund.items_minor, 249_900 + 189_900 + 14_900);
    assert_eq!(refund.bonus_minor, 0);
    assert_eq!(
        refund.fee_minor, 4_900,
        "the fee is per return, not per item"
    );
    assert_eq!(refund.total_minor, 454_700 - 4_900);
    let amounts: Vec<i64> = refund.items.iter().map(|i| i.amount_minor).collect();
    assert_eq!(amounts, [249_900, 189_900, 14_900]);

    let credit = check_request(
        &shop_order,
        &earlier,
        &policy,
        &request(items(), Resolution::StoreCredit, Lang::En),
        now,
    )
    .unwrap();
    assert_eq!(credit.bonus_minor, 45_470);
    assert_eq!(credit.fee_minor, 0);
    assert_eq!(credit.total_minor, 454_700 + 45_470);

    let json = serde_json::to_value(&credit).unwrap();
    assert_eq!(json["resolution"], "store_credit");
    assert_eq!(json["totalMinor"], 500_170);
    assert_eq!(json["items"][2]["reason"]["reasonId"], "changed_mind");
}

#[test]
fn a_fee_never_exceeds_what_is_returned() {
    let (mut order, catalog, policy) = (order(), catalog(), policy());
    order.line_items[2].unit_price_minor = 3_000;
    let shop_order = ReturnableOrder {
        order: &order,
        products: &catalog,
        refunded: &[],
    };
    let approved = check_request(
        &shop_order,
        &[],
        &policy,
        &request(
            vec![wanted("li-socks", 1, reason("changed_mind", None))],
            Resolution::Refund,
            Lang::En,
        ),
        t(LAST_SECOND),
    )
    .unwrap();
    assert_eq!(approved.fee_minor, 3_000);
    assert_eq!(approved.total_minor, 0);
}

#[test]
fn a_mixed_request_lists_every_refusal_in_the_shoppers_language() {
    let (order, catalog, policy, earlier) = (order(), catalog(), policy(), earlier());
    let shop_order = ReturnableOrder {
        order: &order,
        products: &catalog,
        refunded: &[],
    };
    let items = vec![
        wanted("li-boots", 1, reason("fit", Some("too_small"))),
        wanted("li-jacket", 1, reason("fit", Some("too_large"))),
        wanted("li-tee", 1, reason("changed_mind", None)),
        wanted("li-boots", 1, reason("changed_mind", None)),
    ];
    let refusals = |lang| {
        check_request(
            &shop_order,
            &earlier,
            &policy,
            &request(items.clone(), Resolution::Refund, lang),
            t(FIRST_SECOND_AFTER),
        )
        .unwrap_err()
    };
    let summary = |lang| -> Vec<(String, RefusalCode, String)> {
        refusals(lang)
            .into_iter()
            .map(|r| (r.line_item_id.unwrap(), r.code, r.reason))
            .collect()
    };
    let row = |id: &str, code, text: &str| (id.to_owned(), code, text.to_owned());
    assert_eq!(
        summary(Lang::Sv),
        [
            row(
                "li-jacket",
                RefusalCode::WindowClosed,
                "Returfristen på 30 dagar gick ut den 6 mars 2026."
            ),
            row(
                "li-tee",
                RefusalCode::FinalSale,
                "Varor på slutförsäljning kan inte returneras."
            ),
            row(
                "li-boots",
                RefusalCode::DuplicateItem,
                "Den här varan finns med mer än en gång."
            ),
        ]
    );
    assert_eq!(
        summary(Lang::De)[0].2,
        "Die Rückgabefrist von 30 Tagen ist am 6. März 2026 abgelaufen."
    );
    assert_eq!(
        summary(Lang::Ro)[0].2,
        "Termenul de retur de 30 de zile s-a încheiat pe 6 martie 2026."
    );
    assert_eq!(
        summary(Lang::Da)[0].2,
        "Returfristen på 30 dage udløb den 6. marts 2026."
    );
}

#[test]
fn order_level_refusals() {
    let (order, catalog, policy) = (order(), catalog(), policy());
    let check = |order: &Order, refunded: &[(String, u32)], items: Vec<RequestedItem>| {
        let shop_order = ReturnableOrder {
            order,
            products: &catalog,
            refunded,
        };
        check_request(
            &shop_order,
            &[],
            &policy,
            &request(items, Resolution::Refund, Lang::En),
            t(LAST_SECOND),
        )
        .unwrap_err()
    };
    let jacket = || vec![wanted("li-jacket", 1, reason("changed_mind", None))];

    let empty = check(&order, &[], Vec::new());
    assert_eq!(empty[0].line_item_id, None);
    assert_eq!(empty[0].code, RefusalCode::NothingSelected);

    let mut cancelled = order.clone();
    cancelled.cancelled_at = Some(t("2026-02-03T00:00:00Z"));
    assert_eq!(
        check(&cancelled, &[], jacket())[0].reason,
        "This order was cancelled, so it can't be returned."
    );

    let mut in_euro = order.clone();
    in_euro.currency = "EUR".into();
    assert_eq!(
        check(&in_euro, &[], jacket())[0].code,
        RefusalCode::CurrencyMismatch
    );

    // Refunded in the shop: its order webhook says 0 left and 1 refunded.
    let refunded = [("li-jacket".to_owned(), 1)];
    let mut jacket_refunded = order.clone();
    for item in &mut jacket_refunded.line_items {
        if item.id == "li-jacket" {
            item.quantity = 0;
        }
    }
    assert_eq!(
        check(&jacket_refunded, &refunded, jacket())[0].code,
        RefusalCode::AlreadyRefunded
    );
}

#[test]
fn assess_shows_what_can_go_back_and_until_when() {
    let (order, catalog, policy, earlier) = (order(), catalog(), policy(), earlier());
    let shop_order = ReturnableOrder {
        order: &order,
        products: &catalog,
        refunded: &[],
    };
    // (remaining units, last day, resolutions) or the refusal's code.
    type Outcome = Result<(u32, String, Vec<Resolution>), RefusalCode>;
    let outcomes: Vec<(String, Outcome)> =
        assess(&shop_order, &earlier, &policy, t("2026-02-20T12:00:00Z"))
            .into_iter()
            .map(|a| {
                let outcome = a
                    .outcome
                    .map(|r| (r.remaining, r.deadline.last_day.iso(), r.resolutions))
                    .map_err(|r| r.code());
                (a.line_item_id, outcome)
            })
            .collect();
    let all = vec![
        Resolution::Refund,
        Resolution::StoreCredit,
        Resolution::Exchange,
    ];
    let ok = |n, day: &str, r: &Vec<Resolution>| Ok((n, day.to_owned(), r.clone()));
    assert_eq!(
        outcomes,
        [
            ("li-jacket".to_owned(), ok(1, "2026-03-06", &all)),
            ("li-boots".to_owned(), ok(1, "2026-04-05", &all)),
            ("li-socks".to_owned(), ok(1, "2026-03-06", &all)),
            (
                "li-base".to_owned(),
                ok(2, "2026-03-06", &vec![Resolution::Exchange])
            ),
            ("li-tee".to_owned(), Err(RefusalCode::FinalSale)),
            ("li-gift".to_owned(), Err(RefusalCode::Excluded)),
            ("li-lamp".to_owned(), Err(RefusalCode::NotDelivered)),
        ]
    );
}

#[test]
fn the_policy_explained_in_english_and_swedish() {
    let policy = policy();
    let en = explain(&policy, Lang::En);
    assert_eq!(
        en.what_and_until,
        [
            "You can return most items within 30 days of delivery.",
            "Footwear: within 60 days.",
            "These can't be returned: Gift cards.",
            "A return window ends at midnight shop time (UTC+01:00) on its last day.",
        ]
    );
    assert_eq!(
        en.how,
        [
            "Start your return here. Once it's approved, you'll get instructions for sending the items back.",
            "Refund to your original payment method. Return fee: SEK\u{a0}49.",
            "Store credit for the value of your items plus a 10% bonus. No return fee.",
            "Exchange for another size or colour. No return fee.",
            "We check the items when they arrive, then complete your refund, store credit or exchange.",
        ]
    );
    assert_eq!(
        en.rules,
        [
            "Items must be unused, with tags attached.",
            "Outlet items: final sale, can't be returned.",
            "Base layers and underwear: exchange only.",
        ]
    );

    let sv = explain(&policy, Lang::Sv);
    assert_eq!(
        sv.what_and_until,
        [
            "Du kan returnera de flesta varor inom 30 dagar från leveransen.",
            "Skor: inom 60 dagar.",
            "Detta kan inte returneras: Presentkort.",
            "Returfristen går ut vid midnatt butikens tid (UTC+01:00) på sista dagen.",
        ]
    );
    assert_eq!(
        sv.how,
        [
            "Starta din retur här. När den har godkänts får du instruktioner för att skicka tillbaka varorna.",
            "Återbetalning till ditt ursprungliga betalsätt. Returavgift: 49\u{a0}SEK.",
            "Tillgodohavande i butiken för varornas värde plus 10 % i bonus. Ingen returavgift.",
            "Byte mot en annan storlek eller färg. Ingen returavgift.",
            "Vi kontrollerar varorna när de kommer fram och genomför sedan din återbetalning, ditt tillgodohavande eller ditt byte.",
        ]
    );
    assert_eq!(
        sv.rules,
        [
            "Varorna ska vara oanvända och ha kvar sina etiketter.",
            "Outletvaror: slutförsäljning, kan inte returneras.",
            "Underställ och underkläder: endast byte.",
        ]
    );

    // German has no merchant labels: the merchant's default language (sv)
    // fills in, the catalog strings stay German.
    let de = explain(&policy, Lang::De);
    assert_eq!(de.what_and_until[1], "Skor: innerhalb von 60 Tagen.");
}

#[test]
fn the_policy_round_trips_as_stored_json() {
    let policy = policy();
    let stored = serde_json::to_string(&policy).unwrap();
    assert_eq!(ReturnPolicy::from_json(&stored).unwrap(), policy);
    let json: serde_json::Value = serde_json::from_str(&stored).unwrap();
    assert_eq!(json["utcOffsetMinutes"], 60);
    assert_eq!(json["window"]["startsAt"], "delivery");
    assert_eq!(json["rules"][0]["match"]["category"], "footwear");
}
