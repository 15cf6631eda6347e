-- The order gauges (ordersync_orders, ordersync_orders_stuck) count at every scrape (at most once per 5 s): indexes
-- that hold the columns counted, so that the counts read an index, not every order's canonical JSON.
CREATE INDEX ix_orders_channel_entity_status ON orders (source_channel, legal_entity, status);
CREATE INDEX ix_orders_status_updated ON orders (status, updated_at);
