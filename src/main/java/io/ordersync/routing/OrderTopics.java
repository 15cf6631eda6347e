package io.ordersync.routing;

import io.ordersync.order.LegalEntities;
import io.ordersync.order.OrderStore;

/**
 * The Kafka topic of accepted orders per legal entity ({@code <prefix><ENTITY>}, e.g. {@code ordersync.orders.US01}),
 * so that one entity's ERP outage never holds up another's deliveries: each topic has its own dispatch consumer.
 * The topic is chosen from the order as ordersync stored it, never from anything a caller sent.
 */
public class OrderTopics {

    private final String prefix;
    private final LegalEntities legalEntities;
    private final OrderStore store;

    public OrderTopics(String prefix, LegalEntities legalEntities, OrderStore store) {
        this.prefix = prefix;
        this.legalEntities = legalEntities;
        this.store = store;
    }

    /** The orders topic of a configured legal entity. */
    public String forEntity(String legalEntity) {
        if (legalEntity == null || legalEntities.entity(legalEntity) == null) {
            throw new IllegalArgumentException("no legal entity " + legalEntity + " is configured: no orders topic");
        }
        return prefix + legalEntity;
    }

    /** The orders topic of a stored order: its legal entity's. */
    public String forStoredOrder(String orderId) {
        String legalEntity = store.legalEntityOf(orderId).orElseThrow(
                () -> new IllegalArgumentException("order " + orderId + " is not stored with a legal entity: it is not"
                        + " published"));
        return forEntity(legalEntity);
    }
}
