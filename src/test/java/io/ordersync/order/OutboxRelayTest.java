package io.ordersync.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ordersync.MovableClock;
import io.ordersync.TestDatabases;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.ordersync.support.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the outbox relay (re)publishes, period after period, against a real database and a clock the test moves:
 * once per period the route sends what {@link OutboxRelay#unconfirmedOrders()},
 * {@link OutboxRelay#ordersWithoutOutcome()} and {@link OutboxRelay#events()} pick and, for each record Kafka
 * confirmed, calls {@link OutboxRelay#orderRelayed} / {@link OutboxRelay#eventRelayed}.
 */
class OutboxRelayTest {

    private static final Duration PERIOD = Duration.ofSeconds(5);
    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final Duration REPUBLISH_AFTER = Duration.ofMinutes(5);

    private HikariDataSource dataSource;
    private OrderStore store;
    private MovableClock clock;
    private OutboxRelay relay;
    private SimpleMeterRegistry meters;
    private final SdkTracerProvider tracing = SdkTracerProvider.builder().build();
    private final Tracer tracer = tracing.get("outbox-relay-test");

    @BeforeEach
    void setUp() {
        dataSource = TestDatabases.migratedH2("outbox-relay", 2);
        store = new OrderStore(dataSource);
        clock = new MovableClock();
        relay = new OutboxRelay(store, clock, GRACE.toMillis(), REPUBLISH_AFTER.toMillis());
        meters = new SimpleMeterRegistry();
        relay.register(meters);
    }

    @AfterEach
    void tearDown() {
        tracing.close();
        dataSource.close();
    }

    @Test
    void an_order_published_but_still_waiting_is_republished_once_per_republish_period_not_every_relay_period() {
        String orderId = storedOrder();
        store.markOrderPublished(orderId); // the intake's hand-off, confirmed by Kafka

        // confirmed and young: nothing to do, period after period
        assertThat(runPeriod()).isEmpty();
        clock.move(REPUBLISH_AFTER.minus(PERIOD));
        assertThat(runPeriod()).isEmpty();

        // still RECEIVED a republish-after past its publication (the record may be lost): re-published once...
        clock.move(PERIOD.plusSeconds(1));
        assertThat(runPeriod()).containsExactly(orderId);
        // ...and not at the following periods, though the order is still waiting
        for (int period = 0; period < 10; period++) {
            clock.move(PERIOD);
            assertThat(runPeriod()).as("period %d after the re-publish", period + 1).isEmpty();
        }
        OrderStore.Publication first = store.orderPublication(orderId).orElseThrow();
        assertThat(first.publishCount()).as("the intake's publication and one re-publication").isEqualTo(2);

        // another republish-after without an outcome: once more
        clock.move(REPUBLISH_AFTER.minus(PERIOD.multipliedBy(10)));
        assertThat(runPeriod()).containsExactly(orderId);
        assertThat(runPeriod()).isEmpty();
        OrderStore.Publication second = store.orderPublication(orderId).orElseThrow();
        assertThat(second.publishCount()).isEqualTo(3);
        assertThat(second.lastPublishedAt()).isAfter(first.lastPublishedAt());
        assertThat(second.publishedAt()).isEqualTo(first.publishedAt());
        assertThat(relayedCounter("order", OutboxRelay.NO_OUTCOME)).isEqualTo(2.0);
        assertThat(relayedCounter("order", OutboxRelay.UNCONFIRMED)).isZero();

        // with an ERP outcome it is never sent again
        store.recordEvent(event(orderId, OrderEvent.ORDER_ACCEPTED, OrderStatus.ACCEPTED));
        clock.move(REPUBLISH_AFTER.multipliedBy(3));
        assertThat(runPeriod()).isEmpty();
    }

    @Test
    void an_unconfirmed_order_is_sent_each_period_until_kafka_confirms_it_then_no_more() {
        String orderId = storedOrder();

        // within the grace time the intake's own send may still be on its way
        assertThat(relay.unconfirmedOrders()).isEmpty();
        clock.move(GRACE.plusSeconds(1));
        // Kafka is down: the send fails, nothing is confirmed, so the next period tries again
        assertThat(relay.unconfirmedOrders()).hasSize(1);
        clock.move(PERIOD);
        assertThat(runPeriod()).containsExactly(orderId);
        clock.move(PERIOD);
        assertThat(runPeriod()).isEmpty();

        OrderStore.Publication publication = store.orderPublication(orderId).orElseThrow();
        assertThat(publication.publishedAt()).isNotNull();
        assertThat(publication.publishCount()).isEqualTo(1);
        assertThat(relayedCounter("order", OutboxRelay.UNCONFIRMED)).isEqualTo(1.0);
    }

    @Test
    void an_unconfirmed_event_is_sent_each_period_until_kafka_confirms_it_and_the_send_is_recorded() {
        String orderId = storedOrder();
        store.markOrderPublished(orderId);
        String eventId = OrderEvent.eventId(orderId, OrderEvent.ORDER_RECEIVED);

        assertThat(relay.events()).isEmpty();
        clock.move(GRACE.plusSeconds(1));
        // Kafka is down: the send fails, so the next period tries again
        assertThat(relay.events()).hasSize(1);
        clock.move(PERIOD);
        List<OrderStore.Outboxed> secondPeriod = relay.events();
        assertThat(secondPeriod).hasSize(1);
        assertThat(Json.read(secondPeriod.get(0).json(), OrderEvent.class).eventId()).isEqualTo(eventId);
        // stored untraced: the publication starts a trace of its own
        assertThat(secondPeriod.get(0).traceparent()).isNull();
        relay.eventRelayed(eventId);
        clock.move(PERIOD);
        assertThat(relay.events()).isEmpty();

        OrderStore.Publication publication = store.eventPublication(eventId).orElseThrow();
        assertThat(publication.publishedAt()).isNotNull();
        assertThat(publication.publishCount()).isEqualTo(1);
        assertThat(publication.orderId()).isEqualTo(orderId);
        assertThat(relayedCounter("event", OutboxRelay.UNCONFIRMED)).isEqualTo(1.0);
    }

    @Test
    void an_order_and_its_event_stored_in_a_trace_are_handed_over_in_that_trace_and_nothing_else_a_message_carried() {
        Span intake = tracer.spanBuilder("intake").startSpan();
        String orderId;
        try (Scope ignored = intake.makeCurrent()) {
            orderId = storedOrder();
        } finally {
            intake.end();
        }
        String stored = "00-" + intake.getSpanContext().getTraceId() + "-" + intake.getSpanContext().getSpanId() + "-01";
        clock.move(GRACE.plusSeconds(1));

        OrderStore.Outboxed order = relay.unconfirmedOrders().get(0);
        OrderStore.Outboxed event = relay.events().get(0);
        assertThat(order.traceparent()).isEqualTo(stored);
        assertThat(event.traceparent()).isEqualTo(stored);

        // the message the publish route sends: the order's JSON, and only the stored trace context
        Message message = new DefaultMessage(new DefaultCamelContext());
        message.setHeader("traceparent", "00-" + "ab".repeat(16) + "-" + "cd".repeat(8) + "-01");
        message.setHeader("tracestate", "caller=1");
        String body = relay.handOver(order, message);
        assertThat(Json.read(body, CanonicalOrder.class).orderId()).isEqualTo(orderId);
        assertThat(message.getHeader("traceparent")).isEqualTo(stored);
        assertThat(message.getHeader("tracestate")).isNull();
        // stored untraced: the message keeps no earlier trace context either
        relay.handOver(new OrderStore.Outboxed(body, null), message);
        assertThat(message.getHeaders()).doesNotContainKeys("traceparent", "tracestate");
    }

    /** One relay period as the route runs it, every send confirmed by Kafka; returns the re-published order ids. */
    private List<String> runPeriod() {
        List<String> unconfirmed = orderIds(relay.unconfirmedOrders());
        unconfirmed.forEach(id -> relay.orderRelayed(id, OutboxRelay.UNCONFIRMED));
        List<String> withoutOutcome = orderIds(relay.ordersWithoutOutcome());
        withoutOutcome.forEach(id -> relay.orderRelayed(id, OutboxRelay.NO_OUTCOME));
        List<String> sent = new java.util.ArrayList<>(unconfirmed);
        sent.addAll(withoutOutcome);
        return sent;
    }

    private static List<String> orderIds(List<OrderStore.Outboxed> canonicalOrders) {
        return canonicalOrders.stream().map(picked -> Json.read(picked.json(), CanonicalOrder.class).orderId())
                .toList();
    }

    private double relayedCounter(String kind, String reason) {
        return meters.get(OutboxRelay.RELAYED_METRIC).tag("kind", kind).tag("reason", reason).counter().count();
    }

    private String storedOrder() {
        String orderId = "ord-" + UUID.randomUUID();
        UnpublishedOrders.store(store, orderId, orderId, clock.instant());
        return orderId;
    }

    private OrderEvent event(String orderId, String type, OrderStatus status) {
        Instant at = clock.instant();
        return new OrderEvent(OrderEvent.SCHEMA_VERSION, OrderEvent.eventId(orderId, type), type, orderId,
                "corr-" + orderId, at, status, "US01", orderId, null, null, null);
    }
}
