package io.ordersync.events;

import io.ordersync.support.Json;
import io.ordersync.support.TraceAttributes;
import io.ordersync.order.OrderEvent;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The timeline's rows for fulfilment events: recorded events, held (early) events, and the per-order lock that
 * makes concurrent reports for one order apply one after the other. Every method runs in the caller's transaction
 * (the order store's), so a decision and its effects commit together.
 */
public class TimelineStore {

    /** An event waiting for the milestone it depends on. */
    public record HeldEvent(String eventId, String orderId, String reasonCode, String reason, OrderEvent event,
                            Instant heldAt) {}

    private final JdbcTemplate jdbc;

    public TimelineStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Locks the order row until the transaction ends; false when there is no such order. */
    public boolean lockOrder(String orderId) {
        return !jdbc.queryForList("SELECT order_id FROM orders WHERE order_id = ? FOR UPDATE", String.class, orderId)
                .isEmpty();
    }

    public List<OrderEvent> events(String orderId) {
        return jdbc.queryForList("SELECT detail_json FROM order_events WHERE order_id = ? ORDER BY occurred_at, event_id",
                String.class, orderId).stream().map(json -> Json.read(json, OrderEvent.class)).toList();
    }

    /** Inserts the event and moves the order to the event's status (the caller decided it is new). */
    public void record(OrderEvent event) {
        jdbc.update("INSERT INTO order_events (event_id, order_id, event_type, status, detail_json, correlation_id,"
                        + " occurred_at, trace_parent) VALUES (?,?,?,?,?,?,?,?)",
                event.eventId(), event.orderId(), event.type(), event.status().name(), Json.write(event),
                event.correlationId(), Timestamp.from(event.occurredAt()), TraceAttributes.currentTraceparent());
        jdbc.update("UPDATE orders SET status = ?, updated_at = ? WHERE order_id = ?", event.status().name(),
                Timestamp.from(Instant.now()), event.orderId());
    }

    /** Keeps an early event; holding the same event again changes nothing. */
    public void hold(OrderEvent event, String reasonCode, String reason, Instant now) {
        int updated = jdbc.update("UPDATE held_events SET reason_code = ?, reason = ? WHERE event_id = ?",
                reasonCode, reason, event.eventId());
        if (updated == 0) {
            jdbc.update("INSERT INTO held_events (event_id, order_id, reason_code, reason, event_json, occurred_at,"
                            + " held_at) VALUES (?,?,?,?,?,?,?)", event.eventId(), event.orderId(), reasonCode,
                    reason, Json.write(event), Timestamp.from(event.occurredAt()), Timestamp.from(now));
        }
    }

    public void release(String eventId) {
        jdbc.update("DELETE FROM held_events WHERE event_id = ?", eventId);
    }

    public List<HeldEvent> held(String orderId) {
        return jdbc.query("SELECT * FROM held_events WHERE order_id = ? ORDER BY occurred_at, event_id",
                (rs, n) -> heldEvent(rs), orderId);
    }

    /** Held events waiting since before {@code heldBefore} (for support and reconciliation), oldest first. */
    public List<HeldEvent> heldSince(Instant heldBefore, int limit) {
        return jdbc.query("SELECT * FROM held_events WHERE held_at < ? ORDER BY held_at FETCH FIRST " + limit
                + " ROWS ONLY", (rs, n) -> heldEvent(rs), Timestamp.from(heldBefore));
    }

    private static HeldEvent heldEvent(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new HeldEvent(rs.getString("event_id"), rs.getString("order_id"), rs.getString("reason_code"),
                rs.getString("reason"), Json.read(rs.getString("event_json"), OrderEvent.class),
                rs.getTimestamp("held_at").toInstant());
    }
}
