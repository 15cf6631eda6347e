package io.ordersync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.ordersync.ops.AdminConsole;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.support.CamelContextHelper;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * What hostile or careless callers send in headers, and what the runtime tells them: control headers and parameters
 * on every order channel (REST, SOAP, EDI) steer nothing, nothing a caller sent or an internal header is answered,
 * every answer carries its correlation id, the WSDL's address is the configured one, anonymous callers learn nothing
 * about the host, the admin console's logout ends the session, and secrets given at startup are not logged.
 */
@CamelMainTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileHeadersIT extends PipelineTestSupport {

    /** Secret values configured for this runtime (as -D would give them): none may appear in the log. */
    private static final String API_KEY_2 = "hostile-api-key-7f3a";
    private static final String API_PASSWORD_2 = "hostile-user-pw-9c1e";
    private static final String ADMIN_USER = "hostile-admin";
    private static final String ADMIN_PASSWORD = "hostile-admin-pw-2b8d";
    private static final String DB_PASSWORD = "hostile-db-pw-5e6f";
    private static final String PUBLIC_URL = "https://orders.example.test";
    private static final AtomicInteger EDI_CONTROL = new AtomicInteger(700);
    private static final java.util.concurrent.atomic.AtomicBoolean WARMED_UP =
            new java.util.concurrent.atomic.AtomicBoolean();
    private static final Set<String> SET_HERE = Set.of("ordersync.api.keys", "ordersync.api.users",
            "ordersync.admin.users", "ordersync.db.password", "ordersync.public-url", "ordersync.edi.inbox",
            "ordersync.edi.outbox");

    /** Every log line from the start of the runtime on. */
    private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();

    /** Control headers of Kafka and Camel, and what else a caller might try. */
    private static final Map<String, String> HOSTILE = new LinkedHashMap<>();

    static {
        HOSTILE.put("kafka.OVERRIDE_TOPIC", "evil-topic");
        HOSTILE.put("kafka.PARTITION_KEY", "999");
        HOSTILE.put("kafka.KEY", "evil-key");
        HOSTILE.put("kafka.OVERRIDE_TIMESTAMP", "1");
        HOSTILE.put("CamelHttpUri", "http://evil.example/steal");
        HOSTILE.put("CamelHttpMethod", "DELETE");
        HOSTILE.put("CamelFileName", "../../evil.txt");

        LOG.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(LOG);

        RuntimeProperties.set("ordersync.api.keys", "crm:" + API_KEY + ",hostile:" + API_KEY_2);
        RuntimeProperties.set("ordersync.api.users", "support:support-secret,auditor:" + API_PASSWORD_2);
        // the second key may do what the test CRM key may do (hostile callers are authenticated ones), the auditor reads
        String roles = RuntimeProperties.get("ordersync.api.roles");
        String crmRoles = roles.substring("crm=".length(), roles.indexOf(';'));
        RuntimeProperties.set("ordersync.api.roles", roles + ";hostile=" + crmRoles + ";auditor=viewer");
        RuntimeProperties.set("ordersync.admin.users", ADMIN_USER + ":" + ADMIN_PASSWORD);
        // the in-memory H2 database is created with this password at the first connection
        RuntimeProperties.set("ordersync.db.password", DB_PASSWORD);
        RuntimeProperties.set("ordersync.public-url", PUBLIC_URL);
        RuntimeProperties.temporaryDirectory("ordersync.edi.inbox", "ordersync-edi-inbox");
        RuntimeProperties.temporaryDirectory("ordersync.edi.outbox", "ordersync-edi-outbox");
    }

    @BeanInject
    CamelContext context;

    @BeanInject("adminConsole")
    AdminConsole adminConsole;

    @AfterAll
    void forgetProperties() {
        SET_HERE.forEach(System::clearProperty);
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOG);
    }

    // ------------------------------------------------------------------ control headers (Kafka, Camel)

    @Test
    void control_headers_and_parameters_on_rest_soap_and_edi_steer_nothing_and_the_orders_reach_their_erp() {
        // each way on its own (a name sent both ways would reach a route as a list of two values)
        String query = hostileQuery();

        String crmId = newCrmId();
        HttpResponse<String> rest = fast(withHostileHeaders(HttpRequest.newBuilder(URI.create(apiUrl("/api/v1/orders"))))
                .header("Content-Type", "application/json").header("X-API-Key", API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(crmOrder("us01-two-lines.json", crmId))));
        assertThat(rest.statusCode()).as(rest.body()).isEqualTo(202);

        String externalId = "SOAP-HOSTILE-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> soap = fast(HttpRequest.newBuilder(URI.create(apiUrl("/soap/orders?" + query)))
                .header("Content-Type", "text/xml; charset=utf-8").header("X-API-Key", API_KEY)
                .header("SOAPAction", "\"urn:ordersync:orders:v1:SubmitOrder\"")
                .POST(HttpRequest.BodyPublishers.ofString(soapOrder(externalId), StandardCharsets.UTF_8)));
        assertThat(soap.statusCode()).as(soap.body()).isEqualTo(200);
        assertThat(soap.body()).contains("<ord:Status>RECEIVED</ord:Status>");

        int control = EDI_CONTROL.incrementAndGet();
        String po = "PO-HOSTILE-" + control;
        HttpResponse<String> edi = fast(withHostileHeaders(HttpRequest.newBuilder(URI.create(apiUrl("/api/v1/edi"))))
                .header("Content-Type", "application/edi-x12").header("X-API-Key", API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(acme850(control, po))));
        assertThat(edi.statusCode()).as(edi.body()).isEqualTo(202);
        int control2 = EDI_CONTROL.incrementAndGet();
        String po2 = "PO-HOSTILE-" + control2;
        HttpResponse<String> ediByQuery = fast(HttpRequest.newBuilder(URI.create(apiUrl("/api/v1/edi?" + query)))
                .header("Content-Type", "application/edi-x12").header("X-API-Key", API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(acme850(control2, po2))));
        assertThat(ediByQuery.statusCode()).as(ediByQuery.body()).isEqualTo(202);

        // each reaches its ERP through its entity's topic (ordersync.orders.US01), at once: not through a topic the
        // caller named, not after the outbox relay's re-send
        String restOrder = json(rest).path("orderId").asText();
        awaitOrderStatus(restOrder, "ACCEPTED");
        await().atMost(Duration.ofSeconds(20)).until(() -> erpRequestsFor(po) == 1 && erpRequestsFor(po2) == 1);
        java.util.regex.Matcher soapOrderId = java.util.regex.Pattern.compile("<ord:OrderId>([^<]+)</ord:OrderId>")
                .matcher(soap.body());
        assertThat(soapOrderId.find()).as(soap.body()).isTrue();
        awaitOrderStatus(soapOrderId.group(1), "ACCEPTED");
        assertThat(topics()).doesNotContain("evil-topic").noneMatch(topic -> topic.contains("evil"));
    }

    @Test
    void a_rejected_order_with_a_topic_override_tells_the_crm_through_the_events_topic() {
        String byHeader = newCrmId();
        HttpResponse<String> rejected = fast(HttpRequest.newBuilder(URI.create(apiUrl("/api/v1/orders")))
                .header("kafka.OVERRIDE_TOPIC", "evil-topic")
                .header("Content-Type", "application/json").header("X-API-Key", API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(crmOrder("unknown-entity.json", byHeader))));
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(422);
        String byQuery = newCrmId();
        HttpResponse<String> rejectedByQuery = fast(HttpRequest.newBuilder(URI.create(apiUrl(
                "/api/v1/orders?kafka.OVERRIDE_TOPIC=evil-topic")))
                .header("Content-Type", "application/json").header("X-API-Key", API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(crmOrder("unknown-entity.json", byQuery))));
        assertThat(rejectedByQuery.statusCode()).as(rejectedByQuery.body()).isEqualTo(422);

        for (String crmId : List.of(byHeader, byQuery)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                Map<String, Object> fields = simulators.crm().order(crmId);
                return fields != null && "REJECTED".equals(fields.get("Integration_Status__c"));
            });
        }
        assertThat(topics()).doesNotContain("evil-topic");
    }

    // ------------------------------------------------------------------ request bodies: credentials and size first

    /** Every path that takes a body, the Content-Type it takes, and the property of its size limit. */
    private static final List<List<String>> BODY_PATHS = List.of(
            List.of("/api/v1/orders", "application/json", "ordersync.http.max-body-bytes.orders"),
            List.of("/soap/orders", "text/xml; charset=utf-8", "ordersync.http.max-body-bytes.soap"),
            List.of("/api/v1/edi", "application/edi-x12", "ordersync.http.max-body-bytes.edi"),
            List.of("/api/v1/status-events/wms", "application/json", "ordersync.http.max-body-bytes.status-events"),
            List.of("/api/v1/quotes/validate", "application/json", "ordersync.http.max-body-bytes.quotes"),
            List.of("/api/v1/dead-letters/1/replay", "application/json", "ordersync.http.max-body-bytes.default"),
            List.of("/api/v1/reconciliation/jobs/reconcile/run", "application/json",
                    "ordersync.http.max-body-bytes.default"));

    /** The limits as configured (the documented defaults, should a property be missing). */
    private long limit(String property) {
        long documented = property.endsWith(".edi") ? 4 * 1024 * 1024 : property.endsWith(".default") ? 65536
                : 1024 * 1024;
        return Long.parseLong(context.resolvePropertyPlaceholders("{{" + property + ":" + documented + "}}"));
    }

    private static RawHttp.Answer raw(String path, Map<String, String> headers, RawHttp.Body body) {
        return RawHttp.post("127.0.0.1", HTTP_PORT, path, headers, body, Duration.ofSeconds(5));
    }

    @Test
    void a_body_without_valid_credentials_is_refused_401_before_it_is_read() {
        List<Map<String, String>> credentials = List.of(Map.of(), Map.of("X-API-Key", "not-a-key"),
                Map.of("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "support:wrong".getBytes(StandardCharsets.UTF_8))));
        int tried = 0;
        for (List<String> target : BODY_PATHS) {
            for (Map<String, String> given : credentials) {
                Map<String, String> headers = new LinkedHashMap<>(given);
                headers.put("Content-Type", target.get(1));
                headers.put("X-Correlation-Id", "unauth-body-" + tried++);
                // 20 MB declared and none sent: an answer can only come before the body
                RawHttp.Answer answer = raw(target.get(0), headers, RawHttp.Body.declaredOnly(20_000_000));
                assertThat(answer.status()).as("%s with %s: %s", target.get(0), given.keySet(), answer)
                        .isEqualTo(401);
                assertThat(answer.header("X-Correlation-Id")).isEqualTo(headers.get("X-Correlation-Id"));
                assertThat(answer.header("WWW-Authenticate")).isNotBlank();
                assertThat(answer.body()).contains("UNAUTHORIZED").contains(headers.get("X-Correlation-Id"));
                if (target.get(0).startsWith("/soap/")) {
                    assertThat(answer.body()).contains("<faultcode>soap:Client</faultcode>");
                } else {
                    assertThat(json(answer.body()).path("error").asText()).isEqualTo("UNAUTHORIZED");
                }
            }
        }
        // a key in the query string is refused there too, even a valid one
        RawHttp.Answer inQuery = raw("/api/v1/orders?X-API-Key=" + API_KEY, Map.of("Content-Type",
                "application/json"), RawHttp.Body.declaredOnly(20_000_000));
        assertThat(inQuery.status()).as(inQuery.toString()).isEqualTo(401);
        assertThat(inQuery.body()).contains("never in the query string");
        // 200 MB streamed without credentials: the server reads none of it and closes the connection; what the
        // client got out is what the sockets' buffers took
        RawHttp.Answer streamed = raw("/api/v1/edi", Map.of("Content-Type", "application/edi-x12"),
                RawHttp.Body.filler(200_000_000));
        assertThat(streamed.status()).as(streamed.toString()).isEqualTo(401);
        assertThat(streamed.bodyBytesSent()).as(streamed.toString()).isLessThan(50_000_000);
        assertThat(streamed.header("Connection")).isEqualTo("close");
    }

    @Test
    void a_body_declared_over_its_paths_limit_is_refused_413_before_it_is_read_on_every_post_path() {
        for (List<String> target : BODY_PATHS) {
            long limit = limit(target.get(2));
            RawHttp.Answer answer = raw(target.get(0), Map.of("Content-Type", target.get(1), "X-API-Key", API_KEY,
                    "X-Correlation-Id", "too-large-1"), RawHttp.Body.declaredOnly(limit + 1));
            assertThat(answer.status()).as("%s: %s", target.get(0), answer).isEqualTo(413);
            assertThat(answer.header("X-Correlation-Id")).isEqualTo("too-large-1");
            assertThat(answer.body()).contains("PAYLOAD_TOO_LARGE").contains(target.get(0))
                    .contains("at most " + limit + " bytes").contains(target.get(2));
            if (target.get(0).startsWith("/soap/")) {
                assertThat(answer.body()).contains("<faultcode>soap:Client</faultcode>");
                assertThat(answer.header("Content-Type")).startsWith("text/xml");
            } else {
                JsonNode body = json(answer.body());
                assertThat(body.path("limitBytes").asLong()).isEqualTo(limit);
                assertThat(body.path("path").asText()).isEqualTo(target.get(0));
            }
        }
    }

    @Test
    void a_chunked_body_is_refused_413_the_moment_it_passes_its_limit() {
        for (List<String> target : BODY_PATHS.subList(0, 5)) {
            long limit = limit(target.get(2));
            long offered = Math.max(limit * 3, 50_000_000L);
            RawHttp.Answer answer = raw(target.get(0), Map.of("Content-Type", target.get(1), "X-API-Key", API_KEY),
                    RawHttp.Body.chunkedFiller(offered));
            assertThat(answer.status()).as("%s: %s", target.get(0), answer).isEqualTo(413);
            assertThat(answer.body()).contains("PAYLOAD_TOO_LARGE").contains("passed it at");
            assertThat(answer.bodyBytesSent()).as(answer.toString()).isLessThan(offered);
        }
    }

    @Test
    void a_body_of_exactly_the_limit_is_read_and_one_byte_more_is_refused() {
        long orders = limit("ordersync.http.max-body-bytes.orders");
        // valid JSON of exactly the limit: the route reads it and refuses it for its content, not its size
        RawHttp.Answer atLimit = raw("/api/v1/orders", Map.of("Content-Type", "application/json", "X-API-Key",
                API_KEY), RawHttp.Body.of(padded("{\"pad\":\"", "\"}", orders), 0));
        assertThat(atLimit.status()).as(atLimit.toString()).isEqualTo(400);
        assertThat(json(atLimit.body()).path("error").asText()).isEqualTo("VALIDATION_FAILED");
        RawHttp.Answer overLimit = raw("/api/v1/orders", Map.of("Content-Type", "application/json", "X-API-Key",
                API_KEY), RawHttp.Body.of(padded("{\"pad\":\"", "\"}", orders + 1), 0));
        assertThat(overLimit.status()).as(overLimit.toString()).isEqualTo(413);

        long soap = limit("ordersync.http.max-body-bytes.soap");
        String envelope = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + "<NotAnOperation/></soap:Body></soap:Envelope><!--";
        RawHttp.Answer soapAtLimit = raw("/soap/orders", Map.of("Content-Type", "text/xml; charset=utf-8",
                "X-API-Key", API_KEY), RawHttp.Body.of(padded(envelope, "-->", soap), 0));
        assertThat(soapAtLimit.status()).as(soapAtLimit.toString()).isNotEqualTo(413).isNotZero();
        assertThat(soapAtLimit.body()).contains("<faultcode>soap:Client</faultcode>")
                .doesNotContain("PAYLOAD_TOO_LARGE");
        RawHttp.Answer soapOver = raw("/soap/orders", Map.of("Content-Type", "text/xml; charset=utf-8",
                "X-API-Key", API_KEY), RawHttp.Body.of(padded(envelope, "-->", soap + 1), 0));
        assertThat(soapOver.status()).as(soapOver.toString()).isEqualTo(413);
        assertThat(soapOver.body()).contains("PAYLOAD_TOO_LARGE");
    }

    /** {@code start}, filler, {@code end}: exactly {@code length} bytes. */
    private static byte[] padded(String start, String end, long length) {
        byte[] bytes = new byte[(int) length];
        java.util.Arrays.fill(bytes, (byte) 'a');
        byte[] head = start.getBytes(StandardCharsets.UTF_8);
        byte[] tail = end.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(head, 0, bytes, 0, head.length);
        System.arraycopy(tail, 0, bytes, bytes.length - tail.length, tail.length);
        return bytes;
    }

    private static JsonNode json(String body) {
        try {
            return io.ordersync.support.Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    // ------------------------------------------------------------------ what answers reveal

    @Test
    void answers_carry_only_the_headers_ordersync_sets() {
        String query = "limit=5&partner=p&Location=http%3A%2F%2Fevil.example&Set-Cookie=q%3D1&X-Evil=1";
        List<HttpResponse<String>> answers = new ArrayList<>();
        HttpResponse<String> accepted = fast(echoBait(HttpRequest.newBuilder(URI.create(
                apiUrl("/api/v1/orders?" + query))))
                .header("Content-Type", "application/json").header("X-API-Key", API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(crmOrder("us01-two-lines.json", newCrmId()))));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        answers.add(accepted);
        String orderId = json(accepted).path("orderId").asText();
        answers.add(fast(echoBait(HttpRequest.newBuilder(URI.create(apiUrl("/api/v1/orders/" + orderId + "?" + query))))
                .header("X-API-Key", API_KEY).GET()));
        answers.add(fast(echoBait(HttpRequest.newBuilder(URI.create(apiUrl("/api/v1/dead-letters?" + query))))
                .header("X-API-Key", API_KEY).GET()));
        answers.add(fast(echoBait(HttpRequest.newBuilder(URI.create(apiUrl("/api/v1/edi/interchanges?" + query))))
                .header("X-API-Key", API_KEY).GET()));
        // refusals: no credentials, bad JSON, an unknown path, a SOAP fault, the WSDL
        answers.add(fast(echoBait(HttpRequest.newBuilder(URI.create(apiUrl("/api/v1/orders?" + query))))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))));
        answers.add(fast(echoBait(HttpRequest.newBuilder(URI.create(apiUrl("/api/v1/orders?" + query))))
                .header("Content-Type", "application/json").header("X-API-Key", API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{not json"))));
        answers.add(fast(echoBait(HttpRequest.newBuilder(URI.create(apiUrl("/api/v1/no-such-thing?" + query))))
                .header("X-API-Key", API_KEY).GET()));
        answers.add(fast(echoBait(HttpRequest.newBuilder(URI.create(apiUrl("/soap/orders?" + query))))
                .header("Content-Type", "text/xml").header("X-API-Key", API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("<not-soap/>"))));
        answers.add(fast(echoBait(HttpRequest.newBuilder(URI.create(apiUrl("/soap/orders?wsdl")))).GET()));

        Set<String> allowed = Set.of("content-type", "content-length", "x-correlation-id", "retry-after",
                "www-authenticate", "location", "allow", "transfer-encoding", "connection", "date",
                // HTTP/2 (the client may upgrade): its status line as a pseudo-header
                ":status");
        for (HttpResponse<String> answer : answers) {
            Set<String> names = answer.headers().map().keySet().stream().map(n -> n.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toSet());
            assertThat(names).as("headers of %s %s (%d)", answer.request().method(), answer.request().uri(),
                    answer.statusCode()).isSubsetOf(allowed);
            // what the caller sent as a header or parameter does not come back under an allowed name either
            assertThat(answer.headers().allValues("Location")).noneMatch(v -> v.contains("evil"));
        }
    }

    @Test
    void every_api_and_soap_answer_carries_the_correlation_id() {
        String orderId = json(submit(crmOrder("us01-two-lines.json", newCrmId()))).path("orderId").asText();

        HttpResponse<String> read = fast(HttpRequest.newBuilder(URI.create(apiUrl("/api/v1/orders/" + orderId)))
                .header("X-API-Key", API_KEY).header("X-Correlation-Id", "corr-read-1").GET());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("X-Correlation-Id")).hasValue("corr-read-1");

        List<HttpResponse<String>> answers = List.of(
                fast(HttpRequest.newBuilder(URI.create(apiUrl("/api/v1/dead-letters"))).header("X-API-Key", API_KEY)
                        .GET()),
                fast(HttpRequest.newBuilder(URI.create(apiUrl("/api/v1/orders/ord-unknown")))
                        .header("X-API-Key", API_KEY).GET()),
                fast(HttpRequest.newBuilder(URI.create(apiUrl("/api/v1/dead-letters"))).GET()),
                fast(HttpRequest.newBuilder(URI.create(apiUrl("/api/v1/no-such-thing"))).header("X-API-Key", API_KEY)
                        .GET()),
                fast(HttpRequest.newBuilder(URI.create(apiUrl("/soap/orders"))).header("Content-Type", "text/xml")
                        .header("X-API-Key", API_KEY).POST(HttpRequest.BodyPublishers.ofString("<not-soap/>"))),
                fast(HttpRequest.newBuilder(URI.create(apiUrl("/soap/orders?wsdl"))).GET()));
        for (HttpResponse<String> answer : answers) {
            assertThat(answer.headers().firstValue("X-Correlation-Id"))
                    .as("X-Correlation-Id of %s %s (%d)", answer.request().method(), answer.request().uri(),
                            answer.statusCode())
                    .hasValueSatisfying(id -> assertThat(id).matches("[A-Za-z0-9._:\\-]{1,128}"));
        }
        // an error answer's id is the one in its body, which support is asked to quote
        HttpResponse<String> refused = answers.get(2);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(json(refused).path("correlationId").asText())
                .isEqualTo(refused.headers().firstValue("X-Correlation-Id").orElseThrow());
    }

    @Test
    void the_wsdl_names_the_configured_address_whatever_host_the_caller_names() throws IOException {
        String answer = rawGet("/soap/orders?wsdl", "evil.example:6666");
        assertThat(answer).startsWith("HTTP/1.1 200");
        assertThat(answer).doesNotContain("evil.example");
        assertThat(answer).contains("location=\"" + PUBLIC_URL + "/soap/orders\"");
    }

    @Test
    void observe_info_tells_anonymous_callers_nothing_about_the_host() {
        HttpResponse<String> info = fast(HttpRequest.newBuilder(URI.create(apiUrl("/observe/info"))).GET());
        assertThat(info.body()).doesNotContain(System.getProperty("user.dir"))
                .doesNotContain(String.valueOf(ProcessHandle.current().pid()))
                .doesNotContain(System.getProperty("java.home"))
                .doesNotContain("\"user\"");
        // health stays open to probes
        assertThat(fast(HttpRequest.newBuilder(URI.create(apiUrl("/observe/health/live"))).GET()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void a_hawtio_logout_ends_the_session_without_a_stack_trace() {
        String base = adminConsole.url().replaceFirst("/hawtio/$", "");
        HttpResponse<String> login = fast(HttpRequest.newBuilder(URI.create(base + "/hawtio/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + ADMIN_USER + "\",\"password\":\""
                        + ADMIN_PASSWORD + "\"}")));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String cookie = login.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0])
                .filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow(
                        () -> new AssertionError("no session cookie in " + login.headers().map()));
        HttpRequest.Builder jolokia = HttpRequest.newBuilder(URI.create(base + "/hawtio/jolokia/version"))
                .header("Cookie", cookie).GET();
        assertThat(fast(jolokia).statusCode()).as("the session is logged in").isEqualTo(200);

        HttpResponse<String> logout = fast(HttpRequest.newBuilder(URI.create(base + "/hawtio/auth/logout"))
                .header("Cookie", cookie).GET());
        assertThat(logout.statusCode()).as(logout.body()).isIn(200, 302, 303);
        assertThat(logout.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("at org.");
        if (logout.statusCode() != 200) {
            assertThat(logout.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        }

        assertThat(fast(jolokia).statusCode()).as("the session after logout").isIn(401, 403);
    }

    // ------------------------------------------------------------------ secrets at startup

    @Test
    void secrets_given_at_startup_are_not_logged() throws IOException {
        List<String> lines;
        synchronized (LOG) {
            lines = LOG.list.stream().map(HostileHeadersIT::text).toList();
        }
        // the summary of what was configured is logged, masked
        assertThat(lines).anyMatch(line -> line.contains("ordersync.api.keys") && line.contains("xxxxxx"));
        for (String secret : List.of(API_KEY, API_KEY_2, "support-secret", API_PASSWORD_2, ADMIN_PASSWORD,
                DB_PASSWORD)) {
            assertThat(lines).as("log lines with %s", secret).noneMatch(line -> line.contains(secret));
        }

        // and every property of ordersync that names a secret is one Camel masks, so a new one cannot slip through
        Properties defaults = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            defaults.load(in);
        }
        List<String> secretNames = defaults.stringPropertyNames().stream()
                // by the last part of the name, as Camel decides: *password, *secret, *key(s), *token, *users, url
                .filter(name -> name.matches("(?i).*\\.([a-z-]*(password|secret|key|keys|token|users)|url)"))
                .filter(name -> !name.startsWith("camel.")).sorted().toList();
        assertThat(secretNames).contains("ordersync.api.keys", "ordersync.api.users", "ordersync.admin.users",
                "ordersync.db.password", "ordersync.db.url");
        assertThat(secretNames).allSatisfy(name -> assertThat(CamelContextHelper.containsSensitive(context, name))
                .as("%s is masked", name).isTrue());
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Bounded: a request that hangs (a producer blocked by a caller's header, 60 s) fails the test within seconds.
     * The first order of a fresh runtime is sent before, unbounded, so that warming up (mappings, schemas, the Kafka
     * producer, a loaded machine) is not mistaken for a hang.
     */
    private static HttpResponse<String> fast(HttpRequest.Builder request) {
        if (WARMED_UP.compareAndSet(false, true)) {
            assertThat(submit(crmOrder("us01-two-lines.json", newCrmId())).statusCode()).isEqualTo(202);
        }
        return send(request.timeout(Duration.ofSeconds(8)).build());
    }

    private static HttpRequest.Builder withHostileHeaders(HttpRequest.Builder request) {
        HOSTILE.forEach(request::header);
        return request;
    }

    private static HttpRequest.Builder echoBait(HttpRequest.Builder request) {
        return request.header("Set-Cookie", "session=evil").header("Location", "http://evil.example/")
                .header("X-Evil", "1").header("kafka.KEY", "evil-key");
    }

    private static String hostileQuery() {
        return HOSTILE.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private Set<String> topics() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                context.resolvePropertyPlaceholders("{{ordersync.kafka.brokers}}"));
        try (Admin admin = Admin.create(config)) {
            return admin.listTopics().names().get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("cannot list the topics", e);
        }
    }

    /** GET over a plain socket, with a Host header of the test's choosing (java.net.http does not allow one). */
    private static String rawGet(String path, String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", HTTP_PORT)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String soapOrder(String externalId) {
        try {
            return Files.readString(Path.of("src/test/resources/soap/submit-order-us01.xml"), StandardCharsets.UTF_8)
                    .replace("${externalId}", externalId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage());
        for (ch.qos.logback.classic.spi.IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            text.append(' ').append(t.getMessage());
        }
        return text.toString();
    }
}
