package io.ordersync.reconcile;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ordersync.support.MeterRegistration;

/**
 * Gauges of each job's last finished run on /observe/metrics: {@code ordersync_reconciliation_last_mismatches},
 * {@code _last_healed}, {@code _last_checked} and {@code _last_failed} (1 when it failed), tagged with the job.
 * Read from the database at scrape time, so every replica reports the same values.
 */
public class ReconciliationMetrics extends MeterRegistration {

    private final ReconciliationRuns runs;

    public ReconciliationMetrics(ReconciliationRuns runs) {
        this.runs = runs;
    }

    @Override
    protected void register(MeterRegistry registry) {
        for (String job : Reconciliation.JOBS) {
            gauge(registry, "ordersync.reconciliation.last.mismatches", job, "Mismatches found by the job's last run",
                    () -> runs.lastFinished(job).map(ReconciliationRuns.Run::mismatches).orElse(0));
            gauge(registry, "ordersync.reconciliation.last.healed", job, "Mismatches healed by the job's last run",
                    () -> runs.lastFinished(job).map(ReconciliationRuns.Run::healed).orElse(0));
            gauge(registry, "ordersync.reconciliation.last.checked", job, "Items checked by the job's last run",
                    () -> runs.lastFinished(job).map(ReconciliationRuns.Run::checked).orElse(0));
            // FAILED, or ABANDONED (its process died): either way the job's last run did not complete
            gauge(registry, "ordersync.reconciliation.last.failed", job, "1 when the job's last run did not complete",
                    () -> runs.lastFinished(job).map(r -> "COMPLETED".equals(r.status()) ? 0 : 1).orElse(0));
        }
    }

    private static void gauge(MeterRegistry registry, String name, String job, String description,
                              java.util.function.Supplier<Number> value) {
        Gauge.builder(name, value).description(description).tag("job", job).strongReference(true).register(registry);
    }
}
