package io.ordersync.edi;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ordersync.support.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Control numbers received (interchanges, and groups / transaction sets where a partner's profile checks them), for
 * duplicate detection within a window ({@link DuplicateWindow}), and the duplicates that created nothing.
 * Uniqueness is the database's: a concurrent twin loses on the unique constraint, never on a check made earlier.
 */
public class EdiInterchangeStore {

    /** Levels of a duplicate. */
    static final String INTERCHANGE = "INTERCHANGE";
    static final String GROUP = "GROUP";
    static final String TRANSACTION = "TRANSACTION";

    private final JdbcTemplate jdbc;

    EdiInterchangeStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** A group or transaction set control number, as its duplicates are keyed. */
    record ControlKey(String level, String sender, String receiver, String setType, String controlNumber) {
        public ControlKey {
            // a group has no set type; '' keeps the unique key free of NULLs
            setType = setType == null ? "" : setType;
        }
    }

    /** An interchange as the API lists it, with how often it (or content of it) came again. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InterchangeView(long interchangeId, String partner, String standard, String sender, String receiver,
                                  String controlNumber, int reuseNumber, String status, String fileName,
                                  int transactions, int orders, Instant receivedAt, long duplicates,
                                  List<RepeatedContent> duplicateContent) {}

    /** A group or transaction set of this interchange that repeated one received earlier: it created nothing. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RepeatedContent(String level, String setType, String sender, String receiver, String controlNumber,
                                  long firstInterchangeId, String firstInterchange, Instant firstReceivedAt,
                                  Instant repeatedAt) {}

    // ===================================================================================== interchanges

    /** The last accepted use of this interchange control number by this sender for this receiver, if any. */
    Optional<DuplicateWindow.Use> lastUse(String sender, String receiver, String controlNumber) {
        return jdbc.query("SELECT interchange_id, received_at, reuse_number FROM edi_interchanges"
                        + " WHERE sender = ? AND receiver = ? AND control_number = ?"
                        + " ORDER BY reuse_number DESC FETCH FIRST 1 ROWS ONLY",
                (rs, row) -> new DuplicateWindow.Use(rs.getLong("interchange_id"), null,
                        rs.getTimestamp("received_at").toInstant(), rs.getInt("reuse_number")),
                sender, receiver, controlNumber).stream().findFirst();
    }

    /**
     * Records a processed interchange with its reuse number; returns its id, or empty when a concurrent twin got
     * there first (the unique constraint decided).
     */
    OptionalLong record(String partner, String standard, String sender, String receiver, String controlNumber,
                        int reuseNumber, String status, String fileName, int transactions, int orders,
                        Instant receivedAt, Object report) {
        try {
            jdbc.update("INSERT INTO edi_interchanges (partner, standard, sender, receiver, control_number,"
                            + " reuse_number, status, file_name, transactions, orders, received_at, report_json)"
                            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    partner, standard, sender, receiver, controlNumber, reuseNumber, status, fileName, transactions,
                    orders, Timestamp.from(receivedAt), Json.write(report));
        } catch (DuplicateKeyException twin) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(jdbc.queryForObject("SELECT interchange_id FROM edi_interchanges WHERE sender = ?"
                + " AND receiver = ? AND control_number = ? AND reuse_number = ?", Long.class, sender, receiver,
                controlNumber, reuseNumber));
    }

    /** An interchange received again within the window: nothing was processed. */
    void recordDuplicate(long interchangeId, String fileName, Instant receivedAt) {
        jdbc.update("INSERT INTO edi_duplicates (interchange_id, duplicate_level, file_name, received_at)"
                + " VALUES (?,?,?,?)", interchangeId, INTERCHANGE, fileName, Timestamp.from(receivedAt));
    }

    // ============================================================================ groups and transaction sets

    /** The last accepted use of a group / transaction set control number, if any. */
    Optional<DuplicateWindow.Use> lastUse(ControlKey key) {
        return jdbc.query("SELECT control_id, interchange_id, received_at, reuse_number FROM edi_received_controls"
                        + " WHERE control_level = ? AND sender = ? AND receiver = ? AND set_type = ?"
                        + " AND control_number = ? ORDER BY reuse_number DESC FETCH FIRST 1 ROWS ONLY",
                (rs, row) -> new DuplicateWindow.Use(rs.getLong("interchange_id"), rs.getLong("control_id"),
                        rs.getTimestamp("received_at").toInstant(), rs.getInt("reuse_number")),
                key.level(), key.sender(), key.receiver(), key.setType(), key.controlNumber()).stream().findFirst();
    }

    /** Records a group / transaction set of an interchange; false when another interchange claimed it first. */
    boolean claim(ControlKey key, int reuseNumber, long interchangeId, String partner, Instant receivedAt) {
        try {
            jdbc.update("INSERT INTO edi_received_controls (interchange_id, partner, control_level, sender, receiver,"
                            + " set_type, control_number, reuse_number, received_at) VALUES (?,?,?,?,?,?,?,?,?)",
                    interchangeId, partner, key.level(), key.sender(), key.receiver(), key.setType(),
                    key.controlNumber(), reuseNumber, Timestamp.from(receivedAt));
            return true;
        } catch (DuplicateKeyException concurrent) {
            return false;
        }
    }

    /** A group / transaction set of interchange {@code foundIn} repeating the recorded one: it created nothing. */
    void recordRepeatedContent(DuplicateWindow.Use original, String level, long foundIn, String fileName,
                               Instant receivedAt) {
        jdbc.update("INSERT INTO edi_duplicates (interchange_id, duplicate_level, control_id, found_in_interchange_id,"
                        + " file_name, received_at) VALUES (?,?,?,?,?,?)", original.interchangeId(), level,
                original.controlId(), foundIn, fileName, Timestamp.from(receivedAt));
    }

    // ======================================================================================== listing

    /**
     * Newest first. {@code duplicates=true} lists the interchanges that were received again and those holding a
     * group or transaction set that repeated an earlier one.
     */
    public List<InterchangeView> list(String partner, String duplicates, int limit) {
        boolean duplicatesOnly = Boolean.parseBoolean(duplicates);
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT i.interchange_id, i.partner, i.standard, i.sender, i.receiver,"
                + " i.control_number, i.reuse_number, i.status, i.file_name, i.transactions, i.orders, i.received_at,"
                + " (SELECT COUNT(*) FROM edi_duplicates d WHERE d.interchange_id = i.interchange_id"
                + " AND d.duplicate_level = 'INTERCHANGE') AS duplicates"
                + " FROM edi_interchanges i WHERE 1 = 1");
        if (partner != null && !partner.isBlank()) {
            sql.append(" AND i.partner = ?");
            args.add(partner);
        }
        if (duplicatesOnly) {
            sql.append(" AND (EXISTS (SELECT 1 FROM edi_duplicates d WHERE d.interchange_id = i.interchange_id"
                    + " AND d.duplicate_level = 'INTERCHANGE')"
                    + " OR EXISTS (SELECT 1 FROM edi_duplicates d WHERE d.found_in_interchange_id = i.interchange_id))");
        }
        sql.append(" ORDER BY i.interchange_id DESC FETCH FIRST ").append(Math.max(1, Math.min(limit, 500)))
                .append(" ROWS ONLY");
        List<InterchangeView> rows = jdbc.query(sql.toString(), EdiInterchangeStore::interchange, args.toArray());
        Map<Long, List<RepeatedContent>> repeated = repeatedContent(rows.stream()
                .map(InterchangeView::interchangeId).toList());
        List<InterchangeView> views = new ArrayList<>();
        for (InterchangeView row : rows) {
            List<RepeatedContent> content = repeated.get(row.interchangeId());
            views.add(content == null ? row : new InterchangeView(row.interchangeId(), row.partner(), row.standard(),
                    row.sender(), row.receiver(), row.controlNumber(), row.reuseNumber(), row.status(),
                    row.fileName(), row.transactions(), row.orders(), row.receivedAt(), row.duplicates(), content));
        }
        return views;
    }

    /** The repeated groups / transaction sets found in these interchanges, per interchange. */
    private Map<Long, List<RepeatedContent>> repeatedContent(List<Long> interchangeIds) {
        if (interchangeIds.isEmpty()) {
            return Map.of();
        }
        String in = String.join(",", Collections.nCopies(interchangeIds.size(), "?"));
        Map<Long, List<RepeatedContent>> byInterchange = new LinkedHashMap<>();
        jdbc.query("SELECT d.found_in_interchange_id, d.duplicate_level, d.received_at AS repeated_at, c.set_type,"
                        + " c.sender, c.receiver, c.control_number, c.interchange_id AS first_id,"
                        + " f.control_number AS first_control, c.received_at AS first_received_at"
                        + " FROM edi_duplicates d JOIN edi_received_controls c ON c.control_id = d.control_id"
                        + " JOIN edi_interchanges f ON f.interchange_id = c.interchange_id"
                        + " WHERE d.found_in_interchange_id IN (" + in + ") ORDER BY d.duplicate_id",
                (ResultSet rs) -> {
                    byInterchange.computeIfAbsent(rs.getLong("found_in_interchange_id"), k -> new ArrayList<>())
                            .add(new RepeatedContent(rs.getString("duplicate_level"),
                                    emptyToNull(rs.getString("set_type")), rs.getString("sender"),
                                    rs.getString("receiver"), rs.getString("control_number"), rs.getLong("first_id"),
                                    rs.getString("first_control"), rs.getTimestamp("first_received_at").toInstant(),
                                    rs.getTimestamp("repeated_at").toInstant()));
                }, interchangeIds.toArray());
        return byInterchange;
    }

    private static InterchangeView interchange(ResultSet rs, int row) throws SQLException {
        return new InterchangeView(rs.getLong("interchange_id"), rs.getString("partner"), rs.getString("standard"),
                rs.getString("sender"), rs.getString("receiver"), rs.getString("control_number"),
                rs.getInt("reuse_number"), rs.getString("status"), rs.getString("file_name"),
                rs.getInt("transactions"), rs.getInt("orders"), rs.getTimestamp("received_at").toInstant(),
                rs.getLong("duplicates"), null);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
