-- The W3C traceparent of the span that stored an order or an event (null with tracing off): a publication by the
-- outbox relay continues that trace instead of starting one of its own.
ALTER TABLE orders ADD COLUMN trace_parent VARCHAR(55);
ALTER TABLE order_events ADD COLUMN trace_parent VARCHAR(55);
