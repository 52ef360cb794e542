-- Referrals and loyalty. A shopper is their normalized mailbox
-- (aftercart_shared::referral::MailboxKey), as in engagement; rules live in
-- aftercart_shared::referral.

-- Each order's mailbox, for "has this friend ordered here before" (the
-- ingest writes it). Older rows: the same folding in SQL — a `+tag`
-- dropped everywhere, and dots too at Gmail (googlemail is gmail).
ALTER TABLE orders ADD COLUMN mailbox TEXT;
UPDATE orders SET mailbox = (
    SELECT CASE WHEN domain IN ('gmail.com', 'googlemail.com')
                THEN replace(local, '.', '') || '@gmail.com'
                ELSE local || '@' || domain END
    FROM (SELECT CASE WHEN instr(l, '+') > 0 THEN substr(l, 1, instr(l, '+') - 1) ELSE l END AS local, d AS domain
          FROM (SELECT substr(orders.email, 1, instr(orders.email, '@') - 1) AS l,
                       substr(orders.email, instr(orders.email, '@') + 1) AS d))
) WHERE email LIKE '%@%';
CREATE INDEX orders_by_mailbox ON orders (shop_id, mailbox, placed_at);
CREATE INDEX orders_by_customer ON orders (shop_id, customer_id, placed_at);

-- One code per shopper and shop, made when they first see their referral
-- card. Codes are unique across all shops, so a share link (/r/{code})
-- needs no shop. `email` is the referrer's address as on that order, for
-- the self-referral check.
CREATE TABLE referral_codes (
    code       TEXT PRIMARY KEY,
    shop_id    TEXT NOT NULL REFERENCES shops(id),
    mailbox    TEXT NOT NULL,
    email      TEXT NOT NULL,
    order_id   TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (shop_id, mailbox)
) STRICT;

-- Every visit of a share link.
CREATE TABLE referral_clicks (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL REFERENCES referral_codes(code),
    ip         TEXT NOT NULL,
    user_agent TEXT NOT NULL,
    at         INTEGER NOT NULL
) STRICT;
CREATE INDEX referral_clicks_by_code ON referral_clicks (code, at);

-- Where a shopper was seen (IP address and User-Agent), for "is this
-- friend the referrer on the same device". At most one row per device and
-- hour (the insert checks), so a busy shopper does not grow it without end.
CREATE TABLE shopper_sightings (
    shop_id    TEXT NOT NULL REFERENCES shops(id),
    mailbox    TEXT NOT NULL,
    ip         TEXT NOT NULL,
    user_agent TEXT NOT NULL,
    at         INTEGER NOT NULL
) STRICT;
CREATE INDEX shopper_sightings_by_device ON shopper_sightings (shop_id, mailbox, ip, user_agent, at);

-- The decision on each order that carried a referral code of the shop:
-- rewarded, flagged as a suspected self-referral (for the merchant's
-- review), or refused (not a first order, below the minimum, friend already
-- rewarded). The primary key makes an order redeem at most once, whatever
-- redeliveries or other webhooks for the same order say.
CREATE TABLE referral_redemptions (
    shop_id        TEXT NOT NULL REFERENCES shops(id),
    order_id       TEXT NOT NULL,
    code           TEXT NOT NULL REFERENCES referral_codes(code),
    friend_mailbox TEXT NOT NULL,
    outcome        TEXT NOT NULL CHECK (outcome IN ('rewarded', 'flagged', 'refused')),
    -- rewarded: the referrer's Incentive (JSON), and the coupon issued for
    -- an amount or percent reward.
    incentive      TEXT,
    coupon         TEXT UNIQUE,
    -- flagged: referral::FraudFlag (sameMailbox, sameCustomer, sameDevice).
    flag           TEXT,
    -- flagged or refused: referral::Refusal (JSON).
    refusal        TEXT,
    decided_at     INTEGER NOT NULL,
    PRIMARY KEY (shop_id, order_id),
    CHECK ((outcome = 'rewarded') = (incentive IS NOT NULL)),
    CHECK ((outcome = 'flagged') = (flag IS NOT NULL))
) STRICT, WITHOUT ROWID;
-- A referrer is rewarded once per friend, even for two first orders that
-- arrive at the same moment.
CREATE UNIQUE INDEX referral_rewards_once_per_friend
    ON referral_redemptions (code, friend_mailbox) WHERE outcome = 'rewarded';
CREATE INDEX referral_redemptions_by_outcome ON referral_redemptions (shop_id, outcome, decided_at);

-- The loyalty ledger: postings (referral::Posting), fixed when made, so a
-- change of the merchant's rules never rewrites history. `source` names
-- what made each one — purchase:{order}, cancelled:{order}, review:{id},
-- referral:{friend's order} — and is unique per shop, which makes every
-- posting idempotent. `seq` is the order they fold in.
CREATE TABLE loyalty_ledger (
    seq     INTEGER PRIMARY KEY,
    shop_id TEXT NOT NULL REFERENCES shops(id),
    source  TEXT NOT NULL,
    mailbox TEXT NOT NULL,
    kind    TEXT NOT NULL CHECK (kind IN ('earned', 'taken_back', 'spent')),
    points  INTEGER NOT NULL CHECK (points > 0),
    at      INTEGER NOT NULL,
    UNIQUE (shop_id, source)
) STRICT;
CREATE INDEX loyalty_ledger_by_shopper ON loyalty_ledger (shop_id, mailbox, seq);
