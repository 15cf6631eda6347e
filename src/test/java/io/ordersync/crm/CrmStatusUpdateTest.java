package io.ordersync.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.ordersync.deadletter.DeadLetters;
import io.ordersync.order.OrderEvent;
import io.ordersync.order.OrderStatus;
import io.ordersync.support.Correlation;
import io.ordersync.support.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class CrmStatusUpdateTest {

    private static final Instant AT = Instant.parse("2026-11-23T12:34:56Z");
    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() { };

    private static CamelContext camel;

    private final CrmStatusUpdate update = new CrmStatusUpdate();

    @BeforeAll
    static void start() {
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterAll
    static void stop() throws Exception {
        camel.close();
        MDC.clear();
    }

    @Test
    void an_accepted_order_activates_the_crm_order_with_the_erp_number_and_clears_old_errors() {
        OrderEvent accepted = event(OrderEvent.ORDER_ACCEPTED, OrderStatus.ACCEPTED, "NA-100001", null,
                List.of(new OrderEvent.LineOutcome(1, "ACCEPTED", null, null)));
        Map<String, Object> patch = patch(accepted);

        assertThat(patch).containsEntry("Status", "Activated")
                .containsEntry("ERP_Order_Number__c", "NA-100001")
                .containsEntry("Integration_Status__c", "ACCEPTED")
                .containsEntry("Integration_Event_Id__c", "ord-1:OrderAccepted")
                .containsEntry("Integration_Correlation_Id__c", "corr-crm-1")
                .containsEntry("Integration_Updated_At__c", "2026-11-23T12:34:56Z");
        // explicit nulls: an earlier failure's code and message are cleared in the CRM
        assertThat(patch).containsEntry("Integration_Error_Code__c", null).containsEntry("Integration_Message__c", null);
        assertThat(lineStatus(patch)).isEqualTo(accepted.lines());
    }

    @Test
    void a_rejection_carries_the_first_reason_code_and_every_reason_in_the_message() {
        OrderEvent rejected = event(OrderEvent.ORDER_REJECTED, OrderStatus.REJECTED, null,
                List.of(new OrderEvent.Reason("CREDIT_HOLD", "customer HOLD-777 is on credit hold"),
                        new OrderEvent.Reason("LATE", "too late for today")), null);
        Map<String, Object> patch = patch(rejected);

        assertThat(patch).containsEntry("Integration_Status__c", "REJECTED")
                .containsEntry("Integration_Error_Code__c", "CREDIT_HOLD")
                .containsEntry("Integration_Message__c",
                        "CREDIT_HOLD: customer HOLD-777 is on credit hold; LATE: too late for today")
                .doesNotContainKeys("Status", "ERP_Order_Number__c", "Integration_Line_Status__c");
    }

    @Test
    void a_partial_acceptance_is_activated_and_reports_the_rejected_lines() {
        OrderEvent partial = event(OrderEvent.ORDER_ACCEPTED, OrderStatus.PARTIALLY_ACCEPTED, "NA-100002", null,
                List.of(new OrderEvent.LineOutcome(1, "ACCEPTED", null, null),
                        new OrderEvent.LineOutcome(2, "REJECTED", "UNKNOWN_SKU", "SKU UNKNOWN-55 is not in the item master"),
                        new OrderEvent.LineOutcome(3, "REJECTED", "DISCONTINUED", "SKU OLD-1 is discontinued")));
        Map<String, Object> patch = patch(partial);

        assertThat(patch).containsEntry("Status", "Activated")
                .containsEntry("ERP_Order_Number__c", "NA-100002")
                .containsEntry("Integration_Status__c", "PARTIALLY_ACCEPTED")
                .containsEntry("Integration_Error_Code__c", "LINES_REJECTED")
                .containsEntry("Integration_Message__c", "line 2 UNKNOWN_SKU: SKU UNKNOWN-55 is not in the item master;"
                        + " line 3 DISCONTINUED: SKU OLD-1 is discontinued");
        assertThat(lineStatus(patch)).isEqualTo(partial.lines());
    }

    @Test
    void a_delivery_failure_is_reported_without_activating_the_order() {
        OrderEvent failed = event(OrderEvent.ORDER_FAILED, OrderStatus.FAILED, null,
                List.of(new OrderEvent.Reason("DELIVERY_FAILED", "kept as dead letter 4")), null);
        Map<String, Object> patch = patch(failed);

        assertThat(patch).containsEntry("Integration_Status__c", "FAILED")
                .containsEntry("Integration_Error_Code__c", "DELIVERY_FAILED")
                .doesNotContainKeys("Status", "ERP_Order_Number__c");
    }

    @Test
    void only_crm_orders_past_receipt_are_relevant() {
        assertThat(update.relevant(event(OrderEvent.ORDER_RECEIVED, OrderStatus.RECEIVED, null, null, null))).isFalse();
        assertThat(update.relevant(event(OrderEvent.ORDER_ACCEPTED, OrderStatus.ACCEPTED, "NA-1", null, null))).isTrue();
        assertThat(update.relevant(event(OrderEvent.ORDER_REJECTED, OrderStatus.REJECTED, null, null, null))).isTrue();
        OrderEvent fromEdi = new OrderEvent("1.0", "ord-2:OrderAccepted", OrderEvent.ORDER_ACCEPTED, "ord-2", "corr-2",
                AT, OrderStatus.ACCEPTED, "US01", null, "NA-2", null, null);
        assertThat(update.relevant(fromEdi)).isFalse();
    }

    @Test
    void prepare_returns_the_patch_and_names_the_crm_order_for_relevant_events() {
        OrderEvent accepted = event(OrderEvent.ORDER_ACCEPTED, OrderStatus.ACCEPTED, "NA-100001", null, null);
        Exchange exchange = exchange(Json.write(accepted));

        String body = update.prepare(exchange);

        assertThat(body).isEqualTo(update.toPatch(accepted));
        assertThat(exchange.getProperty(CrmStatusUpdate.CRM_ORDER_ID)).isEqualTo("801T0000CRM001");
        assertThat(exchange.getProperty(DeadLetters.ORDER_ID)).isEqualTo("ord-1");
        assertThat(exchange.getProperty(DeadLetters.REPLAY_ENDPOINT)).isEqualTo("direct:crm-status-update");
        assertThat(exchange.getProperty(Correlation.PROPERTY)).isEqualTo("corr-crm-1");
        assertThat(exchange.getMessage().getHeader(Correlation.HEADER)).isEqualTo("corr-crm-1");
    }

    @Test
    void prepare_returns_null_for_order_received_and_for_orders_not_from_the_crm() {
        Exchange received = exchange(Json.write(event(OrderEvent.ORDER_RECEIVED, OrderStatus.RECEIVED, null, null, null)));
        assertThat(update.prepare(received)).isNull();
        assertThat(received.getProperty(CrmStatusUpdate.CRM_ORDER_ID)).isNull();
        // still replayable and traceable if something fails around it
        assertThat(received.getProperty(DeadLetters.ORDER_ID)).isEqualTo("ord-1");

        OrderEvent fromEdi = new OrderEvent("1.0", "ord-2:OrderAccepted", OrderEvent.ORDER_ACCEPTED, "ord-2", "corr-2",
                AT, OrderStatus.ACCEPTED, "US01", null, "NA-2", null, null);
        Exchange edi = exchange(Json.write(fromEdi));
        assertThat(update.prepare(edi)).isNull();
        assertThat(edi.getProperty(CrmStatusUpdate.CRM_ORDER_ID)).isNull();
    }

    // ------------------------------------------------------------------ helpers

    private Map<String, Object> patch(OrderEvent event) {
        return Json.mapper().convertValue(Json.read(update.toPatch(event), JsonNode.class), FIELDS);
    }

    /** The per-line detail is a JSON text field in the CRM. */
    private static List<OrderEvent.LineOutcome> lineStatus(Map<String, Object> patch) {
        return Json.mapper().convertValue(Json.read((String) patch.get("Integration_Line_Status__c"), JsonNode.class),
                new TypeReference<List<OrderEvent.LineOutcome>>() { });
    }

    private static Exchange exchange(String body) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(body);
        return exchange;
    }

    private static OrderEvent event(String type, OrderStatus status, String erpNumber, List<OrderEvent.Reason> reasons,
                                    List<OrderEvent.LineOutcome> lines) {
        return new OrderEvent("1.0", OrderEvent.eventId("ord-1", type), type, "ord-1", "corr-crm-1", AT, status, "US01",
                "801T0000CRM001", erpNumber, reasons, lines);
    }
}
