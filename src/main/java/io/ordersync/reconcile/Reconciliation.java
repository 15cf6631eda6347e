package io.ordersync.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordersync.app.Json;
import io.ordersync.edi.outbound.SentDocuments;
import io.ordersync.erp.ErpOrderStatus;
import io.ordersync.events.OrderTimeline;
import io.ordersync.events.TimelineStore;
import io.ordersync.order.OrderEvent;
import io.ordersync.order.OrderProgress;
import io.ordersync.order.OrderStatus;
import io.ordersync.order.OrderStore;
import io.ordersync.routing.LegalEntities;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Scheduled and on-demand checks that compare what ordersync knows with the CRM and the ERPs, and heal drift where
 * the policy allows (re-send the latest status to the CRM; re-publish an order the ERP never answered, which is
 * safe because ERP delivery is idempotent on the order id). Each run and every mismatch is recorded.
 */
public class Reconciliation {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciliation.class);

    public static final String CRM_STATUS = "crm-status";
    public static final String ERP_STATUS = "erp-status";
    public static final String INVOICE_TOTALS = "invoice-totals";
    public static final String STUCK_ORDERS = "stuck-orders";
    public static final String HELD_EVENTS = "held-events";
    public static final String OVERDUE_ACKNOWLEDGEMENTS = "overdue-acknowledgements";
    public static final List<String> JOBS = List.of(CRM_STATUS, ERP_STATUS, INVOICE_TOTALS, STUCK_ORDERS, HELD_EVENTS,
            OVERDUE_ACKNOWLEDGEMENTS);

    /** Settings ({@code ordersync.reconcile.*}). */
    public record Settings(Duration lookback, Duration stuckAfter, Duration holdLimit, boolean healCrm,
                           boolean healStuckOrders, int progressEvery) {
        public Settings {
            // progress is logged every progressEvery items: 0 would fail every run
            if (progressEvery < 1) {
                throw new IllegalArgumentException("ordersync.reconcile.progress-every must be at least 1 but was "
                        + progressEvery);
            }
        }
    }

    private final JdbcTemplate jdbc;
    private final ReconciliationRuns runs;
    private final OrderStore orders;
    private final TimelineStore timeline;
    private final SentDocuments sentDocuments;
    private final LegalEntities entities;
    private final Settings settings;
    private final Clock clock;
    private final CamelContext camel;
    private final String instanceName;
    private volatile ProducerTemplate producer;

    public Reconciliation(DataSource dataSource, ReconciliationRuns runs, OrderStore orders, TimelineStore timeline,
                          SentDocuments sentDocuments, LegalEntities entities,
                          Settings settings, Clock clock, CamelContext camel) {
        this.sentDocuments = sentDocuments;
        this.jdbc = new JdbcTemplate(dataSource);
        this.runs = runs;
        this.orders = orders;
        this.timeline = timeline;
        this.entities = entities;
        this.settings = settings;
        this.clock = clock;
        this.camel = camel;
        this.instanceName = hostName();
    }

    /** Runs one check now and returns the run with its findings. */
    public Map<String, Object> run(String job, String trigger) {
        if (!JOBS.contains(job)) {
            throw new io.ordersync.order.OrderValidationException("Unknown reconciliation job", List.of(
                    new io.ordersync.order.OrderValidator.FieldError("job", "'" + job + "' is not one of " + JOBS)));
        }
        long runId = runs.start(job, trigger, instanceName, clock.instant());
        LOG.info("Reconciliation {} run {} started ({})", job, runId, trigger);
        Tally tally = new Tally(runId, job);
        try {
            switch (job) {
                case CRM_STATUS -> crmStatus(tally);
                case ERP_STATUS -> erpStatus(tally);
                case INVOICE_TOTALS -> invoiceTotals(tally);
                case STUCK_ORDERS -> stuckOrders(tally);
                case HELD_EVENTS -> heldEvents(tally);
                case OVERDUE_ACKNOWLEDGEMENTS -> overdueAcknowledgements(tally);
                default -> throw new IllegalStateException(job);
            }
            runs.finish(runId, "COMPLETED", tally.checked, tally.mismatches, tally.healed, null, clock.instant());
        } catch (RuntimeException e) {
            runs.finish(runId, "FAILED", tally.checked, tally.mismatches, tally.healed, String.valueOf(e.getMessage()),
                    clock.instant());
            LOG.error("Reconciliation {} run {} failed after {} checked: {}", job, runId, tally.checked, e.getMessage());
        }
        LOG.info("Reconciliation {} run {} finished: {} checked, {} mismatches, {} healed", job, runId, tally.checked,
                tally.mismatches, tally.healed);
        return view(runId);
    }

    public Map<String, Object> view(long runId) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("run", runs.find(runId).orElse(null));
        view.put("findings", runs.findings(runId));
        return view;
    }

    public Object find(long runId, Exchange exchange) {
        if (runs.find(runId).isEmpty()) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            return io.ordersync.ops.ApiProblem.body(404, "NOT_FOUND", "no reconciliation run " + runId);
        }
        return view(runId);
    }

    public List<ReconciliationRuns.Run> list(String job, Integer limit) {
        return runs.list(job, limit == null ? 50 : limit);
    }

    // ---------------------------------------------------------------- checks

    /** CRM orders: the CRM's integration status must be ordersync's status. */
    private void crmStatus(Tally tally) {
        for (String orderId : crmOrders(false)) {
            OrderStore.StoredOrder order = orders.findById(orderId).orElseThrow();
            Optional<JsonNode> crm = readCrm(order.order().source().externalId(), orderId);
            String actual = crm.map(c -> c.path("Integration_Status__c").asText(null)).orElse(null);
            if (order.status().equals(actual)) {
                tally.inStep();
            } else {
                tally.mismatch(healCrm(new ReconciliationRuns.Finding("CRM_STATUS", orderId,
                        "CRM Order " + order.order().source().externalId(), order.status(),
                        crm.isEmpty() ? "(no CRM order)" : String.valueOf(actual),
                        "the CRM shows " + (crm.isEmpty() ? "no order" : "status " + actual) + " for order " + orderId
                                + ", ordersync has " + order.status(), false, null), order));
            }
        }
    }

    /** Invoiced and paid amounts in the CRM must match the invoices and payments recorded for the order. */
    private void invoiceTotals(Tally tally) {
        for (String orderId : crmOrders(true)) {
            OrderStore.StoredOrder order = orders.findById(orderId).orElseThrow();
            OrderProgress progress = OrderTimeline.progress(order.order(), timeline.events(orderId));
            Optional<JsonNode> crm = readCrm(order.order().source().externalId(), orderId);
            String expected = "invoiced " + plain(progress.invoicedAmount()) + ", paid " + plain(progress.paidAmount());
            String actual = crm.map(c -> "invoiced " + plain(decimal(c.path("Amount_Invoiced__c"))) + ", paid "
                    + plain(decimal(c.path("Amount_Paid__c")))).orElse("(no CRM order)");
            if (expected.equals(actual)) {
                tally.inStep();
            } else {
                tally.mismatch(healCrm(new ReconciliationRuns.Finding("INVOICE_TOTALS", orderId,
                        "CRM Order " + order.order().source().externalId(), expected, actual,
                        "the CRM's invoice totals for order " + orderId + " (" + actual + ") differ from the invoices"
                                + " and payments recorded (" + expected + ")", false, null), order));
            }
        }
    }

    /**
     * Orders an ERP booked, whatever its adapter (REST or SOAP): the ERP's own status of the order must still be the
     * one it booked it with. Cancelled in the ERP, another status or no such order is reported for a person to look
     * at; ordersync never re-creates an order in an ERP.
     */
    private void erpStatus(Tally tally) {
        List<Map<String, Object>> booked = jdbc.queryForList("SELECT o.order_id, o.legal_entity, o.erp_order_number,"
                        + " o.status, e.status AS booked_status FROM orders o JOIN order_events e"
                        + " ON e.order_id = o.order_id AND e.event_type = ? WHERE o.erp_order_number IS NOT NULL"
                        + " AND o.updated_at >= ? ORDER BY o.updated_at", OrderEvent.ORDER_ACCEPTED,
                Timestamp.from(clock.instant().minus(settings.lookback())));
        for (Map<String, Object> row : booked) {
            String orderId = (String) row.get("order_id");
            String entity = (String) row.get("legal_entity");
            if (!entities.entities().containsKey(entity)) {
                // an entity no longer configured has no ERP to ask
                continue;
            }
            String number = (String) row.get("erp_order_number");
            String expected = ErpOrderStatus.expectedFor(OrderStatus.valueOf((String) row.get("booked_status")));
            ErpOrderStatus erp = readErp(entity, number, orderId);
            if (expected.equals(erp.status())) {
                tally.inStep();
            } else {
                String actual = erp.found() ? erp.status() : "(not found)";
                tally.mismatch(new ReconciliationRuns.Finding("ERP_STATUS", orderId, "ERP order " + number + " ("
                        + entity + ")", expected, actual, "ordersync has order " + orderId + " as " + row.get("status")
                        + ", booked by the ERP of " + entity + " as " + number + " (" + expected + "), but the ERP "
                        + (erp.found() ? "has it as " + actual : "does not know it")
                        + "; needs a person (ordersync never re-creates an order in an ERP)", false, null));
            }
        }
    }

    /** Orders still waiting for an ERP outcome after the SLA: re-published when the policy allows. */
    private void stuckOrders(Tally tally) {
        Instant cutoff = clock.instant().minus(settings.stuckAfter());
        record Stuck(String orderId, String legalEntity, Instant receivedAt) {}
        List<Stuck> stuck = jdbc.query("SELECT order_id, legal_entity, received_at FROM orders WHERE status = ?"
                        + " AND received_at < ? ORDER BY received_at",
                (rs, n) -> new Stuck(rs.getString("order_id"), rs.getString("legal_entity"),
                        rs.getTimestamp("received_at").toInstant()),
                OrderStatus.RECEIVED.name(), Timestamp.from(cutoff));
        for (Stuck order : stuck) {
            ReconciliationRuns.Finding finding = new ReconciliationRuns.Finding("NO_ERP_ACKNOWLEDGEMENT",
                    order.orderId(), "legal entity " + order.legalEntity(), "ERP outcome within "
                    + settings.stuckAfter(), "RECEIVED since " + order.receivedAt(), "order " + order.orderId()
                    + " has had no ERP acknowledgement for more than " + settings.stuckAfter(), false, null);
            if (settings.healStuckOrders()) {
                String canonical = orders.findById(order.orderId()).map(o -> Json.write(o.order())).orElseThrow();
                producer().sendBody("direct:publish-order", canonical);
                finding = healed(finding, "re-published to the orders topic (ERP delivery is idempotent)");
            }
            tally.mismatch(finding);
        }
    }

    /** Fulfilment events waiting longer than the hold limit for the milestone they depend on. */
    private void heldEvents(Tally tally) {
        for (TimelineStore.HeldEvent held : timeline.heldSince(clock.instant().minus(settings.holdLimit()), 10_000)) {
            tally.mismatch(new ReconciliationRuns.Finding("HELD_TOO_LONG", held.orderId(), held.eventId(),
                    "applied within " + settings.holdLimit(), "held since " + held.heldAt(), held.reason(), false,
                    null));
        }
    }

    /** Documents sent to partners whose functional acknowledgement (997/999/CONTRL) is overdue. */
    private void overdueAcknowledgements(Tally tally) {
        for (SentDocuments.SentDocument sent : sentDocuments.list("overdue", null, 10_000)) {
            tally.mismatch(new ReconciliationRuns.Finding("ACKNOWLEDGEMENT_OVERDUE", sent.orderId(),
                    sent.partner() + " " + sent.documentType() + " " + sent.interchangeControl() + "/"
                            + sent.groupControl() + "/" + sent.transactionControl(),
                    "acknowledged by " + sent.ackDueBy(), "no acknowledgement",
                    "partner " + sent.partner() + " has not acknowledged " + sent.documentType() + " " + sent.fileName()
                            + " (interchange " + sent.interchangeControl() + ", set " + sent.transactionControl()
                            + "), due by " + sent.ackDueBy() + "; ask the partner or resend", false, null));
        }
    }

    // ---------------------------------------------------------------- helpers

    /** CRM-sourced orders updated within the lookback (with an invoice, when asked). */
    private List<String> crmOrders(boolean invoicedOnly) {
        String invoiced = invoicedOnly ? " AND EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = o.order_id"
                + " AND e.event_type = 'OrderInvoiced')" : "";
        return jdbc.queryForList("SELECT o.order_id FROM orders o WHERE o.source_system = 'CRM' AND o.status <> ?"
                        + " AND o.updated_at >= ?" + invoiced + " ORDER BY o.updated_at", String.class,
                OrderStatus.RECEIVED.name(), Timestamp.from(clock.instant().minus(settings.lookback())));
    }

    /** The order as the entity's ERP has it now (route erp-order-read-ENTITY, REST or SOAP). */
    private ErpOrderStatus readErp(String entity, String erpOrderNumber, String orderId) {
        Exchange answer = producer().send("direct:erp-order-read-" + entity, e -> {
            e.getMessage().setBody(erpOrderNumber);
            e.setProperty(io.ordersync.deadletter.DeadLetters.ORDER_ID, orderId);
        });
        if (answer.getException() != null) {
            throw new IllegalStateException("the ERP of " + entity + " could not be asked about " + erpOrderNumber
                    + ": " + answer.getException().getMessage(), answer.getException());
        }
        return answer.getMessage().getBody(ErpOrderStatus.class);
    }

    private Optional<JsonNode> readCrm(String crmOrderId, String orderId) {
        Exchange answer = producer().send("direct:crm-order-read", e -> {
            e.setProperty(io.ordersync.crm.CrmStatusUpdate.CRM_ORDER_ID, crmOrderId);
            e.setProperty(io.ordersync.deadletter.DeadLetters.ORDER_ID, orderId);
        });
        if (answer.getException() != null) {
            throw new IllegalStateException("the CRM could not be asked about order " + crmOrderId + ": "
                    + answer.getException().getMessage(), answer.getException());
        }
        int status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status == 404) {
            return Optional.empty();
        }
        if (status != 200) {
            throw new IllegalStateException("the CRM answered HTTP " + status + " for order " + crmOrderId);
        }
        return Optional.of(Json.read(answer.getMessage().getBody(String.class), JsonNode.class));
    }

    /** Re-sends the order's latest event to the CRM when the policy allows. */
    private ReconciliationRuns.Finding healCrm(ReconciliationRuns.Finding finding, OrderStore.StoredOrder order) {
        if (!settings.healCrm()) {
            return finding;
        }
        List<OrderEvent> events = timeline.events(order.orderId());
        Optional<OrderEvent> latest = events.stream()
                .filter(e -> !OrderEvent.ORDER_RECEIVED.equals(e.type()))
                .max(Comparator.comparing(OrderEvent::occurredAt));
        if (latest.isEmpty()) {
            return finding;
        }
        // the event as it would be now: the order's current status and progress (late arrivals included)
        boolean fulfilment = events.stream().anyMatch(e -> e.progress() != null);
        OrderEvent event = fulfilment ? latest.get().withProgress(OrderStatus.valueOf(order.status()),
                OrderTimeline.progress(order.order(), events)) : latest.get();
        Exchange sent = producer().send("direct:crm-status-update", e -> e.getMessage().setBody(Json.write(event)));
        if (sent.getException() != null || sent.getProperty(io.ordersync.deadletter.DeadLetters.DEAD_LETTER_ID) != null) {
            return new ReconciliationRuns.Finding(finding.kind(), finding.orderId(), finding.subject(),
                    finding.expected(), finding.actual(), finding.message(), false, "re-sending event "
                    + event.eventId() + " failed; see the dead letters");
        }
        return healed(finding, "re-sent event " + event.eventId() + " (" + event.status() + ") to the CRM");
    }

    private static ReconciliationRuns.Finding healed(ReconciliationRuns.Finding finding, String detail) {
        return new ReconciliationRuns.Finding(finding.kind(), finding.orderId(), finding.subject(), finding.expected(),
                finding.actual(), finding.message(), true, detail);
    }

    private ProducerTemplate producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = camel.createProducerTemplate();
                }
            }
        }
        return producer;
    }

    private static BigDecimal decimal(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? BigDecimal.ZERO : new BigDecimal(node.asText());
    }

    private static String plain(BigDecimal value) {
        return value == null ? "0" : value.stripTrailingZeros().toPlainString();
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName() + ":" + ProcessHandle.current().pid();
        } catch (java.net.UnknownHostException e) {
            return "pid " + ProcessHandle.current().pid();
        }
    }

    /**
     * Counts of one run; records findings as they come and logs progress of long runs. Every item checked is either
     * {@link #inStep()} or a {@link #mismatch}, so that progress counts each item with its outcome.
     */
    private final class Tally {
        final long runId;
        final String job;
        int checked;
        int mismatches;
        int healed;

        Tally(long runId, String job) {
            this.runId = runId;
            this.job = job;
        }

        void inStep() {
            checked();
        }

        void mismatch(ReconciliationRuns.Finding finding) {
            mismatches++;
            if (finding.healed()) {
                healed++;
            }
            runs.addFinding(runId, finding);
            LOG.warn("Reconciliation {} run {}: {}{}", job, runId, finding.message(),
                    finding.healed() ? " - healed: " + finding.healDetail() : "");
            checked();
        }

        private void checked() {
            checked++;
            if (checked % settings.progressEvery() == 0) {
                runs.progress(runId, checked, mismatches, healed);
                LOG.info("Reconciliation {} run {}: {} checked so far, {} mismatches, {} healed", job, runId, checked,
                        mismatches, healed);
            }
        }
    }
}
