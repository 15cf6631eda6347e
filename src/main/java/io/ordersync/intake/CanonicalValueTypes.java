package io.ordersync.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordersync.support.FieldError;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * CSV and XML values are text, and the mappings pass them through as they are (JSLT computes numbers in doubles,
 * which would not keep money exact). This step gives a mapped order its canonical types in Java: quantities and
 * prices become exact decimals, line numbers integers, and dates are checked to be ISO dates. Values that are
 * already numbers (JSON files) are left as they are. Each value that does not fit becomes a field error with the
 * canonical path and the value, so a refusal can say exactly what is wrong.
 */
public final class CanonicalValueTypes {

    /** Plain decimal notation: digits, optionally a dot and more digits. No thousands separators, no exponent. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d+(\\.\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("\\+?\\d{1,9}");

    private CanonicalValueTypes() {
    }

    /** Types the order in place; returns what could not be typed (empty when all is well). */
    public static List<FieldError> apply(ObjectNode order) {
        List<FieldError> errors = new ArrayList<>();
        date(order, "orderDate", "orderDate", errors);
        date(order, "requestedDeliveryDate", "requestedDeliveryDate", errors);
        JsonNode lines = order.path("lines");
        for (int i = 0; i < lines.size(); i++) {
            if (!(lines.get(i) instanceof ObjectNode line)) {
                continue;
            }
            String at = "lines[" + i + "]";
            integer(line, "lineNumber", at + ".lineNumber", errors);
            decimal(line, "quantity", at + ".quantity", errors);
            decimal(line, "unitPrice", at + ".unitPrice", errors);
            date(line, "requestedDeliveryDate", at + ".requestedDeliveryDate", errors);
        }
        return errors;
    }

    private static void decimal(ObjectNode parent, String name, String path, List<FieldError> errors) {
        JsonNode value = parent.get(name);
        if (value == null || !value.isTextual()) {
            return;
        }
        String text = value.asText().trim();
        if (DECIMAL.matcher(text).matches()) {
            parent.put(name, new BigDecimal(text));
        } else {
            errors.add(new FieldError(path, "'" + value.asText() + "' is not a decimal number (digits with a dot as the"
                    + " decimal separator, e.g. 12.50)"));
        }
    }

    private static void integer(ObjectNode parent, String name, String path, List<FieldError> errors) {
        JsonNode value = parent.get(name);
        if (value == null || !value.isTextual()) {
            return;
        }
        String text = value.asText().trim();
        if (INTEGER.matcher(text).matches()) {
            parent.put(name, Integer.parseInt(text));
        } else {
            errors.add(new FieldError(path, "'" + value.asText() + "' is not a whole number"));
        }
    }

    private static void date(ObjectNode parent, String name, String path, List<FieldError> errors) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            return;
        }
        try {
            LocalDate.parse(value.asText().trim());
            parent.put(name, value.asText().trim());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(path, "'" + value.asText() + "' is not a date (YYYY-MM-DD)"));
        }
    }
}
