package io.ordersync.deadletter;

import io.ordersync.support.Callers;
import io.ordersync.support.Correlation;
import io.ordersync.support.ExchangeProperties;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the routes do with dead letters: record a failed exchange (the dead-letter channel's endpoint) and replay
 * one (the API). A route that can take its original message again names itself in {@link #REPLAY_ENDPOINT}.
 */
public class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    /** Exchange property: where a replay of this exchange's original message goes (e.g. direct:erp-deliver). */
    public static final String REPLAY_ENDPOINT = ExchangeProperties.REPLAY_ENDPOINT;

    /**
     * Exchange property: what a replay sends to {@link #REPLAY_ENDPOINT}, kept by the route when it starts, because
     * the message body has been replaced by the time an error without retries reaches the dead-letter channel (the
     * ERP's answer, for example). Without it the message body is kept.
     */
    public static final String REPLAY_PAYLOAD = ExchangeProperties.REPLAY_PAYLOAD;
    /** Exchange property: the order the failed exchange was about. */
    public static final String ORDER_ID = ExchangeProperties.ORDER_ID;
    /** Exchange property set when the exchange was dead-lettered: the new dead letter's id. */
    public static final String DEAD_LETTER_ID = ExchangeProperties.DEAD_LETTER_ID;
    /** Exchange property: when the first attempt failed (set by {@link #redeliveryTracker()}). */
    public static final String FIRST_FAILURE = ExchangeProperties.FIRST_FAILURE;
    /** Exchange property on a replay: the dead letter being replayed. */
    public static final String REPLAY_OF = ExchangeProperties.REPLAY_OF;

    /** Answer to a replay request. */
    public record ReplayAnswer(long deadLetterId, String status, String message) {}

    private final DeadLetterStore store;

    public DeadLetters(DeadLetterStore store) {
        this.store = store;
    }

    /** Exchange property: redeliveries made so far (headers do not survive useOriginalMessage). */
    public static final String REDELIVERIES = ExchangeProperties.REDELIVERIES;

    /** Called by the error handler before each redelivery: counts them and remembers the first failure. */
    public Processor redeliveryTracker() {
        return exchange -> {
            if (exchange.getProperty(FIRST_FAILURE) == null) {
                exchange.setProperty(FIRST_FAILURE, Instant.now());
            }
            exchange.setProperty(REDELIVERIES, exchange.getProperty(REDELIVERIES, 0, Integer.class) + 1);
        };
    }

    /** The dead-letter channel's endpoint: stores the original message with why and where it failed. */
    public long record(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String routeId = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class);
        int attempts = 1 + exchange.getProperty(REDELIVERIES, 0, Integer.class);
        Instant now = Instant.now();
        Instant first = exchange.getProperty(FIRST_FAILURE, now, Instant.class);
        String correlationId = exchange.getProperty(Correlation.PROPERTY, String.class);
        // a replay that failed again: the new dead letter names the one replayed, whose replay ends FAILED naming it
        Long replayOf = exchange.getProperty(REPLAY_OF, Long.class);
        // the message's Content-Type describes the message body; a replay payload kept by the route is told apart
        String replayPayload = exchange.getProperty(REPLAY_PAYLOAD, String.class);
        long id = store.insert(DeadLetterStore.Status.NEW, routeId == null ? exchange.getFromRouteId() : routeId,
                exchange.getProperty(REPLAY_ENDPOINT, String.class), exchange.getProperty(ORDER_ID, String.class),
                correlationId, replayPayload != null ? replayPayload : exchange.getMessage().getBody(String.class),
                replayPayload != null ? null : exchange.getMessage().getHeader("Content-Type", String.class),
                headers(exchange), cause, attempts, first, now, replayOf);
        exchange.setProperty(DEAD_LETTER_ID, id);
        LOG.error("Dead letter {} from route {} after {} attempt(s): {}", id, routeId, attempts,
                cause == null ? "(no exception)" : cause.getMessage());
        if (replayOf != null) {
            store.finishReplay(replayOf, DeadLetterStore.FAILED, "failed again"
                    + (cause == null ? "" : ": " + cause.getMessage()) + "; now dead letter " + id, id);
            LOG.info("Dead letter {} replay finished: FAILED, now dead letter {}", replayOf, id);
        }
        return id;
    }

    /** Keeps bad input the sender was told about (400) as evidence; it is not replayable. */
    public long recordInvalid(Exchange exchange, String payload, Throwable cause) {
        Instant now = Instant.now();
        return store.insert(DeadLetterStore.Status.INVALID, exchange.getFromRouteId(), null, null,
                exchange.getProperty(Correlation.PROPERTY, String.class), payload,
                exchange.getMessage().getHeader("Content-Type", String.class), headers(exchange), cause, 1, now,
                now, null);
    }

    /**
     * Claims the one replay of a dead letter and prepares the exchange to carry its payload to the replay
     * endpoint. Returns the answer; when it is ACCEPTED the exchange body/headers are the original message.
     */
    public ReplayAnswer prepareReplay(long id, String requestedBy, Exchange exchange) {
        DeadLetterStore.DeadLetter letter = store.find(id).orElse(null);
        if (letter == null) {
            return answer(exchange, 404, new ReplayAnswer(id, "NOT_FOUND", "no dead letter " + id));
        }
        if (letter.replayEndpoint() == null || !DeadLetterStore.Status.NEW.name().equals(letter.status())) {
            return answer(exchange, 409, new ReplayAnswer(id, letter.status(), letter.replayEndpoint() == null
                    ? "dead letter " + id + " from route " + letter.routeId() + " is not replayable"
                    : "dead letter " + id + " was already replayed at " + letter.replayedAt()));
        }
        if (DeadLetterStore.Kept.PREVIEW.name().equals(letter.payloadKept())) {
            return answer(exchange, 409, new ReplayAnswer(id, "PAYLOAD_NOT_KEPT", "dead letter " + id
                    + " cannot be replayed: its payload was not kept whole: " + letter.payloadNote()));
        }
        if (!store.claimReplay(id, requestedBy)) {
            return answer(exchange, 409, new ReplayAnswer(id, "REPLAYED", "dead letter " + id
                    + " is already being replayed"));
        }
        exchange.setProperty(REPLAY_OF, id);
        exchange.setProperty(REPLAY_ENDPOINT, letter.replayEndpoint());
        exchange.setProperty(ORDER_ID, letter.orderId());
        if (letter.correlationId() != null) {
            Correlation.adopt(exchange, letter.correlationId());
        }
        LOG.info("Dead letter {} replay requested by {} to {}", id, requestedBy, letter.replayEndpoint());
        return answer(exchange, 202, new ReplayAnswer(id, "REPLAYING", "sent to " + letter.replayEndpoint()));
    }

    /** The original payload of a claimed replay (kept whole: {@link #prepareReplay} refuses the others). */
    public String payload(long id) {
        return store.payload(id).map(DeadLetterStore.Payload::text).orElseThrow(() -> new IllegalStateException(
                "dead letter " + id + " has no payload kept whole"));
    }

    /**
     * GET /api/v1/dead-letters/{id}/payload: the whole payload with the content type it came with (as UTF-8 text);
     * 404 when there is no such dead letter or it has no payload; 410 when only its preview was kept (the answer says
     * why, with its size and SHA-256).
     */
    public Object payloadAnswer(long id, Exchange exchange) {
        DeadLetterStore.DeadLetter letter = store.find(id).orElse(null);
        if (letter == null || letter.payloadKept() == null) {
            return error(exchange, 404, "NOT_FOUND", letter == null ? "no dead letter " + id
                    : "dead letter " + id + " has no payload");
        }
        DeadLetterStore.Payload payload = store.payload(id).orElse(null);
        if (payload == null) {
            return error(exchange, 410, "PAYLOAD_NOT_KEPT", "dead letter " + id + ": " + letter.payloadNote()
                    + " (" + letter.payloadBytes() + " bytes, SHA-256 " + letter.payloadSha256()
                    + "); GET /api/v1/dead-letters/" + id + " shows the preview");
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader("Content-Type", (payload.contentType() == null ? "text/plain"
                : payload.contentType()) + "; charset=UTF-8");
        return payload.text().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Object error(Exchange exchange, int status, String code, String message) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader("Content-Type", io.ordersync.support.ApiProblem.CONTENT_TYPE);
        Map<String, Object> error = io.ordersync.support.ApiProblem.body(status, code, message);
        error.put("correlationId", exchange.getProperty(Correlation.PROPERTY, String.class));
        return io.ordersync.support.Json.write(error);
    }

    /**
     * The replayed exchange came back from the replay endpoint. Dead-lettered again, it was already finished FAILED
     * by {@link #record} (the dead-letter channel also ends the replay route there); otherwise it completed.
     */
    public void replayCompleted(Exchange exchange) {
        long id = exchange.getProperty(REPLAY_OF, Long.class);
        if (exchange.getProperty(DEAD_LETTER_ID, Long.class) != null) {
            return;
        }
        store.finishReplay(id, DeadLetterStore.SUCCEEDED, null, null);
        LOG.info("Dead letter {} replay finished: SUCCEEDED", id);
    }

    /** The replayed exchange failed without becoming a dead letter (its route has no dead-letter channel). */
    public void replayFailed(Exchange exchange) {
        long id = exchange.getProperty(REPLAY_OF, Long.class);
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        store.finishReplay(id, DeadLetterStore.FAILED, failure == null ? "failed"
                : failure.getClass().getSimpleName() + ": " + failure.getMessage(), null);
        LOG.warn("Dead letter {} replay finished: FAILED: {}", id, failure == null ? "" : failure.getMessage());
    }

    /**
     * A page of dead letters without payloads or headers (newest first, at most {@link DeadLetterStore#MAX_LIMIT});
     * the next page: {@code beforeId} = the last id of this one.
     */
    public List<com.fasterxml.jackson.databind.JsonNode> search(String status, String routeId, String orderId,
                                                              Long beforeId, Integer limit) {
        return store.search(status, routeId, orderId, beforeId, limit == null ? 100 : limit).stream()
                .map(letter -> {
                    com.fasterxml.jackson.databind.node.ObjectNode summary = io.ordersync.support.Json.mapper()
                            .valueToTree(letter);
                    summary.remove("headers");
                    return (com.fasterxml.jackson.databind.JsonNode) summary;
                }).toList();
    }

    /**
     * One dead letter with its replays: with the whole payload when it is kept inline (at most
     * {@code ordersync.dead-letters.max-payload-bytes}), else with its preview; the whole payload of any size is read
     * from GET /api/v1/dead-letters/{id}/payload.
     */
    public Object find(long id, Exchange exchange) {
        return store.find(id).<Object>map(letter -> {
            com.fasterxml.jackson.databind.node.ObjectNode view = io.ordersync.support.Json.mapper().valueToTree(letter);
            store.inlineOrPreview(id).ifPresent(text -> view.put(
                    DeadLetterStore.Kept.INLINE.name().equals(letter.payloadKept()) ? "payload" : "payloadPreview",
                    text));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("deadLetter", view);
            answer.put("replays", store.replays(id));
            return answer;
        }).orElseGet(() -> {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            return io.ordersync.support.ApiProblem.body(404, "NOT_FOUND", "no dead letter " + id);
        });
    }

    /**
     * Dead-letter payloads hold whole messages of every channel (names, addresses, prices): only callers with the role
     * {@code operator} read them. For anybody else the answer (a list, or one dead letter with its replays) keeps
     * everything but the payload, and says it was withheld. Without authentication ({@code none}) nothing is withheld.
     */
    public void withholdPayloadsUnlessOperator(Exchange exchange) {
        java.util.Set<?> roles = exchange.getProperty(ExchangeProperties.CALLER_ROLES, java.util.Set.class);
        if (roles == null || roles.contains(Callers.OPERATOR)) {
            return;
        }
        com.fasterxml.jackson.databind.JsonNode answer = io.ordersync.support.Json.mapper()
                .valueToTree(exchange.getMessage().getBody());
        if (answer.isArray()) {
            answer.forEach(DeadLetters::withholdPayload);
        } else if (answer.has("deadLetter")) {
            withholdPayload(answer.get("deadLetter"));
        }
        exchange.getMessage().setBody(answer);
    }

    private static void withholdPayload(com.fasterxml.jackson.databind.JsonNode letter) {
        if (letter instanceof com.fasterxml.jackson.databind.node.ObjectNode object
                && (object.has("payload") || object.has("payloadPreview"))) {
            object.remove("payload");
            object.remove("payloadPreview");
            object.put("payloadWithheld", "only callers with the role operator read payloads");
        }
    }

    /** At most this many headers are kept with a dead letter (each value to 1024 characters). */
    static final int MAX_HEADERS = 50;

    private static Map<String, Object> headers(Exchange exchange) {
        Map<String, Object> kept = new LinkedHashMap<>();
        exchange.getMessage().getHeaders().forEach((name, value) -> {
            if (kept.size() >= MAX_HEADERS || name.length() > 256) {
                return;
            }
            if (value instanceof byte[] bytes && bytes.length < 1024) {
                kept.put(name, new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            } else if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
                String text = value.toString();
                kept.put(name, text.length() > 1024 ? text.substring(0, 1024) + "..." : value);
            }
        });
        // credentials, and the query string or URI that may carry them, are never kept (any spelling of the name)
        kept.keySet().removeIf(name -> Callers.CREDENTIAL_HEADERS.contains(
                name.toLowerCase(java.util.Locale.ROOT)));
        return kept;
    }

    private static ReplayAnswer answer(Exchange exchange, int status, ReplayAnswer answer) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        return answer;
    }
}
