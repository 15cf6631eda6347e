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
    FAILED,
    /** The warehouse reserved stock for every open line. */
    ALLOCATED,
    /** Some quantity waits for stock; the event carries the new expected delivery date. */
    BACKORDERED,
    /** Some, not all, ordered quantity has left the warehouse. */
    PARTIALLY_SHIPPED,
    /** Every accepted line has shipped in full. */
    SHIPPED,
    /** The carrier delivered every shipment. */
    DELIVERED,
    /** The ERP invoiced the order (or part of it). */
    INVOICED,
    /** Payments cover only part of the invoiced amount. */
    PARTIALLY_PAID,
    /** Payments cover the invoiced amount. */
    PAID,
    /** A return was authorised. */
    RETURN_AUTHORIZED,
    /** A credit memo was issued. */
    CREDITED
}
