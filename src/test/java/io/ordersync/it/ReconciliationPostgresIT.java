package io.ordersync.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.camel.test.main.junit5.CamelMainTest;

/** Every reconciliation scenario against a real PostgreSQL (Quartz's PostgreSQL delegate and DDL included). */
@CamelMainTest
class ReconciliationPostgresIT extends ReconciliationScenarios {

    static final EmbeddedPostgres POSTGRES = TestPostgres.startForRuntime();
}
