package io.ordersync.order;

import io.ordersync.support.DatabaseGauges;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The gauge {@code ordersync_orders_failed{legal_entity, status}} on /observe/metrics: orders that ended FAILED
 * (technical failure, a dead letter) or REJECTED (by the ERP or by routing), counted in the orders table, so an order
 * tried three times is one. Every configured legal entity has both series, 0 when it has no such order; orders of
 * an unknown entity have their own, orders without one {@code legal_entity="none"}.
 */
class FailedOrdersMetric extends DatabaseGauges {

    static final String NAME = "ordersync_orders_failed";
    private static final List<OrderStatus> STATUSES = List.of(OrderStatus.FAILED, OrderStatus.REJECTED);

    private final OrderStore orders;
    private final Set<String> configuredEntities;

    FailedOrdersMetric(OrderStore orders, Set<String> configuredEntities, Clock clock) {
        super(clock);
        this.orders = orders;
        this.configuredEntities = Set.copyOf(configuredEntities);
    }

    @Override
    protected MetricSnapshots read(Instant now) {
        Map<String, Map<String, Long>> counts = new HashMap<>();
        orders.countByEntityAndStatus(STATUSES).forEach((entity, byStatus) -> counts.put(orNone(entity), byStatus));
        Set<String> entities = new TreeSet<>(configuredEntities);
        entities.addAll(counts.keySet());
        GaugeSnapshot.Builder failed = GaugeSnapshot.builder().name(NAME)
                .help("Orders that ended FAILED (a dead letter) or REJECTED, by legal entity; each order counts once");
        for (String entity : entities) {
            for (OrderStatus status : STATUSES) {
                long count = counts.getOrDefault(entity, Map.of()).getOrDefault(status.name(), 0L);
                failed.dataPoint(point(count, "legal_entity", entity, "status", status.name()));
            }
        }
        return MetricSnapshots.of(failed.build());
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(NAME);
    }
}
