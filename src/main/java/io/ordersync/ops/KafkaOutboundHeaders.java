package io.ordersync.ops;

import java.util.List;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultHeaderFilterStrategy;

/**
 * Only the correlation id, the W3C trace context ({@code traceparent}, {@code tracestate}) and ordersync's own headers travel as Kafka record headers; HTTP and Camel internals
 * (Host, User-Agent, Camel*) stay behind.
 * <p>
 * This filters what goes into a record's headers, not what the Kafka producer obeys: the producer takes its
 * topic, key, partition and timestamp from the message headers {@code kafka.OVERRIDE_TOPIC}, {@code kafka.KEY},
 * {@code kafka.PARTITION_KEY} and {@code kafka.OVERRIDE_TIMESTAMP}. So every route that sends to Kafka first calls
 * {@link #removeKafkaHeaders} and then sets the ones it means itself.
 */
public class KafkaOutboundHeaders extends DefaultHeaderFilterStrategy {

    /** Filtered out: every header but the correlation id, W3C trace context (tracing) and ordersync's own. */
    private static final String PASSING = "(?i)^(?!x-correlation-id$|traceparent$|tracestate$|ordersync-).*";

    public KafkaOutboundHeaders() {
        setOutFilterPattern(PASSING);
        setInFilterPattern(PASSING);
    }

    /**
     * Route step before a Kafka send: removes every {@code kafka.*} header (any spelling), whoever set it - a
     * caller, a record read earlier, an earlier send - so the producer obeys only what the route sets next.
     */
    public static void removeKafkaHeaders(Exchange exchange) {
        List<String> names = exchange.getMessage().getHeaders().keySet().stream()
                .filter(name -> name.toLowerCase(Locale.ROOT).startsWith("kafka.")).toList();
        names.forEach(exchange.getMessage()::removeHeader);
    }
}
