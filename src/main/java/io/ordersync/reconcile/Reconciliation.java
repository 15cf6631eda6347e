package io.ordersync.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordersync.support.Json;
import io.ordersync.edi.SentDocuments;
import io.ordersync.erp.ErpOrderStatus;
import io.ordersync.events.OrderTimeline;
import io.ordersync.events.TimelineStore;
import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.LegalEntities;
import io.ordersync.order.OrderEvent;
import io.ordersync.order.OrderProgress;
import io.ordersync.order.OrderStatus;
import io.ordersync.order.OrderStore;
import io.ordersync.support.FieldError;
import io.ordersync.support.Json;
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
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The steps of the reconciliation checks ({@code routes/reconciliation-checks.camel.yaml}): scheduled and on-demand
 * checks that compare what ordersync knows with the CRM and the ERPs, and heal drift where the policy allows (re-send
 * the latest status to the CRM; re-publish an order the ERP never answered, which is safe because ERP delivery is
 * idempotent on the order id). Each run and every mismatch is recorded.
 *
 * <p>The routes drive a run: {@link #start} records it, a check's route asks this bean for the items to check, asks
 * the CRM or the ERP through their routes, hands the answer back here to compare ({@link #crmStatusFinding},
 * {@link #erpStatusFinding}, ...: a {@link ReconciliationRuns.Finding} for a mismatch, {@code null} when in step),
 * heals by calling the CRM update or the order publication, and counts each item ({@link #inStep},
 * {@link #mismatch}); {@link #finish} or {@link #fail} records the outcome. Nothing here calls a route.
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

    /**
     * Settings ({@code ordersync.reconcile.*}); {@code progressInterval}: a running run writes its progress at least
     * this often, as items go through (what the console shows, and the run's sign of life).
     */
    public record Settings(Duration lookback, Duration stuckAfter, Duration holdLimit, boolean healCrm,
                           boolean healStuckOrders, int progressEvery, Duration progressInterval) {
        public Settings {
            // progress is logged every progressEvery items: 0 would fail every run
            if (progressEvery < 1) {
                throw new IllegalArgumentException("ordersync.reconcile.progress-every must be at least 1 but was "
                        + progressEvery);
            }
        }

        public Settings(Duration lookback, Duration stuckAfter, Duration holdLimit, boolean healCrm,
                        boolean healStuckOrders, int progressEvery) {
            this(lookback, stuckAfter, holdLimit, healCrm, healStuckOrders, progressEvery, Duration.ofSeconds(1));
        }
    }

    /** A CRM-sourced order to compare with its CRM Order record. */
    public record CrmCheck(String orderId, String crmOrderId) {}

    /** An order an ERP booked: its ERP order number and the ERP status it was booked with. */
    public record ErpCheck(String orderId, String legalEntity, String erpOrderNumber, String status,
                           String expectedErpStatus) {}

    private final JdbcTemplate jdbc;
    private final ReconciliationRuns runs;
    private final OrderStore orders;
    private final TimelineStore timeline;
    private final SentDocuments sentDocuments;
    private final LegalEntities entities;
    private final Settings settings;
    private final Clock clock;
    private final String host;
    /** {@code host:pid}: which process runs a run (see {@link ReconciliationRuns#abandonDead}). */
    private final String instanceName;

    public Reconciliation(DataSource dataSource, ReconciliationRuns runs, OrderStore orders, TimelineStore timeline,
                          SentDocuments sentDocuments, LegalEntities entities, Settings settings, Clock clock) {
        this.sentDocuments = sentDocuments;
        this.jdbc = new JdbcTemplate(dataSource);
        this.runs = runs;
        this.orders = orders;
        this.timeline = timeline;
        this.entities = entities;
        this.settings = settings;
        this.clock = clock;
        this.host = hostName();
        this.instanceName = host + ":" + ProcessHandle.current().pid();
    }

    // ---------------------------------------------------------------- a run

    /**
     * Records a new RUNNING run of the job (refused when the job is unknown); the route then runs the job's check.
     * Runs whose process died are marked ABANDONED first, so that they do not keep their job from running.
     *
     * @throws ReconciliationRuns.AlreadyRunningException when a run of the job is RUNNING
     */
    public Tally start(String job, String trigger) {
        if (!JOBS.contains(job)) {
            throw new io.ordersync.order.OrderValidationException("Unknown reconciliation job", List.of(
                    new FieldError("job", "'" + job + "' is not one of " + JOBS)));
        }
        abandonDead();
        long runId = runs.start(job, trigger, instanceName, clock.instant());
        LOG.info("Reconciliation {} run {} started ({})", job, runId, trigger);
        return new Tally(runId, job);
    }

    /** Marks ABANDONED the RUNNING runs whose process died ({@link ReconciliationRuns#abandonDead}). */
    public void abandonDead() {
        int abandoned = runs.abandonDead(host, clock.instant());
        if (abandoned > 0) {
            LOG.warn("{} reconciliation run(s) marked ABANDONED: the process running them stopped", abandoned);
        }
    }

    /**
     * The answer to a run started without waiting (POST /api/v1/reconciliation/jobs/{job}/runs): 202, the run as it
     * is now (RUNNING), and where to follow it.
     */
    public Map<String, Object> accepted(Tally tally, Exchange exchange) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        exchange.getMessage().setHeader("Location", "/api/v1/reconciliation/runs/" + tally.runId);
        return view(tally.runId);
    }

    /** The items the check goes through, counted for the run's progress; returns them unchanged. */
    public <T> List<T> toCheck(Tally tally, List<T> items) {
        runs.toCheck(tally.runId, items.size(), clock.instant());
        return items;
    }

    /** The check went through every item. */
    public void finish(Tally tally) {
        runs.finish(tally.runId, "COMPLETED", tally.checked, tally.mismatches, tally.healed, null, clock.instant());
        logFinished(tally);
    }

    /** The check stopped at an error (a system that could not be asked, a database error): the run failed. */
    public void fail(Tally tally, Exception error) {
        String message = String.valueOf(cause(error).getMessage());
        runs.finish(tally.runId, "FAILED", tally.checked, tally.mismatches, tally.healed, message, clock.instant());
        LOG.error("Reconciliation {} run {} failed after {} checked: {}", tally.job, tally.runId, tally.checked,
                message);
        logFinished(tally);
    }

    /** An item that is in step. */
    public void inStep(Tally tally) {
        tally.checked();
    }

    /** An item that is not: its finding is recorded (healed or not). */
    public void mismatch(Tally tally, ReconciliationRuns.Finding finding) {
        tally.mismatches++;
        if (finding.healed()) {
            tally.healed++;
        }
        runs.addFinding(tally.runId, finding);
        LOG.warn("Reconciliation {} run {}: {}{}", tally.job, tally.runId, finding.message(),
                finding.healed() ? " - healed: " + finding.healDetail() : "");
        tally.checked();
    }

    /** The run with its findings (the answer of a run on demand). */
    public Map<String, Object> view(Tally tally) {
        return view(tally.runId);
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
            return io.ordersync.support.ApiProblem.body(404, "NOT_FOUND", "no reconciliation run " + runId);
        }
        return view(runId);
    }

    public List<ReconciliationRuns.Run> list(String job, Integer limit) {
        return runs.list(job, limit == null ? 50 : limit);
    }

    // ---------------------------------------------------------------- checks

    /** crm-status: CRM-sourced orders updated within the lookback. */
    public List<CrmCheck> crmStatusChecks() {
        return crmOrders(false);
    }

    /**
     * crm-status: the CRM's integration status must be ordersync's status. {@code crmStatus} and {@code crmBody} are
     * the CRM's answer to the read of the Order record (404: no such order).
     */
    public ReconciliationRuns.Finding crmStatusFinding(CrmCheck check, Integer crmStatus, String crmBody) {
        OrderStore.StoredOrder order = orders.findById(check.orderId()).orElseThrow();
        Optional<JsonNode> crm = crmOrder(check, crmStatus, crmBody);
        String actual = crm.map(c -> c.path("Integration_Status__c").asText(null)).orElse(null);
        if (order.status().equals(actual)) {
            return null;
        }
        return new ReconciliationRuns.Finding("CRM_STATUS", check.orderId(), "CRM Order " + check.crmOrderId(),
                order.status(), crm.isEmpty() ? "(no CRM order)" : String.valueOf(actual),
                "the CRM shows " + (crm.isEmpty() ? "no order" : "status " + actual) + " for order "
                        + check.orderId() + ", ordersync has " + order.status(), false, null);
    }

    /** invoice-totals: CRM-sourced orders with an invoice, updated within the lookback. */
    public List<CrmCheck> invoiceTotalsChecks() {
        return crmOrders(true);
    }

    /** invoice-totals: invoiced and paid amounts in the CRM must match the invoices and payments recorded. */
    public ReconciliationRuns.Finding invoiceTotalsFinding(CrmCheck check, Integer crmStatus, String crmBody) {
        OrderStore.StoredOrder order = orders.findById(check.orderId()).orElseThrow();
        OrderProgress progress = OrderTimeline.progress(order.order(), timeline.events(check.orderId()));
        Optional<JsonNode> crm = crmOrder(check, crmStatus, crmBody);
        String expected = "invoiced " + plain(progress.invoicedAmount()) + ", paid " + plain(progress.paidAmount());
        String actual = crm.map(c -> "invoiced " + plain(decimal(c.path("Amount_Invoiced__c"))) + ", paid "
                + plain(decimal(c.path("Amount_Paid__c")))).orElse("(no CRM order)");
        if (expected.equals(actual)) {
            return null;
        }
        return new ReconciliationRuns.Finding("INVOICE_TOTALS", check.orderId(), "CRM Order " + check.crmOrderId(),
                expected, actual, "the CRM's invoice totals for order " + check.orderId() + " (" + actual
                        + ") differ from the invoices and payments recorded (" + expected + ")", false, null);
    }

    /**
     * erp-status: orders an ERP booked, whatever its adapter (REST or SOAP), of entities still configured (an entity
     * no longer configured has no ERP to ask).
     */
    public List<ErpCheck> erpStatusChecks() {
        List<Map<String, Object>> booked = jdbc.queryForList("SELECT o.order_id, o.legal_entity, o.erp_order_number,"
                        + " o.status, e.status AS booked_status FROM orders o JOIN order_events e"
                        + " ON e.order_id = o.order_id AND e.event_type = ? WHERE o.erp_order_number IS NOT NULL"
                        + " AND o.updated_at >= ? ORDER BY o.updated_at", OrderEvent.ORDER_ACCEPTED,
                Timestamp.from(clock.instant().minus(settings.lookback())));
        return booked.stream()
                .filter(row -> entities.entities().containsKey((String) row.get("legal_entity")))
                .map(row -> new ErpCheck((String) row.get("order_id"), (String) row.get("legal_entity"),
                        (String) row.get("erp_order_number"), (String) row.get("status"),
                        ErpOrderStatus.expectedFor(OrderStatus.valueOf((String) row.get("booked_status")))))
                .toList();
    }

    /**
     * erp-status: the ERP's own status of the order must still be the one it booked it with. Cancelled in the ERP,
     * another status or no such order is reported for a person to look at; ordersync never re-creates an order in an
     * ERP.
     */
    public ReconciliationRuns.Finding erpStatusFinding(ErpCheck check, ErpOrderStatus erp) {
        if (check.expectedErpStatus().equals(erp.status())) {
            return null;
        }
        String actual = erp.found() ? erp.status() : "(not found)";
        return new ReconciliationRuns.Finding("ERP_STATUS", check.orderId(), "ERP order " + check.erpOrderNumber()
                + " (" + check.legalEntity() + ")", check.expectedErpStatus(), actual, "ordersync has order "
                + check.orderId() + " as " + check.status() + ", booked by the ERP of " + check.legalEntity() + " as "
                + check.erpOrderNumber() + " (" + check.expectedErpStatus() + "), but the ERP "
                + (erp.found() ? "has it as " + actual : "does not know it")
                + "; needs a person (ordersync never re-creates an order in an ERP)", false, null);
    }

    /** stuck-orders: orders still waiting for an ERP outcome after the SLA, one finding each. */
    public List<ReconciliationRuns.Finding> stuckOrders() {
        Instant cutoff = clock.instant().minus(settings.stuckAfter());
        return jdbc.query("SELECT order_id, legal_entity, received_at FROM orders WHERE status = ?"
                        + " AND received_at < ? ORDER BY received_at",
                (rs, n) -> new ReconciliationRuns.Finding("NO_ERP_ACKNOWLEDGEMENT", rs.getString("order_id"),
                        "legal entity " + rs.getString("legal_entity"), "ERP outcome within "
                        + settings.stuckAfter(), "RECEIVED since " + rs.getTimestamp("received_at").toInstant(),
                        "order " + rs.getString("order_id") + " has had no ERP acknowledgement for more than "
                                + settings.stuckAfter(), false, null),
                OrderStatus.RECEIVED.name(), Timestamp.from(cutoff));
    }

    /** stuck-orders: the canonical order to publish again. */
    public CanonicalOrder storedOrder(String orderId) {
        return orders.findById(orderId).orElseThrow().order();
    }

    /** stuck-orders: the finding of an order published again. */
    public ReconciliationRuns.Finding republished(ReconciliationRuns.Finding finding) {
        return healed(finding, "re-published to the orders topic (ERP delivery is idempotent)");
    }

    /** held-events: fulfilment events waiting longer than the hold limit for the milestone they depend on. */
    public List<ReconciliationRuns.Finding> heldEvents() {
        return timeline.heldSince(clock.instant().minus(settings.holdLimit()), 10_000).stream()
                .map(held -> new ReconciliationRuns.Finding("HELD_TOO_LONG", held.orderId(), held.eventId(),
                        "applied within " + settings.holdLimit(), "held since " + held.heldAt(), held.reason(), false,
                        null))
                .toList();
    }

    /** overdue-acknowledgements: documents sent to partners whose functional acknowledgement is overdue. */
    public List<ReconciliationRuns.Finding> overdueAcknowledgements() {
        return sentDocuments.list("overdue", null, 10_000).stream()
                .map(sent -> new ReconciliationRuns.Finding("ACKNOWLEDGEMENT_OVERDUE", sent.orderId(),
                        sent.partner() + " " + sent.documentType() + " " + sent.interchangeControl() + "/"
                                + sent.groupControl() + "/" + sent.transactionControl(),
                        "acknowledged by " + sent.ackDueBy(), "no acknowledgement",
                        "partner " + sent.partner() + " has not acknowledged " + sent.documentType() + " "
                                + sent.fileName() + " (interchange " + sent.interchangeControl() + ", set "
                                + sent.transactionControl() + "), due by " + sent.ackDueBy()
                                + "; ask the partner or resend", false, null))
                .toList();
    }

    // ---------------------------------------------------------------- healing

    /** Whether a CRM mismatch is healed by re-sending the order's latest status ({@code ordersync.reconcile.heal.crm}). */
    public boolean healsCrm() {
        return settings.healCrm();
    }

    /** Whether a stuck order is published again ({@code ordersync.reconcile.heal.stuck-orders}). */
    public boolean healsStuckOrders() {
        return settings.healStuckOrders();
    }

    /**
     * The event to re-send to the CRM for the order: its latest event as it would be now (the order's current status
     * and progress, late arrivals included); {@code null} when the order has no event past its receipt.
     */
    public OrderEvent crmHealEvent(String orderId) {
        OrderStore.StoredOrder order = orders.findById(orderId).orElseThrow();
        List<OrderEvent> events = timeline.events(orderId);
        Optional<OrderEvent> latest = events.stream()
                .filter(e -> !OrderEvent.ORDER_RECEIVED.equals(e.type()))
                .max(Comparator.comparing(OrderEvent::occurredAt));
        if (latest.isEmpty()) {
            return null;
        }
        boolean fulfilment = events.stream().anyMatch(e -> e.progress() != null);
        return fulfilment ? latest.get().withProgress(OrderStatus.valueOf(order.status()),
                OrderTimeline.progress(order.order(), events)) : latest.get();
    }

    /** The finding of a CRM mismatch healed by re-sending the event. */
    public ReconciliationRuns.Finding crmResent(ReconciliationRuns.Finding finding, OrderEvent event) {
        return healed(finding, "re-sent event " + event.eventId() + " (" + event.status() + ") to the CRM");
    }

    /** The finding of a CRM mismatch whose re-sent event became a dead letter. */
    public ReconciliationRuns.Finding crmResendFailed(ReconciliationRuns.Finding finding, OrderEvent event) {
        return new ReconciliationRuns.Finding(finding.kind(), finding.orderId(), finding.subject(),
                finding.expected(), finding.actual(), finding.message(), false, "re-sending event "
                + event.eventId() + " failed; see the dead letters");
    }

    // ---------------------------------------------------------------- helpers

    /** CRM-sourced orders updated within the lookback (with an invoice, when asked). */
    private List<CrmCheck> crmOrders(boolean invoicedOnly) {
        String invoiced = invoicedOnly ? " AND EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = o.order_id"
                + " AND e.event_type = 'OrderInvoiced')" : "";
        return jdbc.queryForList("SELECT o.order_id FROM orders o WHERE o.source_system = 'CRM' AND o.status <> ?"
                                + " AND o.updated_at >= ?" + invoiced + " ORDER BY o.updated_at", String.class,
                        OrderStatus.RECEIVED.name(), Timestamp.from(clock.instant().minus(settings.lookback())))
                .stream()
                .map(orderId -> new CrmCheck(orderId,
                        orders.findById(orderId).orElseThrow().order().source().externalId()))
                .toList();
    }

    /** The CRM's answer to the read of an Order record: the record, none (404), or an error for any other status. */
    private static Optional<JsonNode> crmOrder(CrmCheck check, Integer status, String body) {
        int code = status == null ? 0 : status;
        if (code == 404) {
            return Optional.empty();
        }
        if (code != 200) {
            throw new IllegalStateException("the CRM answered HTTP " + code + " for order " + check.crmOrderId());
        }
        return Optional.of(Json.read(body, JsonNode.class));
    }

    private static ReconciliationRuns.Finding healed(ReconciliationRuns.Finding finding, String detail) {
        return new ReconciliationRuns.Finding(finding.kind(), finding.orderId(), finding.subject(), finding.expected(),
                finding.actual(), finding.message(), true, detail);
    }

    /** The error itself, not the wrapper a split puts around the error of the item it stopped at. */
    private static Throwable cause(Throwable error) {
        Throwable cause = error;
        while (cause instanceof org.apache.camel.CamelExchangeException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private void logFinished(Tally tally) {
        LOG.info("Reconciliation {} run {} finished: {} checked, {} mismatches, {} healed", tally.job, tally.runId,
                tally.checked, tally.mismatches, tally.healed);
    }

    private static BigDecimal decimal(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? BigDecimal.ZERO : new BigDecimal(node.asText());
    }

    private static String plain(BigDecimal value) {
        return value == null ? "0" : value.stripTrailingZeros().toPlainString();
    }

    /** This host's name, or, when it cannot be told, a name no other process has (its runs are then judged by age). */
    static String hostName() {
        return HOST;
    }

    private static final String HOST = lookUpHostName();

    private static String lookUpHostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "unknown-host-" + java.util.UUID.randomUUID();
        }
    }

    /**
     * Counts of one run, carried by the run's exchange from {@link #start} to {@link #finish} or {@link #fail}. Every
     * item checked is either {@link #inStep in step} or a {@link #mismatch}, so that progress counts each item with
     * its outcome; progress is logged every {@code progress-every} items, and recorded then and at least every
     * {@code progressInterval}.
     */
    public final class Tally {
        private final long runId;
        private final String job;
        private int checked;
        private int mismatches;
        private int healed;
        private long progressWrittenAt = System.nanoTime();

        private Tally(long runId, String job) {
            this.runId = runId;
            this.job = job;
        }

        public long runId() {
            return runId;
        }

        public String job() {
            return job;
        }

        private void checked() {
            checked++;
            boolean logged = checked % settings.progressEvery() == 0;
            // written at least once a second as well: what the console shows while the run goes on, and the run's
            // sign of life (a run whose progress stops being written is taken for dead, see abandonDead)
            if (logged || System.nanoTime() - progressWrittenAt >= settings.progressInterval().toNanos()) {
                runs.progress(runId, checked, mismatches, healed, clock.instant());
                progressWrittenAt = System.nanoTime();
            }
            if (logged) {
                LOG.info("Reconciliation {} run {}: {} checked so far, {} mismatches, {} healed", job, runId, checked,
                        mismatches, healed);
            }
        }

        @Override
        public String toString() {
            return "reconciliation " + job + " run " + runId;
        }
    }
}
