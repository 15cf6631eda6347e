package io.ordersync.order;

import io.ordersync.support.FieldError;
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

    /**
     * Bounds on the numbers of an order line, whatever format they came in (a JSON {@code 1E100}, an X12 PO102 of
     * forty digits): a quantity above {@code ordersync.orders.max-quantity} (default 1,000,000) or a unit price above
     * {@code ordersync.orders.max-unit-price} (default 10,000,000) is refused, as are more than 4 decimal places in a quantity
     * or 6 in a unit price (prices of small parts are quoted to fractions of a cent).
     */
    public record Limits(BigDecimal maxQuantity, BigDecimal maxUnitPrice) {
        public static final String MAX_QUANTITY = "ordersync.orders.max-quantity";
        public static final String MAX_UNIT_PRICE = "ordersync.orders.max-unit-price";
        public static final Limits DEFAULTS = new Limits(new BigDecimal("1000000"), new BigDecimal("10000000"));

        /** From these settings (by the names above); absent or blank keeps the default. */
        public static Limits from(java.util.function.Function<String, String> settings) {
            return new Limits(positive(settings, MAX_QUANTITY, DEFAULTS.maxQuantity),
                    positive(settings, MAX_UNIT_PRICE, DEFAULTS.maxUnitPrice));
        }

        private static BigDecimal positive(java.util.function.Function<String, String> settings, String name,
                                           BigDecimal fallback) {
            String value = settings.apply(name);
            if (value == null || value.isBlank()) {
                return fallback;
            }
            try {
                BigDecimal parsed = new BigDecimal(value.trim().replace("_", ""));
                if (parsed.signum() > 0) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // explained below
            }
            throw new IllegalArgumentException(name + " must be a positive number, not '" + value + "'");
        }
    }

    private final Limits limits;

    public OrderValidator() {
        this(Limits.DEFAULTS);
    }

    public OrderValidator(Limits limits) {
        this.limits = limits;
    }

    public List<FieldError> validate(CanonicalOrder order) {
        List<FieldError> errors = new ArrayList<>();
        controlCharacters(io.ordersync.support.Json.mapper().valueToTree(order), "", errors);
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
            } else if (line.quantity().compareTo(limits.maxQuantity()) > 0) {
                errors.add(new FieldError(at + ".quantity", "must not be more than "
                        + limits.maxQuantity().toPlainString() + " (" + Limits.MAX_QUANTITY + ")"));
            } else if (line.quantity().stripTrailingZeros().scale() > 4) {
                errors.add(new FieldError(at + ".quantity", "has more than 4 decimal places"));
            }
            if (line.unitPrice() != null && line.unitPrice().compareTo(BigDecimal.ZERO) < 0) {
                errors.add(new FieldError(at + ".unitPrice", "must not be negative"));
            } else if (line.unitPrice() != null && line.unitPrice().compareTo(limits.maxUnitPrice()) > 0) {
                errors.add(new FieldError(at + ".unitPrice", "must not be more than "
                        + limits.maxUnitPrice().toPlainString() + " (" + Limits.MAX_UNIT_PRICE + ")"));
            } else if (line.unitPrice() != null && line.unitPrice().stripTrailingZeros().scale() > 6) {
                errors.add(new FieldError(at + ".unitPrice", "has more than 6 decimal places"));
            }
            if (line.gtin() != null && !validGtin(line.gtin())) {
                errors.add(new FieldError(at + ".gtin", "'" + line.gtin() + "' fails the GTIN check digit"));
            }
        }
        return errors;
    }

    /**
     * Every text of the order free of control characters (U+0000-U+001F, U+007F; a line break only in a note's
     * text): a NUL in an external id or a SKU is refused, not passed on or dropped. Named by JSON path.
     */
    private static void controlCharacters(com.fasterxml.jackson.databind.JsonNode node, String path,
                                          List<FieldError> errors) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> controlCharacters(f.getValue(),
                    path.isEmpty() ? f.getKey() : path + "." + f.getKey(), errors));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                controlCharacters(node.get(i), path + "[" + i + "]", errors);
            }
        } else if (node.isTextual()) {
            String text = node.textValue();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                boolean lineBreak = (c == '\n' || c == '\r' || c == '\t') && path.toLowerCase().contains("note");
                if ((c < 0x20 || c == 0x7F) && !lineBreak) {
                    errors.add(new FieldError(path, String.format("has the control character U+%04X at character"
                            + " %d: refused, not dropped", (int) c, i + 1)));
                    return;
                }
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
