package io.ordersync.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker keeps its log on disk: after a clean stop, and after its JVM was killed (SIGKILL), a broker
 * started on the same data directory has the acknowledged records, the same cluster id and the committed offsets.
 * While a broker runs on a directory, a second one is refused.
 */
class EmbeddedKafkaRestartTest {

    private static final String GROUP = "restart-test-group";

    @TempDir
    Path dataDirectory;

    @Test
    void after_a_clean_stop_the_group_reads_the_uncommitted_record_and_not_the_committed_one() throws Exception {
        String topic = "restart.clean";
        String clusterId;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDirectory)) {
            clusterId = clusterId(kafka);
            assertThatThrownBy(() -> EmbeddedKafka.start(dataDirectory)).hasMessageContaining("in use");
            try (KafkaProducer<String, String> producer = producer(kafka)) {
                producer.send(new ProducerRecord<>(topic, 0, "k", "consumed-before-the-stop")).get();
                producer.send(new ProducerRecord<>(topic, 0, "k", "waiting-at-the-stop")).get();
            }
            try (KafkaConsumer<String, String> consumer = consumer(kafka)) {
                List<ConsumerRecord<String, String>> first = poll(consumer, topic, 1);
                assertThat(first.get(0).value()).isEqualTo("consumed-before-the-stop");
                // committed: the first record only
                consumer.commitSync(Map.of(new TopicPartition(topic, 0),
                        new OffsetAndMetadata(first.get(0).offset() + 1)));
            }
        }

        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDirectory)) {
            assertThat(clusterId(kafka)).isEqualTo(clusterId);
            try (KafkaConsumer<String, String> consumer = consumer(kafka)) {
                List<ConsumerRecord<String, String>> after = poll(consumer, topic, 1);
                assertThat(after).extracting(ConsumerRecord::value).containsExactly("waiting-at-the-stop");
            }
        }
    }

    @Test
    void after_its_jvm_was_killed_every_acknowledged_record_is_there() throws Exception {
        String topic = "restart.killed";
        int count = 50;
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), EmbeddedKafkaChild.class.getName(),
                dataDirectory.toString(), topic, String.valueOf(count))
                .redirectErrorStream(true).start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(output::add);
            } catch (IOException e) {
                output.add("(output closed: " + e.getMessage() + ")");
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .failFast("the child JVM ended: " + output, () -> !child.isAlive())
                    .until(() -> output.contains("PRODUCED"));
            // the child's broker runs: a second one on its directory is refused before it touches the log
            assertThatThrownBy(() -> EmbeddedKafka.start(dataDirectory)).hasMessageContaining("in use");
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no clean broker shutdown
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).isEqualTo(137); // 128 + SIGKILL

        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDirectory);
             KafkaConsumer<String, String> consumer = consumer(kafka)) {
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                expected.add("record-" + i);
            }
            assertThat(poll(consumer, topic, count)).extracting(ConsumerRecord::value)
                    .containsExactlyElementsOf(expected);
        }
        assertThat(Files.exists(dataDirectory.resolve("meta.properties"))).isTrue();
    }

    private static String clusterId(EmbeddedKafka kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            return admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        }
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafka kafka) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(EmbeddedKafka kafka) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer());
    }

    /** Polls until {@code count} records arrived (and then once more, so that an extra one would show). */
    private static List<ConsumerRecord<String, String>> poll(KafkaConsumer<String, String> consumer, String topic,
                                                             int count) {
        consumer.subscribe(List.of(topic));
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            return records.size() >= count;
        });
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        return records;
    }
}
