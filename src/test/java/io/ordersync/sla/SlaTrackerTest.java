package io.ordersync.sla;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ordersync.BothDatabases;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every SLA in every state, from orders and timeline events in a real database (H2 and PostgreSQL) at a fixed clock:
 * order to acknowledgement, order to shipment, shipment to invoice; MET, MET_LATE, WARNING, MISSED and OPEN; entity
 * and partner thresholds; the window; the API's summary and breaches; the metric rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlaTrackerTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final String ACK = "order-to-acknowledgement";
    private static final String SHIP = "order-to-shipment";
    private static final String INVOICE = "shipment-to-invoice";

    private final BothDatabases databases = new BothDatabases("sla", 4);

    Stream<String> databases() {
        return BothDatabases.names();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void each_sla_is_met_met_late_in_warning_missed_or_open_from_the_timeline(String database) {
        String entity = entity();
        SlaTracker tracker = tracker(database, Map.of());
        JdbcTemplate jdbc = new JdbcTemplate(databases.get(database));
        // defaults: acknowledgement PT5M,PT15M; shipment P2D,P5D; invoice P1D,P3D
        String ackedInTime = order(jdbc, entity, "CRM", ago("PT1H"), "OrderAccepted", ago("PT58M"));
        String ackedLate = order(jdbc, entity, "CRM", ago("PT1H"), "OrderRejected", ago("PT50M"));
        String ackedTooLate = order(jdbc, entity, "CRM", ago("PT1H"), "OrderAccepted", ago("PT40M"));
        String unackedWarning = order(jdbc, entity, "CRM", ago("PT10M"));
        String unackedMissed = order(jdbc, entity, "CRM", ago("PT20M"));
        String unackedOpen = order(jdbc, entity, "CRM", ago("PT2M"));
        String notShippedWarning = order(jdbc, entity, "CRM", ago("P3D"), "OrderAccepted", ago("P3D").plusSeconds(60));
        String notShippedMissed = order(jdbc, entity, "CRM", ago("P6D"), "OrderAccepted", ago("P6D").plusSeconds(60));
        String shippedLate = order(jdbc, entity, "CRM", ago("P4D"), "OrderAccepted", ago("P4D").plusSeconds(60),
                "OrderShipped", ago("PT25H"));
        String invoicedTooLate = order(jdbc, entity, "CRM", ago("P10D"), "OrderAccepted", ago("P10D").plusSeconds(60),
                "OrderShipped", ago("P9D"), "OrderInvoiced", ago("P5D"));
        String invoicedInTime = order(jdbc, entity, "CRM", ago("P8D"), "OrderAccepted", ago("P8D").plusSeconds(60),
                "OrderShipped", ago("P7D"), "OrderInvoiced", ago("P7D").plusSeconds(12 * 3600));
        String outsideWindow = order(jdbc, entity, "CRM", ago("P31D"));

        Map<String, String> states = states(tracker.evaluate());

        assertThat(states).containsEntry(ackedInTime + " " + ACK, "MET")
                .containsEntry(ackedLate + " " + ACK, "MET_LATE")
                .containsEntry(ackedTooLate + " " + ACK, "MISSED")
                .containsEntry(unackedWarning + " " + ACK, "WARNING")
                .containsEntry(unackedMissed + " " + ACK, "MISSED")
                .containsEntry(unackedOpen + " " + ACK, "OPEN")
                .containsEntry(ackedInTime + " " + SHIP, "OPEN")
                .containsEntry(notShippedWarning + " " + SHIP, "WARNING")
                .containsEntry(notShippedMissed + " " + SHIP, "MISSED")
                .containsEntry(shippedLate + " " + SHIP, "MET_LATE")
                // shipped 25 hours ago, no invoice yet: past the one-day warning
                .containsEntry(shippedLate + " " + INVOICE, "WARNING")
                .containsEntry(invoicedTooLate + " " + INVOICE, "MISSED")
                .containsEntry(invoicedInTime + " " + INVOICE, "MET")
                .containsEntry(invoicedInTime + " " + SHIP, "MET");
        // a rejected order is never due for shipment, an unshipped one never for an invoice
        assertThat(states).doesNotContainKeys(ackedLate + " " + SHIP, notShippedWarning + " " + INVOICE);
        assertThat(states.keySet()).noneMatch(key -> key.startsWith(outsideWindow));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void an_entity_threshold_applies_to_its_orders_and_a_partner_threshold_wins_over_it(String database) {
        String entity = entity();
        SlaTracker tracker = tracker(database, Map.of("entity." + entity + ".order-to-shipment", "P3D,P7D",
                "partner.FASTCO.order-to-shipment", "PT12H,P1D"));
        JdbcTemplate jdbc = new JdbcTemplate(databases.get(database));
        String crmOrder = order(jdbc, entity, "CRM", ago("P4D"), "OrderAccepted", ago("P4D").plusSeconds(60));
        String partnerOrder = order(jdbc, entity, "FASTCO", ago("PT18H"), "OrderAccepted", ago("PT17H"));

        Map<String, String> states = states(tracker.evaluate());

        // 4 days: WARNING by the default P2D, OPEN by the entity's P3D warning
        assertThat(states).containsEntry(crmOrder + " " + SHIP, "WARNING");
        // 18 hours: OPEN by the entity's thresholds, WARNING by the partner's 12 hours
        assertThat(states).containsEntry(partnerOrder + " " + SHIP, "WARNING");
        assertThat(tracker(database, Map.of()).evaluate().stream()
                .filter(o -> o.orderId().equals(crmOrder) && o.sla().equals(SHIP)).findFirst().orElseThrow().state())
                .isEqualTo("WARNING");
        SlaTracker entityOnly = tracker(database, Map.of("entity." + entity + ".order-to-shipment", "P3D,P7D"));
        assertThat(states(entityOnly.evaluate())).containsEntry(crmOrder + " " + SHIP, "WARNING")
                .containsEntry(partnerOrder + " " + SHIP, "OPEN");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void the_report_counts_per_sla_entity_and_partner_lists_breaches_and_feeds_the_metric(String database) {
        String entity = entity();
        SlaTracker tracker = tracker(database, Map.of());
        JdbcTemplate jdbc = new JdbcTemplate(databases.get(database));
        String met = order(jdbc, entity, "CRM", ago("PT1H"), "OrderAccepted", ago("PT59M"));
        String missed = order(jdbc, entity, "CRM", ago("PT30M"));
        String partnerWarning = order(jdbc, entity, "ACMEHW", ago("PT6M"));

        Map<String, Object> report = tracker.report(entity, null, null);

        @SuppressWarnings("unchecked")
        List<SlaTracker.Summary> summary = (List<SlaTracker.Summary>) report.get("summary");
        assertThat(summary).extracting(s -> s.sla() + "/" + s.partner() + "=" + s.states())
                .containsExactly(ACK + "/ACMEHW={MET=0, MET_LATE=0, WARNING=1, MISSED=0, OPEN=0}",
                        ACK + "/CRM={MET=1, MET_LATE=0, WARNING=0, MISSED=1, OPEN=0}",
                        SHIP + "/CRM={MET=0, MET_LATE=0, WARNING=0, MISSED=0, OPEN=1}");
        @SuppressWarnings("unchecked")
        List<SlaTracker.OrderSla> breaches = (List<SlaTracker.OrderSla>) report.get("breaches");
        assertThat(breaches).extracting(b -> b.orderId() + " " + b.state())
                .containsExactlyInAnyOrder(missed + " MISSED", partnerWarning + " WARNING");
        assertThat(report).doesNotContainKey("orders");
        @SuppressWarnings("unchecked")
        List<SlaTracker.OrderSla> one = (List<SlaTracker.OrderSla>) tracker.report(null, null, met).get("orders");
        assertThat(one).extracting(SlaTracker.OrderSla::sla).containsExactlyInAnyOrder(ACK, SHIP);

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        tracker.register(registry);
        assertThat(registry.get("ordersync.sla.orders").tags("sla", ACK, "state", "MISSED", "legal_entity", entity,
                "partner", "CRM").gauge().value()).isEqualTo(1.0);
        order(jdbc, entity, "CRM", ago("PT40M"));
        tracker.refreshMetrics();
        assertThat(registry.get("ordersync.sla.orders").tags("sla", ACK, "state", "MISSED", "legal_entity", entity,
                "partner", "CRM").gauge().value()).isEqualTo(2.0);
    }

    @AfterAll
    void close() {
        databases.close();
    }

    // ---- helpers

    private SlaTracker tracker(String database, Map<String, String> overrides) {
        HikariDataSource dataSource = databases.get(database);
        Map<String, String> settings = new HashMap<>(Map.of(ACK, "PT5M,PT15M", SHIP, "P2D,P5D", INVOICE, "P1D,P3D"));
        settings.putAll(overrides);
        return new SlaTracker(dataSource, SlaPolicy.of(settings), Duration.ofDays(30), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** A legal entity code of this test's own, so the shared database's other orders stay out of its counts. */
    private static String entity() {
        return "T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private static Instant ago(String duration) {
        return NOW.minus(Duration.parse(duration));
    }

    /** Stores an order received at {@code receivedAt} with timeline events given as type, time pairs. */
    private static String order(JdbcTemplate jdbc, String entity, String partner, Instant receivedAt, Object... events) {
        String orderId = "ord-" + UUID.randomUUID();
        String system = partner.equals("CRM") ? "CRM" : "EDI";
        jdbc.update("INSERT INTO orders (order_id, idempotency_key, source_channel, source_system, source_partner,"
                        + " external_id, legal_entity, status, correlation_id, canonical_json, received_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, 'RECEIVED', ?, '{}', ?, ?)",
                orderId, system + ":" + orderId, system.equals("CRM") ? "REST" : "EDI", system,
                system.equals("CRM") ? null : partner, orderId, entity, "corr-" + orderId, Timestamp.from(receivedAt),
                Timestamp.from(receivedAt));
        for (int i = 0; i < events.length; i += 2) {
            jdbc.update("INSERT INTO order_events (event_id, order_id, event_type, status, occurred_at)"
                            + " VALUES (?, ?, ?, 'ANY', ?)",
                    orderId + "-" + i, orderId, events[i], Timestamp.from((Instant) events[i + 1]));
        }
        return orderId;
    }

    private static Map<String, String> states(List<SlaTracker.OrderSla> positions) {
        Map<String, String> states = new HashMap<>();
        positions.forEach(o -> states.put(o.orderId() + " " + o.sla(), o.state()));
        return states;
    }
}
