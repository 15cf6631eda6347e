package io.ordersync.it;

import io.ordersync.TestPostgres;
import org.apache.camel.test.main.junit5.CamelMainTest;

/** Every quote validation scenario against a real PostgreSQL: the reference data cache's SQL on the production database. */
@CamelMainTest
class QuoteValidationPostgresIT extends QuoteValidationScenarios {

    static {
        RuntimeProperties.usePostgres(TestPostgres.newDatabase());
        RuntimeProperties.shortKafkaPolls();
        RuntimeProperties.withoutAdminConsole();
    }
}
