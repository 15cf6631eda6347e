package io.ordersync.ops;

import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;

/** Commits the offset of the Kafka record an exchange came from (on the consumer's own thread). */
public final class KafkaCommit {

    private KafkaCommit() {
    }

    public static void commit(Exchange exchange) {
        KafkaManualCommit commit = exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT,
                KafkaManualCommit.class);
        if (commit != null) {
            commit.commit();
        }
    }
}
