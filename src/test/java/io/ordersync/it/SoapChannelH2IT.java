package io.ordersync.it;

import org.apache.camel.test.main.junit5.CamelMainTest;

/** The SOAP channel on the default embedded database (H2). */
@CamelMainTest
class SoapChannelH2IT extends SoapChannelScenarios {

    static {
        RuntimeProperties.withoutAdminConsole();
    }
}
