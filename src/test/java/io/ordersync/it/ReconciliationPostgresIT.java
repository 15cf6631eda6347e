package io.ordersync.it;

import io.ordersync.TestPostgres;
import org.apache.camel.test.main.junit5.CamelMainTest;

/** Every reconciliation scenario against a real PostgreSQL (Quartz's PostgreSQL delegate and DDL included). */
@CamelMainTest
class ReconciliationPostgresIT extends ReconciliationScenarios {

    static {
        RuntimeProperties.usePostgres(TestPostgres.newDatabase());
        RuntimeProperties.shortKafkaPolls();
        RuntimeProperties.withoutAdminConsole();
    }
}
