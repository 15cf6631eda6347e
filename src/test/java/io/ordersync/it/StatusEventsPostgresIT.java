package io.ordersync.it;

import io.ordersync.TestPostgres;
import org.apache.camel.test.main.junit5.CamelMainTest;

/** Every status-event scenario against a real PostgreSQL. */
@CamelMainTest
class StatusEventsPostgresIT extends StatusEventScenarios {

    static {
        RuntimeProperties.usePostgres(TestPostgres.newDatabase());
        RuntimeProperties.shortKafkaPolls();
        RuntimeProperties.withoutAdminConsole();
    }
}
