package io.ordersync.deadletter;

import io.ordersync.app.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/** The dead-letter table: failed messages with their original payload, searchable and replayable once. */
public class DeadLetterStore {

    /** NEW: waiting for a person; REPLAYED: sent again (see the replay audit); INVALID: bad input, kept as evidence. */
    public enum Status { NEW, REPLAYED, INVALID }

    public record DeadLetter(long id, String status, String routeId, String replayEndpoint, String orderId,
                             String correlationId, String payload, Map<String, Object> headers,
                             String exceptionType, String exceptionMessage, int attempts, Instant firstFailureAt,
                             Instant lastFailureAt, Instant replayedAt, Long replayedFrom, String replayOutcome,
                             Long replayDeadLetterId) {}

    /**
     * One replay: outcome RUNNING while it runs, then SUCCEEDED (the replayed exchange completed) or FAILED (detail:
     * why; newDeadLetterId: the dead letter it became again, if any).
     */
    public record Replay(long replayId, long deadLetterId, String requestedBy, Instant requestedAt, String outcome,
                         String detail, Long newDeadLetterId) {}

    /** Replay outcomes. */
    public static final String RUNNING = "RUNNING";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";

    /** Dead letters with the outcome of their replay (if any). */
    private static final String SELECT = "SELECT d.*, r.outcome AS replay_outcome, r.new_dead_letter_id AS"
            + " replay_dead_letter_id FROM dead_letters d LEFT JOIN dead_letter_replays r"
            + " ON r.dead_letter_id = d.dead_letter_id";

    private final JdbcTemplate jdbc;

    public DeadLetterStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public long insert(Status status, String routeId, String replayEndpoint, String orderId, String correlationId,
                       String payload, Map<String, Object> headers, Throwable cause, int attempts,
                       Instant firstFailure, Instant lastFailure) {
        return insert(status, routeId, replayEndpoint, orderId, correlationId, payload, headers, cause, attempts,
                firstFailure, lastFailure, null);
    }

    /** @param replayedFrom the dead letter whose replay failed into this one, or null */
    public long insert(Status status, String routeId, String replayEndpoint, String orderId, String correlationId,
                       String payload, Map<String, Object> headers, Throwable cause, int attempts,
                       Instant firstFailure, Instant lastFailure, Long replayedFrom) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement("INSERT INTO dead_letters (status, route_id, replay_endpoint, order_id,"
                    + " correlation_id, payload, headers_json, exception_type, exception_message, attempts,"
                    + " first_failure_at, last_failure_at, replayed_from) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    new String[] {"dead_letter_id"});
            ps.setString(1, status.name());
            ps.setString(2, routeId);
            ps.setString(3, replayEndpoint);
            ps.setString(4, orderId);
            ps.setString(5, correlationId);
            ps.setString(6, payload);
            ps.setString(7, Json.write(headers));
            ps.setString(8, cause == null ? null : cause.getClass().getName());
            ps.setString(9, cause == null ? null : String.valueOf(cause.getMessage()));
            ps.setInt(10, attempts);
            ps.setTimestamp(11, Timestamp.from(firstFailure));
            ps.setTimestamp(12, Timestamp.from(lastFailure));
            if (replayedFrom == null) {
                ps.setNull(13, java.sql.Types.BIGINT);
            } else {
                ps.setLong(13, replayedFrom);
            }
            return ps;
        }, keys);
        return keys.getKey().longValue();
    }

    /** Filters are optional (null = any); newest first. */
    public List<DeadLetter> search(String status, String routeId, String orderId, int limit) {
        StringBuilder sql = new StringBuilder(SELECT + " WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (status != null) {
            sql.append(" AND d.status = ?");
            args.add(status);
        }
        if (routeId != null) {
            sql.append(" AND d.route_id = ?");
            args.add(routeId);
        }
        if (orderId != null) {
            sql.append(" AND d.order_id = ?");
            args.add(orderId);
        }
        sql.append(" ORDER BY d.dead_letter_id DESC FETCH FIRST ").append(Math.max(1, Math.min(limit, 500)))
                .append(" ROWS ONLY");
        return jdbc.query(sql.toString(), DeadLetterStore::deadLetter, args.toArray());
    }

    public Optional<DeadLetter> find(long id) {
        return jdbc.query(SELECT + " WHERE d.dead_letter_id = ?", DeadLetterStore::deadLetter, id)
                .stream().findFirst();
    }

    public List<Replay> replays(long deadLetterId) {
        return jdbc.query("SELECT * FROM dead_letter_replays WHERE dead_letter_id = ? ORDER BY replay_id",
                (rs, n) -> new Replay(rs.getLong("replay_id"), rs.getLong("dead_letter_id"),
                        rs.getString("requested_by"), rs.getTimestamp("requested_at").toInstant(),
                        rs.getString("outcome"), rs.getString("detail"), nullableLong(rs, "new_dead_letter_id")),
                deadLetterId);
    }

    /**
     * Claims the one replay a dead letter gets. The unique constraint on dead_letter_id makes a second claim fail,
     * also when two requests race.
     */
    public boolean claimReplay(long deadLetterId, String requestedBy) {
        try {
            jdbc.update("INSERT INTO dead_letter_replays (dead_letter_id, requested_by, requested_at, outcome)"
                    + " VALUES (?,?,?,?)", deadLetterId, requestedBy, Timestamp.from(Instant.now()), RUNNING);
        } catch (org.springframework.dao.DataIntegrityViolationException alreadyReplayed) {
            return false;
        }
        jdbc.update("UPDATE dead_letters SET status = ?, replayed_at = ? WHERE dead_letter_id = ?",
                Status.REPLAYED.name(), Timestamp.from(Instant.now()), deadLetterId);
        return true;
    }

    /** Records how a replay ended (outcome SUCCEEDED or FAILED); newDeadLetterId: the dead letter it became, or null. */
    public void finishReplay(long deadLetterId, String outcome, String detail, Long newDeadLetterId) {
        jdbc.update("UPDATE dead_letter_replays SET outcome = ?, detail = ?, new_dead_letter_id = ?"
                + " WHERE dead_letter_id = ?", outcome, detail, newDeadLetterId, deadLetterId);
    }

    public long countByStatus(Status status) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM dead_letters WHERE status = ?", Long.class, status.name());
        return n == null ? 0 : n;
    }

    @SuppressWarnings("unchecked")
    private static DeadLetter deadLetter(ResultSet rs, int row) throws SQLException {
        Timestamp replayed = rs.getTimestamp("replayed_at");
        String headers = rs.getString("headers_json");
        return new DeadLetter(rs.getLong("dead_letter_id"), rs.getString("status"), rs.getString("route_id"),
                rs.getString("replay_endpoint"), rs.getString("order_id"), rs.getString("correlation_id"),
                rs.getString("payload"), headers == null ? Map.of() : Json.read(headers, LinkedHashMap.class),
                rs.getString("exception_type"), rs.getString("exception_message"), rs.getInt("attempts"),
                rs.getTimestamp("first_failure_at").toInstant(), rs.getTimestamp("last_failure_at").toInstant(),
                replayed == null ? null : replayed.toInstant(), nullableLong(rs, "replayed_from"),
                rs.getString("replay_outcome"), nullableLong(rs, "replay_dead_letter_id"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
