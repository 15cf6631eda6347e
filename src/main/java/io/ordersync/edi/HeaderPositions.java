package io.ordersync.edi;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Where a transaction set's header (ST, UNH) sits, counted as {@link EdiProblem#segmentPosition()} is: 1-based, the
 * way StAEDI's {@code Location.getSegmentPosition()} counts — from the start of the file, on across its interchanges
 * (an EDIFACT UNA counts as a segment). The acknowledgements need it to give AK302/IK302/UCS 0096 relative to the
 * transaction set (ST/UNH = 1): problem position − header position + 1.
 *
 * <p>{@link EdiReport.Transaction} does not carry that position yet. Once it does ({@code Integer headerPosition},
 * set by {@code EdiInspector} from the same StAEDI location at the ST/UNH segment), wire
 * {@code (in, tx) -> tx.headerPosition() == null ? OptionalInt.empty() : OptionalInt.of(tx.headerPosition())}. Until
 * then use {@link #scanning(byte[])} (exact), falling back to {@link #counted(EdiReport)}.
 */
@FunctionalInterface
interface HeaderPositions {

    /** The position of the transaction's ST/UNH, empty when not known. */
    OptionalInt of(EdiReport.Interchange interchange, EdiReport.Transaction transaction);

    /** This, and {@code other} where this does not know. */
    default HeaderPositions orElse(HeaderPositions other) {
        return (in, tx) -> {
            OptionalInt own = of(in, tx);
            return own.isPresent() ? own : other.of(in, tx);
        };
    }

    /**
     * Positions counted from a report (for its interchanges and transactions only): the envelope segments (ISA/IEA,
     * UNA+UNB/UNZ, GS/GE, UNG/UNE) and each earlier transaction's {@code segmentCount}, skipping the segments the
     * report shows outside any transaction (unexpected segments reported at interchange or group level). For EDIFACT
     * it assumes each interchange opens with a UNA, which the report cannot tell: without one, positions after it
     * are one too high.
     */
    static HeaderPositions counted(EdiReport report) {
        Map<EdiReport.Transaction, Integer> positions = HeaderPositionsSupport.positions(report);
        return (in, tx) -> {
            Integer position = positions.get(tx);
            return position == null ? OptionalInt.empty() : OptionalInt.of(position);
        };
    }

    /**
     * Positions read from the raw file with StAEDI (no validation): exact, at the price of a second pass. The bytes
     * must be what {@code EdiInspector} read; text before the first ISA/UNA/UNB (a banner, a byte-order mark) is
     * skipped as the inspector skips it. EBCDIC files are not scanned (every position then stays unknown).
     */
    static HeaderPositions scanning(byte[] raw) {
        Map<String, List<List<Integer>>> byInterchange = HeaderPositionsSupport.scan(raw);
        return (in, tx) -> {
            List<List<Integer>> candidates = byInterchange.get(in.controlNumber());
            if (candidates == null) {
                return OptionalInt.empty();
            }
            List<EdiReport.Transaction> ordered = HeaderPositionsSupport.transactionsInOrder(in);
            int index = -1;
            for (int i = 0; i < ordered.size(); i++) {
                if (ordered.get(i) == tx) {
                    index = i;
                }
            }
            for (List<Integer> headers : candidates) {
                if (index >= 0 && headers.size() == ordered.size()) {
                    return OptionalInt.of(headers.get(index));
                }
            }
            return OptionalInt.empty();
        };
    }
}
