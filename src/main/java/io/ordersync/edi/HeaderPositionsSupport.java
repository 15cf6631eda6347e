package io.ordersync.edi;

import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The arithmetic of {@link HeaderPositions#counted(EdiReport)} and the reading of {@link HeaderPositions#scanning(byte[])}. */
final class HeaderPositionsSupport {

    /** Errors StAEDI reports for a segment that is there (so it takes a position) but in no transaction. */
    private static final Set<String> PRESENT_SEGMENT_ERRORS = Set.of("UNEXPECTED_SEGMENT",
            "UNRECOGNIZED_SEGMENT_ID", "SEGMENT_NOT_IN_DEFINED_TRANSACTION_SET", "SEGMENT_NOT_IN_PROPER_SEQUENCE",
            "SEGMENT_EXCEEDS_MAXIMUM_USE");

    private HeaderPositionsSupport() {
    }

    static List<EdiReport.Transaction> transactionsInOrder(EdiReport.Interchange in) {
        List<EdiReport.Transaction> all = new ArrayList<>();
        for (EdiReport.Group group : nullSafe(in.groups())) {
            all.addAll(nullSafe(group.transactions()));
        }
        all.addAll(nullSafe(in.transactions()));
        return all;
    }

    /** The header position of every transaction of the report, counted on across its interchanges as StAEDI does. */
    static Map<EdiReport.Transaction, Integer> positions(EdiReport report) {
        Map<EdiReport.Transaction, Integer> positions = new IdentityHashMap<>();
        int last = 0;
        for (EdiReport.Interchange in : nullSafe(report.interchanges())) {
            last = count(in, last, positions);
        }
        return positions;
    }

    /** Counts one interchange whose first segment follows position {@code last}; returns its last position. */
    private static int count(EdiReport.Interchange in, int last, Map<EdiReport.Transaction, Integer> positions) {
        Set<Integer> strays = new HashSet<>();
        List<EdiProblem> envelopeProblems = new ArrayList<>(nullSafe(in.problems()));
        nullSafe(in.groups()).forEach(g -> envelopeProblems.addAll(nullSafe(g.problems())));
        for (EdiProblem p : envelopeProblems) {
            if (p.segmentPosition() != null && PRESENT_SEGMENT_ERRORS.contains(p.code())) {
                strays.add(p.segmentPosition());
            }
        }
        boolean edifact = "EDIFACT".equals(in.standard());
        int[] at = {last + (edifact ? 1 : 0)}; // an EDIFACT UNA counts as a segment: assumed present
        next(at, strays); // ISA / UNB
        for (EdiReport.Group group : nullSafe(in.groups())) {
            next(at, strays); // GS / UNG
            for (EdiReport.Transaction tx : nullSafe(group.transactions())) {
                positions.put(tx, next(at, strays));
                at[0] += Math.max(tx.segmentCount(), 1) - 1;
            }
            if (!missing(group.problems(), "GE", "UNE")) {
                next(at, strays);
            }
        }
        for (EdiReport.Transaction tx : nullSafe(in.transactions())) {
            positions.put(tx, next(at, strays));
            at[0] += Math.max(tx.segmentCount(), 1) - 1;
        }
        if (!missing(in.problems(), "IEA", "UNZ")) {
            next(at, strays);
        }
        return at[0];
    }

    private static boolean missing(List<EdiProblem> problems, String x12Trailer, String edifactTrailer) {
        return nullSafe(problems).stream().anyMatch(p -> "MANDATORY_SEGMENT_MISSING".equals(p.code())
                && (x12Trailer.equals(p.value()) || edifactTrailer.equals(p.value())));
    }

    private static int next(int[] last, Set<Integer> strays) {
        last[0]++;
        while (strays.contains(last[0])) {
            last[0]++;
        }
        return last[0];
    }

    /** Interchange control number → for each interchange with that number, its headers' positions in order. */
    static Map<String, List<List<Integer>>> scan(byte[] raw) {
        Map<String, List<List<Integer>>> result = new LinkedHashMap<>();
        int start = start(raw);
        if (start < 0) {
            return result;
        }
        EDIInputFactory factory = EDIInputFactory.newFactory();
        factory.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_STRUCTURE, false);
        factory.setProperty(EDIInputFactory.EDI_IGNORE_EXTRANEOUS_CHARACTERS, true);
        try (EDIStreamReader reader = factory.createEDIStreamReader(
                new ByteArrayInputStream(raw, start, raw.length - start))) {
            List<Integer> headers = null;
            String tag = null;
            while (reader.hasNext()) {
                switch (reader.next()) {
                    case START_INTERCHANGE -> headers = new ArrayList<>();
                    case START_SEGMENT -> {
                        tag = reader.getText();
                        if (("ST".equals(tag) || "UNH".equals(tag)) && headers != null) {
                            headers.add(reader.getLocation().getSegmentPosition());
                        }
                    }
                    case ELEMENT_DATA -> {
                        int element = reader.getLocation().getElementPosition();
                        int component = reader.getLocation().getComponentPosition();
                        boolean controlNumber = ("ISA".equals(tag) && element == 13)
                                || ("UNB".equals(tag) && element == 5 && component <= 1);
                        if (controlNumber && headers != null) {
                            result.computeIfAbsent(reader.getText().strip(), k -> new ArrayList<>()).add(headers);
                        }
                    }
                    default -> {
                    }
                }
            }
        } catch (EDIStreamException | IOException | RuntimeException unreadable) {
            // the positions read so far stay; the others are unknown and fall back to the caller's default
        }
        return result;
    }

    /** Where the first interchange starts: after a banner or byte-order mark, as EdiInspector reads. */
    private static int start(byte[] raw) {
        String head = new String(raw, 0, Math.min(raw.length, 64 * 1024), StandardCharsets.ISO_8859_1);
        int best = -1;
        for (String tag : List.of("ISA", "UNA", "UNB")) {
            int at = head.indexOf(tag);
            if (at >= 0 && (best < 0 || at < best)) {
                best = at;
            }
        }
        return best;
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
