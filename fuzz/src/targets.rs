//! The targets: every payload parser, signature check and normalizer in
//! shared, each with the invariants it must keep on any input.

use aftercart_shared::api::admin::FlagCursor;
use aftercart_shared::api::engage::{NpsSubmission, ReviewSubmission};
use aftercart_shared::api::shopper::LookupRequest;
use aftercart_shared::i18n::{Lang, fill};
use aftercart_shared::ingest::{self, Ingested, Source, TrackingNumber};
use aftercart_shared::order::{LineItem, Order};
use aftercart_shared::referral::ReferralCode;
use aftercart_shared::returns::{
    ProductCatalog, ReturnPolicy, ReturnRequest, ReturnableOrder, RmaNumber,
};
use aftercart_shared::reviews::ReviewCursor;
use aftercart_shared::settings::SettingKey;
use aftercart_shared::token::{OrderGrant, Scope, hmac_sha256};
use aftercart_shared::wire::WireName;
use aftercart_shared::{
    Email, OrderId, OrderNumber, ShopId, TrackingUrl, UnixTime, money, outbound,
};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::Target;

const NOW: UnixTime = UnixTime::from_secs(1_800_000_000);
const SECRET: &[u8] = b"fuzz-secret-0123456789";

macro_rules! seeds {
    ($($file:literal),* $(,)?) => {
        || vec![$(include_bytes!(concat!("../../shared/tests/fixtures/", $file)).to_vec()),*]
    };
}

fn text(input: &[u8]) -> String {
    String::from_utf8_lossy(input).into_owned()
}

/// First line: a header value (every header asked for gets it); the rest: the body.
fn split_headers(input: &[u8]) -> (Option<String>, &[u8]) {
    match input.iter().position(|b| *b == b'\n') {
        Some(i) => (
            Some(text(&input[..i])).filter(|h| !h.is_empty()),
            &input[i + 1..],
        ),
        None => (None, input),
    }
}

/// What every ingest result must hold: links are safe and stable, numbers
/// and ids normalized, timestamps writable and read back.
fn check_ingested(ingested: &Ingested) {
    let shipments = ingested
        .shipments
        .iter()
        .chain(ingested.orders.iter().flat_map(|o| o.shipments.iter()));
    for shipment in shipments {
        for url in &shipment.tracking_urls {
            assert_eq!(TrackingUrl::parse(url.as_str()).as_ref(), Ok(url));
        }
        for number in &shipment.tracking_numbers {
            assert_eq!(
                TrackingNumber::parse(number.as_str()).as_ref(),
                Some(number)
            );
        }
        for checkpoint in &shipment.checkpoints {
            round_trips(checkpoint.occurred_at);
        }
    }
    for order in &ingested.orders {
        round_trips(order.placed_at);
        assert_eq!(OrderId::parse(order.id.as_str()).as_ref(), Ok(&order.id));
    }
}

fn round_trips(at: UnixTime) {
    assert_eq!(UnixTime::parse(&at.to_rfc3339()), Ok(at), "{}", at.secs());
}

fn payload(source: Source, topics: &[Option<&str>], input: &[u8]) {
    for topic in topics {
        if let Ok(ingested) = ingest::parse(source, *topic, input) {
            check_ingested(&ingested);
        }
    }
}

fn signature(source: Source, input: &[u8]) {
    let (header, body) = split_headers(input);
    let _ = ingest::verify(source, |_| header.clone(), body, &[SECRET]);
    let _ = ingest::delivery_id(source, |_| header.clone(), body);
    let _ = ingest::is_ping(source, body);
    // The signature a sender computes always verifies.
    let mac = hmac_sha256(SECRET, body);
    let signed = match source {
        Source::EasyPost => format!(
            "hmac-sha256-hex={}",
            mac.iter().map(|b| format!("{b:02x}")).collect::<String>()
        ),
        _ => STANDARD.encode(mac),
    };
    assert_eq!(
        ingest::verify(source, |_| Some(signed.clone()), body, &[b"old", SECRET]),
        Ok(())
    );
}

fn token(input: &[u8]) {
    let raw = text(input);
    let _ = OrderGrant::verify(&raw, &[SECRET], NOW);
    // Any grant we can build round-trips through mint and verify.
    let mut parts = raw.splitn(3, '\n');
    let (Some(shop), Some(order)) = (parts.next(), parts.next()) else {
        return;
    };
    let (Ok(shop), Ok(order)) = (ShopId::parse(shop), OrderId::parse(order)) else {
        return;
    };
    let offset = i64::try_from(input.len()).unwrap_or(0) * 997;
    let grant = OrderGrant {
        shop,
        order,
        expires_at: NOW.plus_secs(offset + 1),
        scope: if input.len().is_multiple_of(2) {
            Scope::Read
        } else {
            Scope::Write
        },
        epoch: u32::try_from(input.len()).unwrap_or(u32::MAX),
    };
    let minted = grant.mint(SECRET).unwrap_or_default();
    assert_eq!(
        OrderGrant::verify(&minted, &[b"new", SECRET], NOW),
        Ok(grant)
    );
}

fn time(input: &[u8]) {
    if let Ok(at) = UnixTime::parse(&text(input)) {
        round_trips(at);
        let _ = at.date().iso();
        let _ = at.days_until(NOW);
    }
}

fn normalizers(input: &[u8]) {
    let raw = text(input);
    if let Ok(email) = Email::parse(&raw) {
        assert_eq!(Email::parse(email.as_str()).as_ref(), Ok(&email));
    }
    if let Ok(number) = OrderNumber::parse(&raw) {
        assert_eq!(OrderNumber::parse(number.as_str()).as_ref(), Ok(&number));
    }
    if let Ok(shop) = ShopId::parse(&raw) {
        assert_eq!(ShopId::parse(shop.as_str()).as_ref(), Ok(&shop));
    }
    if let Ok(order) = OrderId::parse(&raw) {
        assert_eq!(OrderId::parse(order.as_str()).as_ref(), Ok(&order));
    }
    if let Some(number) = TrackingNumber::parse(&raw) {
        assert_eq!(
            TrackingNumber::parse(number.as_str()).as_ref(),
            Some(&number)
        );
    }
    if let Ok(url) = TrackingUrl::parse(&raw) {
        assert_eq!(TrackingUrl::parse(url.as_str()).as_ref(), Ok(&url));
    }
    if let Ok(rma) = RmaNumber::parse(&raw) {
        assert_eq!(RmaNumber::parse(&rma.to_string()), Ok(rma));
    }
    if let Ok(code) = ReferralCode::parse(&raw) {
        assert_eq!(ReferralCode::parse(code.as_str()).as_ref(), Ok(&code));
    }
    if let Some(cursor) = FlagCursor::parse(&raw) {
        assert_eq!(
            FlagCursor::parse(&cursor.to_string()).as_ref(),
            Some(&cursor)
        );
    }
    if let Some(cursor) = ReviewCursor::parse(&raw) {
        assert_eq!(
            ReviewCursor::parse(&cursor.to_string()).as_ref(),
            Some(&cursor)
        );
    }
    let _ = Lang::negotiate(Some(&raw), raw.split(','));
    let filled = fill(&raw, &[("name", "Ada"), ("", "{")]);
    if !raw.contains('{') {
        assert_eq!(filled, raw);
    }
    let _ = Source::parse(&raw);
    let mut halves = raw.splitn(2, '\n');
    let _ = aftercart_shared::analytics::Period::parse(halves.next(), halves.next(), NOW);
}

/// `minor` written back as a decimal with `exponent` places.
fn decimal(minor: i64, exponent: u32) -> String {
    let digits = minor.unsigned_abs().to_string();
    let places = usize::try_from(exponent).unwrap_or(0);
    let padded = format!("{digits:0>width$}", width = places + 1);
    let (whole, fraction) = padded.split_at(padded.len() - places);
    let sign = if minor < 0 { "-" } else { "" };
    format!("{sign}{whole}.{fraction}")
}

fn money_amounts(input: &[u8]) {
    let raw = text(input);
    for exponent in 0..=3 {
        if let Ok(minor) = money::parse_minor(&raw, exponent) {
            assert_eq!(
                money::parse_minor(&decimal(minor, exponent), exponent),
                Ok(minor)
            );
        }
    }
    let _ = money::currency_code(&raw).map(|c| money::minor_units(&c));
}

const POLICY: &str = r#"{
  "currency": "USD",
  "window": { "days": 30, "startsAt": "delivery" },
  "resolutions": { "refund": {}, "storeCredit": { "bonusPercent": 10 } },
  "reasons": [ { "id": "changed_mind", "label": { "en": "Changed my mind" } } ]
}"#;

fn return_request(input: &[u8]) {
    let Ok(request) = serde_json::from_slice::<ReturnRequest>(input) else {
        return;
    };
    let Ok(policy) = ReturnPolicy::from_json(POLICY) else {
        panic!("the fuzz policy is valid");
    };
    let item = |id: &str, quantity, unit_price_minor| LineItem {
        id: id.into(),
        product_id: Some(id.into()),
        title: id.into(),
        variant_title: None,
        sku: None,
        quantity,
        unit_price_minor,
        image_url: None,
    };
    let (Ok(id), Ok(number)) = (OrderId::parse("1001"), OrderNumber::parse("1001")) else {
        return;
    };
    let order = Order {
        id,
        number,
        display_number: "#1001".into(),
        email: None,
        customer_first_name: None,
        placed_at: NOW.plus_days(-3),
        currency: "USD".into(),
        total_minor: i64::MAX,
        cancelled_at: None,
        line_items: vec![
            item("a", u32::MAX, i64::MAX),
            item("b", 2, 1999),
            item("c", 1, -5),
        ],
        shipments: Vec::new(),
    };
    let catalog = ProductCatalog::default();
    let returnable = ReturnableOrder {
        order: &order,
        products: &catalog,
        refunded: &[],
    };
    if let Ok(approved) =
        aftercart_shared::returns::check_request(&returnable, &[], &policy, &request, NOW)
    {
        assert!(approved.total_minor >= 0, "{approved:?}");
    }
}

fn settings(input: &[u8]) {
    let raw = text(input);
    for key in SettingKey::ALL {
        if let Ok(stored) = key.validate(&raw) {
            assert_eq!(
                key.validate(&stored).as_ref(),
                Ok(&stored),
                "{}",
                key.wire_name()
            );
            assert!(key.public_view(&stored).is_ok(), "{}", key.wire_name());
        }
        let _ = key.public_view(&raw);
    }
    let _ = outbound::ReturnWebhook::parse(&raw);
}

fn outbound_signature(input: &[u8]) {
    let (header, body) = split_headers(input);
    let secret = "whsec-fuzz-0123456789abcdef";
    if let Some(header) = header {
        let _ = outbound::verify(&header, secret, body, NOW, 300);
    }
    let at = NOW.plus_secs(i64::try_from(body.len()).unwrap_or(0) % 300);
    let signed = outbound::sign(secret, at, body);
    assert_eq!(outbound::verify(&signed, secret, body, NOW, 300), Ok(at));
}

fn shopper_requests(input: &[u8]) {
    if let Ok(lookup) = serde_json::from_slice::<LookupRequest>(input) {
        let _ = lookup.parse();
    }
    if let Ok(review) = serde_json::from_slice::<ReviewSubmission>(input) {
        let _ = review.parse();
    }
    if let Ok(nps) = serde_json::from_slice::<NpsSubmission>(input) {
        let _ = nps.parse();
    }
}

fn lines(items: &[&str]) -> Vec<Vec<u8>> {
    items.iter().map(|s| s.as_bytes().to_vec()).collect()
}

pub static TARGETS: &[Target] = &[
    Target {
        name: "shopify_payload",
        seeds: seeds![
            "shopify/order.json",
            "shopify/orders.json",
            "shopify/fulfillment.json",
            "shopify/fulfillment_event.json",
            "shopify/refund.json"
        ],
        json: true,
        check: |i| {
            payload(
                Source::Shopify,
                &[
                    None,
                    Some("orders/updated"),
                    Some("fulfillments/create"),
                    Some("fulfillment_events/create"),
                ],
                i,
            )
        },
    },
    Target {
        name: "woocommerce_payload",
        seeds: || lines(&[include_str!("../seeds/woocommerce_order.json")]),
        json: true,
        check: |i| payload(Source::WooCommerce, &[None, Some("order.updated")], i),
    },
    Target {
        name: "aftership_payload",
        seeds: seeds![
            "aftership/in_transit.json",
            "aftership/delivered_ok.json",
            "aftership/delivered_wild.json",
            "aftership/real.json"
        ],
        json: true,
        check: |i| payload(Source::AfterShip, &[None], i),
    },
    Target {
        name: "easypost_payload",
        seeds: seeds!["easypost/event-body.json"],
        json: true,
        check: |i| payload(Source::EasyPost, &[None], i),
    },
    Target {
        name: "shopify_signature",
        seeds: || lines(&["aGVsbG8=\n{\"id\":1}", "\n{}", "x"]),
        json: false,
        check: |i| signature(Source::Shopify, i),
    },
    Target {
        name: "woocommerce_signature",
        seeds: || lines(&["aGVsbG8=\nwebhook_id=12", "\n{}"]),
        json: false,
        check: |i| signature(Source::WooCommerce, i),
    },
    Target {
        name: "aftership_signature",
        seeds: || lines(&["aGVsbG8=\n{\"event_id\":\"e\"}"]),
        json: false,
        check: |i| signature(Source::AfterShip, i),
    },
    Target {
        name: "easypost_signature",
        seeds: || {
            lines(&[
                "hmac-sha256-hex=00ff\n{\"id\":\"evt_1\"}",
                "HMAC-SHA256-HEX=é\n{}",
            ])
        },
        json: false,
        check: |i| signature(Source::EasyPost, i),
    },
    Target {
        name: "outbound_signature",
        seeds: || lines(&["t=1800000000,v1=00\n{}", "t=-9223372036854775808,v1=ab\n"]),
        json: false,
        check: outbound_signature,
    },
    Target {
        name: "token_verify",
        seeds: || lines(&["demo\n1001\n", "djF8ZGVtb3wxMDAxfDE4MDAwMDAwMDA.AAAA", "."]),
        json: false,
        check: token,
    },
    Target {
        name: "time_parse",
        seeds: || {
            lines(&[
                "2014-07-07T16:07:00+02:00",
                "2014-07-07 14:07:00.123Z",
                "2024-02-29",
                "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59-0100",
                "2014-07-07T14:07",
            ])
        },
        json: false,
        check: time,
    },
    Target {
        name: "normalizers",
        seeds: || {
            lines(&[
                " Ada.Lovelace@Example.COM ",
                "#SE-10023",
                "Demo",
                "1Z 999 AA1",
                "https://x.example/t",
                "R-2BX-4KQ",
                "shopify",
                "2026-03-01\n2026-03-10",
                "1800000000.1001",
                "1800000000.rv_0123abcd",
                "sv-SE,sv;q=0.9,en;q=0.8",
                "Hi {name}, {x} {",
            ])
        },
        json: false,
        check: normalizers,
    },
    Target {
        name: "money",
        seeds: || {
            lines(&[
                "409.94",
                "-41.94",
                ".5",
                "7.",
                "1.234",
                "92233720368547758.07",
                "SEK",
            ])
        },
        json: false,
        check: money_amounts,
    },
    Target {
        name: "return_request",
        seeds: || {
            lines(&[
                r#"{"items":[{"lineItemId":"a","quantity":4294967295,"reason":{"reasonId":"changed_mind"}},{"lineItemId":"b","quantity":2,"reason":{"reasonId":"changed_mind"}}],"resolution":"storeCredit"}"#,
            ])
        },
        json: true,
        check: return_request,
    },
    Target {
        name: "settings",
        seeds: || {
            lines(&[
                POLICY,
                r#"{"url":"https://shop.example.com/h","secret":"0123456789abcdef0123"}"#,
                r#"{"reviewDelayDays":14,"nps":false}"#,
                "{}",
            ])
        },
        json: true,
        check: settings,
    },
    Target {
        name: "shopper_requests",
        seeds: || {
            lines(&[
                r##"{"orderNumber":"#1001","email":"a@example.com"}"##,
                r#"{"lineItemId":"a","rating":5,"title":"Good","body":"Fine tent"}"#,
                r#"{"score":9,"comment":"ok"}"#,
            ])
        },
        json: true,
        check: shopper_requests,
    },
];
