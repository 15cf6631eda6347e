package io.ordersync.order;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ordersync.support.MeterRegistration;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The timer {@code ordersync_system_calls_seconds{system, outcome}} on /observe/metrics: every call made for an order
 * to an ERP or the CRM (each attempt), by the system called ("ERP US01", "CRM", as the order's journey names it) and
 * outcome: {@code answered} (the system gave its word: 2xx, or a 4xx about the request) or {@code error} (5xx,
 * timeout, refused connection), with histogram buckets for percentiles. Before Camel has started, or with metrics
 * off, nothing is recorded.
 */
public class SystemCallMetric extends MeterRegistration {

    public static final String NAME = "ordersync.system.calls";

    private volatile MeterRegistry registry;

    @Override
    protected void register(MeterRegistry metricsRegistry) {
        registry = metricsRegistry;
    }

    void record(String system, boolean answered, long nanos) {
        MeterRegistry meters = registry;
        if (meters == null || system == null) {
            return;
        }
        Timer.builder(NAME)
                .description("Calls made for orders to an ERP or the CRM, each attempt, by system and outcome")
                .tag("system", system)
                .tag("outcome", answered ? "answered" : "error")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(meters)
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
