package io.ordersync.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordersync.app.Json;
import io.ordersync.demo.sim.Simulators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.BeanInject;
import org.junit.jupiter.api.BeforeEach;

/**
 * Black-box support: the real runtime (same main listener, routes and configuration as production) in the demo profile,
 * with the embedded Kafka broker and the simulators on free ports, talked to over real HTTP.
 * Subclasses choose the database through {@link #useDatabase(String)} in a static initializer.
 */
public abstract class PipelineTestSupport {

    protected static final String API_KEY = "test-crm-key";
    /** A second CRM-like API caller ({@code shop}, submitter:orders and submitter:soap): its own duplicate keys. */
    protected static final String SHOP_API_KEY = "test-shop-key";
    /** A caller of the SOAP service only (Basic user support: operator, submitter:soap), as a squatter would be. */
    protected static final String SOAP_ONLY_USER = "support:support-secret";
    protected static final int HTTP_PORT = freePort();

    static {
        // the demo profile (application-demo.properties): the embedded broker and the simulators, as the demo runs
        System.setProperty("camel.main.profile", "demo");
        // system properties take precedence over application.properties in Camel's property resolution
        System.setProperty("camel.server.port", String.valueOf(HTTP_PORT));
        System.setProperty("camel.server.host", "127.0.0.1");
        System.setProperty("ordersync.admin.port", String.valueOf(freePort()));
        System.setProperty("ordersync.api.keys", "crm:" + API_KEY + ",shop:" + SHOP_API_KEY);
        System.setProperty("ordersync.api.users", "support:support-secret");
        // the scenarios' one key may do everything (ApiRolesIT checks each role with keys of one role each)
        useTestRoles("acme-hardware", "rheinland-technik");
        System.setProperty("ordersync.simulators.status-events.api-keys",
                "wms:" + API_KEY + ",tms:" + API_KEY + ",ar:" + API_KEY);
        System.setProperty("ordersync.simulators.erp-na-port", "0");
        System.setProperty("ordersync.simulators.erp-emea-port", "0");
        System.setProperty("ordersync.simulators.crm-port", "0");
        System.setProperty("ordersync.retry.maximum-redeliveries", "3");
        System.setProperty("ordersync.retry.initial-delay-ms", "100");
        System.setProperty("ordersync.retry.maximum-delay-ms", "400");
        System.setProperty("ordersync.outbox.period-ms", "500");
        System.setProperty("ordersync.outbox.grace-ms", "1000");
        System.setProperty("ordersync.http.response-timeout-ms", "3000");
        // order files: a fresh inbox per test class (not ./data), read as soon as a file is complete
        temporaryDirectory("ordersync.files.inbox", "ordersync-order-inbox");
        // the embedded broker's log: a fresh directory per test class (not ./data/kafka), under target/ so that
        // mvn clean removes it
        try {
            Path brokers = Files.createDirectories(Path.of("target", "embedded-kafka"));
            System.setProperty("ordersync.kafka.embedded.data-dir",
                    Files.createTempDirectory(brokers, "kafka-").toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("ordersync.files.min-age-ms", "200");
        if (System.getProperty("ordersync.db.url") == null) {
            useDatabase("jdbc:h2:mem:ordersync-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        }
    }

    /**
     * Roles of the test callers: the CRM key ({@link #API_KEY}) has every role, as partner of the partners given (a
     * role naming a partner that is not configured stops startup); support is an operator who also submits SOAP
     * orders (the SOAP scenarios show Basic credentials on the SOAP service).
     */
    protected static void useTestRoles(String... partners) {
        StringBuilder crm = new StringBuilder("crm=submitter:orders,submitter:soap,submitter:quotes,operator,"
                + "status-source:erp,status-source:wms,status-source:tms,status-source:ar");
        for (String partner : partners) {
            crm.append(",partner:").append(partner);
        }
        System.setProperty("ordersync.api.roles", crm + ";support=operator,submitter:soap"
                + ";shop=submitter:orders,submitter:soap");
    }

    protected static void useDatabase(String url) {
        System.setProperty("ordersync.db.url", url);
    }

    @BeanInject("simulators")
    protected Simulators simulators;

    @BeforeEach
    void resetSimulators() {
        simulators.resetAll();
    }

    protected static String apiUrl(String path) {
        return "http://127.0.0.1:" + HTTP_PORT + path;
    }

    /** A CRM order from src/test/resources/orders, with its CRM Id replaced by a fresh one. */
    protected static String crmOrder(String fixture, String crmId) {
        try {
            String json = Files.readString(Path.of("src/test/resources/orders", fixture), StandardCharsets.UTF_8);
            return json.replace("${crmId}", crmId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static String newCrmId() {
        return "801T" + UUID.randomUUID().toString().replace("-", "").substring(0, 14).toUpperCase();
    }

    protected static HttpResponse<String> post(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiUrl(path)))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    protected static HttpResponse<String> submit(String body, String... extraHeaders) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiUrl("/api/v1/orders")))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-API-Key", API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < extraHeaders.length; i += 2) {
            request.header(extraHeaders[i], extraHeaders[i + 1]);
        }
        return send(request.build());
    }

    /** A dead letter's whole payload (GET /api/v1/dead-letters/{id}/payload); lists carry none. */
    protected static String deadLetterPayload(long deadLetterId) {
        HttpResponse<String> payload = get("/api/v1/dead-letters/" + deadLetterId + "/payload");
        if (payload.statusCode() != 200) {
            throw new AssertionError("payload of dead letter " + deadLetterId + ": " + payload.statusCode() + " "
                    + payload.body());
        }
        return payload.body();
    }

    protected static HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(apiUrl(path))).timeout(Duration.ofSeconds(30))
                .header("X-API-Key", API_KEY).GET().build());
    }

    protected static HttpResponse<String> send(HttpRequest request) {
        return TestHttp.send(request);
    }

    /** A partner's X12 interchange posted to {@code /api/v1/edi}. */
    protected static HttpResponse<String> postEdi(String body) {
        return send(HttpRequest.newBuilder(URI.create(apiUrl("/api/v1/edi")))
                .header("Content-Type", "application/edi-x12")
                .header("X-API-Key", API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** How many requests the ERP-NA simulator received that name the PO. */
    protected long erpRequestsFor(String po) {
        return simulators.erpNa().receivedRequests().stream().filter(r -> r.body().contains(po)).count();
    }

    protected static JsonNode json(HttpResponse<String> response) {
        return TestHttp.json(response);
    }

    /**
     * A SubmitOrder for US01 from the SOAP-only caller, naming the source system and external id it chooses: what a
     * caller trying to claim another channel's duplicate key sends.
     */
    protected static HttpResponse<String> soapSubmitAsSoapOnlyCaller(String sourceSystem, String externalId) {
        String xml;
        try {
            xml = Files.readString(Path.of("src/test/resources/soap/submit-order-us01.xml"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        xml = xml.replace("${externalId}", externalId).replace("<ord:PurchaseOrderNumber>",
                "<ord:SourceSystem>" + sourceSystem + "</ord:SourceSystem><ord:PurchaseOrderNumber>");
        return send(HttpRequest.newBuilder(URI.create(apiUrl("/soap/orders")))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"urn:ordersync:orders:v1:SubmitOrder\"")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        SOAP_ONLY_USER.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8)).build());
    }

    /**
     * Asserts the answer is the SOAP fault FORBIDDEN (HTTP 403) that names the source system: a SOAP caller may not
     * name another channel's source system (nor CRM without the CRM's role).
     */
    protected static void assertSourceSystemRefused(HttpResponse<String> answer, String sourceSystem) {
        org.assertj.core.api.Assertions.assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
        org.assertj.core.api.Assertions.assertThat(answer.body())
                .contains("FORBIDDEN")
                .contains("may not submit orders as source system " + sourceSystem)
                .doesNotContain("Exception");
    }

    /** GET /observe/health/live: the runtime still answering. */
    protected static HttpResponse<String> health() {
        return send(HttpRequest.newBuilder(URI.create(apiUrl("/observe/health/live"))).timeout(Duration.ofSeconds(10))
                .GET().build());
    }

    /** The ERP reference ordersync derives from a duplicate key: os- and 32 hex digits of its SHA-256. */
    protected static String erpReferenceOfKey(String namespacedKey) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(namespacedKey.getBytes(StandardCharsets.UTF_8));
            return "os-" + java.util.HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The reference the ERP knows the order by (derived from its source), read from the order's API view. */
    protected static String erpReferenceOf(String orderId) {
        JsonNode view = json(get("/api/v1/orders/" + orderId));
        try {
            return Json.mapper().treeToValue(view.path("order"), io.ordersync.order.CanonicalOrder.class).erpReference();
        } catch (IOException e) {
            throw new AssertionError("order " + orderId + " has no canonical order in " + view, e);
        }
    }

    /** Waits until GET /api/v1/orders/{id} shows the status, and returns the order view. */
    protected static JsonNode awaitOrderStatus(String orderId, String status) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = json(get("/api/v1/orders/" + orderId));
            return status.equals(last[0].path("status").asText());
        });
        return last[0];
    }

    /**
     * A new temporary directory, given to the runtime as the system property: call it in a static initializer, before
     * the runtime starts.
     */
    protected static Path temporaryDirectory(String property, String prefix) {
        try {
            Path directory = Files.createTempDirectory(prefix);
            System.setProperty(property, directory.toString());
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        return RunnerProcess.freePort();
    }
}
