package io.ordersync.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.camel.test.main.junit5.CamelMainTest;

/** Every status-event scenario against a real PostgreSQL. */
@CamelMainTest
class StatusEventsPostgresIT extends StatusEventScenarios {

    static final EmbeddedPostgres POSTGRES = TestPostgres.startForRuntime();
}
