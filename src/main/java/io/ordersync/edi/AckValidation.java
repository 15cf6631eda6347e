package io.ordersync.edi;

import io.xlate.edi.schema.Schema;
import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.Location;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a written acknowledgement or partner document back with StAEDI: its envelopes against StAEDI's control
 * schemas, each transaction set or message (997/999/CONTRL, 855/856/810, ORDRSP/DESADV/INVOIC) against its
 * {@code edi-specs} schema. Nothing leaves ordersync that this finds fault with.
 */
final class AckValidation {

    private AckValidation() {
    }

    /** What is wrong with {@code edi}, one line per problem; empty when it is valid. */
    public static List<String> problems(String edi, EdiSpecs specs) {
        List<String> problems = new ArrayList<>();
        EDIInputFactory factory = EDIInputFactory.newFactory();
        factory.setProperty(EDIInputFactory.EDI_IGNORE_EXTRANEOUS_CHARACTERS, true);
        int interchanges = 0;
        try (EDIStreamReader reader = factory.createEDIStreamReader(
                new ByteArrayInputStream(edi.getBytes(StandardCharsets.UTF_8)))) {
            while (reader.hasNext()) {
                EDIStreamEvent event = reader.next();
                if (event == EDIStreamEvent.START_INTERCHANGE) {
                    interchanges++;
                } else if (event == EDIStreamEvent.END_SEGMENT) {
                    String tag = reader.getLocation().getSegmentTag();
                    if ("ST".equals(tag) || "UNH".equals(tag)) {
                        String type = reader.getTransactionType();
                        Optional<Schema> schema = schema(specs, reader.getStandard(), reader.getTransactionVersion(),
                                type);
                        if (schema.isEmpty()) {
                            problems.add(tag + " #" + reader.getLocation().getSegmentPosition() + ": no schema in "
                                    + specs.root() + " for " + type + " " + String.join(":",
                                    reader.getTransactionVersion()));
                        }
                        reader.setTransactionSchema(schema.orElse(null));
                    }
                } else if (event.isError()) {
                    Location at = reader.getLocation();
                    String where = at.getSegmentTag() + " #" + at.getSegmentPosition()
                            + (at.getElementPosition() > 0 ? String.format(" %s%02d", at.getSegmentTag(),
                            at.getElementPosition()) : "")
                            + (at.getComponentPosition() > 0 ? "-" + at.getComponentPosition() : "");
                    problems.add(where + ": " + reader.getErrorType()
                            + (reader.hasText() ? " '" + reader.getText() + "'" : ""));
                }
            }
        } catch (EDIStreamException | IOException | RuntimeException e) {
            problems.add("unreadable: " + e.getMessage());
        }
        if (interchanges != 1) {
            problems.add("expected one interchange, found " + interchanges);
        }
        return problems;
    }

    private static Optional<Schema> schema(EdiSpecs specs, String standard, String[] version, String type) {
        if (type == null) {
            return Optional.empty();
        }
        if ("EDIFACT".equals(standard)) {
            // StAEDI's message version is agency, version, release (UN, D, 96A): edifact/d96a/<type>.xml (EdiSpecs
            // knows CONTRL's own place)
            return version == null || version.length < 3 ? Optional.empty()
                    : specs.find("EDIFACT", version[1] + version[2], type);
        }
        if (version == null || version.length == 0) {
            return Optional.empty();
        }
        return specs.find(standard, version[version.length - 1], type);
    }
}
