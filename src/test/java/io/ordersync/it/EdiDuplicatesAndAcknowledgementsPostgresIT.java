package io.ordersync.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.camel.test.main.junit5.CamelMainTest;

/** Every EDI duplicate and acknowledgement scenario against a real PostgreSQL. */
@CamelMainTest
class EdiDuplicatesAndAcknowledgementsPostgresIT extends EdiDuplicatesAndAcknowledgementsScenarios {

    static final EmbeddedPostgres POSTGRES = TestPostgres.startForRuntime();
}
