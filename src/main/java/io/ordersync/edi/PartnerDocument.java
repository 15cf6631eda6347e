package io.ordersync.edi;

import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.OrderEvent;
import java.time.Clock;

/**
 * A business document ordersync sends a trading partner about one of the partner's orders, written from one order
 * event: the 855 / ORDRSP for an acceptance or rejection, the 856 / DESADV for a shipment, the 810 / INVOIC for an
 * invoice. Each is one interchange in the partner's own envelope and delimiters, validated against its
 * {@code edi-specs} schema before it is returned.
 */
interface PartnerDocument {

    /** The document's name as partners know it ("855", "DESADV"); the outbox file names start with it. */
    String name();

    /**
     * The document for an order and one of its events.
     *
     * @param order   the canonical order the partner sent
     * @param event   the event this document reports
     * @param partner the partner's profile (envelope identities, delimiters, test or production)
     * @param numbers control numbers, one sequence per partner
     * @param clock   the time of the envelope and of document dates the event does not carry
     * @return the interchange, ready to be sent
     * @throws IllegalArgumentException when the event cannot be reported with this document (wrong event type or
     *                                  standard, data missing or inconsistent); nothing is written
     * @throws IllegalStateException    when the written document does not validate (the problems are listed)
     */
    String write(CanonicalOrder order, OrderEvent event, PartnerProfiles.Profile partner, AckNumbers numbers,
                 Clock clock);
}
