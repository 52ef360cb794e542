//! The demo shop: one order in every state a shopper can meet, with times
//! relative to `now` so "delivered 2 days ago" stays true whenever it runs.
//! The same data is listed in the README.

use aftercart_shared::referral::{LoyaltyProgram, MailboxKey, ReferralCode};
use aftercart_shared::tracking::TrackingStatus::{self, *};
use aftercart_shared::{Email, OrderNumber, UnixTime};

pub const DEMO_SHOP: &str = "demo";
pub const DEMO_SHOP_NAME: &str = "Nordlys Outdoor";
/// Development-only: the demo shop's webhook signing secret (every source).
pub const DEMO_WEBHOOK_SECRET: &str = "demo-webhook-secret";
/// Development-only: the demo shop's admin API key.
pub const DEMO_ADMIN_KEY: &str = "demo-admin-key";

pub fn now() -> UnixTime {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    UnixTime::from_secs(i64::try_from(secs).unwrap_or(i64::MAX))
}

pub struct DemoOrder {
    pub number: &'static str,
    pub email: &'static str,
    pub first_name: &'static str,
    /// What the order demonstrates, for the README and the tests.
    pub state: &'static str,
    placed_hours_ago: i64,
    cancelled: bool,
    items: &'static [Item],
    shipments: &'static [DemoShipment],
}

struct Item {
    id: &'static str,
    product_id: &'static str,
    title: &'static str,
    variant: Option<&'static str>,
    quantity: u32,
    price_minor: i64,
}

struct DemoShipment {
    carrier: &'static str,
    tracking: &'static str,
    url: &'static str,
    eta_days_from_now: Option<i64>,
    items: &'static [(&'static str, u32)],
    events: &'static [Event],
}

struct Event {
    hours_ago: i64,
    status: TrackingStatus,
    raw: &'static str,
    message: &'static str,
    location: Option<&'static str>,
}

const fn ev(
    hours_ago: i64,
    status: TrackingStatus,
    raw: &'static str,
    message: &'static str,
    location: Option<&'static str>,
) -> Event {
    Event {
        hours_ago,
        status,
        raw,
        message,
        location,
    }
}

const JACKET: Item = Item {
    id: "li-jacket",
    product_id: "p-down-jacket",
    title: "Fjällvind Down Jacket",
    variant: Some("Forest green / M"),
    quantity: 1,
    price_minor: 249_900,
};
const SOCKS: Item = Item {
    id: "li-socks",
    product_id: "p-trail-socks",
    title: "Merino Trail Socks",
    variant: Some("2-pack / 39–42"),
    quantity: 2,
    price_minor: 14_900,
};
const HEADLAMP: Item = Item {
    id: "li-headlamp",
    product_id: "p-headlamp",
    title: "Polarljus 400 Headlamp",
    variant: None,
    quantity: 1,
    price_minor: 59_900,
};
const TENT: Item = Item {
    id: "li-tent",
    product_id: "p-tent",
    title: "Kebne 2 Tent",
    variant: Some("2 person"),
    quantity: 1,
    price_minor: 449_900,
};
const SLEEPING_BAG: Item = Item {
    id: "li-bag",
    product_id: "p-sleeping-bag",
    title: "Vinter −10 Sleeping Bag",
    variant: Some("Regular"),
    quantity: 1,
    price_minor: 199_900,
};
const CAMERA: Item = Item {
    id: "li-camera",
    product_id: "p-action-camera",
    title: "Ridge Action Camera",
    variant: Some("Black"),
    quantity: 1,
    price_minor: 329_900,
};

const POSTNORD: &str = "PostNord";
const DHL: &str = "DHL";

/// Handed over, sorted, moving: the common head of most demo journeys.
macro_rules! early_events {
    ($h:expr) => {
        [
            ev(
                $h,
                InfoReceived,
                "EE",
                "Shipment information received",
                Some("Stockholm, SE"),
            ),
            ev(
                $h - 6,
                InTransit,
                "EV",
                "The shipment has been handed over to the carrier",
                Some("Stockholm, SE"),
            ),
            ev(
                $h - 20,
                InTransit,
                "AD",
                "Arrived at terminal",
                Some("Jönköping, SE"),
            ),
        ]
    };
}

pub const DEMO_ORDERS: &[DemoOrder] = &[
    DemoOrder {
        number: "1001",
        email: "astrid@example.com",
        first_name: "Astrid",
        state: "processing, not shipped yet",
        placed_hours_ago: 5,
        cancelled: false,
        items: &[SOCKS, HEADLAMP],
        shipments: &[],
    },
    DemoOrder {
        number: "1002",
        email: "erik@example.com",
        first_name: "Erik",
        state: "in transit",
        placed_hours_ago: 70,
        cancelled: false,
        items: &[JACKET],
        shipments: &[DemoShipment {
            carrier: POSTNORD,
            tracking: "00370712345678901",
            url: "https://tracking.postnord.com/se/?id=00370712345678901",
            eta_days_from_now: Some(1),
            items: &[("li-jacket", 1)],
            events: &early_events!(60),
        }],
    },
    DemoOrder {
        number: "1003",
        email: "ingrid@example.com",
        first_name: "Ingrid",
        state: "out for delivery",
        placed_hours_ago: 96,
        cancelled: false,
        items: &[HEADLAMP],
        shipments: &[DemoShipment {
            carrier: DHL,
            tracking: "JVGL0999991234567",
            url: "https://www.dhl.com/se-en/home/tracking.html?tracking-id=JVGL0999991234567",
            eta_days_from_now: Some(0),
            items: &[("li-headlamp", 1)],
            events: &[
                ev(
                    80,
                    InfoReceived,
                    "PU",
                    "Shipment information received",
                    Some("Stockholm, SE"),
                ),
                ev(
                    70,
                    InTransit,
                    "PL",
                    "Processed at parcel center",
                    Some("Stockholm, SE"),
                ),
                ev(
                    30,
                    InTransit,
                    "AR",
                    "Arrived at delivery facility",
                    Some("Göteborg, SE"),
                ),
                ev(
                    2,
                    OutForDelivery,
                    "WC",
                    "Out for delivery",
                    Some("Göteborg, SE"),
                ),
            ],
        }],
    },
    DemoOrder {
        number: "1004",
        email: "nils@example.com",
        first_name: "Nils",
        state: "delivered 2 days ago",
        placed_hours_ago: 24 * 6,
        cancelled: false,
        items: &[CAMERA],
        shipments: &[DemoShipment {
            carrier: POSTNORD,
            tracking: "00370712345678902",
            url: "https://tracking.postnord.com/se/?id=00370712345678902",
            eta_days_from_now: Some(-2),
            items: &[("li-camera", 1)],
            events: &[
                ev(
                    24 * 5,
                    InfoReceived,
                    "EE",
                    "Shipment information received",
                    Some("Stockholm, SE"),
                ),
                ev(
                    24 * 4,
                    InTransit,
                    "EV",
                    "The shipment has been handed over to the carrier",
                    Some("Stockholm, SE"),
                ),
                ev(
                    24 * 3,
                    InTransit,
                    "AD",
                    "Arrived at terminal",
                    Some("Malmö, SE"),
                ),
                ev(
                    24 * 2 + 5,
                    OutForDelivery,
                    "UT",
                    "Out for delivery",
                    Some("Malmö, SE"),
                ),
                ev(
                    24 * 2,
                    Delivered,
                    "DL",
                    "Delivered to the recipient's mailbox",
                    Some("Malmö, SE"),
                ),
            ],
        }],
    },
    DemoOrder {
        number: "1005",
        email: "sofia@example.com",
        first_name: "Sofia",
        state: "delivered 10 days ago",
        placed_hours_ago: 24 * 14,
        cancelled: false,
        items: &[TENT, SOCKS],
        shipments: &[DemoShipment {
            carrier: DHL,
            tracking: "JVGL0999991234568",
            url: "https://www.dhl.com/se-en/home/tracking.html?tracking-id=JVGL0999991234568",
            eta_days_from_now: Some(-10),
            items: &[("li-tent", 1), ("li-socks", 2)],
            events: &[
                ev(
                    24 * 13,
                    InfoReceived,
                    "PU",
                    "Shipment information received",
                    Some("Stockholm, SE"),
                ),
                ev(
                    24 * 12,
                    InTransit,
                    "PL",
                    "Processed at parcel center",
                    Some("Stockholm, SE"),
                ),
                ev(
                    24 * 10 + 6,
                    OutForDelivery,
                    "WC",
                    "Out for delivery",
                    Some("Uppsala, SE"),
                ),
                ev(
                    24 * 10,
                    Delivered,
                    "OK",
                    "Delivered, signed for by SOFIA",
                    Some("Uppsala, SE"),
                ),
            ],
        }],
    },
    DemoOrder {
        number: "1006",
        email: "oskar@example.com",
        first_name: "Oskar",
        state: "delivery exception",
        placed_hours_ago: 24 * 5,
        cancelled: false,
        items: &[SLEEPING_BAG],
        shipments: &[DemoShipment {
            carrier: POSTNORD,
            tracking: "00370712345678903",
            url: "https://tracking.postnord.com/se/?id=00370712345678903",
            eta_days_from_now: Some(-1),
            items: &[("li-bag", 1)],
            events: &[
                ev(
                    24 * 4,
                    InfoReceived,
                    "EE",
                    "Shipment information received",
                    Some("Stockholm, SE"),
                ),
                ev(
                    24 * 3,
                    InTransit,
                    "EV",
                    "The shipment has been handed over to the carrier",
                    Some("Stockholm, SE"),
                ),
                ev(
                    24 * 2,
                    InTransit,
                    "AD",
                    "Arrived at terminal",
                    Some("Umeå, SE"),
                ),
                ev(
                    20,
                    Exception,
                    "AV",
                    "Incomplete address: the carrier is contacting the recipient",
                    Some("Umeå, SE"),
                ),
            ],
        }],
    },
    DemoOrder {
        number: "1007",
        email: "maja@example.com",
        first_name: "Maja",
        state: "two shipments: one delivered, one in transit",
        placed_hours_ago: 24 * 4,
        cancelled: false,
        items: &[TENT, SLEEPING_BAG],
        shipments: &[
            DemoShipment {
                carrier: DHL,
                tracking: "JVGL0999991234569",
                url: "https://www.dhl.com/se-en/home/tracking.html?tracking-id=JVGL0999991234569",
                eta_days_from_now: Some(-1),
                items: &[("li-tent", 1)],
                events: &[
                    ev(
                        24 * 3,
                        InfoReceived,
                        "PU",
                        "Shipment information received",
                        Some("Stockholm, SE"),
                    ),
                    ev(
                        24 * 2,
                        InTransit,
                        "PL",
                        "Processed at parcel center",
                        Some("Stockholm, SE"),
                    ),
                    ev(
                        30,
                        OutForDelivery,
                        "WC",
                        "Out for delivery",
                        Some("Västerås, SE"),
                    ),
                    ev(24, Delivered, "OK", "Delivered", Some("Västerås, SE")),
                ],
            },
            DemoShipment {
                carrier: POSTNORD,
                tracking: "00370712345678904",
                url: "https://tracking.postnord.com/se/?id=00370712345678904",
                eta_days_from_now: Some(2),
                items: &[("li-bag", 1)],
                events: &early_events!(40),
            },
        ],
    },
    DemoOrder {
        number: "1009",
        email: "erik@example.com",
        first_name: "Erik",
        state: "Erik's earlier order, delivered 3 weeks ago (his other order on one page)",
        placed_hours_ago: 24 * 25,
        cancelled: false,
        items: &[HEADLAMP, SOCKS],
        shipments: &[DemoShipment {
            carrier: POSTNORD,
            tracking: "00370712345678905",
            url: "https://tracking.postnord.com/se/?id=00370712345678905",
            eta_days_from_now: Some(-21),
            items: &[("li-headlamp", 1), ("li-socks", 2)],
            events: &[
                ev(
                    24 * 24,
                    InfoReceived,
                    "EE",
                    "Shipment information received",
                    Some("Stockholm, SE"),
                ),
                ev(
                    24 * 23,
                    InTransit,
                    "EV",
                    "The shipment has been handed over to the carrier",
                    Some("Stockholm, SE"),
                ),
                ev(
                    24 * 21,
                    Delivered,
                    "DL",
                    "Delivered to the service point",
                    Some("Lund, SE"),
                ),
            ],
        }],
    },
    DemoOrder {
        number: "1008",
        email: "liv@example.com",
        first_name: "Liv",
        state: "cancelled",
        placed_hours_ago: 24 * 2,
        cancelled: true,
        items: &[JACKET],
        shipments: &[],
    },
];

/// The demo shop's returns policy: 30 days from delivery, 60 for footwear,
/// outlet items final sale, base layers exchange only, refunds cost 49 kr,
/// store credit earns 10% more.
const DEMO_RETURNS_POLICY: &str = r#"{
  "currency": "SEK",
  "defaultLang": "en",
  "utcOffsetMinutes": 60,
  "window": { "days": 30, "startsAt": "delivery" },
  "rules": [
    { "match": { "category": "footwear" }, "windowDays": 60,
      "label": { "en": "Footwear", "sv": "Skor" } },
    { "match": { "tag": "final-sale" }, "finalSale": true,
      "label": { "en": "Outlet items", "sv": "Outletvaror" } },
    { "match": { "category": "base-layers" }, "exchangeOnly": true,
      "label": { "en": "Base layers", "sv": "Underställ" } }
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

/// What the policy and the recommendations need to know about the demo
/// products.
const DEMO_PRODUCT_CATALOG: &str = r#"{
  "p-trail-socks": { "category": "socks", "tags": ["final-sale"] },
  "p-down-jacket": { "category": "jackets" },
  "p-tent": { "category": "tents" },
  "p-sleeping-bag": { "category": "sleeping-bags" },
  "p-hiking-boots": { "category": "footwear" },
  "p-headlamp": { "category": "lights" }
}"#;

/// Engagement: the defaults, with the merchant's discount on
/// recommendations after delivery.
const DEMO_ENGAGE: &str = r#"{ "recommendationsDiscount": true }"#;

/// A coupon for any review, whatever its rating; reviews are moderated.
const DEMO_REVIEW_INCENTIVE: &str = r#"{
  "incentive": { "type": "percent", "percent": 10 },
  "couponCode": "THANKS10",
  "autoPublish": false
}"#;

/// What goes with what the demo shop sells.
const DEMO_RECOMMENDATIONS: &str = r#"{
  "currency": "SEK",
  "maxProducts": 3,
  "discountCode": "NORDLYS10",
  "byProduct": {
    "p-tent": [
      { "id": "p-tent-footprint", "title": "Kebne 2 Footprint", "priceMinor": 49900, "url": "https://nordlys.example/products/kebne-2-footprint" },
      { "id": "p-tent-stakes", "title": "Alloy Tent Stakes, 8-pack", "priceMinor": 19900, "url": "https://nordlys.example/products/alloy-stakes" }
    ]
  },
  "byCategory": {
    "tents": [
      { "id": "p-seam-sealer", "title": "Seam Sealer", "priceMinor": 12900, "url": "https://nordlys.example/products/seam-sealer" }
    ],
    "footwear": [
      { "id": "p-boot-wax", "title": "Beeswax Boot Care", "priceMinor": 14900, "url": "https://nordlys.example/products/boot-wax" },
      { "id": "p-trail-socks", "title": "Merino Trail Socks", "priceMinor": 14900, "url": "https://nordlys.example/products/merino-trail-socks" }
    ],
    "jackets": [
      { "id": "p-down-wash", "title": "Down Wash", "priceMinor": 15900, "url": "https://nordlys.example/products/down-wash" },
      { "id": "p-merino-base", "title": "Merino Base Layer", "priceMinor": 89900, "url": "https://nordlys.example/products/merino-base-layer" }
    ],
    "lights": [
      { "id": "p-lithium-cells", "title": "Lithium AA Cells, 4-pack", "priceMinor": 9900, "url": "https://nordlys.example/products/lithium-aa" }
    ]
  }
}"#;

/// Care and use, per category, in the languages the shop writes.
const DEMO_USAGE_TIPS: &str = r#"{
  "defaultLang": "en",
  "byCategory": {
    "tents": [
      { "title": { "en": "Pitch it once at home", "sv": "Slå upp tältet hemma först" },
        "body": { "en": "A trial run in the garden makes the first evening on the fell quick and calm.",
                  "sv": "En provomgång i trädgården gör första kvällen på fjället snabb och lugn." } },
      { "title": { "en": "Dry it before storing", "sv": "Torka innan du packar undan" },
        "body": { "en": "Pack it away only bone dry, loosely, to keep the fabric and coating from mildew.",
                  "sv": "Packa bara undan det helt torrt och löst, så slipper tyget och beläggningen mögel." } }
    ],
    "footwear": [
      { "title": { "en": "Wax the leather", "sv": "Vaxa lädret" },
        "body": { "en": "Clean, let dry, then work in a thin layer of wax every few trips.",
                  "sv": "Rengör, låt torka och arbeta in ett tunt lager vax med några turers mellanrum." } }
    ],
    "jackets": [
      { "title": { "en": "Wash down gently", "sv": "Tvätta dun varsamt" },
        "body": { "en": "Use a down wash at 30 °C and tumble dry with a few tennis balls to restore the loft.",
                  "sv": "Använd dunmedel i 30 °C och torktumla med några tennisbollar så återfår dunet spänsten." } }
    ],
    "lights": [
      { "title": { "en": "Lithium cells for the cold", "sv": "Litiumbatterier i kyla" },
        "body": { "en": "Alkaline cells fade below zero; lithium ones keep their light.",
                  "sv": "Alkaliska batterier tappar under noll grader; litium håller ljuset." } }
    ]
  }
}"#;

/// The brand's own words on arrival.
const DEMO_THANK_YOU: &str = r#"{
  "defaultLang": "en",
  "message": {
    "en": "Thank you for gearing up with Nordlys. See you out there!",
    "sv": "Tack för att du rustar dig hos Nordlys. Vi ses där ute!",
    "nb": "Takk for at du ruster deg hos Nordlys. Vi ses der ute!",
    "da": "Tak fordi du køber dit udstyr hos Nordlys. Vi ses derude!",
    "de": "Danke, dass du dich bei Nordlys ausrüstest. Wir sehen uns draußen!",
    "ro": "Mulțumim că te echipezi de la Nordlys. Ne vedem afară!"
  }
}"#;

/// Referrals: a friend gets 15% off a first order of at least 500 kr; the
/// referrer 500 points.
const DEMO_REFERRALS: &str = r#"{
  "platform": "shopify",
  "shopHost": "nordlys.example",
  "friendOffer": { "type": "percent", "percent": 15 },
  "referrerReward": { "type": "points", "points": 500 },
  "minOrderMinor": 50000,
  "sameDeviceWindowHours": 72
}"#;

/// Loyalty: a point per krona, 50 for a review, three tiers.
const DEMO_LOYALTY: &str = r#"{
  "pointsPerUnit": 1,
  "reviewPoints": 50,
  "referralPoints": 250,
  "tiers": [
    { "name": "Bronze", "threshold": 1000 },
    { "name": "Silver", "threshold": 5000 },
    { "name": "Gold", "threshold": 15000 }
  ]
}"#;

/// Settings every run writes afresh.
const DEMO_SETTINGS: [(&str, &str); 9] = [
    ("returns_policy", DEMO_RETURNS_POLICY),
    ("product_catalog", DEMO_PRODUCT_CATALOG),
    ("engage", DEMO_ENGAGE),
    ("review_incentive", DEMO_REVIEW_INCENTIVE),
    ("recommendations", DEMO_RECOMMENDATIONS),
    ("usage_tips", DEMO_USAGE_TIPS),
    ("thank_you", DEMO_THANK_YOU),
    ("referrals", DEMO_REFERRALS),
    ("loyalty", DEMO_LOYALTY),
];

/// Nils's referral code (#1004, delivered): fixed, so the demo can be
/// walked through by hand (`/r/<code>`).
pub fn demo_referral_code() -> ReferralCode {
    ReferralCode::generate(1004)
}

/// SQL that replaces the demo shop's data with fresh demo orders.
pub fn demo_sql(now: UnixTime) -> String {
    let mut sql = String::from("-- Generated by cargo xtask: the demo shop.\n");
    sql += &format!(
        "DELETE FROM webhook_attempts WHERE outbox_id IN \
         (SELECT id FROM webhook_outbox WHERE shop_id = '{DEMO_SHOP}');\n"
    );
    sql += &format!(
        "DELETE FROM referral_clicks WHERE code IN \
         (SELECT code FROM referral_codes WHERE shop_id = '{DEMO_SHOP}');\n"
    );
    for table in [
        "loyalty_ledger",
        "referral_redemptions",
        "shopper_sightings",
        "referral_codes",
        "webhook_outbox",
        "prompt_events",
        "reviews",
        "nps_responses",
        "return_events",
        "return_items",
        "returns",
        "return_counters",
        "held_deliveries",
        "webhook_deliveries",
        "checkpoints",
        "shipment_items",
        "shipments",
        "line_items",
        "orders",
    ] {
        sql += &format!("DELETE FROM {table} WHERE shop_id = '{DEMO_SHOP}';\n");
    }
    sql += &format!(
        "INSERT INTO shops (id, name, created_at) VALUES ('{DEMO_SHOP}', {}, {}) \
         ON CONFLICT (id) DO UPDATE SET name = excluded.name;\n",
        quote(DEMO_SHOP_NAME),
        now.secs()
    );
    for source in ["shopify", "aftership", "easypost", "woocommerce"] {
        sql += &format!(
            "INSERT OR REPLACE INTO webhook_secrets (shop_id, source, secret, previous_secret) \
             VALUES ('{DEMO_SHOP}', '{source}', {}, NULL);\n",
            quote(DEMO_WEBHOOK_SECRET)
        );
    }
    for (key, value) in DEMO_SETTINGS {
        sql += &format!(
            "INSERT OR REPLACE INTO shop_settings (shop_id, key, value) VALUES ('{DEMO_SHOP}', '{key}', {});\n",
            quote(value)
        );
    }
    sql += &format!(
        "INSERT OR REPLACE INTO admin_keys (shop_id, key_sha256, label, created_at) \
         VALUES ('{DEMO_SHOP}', '{}', 'demo', {});\n",
        sha256_hex(DEMO_ADMIN_KEY),
        now.secs()
    );
    for order in DEMO_ORDERS {
        let identity = Identity {
            order_id: format!("demo-{}", order.number),
            number: order.number.to_owned(),
            email: order.email.to_owned(),
        };
        insert_order(&mut sql, order, &identity, now);
    }
    insert_demo_returns(&mut sql, now);
    // Erik reviewed the socks of his earlier order: the public listing has
    // something to show, and Sofia's review prompt goes to the tent, the
    // product with no reviews yet.
    sql += &format!(
        "INSERT INTO reviews (shop_id, id, order_id, line_item_id, product_id, mailbox, author, rating, \
         title, body, photo_url, status, verified, incentivized, coupon, created_at, moderated_at) VALUES \
         ('{DEMO_SHOP}', 'rv_demo_socks_erik', 'demo-1009', 'li-socks', 'p-trail-socks', 'erik@example.com', \
         'Erik', 5, 'Warm and never itchy', 'Wore them for a week on Kungsleden; dry feet every evening.', \
         NULL, 'published', 1, 0, NULL, {at}, {at});\n",
        at = now.plus_days(-14).secs()
    );
    insert_demo_rewards(&mut sql, now);
    sql
}

/// Points for every live demo order and Erik's review; Nils has a code, a
/// friend he was rewarded for and a flagged attempt to refer himself.
fn insert_demo_rewards(sql: &mut String, now: UnixTime) {
    let loyalty = LoyaltyProgram::from_json(DEMO_LOYALTY).unwrap_or_default();
    let rules = loyalty.rules("SEK");
    let mut post = |source: &str, email: &str, points: u64, at: i64| {
        let mailbox = Email::parse(email).map_or_else(
            |_| email.to_owned(),
            |e| MailboxKey::of(&e).as_str().to_owned(),
        );
        *sql += &format!(
            "INSERT INTO loyalty_ledger (shop_id, source, mailbox, kind, points, at) VALUES \
             ('{DEMO_SHOP}', {}, {}, 'earned', {points}, {at});\n",
            quote(source),
            quote(&mailbox)
        );
    };
    for order in DEMO_ORDERS.iter().filter(|o| !o.cancelled) {
        let points = rules.points_for(order_total(order));
        let at = now.plus_secs(-order.placed_hours_ago * 3600).secs();
        post(
            &format!("purchase:demo-{}", order.number),
            order.email,
            points,
            at,
        );
    }
    post(
        "review:rv_demo_socks_erik",
        "erik@example.com",
        loyalty.review_points,
        now.plus_days(-14).secs(),
    );
    let code = demo_referral_code();
    let referred = now.plus_days(-1).secs();
    post(
        "referral:demo-friend-karin",
        "nils@example.com",
        500,
        referred,
    );
    *sql += &format!(
        "INSERT INTO referral_codes (code, shop_id, mailbox, email, order_id, created_at) VALUES \
         ('{code}', '{DEMO_SHOP}', 'nils@example.com', 'nils@example.com', 'demo-1004', {});\n",
        now.plus_days(-2).secs()
    );
    *sql += &format!(
        "INSERT INTO referral_redemptions (shop_id, order_id, code, friend_mailbox, outcome, incentive, \
         coupon, flag, refusal, decided_at) VALUES \
         ('{DEMO_SHOP}', 'demo-friend-karin', '{code}', 'karin@example.com', 'rewarded', \
         '{{\"type\":\"points\",\"points\":500}}', NULL, NULL, NULL, {referred}), \
         ('{DEMO_SHOP}', 'demo-self-nils', '{code}', 'nils@example.com', 'flagged', NULL, NULL, \
         'sameMailbox', '{{\"refusal\":\"fraud\",\"flag\":\"sameMailbox\"}}', {});\n",
        now.plus_secs(-3 * 3600).secs()
    );
}

fn order_total(order: &DemoOrder) -> i64 {
    order
        .items
        .iter()
        .map(|i| i.price_minor * i64::from(i.quantity))
        .sum()
}

/// A demo return: one unit of one item, and its history so far.
struct DemoReturn {
    order: &'static str,
    item: Item,
    reason: &'static str,
    resolution: &'static str,
    /// `(hours ago, actor, status)`, oldest first; the last is the current.
    events: &'static [(i64, &'static str, &'static str)],
}

/// Returns in different states, so the admin list has something in each
/// column. Order #1005 is left for the API tests; a rejected return frees
/// its units, so #1009's headlamp can still go back.
const DEMO_RETURNS: &[DemoReturn] = &[
    DemoReturn {
        order: "1004",
        item: CAMERA,
        reason: "changed_mind",
        resolution: "refund",
        events: &[
            (40, "shopper", "requested"),
            (38, "merchant", "approved"),
            (30, "shopper", "in_transit"),
            (4, "merchant", "received"),
        ],
    },
    DemoReturn {
        order: "1007",
        item: TENT,
        reason: "changed_mind",
        resolution: "store_credit",
        events: &[(3, "shopper", "requested")],
    },
    DemoReturn {
        order: "1009",
        item: HEADLAMP,
        reason: "changed_mind",
        resolution: "refund",
        events: &[
            (24 * 15, "shopper", "requested"),
            (24 * 14, "merchant", "rejected"),
        ],
    },
];

/// Amounts as the demo policy computes them: a 49 kr refund fee, 10% more
/// as store credit.
fn insert_demo_returns(sql: &mut String, now: UnixTime) {
    let hours_ago = |h: i64| now.plus_secs(-h * 3600).secs();
    for (seq, ret) in (1..).zip(DEMO_RETURNS) {
        let items = ret.item.price_minor;
        let (bonus, fee) = match ret.resolution {
            "refund" => (0, 4_900),
            "store_credit" => (items / 10, 0),
            _ => (0, 0),
        };
        let (created, _, _) = ret.events[0];
        let (_, _, status) = ret.events[ret.events.len() - 1];
        let order = format!("demo-{}", ret.order);
        *sql += &format!(
            "INSERT INTO returns (shop_id, seq, order_id, status, resolution, currency, items_minor, \
             bonus_minor, fee_minor, total_minor, idempotency_key, request_sha256, created_at) VALUES \
             ('{DEMO_SHOP}', {seq}, '{order}', '{status}', '{}', 'SEK', {items}, {bonus}, {fee}, {}, \
             'demo-seed-{seq}', '', {});\n",
            ret.resolution,
            items + bonus - fee,
            hours_ago(created)
        );
        *sql += &format!(
            "INSERT INTO return_items (shop_id, seq, line_item_id, quantity, unit_price_minor, \
             amount_minor, reason, exchange_variant_id) VALUES ('{DEMO_SHOP}', {seq}, '{}', 1, {items}, \
             {items}, {}, NULL);\n",
            ret.item.id,
            quote(&format!(r#"{{"reasonId":"{}"}}"#, ret.reason))
        );
        let mut from = "NULL".to_owned();
        for (hours, actor, to) in ret.events {
            *sql += &format!(
                "INSERT INTO return_events (shop_id, seq, at, actor, from_status, to_status) \
                 VALUES ('{DEMO_SHOP}', {seq}, {}, '{actor}', {from}, '{to}');\n",
                hours_ago(*hours)
            );
            from = quote(to);
        }
    }
    *sql += &format!(
        "INSERT INTO return_counters (shop_id, next) VALUES ('{DEMO_SHOP}', {});\n",
        DEMO_RETURNS.len()
    );
}

fn sha256_hex(value: &str) -> String {
    use sha2::Digest as _;
    sha2::Sha256::digest(value.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Who an order belongs to, for orders built from a template.
struct Identity {
    order_id: String,
    number: String,
    email: String,
}

/// Appends the rows of one order (items, parcels, checkpoints) to `sql`.
fn insert_order(sql: &mut String, order: &DemoOrder, identity: &Identity, now: UnixTime) {
    let hours_ago = |h: i64| now.plus_secs(-h * 3600).secs();
    let order_id = &identity.order_id;
    let number = OrderNumber::parse(&identity.number)
        .map_or_else(|_| identity.number.clone(), |n| n.to_string());
    let email =
        Email::parse(&identity.email).map_or_else(|_| identity.email.clone(), |e| e.to_string());
    let total = order_total(order);
    let mailbox = Email::parse(&identity.email).map_or_else(
        |_| email.clone(),
        |e| MailboxKey::of(&e).as_str().to_owned(),
    );
    let placed = hours_ago(order.placed_hours_ago);
    *sql += &format!(
        "INSERT INTO orders (shop_id, id, order_number, display_number, email, mailbox, customer_first_name, \
         customer_id, placed_at, currency, total_minor, cancelled_at, updated_at) VALUES \
         ('{DEMO_SHOP}', {}, {}, {}, {}, {}, {}, NULL, {placed}, 'SEK', {total}, {}, {});\n",
        quote(order_id),
        quote(&number),
        quote(&format!("#{}", identity.number)),
        quote(&email),
        quote(&mailbox),
        quote(order.first_name),
        if order.cancelled {
            (placed + 3600).to_string()
        } else {
            "NULL".into()
        },
        now.secs()
    );
    for (position, item) in order.items.iter().enumerate() {
        *sql += &format!(
            "INSERT INTO line_items (shop_id, order_id, id, position, product_id, title, variant_title, \
             sku, quantity, unit_price_minor, image_url) VALUES ('{DEMO_SHOP}', {}, {}, {position}, {}, {}, {}, NULL, {}, {}, NULL);\n",
            quote(order_id),
            quote(item.id),
            quote(item.product_id),
            quote(item.title),
            item.variant.map_or_else(|| "NULL".into(), quote),
            item.quantity,
            item.price_minor,
        );
    }
    for (index, shipment) in order.shipments.iter().enumerate() {
        let shipment_id = format!("{order_id}-s{}", index + 1);
        let created = shipment
            .events
            .iter()
            .map(|e| hours_ago(e.hours_ago))
            .min()
            .unwrap_or(placed);
        let eta = shipment.eta_days_from_now.map_or_else(
            || "NULL".into(),
            |days| now.plus_days(days).date().midnight_utc().secs().to_string(),
        );
        *sql += &format!(
            "INSERT INTO shipments (shop_id, order_id, id, carrier, tracking_number, tracking_url, \
             carrier_estimate, created_at) VALUES ('{DEMO_SHOP}', {}, {}, {}, {}, {}, {eta}, {created});\n",
            quote(order_id),
            quote(&shipment_id),
            quote(shipment.carrier),
            quote(shipment.tracking),
            quote(shipment.url),
        );
        for (line_item, quantity) in shipment.items {
            *sql += &format!(
                "INSERT INTO shipment_items (shop_id, order_id, shipment_id, line_item_id, quantity) \
                 VALUES ('{DEMO_SHOP}', {}, {}, {}, {quantity});\n",
                quote(order_id),
                quote(&shipment_id),
                quote(line_item),
            );
        }
        for event in shipment.events {
            *sql += &format!(
                "INSERT INTO checkpoints (shop_id, order_id, shipment_id, occurred_at, status, raw_status, \
                 message, sub_status, location, received_at) VALUES ('{DEMO_SHOP}', {}, {}, {}, {}, {}, {}, NULL, {}, {});\n",
                quote(order_id),
                quote(&shipment_id),
                hours_ago(event.hours_ago),
                quote(event.status.as_str()),
                quote(event.raw),
                quote(event.message),
                event.location.map_or_else(|| "NULL".into(), quote),
                now.secs(),
            );
        }
    }
}

/// The benchmark's shopper: one jacket, one parcel on its way with no date
/// from the carrier (so the history-based estimate is exercised too).
const BENCH_ORDER: DemoOrder = DemoOrder {
    number: "B",
    email: "bench@example.com",
    first_name: "Bench",
    state: "in transit, no carrier estimate",
    placed_hours_ago: 72,
    cancelled: false,
    items: &[JACKET],
    shipments: &[DemoShipment {
        carrier: POSTNORD,
        tracking: "00370700000000000",
        url: "https://tracking.postnord.com/se/?id=00370700000000000",
        eta_days_from_now: None,
        items: &[("li-jacket", 1)],
        events: &early_events!(60),
    }],
};

/// Orders the benchmark spreads its lookups over (so it measures the route,
/// not the per-order rate limit): `B{i}` for `bench{i}@example.com`.
pub fn bench_sql(now: UnixTime, count: usize) -> String {
    let mut sql = String::from("-- Generated by cargo xtask bench.\n");
    for i in 0..count {
        let identity = Identity {
            order_id: format!("bench-{i}"),
            number: format!("B{i}"),
            email: format!("bench{i}@example.com"),
        };
        insert_order(&mut sql, &BENCH_ORDER, &identity, now);
    }
    sql
}

/// A SQL string literal.
fn quote(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_order_number_and_email_parses() {
        for order in DEMO_ORDERS {
            assert!(OrderNumber::parse(order.number).is_ok(), "{}", order.number);
            assert!(Email::parse(order.email).is_ok(), "{}", order.email);
        }
    }

    #[test]
    fn demo_covers_every_required_state() {
        let states: Vec<&str> = DEMO_ORDERS.iter().map(|o| o.state).collect();
        for required in [
            "processing, not shipped yet",
            "in transit",
            "out for delivery",
            "delivered 2 days ago",
            "delivered 10 days ago",
            "delivery exception",
            "two shipments: one delivered, one in transit",
        ] {
            assert!(states.contains(&required), "missing {required}");
        }
    }

    #[test]
    fn quotes_are_escaped() {
        assert_eq!(quote("O'Brien"), "'O''Brien'");
        let sql = demo_sql(UnixTime::from_secs(1_800_000_000));
        assert!(sql.contains("'#1004'"));
        assert!(sql.contains("'Delivered'"));
        // The stored policy is one the engine accepts.
        assert!(aftercart_shared::returns::ReturnPolicy::from_json(DEMO_RETURNS_POLICY).is_ok());
        assert!(
            serde_json::from_str::<aftercart_shared::returns::ProductCatalog>(DEMO_PRODUCT_CATALOG)
                .is_ok()
        );
        // Every demo return moves only along the lifecycle.
        for ret in DEMO_RETURNS {
            let status = |name: &str| {
                serde_json::from_value::<aftercart_shared::returns::ReturnStatus>(
                    serde_json::Value::String(name.to_owned()),
                )
                .unwrap()
            };
            let steps: Vec<_> = ret.events.iter().map(|(_, _, s)| status(s)).collect();
            assert_eq!(steps[0], aftercart_shared::returns::ReturnStatus::Requested);
            for pair in steps.windows(2) {
                let legal = aftercart_shared::returns::ReturnEvent::ALL
                    .into_iter()
                    .any(|e| {
                        aftercart_shared::returns::lifecycle::next(pair[0], e) == Some(pair[1])
                    });
                assert!(legal, "{pair:?}");
            }
        }
        assert!(sql.contains("INSERT INTO return_counters"));
        // The engagement settings are ones the edge accepts.
        let settings: std::collections::HashMap<&str, &str> = DEMO_SETTINGS.into_iter().collect();
        let content = aftercart_shared::engage::EngageContent::from_settings(|key| {
            settings.get(key).copied()
        });
        assert!(content.is_ok(), "{content:?}");
        // The referral and loyalty programs are ones the admin API accepts.
        for (key, value) in DEMO_SETTINGS {
            if let Some(setting) = aftercart_shared::settings::SettingKey::from_name(key) {
                assert!(setting.validate(value).is_ok(), "{key}");
            }
        }
        assert!(sql.contains(&format!("'{}'", demo_referral_code())));
        // The admin key is stored hashed, never in the clear.
        assert!(!sql.contains(DEMO_ADMIN_KEY));
    }
}
