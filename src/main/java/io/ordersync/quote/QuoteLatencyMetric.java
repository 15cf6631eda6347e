package io.ordersync.quote;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ordersync.support.MeterRegistration;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timer {@code ordersync_quotes_erp_latency_seconds{legal_entity, outcome}} on /observe/metrics: how long each
 * quote's ERP call took, by entity and by outcome (OK, TIMEOUT, UNAVAILABLE, ERROR), with histogram buckets for
 * percentiles. Timers are made at the first call of their entity and outcome, in the registry
 * {@link MeterRegistration} hands over once Camel has started; before that, or with metrics off, nothing is recorded.
 */
public class QuoteLatencyMetric extends MeterRegistration {

    public static final String NAME = "ordersync.quotes.erp.latency";

    private static final Logger LOG = LoggerFactory.getLogger(QuoteLatencyMetric.class);

    private volatile MeterRegistry registry;

    @Override
    protected void register(MeterRegistry metricsRegistry) {
        registry = metricsRegistry;
    }

    @Override
    protected void withoutRegistry() {
        LOG.info("No metrics registry (camel.metrics.enabled=false): {} is not published", NAME);
    }

    public void record(String legalEntity, String outcome, long nanos) {
        MeterRegistry meters = registry;
        if (meters == null) {
            return;
        }
        // register() returns the existing timer for the same name and tags
        Timer.builder(NAME)
                .description("Duration of the ERP call of a quote validation")
                .tag("legal_entity", legalEntity)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(meters)
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
