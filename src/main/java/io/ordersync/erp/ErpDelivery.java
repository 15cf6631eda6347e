package io.ordersync.erp;

import io.ordersync.deadletter.DeadLetters;
import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.OrderEvent;
import io.ordersync.order.OrderStore;
import io.ordersync.support.Correlation;
import io.ordersync.support.ExchangeProperties;
import io.ordersync.support.Json;
import org.apache.camel.Exchange;

/** The steps around an ERP adapter call: what the delivery route needs to know, and recording the outcome. */
public class ErpDelivery {

    /** Exchange property: the canonical order being delivered. */
    public static final String ORDER = ExchangeProperties.ORDER;
    /** Exchange property: the order's reference at the ERP, its idempotency key there (see CanonicalOrder#erpReference). */
    public static final String ERP_REFERENCE = ExchangeProperties.ERP_REFERENCE;
    /** Exchange property: the legal entity whose adapter route takes the order (direct:erp-ENTITY). */
    public static final String LEGAL_ENTITY = ExchangeProperties.LEGAL_ENTITY;

    private final OrderStore store;
    private final ErpOutcomes outcomes;

    public ErpDelivery(OrderStore store, ErpOutcomes outcomes) {
        this.store = store;
        this.outcomes = outcomes;
    }

    /** Body: canonical order JSON. Sets the order, its id, entity and correlation id on the exchange. */
    public void prepare(Exchange exchange) {
        String body = exchange.getMessage().getBody(String.class);
        CanonicalOrder order = Json.read(body, CanonicalOrder.class);
        if (order.orderId() == null || order.legalEntity() == null) {
            throw new IllegalArgumentException("canonical order without orderId or legalEntity cannot be delivered");
        }
        exchange.setProperty(ORDER, order);
        exchange.setProperty(DeadLetters.ORDER_ID, order.orderId());
        exchange.setProperty(LEGAL_ENTITY, order.legalEntity());
        exchange.setProperty(ERP_REFERENCE, order.erpReference());
        exchange.setProperty(DeadLetters.REPLAY_ENDPOINT, "direct:erp-deliver");
        exchange.setProperty(DeadLetters.REPLAY_PAYLOAD, body);
        Correlation.adopt(exchange, order.correlationId());
        io.ordersync.support.TraceAttributes.order(order.orderId(), order.legalEntity());
    }

    /** Body: the adapter's OrderEvent. Records it (once per event id) and leaves its JSON as body for publishing. */
    public String record(OrderEvent event) {
        store.recordEvent(event);
        return Json.write(event);
    }

    /** Dead-letter path: the order could not be delivered at all; its timeline and the CRM must say so. */
    public String failed(Exchange exchange) {
        CanonicalOrder order = exchange.getProperty(ORDER, CanonicalOrder.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Long deadLetter = exchange.getProperty(DeadLetters.DEAD_LETTER_ID, Long.class);
        OrderEvent event = outcomes.failed(order, "delivery to the ERP of legal entity " + order.legalEntity()
                + " failed (" + (cause == null ? "unknown error" : cause.getMessage()) + "); kept as dead letter "
                + deadLetter + " for replay");
        store.recordEvent(event);
        return Json.write(event);
    }
}
