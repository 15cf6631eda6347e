package io.ordersync.order;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Business rules every canonical order must meet, whatever channel it came from. Structural checks of the
 * sender's format happen before mapping (JSON schema); these are the checks on the canonical result.
 */
public final class OrderValidator {

    /** One problem, named by its JSON path in the canonical order. */
    public record FieldError(String field, String message) {}

    public List<FieldError> validate(CanonicalOrder order) {
        List<FieldError> errors = new ArrayList<>();
        if (order.source() == null || blank(order.source().externalId())) {
            errors.add(new FieldError("source.externalId", "is required"));
        }
        if (order.customer() == null
                || (blank(order.customer().crmAccountId()) && blank(order.customer().erpCustomerNumber()))) {
            errors.add(new FieldError("customer", "needs a CRM account id or an ERP customer number"));
        }
        if (blank(order.currency()) || !order.currency().matches("[A-Z]{3}")) {
            errors.add(new FieldError("currency", "must be an ISO 4217 code, was '" + order.currency() + "'"));
        }
        if (order.orderDate() != null && order.requestedDeliveryDate() != null
                && order.requestedDeliveryDate().isBefore(order.orderDate())) {
            errors.add(new FieldError("requestedDeliveryDate", "is before the order date " + order.orderDate()));
        }
        List<CanonicalOrder.Line> lines = order.lines() == null ? List.of() : order.lines();
        if (lines.isEmpty()) {
            errors.add(new FieldError("lines", "an order needs at least one line"));
        }
        Set<Integer> lineNumbers = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            CanonicalOrder.Line line = lines.get(i);
            String at = "lines[" + i + "]";
            if (line.lineNumber() == null || line.lineNumber() < 1) {
                errors.add(new FieldError(at + ".lineNumber", "must be a positive number"));
            } else if (!lineNumbers.add(line.lineNumber())) {
                errors.add(new FieldError(at + ".lineNumber", "line number " + line.lineNumber() + " is used twice"));
            }
            if (blank(line.sku())) {
                errors.add(new FieldError(at + ".sku", "is required"));
            }
            if (line.quantity() == null || line.quantity().signum() <= 0) {
                errors.add(new FieldError(at + ".quantity", "must be greater than zero"));
            } else if (line.quantity().stripTrailingZeros().scale() > 4) {
                errors.add(new FieldError(at + ".quantity", "has more than 4 decimal places"));
            }
            if (line.unitPrice() != null && line.unitPrice().compareTo(BigDecimal.ZERO) < 0) {
                errors.add(new FieldError(at + ".unitPrice", "must not be negative"));
            }
            if (line.gtin() != null && !validGtin(line.gtin())) {
                errors.add(new FieldError(at + ".gtin", "'" + line.gtin() + "' fails the GTIN check digit"));
            }
        }
        return errors;
    }

    /**
     * Text values holding control characters (U+0000 to U+001F but tab, line feed and carriage return): no business
     * field holds one, an ERP or a partner could misread it, and PostgreSQL text refuses U+0000. Checked on the
     * canonical order (JSON tree), so that every channel - REST, SOAP, files, Kafka - refuses them alike.
     */
    public static List<FieldError> controlCharacters(com.fasterxml.jackson.databind.JsonNode canonical) {
        List<FieldError> errors = new ArrayList<>();
        collectControlCharacters(canonical, "", errors);
        return errors;
    }

    private static void collectControlCharacters(com.fasterxml.jackson.databind.JsonNode node, String path,
            List<FieldError> errors) {
        if (node.isTextual()) {
            String text = node.asText();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                    errors.add(new FieldError(path.isEmpty() ? "$" : path, String.format("holds the control"
                            + " character U+%04X (character %d); text fields take no control characters", (int) c,
                            i + 1)));
                    return;
                }
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(field -> collectControlCharacters(field.getValue(),
                    path.isEmpty() ? field.getKey() : path + "." + field.getKey(), errors));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectControlCharacters(node.get(i), path + "[" + i + "]", errors);
            }
        }
    }

    /** GS1 mod-10 check digit over GTIN-8/12/13/14. */
    static boolean validGtin(String gtin) {
        if (!gtin.matches("\\d{8}|\\d{12}|\\d{13}|\\d{14}")) {
            return false;
        }
        int sum = 0;
        for (int i = gtin.length() - 2, weight = 3; i >= 0; i--, weight = 4 - weight) {
            sum += (gtin.charAt(i) - '0') * weight;
        }
        return (10 - sum % 10) % 10 == gtin.charAt(gtin.length() - 1) - '0';
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
