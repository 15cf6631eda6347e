package io.ordersync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordersync.support.Json;
import io.ordersync.demo.sim.RecordedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The demo ({@code java -jar ordersync-runner.jar demo}) run in-process by the real main: it tells the order-to-cash
 * story through the WMS/TMS/AR simulators until the CRM shows the order paid, sends an order through every other
 * channel, and ends with a reconciliation run that finds and heals the mismatch it injected into the CRM.
 */
@CamelMainTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoOrderToCashIT extends PipelineTestSupport {

    private static final Path EDI_OUTBOX =
            RuntimeProperties.temporaryDirectory("ordersync.edi.outbox", "ordersync-demo-edi-outbox");

    static {
        RuntimeProperties.temporaryDirectory("ordersync.edi.inbox", "ordersync-demo-edi-inbox");
        RuntimeProperties.withoutAdminConsole();
        // the demo starts by itself, as "java -jar ordersync-runner.jar demo" does, with this runtime's API key
        RuntimeProperties.set("ordersync.demo.enabled", "true");
        RuntimeProperties.set("ordersync.demo.api-key", API_KEY);
    }

    @BeanInject
    protected CamelContext context;

    /** The demo is already running when a test starts: resetting the simulators would wipe what it sent. */
    @Override
    void resetSimulators() {
    }

    @Test
    void the_demo_drives_an_order_to_paid_in_the_crm_and_a_reconciliation_run_heals_the_mismatch_it_injected() {
        // the demo's last step: a crm-status run that found the story's order out of step in the CRM and healed it
        JsonNode finding = await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .until(this::healedCrmStatusFinding, Objects::nonNull);
        String crmId = finding.path("subject").asText().replace("CRM Order ", "");
        String orderId = finding.path("orderId").asText();

        assertThat(finding.path("expected").asText()).isEqualTo("PAID");
        assertThat(finding.path("actual").asText()).isEqualTo("SHIPPED");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(simulators.crm().order(crmId))
                .containsEntry("Payment_Status__c", "PAID").containsEntry("Integration_Status__c", "PAID")
                .containsEntry("Shipment_Status__c", "DELIVERED").containsEntry("Invoice_Status__c", "INVOICED"));
        JsonNode order = json(get("/api/v1/orders/" + orderId));
        List<String> timeline = new ArrayList<>();
        order.path("timeline").forEach(event -> timeline.add(event.path("type").asText()));
        assertThat(timeline).containsExactly("OrderReceived", "OrderAccepted", "OrderAllocated", "OrderBackordered",
                "OrderShipped", "OrderShipped", "OrderDelivered", "OrderDelivered", "OrderInvoiced",
                "PaymentReceived", "PaymentReceived");

        // an order from every other channel reached the ERP
        List<String> purchaseOrders = new ArrayList<>();
        for (RecordedRequest request : simulators.erpNa().receivedRequests()) {
            purchaseOrders.add(Json.read(request.body(), JsonNode.class).path("customerPurchaseOrder").asText());
        }
        assertThat(purchaseOrders).anyMatch(po -> po.startsWith("ACME-PO-")).anyMatch(po -> po.startsWith("PO-FILE-"))
                .anyMatch(po -> po.startsWith("PO-WEB-"));
        assertThat(context.getRoute("soap-orders")).as("the SOAP order service").isNotNull();
        assertThat(purchaseOrders).anyMatch(po -> po.startsWith("PO-SOAP-"));
        // and the EDI partner got its 997, then the 855, the 856 for the shipment and the 810 for the invoice
        assertThat(outboxFiles()).anyMatch(name -> name.startsWith("997-"));
        assertThat(outboxFile("855-ACME-PO-")).contains("ST*855*").containsPattern("BAK\\*00\\*A[CDT]\\*ACME-PO-");
        assertThat(outboxFile("856-SHP-")).contains("ST*856*").containsPattern("BSN\\*00\\*SHP-")
                .containsPattern("HL\\*1\\*\\*S").containsPattern("HL\\*2\\*1\\*O").containsPattern("\\*P[*~]")
                .containsPattern("\\*I[*~]").contains("1ZDEMO");
        assertThat(outboxFile("810-INV-")).contains("ST*810*").containsPattern("BIG\\*\\d{8}\\*INV-").contains("TDS*");
    }

    /** The text of the one outbox file of the EDI partner whose name starts with the prefix. */
    private static String outboxFile(String prefix) {
        List<String> names = outboxFiles().stream().filter(name -> name.startsWith(prefix)).toList();
        assertThat(names).as(prefix + " in " + outboxFiles()).hasSize(1);
        try {
            return Files.readString(EDI_OUTBOX.resolve("acme-hardware").resolve(names.get(0)),
                    java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A finding of a crm-status run that healed an order of the demo's story, or null while there is none. */
    private JsonNode healedCrmStatusFinding() {
        for (JsonNode run : json(get("/api/v1/reconciliation/runs?job=crm-status"))) {
            for (JsonNode finding : json(get("/api/v1/reconciliation/runs/" + run.path("runId").asText()))
                    .path("findings")) {
                if ("CRM_STATUS".equals(finding.path("kind").asText()) && finding.path("healed").asBoolean()
                        && finding.path("subject").asText().startsWith("CRM Order 801DEMO")) {
                    return finding;
                }
            }
        }
        return null;
    }

    private static List<String> outboxFiles() {
        try (Stream<Path> files = Files.list(EDI_OUTBOX.resolve("acme-hardware"))) {
            return files.map(file -> file.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
