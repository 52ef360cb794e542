-- Shopper tokens carry the shop's token epoch at minting (shared::token).
-- Raising it revokes every token minted before: after a leak, or when a
-- shopper asks. Existing shops start at 0, which is also the epoch that
-- tokens from before this migration (v1) are read as.
ALTER TABLE shops ADD COLUMN token_epoch INTEGER NOT NULL DEFAULT 0 CHECK (token_epoch >= 0);
