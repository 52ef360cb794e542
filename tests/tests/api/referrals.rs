//! Referrals against the running edge: the rewards view before and
//! after delivery, share links, redemption from order webhooks with every
//! self-referral case, double redemption, and the merchant's flags.
//!
//! Shops (tests/e2e-seed.sql): `refs` rewards referrers with 500 points
//! (minimum 50 USD, same-device window 72 h) and runs loyalty at 2 points
//! a dollar, 40 a review, tiers Bronze 100 / Silver 1000 / Gold 5000;
//! `gift` rewards them with a coupon and 200 loyalty points; `lab` runs
//! neither.

use aftercart_shared::referral::ReferralCode;
use aftercart_tests::shopper::token;
use aftercart_tests::{
    Auth, DAY, Edge, OrderApi, Reply, ShopifyOrder, Value, d1, json, now_secs, rfc3339, secs,
    unique, unique_number,
};

const REFS_ADMIN_KEY: &str = "refs-admin-key";
/// Points the `refs` shop gives a referrer per friend.
pub const REFERRAL_POINTS: u64 = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shipping {
    InTransit,
    Delivered,
}

/// A shopper's Shopify order, as the shop would send it: what referrals
/// and loyalty depend on, each a field, so a test names only what differs
/// (`Buy { subtotal: …, ..Buy::new("refs") }`).
#[derive(Debug, Clone)]
pub struct Buy {
    pub shop: &'static str,
    pub id: u64,
    pub number: String,
    pub email: String,
    pub customer: Option<u64>,
    /// Merchandise after discounts, e.g. "80.00".
    pub subtotal: String,
    pub codes: Vec<String>,
    /// Browser IP and User-Agent at checkout.
    pub device: Option<(String, String)>,
    pub placed_at: i64,
    pub shipping: Shipping,
    pub fulfillment: u64,
    pub tracking: String,
    pub line: u64,
    pub cancelled: bool,
    pub updated_at: i64,
    /// Shopify's `financial_status`: `paid` unless a test says otherwise.
    pub financial: &'static str,
}

impl Buy {
    pub fn new(shop: &'static str) -> Self {
        let now = now_secs();
        Self {
            shop,
            id: unique_number(),
            number: unique("R"),
            email: format!("{}@example.com", unique("shopper")),
            customer: Some(unique_number()),
            subtotal: "80.00".into(),
            codes: Vec::new(),
            device: None,
            placed_at: now - 3 * 3600,
            shipping: Shipping::InTransit,
            fulfillment: unique_number(),
            tracking: unique("1ZREF"),
            line: unique_number(),
            cancelled: false,
            updated_at: now - 3 * 3600,
            financial: "paid",
        }
    }

    /// The same person's next order: a new order, same email and account.
    pub fn again(&self) -> Self {
        Self {
            email: self.email.clone(),
            customer: self.customer,
            ..Self::new(self.shop)
        }
    }

    pub fn delivered(mut self) -> Self {
        self.shipping = Shipping::Delivered;
        self
    }

    pub fn with_code(mut self, code: &str) -> Self {
        self.codes.push(code.to_owned());
        self
    }

    fn order(&self) -> ShopifyOrder {
        let line = ShopifyOrder::line(
            self.line,
            &format!("p-{}", self.line),
            "Trail shoe",
            &self.subtotal,
            "SHOE",
        );
        let order = ShopifyOrder::fresh()
            .id_number(self.id)
            .fulfillment_id(self.fulfillment)
            .tracking(&self.tracking)
            .number(&self.number)
            .email(&self.email)
            .created_at(self.placed_at)
            .updated_at(self.updated_at)
            .subtotal(&self.subtotal)
            .discount_codes(&self.codes)
            .customer(self.customer)
            .device(
                self.device
                    .as_ref()
                    .map(|(ip, ua)| (ip.as_str(), ua.as_str())),
            )
            .cancelled_at(self.cancelled.then_some(self.updated_at))
            .financial_status(self.financial)
            .items(&[line]);
        match self.shipping {
            Shipping::InTransit => order.in_transit(self.placed_at + 3600),
            Shipping::Delivered => order.delivered(self.updated_at),
        }
    }

    /// Sends the order under a fresh event id; asserts it was applied, or
    /// (the same bytes as an earlier send: deliveries are deduplicated on
    /// the body too) acknowledged as a duplicate. Callers check the effects.
    pub fn send(&self, edge: &Edge) {
        let reply = self.send_as(edge, &unique("evt-"));
        reply.assert_status(200);
        let outcome = &reply.json()["outcome"];
        assert!(
            outcome == "applied" || outcome == "duplicate",
            "{}",
            reply.text()
        );
    }

    pub fn send_as(&self, edge: &Edge, event_id: &str) -> Reply {
        let topic = if self.cancelled {
            "orders/cancelled"
        } else {
            "orders/updated"
        };
        edge.webhooks(self.shop)
            .shopify(topic, event_id, self.order().json())
    }

    pub fn token(&self) -> String {
        token(self.shop, &self.id.to_string())
    }

    /// The order's routes, with its token.
    pub fn api<'e>(&self, edge: &'e Edge) -> OrderApi<'e> {
        edge.order(self.shop, &self.id.to_string(), &self.token())
    }

    /// `GET …/rewards` from a browser of its own.
    pub fn rewards(&self, edge: &Edge) -> Value {
        self.rewards_from(
            edge,
            &format!("198.51.100.{}", unique_number() % 250),
            "Tests/1",
        )
    }

    pub fn rewards_from(&self, edge: &Edge, ip: &str, user_agent: &str) -> Value {
        let reply = self
            .api(edge)
            .with_header("cf-connecting-ip", ip)
            .with_header("user-agent", user_agent)
            .rewards();
        reply.assert_status(200);
        reply.json()
    }

    pub fn balance(&self, edge: &Edge) -> u64 {
        self.rewards(edge)["loyalty"]["balance"].as_u64().unwrap()
    }
}

/// A shopper with a delivered order and the code its rewards view gave
/// them, seen on `device`.
pub struct Referrer {
    pub buy: Buy,
    pub code: String,
}

pub fn referrer(edge: &Edge, shop: &'static str, device: (&str, &str)) -> Referrer {
    let buy = Buy::new(shop).delivered();
    buy.send(edge);
    let view = buy.rewards_from(edge, device.0, device.1);
    let code = view["referral"]["code"]
        .as_str()
        .unwrap_or_else(|| panic!("no code in {view}"))
        .to_owned();
    Referrer { buy, code }
}

impl Referrer {
    pub fn friends_rewarded(&self, edge: &Edge) -> u64 {
        self.buy.rewards(edge)["referral"]["friendsRewarded"]
            .as_u64()
            .unwrap()
    }
}

/// A device nobody else in the run uses.
pub fn device() -> (String, String) {
    let n = unique_number();
    (
        format!("203.0.{}.{}", (n >> 8) % 256, n % 250),
        format!("Mozilla/5.0 (Test {n})"),
    )
}

/// The stored decision on each order, by order id.
pub fn decisions(shop: &str, orders: &[&Buy]) -> Vec<(String, String, Value)> {
    let ids: Vec<String> = orders.iter().map(|o| format!("'{}'", o.id)).collect();
    d1(&format!(
        "SELECT order_id, outcome, refusal FROM referral_redemptions WHERE shop_id = '{shop}' \
         AND order_id IN ({}) ORDER BY order_id",
        ids.join(", ")
    ))
    .into_iter()
    .map(|row| {
        (
            row["order_id"].as_str().unwrap().to_owned(),
            row["outcome"].as_str().unwrap().to_owned(),
            row["refusal"]
                .as_str()
                .map_or(Value::Null, |r| serde_json::from_str(r).unwrap()),
        )
    })
    .collect()
}

fn flags(edge: &Edge, query: &str) -> Value {
    let reply = edge.admin("refs", REFS_ADMIN_KEY).referral_flags(query);
    reply.assert_status(200);
    reply.json()
}

fn flag_of(edge: &Edge, order: &Buy) -> Option<Value> {
    flags(edge, "")["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["orderId"].as_str() == Some(order.id.to_string().as_str()))
        .cloned()
}

#[test]
fn the_referral_card_waits_for_delivery_and_loyalty_shows_the_standing() {
    let edge = Edge::from_env();
    let buy = Buy {
        subtotal: "120.00".into(),
        ..Buy::new("refs")
    };
    buy.send(&edge);

    // In transit: no referral offer yet, but the points are there: 120 USD
    // at 2 a dollar is 240, Bronze (100) reached, 760 to Silver (1000).
    let view = buy.rewards(&edge);
    assert!(view["referral"].is_null(), "{view}");
    assert_eq!(
        view["loyalty"],
        json!({ "balance": 240, "tier": "Bronze", "nextTier": "Silver", "pointsToNext": 760,
                "progressPercent": 15 })
    );

    // Delivered (a later update of the same order): the card, with a code
    // made on first sight and kept, and the purchase still counted once.
    let delivered = Buy {
        updated_at: now_secs() - 60,
        ..buy.clone().delivered()
    };
    delivered.send(&edge);
    let view = delivered.rewards(&edge);
    let card = &view["referral"];
    let code = card["code"].as_str().unwrap();
    assert_eq!(ReferralCode::parse(code).unwrap().as_str(), code);
    assert_eq!(card["shareUrl"], format!("{}/r/{code}", edge.url));
    assert_eq!(
        card["friendOffer"],
        json!({ "type": "percent", "percent": 15 })
    );
    assert_eq!(card["reward"], json!({ "type": "points", "points": 500 }));
    assert_eq!(card["friendsRewarded"], 0);
    assert_eq!(view["loyalty"]["balance"], 240);
    assert_eq!(delivered.rewards(&edge)["referral"]["code"], code);

    // The same shopper's next order shows the same code once delivered.
    let next = buy.again().delivered();
    next.send(&edge);
    assert_eq!(next.rewards(&edge)["referral"]["code"], code);
    assert_eq!(next.balance(&edge), 240 + 160);

    // A shop without either program: nothing to show.
    let plain = Buy::new("lab").delivered();
    plain.send(&edge);
    assert_eq!(
        plain.rewards(&edge),
        json!({ "referral": null, "loyalty": null })
    );

    // The demo: Nils (delivered) has his code and a rewarded friend; Astrid
    // (not shipped) has points but no card yet.
    let nils = edge
        .lookup("demo", "1004", "nils@example.com")
        .api
        .rewards();
    nils.assert_status(200);
    let nils = nils.json();
    assert_eq!(nils["referral"]["friendsRewarded"], 1, "{nils}");
    assert_eq!(nils["loyalty"]["balance"], 3_299 + 500);
    assert_eq!(nils["loyalty"]["tier"], "Bronze");
    let astrid = edge
        .lookup("demo", "1001", "astrid@example.com")
        .api
        .rewards()
        .json();
    assert!(astrid["referral"].is_null(), "{astrid}");
    assert!(astrid["loyalty"]["balance"].as_u64().unwrap() > 0);
}

#[test]
fn the_rewards_view_needs_the_orders_token() {
    let edge = Edge::from_env();
    let buy = Buy::new("refs").delivered();
    buy.send(&edge);
    let api = buy.api(&edge);
    api.with_auth(Auth::None)
        .rewards()
        .assert_problem(401, "unauthorized");
    let other = Buy::new("refs");
    api.with_auth(Auth::bearer(&other.token()))
        .rewards()
        .assert_problem(401, "unauthorized");
    api.send_bytes("POST", "/rewards", None)
        .assert_problem(405, "method_not_allowed");
    // Refused requests made no code.
    let rows = d1(&format!(
        "SELECT COUNT(*) AS n FROM referral_codes WHERE shop_id = 'refs' AND email = '{}'",
        buy.email
    ));
    assert_eq!(rows[0]["n"], 0);
}

#[test]
fn a_friends_first_order_rewards_the_referrer_once() {
    let edge = Edge::from_env();
    let (ip, ua) = device();
    let referrer = referrer(&edge, "refs", (&ip, &ua));
    let start = referrer.buy.balance(&edge);

    // Typed as a person would: lower case, with a dash.
    let typed = format!(
        "{}-{}",
        referrer.code[..4].to_lowercase(),
        referrer.code[4..].to_lowercase()
    );
    let friend = Buy::new("refs").with_code(&typed);
    let event = unique("evt-");
    let first = friend.send_as(&edge, &event);
    first.assert_status(200);
    assert_eq!(referrer.friends_rewarded(&edge), 1);
    assert_eq!(referrer.buy.balance(&edge), start + REFERRAL_POINTS);

    // The same delivery again, and the same order in another webhook: the
    // order is decided once.
    let again = friend.send_as(&edge, &event);
    assert_eq!(again.json()["outcome"], "duplicate");
    let updated = Buy {
        updated_at: now_secs() - 30,
        ..friend.clone()
    };
    updated.send(&edge);
    assert_eq!(referrer.friends_rewarded(&edge), 1);
    assert_eq!(referrer.buy.balance(&edge), start + REFERRAL_POINTS);

    // The friend's next order is not a first order.
    let second = friend.again().with_code(&referrer.code);
    second.send(&edge);
    assert_eq!(referrer.friends_rewarded(&edge), 1);
    assert_eq!(referrer.buy.balance(&edge), start + REFERRAL_POINTS);
    assert_eq!(
        decisions("refs", &[&friend, &second]),
        sorted(vec![
            (friend.id.to_string(), "rewarded".into(), Value::Null),
            (
                second.id.to_string(),
                "refused".into(),
                json!({ "refusal": "notFirstOrder" })
            ),
        ])
    );
    // No flag for an honest friend.
    assert!(flag_of(&edge, &friend).is_none());
    assert!(flag_of(&edge, &second).is_none());
}

fn sorted(mut rows: Vec<(String, String, Value)>) -> Vec<(String, String, Value)> {
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    rows
}

#[test]
fn the_same_order_in_concurrent_webhooks_redeems_once() {
    let edge = Edge::from_env();
    let referrer = referrer(&edge, "refs", (&device().0, &device().1));
    let start = referrer.buy.balance(&edge);
    let friend = Buy::new("refs").with_code(&referrer.code);
    let replies: Vec<Reply> = std::thread::scope(|scope| {
        let sends: Vec<_> = (0..4)
            .map(|i| {
                let (edge, friend) = (&edge, &friend);
                scope.spawn(move || {
                    // Two copies of one delivery and two other deliveries
                    // (other bytes: the same bytes under a fresh id are a
                    // replay, deduplicated on the body).
                    if i < 2 {
                        friend.send_as(edge, &format!("evt-same-{}", friend.id))
                    } else {
                        let other = Buy {
                            updated_at: friend.updated_at + i64::from(i),
                            ..friend.clone()
                        };
                        other.send_as(edge, &unique("evt-"))
                    }
                })
            })
            .collect();
        sends.into_iter().map(|s| s.join().unwrap()).collect()
    });
    // Every delivery is acknowledged (a copy as a duplicate), and the
    // order was decided once.
    for reply in &replies {
        reply.assert_status(200);
    }
    let outcomes: Vec<Value> = replies
        .iter()
        .map(|r| r.json()["outcome"].clone())
        .collect();
    assert_eq!(
        outcomes.iter().filter(|o| *o == "applied").count(),
        3,
        "{outcomes:?}"
    );
    assert_eq!(referrer.friends_rewarded(&edge), 1);
    assert_eq!(referrer.buy.balance(&edge), start + REFERRAL_POINTS);
}

#[test]
fn an_order_first_seen_without_the_code_is_still_the_first_order() {
    let edge = Edge::from_env();
    let referrer = referrer(&edge, "refs", (&device().0, &device().1));
    // Created without the code (stored, so "an order of this friend"
    // exists), then updated with it: the order itself is not an earlier one.
    let friend = Buy::new("refs");
    friend.send(&edge);
    let with_code = Buy {
        updated_at: now_secs() - 60,
        ..friend.clone().with_code(&referrer.code)
    };
    with_code.send(&edge);
    assert_eq!(referrer.friends_rewarded(&edge), 1);
}

#[test]
fn self_referrals_are_flagged_for_the_merchant() {
    let edge = Edge::from_env();
    let (ip, ua) = device();
    let referrer = referrer(&edge, "refs", (&ip, &ua));
    let start = referrer.buy.balance(&edge);
    let (local, domain) = referrer.buy.email.split_once('@').unwrap();

    // The referrer's own mailbox behind a +tag, as a guest on a new device.
    let tagged = Buy {
        email: format!("{}+friend@{domain}", local.to_uppercase()),
        customer: None,
        ..Buy::new("refs").with_code(&referrer.code)
    };
    // The referrer's own customer account under another address.
    let same_account = Buy {
        customer: referrer.buy.customer,
        ..Buy::new("refs").with_code(&referrer.code)
    };
    // The referrer's browser (IP and User-Agent), within the 72 hours.
    let same_device = Buy {
        device: Some((ip.clone(), ua.clone())),
        ..Buy::new("refs").with_code(&referrer.code)
    };
    for order in [&tagged, &same_account, &same_device] {
        order.send(&edge);
    }
    assert_eq!(referrer.friends_rewarded(&edge), 0);
    // The +tag order is flagged as the referrer's, but its points are its
    // own address's: records are keyed on the exact address.
    assert_eq!(referrer.buy.balance(&edge), start);
    assert_eq!(tagged.balance(&edge), 160);

    let page = flags(&edge, "");
    for (order, flag) in [
        (&tagged, "sameMailbox"),
        (&same_account, "sameCustomer"),
        (&same_device, "sameDevice"),
    ] {
        let found = flag_of(&edge, order).unwrap_or_else(|| panic!("no {flag} flag in {page}"));
        assert_eq!(found["code"], referrer.code);
        assert_eq!(found["flag"], flag);
        assert_eq!(found["orderNumber"], format!("#{}", order.number));
        assert!(secs(&found["flaggedAt"]) >= now_secs() - 600);
    }
    assert_eq!(
        decisions("refs", &[&same_device])[0].2,
        json!({ "refusal": "fraud", "flag": "sameDevice" })
    );

    // The same browser long after the referrer was seen there (5 days, the
    // window is 72 hours) is a friend who shares a computer: rewarded.
    let later = Buy {
        device: Some((ip, ua)),
        placed_at: now_secs() - 5 * DAY,
        updated_at: now_secs() - 5 * DAY,
        ..Buy::new("refs").with_code(&referrer.code)
    };
    later.send(&edge);
    assert_eq!(referrer.friends_rewarded(&edge), 1);
    assert_eq!(referrer.buy.balance(&edge), start + REFERRAL_POINTS);
    assert!(flag_of(&edge, &later).is_none());
}

#[test]
fn small_orders_cancelled_orders_and_rewarded_friends_earn_nothing() {
    let edge = Edge::from_env();
    let referrer = referrer(&edge, "refs", (&device().0, &device().1));
    let start = referrer.buy.balance(&edge);

    // Below the 50 USD minimum.
    let small = Buy {
        subtotal: "49.99".into(),
        ..Buy::new("refs").with_code(&referrer.code)
    };
    small.send(&edge);
    assert_eq!(referrer.friends_rewarded(&edge), 0);

    // Cancelled when it arrives: no decision at all.
    let cancelled = Buy {
        cancelled: true,
        ..Buy::new("refs").with_code(&referrer.code)
    };
    cancelled.send(&edge);

    // A friend rewarded, whose order is then cancelled, orders again: no
    // earlier live order, but the referrer was already rewarded for them.
    let friend = Buy::new("refs").with_code(&referrer.code);
    friend.send(&edge);
    assert_eq!(referrer.friends_rewarded(&edge), 1);
    Buy {
        cancelled: true,
        updated_at: now_secs() - 30,
        ..friend.clone()
    }
    .send(&edge);
    // The cancellation took the unspent reward back…
    assert_eq!(referrer.friends_rewarded(&edge), 0);
    assert_eq!(referrer.buy.balance(&edge), start);
    // …and the referrer is still not rewarded twice for one friend.
    let again = friend.again().with_code(&referrer.code);
    again.send(&edge);
    assert_eq!(referrer.friends_rewarded(&edge), 0);
    assert_eq!(referrer.buy.balance(&edge), start);

    assert_eq!(
        decisions("refs", &[&small, &cancelled, &friend, &again]),
        sorted(vec![
            (
                small.id.to_string(),
                "refused".into(),
                json!({ "refusal": "belowMinimum", "minimumMinor": 5000, "orderMinor": 4999 })
            ),
            (friend.id.to_string(), "rewarded".into(), Value::Null),
            (
                again.id.to_string(),
                "refused".into(),
                json!({ "refusal": "alreadyRewarded" })
            ),
        ])
    );
}

#[test]
fn a_woocommerce_order_redeems_through_its_coupon_lines() {
    let edge = Edge::from_env();
    let referrer = referrer(&edge, "refs", (&device().0, &device().1));
    let id = unique_number();
    let order = json!({
        "id": id, "number": id.to_string(), "status": "processing", "currency": "USD",
        "date_created_gmt": rfc3339(now_secs() - 3600).trim_end_matches('Z'),
        "date_modified_gmt": rfc3339(now_secs() - 3600).trim_end_matches('Z'),
        "customer_id": 0, "total": "75.00",
        "customer_ip_address": "192.0.2.77", "customer_user_agent": "Mozilla/5.0 (Woo)",
        "billing": { "email": format!("{}@example.com", unique("woo")), "first_name": "Wu" },
        "line_items": [ { "id": unique_number(), "name": "Lantern", "product_id": 7, "quantity": 1,
                          "subtotal": "75.00", "total": "75.00", "price": 75 } ],
        "coupon_lines": [ { "id": 1, "code": referrer.code.to_lowercase() } ]
    });
    let mut order = order;
    // On hold (a bank transfer not yet received): nothing yet.
    order["status"] = json!("on-hold");
    edge.webhooks("refs")
        .woocommerce("order.created", &unique("wc-"), &order)
        .assert_status(200);
    assert_eq!(referrer.friends_rewarded(&edge), 0);
    // Paid: processing redeems.
    order["status"] = json!("processing");
    order["date_modified_gmt"] = json!(rfc3339(now_secs() - 1800).trim_end_matches('Z'));
    edge.webhooks("refs")
        .woocommerce("order.updated", &unique("wc-"), &order)
        .assert_status(200);
    assert_eq!(referrer.friends_rewarded(&edge), 1);
    // Refunded in full: the unspent reward is taken back.
    order["status"] = json!("refunded");
    order["date_modified_gmt"] = json!(rfc3339(now_secs() - 60).trim_end_matches('Z'));
    edge.webhooks("refs")
        .woocommerce("order.updated", &unique("wc-"), &order)
        .assert_status(200);
    assert_eq!(referrer.friends_rewarded(&edge), 0);
}

#[test]
fn a_coupon_reward_is_issued_once_with_loyalty_points_on_top() {
    let edge = Edge::from_env();
    let referrer = referrer(&edge, "gift", (&device().0, &device().1));
    let card = referrer.buy.rewards(&edge)["referral"].clone();
    assert_eq!(
        card["friendOffer"],
        json!({ "type": "amount", "minor": 1000 })
    );
    assert_eq!(card["reward"], json!({ "type": "amount", "minor": 1000 }));
    // 80 USD at a point a dollar; no tiers.
    assert_eq!(
        referrer.buy.rewards(&edge)["loyalty"],
        json!({ "balance": 80, "tier": null, "nextTier": null, "pointsToNext": 0,
                "progressPercent": 100 })
    );
    let friend = Buy::new("gift").with_code(&referrer.code);
    friend.send(&edge);
    friend.send(&edge);
    assert_eq!(referrer.friends_rewarded(&edge), 1);
    assert_eq!(referrer.buy.balance(&edge), 80 + 200);
    let rows = d1(&format!(
        "SELECT outcome, incentive, coupon FROM referral_redemptions WHERE shop_id = 'gift' \
         AND order_id = '{}'",
        friend.id
    ));
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["outcome"], "rewarded");
    assert_eq!(rows[0]["incentive"], r#"{"type":"amount","minor":1000}"#);
    let coupon = rows[0]["coupon"].as_str().unwrap();
    let symbols = coupon.strip_prefix("REF-").unwrap();
    assert!(ReferralCode::parse(symbols).is_ok(), "{coupon}");
}

#[test]
fn share_links_redirect_to_the_shop_with_the_code_and_count_the_click() {
    let edge = Edge::from_env();
    let referrer = referrer(&edge, "refs", (&device().0, &device().1));
    let code = &referrer.code;

    let reply = edge.share_link(&code.to_lowercase(), &[("user-agent", "Friend/1")]);
    reply.assert_status(302);
    assert_eq!(
        reply.header("location"),
        Some(format!("https://refs.example/discount/{code}?redirect=/").as_str())
    );
    assert_eq!(reply.header("cache-control"), Some("no-store"));
    // Counted after the response; stored as the visitor's hash
    // (tests/tests/api/privacy.rs has what is stored and how often).
    let clicks = d1(&format!(
        "SELECT visitor, at FROM referral_clicks WHERE code = '{code}'"
    ));
    assert_eq!(clicks.len(), 1, "{clicks:?}");
    assert_eq!(clicks[0]["visitor"].as_str().unwrap().len(), 64);
    assert!(clicks[0]["at"].as_i64().unwrap() >= now_secs() - 600);

    // A WooCommerce shop's convention.
    let gift = referrer_code(&edge, "gift");
    let reply = edge.share_link(&gift, &[]);
    assert_eq!(reply.status, 302);
    assert_eq!(
        reply.header("location"),
        Some(format!("https://gift.example/?coupon={gift}").as_str())
    );

    // One symbol off: the check symbol catches it, in the visitor's language.
    let mut typo: Vec<char> = code.chars().collect();
    typo[2] = if typo[2] == '2' { '3' } else { '2' };
    let typo: String = typo.into_iter().collect();
    let problem = edge.share_link(&typo, &[]).assert_problem(404, "not_found");
    assert_eq!(
        problem["detail"],
        "That code doesn't look right. Please check it and try again."
    );
    let problem = edge
        .share_link(&typo, &[("accept-language", "sv-SE,sv;q=0.9")])
        .assert_problem(404, "not_found");
    assert_eq!(
        problem["detail"],
        "Koden ser inte rätt ut. Kontrollera den och försök igen."
    );
    // Well formed, but nobody's.
    let unknown = ReferralCode::generate(unique_number());
    let problem = edge
        .share_link(&unknown.to_string(), &[])
        .assert_problem(404, "not_found");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("referral link"),
        "{problem}"
    );
    edge.share_link("not-a-code-at-all", &[])
        .assert_problem(404, "not_found");
    edge.request("POST", &format!("/r/{code}"), &[], None)
        .assert_problem(405, "method_not_allowed");
    // Refused visits are not clicks.
    let clicks = d1(&format!(
        "SELECT COUNT(*) AS n FROM referral_clicks WHERE code = '{code}'"
    ));
    assert_eq!(clicks[0]["n"], 1);
}

fn referrer_code(edge: &Edge, shop: &'static str) -> String {
    referrer(edge, shop, (&device().0, &device().1)).code
}

#[test]
fn the_flag_list_is_the_merchants_alone_and_pages_newest_first() {
    let edge = Edge::from_env();
    let refs = edge.admin("refs", REFS_ADMIN_KEY);
    refs.with_auth(Auth::None)
        .referral_flags("")
        .assert_problem(401, "unauthorized");
    refs.with_auth(Auth::bearer("gift-admin-key"))
        .referral_flags("")
        .assert_problem(401, "unauthorized");
    refs.referral_flags("?cursor=yesterday")
        .assert_problem(400, "invalid_field");

    // Two flags, one after the other.
    let referrer = referrer(&edge, "refs", (&device().0, &device().1));
    let first = Buy {
        customer: referrer.buy.customer,
        ..Buy::new("refs").with_code(&referrer.code)
    };
    first.send(&edge);
    let second = Buy {
        email: referrer.buy.email.clone(),
        customer: None,
        ..Buy::new("refs").with_code(&referrer.code)
    };
    second.send(&edge);
    let page = flags(&edge, "");
    let items = page["items"].as_array().unwrap();
    for order in [&first, &second] {
        assert!(
            items
                .iter()
                .any(|f| f["orderId"].as_str() == Some(order.id.to_string().as_str())),
            "{} not in {page}",
            order.id
        );
    }
    let times: Vec<i64> = items.iter().map(|f| secs(&f["flaggedAt"])).collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "{times:?}");
    // From an item's cursor on come the items after it, in the same order.
    let middle = items.len() / 2;
    let cursor = format!(
        "{}.{}",
        secs(&items[middle]["flaggedAt"]),
        items[middle]["orderId"].as_str().unwrap()
    );
    let after = flags(&edge, &format!("?cursor={cursor}"));
    let after = after["items"].as_array().unwrap();
    let key = |f: &Value| {
        (
            secs(&f["flaggedAt"]),
            f["orderId"].as_str().unwrap().to_owned(),
        )
    };
    assert!(
        after.iter().all(|f| key(f) < key(&items[middle])),
        "{after:?}"
    );
    // (Other tests may flag orders meanwhile, but never older ones.)
    for item in &items[middle + 1..] {
        assert!(after.contains(item), "{item} missing after the cursor");
    }
    // Another shop's flags are not here.
    let gift = edge.admin("gift", "gift-admin-key").referral_flags("");
    assert_eq!(gift.status, 200);
    assert!(!gift.text().contains(&first.id.to_string()));
}
