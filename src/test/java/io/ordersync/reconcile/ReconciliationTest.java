package io.ordersync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariDataSource;
import io.ordersync.TestDatabases;
import io.ordersync.support.Json;
import io.ordersync.edi.SentDocuments;
import io.ordersync.events.TimelineStore;
import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.LegalEntities;
import io.ordersync.order.OrderEvent;
import io.ordersync.order.OrderStatus;
import io.ordersync.order.OrderStore;
import io.ordersync.support.ExchangeProperties;
import io.ordersync.support.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Reconciliation with its real stores on an in-memory database and stand-ins for the CRM's routes: a long run
 * records and logs its progress, and the heal policy decides whether a mismatch is only reported or also healed.
 */
class ReconciliationTest {

    private static final Clock CLOCK = Clock.systemUTC();

    private final List<String> crmUpdates = new CopyOnWriteArrayList<>();
    private final List<Integer> progressRecorded = new CopyOnWriteArrayList<>();
    private volatile boolean crmDown;
    private HikariDataSource dataSource;
    private DefaultCamelContext camel;
    private ReconciliationRuns runs;

    @BeforeEach
    void setUp() throws Exception {
        dataSource = TestDatabases.migratedH2("reconciliation", 4);
        runs = new ReconciliationRuns(dataSource) {
            @Override
            public void progress(long runId, int checked, int mismatches, int healed, java.time.Instant now) {
                super.progress(runId, checked, mismatches, healed, now);
                // what anyone reading the run sees while it is still running
                Run running = find(runId).orElseThrow();
                assertThat(running.status()).isEqualTo("RUNNING");
                progressRecorded.add(running.checked());
            }
        };
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // like the read routes (adapter configuration): errors travel back to the caller
                errorHandler(noErrorHandler());
                // the CRM shows every order as RECEIVED, or cannot be reached
                from("direct:crm-order-read")
                        .filter(e -> crmDown).throwException(new java.net.ConnectException("Connection refused")).end()
                        .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(200))
                        .setBody(constant("{\"Integration_Status__c\": \"RECEIVED\"}"));
                from("direct:crm-status-update").process(e -> crmUpdates.add(e.getMessage().getBody(String.class)));
            }
        });
        camel.addRoutes(new RouteConfigurationBuilder() {
            @Override
            public void configuration() {
                // as in routes/error-handling.camel.yaml: errors travel back to the caller
                routeConfiguration("adapter").errorHandler(noErrorHandler());
            }
        });
        camel.getRegistry().bind("jsonMapper", Json.mapper().copy());
        // the run as the runtime has it: the routes drive the checks
        PluginHelper.getRoutesLoader(camel).loadRoutes(
                ResourceHelper.resolveMandatoryResource(camel, "file:routes/reconciliation-checks.camel.yaml"));
    }

    @AfterEach
    void stop() {
        camel.stop();
        dataSource.close();
    }

    @Test
    void a_long_run_records_and_logs_its_progress_every_so_many_items() {
        SentDocuments sent = new SentDocuments(dataSource, CLOCK);
        for (int i = 1; i <= 5; i++) {
            sent.record("acme-hardware", "X12", "00000000" + i, String.valueOf(i), List.of("0001"), "856",
                    "acme-hardware/856-" + i + ".edi", null, Instant.now().minusSeconds(7200),
                    Instant.now().minusSeconds(3600));
        }
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(Reconciliation.class);
        logger.addAppender(log);
        Map<String, Object> result;
        try {
            result = run(settings(true, 2), sent, Reconciliation.OVERDUE_ACKNOWLEDGEMENTS);
        } finally {
            logger.detachAppender(log);
        }

        ReconciliationRuns.Run run = (ReconciliationRuns.Run) result.get("run");
        assertThat(run.checked()).isEqualTo(5);
        assertThat(progressRecorded).containsExactly(2, 4);
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
                .filteredOn(line -> line.contains("so far"))
                .containsExactly(
                        "Reconciliation overdue-acknowledgements run " + run.runId()
                                + ": 2 checked so far, 2 mismatches, 0 healed",
                        "Reconciliation overdue-acknowledgements run " + run.runId()
                                + ": 4 checked so far, 4 mismatches, 0 healed");
    }

    @Test
    void a_run_writes_its_progress_as_often_as_the_progress_interval_says_whatever_the_count_and_its_items_to_check() {
        SentDocuments sent = new SentDocuments(dataSource, CLOCK);
        for (int i = 1; i <= 3; i++) {
            sent.record("acme-hardware", "X12", "00000001" + i, String.valueOf(i), List.of("0001"), "856",
                    "acme-hardware/856-interval-" + i + ".edi", null, Instant.now().minusSeconds(7200),
                    Instant.now().minusSeconds(3600));
        }

        // an interval of zero: written after every item although progress-every is 500
        Map<String, Object> result = run(new Reconciliation.Settings(Duration.ofDays(30), Duration.ofMinutes(15),
                Duration.ofHours(1), true, true, 500, Duration.ZERO), sent, Reconciliation.OVERDUE_ACKNOWLEDGEMENTS);

        ReconciliationRuns.Run run = (ReconciliationRuns.Run) result.get("run");
        assertThat(progressRecorded).containsExactly(1, 2, 3);
        assertThat(run.toCheck()).isEqualTo(3);
        assertThat(run.checked()).isEqualTo(3);
        assertThat(run.progressAt()).isEqualTo(run.finishedAt());
    }

    @Test
    void with_crm_healing_off_a_drifted_crm_status_is_reported_and_nothing_is_re_sent() {
        String orderId = acceptedCrmOrder();

        Map<String, Object> result = run(settings(false, 500), null, Reconciliation.CRM_STATUS);

        ReconciliationRuns.Run run = (ReconciliationRuns.Run) result.get("run");
        assertThat(run.status()).isEqualTo("COMPLETED");
        assertThat(run.mismatches()).isEqualTo(1);
        assertThat(run.healed()).isZero();
        assertThat(findings(result)).singleElement().satisfies(finding -> {
            assertThat(finding.orderId()).isEqualTo(orderId);
            assertThat(finding.expected()).isEqualTo("ACCEPTED");
            assertThat(finding.actual()).isEqualTo("RECEIVED");
            assertThat(finding.healed()).isFalse();
            assertThat(finding.healDetail()).isNull();
        });
        assertThat(crmUpdates).isEmpty();
    }

    @Test
    void with_crm_healing_on_the_same_drift_is_healed_by_re_sending_the_latest_status() {
        String orderId = acceptedCrmOrder();

        Map<String, Object> result = run(settings(true, 500), null, Reconciliation.CRM_STATUS);

        assertThat(((ReconciliationRuns.Run) result.get("run")).healed()).isEqualTo(1);
        assertThat(findings(result)).singleElement().satisfies(finding -> {
            assertThat(finding.healed()).isTrue();
            assertThat(finding.healDetail()).contains(OrderEvent.eventId(orderId, OrderEvent.ORDER_ACCEPTED));
        });
        assertThat(crmUpdates).singleElement().satisfies(update ->
                assertThat(Json.read(update, OrderEvent.class).status()).isEqualTo(OrderStatus.ACCEPTED));
    }

    @Test
    void a_run_that_cannot_ask_the_crm_is_recorded_as_failed_with_the_reason() {
        acceptedCrmOrder();
        crmDown = true;

        ReconciliationRuns.Run run = (ReconciliationRuns.Run) run(settings(true, 500), null, Reconciliation.CRM_STATUS)
                .get("run");

        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.checked()).isZero();
        assertThat(run.errorMessage()).isEqualTo("the CRM could not be asked about order 801T0000HEAL01:"
                + " Connection refused");
        assertThat(crmUpdates).isEmpty();
    }

    @Test
    void a_job_running_already_is_not_run_twice_a_scheduled_start_is_skipped_and_a_requested_one_refused() {
        long running = runs.start(Reconciliation.HELD_EVENTS, "api", "elsewhere:1", Instant.now());
        camel.getRegistry().bind("reconciliation", new Reconciliation(dataSource, runs, new OrderStore(dataSource),
                new TimelineStore(dataSource), new SentDocuments(dataSource, CLOCK),
                new LegalEntities(Map.of(), List.of()), settings(true, 500), CLOCK));
        camel.start();

        Exchange scheduled = camel.createProducerTemplate().send("direct:reconciliation-run", e -> {
            e.setProperty(ExchangeProperties.RECONCILE_JOB, Reconciliation.HELD_EVENTS);
            e.setProperty(ExchangeProperties.RECONCILE_TRIGGER, "schedule");
        });
        Exchange requested = camel.createProducerTemplate().send("direct:reconciliation-run", e -> {
            e.setProperty(ExchangeProperties.RECONCILE_JOB, Reconciliation.HELD_EVENTS);
            e.setProperty(ExchangeProperties.RECONCILE_TRIGGER, "api");
        });

        assertThat(scheduled.getException()).as("a scheduled run finding its job running is skipped").isNull();
        assertThat(requested.getException()).isInstanceOf(ReconciliationRuns.AlreadyRunningException.class)
                .satisfies(e -> assertThat(((ReconciliationRuns.AlreadyRunningException) e).runId())
                        .isEqualTo(running));
        assertThat(runs.list(Reconciliation.HELD_EVENTS, 10)).singleElement()
                .satisfies(run -> assertThat(run.status()).isEqualTo("RUNNING"));
    }

    @Test
    void progress_every_must_be_at_least_one() {
        assertThatThrownBy(() -> settings(true, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ordersync.reconcile.progress-every");
    }

    // ---- helpers

    /** Runs the job through the reconciliation routes, with the bean under test; the answer is the run's view. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> run(Reconciliation.Settings settings, SentDocuments sent, String job) {
        camel.getRegistry().bind("reconciliation", new Reconciliation(dataSource, runs, new OrderStore(dataSource),
                new TimelineStore(dataSource), sent == null ? new SentDocuments(dataSource, CLOCK) : sent,
                new LegalEntities(Map.of(), List.of()), settings, CLOCK));
        camel.start();
        Exchange done = camel.createProducerTemplate().send("direct:reconciliation-run", e -> {
            e.setProperty(ExchangeProperties.RECONCILE_JOB, job);
            e.setProperty(ExchangeProperties.RECONCILE_TRIGGER, "test");
        });
        assertThat(done.getException()).isNull();
        return done.getMessage().getBody(Map.class);
    }

    private static Reconciliation.Settings settings(boolean healCrm, int progressEvery) {
        // progress written by count only: what the tests count does not depend on how fast the machine is
        return new Reconciliation.Settings(Duration.ofDays(30), Duration.ofMinutes(15), Duration.ofHours(1), healCrm,
                true, progressEvery, Duration.ofDays(1));
    }

    @SuppressWarnings("unchecked")
    private static List<ReconciliationRuns.Finding> findings(Map<String, Object> result) {
        return (List<ReconciliationRuns.Finding>) result.get("findings");
    }

    /** A CRM order the ERP accepted a minute ago. */
    private String acceptedCrmOrder() {
        String orderId = "ord-heal-1";
        Instant received = Instant.now().minusSeconds(60);
        CanonicalOrder order = Json.read(("{'source': {'channel': 'REST', 'system': 'CRM', 'externalId': '801T0000HEAL01'},"
                + " 'customer': {'crmAccountId': '001T00000000NA01', 'erpCustomerNumber': 'NA-20001'}, 'currency': 'USD',"
                + " 'lines': [{'lineNumber': 1, 'sku': 'SKU-100', 'quantity': 2, 'unitOfMeasure': 'EA', 'unitPrice': 5}]}")
                .replace('\'', '"'), CanonicalOrder.class).completed(orderId, "corr-heal-1", received, "US01");
        OrderStore orders = new OrderStore(dataSource);
        orders.transactions().executeWithoutResult(tx -> orders.insert(order, OrderStatus.RECEIVED,
                "CRM:801T0000HEAL01", null, event(orderId, OrderEvent.ORDER_RECEIVED, OrderStatus.RECEIVED, received,
                        null)));
        orders.recordEvent(event(orderId, OrderEvent.ORDER_ACCEPTED, OrderStatus.ACCEPTED, received.plusSeconds(1),
                "NA-100001"));
        return orderId;
    }

    private static OrderEvent event(String orderId, String type, OrderStatus status, Instant at, String erpNumber) {
        return new OrderEvent(OrderEvent.SCHEMA_VERSION, OrderEvent.eventId(orderId, type), type, orderId,
                "corr-heal-1", at, status, "US01", "801T0000HEAL01", erpNumber, null, null);
    }
}
