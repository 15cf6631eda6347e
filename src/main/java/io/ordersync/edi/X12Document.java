package io.ordersync.edi;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;

/**
 * One outbound X12 004010 transaction set in its own interchange: {@link #start} writes ISA, GS and ST from the
 * partner profile with the partner's next control numbers, {@link #segment} the body, {@link #release} SE, GE and
 * IEA, then reads the whole interchange back with StAEDI against {@code edi-specs} and returns it only when it is
 * valid. Written with {@link AckWriter}, as the acknowledgements are.
 */
final class X12Document {

    static final String VERSION = "004010";
    private static final String ISA_VERSION = "00401";
    private static final long MAX_CONTROL_NUMBER = 999_999_999L;

    private final AckWriter writer;
    private final PartnerProfiles.Profile partner;
    private final String type;
    private final String isa13;
    private final String gs06;
    private final String st02;

    private X12Document(AckWriter writer, PartnerProfiles.Profile partner, String type, String isa13, String gs06,
                        String st02) {
        this.writer = writer;
        this.partner = partner;
        this.type = type;
        this.isa13 = isa13;
        this.gs06 = gs06;
        this.st02 = st02;
    }

    /**
     * Starts the interchange: ISA, GS with {@code functionalId} (PR, SH, IN), ST with {@code type} (855, 856, 810).
     *
     * @throws IllegalArgumentException when the partner is not X12
     */
    static X12Document start(PartnerProfiles.Profile partner, AckNumbers numbers, Clock clock, String functionalId,
                             String type) {
        if (!"X12".equals(partner.standard())) {
            throw new IllegalArgumentException("an " + type + " is X12; partner " + partner.partner() + " is "
                    + partner.standard());
        }
        String who = partner.partner();
        String isa13 = number(numbers.next(who, AckNumbers.ISA13), 9);
        String gs06 = number(numbers.next(who, AckNumbers.GS06), 1);
        String st02 = number(numbers.next(who, AckNumbers.ST02), 4);
        LocalDateTime now = LocalDateTime.now(clock);
        AckWriter writer = AckWriter.x12(partner, ISA_VERSION);
        writer.startInterchange();
        writer.isa(partner, ISA_VERSION, isa13, now);
        writer.segment("GS", functionalId, partner.ourIdentity().gsCode(), partner.identity().gsCode(),
                now.format(OutboundValues.CCYYMMDD), now.format(OutboundValues.HHMM), gs06, "X", VERSION);
        writer.startTransaction();
        writer.segment("ST", type, st02);
        return new X12Document(writer, partner, type, isa13, gs06, st02);
    }

    /**
     * Writes a segment of the transaction set: elements are strings, {@code String[]} composites or null (empty).
     *
     * @throws IllegalStateException when a value holds a delimiter or a control character (X12 has no release
     *                               character: it would break the document)
     */
    X12Document segment(String tag, Object... elements) {
        for (int i = 0; i < elements.length; i++) {
            Object element = elements[i];
            if (element instanceof String[] components) {
                for (String component : components) {
                    checkWritable(tag, i + 1, component);
                }
            } else if (element != null) {
                checkWritable(tag, i + 1, element.toString());
            }
        }
        writer.segment(tag, elements);
        return this;
    }

    /**
     * Ends the interchange and returns it once StAEDI finds nothing wrong with it.
     *
     * @param about what the document is about, for the error message ("order o-1, shipment S-1")
     * @throws IllegalStateException when it does not validate (the problems and the document are in the message)
     */
    String release(EdiSpecs specs, String about) {
        writer.segment("SE", String.valueOf(writer.transactionSegments()), st02);
        writer.segment("GE", "1", gs06);
        writer.segment("IEA", "1", isa13);
        String edi = writer.endInterchange().text();
        List<String> problems = AckValidation.problems(edi, specs);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the " + type + " written for partner " + partner.partner() + " ("
                    + about + ") does not validate, not sent: " + String.join("; ", problems) + "\n" + edi);
        }
        return edi;
    }

    private void checkWritable(String tag, int position, String value) {
        if (value != null && !writer.writable(value)) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "%s%02d '%s' contains a delimiter or control character", tag, position, value));
        }
    }

    private static String number(long number, int digits) {
        if (number < 1 || number > MAX_CONTROL_NUMBER) {
            throw new IllegalStateException("X12 control number " + number + " is out of 1..999999999");
        }
        return String.format(Locale.ROOT, "%0" + digits + "d", number);
    }
}
