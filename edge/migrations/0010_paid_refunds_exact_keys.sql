-- Issue 11: referrals wait for payment, returns follow refunds, and a
-- shopper's own records are keyed on their exact address.

-- Each order's payment (aftercart_shared::ingest::Payment: unpaid, paid,
-- reversed), written with the order's row. Existing orders are NULL until
-- their next webhook says: their referrals were decided already, and a
-- NULL order is never "paid" for a new decision nor "reversed" for a
-- revocation.
ALTER TABLE orders ADD COLUMN payment TEXT
    CHECK (payment IS NULL OR payment IN ('unpaid', 'paid', 'reversed'));

-- When a reward was taken back because its order was cancelled, refunded
-- or its payment failed. The row stays 'rewarded' (the referrer was once
-- rewarded for this friend, and the once-per-friend index keeps holding);
-- a revoked reward no longer counts and its points are taken back.
ALTER TABLE referral_redemptions ADD COLUMN revoked_at INTEGER;
