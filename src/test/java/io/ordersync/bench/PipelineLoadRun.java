package io.ordersync.bench;

import io.ordersync.TestPostgres;
import io.ordersync.demo.sim.Simulators;
import io.ordersync.order.CanonicalOrder;
import io.ordersync.support.Json;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.main.Main;

/**
 * One measurement JVM of the load harness ({@link PipelineLoad} starts it): boots the real runtime in the demo profile
 * (embedded broker unless {@code --brokers}, simulators on free ports) on H2 (a file database, as the demo) or on
 * PostgreSQL (embedded binaries), then either only times readiness ({@code --mode start}) or runs the load phases
 * ({@code --mode load}) and writes what it measured, as JSON, to {@code --out}.
 * <p>
 * Load phases, in order: warm-up; the REST intake against the floor ({@link FloorRoute}) at saturation, in alternating
 * rounds, with the ERP dispatch stopped so that both measure the accept alone; latency of both at half the intake's
 * saturation rate; the dispatch backlog draining; a burst of orders from POST to the CRM update with everything
 * running; an EDI file of purchase orders to the ERP. Heap and GC are sampled throughout.
 */
public final class PipelineLoadRun {

    private static final String API_KEY = "demo-crm-key";
    private static final String PARTNER_KEY = "demo-acme-key";
    private static final String ERP_KEY = "demo-erp-key";

    private final Map<String, String> options;
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final HeapSampler heap = new HeapSampler();
    private Main main;
    private CamelContext camel;
    private Simulators simulators;
    private DataSource dataSource;
    private String baseUrl;
    private final FloorRoute floor = new FloorRoute();
    private final String runId = UUID.randomUUID().toString().substring(0, 8).toUpperCase();

    private PipelineLoadRun(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        PipelineLoadRun run = new PipelineLoadRun(PipelineLoad.options(args));
        int exit = 0;
        try {
            run.boot();
            if ("start".equals(run.options.get("mode"))) {
                run.startOnly();
            } else {
                run.load();
            }
            Files.writeString(Path.of(run.options.get("out")), Json.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(run.results));
        } catch (Throwable failure) {
            failure.printStackTrace();
            exit = 1;
        }
        // the runtime's own stop is not measured (the embedded PostgreSQL stops with its hook)
        if (run.main != null) {
            run.main.stop();
        }
        System.out.flush();
        Runtime.getRuntime().exit(exit);
    }

    // ------------------------------------------------------------------ boot

    private void boot() throws Exception {
        Path work = Files.createDirectories(Path.of(options.get("work")).toAbsolutePath());
        int httpPort = freePort();
        set("camel.main.profile", "demo");
        set("camel.server.port", httpPort);
        set("camel.server.host", "127.0.0.1");
        set("ordersync.admin.port", freePort());
        set("ordersync.simulators.erp-na-port", 0);
        set("ordersync.simulators.erp-emea-port", 0);
        set("ordersync.simulators.crm-port", 0);
        set("ordersync.files.inbox", Files.createDirectories(work.resolve("inbox/orders")));
        set("ordersync.edi.inbox", Files.createDirectories(work.resolve("edi/inbox")));
        set("ordersync.kafka.embedded.data-dir", work.resolve("kafka"));
        if (options.containsKey("brokers")) {
            set("ordersync.kafka.embedded", false);
            set("ordersync.kafka.brokers", options.get("brokers"));
        }
        // the scheduled reconciliations (every 5 and 15 minutes, over every order) are not what is measured: they
        // would fall into a phase or not depending on the clock
        for (String job : List.of("crm-status", "invoice-totals", "erp-status", "stuck-orders", "held-events",
                "overdue-acknowledgements")) {
            set("ordersync.reconcile." + job + ".cron", "0 0 0 1 1 ? 2099");
        }
        String database = options.getOrDefault("database", "h2");
        results.put("database", database);
        // traced: OpenTelemetry on, every span exported by OTLP to the conductor's sink (OtlpSink)
        results.put("tracing", options.containsKey("otlp"));
        if (options.containsKey("otlp")) {
            set("ordersync.tracing.enabled", true);
            set("otel.exporter.otlp.endpoint", options.get("otlp"));
            if (options.containsKey("trace-exclude")) {
                set("ordersync.tracing.exclude-patterns", options.get("trace-exclude"));
            }
        }
        if ("postgres".equals(database)) {
            TestPostgres.Database postgres = TestPostgres.newDatabase();
            set("ordersync.db.url", postgres.jdbcUrl());
            set("ordersync.db.user", TestPostgres.USER);
            set("ordersync.db.password", TestPostgres.PASSWORD);
        } else {
            set("ordersync.db.url", "jdbc:h2:file:" + work.resolve("h2/ordersync")
                    + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        }
        baseUrl = "http://127.0.0.1:" + httpPort;

        long bootStart = System.nanoTime();
        main = new Main();
        main.configure().addRoutesBuilder(floor);
        main.start();
        // the measurement's end does not wait for in-flight work: the results are written by then
        main.getCamelContext().getShutdownStrategy().setTimeout(5);
        camel = main.getCamelContext();
        HttpClient http = HttpClient.newHttpClient();
        PipelineLoad.awaitReady(http, baseUrl, System.nanoTime(), () -> true, "the runtime");
        results.put("mainToReadyMs", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - bootStart));
        results.put("jvmStartToReadyMs", ManagementFactory.getRuntimeMXBean().getUptime());
        simulators = camel.getRegistry().lookupByNameAndType("simulators", Simulators.class);
        dataSource = camel.getRegistry().lookupByNameAndType("dataSource", DataSource.class);
        quietLogs();
    }

    private void startOnly() {
        results.put("kafka", options.containsKey("brokers") ? "running broker" : "embedded broker");
    }

    // ------------------------------------------------------------------ load

    private void load() throws Exception {
        int orders = Integer.parseInt(options.getOrDefault("orders", "2000"));
        int burst = Integer.parseInt(options.getOrDefault("burst", "10000"));
        int ediOrders = Integer.parseInt(options.getOrDefault("edi-orders", "1000"));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "16"));
        results.put("concurrency", concurrency);
        heap.start();

        try (LoadDriver rest = new LoadDriver(baseUrl, 202)) {
            // warm-up: both paths compiled and their pools filled; the floor copies a stored order
            Set<String> warmup = new HashSet<>();
            require(rest.saturate(Math.min(orders, 500), concurrency, i -> restOrder(warmup)), "warm-up", warmup);
            floor.useTemplate(storedOrder(warmup.iterator().next()));
            rest.saturate(Math.min(orders, 500), concurrency, i -> floorOrder());
            retireFloorOrders();
            awaitCrmAccepted(warmup, Duration.ofMinutes(5));
            forgetSimulatorRequests();

            // the accept alone: the dispatch consumers stopped (their records wait in Kafka), floor and REST in turns
            List<String> dispatch = dispatchRoutes();
            for (String route : dispatch) {
                camel.getRouteController().stopRoute(route);
            }
            Set<String> accepted = ConcurrentHashMap.newKeySet();
            List<Map<String, Object>> rounds = new ArrayList<>();
            double bestRest = 0;
            for (int round = 1; round <= 2; round++) {
                LoadDriver.Result floor = require(rest.saturate(orders, concurrency, i -> floorOrder()), "floor");
                LoadDriver.Result intake = require(rest.saturate(orders, concurrency, i -> restOrder(accepted)),
                        "REST intake", accepted);
                rounds.add(Map.of("round", round, "floor", floor, "rest", intake));
                bestRest = Math.max(bestRest, intake.perSecond());
            }
            results.put("saturation", rounds);

            // latency at half the intake's saturation rate, the floor at the same rate
            double half = bestRest / 2;
            int pacedCount = (int) Math.max(200, half * 15);
            Map<String, Object> latency = new LinkedHashMap<>();
            latency.put("ratePerSecond", half);
            latency.put("rest", require(rest.paced(pacedCount, half, i -> restOrder(accepted)), "paced REST", accepted));
            latency.put("floor", require(rest.paced(pacedCount, half, i -> floorOrder()), "paced floor"));
            results.put("latencyAtHalf", latency);
            retireFloorOrders();

            // the backlog of the accept phases, dispatched with nothing else running
            long backlogStart = System.nanoTime();
            for (String route : dispatch) {
                camel.getRouteController().startRoute(route);
            }
            awaitCrmAccepted(accepted, Duration.ofMinutes(20));
            double backlogSeconds = (System.nanoTime() - backlogStart) / 1e9;
            results.put("backlog", Map.of("orders", accepted.size(), "seconds", backlogSeconds,
                    "perSecond", accepted.size() / backlogSeconds));
            forgetSimulatorRequests();

            // a burst, from the first POST to the last CRM update, everything running
            Set<String> burstOrders = ConcurrentHashMap.newKeySet();
            long burstStart = System.nanoTime();
            LoadDriver.Result burstIntake = require(rest.saturate(burst, concurrency, i -> restOrder(burstOrders)),
                    "burst", burstOrders);
            awaitCrmAccepted(burstOrders, Duration.ofMinutes(30));
            double drainSeconds = (System.nanoTime() - burstStart) / 1e9;
            results.put("burst", Map.of("orders", burst, "intake", burstIntake, "drainSeconds", drainSeconds,
                    "endToEndPerSecond", burst / drainSeconds));

            // status events while orders flow: order latency with and without them, events recorded per second
            statusEvents(rest, half, concurrency);
            forgetSimulatorRequests();
        }

        // an EDI file of purchase orders, from the POST to the last order accepted by its ERP
        String po = "PO-B" + runId + "-";
        String interchange = PurchaseOrderFile.x12(ediOrders, po);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long ediStart = System.nanoTime();
        java.net.http.HttpResponse<String> answer = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(baseUrl + "/api/v1/edi")).timeout(Duration.ofMinutes(10))
                .header("Content-Type", "application/edi-x12").header("X-API-Key", PARTNER_KEY)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(interchange)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        double answeredSeconds = (System.nanoTime() - ediStart) / 1e9;
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException("the EDI file was answered " + answer.statusCode() + ": " + answer.body());
        }
        awaitCount(() -> acceptedWithPo(po), ediOrders, Duration.ofMinutes(20));
        double seconds = (System.nanoTime() - ediStart) / 1e9;
        results.put("ediFile", Map.of("orders", ediOrders, "bytes", interchange.length(),
                "answerStatus", answer.statusCode(), "answeredSeconds", answeredSeconds, "toErpSeconds", seconds,
                "perSecond", ediOrders / seconds));
        heap.stop();
        Map<String, Object> heapSummary = heap.summary();
        // the live heap at the end, and how much of it is the simulators' (in this JVM for the demo profile only):
        // their orders and updates, forgotten here, are what an ERP and a CRM would hold, not ordersync
        heapSummary.put("liveAtEndMiB", liveHeapMiB());
        simulators.resetAll();
        heapSummary.put("liveWithoutSimulatorDataMiB", liveHeapMiB());
        results.put("heap", heapSummary);
        // what that live heap is: the classes with the most bytes, next to the results
        Path histogram = Path.of(options.get("out")).resolveSibling("heap-histogram-" + results.get("database") + ".txt");
        Files.writeString(histogram, String.join("\n", liveClassHistogram().lines().limit(45).toList()) + "\n");
    }

    /** The JVM's class histogram of the live heap (as {@code jcmd <pid> GC.class_histogram} prints it). */
    private static String liveClassHistogram() throws Exception {
        return (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
    }

    /**
     * Orders at {@code orderRate} for 15 s alone, then again while ALLOCATED events for accepted orders (one each) are
     * sent by as many callers as order callers: the order latency both times, and the events recorded per second
     * (first event sent to last event recorded).
     */
    private void statusEvents(LoadDriver orders, double orderRate, int concurrency) throws Exception {
        int pacedCount = (int) Math.max(200, orderRate * 15);
        // the events are for orders of earlier phases: the orders sent here are awaited as ACCEPTED in the CRM
        List<String> erpNumbers = acceptedErpNumbers(Integer.parseInt(options.getOrDefault("events", "3000")));
        Set<String> sent = ConcurrentHashMap.newKeySet();
        LoadDriver.Result alone = require(orders.paced(pacedCount, orderRate, i -> restOrder(sent)), "orders alone", sent);
        long recordedBefore = allocatedEvents();
        LoadDriver.Result[] events = new LoadDriver.Result[1];
        long eventsStart = System.nanoTime();
        Thread eventSender = new Thread(() -> {
            try (LoadDriver source = new LoadDriver(baseUrl, 202)) {
                events[0] = source.saturate(erpNumbers.size(), concurrency, i -> allocated(erpNumbers.get(i)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "status-event-callers");
        eventSender.start();
        LoadDriver.Result withEvents = require(orders.paced(pacedCount, orderRate, i -> restOrder(sent)),
                "orders with events", sent);
        eventSender.join();
        require(events[0], "status events");
        int queued = events[0].succeeded();
        awaitCount(() -> allocatedEvents() - recordedBefore, queued, Duration.ofMinutes(20));
        double eventSeconds = (System.nanoTime() - eventsStart) / 1e9;
        awaitCrmAccepted(sent, Duration.ofMinutes(10));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("orderRatePerSecond", orderRate);
        summary.put("ordersAlone", alone);
        summary.put("ordersWithEvents", withEvents);
        summary.put("events", erpNumbers.size());
        summary.put("eventsQueued", events[0]);
        summary.put("eventsRecordedSeconds", eventSeconds);
        summary.put("eventsRecordedPerSecond", queued / eventSeconds);
        results.put("statusEvents", summary);
    }

    private LoadDriver.Request allocated(String erpNumber) {
        String body = "{\"eventId\": \"ERP-" + UUID.randomUUID() + "\", \"event\": \"ALLOCATED\", \"occurredAt\": \""
                + java.time.Instant.now() + "\", \"entity\": \"US01\", \"erpOrderNumber\": \"" + erpNumber
                + "\", \"lines\": [{\"lineNumber\": 1, \"sku\": \"SKU-100\", \"quantity\": 5, \"uom\": \"EA\"}]}";
        return new LoadDriver.Request("/api/v1/status-events/erp", body,
                Map.of("Content-Type", "application/json", "X-API-Key", ERP_KEY));
    }

    private List<String> acceptedErpNumbers(int limit) throws SQLException {
        List<String> numbers = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT erp_order_number FROM orders"
                     + " WHERE legal_entity = 'US01' AND status = 'ACCEPTED' AND erp_order_number IS NOT NULL")) {
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next() && numbers.size() < limit) {
                    numbers.add(rows.getString(1));
                }
            }
        }
        return numbers;
    }

    private long allocatedEvents() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT COUNT(*) FROM order_events WHERE event_type = 'OrderAllocated'");
             ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ requests

    private final String usOrder = PipelineLoad.text("src/test/resources/orders/us01-two-lines.json");
    private final String deOrder = PipelineLoad.text("src/test/resources/orders/de01-by-customer-rule.json");

    /** A fresh CRM order, half for US01 (REST ERP), half for DE01 (SOAP ERP); its CRM id noted in {@code sent}. */
    private LoadDriver.Request restOrder(Set<String> sent) {
        String crmId = crmId();
        sent.add(crmId);
        String body = (Math.floorMod(crmId.hashCode(), 2) == 0 ? usOrder : deOrder).replace("${crmId}", crmId);
        return new LoadDriver.Request("/api/v1/orders", body,
                Map.of("Content-Type", "application/json", "X-API-Key", API_KEY), crmId);
    }

    private LoadDriver.Request floorOrder() {
        return new LoadDriver.Request(FloorRoute.PATH, usOrder.replace("${crmId}", crmId()),
                Map.of("Content-Type", "application/json"));
    }

    private static String crmId() {
        return "801B" + UUID.randomUUID().toString().replace("-", "").substring(0, 14).toUpperCase();
    }

    // ------------------------------------------------------------------ waiting for outcomes

    /** Waits until the CRM simulator holds each order of {@code crmIds} as ACCEPTED. */
    private void awaitCrmAccepted(Set<String> crmIds, Duration limit) throws InterruptedException {
        Set<String> pending = new HashSet<>(crmIds);
        long deadline = System.nanoTime() + limit.toNanos();
        while (!pending.isEmpty()) {
            pending.removeIf(id -> {
                Map<String, Object> order = simulators.crm().order(id);
                return order != null && "ACCEPTED".equals(order.get("Integration_Status__c"));
            });
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(pending.size() + " of " + crmIds.size()
                        + " orders did not reach the CRM as ACCEPTED within " + limit);
            }
            Thread.sleep(50);
        }
    }

    private static void awaitCount(LongSupplier count, long expected, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        for (long seen = count.getAsLong(); seen < expected; seen = count.getAsLong()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(seen + " of " + expected + " orders arrived within " + limit);
            }
            Thread.sleep(100);
        }
    }

    private long acceptedWithPo(String prefix) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT COUNT(*) FROM orders WHERE customer_po LIKE ? AND status = 'ACCEPTED'")) {
            query.setString(1, prefix + "%");
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Removes the floor's orders once a phase is done with them: they wait for no ERP, and left in place the outbox
     * relay would re-publish them to their legal entity (republish-after) and the stuck-orders check would count them.
     */
    private void retireFloorOrders() throws SQLException {
        String floorOrders = "SELECT order_id FROM orders WHERE idempotency_key LIKE 'bench-floor|%'";
        try (Connection connection = dataSource.getConnection();
             java.sql.Statement delete = connection.createStatement()) {
            delete.executeUpdate("DELETE FROM order_messages WHERE order_id IN (" + floorOrders + ")");
            delete.executeUpdate("DELETE FROM order_events WHERE order_id IN (" + floorOrders + ")");
            delete.executeUpdate("DELETE FROM orders WHERE idempotency_key LIKE 'bench-floor|%'");
        }
    }

    /** The stored canonical order of a CRM order: the floor's template. */
    private CanonicalOrder storedOrder(String crmId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT canonical_json FROM orders WHERE external_id = ?")) {
            query.setString(1, crmId);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("no stored order for CRM order " + crmId);
                }
                return Json.read(rows.getString(1), CanonicalOrder.class);
            }
        }
    }

    private List<String> dispatchRoutes() {
        return camel.getRoutes().stream().map(Route::getRouteId).filter(id -> id.startsWith("order-dispatch-"))
                .toList();
    }

    /** The simulators keep their orders (the CRM's state stays true) but not the record of every request. */
    private void forgetSimulatorRequests() {
        simulators.erpNa().forgetRequests();
        simulators.erpEmea().forgetRequests();
        simulators.crm().forgetRequests();
    }

    /**
     * A run's result, when every request got the expected status or a 503 (the runtime's "not now", with Retry-After:
     * counted in the result, and the refused orders no longer awaited in {@code sent}); anything else fails the run.
     */
    private static LoadDriver.Result require(LoadDriver.Result result, String what, Set<String> sent) {
        Map<Integer, Integer> unexpected = new LinkedHashMap<>(result.failuresByStatus());
        unexpected.remove(503);
        if (!unexpected.isEmpty()) {
            throw new IllegalStateException(what + ": " + (result.requests() - result.succeeded()) + " of "
                    + result.requests() + " requests failed, by status: " + result.failuresByStatus());
        }
        if (sent != null) {
            result.failedTags().forEach(sent::remove);
        }
        return result;
    }

    private static LoadDriver.Result require(LoadDriver.Result result, String what) {
        return require(result, what, null);
    }

    // ------------------------------------------------------------------ support

    /** Heap in use after a full collection, MiB (System.gc: a measurement JVM, explicit GC is not disabled). */
    private static long liveHeapMiB() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }

    /** Per-order INFO lines are the runtime's normal log; the simulators' per-request lines are not ordersync's. */
    private static void quietLogs() {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.ordersync.demo.sim"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
    }

    private static void set(String name, Object value) {
        System.setProperty(name, String.valueOf(value));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Heap used (max, and after collections: the live set) and GC time, sampled every 250 ms while it runs. */
    static final class HeapSampler {
        private volatile boolean running;
        private long maxUsed;
        private long maxAfterGc;
        private Thread thread;

        void start() {
            running = true;
            thread = new Thread(() -> {
                while (running) {
                    sample();
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        private synchronized void sample() {
            maxUsed = Math.max(maxUsed, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            long afterGc = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null
                        && pool.getName().contains("Old")) {
                    afterGc += pool.getCollectionUsage().getUsed();
                }
            }
            maxAfterGc = Math.max(maxAfterGc, afterGc);
        }

        void stop() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join();
        }

        synchronized Map<String, Object> summary() {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("maxHeapMiB", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() >> 20);
            summary.put("maxUsedMiB", maxUsed >> 20);
            summary.put("maxOldAfterGcMiB", maxAfterGc >> 20);
            long collections = 0;
            long millis = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                collections += gc.getCollectionCount();
                millis += gc.getCollectionTime();
            }
            summary.put("gcCount", collections);
            summary.put("gcMillis", millis);
            summary.put("gc", ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .map(GarbageCollectorMXBean::getName).toList());
            return summary;
        }
    }
}
