-- Engagement: what the widget showed and what the shopper did with it,
-- reviews and NPS answers. A shopper is identified across orders by their
-- normalized mailbox (aftercart_shared::referral::MailboxKey).
-- (0005 is kept for the returns admin and outbound webhooks.)

-- One line per showing, dismissal or answer; the scheduler's history.
CREATE TABLE prompt_events (
    shop_id    TEXT NOT NULL REFERENCES shops(id),
    mailbox    TEXT NOT NULL,
    order_id   TEXT NOT NULL,
    -- engage::PromptKind as camelCase, and the product for review requests.
    kind       TEXT NOT NULL,
    product_id TEXT,
    -- engage::Action: shown | dismissed | answered
    action     TEXT NOT NULL CHECK (action IN ('shown', 'dismissed', 'answered')),
    at         INTEGER NOT NULL
) STRICT;
CREATE INDEX prompt_events_by_shopper ON prompt_events (shop_id, mailbox, at);

CREATE TABLE reviews (
    shop_id      TEXT NOT NULL REFERENCES shops(id),
    id           TEXT NOT NULL,
    order_id     TEXT NOT NULL,
    line_item_id TEXT NOT NULL,
    product_id   TEXT NOT NULL,
    mailbox      TEXT NOT NULL,
    -- First name and initial, as shown with the review.
    author       TEXT NOT NULL,
    rating       INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    title        TEXT NOT NULL,
    body         TEXT NOT NULL,
    photo_url    TEXT,
    status       TEXT NOT NULL CHECK (status IN ('pending', 'published', 'rejected')),
    verified     INTEGER NOT NULL CHECK (verified IN (0, 1)),
    incentivized INTEGER NOT NULL CHECK (incentivized IN (0, 1)),
    coupon       TEXT,
    created_at   INTEGER NOT NULL,
    moderated_at INTEGER,
    PRIMARY KEY (shop_id, id),
    -- One review per line item: a resubmission is a conflict, not a second vote.
    UNIQUE (shop_id, order_id, line_item_id)
) STRICT;
CREATE INDEX reviews_by_product ON reviews (shop_id, product_id, status, created_at);
CREATE INDEX reviews_by_status ON reviews (shop_id, status, created_at);
CREATE INDEX reviews_by_mailbox ON reviews (shop_id, mailbox);

CREATE TABLE nps_responses (
    shop_id    TEXT NOT NULL REFERENCES shops(id),
    order_id   TEXT NOT NULL,
    mailbox    TEXT NOT NULL,
    score      INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
    comment    TEXT,
    created_at INTEGER NOT NULL,
    -- Once per order.
    PRIMARY KEY (shop_id, order_id)
) STRICT, WITHOUT ROWID;
