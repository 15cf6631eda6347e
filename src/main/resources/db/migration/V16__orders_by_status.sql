-- The failed-orders gauge (ordersync_orders_failed) counts orders by status and legal entity at every scrape
-- (at most once per 5 s): an index, so that the count reads the few failed orders, not the whole table.
CREATE INDEX ix_orders_status_entity ON orders (status, legal_entity);
