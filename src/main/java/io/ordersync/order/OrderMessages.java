package io.ordersync.order;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The messages of an order's journey (table {@code order_messages}, V19): the message the order arrived as, and each
 * attempt of every call made for it to an ERP or the CRM with its request and answer. The timeline says what
 * happened; these say what was said. Payloads are kept up to {@link #MAX_PAYLOAD_CHARS} characters with their full
 * size in bytes: a journey stays small whatever a document weighs (the whole of a failed message stays with its dead
 * letter).
 */
public class OrderMessages {

    /** How much of a payload a journey keeps. */
    public static final int MAX_PAYLOAD_CHARS = 64 * 1024;
    /** At most this many messages are listed for one order (the oldest first). */
    public static final int MAX_LISTED = 500;

    public static final String RECEIVED = "RECEIVED";
    public static final String CALL = "CALL";

    /**
     * One message. {@code requestPayload} is the received message (RECEIVED) or what was sent (CALL);
     * {@code answerPayload} what the called system answered. Payload texts are cut to {@link #MAX_PAYLOAD_CHARS};
     * {@code requestBytes}/{@code answerBytes} are the sizes of the whole payloads.
     */
    public record Message(long messageId, String orderId, Instant recordedAt, String kind, String system,
                          String operation, Integer attempt, Integer httpStatus, String error, Long tookMs,
                          String requestContentType, String requestPayload, Long requestBytes,
                          String answerContentType, String answerPayload, Long answerBytes, String correlationId) {

        /** The same message without its payloads (for callers who may not read them). */
        public Message withoutPayloads() {
            return new Message(messageId, orderId, recordedAt, kind, system, operation, attempt, httpStatus, error,
                    tookMs, requestContentType, null, requestBytes, answerContentType, null, answerBytes,
                    correlationId);
        }
    }

    /** One attempt of a call to another system, as {@link OrderCallJournal} saw it. */
    public record Call(String orderId, Instant at, String system, String method, String url, Integer httpStatus, String error, long tookMs, String request, String answer,
                       String correlationId) {}

    private final JdbcTemplate jdbc;

    public OrderMessages(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * Records the message an order arrived as. Called by the intake in the transaction that stores the order, so an
     * order is never stored without it (nor it without the order).
     */
    public void recordReceived(String orderId, Instant at, String sender, String what, String payload,
                               String correlationId) {
        jdbc.update("INSERT INTO order_messages (order_id, recorded_at, kind, system_name, operation,"
                        + " request_payload, request_bytes, correlation_id) VALUES (?,?,?,?,?,?,?,?)",
                orderId, Timestamp.from(at), RECEIVED, cut(sender, 128), cut(what, 512), preview(payload),
                bytes(payload), cut(correlationId, 128));
    }

    /**
     * Records one attempt of a call made for an order. Its attempt number counts the earlier calls of the order to the
     * same system with the same request: retries come back as new exchanges too (an ERP outage pauses the dispatch
     * and the order's record is read again), so no exchange counter knows them all.
     */
    public void recordCall(Call call) {
        String digest = sha256(call.request());
        Integer earlier = jdbc.queryForObject("SELECT COUNT(*) FROM order_messages WHERE order_id = ? AND kind = ?"
                + " AND system_name = ? AND request_sha256 = ?", Integer.class, call.orderId(), CALL,
                cut(call.system(), 128), digest);
        jdbc.update("INSERT INTO order_messages (order_id, recorded_at, kind, system_name, operation, attempt,"
                        + " request_sha256, http_status, failure, took_ms, request_payload, request_bytes,"
                        + " answer_payload, answer_bytes, correlation_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                call.orderId(), Timestamp.from(call.at()), CALL, cut(call.system(), 128),
                cut(call.method() + " " + safeUrl(call.url()), 512), (earlier == null ? 0 : earlier) + 1, digest,
                call.httpStatus(),
                cut(call.error(), 1000), call.tookMs(), preview(call.request()), bytes(call.request()),
                preview(call.answer()), bytes(call.answer()), cut(call.correlationId(), 128));
    }

    /** The order's messages, oldest first (at most {@link #MAX_LISTED}). */
    public List<Message> list(String orderId) {
        return jdbc.query("SELECT message_id, order_id, recorded_at, kind, system_name, operation, attempt,"
                        + " http_status, failure, took_ms, request_payload, request_bytes, answer_payload,"
                        + " answer_bytes, correlation_id FROM order_messages WHERE order_id = ?"
                        + " ORDER BY message_id FETCH FIRST " + MAX_LISTED + " ROWS ONLY",
                (rs, row) -> {
                    String request = rs.getString("request_payload");
                    String answer = rs.getString("answer_payload");
                    return new Message(rs.getLong("message_id"), rs.getString("order_id"),
                            rs.getTimestamp("recorded_at").toInstant(), rs.getString("kind"),
                            rs.getString("system_name"), rs.getString("operation"),
                            (Integer) rs.getObject("attempt", Integer.class),
                            (Integer) rs.getObject("http_status", Integer.class), rs.getString("failure"),
                            (Long) rs.getObject("took_ms", Long.class), contentTypeOf(request), request,
                            (Long) rs.getObject("request_bytes", Long.class), contentTypeOf(answer), answer,
                            (Long) rs.getObject("answer_bytes", Long.class), rs.getString("correlation_id"));
                }, orderId);
    }

    /**
     * What a payload is, told from its first characters: the console shows JSON pretty-printed, XML indented and
     * EDI one segment per line. Null for no payload.
     */
    public static String contentTypeOf(String payload) {
        if (payload == null) {
            return null;
        }
        String start = payload.stripLeading();
        if (start.startsWith("{") || start.startsWith("[")) {
            return "application/json";
        }
        if (start.startsWith("<")) {
            return "application/xml";
        }
        if (start.startsWith("ISA")) {
            return "application/edi-x12";
        }
        if (start.startsWith("UNA") || start.startsWith("UNB") || start.startsWith("UNH")) {
            return "application/edifact";
        }
        if (start.startsWith("ST") && start.length() > 2 && !Character.isLetterOrDigit(start.charAt(2))) {
            return "application/edi-x12";
        }
        return "text/plain";
    }

    /**
     * The URL as a journey shows it: scheme, host, port and path. The query (endpoint options) and any user info are
     * left out: neither says where the call went, and either may hold a credential.
     */
    static String safeUrl(String url) {
        if (url == null) {
            return "";
        }
        try {
            URI uri = URI.create(url.replaceFirst("^(https?)://", "$1://"));
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            return uri.getScheme() + "://" + uri.getHost() + port + (uri.getRawPath() == null ? "" : uri.getRawPath());
        } catch (IllegalArgumentException notAUri) {
            int query = url.indexOf('?');
            return query < 0 ? url : url.substring(0, query);
        }
    }

    static String preview(String payload) {
        return payload == null || payload.length() <= MAX_PAYLOAD_CHARS ? payload
                : payload.substring(0, MAX_PAYLOAD_CHARS);
    }

    private static String sha256(String payload) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest((payload == null ? "" : payload).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException unavailable) {
            throw new IllegalStateException(unavailable);
        }
    }

    private static Long bytes(String payload) {
        return payload == null ? null : (long) payload.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
