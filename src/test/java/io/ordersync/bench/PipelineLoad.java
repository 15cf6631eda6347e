package io.ordersync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordersync.TestFiles;
import io.ordersync.demo.EmbeddedKafka;
import io.ordersync.support.Json;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline load harness (docs/performance.md, "Order pipeline"): drives the real runtime - demo profile, embedded
 * Kafka, the simulators answering at once - over real HTTP and reports what it sustains, next to its floor measured
 * in the same run.
 * <p>
 * {@code mvn -q -Pload -DskipTests test-compile exec:exec} runs it. This class is the conductor: it starts each
 * measurement in a JVM of its own ({@code -Xmx512m}, the memory the runtime must live with), one database at a time,
 * collects their results and writes the report to {@code target/bench/pipeline-load.md}. A load JVM runs
 * {@link PipelineLoadRun}; a start JVM only boots and times readiness ({@link PipelineLoadRun#startOnly}).
 * <p>
 * Options ({@code -Dload.args="..."}): {@code --databases h2,postgres} (or {@code none}: the starts alone),
 * {@code --orders N} (per saturation round, default 2,000), {@code --burst N} (default 10,000), {@code --edi-orders N} (default 1,000), {@code --concurrency N}
 * (default 16), {@code --tracing true} (each database also traced: a second load JVM with OpenTelemetry on,
 * exporting to an OTLP sink in this JVM; {@code --trace-exclude PATTERNS} in place of the default
 * {@code ordersync.tracing.exclude-patterns}), {@code --starts N} (start-to-ready runs per mode, default 3), {@code --jar-starts N} (starts of
 * target/ordersync-runner.jar without and with a class-data archive, default 3: {@link JarStarts}), {@code --events N} (status events,
 * default 3,000), {@code --jfr true} (a JFR profile of each load JVM, next to its log).
 */
public final class PipelineLoad {

    private PipelineLoad() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Path out = Files.createDirectories(Path.of("target", "bench",
                "pipeline-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
        // --databases none: the starts alone
        String databaseOption = options.getOrDefault("databases", "h2,postgres");
        List<String> databases = "none".equals(databaseOption) ? List.of() : List.of(databaseOption.split(","));
        int starts = Integer.parseInt(options.getOrDefault("starts", "3"));

        Map<String, JsonNode> loads = new LinkedHashMap<>();
        // --tracing true: each database twice, untraced then traced (OpenTelemetry on, spans exported to a sink here)
        boolean tracing = "true".equals(options.get("tracing"));
        try (OtlpSink sink = tracing ? new OtlpSink() : null) {
            for (String run : databases.stream().flatMap(d -> tracing ? java.util.stream.Stream.of(d, d + "-traced")
                    : java.util.stream.Stream.of(d)).toList()) {
                String database = run.replace("-traced", "");
                boolean traced = run.endsWith("-traced");
                Path result = out.resolve("load-" + run + ".json");
                List<String> childArgs = new ArrayList<>(List.of("--mode", "load", "--database", database,
                        "--out", result.toString(), "--work", out.resolve("work-" + run).toString()));
                if (traced) {
                    childArgs.add("--otlp");
                    childArgs.add(sink.endpoint());
                    sink.takeCounts();
                }
                for (String option : List.of("orders", "burst", "edi-orders", "concurrency", "events", "trace-exclude")) {
                    if (options.containsKey(option)) {
                        childArgs.add("--" + option);
                        childArgs.add(options.get(option));
                    }
                }
                List<String> jvmArgs = "true".equals(options.get("jfr"))
                        ? List.of("-XX:StartFlightRecording=settings=profile,filename=" + out.resolve("load-" + run + ".jfr"))
                        : List.of();
                run(out.resolve("load-" + run + ".log"), jvmArgs, childArgs);
                com.fasterxml.jackson.databind.node.ObjectNode measured =
                        (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(result.toFile());
                if (traced) {
                    long[] exported = sink.takeCounts();
                    measured.put("otlpExports", exported[0]);
                    measured.put("otlpBytes", exported[1]);
                }
                loads.put(run, measured);
                // the database and broker files of a run (gigabytes after the burst): the log and results stay
                TestFiles.deleteRecursively(out.resolve("work-" + run));
            }
        }

        // start to ready: with the embedded broker (as the demo starts), and against a broker already running
        List<JsonNode> embedded = new ArrayList<>();
        List<JsonNode> external = new ArrayList<>();
        for (int i = 0; i < starts; i++) {
            embedded.add(start(out, "embedded-" + i, null));
        }
        if (starts > 0) {
            try (EmbeddedKafka broker = EmbeddedKafka.start(out.resolve("external-kafka"))) {
                for (int i = 0; i < starts; i++) {
                    external.add(start(out, "external-" + i, broker.bootstrapServers()));
                }
            }
        }

        // the runner jar as an operator starts it, without and with a class-data archive, in alternating starts
        int jarStarts = Integer.parseInt(options.getOrDefault("jar-starts", "3"));
        Map<String, List<Long>> jar = jarStarts > 0 ? new JarStarts(out).run(jarStarts) : Map.of();

        String report = PipelineReport.markdown(loads, embedded, external, jar, machine());
        Files.writeString(out.resolve("pipeline-load.md"), report);
        Files.writeString(Path.of("target", "bench", "pipeline-load.md"), report);
        System.out.println(report);
        System.out.println("Report: target/bench/pipeline-load.md (logs and raw results in " + out + ")");
    }

    private static JsonNode start(Path out, String name, String brokers) throws Exception {
        Path result = out.resolve("start-" + name + ".json");
        List<String> childArgs = new ArrayList<>(List.of("--mode", "start", "--database", "h2", "--out",
                result.toString(), "--work", out.resolve("work-start-" + name).toString()));
        if (brokers != null) {
            childArgs.add("--brokers");
            childArgs.add(brokers);
        }
        run(out.resolve("start-" + name + ".log"), List.of(), childArgs);
        TestFiles.deleteRecursively(out.resolve("work-start-" + name));
        return Json.mapper().readTree(result.toFile());
    }

    /** Runs {@link PipelineLoadRun} in a JVM of its own at -Xmx512m, its output in {@code log}. */
    private static void run(Path log, List<String> jvmArgs, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+HeapDumpOnOutOfMemoryError", "-XX:HeapDumpPath=" + log.getParent()));
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PipelineLoadRun.class.getName()));
        command.addAll(args);
        System.out.println("Running " + String.join(" ", args) + " (log: " + log + ")");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(60, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("the measurement did not end within 60 minutes: " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("the measurement failed (exit " + process.exitValue() + "), see " + log);
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("options are --name value pairs: " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    /** The machine, as the report states it: cores, memory, Java, load average before the run. */
    private static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        machine.put("loadAverageAtEnd", String.format(Locale.ROOT, "%.2f",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        try {
            machine.put("cpu", Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name")).findFirst().map(l -> l.replaceFirst(".*:\\s*", ""))
                    .orElse("?"));
        } catch (IOException e) {
            machine.put("cpu", "?");
        }
        return machine;
    }

    /** GET {@code url}: its status, or -1 when nothing answers (yet). */
    static int status(HttpClient http, String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * Polls {@code /observe/health/ready} every 20 ms until it answers 200 (the harness's own clock, no test: a sleep
     * is its polling interval); fails when {@code alive} says the runtime ended or 3 minutes passed since
     * {@code startedNanos}.
     */
    static void awaitReady(HttpClient http, String baseUrl, long startedNanos, java.util.function.BooleanSupplier alive,
                           String what) throws InterruptedException {
        long deadline = startedNanos + TimeUnit.MINUTES.toNanos(3);
        while (status(http, baseUrl + "/observe/health/ready") != 200) {
            if (!alive.getAsBoolean() || System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " did not get ready within 3 minutes");
            }
            Thread.sleep(20);
        }
    }

    static String text(String resource) {
        try {
            return Files.readString(Path.of(resource), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
