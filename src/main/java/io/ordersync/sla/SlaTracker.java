package io.ordersync.sla;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.ordersync.support.MeterRegistration;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * SLA tracking per legal entity and partner: order to ERP acknowledgement, order to first shipment, first shipment to
 * first invoice. Every order received within the window is in one state per SLA: MET, MET_LATE (after the warning
 * threshold), WARNING (still open, past the warning threshold), MISSED (past the missed threshold, reached or not)
 * or OPEN. Computed from the timeline in the database, so every replica answers alike; the metric
 * {@code ordersync_sla_orders{sla,state,legal_entity,partner}} is refreshed on a schedule.
 */
public class SlaTracker extends MeterRegistration {

    public static final String MET = "MET";
    public static final String MET_LATE = "MET_LATE";
    public static final String WARNING = "WARNING";
    public static final String MISSED = "MISSED";
    public static final String OPEN = "OPEN";

    /** One order's position against one SLA. */
    public record OrderSla(String orderId, String legalEntity, String partner, String sla, String state,
                           Instant startedAt, Instant warningAt, Instant missedAt, Instant reachedAt) {}

    /** Counts per SLA, entity and partner. */
    public record Summary(String sla, String legalEntity, String partner, Map<String, Integer> states) {}

    private final JdbcTemplate jdbc;
    private final SlaPolicy policy;
    private final Duration window;
    private final Clock clock;
    private volatile MultiGauge gauge;

    public SlaTracker(DataSource dataSource, SlaPolicy policy, Duration window, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.policy = policy;
        this.window = window;
        this.clock = clock;
    }

    /**
     * GET /api/v1/sla: thresholds, counts per SLA/entity/partner and the orders in WARNING or MISSED; with an order
     * id, that order's position against every SLA too.
     */
    public Map<String, Object> report(String legalEntity, String partner, String orderId) {
        List<OrderSla> all = evaluate().stream()
                .filter(o -> legalEntity == null || legalEntity.isBlank() || legalEntity.equals(o.legalEntity()))
                .filter(o -> partner == null || partner.isBlank() || partner.equals(o.partner()))
                .filter(o -> orderId == null || orderId.isBlank() || orderId.equals(o.orderId()))
                .toList();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("generatedAt", clock.instant());
        view.put("window", window.toString());
        view.put("thresholds", policy.describe());
        view.put("summary", summarise(all));
        view.put("breaches", all.stream().filter(o -> WARNING.equals(o.state()) || MISSED.equals(o.state())).toList());
        if (orderId != null && !orderId.isBlank()) {
            view.put("orders", all);
        }
        return view;
    }

    /** Every order received within the window against every SLA that applies to it. */
    public List<OrderSla> evaluate() {
        Instant now = clock.instant();
        List<OrderSla> result = new ArrayList<>();
        jdbc.query("SELECT o.order_id, o.legal_entity, COALESCE(o.source_partner, o.source_system) AS partner,"
                        + " o.received_at,"
                        + " MIN(CASE WHEN e.event_type IN ('OrderAccepted', 'OrderRejected') THEN e.occurred_at END) AS acknowledged_at,"
                        + " MAX(CASE WHEN e.event_type = 'OrderAccepted' THEN 1 ELSE 0 END) AS accepted,"
                        + " MIN(CASE WHEN e.event_type = 'OrderShipped' THEN e.occurred_at END) AS shipped_at,"
                        + " MIN(CASE WHEN e.event_type = 'OrderInvoiced' THEN e.occurred_at END) AS invoiced_at"
                        + " FROM orders o LEFT JOIN order_events e ON e.order_id = o.order_id"
                        + " WHERE o.received_at >= ? AND o.legal_entity IS NOT NULL"
                        + " GROUP BY o.order_id, o.legal_entity, o.source_partner, o.source_system, o.received_at",
                (ResultSet rs) -> {
                    String entity = rs.getString("legal_entity");
                    String partner = rs.getString("partner");
                    Instant received = instant(rs, "received_at");
                    Instant acknowledged = instant(rs, "acknowledged_at");
                    Instant shipped = instant(rs, "shipped_at");
                    result.add(position(rs.getString("order_id"), entity, partner,
                            SlaPolicy.Sla.ORDER_TO_ACKNOWLEDGEMENT, received, acknowledged, now));
                    if (rs.getInt("accepted") == 1) {
                        result.add(position(rs.getString("order_id"), entity, partner,
                                SlaPolicy.Sla.ORDER_TO_SHIPMENT, received, shipped, now));
                    }
                    if (shipped != null) {
                        result.add(position(rs.getString("order_id"), entity, partner,
                                SlaPolicy.Sla.SHIPMENT_TO_INVOICE, shipped, instant(rs, "invoiced_at"), now));
                    }
                }, Timestamp.from(now.minus(window)));
        return result;
    }

    /** Refreshes the gauge rows (called on a schedule; scrapes stay cheap). */
    public void refreshMetrics() {
        MultiGauge current = gauge;
        if (current == null) {
            return;
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (Summary summary : summarise(evaluate())) {
            summary.states().forEach((state, count) -> rows.add(MultiGauge.Row.of(Tags.of("sla", summary.sla(),
                    "state", state, "legal_entity", summary.legalEntity(), "partner", summary.partner()), count)));
        }
        current.register(rows, true);
    }

    @Override
    protected void register(MeterRegistry registry) {
        gauge = MultiGauge.builder("ordersync.sla.orders")
                .description("Orders received within the SLA window, per SLA and state").register(registry);
        refreshMetrics();
    }

    private OrderSla position(String orderId, String entity, String partner, SlaPolicy.Sla sla, Instant start,
                              Instant reached, Instant now) {
        SlaPolicy.Thresholds t = policy.thresholds(sla, entity, partner);
        Instant warningAt = start.plus(t.warning());
        Instant missedAt = start.plus(t.missed());
        String state;
        if (reached != null) {
            state = !reached.isAfter(warningAt) ? MET : !reached.isAfter(missedAt) ? MET_LATE : MISSED;
        } else {
            state = now.isAfter(missedAt) ? MISSED : now.isAfter(warningAt) ? WARNING : OPEN;
        }
        return new OrderSla(orderId, entity, partner, sla.key(), state, start, warningAt, missedAt, reached);
    }

    private static List<Summary> summarise(List<OrderSla> positions) {
        Map<String, Summary> groups = new TreeMap<>();
        for (OrderSla o : positions) {
            Summary summary = groups.computeIfAbsent(o.sla() + "|" + o.legalEntity() + "|" + o.partner(),
                    k -> new Summary(o.sla(), o.legalEntity(), o.partner(), emptyStates()));
            summary.states().merge(o.state(), 1, Integer::sum);
        }
        return List.copyOf(groups.values());
    }

    private static Map<String, Integer> emptyStates() {
        Map<String, Integer> states = new LinkedHashMap<>();
        for (String state : List.of(MET, MET_LATE, WARNING, MISSED, OPEN)) {
            states.put(state, 0);
        }
        return states;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
