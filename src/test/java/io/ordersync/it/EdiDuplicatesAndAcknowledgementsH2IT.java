package io.ordersync.it;

import org.apache.camel.test.main.junit5.CamelMainTest;

/** Every EDI duplicate and acknowledgement scenario on the default embedded database (H2). */
@CamelMainTest
class EdiDuplicatesAndAcknowledgementsH2IT extends EdiDuplicatesAndAcknowledgementsScenarios {
}
