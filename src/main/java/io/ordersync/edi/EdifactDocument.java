package io.ordersync.edi;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * One outbound UN/EDIFACT D.96A message in its own interchange: {@link #start} writes UNA, UNB and UNH from the
 * partner profile with the partner's next interchange control reference, {@link #segment} the body,
 * {@link #release} UNT and UNZ, then reads the whole interchange back with StAEDI against {@code edi-specs} and
 * returns it only when it is valid. Written with {@link AckWriter}, as the CONTRL is; StAEDI escapes delimiters in
 * data with the release character.
 */
final class EdifactDocument {

    /**
     * Syntax level C (ISO 8859-1) version 3: partners' names and addresses need lower case and accented letters,
     * which level A does not have. The outbox file is written in ISO 8859-1 accordingly.
     */
    static final String[] SYNTAX = {"UNOC", "3"};
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd", Locale.ROOT);
    /** The one message of the interchange; UNB 0020 makes it unique. */
    private static final String MESSAGE_REFERENCE = "1";

    private final AckWriter writer;
    private final PartnerProfiles.Profile partner;
    private final String type;
    private final String reference;

    private EdifactDocument(AckWriter writer, PartnerProfiles.Profile partner, String type, String reference) {
        this.writer = writer;
        this.partner = partner;
        this.type = type;
        this.reference = reference;
    }

    /**
     * Starts the interchange: UNA, UNB, UNH for message {@code type} (ORDRSP, DESADV, INVOIC) of directory D.96A.
     *
     * @throws IllegalArgumentException when the partner is not EDIFACT
     */
    static EdifactDocument start(PartnerProfiles.Profile partner, AckNumbers numbers, Clock clock, String type) {
        if (!"EDIFACT".equals(partner.standard())) {
            throw new IllegalArgumentException("an " + type + " is EDIFACT; partner " + partner.partner() + " is "
                    + partner.standard());
        }
        String reference = String.valueOf(numbers.next(partner.partner(), AckNumbers.UNB0020));
        if (reference.length() > 14) {
            throw new IllegalStateException("UNB 0020 " + reference + " for " + partner.partner()
                    + " exceeds 14 characters");
        }
        LocalDateTime now = LocalDateTime.now(clock);
        AckWriter writer = AckWriter.edifact(partner, SYNTAX);
        writer.startInterchange();
        writer.segment("UNA");
        writer.segment("UNB", SYNTAX,
                new String[] {partner.ourIdentity().unbId(), partner.ourIdentity().unbQualifier()},
                new String[] {partner.identity().unbId(), partner.identity().unbQualifier()},
                new String[] {now.format(YYMMDD), now.format(OutboundValues.HHMM)}, reference,
                null, null, null, null, null, partner.test() ? "1" : null);
        writer.startTransaction();
        writer.segment("UNH", MESSAGE_REFERENCE, new String[] {type, "D", "96A", "UN"});
        return new EdifactDocument(writer, partner, type, reference);
    }

    /** Writes a segment of the message: elements are strings, {@code String[]} composites or null (empty). */
    EdifactDocument segment(String tag, Object... elements) {
        writer.segment(tag, elements);
        return this;
    }

    /** Writes a segment of one composite element, as DTM, RFF, QTY, MOA, PRI, CUX and CNT are. */
    EdifactDocument composite(String tag, String... components) {
        writer.segment(tag, (Object) components);
        return this;
    }

    /**
     * Ends the interchange and returns it once StAEDI finds nothing wrong with it.
     *
     * @param about what the document is about, for the error message ("order o-1, shipment S-1")
     * @throws IllegalStateException when it does not validate or holds characters outside ISO 8859-1
     */
    String release(EdiSpecs specs, String about) {
        writer.segment("UNT", String.valueOf(writer.transactionSegments()), MESSAGE_REFERENCE);
        writer.segment("UNZ", "1", reference);
        String edi = writer.endInterchange().text();
        List<String> problems = new java.util.ArrayList<>(AckValidation.problems(edi, specs));
        if (!StandardCharsets.ISO_8859_1.newEncoder().canEncode(edi)) {
            problems.add("characters outside ISO 8859-1, which syntax level " + SYNTAX[0] + " cannot carry");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the " + type + " written for partner " + partner.partner() + " ("
                    + about + ") does not validate, not sent: " + String.join("; ", problems) + "\n" + edi);
        }
        return edi;
    }
}
