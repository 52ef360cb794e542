-- Return administration: merchant notes on events, and outbound webhooks
-- through a transactional outbox.

-- The merchant's note on a status change, e.g. why a return was rejected.
ALTER TABLE return_events ADD COLUMN note TEXT;

-- One row per return event to send to the merchant's `return_webhook`,
-- written in the same D1 batch as the event itself, so an event is never
-- stored without its delivery nor announced without being stored. A return
-- reaches each status at most once, which makes (shop_id, seq, to_status)
-- the event's identity.
CREATE TABLE webhook_outbox (
    id              INTEGER PRIMARY KEY,
    shop_id         TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    to_status       TEXT NOT NULL,
    state           TEXT NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    -- Due when pending and this has passed. While an attempt runs it holds
    -- a short lease here, so a cron run and a retry never send it twice.
    next_attempt_at INTEGER,
    created_at      INTEGER NOT NULL,
    UNIQUE (shop_id, seq, to_status),
    FOREIGN KEY (shop_id, seq) REFERENCES returns (shop_id, seq)
) STRICT;

CREATE INDEX webhook_outbox_due ON webhook_outbox (state, next_attempt_at);

-- Every attempt: when, how long, and what the merchant's endpoint said.
CREATE TABLE webhook_attempts (
    outbox_id   INTEGER NOT NULL REFERENCES webhook_outbox (id),
    attempt     INTEGER NOT NULL,
    at          INTEGER NOT NULL,
    http_status INTEGER,
    error       TEXT,
    duration_ms INTEGER NOT NULL,
    PRIMARY KEY (outbox_id, attempt)
) STRICT, WITHOUT ROWID;
