package io.ordersync.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.ordersync.TestDatabases;
import io.ordersync.support.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay route as {@code routes/outbox-relay.camel.yaml} declares it, on a real database, with Kafka's
 * hand-off played by routes that confirm each send later, on another thread, as the Kafka producer's callback does:
 * a run of the relay that takes longer than its period is not overlapped by the next one, which would pick the same
 * unconfirmed rows and send each again.
 */
class OutboxRelayRouteTest {

    private static final int ORDERS = 3;
    /** The period, far shorter than a run: each send is confirmed {@link #SEND_MS} later. */
    private static final long PERIOD_MS = 50;
    private static final long SEND_MS = 200;

    private HikariDataSource dataSource;
    private OrderStore store;
    private CamelContext context;
    private final Map<String, AtomicInteger> orderSends = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> eventSends = new ConcurrentHashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        dataSource = TestDatabases.migratedH2("outbox-relay-route", 4);
        store = new OrderStore(dataSource);
        OutboxRelay relay = new OutboxRelay(store, Clock.systemUTC(), 0, TimeUnit.HOURS.toMillis(1));
        context = new DefaultCamelContext();
        Properties settings = new Properties();
        settings.put("ordersync.outbox.period-ms", String.valueOf(PERIOD_MS));
        context.getPropertiesComponent().setInitialProperties(settings);
        context.getRegistry().bind("outboxRelay", relay);
        PluginHelper.getRoutesLoader(context).loadRoutes(
                ResourceHelper.resolveResource(context, "file:routes/outbox-relay.camel.yaml"));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // what order-publish and event-publish do, with a Kafka that confirms each send SEND_MS later
                from("direct:publish-order").routeId("kafka-of-this-test-orders")
                        .delay(SEND_MS).asyncDelayed()
                        .process(exchange -> {
                            String orderId = Json.read(exchange.getMessage().getBody(String.class),
                                    CanonicalOrder.class).orderId();
                            orderSends.computeIfAbsent(orderId, id -> new AtomicInteger()).incrementAndGet();
                            relay.orderRelayed(orderId, exchange.getProperty("ordersyncOutboxRelay", String.class));
                        });
                from("direct:publish-event").routeId("kafka-of-this-test-events")
                        .delay(SEND_MS).asyncDelayed()
                        .process(exchange -> {
                            String eventId = Json.read(exchange.getMessage().getBody(String.class),
                                    OrderEvent.class).eventId();
                            eventSends.computeIfAbsent(eventId, id -> new AtomicInteger()).incrementAndGet();
                            relay.eventRelayed(eventId);
                        });
            }
        });
    }

    @AfterEach
    void tearDown() {
        context.stop();
        dataSource.close();
    }

    @Test
    void a_relay_run_slower_than_its_period_is_not_overlapped_so_each_unconfirmed_row_is_sent_once() {
        List<String> orderIds = java.util.stream.IntStream.range(0, ORDERS).mapToObj(i -> storedOrder()).toList();
        NotifyBuilder runs = new NotifyBuilder(context).fromRoute("outbox-relay").whenCompleted(ORDERS + 3).create();
        context.start();

        // every row sent, then runs enough after it to have sent any of them again
        assertThat(runs.matches(60, TimeUnit.SECONDS)).as("relay runs completed").isTrue();
        assertThat(counts(orderSends)).as("sends per order").isEqualTo(orderIds.stream()
                .collect(Collectors.toMap(Function.identity(), id -> 1)));
        assertThat(counts(eventSends)).as("sends per OrderReceived event").hasSize(ORDERS).allSatisfy((id, n) ->
                assertThat(n).isEqualTo(1));
        orderIds.forEach(id -> assertThat(store.orderPublication(id).orElseThrow().publishCount()).isEqualTo(1));
    }

    private static Map<String, Integer> counts(Map<String, AtomicInteger> sends) {
        return sends.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
    }

    /** A stored order whose hand-off Kafka never confirmed, with its OrderReceived event: what the relay picks. */
    private String storedOrder() {
        String orderId = "ord-" + UUID.randomUUID();
        UnpublishedOrders.store(store, orderId, orderId, Instant.now().minusSeconds(60));
        return orderId;
    }
}
