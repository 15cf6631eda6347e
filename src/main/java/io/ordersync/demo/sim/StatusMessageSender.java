package io.ordersync.demo.sim;

/**
 * How the WMS, TMS and AR simulators deliver their status messages to ordersync: by webhook
 * ({@link WebhookSender}) or on the source's Kafka topic ({@link KafkaTopicSender}), the two ways real systems report.
 */
public interface StatusMessageSender extends AutoCloseable {

    /**
     * Delivers one message in the source system's own JSON; returns once ordersync has it (webhook: answered 202,
     * Kafka: acknowledged by the broker), else throws.
     *
     * @param source  {@code wms}, {@code tms} or {@code ar}: the webhook path or topic suffix
     * @param key     the order the message is about (Kafka record key, so one order's messages stay in order)
     * @param message the JSON text
     */
    void send(String source, String key, String message);

    /** e.g. {@code webhook http://127.0.0.1:8080/api/v1/status-events/{source}}, for logs. */
    String describe();

    @Override
    default void close() {
    }
}
