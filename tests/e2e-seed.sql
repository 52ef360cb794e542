-- A second shop for the end-to-end suite, so webhook tests that replay real
-- fixtures (whose order numbers clash with the demo's) get a clean slate.
-- Test-only: `cargo xtask test` applies it after the demo seed.
-- Every shop's webhook secret for a source is `{shop}-{source}-secret`:
-- the tests' client signs with that name (tests/src/webhook.rs).
INSERT INTO shops (id, name, created_at) VALUES ('lab', 'Fixture Lab', 0);
INSERT INTO webhook_secrets (shop_id, source, secret, previous_secret) VALUES
    ('lab', 'shopify', 'lab-shopify-secret', 'lab-shopify-secret-previous'),
    ('lab', 'aftership', 'lab-aftership-secret', NULL),
    ('lab', 'easypost', 'lab-easypost-secret', NULL),
    ('lab', 'woocommerce', 'lab-woocommerce-secret', NULL);
-- A plain policy for the lab shop's (USD) fixture orders. Product 990001 is
-- final sale and the reasons ask for sub-reasons, comments and photos, for
-- the widget's return flow test (tests/browser/returns.test.mjs).
INSERT INTO shop_settings (shop_id, key, value) VALUES ('lab', 'returns_policy', '{
  "currency": "USD",
  "window": { "days": 30, "startsAt": "delivery" },
  "rules": [ { "match": { "tag": "final-sale" }, "finalSale": true, "label": { "en": "Outlet items" } } ],
  "resolutions": { "refund": { "feeMinor": 500 }, "storeCredit": { "bonusPercent": 10 } },
  "reasons": [
    { "id": "changed_mind", "label": { "en": "Changed my mind" } },
    { "id": "fit", "label": { "en": "Doesn''t fit" },
      "subReasons": [ { "id": "too_small", "label": { "en": "Too small" } },
                      { "id": "too_large", "label": { "en": "Too large" } } ] },
    { "id": "damaged", "label": { "en": "Arrived damaged" }, "requiresComment": true, "requiresPhoto": true }
  ]
}');
-- Product 990001 is final sale (returns tests); lab-tent and lab-boots are
-- the fixed products of the engagement tests (other tests use fresh ids).
INSERT INTO shop_settings (shop_id, key, value) VALUES ('lab', 'product_catalog', '{
  "990001": { "tags": ["final-sale"] },
  "lab-tent": { "category": "tents" },
  "lab-boots": { "category": "footwear" }
}');

-- Two shops for the returns admin tests (tests/tests/api/returns_admin.rs
-- and outbound.rs): `desk` for the lifecycle, `hooks` for outbound
-- webhooks, so one test's webhook receiver never hears another test's
-- returns.
INSERT INTO shops (id, name, created_at) VALUES ('desk', 'Returns Desk', 0), ('hooks', 'Webhook Lab', 0);
INSERT INTO webhook_secrets (shop_id, source, secret, previous_secret) VALUES
    ('desk', 'shopify', 'desk-shopify-secret', NULL),
    ('hooks', 'shopify', 'hooks-shopify-secret', NULL);
-- SHA-256 of 'desk-admin-key' and 'hooks-admin-key'.
INSERT INTO admin_keys (shop_id, key_sha256, label, created_at) VALUES
    ('desk', 'aa5b58d25e3f7e6708f2a91beaa7e5f521976b7b10a787e03c8dddf4b6436032', 'e2e', 0),
    ('hooks', '2dc334cf03a0170f8dd82c3d160470af2f182167f746606258e9c34ebb98576d', 'e2e', 0);
INSERT INTO shop_settings (shop_id, key, value)
    SELECT id, 'returns_policy', (SELECT value FROM shop_settings WHERE shop_id = 'lab' AND key = 'returns_policy')
    FROM shops WHERE id IN ('desk', 'hooks');
-- Engagement for the lab shop's tests (tests/tests/api/engagement.rs and
-- reviews.rs): default scheduling, a coupon for any review, moderated;
-- content for the fixed products lab-tent and lab-boots (other tests use
-- fresh product ids).
INSERT INTO shop_settings (shop_id, key, value) VALUES ('lab', 'review_incentive', '{
  "incentive": { "type": "percent", "percent": 10 }, "couponCode": "THANKS10", "autoPublish": false
}');
INSERT INTO shop_settings (shop_id, key, value) VALUES ('lab', 'recommendations', '{
  "currency": "USD",
  "discountCode": "LAB10",
  "byProduct": { "lab-tent": [
    { "id": "lab-footprint", "title": "Footprint", "priceMinor": 3900, "url": "https://lab.example/footprint" },
    { "id": "lab-stakes", "title": "Stakes", "priceMinor": 1900, "url": "https://lab.example/stakes" } ] },
  "byCategory": { "footwear": [
    { "id": "lab-wax", "title": "Boot wax", "priceMinor": 1200, "url": "https://lab.example/wax" } ] }
}');
INSERT INTO shop_settings (shop_id, key, value) VALUES ('lab', 'usage_tips', '{
  "defaultLang": "en",
  "byCategory": { "tents": [ { "title": { "en": "Pitch it at home first", "sv": "Slå upp det hemma först" },
                               "body": { "en": "Practise once before the trip.", "sv": "Öva en gång före turen." } } ] }
}');
INSERT INTO shop_settings (shop_id, key, value) VALUES ('lab', 'thank_you', '{
  "defaultLang": "en", "message": { "en": "Thanks from the lab!", "sv": "Tack från labbet!" }
}');
-- The lab shop's admin key is 'lab-admin-key' (stored as its SHA-256).
INSERT INTO admin_keys (shop_id, key_sha256, label, created_at) VALUES
    ('lab', 'e81a9ebf4a61cf4db75b3786bf72ee82eb4460190583dc98e6944187673acc4c', 'lab', 0);

-- Shop `stats`: a fixed March 2026 for the analytics test
-- (tests/tests/api/analytics.rs), with rows just outside the month on every
-- side so the period's edges are exercised. Admin key `stats-admin-key`.
INSERT INTO shops (id, name, created_at) VALUES ('stats', 'Stats Lab', 0);
INSERT INTO admin_keys (shop_id, key_sha256, label, created_at) VALUES ('stats', 'dd9ac813b19094155de48d8503e76940556e36d40698f882cd0c020a789e2711', 'e2e', 0);
INSERT INTO shop_settings (shop_id, key, value) VALUES ('stats', 'returns_policy', '{
  "currency": "EUR",
  "window": { "days": 30, "startsAt": "delivery" },
  "resolutions": { "refund": {} },
  "reasons": [
    { "id": "fit", "label": { "en": "Doesn''t fit", "de": "Passt nicht" } },
    { "id": "damaged", "label": { "en": "Arrived damaged" } }
  ]
}');
INSERT INTO orders (shop_id, id, order_number, display_number, email, placed_at, currency, total_minor, cancelled_at, updated_at) VALUES ('stats', 'o1', 'SO1', '#SO1', 'buyer-o1@example.com', 1772452800, 'EUR', 10000, NULL, 1772452800);
INSERT INTO line_items (shop_id, order_id, id, position, product_id, title, quantity, unit_price_minor) VALUES ('stats', 'o1', 'a', 0, 'p-a', 'Item a', 2, 1000);
INSERT INTO orders (shop_id, id, order_number, display_number, email, placed_at, currency, total_minor, cancelled_at, updated_at) VALUES ('stats', 'o2', 'SO2', '#SO2', 'buyer-o2@example.com', 1772539200, 'EUR', 10000, NULL, 1772539200);
INSERT INTO line_items (shop_id, order_id, id, position, product_id, title, quantity, unit_price_minor) VALUES ('stats', 'o2', 'a', 0, 'p-a', 'Item a', 1, 1000);
INSERT INTO orders (shop_id, id, order_number, display_number, email, placed_at, currency, total_minor, cancelled_at, updated_at) VALUES ('stats', 'o3', 'SO3', '#SO3', 'buyer-o3@example.com', 1772625600, 'EUR', 10000, NULL, 1772625600);
INSERT INTO line_items (shop_id, order_id, id, position, product_id, title, quantity, unit_price_minor) VALUES ('stats', 'o3', 'b', 0, 'p-b', 'Item b', 1, 1000);
INSERT INTO line_items (shop_id, order_id, id, position, product_id, title, quantity, unit_price_minor) VALUES ('stats', 'o3', 'c', 1, 'p-c', 'Item c', 2, 1000);
INSERT INTO orders (shop_id, id, order_number, display_number, email, placed_at, currency, total_minor, cancelled_at, updated_at) VALUES ('stats', 'o4', 'SO4', '#SO4', 'buyer-o4@example.com', 1772712000, 'EUR', 10000, NULL, 1772712000);
INSERT INTO line_items (shop_id, order_id, id, position, product_id, title, quantity, unit_price_minor) VALUES ('stats', 'o4', 'a', 0, 'p-a', 'Item a', 1, 1000);
INSERT INTO orders (shop_id, id, order_number, display_number, email, placed_at, currency, total_minor, cancelled_at, updated_at) VALUES ('stats', 'o5', 'SO5', '#SO5', 'buyer-o5@example.com', 1774958400, 'EUR', 10000, NULL, 1774958400);
INSERT INTO line_items (shop_id, order_id, id, position, product_id, title, quantity, unit_price_minor) VALUES ('stats', 'o5', 'a', 0, 'p-a', 'Item a', 3, 1000);
INSERT INTO orders (shop_id, id, order_number, display_number, email, placed_at, currency, total_minor, cancelled_at, updated_at) VALUES ('stats', 'o6', 'SO6', '#SO6', 'buyer-o6@example.com', 1771891200, 'EUR', 10000, NULL, 1771891200);
INSERT INTO line_items (shop_id, order_id, id, position, product_id, title, quantity, unit_price_minor) VALUES ('stats', 'o6', 'a', 0, 'p-a', 'Item a', 4, 1000);
INSERT INTO orders (shop_id, id, order_number, display_number, email, placed_at, currency, total_minor, cancelled_at, updated_at) VALUES ('stats', 'o7', 'SO7', '#SO7', 'buyer-o7@example.com', 1773144000, 'EUR', 10000, 1773576000, 1773144000);
INSERT INTO line_items (shop_id, order_id, id, position, product_id, title, quantity, unit_price_minor) VALUES ('stats', 'o7', 'a', 0, 'p-a', 'Item a', 5, 1000);
INSERT INTO returns (shop_id, seq, order_id, status, resolution, currency, items_minor, bonus_minor, fee_minor, total_minor, idempotency_key, request_sha256, created_at) VALUES ('stats', 1, 'o1', 'received', 'refund', 'EUR', 1000, 0, 0, 1000, 'stats-1', '', 1774008000);
INSERT INTO return_items (shop_id, seq, line_item_id, quantity, unit_price_minor, amount_minor, reason) VALUES ('stats', 1, 'a', 1, 1000, 1000, '{"reasonId":"fit"}');
INSERT INTO returns (shop_id, seq, order_id, status, resolution, currency, items_minor, bonus_minor, fee_minor, total_minor, idempotency_key, request_sha256, created_at) VALUES ('stats', 2, 'o3', 'refunded', 'refund', 'EUR', 1000, 0, 0, 1000, 'stats-2', '', 1774008000);
INSERT INTO return_items (shop_id, seq, line_item_id, quantity, unit_price_minor, amount_minor, reason) VALUES ('stats', 2, 'c', 2, 1000, 2000, '{"reasonId":"fit"}');
INSERT INTO return_items (shop_id, seq, line_item_id, quantity, unit_price_minor, amount_minor, reason) VALUES ('stats', 2, 'b', 1, 1000, 1000, '{"reasonId":"damaged"}');
INSERT INTO returns (shop_id, seq, order_id, status, resolution, currency, items_minor, bonus_minor, fee_minor, total_minor, idempotency_key, request_sha256, created_at) VALUES ('stats', 3, 'o4', 'rejected', 'refund', 'EUR', 1000, 0, 0, 1000, 'stats-3', '', 1774008000);
INSERT INTO return_items (shop_id, seq, line_item_id, quantity, unit_price_minor, amount_minor, reason) VALUES ('stats', 3, 'a', 1, 1000, 1000, '{"reasonId":"changed_mind"}');
INSERT INTO returns (shop_id, seq, order_id, status, resolution, currency, items_minor, bonus_minor, fee_minor, total_minor, idempotency_key, request_sha256, created_at) VALUES ('stats', 4, 'o5', 'cancelled', 'refund', 'EUR', 1000, 0, 0, 1000, 'stats-4', '', 1774008000);
INSERT INTO return_items (shop_id, seq, line_item_id, quantity, unit_price_minor, amount_minor, reason) VALUES ('stats', 4, 'a', 1, 1000, 1000, '{"reasonId":"fit"}');
INSERT INTO returns (shop_id, seq, order_id, status, resolution, currency, items_minor, bonus_minor, fee_minor, total_minor, idempotency_key, request_sha256, created_at) VALUES ('stats', 5, 'o6', 'requested', 'refund', 'EUR', 1000, 0, 0, 1000, 'stats-5', '', 1774008000);
INSERT INTO return_items (shop_id, seq, line_item_id, quantity, unit_price_minor, amount_minor, reason) VALUES ('stats', 5, 'a', 1, 1000, 1000, '{"reasonId":"fit"}');
INSERT INTO prompt_events (shop_id, mailbox, order_id, kind, product_id, action, at) VALUES ('stats', 'buyer-o1@example.com', 'o1', 'reviewRequest', 'p-a', 'shown', 1772798400);
INSERT INTO prompt_events (shop_id, mailbox, order_id, kind, product_id, action, at) VALUES ('stats', 'buyer-o1@example.com', 'o1', 'reviewRequest', 'p-a', 'shown', 1772884800);
INSERT INTO prompt_events (shop_id, mailbox, order_id, kind, product_id, action, at) VALUES ('stats', 'buyer-o2@example.com', 'o2', 'reviewRequest', 'p-a', 'shown', 1772971200);
INSERT INTO prompt_events (shop_id, mailbox, order_id, kind, product_id, action, at) VALUES ('stats', 'buyer-o3@example.com', 'o3', 'reviewRequest', 'p-b', 'shown', 1773057600);
INSERT INTO prompt_events (shop_id, mailbox, order_id, kind, product_id, action, at) VALUES ('stats', 'buyer-o3@example.com', 'o3', 'reviewRequest', 'p-b', 'dismissed', 1773061200);
INSERT INTO prompt_events (shop_id, mailbox, order_id, kind, product_id, action, at) VALUES ('stats', 'buyer-o4@example.com', 'o4', 'reviewRequest', 'p-a', 'shown', 1772236800);
INSERT INTO prompt_events (shop_id, mailbox, order_id, kind, product_id, action, at) VALUES ('stats', 'buyer-o5@example.com', 'o5', 'reviewRequest', 'p-a', 'shown', 1775044800);
INSERT INTO reviews (shop_id, id, order_id, line_item_id, product_id, mailbox, author, rating, title, body, status, verified, incentivized, created_at) VALUES ('stats', 'r1', 'o1', 'a', 'p-a', 'buyer-o1@example.com', 'B.', 5, 'Title', 'Body', 'published', 1, 0, 1773144000);
INSERT INTO reviews (shop_id, id, order_id, line_item_id, product_id, mailbox, author, rating, title, body, status, verified, incentivized, created_at) VALUES ('stats', 'r2', 'o2', 'a', 'p-a', 'buyer-o2@example.com', 'B.', 4, 'Title', 'Body', 'published', 1, 0, 1773230400);
INSERT INTO reviews (shop_id, id, order_id, line_item_id, product_id, mailbox, author, rating, title, body, status, verified, incentivized, created_at) VALUES ('stats', 'r3', 'o3', 'b', 'p-b', 'buyer-o3@example.com', 'B.', 1, 'Title', 'Body', 'published', 1, 0, 1775044800);
INSERT INTO nps_responses (shop_id, order_id, mailbox, score, created_at) VALUES ('stats', 'o1', 'buyer-o1@example.com', 10, 1773316800);
INSERT INTO nps_responses (shop_id, order_id, mailbox, score, created_at) VALUES ('stats', 'o2', 'buyer-o2@example.com', 9, 1773316800);
INSERT INTO nps_responses (shop_id, order_id, mailbox, score, created_at) VALUES ('stats', 'o3', 'buyer-o3@example.com', 7, 1773403200);
INSERT INTO nps_responses (shop_id, order_id, mailbox, score, created_at) VALUES ('stats', 'o4', 'buyer-o4@example.com', 3, 1773489600);
INSERT INTO nps_responses (shop_id, order_id, mailbox, score, created_at) VALUES ('stats', 'o6', 'buyer-o6@example.com', 0, 1772150400);
INSERT INTO shipments (shop_id, order_id, id, carrier, tracking_number, carrier_estimate, created_at) VALUES ('stats', 'o1', 's1', 'DHL', 'Ts1', 1772755200, 1772323200);
INSERT INTO checkpoints (shop_id, order_id, shipment_id, occurred_at, status, raw_status, message, received_at) VALUES ('stats', 'o1', 's1', 1772625600, 'InTransit', 'intransit', 'InTransit', 1772625600);
INSERT INTO checkpoints (shop_id, order_id, shipment_id, occurred_at, status, raw_status, message, received_at) VALUES ('stats', 'o1', 's1', 1772827200, 'Delivered', 'delivered', 'Delivered', 1772827200);
INSERT INTO shipments (shop_id, order_id, id, carrier, tracking_number, carrier_estimate, created_at) VALUES ('stats', 'o2', 's2', 'DHL', 'Ts2', 1772841600, 1772323200);
INSERT INTO checkpoints (shop_id, order_id, shipment_id, occurred_at, status, raw_status, message, received_at) VALUES ('stats', 'o2', 's2', 1773046800, 'Delivered', 'delivered', 'Delivered', 1773046800);
INSERT INTO shipments (shop_id, order_id, id, carrier, tracking_number, carrier_estimate, created_at) VALUES ('stats', 'o3', 's3', 'DHL', 'Ts3', NULL, 1772323200);
INSERT INTO checkpoints (shop_id, order_id, shipment_id, occurred_at, status, raw_status, message, received_at) VALUES ('stats', 'o3', 's3', 1773230400, 'Delivered', 'delivered', 'Delivered', 1773230400);
INSERT INTO shipments (shop_id, order_id, id, carrier, tracking_number, carrier_estimate, created_at) VALUES ('stats', 'o6', 's4', 'DHL', 'Ts4', NULL, 1772323200);
INSERT INTO checkpoints (shop_id, order_id, shipment_id, occurred_at, status, raw_status, message, received_at) VALUES ('stats', 'o6', 's4', 1771545600, 'Delivered', 'delivered', 'Delivered', 1771545600);
INSERT INTO shipments (shop_id, order_id, id, carrier, tracking_number, carrier_estimate, created_at) VALUES ('stats', 'o4', 's5', 'DHL', 'Ts5', 1775088000, 1772323200);
INSERT INTO checkpoints (shop_id, order_id, shipment_id, occurred_at, status, raw_status, message, received_at) VALUES ('stats', 'o4', 's5', 1775131200, 'Delivered', 'delivered', 'Delivered', 1775131200);
INSERT INTO shipments (shop_id, order_id, id, carrier, tracking_number, carrier_estimate, created_at) VALUES ('stats', 'o5', 's6', 'DHL', 'Ts6', 1774915200, 1772323200);
INSERT INTO checkpoints (shop_id, order_id, shipment_id, occurred_at, status, raw_status, message, received_at) VALUES ('stats', 'o5', 's6', 1774944000, 'Delivered', 'delivered', 'Delivered', 1774944000);
INSERT INTO checkpoints (shop_id, order_id, shipment_id, occurred_at, status, raw_status, message, received_at) VALUES ('stats', 'o5', 's6', 1775034000, 'Delivered', 'delivered', 'Delivered', 1775034000);
-- Two shops for the referral and loyalty tests (tests/tests/api/referrals.rs
-- and loyalty.rs), so their friends' "first orders" are not the lab's fixture orders:
-- `refs` pays referrers in points and runs a loyalty program with tiers;
-- `gift` pays them a coupon (10 USD) and adds loyalty points on top.
-- The lab shop runs neither.
INSERT INTO shops (id, name, created_at) VALUES ('refs', 'Referral Lab', 0), ('gift', 'Gift Lab', 0);
INSERT INTO webhook_secrets (shop_id, source, secret, previous_secret) VALUES
    ('refs', 'shopify', 'refs-shopify-secret', NULL),
    ('refs', 'woocommerce', 'refs-woocommerce-secret', NULL),
    ('gift', 'shopify', 'gift-shopify-secret', NULL);
-- SHA-256 of 'refs-admin-key' and 'gift-admin-key'.
INSERT INTO admin_keys (shop_id, key_sha256, label, created_at) VALUES
    ('refs', '280c28be2d0e6f31e59c8ec665372f4b81020eecf633c421978e4a2ba3d6b3c1', 'e2e', 0),
    ('gift', '284201134f64fcb2112166d6d87953801d3e225dec4d8e38361a4048cc53eab2', 'e2e', 0);
INSERT INTO shop_settings (shop_id, key, value) VALUES
    ('refs', 'referrals', '{"platform":"shopify","shopHost":"refs.example","friendOffer":{"type":"percent","percent":15},"referrerReward":{"type":"points","points":500},"minOrderMinor":5000,"sameDeviceWindowHours":72}'),
    ('refs', 'loyalty', '{"pointsPerUnit":2,"reviewPoints":40,"referralPoints":300,"tiers":[{"name":"Bronze","threshold":100},{"name":"Silver","threshold":1000},{"name":"Gold","threshold":5000}]}'),
    ('gift', 'referrals', '{"platform":"woocommerce","shopHost":"gift.example","friendOffer":{"type":"amount","minor":1000},"referrerReward":{"type":"amount","minor":1000},"minOrderMinor":0,"sameDeviceWindowHours":24}'),
    ('gift', 'loyalty', '{"pointsPerUnit":1,"reviewPoints":10,"referralPoints":200,"tiers":[]}');
-- Referrals of the stats shop: two codes made in March, one in February;
-- clicks and decisions on both sides of the month. The clicks have no
-- visitor, like those from before migration 0011 (and those the purge
-- passed): each counts.
INSERT INTO referral_codes (code, shop_id, mailbox, email, order_id, created_at) VALUES ('STATS2AB', 'stats', 'buyer-o1@example.com', 'buyer-o1@example.com', 'o1', 1772884800);
INSERT INTO referral_codes (code, shop_id, mailbox, email, order_id, created_at) VALUES ('STATS2BE', 'stats', 'buyer-o2@example.com', 'buyer-o2@example.com', 'o2', 1773057600);
INSERT INTO referral_codes (code, shop_id, mailbox, email, order_id, created_at) VALUES ('STATS2CH', 'stats', 'buyer-o6@example.com', 'buyer-o6@example.com', 'o6', 1772064000);
INSERT INTO referral_clicks (code, day, visitor, at) VALUES ('STATS2AB', 1772971200 / 86400, NULL, 1772971200);
INSERT INTO referral_clicks (code, day, visitor, at) VALUES ('STATS2AB', 1772974800 / 86400, NULL, 1772974800);
INSERT INTO referral_clicks (code, day, visitor, at) VALUES ('STATS2BE', 1773144000 / 86400, NULL, 1773144000);
INSERT INTO referral_clicks (code, day, visitor, at) VALUES ('STATS2BE', 1773230400 / 86400, NULL, 1773230400);
INSERT INTO referral_clicks (code, day, visitor, at) VALUES ('STATS2CH', 1773316800 / 86400, NULL, 1773316800);
INSERT INTO referral_clicks (code, day, visitor, at) VALUES ('STATS2CH', 1772236800 / 86400, NULL, 1772236800);
INSERT INTO referral_clicks (code, day, visitor, at) VALUES ('STATS2AB', 1775044800 / 86400, NULL, 1775044800);
INSERT INTO referral_redemptions (shop_id, order_id, code, friend_mailbox, outcome, incentive, coupon, flag, refusal, decided_at) VALUES ('stats', 'f1', 'STATS2AB', 'friend1@example.com', 'rewarded', '{"type":"points","points":500}', NULL, NULL, NULL, 1773576000);
INSERT INTO referral_redemptions (shop_id, order_id, code, friend_mailbox, outcome, incentive, coupon, flag, refusal, decided_at) VALUES ('stats', 'f2', 'STATS2BE', 'friend2@example.com', 'flagged', NULL, NULL, 'sameDevice', '{"refusal":"fraud","flag":"sameDevice"}', 1773662400);
INSERT INTO referral_redemptions (shop_id, order_id, code, friend_mailbox, outcome, incentive, coupon, flag, refusal, decided_at) VALUES ('stats', 'f3', 'STATS2BE', 'friend3@example.com', 'refused', NULL, NULL, NULL, '{"refusal":"notFirstOrder"}', 1773748800);
INSERT INTO referral_redemptions (shop_id, order_id, code, friend_mailbox, outcome, incentive, coupon, flag, refusal, decided_at) VALUES ('stats', 'f4', 'STATS2CH', 'friend4@example.com', 'rewarded', '{"type":"points","points":500}', NULL, NULL, NULL, 1775131200);

-- The claims tests' shop (tests/tests/api/claims.rs): a returns policy and
-- a return webhook, so every lifecycle step owes an outbox row. The
-- webhook points at a closed port: deliveries fail and are retried, and
-- their outbox rows stay for the test to count.
INSERT INTO shops (id, name, created_at) VALUES ('proof', 'Proof Lab', 0);
-- EasyPost's secret as a merchant pastes it (NFC, é as one code point):
-- EasyPost's published signing example uses it (tests/tests/api/claims.rs).
INSERT INTO webhook_secrets (shop_id, source, secret, previous_secret) VALUES
    ('proof', 'shopify', 'proof-shopify-secret', NULL),
    ('proof', 'easypost', 'sécret', NULL);
-- SHA-256 of 'proof-admin-key'.
INSERT INTO admin_keys (shop_id, key_sha256, label, created_at) VALUES ('proof', 'e6a559ab3e7dcde90f6143d908be240e9a3f6ad408f4a768dde8f1d24fd58ae1', 'e2e', 0);
INSERT INTO shop_settings (shop_id, key, value)
    SELECT 'proof', 'returns_policy', value FROM shop_settings WHERE shop_id = 'lab' AND key = 'returns_policy';
INSERT INTO shop_settings (shop_id, key, value) VALUES ('proof', 'return_webhook', '{"url":"http://127.0.0.1:9/hooks","secret":"proof-signing-secret-0123456789"}');

-- The access tests' shop (tests/tests/api/access.rs): its token epoch is
-- raised by a test, which would end every other shop's tokens too if they
-- shared one. SHA-256 of 'vault-admin-key'.
INSERT INTO shops (id, name, created_at) VALUES ('vault', 'Vault Lab', 0);
INSERT INTO webhook_secrets (shop_id, source, secret, previous_secret) VALUES
    ('vault', 'shopify', 'vault-shopify-secret', NULL);
INSERT INTO admin_keys (shop_id, key_sha256, label, created_at) VALUES ('vault', 'ad86e9fa13ffcbc33540882306b06035c55ea9bbb37e125da77862a53cd6e57c', 'e2e', 0);

-- The mixed-load test's shop (tests/tests/api/mixed_load.rs): its orders
-- and returns are counted against what the edge acknowledged, so no other
-- test may write here. The lab shop's returns policy.
INSERT INTO shops (id, name, created_at) VALUES ('load', 'Load Lab', 0);
INSERT INTO webhook_secrets (shop_id, source, secret, previous_secret) VALUES
    ('load', 'shopify', 'load-shopify-secret', NULL);
INSERT INTO shop_settings (shop_id, key, value)
    SELECT 'load', 'returns_policy', value FROM shop_settings WHERE shop_id = 'lab' AND key = 'returns_policy';
-- And the refs shop's referral program, so friends' orders redeem codes.
INSERT INTO shop_settings (shop_id, key, value)
    SELECT 'load', key, value FROM shop_settings WHERE shop_id = 'refs' AND key IN ('referrals', 'loyalty');

-- The outbound URL tests' shop (tests/tests/api/outbound.rs): a return
-- webhook stored past the API, under rules older than today's, naming
-- 127.0.0.1 by its decimal spelling. The edge must refuse it at send time,
-- log why, and fetch nothing. SHA-256 of 'relay-admin-key'.
INSERT INTO shops (id, name, created_at) VALUES ('relay', 'Relay Lab', 0);
INSERT INTO webhook_secrets (shop_id, source, secret, previous_secret) VALUES
    ('relay', 'shopify', 'relay-shopify-secret', NULL);
INSERT INTO admin_keys (shop_id, key_sha256, label, created_at) VALUES ('relay', 'f7e92db7fd77354220e3157d1f4855be4ca48b3d61e79b71bea7014e1f0dadb2', 'e2e', 0);
INSERT INTO shop_settings (shop_id, key, value)
    SELECT 'relay', 'returns_policy', value FROM shop_settings WHERE shop_id = 'lab' AND key = 'returns_policy';
INSERT INTO shop_settings (shop_id, key, value) VALUES ('relay', 'return_webhook', '{"url":"https://2130706433/hooks","secret":"relay-signing-secret-0123456789"}');
-- The bad-input matrix's shop (tests/tests/api/bad_input.rs): every route
-- is sent what it must refuse, and no row of this shop may change, so no
-- other test uses it. Two orders (the second for "another order's token"),
-- neither delivered; a returns policy, so return requests are read deeply
-- before they are refused. SHA-256 of 'matrix-admin-key'.
INSERT INTO shops (id, name, created_at) VALUES ('matrix', 'Matrix Lab', 0);
INSERT INTO webhook_secrets (shop_id, source, secret, previous_secret) VALUES
    ('matrix', 'shopify', 'matrix-shopify-secret', NULL),
    ('matrix', 'aftership', 'matrix-aftership-secret', NULL),
    ('matrix', 'easypost', 'matrix-easypost-secret', NULL),
    ('matrix', 'woocommerce', 'matrix-woocommerce-secret', NULL);
INSERT INTO admin_keys (shop_id, key_sha256, label, created_at) VALUES ('matrix', 'ce25ae383476e819ac8f54eb717f8dce310dd2322d0a63149d95e679c9a780f2', 'e2e', 0);
INSERT INTO shop_settings (shop_id, key, value)
    SELECT 'matrix', 'returns_policy', value FROM shop_settings WHERE shop_id = 'lab' AND key = 'returns_policy';
INSERT INTO orders (shop_id, id, order_number, display_number, email, placed_at, currency, total_minor, cancelled_at, updated_at) VALUES
    ('matrix', 'm1', 'M1', '#M1', 'matrix-m1@example.com', 1772452800, 'USD', 10000, NULL, 1772452800),
    ('matrix', 'm2', 'M2', '#M2', 'matrix-m2@example.com', 1772452800, 'USD', 10000, NULL, 1772452800);
INSERT INTO line_items (shop_id, order_id, id, position, product_id, title, quantity, unit_price_minor) VALUES
    ('matrix', 'm1', 'a', 0, 'p-a', 'Item a', 1, 10000),
    ('matrix', 'm2', 'a', 0, 'p-a', 'Item a', 1, 10000);

-- Schemathesis' shop (xtask/src/schemathesis.rs): every generated request
-- names it, with its admin key as the bearer, so admin routes are reached
-- past authorization and a case can change nothing another test reads.
INSERT INTO shops (id, name, created_at) VALUES ('schema', 'Schema Lab', 0);
-- SHA-256 of 'ac_e2e_schema_fuzz_key'.
INSERT INTO admin_keys (shop_id, key_sha256, label, created_at) VALUES ('schema', '41b7d3e9919587326e3167bb7486676b88f08f0b27046746846580d6b9d2debc', 'e2e', 0);
