package io.ordersync.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A canonical order event (schema: {@code schema/order-event-1.0.schema.json}). The type names the milestone;
 * later milestones (allocated, shipped, invoiced, paid, return authorized) reuse the same envelope.
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
        List<LineOutcome> lines) {

    public static final String SCHEMA_VERSION = "1.0";

    public static final String ORDER_RECEIVED = "OrderReceived";
    public static final String ORDER_ACCEPTED = "OrderAccepted";
    public static final String ORDER_REJECTED = "OrderRejected";
    public static final String ORDER_FAILED = "OrderFailed";

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
