package io.ordersync.erp;

import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.OrderEvent;
import io.ordersync.order.OrderStatus;
import java.time.Clock;
import java.util.List;

/** Builds the canonical outcome events from what an ERP answered; shared by every adapter. */
public final class ErpOutcomes {

    private final Clock clock;

    public ErpOutcomes(Clock clock) {
        this.clock = clock;
    }

    /**
     * Accepted (all lines) or partially accepted (some lines rejected); a rejected order carries order-level
     * reasons, or, when the ERP rejected every line, one reason per line.
     */
    public OrderEvent outcome(CanonicalOrder order, String erpOrderNumber, List<OrderEvent.Reason> orderReasons,
                              List<OrderEvent.LineOutcome> lines) {
        boolean anyAccepted = lines.stream().anyMatch(l -> "ACCEPTED".equals(l.status()));
        boolean anyRejected = lines.stream().anyMatch(l -> "REJECTED".equals(l.status()));
        if (erpOrderNumber == null || !orderReasons.isEmpty() || (!anyAccepted && !lines.isEmpty())) {
            List<OrderEvent.Reason> reasons = !orderReasons.isEmpty() ? orderReasons
                    : lines.stream().filter(l -> "REJECTED".equals(l.status()))
                    .map(l -> new OrderEvent.Reason(l.reasonCode() == null ? "LINE_REJECTED" : l.reasonCode(),
                            "line " + l.lineNumber() + ": " + l.reason()))
                    .toList();
            if (reasons.isEmpty()) {
                reasons = List.of(new OrderEvent.Reason("ERP_REJECTED", "the ERP rejected the order without a reason"));
            }
            return event(order, OrderEvent.ORDER_REJECTED, OrderStatus.REJECTED, null, reasons, lines);
        }
        return event(order, OrderEvent.ORDER_ACCEPTED,
                anyRejected ? OrderStatus.PARTIALLY_ACCEPTED : OrderStatus.ACCEPTED, erpOrderNumber, null, lines);
    }

    /** The order could not be delivered at all (technical failure past retries): it is in the dead-letter store. */
    public OrderEvent failed(CanonicalOrder order, String why) {
        return event(order, OrderEvent.ORDER_FAILED, OrderStatus.FAILED, null,
                List.of(new OrderEvent.Reason("DELIVERY_FAILED", why)), null);
    }

    private OrderEvent event(CanonicalOrder order, String type, OrderStatus status, String erpOrderNumber,
                             List<OrderEvent.Reason> reasons, List<OrderEvent.LineOutcome> lines) {
        String crmOrderId = "CRM".equals(order.source().system()) ? order.source().externalId() : null;
        return new OrderEvent(OrderEvent.SCHEMA_VERSION, OrderEvent.eventId(order.orderId(), type), type,
                order.orderId(), order.correlationId(), clock.instant(), status, order.legalEntity(), crmOrderId,
                erpOrderNumber, reasons, lines == null || lines.isEmpty() ? null : lines);
    }
}
