package io.ordersync.it;

import org.apache.camel.test.main.junit5.CamelMainTest;

/** Every EDI channel scenario on the default embedded database (H2). */
@CamelMainTest
class EdiChannelH2IT extends EdiChannelScenarios {
}
