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

-- A shopper's own records are keyed on their exact address (trimmed and
-- lowercased, as aftercart_shared::Email stores it in orders.email), no
-- longer on the folded mailbox (+tags and Gmail dots dropped), which
-- showed erik+x@ Erik's points and code. Existing rows were written with
-- the folded key; each is re-keyed from the address of the order that made
-- it, so every row lands on the shopper whose order earned it. Rows whose
-- order has no address keep their key (`order:{id}`). Folded keys stay
-- where they catch self-referral: orders.mailbox, shopper_sightings and
-- referral_redemptions.friend_mailbox.

-- A code belongs to the address it was made for (`email`, the order's
-- address when its card was first shown). One code per folded mailbox
-- means one per address, so UNIQUE (shop_id, mailbox) still holds.
UPDATE referral_codes SET mailbox = email;

-- Ledger postings, by what made them.
UPDATE loyalty_ledger SET mailbox = (
    SELECT o.email FROM orders o
    WHERE o.shop_id = loyalty_ledger.shop_id
      AND o.id = substr(loyalty_ledger.source, instr(loyalty_ledger.source, ':') + 1)
) WHERE (source LIKE 'purchase:%' OR source LIKE 'cancelled:%') AND EXISTS (
    SELECT 1 FROM orders o
    WHERE o.shop_id = loyalty_ledger.shop_id
      AND o.id = substr(loyalty_ledger.source, instr(loyalty_ledger.source, ':') + 1)
      AND o.email <> ''
);
UPDATE loyalty_ledger SET mailbox = (
    SELECT o.email FROM reviews r JOIN orders o ON o.shop_id = r.shop_id AND o.id = r.order_id
    WHERE r.shop_id = loyalty_ledger.shop_id AND r.id = substr(loyalty_ledger.source, 8)
) WHERE source LIKE 'review:%' AND EXISTS (
    SELECT 1 FROM reviews r JOIN orders o ON o.shop_id = r.shop_id AND o.id = r.order_id
    WHERE r.shop_id = loyalty_ledger.shop_id AND r.id = substr(loyalty_ledger.source, 8)
      AND o.email <> ''
);
-- A referral's points (and their revocation) are the code owner's.
UPDATE loyalty_ledger SET mailbox = (
    SELECT c.email FROM referral_redemptions d JOIN referral_codes c ON c.code = d.code
    WHERE d.shop_id = loyalty_ledger.shop_id
      AND d.order_id = substr(loyalty_ledger.source, instr(loyalty_ledger.source, ':') + 1)
) WHERE (source LIKE 'referral:%' OR source LIKE 'revoked:%') AND EXISTS (
    SELECT 1 FROM referral_redemptions d
    WHERE d.shop_id = loyalty_ledger.shop_id
      AND d.order_id = substr(loyalty_ledger.source, instr(loyalty_ledger.source, ':') + 1)
);

-- Engagement history, reviews and NPS answers: the order's address.
UPDATE prompt_events SET mailbox = (
    SELECT o.email FROM orders o WHERE o.shop_id = prompt_events.shop_id AND o.id = prompt_events.order_id
) WHERE EXISTS (
    SELECT 1 FROM orders o WHERE o.shop_id = prompt_events.shop_id AND o.id = prompt_events.order_id
      AND o.email <> ''
);
UPDATE reviews SET mailbox = (
    SELECT o.email FROM orders o WHERE o.shop_id = reviews.shop_id AND o.id = reviews.order_id
) WHERE EXISTS (
    SELECT 1 FROM orders o WHERE o.shop_id = reviews.shop_id AND o.id = reviews.order_id
      AND o.email <> ''
);
UPDATE nps_responses SET mailbox = (
    SELECT o.email FROM orders o WHERE o.shop_id = nps_responses.shop_id AND o.id = nps_responses.order_id
) WHERE EXISTS (
    SELECT 1 FROM orders o WHERE o.shop_id = nps_responses.shop_id AND o.id = nps_responses.order_id
      AND o.email <> ''
);

-- Units the shop refunded per line (Shopify refunds[].refund_line_items[],
-- WooCommerce refunded quantities); `quantity` is now net of them and of
-- edits (Shopify current_quantity). Existing lines: 0, as they were read.
ALTER TABLE line_items ADD COLUMN refunded INTEGER NOT NULL DEFAULT 0 CHECK (refunded >= 0);

-- The over-return guard counts units ordered, which is now what is left
-- plus what was refunded: a return here that the shop then refunded must
-- not make the shopper's remaining units unreturnable. Same rule as
-- before on existing rows (refunded is 0 there).
DROP TRIGGER return_items_never_exceed_the_order;
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
    SELECT quantity + refunded FROM line_items
    WHERE shop_id = NEW.shop_id
      AND id = NEW.line_item_id
      AND order_id = (SELECT order_id FROM returns WHERE shop_id = NEW.shop_id AND seq = NEW.seq)
)
BEGIN
    SELECT RAISE(ABORT, 'over_returned');
END;
