package io.ordersync.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Status reports for orders ordersync does not know (yet), parked in the database so that the status-reports consumer
 * moves on at once. {@link StatusEvents#retryParked()} tries them again on a schedule. Every method runs in the
 * caller's transaction when there is one (same data source as the order store).
 */
public class ParkedStatusEvents {

    /** A parked report. */
    public record Parked(long id, String reportJson, String reason, String correlationId, int attempts,
                         Instant parkedAt) {}

    private final JdbcTemplate jdbc;

    public ParkedStatusEvents(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * Parks a report; the same report (order reference, type, natural key) parked again changes nothing, so a
     * redelivered Kafka record is parked once. True when it was parked now.
     */
    public boolean park(StatusReport report, String reportJson, String reason, String correlationId, Instant now,
                        Instant nextAttempt) {
        try {
            jdbc.update("INSERT INTO parked_status_events (parked_key, order_reference, correlation_id, report_json,"
                            + " reason, attempts, parked_at, next_attempt_at) VALUES (?,?,?,?,?,?,?,?)",
                    keyOf(report), report.orderReference(), correlationId, reportJson, reason, 1, Timestamp.from(now),
                    Timestamp.from(nextAttempt));
            return true;
        } catch (DuplicateKeyException alreadyParked) {
            return false;
        }
    }

    /** Parked reports whose next attempt is due, oldest first. */
    public List<Parked> due(Instant now, int limit) {
        return jdbc.query("SELECT parked_id, report_json, reason, correlation_id, attempts, parked_at"
                        + " FROM parked_status_events WHERE next_attempt_at <= ? ORDER BY parked_at, parked_id FETCH FIRST "
                        + limit + " ROWS ONLY",
                (rs, n) -> new Parked(rs.getLong("parked_id"), rs.getString("report_json"), rs.getString("reason"),
                        rs.getString("correlation_id"), rs.getInt("attempts"),
                        rs.getTimestamp("parked_at").toInstant()),
                Timestamp.from(now));
    }

    /** Counts one more attempt and sets the next one. */
    public void retryLater(long id, Instant nextAttempt) {
        jdbc.update("UPDATE parked_status_events SET attempts = attempts + 1, next_attempt_at = ? WHERE parked_id = ?",
                Timestamp.from(nextAttempt), id);
    }

    /**
     * Takes a parked report out; false when it was gone already (another replica took it). Inside a transaction the
     * row stays locked until the end, so only one replica goes on with it.
     */
    public boolean remove(long id) {
        return jdbc.update("DELETE FROM parked_status_events WHERE parked_id = ?", id) == 1;
    }

    public long count() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM parked_status_events", Long.class);
        return count == null ? 0 : count;
    }

    private static String keyOf(StatusReport report) {
        String key = report.orderReference() + "|" + report.type() + ":" + report.naturalKey();
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
