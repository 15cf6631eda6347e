package io.ordersync.erp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordersync.support.Json;
import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.OrderEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * The {@code erp-rest} adapter's translation: canonical order to the North-America ERP's sales-order JSON, and
 * its answer back to a canonical outcome; a sales order read back for reconciliation. HTTP itself is done by the
 * route templates.
 */
public class ErpRestAdapter {

    private final ErpOutcomes outcomes;

    public ErpRestAdapter(ErpOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    public String toRequest(CanonicalOrder order) {
        ObjectNode request = Json.mapper().createObjectNode();
        // the external reference comes from the order's source: a resend finds the order it already created, even
        // one ordersync lost and accepted again under a new id; ordersync's own id is there for people tracing it
        request.put("externalReference", order.erpReference());
        request.put("ordersyncOrderId", order.orderId());
        request.put("customerNumber", order.customer().erpCustomerNumber() != null
                ? order.customer().erpCustomerNumber() : order.customer().crmAccountId());
        request.put("currency", order.currency());
        if (order.customerPurchaseOrder() != null) {
            request.put("customerPurchaseOrder", order.customerPurchaseOrder());
        }
        if (order.requestedDeliveryDate() != null) {
            request.put("requestedDeliveryDate", order.requestedDeliveryDate().toString());
        }
        if (order.shipTo() != null) {
            request.set("shipTo", Json.mapper().valueToTree(order.shipTo()));
        }
        ArrayNode lines = request.putArray("lines");
        for (CanonicalOrder.Line line : order.lines()) {
            ObjectNode l = lines.addObject();
            l.put("lineNumber", line.lineNumber());
            l.put("sku", line.sku());
            l.put("quantity", line.quantity());
            l.put("unitOfMeasure", line.unitOfMeasure());
            if (line.unitPrice() != null) {
                l.put("unitPrice", line.unitPrice());
            }
        }
        return Json.write(request);
    }

    /**
     * 200/201: created (or found again); 422: business rejection; 401/403/408/429: the ERP cannot take it now
     * (credentials being rotated, timeout, rate limit) - retried; any other 4xx: our request is wrong.
     */
    public OrderEvent toOutcome(CanonicalOrder order, Exchange exchange) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        if (status == 200 || status == 201 || status == 422) {
            JsonNode answer;
            try {
                answer = Json.mapper().readTree(body);
            } catch (Exception e) {
                throw new ErpRequestRejectedException("ERP answered " + status + " with a body that is not JSON: "
                        + abbreviate(body));
            }
            List<OrderEvent.Reason> reasons = new ArrayList<>();
            for (JsonNode r : answer.path("reasons")) {
                reasons.add(new OrderEvent.Reason(r.path("code").asText(), r.path("message").asText()));
            }
            List<OrderEvent.LineOutcome> lines = new ArrayList<>();
            for (JsonNode l : answer.path("lines")) {
                lines.add(new OrderEvent.LineOutcome(l.path("lineNumber").asInt(), l.path("status").asText(),
                        text(l, "reasonCode"), text(l, "reason")));
            }
            String number = status == 422 ? null : text(answer, "erpOrderNumber");
            if (status != 422 && number == null) {
                throw new ErpRequestRejectedException("ERP answered " + status + " without an erpOrderNumber: "
                        + abbreviate(body));
            }
            return outcomes.outcome(order, number, reasons, lines);
        }
        if (status == 401 || status == 403 || status == 408 || status == 429) {
            throw new ErpUnavailableException("ERP answered HTTP " + status + " for order " + order.orderId() + ": "
                    + abbreviate(body));
        }
        throw new ErpRequestRejectedException("ERP refused the request for order " + order.orderId() + " with HTTP "
                + status + ": " + abbreviate(body));
    }

    /**
     * The answer to {@code GET /erp-na/api/v1/sales-orders/{number}} (for reconciliation): 200 the order with the
     * ERP's status, 404 no such order; any other answer means the ERP could not be asked now.
     */
    public ErpOrderStatus toStatus(String erpOrderNumber, Exchange exchange) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        if (status == 404) {
            return ErpOrderStatus.notFound(erpOrderNumber);
        }
        if (status != 200) {
            throw new ErpUnavailableException("ERP answered HTTP " + status + " for sales order " + erpOrderNumber
                    + ": " + abbreviate(body));
        }
        String erpStatus;
        try {
            erpStatus = text(Json.mapper().readTree(body), "status");
        } catch (Exception e) {
            throw new ErpRequestRejectedException("ERP answered sales order " + erpOrderNumber
                    + " with a body that is not JSON: " + abbreviate(body));
        }
        if (erpStatus == null || erpStatus.isEmpty()) {
            throw new ErpRequestRejectedException("ERP answered sales order " + erpOrderNumber + " without a status: "
                    + abbreviate(body));
        }
        return new ErpOrderStatus(erpOrderNumber, erpStatus);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "(empty)";
        }
        return s.length() > 500 ? s.substring(0, 500) + "..." : s;
    }
}
