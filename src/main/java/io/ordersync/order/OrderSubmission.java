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
 * @param received           the message the order arrived as (request body, record, file, EDI transaction set), kept
 *                           in the order's journey; null when the channel has none to show
 * @param receivedAs         what {@code received} is (e.g. "EDI 850 0001 of interchange 000000001"); null: the channel
 */
public record OrderSubmission(CanonicalOrder order, IntakeOrigin origin, String senderKey, String defaultLegalEntity,
                              String correlationId, String received, String receivedAs) {

    /** A submission without the message it arrived as. */
    public OrderSubmission(CanonicalOrder order, IntakeOrigin origin, String senderKey, String defaultLegalEntity,
                           String correlationId) {
        this(order, origin, senderKey, defaultLegalEntity, correlationId, null, null);
    }
}
