package io.ordersync.edi;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** What an EDI file contains and what is wrong with it: the answer of {@link EdiInspector}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record EdiReport(String file, Status status, List<String> warnings, List<EdiProblem> problems,
                        List<Interchange> interchanges) {

    /** ACCEPTED: no errors; REJECTED: read, with errors; UNUSABLE: not readable as X12 or EDIFACT at all. */
    public enum Status { ACCEPTED, REJECTED, UNUSABLE }

    /**
     * One interchange. {@code complete} (not printed): it was read to its trailer (IEA / UNZ); false when reading
     * stopped inside it (a limit, an unreadable or truncated file), so that its envelope was never checked.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Interchange(String standard, String syntax, String senderQualifier, String senderId,
                              String receiverQualifier, String receiverId, String controlNumber, String date,
                              String time, String testIndicator, Map<String, String> delimiters, Status status,
                              List<EdiProblem> problems, List<Group> groups, List<Transaction> transactions,
                              @JsonIgnore boolean complete) {

        /** An interchange read to its trailer. */
        public Interchange(String standard, String syntax, String senderQualifier, String senderId,
                           String receiverQualifier, String receiverId, String controlNumber, String date,
                           String time, String testIndicator, Map<String, String> delimiters, Status status,
                           List<EdiProblem> problems, List<Group> groups, List<Transaction> transactions) {
            this(standard, syntax, senderQualifier, senderId, receiverQualifier, receiverId, controlNumber, date, time,
                    testIndicator, delimiters, status, problems, groups, transactions, true);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Group(String functionalId, String senderCode, String receiverCode, String controlNumber,
                        String version, Status status, List<EdiProblem> problems, List<Transaction> transactions) {}

    /**
     * One transaction set. {@code canonicalOrder}: the order an accepted 850 / ORDERS maps to, kept only by
     * {@link EdiInspector#inspect} (the runtime re-reads it with {@link EdiInspector#orders}). {@code ordinal} (not
     * printed): its place among the transaction sets of the file, from 0, across interchanges; -1 when not read
     * from a file.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Transaction(String type, String controlNumber, String version, String schema, int segmentCount,
                              Status status, List<EdiProblem> problems, Map<String, Object> keys,
                              JsonNode canonicalOrder, @JsonIgnore int ordinal) {

        /** A transaction set not read from a file (no ordinal). */
        public Transaction(String type, String controlNumber, String version, String schema, int segmentCount,
                           Status status, List<EdiProblem> problems, Map<String, Object> keys,
                           JsonNode canonicalOrder) {
            this(type, controlNumber, version, schema, segmentCount, status, problems, keys, canonicalOrder, -1);
        }
    }
}
