package io.ordersync.edi;

import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The segments of an EDI file as plain values, read with StAEDI (no validation: {@link EdiInspector} judges the
 * file). For small documents and the envelopes of large ones: envelope segments (ISA/GS/ST/SE/GE/IEA,
 * UNA/UNB/UNG/UNH/UNT/UNE/UNZ) are always kept, the body segments of a transaction set only when its type is asked
 * for, so memory stays small whatever else the file holds.
 */
final class EdiSegments {

    private static final Set<String> ENVELOPE = Set.of("ISA", "GS", "ST", "SE", "GE", "IEA", "TA1", "UNB", "UNG",
            "UNH", "UNT", "UNE", "UNZ");

    private EdiSegments() {
    }

    /** A segment: its tag and its elements, each a list of components (a simple element has one). */
    public record Segment(String tag, List<List<String>> elements) {

        /** Element (from 1) and component (from 1) as trimmed text, or null when absent or empty. */
        public String value(int element, int component) {
            if (element < 1 || element > elements.size()) {
                return null;
            }
            List<String> components = elements.get(element - 1);
            if (components == null || component < 1 || component > components.size()) {
                return null;
            }
            String text = components.get(component - 1);
            return text == null || text.isBlank() ? null : text.strip();
        }

        public String value(int element) {
            return value(element, 1);
        }

        /** The segment as text with the given separators, trailing empty elements left out (for messages). */
        public String text(char elementSeparator, char componentSeparator) {
            StringBuilder out = new StringBuilder(tag);
            int last = elements.size();
            while (last > 0 && isEmpty(elements.get(last - 1))) {
                last--;
            }
            for (int i = 0; i < last; i++) {
                out.append(elementSeparator);
                List<String> components = elements.get(i);
                if (components != null) {
                    out.append(String.join(String.valueOf(componentSeparator),
                            components.stream().map(c -> c == null ? "" : c).toList()));
                }
            }
            return out.toString();
        }

        private static boolean isEmpty(List<String> components) {
            return components == null || components.stream().allMatch(c -> c == null || c.isBlank());
        }
    }

    /** One interchange: its standard (X12, EDIFACT) and the segments kept, in order. */
    public record Interchange(String standard, List<Segment> segments) {}

    /**
     * Reads the complete interchanges of the file (byte-order marks, banner lines and EBCDIC handled as the
     * inspector does); reading stops where the file cannot be read any further.
     *
     * @param keepTransactionType which transaction set types (ST01, UNH 0065) to keep the body segments of
     */
    public static List<Interchange> read(byte[] file, Predicate<String> keepTransactionType) {
        EDIInputFactory factory = EDIInputFactory.newFactory();
        factory.setProperty(EDIInputFactory.EDI_IGNORE_EXTRANEOUS_CHARACTERS, true);
        List<Interchange> interchanges = new ArrayList<>();
        List<Segment> segments = null;
        String standard = null;
        boolean keepBody = false;
        String tag = null;
        List<List<String>> elements = new ArrayList<>();
        try (EDIStreamReader reader = factory.createEDIStreamReader(EdiInput.prepare(file).stream)) {
            while (reader.hasNext()) {
                EDIStreamEvent event = reader.next();
                switch (event) {
                    case START_INTERCHANGE -> {
                        standard = reader.getStandard();
                        segments = new ArrayList<>();
                    }
                    case END_INTERCHANGE -> {
                        interchanges.add(new Interchange(standard, List.copyOf(segments)));
                        segments = null;
                    }
                    case START_SEGMENT -> {
                        tag = reader.getText();
                        elements = new ArrayList<>();
                    }
                    case ELEMENT_DATA -> {
                        Location at = reader.getLocation();
                        int element = Math.max(at.getElementPosition(), 1);
                        int component = Math.max(at.getComponentPosition(), 1);
                        while (elements.size() < element) {
                            elements.add(new ArrayList<>());
                        }
                        List<String> components = elements.get(element - 1);
                        while (components.size() < component) {
                            components.add(null);
                        }
                        components.set(component - 1, reader.getText());
                    }
                    case END_SEGMENT -> {
                        Segment segment = new Segment(tag, elements);
                        if ("ST".equals(tag)) {
                            keepBody = keepTransactionType.test(segment.value(1));
                        } else if ("UNH".equals(tag)) {
                            keepBody = keepTransactionType.test(segment.value(2, 1));
                        }
                        if (segments != null && (ENVELOPE.contains(tag) || keepBody)) {
                            segments.add(segment);
                        }
                        if ("SE".equals(tag) || "UNT".equals(tag)) {
                            keepBody = false;
                        }
                    }
                    default -> {
                        // errors are the inspector's to report; composites need no handling of their own
                    }
                }
            }
        } catch (EDIStreamException | java.io.IOException | RuntimeException e) {
            // what follows cannot be read (the inspector says why): the complete interchanges before it stand
            return interchanges;
        }
        return interchanges;
    }
}
