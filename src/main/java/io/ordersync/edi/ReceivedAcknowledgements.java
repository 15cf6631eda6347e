package io.ordersync.edi;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ordersync.edi.AcknowledgementReader.Answer;
import io.ordersync.edi.AcknowledgementReader.Level;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The 997 / 999 / CONTRL partners send us, matched to the documents we sent them ({@link SentDocuments}) by partner
 * and control numbers: each answer sets the acknowledgement state of the documents it names, and is kept, matched
 * or not (an answer naming nothing we sent is listed as unmatched for support staff).
 */
public class ReceivedAcknowledgements {

    private static final Logger LOG = LoggerFactory.getLogger(ReceivedAcknowledgements.class);

    private final JdbcTemplate jdbc;
    private final SentDocuments sent;

    ReceivedAcknowledgements(DataSource dataSource, SentDocuments sent) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.sent = sent;
    }

    /** An answer received, as the API lists it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReceivedAnswer(long ackId, String partner, String standard, String ackType, String ackInterchange,
                                 String ackTransaction, String level, String acknowledgedInterchange,
                                 String acknowledgedGroup, String acknowledgedType, String acknowledgedTransaction,
                                 String outcome, String detail, int matchedDocuments, String fileName,
                                 Instant receivedAt) {}

    /**
     * Applies the acknowledgements of one received interchange to the documents sent to the partner and records
     * each answer. Reading the same file again (a partner re-sending it, a retry after a crash) sets the same states
     * and records nothing new: an answer is keyed by the interchange (with its reuse number) and its position in it.
     *
     * @param interchange the acknowledgements read from the interchange
     * @param reuseNumber the interchange's reuse number (see {@link DuplicateWindow})
     * @param accepted    control numbers of the acknowledgements the inspector found valid; others are skipped
     * @return one summary per answer, for the API answer
     */
    List<Map<String, Object>> receive(String partner, AcknowledgementReader.Interchange interchange,
                                      int reuseNumber, Set<String> accepted, String fileName,
                                      Instant receivedAt) {
        List<Map<String, Object>> summaries = new ArrayList<>();
        int position = 0;
        for (AcknowledgementReader.Acknowledgement ack : interchange.acknowledgements()) {
            boolean valid = accepted.contains(ack.controlNumber());
            // documents a transaction-level answer named: the group's or interchange's answer is for the others
            Set<Long> named = new HashSet<>();
            for (Answer answer : ack.answers()) {
                position++;
                if (!valid) {
                    continue;
                }
                boolean setLevel = answer.level() == Level.TRANSACTION;
                List<SentDocuments.Match> matches = sent.matching(partner, interchange.standard(),
                        answer.interchange(), answer.group(), setLevel ? answer.type() : null,
                        setLevel ? answer.transaction() : null);
                long ackId = keep(partner, interchange, reuseNumber, ack, position, answer, matches.size(),
                        fileName, receivedAt);
                String status = documentStatus(answer.outcome());
                for (SentDocuments.Match match : matches) {
                    if (setLevel || !named.contains(match.sentId())) {
                        sent.acknowledge(match.sentId(), status, ackId, receivedAt, ack.type() + ": "
                                + answer.detail());
                    }
                    if (setLevel) {
                        named.add(match.sentId());
                    }
                }
                if (matches.isEmpty()) {
                    LOG.warn("{} {} from {} ({}) answers {} {} {} we have no record of sending: kept as unmatched",
                            ack.type(), ack.controlNumber(), partner, fileName, answer.level(),
                            answer.transaction() != null ? answer.transaction() : answer.group() != null
                                    ? answer.group() : answer.interchange(), answer.outcome());
                } else {
                    LOG.info("{} {} from {}: {} {} for {} document(s) sent", ack.type(), ack.controlNumber(),
                            partner, answer.level(), answer.outcome(), matches.size());
                }
                Map<String, Object> summary = new LinkedHashMap<>();
                summary.put("acknowledgement", ack.type() + " " + ack.controlNumber());
                summary.put("level", answer.level());
                putIfPresent(summary, "interchange", answer.interchange());
                putIfPresent(summary, "group", answer.group());
                putIfPresent(summary, "type", answer.type());
                putIfPresent(summary, "transaction", answer.transaction());
                summary.put("outcome", answer.outcome());
                summary.put("matchedDocuments", matches.size());
                summaries.add(summary);
            }
        }
        return summaries;
    }

    /** The state a document gets from an answer: a partially accepted group accepted the sets it does not name. */
    static String documentStatus(AcknowledgementReader.Outcome outcome) {
        return switch (outcome) {
            case ACCEPTED, PARTIALLY_ACCEPTED -> SentDocuments.ACCEPTED;
            case ACCEPTED_WITH_ERRORS -> SentDocuments.ACCEPTED_WITH_ERRORS;
            case REJECTED -> SentDocuments.REJECTED;
        };
    }

    /** Records the answer (once) and returns its id. */
    private long keep(String partner, AcknowledgementReader.Interchange interchange, int reuseNumber,
                      AcknowledgementReader.Acknowledgement ack, int position, Answer answer, int matched,
                      String fileName, Instant receivedAt) {
        String ackTransaction = ack.controlNumber() == null ? "" : ack.controlNumber();
        try {
            jdbc.update("INSERT INTO edi_acknowledgements_received (partner, standard, ack_type, ack_interchange,"
                            + " ack_interchange_reuse, ack_transaction, answer_position, answer_level,"
                            + " acknowledged_interchange, acknowledged_group, acknowledged_type,"
                            + " acknowledged_transaction, outcome, answer_detail, matched_documents, file_name,"
                            + " received_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    partner, interchange.standard(), ack.type(), interchange.controlNumber(), reuseNumber,
                    ackTransaction, position, answer.level().name(), answer.interchange(), answer.group(),
                    answer.type(), answer.transaction(), answer.outcome().name(), answer.detail(), matched, fileName,
                    Timestamp.from(receivedAt));
        } catch (DuplicateKeyException readBefore) {
            // the same file again: its answers are recorded already, only the states are set again
            jdbc.update("UPDATE edi_acknowledgements_received SET matched_documents = ? WHERE partner = ?"
                            + " AND ack_interchange = ? AND ack_interchange_reuse = ? AND answer_position = ?",
                    matched, partner, interchange.controlNumber(), reuseNumber, position);
        }
        return jdbc.queryForObject("SELECT ack_id FROM edi_acknowledgements_received WHERE partner = ?"
                        + " AND ack_interchange = ? AND ack_interchange_reuse = ? AND answer_position = ?", Long.class,
                partner, interchange.controlNumber(), reuseNumber, position);
    }

    /**
     * GET /api/v1/edi/acknowledgements: headers {@code partner}, {@code matched}, {@code limit}; a wrong value is
     * answered 400 with what is accepted.
     */
    public Object search(org.apache.camel.Exchange exchange) {
        org.apache.camel.Message in = exchange.getMessage();
        String matched = in.getHeader("matched", String.class);
        String limit = in.getHeader("limit", String.class);
        String problem = null;
        Integer rows = null;
        if (matched != null && !matched.isBlank() && !List.of("true", "false").contains(matched.strip())) {
            problem = "matched must be true or false, not '" + matched + "'";
        } else if (limit != null && !limit.isBlank()) {
            try {
                rows = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                problem = "limit must be a number from 1 to 500, not '" + limit + "'";
            }
        }
        if (problem != null) {
            exchange.getMessage().setHeader(org.apache.camel.Exchange.HTTP_RESPONSE_CODE, 400);
            Map<String, Object> error = io.ordersync.support.ApiProblem.body(400, "INVALID_QUERY", problem);
            error.put("correlationId", io.ordersync.support.Correlation.current(exchange));
            return error;
        }
        return list(in.getHeader("partner", String.class), matched, rows);
    }

    /**
     * Newest first. {@code matched=false} lists the answers that named nothing we sent; {@code true} those that did.
     */
    List<ReceivedAnswer> list(String partner, String matched, Integer limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM edi_acknowledgements_received WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (partner != null && !partner.isBlank()) {
            sql.append(" AND partner = ?");
            args.add(partner.strip());
        }
        if ("false".equalsIgnoreCase(matched)) {
            sql.append(" AND matched_documents = 0");
        } else if ("true".equalsIgnoreCase(matched)) {
            sql.append(" AND matched_documents > 0");
        }
        int rows = limit == null ? 100 : Math.max(1, Math.min(limit, 500));
        sql.append(" ORDER BY ack_id DESC FETCH FIRST ").append(rows).append(" ROWS ONLY");
        return jdbc.query(sql.toString(), ReceivedAcknowledgements::answer, args.toArray());
    }

    private static ReceivedAnswer answer(ResultSet rs, int row) throws SQLException {
        return new ReceivedAnswer(rs.getLong("ack_id"), rs.getString("partner"), rs.getString("standard"),
                rs.getString("ack_type"), rs.getString("ack_interchange"), rs.getString("ack_transaction"),
                rs.getString("answer_level"), rs.getString("acknowledged_interchange"),
                rs.getString("acknowledged_group"), rs.getString("acknowledged_type"),
                rs.getString("acknowledged_transaction"), rs.getString("outcome"), rs.getString("answer_detail"),
                rs.getInt("matched_documents"), rs.getString("file_name"),
                rs.getTimestamp("received_at").toInstant());
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
