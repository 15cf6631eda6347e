package io.ordersync.support;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges on /observe/metrics whose values are rows of the database (orders, dead letters), read when the metrics are
 * scraped, at most once per {@link #CACHE_PERIOD} (a burst of scrapes is one query). They count what is stored, so
 * every replica reports the same numbers, a restart loses nothing, and a retry is not counted again. Their label
 * values (routes, legal entities, partners) come from the rows, so a series exists from the first scrape after its
 * first row: that is why they are a Prometheus collector in the registry behind camel-micrometer-prometheus's
 * {@code metricsRegistry}, not Micrometer gauges, which must be registered one label set at a time beforehand.
 * When the database cannot answer, the scrape still answers, without these gauges, and the problem is logged.
 */
public abstract class DatabaseGauges extends MeterRegistration implements MultiCollector {

    /** How long one reading of the database answers scrapes. */
    public static final Duration CACHE_PERIOD = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseGauges.class);

    private final Clock clock;
    private MetricSnapshots lastReading;
    private Instant readAt;

    protected DatabaseGauges(Clock clock) {
        this.clock = clock;
    }

    @Override
    protected final void register(MeterRegistry registry) {
        if (registry instanceof PrometheusMeterRegistry prometheus) {
            prometheus.getPrometheusRegistry().register(this);
        } else {
            LOG.warn("The metrics registry is not Prometheus's: {} are not published", getPrometheusNames());
        }
    }

    @Override
    public final synchronized MetricSnapshots collect() {
        Instant now = clock.instant();
        if (lastReading == null || !now.isBefore(readAt.plus(CACHE_PERIOD))) {
            try {
                lastReading = read(now);
            } catch (RuntimeException e) {
                LOG.warn("{} not published in this scrape: the database did not answer ({})", getPrometheusNames(),
                        e.toString());
                lastReading = new MetricSnapshots();
            }
            readAt = now;
        }
        return lastReading;
    }

    /** Reads the gauges' values from the database, as they are at {@code now}. */
    protected abstract MetricSnapshots read(Instant now);

    /** The names of the gauges (Prometheus's, with underscores), to tell the registry and the logs. */
    @Override
    public abstract List<String> getPrometheusNames();

    /** A gauge data point with label names and values given alternately. */
    protected static GaugeSnapshot.GaugeDataPointSnapshot point(double value, String... labelNamesAndValues) {
        return GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).labels(Labels.of(labelNamesAndValues))
                .build();
    }

    /** A label value for a column that may be empty. */
    protected static String orNone(String value) {
        return value == null || value.isBlank() ? "none" : value;
    }
}
