package io.ordersync.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The packaged runtime under a small heap ({@code -Xmx256m}) against oversized bodies sent all at once: bodies of
 * 190 MB without credentials (declared and chunked), authenticated bodies over the EDI limit (declared and chunked)
 * and authenticated bodies within it, more of them than the in-flight budget holds. Every one is refused as designed
 * (401, 413, 503; within the limit: read and refused for its content, or 503), health answers within a second
 * throughout, the heap stays bounded, there is no OutOfMemoryError, a normal order is accepted afterwards and SIGTERM
 * ends the runtime with exit code 0. The bodies are generated as they are sent.
 */
class OversizedBodiesJarIT {

    private static final String CRM_KEY = "flood-crm-key";
    private static final String ACME_KEY = "flood-acme-key";
    private static final long HUGE = 190_000_000L;
    private static final long MIB = 1024 * 1024;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern HEAP = Pattern.compile(
            "(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\}\\s+([0-9.E+-]+)$");
    /** What the old generation holds after each collection: what the runtime keeps, not garbage not yet collected. */
    private static final Pattern LIVE_AFTER_GC = Pattern.compile(
            "(?m)^jvm_gc_live_data_size_bytes(?:\\{[^}]*\\})?\\s+([0-9.E+-]+)$");

    @Test
    void oversized_bodies_at_once_leave_a_256m_runtime_healthy_and_bounded() throws Exception {
        Path dir = Files.createTempDirectory("ordersync-oversized-");
        Map<String, String> env = new HashMap<>(RunnerProcess.isolatedEnvironment(dir));
        env.put("ORDERSYNC_DB_URL", "jdbc:h2:file:" + dir.resolve("db/ordersync") + ";DB_CLOSE_ON_EXIT=FALSE");
        env.put("ORDERSYNC_ADMIN_ENABLED", "false");
        env.put("ORDERSYNC_API_KEYS", "crm:" + CRM_KEY + ",acme:" + ACME_KEY);
        List<String> jvmArgs = new ArrayList<>(RunnerProcess.isolatedJvmArgs(dir));
        jvmArgs.add("-Xmx256m");
        jvmArgs.add("-Xlog:gc:file=" + Path.of("target", "jar-it", "oversized-bodies-gc.log").toAbsolutePath());
        try (RunnerProcess runner = RunnerProcess.start(env, jvmArgs,
                Path.of("target", "jar-it", "oversized-bodies.log"))) {
            runner.awaitReady(Duration.ofSeconds(120));
            URI base = URI.create(runner.baseUrl());
            long ediLimit = 4 * MIB;
            long heapBefore = heapUsed(base);

            // health on this machine before the attack (its CPU cores are shared with other builds): the bounds
            // below are a second more than the slowest of these
            long baselineLive = 0;
            long baselineReady = 0;
            for (int i = 0; i < 15; i++) {
                baselineLive = Math.max(baselineLive, probeMillis(base, "/observe/health/live"));
                baselineReady = Math.max(baselineReady, probeMillis(base, "/observe/health/ready"));
                Thread.sleep(100);
            }

            AtomicBoolean attacking = new AtomicBoolean(true);
            AtomicLong slowestHealthMillis = new AtomicLong();
            AtomicLong slowestLiveMillis = new AtomicLong();
            AtomicInteger healthAsked = new AtomicInteger();
            List<String> healthFailures = java.util.Collections.synchronizedList(new ArrayList<>());
            List<String> slowHealth = java.util.Collections.synchronizedList(new ArrayList<>());
            long watchStarted = System.nanoTime();
            AtomicLong heapMax = new AtomicLong(heapBefore);
            AtomicLong liveAfterGcMax = new AtomicLong();
            // liveness every 100 ms, readiness every eighth time, one after the other: the runtime answers
            // concurrent health requests one at a time, and a readiness answer takes over a second here even without
            // an attack (it asks the database and the broker), which would show as a slow liveness answer
            ExecutorService watchers = Executors.newFixedThreadPool(2);
            AtomicInteger liveAsked = new AtomicInteger();
            watchers.submit(() -> {
                for (int round = 0; attacking.get(); round++) {
                    for (String probe : round % 8 == 0 ? List.of("/observe/health/live", "/observe/health/ready")
                            : List.of("/observe/health/live")) {
                        long started = System.nanoTime();
                        try {
                            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(base.resolve(probe))
                                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                            if (answer.statusCode() != 200) {
                                healthFailures.add(probe + " " + answer.statusCode() + " " + answer.body());
                            }
                        } catch (IOException e) {
                            healthFailures.add(probe + " " + e);
                        }
                        healthAsked.incrementAndGet();
                        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                        slowestHealthMillis.accumulateAndGet(took, Math::max);
                        if (probe.endsWith("/live")) {
                            liveAsked.incrementAndGet();
                            slowestLiveMillis.accumulateAndGet(took, Math::max);
                        }
                        if (took > 300) {
                            slowHealth.add(probe + " " + took + " ms at +"
                                    + TimeUnit.NANOSECONDS.toMillis(started - watchStarted) + " ms");
                        }
                    }
                    Thread.sleep(100);
                }
                return null;
            });
            watchers.submit(() -> {
                while (attacking.get()) {
                    try {
                        heapMax.accumulateAndGet(heapUsed(base), Math::max);
                        liveAfterGcMax.accumulateAndGet(liveAfterGc(base), Math::max);
                    } catch (IOException | RuntimeException e) {
                        healthFailures.add("/observe/metrics " + e);
                    }
                    Thread.sleep(200);
                }
                return null;
            });

            Map<String, String> noCredentials = Map.of("Content-Type", "application/edi-x12");
            Map<String, String> acme = Map.of("Content-Type", "application/edi-x12", "X-API-Key", ACME_KEY);
            record Attack(String name, Map<String, String> headers, RawHttp.Body body) {
            }
            List<Attack> attacks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                attacks.add(new Attack("unauthenticated 190 MB", noCredentials, RawHttp.Body.filler(HUGE)));
            }
            for (int i = 0; i < 4; i++) {
                attacks.add(new Attack("unauthenticated chunked 190 MB", noCredentials,
                        RawHttp.Body.chunkedFiller(HUGE)));
            }
            for (int i = 0; i < 4; i++) {
                attacks.add(new Attack("authenticated 190 MB", acme, RawHttp.Body.filler(HUGE)));
            }
            for (int i = 0; i < 2; i++) {
                attacks.add(new Attack("authenticated chunked 190 MB", acme, RawHttp.Body.chunkedFiller(HUGE)));
            }
            // within the EDI limit (4 MiB), sent slowly (about 1 s each) so that they are all in flight at once: more
            // than the in-flight budget (16 MiB) holds
            byte[] withinLimit = new byte[(int) (4 * MIB - 100_000)];
            java.util.Arrays.fill(withinLimit, (byte) 'x');
            for (int i = 0; i < 8; i++) {
                attacks.add(new Attack("authenticated within the limit", acme, RawHttp.Body.of(withinLimit, 300)));
            }
            // and callers that give up halfway: their share of the budget must come back
            for (int i = 0; i < 2; i++) {
                attacks.add(new Attack("abandoned halfway", acme, RawHttp.Body.abandoned(4 * MIB - 100_000, MIB)));
            }
            ExecutorService senders = Executors.newFixedThreadPool(attacks.size());
            long attackStarted = System.nanoTime();
            List<CompletableFuture<RawHttp.Answer>> answers = new ArrayList<>();
            for (Attack attack : attacks) {
                answers.add(CompletableFuture.supplyAsync(() -> RawHttp.post(base.getHost(), base.getPort(),
                        "/api/v1/edi", attack.headers(), attack.body(), Duration.ofSeconds(30)), senders));
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            long attackMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - attackStarted);
            // health and heap a while longer: what the attack left behind (the refused connections close a second
            // after their answers, the EDI route may still be at work). Counted in liveness answers, not in time:
            // the probes are sequential and a readiness answer can take two seconds on a loaded machine, so a fixed
            // wait could end with too few probes to judge liveness by
            int livenessAtEnd = liveAsked.get();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> liveAsked.get() >= Math.max(10, livenessAtEnd + 15));
            attacking.set(false);
            watchers.shutdown();
            assertThat(watchers.awaitTermination(15, TimeUnit.SECONDS)).isTrue();
            senders.shutdown();

            Map<String, List<Integer>> statuses = new LinkedHashMap<>();
            long bytesSent = 0;
            int budgetRefusals = 0;
            for (int i = 0; i < attacks.size(); i++) {
                Attack attack = attacks.get(i);
                RawHttp.Answer answer = answers.get(i).get();
                statuses.computeIfAbsent(attack.name(), ignored -> new ArrayList<>()).add(answer.status());
                bytesSent += answer.bodyBytesSent();
                String why = attack.name() + ": " + answer;
                switch (attack.name()) {
                    case "unauthenticated 190 MB", "unauthenticated chunked 190 MB" -> {
                        assertThat(answer.status()).as(why).isEqualTo(401);
                        assertThat(answer.body()).as(why).contains("UNAUTHORIZED");
                        assertThat(answer.bodyBytesSent()).as(why).isLessThan(HUGE);
                    }
                    case "authenticated 190 MB" -> {
                        assertThat(answer.status()).as(why).isEqualTo(413);
                        assertThat(answer.body()).as(why).contains("PAYLOAD_TOO_LARGE")
                                .contains("at most " + ediLimit + " bytes");
                    }
                    case "authenticated chunked 190 MB" -> {
                        // refused as it passes the limit, or earlier when the budget is taken by the others
                        assertThat(answer.status()).as(why).isIn(413, 503);
                        assertThat(answer.bodyBytesSent()).as(why).isLessThan(HUGE);
                    }
                    case "abandoned halfway" -> assertThat(answer.failure()).as(why).isEqualTo("abandoned by the client");
                    default -> {
                        // read whole and refused for its content (not EDI), or refused unread: budget or EDI slots
                        assertThat(answer.status()).as(why).isIn(422, 503);
                        if (answer.status() == 503) {
                            assertThat(answer.header("Retry-After")).as(why).isNotBlank();
                        }
                        if (answer.body().contains("ordersync.http.max-in-flight-body-bytes")) {
                            budgetRefusals++;
                        }
                    }
                }
            }
            long heapAfter = heapUsed(base);
            // every byte of the budget is given back, also by requests whose clients went away
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(metric(base, "ordersync_http_body_bytes_in_flight_bytes")).isZero());
            System.out.printf("Oversized bodies at -Xmx256m: %d requests in %d ms (%s), %d MB sent by the clients;"
                            + " heap used %d MB before, at most %d MB during, %d MB after; health asked %d times,"
                            + " slowest answer %d ms (live %d ms), %d failures%n", attacks.size(), attackMillis, statuses,
                    bytesSent / 1_000_000, heapBefore / 1_000_000, heapMax.get() / 1_000_000, heapAfter / 1_000_000,
                    healthAsked.get(), slowestHealthMillis.get(), slowestLiveMillis.get(), healthFailures.size());
            System.out.println("Health before the attack: live slowest " + baselineLive + " ms, ready slowest "
                    + baselineReady + " ms; answers slower than 300 ms during it: " + slowHealth);

            assertThat(budgetRefusals).as("bodies within the limit refused by the in-flight budget: %s", statuses)
                    .isGreaterThanOrEqualTo(1);
            assertThat(healthFailures).isEmpty();
            assertThat(liveAsked.get()).as("liveness probes during the attack").isGreaterThanOrEqualTo(10);
            // liveness (the HTTP server's own threads) within a second; readiness also asks the database (which the
            // EDI route writes dead letters to meanwhile) and the broker, on two CPU cores shared with the attack and
            // its clients: within three
            assertThat(slowestLiveMillis.get()).as("slowest /observe/health/live answer (ms), slowest before the"
                    + " attack %d ms", baselineLive).isLessThan(1000 + baselineLive);
            assertThat(slowestHealthMillis.get()).as("slowest health answer (ms), slowest readiness before the"
                    + " attack %d ms", baselineReady).isLessThan(3000 + Math.max(baselineLive, baselineReady));
            // heap used includes garbage not yet collected: G1 lets a 256 MB heap fill before it collects, so only
            // what stays after a collection says whether the bodies were held
            liveAfterGcMax.accumulateAndGet(liveAfterGc(base), Math::max);
            System.out.printf("Heap used at most %d MB; held after collections at most %d MB%n",
                    heapMax.get() / 1_000_000, liveAfterGcMax.get() / 1_000_000);
            assertThat(liveAfterGcMax.get()).as("heap held after a collection at most (bytes; 0: no collection seen)")
                    .isPositive().isLessThan(230 * MIB);
            assertThat(runner.logText()).doesNotContain("OutOfMemoryError");

            // and it still takes a normal order
            HttpResponse<String> order = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/v1/orders"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .header("X-API-Key", CRM_KEY).POST(HttpRequest.BodyPublishers.ofString(crmOrder())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(order.statusCode()).as(order.body()).isEqualTo(202);

            assertThat(runner.stopGracefully(Duration.ofSeconds(60))).as(runner.tail()).isZero();
            assertThat(runner.logText()).doesNotContain("OutOfMemoryError");
        }
    }

    /** Heap used now, from the runtime's own metrics (all heap pools). */
    private static long heapUsed(URI base) throws IOException, InterruptedException {
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(base.resolve("/observe/metrics"))
                .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
        Matcher pool = HEAP.matcher(metrics.body());
        double used = 0;
        boolean found = false;
        while (pool.find()) {
            used += Double.parseDouble(pool.group(1));
            found = true;
        }
        if (!found) {
            throw new AssertionError("no jvm_memory_used_bytes{area=\"heap\"} on /observe/metrics");
        }
        return (long) used;
    }

    /** What the old generation held after the last collection, from the runtime's own metrics (0 before any). */
    private static long liveAfterGc(URI base) throws IOException, InterruptedException {
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(base.resolve("/observe/metrics"))
                .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
        Matcher live = LIVE_AFTER_GC.matcher(metrics.body());
        if (!live.find()) {
            throw new AssertionError("no jvm_gc_live_data_size_bytes on /observe/metrics");
        }
        return (long) Double.parseDouble(live.group(1));
    }

    /** How long a health probe takes to answer 200 (fails on anything else). */
    private static long probeMillis(URI base, String probe) throws IOException, InterruptedException {
        long started = System.nanoTime();
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(base.resolve(probe))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(probe + " before the attack: " + answer.body()).isEqualTo(200);
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    /** A metric's value on /observe/metrics (without labels). */
    private static double metric(URI base, String name) throws IOException, InterruptedException {
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(base.resolve("/observe/metrics"))
                .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
        Matcher value = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*\\})?\\s+([0-9.E+-]+)$")
                .matcher(metrics.body());
        if (!value.find()) {
            throw new AssertionError("no " + name + " on /observe/metrics");
        }
        return Double.parseDouble(value.group(1));
    }

    private static String crmOrder() throws IOException {
        String crmId = "801J" + UUID.randomUUID().toString().replace("-", "").substring(0, 14).toUpperCase();
        return Files.readString(Path.of("src/test/resources/orders", "us01-two-lines.json"), StandardCharsets.UTF_8)
                .replace("${crmId}", crmId);
    }
}
