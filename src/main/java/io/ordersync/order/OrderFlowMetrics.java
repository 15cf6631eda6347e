package io.ordersync.order;

import io.ordersync.support.DatabaseGauges;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the orders stand, on /observe/metrics, read from the orders table:
 * <ul>
 * <li>{@code ordersync_orders{channel, legal_entity, status}}: every order by the channel it came in by (REST, SOAP,
 * EDI, FILE, KAFKA), its legal entity ({@code none} before routing gave it one) and its status. The ACCEPTED,
 * REJECTED and FAILED series grow with the outcomes, so their increase over a window is the outcomes of that
 * window.</li>
 * <li>{@code ordersync_orders_stuck{legal_entity, status}}: orders ordersync itself has to move on that have not
 * changed for longer than {@code ordersync.metrics.stuck-after-minutes}: RECEIVED, durable and waiting for their ERP
 * outcome. Every configured entity has a series (0 when none is stuck). The states the warehouse, carrier and accounts
 * move on are the SLA tracker's ({@code ordersync_sla_orders}).</li>
 * </ul>
 */
class OrderFlowMetrics extends DatabaseGauges {

    static final String ORDERS = "ordersync_orders";
    static final String STUCK = "ordersync_orders_stuck";
    private static final List<OrderStatus> MOVED_BY_ORDERSYNC = List.of(OrderStatus.RECEIVED);

    private final OrderStore orders;
    private final Set<String> configuredEntities;
    private final Duration stuckAfter;

    OrderFlowMetrics(OrderStore orders, Set<String> configuredEntities, Duration stuckAfter, Clock clock) {
        super(clock);
        this.orders = orders;
        this.configuredEntities = Set.copyOf(configuredEntities);
        this.stuckAfter = stuckAfter;
    }

    @Override
    protected MetricSnapshots read(Instant now) {
        GaugeSnapshot.Builder byStatus = GaugeSnapshot.builder().name(ORDERS)
                .help("Orders by intake channel, legal entity and status");
        for (OrderStore.ChannelCount count : orders.countByChannelEntityAndStatus()) {
            byStatus.dataPoint(point(count.orders(), "channel", count.channel(), "legal_entity",
                    orNone(count.legalEntity()), "status", count.status()));
        }
        GaugeSnapshot.Builder stuck = GaugeSnapshot.builder().name(STUCK)
                .help("Orders unchanged for longer than ordersync.metrics.stuck-after-minutes in a status ordersync"
                        + " moves on (RECEIVED: waiting for the ERP's outcome), by legal entity");
        for (OrderStatus status : MOVED_BY_ORDERSYNC) {
            Map<String, Long> counts = new java.util.HashMap<>();
            orders.countUnchangedSince(status, now.minus(stuckAfter))
                    .forEach((entity, count) -> counts.put(orNone(entity), count));
            Set<String> entities = new TreeSet<>(configuredEntities);
            entities.addAll(counts.keySet());
            for (String entity : entities) {
                stuck.dataPoint(point(counts.getOrDefault(entity, 0L), "legal_entity", entity, "status", status.name()));
            }
        }
        return MetricSnapshots.of(byStatus.build(), stuck.build());
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(ORDERS, STUCK);
    }
}
