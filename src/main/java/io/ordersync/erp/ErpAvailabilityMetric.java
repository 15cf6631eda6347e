package io.ordersync.erp;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ordersync.support.MeterRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges per legal entity on {@code /observe/metrics}: {@code ordersync_erp_available{legal_entity}} (1 available,
 * 0 unavailable: order delivery to it is paused) and {@code ordersync_erp_unavailable_since_seconds{legal_entity}}
 * (epoch seconds of the first failed attempt of the current outage, 0 when available).
 */
public class ErpAvailabilityMetric extends MeterRegistration {

    public static final String AVAILABLE = "ordersync.erp.available";
    public static final String UNAVAILABLE_SINCE = "ordersync.erp.unavailable.since.seconds";

    private static final Logger LOG = LoggerFactory.getLogger(ErpAvailabilityMetric.class);

    private final ErpAvailability availability;

    public ErpAvailabilityMetric(ErpAvailability availability) {
        this.availability = availability;
    }

    @Override
    protected void register(MeterRegistry registry) {
        for (String entity : availability.legalEntities()) {
            Gauge.builder(AVAILABLE, () -> availability.status(entity).available() ? 1 : 0)
                    .description("1 when the legal entity's ERP takes orders, 0 while delivery to it is paused")
                    .tag("legal_entity", entity)
                    .strongReference(true)
                    .register(registry);
            Gauge.builder(UNAVAILABLE_SINCE, () -> {
                        ErpAvailability.Status status = availability.status(entity);
                        return status.available() ? 0 : status.unavailableSince().getEpochSecond();
                    })
                    .description("Epoch seconds since when the legal entity's ERP is unavailable, 0 when available")
                    .tag("legal_entity", entity)
                    .strongReference(true)
                    .register(registry);
        }
    }

    @Override
    protected void withoutRegistry() {
        LOG.info("No metrics registry (camel.metrics.enabled=false): {} is not published", AVAILABLE);
    }
}
