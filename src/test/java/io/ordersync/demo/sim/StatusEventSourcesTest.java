package io.ordersync.demo.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.Parser;
import com.sun.net.httpserver.HttpServer;
import io.ordersync.support.Json;
import io.ordersync.events.StatusReport;
import io.ordersync.events.StatusReportValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The WMS, TMS and AR simulators send their systems' own JSON by webhook to a real HTTP endpoint (a JDK server
 * standing in for ordersync), and what they send maps, through ordersync's own mappings, to valid status reports.
 */
class StatusEventSourcesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T09:00:00Z"), ZoneOffset.UTC);
    private static final FulfilmentOrder ORDER = new FulfilmentOrder("US01", "NA-100007", "USD", List.of(
            new FulfilmentOrder.Line(1, "HX-2040", new BigDecimal("12"), "BX", new BigDecimal("18.40")),
            new FulfilmentOrder.Line(2, "WS-0800", new BigDecimal("4"), "BX", new BigDecimal("9.95"))));

    private HttpServer ordersync;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int answerStatus = 202;

    private WarehouseSimulator warehouse;
    private TransportSimulator transport;
    private ReceivablesSimulator receivables;

    private record Received(String method, String path, String apiKey, String contentType, JsonNode body) {
    }

    @BeforeEach
    void startOrdersyncStandIn() throws IOException {
        ordersync = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ordersync.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("X-API-Key"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), Json.mapper().readTree(body)));
            byte[] answer = (answerStatus == 202 ? "{\"status\":\"QUEUED\"}"
                    : "{\"fieldErrors\":[{\"field\":\"orderId\"}]}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answerStatus, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        ordersync.start();
        WebhookSender sender = new WebhookSender("http://127.0.0.1:" + ordersync.getAddress().getPort(), "wms-key");
        warehouse = new WarehouseSimulator(sender, CLOCK, "DAL1", "UPSN", "GROUND");
        transport = new TransportSimulator(sender, CLOCK);
        receivables = new ReceivablesSimulator(sender, CLOCK);
    }

    @AfterEach
    void stop() {
        ordersync.stop(0);
    }

    @Test
    void the_warehouse_posts_allocation_backorder_and_shipment_to_the_wms_webhook_with_the_api_key() {
        warehouse.allocate(ORDER);
        warehouse.backorder(ORDER, List.of(ORDER.line(2).all()), LocalDate.parse("2026-12-09"));
        Shipment shipment = warehouse.ship(ORDER, "SHP-1", Carton.of("1Z0001", ORDER.line(1).part(new BigDecimal("12")))
                .withWeightKg(new BigDecimal("7.50")));

        assertThat(received).extracting(Received::method, Received::path, Received::apiKey)
                .containsOnly(org.assertj.core.groups.Tuple.tuple("POST", "/api/v1/status-events/wms", "wms-key"));
        assertThat(received).allSatisfy(r -> assertThat(r.contentType()).isEqualTo("application/json"));
        JsonNode allocation = received.get(0).body();
        assertThat(allocation.path("messageType").asText()).isEqualTo("ALLOCATION");
        assertThat(allocation.path("order").toString()).isEqualTo("{\"entity\":\"US01\",\"erpOrderNumber\":\"NA-100007\"}");
        assertThat(allocation.path("lines").toString()).isEqualTo("[{\"line\":1,\"item\":\"HX-2040\",\"qty\":12,"
                + "\"uom\":\"BX\"},{\"line\":2,\"item\":\"WS-0800\",\"qty\":4,\"uom\":\"BX\"}]");
        assertThat(received.get(1).body().path("expectedDate").asText()).isEqualTo("2026-12-09");

        JsonNode carton = received.get(2).body().path("shipment").path("cartons").get(0);
        assertThat(carton.path("sscc").asText()).hasSize(18).startsWith("00614141");
        assertThat(WarehouseSimulator.gs1CheckDigit(carton.path("sscc").asText().substring(0, 17)))
                .isEqualTo(carton.path("sscc").asText().charAt(17) - '0');
        assertThat(carton.path("weightKg").toString()).isEqualTo("7.50");
        assertThat(shipment.shipmentId()).isEqualTo("SHP-1");
        assertThat(shipment.trackingNumber()).isEqualTo("1Z0001");
        assertThat(shipment.cartons().get(0).sscc()).isEqualTo(carton.path("sscc").asText());

        // each message is what ordersync's mapping turns into a valid report, in the order they happened
        StatusReport allocated = mapped("wms", received.get(0).body());
        StatusReport backordered = mapped("wms", received.get(1).body());
        StatusReport shipped = mapped("wms", received.get(2).body());
        assertThat(allocated.type()).isEqualTo("OrderAllocated");
        assertThat(allocated.legalEntity()).isEqualTo("US01");
        assertThat(allocated.erpOrderNumber()).isEqualTo("NA-100007");
        assertThat(backordered.type()).isEqualTo("OrderBackordered");
        assertThat(backordered.expectedDeliveryDate()).isEqualTo(LocalDate.parse("2026-12-09"));
        assertThat(shipped.type()).isEqualTo("OrderShipped");
        assertThat(shipped.shipment().carrier()).isEqualTo("UPSN");
        assertThat(shipped.shipment().packages().get(0).items().get(0).quantity()).isEqualByComparingTo("12");
        assertThat(List.of(allocated.occurredAt(), backordered.occurredAt(), shipped.occurredAt()))
                .as("strictly increasing even on a fixed clock").isSorted().doesNotHaveDuplicates();
    }

    @Test
    void transport_reports_the_delivery_of_a_shipment_by_its_number() {
        Shipment shipment = warehouse.ship(ORDER, "SHP-2", Carton.of("1Z0002", ORDER.line(2).all()));
        transport.deliver(shipment, "Dock 4");

        Received delivered = received.get(1);
        assertThat(delivered.path()).isEqualTo("/api/v1/status-events/tms");
        assertThat(delivered.body().path("status").asText()).isEqualTo("DELIVERED");
        StatusReport report = mapped("tms", delivered.body());
        assertThat(report.type()).isEqualTo("OrderDelivered");
        assertThat(report.delivery().shipmentId()).isEqualTo("SHP-2");
        assertThat(report.delivery().receivedBy()).isEqualTo("Dock 4");
        assertThat(report.erpOrderNumber()).isEqualTo("NA-100007");
    }

    @Test
    void receivables_invoice_at_the_order_prices_with_totals_that_add_up_and_number_the_payments() {
        Invoice invoice = receivables.invoice(ORDER, "INV-9", new BigDecimal("20.85"));
        receivables.pay(invoice, new BigDecimal("200.00"));
        receivables.pay(invoice, new BigDecimal("80.45"));

        // 12 x 18.40 + 4 x 9.95 = 220.80 + 39.80 = 260.60; + 20.85 tax = 281.45
        assertThat(invoice.netAmount()).isEqualByComparingTo("260.60");
        assertThat(invoice.totalAmount()).isEqualByComparingTo("281.45");
        JsonNode document = received.get(0).body();
        assertThat(received.get(0).path()).isEqualTo("/api/v1/status-events/ar");
        assertThat(document.path("invoice").path("total").toString()).isEqualTo("281.45");
        assertThat(document.path("invoice").path("dueDate").asText()).isEqualTo("2026-12-31");
        StatusReport invoiced = mapped("ar", document);
        assertThat(invoiced.invoice().lines()).extracting(l -> l.amount().toPlainString())
                .containsExactly("220.80", "39.80");
        assertThat(invoiced.invoice().netAmount().add(invoiced.invoice().taxAmount()))
                .isEqualByComparingTo(invoiced.invoice().totalAmount());

        StatusReport first = mapped("ar", received.get(1).body());
        StatusReport second = mapped("ar", received.get(2).body());
        assertThat(first.payment().paymentId()).isEqualTo("INV-9-P1");
        assertThat(second.payment().paymentId()).isEqualTo("INV-9-P2");
        assertThat(first.payment().invoiceNumber()).isEqualTo("INV-9");
        assertThat(first.payment().amount().toPlainString()).isEqualTo("200.00");
        assertThat(second.payment().amount().toPlainString()).isEqualTo("80.45");
    }

    @Test
    void a_message_ordersync_does_not_take_is_an_exception_with_its_answer() {
        answerStatus = 400;

        assertThatThrownBy(() -> warehouse.allocate(ORDER))
                .isInstanceOf(StatusMessageRefusedException.class)
                .hasMessageContaining("HTTP 400").hasMessageContaining("fieldErrors")
                .satisfies(e -> assertThat(((StatusMessageRefusedException) e).httpStatus()).isEqualTo(400));
    }

    @Test
    void an_unreachable_ordersync_is_an_exception_not_a_silent_loss() {
        ordersync.stop(0);

        assertThatThrownBy(() -> transport.deliver(new Shipment("SHP-3", "US01", "NA-1", "UPSN", null, List.of())))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("not delivered");
    }

    /** The message through ordersync's own mapping for the source, then its validation. */
    private static StatusReport mapped(String source, JsonNode message) {
        try {
            Expression mapping = Parser.compileString(Files.readString(
                    Path.of("mappings/status-" + source + "-to-canonical.jslt")));
            StatusReport report = Json.mapper().treeToValue(mapping.apply(
                    Json.mapper().readTree(message.toString())), StatusReport.class);
            assertThat(new StatusReportValidator().validate(report)).as(message.toString()).isEmpty();
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
