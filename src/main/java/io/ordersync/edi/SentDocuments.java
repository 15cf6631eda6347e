package io.ordersync.edi;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ordersync.support.Correlation;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The documents ordersync sends to trading partners (one row per transaction set) and whether each was
 * acknowledged: every outbound writer records what it released here ({@link #recordSent} with the document's text,
 * or {@link #record} with its control numbers). A partner whose profile says {@code expectFromPartner} owes a
 * 997/999/CONTRL for each by {@code overdueAfter}; until then the document is AWAITING, after that OVERDUE. Overdue is
 * a query on the due time, never state kept in memory, so every replica answers alike.
 */
public class SentDocuments {

    private static final Logger LOG = LoggerFactory.getLogger(SentDocuments.class);

    /** Acknowledgement states as stored. */
    static final String AWAITING = "AWAITING";
    static final String NOT_EXPECTED = "NOT_EXPECTED";
    static final String ACCEPTED = "ACCEPTED";
    static final String ACCEPTED_WITH_ERRORS = "ACCEPTED_WITH_ERRORS";
    static final String REJECTED = "REJECTED";
    /** Shown, never stored: AWAITING past its due time. */
    static final String OVERDUE = "OVERDUE";

    /** The {@code status} filters of GET /api/v1/edi/sent-documents. */
    static final List<String> FILTERS = List.of("overdue", "awaiting", "acknowledged", "rejected");

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public SentDocuments(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    /** A document we sent, as the API lists it; {@code status} is OVERDUE when AWAITING past {@code ackDueBy}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SentDocument(long sentId, String partner, String standard, String documentType,
                               String interchangeControl, String groupControl, String transactionControl,
                               String fileName, String orderId, Instant sentAt, Instant ackDueBy, String status,
                               Instant acknowledgedAt, Long acknowledgementId, String acknowledgementDetail) {}

    /** A sent transaction set a partner's acknowledgement names. */
    record Match(long sentId, String documentType, String transactionControl) {}

    // ======================================================================================== recording

    /**
     * Records a document just released to a partner, reading its control numbers from its envelope (ISA13, GS06,
     * ST01/ST02; UNB 0020, UNG 0048, UNH 0062/0065); the acknowledgement is due by the partner's
     * {@code overdueAfter} from now, or not expected. Never throws: the document is already on its way, and failing
     * its writer now would only send it twice; a document not recorded is logged, and its acknowledgement will be
     * listed as unmatched.
     *
     * @param partner  the partner it was sent to
     * @param document the document's text, as written
     * @param fileName where it was written (e.g. {@code acme-hardware/855-PO1-OrderAccepted-1700000000000.edi})
     * @param orderId  the canonical order it is about, or null
     */
    void recordSent(PartnerProfiles.Profile partner, String document, String fileName, String orderId) {
        try {
            // the text is already decoded; StAEDI reads bytes as UTF-8, so hand it UTF-8 (ä in a Latin-1 file too)
            List<EdiSegments.Interchange> interchanges = EdiSegments.read(
                    document.getBytes(StandardCharsets.UTF_8), type -> false);
            if (interchanges.isEmpty()) {
                throw new IllegalArgumentException("no complete interchange in it");
            }
            Instant sentAt = clock.instant();
            Instant dueBy = partner.acknowledgementDueBy(sentAt);
            for (EdiSegments.Interchange interchange : interchanges) {
                for (Envelope envelope : envelopes(interchange)) {
                    record(partner.partner(), interchange.standard(), envelope.interchange(), envelope.group(),
                            envelope.transactions(), envelope.type(), fileName, orderId, sentAt, dueBy);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Document {} for {} (order {}) was sent but could not be recorded; its acknowledgement will"
                    + " show as unmatched: {}", fileName, partner.partner(), orderId, e.getMessage());
        }
    }

    /**
     * Records the transaction sets of one functional group (or of an interchange without groups) that were sent.
     * Recording the same set again changes nothing.
     *
     * @param standard            X12 or EDIFACT
     * @param interchangeControl  ISA13 / UNB 0020
     * @param groupControl        GS06 / UNG 0048, or null
     * @param transactionControls ST02 / UNH 0062 of each set
     * @param documentType        ST01 / UNH 0065 (855, 856, 810, ORDRSP, ...)
     * @param ackDueBy            when the partner's acknowledgement is due; null when the partner sends none
     */
    public void record(String partner, String standard, String interchangeControl, String groupControl,
                       List<String> transactionControls, String documentType, String fileName, String orderId,
                       Instant sentAt, Instant ackDueBy) {
        for (String transactionControl : transactionControls) {
            try {
                jdbc.update("INSERT INTO edi_sent_documents (partner, standard, document_type, interchange_control,"
                                + " group_control, transaction_control, file_name, order_id, sent_at, ack_due_by,"
                                + " ack_status) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                        partner, standard, documentType, interchangeControl, controlNumber(groupControl),
                        transactionControl, fileName, orderId, Timestamp.from(sentAt),
                        ackDueBy == null ? null : Timestamp.from(ackDueBy), ackDueBy == null ? NOT_EXPECTED : AWAITING);
            } catch (DuplicateKeyException recordedBefore) {
                LOG.info("{} {} {} of interchange {} to {} was recorded before", standard, documentType,
                        transactionControl, interchangeControl, partner);
            }
        }
    }

    private record Envelope(String interchange, String group, String type, List<String> transactions) {}

    /** The sets of an interchange, per group and type. */
    private static List<Envelope> envelopes(EdiSegments.Interchange interchange) {
        Map<String, Envelope> byGroupAndType = new LinkedHashMap<>();
        String control = null;
        String group = null;
        for (EdiSegments.Segment s : interchange.segments()) {
            String type = null;
            String transaction = null;
            switch (s.tag()) {
                case "ISA" -> control = s.value(13);
                case "UNB" -> control = s.value(5);
                case "GS", "UNG" -> group = s.value("GS".equals(s.tag()) ? 6 : 5);
                case "GE", "UNE" -> group = null;
                case "ST" -> {
                    type = s.value(1);
                    transaction = s.value(2);
                }
                case "UNH" -> {
                    type = s.value(2, 1);
                    transaction = s.value(1);
                }
                default -> {
                }
            }
            if (transaction != null) {
                String ic = control;
                String g = group;
                String t = type;
                byGroupAndType.computeIfAbsent(g + "|" + t, k -> new Envelope(ic, g, t, new ArrayList<>()))
                        .transactions().add(transaction);
            }
        }
        if (control == null) {
            throw new IllegalArgumentException("the interchange has no control number");
        }
        return List.copyOf(byGroupAndType.values());
    }

    // ==================================================================================== acknowledging

    /**
     * The sent transaction sets an acknowledgement names: by partner and standard, and the interchange and group
     * control numbers when given; then by set type and transaction control number when given. Group and transaction
     * control numbers match as numbers when they are digits (GS06 {@code 000123} is {@code 123}).
     */
    List<Match> matching(String partner, String standard, String interchangeControl, String groupControl,
                         String documentType, String transactionControl) {
        if (interchangeControl == null && groupControl == null) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT sent_id, document_type, transaction_control"
                + " FROM edi_sent_documents WHERE partner = ? AND standard = ?");
        List<Object> args = new ArrayList<>(List.of(partner, standard));
        if (interchangeControl != null) {
            // as sent: ISA13 always has 9 digits, UNB 0020 is text
            sql.append(" AND interchange_control = ?");
            args.add(interchangeControl.strip());
        }
        if (groupControl != null) {
            sql.append(" AND group_control = ?");
            args.add(controlNumber(groupControl));
        }
        List<Match> found = jdbc.query(sql.append(" ORDER BY sent_id").toString(), (rs, row) -> new Match(
                rs.getLong("sent_id"), rs.getString("document_type"), rs.getString("transaction_control")),
                args.toArray());
        return found.stream()
                .filter(m -> documentType == null || documentType.equals(m.documentType()))
                .filter(m -> transactionControl == null
                        || controlNumber(transactionControl).equals(controlNumber(m.transactionControl())))
                .toList();
    }

    /** Sets a sent document's acknowledgement state (the latest acknowledgement wins). */
    void acknowledge(long sentId, String status, long ackId, Instant receivedAt, String detail) {
        jdbc.update("UPDATE edi_sent_documents SET ack_status = ?, ack_id = ?, ack_received_at = ?, ack_detail = ?"
                + " WHERE sent_id = ?", status, ackId, Timestamp.from(receivedAt), detail, sentId);
    }

    // ========================================================================================= queries

    /** Documents sent to the partner whose acknowledgement is overdue now. */
    long overdueCount(String partner) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM edi_sent_documents WHERE partner = ?"
                + " AND ack_status = ? AND ack_due_by < ?", Long.class, partner, AWAITING,
                Timestamp.from(clock.instant()));
        return count == null ? 0 : count;
    }

    /**
     * Newest first.
     *
     * @param status overdue (awaiting, past due), awaiting (not yet due), acknowledged (accepted, with or without
     *               errors), rejected; null or blank for all
     * @throws IllegalArgumentException for another status
     */
    public List<SentDocument> list(String status, String partner, int limit) {
        Instant now = clock.instant();
        StringBuilder sql = new StringBuilder("SELECT * FROM edi_sent_documents WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (partner != null && !partner.isBlank()) {
            sql.append(" AND partner = ?");
            args.add(partner.strip());
        }
        String filter = status == null ? "" : status.strip().toLowerCase(Locale.ROOT);
        switch (filter) {
            case "" -> {
            }
            case "overdue" -> {
                sql.append(" AND ack_status = ? AND ack_due_by < ?");
                args.add(AWAITING);
                args.add(Timestamp.from(now));
            }
            case "awaiting" -> {
                sql.append(" AND ack_status = ? AND ack_due_by >= ?");
                args.add(AWAITING);
                args.add(Timestamp.from(now));
            }
            case "acknowledged" -> {
                sql.append(" AND ack_status IN (?, ?)");
                args.add(ACCEPTED);
                args.add(ACCEPTED_WITH_ERRORS);
            }
            case "rejected" -> {
                sql.append(" AND ack_status = ?");
                args.add(REJECTED);
            }
            default -> throw new IllegalArgumentException("status must be one of " + String.join(", ", FILTERS)
                    + ", not '" + status + "'");
        }
        sql.append(" ORDER BY sent_id DESC FETCH FIRST ").append(Math.max(1, Math.min(limit, 500)))
                .append(" ROWS ONLY");
        return jdbc.query(sql.toString(), (rs, row) -> sentDocument(rs, now), args.toArray());
    }

    /**
     * GET /api/v1/edi/sent-documents: headers {@code status}, {@code partner}, {@code limit}. An unknown status is
     * answered 400 with the accepted values.
     */
    public Object search(Exchange exchange) {
        String status = exchange.getMessage().getHeader("status", String.class);
        String partner = exchange.getMessage().getHeader("partner", String.class);
        String limit = exchange.getMessage().getHeader("limit", String.class);
        try {
            return list(status, partner, limit(limit));
        } catch (IllegalArgumentException invalid) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 400);
            Map<String, Object> error = io.ordersync.support.ApiProblem.body(400, "INVALID_QUERY", invalid.getMessage());
            error.put("correlationId", Correlation.current(exchange));
            return error;
        }
    }

    private static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return 100;
        }
        try {
            return Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a number from 1 to 500, not '" + limit + "'");
        }
    }

    private static SentDocument sentDocument(ResultSet rs, Instant now) throws SQLException {
        Timestamp due = rs.getTimestamp("ack_due_by");
        Timestamp acknowledged = rs.getTimestamp("ack_received_at");
        String status = rs.getString("ack_status");
        if (AWAITING.equals(status) && due != null && due.toInstant().isBefore(now)) {
            status = OVERDUE;
        }
        long ackId = rs.getLong("ack_id");
        Long acknowledgementId = rs.wasNull() ? null : ackId;
        return new SentDocument(rs.getLong("sent_id"), rs.getString("partner"), rs.getString("standard"),
                rs.getString("document_type"), rs.getString("interchange_control"), rs.getString("group_control"),
                rs.getString("transaction_control"), rs.getString("file_name"), rs.getString("order_id"),
                rs.getTimestamp("sent_at").toInstant(), due == null ? null : due.toInstant(), status,
                acknowledged == null ? null : acknowledged.toInstant(), acknowledgementId,
                rs.getString("ack_detail"));
    }

    /** A control number as compared: digits without leading zeros, anything else as it is (trimmed). */
    static String controlNumber(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
            String stripped = v.replaceFirst("^0+", "");
            return stripped.isEmpty() ? "0" : stripped;
        }
        return v;
    }
}
