package io.ordersync.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.ordersync.MovableClock;
import io.ordersync.TestDatabases;
import io.ordersync.support.Json;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The order gauges read from a real database at scrape time: every order by channel, entity and status, and the
 * orders waiting for their ERP outcome longer than the stuck threshold, under a clock the test moves.
 */
class OrderFlowMetricsTest {

    private static final Duration STUCK_AFTER = Duration.ofMinutes(15);

    private HikariDataSource dataSource;
    private OrderStore store;
    private MovableClock clock;

    @BeforeEach
    void setUp() {
        dataSource = TestDatabases.migratedH2("order-flow-metrics", 2);
        store = new OrderStore(dataSource);
        clock = new MovableClock();
    }

    @AfterEach
    void tearDown() {
        dataSource.close();
    }

    @Test
    void orders_are_counted_by_channel_entity_and_status() {
        stored("REST", "US01");
        stored("REST", "US01");
        String accepted = stored("EDI", "DE01");
        store.transactions().executeWithoutResult(tx -> store.recordEvent(
                event(accepted, OrderEvent.ORDER_ACCEPTED, OrderStatus.ACCEPTED, "DE01")));
        stored("FILE", null);

        assertThat(series(OrderFlowMetrics.ORDERS)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "channel=REST,legal_entity=US01,status=RECEIVED", 2.0,
                "channel=EDI,legal_entity=DE01,status=ACCEPTED", 1.0,
                "channel=FILE,legal_entity=none,status=RECEIVED", 1.0));
    }

    @Test
    void an_order_waiting_for_its_erp_outcome_past_the_threshold_is_stuck_until_it_has_one() {
        String waiting = stored("REST", "US01");
        String answered = stored("REST", "US01");
        store.transactions().executeWithoutResult(tx -> store.recordEvent(
                event(answered, OrderEvent.ORDER_ACCEPTED, OrderStatus.ACCEPTED, "US01")));
        // every configured entity has a series, 0 while nothing is stuck
        assertThat(series(OrderFlowMetrics.STUCK)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "legal_entity=DE01,status=RECEIVED", 0.0, "legal_entity=US01,status=RECEIVED", 0.0));

        clock.move(STUCK_AFTER.minusSeconds(1));
        assertThat(series(OrderFlowMetrics.STUCK)).containsEntry("legal_entity=US01,status=RECEIVED", 0.0);
        clock.move(Duration.ofSeconds(2));
        assertThat(series(OrderFlowMetrics.STUCK)).containsEntry("legal_entity=US01,status=RECEIVED", 1.0)
                .containsEntry("legal_entity=DE01,status=RECEIVED", 0.0);

        store.transactions().executeWithoutResult(tx -> store.recordEvent(
                event(waiting, OrderEvent.ORDER_REJECTED, OrderStatus.REJECTED, "US01")));
        assertThat(series(OrderFlowMetrics.STUCK)).containsEntry("legal_entity=US01,status=RECEIVED", 0.0);
    }

    /** The gauge's series as "label=value,..." to value: a scrape now (a new reader, so no cached reading). */
    private Map<String, Double> series(String name) {
        OrderFlowMetrics metrics = new OrderFlowMetrics(store, Set.of("US01", "DE01"), STUCK_AFTER, clock);
        Map<String, Double> values = new TreeMap<>();
        for (MetricSnapshot snapshot : metrics.collect()) {
            if (!snapshot.getMetadata().getPrometheusName().equals(name)) {
                continue;
            }
            for (GaugeSnapshot.GaugeDataPointSnapshot point : ((GaugeSnapshot) snapshot).getDataPoints()) {
                StringBuilder key = new StringBuilder();
                point.getLabels().forEach(label -> key.append(key.isEmpty() ? "" : ",").append(label.getName())
                        .append('=').append(label.getValue()));
                values.put(key.toString(), point.getValue());
            }
        }
        return values;
    }

    private String stored(String channel, String legalEntity) {
        String orderId = "ord-" + UUID.randomUUID();
        CanonicalOrder order = Json.read(("{'source': {'channel': '%s', 'system': 'CRM', 'externalId': '%s'},"
                + " 'customer': {'crmAccountId': '001T00000000NA01', 'erpCustomerNumber': 'NA-20001'}, 'currency': 'USD',"
                + " 'lines': [{'lineNumber': 1, 'sku': 'SKU-100', 'quantity': 2, 'unitOfMeasure': 'EA', 'unitPrice': 5}]}")
                .formatted(channel, orderId).replace('\'', '"'), CanonicalOrder.class)
                .completed(orderId, "corr-" + orderId, clock.instant(), legalEntity);
        store.transactions().executeWithoutResult(tx -> store.insert(order, OrderStatus.RECEIVED, "CRM:" + orderId,
                null, event(orderId, OrderEvent.ORDER_RECEIVED, OrderStatus.RECEIVED, legalEntity)));
        return orderId;
    }

    private OrderEvent event(String orderId, String type, OrderStatus status, String legalEntity) {
        Instant at = clock.instant();
        return new OrderEvent(OrderEvent.SCHEMA_VERSION, OrderEvent.eventId(orderId, type), type, orderId,
                "corr-" + orderId, at, status, legalEntity, orderId, null, null, null);
    }
}
