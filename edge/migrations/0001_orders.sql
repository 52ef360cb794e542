-- Shops, orders and their tracking. Times are Unix seconds (UTC).

CREATE TABLE shops (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    created_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE orders (
    shop_id             TEXT NOT NULL REFERENCES shops(id),
    id                  TEXT NOT NULL,
    -- Normalized (OrderNumber::parse): uppercase, no '#', no whitespace.
    order_number        TEXT NOT NULL,
    display_number      TEXT NOT NULL,
    -- Normalized (Email::parse): trimmed, lowercase.
    email               TEXT NOT NULL,
    customer_first_name TEXT,
    customer_id         TEXT,
    placed_at           INTEGER NOT NULL,
    currency            TEXT NOT NULL,
    total_minor         INTEGER NOT NULL,
    cancelled_at        INTEGER,
    updated_at          INTEGER NOT NULL,
    PRIMARY KEY (shop_id, id)
) STRICT, WITHOUT ROWID;

CREATE UNIQUE INDEX orders_by_number ON orders (shop_id, order_number);
CREATE INDEX orders_by_email ON orders (shop_id, email, placed_at);

CREATE TABLE line_items (
    shop_id          TEXT NOT NULL,
    order_id         TEXT NOT NULL,
    id               TEXT NOT NULL,
    position         INTEGER NOT NULL DEFAULT 0,
    product_id       TEXT,
    title            TEXT NOT NULL,
    variant_title    TEXT,
    sku              TEXT,
    quantity         INTEGER NOT NULL CHECK (quantity >= 0),
    unit_price_minor INTEGER NOT NULL,
    image_url        TEXT,
    PRIMARY KEY (shop_id, order_id, id),
    FOREIGN KEY (shop_id, order_id) REFERENCES orders (shop_id, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE TABLE shipments (
    shop_id          TEXT NOT NULL,
    order_id         TEXT NOT NULL,
    id               TEXT NOT NULL,
    carrier          TEXT,
    tracking_number  TEXT,
    tracking_url     TEXT,
    carrier_estimate INTEGER,
    created_at       INTEGER NOT NULL,
    PRIMARY KEY (shop_id, order_id, id),
    FOREIGN KEY (shop_id, order_id) REFERENCES orders (shop_id, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE INDEX shipments_by_tracking ON shipments (shop_id, tracking_number);

CREATE TABLE shipment_items (
    shop_id      TEXT NOT NULL,
    order_id     TEXT NOT NULL,
    shipment_id  TEXT NOT NULL,
    line_item_id TEXT NOT NULL,
    quantity     INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (shop_id, order_id, shipment_id, line_item_id),
    FOREIGN KEY (shop_id, order_id, shipment_id) REFERENCES shipments (shop_id, order_id, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- A checkpoint's natural key makes a redelivered carrier event a no-op
-- (INSERT OR IGNORE), whatever order events arrive in.
CREATE TABLE checkpoints (
    shop_id     TEXT NOT NULL,
    order_id    TEXT NOT NULL,
    shipment_id TEXT NOT NULL,
    occurred_at INTEGER NOT NULL,
    status      TEXT NOT NULL,
    raw_status  TEXT NOT NULL,
    message     TEXT NOT NULL,
    sub_status  TEXT,
    location    TEXT,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (shop_id, order_id, shipment_id, occurred_at, raw_status, message),
    FOREIGN KEY (shop_id, order_id, shipment_id) REFERENCES shipments (shop_id, order_id, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
