package io.ordersync.events;

import io.ordersync.deadletter.DeadLetterStore;
import io.ordersync.deadletter.DeadLetters;
import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.OrderEvent;
import io.ordersync.order.OrderProgress;
import io.ordersync.order.OrderStatus;
import io.ordersync.order.OrderStore;
import io.ordersync.order.OrderValidationException;
import io.ordersync.order.OrderValidator;
import io.ordersync.support.Correlation;
import io.ordersync.support.ExchangeProperties;
import io.ordersync.support.FieldError;
import io.ordersync.support.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fulfilment status reports from ERP, WMS, TMS and AR systems into the order timeline. A report is checked and
 * queued durably first (webhook answer, or Kafka commit), then recorded by one consumer per order at a time:
 * the {@link OrderTimeline} decides, and the decision, the order's new status, released held events and the
 * backorder exception commit in one transaction. Recorded events go to the order-events topic (fan-out).
 */
public class StatusEvents {

    private static final Logger LOG = LoggerFactory.getLogger(StatusEvents.class);

    /** Exchange property: the source system whose mapping applies (erp, wms, tms, ar). */
    public static final String SOURCE = ExchangeProperties.STATUS_SOURCE;

    private final OrderStore orders;
    private final TimelineStore timeline;
    private final OrderExceptions exceptions;
    private final DeadLetterStore deadLetters;
    private final OrderTimeline machine;
    private final BackorderPolicy backorders;
    private final Set<String> sources;
    private final Clock clock;
    private final StatusReportValidator validator = new StatusReportValidator();
    private final ParkedStatusEvents parked;
    private final Duration parkedRetryEvery;
    private final Duration parkedLimit;

    /** At most this many parked reports are tried per run of the scheduled step. */
    static final int PARKED_BATCH = 200;

    public StatusEvents(OrderStore orders, TimelineStore timeline, OrderExceptions exceptions,
                        DeadLetterStore deadLetters, TimelinePolicy policy, BackorderPolicy backorders,
                        Set<String> sources, Clock clock, ParkedStatusEvents parked, Duration parkedRetryEvery,
                        Duration parkedLimit) {
        this.parked = parked;
        this.parkedRetryEvery = parkedRetryEvery;
        this.parkedLimit = parkedLimit;
        this.orders = orders;
        this.timeline = timeline;
        this.exceptions = exceptions;
        this.deadLetters = deadLetters;
        this.machine = new OrderTimeline(policy);
        this.backorders = backorders;
        this.sources = Set.copyOf(sources);
        this.clock = clock;
    }

    /** Checks the {source} path or topic name against the configured sources; returns it in lower case. */
    public String source(String source) {
        String normalised = source == null ? "" : source.trim().toLowerCase(Locale.ROOT);
        if (!sources.contains(normalised)) {
            throw new OrderValidationException("Unknown status source", List.of(new FieldError(
                    "source", "'" + source + "' is not a configured status source; expected one of "
                            + new java.util.TreeSet<>(sources))));
        }
        return normalised;
    }

    /** The source a status topic carries: the last part of its name (ordersync.status.wms -> wms). */
    public String sourceOfTopic(String topic) {
        return source(topic == null ? null : topic.substring(topic.lastIndexOf('.') + 1));
    }

    /**
     * Body: the mapped report JSON. Checks it and returns it normalised (the canonical report that is queued);
     * sets the Kafka key so all reports of one order stay in order on one partition.
     */
    public String check(String mappedJson, Exchange exchange) {
        StatusReport report = read(mappedJson);
        exchange.getMessage().setHeader("kafka.KEY", report.orderId() != null ? report.orderId()
                : report.legalEntity() + ":" + report.erpOrderNumber());
        exchange.setProperty(ExchangeProperties.STATUS_EVENT_KEY, report.type() + ":" + report.naturalKey());
        return Json.write(report);
    }

    /** The webhook's answer once the report is queued durably. */
    public Map<String, Object> queued(Exchange exchange) {
        StatusReport report = Json.read(exchange.getMessage().getBody(String.class), StatusReport.class);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "QUEUED");
        answer.put("type", report.type());
        answer.put("key", report.naturalKey());
        answer.put("order", report.orderReference());
        answer.put("correlationId", Correlation.current(exchange));
        return answer;
    }

    /**
     * Body: a queued canonical report. Records it in its order's timeline; returns the JSON of every event
     * recorded (this one and any held events it released) for publishing. A held or duplicate report returns
     * none. A report for an unknown order is parked (the ERP's acceptance may still be on its way) and returns none:
     * the consumer moves on at once, and {@link #retryParked()} records it once its order exists. A refused report
     * is dead-lettered at once with the reason.
     */
    public List<String> record(String reportJson, Exchange exchange) {
        StatusReport report = read(reportJson);
        exchange.setProperty(DeadLetters.REPLAY_ENDPOINT, "direct:status-event-record");
        OrderStore.StoredOrder stored = find(report);
        if (stored == null) {
            Instant now = clock.instant();
            String reason = unknownOrder(report);
            if (parked.park(report, Json.write(report), reason, Correlation.current(exchange), now,
                    now.plus(parkedRetryEvery))) {
                LOG.warn("{}: parked, tried again every {} for up to {}", reason, parkedRetryEvery, parkedLimit);
            } else {
                LOG.info("{}: parked already", reason);
            }
            return List.of();
        }
        exchange.setProperty(DeadLetters.ORDER_ID, stored.orderId());
        Correlation.adopt(exchange, stored.correlationId());
        OrderEvent incoming = toEvent(report, stored);
        Applied applied = apply(stored, incoming, null);
        if (applied.decision().verdict() == OrderTimeline.Verdict.REFUSE) {
            throw new StatusEventRefusedException(applied.decision().code(), applied.decision().reason());
        }
        return applied.recorded().stream().map(Json::write).toList();
    }

    /**
     * The scheduled step for parked reports: each one due is recorded when its order exists now, becomes a dead
     * letter with the reason once it has been parked for the limit, or waits for its next attempt. Returns the JSON
     * of the events recorded, for publishing. One parked report failing does not hold up the others.
     */
    public List<String> retryParked() {
        Instant now = clock.instant();
        List<String> published = new ArrayList<>();
        for (ParkedStatusEvents.Parked waiting : parked.due(now, PARKED_BATCH)) {
            try {
                StatusReport report = read(waiting.reportJson());
                OrderStore.StoredOrder stored = find(report);
                if (stored != null) {
                    Applied applied = apply(stored, toEvent(report, stored), waiting.id());
                    applied.recorded().forEach(event -> published.add(Json.write(event)));
                } else if (!now.isBefore(waiting.parkedAt().plus(parkedLimit))) {
                    giveUp(waiting, report, now);
                } else {
                    parked.retryLater(waiting.id(), now.plus(parkedRetryEvery));
                }
            } catch (RuntimeException e) {
                LOG.error("Parked status report {} could not be tried again now: {}", waiting.id(), e.toString());
                parked.retryLater(waiting.id(), now.plus(parkedRetryEvery));
            }
        }
        return published;
    }

    /** Reports parked now (for support and tests). */
    public long parkedCount() {
        return parked.count();
    }

    /** A parked report whose order never came: a dead letter with the reason (replayable), and out of the table. */
    private void giveUp(ParkedStatusEvents.Parked waiting, StatusReport report, Instant now) {
        String reason = waiting.reason() + "; parked " + waiting.parkedAt() + ", tried " + waiting.attempts()
                + " times for " + parkedLimit + " (ordersync.status-events.parked.limit)";
        Long id = orders.transactions().execute(tx -> {
            if (!parked.remove(waiting.id())) {
                return null;
            }
            return deadLetters.insert(DeadLetterStore.Status.NEW, "status-event-record", "direct:status-event-record",
                    report.orderId(), waiting.correlationId(), waiting.reportJson(), Map.of(),
                    new UnknownOrderException(reason), waiting.attempts(), waiting.parkedAt(), now);
        });
        if (id != null) {
            LOG.error("Parked status report given up, kept as dead letter {}: {}", id, reason);
        }
    }

    private OrderStore.StoredOrder find(StatusReport report) {
        return (report.orderId() != null ? orders.findById(report.orderId())
                : orders.findByErpOrderNumber(report.legalEntity(), report.erpOrderNumber())).orElse(null);
    }

    private static String unknownOrder(StatusReport report) {
        return OrderTimeline.describe(toEvent(report, null)) + " names " + report.orderReference()
                + ", which ordersync does not know (yet)";
    }

    /** What one report did to its order's timeline. */
    private record Applied(OrderTimeline.Decision decision, List<OrderEvent> recorded) {}

    /**
     * Decides and applies one event under its order's lock, in one transaction with its effects (released held
     * events, backorder exception; for a parked report, taking it out of the parked table, and a refusal's dead
     * letter since no consumer is there to keep it).
     */
    private Applied apply(OrderStore.StoredOrder stored, OrderEvent incoming, Long parkedId) {
        List<OrderEvent> recorded = new ArrayList<>();
        OrderTimeline.Decision decision = orders.transactions().execute(tx -> {
            timeline.lockOrder(stored.orderId());
            if (parkedId != null && !parked.remove(parkedId)) {
                return null; // another replica took it
            }
            OrderTimeline.Decision d = machine.decide(stored.order(), timeline.events(stored.orderId()), incoming);
            switch (d.verdict()) {
                case RECORD -> {
                    timeline.record(d.event());
                    recorded.add(d.event());
                    recorded.addAll(applyHeld(stored.order()));
                    evaluateBackorder(stored.order(), recorded.get(recorded.size() - 1));
                }
                case HOLD -> timeline.hold(incoming, d.code(), d.reason(), clock.instant());
                case REFUSE -> {
                    if (parkedId != null) {
                        keepRefused(incoming, d);
                    }
                }
                default -> { }
            }
            return d;
        });
        if (decision == null) {
            return new Applied(new OrderTimeline.Decision(OrderTimeline.Verdict.DUPLICATE, null, null, null),
                    List.of());
        }
        String parkedNote = parkedId == null ? "" : " (parked until its order was known)";
        switch (decision.verdict()) {
            case RECORD -> LOG.info("Order {} timeline: {}{} recorded, status now {}", stored.orderId(),
                    OrderTimeline.describe(incoming), parkedNote, recorded.get(recorded.size() - 1).status());
            case HOLD -> LOG.info("Order {} timeline: {}{} held ({}): {}", stored.orderId(),
                    OrderTimeline.describe(incoming), parkedNote, decision.code(), decision.reason());
            case DUPLICATE -> LOG.info("Order {} timeline: {}{} ignored: {}", stored.orderId(),
                    OrderTimeline.describe(incoming), parkedNote, decision.reason());
            case REFUSE -> { }
        }
        return new Applied(decision, recorded);
    }

    /**
     * After an ERP outcome is recorded: applies events that were held waiting for it. Body: the outcome event
     * JSON; returns the JSON of the events recorded now (may be empty).
     */
    public List<String> releaseHeld(String outcomeJson) {
        OrderEvent outcome = Json.read(outcomeJson, OrderEvent.class);
        OrderStore.StoredOrder stored = orders.findById(outcome.orderId()).orElse(null);
        if (stored == null) {
            return List.of();
        }
        List<OrderEvent> recorded = orders.transactions().execute(tx -> {
            timeline.lockOrder(stored.orderId());
            List<OrderEvent> released = applyHeld(stored.order());
            if (!released.isEmpty()) {
                evaluateBackorder(stored.order(), released.get(released.size() - 1));
            }
            return released;
        });
        return recorded.stream().map(Json::write).toList();
    }

    /** Applies held events that the timeline now accepts, oldest first, until none moves. Inside the lock. */
    private List<OrderEvent> applyHeld(CanonicalOrder order) {
        List<OrderEvent> released = new ArrayList<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (TimelineStore.HeldEvent held : timeline.held(order.orderId())) {
                OrderTimeline.Decision d = machine.decide(order, timeline.events(order.orderId()), held.event());
                switch (d.verdict()) {
                    case RECORD -> {
                        timeline.record(d.event());
                        timeline.release(held.eventId());
                        released.add(d.event());
                        progress = true;
                        LOG.info("Order {} timeline: held {} applied", order.orderId(),
                                OrderTimeline.describe(held.event()));
                    }
                    case DUPLICATE -> timeline.release(held.eventId());
                    case REFUSE -> {
                        timeline.release(held.eventId());
                        keepRefused(held.event(), d);
                    }
                    case HOLD -> timeline.hold(held.event(), d.code(), d.reason(), held.heldAt());
                }
            }
        }
        return released;
    }

    /** Opens or updates the backorder exception while quantity is open; resolves it once everything shipped. */
    private void evaluateBackorder(CanonicalOrder order, OrderEvent latest) {
        OrderProgress progress = latest.progress();
        if (progress == null) {
            return;
        }
        BackorderPolicy.Evaluation evaluation = backorders.evaluate(order, progress);
        if (evaluation != null) {
            exceptions.open(order.orderId(), order.legalEntity(), OrderExceptions.BACKORDER, evaluation,
                    latest.eventId(), clock.instant());
        } else if (!OrderProgress.NOT_SHIPPED.equals(progress.shipmentState())) {
            exceptions.resolve(order.orderId(), OrderExceptions.BACKORDER, "shipped in full by "
                    + OrderTimeline.describe(latest), clock.instant());
        }
    }

    private void keepRefused(OrderEvent event, OrderTimeline.Decision decision) {
        Instant now = clock.instant();
        long id = deadLetters.insert(DeadLetterStore.Status.NEW, "status-event-record", "direct:status-event-record",
                event.orderId(), event.correlationId(), Json.write(reportOf(event)), Map.of(),
                new StatusEventRefusedException(decision.code(), decision.reason()), 1, now, now);
        LOG.error("Order {} timeline: held or parked {} refused ({}), kept as dead letter {}: {}", event.orderId(),
                OrderTimeline.describe(event), decision.code(), id, decision.reason());
    }

    private StatusReport read(String json) {
        StatusReport report = Json.read(json, StatusReport.class);
        List<FieldError> errors = validator.validate(report);
        if (!errors.isEmpty()) {
            throw new OrderValidationException("Invalid status event", errors);
        }
        return report;
    }

    /** The canonical event for a report; ids are derived so the same milestone is always the same event. */
    static OrderEvent toEvent(StatusReport report, OrderStore.StoredOrder stored) {
        String orderId = stored == null ? report.orderId() : stored.orderId();
        String crmOrderId = stored != null && "CRM".equals(stored.order().source().system())
                ? stored.order().source().externalId() : null;
        return new OrderEvent(OrderEvent.SCHEMA_VERSION, orderId + ":" + report.type() + ":" + report.naturalKey(),
                report.type(), orderId, stored == null ? null : stored.correlationId(), report.occurredAt(),
                stored == null ? OrderStatus.RECEIVED : OrderStatus.valueOf(stored.status()),
                stored == null ? report.legalEntity() : stored.legalEntity(), crmOrderId,
                stored == null ? report.erpOrderNumber() : stored.erpOrderNumber(), null, null, report.reportedBy(),
                report.sourceEventId(), report.expectedDeliveryDate(), report.quantities(), report.shipment(),
                report.delivery(), report.invoice(), report.payment(), report.returnAuthorization(),
                report.creditMemo(), null);
    }

    /** The report an event came from (what a replay of its dead letter sends again). */
    static StatusReport reportOf(OrderEvent event) {
        return new StatusReport(event.reportedBy(), event.sourceEventId(), event.type(), event.orderId(), null, null,
                event.occurredAt(), event.expectedDeliveryDate(), event.quantities(), event.shipment(),
                event.delivery(), event.invoice(), event.payment(), event.returnAuthorization(), event.creditMemo());
    }
}
