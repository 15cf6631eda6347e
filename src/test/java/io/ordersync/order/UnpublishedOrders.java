package io.ordersync.order;

import io.ordersync.support.Json;
import java.time.Instant;

/**
 * What a crash between the intake's commit and its Kafka send leaves behind, for tests of the outbox relay: a stored
 * US01 order (REST, from the CRM) with its OrderReceived event, never handed to Kafka.
 */
public final class UnpublishedOrders {

    private UnpublishedOrders() {
    }

    /** Stores it, received at {@code receivedAt}, with the CRM Id {@code crmId} as its source key. */
    public static void store(OrderStore store, String orderId, String crmId, Instant receivedAt) {
        CanonicalOrder order = Json.read(("{'source': {'channel': 'REST', 'system': 'CRM', 'externalId': '%s'},"
                + " 'customer': {'crmAccountId': '001T00000000NA01', 'erpCustomerNumber': 'NA-20001'}, 'currency': 'USD',"
                + " 'lines': [{'lineNumber': 1, 'sku': 'SKU-100', 'quantity': 2, 'unitOfMeasure': 'EA', 'unitPrice': 5}]}")
                .formatted(crmId).replace('\'', '"'), CanonicalOrder.class)
                .completed(orderId, "corr-" + orderId, receivedAt, "US01");
        OrderEvent received = new OrderEvent(OrderEvent.SCHEMA_VERSION,
                OrderEvent.eventId(orderId, OrderEvent.ORDER_RECEIVED), OrderEvent.ORDER_RECEIVED, orderId,
                "corr-" + orderId, receivedAt, OrderStatus.RECEIVED, "US01", crmId, null, null, null);
        store.transactions().executeWithoutResult(tx -> store.insert(order, OrderStatus.RECEIVED, "CRM:" + crmId,
                null, received));
    }
}
