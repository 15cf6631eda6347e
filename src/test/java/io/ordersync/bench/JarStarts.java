package io.ordersync.bench;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Start to ready of the runner jar as an operator starts it ({@code java -jar target/ordersync-runner.jar}, demo
 * profile: embedded broker, simulators, an H2 file database), without and with a class-data archive (AppCDS) of the
 * same jar, in alternating starts of one run: the archive is written by a first start stopped once ready
 * ({@code -XX:ArchiveClassesAtExit}), then every other start maps it ({@code -XX:SharedArchiveFile}, {@code -Xshare:on}:
 * a start that could not use it fails instead of being timed without it).
 */
final class JarStarts {

    static final Path RUNNER_JAR = Path.of("target", "ordersync-runner.jar");

    private final Path out;
    private final HttpClient http = HttpClient.newHttpClient();

    JarStarts(Path out) {
        this.out = out;
    }

    /** Milliseconds from each JVM's launch to ready: "plain" and "archive", {@code starts} each, alternating. */
    Map<String, List<Long>> run(int starts) throws Exception {
        if (!Files.isRegularFile(RUNNER_JAR)) {
            throw new IllegalStateException(RUNNER_JAR + " is missing: build it first (mvn -Pload -DskipTests package"
                    + " exec:exec builds it before the run)");
        }
        Path archive = out.resolve("ordersync-runner.jsa");
        start("archive-training", List.of("-XX:ArchiveClassesAtExit=" + archive));
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("the JVM wrote no class-data archive at " + archive + ", see "
                    + out.resolve("jar-start-archive-training.log"));
        }
        Map<String, List<Long>> times = new LinkedHashMap<>();
        times.put("plain", new ArrayList<>());
        times.put("archive", new ArrayList<>());
        try {
            for (int i = 0; i < starts; i++) {
                times.get("plain").add(start("plain-" + i, List.of()));
                times.get("archive").add(start("archive-" + i, List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:on")));
            }
        } finally {
            Files.deleteIfExists(archive); // over 100 MB
        }
        return times;
    }

    /** One start on a work directory of its own, stopped (SIGTERM) once ready; its log next to the report. */
    private long start(String name, List<String> jvmOptions) throws Exception {
        Path work = out.resolve("work-jar-" + name).toAbsolutePath();
        int httpPort = PipelineLoadRun.freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m"));
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-Dcamel.main.profile=demo",
                "-Dcamel.server.port=" + httpPort,
                "-Dordersync.admin.port=" + PipelineLoadRun.freePort(),
                "-Dordersync.simulators.erp-na-port=0",
                "-Dordersync.simulators.erp-emea-port=0",
                "-Dordersync.simulators.crm-port=0",
                "-Dordersync.kafka.embedded.data-dir=" + work.resolve("kafka"),
                "-Dordersync.db.url=jdbc:h2:file:" + work.resolve("h2/ordersync") + ";DB_CLOSE_ON_EXIT=FALSE",
                "-Dordersync.files.inbox=" + work.resolve("inbox/orders"),
                "-Dordersync.edi.inbox=" + work.resolve("edi/inbox"),
                "-Dordersync.edi.outbox=" + work.resolve("edi/outbox"),
                "-jar", RUNNER_JAR.toString()));
        Path log = out.resolve("jar-start-" + name + ".log");
        long launched = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            PipelineLoad.awaitReady(http, "http://127.0.0.1:" + httpPort, launched, process::isAlive,
                    "the runner jar (" + name + ", log " + log + ")");
            long ready = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launched);
            System.out.println("Runner jar start " + name + ": ready after " + ready + " ms");
            return ready;
        } finally {
            // a clean stop: the training start writes its archive as the JVM ends
            process.destroy();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
            io.ordersync.TestFiles.deleteRecursively(work);
        }
    }
}
