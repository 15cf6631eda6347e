package io.ordersync.it;

import org.apache.camel.test.main.junit5.CamelMainTest;

/** Every quote validation scenario on the default embedded database (H2). */
@CamelMainTest
class QuoteValidationH2IT extends QuoteValidationScenarios {
}
