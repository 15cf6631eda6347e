package io.ordersync.crm;

import io.ordersync.app.Json;
import io.ordersync.order.OrderEvent;
import io.ordersync.order.OrderStatus;
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
    public static final String CRM_ORDER_ID = "ordersyncCrmOrderId";

    /**
     * Body: order event JSON. When the CRM should hear of it, sets {@link #CRM_ORDER_ID}, the correlation id and
     * the order id, and returns the PATCH body; otherwise returns null.
     */
    public String prepare(org.apache.camel.Exchange exchange) {
        OrderEvent event = Json.read(exchange.getMessage().getBody(String.class), OrderEvent.class);
        exchange.setProperty(io.ordersync.deadletter.DeadLetters.ORDER_ID, event.orderId());
        exchange.setProperty(io.ordersync.deadletter.DeadLetters.REPLAY_ENDPOINT, "direct:crm-status-update");
        if (event.correlationId() != null) {
            io.ordersync.ops.Correlation.adopt(exchange, event.correlationId());
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
        fields.put("Integration_Event_Id__c", event.eventId());
        fields.put("Integration_Correlation_Id__c", event.correlationId());
        fields.put("Integration_Updated_At__c", event.occurredAt().toString());
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
}
