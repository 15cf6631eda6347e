package io.ordersync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.OrderEvent;
import io.ordersync.order.OrderStatus;
import io.ordersync.order.OrderStore;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.camel.BeanInject;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/** SLA states through the API and the metric, from orders in the real timeline (H2). */
@CamelMainTest
class SlaTrackingIT extends PipelineTestSupport {

    static {
        RuntimeProperties.set("ordersync.sla-tracking.refresh-ms", "300");
        // the EDI partner ACMEHW has a tighter acknowledgement SLA than everyone else
        RuntimeProperties.set("ordersync.sla.partner.ACMEHW.order-to-acknowledgement", "PT1M,PT2M");
    }

    @BeanInject("orderStore")
    OrderStore orderStore;

    @Test
    void orders_are_met_in_warning_or_missed_per_sla_entity_and_partner() {
        String onTime = json(submit(crmOrder("us01-two-lines.json", newCrmId()))).path("orderId").asText();
        awaitOrderStatus(onTime, "ACCEPTED");
        String missed = storedWithoutOutcome("CRM", null, 20);
        String warning = storedWithoutOutcome("CRM", null, 10);
        String partnerMissed = storedWithoutOutcome("EDI", "ACMEHW", 3);

        JsonNode report = json(get("/api/v1/sla?legalEntity=US01"));

        assertThat(state(report, onTime, "order-to-acknowledgement")).isEqualTo("MET");
        assertThat(state(report, onTime, "order-to-shipment")).isEqualTo("OPEN");
        assertThat(breach(report, missed, "order-to-acknowledgement").path("state").asText()).isEqualTo("MISSED");
        assertThat(breach(report, warning, "order-to-acknowledgement").path("state").asText()).isEqualTo("WARNING");
        // 3 minutes is within the default warning threshold (5 minutes) but past the partner's own 2 minutes
        assertThat(breach(report, partnerMissed, "order-to-acknowledgement").path("state").asText()).isEqualTo("MISSED");
        JsonNode crmGroup = group(report, "order-to-acknowledgement", "CRM");
        assertThat(crmGroup.path("states").path("MISSED").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(crmGroup.path("states").path("WARNING").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(json(get("/api/v1/sla?partner=ACMEHW")).path("summary")).hasSize(1);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get("/observe/metrics").body())
                .containsPattern("ordersync_sla_orders\\{[^}]*partner=\"ACMEHW\"[^}]*sla=\"order-to-acknowledgement\""
                        + "[^}]*state=\"MISSED\"[^}]*\\} 1\\.0"));
    }

    /** An order stored some minutes ago that never got an ERP outcome (marked published, so nothing re-sends it). */
    private String storedWithoutOutcome(String system, String partner, int minutesAgo) {
        String orderId = "ord-" + UUID.randomUUID();
        String externalId = "EXT-" + UUID.randomUUID();
        CanonicalOrder mapped = io.ordersync.support.Json.read(("{'source': {'channel': '%s', 'system': '%s', %s 'externalId': '%s'},"
                + " 'customer': {'erpCustomerNumber': 'NA-20001'}, 'currency': 'USD',"
                + " 'lines': [{'lineNumber': 1, 'sku': 'SKU-100', 'quantity': 2, 'unitOfMeasure': 'EA', 'unitPrice': 5}]}")
                .formatted(system.equals("CRM") ? "REST" : system, system,
                        partner == null ? "" : "'partner': '" + partner + "',", externalId)
                .replace('\'', '"'), CanonicalOrder.class);
        CanonicalOrder stored = mapped.completed(orderId, "corr-" + orderId, Instant.now().minusSeconds(minutesAgo * 60L),
                "US01");
        OrderEvent received = new OrderEvent(OrderEvent.SCHEMA_VERSION, OrderEvent.eventId(orderId, OrderEvent.ORDER_RECEIVED),
                OrderEvent.ORDER_RECEIVED, orderId, stored.correlationId(), stored.receivedAt(), OrderStatus.RECEIVED,
                "US01", null, null, null, null);
        orderStore.transactions().executeWithoutResult(tx -> orderStore.insert(stored, OrderStatus.RECEIVED,
                system + ":" + externalId, null, received));
        orderStore.markOrderPublished(orderId);
        return orderId;
    }

    private static String state(JsonNode report, String orderId, String sla) {
        JsonNode breach = breachOrNull(report, orderId, sla);
        if (breach != null) {
            return breach.path("state").asText();
        }
        // not a breach: look it up through the order-level view of the same report
        JsonNode all = json(get("/api/v1/sla?legalEntity=US01&orderId=" + orderId));
        for (JsonNode o : all.path("orders")) {
            if (o.path("orderId").asText().equals(orderId) && o.path("sla").asText().equals(sla)) {
                return o.path("state").asText();
            }
        }
        return null;
    }

    private static JsonNode breach(JsonNode report, String orderId, String sla) {
        JsonNode breach = breachOrNull(report, orderId, sla);
        assertThat(breach).as("breach of " + sla + " by " + orderId + " in " + report.path("breaches")).isNotNull();
        return breach;
    }

    private static JsonNode breachOrNull(JsonNode report, String orderId, String sla) {
        for (JsonNode b : report.path("breaches")) {
            if (b.path("orderId").asText().equals(orderId) && b.path("sla").asText().equals(sla)) {
                return b;
            }
        }
        return null;
    }

    private static JsonNode group(JsonNode report, String sla, String partner) {
        for (JsonNode g : report.path("summary")) {
            if (g.path("sla").asText().equals(sla) && g.path("partner").asText().equals(partner)) {
                return g;
            }
        }
        throw new AssertionError("no group " + sla + "/" + partner + " in " + report.path("summary"));
    }
}
