package io.ordersync.reconcile;

import io.ordersync.edi.SentDocuments;
import io.ordersync.events.TimelineStore;
import io.ordersync.order.OrderStore;
import io.ordersync.order.LegalEntities;
import io.ordersync.support.Wiring;
import java.time.Clock;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.Scheduler;

/**
 * Reconciliation: Quartz with its JDBC job store in the same database (clustered across replicas), the runs, the
 * reconciliation bean and its metrics.
 */
public class ReconciliationConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        DataSource dataSource = Wiring.bean(context, "dataSource", DataSource.class);
        Scheduler quartz = ClusteredScheduler.create(dataSource,
                Wiring.required(context, "ordersync.db.url").startsWith("jdbc:postgresql:"),
                Wiring.integer(context, "ordersync.reconcile.quartz-threads"));
        context.getComponent("quartz", QuartzComponent.class).setScheduler(quartz);
        // stopped before the pool closes (services stop in reverse order, and the pool's close was registered by the
        // database configuration, earlier): its cluster check-in, every 10 s, must not run against a closed pool while
        // the runtime stops (the component would stop it only after the pool). It waits for its scheduler thread: without
        // waiting, that thread could still release a trigger in the job store just shut ("JobStore is shutdown"). No job
        // is running by then: the routes, and the exchanges of the jobs in them, stopped before the services.
        Wiring.closeOnStop(context, () -> quartz.shutdown(true));
        ReconciliationRuns runs = new ReconciliationRuns(dataSource);
        context.getRegistry().bind("reconciliationRuns", runs);
        Reconciliation reconciliation = new Reconciliation(dataSource, runs,
                Wiring.bean(context, "orderStore", OrderStore.class),
                Wiring.bean(context, "timelineStore", TimelineStore.class),
                Wiring.bean(context, "ediSentDocuments", SentDocuments.class),
                Wiring.bean(context, "legalEntities", LegalEntities.class), new Reconciliation.Settings(
                        Wiring.duration(context, "ordersync.reconcile.lookback"),
                        Wiring.duration(context, "ordersync.reconcile.stuck-after"),
                        Wiring.duration(context, "ordersync.timeline.hold-limit"),
                        Wiring.flag(context, "ordersync.reconcile.heal.crm"),
                        Wiring.flag(context, "ordersync.reconcile.heal.stuck-orders"),
                        Wiring.integer(context, "ordersync.reconcile.progress-every")),
                Wiring.bean(context, "clock", Clock.class));
        context.getRegistry().bind("reconciliation", reconciliation);
        // a run this host's previous process left RUNNING (killed with its JVM) shows ABANDONED from now on
        reconciliation.abandonDead();
        context.addStartupListener(new ReconciliationMetrics(runs));
    }
}
