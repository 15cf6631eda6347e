package io.ordersync.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka (KRaft, combined broker + controller) inside this JVM: Kafka's own production server
 * ({@link KafkaRaftServer}, as {@code kafka-server-start.sh} runs it) on a data directory that outlives the process.
 * A restart, clean or after the JVM was killed, reuses the directory: same cluster id and node id, the records the
 * broker acknowledged, and the committed consumer-group offsets. The directory is formatted only when it has no
 * {@code meta.properties} yet.
 * <p>
 * A directory in use by a running broker is refused before Kafka touches it: combined mode takes Kafka's own lock
 * ({@code .lock}) only after the controller has opened the metadata log, which a second broker would already have
 * "recovered" under the first one's feet. So the broker holds an operating-system lock on
 * {@value #LOCK_FILE} for as long as it runs; the lock dies with the process, so a directory left by a killed JVM
 * is taken over (and its logs recovered) on the next start.
 * <p>
 * Kafka's test kit ({@code KafkaClusterTestKit}) is not used: it formats on every start with new random directory
 * ids, so it cannot reopen a directory it formatted before, and it swallows fatal faults into mock handlers.
 * <p>
 * The default for the demo and the tests; production points {@code ordersync.kafka.brokers} at a real cluster.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    /** The one node: broker and controller. Fixed, because the metadata log and meta.properties name it. */
    static final int NODE_ID = 1;

    static final String LOCK_FILE = "ordersync-embedded-kafka.lock";
    static final Duration LOCK_WAIT = Duration.ofSeconds(5);

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path dataDirectory;
    private final FileChannel lock;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, Path dataDirectory, FileChannel lock) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.dataDirectory = dataDirectory;
        this.lock = lock;
    }

    /** Starts the broker on {@code dataDirectory} (created if missing), on free loopback ports. */
    public static EmbeddedKafka start(Path dataDirectory) {
        long started = System.nanoTime();
        Path directory = dataDirectory.toAbsolutePath().normalize();
        KafkaRaftServer server = null;
        FileChannel lock = null;
        try {
            Files.createDirectories(directory);
            lock = lock(directory);
            // the ports are chosen anew on each start: clients get them through ordersync.kafka.brokers, and the
            // controller quorum is the static single voter of this start's configuration
            int[] ports = freePorts(2);
            int brokerPort = ports[0];
            int controllerPort = ports[1];
            KafkaConfig config = KafkaConfig.fromProps(serverProperties(directory, brokerPort, controllerPort), false);
            boolean formatted = Files.exists(directory.resolve("meta.properties"));
            if (!formatted) {
                format(config, directory);
            }
            server = new KafkaRaftServer(config, Time.SYSTEM);
            // returns once the broker is registered and unfenced: ready for clients
            server.startup();
            String bootstrap = "127.0.0.1:" + brokerPort;
            LOG.info("Embedded Kafka (KRaft) ready at {} on {} ({}) in {} ms", bootstrap, directory,
                    formatted ? "existing log" : "newly formatted", (System.nanoTime() - started) / 1_000_000);
            return new EmbeddedKafka(server, bootstrap, directory, lock);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (server != null) {
                stop(server);
            }
            release(lock);
            throw new IllegalStateException("the embedded Kafka broker did not start on " + directory + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The directory's lock, held until {@link #close()}; refused when another broker (in any process) still holds it
     * after {@link #LOCK_WAIT}: a process killed a moment ago keeps it until the operating system has cleaned up
     * after it, which a supervisor restarting at once would otherwise run into.
     */
    private static FileChannel lock(Path directory) throws IOException, InterruptedException {
        FileChannel channel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        while (!tryLock(channel)) {
            if (System.nanoTime() > deadline) {
                channel.close();
                throw new IllegalStateException("the directory is in use by another embedded Kafka broker (is"
                        + " ordersync already running on it?)");
            }
            Thread.sleep(100);
        }
        return channel;
    }

    private static boolean tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock() != null;
        } catch (OverlappingFileLockException heldInThisJvm) {
            // a broker of this very process: no use waiting for it
            channel.close();
            throw new IllegalStateException("the directory is in use by another embedded Kafka broker in this"
                    + " process");
        }
    }

    private static void release(FileChannel lock) {
        if (lock != null) {
            try {
                lock.close(); // releases the lock
            } catch (IOException e) {
                LOG.warn("Could not release the embedded Kafka directory lock: {}", e.getMessage());
            }
        }
    }

    private static Properties serverProperties(Path directory, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        // the partition logs and the KRaft metadata log, all in the one directory
        p.put("log.dirs", directory.toString());
        p.put("auto.create.topics.enable", "true");
        p.put("num.partitions", "3");
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // after a kill the metadata log still holds the dead broker's registration: the controller refuses the new
        // one (DUPLICATE_BROKER_REGISTRATION) until that session expired; 4 s instead of 9 s keeps such a start short
        p.put("broker.heartbeat.interval.ms", "1000");
        p.put("broker.session.timeout.ms", "4000");
        // the log cleaner (compacts __consumer_offsets) would otherwise take 128 MiB of heap for its dedupe buffer
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024));
        return p;
    }

    /** {@code kafka-storage.sh format}: a new cluster id, the node id and the bootstrap metadata. */
    private static void format(KafkaConfig config, Path directory) throws Exception {
        String clusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(print)
                    .setNodeId(NODE_ID)
                    .setClusterId(clusterId)
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setDirectories(List.of(directory.toString()))
                    .run();
        }
        LOG.info("Formatted {} for the embedded Kafka broker: cluster id {}, node id {}", directory, clusterId,
                NODE_ID);
        LOG.debug("Kafka's formatter said: {}", output.toString(StandardCharsets.UTF_8).strip());
    }

    /**
     * {@code count} different free loopback ports. Their sockets are all held open until every port is chosen: asked
     * one after another, the system handed out the same port twice now and then, and the broker refused to start with
     * its two listeners on one port.
     */
    static int[] freePorts(int count) {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // a probe socket
                    }
                }
            }
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** A clean shutdown: the log is flushed and marked clean, so the next start needs no recovery. */
    @Override
    public void close() {
        stop(server);
        release(lock);
    }

    private static void stop(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Embedded Kafka did not stop cleanly: {}", e.getMessage());
        }
    }
}
