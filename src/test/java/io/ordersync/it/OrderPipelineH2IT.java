package io.ordersync.it;

import org.apache.camel.test.main.junit5.CamelMainTest;

/** Every pipeline scenario on the default embedded database (H2). */
@CamelMainTest
class OrderPipelineH2IT extends OrderPipelineScenarios {
}
