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

    /** The longest note of an edited replay, reason of a discard. */
    public static final int MAX_NOTE_CHARS = 1000;
    /** The most dead letters one batch replay takes. */
    public static final int MAX_BATCH = DeadLetterStore.MAX_LIMIT;
    /** Exchange property of a batch replay: its id. */
    public static final String BATCH_ID = ExchangeProperties.REPLAY_BATCH;

    private final DeadLetterStore store;
    private final OperatorAudit audit;

    public DeadLetters(DeadLetterStore store) {
        this(store, null);
    }

    /** @param audit where operator actions are recorded (null: not recorded, for tests of the store alone) */
    public DeadLetters(DeadLetterStore store, OperatorAudit audit) {
        this.store = store;
        this.audit = audit;
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
        return prepareReplay(id, requestedBy, null, null, null, exchange);
    }

    /**
     * {@link #prepareReplay(long, String, Exchange)} with an edited payload (null: the original), a note and the
     * batch it belongs to (null: none). The edit is kept in the replay's row, beside the original payload.
     */
    ReplayAnswer prepareReplay(long id, String requestedBy, String editedPayload, String note, Long batchId,
                               Exchange exchange) {
        DeadLetterStore.DeadLetter letter = store.find(id).orElse(null);
        if (letter == null) {
            return answer(exchange, 404, new ReplayAnswer(id, "NOT_FOUND", "no dead letter " + id));
        }
        if (letter.replayEndpoint() == null || !DeadLetterStore.Status.NEW.name().equals(letter.status())) {
            return answer(exchange, 409, new ReplayAnswer(id, letter.status(), letter.replayEndpoint() == null
                    ? "dead letter " + id + " from route " + letter.routeId() + " is not replayable"
                    : DeadLetterStore.Status.DISCARDED.name().equals(letter.status())
                    ? "dead letter " + id + " was discarded at " + letter.discardedAt() + " by "
                            + letter.discardedBy()
                    : "dead letter " + id + " was already replayed at " + letter.replayedAt()));
        }
        if (editedPayload == null && DeadLetterStore.Kept.PREVIEW.name().equals(letter.payloadKept())) {
            return answer(exchange, 409, new ReplayAnswer(id, "PAYLOAD_NOT_KEPT", "dead letter " + id
                    + " cannot be replayed: its payload was not kept whole: " + letter.payloadNote()));
        }
        if (!store.claimReplay(id, requestedBy, editedPayload, note, batchId)) {
            return answer(exchange, 409, new ReplayAnswer(id, "REPLAYED", "dead letter " + id
                    + " is already being replayed"));
        }
        exchange.setProperty(REPLAY_OF, id);
        exchange.setProperty(REPLAY_ENDPOINT, letter.replayEndpoint());
        exchange.setProperty(ORDER_ID, letter.orderId());
        if (letter.correlationId() != null) {
            Correlation.adopt(exchange, letter.correlationId());
        }
        String action = editedPayload != null ? "REPLAY_EDITED" : batchId != null ? "REPLAY_IN_BATCH" : "REPLAY";
        audited(requestedBy, action, "dead-letter:" + id, letter.status(), DeadLetterStore.Status.REPLAYED.name(),
                (batchId == null ? "" : "batch " + batchId + "; ") + "to " + letter.replayEndpoint()
                        + (editedPayload == null ? "" : "; edited payload of " + editedPayload.length()
                        + " characters (original: " + letter.payloadBytes() + " bytes, SHA-256 "
                        + letter.payloadSha256() + ")") + (note == null ? "" : "; note: " + note));
        LOG.info("Dead letter {} replay requested by {} to {}{}", id, requestedBy, letter.replayEndpoint(),
                editedPayload == null ? "" : " with an edited payload");
        return answer(exchange, 202, new ReplayAnswer(id, "REPLAYING", "sent to " + letter.replayEndpoint()));
    }

    /**
     * POST /api/v1/dead-letters/{id}/edited-replay: {@code {"payload": "...", "note": "..."}}. The payload replaces
     * the original for this replay (the original stays as it is); a JSON dead letter's edit must be JSON.
     */
    public Object prepareEditedReplay(long id, String requestedBy, String body, Exchange exchange)
            throws com.fasterxml.jackson.core.JsonProcessingException {
        com.fasterxml.jackson.databind.JsonNode request = requestBody(body);
        String payload = request == null ? null : text(request, "payload");
        String note = request == null ? null : text(request, "note");
        if (payload == null || payload.isBlank()) {
            return error(exchange, 400, "VALIDATION_FAILED", "the body must be {\"payload\": \"<the edited message>\","
                    + " \"note\": \"<why>\"} with a non-empty payload");
        }
        if (note != null && note.length() > MAX_NOTE_CHARS) {
            return error(exchange, 400, "VALIDATION_FAILED", "note: at most " + MAX_NOTE_CHARS + " characters");
        }
        DeadLetterStore.DeadLetter letter = store.find(id).orElse(null);
        if (letter != null && letter.payloadContentType() != null && letter.payloadContentType().contains("json")) {
            try {
                io.ordersync.support.Json.mapper().readTree(payload);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return error(exchange, 400, "VALIDATION_FAILED", "payload: dead letter " + id + " holds JSON and the"
                        + " edit is not JSON: " + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr()
                        + ", column " + e.getLocation().getColumnNr() + ")");
            }
        }
        return prepareReplay(id, requestedBy, payload, note, null, exchange);
    }

    /** POST /api/v1/dead-letters/{id}/discard: {@code {"reason": "..."}}; only a NEW dead letter. */
    public Object discard(long id, String requestedBy, String body, Exchange exchange)
            throws com.fasterxml.jackson.core.JsonProcessingException {
        com.fasterxml.jackson.databind.JsonNode request = requestBody(body);
        String reason = request == null ? null : text(request, "reason");
        if (reason == null || reason.isBlank() || reason.length() > MAX_NOTE_CHARS) {
            return error(exchange, 400, "VALIDATION_FAILED", "the body must be {\"reason\": \"<why it needs no"
                    + " replay>\"}, 1 to " + MAX_NOTE_CHARS + " characters");
        }
        DeadLetterStore.DeadLetter letter = store.find(id).orElse(null);
        if (letter == null) {
            return error(exchange, 404, "NOT_FOUND", "no dead letter " + id);
        }
        if (!store.discard(id, requestedBy, reason)) {
            return error(exchange, 409, "CONFLICT", "dead letter " + id + " is " + store.find(id)
                    .map(DeadLetterStore.DeadLetter::status).orElse("gone") + ": only a NEW one can be discarded");
        }
        audited(requestedBy, "DISCARD", "dead-letter:" + id, letter.status(), DeadLetterStore.Status.DISCARDED.name(),
                "reason: " + reason);
        LOG.info("Dead letter {} discarded by {}: {}", id, requestedBy, reason);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        return find(id, exchange);
    }

    /**
     * POST /api/v1/dead-letters/replay-batches: {@code {"routeId", "orderId", "ids": [...], "limit"}} selects NEW
     * dead letters (ids: exactly those; else the newest {@code limit}, at most {@value #MAX_BATCH}, of the route
     * and order given). Answers 202 with the batch; the ids go to the route in {@link #BATCH_ID}'s exchange.
     */
    public Object startBatch(String requestedBy, String body, Exchange exchange)
            throws com.fasterxml.jackson.core.JsonProcessingException {
        com.fasterxml.jackson.databind.JsonNode request = requestBody(body);
        if (request == null || !request.isObject()) {
            return error(exchange, 400, "VALIDATION_FAILED", "the body must be a JSON object: {\"routeId\", \"orderId\","
                    + " \"ids\": [...], \"limit\"}");
        }
        List<Long> ids = new java.util.ArrayList<>();
        if (request.has("ids")) {
            com.fasterxml.jackson.databind.JsonNode given = request.get("ids");
            if (!given.isArray() || given.isEmpty() || given.size() > MAX_BATCH) {
                return error(exchange, 400, "VALIDATION_FAILED", "ids: 1 to " + MAX_BATCH + " dead-letter ids");
            }
            for (com.fasterxml.jackson.databind.JsonNode id : given) {
                if (!id.canConvertToLong() || id.asLong() < 1) {
                    return error(exchange, 400, "VALIDATION_FAILED", "ids: " + id + " is not a dead-letter id");
                }
                ids.add(id.asLong());
            }
        } else {
            if (text(request, "routeId") == null && text(request, "orderId") == null) {
                // a batch names what it replays: never every dead letter by accident
                return error(exchange, 400, "VALIDATION_FAILED", "name the dead letters to replay: \"ids\", or"
                        + " \"routeId\" and/or \"orderId\" (with \"limit\")");
            }
            int limit = request.path("limit").asInt(100);
            if (limit < 1 || limit > MAX_BATCH) {
                return error(exchange, 400, "VALIDATION_FAILED", "limit: 1 to " + MAX_BATCH);
            }
            store.search(DeadLetterStore.Status.NEW.name(), text(request, "routeId"), text(request, "orderId"), limit)
                    .stream().filter(letter -> letter.replayEndpoint() != null)
                    .forEach(letter -> ids.add(letter.id()));
        }
        String selection = request.has("ids") ? "ids " + ids : "status NEW" + (text(request, "routeId") == null ? ""
                : ", route " + text(request, "routeId")) + (text(request, "orderId") == null ? ""
                : ", order " + text(request, "orderId")) + ", newest " + request.path("limit").asInt(100);
        long batchId = store.createBatch(requestedBy, selection.length() > 2000 ? selection.substring(0, 1997) + "..."
                : selection, ids.size());
        audited(requestedBy, "REPLAY_BATCH", "replay-batch:" + batchId, null, ids.size() + " dead letter(s)", selection);
        LOG.info("Replay batch {} of {} dead letter(s) requested by {} ({})", batchId, ids.size(), requestedBy,
                selection);
        exchange.setProperty(BATCH_ID, batchId);
        exchange.setProperty(ExchangeProperties.REPLAY_BATCH_IDS, ids);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        exchange.getMessage().setHeader("Location", "/api/v1/dead-letters/replay-batches/" + batchId);
        return store.batch(batchId).orElseThrow();
    }

    /** One dead letter of a batch: claimed for its replay (202) or refused, which the batch counts. */
    public ReplayAnswer prepareBatchReplay(long id, long batchId, String requestedBy, Exchange exchange) {
        ReplayAnswer answer = prepareReplay(id, requestedBy, null, null, batchId, exchange);
        if (exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class) != 202) {
            store.batchRefused(batchId);
            LOG.info("Replay batch {}: dead letter {} not replayed: {}", batchId, id, answer.message());
        }
        return answer;
    }

    public void batchHandedOver(long batchId) {
        store.batchHandedOver(batchId);
    }

    /** GET /api/v1/dead-letters/replay-batches/{batchId}: the batch and its progress. */
    public Object batch(long batchId, Exchange exchange) {
        return store.batch(batchId).<Object>map(batch -> batch).orElseGet(() -> {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            return io.ordersync.support.ApiProblem.body(404, "NOT_FOUND", "no replay batch " + batchId);
        });
    }

    /** What a claimed replay sends: its edited payload, else the original (kept whole). */
    public String replayPayload(long id) {
        return store.replayPayload(id).orElseThrow(() -> new IllegalStateException(
                "dead letter " + id + " has no payload kept whole"));
    }

    private void audited(String actor, String action, String target, String before, String after, String detail) {
        if (audit != null) {
            audit.record(actor, action, target, before, after, detail);
        }
    }

    /**
     * The request's JSON (null when empty). Not JSON, or past the parser's limits: the exception goes to the API's
     * error handling, which answers INVALID_JSON or JSON_LIMIT_EXCEEDED as for every other body.
     */
    private static com.fasterxml.jackson.databind.JsonNode requestBody(String body)
            throws com.fasterxml.jackson.core.JsonProcessingException {
        if (body == null || body.isBlank()) {
            return null;
        }
        return io.ordersync.support.Json.mapper().readTree(body);
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode request, String field) {
        com.fasterxml.jackson.databind.JsonNode value = request.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
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
     * the next page: {@code beforeId} = the last id of this one; {@code partner}: the partner of their order.
     */
    public List<com.fasterxml.jackson.databind.JsonNode> search(String status, String routeId, String orderId,
                                                              String partner, Long beforeId, Integer limit) {
        return store.search(status, routeId, orderId, partner, beforeId, limit == null ? 100 : limit).stream()
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
            answer.path("replays").forEach(replay -> {
                if (replay instanceof com.fasterxml.jackson.databind.node.ObjectNode object
                        && object.hasNonNull("editedPayload")) {
                    object.remove("editedPayload");
                    object.put("payloadWithheld", "only callers with the role operator read payloads");
                }
            });
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
