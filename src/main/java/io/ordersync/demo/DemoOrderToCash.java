package io.ordersync.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordersync.demo.DemoApi.DemoStepFailed;
import io.ordersync.demo.DemoApi.DemoStopped;
import io.ordersync.demo.sim.Carton;
import io.ordersync.demo.sim.FulfilmentOrder;
import io.ordersync.demo.sim.Invoice;
import io.ordersync.demo.sim.Shipment;
import io.ordersync.demo.sim.Simulators;
import io.ordersync.demo.sim.StatusEventSources;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The demo after the five sample CRM orders (route {@code demo-order-to-cash}), through ordersync's real APIs:
 * <ol>
 *   <li>order to cash: a US01 CRM order is accepted by its ERP, then the simulated WMS allocates it, backorders a
 *       line, ships part and then the rest, the TMS delivers, the AR invoices and is paid in two parts; at the end
 *       the CRM's Order record and the order's timeline;</li>
 *   <li>an order from every other channel reaching its ERP ({@link DemoChannelOrders}): EDI 850 (shipped and
 *       invoiced too, so the partner gets 855, 856 and 810), file drop, eCommerce on Kafka, SOAP;</li>
 *   <li>a mismatch injected into the CRM, found and healed by a reconciliation run.</li>
 * </ol>
 * Every step waits on what the API or the simulators show. A step that fails is logged and the demo goes on; nothing
 * here stops the runtime. Ids are unique per run, so a restarted demo on a kept {@code ./data} tells it all again.
 */
public final class DemoOrderToCash {

    private static final Logger LOG = LoggerFactory.getLogger(DemoOrderToCash.class);
    private static final String LOG_CORRELATION = "correlationId";
    private static final List<String> CRM_FIELDS = List.of("Customer_Status__c", "Shipment_Status__c",
            "Tracking_Numbers__c", "Invoice_Status__c", "Payment_Status__c", "Amount_Paid__c");

    private final DemoApi api;
    private final StatusEventSources sources;
    private final Instant started;
    /** Part of every id this run creates, e.g. {@code 1123184512}. */
    private final String run;

    private record StoryOrder(String crmId, String orderId) {
    }

    private DemoOrderToCash(DemoApi api, Instant started) {
        this.api = api;
        this.sources = api.simulators().statusEventSources();
        this.started = started;
        this.run = DateTimeFormatter.ofPattern("MMddHHmmss").withZone(ZoneOffset.UTC).format(started);
    }

    /** Entry point of the demo route; never throws. */
    public static void run(CamelContext camel) {
        Simulators simulators = camel.getRegistry().lookupByNameAndType("simulators", Simulators.class);
        if (simulators == null) {
            LOG.warn("Demo: the order-to-cash story needs the simulators (ORDERSYNC_SIMULATORS=true); skipped");
            return;
        }
        try {
            new DemoOrderToCash(new DemoApi(camel, simulators), Instant.now()).tell();
        } catch (DemoStopped e) {
            LOG.info("Demo stopped: the runtime is shutting down");
        } catch (RuntimeException e) {
            LOG.error("Demo ended early: {}", e.getMessage(), e);
        }
    }

    private void tell() {
        if (api.numberErpOrdersAfterKnownOnes() > 0) {
            LOG.info("Demo: ordersync's database (./data) has orders of earlier runs; the ERP simulators, which start"
                    + " empty, number their new orders after those");
        }
        StoryOrder story = step("order-to-cash story", this::orderToCash);
        new DemoChannelOrders(api, sources, started, run).sendAll();
        if (story != null) {
            step("reconciliation", () -> reconcile(story));
        } else {
            LOG.warn("Demo: no reconciliation run, the order-to-cash story did not complete");
        }
        LOG.info("Demo finished. Inspect an order: GET /api/v1/orders/{orderId}; reconciliation runs: GET"
                + " /api/v1/reconciliation/runs; the simulators' requests: GET <simulator>/sim/requests");
    }

    // ------------------------------------------------------------------ 1. order to cash

    private StoryOrder orderToCash() throws Exception {
        String crmId = "801DEMO" + run;
        String correlationId = "demo-o2c-" + run;
        String previous = MDC.get(LOG_CORRELATION);
        // the story's log lines carry the order's correlation id, like every line ordersync logs about it
        MDC.put(LOG_CORRELATION, correlationId);
        try {
            return driveOrderToCash(crmId, correlationId);
        } finally {
            if (previous == null) {
                MDC.remove(LOG_CORRELATION);
            } else {
                MDC.put(LOG_CORRELATION, previous);
            }
        }
    }

    private StoryOrder driveOrderToCash(String crmId, String correlationId) throws Exception {
        ObjectNode crmOrder = (ObjectNode) DemoApi.json(DemoOrders.load("01-us01-accepted.json"));
        crmOrder.put("Id", crmId).put("OrderNumber", "O2C-" + run).put("PoNumber", "LHS-PO-" + run);
        HttpResponse<String> receipt = api.post("/api/v1/orders", "application/json", crmOrder.toString(),
                "X-Correlation-Id", correlationId);
        if (receipt.statusCode() != 202) {
            throw new DemoStepFailed("POST /api/v1/orders answered " + receipt.statusCode() + " " + receipt.body());
        }
        String orderId = DemoApi.json(receipt.body()).path("orderId").asText();
        FulfilmentOrder order = api.fulfilmentOrder(api.awaitStatus(orderId, "ACCEPTED"));
        LOG.info("Order-to-cash: CRM Order {} is order {}, ACCEPTED by the ERP of {} as {}; now the WMS, TMS and AR"
                + " report to ordersync by {}", crmId, orderId, order.legalEntity(), order.erpOrderNumber(),
                sources.sender().describe());

        sources.warehouse().allocate(order);
        progress(1, "WMS allocated every line", api.awaitStatus(orderId, "ALLOCATED"));

        FulfilmentOrder.Line late = order.line(2);
        LocalDate expected = LocalDate.ofInstant(started, ZoneOffset.UTC).plusDays(7);
        sources.warehouse().backorder(order, List.of(late.all()), expected);
        progress(2, "WMS backordered line 2 (" + amount(late.quantity(), late.unitOfMeasure()) + " " + late.sku()
                + "), expected " + expected, api.awaitStatus(orderId, "BACKORDERED"));

        FulfilmentOrder.Line first = order.line(1);
        BigDecimal half = first.quantity().divide(BigDecimal.valueOf(2));
        Shipment partial = sources.warehouse().ship(order, "SHP-" + run + "-1",
                Carton.of("1ZDEMO" + run + "1", first.part(half)).withWeightKg(new BigDecimal("9.80")),
                Carton.of("1ZDEMO" + run + "2", first.part(first.quantity().subtract(half)))
                        .withWeightKg(new BigDecimal("9.80")));
        JsonNode view = api.awaitStatus(orderId, "PARTIALLY_SHIPPED");
        progress(3, "WMS shipped " + partial.shipmentId() + ": line 1 in 2 cartons, " + partial.carrier() + " "
                + partial.trackingNumber(), view);
        logExceptions(view);

        Shipment rest = sources.warehouse().ship(order, "SHP-" + run + "-2",
                Carton.of("1ZDEMO" + run + "3", late.all()).withWeightKg(new BigDecimal("4.20")));
        view = api.awaitStatus(orderId, "SHIPPED");
        progress(4, "WMS shipped the backordered line 2 as " + rest.shipmentId(), view);
        logExceptions(view);

        sources.transport().deliver(partial, "Dock 4");
        sources.transport().deliver(rest, "Dock 4");
        progress(5, "TMS delivered " + partial.shipmentId() + " and " + rest.shipmentId(),
                api.awaitStatus(orderId, "DELIVERED"));

        Invoice invoice = sources.receivables().invoice(order, "INV-" + run, salesTax(order));
        progress(6, "AR invoiced " + invoice.invoiceNumber() + ": net " + invoice.netAmount() + " + tax "
                + invoice.taxAmount() + " = " + invoice.totalAmount() + " " + invoice.currency(),
                api.awaitStatus(orderId, "INVOICED"));

        BigDecimal firstPayment = invoice.totalAmount().multiply(new BigDecimal("0.6"))
                .setScale(0, RoundingMode.DOWN).setScale(2);
        sources.receivables().pay(invoice, firstPayment);
        progress(7, "AR received a first payment of " + firstPayment, api.awaitStatus(orderId, "PARTIALLY_PAID"));
        BigDecimal balance = invoice.totalAmount().subtract(firstPayment);
        sources.receivables().pay(invoice, balance);
        view = api.awaitStatus(orderId, "PAID");
        progress(8, "AR received the balance of " + balance, view);

        JsonNode crm = api.awaitCrmField(crmId, "Payment_Status__c", "PAID");
        LOG.info("Order-to-cash: the CRM's Order {} now shows {}", crmId,
                DemoApi.text(crm, CRM_FIELDS.toArray(String[]::new)));
        LOG.info("Order-to-cash: timeline of order {} (GET /api/v1/orders/{}):", orderId, orderId);
        int number = 0;
        for (JsonNode entry : view.path("timeline")) {
            LOG.info("  {}. {}  {} -> {}", ++number, entry.path("occurredAt").asText(), entry.path("type").asText(),
                    entry.path("status").asText());
        }
        return new StoryOrder(crmId, orderId);
    }

    private void progress(int step, String what, JsonNode view) {
        JsonNode progress = view.path("progress");
        LOG.info("Order-to-cash {}/8: {} -> ordersync: {} (shipment {}, invoice {}, payment {})", step, what,
                view.path("status").asText(), progress.path("shipmentState").asText("-"),
                progress.path("invoiceState").asText("-"), progress.path("paymentState").asText("-"));
    }

    private static void logExceptions(JsonNode view) {
        for (JsonNode exception : view.path("exceptions")) {
            LOG.info("Order-to-cash: {} exception {} (decision {}): {}", exception.path("kind").asText(),
                    exception.path("status").asText(), exception.path("decision").asText(),
                    exception.path("message").asText());
        }
    }

    /** 8.25% of the invoiced lines, in cents. */
    private static BigDecimal salesTax(FulfilmentOrder order) {
        BigDecimal net = order.lines().stream()
                .map(l -> l.quantity().multiply(l.unitPrice()).setScale(2, RoundingMode.HALF_UP))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return net.multiply(new BigDecimal("0.0825")).setScale(2, RoundingMode.HALF_UP);
    }

    private static String amount(BigDecimal quantity, String unit) {
        return quantity.stripTrailingZeros().toPlainString() + (unit == null ? "" : " " + unit);
    }

    // ------------------------------------------------------------------ 3. reconciliation

    private Void reconcile(StoryOrder story) {
        api.patchCrmOrder(story.crmId(), "{\"Integration_Status__c\": \"SHIPPED\", \"Customer_Status__c\": \"Shipped\","
                + " \"Payment_Status__c\": \"UNPAID\", \"Amount_Paid__c\": 0}");
        LOG.info("Reconciliation: mismatch injected - CRM Order {} put back to Integration_Status__c=SHIPPED,"
                + " Payment_Status__c=UNPAID (as a lost update or a user's edit would)", story.crmId());

        JsonNode result = api.runReconciliation("crm-status");
        JsonNode run = result.path("run");
        LOG.info("Reconciliation: POST /api/v1/reconciliation/jobs/crm-status/run -> run {} {}: {} checked,"
                + " {} mismatches, {} healed", run.path("runId").asText(), run.path("status").asText(),
                run.path("checked").asInt(), run.path("mismatches").asInt(), run.path("healed").asInt());
        JsonNode finding = null;
        for (JsonNode candidate : result.path("findings")) {
            if (story.orderId().equals(candidate.path("orderId").asText())) {
                finding = candidate;
            }
        }
        if (finding == null) {
            throw new DemoStepFailed("run " + run.path("runId").asText() + " did not find the mismatch of order "
                    + story.orderId());
        }
        LOG.info("Reconciliation: finding {} for order {}: expected {}, the CRM had {}; healed={} ({})",
                finding.path("kind").asText(), story.orderId(), finding.path("expected").asText(),
                finding.path("actual").asText(), finding.path("healed").asBoolean(),
                finding.path("healDetail").asText("-"));
        int others = run.path("mismatches").asInt() - 1;
        if (others > 0) {
            LOG.info("Reconciliation: {} other mismatch(es), e.g. CRM orders of earlier runs kept in ./data that the"
                    + " CRM simulator (empty at every start) does not know", others);
        }
        JsonNode crm = api.awaitCrmField(story.crmId(), "Integration_Status__c", "PAID");
        LOG.info("Reconciliation: healed - the CRM's Order {} shows again {}", story.crmId(),
                DemoApi.text(crm, "Integration_Status__c", "Customer_Status__c", "Payment_Status__c",
                        "Amount_Paid__c"));
        return null;
    }

    // ------------------------------------------------------------------ steps

    /** A step of the demo that may throw. */
    @FunctionalInterface
    interface Step<T> {
        T run() throws Exception;
    }

    /** Runs a step; a failure is logged and answered with null, so the demo goes on with the next step. */
    static <T> T step(String name, Step<T> body) {
        try {
            return body.run();
        } catch (DemoStopped e) {
            throw e;
        } catch (DemoStepFailed e) {
            LOG.warn("Demo step '{}' did not complete: {}. The demo goes on.", name, e.getMessage());
        } catch (Exception e) {
            LOG.warn("Demo step '{}' did not complete: {}. The demo goes on.", name, e.toString(), e);
        }
        return null;
    }
}
