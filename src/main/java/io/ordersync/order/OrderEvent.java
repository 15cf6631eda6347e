package io.ordersync.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A canonical order event (schema: {@code schema/order-event-1.1.schema.json}). The type names the milestone;
 * fulfilment milestones (allocated, backordered, shipped, delivered, invoiced, paid, return authorized, credit
 * memo) carry their detail in the matching field, and name the system that reported them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderEvent(
        String schemaVersion,
        String eventId,
        String type,
        String orderId,
        String correlationId,
        Instant occurredAt,
        OrderStatus status,
        String legalEntity,
        String crmOrderId,
        String erpOrderNumber,
        List<Reason> reasons,
        List<LineOutcome> lines,
        String reportedBy,
        String sourceEventId,
        LocalDate expectedDeliveryDate,
        List<LineQuantity> quantities,
        Shipment shipment,
        Delivery delivery,
        Invoice invoice,
        Payment payment,
        ReturnAuthorization returnAuthorization,
        CreditMemo creditMemo,
        OrderProgress progress) {

    public static final String SCHEMA_VERSION = "1.1";

    public static final String ORDER_RECEIVED = "OrderReceived";
    public static final String ORDER_ACCEPTED = "OrderAccepted";
    public static final String ORDER_REJECTED = "OrderRejected";
    public static final String ORDER_FAILED = "OrderFailed";
    public static final String ORDER_ALLOCATED = "OrderAllocated";
    public static final String ORDER_BACKORDERED = "OrderBackordered";
    public static final String ORDER_SHIPPED = "OrderShipped";
    public static final String ORDER_DELIVERED = "OrderDelivered";
    public static final String ORDER_INVOICED = "OrderInvoiced";
    public static final String PAYMENT_RECEIVED = "PaymentReceived";
    public static final String RETURN_AUTHORIZED = "ReturnAuthorized";
    public static final String CREDIT_MEMO_ISSUED = "CreditMemoIssued";

    /** An order outcome or pipeline event (no fulfilment detail). */
    public OrderEvent(String schemaVersion, String eventId, String type, String orderId, String correlationId,
                      Instant occurredAt, OrderStatus status, String legalEntity, String crmOrderId,
                      String erpOrderNumber, List<Reason> reasons, List<LineOutcome> lines) {
        this(schemaVersion, eventId, type, orderId, correlationId, occurredAt, status, legalEntity, crmOrderId,
                erpOrderNumber, reasons, lines, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** This event with the order's progress after it (set when the timeline records the event). */
    public OrderEvent withProgress(OrderStatus newStatus, OrderProgress newProgress) {
        return new OrderEvent(schemaVersion, eventId, type, orderId, correlationId, occurredAt, newStatus,
                legalEntity, crmOrderId, erpOrderNumber, reasons, lines, reportedBy, sourceEventId,
                expectedDeliveryDate, quantities, shipment, delivery, invoice, payment, returnAuthorization,
                creditMemo, newProgress);
    }

    /** Proof of delivery for one shipment. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delivery(String shipmentId, Instant deliveredAt, String receivedBy) {}

    /** An order-level reason: a stable code and a sentence for people. */
    public record Reason(String code, String message) {}

    /** The ERP's answer for one line. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LineOutcome(int lineNumber, String status, String reasonCode, String reason) {}

    /** Event ids are derived from order id and type so that a redelivered outcome maps to the same event. */
    public static String eventId(String orderId, String type) {
        return orderId + ":" + type;
    }
}
