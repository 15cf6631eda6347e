package io.ordersync.it;

import org.apache.camel.test.main.junit5.CamelMainTest;

/** Order files and eCommerce orders from Kafka on the default embedded database (H2). */
@CamelMainTest
class OrderChannelsH2IT extends OrderChannelScenarios {

    static {
        RuntimeProperties.withoutAdminConsole();
    }
}
