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
INSERT INTO shop_settings (shop_id, key, value) VALUES ('lab', 'product_catalog', '{
  "990001": { "tags": ["final-sale"] }
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
