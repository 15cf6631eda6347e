package io.ordersync.edi.outbound;

import io.ordersync.edi.EdiSpecs;
import io.ordersync.edi.PartnerProfiles;
import io.ordersync.edi.ack.AckNumbers;
import io.ordersync.edi.ack.AckValidation;
import io.ordersync.edi.ack.AckWriter;
import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.OrderEvent;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The purchase order acknowledgement ordersync sends a trading partner once the ERP has answered an order: an X12
 * 004010 855 (BAK, PO1/ACK per line, CTT) in its own ISA/GS envelope from {@code ourIdentity} to {@code identity}.
 * Written with StAEDI using the partner's outbound delimiters and read back against
 * {@code edi-specs/x12/004010/855.xml} before it is returned: nothing leaves that does not validate.
 */
public final class PurchaseOrderAcknowledgement {

    /** BAK02: order accepted, every line as ordered. */
    public static final String ACCEPTED = "AT";
    /** BAK02: accepted with detail (some lines rejected or changed). */
    public static final String ACCEPTED_WITH_DETAIL = "AC";
    /** BAK02: order rejected. */
    public static final String REJECTED = "RJ";
    /** ACK01: item accepted. */
    public static final String ITEM_ACCEPTED = "IA";
    /** ACK01: item rejected. */
    public static final String ITEM_REJECTED = "IR";

    private static final String VERSION = "004010";
    private static final String ISA_VERSION = "00401";
    private static final long MAX_X12_CONTROL_NUMBER = 999_999_999L;
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd", Locale.ROOT);
    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm", Locale.ROOT);
    /** Common UN/ECE rec. 20 units (as canonical orders may carry them) and their X12 355 code. */
    private static final Map<String, String> UNITS = Map.ofEntries(
            Map.entry("PCE", "EA"), Map.entry("C62", "EA"), Map.entry("H87", "EA"), Map.entry("EA", "EA"),
            Map.entry("KGM", "KG"), Map.entry("MTR", "MR"), Map.entry("LTR", "LT"), Map.entry("BX", "BX"),
            Map.entry("CT", "CT"), Map.entry("PK", "PK"),
            Map.entry("PR", "PR"), Map.entry("DZN", "DZ"), Map.entry("CS", "CA"), Map.entry("CA", "CA"));

    private final EdiSpecs specs;

    /** Validates against {@code edi-specs} of the working directory. */
    public PurchaseOrderAcknowledgement() {
        this(new EdiSpecs(Path.of("edi-specs")));
    }

    public PurchaseOrderAcknowledgement(EdiSpecs specs) {
        this.specs = specs;
    }

    /**
     * The 855 for an order and the ERP's answer to it.
     *
     * @param order   the canonical order the partner sent
     * @param outcome an {@code OrderAccepted} (status ACCEPTED or PARTIALLY_ACCEPTED, per-line outcomes) or an
     *                {@code OrderRejected} event
     * @param partner an X12 partner profile
     * @param numbers control numbers (ISA13, GS06, ST02 of this partner)
     * @param clock   the time of ISA09/ISA10, GS04/GS05 and of BAK04 when the order has no date
     * @return one interchange holding one functional group (PR) holding one 855
     * @throws IllegalArgumentException when the event is no acceptance or rejection, or the partner is not X12
     * @throws IllegalStateException    when the written 855 does not validate (the problems are listed)
     */
    public String x12(CanonicalOrder order, OrderEvent outcome, PartnerProfiles.Profile partner, AckNumbers numbers,
                      Clock clock) {
        if (!"X12".equals(partner.standard())) {
            throw new IllegalArgumentException("an 855 is X12; partner " + partner.partner() + " is "
                    + partner.standard());
        }
        boolean rejected = OrderEvent.ORDER_REJECTED.equals(outcome.type());
        if (!rejected && !OrderEvent.ORDER_ACCEPTED.equals(outcome.type())) {
            throw new IllegalArgumentException("an 855 answers OrderAccepted or OrderRejected, not " + outcome.type());
        }
        List<CanonicalOrder.Line> lines = order.lines() == null ? List.of() : order.lines();
        Map<Integer, OrderEvent.LineOutcome> byLine = new HashMap<>();
        if (outcome.lines() != null) {
            outcome.lines().forEach(l -> byLine.put(l.lineNumber(), l));
        }

        List<Line> answered = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            CanonicalOrder.Line line = lines.get(i);
            int number = line.lineNumber() == null ? i + 1 : line.lineNumber();
            OrderEvent.LineOutcome lo = byLine.get(number);
            boolean lineRejected = rejected || (lo != null && "REJECTED".equalsIgnoreCase(lo.status()));
            answered.add(new Line(number, line, lineRejected));
        }
        String bak02;
        if (rejected || (!answered.isEmpty() && answered.stream().allMatch(Line::rejected))) {
            bak02 = REJECTED;
        } else if (answered.stream().anyMatch(Line::rejected) || "PARTIALLY_ACCEPTED".equals(
                String.valueOf(outcome.status()))) {
            bak02 = ACCEPTED_WITH_DETAIL;
        } else {
            bak02 = ACCEPTED;
        }

        LocalDateTime now = LocalDateTime.now(clock);
        String poNumber = firstPresent(order.customerPurchaseOrder(),
                order.source() == null ? null : order.source().externalId());
        if (poNumber == null) {
            throw new IllegalArgumentException("order " + order.orderId() + " has no purchase order number for BAK03");
        }
        LocalDate poDate = order.orderDate() != null ? order.orderDate() : now.toLocalDate();

        String who = partner.partner();
        String isa13 = x12Number(numbers.next(who, AckNumbers.ISA13), 9);
        String gs06 = x12Number(numbers.next(who, AckNumbers.GS06), 1);
        String st02 = x12Number(numbers.next(who, AckNumbers.ST02), 4);

        AckWriter w = AckWriter.x12(partner, ISA_VERSION);
        w.startInterchange();
        PartnerProfiles.Identity us = partner.ourIdentity();
        PartnerProfiles.Identity them = partner.identity();
        w.segment("ISA", "00", " ".repeat(10), "00", " ".repeat(10), us.isaQualifier(), pad15(us.isaId()),
                them.isaQualifier(), pad15(them.isaId()), now.format(YYMMDD), now.format(HHMM), "U", ISA_VERSION,
                isa13, "0", partner.test() ? "T" : "P", String.valueOf(AckWriter.delimiter(partner, "component", '>')));
        w.segment("GS", "PR", us.gsCode(), them.gsCode(), now.format(CCYYMMDD), now.format(HHMM), gs06, "X",
                VERSION);
        w.startTransaction();
        w.segment("ST", "855", st02);
        checkWritable(w, "BAK", 3, poNumber);
        w.segment("BAK", "00", bak02, poNumber, poDate.format(CCYYMMDD), null, null, null,
                blankToNull(outcome.erpOrderNumber()));
        for (Line a : answered) {
            CanonicalOrder.Line line = a.line();
            String unit = unit(line.unitOfMeasure());
            List<String> po1 = new ArrayList<>(List.of(String.valueOf(a.number())));
            po1.add(plain(line.quantity()));
            po1.add(unit);
            po1.add(plain(line.unitPrice()));
            po1.add(null); // PO105 basis of unit price
            addId(po1, "VP", line.sku());
            addId(po1, "BP", line.customerPartNumber());
            addId(po1, "EN", line.gtin());
            for (int i = 0; i < po1.size(); i++) {
                checkWritable(w, "PO1", i + 1, po1.get(i));
            }
            w.segment("PO1", po1.toArray());
            w.segment("ACK", a.rejected() ? ITEM_REJECTED : ITEM_ACCEPTED, plain(line.quantity()), unit);
        }
        w.segment("CTT", String.valueOf(answered.size()));
        w.segment("SE", String.valueOf(w.transactionSegments()), st02);
        w.segment("GE", "1", gs06);
        w.segment("IEA", "1", isa13);
        String edi = w.endInterchange().text();

        List<String> problems = AckValidation.problems(edi, specs);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the 855 written for partner " + who + " (order " + order.orderId()
                    + ") does not validate, not sent: " + String.join("; ", problems) + "\n" + edi);
        }
        return edi;
    }

    private record Line(int number, CanonicalOrder.Line line, boolean rejected) {}

    private static void addId(List<String> elements, String qualifier, String id) {
        if (id != null && !id.isBlank()) {
            elements.add(qualifier);
            elements.add(id.strip());
        }
    }

    /** A BigDecimal as X12 R: plain digits, no exponent, no trailing zeros of the fraction. */
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

    static String unit(String unitOfMeasure) {
        if (unitOfMeasure == null || unitOfMeasure.isBlank()) {
            return "EA";
        }
        String u = unitOfMeasure.strip().toUpperCase(Locale.ROOT);
        return UNITS.getOrDefault(u, u);
    }

    private static String firstPresent(String a, String b) {
        return a != null && !a.isBlank() ? a.strip() : b != null && !b.isBlank() ? b.strip() : null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String pad15(String id) {
        if (id == null || id.isEmpty() || id.length() > 15) {
            throw new IllegalStateException("an ISA identifier has 1 to 15 characters, not '" + id + "'");
        }
        return String.format(Locale.ROOT, "%-15s", id);
    }

    private static String x12Number(long number, int digits) {
        if (number < 1 || number > MAX_X12_CONTROL_NUMBER) {
            throw new IllegalStateException("X12 control number " + number + " is out of 1..999999999");
        }
        return String.format(Locale.ROOT, "%0" + digits + "d", number);
    }

    // ================================================================================ writing (StAEDI)

    /** Writes segments with the partner's outbound delimiters; the ISA/GS/ST envelopes are checked as written. */
    /** X12 has no release character: a delimiter (or a control character) in data would break the 855. */
    private static void checkWritable(AckWriter w, String tag, int position, String value) {
        if (value != null && !w.writable(value)) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "%s%02d '%s' contains a delimiter or control character", tag, position, value));
        }
    }
}
