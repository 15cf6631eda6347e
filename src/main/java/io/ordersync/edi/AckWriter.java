package io.ordersync.edi;

import io.xlate.edi.schema.EDISchemaException;
import io.xlate.edi.schema.SchemaFactory;
import io.xlate.edi.stream.EDIOutputFactory;
import io.xlate.edi.stream.EDIStreamConstants.Delimiters;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * A thin layer over StAEDI's {@link EDIStreamWriter}: a segment is a tag and its elements, each a {@code String}, a
 * {@code String[]} (a composite: its components) or {@code null} (empty; trailing empties are not written). Counts the
 * segments of the open transaction set for SE01/UNT 0074. Writes ordersync's acknowledgements and its other
 * outbound documents alike.
 */
final class AckWriter {

    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd", Locale.ROOT);
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm", Locale.ROOT);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final EDIStreamWriter writer;
    private final String delimiters;
    private int transactionSegments;

    /**
     * @param delimiters  segment, element, component, repetition (may be {@code ' '}: none), release (may be
     *                    absent: none) — {@link Delimiters} keys
     * @param prettyPrint a line break after each segment terminator
     * @param standard    X12 or EDIFACT
     * @param version     the envelope version (X12: ISA12; EDIFACT: syntax identifier and version) whose StAEDI
     *                    control schema checks the envelope segments as they are written
     */
    AckWriter(Map<String, Character> delimiters, boolean prettyPrint, String standard, String... version) {
        EDIOutputFactory factory = EDIOutputFactory.newFactory();
        delimiters.forEach(factory::setProperty);
        factory.setProperty(EDIOutputFactory.PRETTY_PRINT, prettyPrint);
        this.writer = factory.createEDIStreamWriter(out);
        try {
            writer.setControlSchema(SchemaFactory.newFactory().getControlSchema(standard, version));
        } catch (EDISchemaException e) {
            throw new IllegalStateException("no StAEDI control schema for " + standard + " " + String.join(":",
                    version), e);
        }
        StringBuilder chars = new StringBuilder();
        for (String key : new String[] {Delimiters.SEGMENT, Delimiters.DATA_ELEMENT, Delimiters.COMPONENT_ELEMENT,
            Delimiters.REPETITION}) {
            Character c = delimiters.get(key);
            if (c != null && c != ' ') {
                chars.append(c);
            }
        }
        this.delimiters = chars.toString();
    }

    /** A writer with the partner's X12 delimiters (defaults ~ * > ^) checking an ISA of version {@code isaVersion}. */
    public static AckWriter x12(io.ordersync.edi.PartnerProfiles.Profile profile, String isaVersion) {
        Map<String, Character> delimiters = new java.util.LinkedHashMap<>();
        delimiters.put(Delimiters.SEGMENT, delimiter(profile, "segment", '~'));
        delimiters.put(Delimiters.DATA_ELEMENT, delimiter(profile, "element", '*'));
        delimiters.put(Delimiters.COMPONENT_ELEMENT, delimiter(profile, "component", '>'));
        if (isaVersion.compareTo("00402") >= 0) {
            delimiters.put(Delimiters.REPETITION, delimiter(profile, "repetition", '^'));
        }
        return new AckWriter(delimiters, lineBreaks(profile), "X12", isaVersion);
    }

    /**
     * A writer with the partner's EDIFACT delimiters (defaults ' + : ?) checking a UNB of syntax {@code syntax}
     * (identifier and version, e.g. UNOC, 3).
     */
    public static AckWriter edifact(io.ordersync.edi.PartnerProfiles.Profile profile, String[] syntax) {
        boolean v4 = syntax.length > 1 && syntax[1].compareTo("4") >= 0;
        Map<String, Character> delimiters = new java.util.LinkedHashMap<>();
        delimiters.put(Delimiters.SEGMENT, delimiter(profile, "segment", '\''));
        delimiters.put(Delimiters.DATA_ELEMENT, delimiter(profile, "element", '+'));
        delimiters.put(Delimiters.COMPONENT_ELEMENT, delimiter(profile, "component", ':'));
        delimiters.put(Delimiters.RELEASE, delimiter(profile, "release", '?'));
        delimiters.put(Delimiters.DECIMAL, '.');
        // syntax version 3 reserves the fifth UNA character (a space); version 4 repeats with it
        delimiters.put(Delimiters.REPETITION, v4 ? delimiter(profile, "repetition", '*') : ' ');
        return new AckWriter(delimiters, lineBreaks(profile), "EDIFACT", syntax);
    }

    /** Writes the ISA of an interchange from {@code profile.ourIdentity()} to {@code profile.identity()}. */
    public AckWriter isa(io.ordersync.edi.PartnerProfiles.Profile profile, String version, String isa13,
                         LocalDateTime now) {
        io.ordersync.edi.PartnerProfiles.Identity us = profile.ourIdentity();
        io.ordersync.edi.PartnerProfiles.Identity them = profile.identity();
        char repetition = delimiter(profile, "repetition", '^');
        return segment("ISA", "00", " ".repeat(10), "00", " ".repeat(10), us.isaQualifier(), pad15(us.isaId()),
                them.isaQualifier(), pad15(them.isaId()), now.format(YYMMDD), now.format(HHMM),
                version.compareTo("00402") >= 0 ? String.valueOf(repetition) : "U", version, isa13, "0",
                profile.test() ? "T" : "P", String.valueOf(delimiter(profile, "component", '>')));
    }

    private static String pad15(String id) {
        if (id == null || id.isEmpty() || id.length() > 15) {
            throw new IllegalStateException("an ISA identifier has 1 to 15 characters, not '" + id + "'");
        }
        return String.format(Locale.ROOT, "%-15s", id);
    }

    /** The partner's outbound delimiter of that name, or the standard's default. */
    public static char delimiter(io.ordersync.edi.PartnerProfiles.Profile profile, String name, char fallback) {
        String value = profile.outbound() == null || profile.outbound().delimiters() == null ? null
                : profile.outbound().delimiters().get(name);
        return value == null || value.isEmpty() ? fallback : value.charAt(0);
    }

    static boolean lineBreaks(io.ordersync.edi.PartnerProfiles.Profile profile) {
        return profile.outbound() != null && Boolean.TRUE.equals(profile.outbound().lineBreakAfterSegment());
    }

    /** Whether a value can be written as it is (X12 has no release character: a delimiter in data breaks it). */
    public boolean writable(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (delimiters.indexOf(value.charAt(i)) >= 0 || value.charAt(i) < 0x20) {
                return false;
            }
        }
        return true;
    }

    public AckWriter startInterchange() {
        try {
            writer.startInterchange();
        } catch (EDIStreamException | RuntimeException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return this;
    }

    public AckWriter endInterchange() {
        try {
            writer.endInterchange();
            writer.close();
        } catch (EDIStreamException | RuntimeException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return this;
    }

    /** Starts counting the segments of a transaction set (the header written next is the first). */
    public AckWriter startTransaction() {
        transactionSegments = 0;
        return this;
    }

    /** The segments written since {@link #startTransaction()}, the trailer written next included. */
    public int transactionSegments() {
        return transactionSegments + 1;
    }

    public AckWriter segment(String tag, Object... elements) {
        int last = elements.length;
        while (last > 0 && isEmpty(elements[last - 1])) {
            last--;
        }
        try {
            writer.writeStartSegment(tag);
            for (int i = 0; i < last; i++) {
                Object element = elements[i];
                if (isEmpty(element)) {
                    writer.writeEmptyElement();
                } else if (element instanceof String[] components) {
                    writeComposite(components);
                } else {
                    writer.writeElement(element.toString());
                }
            }
            writer.writeEndSegment();
        } catch (EDIStreamException | RuntimeException e) {
            // EDIValidationException (a RuntimeException): the control schema refuses what is being written
            throw new IllegalStateException("cannot write segment " + tag + ": " + e.getMessage(), e);
        }
        transactionSegments++;
        return this;
    }

    private void writeComposite(String[] components) throws EDIStreamException {
        int last = components.length;
        while (last > 0 && isEmpty(components[last - 1])) {
            last--;
        }
        writer.writeStartElement();
        for (int i = 0; i < last; i++) {
            if (isEmpty(components[i])) {
                writer.writeEmptyComponent();
            } else {
                writer.writeComponent(components[i]);
            }
        }
        writer.endElement();
    }

    private static boolean isEmpty(Object element) {
        if (element == null) {
            return true;
        }
        if (element instanceof String[] components) {
            for (String c : components) {
                if (c != null && !c.isEmpty()) {
                    return false;
                }
            }
            return true;
        }
        return element.toString().isEmpty();
    }

    public String text() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
