package io.ordersync.edi;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ordersync.support.MeterRegistration;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gauge {@code ordersync_edi_acknowledgements_overdue{partner=...}} on /observe/metrics: documents sent to the
 * partner whose acknowledgement is overdue. Each scrape asks the database ({@link SentDocuments#overdueCount}), so
 * every replica reports the same number and nothing is kept in memory.
 */
class OverdueAcknowledgementsMetric extends MeterRegistration {

    public static final String NAME = "ordersync.edi.acknowledgements.overdue";

    private static final Logger LOG = LoggerFactory.getLogger(OverdueAcknowledgementsMetric.class);

    private final SentDocuments sentDocuments;
    private final List<String> partners;

    public OverdueAcknowledgementsMetric(SentDocuments sentDocuments, Collection<String> partners) {
        this.sentDocuments = sentDocuments;
        this.partners = List.copyOf(partners);
    }

    @Override
    protected void register(MeterRegistry registry) {
        for (String partner : partners) {
            Gauge.builder(NAME, () -> sentDocuments.overdueCount(partner))
                    .description("Documents sent to the partner whose functional acknowledgement is overdue")
                    .tag("partner", partner)
                    .strongReference(true)
                    .register(registry);
        }
    }

    @Override
    protected void withoutRegistry() {
        LOG.info("No metrics registry (camel.metrics.enabled=false): {} is not published", NAME);
    }
}
