package io.ordersync.erp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordersync.support.Json;
import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.OrderEvent;
import io.ordersync.order.OrderStatus;
import io.ordersync.demo.sim.ErpOrder;
import io.ordersync.demo.sim.Simulators;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The erp-rest adapter's translation, tested against the North-America ERP simulator: the requests it builds are
 * what the simulator accepts, and the simulator's real answers are parsed into canonical outcomes.
 */
class ErpRestAdapterTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Simulators simulators;
    private static CamelContext camel;

    private final ErpRestAdapter adapter = new ErpRestAdapter(new ErpOutcomes(Clock.fixed(NOW, ZoneOffset.UTC)));

    @BeforeAll
    static void start() {
        simulators = Simulators.startOnFreePorts();
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterAll
    static void stop() throws Exception {
        camel.close();
        simulators.close();
    }

    @BeforeEach
    void reset() {
        simulators.resetAll();
    }

    // ------------------------------------------------------------------ request

    @Test
    void the_request_carries_reference_customer_currency_dates_ship_to_and_lines() {
        CanonicalOrder order = order("NA-20001", line(1, "SKU-100", "5", "10.10"), line(2, "SKU-200", "2.5", null));
        JsonNode request = Json.read(adapter.toRequest(order), JsonNode.class);

        assertThat(request.path("externalReference").asText()).isEqualTo(order.erpReference());
        assertThat(request.path("ordersyncOrderId").asText()).isEqualTo(order.orderId());
        assertThat(request.path("customerNumber").asText()).isEqualTo("NA-20001");
        assertThat(request.path("currency").asText()).isEqualTo("USD");
        assertThat(request.path("customerPurchaseOrder").asText()).isEqualTo("PO-1");
        assertThat(request.path("requestedDeliveryDate").asText()).isEqualTo("2026-12-01");
        assertThat(request.path("shipTo").path("name").asText()).isEqualTo("Acme");
        assertThat(request.path("shipTo").path("city").asText()).isEqualTo("Springfield");
        assertThat(request.path("shipTo").has("street")).as("null party fields are left out").isFalse();

        JsonNode lines = request.path("lines");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).path("lineNumber").asInt()).isEqualTo(1);
        assertThat(lines.get(0).path("sku").asText()).isEqualTo("SKU-100");
        assertThat(lines.get(0).path("quantity").decimalValue()).isEqualByComparingTo("5");
        assertThat(lines.get(0).path("unitOfMeasure").asText()).isEqualTo("EA");
        assertThat(lines.get(0).path("unitPrice").decimalValue()).isEqualByComparingTo("10.10");
        assertThat(lines.get(1).path("quantity").isNumber()).isTrue();
        assertThat(lines.get(1).path("quantity").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(lines.get(1).has("unitPrice")).as("no price, no field").isFalse();
        assertThat(request.has("orderId")).as("only the ERP's own field names").isFalse();
    }

    @Test
    void without_an_erp_number_the_crm_account_is_the_customer_and_optional_fields_are_left_out() {
        CanonicalOrder full = order(null, line(1, "SKU-100", "1", "1"));
        CanonicalOrder order = new CanonicalOrder(full.schemaVersion(), full.orderId(), full.correlationId(),
                full.receivedAt(), full.source(), full.legalEntity(), full.customer(), null, null, null, null,
                full.currency(), null, null, full.lines(), full.totals(), null, null);
        JsonNode request = Json.read(adapter.toRequest(order), JsonNode.class);

        assertThat(request.path("customerNumber").asText()).isEqualTo("001T00000000NA01");
        assertThat(request.has("customerPurchaseOrder")).isFalse();
        assertThat(request.has("requestedDeliveryDate")).isFalse();
        assertThat(request.has("shipTo")).isFalse();
    }

    // ------------------------------------------------------------------ answers of the simulator

    @Test
    void a_created_order_is_accepted_with_the_erp_number_and_line_outcomes() {
        CanonicalOrder order = order("NA-20001", line(1, "SKU-100", "5", "10.10"), line(2, "SKU-200", "2.5", "3.30"));
        HttpResponse<String> answer = post(adapter.toRequest(order));
        assertThat(answer.statusCode()).isEqualTo(201);

        OrderEvent event = adapter.toOutcome(order, exchange(answer));

        String number = simulators.erpNa().createdOrders().get(order.erpReference());
        assertThat(number).startsWith("NA-");
        assertThat(event.type()).isEqualTo(OrderEvent.ORDER_ACCEPTED);
        assertThat(event.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(event.erpOrderNumber()).isEqualTo(number);
        assertThat(event.eventId()).isEqualTo(order.orderId() + ":OrderAccepted");
        assertThat(event.orderId()).isEqualTo(order.orderId());
        assertThat(event.correlationId()).isEqualTo("corr-rest-1");
        assertThat(event.legalEntity()).isEqualTo("US01");
        assertThat(event.crmOrderId()).isEqualTo("801T0000REST01");
        assertThat(event.occurredAt()).isEqualTo(NOW);
        assertThat(event.reasons()).isNull();
        assertThat(event.lines()).containsExactly(new OrderEvent.LineOutcome(1, "ACCEPTED", null, null),
                new OrderEvent.LineOutcome(2, "ACCEPTED", null, null));

        // the simulator understood the request as meant: exact decimals, units, the reference
        ErpOrder created = simulators.erpNa().findOrder(number).orElseThrow();
        assertThat(created.externalReference()).isEqualTo(order.erpReference());
        assertThat(created.ordersyncOrderId()).isEqualTo(order.orderId());
        assertThat(created.customerNumber()).isEqualTo("NA-20001");
        assertThat(created.lines().get(0).unitPrice()).isEqualByComparingTo("10.10");
        assertThat(created.lines().get(1).quantity()).isEqualByComparingTo("2.5");
        assertThat(created.requestedDeliveryDate()).isEqualTo(LocalDate.of(2026, 12, 1));
    }

    @Test
    void a_resent_order_is_found_again_with_the_same_number() {
        CanonicalOrder order = order("NA-20001", line(1, "SKU-100", "1", "1"));
        OrderEvent first = adapter.toOutcome(order, exchange(post(adapter.toRequest(order))));
        HttpResponse<String> again = post(adapter.toRequest(order));
        assertThat(again.statusCode()).isEqualTo(200);

        OrderEvent second = adapter.toOutcome(order, exchange(again));
        assertThat(second.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(second.erpOrderNumber()).isEqualTo(first.erpOrderNumber());
        assertThat(second.eventId()).isEqualTo(first.eventId());
        assertThat(simulators.erpNa().createdOrderCount(order.erpReference())).isEqualTo(1);
    }

    @Test
    void an_unknown_sku_makes_a_partial_acceptance_with_the_line_reason() {
        CanonicalOrder order = order("NA-20001", line(1, "SKU-100", "1", "10"), line(2, "UNKNOWN-55", "1", "10"));
        HttpResponse<String> answer = post(adapter.toRequest(order));
        assertThat(answer.statusCode()).isEqualTo(201);

        OrderEvent event = adapter.toOutcome(order, exchange(answer));
        assertThat(event.type()).isEqualTo(OrderEvent.ORDER_ACCEPTED);
        assertThat(event.status()).isEqualTo(OrderStatus.PARTIALLY_ACCEPTED);
        assertThat(event.erpOrderNumber()).startsWith("NA-");
        assertThat(event.lines()).hasSize(2);
        assertThat(event.lines().get(0)).isEqualTo(new OrderEvent.LineOutcome(1, "ACCEPTED", null, null));
        assertThat(event.lines().get(1).status()).isEqualTo("REJECTED");
        assertThat(event.lines().get(1).reasonCode()).isEqualTo("UNKNOWN_SKU");
        assertThat(event.lines().get(1).reason()).contains("UNKNOWN-55");
    }

    @Test
    void every_line_rejected_is_a_rejection_with_the_erp_reason() {
        CanonicalOrder order = order("NA-20001", line(1, "UNKNOWN-1", "1", "10"));
        HttpResponse<String> answer = post(adapter.toRequest(order));
        assertThat(answer.statusCode()).isEqualTo(422);

        OrderEvent event = adapter.toOutcome(order, exchange(answer));
        assertThat(event.type()).isEqualTo(OrderEvent.ORDER_REJECTED);
        assertThat(event.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(event.erpOrderNumber()).isNull();
        assertThat(event.reasons()).extracting(OrderEvent.Reason::code).containsExactly("ALL_LINES_REJECTED");
        assertThat(event.lines()).extracting(OrderEvent.LineOutcome::reasonCode).containsExactly("UNKNOWN_SKU");
    }

    @Test
    void a_422_credit_hold_is_a_rejection_with_the_credit_hold_reason() {
        CanonicalOrder order = order("HOLD-777", line(1, "SKU-100", "1", "10"));
        HttpResponse<String> answer = post(adapter.toRequest(order));
        assertThat(answer.statusCode()).isEqualTo(422);

        OrderEvent event = adapter.toOutcome(order, exchange(answer));
        assertThat(event.type()).isEqualTo(OrderEvent.ORDER_REJECTED);
        assertThat(event.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(event.erpOrderNumber()).isNull();
        assertThat(event.reasons()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo("CREDIT_HOLD");
            assertThat(r.message()).contains("HOLD-777");
        });
        assertThat(event.lines()).isNull();
        assertThat(simulators.erpNa().createdOrders()).isEmpty();
    }

    @Test
    void a_400_means_our_request_is_wrong_and_is_not_retried() {
        CanonicalOrder order = order("NA-20001", line(1, "SKU-100", "-1", "10"));
        HttpResponse<String> answer = post(adapter.toRequest(order));
        assertThat(answer.statusCode()).isEqualTo(400);

        assertThatThrownBy(() -> adapter.toOutcome(order, exchange(answer)))
                .isInstanceOf(ErpRequestRejectedException.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining(order.orderId())
                .hasMessageContaining("quantity must be greater than zero");
    }

    @Test
    void odd_answers_are_refused_rather_than_guessed() {
        CanonicalOrder order = order("NA-20001", line(1, "SKU-100", "1", "1"));
        assertThatThrownBy(() -> adapter.toOutcome(order, exchange(201, "{\"status\":\"ACCEPTED\"}")))
                .isInstanceOf(ErpRequestRejectedException.class).hasMessageContaining("without an erpOrderNumber");
        assertThatThrownBy(() -> adapter.toOutcome(order, exchange(201, "<html>created</html>")))
                .isInstanceOf(ErpRequestRejectedException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> adapter.toOutcome(order, exchange(404, "no such resource")))
                .isInstanceOf(ErpRequestRejectedException.class).hasMessageContaining("HTTP 404");
        String longBody = "x".repeat(2000);
        assertThatThrownBy(() -> adapter.toOutcome(order, exchange(409, longBody)))
                .isInstanceOf(ErpRequestRejectedException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(700).endsWith("..."));
    }

    @Test
    void answers_that_mean_not_now_are_retried_not_dead_lettered_at_once() {
        CanonicalOrder order = order("NA-20001", line(1, "SKU-100", "1", "1"));
        for (int status : new int[] {401, 403, 408, 429}) {
            assertThatThrownBy(() -> adapter.toOutcome(order, exchange(status, "busy")))
                    .isInstanceOf(ErpUnavailableException.class).hasMessageContaining("HTTP " + status);
        }
    }

    @Test
    void decimals_reach_the_erp_exactly_as_ordered() {
        CanonicalOrder order = order("NA-20001", line(1, "SKU-100", "10.0", "1234567890.123456789"));
        String request = adapter.toRequest(order);
        assertThat(request).contains("\"quantity\":10.0").contains("\"unitPrice\":1234567890.123456789");
    }

    // ------------------------------------------------------------------ reading an order back (reconciliation)

    @Test
    void a_sales_order_read_back_gives_the_status_the_erp_has_now_or_none() {
        CanonicalOrder order = order("NA-20001", line(1, "SKU-100", "1", "1"));
        String number = adapter.toOutcome(order, exchange(post(adapter.toRequest(order)))).erpOrderNumber();

        assertThat(adapter.toStatus(number, exchange(get(number)))).isEqualTo(new ErpOrderStatus(number, "ACCEPTED"));
        simulators.erpNa().setOrderStatus(number, ErpOrder.CANCELLED);
        assertThat(adapter.toStatus(number, exchange(get(number)))).isEqualTo(new ErpOrderStatus(number, "CANCELLED"));
        assertThat(adapter.toStatus("NA-1", exchange(get("NA-1"))).found()).isFalse();
    }

    @Test
    void a_sales_order_read_the_erp_cannot_answer_is_an_error_not_a_missing_order() {
        assertThatThrownBy(() -> adapter.toStatus("NA-1", exchange(503, "busy")))
                .isInstanceOf(ErpUnavailableException.class).hasMessageContaining("HTTP 503");
        assertThatThrownBy(() -> adapter.toStatus("NA-1", exchange(200, "{\"erpOrderNumber\":\"NA-1\"}")))
                .isInstanceOf(ErpRequestRejectedException.class).hasMessageContaining("without a status");
    }

    // ------------------------------------------------------------------ helpers

    private Exchange exchange(HttpResponse<String> response) {
        return exchange(response.statusCode(), response.body());
    }

    private Exchange exchange(int status, String body) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setBody(body);
        return exchange;
    }

    private static HttpResponse<String> post(String json) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(simulators.erpNa().salesOrdersUrl()))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> get(String erpOrderNumber) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(simulators.erpNa().salesOrdersUrl() + "/" + erpOrderNumber))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static CanonicalOrder order(String erpCustomer, CanonicalOrder.Line... lines) {
        CanonicalOrder order = new CanonicalOrder(null, null, null, null,
                new CanonicalOrder.Source("REST", "CRM", null, "801T0000REST01"), "US01",
                new CanonicalOrder.Customer("001T00000000NA01", erpCustomer, "Acme"), "PO-1", null, null,
                new CanonicalOrder.Party("Acme", null, "Springfield", "IL", null, "US"), "USD",
                LocalDate.of(2026, 11, 23), LocalDate.of(2026, 12, 1), List.of(lines), null, null, null);
        return order.completed("ord-" + UUID.randomUUID(), "corr-rest-1", NOW, "US01");
    }

    private static CanonicalOrder.Line line(int number, String sku, String quantity, String price) {
        return new CanonicalOrder.Line(number, sku, null, null, null, new BigDecimal(quantity), "EA",
                price == null ? null : new BigDecimal(price), null);
    }
}
