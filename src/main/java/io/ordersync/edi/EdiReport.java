package io.ordersync.edi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** What an EDI file contains and what is wrong with it: the answer of {@link EdiInspector}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record EdiReport(String file, Status status, List<String> warnings, List<EdiProblem> problems,
                        List<Interchange> interchanges) {

    /** ACCEPTED: no errors; REJECTED: read, with errors; UNUSABLE: not readable as X12 or EDIFACT at all. */
    public enum Status { ACCEPTED, REJECTED, UNUSABLE }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Interchange(String standard, String syntax, String senderQualifier, String senderId,
                              String receiverQualifier, String receiverId, String controlNumber, String date,
                              String time, String testIndicator, Map<String, String> delimiters, Status status,
                              List<EdiProblem> problems, List<Group> groups, List<Transaction> transactions) {}

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Group(String functionalId, String senderCode, String receiverCode, String controlNumber,
                        String version, Status status, List<EdiProblem> problems, List<Transaction> transactions) {}

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Transaction(String type, String controlNumber, String version, String schema, int segmentCount,
                              Status status, List<EdiProblem> problems, Map<String, Object> keys,
                              JsonNode canonicalOrder) {}
}
