package io.ordersync.it;

import io.ordersync.TestPostgres;
import org.apache.camel.test.main.junit5.CamelMainTest;

/** Every EDI channel scenario against a real PostgreSQL: interchanges, control numbers, dead letters and orders. */
@CamelMainTest
class EdiChannelPostgresIT extends EdiChannelScenarios {

    static {
        RuntimeProperties.usePostgres(TestPostgres.newDatabase());
        RuntimeProperties.shortKafkaPolls();
        RuntimeProperties.withoutAdminConsole();
    }
}
