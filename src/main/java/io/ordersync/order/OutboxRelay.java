package io.ordersync.order;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ordersync.support.MeterRegistration;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks what the outbox relay route must (re)publish, and records each send of the relay that Kafka confirmed; the
 * route does the sending. Counted on /observe/metrics as {@code ordersync_outbox_relayed_total{kind, reason}}:
 * kind {@code order} or {@code event}; reason {@code unconfirmed} (its first confirmed hand-off: the intake's was not
 * confirmed, or, for an order's OrderReceived event, left to the relay) or {@code no-outcome} (an order published
 * before and still waiting for its ERP outcome).
 */
public class OutboxRelay extends MeterRegistration {

    public static final String RELAYED_METRIC = "ordersync.outbox.relayed";
    static final String UNCONFIRMED = "unconfirmed";
    static final String NO_OUTCOME = "no-outcome";

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final String TRACEPARENT = "traceparent";
    private static final String TRACESTATE = "tracestate";

    private final OrderStore store;
    private final Clock clock;
    private final long graceMs;
    private final long republishAfterMs;
    private volatile Map<String, Counter> relayed = Map.of();

    public OutboxRelay(OrderStore store, Clock clock, long graceMs, long republishAfterMs) {
        this.store = store;
        this.clock = clock;
        this.graceMs = graceMs;
        this.republishAfterMs = republishAfterMs;
    }

    @Override
    protected void register(MeterRegistry registry) {
        relayed = Map.of("order/" + UNCONFIRMED, counter(registry, "order", UNCONFIRMED),
                "order/" + NO_OUTCOME, counter(registry, "order", NO_OUTCOME),
                "event/" + UNCONFIRMED, counter(registry, "event", UNCONFIRMED));
    }

    private static Counter counter(MeterRegistry registry, String kind, String reason) {
        return Counter.builder(RELAYED_METRIC)
                .description("Orders and events the outbox relay sent and Kafka confirmed")
                .tag("kind", kind)
                .tag("reason", reason)
                .register(registry);
    }

    /** Canonical orders whose hand-off is not confirmed past the grace time: sent at each run until Kafka confirms. */
    public List<OrderStore.Outboxed> unconfirmedOrders() {
        return store.unpublishedOrders(clock.instant().minusMillis(graceMs), 100);
    }

    /**
     * Canonical orders still waiting for the ERP a republish period after their latest confirmed publication: sent
     * once per such period.
     */
    public List<OrderStore.Outboxed> ordersWithoutOutcome() {
        return store.publishedOrdersWithoutOutcome(clock.instant().minusMillis(republishAfterMs), 100);
    }

    /** Events not confirmed on the event topic past the grace time. */
    public List<OrderStore.Outboxed> events() {
        return store.unpublishedEvents(clock.instant().minusMillis(graceMs), 100);
    }

    /**
     * One picked order or event made the message the publish routes send: its JSON as the body and, when it was stored
     * traced, the {@code traceparent} of the span that stored it as a header, from which the tracer makes the
     * publication's span a child of it (the relay's timer makes no span of its own). Any other traceparent the message
     * had is removed: a publication continues the trace of what it publishes, never of an earlier one.
     */
    public String handOver(OrderStore.Outboxed picked, Message message) {
        message.removeHeader(TRACEPARENT);
        message.removeHeader(TRACESTATE);
        if (picked.traceparent() != null) {
            message.setHeader(TRACEPARENT, picked.traceparent());
        }
        return picked.json();
    }

    /**
     * Kafka confirmed the relay's send of the order, picked for {@code reason}: {@link #UNCONFIRMED} or
     * {@link #NO_OUTCOME}.
     */
    public void orderRelayed(String orderId, String reason) {
        int publications = store.recordOrderPublished(orderId, clock.instant())
                .map(OrderStore.Publication::publishCount).orElse(0);
        if (NO_OUTCOME.equals(reason)) {
            LOG.info("Outbox relay re-published order {}: still without ERP outcome (publication {})", orderId,
                    publications);
            increment("order", NO_OUTCOME);
        } else {
            LOG.info("Outbox relay published order {}: its hand-off at intake was not confirmed (publication {})",
                    orderId, publications);
            increment("order", UNCONFIRMED);
        }
    }

    /** Kafka confirmed the relay's send of the event. */
    public void eventRelayed(String eventId) {
        OrderStore.Publication publication = store.recordEventPublished(eventId, clock.instant()).orElse(null);
        String orderId = publication == null ? "?" : publication.orderId();
        if (publication != null && publication.publishCount() > 1) {
            // Kafka had confirmed it before, but that was not recorded (e.g. the process stopped in between)
            LOG.info("Outbox relay re-published event {} of order {} (publication {})", eventId, orderId,
                    publication.publishCount());
        } else {
            // the usual way out for an OrderReceived event, which the intake leaves to the outbox
            LOG.debug("Outbox relay published event {} of order {}", eventId, orderId);
        }
        increment("event", UNCONFIRMED);
    }

    private void increment(String kind, String reason) {
        Counter counter = relayed.get(kind + "/" + reason);
        if (counter != null) {
            counter.increment();
        }
    }
}
