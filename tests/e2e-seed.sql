-- A second shop for the end-to-end suite, so webhook tests that replay real
-- fixtures (whose order numbers clash with the demo's) get a clean slate.
-- Test-only: `cargo xtask test` applies it after the demo seed.
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

-- Two shops for the returns admin tests (tests/tests/returns_admin.rs):
-- `desk` for the lifecycle, `hooks` for outbound webhooks, so one test's
-- webhook receiver never hears another test's returns.
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
-- Engagement for the lab shop's tests (tests/tests/engagement.rs): default
-- scheduling, a coupon for any review, moderated; content for the fixed
-- products lab-tent and lab-boots (other tests use fresh product ids).
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

-- Two shops for the referral and loyalty tests (tests/tests/referrals.rs),
-- so their friends' "first orders" are not the lab's fixture orders:
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
