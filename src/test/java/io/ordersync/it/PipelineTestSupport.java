package io.ordersync.it;

import static io.ordersync.it.RuntimeProperties.set;
import static io.ordersync.it.RuntimeProperties.temporaryDirectory;
import static io.ordersync.it.RuntimeProperties.useDatabase;
import static io.ordersync.it.RuntimeProperties.useTestRoles;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordersync.support.Json;
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
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelBeanPostProcessor;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Black-box support: the real runtime (same main listener, routes and configuration as production) in the demo
 * profile, with the embedded Kafka broker and the simulators on free ports, talked to over real HTTP.
 * Its static initializer sets the defaults of every such test through {@link RuntimeProperties}; a subclass changes
 * them, or chooses another database, in a static initializer of its own, through the same class.
 */
@ExtendWith(PipelineTestSupport.OneClassPerJvm.class)
public abstract class PipelineTestSupport {

    protected static final String API_KEY = "test-crm-key";
    /** A second CRM-like API caller ({@code shop}, submitter:orders and submitter:soap): its own duplicate keys. */
    protected static final String SHOP_API_KEY = "test-shop-key";
    /** A caller of the SOAP service only (Basic user support: operator, submitter:soap), as a squatter would be. */
    protected static final String SOAP_ONLY_USER = "support:support-secret";
    protected static final int HTTP_PORT = freePort();

    static {
        // the demo profile (application-demo.properties): the embedded broker and the simulators, as the demo runs
        set("camel.main.profile", "demo");
        // the defaults of every runtime-booting test; a subclass's static initializer may replace any of them
        set("camel.server.port", HTTP_PORT);
        set("camel.server.host", "127.0.0.1");
        set("ordersync.admin.port", freePort());
        set("ordersync.api.keys", "crm:" + API_KEY + ",shop:" + SHOP_API_KEY);
        set("ordersync.api.users", "support:support-secret");
        // the scenarios' one key may do everything (ApiRolesIT checks each role with keys of one role each)
        useTestRoles("acme-hardware", "rheinland-technik");
        set("ordersync.simulators.status-events.api-keys", "wms:" + API_KEY + ",tms:" + API_KEY + ",ar:" + API_KEY);
        set("ordersync.simulators.erp-na-port", 0);
        set("ordersync.simulators.erp-emea-port", 0);
        set("ordersync.simulators.crm-port", 0);
        set("ordersync.retry.maximum-redeliveries", 3);
        set("ordersync.retry.initial-delay-ms", 100);
        set("ordersync.retry.maximum-delay-ms", 400);
        set("ordersync.outbox.period-ms", 500);
        set("ordersync.outbox.grace-ms", 1000);
        set("ordersync.http.response-timeout-ms", 3000);
        // when its tests are done a class's runtime stops with nothing in flight, and its JVM and broker end right
        // after: its nine Kafka consumer routes need not leave their groups one by one (about 6 s of each class's time)
        set("camel.main.shutdownTimeout", 1);
        // order files: a fresh inbox per test class (not ./data), read as soon as a file is complete
        temporaryDirectory("ordersync.files.inbox", "ordersync-order-inbox");
        // EDI files likewise (not ./data/edi): test classes run in concurrent JVMs, and runtimes sharing an inbox
        // would take each other's files
        temporaryDirectory("ordersync.edi.inbox", "ordersync-edi-inbox");
        temporaryDirectory("ordersync.edi.outbox", "ordersync-edi-outbox");
        // the embedded broker's log: a fresh directory per test class (not ./data/kafka), under target/ so that
        // mvn clean removes it
        try {
            Path brokers = Files.createDirectories(Path.of("target", "embedded-kafka"));
            set("ordersync.kafka.embedded.data-dir", Files.createTempDirectory(brokers, "kafka-").toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        set("ordersync.files.min-age-ms", 200);
        if (RuntimeProperties.get("ordersync.db.url") == null) {
            useDatabase("jdbc:h2:mem:ordersync-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        }
    }

    /**
     * Fails a second runtime-booting test class in the same JVM, before its runtime boots, with what to do instead:
     * this class's defaults were set once, for the first class, and the properties of a class stay set for the next.
     * Failsafe gives each class a JVM of its own; surefire, which reuses one JVM for the unit tests, would not, when
     * told to run more than one such class ({@code -Dtest=AIT,BIT}).
     */
    public static final class OneClassPerJvm implements BeforeAllCallback {

        private static Class<?> classOfThisJvm;

        @Override
        public void beforeAll(ExtensionContext context) {
            // a @Nested scenario group runs on the runtime of the class around it: that class is the one that counts
            Class<?> testClass = outermost(context.getRequiredTestClass());
            synchronized (OneClassPerJvm.class) {
                if (classOfThisJvm == null) {
                    classOfThisJvm = testClass;
                } else if (classOfThisJvm != testClass) {
                    throw new IllegalStateException(testClass.getName() + " would boot the runtime in the JVM where "
                            + classOfThisJvm.getName() + " did, on its settings: each runtime-booting test class"
                            + " needs a JVM of its own. Run integration tests with failsafe (mvn verify -Dtest=NONE"
                            + " -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=...) or one class per"
                            + " mvn test -Dtest=... (docs/testing.md)");
                }
            }
        }
    }

    /** The class that booted the runtime of this JVM: the test class itself, or the one a @Nested group is in. */
    static Class<?> outermost(Class<?> testClass) {
        Class<?> outer = testClass;
        while (outer.getEnclosingClass() != null && !java.lang.reflect.Modifier.isStatic(outer.getModifiers())) {
            outer = outer.getEnclosingClass();
        }
        return outer;
    }

    /** The runtime of this JVM, once booted: scenario groups nested in the class that booted it are injected from it. */
    private static volatile CamelContext runtime;

    @BeanInject
    private CamelContext injectedRuntime;

    @BeanInject("simulators")
    protected Simulators simulators;

    @BeforeEach
    void resetSimulators() throws Exception {
        if (injectedRuntime != null) {
            runtime = injectedRuntime;
        } else {
            // a @Nested scenario group: the test extension injects only the instances of the class that booted the
            // runtime, so this one gets its @BeanInject fields here, before any of its own @BeforeEach methods run
            if (runtime == null) {
                throw new IllegalStateException(getClass().getName() + ": no runtime of this JVM to inject from");
            }
            CamelBeanPostProcessor injector = PluginHelper.getBeanPostProcessor(runtime);
            injector.postProcessBeforeInitialization(this, getClass().getName());
            injector.postProcessAfterInitialization(this, getClass().getName());
        }
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

    /** ordersync's own ACME 850 sample with a fresh interchange control number (ISA13) and PO number. */
    protected static String acme850(int control, String po) {
        try {
            return Files.readString(Path.of("src/test/resources/edi/samples/acme-850-clean.x12"))
                    .replace("000000101", String.format("%09d", control)).replace("PO-ACME-1001", po);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits (at most a minute) until the runtime's readiness check answers 200: its consumers have started. */
    protected static void awaitReady() {
        await().atMost(Duration.ofSeconds(60)).until(() -> send(HttpRequest.newBuilder(URI.create(
                apiUrl("/observe/health/ready"))).timeout(Duration.ofSeconds(10)).GET().build()).statusCode() == 200);
    }

    /** The messages of an order's journey as the API lists them. */
    protected static java.util.List<JsonNode> journeyMessages(String orderId) {
        HttpResponse<String> answer = get("/api/v1/orders/" + orderId + "/messages");
        org.assertj.core.api.Assertions.assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        java.util.List<JsonNode> messages = new java.util.ArrayList<>();
        json(answer).path("messages").forEach(messages::add);
        return messages;
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
     * An error answer of /api as RFC 9457 problem details: application/problem+json, type/title/status/detail, and
     * ordersync's own error and message kept beside them (detail repeats message).
     */
    protected static JsonNode problem(HttpResponse<String> response, int status, String code) {
        org.assertj.core.api.Assertions.assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        org.assertj.core.api.Assertions.assertThat(response.headers().firstValue("Content-Type")).as(response.body())
                .hasValueSatisfying(type -> org.assertj.core.api.Assertions.assertThat(type)
                        .startsWith("application/problem+json"));
        JsonNode problem = json(response);
        org.assertj.core.api.Assertions.assertThat(problem.path("status").asInt()).as(response.body()).isEqualTo(status);
        org.assertj.core.api.Assertions.assertThat(problem.path("error").asText()).as(response.body()).isEqualTo(code);
        org.assertj.core.api.Assertions.assertThat(problem.path("type").asText()).as(response.body())
                .isEqualTo("https://ordersync.io/problems/" + code.toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        org.assertj.core.api.Assertions.assertThat(problem.path("title").asText()).as(response.body()).isNotBlank();
        org.assertj.core.api.Assertions.assertThat(problem.path("message").asText()).as(response.body()).isNotBlank();
        org.assertj.core.api.Assertions.assertThat(problem.path("detail").asText()).as(response.body())
                .isEqualTo(problem.path("message").asText());
        return problem;
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

    private static int freePort() {
        return RunnerProcess.freePort();
    }
}
