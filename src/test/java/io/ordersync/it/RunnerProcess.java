package io.ordersync.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged runtime ({@code target/ordersync-runner.jar}, or the production artefact
 * {@code target/ordersync-server.jar}) as an operator runs it: a child JVM started with
 * {@code java -jar} in the project directory (routes/ and mappings/ are read from there), with its own HTTP and admin
 * ports, and its output (stdout and stderr) in a log file for diagnosis. For tests that stop it (SIGTERM), kill it
 * (kill -9) or watch it fail.
 */
public final class RunnerProcess implements AutoCloseable {

    public static final Path JAR = Path.of("target", "ordersync-runner.jar");
    /** The production artefact: no simulators, no embedded broker, no demo (docs/production.md). */
    public static final Path SERVER_JAR = Path.of("target", "ordersync-server.jar");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int httpPort;
    private final Path log;

    private RunnerProcess(Process process, int httpPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
    }

    /**
     * Starts the runner jar. {@code env} is added to this JVM's environment; the HTTP port (127.0.0.1) and the admin
     * port are free ports unless {@code env} names them ({@code ORDERSYNC_HTTP_PORT}, {@code ORDERSYNC_ADMIN_PORT}).
     * {@code jvmArgs} go before {@code -jar} (system properties: {@code -Dkey=value}).
     */
    public static RunnerProcess start(Map<String, String> env, List<String> jvmArgs, Path log) {
        return start(JAR, env, jvmArgs, log);
    }

    /**
     * Starts the given jar ({@link #JAR} or {@link #SERVER_JAR}). Unless {@code env} or {@code jvmArgs} choose a
     * profile, {@link #JAR} runs in the demo profile (embedded broker, simulators), {@link #SERVER_JAR} in its default,
     * prod.
     */
    public static RunnerProcess start(Path jar, Map<String, String> env, List<String> jvmArgs, Path log) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("ORDERSYNC_HTTP_HOST", "127.0.0.1");
        environment.put("ORDERSYNC_HTTP_PORT", String.valueOf(freePort()));
        environment.put("ORDERSYNC_ADMIN_PORT", String.valueOf(freePort()));
        environment.putAll(env);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx768m");
        if (jar.equals(JAR) && !env.containsKey("CAMEL_MAIN_PROFILE")
                && jvmArgs.stream().noneMatch(arg -> arg.startsWith("-Dcamel.main.profile="))) {
            command.add("-Dcamel.main.profile=demo");
        }
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toString());
        return startCommand(command, environment, log);
    }

    /**
     * Starts the runtime with a command of the caller's ({@link ContainerImage#command}): {@code env} is added to this
     * JVM's environment and must name the HTTP port ({@code ORDERSYNC_HTTP_PORT}).
     */
    public static RunnerProcess startCommand(List<String> command, Map<String, String> env, Path log) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(env);
            return new RunnerProcess(builder.start(), Integer.parseInt(env.get("ORDERSYNC_HTTP_PORT")), log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
    }

    /**
     * Settings that keep a runner's files out of the project's ./data: EDI inbox and outbox, the order file inbox and
     * the embedded broker's log, in folders under {@code dir}; simulators on free ports. Add them to start()'s
     * arguments.
     */
    public static Map<String, String> isolatedEnvironment(Path dir) {
        return Map.of("ORDERSYNC_EDI_INBOX", dir.resolve("edi/inbox").toString(),
                "ORDERSYNC_EDI_OUTBOX", dir.resolve("edi/outbox").toString(),
                "ORDERSYNC_FILES_INBOX", dir.resolve("inbox/orders").toString());
    }

    /** System properties to go with {@link #isolatedEnvironment(Path)}. */
    public static List<String> isolatedJvmArgs(Path dir) {
        return List.of("-Dordersync.kafka.embedded.data-dir=" + dir.resolve("kafka"),
                "-Dordersync.simulators.erp-na-port=0", "-Dordersync.simulators.erp-emea-port=0",
                "-Dordersync.simulators.crm-port=0");
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** The child's output so far. */
    public String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until {@code /observe/health/ready} answers 200; fails at once (with the log's end) if the child exits. */
    public void awaitReady(Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("the runner exited with " + process.exitValue() + " before it was ready; "
                        + "log " + log + ":\n" + tail());
            }
            try {
                HttpResponse<Void> ready = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/observe/health/ready"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
                return ready.statusCode() == 200;
            } catch (IOException notListeningYet) {
                return false;
            }
        });
    }

    /** Waits for the child to exit by itself and returns its exit code; kills it and fails when it does not. */
    public int awaitExit(Duration timeout) {
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
            kill9();
            throw new AssertionError("the runner did not exit within " + timeout + " (killed); log " + log + ":\n"
                    + tail());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM, as a supervisor or Ctrl-C stops it; returns the exit code, or fails (after kill -9) past the limit. */
    public int stopGracefully(Duration limit) {
        process.destroy();
        return awaitExit(limit);
    }

    /** kill -9: no shutdown of any kind. */
    public void kill9() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines of the log, for failure messages. */
    public String tail() {
        String text = logText();
        return text.length() <= 6000 ? text : "..." + text.substring(text.length() - 6000);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill9();
        }
    }

    /**
     * A port free now, below the kernel's ephemeral range (32768 and up on Linux): a port the system handed out for
     * port 0 is soon handed out again - to a broker's listener or as the local end of an outgoing connection - and a
     * runtime told to listen on it later then fails with "Address already in use".
     * <p>
     * Failsafe runs integration test classes in concurrent JVMs and numbers them ({@value #FORK_PROPERTY}, 1 to the
     * number of concurrent JVMs, see pom.xml): each gets a block of {@value #PORTS_PER_FORK} ports of its own, so a port
     * one JVM found free and has not bound yet cannot be picked by another. Without the property (Surefire, an IDE)
     * the whole range is used.
     */
    public static int freePort() {
        int first = 20_000;
        int count = 12_000;
        String fork = System.getProperty(FORK_PROPERTY);
        if (fork != null && !fork.isBlank()) {
            int block = (Integer.parseInt(fork.trim()) - 1) % (count / PORTS_PER_FORK);
            first += block * PORTS_PER_FORK;
            count = PORTS_PER_FORK;
        }
        int start = java.util.concurrent.ThreadLocalRandom.current().nextInt(count);
        for (int i = 0; i < count; i++) {
            int port = first + (start + i) % count;
            try (ServerSocket probe = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return probe.getLocalPort();
            } catch (IOException taken) {
                // the next one
            }
        }
        throw new UncheckedIOException(new IOException("no free port between " + first + " and " + (first + count)));
    }

    /** The number of this test JVM among the concurrent ones (Failsafe's surefire.forkNumber), if any. */
    public static final String FORK_PROPERTY = "ordersync.test.fork";

    private static final int PORTS_PER_FORK = 2_000;
}
