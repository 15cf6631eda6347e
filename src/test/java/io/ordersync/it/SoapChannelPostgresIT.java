package io.ordersync.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.camel.test.main.junit5.CamelMainTest;

/** The SOAP channel against a real PostgreSQL. */
@CamelMainTest
class SoapChannelPostgresIT extends SoapChannelScenarios {

    static final EmbeddedPostgres POSTGRES = TestPostgres.startForRuntime();
}
