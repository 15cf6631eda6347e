package io.ordersync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordersync.TestPostgres;
import io.ordersync.demo.EmbeddedKafka;
import io.ordersync.demo.sim.ErpOrder;
import io.ordersync.demo.sim.RecordedRequest;
import io.ordersync.demo.sim.Simulators;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of the production artefact ({@code ordersync-server.jar}, prod profile) side by side against one
 * PostgreSQL and one Kafka broker, as docs/production.md "Scale-out" describes them, and one of them killed (kill -9)
 * while orders flow. The broker, the ERPs and the CRM (simulated) are this test's own.
 * <p>
 * {@value #ORDERS} CRM orders are sent over both replicas by {@value #SENDERS} callers, half to each, as a load balancer
 * would; a caller whose replica does not answer sends the same order to the other one (its CRM id makes the repeat
 * a duplicate, never a second order). {@value #EDI_FILES} partner EDI files are dropped into the inbox both replicas
 * read. Two orders in every ten get a warehouse allocation (a WMS status event) as soon as they are accepted, sent to
 * the replica that took the order. The held-events reconciliation fires every 5 seconds through Quartz's clustered job store. After
 * {@value #KILL_AFTER} orders have been answered and B has taken a few status events, replica B is killed. Then:
 * <ul>
 * <li>every order answered 202 reaches ACCEPTED, those B answered included: nothing lost;</li>
 * <li>the ERP created each order once: nothing duplicated;</li>
 * <li>each EDI file was processed once: one interchange, one order, moved to .done once, no duplicate;</li>
 * <li>each status event was recorded once on its order, those B took (and those sent again to A) included;</li>
 * <li>the control numbers of what ordersync sent the partner (acknowledgements, 855s) are unique;</li>
 * <li>each 5-second trigger of the reconciliation ran once, on one replica;</li>
 * <li>the survivor took over B's partitions: the orders waiting on them reached the ERP.</li>
 * </ul>
 * The figures (time to drain, repeats of ERP calls, who did what) are printed for the record.
 */
class TwoReplicasPostgresJarIT {

    private static final int ORDERS = 2_000;
    private static final int KILL_AFTER = 800;
    private static final int SENDERS = 8;
    private static final int EDI_FILES = 20;
    private static final String API_KEY = "replicas-crm-key";
    private static final String ACME_KEY = "replicas-acme-key";
    private static final String WMS_KEY = "replicas-wms-key";
    /** Two orders in every ten get a warehouse allocation once accepted: 400, half through each replica. */
    private static final int EVENT_EVERY = 10;
    private static final int EVENTS_BY_B_BEFORE_KILL = 5;
    private static final Path LOGS = Path.of("target", "replicas-it");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path work;
    private static int postgresPort;
    private static EmbeddedPostgres postgres;
    private static EmbeddedKafka kafka;
    private static Simulators systems;
    private static RunnerProcess replicaA;
    private static RunnerProcess replicaB;

    @BeforeAll
    static void startBothReplicas() throws IOException {
        work = Files.createTempDirectory("ordersync-replicas-");
        postgresPort = RunnerProcess.freePort();
        postgres = TestPostgres.startPrivate(work.resolve("postgres"), postgresPort);
        kafka = EmbeddedKafka.start(work.resolve("kafka"));
        systems = Simulators.start(0, 0, 0);
        replicaA = startReplica("a");
        replicaB = startReplica("b");
        replicaA.awaitReady(Duration.ofMinutes(2));
        replicaB.awaitReady(Duration.ofMinutes(2));
    }

    @AfterAll
    static void stopAll() throws IOException {
        for (AutoCloseable closeable : new AutoCloseable[] {replicaA, replicaB, systems, kafka, postgres}) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    System.out.println("closing " + closeable + ": " + e);
                }
            }
        }
        if (work != null) {
            io.ordersync.TestFiles.deleteRecursively(work);
        }
    }

    @Test
    void two_replicas_lose_and_duplicate_nothing_when_one_is_killed_mid_flight() throws Exception {
        List<String> ediPurchaseOrders = dropEdiFiles();
        Map<String, Answer> answers = new ConcurrentHashMap<>();
        AtomicInteger answered = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        Instant[] killedAt = new Instant[1];
        Instant started = Instant.now();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        // the warehouse reports an allocation for two orders in ten as soon as they are accepted, while orders still
        // flow and across the kill, to the replica that took the order (to A once B is gone)
        ExecutorService warehouse = Executors.newFixedThreadPool(2);
        Map<String, EventAnswer> events = new ConcurrentHashMap<>();
        List<Future<?>> reported = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger eventsByB = new AtomicInteger();
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) {
                boolean toB = i % 2 == 1;
                boolean withEvent = i % EVENT_EVERY == 0 || i % EVENT_EVERY == 5;
                sent.add(senders.submit(() -> {
                    String crmId = "801R" + UUID.randomUUID().toString().replace("-", "").substring(0, 14).toUpperCase();
                    Answer answer = send(crmId, toB);
                    answers.put(crmId, answer);
                    if (withEvent) {
                        reported.add(warehouse.submit(() -> {
                            EventAnswer event = reportAllocation(answer.orderId(), toB);
                            events.put(answer.orderId(), event);
                            if (event.by().equals("b")) {
                                eventsByB.incrementAndGet();
                                killBOnce(answered, eventsByB, killed, killedAt);
                            }
                            return event;
                        }));
                    }
                    answered.incrementAndGet();
                    killBOnce(answered, eventsByB, killed, killedAt);
                    return null;
                }));
            }
            for (Future<?> future : sent) {
                future.get();
            }
            for (Future<?> future : new ArrayList<>(reported)) {
                future.get();
            }
        } finally {
            senders.shutdownNow();
            warehouse.shutdownNow();
        }
        Instant allAnswered = Instant.now();
        assertThat(killed).isTrue();
        assertThat(answers).hasSize(ORDERS);
        assertThat(answers.values()).allMatch(answer -> answer.status() == 202 || answer.status() == 200);
        Set<String> orderIds = answers.values().stream().map(Answer::orderId).collect(Collectors.toSet());
        assertThat(orderIds).as("one order per CRM order, a repeat sent to the other replica included").hasSize(ORDERS);

        // nothing lost: every order answered reaches its ERP outcome and the CRM hears of it; those with a
        // warehouse allocation go on to ALLOCATED
        int allocated = events.size();
        assertThat(allocated).isEqualTo(ORDERS / EVENT_EVERY * 2);
        assertThat(events.values()).allMatch(event -> event.status() == 202);
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(statuses(orderIds)).as("status of the %d orders", ORDERS)
                        .containsOnly(Map.entry("ACCEPTED", ORDERS - allocated), Map.entry("ALLOCATED", allocated)));
        Instant allAccepted = Instant.now();
        // each status event recorded once, on the order it names, whichever replica took it and consumed it
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(query("SELECT order_id FROM order_events WHERE event_type = 'OrderAllocated'"))
                        .filteredOn(orderIds::contains).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(events.keySet()));
        long eventsTakenByB = events.values().stream().filter(event -> event.by().equals("b")).count();
        assertThat(eventsTakenByB).as("allocations B took before it died").isPositive();

        // nothing duplicated at the ERP: one ERP order per ordersync order
        Map<String, Long> erpOrdersPerOrder = systems.erpNa().orders().stream()
                .filter(order -> orderIds.contains(order.ordersyncOrderId()))
                .collect(Collectors.groupingBy(ErpOrder::ordersyncOrderId, Collectors.counting()));
        assertThat(erpOrdersPerOrder).hasSize(ORDERS);
        assertThat(erpOrdersPerOrder.values()).allMatch(count -> count == 1L);
        Map<String, Integer> callsPerOrder = new HashMap<>();
        for (RecordedRequest request : systems.erpNa().receivedRequests()) {
            if ("POST".equals(request.method())) {
                Matcher id = Pattern.compile("ord-[0-9a-f-]{36}").matcher(request.body());
                if (id.find() && orderIds.contains(id.group())) {
                    callsPerOrder.merge(id.group(), 1, Integer::sum);
                }
            }
        }
        Set<String> crmIdsUpdated = new java.util.HashSet<>();
        for (RecordedRequest request : systems.crm().receivedRequests()) {
            Matcher id = Pattern.compile("/sobjects/Order/(801R[0-9A-F]{14})").matcher(request.path());
            if (id.find()) {
                crmIdsUpdated.add(id.group(1));
            }
        }
        assertThat(crmIdsUpdated).as("every order's status went back to the CRM").containsAll(answers.keySet());

        // each EDI file once: one interchange, its order accepted, one acknowledgement, moved to .done once
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(query("SELECT control_number FROM edi_interchanges WHERE partner = 'acme-hardware'"))
                    .hasSize(EDI_FILES).doesNotHaveDuplicates();
            assertThat(query("SELECT external_id || ' ' || status FROM orders WHERE source_channel = 'EDI'"))
                    .containsExactlyInAnyOrderElementsOf(ediPurchaseOrders.stream().map(po -> po + " ACCEPTED")
                            .toList());
            assertThat(filesUnder(work.resolve("edi/inbox/.done"))).hasSize(EDI_FILES);
            // a 997 per file and an 855 per accepted order, at least
            assertThat(outboundControlNumbers()).hasSizeGreaterThanOrEqualTo(2 * EDI_FILES);
        });
        assertThat(query("SELECT COUNT(*) FROM edi_duplicates")).containsExactly("0");
        assertThat(filesIn(work.resolve("edi/inbox"))).as("left unread").isEmpty();
        assertThat(filesUnder(work.resolve("edi/inbox/.error"))).isEmpty();
        // the control numbers ordersync sends the partner are unique, though two processes numbered documents at once
        assertThat(outboundControlNumbers()).doesNotHaveDuplicates();

        // Quartz's clustered store: each 5-second trigger of the held-events check ran once, on one replica. Two
        // replicas firing the same trigger would start within milliseconds of each other; distinct triggers start
        // about 5 s apart (2 s allows for a busy scheduler thread). When B dies holding the next trigger, the survivor
        // takes the triggers B missed (Quartz's recovery and misfire catch-up) at once, then keeps the schedule alone.
        String survivor = ":" + replicaA.pid();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(query("SELECT instance_name FROM reconciliation_runs WHERE job = 'held-events'"
                        + " AND started_at > TIMESTAMP WITH TIME ZONE '" + killedAt[0].plusSeconds(20) + "'"))
                        .as("after the kill, the survivor runs the schedule alone").hasSizeGreaterThanOrEqualTo(2)
                        .allMatch(instance -> instance.endsWith(survivor)));
        List<String> runs = query("SELECT instance_name || ' ' || started_at FROM reconciliation_runs"
                + " WHERE job = 'held-events' ORDER BY started_at");
        List<Long> startedMillis = query("SELECT CAST(EXTRACT(EPOCH FROM started_at) * 1000 AS BIGINT)"
                + " FROM reconciliation_runs WHERE job = 'held-events' ORDER BY started_at").stream()
                .map(Long::parseLong).toList();
        long kill = killedAt[0].toEpochMilli();
        long takeover = startedMillis.stream().filter(at -> at > kill).findFirst().orElseThrow();
        List<Long> recovery = startedMillis.stream().filter(at -> at >= takeover && at < takeover + 2_000)
                .toList();
        List<Long> steady = startedMillis.stream().filter(at -> at < kill || at >= takeover + 2_000)
                .toList();
        assertThat(startedMillis.stream().filter(at -> at < kill)).as("scheduled runs before the kill: %s",
                runs).hasSizeGreaterThanOrEqualTo(2);
        for (int i = 1; i < steady.size(); i++) {
            if (steady.get(i - 1) < kill && steady.get(i) >= takeover) {
                continue;
            }
            assertThat(steady.get(i) - steady.get(i - 1)).as("gap before a run, in %s", runs)
                    .isGreaterThanOrEqualTo(2_000L);
        }
        long missedTriggers = (takeover - kill) / 5_000 + 1;
        assertThat(recovery).as("the survivor's catch-up for the %d triggers B missed, in %s", missedTriggers, runs)
                .hasSizeLessThanOrEqualTo((int) missedTriggers + 1);
        Map<String, Long> runsByInstance = runs.stream().map(run -> run.split(" ")[0])
                .collect(Collectors.groupingBy(name -> name, TreeMap::new, Collectors.counting()));

        // the survivor took over: B's orders, and the Kafka partitions it held, were served by A
        long answeredByB = answers.values().stream().filter(answer -> answer.by().equals("b")).count();
        long repeatedToA = answers.values().stream().filter(Answer::failedOver).count();
        assertThat(answeredByB).as("orders B answered before it died").isGreaterThan(KILL_AFTER / 4);
        assertThat(replicaA.isAlive()).isTrue();

        long repeatedCalls = callsPerOrder.values().stream().filter(count -> count > 1).count();
        System.out.printf("Two replicas, %d orders from %d callers, B killed after %d answers (%s after the start):%n"
                        + "  all answered in %s (B answered %d, %d sent again to A after B failed them)%n"
                        + "  all ACCEPTED %s after the start, %s after the kill; %.0f orders/s end to end%n"
                        + "  ERP: %d orders created, each once; %d orders called more than once (at-least-once"
                        + " delivery, the ERP's idempotency key kept them single), %d calls in all%n"
                        + "  EDI: %d files, each one interchange and one order; %d documents sent, control numbers"
                        + " unique%n"
                        + "  held-events runs: %d, one per trigger; by instance: %s; the survivor took over %s after"
                        + " the kill with %d catch-up runs%n"
                        + "  status events: %d warehouse allocations, each recorded once (B took %d, %d sent again to"
                        + " A after B failed them)%n",
                ORDERS, SENDERS, KILL_AFTER, Duration.between(started, killedAt[0]),
                Duration.between(started, allAnswered), answeredByB, repeatedToA,
                Duration.between(started, allAccepted), Duration.between(killedAt[0], allAccepted),
                ORDERS * 1000.0 / Duration.between(started, allAccepted).toMillis(),
                erpOrdersPerOrder.size(), repeatedCalls, callsPerOrder.values().stream().mapToInt(i -> i).sum(),
                EDI_FILES, outboundControlNumbers().size(), runs.size(), runsByInstance,
                Duration.ofMillis(takeover - kill), recovery.size(), allocated, eventsTakenByB,
                events.values().stream().filter(EventAnswer::failedOver).count());
    }

    /**
     * B dies once {@value #KILL_AFTER} orders were answered and it has taken {@value #EVENTS_BY_B_BEFORE_KILL} status
     * events, so that the kill falls among orders and events that B took and A must finish.
     */
    private static void killBOnce(AtomicInteger answered, AtomicInteger eventsByB, AtomicBoolean killed,
                                  Instant[] killedAt) {
        if (answered.get() >= KILL_AFTER && eventsByB.get() >= EVENTS_BY_B_BEFORE_KILL
                && killed.compareAndSet(false, true)) {
            replicaB.kill9();
            killedAt[0] = Instant.now();
        }
    }

    /** The warehouse's answer to a status event: status, the replica that gave it, whether the first failed it. */
    private record EventAnswer(int status, String by, boolean failedOver) {
    }

    /**
     * The warehouse reports the allocation of an accepted order (it knows the order by its ERP number, so it waits for
     * the ERP's answer) to the replica that took the order; when that replica does not answer, to the other one.
     */
    private static EventAnswer reportAllocation(String orderId, boolean toB) throws Exception {
        String erpNumber = await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200)).until(() ->
                query("SELECT erp_order_number FROM orders WHERE order_id = '" + orderId + "'"
                        + " AND erp_order_number IS NOT NULL").stream().findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
        String event = "{\"messageId\": \"WMS-" + orderId + "\", \"messageType\": \"ALLOCATION\", \"timestamp\": \""
                + Instant.now() + "\", \"warehouse\": \"DAL1\", \"order\": {\"entity\": \"US01\", \"erpOrderNumber\": \""
                + erpNumber + "\"}, \"lines\": [{\"line\": 1, \"item\": \"SKU-100\", \"qty\": 2, \"uom\": \"EA\"}]}";
        boolean failedOver = false;
        for (int attempt = 0; attempt < 20; attempt++) {
            boolean useB = toB && !failedOver && replicaB.isAlive();
            RunnerProcess replica = useB ? replicaB : replicaA;
            try {
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(
                                URI.create(replica.baseUrl() + "/api/v1/status-events/wms"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json")
                        .header("X-API-Key", WMS_KEY)
                        .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 503) {
                    assertThat(answer.statusCode()).as("allocation of %s: %s", orderId, answer.body()).isEqualTo(202);
                    return new EventAnswer(answer.statusCode(), useB ? "b" : "a", failedOver);
                }
            } catch (IOException noAnswer) {
                // refused or reset: the replica is gone
            }
            failedOver = failedOver || useB;
        }
        throw new AssertionError("the allocation of " + orderId + " was never answered");
    }

    /** A caller's answer: status, order id, the replica that gave it, and whether the first replica failed it. */
    private record Answer(int status, String orderId, String by, boolean failedOver) {
    }

    /**
     * Sends one CRM order to its replica; when that replica does not answer (refused, reset, or a 503 while it
     * stops), sends the same order to the other, as a load balancer would retry.
     */
    private static Answer send(String crmId, boolean toB) {
        String order = crmOrder(crmId);
        boolean failedOver = false;
        for (int attempt = 0; attempt < 20; attempt++) {
            boolean useB = toB && !failedOver && replicaB.isAlive();
            RunnerProcess replica = useB ? replicaB : replicaA;
            try {
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(
                                URI.create(replica.baseUrl() + "/api/v1/orders"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json")
                        .header("X-API-Key", API_KEY)
                        .POST(HttpRequest.BodyPublishers.ofString(order)).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 202 || answer.statusCode() == 200) {
                    return new Answer(answer.statusCode(), JSON.readTree(answer.body()).path("orderId").asText(),
                            useB ? "b" : "a", failedOver);
                }
                if (answer.statusCode() != 503) {
                    throw new AssertionError("order " + crmId + ": " + answer.statusCode() + " " + answer.body());
                }
            } catch (IOException noAnswer) {
                // refused or reset: the replica is gone
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            failedOver = failedOver || useB;
        }
        throw new AssertionError("order " + crmId + " was never answered");
    }

    private static RunnerProcess startReplica(String name) {
        Map<String, String> env = new HashMap<>();
        env.put("ORDERSYNC_DB_URL", "jdbc:postgresql://localhost:" + postgresPort + "/postgres");
        env.put("ORDERSYNC_DB_USER", TestPostgres.USER);
        env.put("ORDERSYNC_DB_PASSWORD", TestPostgres.PASSWORD);
        env.put("ORDERSYNC_KAFKA_BROKERS", kafka.bootstrapServers());
        env.put("ORDERSYNC_ERP_NA_URL", systems.erpNa().baseUrl());
        env.put("ORDERSYNC_ERP_EMEA_URL", systems.erpEmea().baseUrl());
        env.put("ORDERSYNC_CRM_URL", systems.crm().baseUrl());
        env.put("ORDERSYNC_API_KEYS", "crm:" + API_KEY + ",acme:" + ACME_KEY + ",wms:" + WMS_KEY);
        env.put("ORDERSYNC_API_AUTH", "api-key");
        env.put("ORDERSYNC_ADMIN_ENABLED", "false");
        // one inbox and outbox for both, as a shared volume gives them
        env.put("ORDERSYNC_EDI_INBOX", work.resolve("edi/inbox").toString());
        env.put("ORDERSYNC_EDI_OUTBOX", work.resolve("edi/outbox").toString());
        env.put("ORDERSYNC_FILES_INBOX", work.resolve("files/inbox").toString());
        List<String> jvmArgs = new ArrayList<>(List.of("-Dordersync.reconcile.held-events.cron=0/5 * * * * ?"));
        for (String job : List.of("crm-status", "invoice-totals", "erp-status", "stuck-orders",
                "overdue-acknowledgements")) {
            jvmArgs.add("-Dordersync.reconcile." + job + ".cron=0 0 0 1 1 ? 2099");
        }
        return RunnerProcess.start(RunnerProcess.SERVER_JAR, env, jvmArgs, LOGS.resolve("replica-" + name + ".log"));
    }

    /** Writes the partner's 850 files into the shared inbox, each whole at once (a rename), and returns their POs. */
    private static List<String> dropEdiFiles() throws IOException {
        Path inbox = work.resolve("edi/inbox");
        Files.createDirectories(inbox);
        String sample = Files.readString(Path.of("src/test/resources/edi/samples/acme-850-clean.x12"));
        List<String> purchaseOrders = new ArrayList<>();
        for (int i = 0; i < EDI_FILES; i++) {
            String po = "PO-REPLICAS-" + (1000 + i);
            Path written = work.resolve("acme-" + i + ".x12");
            Files.writeString(written, sample.replace("000000101", String.format("%09d", 700_000 + i))
                    .replace("PO-ACME-1001", po));
            Files.move(written, inbox.resolve("acme-" + i + ".x12"), StandardCopyOption.ATOMIC_MOVE);
            purchaseOrders.add(po);
        }
        return purchaseOrders;
    }

    /** The ISA13 control numbers of the interchanges ordersync wrote for the partner (acknowledgements, 855s). */
    private static List<String> outboundControlNumbers() throws IOException {
        List<String> numbers = new ArrayList<>();
        for (Path file : filesUnder(work.resolve("edi/outbox/acme-hardware"))) {
            String text = Files.readString(file, StandardCharsets.ISO_8859_1);
            String[] isa = text.substring(0, Math.min(text.length(), 106)).split("\\*");
            if (isa.length > 13 && isa[0].endsWith("ISA")) {
                numbers.add(isa[13]);
            }
        }
        return numbers;
    }

    /** Files in the folder and its subfolders (the inbox archives by day: .done/yyyyMMdd/name). */
    private static List<Path> filesUnder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static List<Path> filesIn(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** Status to count of the given orders. */
    private static Map<String, Integer> statuses(Set<String> orderIds) throws SQLException {
        Map<String, Integer> counts = new TreeMap<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT order_id, status FROM orders")) {
            while (rows.next()) {
                if (orderIds.contains(rows.getString(1))) {
                    counts.merge(rows.getString(2), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    /** The first column of every row, as text. */
    private static List<String> query(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + postgresPort + "/postgres",
                TestPostgres.USER, TestPostgres.PASSWORD);
    }

    private static String crmOrder(String crmId) {
        try {
            return Files.readString(Path.of("src/test/resources/orders/us01-two-lines.json"), StandardCharsets.UTF_8)
                    .replace("${crmId}", crmId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
