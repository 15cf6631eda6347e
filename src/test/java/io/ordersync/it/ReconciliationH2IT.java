package io.ordersync.it;

import org.apache.camel.test.main.junit5.CamelMainTest;

/** Every reconciliation scenario on the default embedded database (H2). */
@CamelMainTest
class ReconciliationH2IT extends ReconciliationScenarios {
}
