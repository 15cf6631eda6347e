package io.ordersync.deadletter;

import io.ordersync.support.DatabaseGauges;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The gauges {@code ordersync_dead_letters_open} and {@code ordersync_dead_letters_open_oldest_age_seconds} on
 * /observe/metrics, by {@code route_id} (the route the message failed in), {@code legal_entity} and {@code partner}
 * (of the dead letter's order; {@code none} when it has none) and {@code reason} (the simple name of the exception
 * that made the dead letter, e.g. {@code HttpOperationFailedException}; {@code none} when none was recorded): the dead
 * letters waiting for a person (status NEW), counted from the dead-letter table, and how long ago the oldest of them
 * first failed.
 */
class OpenDeadLettersMetric extends DatabaseGauges {

    static final String OPEN = "ordersync_dead_letters_open";
    static final String OLDEST_AGE = "ordersync_dead_letters_open_oldest_age_seconds";

    private final DeadLetterStore store;

    OpenDeadLettersMetric(DeadLetterStore store, Clock clock) {
        super(clock);
        this.store = store;
    }

    @Override
    protected MetricSnapshots read(Instant now) {
        GaugeSnapshot.Builder open = GaugeSnapshot.builder().name(OPEN)
                .help("Dead letters waiting for a person (status NEW), by route, legal entity and partner of the order,"
                        + " and reason");
        GaugeSnapshot.Builder oldest = GaugeSnapshot.builder().name(OLDEST_AGE)
                .help("Seconds since the oldest open dead letter first failed, by route, legal entity, partner and reason");
        for (DeadLetterStore.OpenGroup group : store.openByRouteEntityAndPartner()) {
            String[] labels = {"route_id", group.routeId(), "legal_entity", orNone(group.legalEntity()),
                    "partner", orNone(group.partner()), "reason", orNone(group.reason())};
            open.dataPoint(point(group.count(), labels));
            Duration age = Duration.between(group.oldestFailure(), now);
            oldest.dataPoint(point(Math.max(0, age.toMillis()) / 1000.0, labels));
        }
        return MetricSnapshots.of(open.build(), oldest.build());
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(OPEN, OLDEST_AGE);
    }
}
