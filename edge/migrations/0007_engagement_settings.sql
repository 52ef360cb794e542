-- Engagement, second part. The settings themselves are JSON documents in
-- shop_settings (keys engage, review_incentive, recommendations, usage_tips,
-- thank_you); the scheduler's history needs one more fact: whether a
-- recommendations prompt carried the merchant's discount, because
-- engage::Prompt::Recommendations { discount } is compared whole when a
-- shown prompt is dismissed or answered.
ALTER TABLE prompt_events ADD COLUMN discount INTEGER NOT NULL DEFAULT 0 CHECK (discount IN (0, 1));

-- Once-per-order questions and "was this prompt already closed on this
-- order" are asked per order.
CREATE INDEX prompt_events_by_order ON prompt_events (shop_id, order_id, kind);

-- Analytics: NPS over time per shop.
CREATE INDEX nps_responses_by_time ON nps_responses (shop_id, created_at);
