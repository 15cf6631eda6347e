package io.ordersync.edi;

import io.ordersync.support.ExchangeProperties;
import io.ordersync.support.Json;
import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.OrderEvent;
import io.ordersync.order.OrderStore;
import io.ordersync.support.ExchangeProperties;
import io.ordersync.support.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Order events back to the EDI partner who sent the order, as the partner's standard has them: an acceptance or
 * rejection as an 855 (X12) or ORDRSP (EDIFACT), a shipment as an 856 or DESADV, an invoice as an 810 or INVOIC.
 * This is the fan-out point: each document lands in the partner's outbox once per event (the route de-duplicates
 * on the event id). Other events (received, failed, delivered, paid, ...) send nothing.
 */
public class EdiOrderResponses {

    private static final Logger LOG = LoggerFactory.getLogger(EdiOrderResponses.class);

    /** Exchange property: the order event a document is written for. */
    static final String EVENT = ExchangeProperties.EDI_RESPONSE_EVENT;

    private final OrderStore orders;
    private final PartnerProfiles partners;
    private final AckNumbers numbers;
    private final Path outbox;
    private final Clock clock;
    /** The document for an event type, per standard. */
    private final Map<String, Map<String, PartnerDocument>> documents;
    private final SentDocuments sentDocuments;

    EdiOrderResponses(OrderStore orders, PartnerProfiles partners, EdiSpecs specs,
                      AckNumbers numbers, Path outbox, Clock clock, SentDocuments sentDocuments) {
        this.sentDocuments = sentDocuments;
        PartnerDocument orderResponseX12 = new PurchaseOrderAcknowledgement(specs);
        PartnerDocument orderResponseEdifact = new EdifactOrderResponse(specs);
        this.documents = Map.of(
                OrderEvent.ORDER_ACCEPTED, Map.of("X12", orderResponseX12, "EDIFACT", orderResponseEdifact),
                OrderEvent.ORDER_REJECTED, Map.of("X12", orderResponseX12, "EDIFACT", orderResponseEdifact),
                OrderEvent.ORDER_SHIPPED, Map.of("X12", new AdvanceShipNotice(specs),
                        "EDIFACT", new DespatchAdvice(specs)),
                OrderEvent.ORDER_INVOICED, Map.of("X12", new X12Invoice(specs), "EDIFACT", new EdifactInvoice(specs)));
        this.orders = orders;
        this.partners = partners;
        this.numbers = numbers;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Body: order event JSON. Returns the event id when the event is one the partner gets a document for, of an
     * order an EDI partner sent (the de-duplication key), else null.
     */
    public String relevant(Exchange exchange) {
        OrderEvent event = Json.read(exchange.getMessage().getBody(String.class), OrderEvent.class);
        if (!documents.containsKey(event.type())) {
            return null;
        }
        Optional<OrderStore.StoredOrder> stored = orders.findById(event.orderId());
        if (stored.isEmpty() || !"EDI".equals(stored.get().order().source().channel())) {
            return null;
        }
        exchange.setProperty(EVENT, event);
        io.ordersync.support.Correlation.adopt(exchange, stored.get().correlationId());
        exchange.setProperty(io.ordersync.deadletter.DeadLetters.ORDER_ID, event.orderId());
        exchange.setProperty(io.ordersync.deadletter.DeadLetters.REPLAY_ENDPOINT, "direct:edi-order-response");
        return event.eventId();
    }

    /**
     * Writes the partner's document for the event on the exchange into the partner's outbox; returns the file
     * written ({@code <partner>/<document>-<reference>-<event type>-<millis>.edi}). A document that cannot be written
     * or does not validate is an exception, and nothing lands in the outbox.
     */
    public String write(Exchange exchange) {
        OrderEvent event = exchange.getProperty(EVENT, OrderEvent.class);
        CanonicalOrder order = orders.findById(event.orderId()).orElseThrow().order();
        PartnerProfiles.Profile partner = partners.bySenderId(order.source().partner()).orElseThrow(
                () -> new IllegalArgumentException("order " + order.orderId() + " came from EDI sender "
                        + order.source().partner() + ", which has no partner profile any more"));
        PartnerDocument writer = documents.getOrDefault(event.type(), Map.of()).get(partner.standard());
        if (writer == null) {
            throw new IllegalArgumentException("no document for " + event.type() + " to " + partner.standard()
                    + " partner " + partner.partner());
        }
        String document = writer.write(order, event, partner, numbers, clock);
        String what = writer.name() + " for order " + order.orderId() + " (" + event.type() + ")";
        try {
            Path folder = outbox.resolve(partner.partner());
            Files.createDirectories(folder);
            String name = writer.name() + "-" + safe(reference(order, event)) + "-" + event.type() + "-"
                    + clock.millis() + ".edi";
            Path temporary = folder.resolve("." + name + ".part");
            Files.writeString(temporary, document, StandardCharsets.ISO_8859_1);
            Files.move(temporary, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            LOG.info("{} written to the outbox of {}", what, partner.partner());
            // awaits the partner's 997 (when its profile expects one): GET /api/v1/edi/sent-documents
            sentDocuments.recordSent(partner, document, partner.partner() + "/" + name, order.orderId());
            return partner.partner() + "/" + name;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the " + what, e);
        }
    }

    /** What the file name says the document is about: the shipment, the invoice, or the purchase order. */
    private static String reference(CanonicalOrder order, OrderEvent event) {
        if (event.shipment() != null && event.shipment().shipmentId() != null) {
            return event.shipment().shipmentId();
        }
        if (event.invoice() != null && event.invoice().invoiceNumber() != null) {
            return event.invoice().invoiceNumber();
        }
        return order.customerPurchaseOrder() != null ? order.customerPurchaseOrder() : order.source().externalId();
    }

    private static String safe(String text) {
        return text.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
