package io.ordersync.reconcile;

import com.zaxxer.hikari.HikariDataSource;
import io.ordersync.app.Database;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * The child JVM of {@link ReconciliationRunsTest}: records a RUNNING run of crm-status as this process (host:pid, as
 * the runtime does), writes some progress, reports the run's id and then keeps running until it is killed.
 */
public final class RunningRunWriter {

    private RunningRunWriter() {
    }

    public static void main(String[] args) throws Exception {
        HikariDataSource pool = Database.pool(args[0], "sa", "", 1);
        ReconciliationRuns runs = new ReconciliationRuns(pool);
        String instance = Reconciliation.hostName() + ":" + ProcessHandle.current().pid();
        long runId = runs.start("crm-status", "api", instance, Instant.now());
        runs.toCheck(runId, 100, Instant.now());
        runs.progress(runId, 7, 1, 0, Instant.now());
        System.out.println("running " + runId);
        System.out.flush();
        // a run going on, until the kill
        new CountDownLatch(1).await();
    }
}
