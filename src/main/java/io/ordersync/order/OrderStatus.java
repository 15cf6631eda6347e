package io.ordersync.order;

/** Where an order stands in the pipeline; each change is an {@link OrderEvent} in the timeline. */
public enum OrderStatus {
    /** Durable in the database, not yet confirmed by the ERP. */
    RECEIVED,
    /** The ERP created the order (all lines, or the lines it accepted). */
    ACCEPTED,
    /** The ERP accepted some lines and rejected others. */
    PARTIALLY_ACCEPTED,
    /** Business rejection: by the ERP (credit hold, unknown items) or by routing (no legal entity). */
    REJECTED,
    /** Technical failure past all retries; the message is in the dead-letter store. */
    FAILED
}
