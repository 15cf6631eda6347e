package io.ordersync.edi.ack;

import io.xlate.edi.schema.EDISchemaException;
import io.xlate.edi.schema.SchemaFactory;
import io.xlate.edi.stream.EDIOutputFactory;
import io.xlate.edi.stream.EDIStreamConstants.Delimiters;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A thin layer over StAEDI's {@link EDIStreamWriter}: a segment is a tag and its elements, each a {@code String}, a
 * {@code String[]} (a composite: its components) or {@code null} (empty; trailing empties are not written). Counts the
 * segments of the open transaction set for SE01/UNT 0074.
 */
final class AckWriter {

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

    /** Whether a value can be written as it is (X12 has no release character: a delimiter in data breaks it). */
    boolean writable(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (delimiters.indexOf(value.charAt(i)) >= 0 || value.charAt(i) < 0x20) {
                return false;
            }
        }
        return true;
    }

    AckWriter startInterchange() {
        try {
            writer.startInterchange();
        } catch (EDIStreamException | RuntimeException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return this;
    }

    AckWriter endInterchange() {
        try {
            writer.endInterchange();
            writer.close();
        } catch (EDIStreamException | RuntimeException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return this;
    }

    /** Starts counting the segments of a transaction set (the header written next is the first). */
    AckWriter startTransaction() {
        transactionSegments = 0;
        return this;
    }

    /** The segments written since {@link #startTransaction()}, the trailer written next included. */
    int transactionSegments() {
        return transactionSegments + 1;
    }

    AckWriter segment(String tag, Object... elements) {
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

    String text() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
