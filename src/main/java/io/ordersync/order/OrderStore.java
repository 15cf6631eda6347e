package io.ordersync.order;

import io.ordersync.support.Json;
import io.ordersync.support.TraceAttributes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Orders and their status timeline in the database: the first durability point of every channel. */
public class OrderStore {

    /** A stored order as the API shows it. */
    public record StoredOrder(String orderId, String status, String legalEntity, String erpOrderNumber,
                              String correlationId, String externalId, String sourceSystem,
                              String clientIdempotencyKey, CanonicalOrder order, Instant publishedAt) {}

    /**
     * When an order or event reached Kafka: the first confirmed hand-off ({@code null} while unconfirmed), how many
     * confirmed hand-offs there were (intake, outbox relay, reconciliation) and the latest one.
     */
    public record Publication(String orderId, Instant publishedAt, int publishCount, Instant lastPublishedAt) {}

    /** A timeline entry. */
    public record TimelineEntry(String eventId, String type, String status, Instant occurredAt, OrderEvent event) {}

    /** The width of {@code orders.customer_po} (V14): a longer purchase order number is not searchable. */
    public static final int CUSTOMER_PO_MAX = 128;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public OrderStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    public TransactionTemplate transactions() {
        return transactions;
    }

    /** Inserts the order and its first event; call inside {@link #transactions()} with the idempotency keys. */
    public void insert(CanonicalOrder order, OrderStatus status, String sourceKey, String clientKey, OrderEvent first) {
        insert(order, Json.write(order), status, sourceKey, clientKey, first);
    }

    /** As {@link #insert(CanonicalOrder, OrderStatus, String, String, OrderEvent)}, the order already written as JSON. */
    public void insert(CanonicalOrder order, String canonicalJson, OrderStatus status, String sourceKey,
                       String clientKey, OrderEvent first) {
        Timestamp now = Timestamp.from(order.receivedAt());
        jdbc.update("INSERT INTO orders (order_id, idempotency_key, client_idempotency_key, source_channel,"
                        + " source_system, source_partner, external_id, legal_entity, status, correlation_id,"
                        + " canonical_json, received_at, updated_at, customer_po, trace_parent)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                order.orderId(), sourceKey, clientKey, order.source().channel(), order.source().system(),
                order.source().partner(), order.source().externalId(), order.legalEntity(), status.name(),
                order.correlationId(), canonicalJson, now, now, searchablePo(order.customerPurchaseOrder()),
                TraceAttributes.currentTraceparent());
        insertEvent(first);
    }

    /** The PO as the search column keeps it: null when there is none or it is wider than the column. */
    static String searchablePo(String po) {
        return po == null || po.isEmpty() || po.length() > CUSTOMER_PO_MAX ? null : po;
    }

    /**
     * Records an event and moves the order to the event's status. Idempotent on the event id: a redelivered
     * event changes nothing and returns false.
     */
    public boolean recordEvent(OrderEvent event) {
        Boolean recorded = transactions.execute(tx -> {
            try {
                insertEvent(event);
            } catch (DuplicateKeyException duplicate) {
                tx.setRollbackOnly();
                return false;
            }
            jdbc.update("UPDATE orders SET status = ?, erp_order_number = COALESCE(?, erp_order_number),"
                            + " updated_at = ? WHERE order_id = ?",
                    event.status().name(), event.erpOrderNumber(), Timestamp.from(event.occurredAt()),
                    event.orderId());
            return true;
        });
        return Boolean.TRUE.equals(recorded);
    }

    private void insertEvent(OrderEvent event) {
        jdbc.update("INSERT INTO order_events (event_id, order_id, event_type, status, detail_json, correlation_id,"
                        + " occurred_at, trace_parent) VALUES (?,?,?,?,?,?,?,?)",
                event.eventId(), event.orderId(), event.type(), event.status().name(), Json.write(event),
                event.correlationId(), Timestamp.from(event.occurredAt()), TraceAttributes.currentTraceparent());
    }

    /** Kafka confirmed a hand-off of the order (now). */
    public void markOrderPublished(String orderId) {
        // the one statement of every hand-off: no read of the record back (recordOrderPublished is the relay's)
        updateOrderPublication(orderId, Timestamp.from(Instant.now()));
    }

    /** Kafka confirmed a hand-off of the event (now). */
    public void markEventPublished(String eventId) {
        updateEventPublication(eventId, Timestamp.from(Instant.now()));
    }

    /**
     * Records a hand-off of the order that Kafka confirmed at {@code at}: counted and timed; the first publication
     * time is set only if there was none. Returns the order's publication record.
     */
    public Optional<Publication> recordOrderPublished(String orderId, Instant at) {
        updateOrderPublication(orderId, Timestamp.from(at));
        return orderPublication(orderId);
    }

    private void updateOrderPublication(String orderId, Timestamp when) {
        jdbc.update("UPDATE orders SET published_at = COALESCE(published_at, ?), publish_count = publish_count + 1,"
                + " last_published_at = ? WHERE order_id = ?", when, when, orderId);
    }

    /** Records a hand-off of the event that Kafka confirmed at {@code at}; returns the event's publication record. */
    public Optional<Publication> recordEventPublished(String eventId, Instant at) {
        updateEventPublication(eventId, Timestamp.from(at));
        return eventPublication(eventId);
    }

    private void updateEventPublication(String eventId, Timestamp when) {
        jdbc.update("UPDATE order_events SET published_at = COALESCE(published_at, ?),"
                + " publish_count = publish_count + 1, last_published_at = ? WHERE event_id = ?", when, when, eventId);
    }

    /**
     * Orders accepted for routing whose hand-off to Kafka is not confirmed, received before {@code receivedBefore},
     * oldest first.
     */
    public List<Outboxed> unpublishedOrders(Instant receivedBefore, int limit) {
        return jdbc.query("SELECT canonical_json, trace_parent FROM orders WHERE status = ? AND published_at IS NULL"
                        + " AND received_at < ? ORDER BY received_at FETCH FIRST " + limit + " ROWS ONLY",
                OrderStore::outboxedOrder, OrderStatus.RECEIVED.name(), Timestamp.from(receivedBefore));
    }

    /**
     * Orders published to Kafka but still without an ERP outcome, whose latest confirmed publication is older than
     * {@code lastPublishedBefore} (the record may have been lost with a broker), oldest first. Each publication
     * moves that time, so an order waiting for the ERP comes up once per such period.
     */
    public List<Outboxed> publishedOrdersWithoutOutcome(Instant lastPublishedBefore, int limit) {
        return jdbc.query("SELECT canonical_json, trace_parent FROM orders WHERE status = ? AND last_published_at < ?"
                        + " ORDER BY received_at FETCH FIRST " + limit + " ROWS ONLY",
                OrderStore::outboxedOrder, OrderStatus.RECEIVED.name(), Timestamp.from(lastPublishedBefore));
    }

    /**
     * An order or event the outbox relay (re)publishes: its JSON, and the {@code traceparent} of the span that stored
     * it (null when tracing was off), which the publication continues.
     */
    public record Outboxed(String json, String traceparent) {
    }

    private static Outboxed outboxedOrder(ResultSet rs, int row) throws SQLException {
        return new Outboxed(rs.getString("canonical_json"), rs.getString("trace_parent"));
    }

    public Optional<Publication> orderPublication(String orderId) {
        return jdbc.query("SELECT order_id, published_at, publish_count, last_published_at FROM orders"
                + " WHERE order_id = ?", OrderStore::publication, orderId).stream().findFirst();
    }

    public Optional<Publication> eventPublication(String eventId) {
        return jdbc.query("SELECT order_id, published_at, publish_count, last_published_at FROM order_events"
                + " WHERE event_id = ?", OrderStore::publication, eventId).stream().findFirst();
    }

    private static Publication publication(ResultSet rs, int row) throws SQLException {
        Timestamp published = rs.getTimestamp("published_at");
        Timestamp last = rs.getTimestamp("last_published_at");
        return new Publication(rs.getString("order_id"), published == null ? null : published.toInstant(),
                rs.getInt("publish_count"), last == null ? null : last.toInstant());
    }

    /** Events not yet confirmed on the event topic (outbox), oldest first. */
    public List<Outboxed> unpublishedEvents(Instant olderThan, int limit) {
        return jdbc.query("SELECT detail_json, trace_parent FROM order_events WHERE published_at IS NULL"
                        + " AND occurred_at < ? ORDER BY occurred_at FETCH FIRST " + limit + " ROWS ONLY",
                (rs, row) -> new Outboxed(rs.getString("detail_json"), rs.getString("trace_parent")),
                Timestamp.from(olderThan));
    }

    public Optional<StoredOrder> findById(String orderId) {
        return jdbc.query("SELECT * FROM orders WHERE order_id = ?", OrderStore::storedOrder, orderId)
                .stream().findFirst();
    }

    /**
     * The legal entity a stored order was accepted for (its column only: the order itself is not read); empty when
     * there is no such order or it has none.
     */
    public Optional<String> legalEntityOf(String orderId) {
        List<String> rows = jdbc.queryForList("SELECT legal_entity FROM orders WHERE order_id = ?", String.class,
                orderId);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    public Optional<StoredOrder> findBySourceKey(String sourceKey) {
        return jdbc.query("SELECT * FROM orders WHERE idempotency_key = ?", OrderStore::storedOrder, sourceKey)
                .stream().findFirst();
    }

    /**
     * How ERP, warehouse and AR systems name an order: the legal entity and the ERP's order number. Should an ERP
     * ever reuse a number (a test system reset, a number range restarted), the newest order is the one meant.
     */
    public Optional<StoredOrder> findByErpOrderNumber(String legalEntity, String erpOrderNumber) {
        return jdbc.query("SELECT * FROM orders WHERE legal_entity = ? AND erp_order_number = ?"
                        + " ORDER BY received_at DESC FETCH FIRST 1 ROWS ONLY",
                OrderStore::storedOrder, legalEntity, erpOrderNumber).stream().findFirst();
    }

    /**
     * An order stored before duplicate keys had namespaces, under the key its document chose ({@code system:partner:id}),
     * that came through the channel: the upgrade's way to recognise a repeat of such an order. Keys stored since always
     * start with their namespace (lower case), which no such key does, so only old orders match.
     */
    public Optional<StoredOrder> findLegacy(String legacyKey, String channel) {
        return jdbc.query("SELECT * FROM orders WHERE idempotency_key = ? AND source_channel = ?",
                OrderStore::storedOrder, legacyKey, channel).stream().findFirst();
    }

    public Optional<StoredOrder> findByClientKey(String clientKey) {
        return jdbc.query("SELECT * FROM orders WHERE client_idempotency_key = ?", OrderStore::storedOrder, clientKey)
                .stream().findFirst();
    }

    public List<TimelineEntry> timeline(String orderId) {
        return jdbc.query("SELECT * FROM order_events WHERE order_id = ? ORDER BY occurred_at, event_id",
                (rs, n) -> new TimelineEntry(rs.getString("event_id"), rs.getString("event_type"),
                        rs.getString("status"), rs.getTimestamp("occurred_at").toInstant(),
                        Json.read(rs.getString("detail_json"), OrderEvent.class)),
                orderId);
    }

    /** Orders in one of the statuses by legal entity (key: entity, null for none, then status): how many. */
    public Map<String, Map<String, Long>> countByEntityAndStatus(Collection<OrderStatus> statuses) {
        Map<String, Map<String, Long>> counts = new java.util.HashMap<>();
        String marks = String.join(",", java.util.Collections.nCopies(statuses.size(), "?"));
        jdbc.query("SELECT legal_entity, status, COUNT(*) AS orders FROM orders WHERE status IN (" + marks + ")"
                        + " GROUP BY legal_entity, status",
                (ResultSet rs) -> {
                    counts.computeIfAbsent(rs.getString("legal_entity"), e -> new java.util.HashMap<>())
                            .put(rs.getString("status"), rs.getLong("orders"));
                }, statuses.stream().map(Enum::name).toArray());
        return counts;
    }

    /** How many orders of one intake channel, legal entity (null: none yet) and status the table holds. */
    public record ChannelCount(String channel, String legalEntity, String status, long orders) {}

    /** Orders in the table by channel, legal entity and status. */
    public List<ChannelCount> countByChannelEntityAndStatus() {
        return jdbc.query("SELECT source_channel, legal_entity, status, COUNT(*) AS orders FROM orders"
                        + " GROUP BY source_channel, legal_entity, status",
                (rs, n) -> new ChannelCount(rs.getString("source_channel"), rs.getString("legal_entity"),
                        rs.getString("status"), rs.getLong("orders")));
    }

    /** Orders of the status whose last change is before {@code changedBefore}, by legal entity (null: none). */
    public Map<String, Long> countUnchangedSince(OrderStatus status, Instant changedBefore) {
        Map<String, Long> counts = new java.util.HashMap<>();
        jdbc.query("SELECT legal_entity, COUNT(*) AS orders FROM orders WHERE status = ? AND updated_at < ?"
                        + " GROUP BY legal_entity",
                (ResultSet rs) -> {
                    counts.put(rs.getString("legal_entity"), rs.getLong("orders"));
                }, status.name(), Timestamp.from(changedBefore));
        return counts;
    }

    public Map<String, Long> countByStatus() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        jdbc.query("SELECT status, COUNT(*) AS n FROM orders GROUP BY status",
                (ResultSet rs) -> {
                    counts.put(rs.getString("status"), rs.getLong("n"));
                });
        return counts;
    }

    private static StoredOrder storedOrder(ResultSet rs, int row) throws SQLException {
        Timestamp published = rs.getTimestamp("published_at");
        return new StoredOrder(rs.getString("order_id"), rs.getString("status"), rs.getString("legal_entity"),
                rs.getString("erp_order_number"), rs.getString("correlation_id"), rs.getString("external_id"),
                rs.getString("source_system"), rs.getString("client_idempotency_key"),
                Json.read(rs.getString("canonical_json"), CanonicalOrder.class),
                published == null ? null : published.toInstant());
    }
}
