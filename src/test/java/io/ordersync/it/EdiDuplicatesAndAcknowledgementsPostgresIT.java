package io.ordersync.it;

import io.ordersync.TestPostgres;
import org.apache.camel.test.main.junit5.CamelMainTest;

/** Every EDI duplicate and acknowledgement scenario against a real PostgreSQL. */
@CamelMainTest
class EdiDuplicatesAndAcknowledgementsPostgresIT extends EdiDuplicatesAndAcknowledgementsScenarios {

    static {
        RuntimeProperties.usePostgres(TestPostgres.newDatabase());
        RuntimeProperties.shortKafkaPolls();
        RuntimeProperties.withoutAdminConsole();
    }
}
