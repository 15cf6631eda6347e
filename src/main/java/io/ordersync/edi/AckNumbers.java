package io.ordersync.edi;

/**
 * Control numbers of the acknowledgements ordersync sends: one sequence per partner and kind, never reused.
 * The in-memory {@link InMemoryAckNumbers} serves tests and single-node demos; the database-backed sequence
 * that survives restarts implements the same interface.
 */
@FunctionalInterface
interface AckNumbers {

    /** X12 interchange control number (ISA13, written as 9 digits; at most 999999999). */
    String ISA13 = "ISA13";
    /** X12 functional group control number (GS06/GE02; at most 999999999). */
    String GS06 = "GS06";
    /** X12 transaction set control number (ST02/SE02, written with at least 4 digits; at most 999999999). */
    String ST02 = "ST02";
    /** EDIFACT interchange control reference (UNB 0020/UNZ 0020; an..14). */
    String UNB0020 = "UNB0020";

    /**
     * The next number of a sequence.
     *
     * @param partner the partner id of {@code mappings/partners/<partner>.yaml}
     * @param kind    one of {@link #ISA13}, {@link #GS06}, {@link #ST02}, {@link #UNB0020}
     * @return a positive number, never returned before for this partner and kind
     */
    long next(String partner, String kind);
}
