package io.ordersync.crm;

import io.ordersync.order.OrderEvent;
import io.ordersync.order.OrderProgress;
import io.ordersync.order.OrderStatus;
import io.ordersync.support.ExchangeProperties;
import io.ordersync.support.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Translates a canonical order event into the CRM's Order field update (Salesforce-style
 * {@code PATCH /services/data/vXX.X/sobjects/Order/{id}}). Business problems become a structured exception state
 * (status, code, message, per-line detail) that CRM users can report on, not free text.
 */
public class CrmStatusUpdate {

    /** Exchange property: the CRM Order id the update goes to (absent when the event is not for the CRM). */
    public static final String CRM_ORDER_ID = ExchangeProperties.CRM_ORDER_ID;

    /**
     * Body: order event JSON. When the CRM should hear of it, sets {@link #CRM_ORDER_ID}, the correlation id and
     * the order id, and returns the PATCH body; otherwise returns null.
     */
    public String prepare(org.apache.camel.Exchange exchange) {
        OrderEvent event = Json.read(exchange.getMessage().getBody(String.class), OrderEvent.class);
        exchange.setProperty(io.ordersync.deadletter.DeadLetters.ORDER_ID, event.orderId());
        io.ordersync.support.TraceAttributes.order(event.orderId(), event.legalEntity());
        exchange.setProperty(io.ordersync.deadletter.DeadLetters.REPLAY_ENDPOINT, "direct:crm-status-update");
        if (event.correlationId() != null) {
            io.ordersync.support.Correlation.adopt(exchange, event.correlationId());
        }
        if (!relevant(event)) {
            return null;
        }
        exchange.setProperty(CRM_ORDER_ID, event.crmOrderId());
        return toPatch(event);
    }

    /** Only events the CRM user needs to see; OrderReceived is already known to the sender. */
    public boolean relevant(OrderEvent event) {
        return event.crmOrderId() != null && !OrderEvent.ORDER_RECEIVED.equals(event.type());
    }

    public String toPatch(OrderEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Integration_Status__c", event.status().name());
        fields.put("Customer_Status__c", customerStatus(event.status()));
        fields.put("Integration_Event_Id__c", event.eventId());
        fields.put("Integration_Correlation_Id__c", event.correlationId());
        fields.put("Integration_Updated_At__c", event.occurredAt().toString());
        if (event.progress() != null) {
            fulfilment(event.progress(), fields);
            return Json.write(fields);
        }
        if (event.status() == OrderStatus.ACCEPTED || event.status() == OrderStatus.PARTIALLY_ACCEPTED) {
            fields.put("Status", "Activated");
            fields.put("ERP_Order_Number__c", event.erpOrderNumber());
        }
        List<OrderEvent.Reason> reasons = event.reasons() == null ? List.of() : event.reasons();
        List<OrderEvent.LineOutcome> rejectedLines = event.lines() == null ? List.of()
                : event.lines().stream().filter(l -> "REJECTED".equals(l.status())).toList();
        if (!reasons.isEmpty()) {
            fields.put("Integration_Error_Code__c", reasons.get(0).code());
            fields.put("Integration_Message__c", reasons.stream().map(r -> r.code() + ": " + r.message())
                    .collect(Collectors.joining("; ")));
        } else if (!rejectedLines.isEmpty()) {
            fields.put("Integration_Error_Code__c", "LINES_REJECTED");
            fields.put("Integration_Message__c", rejectedLines.stream()
                    .map(l -> "line " + l.lineNumber() + " " + l.reasonCode() + ": " + l.reason())
                    .collect(Collectors.joining("; ")));
        } else {
            fields.put("Integration_Error_Code__c", null);
            fields.put("Integration_Message__c", null);
        }
        if (event.lines() != null) {
            fields.put("Integration_Line_Status__c", Json.write(event.lines()));
        }
        return Json.write(fields);
    }

    /**
     * A fulfilment milestone carries the order's whole progress, so each update sets every customer-service field
     * (a later update never depends on an earlier one having arrived).
     */
    private static void fulfilment(OrderProgress progress, Map<String, Object> fields) {
        fields.put("Shipment_Status__c", progress.shipmentState());
        fields.put("Expected_Delivery_Date__c", progress.expectedDeliveryDate() == null ? null
                : progress.expectedDeliveryDate().toString());
        fields.put("Tracking_Numbers__c", progress.shipments() == null ? null : progress.shipments().stream()
                .filter(s -> s.trackingNumber() != null)
                .map(s -> (s.carrier() == null ? "" : s.carrier() + " ") + s.trackingNumber())
                .collect(Collectors.joining(", ")));
        List<OrderProgress.LineProgress> open = progress.lines() == null ? List.of() : progress.lines().stream()
                .filter(l -> l.outstanding().signum() > 0 && !OrderProgress.NOT_SHIPPED.equals(progress.shipmentState())
                        || l.backordered() != null)
                .toList();
        fields.put("Backordered_Lines__c", open.isEmpty() ? null : open.stream()
                .map(l -> "line " + l.lineNumber() + (l.sku() == null ? "" : " " + l.sku()) + ": "
                        + l.outstanding().stripTrailingZeros().toPlainString() + " of "
                        + l.ordered().stripTrailingZeros().toPlainString() + " open")
                .collect(Collectors.joining("; ")));
        fields.put("Invoice_Status__c", progress.invoiceState());
        fields.put("Invoice_Numbers__c", progress.invoiceNumbers() == null ? null
                : String.join(", ", progress.invoiceNumbers()));
        fields.put("Amount_Invoiced__c", progress.invoicedAmount());
        fields.put("Payment_Status__c", progress.paymentState());
        fields.put("Amount_Paid__c", progress.paidAmount());
        fields.put("Amount_Credited__c", progress.creditedAmount());
        fields.put("Return_Authorizations__c", progress.returnAuthorizations() == null ? null
                : String.join(", ", progress.returnAuthorizations()));
    }

    /** The status a customer understands (the CRM shows it on the order and in portals). */
    static String customerStatus(OrderStatus status) {
        return switch (status) {
            case RECEIVED -> "Received";
            case ACCEPTED -> "Confirmed";
            case PARTIALLY_ACCEPTED -> "Partially confirmed";
            case REJECTED -> "Rejected";
            case FAILED -> "Delayed";
            case ALLOCATED -> "Being prepared";
            case BACKORDERED -> "Backordered";
            case PARTIALLY_SHIPPED -> "Partially shipped";
            case SHIPPED -> "Shipped";
            case DELIVERED -> "Delivered";
            case INVOICED -> "Invoiced";
            case PARTIALLY_PAID -> "Partially paid";
            case PAID -> "Paid";
            case RETURN_AUTHORIZED -> "Return authorized";
            case CREDITED -> "Credited";
        };
    }
}
