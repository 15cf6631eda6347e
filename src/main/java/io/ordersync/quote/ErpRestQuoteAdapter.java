package io.ordersync.quote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordersync.support.Json;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * The {@code erp-rest-quote} adapter's translation: quote request to the North-America ERP's quote JSON
 * ({@code POST /erp-na/api/v1/quotes}), its answer back to an {@link ErpQuote}. HTTP is done by the route template.
 */
public class ErpRestQuoteAdapter {

    public String toRequest(QuoteRequest request) {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("customerNumber", request.customerNumber());
        json.put("currency", request.currency());
        ArrayNode lines = json.putArray("lines");
        for (QuoteRequest.Line line : request.lines()) {
            ObjectNode l = lines.addObject();
            l.put("lineNumber", line.lineNumber());
            l.put("sku", line.sku());
            l.put("quantity", line.quantity());
            l.put("unitOfMeasure", line.unitOfMeasure());
            if (line.requestedDate() != null) {
                l.put("requestedDate", line.requestedDate().toString());
            }
        }
        return Json.write(json);
    }

    /** 200: the quote. 5xx, 408, 429: the ERP cannot answer now. Anything else: the ERP refused our request. */
    public ErpQuote toQuote(QuoteRequest request, Exchange exchange) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        if (status >= 500 || status == 408 || status == 429) {
            throw new ErpQuoteFailedException(ErpQuoteFailedException.UNAVAILABLE, "ERP answered HTTP " + status + ": "
                    + abbreviate(body));
        }
        if (status != 200) {
            throw new ErpQuoteFailedException(ErpQuoteFailedException.ERROR, "ERP refused the quote request with HTTP "
                    + status + ": " + abbreviate(body));
        }
        JsonNode answer;
        try {
            answer = Json.mapper().readTree(body);
        } catch (Exception e) {
            throw new ErpQuoteFailedException(ErpQuoteFailedException.ERROR, "ERP answered 200 with a body that is not"
                    + " JSON: " + abbreviate(body));
        }
        JsonNode credit = answer.path("credit");
        if (!credit.hasNonNull("status")) {
            throw new ErpQuoteFailedException(ErpQuoteFailedException.ERROR, "ERP answered without credit.status: "
                    + abbreviate(body));
        }
        Map<Integer, JsonNode> answered = new HashMap<>();
        for (JsonNode line : answer.path("lines")) {
            answered.put(line.path("lineNumber").asInt(), line);
        }
        List<QuoteAnswer.Line> lines = new ArrayList<>();
        for (QuoteRequest.Line line : request.lines()) {
            JsonNode l = answered.get(line.lineNumber());
            if (l == null) {
                lines.add(QuoteLines.unknown(line, "NOT_ANSWERED", "the ERP gave no answer for this line", null));
            } else if ("OK".equals(l.path("status").asText())) {
                lines.add(QuoteLines.ok(line, decimal(l, "unitPrice"), request.currency(),
                        decimal(l, "availableQuantity"), date(l, "promisedDate"), null));
            } else {
                lines.add(QuoteLines.rejected(line, l.path("reasonCode").asText(l.path("status").asText()),
                        l.path("reason").asText(null)));
            }
        }
        return new ErpQuote(new QuoteAnswer.Credit(credit.path("status").asText(), decimal(credit, "availableCredit"),
                request.currency(), null, null), lines);
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        // numbers or text: both exact (the mapper reads decimals as BigDecimal)
        return value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText());
    }

    private static LocalDate date(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : LocalDate.parse(value.asText());
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "(empty)";
        }
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
