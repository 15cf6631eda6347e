package io.ordersync.events;

import io.ordersync.support.Json;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** Exception records customer service works on, one open record per order and kind (runs in the caller's transaction). */
public class OrderExceptions {

    public static final String BACKORDER = "BACKORDER";

    public record OrderException(long exceptionId, String orderId, String legalEntity, String kind, String status,
                                 String decision, String message, Object detail, LocalDate expectedDeliveryDate,
                                 String openedByEvent, Instant openedAt, Instant updatedAt, Instant resolvedAt) {}

    private final JdbcTemplate jdbc;

    public OrderExceptions(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Opens the order's exception of this kind, or updates the open one with the latest evaluation. */
    public void open(String orderId, String legalEntity, String kind, BackorderPolicy.Evaluation evaluation,
                     String eventId, Instant now) {
        String openKey = orderId + ":" + kind;
        Date expected = evaluation.expectedDeliveryDate() == null ? null : Date.valueOf(evaluation.expectedDeliveryDate());
        String detail = Json.write(Map.of("openLines", evaluation.openLines()));
        int updated = jdbc.update("UPDATE order_exceptions SET decision = ?, message = ?, detail_json = ?,"
                        + " expected_delivery_date = ?, updated_at = ? WHERE open_key = ?", evaluation.decision(),
                evaluation.message(), detail, expected, Timestamp.from(now), openKey);
        if (updated == 0) {
            jdbc.update("INSERT INTO order_exceptions (order_id, legal_entity, kind, status, decision, message,"
                            + " detail_json, expected_delivery_date, opened_by_event, opened_at, updated_at, open_key)"
                            + " VALUES (?,?,?,'OPEN',?,?,?,?,?,?,?,?)", orderId, legalEntity, kind,
                    evaluation.decision(), evaluation.message(), detail, expected, eventId, Timestamp.from(now),
                    Timestamp.from(now), openKey);
        }
    }

    /** Resolves the order's open exception of this kind, if any. */
    public void resolve(String orderId, String kind, String resolution, Instant now) {
        jdbc.update("UPDATE order_exceptions SET status = 'RESOLVED', message = message || ? , resolved_at = ?,"
                        + " updated_at = ?, open_key = NULL WHERE open_key = ?", " | resolved: " + resolution,
                Timestamp.from(now), Timestamp.from(now), orderId + ":" + kind);
    }

    /** Filters are optional (null = any); newest first. */
    public List<OrderException> search(String status, String orderId, String legalEntity, Integer limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM order_exceptions WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (status != null && !status.isBlank()) {
            sql.append(" AND status = ?");
            args.add(status.trim().toUpperCase(java.util.Locale.ROOT));
        }
        if (orderId != null && !orderId.isBlank()) {
            sql.append(" AND order_id = ?");
            args.add(orderId);
        }
        if (legalEntity != null && !legalEntity.isBlank()) {
            sql.append(" AND legal_entity = ?");
            args.add(legalEntity);
        }
        sql.append(" ORDER BY opened_at DESC, exception_id DESC FETCH FIRST ")
                .append(limit == null ? 100 : Math.max(1, Math.min(limit, 1000))).append(" ROWS ONLY");
        return jdbc.query(sql.toString(), OrderExceptions::row, args.toArray());
    }

    public long countOpen() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM order_exceptions WHERE status = 'OPEN'", Long.class);
        return n == null ? 0 : n;
    }

    private static OrderException row(ResultSet rs, int n) throws SQLException {
        Date expected = rs.getDate("expected_delivery_date");
        Timestamp resolved = rs.getTimestamp("resolved_at");
        String detail = rs.getString("detail_json");
        return new OrderException(rs.getLong("exception_id"), rs.getString("order_id"), rs.getString("legal_entity"),
                rs.getString("kind"), rs.getString("status"), rs.getString("decision"), rs.getString("message"),
                detail == null ? null : Json.read(detail, Object.class),
                expected == null ? null : expected.toLocalDate(), rs.getString("opened_by_event"),
                rs.getTimestamp("opened_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                resolved == null ? null : resolved.toInstant());
    }
}
