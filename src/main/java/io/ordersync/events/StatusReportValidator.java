package io.ordersync.events;

import io.ordersync.order.Invoice;
import io.ordersync.order.LineQuantity;
import io.ordersync.order.OrderEvent;
import io.ordersync.order.OrderValidator.FieldError;
import io.ordersync.order.Shipment;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The contract of a mapped status report: what every milestone must carry, with field paths in the errors. */
public final class StatusReportValidator {

    public static final Set<String> FULFILMENT_TYPES = Set.of(OrderEvent.ORDER_ALLOCATED,
            OrderEvent.ORDER_BACKORDERED, OrderEvent.ORDER_SHIPPED, OrderEvent.ORDER_DELIVERED,
            OrderEvent.ORDER_INVOICED, OrderEvent.PAYMENT_RECEIVED, OrderEvent.RETURN_AUTHORIZED,
            OrderEvent.CREDIT_MEMO_ISSUED);

    public List<FieldError> validate(StatusReport report) {
        List<FieldError> errors = new ArrayList<>();
        require(errors, "reportedBy", report.reportedBy());
        require(errors, "sourceEventId", report.sourceEventId());
        require(errors, "occurredAt", report.occurredAt());
        if (report.orderId() == null && (report.legalEntity() == null || report.erpOrderNumber() == null)) {
            errors.add(new FieldError("orderId", "name the order by orderId, or by legalEntity and erpOrderNumber"));
        }
        if (report.type() == null || !FULFILMENT_TYPES.contains(report.type())) {
            errors.add(new FieldError("type", "must be one of " + new java.util.TreeSet<>(FULFILMENT_TYPES)
                    + ", was " + report.type()));
            return errors;
        }
        switch (report.type()) {
            case OrderEvent.ORDER_ALLOCATED, OrderEvent.ORDER_BACKORDERED ->
                    lines(errors, "quantities", report.quantities(), true);
            case OrderEvent.ORDER_SHIPPED -> shipment(errors, report.shipment());
            case OrderEvent.ORDER_DELIVERED -> {
                if (report.delivery() == null) {
                    errors.add(new FieldError("delivery", "required for " + report.type()));
                } else {
                    require(errors, "delivery.shipmentId", report.delivery().shipmentId());
                }
            }
            case OrderEvent.ORDER_INVOICED -> invoice(errors, report.invoice());
            case OrderEvent.PAYMENT_RECEIVED -> {
                if (report.payment() == null) {
                    errors.add(new FieldError("payment", "required for " + report.type()));
                } else {
                    require(errors, "payment.paymentId", report.payment().paymentId());
                    positive(errors, "payment.amount", report.payment().amount());
                }
            }
            case OrderEvent.RETURN_AUTHORIZED -> {
                if (report.returnAuthorization() == null) {
                    errors.add(new FieldError("returnAuthorization", "required for " + report.type()));
                } else {
                    require(errors, "returnAuthorization.rmaNumber", report.returnAuthorization().rmaNumber());
                    lines(errors, "returnAuthorization.lines", report.returnAuthorization().lines(), false);
                }
            }
            case OrderEvent.CREDIT_MEMO_ISSUED -> {
                if (report.creditMemo() == null) {
                    errors.add(new FieldError("creditMemo", "required for " + report.type()));
                } else {
                    require(errors, "creditMemo.creditMemoNumber", report.creditMemo().creditMemoNumber());
                    positive(errors, "creditMemo.amount", report.creditMemo().amount());
                }
            }
            default -> { }
        }
        return errors;
    }

    private static void shipment(List<FieldError> errors, Shipment shipment) {
        if (shipment == null) {
            errors.add(new FieldError("shipment", "required for OrderShipped"));
            return;
        }
        require(errors, "shipment.shipmentId", shipment.shipmentId());
        if (shipment.packages() == null || shipment.packages().isEmpty()) {
            errors.add(new FieldError("shipment.packages", "at least one package with its items"));
            return;
        }
        for (int i = 0; i < shipment.packages().size(); i++) {
            lines(errors, "shipment.packages[" + i + "].items", shipment.packages().get(i).items(), true);
        }
    }

    private static void invoice(List<FieldError> errors, Invoice invoice) {
        if (invoice == null) {
            errors.add(new FieldError("invoice", "required for OrderInvoiced"));
            return;
        }
        require(errors, "invoice.invoiceNumber", invoice.invoiceNumber());
        require(errors, "invoice.totalAmount", invoice.totalAmount());
        if (invoice.currency() != null && !invoice.currency().matches("[A-Z]{3}")) {
            errors.add(new FieldError("invoice.currency", "ISO 4217 code expected, was " + invoice.currency()));
        }
        if (invoice.lines() != null) {
            for (int i = 0; i < invoice.lines().size(); i++) {
                Invoice.InvoiceLine line = invoice.lines().get(i);
                if (line.lineNumber() < 1) {
                    errors.add(new FieldError("invoice.lines[" + i + "].lineNumber", "must be 1 or more"));
                }
                positive(errors, "invoice.lines[" + i + "].quantity", line.quantity());
            }
        }
    }

    private static void lines(List<FieldError> errors, String path, List<LineQuantity> lines, boolean required) {
        if (lines == null || lines.isEmpty()) {
            if (required) {
                errors.add(new FieldError(path, "at least one line"));
            }
            return;
        }
        for (int i = 0; i < lines.size(); i++) {
            LineQuantity line = lines.get(i);
            if (line.lineNumber() < 1) {
                errors.add(new FieldError(path + "[" + i + "].lineNumber", "must be 1 or more"));
            }
            if (line.quantity() == null || line.quantity().signum() < 0) {
                errors.add(new FieldError(path + "[" + i + "].quantity", "required, 0 or more"));
            }
        }
    }

    private static void require(List<FieldError> errors, String field, Object value) {
        if (value == null || value instanceof String text && text.isBlank()) {
            errors.add(new FieldError(field, "required"));
        }
    }

    private static void positive(List<FieldError> errors, String field, BigDecimal value) {
        if (value == null || value.signum() <= 0) {
            errors.add(new FieldError(field, "required, more than 0"));
        }
    }
}
