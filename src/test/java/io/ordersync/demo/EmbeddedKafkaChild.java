package io.ordersync.demo;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A child JVM for {@link EmbeddedKafkaRestartTest}: starts the embedded broker on a data directory, produces
 * {@code record-0 .. record-(N-1)} to partition 0 of a topic with acks=all, prints {@code PRODUCED} and waits to be
 * killed. Arguments: data directory, topic, N.
 */
public final class EmbeddedKafkaChild {

    public static void main(String[] args) throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start(Path.of(args[0]));
        String topic = args[1];
        int count = Integer.parseInt(args[2]);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                // each one confirmed by the broker before the next: acknowledged is what must survive
                producer.send(new ProducerRecord<>(topic, 0, "key-" + i, "record-" + i)).get();
            }
        }
        System.out.println("PRODUCED");
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
