package io.ordersync.it;

import org.apache.camel.test.main.junit5.CamelMainTest;

/** Order files and eCommerce orders from Kafka on the default embedded database (H2). */
@CamelMainTest
class OrderChannelsH2IT extends OrderChannelScenarios {

    static {
        // the Hawtio admin console plays no part here and takes seconds to boot
        System.setProperty("ordersync.admin.enabled", "false");
    }
}
