-- A delivery id comes from an unsigned header (Shopify's event id,
-- WooCommerce's delivery id), so a captured signed body replayed under a
-- fresh id passed the id check and was applied again. Each delivery now
-- also records the SHA-256 of its raw body, unique per shop and source:
-- the same bytes apply once whatever id they carry. Rows from before this
-- migration have no hash (their bodies were never kept) and dedupe on
-- their id alone.
ALTER TABLE webhook_deliveries ADD COLUMN body_sha256 TEXT;
CREATE UNIQUE INDEX webhook_deliveries_by_body
    ON webhook_deliveries (shop_id, source, body_sha256)
    WHERE body_sha256 IS NOT NULL;

-- A held delivery was replayed only when a later arrival released it, so
-- one that missed its release (the awaited order committed while it was
-- being held, a replay failed, a chain ran deeper than one request
-- follows) stayed held for good. The cron now replays held deliveries
-- whose `retry_at` has passed (`ingest::plan::held_retry_at` sets the
-- next one). Rows from before this migration are due at once.
ALTER TABLE held_deliveries ADD COLUMN retry_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX held_deliveries_due ON held_deliveries (retry_at);
