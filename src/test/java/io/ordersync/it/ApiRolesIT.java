package io.ordersync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * Roles against the real runtime: every key of one role against every operation of the contract (read from
 * openapi/ordersync-api.yaml, so a new operation is covered at once) and the SOAP service; partners bound to their own
 * EDI identity; status sources to their own source; dead-letter payloads for operators only; API keys in the query
 * string refused and never kept.
 */
@CamelMainTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiRolesIT extends PipelineTestSupport {

    /** A key of its own for every role; the query-string scenario uses {@link #LEAKY_KEY}. */
    private static final Map<String, String> KEYS = new LinkedHashMap<>();
    private static final String LEAKY_KEY = "k-leaky-7f3c9a1e5b";
    private static final String ADMIN_USER = "roles-admin";
    private static final String ADMIN_PASSWORD = "roles-admin-pw-4d1f";

    static {
        KEYS.put("orders", "k-orders");
        KEYS.put("soap", "k-soap");
        KEYS.put("quotes", "k-quotes");
        KEYS.put("acme", "k-acme");
        KEYS.put("rheinland", "k-rheinland");
        KEYS.put("wms", "k-wms");
        KEYS.put("viewer", "k-viewer");
        KEYS.put("operator", "k-operator");
        StringBuilder keys = new StringBuilder("crm:" + API_KEY + ",leaky:" + LEAKY_KEY);
        KEYS.forEach((caller, key) -> keys.append(',').append(caller).append(':').append(key));
        RuntimeProperties.set("ordersync.api.keys", keys.toString());
        RuntimeProperties.useTestRoles("acme-hardware", "rheinland-technik");
        RuntimeProperties.set("ordersync.api.roles", RuntimeProperties.get("ordersync.api.roles")
                + ";orders=submitter:orders;soap=submitter:soap;quotes=submitter:quotes;acme=partner:acme-hardware"
                + ";rheinland=partner:rheinland-technik;wms=status-source:wms;viewer=viewer;operator=operator"
                + ";leaky=submitter:orders");
        // the admin console runs: no API credential of any role may open it
        RuntimeProperties.set("ordersync.admin.enabled", "true");
        RuntimeProperties.set("ordersync.admin.users", ADMIN_USER + ":" + ADMIN_PASSWORD);
    }

    @org.apache.camel.BeanInject("adminConsole")
    io.ordersync.ops.AdminConsole adminConsole;

    @org.junit.jupiter.api.AfterAll
    void forgetAdminUsers() {
        RuntimeProperties.clear("ordersync.admin.users");
    }

    private static final Set<String> VIEWS = Set.of("getOrder", "listOrderExceptions", "listReconciliationRuns",
            "getReconciliationRun", "getSlaReport", "listEdiInterchanges", "listEdiSentDocuments",
            "listEdiAcknowledgements", "listDeadLetters", "getDeadLetter", "search", "getDeadLetterReplayBatch",
            "listOperatorActions", "getDashboard", "listEdiPartners", "listOrderMessages");

    /** What each key may call (written out here, apart from the runtime's own rules); everything else is 403. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "k-orders", Set.of("submitOrder", "getOrder", "getApiContract"),
            "k-soap", Set.of("/soap/orders", "getApiContract"),
            "k-quotes", Set.of("validateQuote", "getApiContract"),
            "k-acme", Set.of("receiveEdi", "getApiContract"),
            "k-rheinland", Set.of("receiveEdi", "getApiContract"),
            "k-wms", Set.of("receiveStatusEvent", "getApiContract"),
            "k-viewer", union(VIEWS, Set.of("getApiContract")),
            "k-operator", union(VIEWS, Set.of("runReconciliation", "startReconciliationRun", "replayDeadLetter",
                    "getDeadLetterPayload", "replayEditedDeadLetter", "discardDeadLetter", "replayDeadLetters",
                    "getApiContract")));

    private static final java.util.concurrent.atomic.AtomicInteger CONTROL =
            new java.util.concurrent.atomic.AtomicInteger(880_000);

    /** One operation of the contract: method, path (parameters filled in), operationId. */
    private record Operation(String method, String path, String operationId) {}

    @Test
    void every_role_against_every_operation_of_the_contract_and_the_soap_service() throws IOException {
        List<Operation> operations = contractOperations();
        assertThat(operations).hasSizeGreaterThanOrEqualTo(16);
        operations.add(new Operation("POST", "/soap/orders", "/soap/orders"));
        // the matrix is complete: every operation is given to some role here (an operation without a rule in the
        // runtime is refused to everybody, and so fails below), and every operation named here exists
        Set<String> operationIds = operations.stream().map(Operation::operationId).collect(Collectors.toSet());
        Set<String> given = ALLOWED.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        assertThat(given).as("operations some role may call").containsExactlyInAnyOrderElementsOf(operationIds);
        List<String> wrong = new ArrayList<>();
        int tried = 0;
        for (String key : KEYS.values()) {
            for (Operation operation : operations) {
                HttpResponse<String> answer = call(operation, key);
                tried++;
                boolean allowed = ALLOWED.get(key).contains(operation.operationId());
                if (allowed && (answer.statusCode() == 401 || answer.statusCode() == 403)) {
                    wrong.add(key + " " + operation + " should pass the role check: " + answer.statusCode() + " "
                            + answer.body());
                } else if (!allowed && !forbidden(operation, answer)) {
                    wrong.add(key + " " + operation + " should be 403 FORBIDDEN: " + answer.statusCode() + " "
                            + answer.body());
                }
            }
        }
        assertThat(wrong).as("%d calls tried", tried).isEmpty();

        // without credentials: 401 as ever, for every operation
        for (Operation operation : operations) {
            assertThat(call(operation, null).statusCode()).as(operation.toString()).isEqualTo(401);
        }
    }

    /** The contract is served as the runtime has it: the file its routes are built from, byte for byte. */
    @Test
    void any_caller_with_a_role_reads_the_contract_the_runtime_enforces() throws IOException {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(apiUrl("/api/v1/openapi.yaml")))
                .header("X-API-Key", KEYS.get("wms")).GET().build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/yaml"));
        assertThat(answer.headers().firstValue("X-Correlation-Id")).isPresent();
        assertThat(answer.body()).isEqualTo(Files.readString(Path.of("src/main/resources/openapi/ordersync-api.yaml"),
                StandardCharsets.UTF_8));
        com.fasterxml.jackson.databind.JsonNode contract = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(answer.body());
        assertThat(contract.path("paths").path("/api/v1/openapi.yaml").path("get").path("operationId").asText())
                .isEqualTo("getApiContract");
    }

    @Test
    void methods_the_contract_does_not_declare_are_refused_for_every_path_and_role() throws IOException {
        Map<String, Set<String>> declared = new LinkedHashMap<>();
        for (Operation operation : contractOperations()) {
            declared.computeIfAbsent(operation.path(), p -> new TreeSet<>()).add(operation.method());
        }
        List<String> wrong = new ArrayList<>();
        int tried = 0;
        for (Map.Entry<String, Set<String>> path : declared.entrySet()) {
            for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
                if (path.getValue().contains(method)) {
                    continue;
                }
                // the method is refused before any role is looked at: a submitter's and an operator's key suffice
                for (String key : List.of(KEYS.get("orders"), KEYS.get("operator"))) {
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiUrl(path.getKey())))
                            .timeout(Duration.ofSeconds(30)).header("X-API-Key", key)
                            .header("Content-Type", "application/json");
                    request.method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString("{}"));
                    HttpResponse<String> answer = send(request.build());
                    tried++;
                    if (answer.statusCode() != 404 && answer.statusCode() != 405) {
                        wrong.add(key + " " + method + " " + path.getKey() + ": " + answer.statusCode() + " "
                                + answer.body());
                    }
                }
            }
        }
        assertThat(tried).isGreaterThan(0);
        assertThat(wrong).as("%d calls of undeclared methods", tried).isEmpty();
    }

    /**
     * The console's server may close a connection after refusing a request whose body it did not read; a pooled
     * connection it closed would fail the next request with an EOF, which says nothing about who may get in.
     */
    private static HttpResponse<String> sendOnNewConnection(HttpRequest request) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void no_api_credential_of_any_role_opens_the_admin_console() {
        String base = adminConsole.url().replaceFirst("/hawtio/?$", "");
        Map<String, String> credentials = new LinkedHashMap<>();
        KEYS.forEach((caller, key) -> credentials.put("X-API-Key of " + caller, key));
        List<String> wrong = new ArrayList<>();
        // Jolokia reads and invokes every MBean; Hawtio's login opens a session for it
        List<HttpRequest.Builder> operations = List.of(
                HttpRequest.newBuilder(URI.create(base + "/hawtio/jolokia/version")).GET(),
                HttpRequest.newBuilder(URI.create(base + "/hawtio/jolokia/read/java.lang:type=Runtime")).GET(),
                HttpRequest.newBuilder(URI.create(base + "/hawtio/jolokia/list")).GET(),
                HttpRequest.newBuilder(URI.create(base + "/hawtio/jolokia/")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"exec\",\"mbean\":"
                                + "\"java.lang:type=Memory\",\"operation\":\"gc\"}")));
        for (HttpRequest.Builder operation : operations) {
            for (Map.Entry<String, String> credential : credentials.entrySet()) {
                HttpResponse<String> answer = sendOnNewConnection(operation.copy()
                        .header("X-API-Key", credential.getValue()).timeout(Duration.ofSeconds(30)).build());
                if (answer.statusCode() != 401 && answer.statusCode() != 403) {
                    wrong.add(credential.getKey() + " " + operation.build().method() + " " + operation.build().uri()
                            + ": " + answer.statusCode());
                }
            }
            // the API's Basic users (support is an operator) are not admin users either
            HttpResponse<String> basic = sendOnNewConnection(operation.copy().header("Authorization", "Basic "
                    + java.util.Base64.getEncoder().encodeToString("support:support-secret".getBytes(
                            StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(30)).build());
            if (basic.statusCode() != 401 && basic.statusCode() != 403) {
                wrong.add("Basic support " + operation.build().uri() + ": " + basic.statusCode());
            }
        }
        HttpResponse<String> apiUserLogin = send(HttpRequest.newBuilder(URI.create(base + "/hawtio/auth/login"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"support\",\"password\":"
                        + "\"support-secret\"}")).build());
        if (apiUserLogin.statusCode() == 200) {
            wrong.add("the API user support logged in to Hawtio");
        }
        assertThat(wrong).isEmpty();

        // the admin user does open it (the refusals above are about the credentials, not a console that is down)
        HttpResponse<String> admin = send(HttpRequest.newBuilder(URI.create(base + "/hawtio/jolokia/version"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (ADMIN_USER + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(30)).GET().build());
        assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
    }

    @Test
    void a_partner_cannot_send_an_interchange_as_another_partner_and_nothing_is_created() {
        int control = CONTROL.incrementAndGet();
        String po = "PO-IMPOSTOR-" + control;
        HttpResponse<String> impostor = postEdiAs("k-rheinland", acme850(control, po));

        assertThat(impostor.statusCode()).as(impostor.body()).isEqualTo(403);
        JsonNode answer = json(impostor);
        assertThat(answer.path("error").asText()).isEqualTo("FORBIDDEN");
        assertThat(answer.path("requiredRole").asText()).isEqualTo("partner:acme-hardware");
        assertThat(answer.path("message").asText()).contains("caller rheinland may only send as rheinland-technik");
        // nothing created: no interchange recorded, no order, nothing to the ERP; the file is kept as a dead letter
        assertThat(get("/api/v1/edi/interchanges?partner=acme-hardware").body()).doesNotContain(
                String.format("%09d", control));
        assertThat(erpRequestsFor(po)).isZero();
        JsonNode kept = findDeadLetter("status=INVALID", po);
        assertThat(kept.path("exceptionMessage").asText()).contains("sent as partner acme-hardware");

        // the real partner sends the same interchange: accepted, one order at the ERP
        HttpResponse<String> own = postEdiAs("k-acme", acme850(control, po));
        assertThat(own.statusCode()).as(own.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> erpRequestsFor(po) == 1);
    }

    @Test
    void a_status_source_cannot_post_as_another_source() {
        HttpResponse<String> asTms = send(HttpRequest.newBuilder(URI.create(apiUrl("/api/v1/status-events/tms")))
                .header("Content-Type", "application/json").header("X-API-Key", "k-wms")
                .POST(HttpRequest.BodyPublishers.ofString("{\"shipmentId\": \"S-1\"}")).build());

        assertThat(asTms.statusCode()).as(asTms.body()).isEqualTo(403);
        assertThat(json(asTms).path("requiredRole").asText()).isEqualTo("status-source:tms");
        assertThat(json(asTms).path("message").asText()).contains("caller wms");
    }

    @Test
    void lists_carry_no_payload_a_viewer_reads_dead_letters_without_payloads_and_only_an_operator_reads_them() {
        String marker = "PII-" + CONTROL.incrementAndGet();
        // an invalid order, kept as an INVALID dead letter with its raw body
        HttpResponse<String> invalid = submit("{\"Id\": \"" + marker + "\", \"broken\": true}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        JsonNode kept = findDeadLetter("status=INVALID", marker);
        String id = kept.path("id").asText();

        // lists: metadata only (size, digest, what was kept), for every role
        for (String key : List.of("k-viewer", "k-operator")) {
            HttpResponse<String> list = getAs(key, "/api/v1/dead-letters?status=INVALID&limit=500");
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.body()).doesNotContain(marker);
            assertThat(json(list)).allSatisfy(letter -> assertThat(letter.has("payload") || letter.has("payloadPreview")
                    || letter.has("headers")).isFalse());
            JsonNode listed = java.util.stream.StreamSupport.stream(json(list).spliterator(), false)
                    .filter(letter -> letter.path("id").asText().equals(id)).findFirst().orElseThrow();
            assertThat(listed.path("payloadKept").asText()).isEqualTo("INLINE");
            assertThat(listed.path("payloadBytes").asLong()).isEqualTo(kept.path("payload").asText()
                    .getBytes(StandardCharsets.UTF_8).length);
            assertThat(listed.path("payloadSha256").asText()).matches("[0-9a-f]{64}");
        }
        HttpResponse<String> viewerOne = getAs("k-viewer", "/api/v1/dead-letters/" + id);
        assertThat(viewerOne.statusCode()).isEqualTo(200);
        assertThat(viewerOne.body()).doesNotContain(marker);
        assertThat(json(viewerOne).path("deadLetter").path("id").asText()).isEqualTo(id);
        assertThat(json(viewerOne).path("deadLetter").has("payload")).isFalse();

        assertThat(json(viewerOne).path("deadLetter").path("payloadWithheld").asText()).contains("operator");

        HttpResponse<String> operatorOne = getAs("k-operator", "/api/v1/dead-letters/" + id);
        assertThat(json(operatorOne).path("deadLetter").path("payload").asText()).contains(marker);

        // the payload itself: operators only; a viewer or a submitter gets 403 naming the role, nothing of the payload
        for (String key : List.of("k-viewer", "k-orders", "k-soap", "k-acme")) {
            HttpResponse<String> refused = getAs(key, "/api/v1/dead-letters/" + id + "/payload");
            assertThat(problem(refused, 403, "FORBIDDEN").path("requiredRole").asText()).isEqualTo("operator");
            assertThat(refused.body()).doesNotContain(marker);
        }
        HttpResponse<String> payload = getAs("k-operator", "/api/v1/dead-letters/" + id + "/payload");
        assertThat(payload.statusCode()).as(payload.body()).isEqualTo(200);
        assertThat(payload.body()).isEqualTo(json(operatorOne).path("deadLetter").path("payload").asText());
        assertThat(payload.headers().firstValue("Content-Type")).hasValue("application/json; charset=UTF-8");
        problem(getAs("k-operator", "/api/v1/dead-letters/999999999/payload"), 404, "NOT_FOUND");
    }

    @Test
    void a_viewer_reads_an_orders_journey_without_payloads_and_an_operator_with_them() {
        String crmId = newCrmId();
        HttpResponse<String> accepted = submit(crmOrder("us01-two-lines.json", crmId));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String path = "/api/v1/orders/" + json(accepted).path("orderId").asText() + "/messages";

        HttpResponse<String> viewer = getAs("k-viewer", path);
        assertThat(viewer.statusCode()).as(viewer.body()).isEqualTo(200);
        assertThat(viewer.body()).doesNotContain(crmId);
        assertThat(json(viewer).path("payloadWithheld").asText()).contains("operator");
        JsonNode seen = json(viewer).path("messages").get(0);
        assertThat(seen.path("kind").asText()).isEqualTo("RECEIVED");
        assertThat(seen.path("requestBytes").asLong()).isPositive();
        assertThat(seen.path("requestPayload").isMissingNode() || seen.path("requestPayload").isNull()).isTrue();

        HttpResponse<String> operator = getAs("k-operator", path);
        assertThat(json(operator).path("messages").get(0).path("requestPayload").asText()).contains(crmId);
        assertThat(json(operator).has("payloadWithheld")).isFalse();
    }

    @Test
    void an_api_key_in_the_query_string_is_refused_and_never_logged_echoed_or_stored() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        String marker = "QK-" + CONTROL.incrementAndGet();
        try {
            // a valid key, an invalid body: were the key accepted, the body would become a dead letter
            HttpResponse<String> inQuery = send(HttpRequest.newBuilder(URI.create(apiUrl("/api/v1/orders?X-API-Key="
                            + LEAKY_KEY))).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"Id\": \"" + marker + "\"}")).build());
            assertThat(inQuery.statusCode()).as(inQuery.body()).isEqualTo(401);
            assertThat(json(inQuery).path("message").asText()).contains("never in the query string");
            assertThat(inQuery.body()).doesNotContain(LEAKY_KEY);
            assertThat(inQuery.headers().map().toString()).doesNotContain(LEAKY_KEY);

            // also in the header: still refused, the query string decides
            HttpResponse<String> both = send(HttpRequest.newBuilder(URI.create(apiUrl("/api/v1/orders/ORD-NONE"
                            + "?x-api-key=" + LEAKY_KEY))).header("X-API-Key", LEAKY_KEY).GET().build());
            assertThat(both.statusCode()).isEqualTo(401);
            assertThat(both.headers().map().toString()).doesNotContain(LEAKY_KEY);

            // the key in the header, something else in the query: a dead letter keeps no query, URI or credential
            HttpResponse<String> inHeader = send(HttpRequest.newBuilder(URI.create(apiUrl("/api/v1/orders?note="
                            + marker))).header("Content-Type", "application/json").header("X-API-Key", LEAKY_KEY)
                    .header("Authorization", "Bearer " + LEAKY_KEY)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"Id\": \"" + marker + "\"}")).build());
            assertThat(inHeader.statusCode()).as(inHeader.body()).isEqualTo(400);
            JsonNode kept = findDeadLetter("status=INVALID", marker);
            assertThat(kept.path("headers").toString()).doesNotContain(LEAKY_KEY);
            assertThat(kept.path("headers").has("CamelHttpQuery")).isFalse();
            assertThat(kept.path("headers").has("CamelHttpUri")).isFalse();
            assertThat(kept.path("headers").has("CamelHttpUrl")).isFalse();
            assertThat(kept.path("headers").has("CamelHttpRawQuery")).isFalse();

            assertThat(getAs("k-operator", "/api/v1/dead-letters?limit=500").body()).doesNotContain(LEAKY_KEY);
            assertThat(appender.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList())
                    .toString()).doesNotContain(LEAKY_KEY);
        } finally {
            root.detachAppender(appender);
        }
        assertThat(send(HttpRequest.newBuilder(URI.create(apiUrl("/observe/health/live"))).GET().build())
                .statusCode()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ helpers

    /** Every operation of the contract, with its path parameters filled in with values that name nothing. */
    private static List<Operation> contractOperations() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/main/resources/openapi/ordersync-api.yaml"),
                StandardCharsets.UTF_8);
        Pattern pathLine = Pattern.compile("^  (/\\S+):\\s*$");
        Pattern methodLine = Pattern.compile("^    (get|post|put|patch|delete):\\s*$");
        Pattern operationLine = Pattern.compile("^\\s+operationId:\\s*(\\S+)\\s*$");
        List<Operation> operations = new ArrayList<>();
        String path = null;
        String method = null;
        for (String line : lines) {
            Matcher m;
            if ((m = pathLine.matcher(line)).matches()) {
                path = m.group(1);
            } else if ((m = methodLine.matcher(line)).matches()) {
                method = m.group(1).toUpperCase();
            } else if ((m = operationLine.matcher(line)).matches()) {
                operations.add(new Operation(method, path.replace("{orderId}", "ORD-NONE")
                        .replace("{source}", "wms").replace("{runId}", "999999999")
                        .replace("{job}", "no-such-job").replace("{deadLetterId}", "999999999")
                        .replace("{batchId}", "999999999"), m.group(1)));
            }
        }
        Set<String> ids = operations.stream().map(Operation::operationId).collect(Collectors.toCollection(TreeSet::new));
        assertThat(ids).hasSize(operations.size());
        return operations;
    }

    private static HttpResponse<String> call(Operation operation, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiUrl(operation.path())))
                .timeout(Duration.ofSeconds(60));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        if (operation.method().equals("GET")) {
            request.GET();
        } else {
            String contentType = switch (operation.operationId()) {
                case "receiveEdi" -> "application/edi-x12";
                case "/soap/orders" -> "text/xml; charset=utf-8";
                default -> "application/json";
            };
            String body = switch (operation.operationId()) {
                case "receiveEdi" -> "not an interchange";
                case "/soap/orders" -> "<not-soap/>";
                default -> "{}";
            };
            request.header("Content-Type", contentType).method(operation.method(),
                    HttpRequest.BodyPublishers.ofString(body));
        }
        return send(request.build());
    }

    private static boolean forbidden(Operation operation, HttpResponse<String> answer) {
        if (answer.statusCode() != 403) {
            return false;
        }
        if (operation.operationId().equals("/soap/orders")) {
            return answer.body().contains("FORBIDDEN") && answer.body().contains("submitter:soap");
        }
        JsonNode body = json(answer);
        return body.path("error").asText().equals("FORBIDDEN") && !body.path("requiredRole").asText().isEmpty()
                && body.path("message").asText().contains(body.path("requiredRole").asText());
    }

    private static HttpResponse<String> getAs(String key, String path) {
        return send(HttpRequest.newBuilder(URI.create(apiUrl(path))).timeout(Duration.ofSeconds(30))
                .header("X-API-Key", key).GET().build());
    }

    private static HttpResponse<String> postEdiAs(String key, String body) {
        return send(HttpRequest.newBuilder(URI.create(apiUrl("/api/v1/edi"))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/edi-x12").header("X-API-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** The dead letter (read as operator, with its inline payload and headers) of the filter whose payload contains the text. */
    private static JsonNode findDeadLetter(String filter, String text) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (JsonNode listed : json(getAs("k-operator", "/api/v1/dead-letters?limit=500&" + filter))) {
                JsonNode letter = json(getAs("k-operator", "/api/v1/dead-letters/" + listed.path("id").asText()))
                        .path("deadLetter");
                if (letter.path("payload").asText().contains(text)) {
                    found[0] = letter;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
