package io.ordersync.support;

import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.slf4j.MDC;

/**
 * The correlation id that follows one order through every route, log line, Kafka record and outbound call. It is
 * taken from the sender's {@code X-Correlation-Id} when that is a sane token, else generated.
 */
public final class Correlation {

    public static final String HEADER = ExchangeProperties.Headers.CORRELATION_ID;
    /** Exchange property holding the id for the rest of the exchange's life. */
    public static final String PROPERTY = ExchangeProperties.CORRELATION_ID;
    /** MDC key used in every log line. */
    public static final String MDC_KEY = "correlationId";

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    private Correlation() {
    }

    /** Route step: adopts the sender's id (or makes one); leaves the body alone. */
    public static void onArrival(Exchange exchange) {
        assign(exchange);
    }

    /** Adopts the sender's id (or makes one) and puts it on the exchange, the outgoing header and the MDC. */
    public static String assign(Exchange exchange) {
        Object given = exchange.getMessage().getHeader(HEADER);
        String id = given instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                : given == null ? null : given.toString();
        if (!isSane(id)) {
            id = UUID.randomUUID().toString();
        }
        adopt(exchange, id);
        return id;
    }

    /** A token fit to travel in logs and headers: letters, digits and {@code . _ : -}, at most 128. */
    public static boolean isSane(String id) {
        return id != null && SANE.matcher(id).matches();
    }

    /** Puts a known id (e.g. read from a canonical document) on the exchange and the MDC. */
    public static void adopt(Exchange exchange, String id) {
        exchange.setProperty(PROPERTY, id);
        // removed first so the header keeps this exact spelling (HTTP servers hand it over lower-cased)
        exchange.getMessage().removeHeader(HEADER);
        exchange.getMessage().setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        TraceAttributes.correlationId(id);
    }

    public static String current(Exchange exchange) {
        String id = exchange.getProperty(PROPERTY, String.class);
        return id != null ? id : assign(exchange);
    }
}
