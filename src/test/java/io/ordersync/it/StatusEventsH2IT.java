package io.ordersync.it;

import org.apache.camel.test.main.junit5.CamelMainTest;

/** Every status-event scenario on the default embedded database (H2). */
@CamelMainTest
class StatusEventsH2IT extends StatusEventScenarios {
}
