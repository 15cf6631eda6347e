package io.ordersync.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrdersyncMainTest {

    @Test
    void aFailedStartIsDescribedOnOneLineWithItsCauses() {
        Exception failure = new RuntimeException("Failed to get driver instance for jdbcUrl=jdbc:nosuchdriver:x",
                new java.sql.SQLException("No suitable driver"));
        assertThat(OrdersyncMain.describe(failure)).isEqualTo(
                "Failed to get driver instance for jdbcUrl=jdbc:nosuchdriver:x <- caused by: No suitable driver");
    }

    @Test
    void multiLineMessagesAreFoldedAndRepeatedCausesNamedOnce() {
        IllegalStateException root = new IllegalStateException("while parsing\n  in broken.camel.yaml, line 2\n");
        Exception failure = new RuntimeException(root.getMessage(), root);
        assertThat(OrdersyncMain.describe(failure)).doesNotContain("\n")
                .isEqualTo("while parsing | in broken.camel.yaml, line 2");
    }
}
