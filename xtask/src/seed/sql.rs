//! The rows of the demo shop, as SQL for `wrangler d1 execute`: each
//! function appends the statements for one subject to `sql`.

use aftercart_shared::referral::{LoyaltyProgram, MailboxKey};
use aftercart_shared::token::sha256_hex;
use aftercart_shared::wire::WireName;
use aftercart_shared::{Email, OrderNumber, UnixTime};

use super::orders::{DEMO_ORDERS, DEMO_RETURNS, DemoOrder};
use super::settings::{DEMO_SETTINGS, LOYALTY};
use super::{DEMO_ADMIN_KEY, DEMO_SHOP, DEMO_SHOP_NAME, DEMO_WEBHOOK_SECRET, demo_referral_code};

/// Deletes everything of the demo shop's but the shop itself.
pub fn clear_shop(sql: &mut String) {
    *sql += &format!(
        "DELETE FROM webhook_attempts WHERE outbox_id IN \
         (SELECT id FROM webhook_outbox WHERE shop_id = '{DEMO_SHOP}');\n"
    );
    *sql += &format!(
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
        *sql += &format!("DELETE FROM {table} WHERE shop_id = '{DEMO_SHOP}';\n");
    }
}

/// The shop, its webhook secrets, its settings and its admin key (stored
/// hashed, as the edge compares it).
pub fn insert_shop(sql: &mut String, now: UnixTime) {
    *sql += &format!(
        "INSERT INTO shops (id, name, created_at) VALUES ('{DEMO_SHOP}', {}, {}) \
         ON CONFLICT (id) DO UPDATE SET name = excluded.name;\n",
        quote(DEMO_SHOP_NAME),
        now.secs()
    );
    for source in ["shopify", "aftership", "easypost", "woocommerce"] {
        *sql += &format!(
            "INSERT OR REPLACE INTO webhook_secrets (shop_id, source, secret, previous_secret) \
             VALUES ('{DEMO_SHOP}', '{source}', {}, NULL);\n",
            quote(DEMO_WEBHOOK_SECRET)
        );
    }
    // Stored as written, without the file's final newline.
    for (key, value) in DEMO_SETTINGS {
        let value = value.trim_end();
        *sql += &format!(
            "INSERT OR REPLACE INTO shop_settings (shop_id, key, value) VALUES ('{DEMO_SHOP}', '{key}', {});\n",
            quote(value)
        );
    }
    *sql += &format!(
        "INSERT OR REPLACE INTO admin_keys (shop_id, key_sha256, label, created_at) \
         VALUES ('{DEMO_SHOP}', '{}', 'demo', {});\n",
        sha256_hex(DEMO_ADMIN_KEY.as_bytes()),
        now.secs()
    );
}

/// Who an order belongs to, for orders built from a template.
pub struct Identity {
    pub order_id: String,
    pub number: String,
    pub email: String,
}

/// Appends the rows of one order (items, parcels, checkpoints) to `sql`.
pub fn insert_order(sql: &mut String, order: &DemoOrder, identity: &Identity, now: UnixTime) {
    let hours_ago = |h: i64| now.plus_secs(-h * 3600).secs();
    let order_id = &identity.order_id;
    let number = OrderNumber::parse(&identity.number)
        .map_or_else(|_| identity.number.clone(), |n| n.to_string());
    let email =
        Email::parse(&identity.email).map_or_else(|_| identity.email.clone(), |e| e.to_string());
    let total = order.total_minor();
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
                quote(event.status.wire_name()),
                quote(event.raw),
                quote(event.message),
                event.location.map_or_else(|| "NULL".into(), quote),
                now.secs(),
            );
        }
    }
}

/// Amounts as the demo policy computes them: a 49 kr refund fee, 10% more
/// as store credit.
pub fn insert_returns(sql: &mut String, now: UnixTime) {
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

/// Erik reviewed the socks of his earlier order: the public listing has
/// something to show, and Sofia's review prompt goes to the tent, the
/// product with no reviews yet.
pub fn insert_review(sql: &mut String, now: UnixTime) {
    *sql += &format!(
        "INSERT INTO reviews (shop_id, id, order_id, line_item_id, product_id, mailbox, author, rating, \
         title, body, photo_url, status, verified, incentivized, coupon, created_at, moderated_at) VALUES \
         ('{DEMO_SHOP}', 'rv_demo_socks_erik', 'demo-1009', 'li-socks', 'p-trail-socks', 'erik@example.com', \
         'Erik', 5, 'Warm and never itchy', 'Wore them for a week on Kungsleden; dry feet every evening.', \
         NULL, 'published', 1, 0, NULL, {at}, {at});\n",
        at = now.plus_days(-14).secs()
    );
}

/// Points for every live demo order and Erik's review; Nils has a code, a
/// friend he was rewarded for and a flagged attempt to refer himself.
pub fn insert_rewards(sql: &mut String, now: UnixTime) {
    let loyalty = LoyaltyProgram::from_json(LOYALTY).unwrap_or_default();
    let rules = loyalty.rules("SEK");
    // A shopper's own ledger is keyed on their exact address, as the edge
    // keys it (engage::shopper_key); only orders.mailbox is folded.
    let mut post = |source: &str, email: &str, points: u64, at: i64| {
        let mailbox =
            Email::parse(email).map_or_else(|_| email.to_owned(), |e| e.as_str().to_owned());
        *sql += &format!(
            "INSERT INTO loyalty_ledger (shop_id, source, mailbox, kind, points, at) VALUES \
             ('{DEMO_SHOP}', {}, {}, 'earned', {points}, {at});\n",
            quote(source),
            quote(&mailbox)
        );
    };
    for order in DEMO_ORDERS.iter().filter(|o| !o.cancelled) {
        let points = rules.points_for(order.total_minor());
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

/// A SQL string literal.
pub fn quote(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}
