package io.ordersync.demo.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ordersync.demo.EmbeddedKafka;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event sources can publish on the source topics instead of calling the webhook (a real in-process broker). */
class KafkaTopicSenderTest {

    private static EmbeddedKafka kafka;

    @TempDir
    static Path kafkaData;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start(kafkaData);
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void messages_land_on_the_sources_topic_keyed_by_the_order_so_one_orders_messages_stay_in_order() {
        FulfilmentOrder order = new FulfilmentOrder("US01", "NA-100001", "USD", List.of(
                new FulfilmentOrder.Line(1, "SKU-100", new BigDecimal("5"), "EA", new BigDecimal("10.10"))));
        try (StatusEventSources sources = StatusEventSources.over(new KafkaTopicSender(kafka.bootstrapServers(),
                "test.status."))) {
            Shipment shipment = sources.warehouse().ship(order, "SHP-K1", Carton.of("1Z0001", order.line(1).all()));
            sources.transport().deliver(shipment);
            sources.warehouse().allocate(order);
        }

        List<ConsumerRecord<String, String>> wms = read("test.status.wms", 2);
        List<ConsumerRecord<String, String>> tms = read("test.status.tms", 1);
        assertThat(wms).extracting(ConsumerRecord::key).containsOnly("US01/NA-100001");
        assertThat(wms.get(0).value()).contains("\"messageType\":\"SHIPMENT\"").contains("\"shipmentNo\":\"SHP-K1\"");
        assertThat(wms.get(1).value()).contains("\"messageType\":\"ALLOCATION\"");
        assertThat(tms.get(0).key()).isEqualTo("US01/NA-100001");
        assertThat(tms.get(0).value()).contains("\"status\":\"DELIVERED\"").contains("\"shipmentNo\":\"SHP-K1\"");
    }

    private static List<ConsumerRecord<String, String>> read(String topic, int count) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + topic);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= count;
            });
        }
        return records;
    }
}
