package io.ordersync.reconcile;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * The Quartz scheduler behind camel-quartz: JDBC job store (JobStoreTX) on ordersync's own connection pool,
 * clustered, so that with several replicas every scheduled run happens on exactly one of them. The QRTZ_ tables come
 * from a Flyway migration. All replicas must share the scheduler name ({@code ordersync}).
 */
public final class ClusteredScheduler {

    private static final AtomicInteger DATA_SOURCES = new AtomicInteger();

    private ClusteredScheduler() {
    }

    public static Scheduler create(DataSource dataSource, boolean postgres, int threads) throws SchedulerException {
        // Quartz looks its data source up by name in a JVM-wide registry; a fresh name per scheduler keeps restarts
        // (and test contexts in one JVM) apart
        String name = "ordersync-" + DATA_SOURCES.incrementAndGet();
        DBConnectionManager.getInstance().addConnectionProvider(name, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return dataSource.getConnection();
            }

            @Override
            public void shutdown() {
                // the pool belongs to ordersync and is closed by it
            }

            @Override
            public void initialize() {
            }
        });
        Properties quartz = new Properties();
        quartz.setProperty("org.quartz.scheduler.instanceName", "ordersync");
        quartz.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        quartz.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        quartz.setProperty("org.quartz.threadPool.threadCount", String.valueOf(threads));
        quartz.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        quartz.setProperty("org.quartz.jobStore.driverDelegateClass", postgres
                ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate" : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        quartz.setProperty("org.quartz.jobStore.dataSource", name);
        quartz.setProperty("org.quartz.jobStore.isClustered", "true");
        quartz.setProperty("org.quartz.jobStore.clusterCheckinInterval", "10000");
        quartz.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        return new StdSchedulerFactory(quartz).getScheduler();
    }
}
