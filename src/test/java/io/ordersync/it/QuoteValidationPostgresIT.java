package io.ordersync.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.camel.test.main.junit5.CamelMainTest;

/** Every quote validation scenario against a real PostgreSQL: the reference data cache's SQL on the production database. */
@CamelMainTest
class QuoteValidationPostgresIT extends QuoteValidationScenarios {

    private static final EmbeddedPostgres POSTGRES = TestPostgres.startForRuntime();
}
