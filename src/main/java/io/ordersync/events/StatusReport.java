package io.ordersync.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ordersync.order.CreditMemo;
import io.ordersync.order.Invoice;
import io.ordersync.order.LineQuantity;
import io.ordersync.order.OrderEvent;
import io.ordersync.order.Payment;
import io.ordersync.order.ReturnAuthorization;
import io.ordersync.order.Shipment;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A fulfilment milestone as a source system reported it, after its mapping
 * ({@code mappings/status-<source>-to-canonical.jslt}): the canonical event without the fields ordersync owns
 * (event id, status, correlation id). The order is named by ordersync's id or by legal entity + ERP order number.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatusReport(
        String reportedBy,
        String sourceEventId,
        String type,
        String orderId,
        String legalEntity,
        String erpOrderNumber,
        Instant occurredAt,
        LocalDate expectedDeliveryDate,
        List<LineQuantity> quantities,
        Shipment shipment,
        OrderEvent.Delivery delivery,
        Invoice invoice,
        Payment payment,
        ReturnAuthorization returnAuthorization,
        CreditMemo creditMemo) {

    /** How the order is named, for messages. */
    public String orderReference() {
        return orderId != null ? "order " + orderId
                : "ERP order " + erpOrderNumber + " of legal entity " + legalEntity;
    }

    /**
     * The milestone's natural key: a shipment, invoice, payment, return or credit memo is recorded once however
     * often or under whichever message id it is reported; allocations and backorders are keyed by message id.
     */
    public String naturalKey() {
        return switch (type) {
            case OrderEvent.ORDER_SHIPPED -> shipment.shipmentId();
            case OrderEvent.ORDER_DELIVERED -> delivery.shipmentId();
            case OrderEvent.ORDER_INVOICED -> invoice.invoiceNumber();
            case OrderEvent.PAYMENT_RECEIVED -> payment.paymentId();
            case OrderEvent.RETURN_AUTHORIZED -> returnAuthorization.rmaNumber();
            case OrderEvent.CREDIT_MEMO_ISSUED -> creditMemo.creditMemoNumber();
            default -> reportedBy + "-" + sourceEventId;
        };
    }
}
