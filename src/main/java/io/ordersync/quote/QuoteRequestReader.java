package io.ordersync.quote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ordersync.order.LegalEntityResolver;
import io.ordersync.order.OrderValidationException;
import io.ordersync.support.FieldError;
import io.ordersync.support.Json;
import io.ordersync.support.ParserMessages;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a quote request: JSON Schema {@value QuoteRequest#SCHEMA} first, then what a schema cannot say (real dates,
 * unique line numbers), then the legal entity as for orders (named, else customer rules; currency must match).
 * Every problem is a field error; the API answers them with 400.
 */
public class QuoteRequestReader {

    private final LegalEntityResolver resolver;

    public QuoteRequestReader(LegalEntityResolver resolver) {
        this.resolver = resolver;
    }

    /**
     * @return the request with its legal entity resolved
     * @throws OrderValidationException with field errors (answered 400)
     */
    public QuoteRequest read(String body) {
        JsonNode json;
        try {
            json = Json.mapper().readTree(body == null ? "" : body);
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException tooLarge) {
            // beyond the parser's limits: answered as on every JSON endpoint (400 JSON_LIMIT_EXCEEDED, ApiErrors)
            throw new IllegalArgumentException("the quote request exceeds a JSON limit", tooLarge);
        } catch (JsonProcessingException e) {
            throw invalid(List.of(new FieldError("$", "the body is not valid JSON: "
                    + ParserMessages.readable(e.getOriginalMessage()))));
        }
        if (json == null || json.isMissingNode()) {
            throw invalid(List.of(new FieldError("$", "a JSON object is required")));
        }
        List<FieldError> errors = new ArrayList<>(io.ordersync.support.JsonSchemas.check(QuoteRequest.SCHEMA, json));
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        List<QuoteRequest.Line> lines = new ArrayList<>();
        Set<Integer> lineNumbers = new HashSet<>();
        JsonNode lineNodes = json.path("lines");
        for (int i = 0; i < lineNodes.size(); i++) {
            JsonNode line = lineNodes.get(i);
            String where = "$.lines[" + i + "]";
            int lineNumber = line.hasNonNull("lineNumber") ? line.get("lineNumber").intValue() : i + 1;
            if (!lineNumbers.add(lineNumber)) {
                errors.add(new FieldError(where + ".lineNumber", "line number " + lineNumber + " is used twice"));
            }
            LocalDate requestedDate = null;
            if (line.hasNonNull("requestedDate")) {
                try {
                    requestedDate = LocalDate.parse(line.get("requestedDate").asText());
                } catch (DateTimeParseException e) {
                    errors.add(new FieldError(where + ".requestedDate", "'" + line.get("requestedDate").asText()
                            + "' is not a date (yyyy-MM-dd)"));
                }
            }
            String unit = line.hasNonNull("unitOfMeasure") ? line.get("unitOfMeasure").asText() : "EA";
            lines.add(new QuoteRequest.Line(lineNumber, line.get("sku").asText(), line.get("quantity").decimalValue(),
                    unit, requestedDate));
        }
        QuoteRequest request = new QuoteRequest(text(json, "legalEntity"), text(json, "customerNumber"),
                text(json, "crmAccountId"), text(json, "currency"), lines);
        // the currency is checked here, not by the resolver, so that the message speaks of quotes
        LegalEntityResolver.Resolution resolution = resolver.resolve(request.legalEntity(), request.crmAccountId(),
                request.customerNumber(), null);
        if (!resolution.resolved()) {
            errors.add(new FieldError("$.legalEntity", "NO_LEGAL_ENTITY".equals(resolution.code())
                    ? "is required: no customer rule matches customer '" + request.customerNumber() + "'"
                    + (request.crmAccountId() == null ? "" : " / CRM account '" + request.crmAccountId() + "'")
                    : resolution.reason()));
        } else if (!resolution.entity().currency().equals(request.currency())) {
            errors.add(new FieldError("$.currency", "legal entity " + resolution.entity().code() + " quotes in "
                    + resolution.entity().currency() + ", not " + request.currency()));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return request.forEntity(resolution.entity().code());
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static OrderValidationException invalid(List<FieldError> errors) {
        return new OrderValidationException("the quote request is invalid", errors);
    }
}
