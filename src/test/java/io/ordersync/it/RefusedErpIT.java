package io.ordersync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordersync.demo.sim.ErpNaRestSimulator;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * An ERP that refuses connections is unavailable, not a fault of the order: its orders wait (no dead letter, however
 * long it lasts) and are delivered once when it listens again; the other entity's orders go on meanwhile.
 */
@CamelMainTest
class RefusedErpIT extends PipelineTestSupport {

    private static final int REFUSED_PORT;

    static {
        RuntimeProperties.set("ordersync.legal-entities.file", "src/test/resources/legal-entities-refused-erp.yaml");
        RuntimeProperties.withoutAdminConsole();
        // a free port below the ephemeral range (32768 and up on Linux), so that no server of this JVM that binds
        // port 0 can be given it later: nothing listens there, connections are refused
        REFUSED_PORT = RunnerProcess.freePort();
        RuntimeProperties.set("test.refused-erp.url", "http://127.0.0.1:" + REFUSED_PORT);
    }


    @Test
    void an_erp_refusing_connections_holds_its_orders_until_it_listens_again() {
        String body = crmOrder("us01-two-lines.json", newCrmId()).replace("\"US01\"", "\"XR01\"");
        String orderId = json(submit(body)).path("orderId").asText();

        // more failed attempts than an order's whole retry budget (1 + 3 redeliveries in the tests)
        await().atMost(Duration.ofSeconds(30)).until(() -> erpCheck().path("data").path("erp.failedAttempts").asInt() >= 6);
        JsonNode check = erpCheck();
        assertThat(check.path("status").asText()).isEqualTo("UP");
        assertThat(check.path("message").asText()).contains("ERP of XR01 unavailable since");
        assertThat(check.path("data").path("erp.lastFailure").asText()).containsIgnoringCase("connect");
        assertThat(json(get("/api/v1/orders/" + orderId)).path("status").asText()).isEqualTo("RECEIVED");
        assertThat(json(get("/api/v1/dead-letters?orderId=" + orderId))).isEmpty();
        // the dashboard answers, names the ERP of XR01 as unreachable and nothing else
        Map<String, JsonNode> during = dashboardChecks();
        assertThat(during.get("erp-XR01").path("reachable").asBoolean(true)).as(during.toString()).isFalse();
        assertThat(during.get("erp-XR01").path("message").asText()).contains("unavailable since");
        assertThat(during).containsKeys("erp-US01", "database", "kafka");
        during.forEach((name, other) -> {
            if (!name.equals("erp-XR01")) {
                assertThat(other.path("reachable").asBoolean()).as("%s during XR01's outage: %s", name, other).isTrue();
            }
        });

        // US01 shares nothing with XR01's outage
        String us01 = json(submit(crmOrder("us01-two-lines.json", newCrmId()))).path("orderId").asText();
        awaitOrderStatus(us01, "ACCEPTED");
        assertThat(json(get("/api/v1/orders/" + orderId)).path("status").asText()).isEqualTo("RECEIVED");

        try (ErpNaRestSimulator erp = new ErpNaRestSimulator(REFUSED_PORT)) {
            erp.start();
            JsonNode order = awaitOrderStatus(orderId, "ACCEPTED");
            assertThat(erp.createdOrderCount(erpReferenceOf(orderId))).isEqualTo(1);
            assertThat(order.path("erpOrderNumber").asText()).isEqualTo(erp.createdOrders().get(erpReferenceOf(orderId)));
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    erpCheck().path("message").asText().equals("ERP of XR01 available"));
            Map<String, JsonNode> after = dashboardChecks();
            assertThat(after.values()).as(after.toString())
                    .allSatisfy(each -> assertThat(each.path("reachable").asBoolean()).isTrue());
        }
        assertThat(json(get("/api/v1/dead-letters?orderId=" + orderId))).isEmpty();
        assertThat(simulators.erpNa().createdOrderCount(erpReferenceOf(orderId))).isZero();
    }

    /** The dashboard's reachability checks by name; the dashboard must answer 200 whatever is unreachable. */
    private static Map<String, JsonNode> dashboardChecks() {
        java.net.http.HttpResponse<String> dashboard = get("/api/v1/dashboard");
        assertThat(dashboard.statusCode()).as(dashboard.body()).isEqualTo(200);
        Map<String, JsonNode> checks = new java.util.TreeMap<>();
        json(dashboard).path("reachability").path("checks").forEach(check -> checks.put(check.path("check").asText(),
                check));
        assertThat(checks).as(dashboard.body()).containsKey("erp-XR01");
        return checks;
    }

    private static JsonNode erpCheck() {
        java.net.http.HttpResponse<String> health = send(HttpRequest.newBuilder(URI.create(apiUrl("/observe/health?data=true")))
                .GET().build());
        for (JsonNode check : json(health).path("checks")) {
            if ("erp-XR01".equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no health check erp-XR01 in " + health.body());
    }
}
