package io.ordersync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordersync.TestPostgres;
import io.ordersync.support.Json;
import io.ordersync.demo.sim.RecordedRequest;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash battery: the packaged runtime ({@code java -jar target/ordersync-runner.jar}) is killed with kill -9
 * several times while orders arrive over REST (from a client that re-sends like a CRM until it gets an answer), as
 * order files and as EDI 850 files, and started again each time. The ERP and the CRM are HTTP stubs in this JVM
 * that outlive every runtime and record every request. Then, on H2 and on PostgreSQL:
 * <ul>
 *   <li>every order answered 202 (or accepted from a file) is known to ordersync with its final status (lost: 0);</li>
 *   <li>it is at the ERP exactly once: one external reference per PO, one ERP order per reference (duplicates: 0);</li>
 *   <li>the CRM has the ERP's number for every CRM order, and nothing became a dead letter;</li>
 *   <li>a CRM re-sending an acknowledged order after the crashes gets the original order id (a duplicate).</li>
 * </ul>
 * Sizes by system property for a longer soak: {@code -Dcrash.orders=2000 -Dcrash.kills=9}.
 */
class CrashBatteryJarIT {

    private static final int ORDERS = Integer.getInteger("crash.orders", 240);
    private static final int KILLS = Integer.getInteger("crash.kills", 3);
    /** One order file and one EDI file are dropped with every this many REST orders. */
    private static final int FILE_EVERY = 24;
    private static final int CLIENTS = 6;
    private static final String API_KEY = "crash-crm-key";
    private static final String SUPPORT = "support:crash-support-password";
    private static final AtomicInteger CONTROL = new AtomicInteger(700_000);

    /** The external ERPs and CRM: they outlive every runtime and record what reached them. */
    private static Simulators stubs;

    @TempDir
    Path dir;

    @BeforeAll
    static void startStubs() {
        stubs = Simulators.startOnFreePorts();
    }

    @AfterAll
    static void stopStubs() {
        stubs.close();
    }

    @Test
    void on_h2_nothing_acknowledged_is_lost_or_duplicated_through_kill_9() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db/ordersync").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
        new Battery(dir, Map.of("ORDERSYNC_DB_URL", url), "h2").run();
    }

    @Test
    void on_postgresql_nothing_acknowledged_is_lost_or_duplicated_through_kill_9() throws Exception {
        TestPostgres.Database postgres = TestPostgres.newDatabase();
        new Battery(dir, Map.of("ORDERSYNC_DB_URL", postgres.jdbcUrl(), "ORDERSYNC_DB_USER", TestPostgres.USER,
                "ORDERSYNC_DB_PASSWORD", TestPostgres.PASSWORD), "postgresql").run();
    }

    /** One run: load, kills, restarts, then the checks. */
    private static final class Battery {

        private final Path dir;
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<String> jvmArgs = new ArrayList<>();
        private final String name;
        private final String runId = Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
        private final Path orderInbox;
        private final Path ediInbox;

        /** CRM Id -> the order id ordersync answered (202, or 200 for a repeat of an order it already had). */
        private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
        /** CRM Id -> the status code of its first answer with an order id. */
        private final Map<String, Integer> firstAnswer = new ConcurrentHashMap<>();
        private final List<String> filePurchaseOrders = new ArrayList<>();
        private final List<String> ediPurchaseOrders = new ArrayList<>();
        private final List<Long> restartToDeliveryMs = new ArrayList<>();
        private final AtomicInteger resends = new AtomicInteger();

        private final ReentrantLock gate = new ReentrantLock();
        private final Condition runtimeUp = gate.newCondition();
        private boolean up;
        private final AtomicReference<RunnerProcess> runtime = new AtomicReference<>();
        private int starts;

        Battery(Path dir, Map<String, String> database, String name) throws IOException {
            this.dir = dir;
            this.name = name;
            orderInbox = Files.createDirectories(dir.resolve("inbox/orders"));
            ediInbox = Files.createDirectories(dir.resolve("edi/inbox"));
            env.putAll(RunnerProcess.isolatedEnvironment(dir));
            env.putAll(database);
            env.put("ORDERSYNC_HTTP_PORT", String.valueOf(RunnerProcess.freePort()));
            env.put("ORDERSYNC_ADMIN_ENABLED", "false");
            env.put("ORDERSYNC_SIMULATORS", "false");
            env.put("ORDERSYNC_ERP_NA_URL", stubs.erpNa().baseUrl());
            env.put("ORDERSYNC_ERP_EMEA_URL", stubs.erpEmea().baseUrl());
            env.put("ORDERSYNC_CRM_URL", stubs.crm().baseUrl());
            env.put("ORDERSYNC_API_KEYS", "crm:" + API_KEY);
            env.put("ORDERSYNC_API_USERS", SUPPORT);
            jvmArgs.addAll(RunnerProcess.isolatedJvmArgs(dir));
            // the quick compiler only: each runner lives for seconds between kills, and the optimising compiler's work
            // would be thrown away with it (what the battery proves does not depend on the compiler)
            jvmArgs.add("-XX:TieredStopAtLevel=1");
            jvmArgs.addAll(List.of("-Dordersync.files.min-age-ms=200", "-Dordersync.outbox.period-ms=1000",
                    "-Dordersync.outbox.grace-ms=2000", "-Dordersync.retry.initial-delay-ms=200",
                    "-Dordersync.retry.maximum-delay-ms=2000"));
        }

        void run() throws Exception {
            stubs.resetAll();
            start();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> running = new ArrayList<>();
            try {
                for (int c = 0; c < CLIENTS; c++) {
                    running.add(clients.submit(() -> {
                        for (int i = next.getAndIncrement(); i < ORDERS; i = next.getAndIncrement()) {
                            if (i % FILE_EVERY == 0) {
                                dropFiles();
                            }
                            submitUntilAnswered(crmId(i));
                        }
                        return null;
                    }));
                }
                // kill -9 while orders flow: at evenly spaced points of the acknowledged count
                for (int kill = 1; kill <= KILLS; kill++) {
                    int at = ORDERS * kill / (KILLS + 1);
                    await().atMost(Duration.ofMinutes(2)).until(() -> acknowledged.size() >= at
                            || running.stream().allMatch(Future::isDone));
                    killAndRestart();
                }
                for (Future<?> client : running) {
                    client.get();
                }
            } finally {
                clients.shutdownNow();
            }
            try {
                check();
            } finally {
                runtime.get().stopGracefully(Duration.ofSeconds(30));
            }
        }

        private void check() {
            assertThat(acknowledged).hasSize(ORDERS);
            Map<String, String> byPo = new TreeMap<>();
            acknowledged.forEach((crmId, orderId) -> byPo.put(purchaseOrderOf(crmId), orderId));
            List<String> allPos = Stream.of(byPo.keySet(), filePurchaseOrders, ediPurchaseOrders)
                    .flatMap(java.util.Collection::stream).toList();

            // every order reaches the ERP and its outcome; orders of files and EDI are found by their PO at the ERP.
            // Past the wait, the assertions below name what is missing.
            try {
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                        .until(() -> referencesAtErp().keySet().containsAll(allPos)
                                && acknowledged.values().stream().allMatch(id -> "ACCEPTED".equals(status(id))));
            } catch (org.awaitility.core.ConditionTimeoutException notAllThere) {
                // reported below
            }
            List<String> lost = acknowledged.entrySet().stream().filter(e -> status(e.getValue()) == null)
                    .map(e -> "CRM " + e.getKey() + " answered as " + e.getValue()).toList();
            assertThat(lost).as("orders answered 202/200 that ordersync does not know").isEmpty();
            List<String> notFinal = acknowledged.values().stream().filter(id -> !"ACCEPTED".equals(status(id)))
                    .map(id -> id + " " + status(id)).toList();
            assertThat(notFinal).as("acknowledged orders without their final status").isEmpty();
            List<String> neverAtErp = allPos.stream().filter(po -> !referencesAtErp().containsKey(po)).toList();
            assertThat(neverAtErp).as("POs that never reached the ERP").isEmpty();

            Map<String, Set<String>> references = referencesAtErp();
            List<String> duplicatedAtErp = allPos.stream().filter(po -> references.get(po).size() != 1
                    || stubs.erpNa().createdOrderCount(references.get(po).iterator().next()) != 1).toList();
            assertThat(duplicatedAtErp).as("POs booked more than once at the ERP").isEmpty();

            // every order is known to ordersync with its final status, files and EDI included (by ordersync's id
            // sent to the ERP along with the order)
            Map<String, Set<String>> ordersyncIds = ordersyncIdsAtErp();
            List<String> unknown = allPos.stream().filter(po -> ordersyncIds.get(po).stream()
                    .noneMatch(id -> "ACCEPTED".equals(status(id)))).toList();
            assertThat(unknown).as("orders at the ERP that ordersync does not know as ACCEPTED").isEmpty();

            // the CRM has every CRM order's outcome
            List<String> notInCrm = acknowledged.keySet().stream().filter(crmId -> {
                Map<String, Object> crm = stubs.crm().order(crmId);
                return crm == null || !"Activated".equals(crm.get("Status")) || crm.get("ERP_Order_Number__c") == null;
            }).toList();
            assertThat(notInCrm).as("CRM orders without their ERP outcome in the CRM").isEmpty();

            // nothing needed a person: no dead letters
            JsonNode deadLetters = json(send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/dead-letters"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            SUPPORT.getBytes(StandardCharsets.UTF_8))).GET()));
            assertThat(deadLetters.isArray()).as("dead letters: %s", deadLetters).isTrue();
            assertThat(deadLetters).as("dead letters").isEmpty();

            // a CRM re-sending after the crashes gets the order it was answered before
            List<String> sample = acknowledged.keySet().stream().sorted().limit(20).toList();
            for (String crmId : sample) {
                HttpResponse<String> again = submit(crmId);
                assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
                assertThat(json(again).path("orderId").asText()).isEqualTo(acknowledged.get(crmId));
                assertThat(json(again).path("duplicate").asBoolean()).isTrue();
            }
            System.out.printf("Crash battery on %s: %d REST orders (%d answered 202 first, %d re-sends by the client), "
                            + "%d order files, %d EDI files, %d kills; lost 0, unknown 0, duplicates at the ERP 0, "
                            + "dead letters 0; from ready after a restart to the next ERP delivery: %s ms%n",
                    name, ORDERS, firstAnswer.values().stream().filter(code -> code == 202).count(), resends.get(),
                    filePurchaseOrders.size(), ediPurchaseOrders.size(), KILLS, restartToDeliveryMs);
        }

        // ------------------------------------------------------------------ the runtime

        private void start() {
            RunnerProcess process = RunnerProcess.start(env, jvmArgs,
                    Path.of("target", "crash-battery", name + "-" + (++starts) + ".log"));
            runtime.set(process);
            process.awaitReady(Duration.ofSeconds(120));
            gate.lock();
            try {
                up = true;
                runtimeUp.signalAll();
            } finally {
                gate.unlock();
            }
        }

        private void killAndRestart() {
            gate.lock();
            try {
                up = false;
            } finally {
                gate.unlock();
            }
            runtime.get().kill9();
            int erpRequestsBefore = stubs.erpNa().receivedRequests().size();
            long restarted = System.nanoTime();
            start();
            long ready = System.nanoTime();
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> stubs.erpNa().receivedRequests().size() > erpRequestsBefore
                            || restartedWithNothingWaiting());
            restartToDeliveryMs.add((System.nanoTime() - ready) / 1_000_000);
            assertThat(ready).isGreaterThan(restarted);
        }

        private boolean restartedWithNothingWaiting() {
            return acknowledged.values().stream().allMatch(id -> "ACCEPTED".equals(status(id)));
        }

        /** Blocks a client while the runtime is down (killed, starting), as a CRM waits before its next attempt. */
        private void awaitRuntimeUp() throws InterruptedException {
            gate.lock();
            try {
                while (!up) {
                    runtimeUp.await();
                }
            } finally {
                gate.unlock();
            }
        }

        private String base() {
            return runtime.get().baseUrl();
        }

        // ------------------------------------------------------------------ the senders

        /** A CRM sending one order: again and again (same order, same Id) until it gets an order id back. */
        private void submitUntilAnswered(String crmId) throws InterruptedException {
            for (int attempt = 1; ; attempt++) {
                awaitRuntimeUp();
                try {
                    HttpResponse<String> answer = submit(crmId);
                    if (answer.statusCode() == 202 || answer.statusCode() == 200) {
                        String orderId = json(answer).path("orderId").asText();
                        firstAnswer.putIfAbsent(crmId, answer.statusCode());
                        String earlier = acknowledged.putIfAbsent(crmId, orderId);
                        assertThat(earlier == null || earlier.equals(orderId))
                                .as("CRM order %s answered as %s and later as %s", crmId, earlier, orderId).isTrue();
                        return;
                    }
                    assertThat(answer.statusCode()).as("answer to CRM order %s: %s", crmId, answer.body())
                            .isIn(409, 503);
                } catch (UncheckedIOException connectionLost) {
                    // the runtime was killed under this request: the CRM sends the same order again
                }
                resends.incrementAndGet();
                assertThat(attempt).as("attempts for CRM order " + crmId).isLessThan(200);
            }
        }

        private HttpResponse<String> submit(String crmId) {
            return send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/orders"))
                    .header("Content-Type", "application/json").header("X-API-Key", API_KEY)
                    .POST(HttpRequest.BodyPublishers.ofString(crmOrder(crmId))));
        }

        private synchronized void dropFiles() {
            int control = CONTROL.incrementAndGet();
            String filePo = "PO-F" + runId + "-" + control;
            String ediPo = "PO-E" + runId + "-" + control;
            drop(orderInbox, "orders-" + filePo + ".csv", "po_number,customer_number,currency,sku,quantity,unit_price\n"
                    + filePo + ",NA-20001,USD,SKU-100,2,10.10\n");
            drop(ediInbox, "acme-" + control + ".x12", acme850(control, ediPo));
            filePurchaseOrders.add(filePo);
            ediPurchaseOrders.add(ediPo);
        }

        private String crmId(int i) {
            return String.format("801C%s%06d", runId, i);
        }

        private static String purchaseOrderOf(String crmId) {
            return "PO-" + crmId;
        }

        private static String crmOrder(String crmId) {
            try {
                return Files.readString(Path.of("src/test/resources/orders/us01-two-lines.json"), StandardCharsets.UTF_8)
                        .replace("${crmId}", crmId).replace("\"PO-T-1\"", "\"" + purchaseOrderOf(crmId) + "\"");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String acme850(int control, String po) {
            try {
                return Files.readString(Path.of("src/test/resources/edi/samples/acme-850-clean.x12"))
                        .replace("000000101", String.format("%09d", control)).replace("PO-ACME-1001", po);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void drop(Path inbox, String name, String content) {
            try {
                Path partial = inbox.resolve("." + name + ".part");
                Files.writeString(partial, content, StandardCharsets.ISO_8859_1);
                Files.move(partial, inbox.resolve(name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        // ------------------------------------------------------------------ what the ERP and ordersync know

        /** PO -> every external reference the ERP was sent for it. */
        private Map<String, Set<String>> referencesAtErp() {
            return erpOrderRequests().collect(Collectors.groupingBy(r -> r.path("customerPurchaseOrder").asText(),
                    Collectors.mapping(r -> r.path("externalReference").asText(), Collectors.toSet())));
        }

        /** PO -> every ordersync order id the ERP was sent for it. */
        private Map<String, Set<String>> ordersyncIdsAtErp() {
            return erpOrderRequests().collect(Collectors.groupingBy(r -> r.path("customerPurchaseOrder").asText(),
                    Collectors.mapping(r -> r.path("ordersyncOrderId").asText(), Collectors.toSet())));
        }

        private static Stream<JsonNode> erpOrderRequests() {
            return stubs.erpNa().receivedRequests().stream()
                    .filter(r -> "POST".equals(r.method()) && r.path().endsWith("/sales-orders"))
                    .map(RecordedRequest::body).map(CrashBatteryJarIT::jsonOf);
        }

        private final Map<String, String> finalStatus = new ConcurrentHashMap<>();

        /** The order's status in ordersync (null when ordersync does not know it); ACCEPTED is final here. */
        private String status(String orderId) {
            String known = finalStatus.get(orderId);
            if (known != null) {
                return known;
            }
            HttpResponse<String> view = send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/orders/" + orderId))
                    .header("X-API-Key", API_KEY).GET());
            String status = view.statusCode() == 200 ? json(view).path("status").asText() : null;
            if ("ACCEPTED".equals(status)) {
                finalStatus.put(orderId, status);
            }
            return status;
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        return TestHttp.send(request.timeout(Duration.ofSeconds(30)).build());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return TestHttp.json(response);
    }

    private static JsonNode jsonOf(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
