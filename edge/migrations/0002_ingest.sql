-- Webhook ingest and the merchant admin API.

-- Per shop and source: the signing secret, and the previous one during a
-- rotation (both are accepted until the previous is cleared).
CREATE TABLE webhook_secrets (
    shop_id         TEXT NOT NULL REFERENCES shops(id),
    source          TEXT NOT NULL CHECK (source IN ('shopify', 'aftership', 'easypost', 'woocommerce')),
    secret          TEXT NOT NULL,
    previous_secret TEXT,
    PRIMARY KEY (shop_id, source)
) STRICT, WITHOUT ROWID;

-- Merchant API keys. Only the SHA-256 (hex) of a key is stored.
CREATE TABLE admin_keys (
    shop_id    TEXT NOT NULL REFERENCES shops(id),
    key_sha256 TEXT NOT NULL,
    label      TEXT,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (shop_id, key_sha256)
) STRICT, WITHOUT ROWID;

-- Every accepted delivery. Written in the same transaction as its effects,
-- so a redelivery, even a concurrent one, is applied exactly once.
CREATE TABLE webhook_deliveries (
    shop_id     TEXT NOT NULL,
    source      TEXT NOT NULL,
    delivery_id TEXT NOT NULL,
    topic       TEXT,
    outcome     TEXT NOT NULL CHECK (outcome IN ('applied', 'held')),
    received_at INTEGER NOT NULL,
    PRIMARY KEY (shop_id, source, delivery_id)
) STRICT, WITHOUT ROWID;

-- Deliveries that arrived before what they belong to (a tracker before its
-- fulfillment, a fulfillment before its order). Kept whole and replayed
-- when the awaited order or parcel arrives; nothing is dropped.
CREATE TABLE held_deliveries (
    shop_id     TEXT NOT NULL,
    wait_key    TEXT NOT NULL,
    source      TEXT NOT NULL,
    delivery_id TEXT NOT NULL,
    topic       TEXT,
    body        TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (shop_id, wait_key, source, delivery_id)
) STRICT, WITHOUT ROWID;

-- Discount codes used at checkout (JSON array): referral redemption reads them.
ALTER TABLE orders ADD COLUMN discount_codes TEXT NOT NULL DEFAULT '[]';
