package io.ordersync.demo.sim;

import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes status messages on the source's Kafka topic, {@code <topicPrefix><source>} (ordersync reads
 * {@code ordersync.status.wms}, {@code ...tms}, {@code ...ar}: see {@code ordersync.kafka.topic.status-sources}).
 * The producer is created on first use and waits for the broker's acknowledgement of every message.
 */
public final class KafkaTopicSender implements StatusMessageSender {

    public static final String DEFAULT_TOPIC_PREFIX = "ordersync.status.";

    private final String bootstrapServers;
    private final String topicPrefix;
    private KafkaProducer<String, String> producer;

    public KafkaTopicSender(String bootstrapServers, String topicPrefix) {
        this.bootstrapServers = bootstrapServers;
        this.topicPrefix = topicPrefix;
    }

    @Override
    public void send(String source, String key, String message) {
        String topic = topicPrefix + source;
        try {
            producer().send(new ProducerRecord<>(topic, key, message)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("status message not published on " + topic + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing a status message on " + topic, e);
        }
    }

    @Override
    public String describe() {
        return "Kafka " + bootstrapServers + " topics " + topicPrefix + "{source}";
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties config = new Properties();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "ordersync-status-simulators");
            config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            producer = new KafkaProducer<>(config);
        }
        return producer;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }
}
