package io.ordersync.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ordersync.it.PipelineTestSupport;
import io.ordersync.it.RunnerProcess;
import io.ordersync.it.RuntimeProperties;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.BeanInject;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The admin console (Hawtio on the admin port) of the real runtime: Jolokia refuses callers without valid
 * credentials, the port listens on loopback only by default, and, in a real browser, support staff log in, see the
 * order pipeline routes in the Camel plugin and a route diagram.
 * <p>
 * The browser part runs {@code src/test/browser/hawtio-login.mjs} with Node.js 20+ and playwright-core (pinned in
 * {@code src/test/browser/package-lock.json}) driving Debian's {@code /usr/bin/chromium}; Playwright never
 * downloads a browser. npm: CI runs {@code npm ci} in {@code src/test/browser} before Maven; when
 * {@code node_modules/playwright-core} is missing (e.g. a developer's first run) this test runs {@code npm ci} itself.
 * Without node or {@code /usr/bin/chromium} the browser test is skipped (JUnit assumption), except when the
 * environment variable {@code CI} is {@code true}: there it fails. Screenshots: {@code target/hawtio-*.png}.
 */
@CamelMainTest(useJmx = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminConsoleBrowserIT extends PipelineTestSupport {

    private static final int ADMIN_PORT = RunnerProcess.freePort();
    private static final String ADMIN_USER = "support-admin";
    private static final String ADMIN_PASSWORD = "test-admin-secret";
    private static final String VIEWER_USER = "support-viewer";
    private static final String VIEWER_PASSWORD = "test-viewer-secret";
    private static final Path BROWSER_DIR = Path.of("src/test/browser");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    static {
        // ordersync.admin.host stays at its default: the loopback test checks that default
        RuntimeProperties.set("ordersync.admin.port", String.valueOf(ADMIN_PORT));
        RuntimeProperties.set("ordersync.admin.users", ADMIN_USER + ":" + ADMIN_PASSWORD + ",second:other-secret,"
                + VIEWER_USER + ":" + VIEWER_PASSWORD);
        RuntimeProperties.set("ordersync.admin.roles", VIEWER_USER + ":viewer");
    }

    @BeanInject("adminConsole")
    AdminConsole adminConsole;

    @Test
    void jolokia_refuses_requests_without_valid_credentials() {
        String version = adminUrl("/hawtio/jolokia/version");

        assertThat(jolokia(version, null).statusCode()).isIn(401, 403);
        assertThat(jolokia(version, ADMIN_USER + ":wrong-password").statusCode()).isIn(401, 403);
        assertThat(jolokia(version, "nobody:" + ADMIN_PASSWORD).statusCode()).isIn(401, 403);
        String routes = adminUrl("/hawtio/jolokia/search/org.apache.camel:type=routes,*");
        HttpResponse<String> anonymous = jolokia(routes, null);
        assertThat(anonymous.statusCode()).isIn(401, 403);
        assertThat(anonymous.body()).doesNotContain("erp-deliver");

        HttpResponse<String> authorized = jolokia(routes, ADMIN_USER + ":" + ADMIN_PASSWORD);
        assertThat(authorized.statusCode()).as(authorized.body()).isEqualTo(200);
        // the Camel MBeans (JMX on) are what the console shows
        assertThat(authorized.body()).contains("\"status\":200", "erp-deliver", "order-intake-rest", "erp-US01");
        assertThat(jolokia(version, "second:other-secret").statusCode()).isEqualTo(200);
        // Jolokia can invoke any MBean: viewers are not let in
        assertThat(jolokia(version, VIEWER_USER + ":" + VIEWER_PASSWORD).statusCode()).isIn(401, 403);
    }

    @Test
    void the_admin_port_listens_on_loopback_only_by_default() throws Exception {
        assertThat(RuntimeProperties.get("ordersync.admin.host")).as("the test must not set the host").isNull();
        InetSocketAddress bound = adminConsole.boundAddress();
        assertThat(bound.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(bound.getPort()).isEqualTo(ADMIN_PORT);

        try (Socket loopback = new Socket()) {
            loopback.connect(new InetSocketAddress("127.0.0.1", ADMIN_PORT), 2000);
        }
        List<InetAddress> otherAddresses = NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
                .toList();
        for (InetAddress address : otherAddresses) {
            assertThatThrownBy(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(address, ADMIN_PORT), 2000);
                }
            }).as("admin port reachable on %s", address).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void support_staff_log_in_and_see_the_routes_and_a_route_diagram_in_a_browser() throws Exception {
        requireBrowser();

        Run browser = run(List.of("node", "hawtio-login.mjs"), Map.of(
                        "HAWTIO_URL", adminUrl("/hawtio/"),
                        "HAWTIO_USER", ADMIN_USER,
                        "HAWTIO_PASSWORD", ADMIN_PASSWORD,
                        "HAWTIO_ROUTES", "order-intake-rest,order-dispatch-US01,erp-deliver,erp-US01",
                        "HAWTIO_DIAGRAM_ROUTE", "erp-deliver",
                        "SCREENSHOT_DIR", Path.of("target").toAbsolutePath().toString(),
                        "CHROMIUM_PATH", CHROMIUM.toString()),
                Duration.ofMinutes(4), Path.of("target/hawtio-login.log"));
        System.out.println(browser.output());
        assertThat(browser.exitCode()).as("hawtio-login.mjs failed:%n%s", browser.output()).isZero();
        assertThat(Path.of("target/hawtio-diagram.png")).exists();
    }

    @Test
    void support_staff_find_an_order_follow_its_journey_and_replay_its_failed_delivery_in_a_browser() throws Exception {
        requireBrowser();
        // an accepted order with a PO number of its own, and an interchange with a control number of its own
        String po = "PO-CONSOLE-" + newCrmId().substring(4, 12);
        String orderId = json(submit(crmOrder("us01-two-lines.json", newCrmId()).replace("PO-T-1", po)))
                .path("orderId").asText();
        String erpNumber = awaitOrderStatus(orderId, "ACCEPTED").path("erpOrderNumber").asText();
        // its journey then holds each system's step: received, the ERP's call and the CRM's update
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> journeyMessages(orderId)
                .stream().anyMatch(m -> m.path("system").asText().equals("CRM")
                        && m.path("requestPayload").asText().contains(erpNumber)));
        int control = 700_000_000 + (int) (System.nanoTime() % 99_999_999);
        HttpResponse<String> interchange = postEdi(acme850(control, "PO-EDI-" + control));
        assertThat(interchange.statusCode()).as(interchange.body()).isEqualTo(202);
        // a refused order (a negative quantity), kept as a failed message
        HttpResponse<String> refused = submit(crmOrder("us01-two-lines.json", newCrmId())
                .replaceFirst("\"Quantity\":\\s*[0-9.]+", "\"Quantity\": -5"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        long invalidDeadLetterId = json(get("/api/v1/dead-letters?status=INVALID&limit=1")).get(0).path("id").asLong();
        // an interchange with a wrong segment count in SE01, sent as one line: refused and kept with its position
        int brokenControl = control + 1;
        HttpResponse<String> broken = postEdi(acme850(brokenControl, "PO-EDI-BAD-" + brokenControl)
                .replace("SE*12*0001", "SE*11*0001").replace("~\n", "~").replace("~\r\n", "~"));
        assertThat(broken.statusCode()).as(broken.body()).isEqualTo(422);
        long ediDeadLetterId = json(broken).path("interchanges").get(0).path("deadLetter").asLong();
        assertThat(ediDeadLetterId).as(broken.body()).isPositive();
        // orders the ERP refused: dead letters; the ERP takes orders again before the replays
        simulators.erpNa().behaviour(io.ordersync.demo.sim.SimMode.REFUSE_REQUEST);
        String failedPo = "PO-REFUSED-" + newCrmId().substring(4, 12);
        String failedOrderId = json(submit(crmOrder("us01-two-lines.json", newCrmId()).replace("PO-T-1", failedPo)))
                .path("orderId").asText();
        int batchSize = 50;
        List<String> batchOrderIds = new java.util.ArrayList<>();
        for (int i = 0; i < batchSize; i++) {
            batchOrderIds.add(json(submit(crmOrder("us01-two-lines.json", newCrmId()))).path("orderId").asText());
        }
        awaitOrderStatus(failedOrderId, "FAILED");
        batchOrderIds.forEach(id -> awaitOrderStatus(id, "FAILED"));
        simulators.erpNa().behaviour(io.ordersync.demo.sim.SimMode.ACCEPT);
        // the CRM answers slowly: the crm-status run the operator starts (over the orders above) takes seconds, so
        // that the browser sees its progress move
        simulators.crm().setBehaviour(io.ordersync.demo.sim.SimBehaviour.slow(100));

        Run browser;
        try {
            browser = run(List.of("node", "support-console.mjs"), Map.ofEntries(
                        Map.entry("CONSOLE_URL", adminUrl("/console/")),
                        Map.entry("VIEWER_USER", VIEWER_USER), Map.entry("VIEWER_PASSWORD", VIEWER_PASSWORD),
                        Map.entry("OPERATOR_USER", ADMIN_USER), Map.entry("OPERATOR_PASSWORD", ADMIN_PASSWORD),
                        Map.entry("PO_NUMBER", po), Map.entry("ORDER_ID", orderId),
                        Map.entry("CONTROL_NUMBER", String.format("%09d", control)),
                        Map.entry("FAILED_ORDER_ID", failedOrderId), Map.entry("FAILED_PO", failedPo),
                        Map.entry("BATCH_SIZE", String.valueOf(batchSize)),
                        Map.entry("INVALID_DEAD_LETTER_ID", String.valueOf(invalidDeadLetterId)),
                        Map.entry("EDI_DEAD_LETTER_ID", String.valueOf(ediDeadLetterId)),
                        Map.entry("SCREENSHOT_DIR", Path.of("target").toAbsolutePath().toString()),
                        Map.entry("CHROMIUM_PATH", CHROMIUM.toString())),
                Duration.ofMinutes(4), Path.of("target/support-console.log"));
        } finally {
            simulators.crm().behaviour(io.ordersync.demo.sim.SimMode.ACCEPT);
        }
        System.out.println(browser.output());
        assertThat(browser.exitCode()).as("support-console.mjs failed:%n%s", browser.output()).isZero();
        assertThat(Path.of("target/console-journey-after-replay.png")).exists();
        assertThat(Path.of("target/console-reconciliation-running.png")).exists();
        // the run the browser started: through the API as the operator, audited
        assertThat(get("/api/v1/audit?action=RUN_JOB&target=reconciliation-job:crm-status").body())
                .contains("console:" + ADMIN_USER);

        // what the browser did went through the API as the console's user: the replay's audit names them
        JsonNode letters = json(get("/api/v1/dead-letters?orderId=" + failedOrderId));
        JsonNode replayed = null;
        for (JsonNode letter : letters) {
            if ("SUCCEEDED".equals(letter.path("replayOutcome").asText())) {
                replayed = letter;
            }
        }
        assertThat(replayed).as(letters.toString()).isNotNull();
        JsonNode audit = json(get("/api/v1/dead-letters/" + replayed.path("id").asLong()));
        assertThat(audit.path("replays").get(0).path("requestedBy").asText()).isEqualTo("console:" + ADMIN_USER);
        assertThat(audit.path("replays").get(0).path("edited").asBoolean()).isTrue();
        assertThat(simulators.erpNa().createdOrderCount(erpReferenceOf(failedOrderId))).isEqualTo(1);
        assertThat(erpRequestsFor(failedPo + "-FIXED")).isEqualTo(1);
        // every order of the batch reached the ERP once
        batchOrderIds.forEach(id -> awaitOrderStatus(id, "ACCEPTED"));
        for (String id : batchOrderIds) {
            assertThat(simulators.erpNa().createdOrderCount(erpReferenceOf(id))).as(id).isEqualTo(1);
        }
    }

    @Test
    void the_console_acts_only_for_a_logged_in_user_with_their_role_and_a_forged_console_credential_is_refused()
            throws Exception {
        String someLetter = "/api/v1/dead-letters/1/replay";
        // the API: a console credential this JVM did not make is refused, like a wrong key
        for (String forged : List.of("not-the-secret " + ADMIN_USER, "x", " " + ADMIN_USER)) {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(apiUrl(someLetter)))
                    .header(AdminUsers.CONSOLE_HEADER, forged).POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
            assertThat(answer.body()).doesNotContain(ADMIN_USER);
        }
        // the console: nothing without a session
        java.net.http.HttpClient anonymous = java.net.http.HttpClient.newHttpClient();
        HttpResponse<String> noSession = anonymous.send(HttpRequest.newBuilder(URI.create(adminUrl("/console/api/v1/"
                + "dead-letters"))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noSession.statusCode()).isEqualTo(401);
        assertThat(anonymous.send(HttpRequest.newBuilder(URI.create(adminUrl("/console/"))).GET().build(),
                HttpResponse.BodyHandlers.ofString()).headers().firstValue("Location").orElse(""))
                .endsWith("/console/login");
        assertThat(consoleLogin(VIEWER_USER, VIEWER_PASSWORD + "x")).isNull();

        java.net.CookieManager viewerCookies = new java.net.CookieManager();
        java.net.http.HttpClient viewer = consoleLogin(VIEWER_USER, VIEWER_PASSWORD, viewerCookies);
        assertThat(viewer).isNotNull();
        HttpResponse<String> session = viewer.send(HttpRequest.newBuilder(URI.create(adminUrl("/console/session")))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode me = json(session);
        assertThat(me.path("user").asText()).isEqualTo(VIEWER_USER);
        assertThat(me.path("role").asText()).isEqualTo("viewer");
        assertThat(me.path("hawtio").isNull()).isTrue();
        String token = me.path("token").asText();
        assertThat(token).hasSizeGreaterThan(20);
        // reads go through, as the viewer
        HttpResponse<String> read = viewer.send(HttpRequest.newBuilder(URI.create(adminUrl(
                "/console/api/v1/dead-letters?status=NEW"))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        // a change without the session's token (a cross-site form, a stray script) is refused before the API
        HttpResponse<String> noToken = viewer.send(HttpRequest.newBuilder(URI.create(adminUrl("/console" + someLetter)))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(noToken.body()).contains(SupportConsole.CSRF_HEADER);
        // with it, the API decides by the user's role: a viewer may not replay
        HttpResponse<String> refused = viewer.send(HttpRequest.newBuilder(URI.create(adminUrl("/console" + someLetter)))
                .header(SupportConsole.CSRF_HEADER, token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(json(refused).path("error").asText()).isEqualTo("FORBIDDEN");
        // a body over the console's limit is refused unread
        HttpResponse<String> large = viewer.send(HttpRequest.newBuilder(URI.create(adminUrl("/console" + someLetter)))
                .header(SupportConsole.CSRF_HEADER, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[SupportConsole.MAX_BODY_BYTES + 1])).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(large.statusCode()).isEqualTo(413);
        // on the wire: one well-formed answer, whether the length was declared or the body came in chunks
        String cookie = viewerCookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("ORDERSYNC_CONSOLE")).findFirst()
                .map(c -> c.getName() + "=" + c.getValue()).orElseThrow();
        SupportConsoleForwardTest.assertOneAnswer413(SupportConsoleForwardTest.postOverTheCap(ADMIN_PORT, cookie,
                token, false));
        SupportConsoleForwardTest.assertOneAnswer413(SupportConsoleForwardTest.postOverTheCap(ADMIN_PORT, cookie,
                token, true));
        // only API paths are forwarded
        HttpResponse<String> escape = viewer.send(HttpRequest.newBuilder(URI.create(adminUrl(
                "/console/api/v1/%2e%2e/%2e%2e/observe/health"))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(escape.statusCode()).isIn(400, 404);
        // after the logout, the session is gone
        viewer.send(HttpRequest.newBuilder(URI.create(adminUrl("/console/logout"))).POST(
                HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(viewer.send(HttpRequest.newBuilder(URI.create(adminUrl("/console/api/v1/dead-letters"))).GET()
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    /** A client logged in to the support console (its session cookie kept), or null when the login was refused. */
    private static java.net.http.HttpClient consoleLogin(String user, String password) throws Exception {
        return consoleLogin(user, password, new java.net.CookieManager());
    }

    private static java.net.http.HttpClient consoleLogin(String user, String password, java.net.CookieManager cookies)
            throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().cookieHandler(cookies).build();
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(adminUrl("/console/login")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + java.net.URLEncoder.encode(user,
                        StandardCharsets.UTF_8) + "&password=" + java.net.URLEncoder.encode(password,
                        StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        return login.headers().firstValue("Location").orElse("").endsWith("/console/") ? client : null;
    }

    /** Node.js 20+, Debian's chromium and playwright-core (npm ci when missing); see the class comment. */
    private static void requireBrowser() throws Exception {
        String node = version("node");
        requireForBrowserTest(node != null, "node (Node.js 20+) is not installed");
        requireForBrowserTest(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing (apt-get install chromium)");
        int major = Integer.parseInt(node.replaceFirst("^v(\\d+).*", "$1"));
        assertThat(major).as("Node.js version " + node + ": playwright-core needs 20 or newer").isGreaterThanOrEqualTo(20);

        if (!Files.isDirectory(BROWSER_DIR.resolve("node_modules/playwright-core"))) {
            assertThat(version("npm")).as("npm is needed to install playwright-core in " + BROWSER_DIR).isNotNull();
            Run npmCi = run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), Duration.ofMinutes(5),
                    Path.of("target/hawtio-npm-ci.log"));
            assertThat(npmCi.exitCode()).as("npm ci in %s failed:%n%s", BROWSER_DIR, npmCi.output()).isZero();
        }
    }

    /** Skips the browser test for a missing tool, but fails in CI (CI=true), where the tools must be installed. */
    private static void requireForBrowserTest(boolean present, String problem) {
        if (present) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("CI=true and " + problem + ": CI must install node and chromium for the admin console browser test");
        }
        assumeTrue(false, "admin console browser test skipped: " + problem + " (in CI, with CI=true, this fails)");
    }

    private record Run(int exitCode, String output) {
    }

    /** Runs a command in src/test/browser, output (stdout and stderr) into the log file. */
    private static Run run(List<String> command, Map<String, String> env, Duration timeout, Path log)
            throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).directory(BROWSER_DIR.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            return new Run(-1, Files.readString(log, StandardCharsets.UTF_8) + "\n(killed after " + timeout + ")");
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** The tool's --version, or null when it cannot be run. */
    private static String version(String tool) {
        try {
            Process process = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0 ? output : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static HttpResponse<String> jolokia(String url, String credentials) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (credentials != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return send(request.build());
    }

    private static String adminUrl(String path) {
        return "http://127.0.0.1:" + ADMIN_PORT + path;
    }
}
