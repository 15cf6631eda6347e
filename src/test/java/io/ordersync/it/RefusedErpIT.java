package io.ordersync.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/** An ERP that refuses connections is a technical failure: retried with backoff, then a dead letter. */
@CamelMainTest
class RefusedErpIT extends PipelineTestSupport {

    static {
        System.setProperty("ordersync.legal-entities.file", "src/test/resources/legal-entities-refused-erp.yaml");
        System.setProperty("ordersync.admin.enabled", "false");
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            // a port that was free a moment ago: nothing listens there, so connections are refused
            System.setProperty("test.refused-erp.url", "http://127.0.0.1:" + probe.getLocalPort());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void an_erp_refusing_connections_is_retried_then_dead_lettered() {
        String body = crmOrder("us01-two-lines.json", newCrmId()).replace("\"US01\"", "\"XR01\"");
        String orderId = json(submit(body)).path("orderId").asText();

        awaitOrderStatus(orderId, "FAILED");
        JsonNode letter = json(get("/api/v1/dead-letters?orderId=" + orderId)).get(0);
        assertThat(letter.path("routeId").asText()).isEqualTo("erp-deliver");
        assertThat(letter.path("attempts").asInt()).isEqualTo(4);
        assertThat(letter.path("exceptionType").asText() + " " + letter.path("exceptionMessage").asText())
                .containsIgnoringCase("connect");
        assertThat(simulators.erpNa().receivedRequests()).isEmpty();
    }
}
