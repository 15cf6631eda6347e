package io.ordersync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.OrderEvent;
import io.ordersync.order.OrderStatus;
import io.ordersync.order.OrderStore;
import io.ordersync.demo.sim.ErpEmeaSoapSimulator;
import io.ordersync.demo.sim.ErpOrder;
import io.ordersync.demo.sim.SimMode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reconciliation end to end: drift injected into the CRM or the ERP simulator, or an order left without ERP
 * outcome, is found by a run (on demand through the API, or fired by Quartz from its JDBC job store) and healed
 * where the policy allows. Runs and findings are read back through the API and the metrics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReconciliationScenarios extends PipelineTestSupport {

    static {
        RuntimeProperties.set("ordersync.reconcile.stuck-after", "PT1M");
        // fires every 2 seconds, so that a Quartz-triggered run can be seen in a test
        RuntimeProperties.set("ordersync.reconcile.held-events.cron", "0/2 * * * * ?");
        // the other jobs run only when a test asks, so that "the last run" of a job is the test's own
        for (String job : List.of("crm-status", "invoice-totals", "erp-status", "stuck-orders",
                "overdue-acknowledgements")) {
            RuntimeProperties.set("ordersync.reconcile." + job + ".cron", "0 0 0 1 1 ? 2099");
        }
        // a viewer, who may watch runs but not start them
        RuntimeProperties.set("ordersync.api.users", RuntimeProperties.get("ordersync.api.users")
                + ",watcher:watcher-secret");
        RuntimeProperties.set("ordersync.api.roles", RuntimeProperties.get("ordersync.api.roles") + ";watcher=viewer");
    }

    @BeanInject("orderStore")
    protected OrderStore orderStore;

    @BeanInject("dataSource")
    protected DataSource dataSource;

    @BeanInject("ediSentDocuments")
    protected io.ordersync.edi.SentDocuments sentDocuments;

    @Test
    void a_crm_status_that_drifted_is_found_and_healed_by_re_sending_the_latest_status() {
        String crmId = newCrmId();
        String orderId = json(submit(crmOrder("us01-two-lines.json", crmId))).path("orderId").asText();
        awaitOrderStatus(orderId, "ACCEPTED");
        awaitCrmField(crmId, "Integration_Status__c", "ACCEPTED");

        // drift: someone (or a lost update) put the CRM order back to RECEIVED
        patchCrm(crmId, "{\"Integration_Status__c\": \"RECEIVED\"}");
        JsonNode run = runNow("crm-status");

        assertThat(run.path("run").path("status").asText()).isEqualTo("COMPLETED");
        JsonNode finding = findingFor(run, orderId);
        assertThat(finding.path("kind").asText()).isEqualTo("CRM_STATUS");
        assertThat(finding.path("expected").asText()).isEqualTo("ACCEPTED");
        assertThat(finding.path("actual").asText()).isEqualTo("RECEIVED");
        assertThat(finding.path("healed").asBoolean()).isTrue();
        assertThat(run.path("run").path("healed").asInt()).isGreaterThanOrEqualTo(1);
        awaitCrmField(crmId, "Integration_Status__c", "ACCEPTED");

        // the next run finds the order in step
        assertThat(findingOrNull(runNow("crm-status"), orderId)).isNull();
        long runId = run.path("run").path("runId").asLong();
        assertThat(json(get("/api/v1/reconciliation/runs?job=crm-status")).findValuesAsText("runId"))
                .contains(String.valueOf(runId));
        assertThat(json(get("/api/v1/reconciliation/runs/" + runId)).path("findings").toString()).contains(orderId);
        assertThat(get("/observe/metrics").body())
                .containsPattern("ordersync_reconciliation_last_mismatches\\{job=\"crm-status\"[^}]*\\} 0\\.0");
    }

    @Test
    void invoice_totals_that_differ_in_the_crm_are_found_and_healed() {
        String crmId = newCrmId();
        String orderId = json(submit(crmOrder("us01-two-lines.json", crmId))).path("orderId").asText();
        String erpNumber = awaitOrderStatus(orderId, "ACCEPTED").path("erpOrderNumber").asText();
        String ref = "\"order\": {\"entity\": \"US01\", \"erpOrderNumber\": \"" + erpNumber + "\"}";
        post("/api/v1/status-events/wms", "{\"messageId\": \"W-" + UUID.randomUUID() + "\", \"messageType\": \"SHIPMENT\","
                + " \"timestamp\": \"" + Instant.now() + "\", " + ref + ", \"shipment\": {\"shipmentNo\": \"S-" + orderId
                + "\", \"cartons\": [{\"contents\": [{\"line\": 1, \"qty\": 5}, {\"line\": 2, \"qty\": \"2.5\"}]}]}}", AUTH);
        post("/api/v1/status-events/ar", "{\"documentId\": \"A-" + UUID.randomUUID() + "\", \"documentType\": \"INVOICE\","
                + " \"postedAt\": \"" + Instant.now().plusSeconds(1) + "\", " + ref + ", \"invoice\": {\"number\": \"I-"
                + orderId + "\", \"currency\": \"USD\", \"total\": \"63.45\"}}", AUTH);
        awaitOrderStatus(orderId, "INVOICED");
        awaitCrmField(crmId, "Invoice_Status__c", "INVOICED");

        patchCrm(crmId, "{\"Amount_Invoiced__c\": 50.00}");
        JsonNode finding = findingFor(runNow("invoice-totals"), orderId);

        assertThat(finding.path("expected").asText()).isEqualTo("invoiced 63.45, paid 0");
        assertThat(finding.path("actual").asText()).isEqualTo("invoiced 50, paid 0");
        assertThat(finding.path("healed").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(new java.math.BigDecimal(
                String.valueOf(simulators.crm().order(crmId).get("Amount_Invoiced__c")))).isEqualByComparingTo("63.45"));
    }

    @Test
    void a_run_is_recorded_with_start_end_and_counts_that_agree_with_its_findings_and_the_metrics() {
        String crmId = newCrmId();
        String orderId = json(submit(crmOrder("us01-two-lines.json", crmId))).path("orderId").asText();
        awaitOrderStatus(orderId, "ACCEPTED");
        awaitCrmField(crmId, "Integration_Status__c", "ACCEPTED");
        patchCrm(crmId, "{\"Integration_Status__c\": \"RECEIVED\"}");
        // the database keeps microseconds
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        JsonNode answer = runNow("crm-status");

        Instant after = Instant.now();
        JsonNode run = answer.path("run");
        long runId = run.path("runId").asLong();
        assertThat(run.path("job").asText()).isEqualTo("crm-status");
        assertThat(run.path("triggerSource").asText()).isEqualTo("api");
        assertThat(run.path("status").asText()).isEqualTo("COMPLETED");
        Instant startedAt = Instant.parse(run.path("startedAt").asText());
        Instant finishedAt = Instant.parse(run.path("finishedAt").asText());
        assertThat(startedAt).isBetween(before, finishedAt);
        assertThat(finishedAt).isBefore(after);
        JsonNode findings = answer.path("findings");
        int healed = 0;
        for (JsonNode finding : findings) {
            healed += finding.path("healed").asBoolean() ? 1 : 0;
        }
        assertThat(findingFor(answer, orderId).path("healed").asBoolean()).isTrue();
        assertThat(run.path("mismatches").asInt()).isEqualTo(findings.size());
        assertThat(run.path("healed").asInt()).isEqualTo(healed).isPositive();
        assertThat(run.path("checked").asInt()).isGreaterThanOrEqualTo(findings.size());
        assertThat(run.path("errorMessage").isNull()).isTrue();

        // the same run through the API
        assertThat(json(get("/api/v1/reconciliation/runs/" + runId)).path("run")).isEqualTo(run);
        JsonNode listed = null;
        for (JsonNode r : json(get("/api/v1/reconciliation/runs?job=crm-status"))) {
            listed = r.path("runId").asLong() == runId ? r : listed;
        }
        assertThat(listed).isEqualTo(run);
        // and in the metrics of the job's last run
        String metrics = get("/observe/metrics").body();
        assertThat(metric(metrics, "ordersync_reconciliation_last_checked", "crm-status"))
                .isEqualTo(run.path("checked").asDouble());
        assertThat(metric(metrics, "ordersync_reconciliation_last_mismatches", "crm-status"))
                .isEqualTo(run.path("mismatches").asDouble());
        assertThat(metric(metrics, "ordersync_reconciliation_last_healed", "crm-status"))
                .isEqualTo(run.path("healed").asDouble());
        assertThat(metric(metrics, "ordersync_reconciliation_last_failed", "crm-status")).isZero();
    }

    @Test
    void a_run_that_cannot_ask_an_erp_is_recorded_as_failed_and_the_failed_gauge_shows_it() {
        String orderId = json(submit(crmOrder("us01-two-lines.json", newCrmId()))).path("orderId").asText();
        String erpNumber = awaitOrderStatus(orderId, "ACCEPTED").path("erpOrderNumber").asText();
        simulators.erpNa().behaviour(SimMode.UNAVAILABLE);

        JsonNode failed = runNow("erp-status").path("run");

        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("errorMessage").asText()).contains("the ERP of US01 could not be asked about NA-")
                .contains("HTTP 503");
        assertThat(Instant.parse(failed.path("finishedAt").asText()))
                .isAfterOrEqualTo(Instant.parse(failed.path("startedAt").asText()));
        assertThat(json(get("/api/v1/reconciliation/runs/" + failed.path("runId").asLong())).path("run"))
                .isEqualTo(failed);
        assertThat(metric(get("/observe/metrics").body(), "ordersync_reconciliation_last_failed", "erp-status"))
                .isEqualTo(1.0);

        // once the ERP answers again, the next run completes and the gauge goes back to 0
        simulators.erpNa().behaviour(SimMode.ACCEPT);
        JsonNode completed = runNow("erp-status");
        assertThat(completed.path("run").path("status").asText()).isEqualTo("COMPLETED");
        assertThat(metric(get("/observe/metrics").body(), "ordersync_reconciliation_last_failed", "erp-status"))
                .isZero();
        assertThat(simulators.erpNa().findOrder(erpNumber)).isPresent();
    }

    @Test
    void the_erp_status_job_compares_the_erps_own_status_for_rest_and_soap_erps_alike() {
        String naCancelled = json(submit(crmOrder("us01-two-lines.json", newCrmId()))).path("orderId").asText();
        String emeaCancelled = json(submit(crmOrder("de01-by-customer-rule.json", newCrmId()))).path("orderId").asText();
        String naPartial = json(submit(crmOrder("us01-unknown-sku.json", newCrmId()))).path("orderId").asText();
        String emeaInStep = json(submit(crmOrder("de01-by-customer-rule.json", newCrmId()))).path("orderId").asText();
        String naNumber = awaitOrderStatus(naCancelled, "ACCEPTED").path("erpOrderNumber").asText();
        String emeaNumber = awaitOrderStatus(emeaCancelled, "ACCEPTED").path("erpOrderNumber").asText();
        awaitOrderStatus(naPartial, "PARTIALLY_ACCEPTED");
        awaitOrderStatus(emeaInStep, "ACCEPTED");
        // people working in the ERPs cancel two of them
        assertThat(simulators.erpNa().setOrderStatus(naNumber, ErpOrder.CANCELLED)).isTrue();
        assertThat(simulators.erpEmea().setOrderStatus(emeaNumber, ErpOrder.CANCELLED)).isTrue();

        JsonNode run = runNow("erp-status");

        assertThat(run.path("run").path("status").asText()).isEqualTo("COMPLETED");
        assertThat(run.path("run").path("checked").asInt()).isGreaterThanOrEqualTo(4);
        for (String[] cancelled : new String[][] {{naCancelled, naNumber, "US01"}, {emeaCancelled, emeaNumber, "DE01"}}) {
            JsonNode finding = findingFor(run, cancelled[0]);
            assertThat(finding.path("kind").asText()).isEqualTo("ERP_STATUS");
            assertThat(finding.path("subject").asText()).isEqualTo("ERP order " + cancelled[1] + " (" + cancelled[2] + ")");
            assertThat(finding.path("expected").asText()).isEqualTo("ACCEPTED");
            assertThat(finding.path("actual").asText()).isEqualTo("CANCELLED");
            assertThat(finding.path("healed").asBoolean()).isFalse();
        }
        assertThat(findingOrNull(run, naPartial)).as("the ERP says PARTIAL, as ordersync booked it").isNull();
        assertThat(findingOrNull(run, emeaInStep)).isNull();
        // the EMEA ERP was asked over SOAP, and nothing was re-created anywhere
        assertThat(simulators.erpEmea().receivedRequests()).anySatisfy(request -> {
            assertThat(request.header("SOAPAction")).isEqualTo("\"" + ErpEmeaSoapSimulator.GET_SOAP_ACTION + "\"");
            assertThat(request.body()).contains(emeaNumber);
        });
        assertThat(simulators.erpNa().createdOrderCount(erpReferenceOf(naCancelled))).isEqualTo(1);
        assertThat(simulators.erpEmea().createdOrderCount(erpReferenceOf(emeaCancelled))).isEqualTo(1);
    }

    @Test
    void an_order_the_erp_no_longer_knows_is_reported_and_not_re_created() {
        String orderId = json(submit(crmOrder("us01-two-lines.json", newCrmId()))).path("orderId").asText();
        awaitOrderStatus(orderId, "ACCEPTED");
        simulators.erpNa().reset();

        JsonNode finding = findingFor(runNow("erp-status"), orderId);

        assertThat(finding.path("kind").asText()).isEqualTo("ERP_STATUS");
        assertThat(finding.path("actual").asText()).isEqualTo("(not found)");
        assertThat(finding.path("healed").asBoolean()).isFalse();
        assertThat(simulators.erpNa().createdOrderCount(erpReferenceOf(orderId))).isZero();
    }

    @Test
    void an_order_without_erp_outcome_past_the_sla_is_found_and_re_published() {
        String orderId = "ord-" + UUID.randomUUID();
        String crmId = newCrmId();
        CanonicalOrder mapped = io.ordersync.support.Json.read(("{'source': {'channel': 'REST', 'system': 'CRM', 'externalId': '%s'},"
                + " 'customer': {'crmAccountId': '001T00000000NA01', 'erpCustomerNumber': 'NA-20001'}, 'currency': 'USD',"
                + " 'lines': [{'lineNumber': 1, 'sku': 'SKU-100', 'quantity': 2, 'unitOfMeasure': 'EA', 'unitPrice': 5}]}")
                .formatted(crmId).replace('\'', '"'), CanonicalOrder.class);
        // stored 20 minutes ago and marked published: the hand-off looked fine, but no ERP outcome ever came
        CanonicalOrder stored = mapped.completed(orderId, "corr-stuck-1", Instant.now().minusSeconds(1200), "US01");
        OrderEvent received = new OrderEvent(OrderEvent.SCHEMA_VERSION, OrderEvent.eventId(orderId, OrderEvent.ORDER_RECEIVED),
                OrderEvent.ORDER_RECEIVED, orderId, "corr-stuck-1", stored.receivedAt(), OrderStatus.RECEIVED, "US01",
                crmId, null, null, null);
        orderStore.transactions().executeWithoutResult(tx ->
                orderStore.insert(stored, OrderStatus.RECEIVED, "CRM:" + crmId, null, received));
        orderStore.markOrderPublished(orderId);

        JsonNode finding = findingFor(runNow("stuck-orders"), orderId);

        assertThat(finding.path("kind").asText()).isEqualTo("NO_ERP_ACKNOWLEDGEMENT");
        assertThat(finding.path("healed").asBoolean()).isTrue();
        awaitOrderStatus(orderId, "ACCEPTED");
        assertThat(simulators.erpNa().createdOrderCount(erpReferenceOf(orderId))).isEqualTo(1);
    }

    @Test
    void a_partner_acknowledgement_overdue_is_reported() {
        String fileName = "acme-hardware/856-" + UUID.randomUUID() + ".edi";
        sentDocuments.record("acme-hardware", "X12", "000000777", "777", List.of("0001"), "856", fileName,
                null, Instant.now().minusSeconds(7200), Instant.now().minusSeconds(3600));

        JsonNode run = runNow("overdue-acknowledgements");

        JsonNode finding = null;
        for (JsonNode f : run.path("findings")) {
            if (f.path("message").asText().contains(fileName)) {
                finding = f;
            }
        }
        assertThat(finding).as(run.toString()).isNotNull();
        assertThat(finding.path("kind").asText()).isEqualTo("ACKNOWLEDGEMENT_OVERDUE");
        assertThat(finding.path("subject").asText()).isEqualTo("acme-hardware 856 000000777/777/0001");
        assertThat(finding.path("healed").asBoolean()).isFalse();
    }

    @Test
    void quartz_fires_scheduled_runs_from_its_jdbc_job_store_and_an_unknown_job_is_refused() {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                json(get("/api/v1/reconciliation/runs?job=held-events")).findValuesAsText("triggerSource").contains("schedule"));
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM QRTZ_SCHEDULER_STATE WHERE SCHED_NAME = 'ordersync'",
                Integer.class)).as("clustered scheduler checked in").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM QRTZ_CRON_TRIGGERS", Integer.class)).isEqualTo(6);

        HttpResponse<String> unknown = send(HttpRequest.newBuilder(URI.create(apiUrl("/api/v1/reconciliation/jobs/everything/run")))
                .header("Authorization", basic()).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("INVALID_PARAMETER", "job must be one of crm-status", "not 'everything'");
    }

    @Test
    void a_run_started_without_waiting_shows_its_progress_while_it_runs_then_its_findings() {
        // orders for crm-status to go through, one of them drifted in the CRM; the CRM then answers slowly, so that
        // the run takes seconds and its progress can be watched
        List<String> crmIds = new java.util.ArrayList<>();
        List<String> orderIds = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String crmId = newCrmId();
            crmIds.add(crmId);
            orderIds.add(json(submit(crmOrder("us01-two-lines.json", crmId))).path("orderId").asText());
        }
        orderIds.forEach(orderId -> awaitOrderStatus(orderId, "ACCEPTED"));
        crmIds.forEach(crmId -> awaitCrmField(crmId, "Integration_Status__c", "ACCEPTED"));
        patchCrm(crmIds.get(0), "{\"Integration_Status__c\": \"RECEIVED\"}");
        simulators.crm().setBehaviour(io.ordersync.demo.sim.SimBehaviour.slow(300));
        long runId;
        try {
            HttpResponse<String> started = startRun("crm-status", basic());

            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            JsonNode accepted = json(started).path("run");
            runId = accepted.path("runId").asLong();
            assertThat(started.headers().firstValue("Location")).hasValue("/api/v1/reconciliation/runs/" + runId);
            assertThat(accepted.path("status").asText()).isEqualTo("RUNNING");
            assertThat(accepted.path("triggerSource").asText()).isEqualTo("api");

            // a second start while it runs, either way, is refused naming the run going on
            for (String path : List.of("/runs", "/run")) {
                HttpResponse<String> again = send(HttpRequest.newBuilder(URI.create(apiUrl(
                                "/api/v1/reconciliation/jobs/crm-status" + path))).timeout(Duration.ofSeconds(60))
                        .header("Authorization", basic()).POST(HttpRequest.BodyPublishers.noBody()).build());
                assertThat(again.statusCode()).as(path + ": " + again.body()).isEqualTo(409);
                assertThat(json(again).path("error").asText()).isEqualTo("RUN_IN_PROGRESS");
                assertThat(json(again).path("runId").asLong()).isEqualTo(runId);
            }
            // a viewer may watch it, not start one
            HttpResponse<String> byViewer = startRun("invoice-totals", viewer());
            assertThat(byViewer.statusCode()).as(byViewer.body()).isEqualTo(403);
            assertThat(json(byViewer).path("requiredRole").asText()).isEqualTo("operator");
            assertThat(runAs(runId, viewer()).path("run").path("runId").asLong()).isEqualTo(runId);

            // while it runs: the items to check are known and the count of those checked goes up
            JsonNode early = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> runAs(runId, basic()).path("run"), run -> "RUNNING".equals(run.path("status").asText())
                            && run.path("toCheck").asInt() >= crmIds.size() && run.path("checked").asInt() >= 1);
            assertThat(early.path("checked").asInt()).isLessThan(early.path("toCheck").asInt());
            assertThat(early.path("progressAt").isTextual()).isTrue();
            JsonNode later = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> runAs(runId, basic()).path("run"), run -> !"RUNNING".equals(run.path("status").asText())
                            || run.path("checked").asInt() > early.path("checked").asInt());
            assertThat(later.path("status").asText()).as("progress seen moving while RUNNING: %s", later)
                    .isEqualTo("RUNNING");
            assertThat(later.path("checked").asInt()).isGreaterThan(early.path("checked").asInt());
            // the dashboard lists it as RUNNING too
            assertThat(json(get("/api/v1/dashboard")).path("reconciliation").findValuesAsText("status"))
                    .contains("RUNNING");
        } finally {
            simulators.crm().behaviour(io.ordersync.demo.sim.SimMode.ACCEPT);
        }

        // then the finished run with its findings
        JsonNode finished = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> runAs(runId, basic()), view -> !"RUNNING".equals(view.path("run").path("status").asText()));
        assertThat(finished.path("run").path("status").asText()).as(finished.toString()).isEqualTo("COMPLETED");
        assertThat(finished.path("run").path("checked").asInt()).isEqualTo(finished.path("run").path("toCheck").asInt());
        assertThat(findingFor(finished, orderIds.get(0)).path("kind").asText()).isEqualTo("CRM_STATUS");
        assertThat(finished.path("run").path("mismatches").asInt()).isEqualTo(finished.path("findings").size());
        // the operator's start is audited
        assertThat(get("/api/v1/audit?action=RUN_JOB&target=reconciliation-job:crm-status").body())
                .contains("\"run " + runId + ":");
        // and the job can run again
        assertThat(runNow("crm-status").path("run").path("runId").asLong()).isGreaterThan(runId);
    }

    // ---- helpers

    private static HttpResponse<String> startRun(String job, String authorization) {
        return send(HttpRequest.newBuilder(URI.create(apiUrl("/api/v1/reconciliation/jobs/" + job + "/runs")))
                .timeout(Duration.ofSeconds(10)).header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static JsonNode runAs(long runId, String authorization) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(apiUrl(
                "/api/v1/reconciliation/runs/" + runId))).header("Authorization", authorization).GET().build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static String viewer() {
        return "Basic " + Base64.getEncoder().encodeToString("watcher:watcher-secret".getBytes(StandardCharsets.UTF_8));
    }

    private static final Map<String, String> AUTH = Map.of("X-API-Key", API_KEY, "Content-Type", "application/json");

    private static JsonNode runNow(String job) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(apiUrl("/api/v1/reconciliation/jobs/" + job
                + "/run"))).timeout(Duration.ofSeconds(60)).header("Authorization", basic())
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static JsonNode findingFor(JsonNode run, String orderId) {
        JsonNode finding = findingOrNull(run, orderId);
        assertThat(finding).as("finding for " + orderId + " in " + run).isNotNull();
        return finding;
    }

    private static JsonNode findingOrNull(JsonNode run, String orderId) {
        for (JsonNode finding : run.path("findings")) {
            if (orderId.equals(finding.path("orderId").asText())) {
                return finding;
            }
        }
        return null;
    }

    /** The value of a gauge of /observe/metrics for the job. */
    private static double metric(String metrics, String name, String job) {
        Matcher value = Pattern.compile("(?m)^" + name + "\\{[^}]*job=\"" + Pattern.quote(job) + "\"[^}]*\\} (\\S+)$")
                .matcher(metrics);
        assertThat(value.find()).as(name + " for " + job + " in " + metrics).isTrue();
        return Double.parseDouble(value.group(1));
    }

    private void patchCrm(String crmId, String body) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(simulators.crm().baseUrl()
                        + "/services/data/v60.0/sobjects/Order/" + crmId)).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(response.statusCode()).isEqualTo(204);
    }

    private void awaitCrmField(String crmId, String field, String value) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Map<String, Object> fields = simulators.crm().order(crmId);
            return fields != null && value.equals(fields.get(field));
        });
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString("support:support-secret".getBytes(StandardCharsets.UTF_8));
    }
}
