package io.ordersync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ordersync.intake.FileOrderIntake;
import io.ordersync.support.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The hostile-input battery: generated malformed JSON (orders, status events, quotes), SOAP envelopes and order files
 * sent to the real runtime, plus floods of one order. Every input must get a clear refusal (a 4xx problem JSON naming
 * what and where, with its correlation id; a SOAP Client fault) or be processed correctly; never a 5xx or a SOAP
 * Server fault, never a stack trace or a Java class name, nothing stored from broken input, a dead letter with the
 * reason where the design keeps one, health answering at the end. The counts per input class are printed and written
 * to target/hostile-input-summary.txt.
 *
 * <p>Bounded: every byte offset of the JSON samples and the SOAP envelope, a spread of offsets for order files (each
 * file waits for the inbox's read lock and minimum age, every offset would take minutes).
 */
@CamelMainTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT extends PipelineTestSupport {

    static {
        RuntimeProperties.withoutAdminConsole();
    }

    private static final Path INBOX = Path.of(RuntimeProperties.get("ordersync.files.inbox"));
    private static final HttpClient FAST = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    /** A stack trace line, a Java package-qualified name, or an exception's class name. */
    private static final Pattern LEAK = Pattern.compile("\\bat [\\w$.]+\\([\\w$]+\\.java:\\d+\\)"
            + "|\\b(java|javax|jakarta|sun|org\\.apache|org\\.xml|com\\.fasterxml|com\\.networknt|io\\.ordersync"
            + "|io\\.vertx|org\\.h2|org\\.postgresql)\\.[a-z][\\w$]*"
            // (not an element of a SOAP fault's detail, such as <ord:FieldError>)
            + "|(?<![<:/])\\b[A-Z][A-Za-z]*(Exception|Error)\\b|\\b[A-Z][A-Za-z]+Feature\\.[A-Z_]+");
    private static final Map<String, int[]> SUMMARY = new LinkedHashMap<>();
    private static final Random RANDOM = new Random(20261206L);

    @BeanInject("dataSource")
    DataSource dataSource;

    @BeanInject("fileOrderIntake")
    FileOrderIntake fileOrderIntake;

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    /** What an input must get: a refusal, or either a refusal or correct processing, or correct processing. */
    enum Expect { REFUSE, EITHER, ACCEPT }

    record Input(String inputClass, String label, String path, String contentType, byte[] body,
            Map<String, String> headers, Expect expect) {
    }

    record Outcome(Input input, int status, String body, java.net.http.HttpHeaders headers, long millis) {
    }

    @AfterAll
    void printSummary() throws IOException {
        pool.shutdownNow();
        StringBuilder text = new StringBuilder(String.format("%-34s %7s %8s %9s %5s%n", "input class", "tried",
                "refused", "accepted", "5xx"));
        SUMMARY.forEach((name, counts) -> text.append(String.format("%-34s %7d %8d %9d %5d%n", name, counts[0],
                counts[1], counts[2], counts[3])));
        System.out.println("Hostile-input battery\n" + text);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "hostile-input-summary.txt"), text.toString());
    }

    // ------------------------------------------------------------------ JSON: orders, status events, quotes

    @Test
    void json_orders_broken_every_way_are_refused_with_a_problem_and_create_nothing() throws Exception {
        byte[] order = crmOrder("us01-two-lines.json", newCrmId()).getBytes(StandardCharsets.UTF_8);
        List<Input> inputs = new ArrayList<>();
        inputs.addAll(truncations("json-order truncation", "/api/v1/orders", order));
        inputs.addAll(randomBodies("json-order random bytes", "/api/v1/orders", 40));
        inputs.addAll(wrongEncodings("json-order wrong encoding", "/api/v1/orders", orderWithUmlauts()));
        inputs.addAll(controlCharacters("json-order control chars", "/api/v1/orders",
                description -> orderWith("Description", description)));
        inputs.addAll(duplicateKeys("json-order duplicate keys", "/api/v1/orders", this::freshOrder));
        runRefusals(inputs, true);
    }

    @Test
    void json_orders_at_and_beyond_the_parser_limits_and_with_wrong_types_and_contract_bounds() throws Exception {
        List<Input> inputs = new ArrayList<>();
        inputs.addAll(jacksonLimits("json-order Jackson limits ±1", "/api/v1/orders", this::freshOrder, true));
        inputs.addAll(wrongTypes("json-order wrong types", "/api/v1/orders", this::freshOrder, "CrmOrder"));
        inputs.addAll(contractBounds("json contract bounds ±1"));
        runRefusals(inputs, true);
    }

    @Test
    void json_status_events_and_quotes_broken_every_way_are_refused_and_queue_nothing() throws Exception {
        String event = statusEvent();
        String quote = quote();
        List<Input> inputs = new ArrayList<>();
        inputs.addAll(truncations("json-status-event truncation", "/api/v1/status-events/wms",
                event.getBytes(StandardCharsets.UTF_8)));
        inputs.addAll(randomBodies("json-status-event random bytes", "/api/v1/status-events/wms", 20));
        inputs.addAll(wrongEncodings("json-status-event wrong encoding", "/api/v1/status-events/wms",
                event.replace("DAL1", "Müllerstraße")));
        inputs.addAll(controlCharacters("json-status-event control chars", "/api/v1/status-events/wms",
                value -> event.replace("\"DAL1\"", Json.write(value))));
        inputs.addAll(duplicateKeys("json-status-event duplicate keys", "/api/v1/status-events/wms",
                () -> (ObjectNode) read(statusEvent())));
        inputs.addAll(jacksonLimits("json-status-event Jackson limits ±1", "/api/v1/status-events/wms",
                () -> (ObjectNode) read(statusEvent()), false));
        inputs.addAll(truncations("json-quote truncation", "/api/v1/quotes/validate",
                quote.getBytes(StandardCharsets.UTF_8)));
        inputs.addAll(randomBodies("json-quote random bytes", "/api/v1/quotes/validate", 20));
        inputs.addAll(wrongEncodings("json-quote wrong encoding", "/api/v1/quotes/validate",
                quote.replace("NA-20001", "NÄ-20001")));
        inputs.addAll(controlCharacters("json-quote control chars", "/api/v1/quotes/validate",
                value -> quote.replace("\"BX\"", Json.write(value))));
        inputs.addAll(duplicateKeys("json-quote duplicate keys", "/api/v1/quotes/validate",
                () -> (ObjectNode) read(quote())));
        inputs.addAll(wrongTypes("json-quote wrong types", "/api/v1/quotes/validate", () -> (ObjectNode) read(quote()),
                "QuoteRequest"));
        runRefusals(inputs, true);
    }

    // ------------------------------------------------------------------ SOAP

    @Test
    void soap_envelopes_broken_every_way_get_a_client_fault_and_create_nothing() throws Exception {
        String envelope = soapOrder("SOAP-HOSTILE-" + UUID.randomUUID().toString().substring(0, 8));
        byte[] bytes = envelope.getBytes(StandardCharsets.UTF_8);
        List<Input> inputs = new ArrayList<>();
        // every offset of the prolog and the envelope's start (where the parser's states differ most), then every 4th:
        // every offset of the whole envelope (about 1,900) would take half a minute on its own
        for (int offset = 0; offset < bytes.length; offset += offset < 256 ? 1 : 4) {
            inputs.add(soap("soap truncation", "offset " + offset, java.util.Arrays.copyOf(bytes, offset),
                    whole(bytes, offset) ? Expect.EITHER : Expect.REFUSE));
        }
        for (int i = 0; i < 30; i++) {
            inputs.add(soap("soap random bytes", "random " + i, randomBytes(), Expect.REFUSE));
        }
        String umlauts = soapOrder(newSoapId()).replace("Test Hardware Inc.", SOAP_UMLAUTS);
        inputs.add(soap("soap wrong encoding", "UTF-16 bytes declared UTF-8", umlauts.getBytes(StandardCharsets.UTF_16LE),
                Expect.REFUSE));
        inputs.add(soap("soap wrong encoding", "UTF-16BE without BOM declared UTF-8",
                umlauts.getBytes(StandardCharsets.UTF_16BE), Expect.REFUSE));
        inputs.add(soap("soap wrong encoding", "Latin-1 bytes declared UTF-8",
                umlauts.getBytes(StandardCharsets.ISO_8859_1), Expect.REFUSE));
        inputs.add(soap("soap wrong encoding", "UTF-16 with BOM and declaration", soapOrder(newSoapId())
                .replace("Test Hardware Inc.", SOAP_UMLAUTS).replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"")
                .getBytes(StandardCharsets.UTF_16), Expect.EITHER));
        inputs.add(soap("soap wrong encoding", "Latin-1 declared Latin-1", soapOrder(newSoapId())
                .replace("Test Hardware Inc.", SOAP_UMLAUTS)
                .replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"").getBytes(StandardCharsets.ISO_8859_1),
                Expect.EITHER));
        inputs.add(soap("soap wrong encoding", "overlong UTF-8", replaceBytes(umlauts, "ü", new byte[] {(byte) 0xC0,
                (byte) 0xBC}), Expect.REFUSE));
        String head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
        String body = envelope.substring(envelope.indexOf("<soapenv:Envelope"));
        Map<String, String> doctypes = new LinkedHashMap<>();
        doctypes.put("internal entity", "<!DOCTYPE e [<!ENTITY x \"PWNED\">]>");
        doctypes.put("external entity", "<!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>");
        doctypes.put("external DTD", "<!DOCTYPE e SYSTEM \"http://127.0.0.1:1/evil.dtd\">");
        doctypes.put("parameter entity", "<!DOCTYPE e [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>");
        doctypes.put("billion laughs", "<!DOCTYPE e [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;"
                + "&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>");
        for (Map.Entry<String, String> doctype : doctypes.entrySet()) {
            String withEntity = head + doctype.getValue() + body.replace("Test Hardware Inc.",
                    doctype.getKey().contains("laughs") ? "&d;" : doctype.getKey().contains("parameter") ? "x" : "&x;");
            inputs.add(soap("soap DOCTYPE/entities", doctype.getKey(), withEntity.getBytes(StandardCharsets.UTF_8),
                    Expect.REFUSE));
        }
        inputs.add(soap("soap DOCTYPE/entities", "XInclude", soapOrder(newSoapId()).replace("<ord:Name>Test Hardware"
                + " Inc.</ord:Name>", "<ord:Name><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\""
                + " href=\"file:///etc/passwd\" parse=\"text\"/></ord:Name>").getBytes(StandardCharsets.UTF_8),
                Expect.REFUSE));
        for (int c = 0; c < 0x20; c++) {
            if (c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            inputs.add(soap("soap control chars", "raw U+" + hex(c), soapOrder(newSoapId())
                    .replace("Test Hardware Inc.", "Test" + (char) c + "Hardware").getBytes(StandardCharsets.UTF_8),
                    Expect.REFUSE));
            inputs.add(soap("soap control chars", "&#" + c + ";", soapOrder(newSoapId())
                    .replace("Test Hardware Inc.", "Test&#" + c + ";Hardware").getBytes(StandardCharsets.UTF_8),
                    Expect.REFUSE));
        }
        runRefusals(inputs, true);
        // what was accepted in another encoding (declared in the XML declaration) is stored as sent, not garbled
        Integer stored = new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM orders WHERE canonical_json"
                + " LIKE ?", Integer.class, "%" + SOAP_UMLAUTS + "%");
        assertThat(stored).isEqualTo(SUMMARY.get("soap wrong encoding")[2]);
    }

    private static final String SOAP_UMLAUTS = "Müller Grüße Übersee GmbH";

    // ------------------------------------------------------------------ order files

    @Test
    void order_files_broken_every_way_end_in_error_with_a_reason_or_are_processed_whole() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, Expect> expected = new LinkedHashMap<>();
        Map<String, String> classes = new LinkedHashMap<>();
        int n = 0;
        for (String sample : List.of("orders-2026-11-23.csv", "orders-2026-11-24.json", "orders-2026-11-25.xml")) {
            String extension = sample.substring(sample.lastIndexOf('.'));
            String format = extension.substring(1);
            int spread = 12;
            String content = uniqueFile(sample);
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < spread; i++) {
                // evenly spread, from the first byte to the last
                int offset = (int) ((long) i * (bytes.length - 1) / (spread - 1));
                String name = "hostile-" + (++n) + "-trunc-" + offset + extension;
                files.put(name, java.util.Arrays.copyOf(uniqueFile(sample).getBytes(StandardCharsets.UTF_8), offset));
                expected.put(name, Expect.EITHER);
                classes.put(name, "file " + format + " truncation");
            }
            for (int i = 0; i < 3; i++) {
                String name = "hostile-" + (++n) + "-random" + extension;
                files.put(name, randomBytes());
                expected.put(name, Expect.REFUSE);
                classes.put(name, "file " + format + " random bytes");
            }
            String umlauts = uniqueFile(sample).replace("Test Hardware Inc.", "Müller Grüße GmbH");
            String name = "hostile-" + (++n) + "-utf16" + extension;
            files.put(name, umlauts.getBytes(StandardCharsets.UTF_16));
            // XML declares its encoding and JSON's reader detects UTF-16 by its byte order mark; CSV has no way to say
            expected.put(name, format.equals("csv") ? Expect.REFUSE : Expect.EITHER);
            classes.put(name, "file " + format + " wrong encoding");
            name = "hostile-" + (++n) + "-latin1" + extension;
            files.put(name, umlauts.getBytes(StandardCharsets.ISO_8859_1));
            expected.put(name, Expect.REFUSE);
            classes.put(name, "file " + format + " wrong encoding");
            name = "hostile-" + (++n) + "-nul" + extension;
            files.put(name, uniqueFile(sample).replace("Springfield", "Spring\u0000field").getBytes(StandardCharsets.UTF_8));
            expected.put(name, Expect.REFUSE);
            classes.put(name, "file " + format + " control chars");
            name = "hostile-" + (++n) + "-empty" + extension;
            files.put(name, new byte[0]);
            expected.put(name, Expect.REFUSE);
            classes.put(name, "file " + format + " empty");
        }
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        int ordersBefore = orderCount();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path temporary = INBOX.resolve("." + file.getKey());
            Files.write(temporary, file.getValue());
            Files.move(temporary, INBOX.resolve(file.getKey()), StandardCopyOption.ATOMIC_MOVE);
        }
        // the same name again, once the first has left the inbox: both kept, each judged on its own
        String sameName = "hostile-same-name.csv";
        byte[] first = uniqueFile("orders-2026-11-23.csv").getBytes(StandardCharsets.UTF_8);
        byte[] second = java.util.Arrays.copyOf(first, first.length / 2);
        dropFile(sameName, first);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> !Files.exists(INBOX.resolve(sameName)));
        dropFile(sameName, second);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            try (Stream<Path> left = Files.list(INBOX)) {
                return left.noneMatch(p -> p.getFileName().toString().startsWith("hostile-"));
            }
        });

        List<String> wrong = new ArrayList<>();
        int expectedOrders = 0;
        List<String> refusedNames = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            String name = file.getKey();
            List<Path> done = archived("done", name);
            List<Path> error = archived("error", name);
            int[] counts = SUMMARY.computeIfAbsent(classes.get(name), k -> new int[4]);
            counts[0]++;
            if (done.size() + error.size() != 1) {
                wrong.add(name + ": archived " + done + " " + error);
                continue;
            }
            if (!error.isEmpty()) {
                counts[1]++;
                refusedNames.add(name);
            } else {
                counts[2]++;
                if (expected.get(name) == Expect.REFUSE) {
                    wrong.add(name + ": processed, should be refused");
                }
                expectedOrders += fileOrderIntake.prepare(name, file.getValue()).size();
            }
        }
        // the two files of the same name: the whole one processed, the truncated one judged on its own
        List<Path> sameDone = archived("done", sameName);
        List<Path> sameError = archived("error", sameName);
        assertThat(sameDone.size() + sameError.size()).as("both files named %s kept", sameName).isEqualTo(2);
        int[] same = SUMMARY.computeIfAbsent("file same-named", k -> new int[4]);
        same[0] += 2;
        same[1] += sameError.size();
        same[2] += sameDone.size();
        expectedOrders += fileOrderIntake.prepare(sameName, first).size();
        if (sameDone.size() == 2) {
            expectedOrders += fileOrderIntake.prepare(sameName, second).size();
        }
        assertThat(wrong).isEmpty();
        // nothing half-created: exactly the orders of the files processed
        assertThat(orderCount() - ordersBefore).isEqualTo(expectedOrders);
        // every refused file has its dead letter naming it and why
        for (String name : refusedNames) {
            List<String> reasons = jdbc.queryForList("SELECT exception_message FROM dead_letters WHERE route_id ="
                    + " 'order-file-inbox' AND exception_message LIKE ?", String.class, name + "%");
            assertThat(reasons).as("dead letter of %s", name).hasSize(1);
            assertThat(reasons.get(0).length()).as(reasons.get(0)).isGreaterThan(name.length() + 10);
            assertThat(reasons.get(0)).doesNotContainPattern(LEAK);
        }
        assertHealthy();
    }

    // ------------------------------------------------------------------ duplicate floods

    @Test
    void the_same_rest_order_sent_50_times_at_once_creates_one_order_and_one_erp_delivery() throws Exception {
        String crmId = newCrmId();
        String body = crmOrder("us01-two-lines.json", crmId);
        int before = orderCount();
        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(() -> fast(HttpRequest.newBuilder(URI.create(apiUrl("/api/v1/orders")))
                    .header("Content-Type", "application/json").header("X-API-Key", API_KEY)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build()));
        }
        List<HttpResponse<String>> answers = all(calls, 16);
        String orderId = null;
        int created = 0;
        int repeats = 0;
        for (HttpResponse<String> answer : answers) {
            HttpResponse<String> settled = answer;
            // an answer while the first copy is being stored says so and asks to retry: the retry is a repeat
            for (int retry = 0; settled.statusCode() == 409 && retry < 20; retry++) {
                assertThat(json(settled).path("error").asText()).isEqualTo("DUPLICATE_IN_PROGRESS");
                settled = fast(HttpRequest.newBuilder(URI.create(apiUrl("/api/v1/orders")))
                        .header("Content-Type", "application/json").header("X-API-Key", API_KEY)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            }
            assertThat(settled.statusCode()).as(settled.body()).isIn(200, 202);
            String id = json(settled).path("orderId").asText();
            orderId = orderId == null ? id : orderId;
            assertThat(id).isEqualTo(orderId);
            if (settled.statusCode() == 202) {
                created++;
            } else {
                repeats++;
            }
        }
        SUMMARY.put("flood REST same order x50", new int[] {50, 0, 50, 0});
        assertThat(created).as("first answer 202, the others repeats").isEqualTo(1);
        assertThat(repeats).isEqualTo(49);
        assertThat(orderCount() - before).isEqualTo(1);
        awaitOrderStatus(orderId, "ACCEPTED");
        String reference = erpReferenceOf(orderId);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> simulators.erpNa().createdOrderCount(reference) == 1);
        assertHealthy();
    }

    @Test
    void the_same_soap_order_sent_50_times_at_once_creates_one_order_and_one_erp_delivery() throws Exception {
        String externalId = newSoapId();
        byte[] body = soapOrder(externalId).getBytes(StandardCharsets.UTF_8);
        int before = orderCount();
        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(() -> fast(soapRequest(body)));
        }
        List<HttpResponse<String>> answers = all(calls, 16);
        Pattern orderIdTag = Pattern.compile("<ord:OrderId>([^<]+)</ord:OrderId>");
        String orderId = null;
        int created = 0;
        for (HttpResponse<String> answer : answers) {
            HttpResponse<String> settled = answer;
            for (int retry = 0; settled.body().contains("DUPLICATE_IN_PROGRESS") && retry < 20; retry++) {
                settled = fast(soapRequest(body));
            }
            assertThat(settled.statusCode()).as(settled.body()).isEqualTo(200);
            Matcher id = orderIdTag.matcher(settled.body());
            assertThat(id.find()).as(settled.body()).isTrue();
            orderId = orderId == null ? id.group(1) : orderId;
            assertThat(id.group(1)).isEqualTo(orderId);
            if (settled.body().contains("<ord:Duplicate>false</ord:Duplicate>")) {
                created++;
            } else {
                assertThat(settled.body()).contains("<ord:Duplicate>true</ord:Duplicate>");
            }
        }
        SUMMARY.put("flood SOAP same order x50", new int[] {50, 0, 50, 0});
        assertThat(created).isEqualTo(1);
        assertThat(orderCount() - before).isEqualTo(1);
        awaitOrderStatus(orderId, "ACCEPTED");
        String reference = erpReferenceOf(orderId);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> simulators.erpNa().createdOrderCount(reference) == 1);
        assertHealthy();
    }

    // ------------------------------------------------------------------ running and judging

    /**
     * Sends every input (4 at a time), judges each answer and fails listing every input that was answered wrongly.
     * Orders created must be exactly the answers that say so; dead letters exactly the refusals that keep one.
     */
    private void runRefusals(List<Input> inputs, boolean countOrders) throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        int ordersBefore = orderCount();
        String invalidLetters = "SELECT COUNT(*) FROM dead_letters WHERE status = 'INVALID'";
        Integer lettersBefore = jdbc.queryForObject(invalidLetters, Integer.class);
        long lastLetterBefore = jdbc.queryForObject("SELECT COALESCE(MAX(dead_letter_id), 0) FROM dead_letters",
                Long.class);
        List<Callable<Outcome>> calls = new ArrayList<>();
        for (Input input : inputs) {
            calls.add(() -> {
                long sent = System.nanoTime();
                HttpResponse<String> answer = fast(request(input));
                return new Outcome(input, answer.statusCode(), answer.body(), answer.headers(),
                        (System.nanoTime() - sent) / 1_000_000);
            });
        }
        long started = System.nanoTime();
        List<Outcome> outcomes = all(calls, 4);
        System.out.printf("Hostile-input battery: %d inputs answered in %d ms; slowest: %s%n", inputs.size(),
                (System.nanoTime() - started) / 1_000_000, outcomes.stream()
                        .sorted(java.util.Comparator.comparingLong(Outcome::millis).reversed()).limit(4)
                        .map(o -> o.input().label() + " " + o.millis() + " ms").toList());
        List<String> wrong = new ArrayList<>();
        int created = 0;
        int keptAsDeadLetter = 0;
        for (Outcome outcome : outcomes) {
            Input input = outcome.input();
            int[] counts = SUMMARY.computeIfAbsent(input.inputClass(), k -> new int[4]);
            counts[0]++;
            String problem = judge(outcome);
            boolean soap = input.path().startsWith("/soap");
            boolean refused = soap ? outcome.body().contains("<faultcode>soap:Client</faultcode>")
                    : outcome.status() >= 400 && outcome.status() < 500;
            boolean serverSide = soap ? outcome.body().contains("<faultcode>soap:Server</faultcode>")
                    || (outcome.status() >= 500 && !outcome.body().contains("<faultcode>"))
                    : outcome.status() >= 500;
            if (serverSide) {
                counts[3]++;
            } else if (refused) {
                counts[1]++;
            } else {
                counts[2]++;
            }
            if (problem == null && input.expect() == Expect.REFUSE && !refused) {
                problem = "accepted (" + outcome.status() + "), should be refused";
            }
            if (problem == null && input.expect() == Expect.ACCEPT && (refused || serverSide)) {
                problem = "refused, should be accepted";
            }
            if (problem != null) {
                wrong.add(input.inputClass() + " / " + input.label() + ": " + problem + " -> " + outcome.status() + " "
                        + abbreviate(outcome.body()));
            }
            if (outcome.status() == 422 && outcome.body().contains("\"REJECTED\"")
                    && input.path().equals("/api/v1/orders")) {
                created++; // an order of no configured legal entity is kept, REJECTED, with its reasons
            }
            if (!refused && !serverSide && (outcome.status() == 202 || soap && outcome.body().contains(
                    "<ord:Duplicate>false</ord:Duplicate>")) && (soap || input.path().equals("/api/v1/orders"))) {
                created++;
            }
            if (refused && keepsDeadLetter(outcome)) {
                keptAsDeadLetter++;
            }
        }
        assertThat(wrong).as("%d inputs, %d answered wrongly", inputs.size(), wrong.size()).isEmpty();
        if (countOrders) {
            assertThat(orderCount() - ordersBefore).as("orders stored").isEqualTo(created);
        }
        int finalKept = keptAsDeadLetter;
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                jdbc.queryForObject(invalidLetters, Integer.class) - lettersBefore)
                .as("dead letters kept").isEqualTo(finalKept));
        // (INVALID: refusals at intake; a delivery that fails later is no business of this count)
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letters WHERE dead_letter_id > ? AND"
                + " (exception_message IS NULL OR exception_message = '')", Integer.class, lastLetterBefore))
                .as("dead letters without a reason").isZero();
        assertHealthy();
    }

    /** What is wrong with the answer, whatever the input: null when nothing. */
    private static String judge(Outcome outcome) {
        String body = outcome.body();
        if (outcome.headers().firstValue("X-Correlation-Id").isEmpty()) {
            return "no X-Correlation-Id";
        }
        // (an operator's read of dead letters names exception classes on purpose; answers to submissions never)
        Matcher leak = LEAK.matcher(body);
        if ((outcome.status() >= 400 || outcome.input().body() != null) && leak.find()) {
            return "leaks '" + leak.group() + "' in '..." + body.substring(Math.max(0, leak.start() - 120),
                    Math.min(body.length(), leak.end() + 60)) + "...'";
        }
        if (outcome.input().path().startsWith("/soap")) {
            if (body.contains("<faultcode>soap:Server</faultcode>")) {
                return "Server fault for bad input";
            }
            if (body.contains("PWNED") || body.contains("root:")) {
                return "entity expanded";
            }
            if (outcome.status() >= 400 && !body.contains("<faultcode>soap:Client</faultcode>")) {
                return "refused without a Client fault";
            }
            if (body.contains("<faultcode>") && !body.matches("(?s).*<faultstring[^>]*>[^<]{10,}</faultstring>.*")) {
                return "fault without a reason";
            }
            return null;
        }
        if (outcome.status() >= 500) {
            return "5xx for bad input";
        }
        if (outcome.status() >= 400) {
            JsonNode problem;
            try {
                problem = Json.mapper().readTree(body);
            } catch (IOException e) {
                return "refusal is not JSON";
            }
            boolean rejection = outcome.status() == 422 && problem.path("status").asText().equals("REJECTED")
                    && problem.path("reasons").size() > 0 && problem.path("reasons").get(0).path("message").asText()
                    .length() >= 10;
            if (rejection) {
                return null; // stored as REJECTED with its reasons (the CRM is told through the events topic)
            }
            if (problem.path("error").asText().isEmpty() || problem.path("message").asText().length() < 10) {
                return "refusal without error and message";
            }
            if (!problem.path("correlationId").asText().equals(
                    outcome.headers().firstValue("X-Correlation-Id").orElse(""))) {
                return "correlationId differs from X-Correlation-Id";
            }
        }
        return null;
    }

    /** Refusals the design keeps as INVALID dead letters: JSON that is unreadable or invalid, SOAP Client faults. */
    private static boolean keepsDeadLetter(Outcome outcome) {
        if (outcome.input().path().startsWith("/soap")) {
            return outcome.body().contains("<faultcode>soap:Client</faultcode>");
        }
        if (outcome.status() != 400) {
            return false;
        }
        try {
            String error = Json.mapper().readTree(outcome.body()).path("error").asText();
            return error.equals("INVALID_JSON") || error.equals("VALIDATION_FAILED");
        } catch (IOException e) {
            return false;
        }
    }

    private static HttpRequest request(Input input) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiUrl(input.path())))
                .timeout(Duration.ofSeconds(20)).header("X-API-Key", API_KEY);
        input.headers().forEach(request::header);
        if (input.body() == null) {
            return request.GET().build();
        }
        if (input.contentType() != null) {
            request.header("Content-Type", input.contentType());
        }
        return request.POST(HttpRequest.BodyPublishers.ofByteArray(input.body())).build();
    }

    private <T> List<T> all(List<Callable<T>> calls, int parallel) throws Exception {
        ExecutorService executor = parallel == 4 ? pool : Executors.newFixedThreadPool(parallel);
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> future : executor.invokeAll(calls)) {
                results.add(future.get());
            }
            return results;
        } finally {
            if (executor != pool) {
                executor.shutdown();
            }
        }
    }

    private static HttpResponse<String> fast(HttpRequest request) {
        try {
            return FAST.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertHealthy() {
        HttpResponse<String> health = fast(HttpRequest.newBuilder(URI.create(apiUrl("/observe/health")))
                .timeout(Duration.ofSeconds(5)).GET().build());
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    }

    private int orderCount() {
        return new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM orders", Integer.class);
    }

    // ------------------------------------------------------------------ generators

    private static List<Input> truncations(String inputClass, String path, byte[] valid) {
        List<Input> inputs = new ArrayList<>();
        for (int offset = 0; offset < valid.length; offset++) {
            inputs.add(json(inputClass, "offset " + offset, path, java.util.Arrays.copyOf(valid, offset),
                    whole(valid, offset) ? Expect.EITHER : Expect.REFUSE));
        }
        return inputs;
    }

    /** Whether the first offset bytes are the whole sample but trailing white space (a cut that loses nothing). */
    private static boolean whole(byte[] sample, int offset) {
        return new String(sample, 0, offset, StandardCharsets.UTF_8).strip()
                .equals(new String(sample, StandardCharsets.UTF_8).strip());
    }

    private static List<Input> randomBodies(String inputClass, String path, int count) {
        List<Input> inputs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inputs.add(json(inputClass, "random " + i, path, randomBytes(), Expect.REFUSE));
        }
        // printable, JSON-looking noise
        String alphabet = "{}[]\":,0123456789.eE-+truefalsnl \\u";
        for (int i = 0; i < count / 2; i++) {
            StringBuilder noise = new StringBuilder("{");
            for (int j = RANDOM.nextInt(200); j > 0; j--) {
                noise.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
            }
            inputs.add(json(inputClass, "noise " + noise, path, noise.toString().getBytes(StandardCharsets.UTF_8),
                    Expect.REFUSE));
        }
        return inputs;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[1 + RANDOM.nextInt(1500)];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** The body in other encodings than UTF-8 (JSON is UTF-8 only: RFC 8259 section 8.1). */
    private static List<Input> wrongEncodings(String inputClass, String path, String body) {
        List<Input> inputs = new ArrayList<>();
        Map<String, byte[]> encoded = new LinkedHashMap<>();
        encoded.put("UTF-16 with BOM", body.getBytes(StandardCharsets.UTF_16));
        encoded.put("UTF-16LE without BOM", body.getBytes(StandardCharsets.UTF_16LE));
        encoded.put("UTF-16BE without BOM", body.getBytes(StandardCharsets.UTF_16BE));
        encoded.put("UTF-32", body.getBytes(Charset.forName("UTF-32")));
        encoded.put("Latin-1", body.getBytes(StandardCharsets.ISO_8859_1));
        encoded.put("overlong UTF-8", replaceBytes(body, "ü", new byte[] {(byte) 0xC0, (byte) 0xBC}));
        encoded.put("UTF-8 surrogate", replaceBytes(body, "ü", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}));
        encoded.put("lone continuation byte", replaceBytes(body, "ü", new byte[] {(byte) 0x80}));
        encoded.put("cut multi-byte sequence", replaceBytes(body, "ü", new byte[] {(byte) 0xC3}));
        encoded.forEach((label, bytes) -> inputs.add(json(inputClass, label, path, bytes, Expect.REFUSE)));
        inputs.add(new Input(inputClass, "UTF-16 declared", path, "application/json; charset=UTF-16",
                body.getBytes(StandardCharsets.UTF_16), Map.of(), Expect.REFUSE));
        inputs.add(new Input(inputClass, "Latin-1 declared", path, "application/json; charset=ISO-8859-1",
                body.getBytes(StandardCharsets.ISO_8859_1), Map.of(), Expect.REFUSE));
        return inputs;
    }

    /** The text as UTF-8 with its first non-ASCII character replaced by the bytes given. */
    private static byte[] replaceBytes(String text, String ignored, byte[] replacement) {
        int at = 0;
        while (text.charAt(at) < 0x80) {
            at++;
        }
        String target = text.substring(at, at + 1);
        byte[] before = text.substring(0, text.indexOf(target)).getBytes(StandardCharsets.UTF_8);
        byte[] after = text.substring(text.indexOf(target) + target.length()).getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[before.length + replacement.length + after.length];
        System.arraycopy(before, 0, all, 0, before.length);
        System.arraycopy(replacement, 0, all, before.length, replacement.length);
        System.arraycopy(after, 0, all, before.length + replacement.length, after.length);
        return all;
    }

    /**
     * U+0000..U+001F in a string value: raw (never valid JSON) and escaped (valid JSON, but nothing a business field
     * holds; tab, line feed and carriage return are ordinary text).
     */
    private static List<Input> controlCharacters(String inputClass, String path,
            java.util.function.Function<String, String> withValue) {
        List<Input> inputs = new ArrayList<>();
        for (int c = 0; c < 0x20; c++) {
            String raw = withValue.apply("x-MARK-x").replace("x-MARK-x", "A" + (char) c + "B");
            inputs.add(json(inputClass, "raw U+" + hex(c), path, raw.getBytes(StandardCharsets.UTF_8), Expect.REFUSE));
            boolean text = c == '\t' || c == '\n' || c == '\r';
            String escaped = withValue.apply("A" + (char) c + "B");
            inputs.add(json(inputClass, "escaped U+" + hex(c), path, escaped.getBytes(StandardCharsets.UTF_8),
                    text ? Expect.EITHER : Expect.REFUSE));
        }
        return inputs;
    }

    /** Every member of the body repeated with another value: which one counts would be the parser's guess. */
    private static List<Input> duplicateKeys(String inputClass, String path,
            java.util.function.Supplier<ObjectNode> sample) {
        List<Input> inputs = new ArrayList<>();
        ObjectNode template = sample.get();
        for (Iterator<String> names = template.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            String body = Json.write(sample.get());
            String repeated = body.substring(0, body.length() - 1) + "," + Json.write(name) + ":\"other\"}";
            inputs.add(json(inputClass, "repeated " + name, path, repeated.getBytes(StandardCharsets.UTF_8),
                    Expect.REFUSE));
        }
        return inputs;
    }

    /** Jackson's read limits (number length, nesting depth, string length, name length) at the limit and one over. */
    private static List<Input> jacksonLimits(String inputClass, String path,
            java.util.function.Supplier<ObjectNode> sample, boolean stringLength) {
        StreamReadConstraints limits = Json.mapper().getFactory().streamReadConstraints();
        List<Input> inputs = new ArrayList<>();
        for (int over = 0; over <= 1; over++) {
            Expect expect = over == 0 ? Expect.ACCEPT : Expect.REFUSE;
            String suffix = over == 0 ? " at the limit" : " one over";
            inputs.add(withExtra(inputClass, "number length" + suffix, path, sample.get(),
                    "1".repeat(limits.getMaxNumberLength() + over), expect));
            // the body is depth 1, the extra member's value depth 2
            int arrays = limits.getMaxNestingDepth() - 1 + over;
            inputs.add(withExtra(inputClass, "nesting depth" + suffix, path, sample.get(),
                    "[".repeat(arrays) + "]".repeat(arrays), expect));
            // 20 MB bodies take seconds each: tried on orders only (the same parser reads every JSON body)
            if (stringLength) {
                inputs.add(withExtra(inputClass, "string length" + suffix, path, sample.get(),
                        "\"" + "s".repeat(limits.getMaxStringLength() + over) + "\"",
                        over == 0 ? Expect.EITHER : Expect.REFUSE));
            }
            String longName = "n".repeat(limits.getMaxNameLength() + over);
            ObjectNode named = sample.get();
            String body = Json.write(named);
            inputs.add(json(inputClass, "name length" + suffix, path, (body.substring(0, body.length() - 1) + ",\""
                    + longName + "\":1}").getBytes(StandardCharsets.UTF_8), expect));
        }
        return inputs;
    }

    private static Input withExtra(String inputClass, String label, String path, ObjectNode sample, String rawValue,
            Expect expect) {
        String body = Json.write(sample);
        return json(inputClass, label, path, (body.substring(0, body.length() - 1) + ",\"hostileExtra\":" + rawValue
                + "}").getBytes(StandardCharsets.UTF_8), expect);
    }

    /**
     * Every member of the sample (at every depth, first array element) replaced by a value of each other JSON type.
     * Refused where the contract's schema types the member (null only where it is nullable); members the contract
     * does not describe may be ignored.
     */
    private static List<Input> wrongTypes(String inputClass, String path, java.util.function.Supplier<ObjectNode> sample,
            String schemaName) {
        JsonNode contract = contract();
        JsonNode schema = contract.path("components").path("schemas").path(schemaName);
        List<Input> inputs = new ArrayList<>();
        List<String> pointers = new ArrayList<>();
        collectPointers(sample.get(), "", pointers);
        Map<String, JsonNode> others = new LinkedHashMap<>();
        others.put("number", JsonNodeFactory.instance.numberNode(123));
        others.put("string", JsonNodeFactory.instance.textNode("text"));
        others.put("boolean", JsonNodeFactory.instance.booleanNode(true));
        others.put("null", JsonNodeFactory.instance.nullNode());
        others.put("array", JsonNodeFactory.instance.arrayNode());
        others.put("object", JsonNodeFactory.instance.objectNode());
        for (String pointer : pointers) {
            JsonNode declared = schemaAt(contract, schema, pointer);
            for (Map.Entry<String, JsonNode> other : others.entrySet()) {
                ObjectNode body = sample.get();
                JsonNode original = body.at(pointer);
                if (typeOf(original).equals(other.getKey())) {
                    continue;
                }
                replaceAt(body, pointer, other.getValue());
                Expect expect;
                if (declared == null || !declared.has("type")) {
                    expect = Expect.EITHER;
                } else if (other.getKey().equals("null")) {
                    expect = declared.path("nullable").asBoolean() ? Expect.EITHER : Expect.REFUSE;
                } else {
                    expect = matches(declared.path("type").asText(), other.getValue()) ? Expect.EITHER : Expect.REFUSE;
                }
                inputs.add(json(inputClass, pointer + " as " + other.getKey(), path,
                        Json.write(body).getBytes(StandardCharsets.UTF_8), expect));
            }
        }
        return inputs;
    }

    /**
     * Limits ±1 on every bounded item of the OpenAPI contract: query parameters with minimum/maximum (every list
     * operation), header parameters with maxLength, and minItems/minimum/maximum/maxLength in the request bodies.
     */
    private List<Input> contractBounds(String inputClass) {
        JsonNode contract = contract();
        List<Input> inputs = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = contract.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                JsonNode operation = method.getValue();
                String operationId = operation.path("operationId").asText();
                for (JsonNode parameter : operation.path("parameters")) {
                    JsonNode resolved = resolve(contract, parameter);
                    JsonNode schema = resolved.path("schema");
                    String name = resolved.path("name").asText();
                    String in = resolved.path("in").asText();
                    if (in.equals("query") && method.getKey().equals("get")) {
                        // the other required query parameters get a valid value, so that only this one is at its bound
                        String target = path.getKey() + "?" + otherRequiredQuery(contract, operation, name);
                        if (schema.has("minimum")) {
                            long min = schema.path("minimum").asLong();
                            inputs.add(get(inputClass, operationId + " " + name + "=" + (min - 1), target + name
                                    + "=" + (min - 1), Expect.REFUSE));
                            inputs.add(get(inputClass, operationId + " " + name + "=" + min, target + name
                                    + "=" + min, Expect.ACCEPT));
                        }
                        if (schema.has("maximum")) {
                            long max = schema.path("maximum").asLong();
                            inputs.add(get(inputClass, operationId + " " + name + "=" + max, target + name
                                    + "=" + max, Expect.ACCEPT));
                            inputs.add(get(inputClass, operationId + " " + name + "=" + (max + 1), target + name
                                    + "=" + (max + 1), Expect.REFUSE));
                        }
                    } else if (in.equals("header") && schema.has("maxLength") && operationId.equals("submitOrder")) {
                        int max = schema.path("maxLength").asInt();
                        for (int over = 0; over <= 1; over++) {
                            inputs.add(new Input(inputClass, operationId + " " + name + " length " + (max + over),
                                    "/api/v1/orders", "application/json", freshOrder().toString().getBytes(
                                    StandardCharsets.UTF_8), Map.of(name, UUID.randomUUID().toString().substring(0, 8)
                                    + "k".repeat(max + over - 8)), over == 0 ? Expect.ACCEPT : Expect.REFUSE));
                        }
                    }
                }
            }
        }
        // request bodies: minItems / minimum of the order's and the quote's schemas
        inputs.addAll(bodyBounds(inputClass, "/api/v1/orders", this::freshOrder, "CrmOrder", contract));
        inputs.addAll(bodyBounds(inputClass, "/api/v1/quotes/validate", () -> (ObjectNode) read(quote()),
                "QuoteRequest", contract));
        assertThat(inputs).as("bounded items found in the contract").hasSizeGreaterThanOrEqualTo(20);
        return inputs;
    }

    /** "a=x&b=x&" for the operation's required query parameters other than {@code except} (all strings today). */
    private static String otherRequiredQuery(JsonNode contract, JsonNode operation, String except) {
        StringBuilder query = new StringBuilder();
        for (JsonNode parameter : operation.path("parameters")) {
            JsonNode resolved = resolve(contract, parameter);
            if (resolved.path("in").asText().equals("query") && resolved.path("required").asBoolean()
                    && !resolved.path("name").asText().equals(except)) {
                query.append(resolved.path("name").asText()).append("=x&");
            }
        }
        return query.toString();
    }

    private static List<Input> bodyBounds(String inputClass, String path, java.util.function.Supplier<ObjectNode> sample,
            String schemaName, JsonNode contract) {
        List<Input> inputs = new ArrayList<>();
        List<String> pointers = new ArrayList<>();
        collectPointers(sample.get(), "", pointers);
        JsonNode schema = contract.path("components").path("schemas").path(schemaName);
        java.util.Set<String> exercised = new java.util.TreeSet<>();
        for (String pointer : pointers) {
            JsonNode declared = schemaAt(contract, schema, pointer);
            if (declared == null) {
                continue;
            }
            String label = schemaName + " " + pointer;
            boolean patterned = declared.has("pattern");
            if (declared.has("minItems") || declared.has("maxItems")) {
                exercised.add(pointer);
                List<long[]> sizes = new ArrayList<>();
                if (declared.has("minItems")) {
                    int min = declared.path("minItems").asInt();
                    sizes.add(new long[] {min - 1, 0});
                    sizes.add(new long[] {min, 1});
                }
                if (declared.has("maxItems")) {
                    int max = declared.path("maxItems").asInt();
                    sizes.add(new long[] {max, 1});
                    sizes.add(new long[] {max + 1, 0});
                }
                for (long[] size : sizes) {
                    ObjectNode body = sample.get();
                    ArrayNode items = (ArrayNode) body.at(pointer);
                    JsonNode first = items.get(0);
                    items.removeAll();
                    for (int i = 0; i < size[0]; i++) {
                        ObjectNode item = (ObjectNode) first.deepCopy();
                        // distinct line numbers, so that only the count is at its bound
                        if (item.has("OrderItemNumber")) {
                            item.put("OrderItemNumber", String.format("%010d", i + 1));
                        }
                        if (item.has("lineNumber")) {
                            item.put("lineNumber", i + 1);
                        }
                        items.add(item);
                    }
                    inputs.add(json(inputClass, label + " with " + size[0] + " items", path,
                            Json.write(body).getBytes(StandardCharsets.UTF_8), size[1] == 1 ? Expect.ACCEPT
                                    : Expect.REFUSE));
                }
            }
            if (declared.has("minimum") || declared.has("maximum")) {
                exercised.add(pointer);
                List<Object[]> values = new ArrayList<>();
                if (declared.has("minimum")) {
                    java.math.BigDecimal min = declared.path("minimum").decimalValue();
                    if (declared.path("exclusiveMinimum").asBoolean()) {
                        values.add(new Object[] {min, Expect.REFUSE});
                        values.add(new Object[] {min.add(new java.math.BigDecimal("0.0001")), Expect.ACCEPT});
                    } else {
                        values.add(new Object[] {min.subtract(java.math.BigDecimal.ONE), Expect.REFUSE});
                        values.add(new Object[] {min, Expect.ACCEPT});
                    }
                }
                if (declared.has("maximum")) {
                    java.math.BigDecimal max = declared.path("maximum").decimalValue();
                    values.add(new Object[] {max, Expect.ACCEPT});
                    values.add(new Object[] {max.add(java.math.BigDecimal.ONE), Expect.REFUSE});
                }
                for (Object[] value : values) {
                    ObjectNode body = sample.get();
                    replaceAt(body, pointer, JsonNodeFactory.instance.numberNode((java.math.BigDecimal) value[0]));
                    inputs.add(json(inputClass, label + "=" + value[0], path,
                            Json.write(body).getBytes(StandardCharsets.UTF_8), (Expect) value[1]));
                }
            }
            if (declared.has("minLength") || declared.has("maxLength")) {
                exercised.add(pointer);
                List<Object[]> lengths = new ArrayList<>();
                if (declared.has("minLength")) {
                    int min = declared.path("minLength").asInt();
                    lengths.add(new Object[] {min - 1, Expect.REFUSE});
                    lengths.add(new Object[] {min, patterned ? Expect.EITHER : Expect.ACCEPT});
                }
                if (declared.has("maxLength")) {
                    int max = declared.path("maxLength").asInt();
                    lengths.add(new Object[] {max, patterned ? Expect.EITHER : Expect.ACCEPT});
                    lengths.add(new Object[] {max + 1, Expect.REFUSE});
                }
                for (Object[] length : lengths) {
                    ObjectNode body = sample.get();
                    String original = body.at(pointer).asText("x");
                    int wanted = (Integer) length[0];
                    // the original value, cut or padded with its own last character (digits stay digits)
                    String padded = original.length() >= wanted ? original.substring(0, wanted)
                            : original + String.valueOf(original.isEmpty() ? 'x' : original.charAt(original.length() - 1))
                                    .repeat(wanted - original.length());
                    replaceAt(body, pointer, JsonNodeFactory.instance.textNode(padded));
                    inputs.add(json(inputClass, label + " of " + wanted + " characters", path,
                            Json.write(body).getBytes(StandardCharsets.UTF_8), (Expect) length[1]));
                }
            }
        }
        // every bounded member of the schema is in the sample, so a bound added to the contract is tried at once
        java.util.Set<String> bounded = new java.util.TreeSet<>();
        collectBounded(contract, schema, "", bounded);
        assertThat(exercised).as("bounded members of %s tried", schemaName).containsAll(bounded);
        return inputs;
    }

    /** JSON pointers (first array element) of every member of the schema with a size or range bound. */
    private static void collectBounded(JsonNode contract, JsonNode schema, String pointer, java.util.Set<String> found) {
        JsonNode resolved = resolve(contract, schema);
        for (String bound : List.of("minItems", "maxItems", "minimum", "maximum", "minLength", "maxLength")) {
            if (resolved.has(bound) && !pointer.isEmpty()) {
                found.add(pointer);
            }
        }
        resolved.path("properties").fields().forEachRemaining(property ->
                collectBounded(contract, property.getValue(), pointer + "/" + property.getKey(), found));
        if (resolved.has("items")) {
            collectBounded(contract, resolved.path("items"), pointer + "/0", found);
        }
    }

    private static Input get(String inputClass, String label, String path, Expect expect) {
        return new Input(inputClass, label, path, null, null, Map.of(), expect);
    }

    private static Input json(String inputClass, String label, String path, byte[] body, Expect expect) {
        return new Input(inputClass, label, path, "application/json", body, Map.of(), expect);
    }

    private static Input soap(String inputClass, String label, byte[] body, Expect expect) {
        return new Input(inputClass, label, "/soap/orders", "text/xml; charset=utf-8", body,
                Map.of("SOAPAction", "\"urn:ordersync:orders:v1:SubmitOrder\""), expect);
    }

    private static HttpRequest soapRequest(byte[] body) {
        return HttpRequest.newBuilder(URI.create(apiUrl("/soap/orders"))).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "text/xml; charset=utf-8").header("X-API-Key", API_KEY)
                .header("SOAPAction", "\"urn:ordersync:orders:v1:SubmitOrder\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    // ------------------------------------------------------------------ samples and the contract

    /** The US01 sample order with a fresh CRM id, and every member the contract bounds filled in. */
    private ObjectNode freshOrder() {
        ObjectNode order = (ObjectNode) read(crmOrder("us01-two-lines.json", newCrmId()));
        order.put("Incoterms__c", "FCA");
        order.put("Description", "hostile-input battery");
        order.set("BillingAddress", order.path("ShippingAddress").deepCopy());
        ObjectNode line = (ObjectNode) order.at("/OrderItems/records/0");
        line.put("Customer_Part_Number__c", "CP-100");
        line.put("Description", "Widget");
        return order;
    }

    private static String orderWith(String field, String value) {
        ObjectNode order = (ObjectNode) read(crmOrder("us01-two-lines.json", newCrmId()));
        order.put(field, value);
        return Json.write(order);
    }

    private static String orderWithUmlauts() {
        ObjectNode order = (ObjectNode) read(crmOrder("us01-two-lines.json", newCrmId()));
        ((ObjectNode) order.path("Account")).put("Name", "Müller Grüße GmbH");
        return Json.write(order);
    }

    /** A WMS allocation for an ERP order ordersync does not know: valid, parked when accepted. */
    private static String statusEvent() {
        return "{\"messageId\": \"WMS-" + UUID.randomUUID() + "\", \"messageType\": \"ALLOCATION\", \"timestamp\": \""
                + java.time.Instant.now() + "\", \"warehouse\": \"DAL1\", \"order\": {\"entity\": \"US01\","
                + " \"erpOrderNumber\": \"NA-HOSTILE-" + UUID.randomUUID().toString().substring(0, 8) + "\"},"
                + " \"lines\": [{\"line\": 1, \"item\": \"SKU-100\", \"qty\": 5, \"uom\": \"EA\"}]}";
    }

    private static String quote() {
        return "{\"legalEntity\": \"US01\", \"customerNumber\": \"NA-20001\", \"crmAccountId\": \"001T00000000NA01\","
                + " \"currency\": \"USD\", \"lines\": ["
                + "{\"lineNumber\": 10, \"sku\": \"HX-2040\", \"quantity\": 12, \"unitOfMeasure\": \"BX\"}]}";
    }

    private static String soapOrder(String externalId) {
        try {
            return Files.readString(Path.of("src/test/resources/soap/submit-order-us01.xml"), StandardCharsets.UTF_8)
                    .replace("${externalId}", externalId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String newSoapId() {
        return "SOAP-H-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** A demo order file with PO numbers of its own (so that every file stands on its own). */
    private static String uniqueFile(String sample) {
        try {
            String content = Files.readString(Path.of("src/main/resources/demo/files", sample), StandardCharsets.UTF_8);
            String token = UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
            return content.replaceAll("PO-F-(\\d+)", "PO-H" + token + "-$1");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void dropFile(String name, byte[] content) throws IOException {
        Path temporary = INBOX.resolve("." + name);
        Files.write(temporary, content);
        Files.move(temporary, INBOX.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Files archived under done/ or error/ (<date>/<time>-<name>, or the name made unique). */
    private static List<Path> archived(String folder, String name) {
        String base = name.substring(0, name.lastIndexOf('.'));
        String extension = name.substring(name.lastIndexOf('.'));
        Path root = INBOX.resolve(folder);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        Pattern unique = Pattern.compile(".*-" + Pattern.quote(base) + "-\\d+" + Pattern.quote(extension));
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-" + name)
                    || unique.matcher(p.getFileName().toString()).matches()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode contractDocument;

    private static synchronized JsonNode contract() {
        if (contractDocument == null) {
            try {
                contractDocument = new ObjectMapper(new YAMLFactory()).readTree(
                        Path.of("src/main/resources/openapi/ordersync-api.yaml").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return contractDocument;
    }

    private static JsonNode resolve(JsonNode contract, JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            current = contract.at(current.path("$ref").asText().substring(1));
        }
        return current;
    }

    /** The schema of the member at the JSON pointer (array indexes step into items), or null. */
    private static JsonNode schemaAt(JsonNode contract, JsonNode schema, String pointer) {
        JsonNode current = resolve(contract, schema);
        for (String step : pointer.substring(1).split("/")) {
            if (step.matches("\\d+")) {
                current = resolve(contract, current.path("items"));
            } else {
                current = resolve(contract, current.path("properties").path(step));
            }
            if (current.isMissingNode()) {
                return null;
            }
        }
        return current;
    }

    private static void collectPointers(JsonNode node, String prefix, List<String> pointers) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                String pointer = prefix + "/" + field.getKey();
                pointers.add(pointer);
                collectPointers(field.getValue(), pointer, pointers);
            });
        } else if (node.isArray() && !node.isEmpty()) {
            collectPointers(node.get(0), prefix + "/0", pointers);
        }
    }

    private static void replaceAt(ObjectNode body, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = slash == 0 ? body : body.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
    }

    private static String typeOf(JsonNode node) {
        return switch (node.getNodeType()) {
            case NUMBER -> "number";
            case STRING -> "string";
            case BOOLEAN -> "boolean";
            case NULL -> "null";
            case ARRAY -> "array";
            default -> "object";
        };
    }

    private static boolean matches(String type, JsonNode value) {
        return switch (type) {
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "string" -> value.isTextual();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            default -> true;
        };
    }

    private static JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hex(int c) {
        return String.format("%04X", c);
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
