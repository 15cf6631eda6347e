package io.ordersync.edi.outbound;

import io.ordersync.app.Json;
import io.ordersync.edi.PartnerProfiles;
import io.ordersync.edi.ack.AckNumbers;
import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.OrderEvent;
import io.ordersync.order.OrderStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Order outcomes back to the EDI partner who sent the order: an X12 855 purchase order acknowledgement in the
 * partner's outbox, written once per outcome event (the route de-duplicates on the event id).
 */
public class EdiOrderResponses {

    private static final Logger LOG = LoggerFactory.getLogger(EdiOrderResponses.class);

    /** Exchange property: the outcome event being answered. */
    public static final String EVENT = "ordersyncEdiResponseEvent";

    private final OrderStore orders;
    private final PartnerProfiles partners;
    private final AckNumbers numbers;
    private final Path outbox;
    private final Clock clock;
    private final PurchaseOrderAcknowledgement writer;

    public EdiOrderResponses(OrderStore orders, PartnerProfiles partners, io.ordersync.edi.EdiSpecs specs,
                             AckNumbers numbers, Path outbox, Clock clock) {
        this.writer = new PurchaseOrderAcknowledgement(specs);
        this.orders = orders;
        this.partners = partners;
        this.numbers = numbers;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Body: order event JSON. Returns the event id when the event is an outcome of an order an X12 partner sent
     * (the de-duplication key), else null.
     */
    public String relevant(Exchange exchange) {
        OrderEvent event = Json.read(exchange.getMessage().getBody(String.class), OrderEvent.class);
        if (!OrderEvent.ORDER_ACCEPTED.equals(event.type()) && !OrderEvent.ORDER_REJECTED.equals(event.type())) {
            return null;
        }
        Optional<OrderStore.StoredOrder> stored = orders.findById(event.orderId());
        if (stored.isEmpty() || !"EDI".equals(stored.get().order().source().channel())) {
            return null;
        }
        exchange.setProperty(EVENT, event);
        io.ordersync.ops.Correlation.adopt(exchange, stored.get().correlationId());
        exchange.setProperty(io.ordersync.deadletter.DeadLetters.ORDER_ID, event.orderId());
        exchange.setProperty(io.ordersync.deadletter.DeadLetters.REPLAY_ENDPOINT, "direct:edi-order-response");
        return event.eventId();
    }

    /** Writes the 855 for the event on the exchange into the partner's outbox; returns the file written. */
    public String write(Exchange exchange) {
        OrderEvent event = exchange.getProperty(EVENT, OrderEvent.class);
        CanonicalOrder order = orders.findById(event.orderId()).orElseThrow().order();
        PartnerProfiles.Profile partner = partners.bySenderId(order.source().partner()).orElseThrow(
                () -> new IllegalArgumentException("order " + order.orderId() + " came from EDI sender "
                        + order.source().partner() + ", which has no partner profile any more"));
        if (!"X12".equals(partner.standard())) {
            LOG.info("No order response for {}: EDIFACT ORDRSP is not written yet", partner.partner());
            return null;
        }
        String document = writer.x12(order, event, partner, numbers, clock);
        try {
            Path folder = outbox.resolve(partner.partner());
            Files.createDirectories(folder);
            String name = "855-" + safe(order.customerPurchaseOrder() != null ? order.customerPurchaseOrder()
                    : order.source().externalId()) + "-" + event.type() + "-" + clock.millis() + ".edi";
            Path temporary = folder.resolve("." + name + ".part");
            Files.writeString(temporary, document, StandardCharsets.ISO_8859_1);
            Files.move(temporary, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            LOG.info("855 for order {} ({}) written to the outbox of {}", order.orderId(), event.type(),
                    partner.partner());
            return partner.partner() + "/" + name;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the 855 for order " + order.orderId(), e);
        }
    }

    private static String safe(String text) {
        return text.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
