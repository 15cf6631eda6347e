package io.ordersync.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.camel.test.main.junit5.CamelMainTest;

/** Every EDI channel scenario against a real PostgreSQL: interchanges, control numbers, dead letters and orders. */
@CamelMainTest
class EdiChannelPostgresIT extends EdiChannelScenarios {

    static final EmbeddedPostgres POSTGRES = TestPostgres.startForRuntime();
}
