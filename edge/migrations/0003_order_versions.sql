-- When the source last changed each order, so a late webhook carrying an
-- older version cannot undo a newer one (e.g. revert a cancellation).
ALTER TABLE orders ADD COLUMN source_changed_at INTEGER;
