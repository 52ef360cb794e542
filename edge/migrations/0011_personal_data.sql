-- Issue 11, defect 10: personal data is stored as keyed hashes, clicks
-- are counted once per visitor and day, and the cron purges by age
-- (aftercart_shared::privacy::Retention).
--
-- A browser is stored as aftercart_shared::privacy::VisitorHash: the
-- HMAC-SHA256 (lowercase hex) of its IPv4 address or IPv6 /64 and its
-- User-Agent, under a key the edge derives from TOKEN_SECRET. SQL cannot
-- compute it (it has no key), so existing raw addresses and User-Agents
-- are not converted: they are dropped.

-- Share link visits. Existing clicks keep counting (the merchant's report
-- counts them) without their visitor: `visitor` is NULL there, as it is
-- for any click the purge has passed. A new click is one per code,
-- visitor and UTC day (`day`: days since the epoch): the unique key turns
-- a repeat into nothing (INSERT OR IGNORE). NULL visitors never collide,
-- and only past days have them.
CREATE TABLE referral_clicks_hashed (
    id      INTEGER PRIMARY KEY,
    code    TEXT NOT NULL REFERENCES referral_codes(code),
    day     INTEGER NOT NULL,
    visitor TEXT CHECK (visitor IS NULL OR length(visitor) = 64),
    at      INTEGER NOT NULL,
    UNIQUE (code, day, visitor)
) STRICT;
INSERT INTO referral_clicks_hashed (id, code, day, visitor, at)
    SELECT id, code, at / 86400, NULL, at FROM referral_clicks;
DROP TABLE referral_clicks;
ALTER TABLE referral_clicks_hashed RENAME TO referral_clicks;
CREATE INDEX referral_clicks_by_code ON referral_clicks (code, at);
-- The purge's range: clicks that still have a visitor, by age.
CREATE INDEX referral_clicks_visitor_by_age ON referral_clicks (at) WHERE visitor IS NOT NULL;

-- Where a shopper was seen, for the same-device check. Existing sightings
-- are deleted, not kept without their browser: a sighting is nothing but
-- its browser and time, and one that can never match is no evidence. The
-- check looks at most 30 days around an order, so at worst a referrer
-- seen only before this migration is not caught for those days.
DROP INDEX shopper_sightings_by_device;
DROP TABLE shopper_sightings;
CREATE TABLE shopper_sightings (
    shop_id TEXT NOT NULL REFERENCES shops(id),
    mailbox TEXT NOT NULL,
    visitor TEXT NOT NULL CHECK (length(visitor) = 64),
    at      INTEGER NOT NULL
) STRICT;
CREATE INDEX shopper_sightings_by_visitor ON shopper_sightings (shop_id, mailbox, visitor, at);
CREATE INDEX shopper_sightings_by_age ON shopper_sightings (at);

-- A held delivery's body is dropped once it is older than its retention,
-- unreplayed: the delivery's record stays (it dedupes redeliveries) and
-- says when its body went.
ALTER TABLE webhook_deliveries ADD COLUMN body_purged_at INTEGER;
CREATE INDEX held_deliveries_by_age ON held_deliveries (received_at);
