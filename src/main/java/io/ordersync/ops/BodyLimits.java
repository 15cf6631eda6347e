package io.ordersync.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * How large a request body each path of the HTTP server takes ({@code ordersync.http.max-body-bytes.<channel>}), and
 * how many body bytes all requests together may hold at once ({@code ordersync.http.max-in-flight-body-bytes}). Read
 * by {@link RequestBodyEdge} before a body is read.
 */
public final class BodyLimits {

    public static final String PREFIX = "ordersync.http.max-body-bytes.";
    public static final String IN_FLIGHT_PROPERTY = "ordersync.http.max-in-flight-body-bytes";

    /** The channels with a limit of their own, and the path each is for; every other path has {@code default}. */
    static final String ORDERS = "orders";
    static final String SOAP = "soap";
    static final String EDI = "edi";
    static final String STATUS_EVENTS = "status-events";
    static final String QUOTES = "quotes";
    static final String DEFAULT = "default";

    /** One path's limit: its channel, the property that sets it, and the bytes. */
    public record Limit(String channel, String property, long bytes) {
    }

    private final Map<String, Limit> byChannel;
    private final long inFlightBudget;

    BodyLimits(Map<String, Long> bytesByChannel, long inFlightBudget) {
        this.byChannel = new LinkedHashMap<>();
        for (String channel : new String[] {ORDERS, SOAP, EDI, STATUS_EVENTS, QUOTES, DEFAULT}) {
            Long bytes = bytesByChannel.get(channel);
            if (bytes == null || bytes < 1) {
                throw new IllegalArgumentException(PREFIX + channel + " must be a number of bytes of at least 1, not "
                        + bytes);
            }
            if (bytes > inFlightBudget) {
                throw new IllegalArgumentException(PREFIX + channel + " (" + bytes + ") is larger than "
                        + IN_FLIGHT_PROPERTY + " (" + inFlightBudget + "): no body that large could ever be taken");
            }
            byChannel.put(channel, new Limit(channel, PREFIX + channel, bytes));
        }
        this.inFlightBudget = inFlightBudget;
    }

    /** From configuration ({@code property} gives a property's value, or null). */
    public static BodyLimits from(Function<String, String> property) {
        Map<String, Long> bytes = new LinkedHashMap<>();
        for (String channel : new String[] {ORDERS, SOAP, EDI, STATUS_EVENTS, QUOTES, DEFAULT}) {
            bytes.put(channel, number(property, PREFIX + channel));
        }
        Long budget = number(property, IN_FLIGHT_PROPERTY);
        if (budget == null || budget < 1) {
            throw new IllegalArgumentException(IN_FLIGHT_PROPERTY + " must be a number of bytes of at least 1");
        }
        return new BodyLimits(bytes, budget);
    }

    private static Long number(Function<String, String> property, String name) {
        String value = property.apply(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number of bytes, not '" + value + "'");
        }
    }

    /** The limit of a (normalized) request path. */
    public Limit forPath(String path) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        if (p.startsWith("/soap/")) {
            return byChannel.get(SOAP);
        }
        if (p.equals("/api/v1/orders")) {
            return byChannel.get(ORDERS);
        }
        if (p.equals("/api/v1/edi")) {
            return byChannel.get(EDI);
        }
        if (p.startsWith("/api/v1/status-events/")) {
            return byChannel.get(STATUS_EVENTS);
        }
        if (p.equals("/api/v1/quotes/validate")) {
            return byChannel.get(QUOTES);
        }
        return byChannel.get(DEFAULT);
    }

    public Limit of(String channel) {
        return byChannel.get(channel);
    }

    public long inFlightBudget() {
        return inFlightBudget;
    }
}
