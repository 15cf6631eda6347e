package io.ordersync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Workload segmentation: a flood of status events waits in its own Kafka queue, drained by its own throttled
 * consumer group, while orders submitted at the same time go through intake, ERP and back without queueing behind
 * it. Shown functionally: every order is accepted while the status backlog is still there.
 */
@CamelMainTest
class WorkloadSegmentationIT extends PipelineTestSupport {

    private static final int FLOOD = 1500;
    private static final String STATUS_GROUP = "ordersync-status-timeline";
    private static final String STATUS_QUEUE = "ordersync.status-reports";

    static {
        // slow enough that the flood cannot drain during the test
        RuntimeProperties.set("ordersync.status-events.max-per-second", "20");
    }

    @BeanInject
    CamelContext context;

    @Test
    void orders_are_accepted_while_a_status_event_flood_is_still_queued() throws Exception {
        String warmup = json(submit(crmOrder("us01-two-lines.json", newCrmId()))).path("orderId").asText();
        String erpNumber = awaitOrderStatus(warmup, "ACCEPTED").path("erpOrderNumber").asText();

        // a warehouse replays its backlog: proofs of delivery for shipments not reported yet (held by the timeline)
        try (KafkaProducer<String, String> producer = producer()) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < FLOOD; i++) {
                sent.add(producer.send(new ProducerRecord<>("ordersync.status.tms", erpNumber, "{\"eventId\": \"TMS-"
                        + UUID.randomUUID() + "\", \"status\": \"DELIVERED\", \"shipmentNo\": \"FLOOD-" + i + "\","
                        + " \"order\": {\"entity\": \"US01\", \"erpOrderNumber\": \"" + erpNumber + "\"},"
                        + " \"eventTime\": \"" + Instant.now() + "\"}")));
            }
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        }
        // the flood has been mapped and queued for the timeline
        await().atMost(Duration.ofSeconds(120)).until(() -> queued() >= FLOOD);

        List<String> orderIds = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            var response = submit(crmOrder(i % 2 == 0 ? "us01-two-lines.json" : "de01-by-customer-rule.json", newCrmId()));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            orderIds.add(json(response).path("orderId").asText());
        }
        for (String orderId : orderIds) {
            awaitOrderStatus(orderId, "ACCEPTED");
        }

        long backlog = statusBacklog();
        assertThat(backlog).as("status events still queued when every order was accepted").isGreaterThan(FLOOD / 2);
        // and the flood is being worked off, not stuck
        await().atMost(Duration.ofSeconds(30)).until(() -> statusBacklog() < backlog);
    }

    private long queued() throws Exception {
        try (Admin admin = admin()) {
            return admin.listOffsets(partitions(admin).stream().collect(java.util.stream.Collectors.toMap(p -> p,
                    p -> OffsetSpec.latest()))).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }

    private long statusBacklog() throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(STATUS_GROUP)
                    .partitionsToOffsetAndMetadata().get();
            long end = queued();
            long done = committed.entrySet().stream().filter(e -> e.getKey().topic().equals(STATUS_QUEUE))
                    .mapToLong(e -> e.getValue() == null ? 0 : e.getValue().offset()).sum();
            return end - done;
        }
    }

    private List<TopicPartition> partitions(Admin admin) throws Exception {
        return admin.describeTopics(List.of(STATUS_QUEUE)).allTopicNames().get().get(STATUS_QUEUE).partitions()
                .stream().map(p -> new TopicPartition(STATUS_QUEUE, p.partition())).toList();
    }

    private Admin admin() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers());
        return Admin.create(config);
    }

    private KafkaProducer<String, String> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(config);
    }

    private String brokers() {
        return context.getPropertiesComponent().resolveProperty("ordersync.kafka.brokers").orElseThrow();
    }
}
