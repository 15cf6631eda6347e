package io.ordersync.edi;

import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.OrderEvent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Values as the partner documents write them: decimals, units, dates, names split to the standard's lengths. */
final class OutboundValues {

    static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
    static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm", Locale.ROOT);
    /** "NET30", "Net 30", "net 30 days": payment due that many days after the invoice date. */
    private static final Pattern NET_DAYS = Pattern.compile("(?i)\\bnet\\s*(\\d{1,3})\\b");

    /** Common UN/ECE rec. 20 units (as canonical orders may carry them) and their X12 355 code. */
    private static final Map<String, String> X12_UNITS = Map.ofEntries(
            Map.entry("PCE", "EA"), Map.entry("C62", "EA"), Map.entry("H87", "EA"), Map.entry("EA", "EA"),
            Map.entry("KGM", "KG"), Map.entry("MTR", "MR"), Map.entry("LTR", "LT"), Map.entry("BX", "BX"),
            Map.entry("CT", "CT"), Map.entry("PK", "PK"),
            Map.entry("PR", "PR"), Map.entry("DZN", "DZ"), Map.entry("CS", "CA"), Map.entry("CA", "CA"));

    /** X12 355 codes (as an X12 partner's orders carry them) and their UN/ECE rec. 20 code for EDIFACT 6411. */
    private static final Map<String, String> EDIFACT_UNITS = Map.of(
            "EA", "PCE", "KG", "KGM", "LB", "LBR", "MR", "MTR", "LT", "LTR", "DZ", "DZN");

    private OutboundValues() {
    }

    /** A BigDecimal as X12 R / EDIFACT n: plain digits, no exponent, no trailing zeros of the fraction. */
    static String plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() < 0) {
            stripped = stripped.setScale(0);
        }
        return stripped.signum() == 0 ? "0" : stripped.toPlainString();
    }

    static String x12Unit(String unitOfMeasure) {
        if (unitOfMeasure == null || unitOfMeasure.isBlank()) {
            return "EA";
        }
        String u = unitOfMeasure.strip().toUpperCase(Locale.ROOT);
        return X12_UNITS.getOrDefault(u, u);
    }

    static String edifactUnit(String unitOfMeasure) {
        if (unitOfMeasure == null || unitOfMeasure.isBlank()) {
            return "PCE";
        }
        String u = unitOfMeasure.strip().toUpperCase(Locale.ROOT);
        return EDIFACT_UNITS.getOrDefault(u, u);
    }

    static String firstPresent(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static String date(LocalDate date) {
        return date == null ? null : date.format(CCYYMMDD);
    }

    /** The net days of payment terms such as "NET30", or null when the terms do not say. */
    static Integer netDays(String paymentTerms) {
        if (paymentTerms == null) {
            return null;
        }
        Matcher m = NET_DAYS.matcher(paymentTerms);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    /** The purchase order number the partner knows the order by. */
    static String purchaseOrder(CanonicalOrder order) {
        String po = firstPresent(order.customerPurchaseOrder(), order.source() == null ? null
                : order.source().externalId());
        if (po == null) {
            throw new IllegalArgumentException("order " + order.orderId() + " has no purchase order number");
        }
        return po;
    }

    /** The order's lines by line number (a line without one counts by its position, as the intake numbers it). */
    static Map<Integer, CanonicalOrder.Line> linesByNumber(CanonicalOrder order) {
        Map<Integer, CanonicalOrder.Line> byNumber = new HashMap<>();
        List<CanonicalOrder.Line> lines = order.lines() == null ? List.of() : order.lines();
        for (int i = 0; i < lines.size(); i++) {
            CanonicalOrder.Line line = lines.get(i);
            byNumber.put(line.lineNumber() == null ? i + 1 : line.lineNumber(), line);
        }
        return byNumber;
    }

    /** The day the event happened (UTC), for a document date the event's detail does not give. */
    static LocalDate dayOf(OrderEvent event) {
        return event.occurredAt() == null ? null : event.occurredAt().atZone(ZoneOffset.UTC).toLocalDate();
    }

    /**
     * Text cut into at most {@code parts} pieces of at most {@code length} characters, for EDIFACT elements that
     * repeat a component (names, streets); longer text is refused, not cut short.
     */
    static String[] pieces(String text, int length, int parts, String what) {
        String value = blankToNull(text);
        if (value == null) {
            return null;
        }
        if (value.length() > length * parts) {
            throw new IllegalArgumentException(what + " '" + value + "' is longer than " + length * parts
                    + " characters");
        }
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < value.length(); i += length) {
            pieces.add(value.substring(i, Math.min(value.length(), i + length)));
        }
        return pieces.toArray(String[]::new);
    }
}
