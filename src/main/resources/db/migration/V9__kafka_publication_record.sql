-- Every confirmed hand-off of an order or event to Kafka is recorded: published_at stays the first one,
-- publish_count counts them all (intake, outbox relay, reconciliation) and last_published_at is the latest.
-- The outbox relay re-publishes an order still waiting for its ERP outcome when last_published_at is older than
-- ordersync.outbox.republish-after-ms: once per that period, not at every relay run.
ALTER TABLE orders ADD COLUMN publish_count INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE orders ADD COLUMN last_published_at TIMESTAMP WITH TIME ZONE;
UPDATE orders SET publish_count = 1, last_published_at = published_at WHERE published_at IS NOT NULL;
ALTER TABLE order_events ADD COLUMN publish_count INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE order_events ADD COLUMN last_published_at TIMESTAMP WITH TIME ZONE;
UPDATE order_events SET publish_count = 1, last_published_at = published_at WHERE published_at IS NOT NULL;
