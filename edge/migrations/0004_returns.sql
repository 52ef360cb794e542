-- Returns. A return's public number (RMA) is derived from its per-shop
-- sequence number; see aftercart_shared::returns::RmaNumber.

-- Merchant configuration as JSON documents, e.g. key 'returns_policy'.
CREATE TABLE shop_settings (
    shop_id TEXT NOT NULL REFERENCES shops(id),
    key     TEXT NOT NULL,
    value   TEXT NOT NULL,
    PRIMARY KEY (shop_id, key)
) STRICT, WITHOUT ROWID;

CREATE TABLE return_counters (
    shop_id TEXT PRIMARY KEY REFERENCES shops(id),
    next    INTEGER NOT NULL
) STRICT;

CREATE TABLE returns (
    shop_id         TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    order_id        TEXT NOT NULL,
    status          TEXT NOT NULL,
    resolution      TEXT NOT NULL,
    currency        TEXT NOT NULL,
    items_minor     INTEGER NOT NULL,
    bonus_minor     INTEGER NOT NULL,
    fee_minor       INTEGER NOT NULL,
    total_minor     INTEGER NOT NULL,
    -- The shopper's retry of the same request returns the same return.
    idempotency_key TEXT NOT NULL,
    request_sha256  TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    PRIMARY KEY (shop_id, seq),
    UNIQUE (shop_id, order_id, idempotency_key),
    FOREIGN KEY (shop_id, order_id) REFERENCES orders (shop_id, id)
) STRICT, WITHOUT ROWID;

CREATE TABLE return_items (
    shop_id             TEXT NOT NULL,
    seq                 INTEGER NOT NULL,
    line_item_id        TEXT NOT NULL,
    quantity            INTEGER NOT NULL CHECK (quantity > 0),
    unit_price_minor    INTEGER NOT NULL,
    amount_minor        INTEGER NOT NULL,
    reason              TEXT NOT NULL,
    exchange_variant_id TEXT,
    PRIMARY KEY (shop_id, seq, line_item_id),
    FOREIGN KEY (shop_id, seq) REFERENCES returns (shop_id, seq)
) STRICT, WITHOUT ROWID;

-- Every status change, with when and who.
CREATE TABLE return_events (
    shop_id     TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    at          INTEGER NOT NULL,
    actor       TEXT NOT NULL,
    from_status TEXT,
    to_status   TEXT NOT NULL,
    PRIMARY KEY (shop_id, seq, at, to_status)
) STRICT, WITHOUT ROWID;

-- The database itself refuses to return more units than were ordered, so
-- concurrent requests for the last unit cannot both succeed: D1 runs one
-- transaction at a time, and the loser's whole transaction aborts.
CREATE TRIGGER return_items_never_exceed_the_order BEFORE INSERT ON return_items
WHEN (
    SELECT COALESCE(SUM(ri.quantity), 0)
    FROM return_items ri
    JOIN returns r ON r.shop_id = ri.shop_id AND r.seq = ri.seq
    WHERE ri.shop_id = NEW.shop_id
      AND ri.line_item_id = NEW.line_item_id
      AND r.order_id = (SELECT order_id FROM returns WHERE shop_id = NEW.shop_id AND seq = NEW.seq)
      AND r.status NOT IN ('rejected', 'cancelled')
) + NEW.quantity > (
    SELECT quantity FROM line_items
    WHERE shop_id = NEW.shop_id
      AND id = NEW.line_item_id
      AND order_id = (SELECT order_id FROM returns WHERE shop_id = NEW.shop_id AND seq = NEW.seq)
)
BEGIN
    SELECT RAISE(ABORT, 'over_returned');
END;
