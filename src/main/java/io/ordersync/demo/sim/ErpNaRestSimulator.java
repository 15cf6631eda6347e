package io.ordersync.demo.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Simulated North-America ERP with a JSON REST API.
 * <ul>
 *   <li>{@code POST /erp-na/api/v1/sales-orders} &rarr; 201 created, 200 idempotent repeat (same externalReference),
 *       400 invalid request, 422 rejected (credit hold, every line rejected)</li>
 *   <li>{@code GET /erp-na/api/v1/sales-orders/{erpOrderNumber}} &rarr; 200 the stored order, or 404</li>
 *   <li>{@code POST /erp-na/api/v1/quotes} &rarr; 200 price and available-to-promise per line, credit of the customer
 *       ({@link ErpQuoteBook}), 400 invalid request; nothing is stored</li>
 * </ul>
 * Behaviours (503, slow, ...) apply to quotes as to orders.
 * Order numbers are sequential: NA-100001, NA-100002, ...
 */
public class ErpNaRestSimulator extends ErpSimulator {

    public static final String SALES_ORDERS_PATH = "/erp-na/api/v1/sales-orders";
    public static final String QUOTES_PATH = "/erp-na/api/v1/quotes";

    private final ErpQuoteBook quotes = new ErpQuoteBook(java.time.Clock.systemUTC());

    public ErpNaRestSimulator(int port) {
        super("erp-na", port, "NA-", 100001);
    }

    @Override
    public ErpNaRestSimulator start() {
        super.start();
        return this;
    }

    /** Full URL of the sales-order collection, e.g. {@code http://127.0.0.1:9101/erp-na/api/v1/sales-orders}. */
    public String salesOrdersUrl() {
        return baseUrl() + SALES_ORDERS_PATH;
    }

    // ------------------------------------------------------------------ HTTP

    @Override
    protected boolean isBusinessRequest(Call call) {
        return call.path().equals(SALES_ORDERS_PATH) || call.path().startsWith(SALES_ORDERS_PATH + "/")
                || call.path().equals(QUOTES_PATH);
    }

    @Override
    protected void clearData() {
        book.clear();
    }

    @Override
    protected void handleBusiness(Call call) throws IOException {
        String path = call.path();
        if (path.equals(QUOTES_PATH)) {
            if (!call.method().equals("POST")) {
                call.exchange().getResponseHeaders().set("Allow", "POST");
                call.respondJson(405, error("method " + call.method() + " not allowed on " + QUOTES_PATH));
                return;
            }
            quote(call);
            return;
        }
        if (path.equals(SALES_ORDERS_PATH) || path.equals(SALES_ORDERS_PATH + "/")) {
            if (!call.method().equals("POST")) {
                call.exchange().getResponseHeaders().set("Allow", "POST");
                call.respondJson(405, error("method " + call.method() + " not allowed on " + SALES_ORDERS_PATH));
                return;
            }
            create(call);
            return;
        }
        String number = path.substring(SALES_ORDERS_PATH.length() + 1);
        if (number.isEmpty() || number.contains("/")) {
            call.respondJson(404, error("no such resource: " + path));
            return;
        }
        if (!call.method().equals("GET")) {
            call.exchange().getResponseHeaders().set("Allow", "GET");
            call.respondJson(405, error("method " + call.method() + " not allowed on a sales order"));
            return;
        }
        Optional<ErpOrder> order = book.byNumber(number);
        if (order.isPresent()) {
            call.respondJson(200, storedOrderJson(order.get()));
        } else {
            call.respondJson(404, error("sales order " + number + " not found"));
        }
    }

    private void create(Call call) throws IOException {
        String contentType = call.header("Content-Type");
        if (contentType != null && !contentType.toLowerCase(Locale.ROOT).contains("json")) {
            call.respondJson(415, error("Content-Type must be application/json but was " + contentType));
            return;
        }
        ErpOrderBook.Request request;
        try {
            request = parse(call.bodyAsString());
        } catch (BadRequest e) {
            call.respondJson(400, error(e.getMessage()));
            return;
        }
        ErpOrderBook.Submission submission = book.submit(request, currentBehaviour());
        ErpOrder order = submission.order();
        switch (submission.outcome()) {
            case CREATED -> {
                call.exchange().getResponseHeaders().set("Location", SALES_ORDERS_PATH + "/" + order.orderNumber());
                call.respondJson(201, resultJson(order));
            }
            case REPEATED -> {
                call.exchange().getResponseHeaders().set("Location", SALES_ORDERS_PATH + "/" + order.orderNumber());
                call.respondJson(200, resultJson(order));
            }
            case REJECTED -> call.respondJson(422, resultJson(order));
        }
    }

    private void quote(Call call) throws IOException {
        ErpQuoteBook.Request request;
        try {
            request = parseQuote(call.bodyAsString());
        } catch (BadRequest e) {
            call.respondJson(400, error(e.getMessage()));
            return;
        }
        ErpQuoteBook.Quote quote = quotes.quote(request, currentBehaviour());
        ObjectNode node = JSON.createObjectNode();
        node.put("customerNumber", quote.customerNumber());
        node.put("currency", quote.currency());
        node.putObject("credit").put("status", quote.creditStatus()).put("availableCredit", quote.availableCredit());
        ArrayNode lines = node.putArray("lines");
        for (ErpQuoteBook.LineQuote line : quote.lines()) {
            ObjectNode l = lines.addObject();
            l.put("lineNumber", line.lineNumber());
            l.put("sku", line.sku());
            l.put("status", line.status());
            if (line.unitPrice() != null) {
                l.put("unitPrice", line.unitPrice());
                l.put("availableQuantity", line.availableQuantity());
                l.put("promisedDate", line.promisedDate().toString());
            } else {
                l.put("reasonCode", line.reasonCode());
                l.put("reason", line.reason());
            }
        }
        call.respondJson(200, node);
    }

    private static ErpQuoteBook.Request parseQuote(String body) throws BadRequest {
        JsonNode root;
        try {
            root = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new BadRequest("request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadRequest("request body must be a JSON object");
        }
        String customerNumber = requiredText(root, "customerNumber");
        String currency = requiredText(root, "currency");
        if (!currency.matches("[A-Z]{3}")) {
            throw new BadRequest("currency must be an ISO 4217 code like USD but was '" + currency + "'");
        }
        JsonNode linesNode = root.get("lines");
        if (linesNode == null || !linesNode.isArray() || linesNode.isEmpty()) {
            throw new BadRequest("lines must be an array with at least one line");
        }
        List<ErpQuoteBook.LineRequest> lines = new ArrayList<>();
        for (int i = 0; i < linesNode.size(); i++) {
            JsonNode line = linesNode.get(i);
            String where = "lines[" + i + "]";
            if (!line.isObject()) {
                throw new BadRequest(where + " must be a JSON object");
            }
            JsonNode ln = line.get("lineNumber");
            int lineNumber = ln != null && ln.canConvertToInt() ? ln.intValue() : i + 1;
            String sku = optionalText(line, "sku");
            if (sku == null) {
                throw new BadRequest(where + ".sku is required");
            }
            BigDecimal quantity = decimal(line, "quantity", where);
            if (quantity == null || quantity.signum() <= 0) {
                throw new BadRequest(where + ".quantity must be greater than zero");
            }
            LocalDate requestedDate = null;
            String date = optionalText(line, "requestedDate");
            if (date != null) {
                try {
                    requestedDate = LocalDate.parse(date);
                } catch (DateTimeParseException e) {
                    throw new BadRequest(where + ".requestedDate must be an ISO date (yyyy-MM-dd) but was '" + date
                            + "'");
                }
            }
            String uom = optionalText(line, "unitOfMeasure");
            lines.add(new ErpQuoteBook.LineRequest(lineNumber, sku, quantity, uom == null ? "EA" : uom,
                    requestedDate));
        }
        return new ErpQuoteBook.Request(customerNumber, currency, lines);
    }

    /** The create answer: number (unless rejected), reference, status, line verdicts, order-level reasons. */
    static ObjectNode resultJson(ErpOrder order) {
        ObjectNode node = JSON.createObjectNode();
        if (order.orderNumber() != null) {
            node.put("erpOrderNumber", order.orderNumber());
        }
        node.put("externalReference", order.externalReference());
        node.put("status", order.status());
        boolean creditHold = order.reasons().stream().anyMatch(r -> ErpOrder.CREDIT_HOLD.equals(r.code()));
        if (!creditHold) {
            ArrayNode lines = node.putArray("lines");
            for (ErpOrderLine line : order.lines()) {
                ObjectNode l = lines.addObject();
                l.put("lineNumber", line.lineNumber());
                l.put("status", line.status());
                if (!line.accepted()) {
                    l.put("reasonCode", line.reasonCode());
                    l.put("reason", line.reason());
                }
            }
        }
        if (!order.reasons().isEmpty()) {
            ArrayNode reasons = node.putArray("reasons");
            for (ErpOrder.Reason r : order.reasons()) {
                reasons.addObject().put("code", r.code()).put("message", r.message());
            }
        }
        return node;
    }

    static ObjectNode storedOrderJson(ErpOrder order) {
        ObjectNode node = JSON.createObjectNode();
        node.put("erpOrderNumber", order.orderNumber());
        node.put("externalReference", order.externalReference());
        if (order.ordersyncOrderId() != null) {
            node.put("ordersyncOrderId", order.ordersyncOrderId());
        }
        node.put("customerNumber", order.customerNumber());
        node.put("currency", order.currency());
        node.put("requestedDeliveryDate",
                order.requestedDeliveryDate() == null ? null : order.requestedDeliveryDate().toString());
        if (order.shipTo() != null) {
            node.set("shipTo", JSON.valueToTree(order.shipTo()));
        }
        node.put("status", order.status());
        node.put("createdAt", order.createdAt().toString());
        ArrayNode lines = node.putArray("lines");
        for (ErpOrderLine line : order.lines()) {
            ObjectNode l = lines.addObject();
            l.put("lineNumber", line.lineNumber());
            l.put("sku", line.sku());
            l.put("quantity", line.quantity().toPlainString());
            l.put("unitOfMeasure", line.unitOfMeasure());
            l.put("unitPrice", line.unitPrice() == null ? null : line.unitPrice().toPlainString());
            l.put("status", line.status());
            if (!line.accepted()) {
                l.put("reasonCode", line.reasonCode());
                l.put("reason", line.reason());
            }
        }
        return node;
    }

    // ------------------------------------------------------------------ parsing

    private static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    private static ErpOrderBook.Request parse(String body) throws BadRequest {
        if (body == null || body.isBlank()) {
            throw new BadRequest("request body is required");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadRequest("request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadRequest("request body must be a JSON object");
        }
        String externalReference = requiredText(root, "externalReference");
        String ordersyncOrderId = optionalText(root, "ordersyncOrderId");
        String customerNumber = requiredText(root, "customerNumber");
        String currency = optionalText(root, "currency");
        if (currency != null && !currency.matches("[A-Z]{3}")) {
            throw new BadRequest("currency must be an ISO 4217 code like USD but was '" + currency + "'");
        }
        LocalDate deliveryDate = null;
        String date = optionalText(root, "requestedDeliveryDate");
        if (date != null) {
            try {
                deliveryDate = LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                throw new BadRequest("requestedDeliveryDate must be an ISO date (yyyy-MM-dd) but was '" + date + "'");
            }
        }
        Map<String, Object> shipTo = null;
        JsonNode shipToNode = root.get("shipTo");
        if (shipToNode != null && !shipToNode.isNull()) {
            if (!shipToNode.isObject()) {
                throw new BadRequest("shipTo must be a JSON object");
            }
            shipTo = JSON.convertValue(shipToNode, new TypeReference<Map<String, Object>>() { });
        }
        JsonNode linesNode = root.get("lines");
        if (linesNode == null || linesNode.isNull() || (linesNode.isArray() && linesNode.isEmpty())) {
            throw new BadRequest("lines must contain at least one order line");
        }
        if (!linesNode.isArray()) {
            throw new BadRequest("lines must be a JSON array");
        }
        List<ErpOrderBook.LineRequest> lines = new ArrayList<>();
        Set<Integer> lineNumbers = new HashSet<>();
        for (int i = 0; i < linesNode.size(); i++) {
            JsonNode line = linesNode.get(i);
            String where = "lines[" + i + "]";
            if (!line.isObject()) {
                throw new BadRequest(where + " must be a JSON object");
            }
            int lineNumber = i + 1;
            JsonNode ln = line.get("lineNumber");
            if (ln != null && !ln.isNull()) {
                if (ln.isIntegralNumber() && ln.canConvertToInt()) {
                    lineNumber = ln.intValue();
                } else if (ln.isTextual() && ln.asText().trim().matches("\\d{1,9}")) {
                    lineNumber = Integer.parseInt(ln.asText().trim());
                } else {
                    throw new BadRequest(where + ".lineNumber must be a positive integer but was " + ln);
                }
                if (lineNumber <= 0) {
                    throw new BadRequest(where + ".lineNumber must be a positive integer but was " + ln);
                }
            }
            if (!lineNumbers.add(lineNumber)) {
                throw new BadRequest("duplicate lineNumber " + lineNumber);
            }
            String sku = optionalText(line, "sku");
            if (sku == null) {
                throw new BadRequest(where + ".sku is required");
            }
            BigDecimal quantity = decimal(line, "quantity", where);
            if (quantity == null) {
                throw new BadRequest(where + ".quantity is required");
            }
            if (quantity.signum() <= 0) {
                throw new BadRequest(where + ".quantity must be greater than zero but was " + quantity.toPlainString());
            }
            BigDecimal unitPrice = decimal(line, "unitPrice", where);
            if (unitPrice != null && unitPrice.signum() < 0) {
                throw new BadRequest(where + ".unitPrice must not be negative but was " + unitPrice.toPlainString());
            }
            String uom = optionalText(line, "unitOfMeasure");
            lines.add(new ErpOrderBook.LineRequest(lineNumber, sku, quantity, uom == null ? "EA" : uom, unitPrice));
        }
        return new ErpOrderBook.Request(externalReference, ordersyncOrderId, customerNumber, currency, deliveryDate, shipTo, lines);
    }

    private static String requiredText(JsonNode node, String field) throws BadRequest {
        String value = optionalText(node, field);
        if (value == null) {
            throw new BadRequest(field + " is required");
        }
        return value;
    }

    /** Text value of a field, trimmed; null when missing, null or blank. Numbers are accepted as text. */
    private static String optionalText(JsonNode node, String field) throws BadRequest {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw new BadRequest(field + " must be a string");
        }
        String text = value.asText().trim();
        return text.isEmpty() ? null : text;
    }

    /** A decimal given as JSON number or string; null when missing. */
    private static BigDecimal decimal(JsonNode line, String field, String where) throws BadRequest {
        JsonNode value = line.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual()) {
            String text = value.asText().trim();
            if (text.isEmpty()) {
                return null;
            }
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw new BadRequest(where + "." + field + " must be a decimal number but was '" + text + "'");
            }
        }
        throw new BadRequest(where + "." + field + " must be a decimal number but was " + value);
    }
}
