package io.ordersync.it;

import io.ordersync.TestPostgres;
import org.apache.camel.test.main.junit5.CamelMainTest;

/** The SOAP channel against a real PostgreSQL. */
@CamelMainTest
class SoapChannelPostgresIT extends SoapChannelScenarios {

    static {
        RuntimeProperties.usePostgres(TestPostgres.newDatabase());
        RuntimeProperties.shortKafkaPolls();
        RuntimeProperties.withoutAdminConsole();
    }
}
