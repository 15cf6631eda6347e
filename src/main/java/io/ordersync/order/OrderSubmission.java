package io.ordersync.order;

/**
 * One mapped order on its way into the hand-off route ({@code direct:accept-order}, routes/order-accept.camel.yaml),
 * with what the channel knows about it: where it came from (the duplicate-key namespace), the sender's own
 * Idempotency-Key (API callers only), the legal entity that applies when the order names none (an EDI partner's) and
 * the correlation id. Every channel builds one and hands it to the same route.
 *
 * @param order              the order as the channel's mapping produced it (runtime fields not yet set)
 * @param origin             the channel and namespace the runtime authenticated, never read from the document
 * @param senderKey          the sender's Idempotency-Key, or null
 * @param defaultLegalEntity the legal entity for an order that names none, or null
 * @param correlationId      the correlation id of the call, file or record that brought the order
 */
public record OrderSubmission(CanonicalOrder order, IntakeOrigin origin, String senderKey, String defaultLegalEntity,
                              String correlationId) {
}
