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
