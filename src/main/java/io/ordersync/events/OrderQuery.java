package io.ordersync.events;

import io.ordersync.order.OrderMessages;
import io.ordersync.order.OrderStore;
import io.ordersync.support.ApiProblem;
import io.ordersync.support.Callers;
import io.ordersync.support.Correlation;
import io.ordersync.support.ExchangeProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;

/** The API view of one order: current state, canonical document and timeline. */
public class OrderQuery {

    private final OrderStore store;
    private final TimelineStore timeline;
    private final OrderExceptions exceptions;
    private final OrderMessages messages;

    public OrderQuery(OrderStore store, TimelineStore timeline, OrderExceptions exceptions, OrderMessages messages) {
        this.store = store;
        this.timeline = timeline;
        this.exceptions = exceptions;
        this.messages = messages;
    }

    /**
     * GET /api/v1/orders/{orderId}/messages: the messages of the order's journey, oldest first - the one it arrived
     * as and each call made for it. Payloads hold whole documents (names, addresses, prices): only callers with the
     * role {@code operator} read them, as with dead letters; the others get everything else and
     * {@code payloadWithheld}. Without authentication ({@code none}) nothing is withheld.
     */
    public Object messages(String orderId, Exchange exchange) {
        if (store.findById(orderId).isEmpty()) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            Map<String, Object> error = ApiProblem.body(404, "NOT_FOUND", "no order " + orderId);
            error.put("correlationId", exchange.getProperty(Correlation.PROPERTY));
            return error;
        }
        java.util.Set<?> roles = exchange.getProperty(ExchangeProperties.CALLER_ROLES, java.util.Set.class);
        boolean payloads = roles == null || roles.contains(Callers.OPERATOR);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("orderId", orderId);
        answer.put("maxPayloadChars", OrderMessages.MAX_PAYLOAD_CHARS);
        if (!payloads) {
            answer.put("payloadWithheld", "only callers with the role operator read payloads");
        }
        answer.put("messages", messages.list(orderId).stream()
                .map(message -> payloads ? message : message.withoutPayloads()).toList());
        return answer;
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
            java.util.List<OrderStore.TimelineEntry> entries = store.timeline(orderId);
            view.put("progress", OrderTimeline.progress(stored.order(),
                    entries.stream().map(OrderStore.TimelineEntry::event).toList()));
            view.put("timeline", entries);
            // events that arrived before the milestone they depend on, with the reason they wait
            view.put("held", timeline.held(orderId).stream().map(h -> Map.of("eventId", h.eventId(),
                    "reasonCode", h.reasonCode(), "reason", h.reason(), "heldAt", h.heldAt())).toList());
            view.put("exceptions", exceptions.search(null, orderId, null, 20));
            return view;
        }).orElseGet(() -> {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            Map<String, Object> error = ApiProblem.body(404, "NOT_FOUND", "no order " + orderId);
            error.put("correlationId", exchange.getProperty(Correlation.PROPERTY));
            return error;
        });
    }
}
