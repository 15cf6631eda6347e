package io.ordersync.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ordersync.support.Correlation;
import io.ordersync.support.ExchangeProperties;
import io.ordersync.support.FieldError;
import io.ordersync.support.Json;
import io.ordersync.support.ParserMessages;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Turns a mapped order into a durable one: business validation, legal entity, de-duplication and the database
 * write, in one transaction. Every channel hands an {@link OrderSubmission} to the hand-off route
 * (routes/order-accept.camel.yaml), which calls {@link #accept(OrderSubmission)} and publishes what it returns.
 */
public class OrderIntake {

    private static final Logger LOG = LoggerFactory.getLogger(OrderIntake.class);

    /** The answer to the sender. */
    public record Receipt(String orderId, String correlationId, String status, Boolean duplicate,
                          List<OrderEvent.Reason> reasons) {}

    private final OrderStore store;
    private final JdbcMessageIdRepository idempotency;
    private final LegalEntityResolver resolver;
    private final OrderValidator validator;
    private final Clock clock;
    /** Where the message an order arrived as is kept for its journey; null: not kept (tests of the rules alone). */
    private final OrderMessages messages;

    public OrderIntake(OrderStore store, JdbcMessageIdRepository idempotency, LegalEntityResolver resolver,
                       Clock clock) {
        this(store, idempotency, resolver, clock, new OrderValidator());
    }

    public OrderIntake(OrderStore store, JdbcMessageIdRepository idempotency, LegalEntityResolver resolver,
                       Clock clock, OrderValidator validator) {
        this(store, idempotency, resolver, clock, validator, null);
    }

    public OrderIntake(OrderStore store, JdbcMessageIdRepository idempotency, LegalEntityResolver resolver,
                       Clock clock, OrderValidator validator, OrderMessages messages) {
        this.messages = messages;
        this.validator = validator;
        this.store = store;
        this.idempotency = idempotency;
        this.resolver = resolver;
        this.clock = clock;
    }

    /**
     * An API caller's order (REST, SOAP), body: the mapping's canonical JSON. The caller's name and roles are the
     * origin (set by authentication), its Idempotency-Key header the sender's key.
     */
    public OrderSubmission apiSubmission(String mapped, Exchange exchange) {
        @SuppressWarnings("unchecked")
        Set<String> roles = exchange.getProperty(ExchangeProperties.CALLER_ROLES, Set.class);
        return new OrderSubmission(read(mapped),
                IntakeOrigin.api(exchange.getProperty(ExchangeProperties.CALLER, String.class), roles),
                exchange.getMessage().getHeader("Idempotency-Key", String.class), null, Correlation.current(exchange),
                exchange.getProperty(ExchangeProperties.RAW_BODY, String.class), null);
    }

    /**
     * An order read from a Kafka topic, body: the mapping's canonical JSON; its keys in the topic's namespace.
     * Checked here against the business rules, so that the route can refuse a record that can never be an order
     * before anything is stored.
     *
     * @throws OrderValidationException with the field errors
     */
    public OrderSubmission topicSubmission(String mapped, String topic, Exchange exchange) {
        CanonicalOrder order = read(mapped);
        check(order, null);
        return new OrderSubmission(order, IntakeOrigin.kafka(topic), null, null, Correlation.current(exchange),
                exchange.getProperty(ExchangeProperties.RAW_BODY, String.class), "record of topic " + topic);
    }

    /**
     * What became of one submitted order, for the hand-off route to act on: the receipt and HTTP status for the
     * sender, and what to publish - the stored canonical order (accepted for routing: {@code publishJson}, exactly
     * the JSON stored) or the rejection event (no legal entity: {@code rejectionEventJson}) - or neither (a repeat).
     * {@code legalEntity} is the stored order's, whose orders topic {@code publishJson} goes to (null with no
     * {@code publishJson}).
     */
    public record Accepted(Receipt receipt, int httpStatus, String publishJson, String rejectionEventJson,
                           String legalEntity) {

        Accepted(Receipt receipt, int httpStatus) {
            this(receipt, httpStatus, null, null, null);
        }
    }

    /** Route step of the hand-off route: {@link #accept(OrderSubmission)} of the body. */
    public Accepted accept(OrderSubmission submission) {
        return acceptMapped(submission.order(), submission.senderKey(), submission.defaultLegalEntity(),
                submission.correlationId(), submission.origin(), submission.received(), submission.receivedAs());
    }

    /**
     * Stores a mapped order (no runtime fields yet) unless it is a repeat: 202 accepted, 200 duplicate of an earlier
     * order, 422 rejected by routing. {@code defaultLegalEntity} applies when the order names none (an EDI partner's
     * entity); the hand-off route calls it through {@link #accept(OrderSubmission)}. Repeats are detected
     * within the origin's namespace only ({@link IntakeOrigin}): the source's channel and namespace are the origin's,
     * whatever the mapped document says; the sender's Idempotency-Key too is its own.
     */
    public Accepted acceptMapped(CanonicalOrder mapped, String senderClientKey, String defaultLegalEntity,
                                 String correlationId, IntakeOrigin origin) {
        return acceptMapped(mapped, senderClientKey, defaultLegalEntity, correlationId, origin, null, null);
    }

    /**
     * As {@link #acceptMapped(CanonicalOrder, String, String, String, IntakeOrigin)}, keeping {@code received} - the
     * message the order arrived as, described by {@code receivedAs} - in the order's journey, in the transaction
     * that stores the order.
     */
    public Accepted acceptMapped(CanonicalOrder mapped, String senderClientKey, String defaultLegalEntity,
                                 String correlationId, IntakeOrigin origin, String received, String receivedAs) {
        CanonicalOrder checked = check(mapped, defaultLegalEntity);
        origin.admit(checked.source());
        CanonicalOrder order = checked.withSource(checked.source().receivedThrough(origin));
        String sourceKey = order.source().key();
        String clientKey = senderClientKey == null ? null : origin.namespace() + "|" + senderClientKey;

        Optional<Receipt> earlier = findEarlier(sourceKey, clientKey, order, origin);
        if (earlier.isPresent()) {
            return new Accepted(earlier.get(), 200);
        }

        String orderId = "ord-" + UUID.randomUUID();
        Instant now = clock.instant();
        LegalEntityResolver.Resolution resolution = resolver.resolve(order);
        String entity = resolution.resolved() ? resolution.entity().code() : order.legalEntity();
        CanonicalOrder stored = order.completed(orderId, correlationId, now, entity);
        io.ordersync.support.TraceAttributes.stored(orderId, entity, stored.source().channel());
        // written once: the same text is stored and, accepted for routing, published
        String storedJson = Json.write(stored);
        OrderEvent first = resolution.resolved()
                ? event(stored, OrderEvent.ORDER_RECEIVED, OrderStatus.RECEIVED, List.of(), now)
                : event(stored, OrderEvent.ORDER_REJECTED, OrderStatus.REJECTED,
                        List.of(new OrderEvent.Reason(resolution.code(), resolution.reason())), now);
        try {
            store.transactions().executeWithoutResult(tx -> {
                // camel-sql's JDBC idempotent repository joins this transaction (same DataSource): the keys and
                // the order commit together or not at all, and the primary key makes a concurrent twin fail.
                boolean fresh = idempotency.add(sourceKey);
                if (clientKey != null) {
                    fresh &= idempotency.add("key:" + clientKey);
                }
                if (!fresh) {
                    throw new DataIntegrityViolationException("idempotency key already present");
                }
                store.insert(stored, storedJson, first.status(), sourceKey, clientKey, first);
                if (messages != null && received != null) {
                    messages.recordReceived(orderId, now, origin.namespace(),
                            receivedAs == null ? order.source().channel() : receivedAs, received, correlationId);
                }
            });
        } catch (DataIntegrityViolationException concurrentTwin) {
            LOG.info("Order {} from {} lost a race with an identical submission", order.source().externalId(),
                    order.source().system());
            Receipt winner = findEarlier(sourceKey, clientKey, order, origin).orElseThrow(
                    () -> new DuplicateInProgressException(sourceKey));
            return new Accepted(winner, 200);
        }
        if (resolution.resolved()) {
            LOG.info("Order {} accepted as {} for legal entity {} ({} lines)", order.source().externalId(), orderId,
                    entity, stored.lines().size());
            return new Accepted(new Receipt(orderId, correlationId, OrderStatus.RECEIVED.name(), null, null), 202,
                    storedJson, null, entity);
        }
        LOG.warn("Order {} rejected at intake as {}: {}", order.source().externalId(), orderId, resolution.reason());
        return new Accepted(new Receipt(orderId, correlationId, OrderStatus.REJECTED.name(), null, first.reasons()),
                422, null, Json.write(first), null);
    }

    /**
     * Reads the canonical JSON a mapping produced: the one parse of the order in its channel's route.
     *
     * @throws OrderValidationException when it is no canonical order
     */
    public CanonicalOrder read(String mapped) {
        try {
            return Json.mapper().readValue(mapped, CanonicalOrder.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String reason = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw new OrderValidationException("the mapping produced no canonical order",
                    List.of(new FieldError("$", ParserMessages.readable(reason))));
        }
    }

    /**
     * The mapped order as {@link #acceptMapped} would store it (defaults applied) once it passed the business rules;
     * writes nothing. A channel that takes several orders at once checks them all before storing any.
     *
     * @throws OrderValidationException with the field errors
     */
    public CanonicalOrder check(String mapped, String defaultLegalEntity) {
        return check(read(mapped), defaultLegalEntity);
    }

    /** As {@link #check(String, String)}, for an order already read. */
    public CanonicalOrder check(CanonicalOrder mapped, String defaultLegalEntity) {
        CanonicalOrder order = mapped;
        if (order.legalEntity() == null && defaultLegalEntity != null) {
            order = order.completed(null, null, null, defaultLegalEntity);
        }
        if (order.currency() == null && order.legalEntity() != null && resolver.currencyOf(order.legalEntity()) != null) {
            order = order.withCurrency(resolver.currencyOf(order.legalEntity()));
        }
        List<FieldError> errors = validator.validate(order);
        if (!errors.isEmpty()) {
            throw new OrderValidationException("order " + externalId(order) + " is invalid", errors);
        }
        return order;
    }

    private Optional<Receipt> findEarlier(String sourceKey, String clientKey, CanonicalOrder order,
                                          IntakeOrigin origin) {
        Optional<OrderStore.StoredOrder> byKey = clientKey == null ? Optional.empty() : store.findByClientKey(clientKey);
        if (byKey.isPresent() && !byKey.get().externalId().equals(order.source().externalId())) {
            String senderKey = clientKey.substring(origin.namespace().length() + 1);
            throw new OrderValidationException("Idempotency-Key reused", List.of(new FieldError(
                    "Idempotency-Key", "'" + senderKey + "' was already used for order " + byKey.get().orderId()
                            + " (external id " + byKey.get().externalId() + "); use a new key for a new order")));
        }
        return byKey.or(() -> store.findBySourceKey(sourceKey))
                // stored before keys had namespaces: a repeat only of an order that came through the same channel,
                // so that no order of another channel is ever taken for a repeat
                .or(() -> store.findLegacy(order.source().legacyKey(), order.source().channel()))
                .map(o -> new Receipt(o.orderId(), o.correlationId(), o.status(), true, null));
    }

    static OrderEvent event(CanonicalOrder order, String type, OrderStatus status, List<OrderEvent.Reason> reasons,
                            Instant at) {
        return new OrderEvent(OrderEvent.SCHEMA_VERSION, OrderEvent.eventId(order.orderId(), type), type,
                order.orderId(), order.correlationId(), at, status, order.legalEntity(), crmOrderId(order), null,
                reasons.isEmpty() ? null : reasons, null);
    }

    /** The CRM's own record id, when the order came from the CRM (status goes back there). */
    static String crmOrderId(CanonicalOrder order) {
        return "CRM".equals(order.source().system()) ? order.source().externalId() : null;
    }

    private static String externalId(CanonicalOrder order) {
        return order.source() == null ? "(no external id)" : order.source().externalId();
    }

    /** The same order is being stored by a concurrent request right now; the sender should retry shortly. */
    public static class DuplicateInProgressException extends RuntimeException {
        public DuplicateInProgressException(String key) {
            super("an identical order (" + key + ") is being accepted right now; retry in a moment");
        }
    }

    /** Map form of a receipt without null fields, for JSON. */
    public static Map<String, Object> toMap(Receipt receipt) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("orderId", receipt.orderId());
        map.put("correlationId", receipt.correlationId());
        map.put("status", receipt.status());
        if (receipt.duplicate() != null) {
            map.put("duplicate", receipt.duplicate());
        }
        if (receipt.reasons() != null) {
            map.put("reasons", receipt.reasons());
        }
        return map;
    }
}
