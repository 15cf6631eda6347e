package io.ordersync.bench;

import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.OrderEvent;
import io.ordersync.order.OrderMessages;
import io.ordersync.order.OrderStatus;
import io.ordersync.order.OrderStore;
import io.ordersync.support.Json;
import java.time.Instant;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;

/**
 * The floor of the load harness: a bare HTTP route doing only what a durable accept needs, in the runtime under
 * measurement (same JVM, database pool and Kafka producer settings). Per request: in one transaction, the same rows
 * the intake writes (idempotency key, order, first event, received message) through the same stores; then the same
 * Kafka send (acks=all, idempotent producer: the Kafka component's settings) and the same publication mark; then 202.
 * What it leaves out is everything the real intake does besides: authentication, correlation, body limits, schema
 * validation, mapping, parsing and checking the order, legal entity, duplicate lookups. Its throughput is the ceiling
 * the real intake is measured against. Its records go to a topic of their own, which no route consumes.
 */
final class FloorRoute extends RouteBuilder {

    static final String PATH = "/bench/floor";
    static final String TOPIC = "ordersync.bench.floor";

    private volatile CanonicalOrder template;
    private volatile String templateJson;

    /**
     * The stored canonical order whose copies (with new ids) the floor stores; set before the first request (the
     * route is added before the runtime starts: HTTP routes added later would sit behind its 404 handler).
     */
    void useTemplate(CanonicalOrder order) {
        this.templateJson = Json.write(order);
        this.template = order;
    }

    @Override
    public void configure() {
        from("platform-http:" + PATH + "?httpMethodRestrict=POST").routeId("bench-floor")
                .convertBodyTo(String.class)
                .process(this::store)
                .removeHeaders("*")
                .setHeader("kafka.KEY", exchangeProperty("benchOrderId"))
                .setBody(exchangeProperty("benchOrderJson"))
                .to("kafka:" + TOPIC + "?brokers={{ordersync.kafka.brokers}}")
                .process(exchange -> bean(exchange, "orderStore", OrderStore.class)
                        .markOrderPublished(exchange.getProperty("benchOrderId", String.class)))
                .removeHeaders("*")
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(202))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                .setBody(simple("{\"orderId\":\"${exchangeProperty.benchOrderId}\",\"status\":\"RECEIVED\"}"));
    }

    private void store(Exchange exchange) {
        OrderStore store = bean(exchange, "orderStore", OrderStore.class);
        JdbcMessageIdRepository idempotency = bean(exchange, "intakeIdempotency", JdbcMessageIdRepository.class);
        OrderMessages messages = bean(exchange, "orderMessages", OrderMessages.class);
        String body = exchange.getMessage().getBody(String.class);
        String orderId = "ord-" + UUID.randomUUID();
        String correlationId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        CanonicalOrder order = template.completed(orderId, correlationId, now, template.legalEntity());
        // the stored text: the template's, with this order's ids (no serialisation per request)
        String json = templateJson.replace(template.orderId(), orderId)
                .replace(template.correlationId(), correlationId);
        String sourceKey = "bench-floor|" + orderId;
        OrderEvent first = new OrderEvent(OrderEvent.SCHEMA_VERSION, OrderEvent.eventId(orderId, OrderEvent.ORDER_RECEIVED),
                OrderEvent.ORDER_RECEIVED, orderId, correlationId, now, OrderStatus.RECEIVED, order.legalEntity(),
                null, null, null, null);
        store.transactions().executeWithoutResult(tx -> {
            idempotency.add(sourceKey);
            store.insert(order, json, OrderStatus.RECEIVED, sourceKey, null, first);
            messages.recordReceived(orderId, now, "bench", "REST", body, correlationId);
        });
        exchange.setProperty("benchOrderId", orderId);
        exchange.setProperty("benchOrderJson", json);
    }

    private static <T> T bean(Exchange exchange, String name, Class<T> type) {
        return exchange.getContext().getRegistry().lookupByNameAndType(name, type);
    }
}
