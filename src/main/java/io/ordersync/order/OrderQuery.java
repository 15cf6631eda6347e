package io.ordersync.order;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;

/** The API view of one order: current state, canonical document and timeline. */
public class OrderQuery {

    private final OrderStore store;

    public OrderQuery(OrderStore store) {
        this.store = store;
    }

    public Map<String, Object> find(String orderId, Exchange exchange) {
        return store.findById(orderId).map(stored -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("orderId", stored.orderId());
            view.put("status", stored.status());
            view.put("legalEntity", stored.legalEntity());
            view.put("erpOrderNumber", stored.erpOrderNumber());
            view.put("correlationId", stored.correlationId());
            view.put("publishedAt", stored.publishedAt());
            view.put("order", stored.order());
            view.put("timeline", store.timeline(orderId));
            return view;
        }).orElseGet(() -> {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("error", "NOT_FOUND");
            error.put("message", "no order " + orderId);
            error.put("correlationId", exchange.getProperty(io.ordersync.ops.Correlation.PROPERTY));
            return error;
        });
    }
}
