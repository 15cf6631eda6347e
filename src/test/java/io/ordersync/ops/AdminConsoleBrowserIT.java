package io.ordersync.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ordersync.it.PipelineTestSupport;
import io.ordersync.it.RuntimeProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
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

    private static final int ADMIN_PORT = freeAdminPort();
    private static final String ADMIN_USER = "support-admin";
    private static final String ADMIN_PASSWORD = "test-admin-secret";
    private static final Path BROWSER_DIR = Path.of("src/test/browser");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    static {
        // ordersync.admin.host stays at its default: the loopback test checks that default
        RuntimeProperties.set("ordersync.admin.port", String.valueOf(ADMIN_PORT));
        RuntimeProperties.set("ordersync.admin.users", ADMIN_USER + ":" + ADMIN_PASSWORD + ",second:other-secret");
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

    private static int freeAdminPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
