package io.ordersync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordersync.TestPostgres;
import io.ordersync.support.Json;
import io.ordersync.demo.EmbeddedKafka;
import io.ordersync.demo.sim.Simulators;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The production setup as documented (docs/production.md): {@code java -jar target/ordersync-server.jar} in the prod
 * profile, with {@code ORDERSYNC_DB_URL} pointing at a real PostgreSQL, {@code ORDERSYNC_KAFKA_BROKERS} at a Kafka
 * broker and the ERP and CRM URLs at their systems (the broker and the ERP/CRM simulators are this test's own, in this
 * JVM), and credentials of its own; run as a child JVM. One runtime serves the scenarios in order: start (answers while
 * starting), an order to ACCEPTED, a database outage, then SIGTERM while a delivery waits for its next retry, and a
 * restart that delivers it. More children show that a fatal startup error ends the process, among them a prod start
 * with demo credentials.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunnerJarPostgresJarIT {

    private static final String API_KEY = "jar-it-crm-key";
    private static final String SUPPORT_USER = "support:jar-it-support-password";
    private static final String ADMIN_USER = "admin:jar-it-admin-password";
    private static final Path LOGS = Path.of("target", "jar-it");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static Path work;
    private static Path postgresData;
    private static int postgresPort;
    private static EmbeddedPostgres postgres;
    /** The external systems of the production start: a Kafka broker, the ERPs and the CRM (simulated). */
    private static EmbeddedKafka kafka;
    private static Simulators systems;
    private static RunnerProcess runner;
    private static Map<String, String> runnerEnv;
    private static List<String> runnerJvmArgs;
    private static String handedBackOrderId;

    @BeforeAll
    static void startPostgres() throws IOException {
        work = Files.createTempDirectory("ordersync-jar-it-");
        postgresData = work.resolve("postgres");
        postgresPort = RunnerProcess.freePort();
        postgres = startPostgres(postgresData, postgresPort);
        kafka = EmbeddedKafka.start(work.resolve("kafka"));
        systems = Simulators.start(0, 0, 0);
    }

    @AfterAll
    static void stopAll() throws IOException {
        if (runner != null) {
            runner.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (systems != null) {
            systems.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    @Order(1)
    void aFatalStartupErrorEndsTheProcessWithExitCode1() throws IOException {
        Path brokenRoutes = work.resolve("broken-routes");
        Files.createDirectories(brokenRoutes);
        Files.writeString(brokenRoutes.resolve("broken.camel.yaml"), "- route:\n    id: [unclosed\n  from: {{{\n");
        Map<String, String> badRoutes = new HashMap<>(RunnerProcess.isolatedEnvironment(work.resolve("bad-routes")));
        badRoutes.put("ORDERSYNC_ROUTES", "file:" + brokenRoutes + "/*.camel.yaml");
        badRoutes.put("ORDERSYNC_ADMIN_ENABLED", "false");
        badRoutes.putAll(database());
        Map<String, String> noDriver = new HashMap<>(RunnerProcess.isolatedEnvironment(work.resolve("no-driver")));
        noDriver.put("ORDERSYNC_DB_URL", "jdbc:nosuchdriver:x");
        noDriver.put("ORDERSYNC_ADMIN_ENABLED", "false");
        // the production artefact in the prod profile (its default) with demo credentials, everything else real
        Map<String, String> demoSecrets = new HashMap<>(production(work.resolve("demo-secrets")));
        demoSecrets.put("ORDERSYNC_API_KEYS", "crm:" + API_KEY + ",acme:demo-acme-key");
        demoSecrets.put("ORDERSYNC_ADMIN_USERS", "admin:demo-admin-password");
        // and asked for the demo profile, which it does not have
        Map<String, String> devOnServer = new HashMap<>(production(work.resolve("demo-on-server")));
        devOnServer.put("CAMEL_MAIN_PROFILE", "demo");
        try (RunnerProcess routesBroken = RunnerProcess.start(badRoutes,
                RunnerProcess.isolatedJvmArgs(work.resolve("bad-routes")), LOGS.resolve("fatal-bad-routes.log"));
             RunnerProcess driverMissing = RunnerProcess.start(noDriver,
                     RunnerProcess.isolatedJvmArgs(work.resolve("no-driver")), LOGS.resolve("fatal-no-driver.log"));
             RunnerProcess prodWithDemoSecrets = RunnerProcess.start(RunnerProcess.SERVER_JAR, demoSecrets, List.of(),
                     LOGS.resolve("fatal-prod-demo-secrets.log"));
             RunnerProcess devProfileOnServer = RunnerProcess.start(RunnerProcess.SERVER_JAR, devOnServer, List.of(),
                     LOGS.resolve("fatal-demo-on-server.log"))) {
            assertThat(routesBroken.awaitExit(Duration.ofSeconds(90))).as(routesBroken.tail()).isEqualTo(1);
            assertThat(driverMissing.awaitExit(Duration.ofSeconds(90))).as(driverMissing.tail()).isEqualTo(1);
            assertThat(fatalLines(routesBroken.logText())).as(routesBroken.tail()).hasSize(1)
                    .allMatch(line -> line.contains("broken.camel.yaml"));
            assertThat(fatalLines(driverMissing.logText())).as(driverMissing.tail()).hasSize(1)
                    .allMatch(line -> line.contains("jdbc:nosuchdriver:x"));

            assertThat(prodWithDemoSecrets.awaitExit(Duration.ofSeconds(90))).as(prodWithDemoSecrets.tail())
                    .isEqualTo(1);
            assertThat(fatalLines(prodWithDemoSecrets.logText())).as(prodWithDemoSecrets.tail()).hasSize(1)
                    .allMatch(line -> line.contains("the prod profile refuses to start")
                            && line.contains("ordersync.api.keys (ORDERSYNC_API_KEYS): the key of caller acme is a demo"
                            + " key") && line.contains("ordersync.admin.users (ORDERSYNC_ADMIN_USERS): the password of"
                            + " user admin is a demo password"));
            assertThat(prodWithDemoSecrets.logText()).doesNotContain("demo-acme-key", "demo-admin-password", API_KEY)
                    // refused before anything started: no database migrated, no route built
                    .doesNotContain("migrated", "Started erp-");
            assertThat(devProfileOnServer.awaitExit(Duration.ofSeconds(90))).as(devProfileOnServer.tail())
                    .isEqualTo(1);
            assertThat(fatalLines(devProfileOnServer.logText())).as(devProfileOnServer.tail()).hasSize(1)
                    .allMatch(line -> line.contains("camel.main.profile (CAMEL_MAIN_PROFILE) is demo, but this artefact"
                            + " has no application-demo.properties"));
        }
    }

    @Test
    @Order(2)
    void startsOnPostgresqlAndAnswersOnlyRefusedOr503UntilReady() {
        Map<String, String> env = production(work.resolve("runner"));
        List<String> jvmArgs = new ArrayList<>();
        // a failed ERP call waits 3 s before its retry, long enough to stop the runtime while it waits
        jvmArgs.add("-Dordersync.retry.initial-delay-ms=3000");
        runnerEnv = env;
        runnerJvmArgs = jvmArgs;
        runner = RunnerProcess.start(RunnerProcess.SERVER_JAR, env, jvmArgs, LOGS.resolve("runner-postgres.log"));

        // a CRM that sends while the runtime starts: never a 404 (or any other final answer) before it is ready
        String crmId = newCrmId();
        String order = crmOrder("us01-two-lines.json", crmId);
        List<String> answers = new ArrayList<>();
        HttpResponse<String>[] accepted = new HttpResponse[1];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).until(() -> {
            if (!runner.isAlive()) {
                throw new AssertionError("the runner exited while starting:\n" + runner.tail());
            }
            HttpResponse<String> answer;
            try {
                answer = HTTP.send(orderRequest(order), HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException refused) {
                answers.add("refused");
                return false;
            }
            if (answer.statusCode() == 503) {
                answers.add("503 Retry-After=" + answer.headers().firstValue("Retry-After").orElse("none") + " "
                        + answer.headers().firstValue("Content-Type").orElse(""));
                return false;
            }
            answers.add(answer.statusCode() + " " + answer.body());
            accepted[0] = answer;
            return true;
        });
        System.out.printf("Answers while the runner started: %d refused, %d 503, then %s%n",
                answers.stream().filter("refused"::equals).count(),
                answers.stream().filter(a -> a.startsWith("503")).count(), answers.get(answers.size() - 1));
        assertThat(accepted[0].statusCode()).as("%s", answers).isEqualTo(202);
        assertThat(answers.subList(0, answers.size() - 1)).as(runner.log().toString())
                .allMatch(a -> a.equals("refused") || a.matches("503 Retry-After=\\d+ application/problem\\+json.*"));
        runner.awaitReady(Duration.ofSeconds(30));
        String orderId = json(accepted[0]).path("orderId").asText();
        awaitOrderStatus(orderId, "ACCEPTED");
        // the production profile, through the external broker and to the external ERP
        assertThat(runner.logText()).contains("The application is starting with profile: production")
                .doesNotContain("Simulators up").doesNotContain("Embedded Kafka");
        assertThat(systems.erpNa().receivedRequests()).anyMatch(request -> request.body().contains(orderId));
        // the Camel CLI's connector is off in production (ordersync.cli.enabled): no status file with the settings
        assertThat(Path.of(System.getProperty("user.home"), ".camel", runner.pid() + "-status.json")).doesNotExist();
        assertThat(runner.logText()).doesNotContain("Camel JBang CLI enabled");
    }

    @Test
    @Order(3)
    void aDatabaseOutageIsAnswered503FastAndHealthSaysDown() throws IOException {
        postgres.close();
        long started = System.nanoTime();
        HttpResponse<String> answer = send(orderRequest(crmOrder("us01-two-lines.json", newCrmId())));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).isPresent();
        assertThat(json(answer).path("error").asText()).isEqualTo("TEMPORARILY_UNAVAILABLE");
        // the pool waits ordersync.db.connection-timeout-ms (500 ms) for a connection, then the answer is 503
        assertThat(took).isLessThan(Duration.ofMillis(1000));

        started = System.nanoTime();
        HttpResponse<String> health = send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + "/observe/health"))
                .timeout(Duration.ofSeconds(30)).GET().build());
        took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
        assertThat(health.body()).contains("DOWN");
        assertThat(took).isLessThan(Duration.ofSeconds(3));

        postgres = startPostgres(postgresData, postgresPort);
        runner.awaitReady(Duration.ofSeconds(30));
    }

    @Test
    @Order(4)
    void sigtermWhileADeliveryWaitsForItsRetryStopsCleanlyAndPromptly() {
        erpMode("UNAVAILABLE");
        String crmId = newCrmId();
        HttpResponse<String> submitted = send(orderRequest(crmOrder("us01-two-lines.json", crmId)));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String orderId = json(submitted).path("orderId").asText();
        handedBackOrderId = orderId;
        // the ERP has answered 503 once: the delivery now waits for its retry
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                send(HttpRequest.newBuilder(URI.create(systems.erpNa().baseUrl() + "/sim/requests")).GET()
                        .build()).body().contains(orderId));
        int logBeforeStop = runner.logText().length();

        long started = System.nanoTime();
        int exitCode = runner.stopGracefully(Duration.ofSeconds(10));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        String stopping = runner.logText().substring(logBeforeStop);
        assertThat(exitCode).as(stopping).isZero();
        assertThat(took).isLessThan(Duration.ofSeconds(10));
        assertThat(stopping.lines().filter(line -> line.contains(" ERROR ") || line.startsWith("\tat ")))
                .as(stopping).isEmpty();
    }

    @Test
    @Order(5)
    void theDeliveryHandedBackAtTheStopIsDeliveredAfterTheRestartAndWasNeverADeadLetter() throws IOException {
        // the same database and broker; the ERP accepts again. An order still RECEIVED is published again by the outbox
        // after republish-after-ms, whether or not the broker kept the record.
        erpMode("ACCEPT");
        List<String> jvmArgs = new ArrayList<>(runnerJvmArgs);
        jvmArgs.add("-Dordersync.outbox.republish-after-ms=1000");
        jvmArgs.add("-Dordersync.outbox.period-ms=500");
        // and with the Camel CLI's connector asked for (off by default: RunnerJarPostgresJarIT's start above)
        Map<String, String> withCli = new HashMap<>(runnerEnv);
        withCli.put("ORDERSYNC_CLI_ENABLED", "true");
        runner = RunnerProcess.start(RunnerProcess.SERVER_JAR, withCli, jvmArgs,
                LOGS.resolve("runner-postgres-restart.log"));
        runner.awaitReady(Duration.ofSeconds(90));
        // camel ps and camel get routes read this file; the folder is closed to other users (it holds the settings)
        Path camelFolder = Path.of(System.getProperty("user.home"), ".camel");
        Path status = camelFolder.resolve(runner.pid() + "-status.json");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(status).isNotEmptyFile();
            List<String> routeIds = new ArrayList<>();
            Json.mapper().readTree(status.toFile()).path("routes")
                    .forEach(route -> routeIds.add(route.path("routeId").asText()));
            assertThat(routeIds).contains("order-intake-rest", "erp-deliver", "edi-receive");
        });
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(camelFolder))).isEqualTo("rwx------");

        awaitOrderStatus(handedBackOrderId, "ACCEPTED");
        HttpResponse<String> deadLetters = send(HttpRequest.newBuilder(
                        URI.create(runner.baseUrl() + "/api/v1/dead-letters?orderId=" + handedBackOrderId))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        SUPPORT_USER.getBytes(StandardCharsets.UTF_8))).GET().build());
        assertThat(deadLetters.statusCode()).as(deadLetters.body()).isEqualTo(200);
        assertThat(json(deadLetters).size()).as(deadLetters.body()).isZero();
        assertThat(runner.stopGracefully(Duration.ofSeconds(10))).isZero();
    }

    @Test
    @Order(6)
    void theContainerImageServesOrdersOnPostgresqlAsItsOwnUserAndStopsOnSigterm() throws IOException {
        // the image's entrypoint in the image's root file system, with only the image's environment and the site's
        // settings (as docker run -e or a Deployment gives them); files under the image's /app/data
        ContainerImage image = ContainerImage.unpack(work.resolve("image"));
        Map<String, String> env = new HashMap<>(production(work.resolve("unused")));
        env.keySet().removeAll(RunnerProcess.isolatedEnvironment(work).keySet());
        env.put("ORDERSYNC_HTTP_HOST", "127.0.0.1");
        env.put("ORDERSYNC_HTTP_PORT", String.valueOf(RunnerProcess.freePort()));
        env.put("ORDERSYNC_ADMIN_PORT", String.valueOf(RunnerProcess.freePort()));
        runner = RunnerProcess.startCommand(image.command(env, List.of()), env, LOGS.resolve("image-postgres.log"));
        runner.awaitReady(Duration.ofSeconds(90));
        // the liveness path of the Kubernetes manifests (KubernetesManifestsIT), as the readiness one above
        HttpResponse<String> live = send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + "/observe/health/live"))
                .GET().build());
        assertThat(live.statusCode()).as(live.body()).isEqualTo(200);

        HttpResponse<String> accepted = send(orderRequest(crmOrder("us01-two-lines.json", newCrmId())));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        awaitOrderStatus(json(accepted).path("orderId").asText(), "ACCEPTED");
        assertThat(runner.logText()).contains("The application is starting with profile: production")
                .contains("Picked up JAVA_TOOL_OPTIONS: -XX:MaxRAMPercentage=75");
        assertThat(Files.readString(Path.of("/proc", String.valueOf(runner.pid()), "status")))
                .as("the JVM runs as the image's user").containsPattern("Uid:\\s+10001\\s");
        assertThat(runner.stopGracefully(Duration.ofSeconds(20))).as(runner.tail()).isZero();
    }

    private static List<String> fatalLines(String log) {
        return log.lines().filter(line -> line.contains(" ERROR ")).toList();
    }

    /**
     * The production artefact's settings as a site gives them: no profile (prod is the default), PostgreSQL, the external broker, the ERPs and the CRM, credentials of its own, files under {@code dir}.
     */
    private static Map<String, String> production(Path dir) {
        Map<String, String> env = new HashMap<>(RunnerProcess.isolatedEnvironment(dir));
        env.putAll(database());
        env.put("ORDERSYNC_KAFKA_BROKERS", kafka.bootstrapServers());
        env.put("ORDERSYNC_ERP_NA_URL", systems.erpNa().baseUrl());
        env.put("ORDERSYNC_ERP_EMEA_URL", systems.erpEmea().baseUrl());
        env.put("ORDERSYNC_CRM_URL", systems.crm().baseUrl());
        env.put("ORDERSYNC_API_KEYS", "crm:" + API_KEY);
        env.put("ORDERSYNC_API_USERS", SUPPORT_USER);
        env.put("ORDERSYNC_ADMIN_USERS", ADMIN_USER);
        return env;
    }

    /** How the (simulated) ERP-NA answers from now on. */
    private static void erpMode(String mode) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(systems.erpNa().baseUrl() + "/sim/behaviour"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"mode\":\"" + mode + "\"}")).build());
        assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 204);
    }

    private static Map<String, String> database() {
        return Map.of("ORDERSYNC_DB_URL", "jdbc:postgresql://localhost:" + postgresPort + "/postgres",
                "ORDERSYNC_DB_USER", "postgres", "ORDERSYNC_DB_PASSWORD", "");
    }

    private static EmbeddedPostgres startPostgres(Path dataDirectory, int port) {
        // the same data directory and port after a restart; initdb only the first time
        return TestPostgres.startPrivate(dataDirectory, port);
    }

    private static HttpRequest orderRequest(String order) {
        return HttpRequest.newBuilder(URI.create(runner.baseUrl() + "/api/v1/orders"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-API-Key", API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(order)).build();
    }

    private static HttpResponse<String> send(HttpRequest request) {
        return TestHttp.send(request);
    }

    private static void awaitOrderStatus(String orderId, String status) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> status.equals(
                json(send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + "/api/v1/orders/" + orderId))
                        .header("X-API-Key", API_KEY).GET().build())).path("status").asText()));
    }

    private static String crmOrder(String fixture, String crmId) {
        try {
            return Files.readString(Path.of("src/test/resources/orders", fixture), StandardCharsets.UTF_8)
                    .replace("${crmId}", crmId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String newCrmId() {
        return "801J" + UUID.randomUUID().toString().replace("-", "").substring(0, 14).toUpperCase();
    }

    private static JsonNode json(HttpResponse<String> response) {
        return TestHttp.json(response);
    }
}
