package io.ordersync.ops;

import org.apache.camel.support.DefaultHeaderFilterStrategy;

/**
 * Only the correlation id and ordersync's own headers travel as Kafka record headers; HTTP and Camel internals
 * (Host, User-Agent, Camel*) stay behind.
 */
public class KafkaOutboundHeaders extends DefaultHeaderFilterStrategy {

    public KafkaOutboundHeaders() {
        setOutFilterPattern("(?i)^(?!x-correlation-id$|ordersync-).*");
        setInFilterPattern("(?i)^(?!x-correlation-id$|ordersync-).*");
    }
}
