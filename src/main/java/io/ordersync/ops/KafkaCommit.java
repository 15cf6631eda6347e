package io.ordersync.ops;

import io.ordersync.support.ExchangeProperties;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;

/** Commits the offset of the Kafka record an exchange came from (on the consumer's own thread). */
public final class KafkaCommit {

    /**
     * Exchange property a route keeps the record's manual commit in when its headers do not survive to the end
     * (the ERP adapters drop every header before calling the ERP).
     */
    public static final String RECORD = ExchangeProperties.KAFKA_RECORD;

    private KafkaCommit() {
    }

    public static void commit(Exchange exchange) {
        KafkaManualCommit commit = exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT,
                KafkaManualCommit.class);
        if (commit == null) {
            commit = exchange.getProperty(RECORD, KafkaManualCommit.class);
        }
        if (commit != null) {
            commit.commit();
        }
    }
}
