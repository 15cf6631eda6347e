package io.ordersync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordersync.ops.ApiContract;
import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.OrderEvent;
import io.ordersync.order.OrderStatus;
import io.ordersync.order.OrderStore;
import io.ordersync.support.Json;
import io.ordersync.demo.sim.SimMode;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.Properties;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.TestInstance;

/**
 * The order pipeline end to end through the real HTTP API, Kafka, database and simulators. Each database
 * (H2, PostgreSQL) runs every scenario in its own subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OrderPipelineScenarios extends PipelineTestSupport {

    /** Dead-letter limits small enough for the scenarios below to pass them with an order of a few hundred lines. */
    static final int INLINE_PAYLOAD_BYTES = 8192;
    static final int RETAINED_PAYLOAD_BYTES = 65536;

    static {
        RuntimeProperties.set("ordersync.dead-letters.max-payload-bytes", String.valueOf(INLINE_PAYLOAD_BYTES));
        RuntimeProperties.set("ordersync.dead-letters.max-retained-payload-bytes", String.valueOf(RETAINED_PAYLOAD_BYTES));
    }

    @BeanInject
    protected CamelContext context;

    @BeanInject("orderStore")
    protected OrderStore orderStore;

    @BeanInject("dataSource")
    protected javax.sql.DataSource dataSource;

    @Test
    void an_order_for_a_rest_entity_reaches_the_na_erp_and_its_status_reaches_the_crm() {
        String crmId = newCrmId();
        HttpResponse<String> response = submit(crmOrder("us01-two-lines.json", crmId), "X-Correlation-Id", "corr-us-1");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(response.headers().firstValue("X-Correlation-Id")).hasValue("corr-us-1");
        JsonNode receipt = json(response);
        String orderId = receipt.path("orderId").asText();
        assertThat(receipt.path("status").asText()).isEqualTo("RECEIVED");
        assertThat(receipt.path("correlationId").asText()).isEqualTo("corr-us-1");

        JsonNode order = awaitOrderStatus(orderId, "ACCEPTED");
        String erpNumber = order.path("erpOrderNumber").asText();
        assertThat(simulators.erpNa().createdOrders()).containsEntry(erpReferenceOf(orderId), erpNumber);
        assertThat(order.path("legalEntity").asText()).isEqualTo("US01");
        assertThat(order.path("order").path("totals").path("totalAmount").decimalValue()).isEqualByComparingTo("58.75");
        assertThat(order.path("order").path("lines").get(1).path("quantity").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(timelineTypes(order)).containsExactly("OrderReceived", "OrderAccepted");

        awaitCrmField(crmId, "Integration_Status__c", "ACCEPTED");
        assertThat(simulators.crm().order(crmId))
                .containsEntry("Status", "Activated")
                .containsEntry("ERP_Order_Number__c", erpNumber);
        assertThat(simulators.erpNa().receivedRequests().get(0).correlationId()).isEqualTo("corr-us-1");
        assertThat(simulators.crm().receivedRequests().get(0).correlationId()).isEqualTo("corr-us-1");
    }

    @Test
    void an_order_without_entity_is_routed_by_customer_rule_to_the_soap_erp() {
        String crmId = newCrmId();
        HttpResponse<String> response = submit(crmOrder("de01-by-customer-rule.json", crmId));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String orderId = json(response).path("orderId").asText();

        JsonNode order = awaitOrderStatus(orderId, "ACCEPTED");
        assertThat(order.path("legalEntity").asText()).isEqualTo("DE01");
        assertThat(order.path("erpOrderNumber").asText()).startsWith("EU-");
        assertThat(simulators.erpEmea().createdOrderCount(erpReferenceOf(orderId))).isEqualTo(1);
        assertThat(simulators.erpNa().createdOrderCount(erpReferenceOf(orderId))).isZero();
        String soapRequest = simulators.erpEmea().receivedRequests().get(0).body();
        assertThat(soapRequest).contains("<erp:CustomerNumber>EU-30001</erp:CustomerNumber>");
        awaitCrmField(crmId, "ERP_Order_Number__c", order.path("erpOrderNumber").asText());
    }

    @Test
    void two_api_callers_with_the_same_crm_id_and_idempotency_key_have_an_order_each() {
        String crmId = newCrmId();
        String idempotencyKey = "idem-" + crmId;
        String order = crmOrder("us01-two-lines.json", crmId);
        HttpResponse<String> crm = submit(order, "Idempotency-Key", idempotencyKey);
        assertThat(crm.statusCode()).as(crm.body()).isEqualTo(202);
        HttpResponse<String> shop = submitAsShop(order, idempotencyKey);
        assertThat(shop.statusCode()).as("another caller's order, not a repeat: " + shop.body()).isEqualTo(202);
        String crmOrderId = json(crm).path("orderId").asText();
        String shopOrderId = json(shop).path("orderId").asText();
        assertThat(shopOrderId).isNotEqualTo(crmOrderId);

        // true repeats (same caller, same id and key) are still repeats, each of its own caller's order
        HttpResponse<String> shopAgain = submitAsShop(order, idempotencyKey);
        assertThat(shopAgain.statusCode()).isEqualTo(200);
        assertThat(json(shopAgain).path("orderId").asText()).isEqualTo(shopOrderId);
        assertThat(json(shopAgain).path("duplicate").asBoolean()).isTrue();
        HttpResponse<String> crmAgain = submit(order);
        assertThat(crmAgain.statusCode()).isEqualTo(200);
        assertThat(json(crmAgain).path("orderId").asText()).isEqualTo(crmOrderId);

        awaitOrderStatus(crmOrderId, "ACCEPTED");
        awaitOrderStatus(shopOrderId, "ACCEPTED");
        assertThat(erpReferenceOf(crmOrderId)).isEqualTo(erpReferenceOfKey("api:crm|CRM:" + crmId));
        assertThat(erpReferenceOf(shopOrderId)).isEqualTo(erpReferenceOfKey("api:shop|CRM:" + crmId));
        assertThat(simulators.erpNa().createdOrderCount(erpReferenceOf(crmOrderId))).isEqualTo(1);
        assertThat(simulators.erpNa().createdOrderCount(erpReferenceOf(shopOrderId))).isEqualTo(1);
    }

    @Test
    void a_crm_order_stored_before_keys_had_namespaces_is_still_recognised_as_its_repeat() {
        // what an upgraded database holds: an order under its old key (CRM:<Id>), its canonical order without namespace
        String crmId = newCrmId();
        String orderId = insertOrderStoredBeforeNamespaces("REST", crmId);
        awaitOrderStatus(orderId, "ACCEPTED");
        // its ERP reference is still the one derived from its old key: a re-delivery finds the same ERP order
        assertThat(erpReferenceOf(orderId)).isEqualTo(erpReferenceOfKey("CRM:" + crmId));
        assertThat(simulators.erpNa().createdOrderCount(erpReferenceOfKey("CRM:" + crmId))).isEqualTo(1);

        HttpResponse<String> again = submit(crmOrder("us01-two-lines.json", crmId));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(json(again).path("orderId").asText()).isEqualTo(orderId);
    }

    @Test
    void an_old_soap_squat_on_a_crm_id_does_not_swallow_the_crm_order_after_the_upgrade() {
        // stored before the upgrade: a SOAP caller's order that claimed the CRM's key CRM:<Id>
        String crmId = newCrmId();
        String squatId = insertOrderStoredBeforeNamespaces("SOAP", crmId);

        HttpResponse<String> real = submit(crmOrder("us01-two-lines.json", crmId));
        assertThat(real.statusCode()).as(real.body()).isEqualTo(202);
        String orderId = json(real).path("orderId").asText();
        assertThat(orderId).isNotEqualTo(squatId);
        awaitOrderStatus(orderId, "ACCEPTED");
        awaitOrderStatus(squatId, "ACCEPTED"); // the old order is delivered too (by the outbox relay), within this test
        assertThat(simulators.erpNa().createdOrderCount(erpReferenceOfKey("api:crm|CRM:" + crmId))).isEqualTo(1);
    }

    /** An order as stored before keys had namespaces: key system:id, canonical order without namespace. */
    private String insertOrderStoredBeforeNamespaces(String channel, String crmId) {
        String orderId = "ord-" + java.util.UUID.randomUUID();
        CanonicalOrder stored = io.ordersync.support.Json.read(("{'source': {'channel': '%s', 'system': 'CRM', 'externalId': '%s'},"
                + " 'customer': {'crmAccountId': '001T00000000NA01', 'erpCustomerNumber': 'NA-20001'}, 'currency': 'USD',"
                + " 'lines': [{'lineNumber': 1, 'sku': 'SKU-100', 'quantity': 2, 'unitOfMeasure': 'EA', 'unitPrice': 5}]}")
                .formatted(channel, crmId).replace('\'', '"'), CanonicalOrder.class)
                .completed(orderId, "corr-legacy-" + crmId, java.time.Instant.now().minusSeconds(60), "US01");
        OrderEvent received = new OrderEvent(OrderEvent.SCHEMA_VERSION, OrderEvent.eventId(orderId, OrderEvent.ORDER_RECEIVED),
                OrderEvent.ORDER_RECEIVED, orderId, "corr-legacy-" + crmId, stored.receivedAt(), OrderStatus.RECEIVED,
                "US01", crmId, null, null, null);
        orderStore.transactions().executeWithoutResult(tx ->
                orderStore.insert(stored, OrderStatus.RECEIVED, "CRM:" + crmId, null, received));
        return orderId;
    }

    private static HttpResponse<String> submitAsShop(String order, String idempotencyKey) {
        return post("/api/v1/orders", order, Map.of("Content-Type", "application/json", "X-API-Key", SHOP_API_KEY,
                "Idempotency-Key", idempotencyKey));
    }

    @Test
    void an_order_stored_but_never_handed_to_kafka_is_published_by_the_outbox_relay() {
        // what a crash between the intake commit and the Kafka send leaves behind: a stored, unpublished order
        String orderId = "ord-" + java.util.UUID.randomUUID();
        String crmId = newCrmId();
        CanonicalOrder mapped = io.ordersync.support.Json.read(("{'source': {'channel': 'REST', 'system': 'CRM', 'externalId': '%s'},"
                + " 'customer': {'crmAccountId': '001T00000000NA01', 'erpCustomerNumber': 'NA-20001'}, 'currency': 'USD',"
                + " 'lines': [{'lineNumber': 1, 'sku': 'SKU-100', 'quantity': 2, 'unitOfMeasure': 'EA', 'unitPrice': 5}]}")
                .formatted(crmId).replace('\'', '"'), CanonicalOrder.class);
        CanonicalOrder stored = mapped.completed(orderId, "corr-outbox-1", java.time.Instant.now().minusSeconds(60), "US01");
        OrderEvent received = new OrderEvent(OrderEvent.SCHEMA_VERSION, OrderEvent.eventId(orderId, OrderEvent.ORDER_RECEIVED),
                OrderEvent.ORDER_RECEIVED, orderId, "corr-outbox-1", stored.receivedAt(), OrderStatus.RECEIVED, "US01",
                crmId, null, null, null);
        orderStore.transactions().executeWithoutResult(tx ->
                orderStore.insert(stored, OrderStatus.RECEIVED, "CRM:" + crmId, null, received));

        JsonNode order = awaitOrderStatus(orderId, "ACCEPTED");
        assertThat(order.path("publishedAt").isNull()).isFalse();
        assertThat(simulators.erpNa().createdOrderCount(erpReferenceOf(orderId))).isEqualTo(1);
        awaitCrmField(crmId, "Integration_Status__c", "ACCEPTED");
    }

    @Test
    void an_order_published_long_ago_and_still_waiting_is_republished_once_and_the_republish_is_recorded() {
        // what a broker that lost the record leaves behind: an order Kafka confirmed an hour ago, still RECEIVED
        String orderId = "ord-" + java.util.UUID.randomUUID();
        String crmId = newCrmId();
        java.time.Instant published = java.time.Instant.now().minus(Duration.ofHours(1))
                .truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        CanonicalOrder stored = io.ordersync.support.Json.read(("{'source': {'channel': 'REST', 'system': 'CRM', 'externalId': '%s'},"
                + " 'customer': {'crmAccountId': '001T00000000NA01', 'erpCustomerNumber': 'NA-20001'}, 'currency': 'USD',"
                + " 'lines': [{'lineNumber': 1, 'sku': 'SKU-100', 'quantity': 2, 'unitOfMeasure': 'EA', 'unitPrice': 5}]}")
                .formatted(crmId).replace('\'', '"'), CanonicalOrder.class)
                .completed(orderId, "corr-republish-1", published.minusSeconds(1), "US01");
        OrderEvent received = new OrderEvent(OrderEvent.SCHEMA_VERSION, OrderEvent.eventId(orderId, OrderEvent.ORDER_RECEIVED),
                OrderEvent.ORDER_RECEIVED, orderId, "corr-republish-1", stored.receivedAt(), OrderStatus.RECEIVED, "US01",
                crmId, null, null, null);
        org.springframework.jdbc.core.JdbcTemplate jdbc = new org.springframework.jdbc.core.JdbcTemplate(
                context.getRegistry().lookupByNameAndType("dataSource", javax.sql.DataSource.class));
        orderStore.transactions().executeWithoutResult(tx -> {
            orderStore.insert(stored, OrderStatus.RECEIVED, "CRM:" + crmId, null, received);
            jdbc.update("UPDATE orders SET published_at = ?, last_published_at = ?, publish_count = 1 WHERE order_id = ?",
                    java.sql.Timestamp.from(published), java.sql.Timestamp.from(published), orderId);
        });

        awaitOrderStatus(orderId, "ACCEPTED");
        // re-published once (the relay runs every 500 ms here), the first publication time kept
        OrderStore.Publication publication = orderStore.orderPublication(orderId).orElseThrow();
        assertThat(publication.publishCount()).isEqualTo(2);
        assertThat(publication.publishedAt()).isEqualTo(published);
        assertThat(publication.lastPublishedAt()).isAfter(published);
        assertThat(simulators.erpNa().createdOrderCount(erpReferenceOf(orderId))).isEqualTo(1);
        HttpResponse<String> metrics = send(HttpRequest.newBuilder(URI.create(apiUrl("/observe/metrics"))).GET().build());
        assertThat(metrics.body()).containsPattern(
                "ordersync_outbox_relayed_total\\{(?=[^}]*kind=\"order\")(?=[^}]*reason=\"no-outcome\")[^}]*\\} [1-9]");
    }

    @Test
    void decimals_travel_exactly_from_the_crm_to_the_erp() {
        String body = crmOrder("us01-two-lines.json", newCrmId())
                .replace("\"Quantity\": 5,", "\"Quantity\": 10.0,")
                .replace("\"UnitPrice\": 10.10", "\"UnitPrice\": 1234567.123456");
        String orderId = json(submit(body)).path("orderId").asText();

        JsonNode order = awaitOrderStatus(orderId, "ACCEPTED");
        assertThat(order.path("order").path("lines").get(0).path("unitPrice").decimalValue())
                .isEqualTo(new java.math.BigDecimal("1234567.123456"));
        String erpRequest = simulators.erpNa().receivedRequests().stream().filter(r -> r.body().contains(orderId))
                .findFirst().orElseThrow().body();
        assertThat(erpRequest).contains("\"quantity\":10.0,").contains("\"unitPrice\":1234567.123456");
    }

    @Test
    void a_repeated_order_returns_the_original_id_and_creates_one_erp_order() {
        String crmId = newCrmId();
        String body = crmOrder("us01-two-lines.json", crmId);
        List<CompletableFuture<HttpResponse<String>>> concurrent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            concurrent.add(CompletableFuture.supplyAsync(() -> submit(body, "Idempotency-Key", "key-" + crmId)));
        }
        List<HttpResponse<String>> responses = concurrent.stream().map(CompletableFuture::join).toList();
        Set<String> orderIds = responses.stream().filter(r -> r.statusCode() != 409)
                .map(r -> json(r).path("orderId").asText()).collect(Collectors.toSet());
        assertThat(orderIds).hasSize(1);
        assertThat(responses.stream().filter(r -> r.statusCode() == 202)).hasSize(1);
        String orderId = orderIds.iterator().next();

        awaitOrderStatus(orderId, "ACCEPTED");
        HttpResponse<String> later = submit(body);
        assertThat(later.statusCode()).isEqualTo(200);
        assertThat(json(later).path("orderId").asText()).isEqualTo(orderId);
        assertThat(json(later).path("duplicate").asBoolean()).isTrue();
        assertThat(json(later).path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(simulators.erpNa().createdOrderCount(erpReferenceOf(orderId))).isEqualTo(1);
        assertThat(simulators.erpNa().createdOrders()).hasSize(1);
    }

    @Test
    void an_order_ordersync_lost_and_accepted_again_finds_its_erp_order_instead_of_making_a_second() throws Exception {
        String crmId = newCrmId();
        String body = crmOrder("us01-two-lines.json", crmId);
        String firstId = json(submit(body)).path("orderId").asText();
        String erpNumber = awaitOrderStatus(firstId, "ACCEPTED").path("erpOrderNumber").asText();
        String reference = erpReferenceOf(firstId);

        // ordersync loses every trace of the order (as a database that lost its last commits would)
        try (var connection = dataSource.getConnection(); var delete = connection.createStatement()) {
            delete.executeUpdate("DELETE FROM order_events WHERE order_id = '" + firstId + "'");
            delete.executeUpdate("DELETE FROM orders WHERE order_id = '" + firstId + "'");
            delete.executeUpdate("DELETE FROM CAMEL_MESSAGEPROCESSED WHERE messageId = 'api:crm|CRM:" + crmId + "'");
        }
        HttpResponse<String> resent = submit(body);
        assertThat(resent.statusCode()).as("unknown again, so accepted again").isEqualTo(202);
        String secondId = json(resent).path("orderId").asText();
        assertThat(secondId).isNotEqualTo(firstId);

        JsonNode second = awaitOrderStatus(secondId, "ACCEPTED");
        assertThat(erpReferenceOf(secondId)).as("the reference comes from the CRM order, not ordersync's id")
                .isEqualTo(reference);
        assertThat(second.path("erpOrderNumber").asText()).isEqualTo(erpNumber);
        assertThat(simulators.erpNa().createdOrders()).containsOnlyKeys(reference);
        assertThat(simulators.erpNa().createdOrderCount(reference)).isEqualTo(1);
    }

    @Test
    void an_idempotency_key_reused_for_another_order_is_refused() {
        String key = "key-" + newCrmId();
        assertThat(submit(crmOrder("us01-two-lines.json", newCrmId()), "Idempotency-Key", key).statusCode())
                .isEqualTo(202);
        HttpResponse<String> reused = submit(crmOrder("us01-two-lines.json", newCrmId()), "Idempotency-Key", key);
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(reused.body()).contains("Idempotency-Key").contains("was already used");
    }

    @Test
    void invalid_input_gets_400_with_field_errors_and_nothing_is_routed() {
        String crmId = newCrmId();
        HttpResponse<String> response = submit(crmOrder("invalid.json", crmId), "X-Correlation-Id", "corr-bad-" + crmId);

        JsonNode error = problem(response, 400, "VALIDATION_FAILED");
        List<String> fields = new ArrayList<>();
        error.path("fieldErrors").forEach(f -> fields.add(f.path("field").asText()));
        assertThat(fields).contains("$.CurrencyIsoCode", "$.OrderItems.records[0].Quantity");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");

        HttpResponse<String> kept = get("/api/v1/dead-letters?status=INVALID");
        assertThat(kept.body()).contains("corr-bad-" + crmId).contains(crmId);
        assertThat(simulators.erpNa().receivedRequests()).isEmpty();
    }

    @Test
    void a_body_that_is_not_json_gets_400_naming_the_problem() {
        HttpResponse<String> response = submit("{\"Id\": \"801X\", ");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).isEqualTo("INVALID_JSON");
    }

    @Test
    void business_rules_after_mapping_are_enforced_with_field_errors() {
        String body = crmOrder("us01-two-lines.json", newCrmId()).replace("04006381333931", "04006381333932");
        HttpResponse<String> response = submit(body);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("lines[0].gtin").contains("check digit");
    }

    @Test
    void an_unknown_legal_entity_is_rejected_with_a_clear_reason_and_the_crm_is_told() {
        String crmId = newCrmId();
        HttpResponse<String> response = submit(crmOrder("unknown-entity.json", crmId));

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode receipt = json(response);
        assertThat(receipt.path("status").asText()).isEqualTo("REJECTED");
        assertThat(receipt.path("reasons").get(0).path("code").asText()).isEqualTo("UNKNOWN_LEGAL_ENTITY");
        assertThat(receipt.path("reasons").get(0).path("message").asText()).contains("'ZZ99'").contains("US01");
        String orderId = receipt.path("orderId").asText();
        assertThat(json(get("/api/v1/orders/" + orderId)).path("status").asText()).isEqualTo("REJECTED");

        awaitCrmField(crmId, "Integration_Status__c", "REJECTED");
        assertThat(simulators.crm().order(crmId)).containsEntry("Integration_Error_Code__c", "UNKNOWN_LEGAL_ENTITY");
        assertThat(simulators.erpNa().receivedRequests()).isEmpty();
        assertThat(simulators.erpEmea().receivedRequests()).isEmpty();
    }

    @Test
    void a_line_the_erp_does_not_know_is_rejected_and_the_valid_line_kept() {
        String crmId = newCrmId();
        String orderId = json(submit(crmOrder("us01-unknown-sku.json", crmId))).path("orderId").asText();

        JsonNode order = awaitOrderStatus(orderId, "PARTIALLY_ACCEPTED");
        assertThat(order.path("erpOrderNumber").asText()).startsWith("NA-");
        JsonNode accepted = order.path("timeline").get(1).path("event");
        assertThat(accepted.path("lines").get(0).path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(accepted.path("lines").get(1).path("reasonCode").asText()).isEqualTo("UNKNOWN_SKU");

        awaitCrmField(crmId, "Integration_Status__c", "PARTIALLY_ACCEPTED");
        assertThat(simulators.crm().order(crmId))
                .containsEntry("Integration_Error_Code__c", "LINES_REJECTED")
                .containsEntry("Status", "Activated");
        assertThat((String) simulators.crm().order(crmId).get("Integration_Message__c")).contains("UNKNOWN-55");
    }

    @Test
    void a_credit_hold_is_a_rejection_with_its_reason_in_the_crm() {
        String crmId = newCrmId();
        String orderId = json(submit(crmOrder("de01-credit-hold.json", crmId))).path("orderId").asText();

        JsonNode order = awaitOrderStatus(orderId, "REJECTED");
        assertThat(order.path("timeline").get(1).path("event").path("reasons").get(0).path("code").asText())
                .isEqualTo("CREDIT_HOLD");
        awaitCrmField(crmId, "Integration_Error_Code__c", "CREDIT_HOLD");
        assertThat(simulators.crm().order(crmId)).doesNotContainKey("Status");
    }

    @Test
    void an_erp_503_is_retried_and_the_order_delivered_once() {
        // failures only for this order: a request left over from another test must not use them up
        String purchaseOrder = "PO-" + newCrmId();
        simulators.erpNa().failNextMatching(purchaseOrder, 2);
        String order = crmOrder("us01-two-lines.json", newCrmId()).replace("\"PO-T-1\"", "\"" + purchaseOrder + "\"");
        String orderId = json(submit(order)).path("orderId").asText();

        awaitOrderStatus(orderId, "ACCEPTED");
        assertThat(erpNaRequestsFor(orderId)).isEqualTo(3);
        assertThat(simulators.erpNa().createdOrderCount(erpReferenceOf(orderId))).isEqualTo(1);

        // the journey shows each attempt: two failed with the ERP's 503, the third answered with the ERP number
        List<JsonNode> erpCalls = journeyMessages(orderId).stream()
                .filter(m -> m.path("system").asText().equals("ERP US01")).toList();
        assertThat(erpCalls).extracting(m -> m.path("attempt").asInt()).containsExactly(1, 2, 3);
        assertThat(erpCalls).extracting(m -> m.path("httpStatus").asInt()).containsExactly(503, 503, 201);
        assertThat(erpCalls.get(0).path("error").asText()).contains("503").doesNotContain("okStatusCodeRange");
        assertThat(erpCalls).allSatisfy(call -> assertThat(call.path("requestPayload").asText()).contains(purchaseOrder));
    }

    @Test
    void an_orders_journey_shows_the_message_it_arrived_as_and_each_call_with_request_and_answer() {
        String crmId = newCrmId();
        String submitted = crmOrder("us01-two-lines.json", crmId);
        String orderId = json(submit(submitted, "X-Correlation-Id", "corr-journey-" + crmId)).path("orderId").asText();
        String erpNumber = awaitOrderStatus(orderId, "ACCEPTED").path("erpOrderNumber").asText();
        awaitCrmField(crmId, "ERP_Order_Number__c", erpNumber);

        List<JsonNode> messages = await().until(() -> journeyMessages(orderId),
                list -> list.stream().anyMatch(m -> m.path("system").asText().equals("CRM")
                        && m.path("requestPayload").asText().contains(erpNumber)));
        JsonNode received = messages.get(0);
        assertThat(received.path("kind").asText()).isEqualTo("RECEIVED");
        assertThat(received.path("system").asText()).isEqualTo("api:crm");
        assertThat(received.path("requestPayload").asText()).isEqualTo(submitted);
        assertThat(received.path("requestBytes").asLong()).isEqualTo(submitted.getBytes(StandardCharsets.UTF_8).length);
        assertThat(received.path("requestContentType").asText()).isEqualTo("application/json");
        assertThat(received.path("correlationId").asText()).isEqualTo("corr-journey-" + crmId);

        JsonNode erp = messages.stream().filter(m -> m.path("system").asText().equals("ERP US01")).findFirst().orElseThrow();
        assertThat(erp.path("kind").asText()).isEqualTo("CALL");
        assertThat(erp.path("operation").asText()).startsWith("POST http://").endsWith("/erp-na/api/v1/sales-orders");
        assertThat(erp.path("httpStatus").asInt()).isEqualTo(201);
        assertThat(erp.path("requestPayload").asText()).contains(erpReferenceOf(orderId));
        assertThat(erp.path("answerPayload").asText()).contains(erpNumber);
        assertThat(erp.path("correlationId").asText()).isEqualTo("corr-journey-" + crmId);

        JsonNode crm = messages.stream().filter(m -> m.path("system").asText().equals("CRM")
                && m.path("requestPayload").asText().contains(erpNumber)).findFirst().orElseThrow();
        assertThat(crm.path("operation").asText()).startsWith("PATCH http://").endsWith("/sobjects/Order/" + crmId);
        assertThat(crm.path("httpStatus").asInt()).isBetween(200, 299);
        // in time order: received, then the ERP call, then the CRM update
        assertThat(messages.indexOf(erp)).isLessThan(messages.indexOf(crm));

        assertThat(get("/api/v1/orders/ord-unknown/messages").statusCode()).isEqualTo(404);
    }


    @Test
    void an_erp_refusing_the_request_makes_a_dead_letter_replayed_until_it_succeeds() {
        // a permanent error: retrying cannot help, so it is a dead letter at once, for a person to look at
        simulators.erpNa().behaviour(SimMode.REFUSE_REQUEST);
        String crmId = newCrmId();
        String orderId = json(submit(crmOrder("us01-two-lines.json", crmId))).path("orderId").asText();

        awaitOrderStatus(orderId, "FAILED");
        awaitCrmField(crmId, "Integration_Status__c", "FAILED");
        JsonNode letters = json(get("/api/v1/dead-letters?status=NEW&orderId=" + orderId));
        // one per copy the ERP refused: the outbox relay hands an order over again when its first publication was
        // not confirmed in time (seen right after a start), and each copy refused is a dead letter of its own
        assertThat(letters).isNotEmpty();
        JsonNode letter = letters.get(letters.size() - 1);
        assertThat(letter.path("routeId").asText()).isEqualTo("erp-deliver");
        assertThat(letter.path("replayEndpoint").asText()).isEqualTo("direct:erp-deliver");
        assertThat(letter.path("attempts").asInt()).isEqualTo(1);
        assertThat(letter.has("payload")).as("lists carry no payload").isFalse();
        assertThat(deadLetterPayload(letter.path("id").asLong())).contains(orderId);
        assertThat(letter.path("exceptionType").asText()).endsWith("ErpRequestRejectedException");
        assertThat(letter.path("exceptionMessage").asText()).contains("400");
        assertThat(simulators.erpNa().createdOrderCount(erpReferenceOf(orderId))).isZero();
        // the ERP answered: it is available, only this request was wrong
        assertThat(erpCheck("US01").path("message").asText()).contains("available").doesNotContain("unavailable");

        // replayed while the ERP still refuses: the replay ends FAILED, naming the new dead letter, which links back
        long first = letter.path("id").asLong();
        HttpResponse<String> refusedAgain = replay(first);
        assertThat(refusedAgain.statusCode()).as(refusedAgain.body()).isEqualTo(202);
        JsonNode failedReplay = awaitReplayOutcome(first, "FAILED");
        long second = failedReplay.path("newDeadLetterId").asLong();
        assertThat(second).isGreaterThan(first);
        assertThat(failedReplay.path("detail").asText()).contains("400").contains("dead letter " + second);
        JsonNode firstView = json(get("/api/v1/dead-letters/" + first));
        assertThat(firstView.path("deadLetter").path("status").asText()).isEqualTo("REPLAYED");
        assertThat(firstView.path("deadLetter").path("replayOutcome").asText()).isEqualTo("FAILED");
        assertThat(firstView.path("deadLetter").path("replayDeadLetterId").asLong()).isEqualTo(second);
        JsonNode secondView = json(get("/api/v1/dead-letters/" + second)).path("deadLetter");
        assertThat(secondView.path("status").asText()).isEqualTo("NEW");
        assertThat(secondView.path("replayedFrom").asLong()).isEqualTo(first);
        assertThat(secondView.path("replayEndpoint").asText()).isEqualTo("direct:erp-deliver");
        // the list shows the chain as well
        Map<Long, JsonNode> listed = new java.util.HashMap<>();
        json(get("/api/v1/dead-letters?orderId=" + orderId)).forEach(l -> listed.put(l.path("id").asLong(), l));
        assertThat(listed.get(second).path("replayedFrom").asLong()).isEqualTo(first);
        assertThat(listed.get(second).path("replayOutcome").isNull()).isTrue();
        assertThat(listed.get(first).path("replayOutcome").asText()).isEqualTo("FAILED");
        assertThat(listed.get(first).path("replayDeadLetterId").asLong()).isEqualTo(second);
        assertThat(simulators.erpNa().createdOrderCount(erpReferenceOf(orderId))).isZero();

        // the ERP takes it now: the new dead letter's replay SUCCEEDED and the order is accepted, once
        simulators.erpNa().behaviour(SimMode.ACCEPT);
        HttpResponse<String> replay = replay(second);
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);

        awaitOrderStatus(orderId, "ACCEPTED");
        awaitCrmField(crmId, "Integration_Status__c", "ACCEPTED");
        assertThat(simulators.erpNa().createdOrderCount(erpReferenceOf(orderId))).isEqualTo(1);
        JsonNode succeeded = awaitReplayOutcome(second, "SUCCEEDED");
        assertThat(succeeded.path("newDeadLetterId").isNull() || succeeded.path("newDeadLetterId").isMissingNode())
                .isTrue();
        JsonNode audit = json(get("/api/v1/dead-letters/" + second));
        assertThat(audit.path("deadLetter").path("status").asText()).isEqualTo("REPLAYED");
        assertThat(audit.path("deadLetter").path("replayOutcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(audit.path("replays").get(0).path("requestedBy").asText()).isEqualTo("support");
        assertThat(json(get("/api/v1/dead-letters?orderId=" + orderId))).noneMatch(l -> l.path("replayedFrom")
                .asLong() == second);

        HttpResponse<String> again = replay(second);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(replay(first).statusCode()).isEqualTo(409);
        assertThat(simulators.erpNa().createdOrderCount(erpReferenceOf(orderId))).isEqualTo(1);
    }

    @Test
    void support_edits_a_refused_order_and_replays_it_beside_the_original_discards_another_and_the_audit_names_them() {
        simulators.erpNa().behaviour(SimMode.REFUSE_REQUEST);
        String po = "PO-EDIT-" + newCrmId().substring(4, 12);
        String editedPo = po + "-FIXED";
        String editedOrderId = json(submit(crmOrder("us01-two-lines.json", newCrmId()).replace("PO-T-1", po)))
                .path("orderId").asText();
        String discardedOrderId = json(submit(crmOrder("us01-two-lines.json", newCrmId()))).path("orderId").asText();
        awaitOrderStatus(editedOrderId, "FAILED");
        awaitOrderStatus(discardedOrderId, "FAILED");
        long edited = newestDeadLetterOf(editedOrderId);
        long discarded = newestDeadLetterOf(discardedOrderId);
        String original = deadLetterPayload(edited);
        assertThat(original).contains(po).doesNotContain(editedPo);
        simulators.erpNa().behaviour(SimMode.ACCEPT);

        // an edit that is not JSON, for a dead letter holding JSON: refused, nothing replayed
        HttpResponse<String> notJson = operatorPost("/api/v1/dead-letters/" + edited + "/edited-replay",
                "{\"payload\": \"{not json\", \"note\": \"typo\"}");
        assertThat(problem(notJson, 400, "VALIDATION_FAILED").path("message").asText()).contains("not JSON", "line");
        // the edit goes to the ERP; the original stays as it was
        HttpResponse<String> replayed = operatorPost("/api/v1/dead-letters/" + edited + "/edited-replay",
                Json.write(Map.of("payload", original.replace(po, editedPo), "note", "PO number corrected")));
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(202);
        awaitOrderStatus(editedOrderId, "ACCEPTED");
        assertThat(erpRequestsFor(editedPo)).isEqualTo(1);
        JsonNode replay = awaitReplayOutcome(edited, "SUCCEEDED");
        assertThat(replay.path("edited").asBoolean()).isTrue();
        assertThat(replay.path("editedPayload").asText()).contains(editedPo);
        assertThat(replay.path("note").asText()).isEqualTo("PO number corrected");
        assertThat(replay.path("requestedBy").asText()).isEqualTo("support");
        assertThat(replay.path("requestedAt").asText()).isNotBlank();
        assertThat(deadLetterPayload(edited)).isEqualTo(original);
        assertThat(operatorPost("/api/v1/dead-letters/" + edited + "/edited-replay",
                Json.write(Map.of("payload", original))).statusCode()).isEqualTo(409);

        // discarded with a reason: closed, no longer replayable
        assertThat(problem(operatorPost("/api/v1/dead-letters/" + discarded + "/discard", "{}"), 400,
                "VALIDATION_FAILED").path("message").asText()).contains("reason");
        HttpResponse<String> discard = operatorPost("/api/v1/dead-letters/" + discarded + "/discard",
                "{\"reason\": \"the customer cancelled by phone\"}");
        assertThat(discard.statusCode()).as(discard.body()).isEqualTo(200);
        JsonNode closed = json(discard).path("deadLetter");
        assertThat(closed.path("status").asText()).isEqualTo("DISCARDED");
        assertThat(closed.path("discardedBy").asText()).isEqualTo("support");
        assertThat(closed.path("discardReason").asText()).isEqualTo("the customer cancelled by phone");
        assertThat(replay(discarded).statusCode()).isEqualTo(409);
        assertThat(problem(operatorPost("/api/v1/dead-letters/" + discarded + "/discard",
                "{\"reason\": \"again\"}"), 409, "CONFLICT").path("message").asText()).contains("DISCARDED");
        assertThat(json(get("/api/v1/dead-letters?status=DISCARDED"))).anyMatch(l -> l.path("id").asLong() == discarded);

        // the audit: who did what, to which dead letter, from which state to which
        JsonNode editAudit = json(get("/api/v1/audit?target=dead-letter:" + edited));
        assertThat(editAudit).hasSize(1);
        assertThat(editAudit.get(0).path("actor").asText()).isEqualTo("support");
        assertThat(editAudit.get(0).path("action").asText()).isEqualTo("REPLAY_EDITED");
        assertThat(editAudit.get(0).path("before").asText()).isEqualTo("NEW");
        assertThat(editAudit.get(0).path("after").asText()).isEqualTo("REPLAYED");
        assertThat(editAudit.get(0).path("detail").asText()).contains("PO number corrected");
        JsonNode discardAudit = json(get("/api/v1/audit?action=DISCARD&target=dead-letter:" + discarded));
        assertThat(discardAudit).hasSize(1);
        assertThat(discardAudit.get(0).path("after").asText()).isEqualTo("DISCARDED");
        assertThat(discardAudit.get(0).path("detail").asText()).contains("cancelled by phone");
    }

    @Test
    void a_batch_replay_replays_each_selected_dead_letter_once_and_reports_its_progress() {
        simulators.erpNa().behaviour(SimMode.REFUSE_REQUEST);
        List<String> orderIds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            orderIds.add(json(submit(crmOrder("us01-two-lines.json", newCrmId()))).path("orderId").asText());
        }
        orderIds.forEach(orderId -> awaitOrderStatus(orderId, "FAILED"));
        List<Long> ids = new ArrayList<>();
        for (String orderId : orderIds) {
            // each copy the ERP refused (the outbox may have handed one over twice) is one dead letter
            json(get("/api/v1/dead-letters?status=NEW&orderId=" + orderId)).forEach(l -> ids.add(l.path("id").asLong()));
        }
        // one of them is replayed on its own first: the batch finds it replayed and counts it refused
        simulators.erpNa().behaviour(SimMode.ACCEPT);
        assertThat(replay(ids.get(0)).statusCode()).isEqualTo(202);
        awaitReplayOutcome(ids.get(0), "SUCCEEDED");

        HttpResponse<String> started = operatorPost("/api/v1/dead-letters/replay-batches",
                Json.write(Map.of("ids", ids)));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        long batchId = json(started).path("batchId").asLong();
        assertThat(started.headers().firstValue("Location")).contains("/api/v1/dead-letters/replay-batches/" + batchId);
        assertThat(json(started).path("total").asInt()).isEqualTo(ids.size());
        JsonNode done = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(
                () -> json(get("/api/v1/dead-letters/replay-batches/" + batchId)), b -> b.path("done").asBoolean());
        assertThat(done.path("refused").asInt()).isEqualTo(1);
        assertThat(done.path("succeeded").asInt()).isEqualTo(ids.size() - 1);
        assertThat(done.path("failed").asInt()).isZero();
        assertThat(done.path("requestedBy").asText()).isEqualTo("support");
        orderIds.forEach(orderId -> awaitOrderStatus(orderId, "ACCEPTED"));
        for (String orderId : orderIds) {
            assertThat(simulators.erpNa().createdOrderCount(erpReferenceOf(orderId))).isEqualTo(1);
        }
        assertThat(json(get("/api/v1/dead-letters/" + ids.get(1))).path("replays").get(0).path("batchId").asLong())
                .isEqualTo(batchId);
        assertThat(json(get("/api/v1/audit?target=replay-batch:" + batchId)).get(0).path("action").asText())
                .isEqualTo("REPLAY_BATCH");
        assertThat(json(get("/api/v1/audit?action=REPLAY_IN_BATCH&actor=support&limit=500")))
                .filteredOn(a -> a.path("detail").asText().startsWith("batch " + batchId + ";"))
                .hasSize(ids.size() - 1);
        assertThat(get("/api/v1/dead-letters/replay-batches/" + (batchId + 1000)).statusCode()).isEqualTo(404);
        assertThat(problem(operatorPost("/api/v1/dead-letters/replay-batches", "{\"ids\": []}"), 400,
                "VALIDATION_FAILED").path("message").asText()).contains("ids");
    }

    @Test
    void the_dashboard_counts_what_needs_attention_and_says_what_is_reachable() {
        JsonNode before = json(get("/api/v1/dashboard"));
        simulators.erpNa().behaviour(SimMode.REFUSE_REQUEST);
        String orderId = json(submit(crmOrder("us01-two-lines.json", newCrmId()))).path("orderId").asText();
        awaitOrderStatus(orderId, "FAILED");
        simulators.erpNa().behaviour(SimMode.ACCEPT);

        JsonNode after = json(get("/api/v1/dashboard"));
        assertThat(after.path("deadLetters").path("open").asLong())
                .isGreaterThan(before.path("deadLetters").path("open").asLong());
        assertThat(after.path("deadLetters").path("byReason").path("ErpRequestRejectedException").asLong())
                .isGreaterThan(before.path("deadLetters").path("byReason").path("ErpRequestRejectedException").asLong());
        assertThat(after.path("deadLetters").path("byAge").path("underAnHour").asLong()).isPositive();
        assertThat(after.path("deadLetters").path("byRouteAndReason")).anyMatch(g -> "erp-deliver".equals(
                g.path("routeId").asText()) && "ErpRequestRejectedException".equals(g.path("reason").asText()));
        assertThat(after.path("orders").path("byStatus").path("FAILED").path("count").asLong())
                .isGreaterThan(before.path("orders").path("byStatus").path("FAILED").path("count").asLong(0));
        assertThat(after.path("orders").path("stuckAfter").asText()).isEqualTo("PT1H");
        assertThat(after.path("acknowledgements").has("overdue")).isTrue();
        assertThat(after.path("sla").has("MISSED")).isTrue();
        // the runtime's own health checks, each with its state: the database and Kafka are up
        assertThat(after.path("reachability").path("routeChecks").asLong()).isPositive();
        assertThat(after.path("reachability").path("checks")).noneMatch(c -> c.path("check").asText().startsWith("route:")
                && "UP".equals(c.path("state").asText()));
        assertThat(after.path("reachability").path("checks"))
                .extracting(c -> c.path("check").asText() + "=" + c.path("state").asText())
                .anyMatch(c -> c.contains("database") && c.endsWith("=UP"))
                .anyMatch(c -> c.contains("kafka") && c.endsWith("=UP"));
    }

    private static long newestDeadLetterOf(String orderId) {
        JsonNode letters = json(get("/api/v1/dead-letters?status=NEW&orderId=" + orderId));
        assertThat(letters).as("dead letters of " + orderId).isNotEmpty();
        return letters.get(0).path("id").asLong();
    }

    private static HttpResponse<String> operatorPost(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(apiUrl(path)))
                .header("Authorization", basic("support", "support-secret"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /**
     * Every operation of the OpenAPI contract against every class of bad input it can be sent: a specific 4xx with a
     * JSON error code and message, the caller's correlation id back, no stack trace, nothing of the input echoed in
     * the headers, and the runtime still healthy. Never a 5xx.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void bad_input_is_answered_with_a_specific_4xx_never_a_5xx(String name, HttpRequest request, int status,
                                                                 String code, List<String> mentioned) {
        HttpResponse<String> answer = send(request);
        assertThat(answer.statusCode()).as(name + ": " + answer.body()).isEqualTo(status);
        JsonNode error = problem(answer, status, code);
        assertThat(error.path("message").asText()).as(answer.body()).contains(mentioned);
        String correlationId = request.headers().firstValue("X-Correlation-Id").orElseThrow();
        assertThat(answer.headers().firstValue("X-Correlation-Id")).as(name).contains(correlationId);
        assertThat(error.path("correlationId").asText()).isEqualTo(correlationId);
        assertThat(answer.body()).doesNotContain("\tat ", "at io.ordersync.", "at org.apache.").hasSizeLessThan(2_000);
        answer.headers().map().forEach((header, values) -> {
            assertThat(header).as("answer header").hasSizeLessThan(40);
            values.forEach(value -> assertThat(value).as(header).hasSizeLessThan(200));
        });
        assertThat(send(HttpRequest.newBuilder(URI.create(apiUrl("/observe/health/live"))).GET().build()).statusCode())
                .isEqualTo(200);
    }

    /** Bad inputs generated from the contract: every operation, every parameter, every body. */
    Stream<Arguments> badInputs() {
        ApiContract contract = ApiContract.load();
        List<Arguments> cases = new ArrayList<>();
        Set<String> covered = new java.util.HashSet<>();
        for (ApiContract.Operation operation : contract.operations()) {
            for (ApiContract.Parameter parameter : operation.parameters()) {
                List<String[]> bad = new ArrayList<>();
                switch (parameter.type()) {
                    case "integer" -> {
                        bad.add(new String[] {"abc", "whole number"});
                        bad.add(new String[] {"1e3", "whole number"});
                        bad.add(new String[] {"99999999999999999999999", "whole number"});
                        if (parameter.minimum() != null) {
                            bad.add(new String[] {String.valueOf(parameter.minimum() - 1), (parameter.maximum() != null
                                    ? "from " : "at least ") + parameter.minimum()});
                        }
                        if (parameter.maximum() != null) {
                            bad.add(new String[] {String.valueOf(parameter.maximum() + 1), (parameter.minimum() != null
                                    ? "to " : "at most ") + parameter.maximum()});
                        }
                    }
                    case "boolean" -> bad.add(new String[] {"maybe", "true or false"});
                    default -> {
                        if (!parameter.allowed().isEmpty()) {
                            bad.add(new String[] {"FOO", String.join(", ", parameter.allowed())});
                        }
                    }
                }
                for (String[] value : bad) {
                    String path = pathOf(operation, parameter, value[0]);
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiUrl(path)))
                            .header("X-API-Key", API_KEY).header("X-Correlation-Id", "hostile-" + cases.size());
                    if (operation.bodyTypes() != null) {
                        request.header("Content-Type", operation.bodyTypes().get(0));
                    }
                    request.method(operation.method(), operation.bodyTypes() == null
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
                    cases.add(Arguments.of(operation.method() + " " + path, request.build(), 400, "INVALID_PARAMETER",
                            List.of(parameter.name(), value[1])));
                    covered.add(operation.operationId());
                }
            }
            if (operation.bodyTypes() == null) {
                continue;
            }
            String path = pathOf(operation, null, null);
            String expected = operation.bodyTypes().get(0);
            String edi = "ISA*00*          *00*          *ZZ*ACME           *ZZ*ORDERSYNC      *250101*1200*U*00401*000000001*0*P*>~\n"
                    + "GS*PO*ACME*ORDERSYNC*20250101*1200*1*X*004010~";
            // curl -d: form-encoded, the body would become header names; also multipart, none, and a wrong type
            for (String[] body : List.<String[]>of(
                    new String[] {"application/x-www-form-urlencoded", edi},
                    new String[] {"application/x-www-form-urlencoded", "{\"Id\": \"801T\", \"a b\": \"c=d&e\"}"},
                    new String[] {"multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"a b\"\r\n\r\nv\r\n--x--\r\n"},
                    new String[] {null, "{}"},
                    new String[] {expected.equals("application/json") ? "text/xml" : "application/json", "{}"})) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiUrl(path)))
                        .header("X-API-Key", API_KEY).header("X-Correlation-Id", "hostile-" + cases.size())
                        .POST(HttpRequest.BodyPublishers.ofString(body[1]));
                if (body[0] != null) {
                    request.header("Content-Type", body[0]);
                }
                cases.add(Arguments.of("POST " + path + " as " + body[0], request.build(), 415,
                        "UNSUPPORTED_MEDIA_TYPE", List.of(expected)));
            }
            covered.add(operation.operationId());
            if (!operation.bodyTypes().contains("application/json")) {
                continue;
            }
            // beyond Jackson's StreamReadConstraints: number length, nesting depth
            for (String[] body : List.<String[]>of(
                    new String[] {"a 2,000-digit number", "{\"n\": " + "9".repeat(2_000) + "}"},
                    new String[] {"2,000-deep nesting", "{\"n\": " + "[".repeat(2_000) + "]".repeat(2_000) + "}"})) {
                cases.add(Arguments.of("POST " + path + " with " + body[0], HttpRequest.newBuilder(URI.create(apiUrl(path)))
                                .header("X-API-Key", API_KEY).header("X-Correlation-Id", "hostile-" + cases.size())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body[1])).build(), 400,
                        "JSON_LIMIT_EXCEEDED", List.of("exceeds the maximum allowed")));
            }
            // a 20 MB string is far beyond the path's body limit: refused before it is read
            cases.add(Arguments.of("POST " + path + " with a 20 MB string", HttpRequest.newBuilder(URI.create(
                            apiUrl(path))).header("X-API-Key", API_KEY)
                            .header("X-Correlation-Id", "hostile-" + cases.size())
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"s\": \"" + "x".repeat(20_000_001) + "\"}")).build(), 413,
                    "PAYLOAD_TOO_LARGE", List.of("the body is too large", "at most")));
        }
        // operations not covered take only free text (an order id, a partner name): nothing of theirs can be bad
        contract.operations().stream().filter(op -> !covered.contains(op.operationId())).forEach(op ->
                assertThat(op.parameters()).as(op.operationId()).allMatch(p -> p.type().equals("string")
                        && p.allowed().isEmpty()));
        assertThat(covered).hasSizeGreaterThan(10);
        return cases.stream();
    }

    /** The operation's path with valid values for its path parameters, but {@code value} for {@code bad}. */
    private static String pathOf(ApiContract.Operation operation, ApiContract.Parameter bad, String value) {
        String path = operation.path();
        for (ApiContract.Parameter parameter : operation.parameters()) {
            if (!"path".equals(parameter.in())) {
                continue;
            }
            String valid = parameter == bad ? value : "integer".equals(parameter.type()) ? "1"
                    : !parameter.allowed().isEmpty() ? parameter.allowed().get(0)
                    : "source".equals(parameter.name()) ? "wms" : "x";
            path = path.replace("{" + parameter.name() + "}", java.net.URLEncoder.encode(valid,
                    StandardCharsets.UTF_8));
        }
        // the other required query parameters get a valid value, so that only the bad one is wrong
        List<String> query = new ArrayList<>();
        for (ApiContract.Parameter parameter : operation.parameters()) {
            if ("query".equals(parameter.in()) && parameter.required() && parameter != bad) {
                query.add(parameter.name() + "=" + ("integer".equals(parameter.type()) ? "1"
                        : !parameter.allowed().isEmpty() ? parameter.allowed().get(0) : "x"));
            }
        }
        if (bad != null && "query".equals(bad.in())) {
            query.add(bad.name() + "=" + java.net.URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return query.isEmpty() ? path : path + "?" + String.join("&", query);
    }

    @Test
    void a_dead_letter_over_the_inline_limit_keeps_a_preview_and_its_original_by_reference_which_its_replay_delivers() {
        // an order of 150 lines: its canonical form is well over the inline limit, within the retention limit
        simulators.erpNa().behaviour(SimMode.REFUSE_REQUEST);
        String crmId = newCrmId();
        String orderId = json(submit(largeCrmOrder(crmId, 150))).path("orderId").asText();
        awaitOrderStatus(orderId, "FAILED");

        HttpResponse<String> list = get("/api/v1/dead-letters?status=NEW&orderId=" + orderId);
        JsonNode letters = json(list);
        assertThat(letters).isNotEmpty().allSatisfy(listed -> assertThat(listed.has("payload")
                || listed.has("payloadPreview") || listed.has("headers")).as("lists carry no payload").isFalse());
        assertThat(list.body().length()).as("a list answer is metadata only").isLessThan(4096 * letters.size());
        JsonNode listed = letters.get(letters.size() - 1);
        long id = listed.path("id").asLong();
        assertThat(listed.path("payloadKept").asText()).isEqualTo("STORED");
        long size = listed.path("payloadBytes").asLong();
        assertThat(size).isGreaterThan(INLINE_PAYLOAD_BYTES).isLessThanOrEqualTo(RETAINED_PAYLOAD_BYTES);
        String digest = listed.path("payloadSha256").asText();
        assertThat(digest).matches("[0-9a-f]{64}");

        // the dead letter itself: its preview, not the whole payload
        JsonNode letter = json(get("/api/v1/dead-letters/" + id)).path("deadLetter");
        assertThat(letter.has("payload")).isFalse();
        assertThat(letter.path("payloadPreview").asText()).hasSizeLessThanOrEqualTo(1024).startsWith("{");
        // the whole original, by reference: same size and digest, with its content type
        HttpResponse<String> payload = get("/api/v1/dead-letters/" + id + "/payload");
        assertThat(payload.statusCode()).as(payload.body()).isEqualTo(200);
        assertThat(payload.headers().firstValue("Content-Type")).hasValue("application/json; charset=UTF-8");
        byte[] bytes = payload.body().getBytes(StandardCharsets.UTF_8);
        assertThat(bytes.length).isEqualTo(size);
        assertThat(sha256(bytes)).isEqualTo(digest);
        assertThat(payload.body()).startsWith(letter.path("payloadPreview").asText()).contains(orderId);

        // replayed: the ERP gets the whole original order, every line of it
        simulators.erpNa().behaviour(SimMode.ACCEPT);
        HttpResponse<String> replay = replay(id);
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
        awaitOrderStatus(orderId, "ACCEPTED");
        awaitReplayOutcome(id, "SUCCEEDED");
        assertThat(simulators.erpNa().orderByExternalReference(erpReferenceOf(orderId)).orElseThrow().lines())
                .hasSize(150);
    }

    @Test
    void a_dead_letter_too_large_to_keep_keeps_preview_size_and_digest_and_its_replay_is_refused_with_the_reason() {
        // an order of 1,000 lines the ERP refuses: its canonical form is over the retention limit
        simulators.erpNa().behaviour(SimMode.REFUSE_REQUEST);
        String orderId = json(submit(largeCrmOrder(newCrmId(), 1000))).path("orderId").asText();
        awaitOrderStatus(orderId, "FAILED");
        JsonNode letters = json(get("/api/v1/dead-letters?status=NEW&orderId=" + orderId));
        assertThat(letters).isNotEmpty();
        JsonNode listed = letters.get(letters.size() - 1);
        long id = listed.path("id").asLong();
        assertThat(listed.path("replayEndpoint").asText()).isEqualTo("direct:erp-deliver");
        assertThat(listed.path("payloadKept").asText()).isEqualTo("PREVIEW");
        long size = listed.path("payloadBytes").asLong();
        assertThat(size).isGreaterThan(RETAINED_PAYLOAD_BYTES);
        String digest = listed.path("payloadSha256").asText();
        assertThat(digest).matches("[0-9a-f]{64}");
        String reason = "payload too large to keep (" + size + " bytes, limit " + RETAINED_PAYLOAD_BYTES + " bytes";
        assertThat(listed.path("payloadNote").asText()).startsWith(reason);
        JsonNode letter = json(get("/api/v1/dead-letters/" + id)).path("deadLetter");
        assertThat(letter.has("payload")).isFalse();
        assertThat(letter.path("payloadPreview").asText()).hasSize(1024).startsWith("{");

        // the whole payload is gone: 410 saying why, and the replay is refused (409) with the reason, nothing claimed
        HttpResponse<String> payload = get("/api/v1/dead-letters/" + id + "/payload");
        assertThat(payload.statusCode()).isEqualTo(410);
        assertThat(json(payload).path("error").asText()).isEqualTo("PAYLOAD_NOT_KEPT");
        assertThat(json(payload).path("message").asText()).contains(reason).contains(digest);
        HttpResponse<String> replay = replay(id);
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(409);
        assertThat(json(replay).path("status").asText()).isEqualTo("PAYLOAD_NOT_KEPT");
        assertThat(json(replay).path("message").asText()).contains("cannot be replayed").contains(reason);
        assertThat(json(get("/api/v1/dead-letters/" + id)).path("deadLetter").path("status").asText())
                .isEqualTo("NEW");
        assertThat(json(get("/api/v1/dead-letters/" + id)).path("replays")).isEmpty();
        assertThat(send(HttpRequest.newBuilder(URI.create(apiUrl("/observe/health/live"))).GET().build())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void dead_letter_lists_are_bounded_pages() {
        for (String limit : List.of("0", "501", "-1", "abc")) {
            HttpResponse<String> refused = get("/api/v1/dead-letters?limit=" + limit);
            assertThat(refused.statusCode()).as(limit).isEqualTo(400);
            assertThat(json(refused).path("error").asText()).isEqualTo("INVALID_PARAMETER");
        }
        assertThat(get("/api/v1/dead-letters?beforeId=abc").statusCode()).isEqualTo(400);
        for (int i = 0; i < 3; i++) {
            submit("{\"Id\": \"paging-" + i + "\", \"broken\": true}");
        }
        JsonNode first = json(get("/api/v1/dead-letters?status=INVALID&limit=2"));
        assertThat(first).hasSize(2);
        long last = first.get(1).path("id").asLong();
        JsonNode next = json(get("/api/v1/dead-letters?status=INVALID&limit=2&beforeId=" + last));
        assertThat(next).isNotEmpty().allSatisfy(letter -> assertThat(letter.path("id").asLong()).isLessThan(last));
        assertThat(json(get("/api/v1/dead-letters?limit=500")).size()).isLessThanOrEqualTo(500);
    }

    /** A US01 CRM order of the given number of lines. */
    private static String largeCrmOrder(String crmId, int lines) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode order = (com.fasterxml.jackson.databind.node.ObjectNode)
                    io.ordersync.support.Json.mapper().readTree(crmOrder("us01-two-lines.json", crmId));
            com.fasterxml.jackson.databind.node.ArrayNode records = (com.fasterxml.jackson.databind.node.ArrayNode)
                    order.path("OrderItems").path("records");
            JsonNode template = records.get(0);
            records.removeAll();
            for (int i = 1; i <= lines; i++) {
                com.fasterxml.jackson.databind.node.ObjectNode line = template.deepCopy();
                line.put("OrderItemNumber", String.format("%010d", i));
                records.add(line);
            }
            ((com.fasterxml.jackson.databind.node.ObjectNode) order.path("OrderItems")).put("totalSize", lines);
            return io.ordersync.support.Json.write(order);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The support metrics count orders and dead letters, read from the database, not attempts: an order the ERP refused
     * three times is one failed order. CA01 is this scenario's own entity (no other scenario of the class sends orders
     * there), so its numbers are this scenario's alone.
     */
    @Test
    void support_metrics_count_failed_orders_and_open_dead_letters_not_attempts() {
        simulators.erpNa().behaviour(SimMode.REFUSE_REQUEST);
        try {
            String order = crmOrder("us01-two-lines.json", newCrmId())
                    .replace("\"Legal_Entity__c\": \"US01\"", "\"Legal_Entity__c\": \"CA01\"")
                    .replace("\"CurrencyIsoCode\": \"USD\"", "\"CurrencyIsoCode\": \"CAD\"");
            String orderId = json(submit(order)).path("orderId").asText();
            awaitOrderStatus(orderId, "FAILED");
            // refused, replayed and refused again, replayed and refused a third time
            long letter = newestOpenDeadLetter(orderId);
            for (int replay = 0; replay < 2; replay++) {
                assertThat(replay(letter).statusCode()).isEqualTo(202);
                letter = awaitReplayOutcome(letter, "FAILED").path("newDeadLetterId").asLong();
            }
            assertThat(erpNaRequestsFor(orderId)).isGreaterThanOrEqualTo(3);
            int open = json(get("/api/v1/dead-letters?status=NEW&orderId=" + orderId)).size();

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                String metrics = metrics();
                assertThat(gauge(metrics, "ordersync_orders_failed", "legal_entity=\"CA01\"", "status=\"FAILED\""))
                        .isEqualTo(1.0);
                assertThat(gauge(metrics, "ordersync_dead_letters_open", "route_id=\"erp-deliver\"",
                        "legal_entity=\"CA01\"")).isEqualTo(open);
                assertThat(gauge(metrics, "ordersync_dead_letters_open_oldest_age_seconds", "route_id=\"erp-deliver\"",
                        "legal_entity=\"CA01\"")).isPositive();
            });

            // the ERP takes it: replayed, the order is accepted, nothing failed or open is left for CA01
            simulators.erpNa().behaviour(SimMode.ACCEPT);
            for (JsonNode left : json(get("/api/v1/dead-letters?status=NEW&orderId=" + orderId))) {
                assertThat(replay(left.path("id").asLong()).statusCode()).isEqualTo(202);
                awaitReplayOutcome(left.path("id").asLong(), "SUCCEEDED");
            }
            awaitOrderStatus(orderId, "ACCEPTED");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                String metrics = metrics();
                assertThat(gauge(metrics, "ordersync_orders_failed", "legal_entity=\"CA01\"", "status=\"FAILED\""))
                        .isZero();
                assertThat(gauge(metrics, "ordersync_dead_letters_open", "route_id=\"erp-deliver\"",
                        "legal_entity=\"CA01\"")).isZero();
            });
        } finally {
            simulators.erpNa().behaviour(SimMode.ACCEPT);
        }
    }

    /** The id of the order's newest dead letter waiting for a person (status NEW). */
    private static long newestOpenDeadLetter(String orderId) {
        JsonNode letters = json(get("/api/v1/dead-letters?status=NEW&orderId=" + orderId));
        assertThat(letters).isNotEmpty();
        return letters.get(0).path("id").asLong();
    }

    /** The sum of the samples of a metric whose labels include all the given ones (0 when there are none). */
    private static double gauge(String metrics, String name, String... labels) {
        double sum = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + "{") && Stream.of(labels).allMatch(line::contains)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** Waits until the dead letter's replay has the (final) outcome, and returns the replay audit entry. */
    private static JsonNode awaitReplayOutcome(long deadLetterId, String outcome) {
        JsonNode[] replay = new JsonNode[1];
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> {
            replay[0] = json(get("/api/v1/dead-letters/" + deadLetterId)).path("replays").path(0);
            return !"RUNNING".equals(replay[0].path("outcome").asText())
                    && !replay[0].path("outcome").asText().isEmpty();
        });
        assertThat(replay[0].path("outcome").asText()).as(replay[0].toString()).isEqualTo(outcome);
        return replay[0];
    }

    @Test
    void an_erp_outage_longer_than_the_retries_pauses_only_its_entity_and_loses_no_order() {
        simulators.erpNa().behaviour(SimMode.UNAVAILABLE);
        List<String> us01 = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            us01.add(json(submit(crmOrder("us01-two-lines.json", newCrmId()))).path("orderId").asText());
        }
        // the outage outlasts the whole retry budget of an order (1 + ordersync.retry.maximum-redeliveries attempts)
        int retryBudget = 1 + Integer.parseInt(context.resolvePropertyPlaceholders("{{ordersync.retry.maximum-redeliveries}}"));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                simulators.erpNa().receivedRequests().size() >= 2 * retryBudget);
        for (String orderId : us01) {
            assertThat(json(get("/api/v1/dead-letters?orderId=" + orderId))).as(orderId).isEmpty();
            assertThat(json(get("/api/v1/orders/" + orderId)).path("status").asText()).as(orderId).isEqualTo("RECEIVED");
        }
        JsonNode down = erpCheck("US01");
        assertThat(down.path("status").asText()).isEqualTo("UP");
        assertThat(down.path("message").asText()).contains("ERP of US01 unavailable since");
        assertThat(down.path("data").path("erp.available").asText()).isEqualTo("false");
        assertThat(down.path("data").path("erp.failedAttempts").asInt()).isGreaterThan(retryBudget);
        assertThat(metrics()).containsPattern("ordersync_erp_available\\{legal_entity=\"US01\"[^}]*} 0\\.0")
                .containsPattern("ordersync_erp_unavailable_since_seconds\\{legal_entity=\"US01\"[^}]*} 1\\.[0-9]+E9")
                .containsPattern("ordersync_erp_available\\{legal_entity=\"DE01\"[^}]*} 1\\.0");
        // the runtime stays ready: orders are still taken
        HttpResponse<String> ready = send(HttpRequest.newBuilder(URI.create(apiUrl("/observe/health/ready"))).GET().build());
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);

        // another entity's ERP is not held up
        String de01 = json(submit(crmOrder("de01-by-customer-rule.json", newCrmId()))).path("orderId").asText();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() ->
                "ACCEPTED".equals(json(get("/api/v1/orders/" + de01)).path("status").asText()));
        assertThat(simulators.erpNa().behaviour().mode()).isEqualTo(SimMode.UNAVAILABLE);
        for (String orderId : us01) {
            assertThat(json(get("/api/v1/orders/" + orderId)).path("status").asText()).as(orderId).isEqualTo("RECEIVED");
            assertThat(json(get("/api/v1/dead-letters?orderId=" + orderId))).as(orderId).isEmpty();
        }
        assertThat(simulators.erpNa().createdOrders())
                .doesNotContainKeys(us01.stream().map(PipelineTestSupport::erpReferenceOf).toArray(String[]::new));

        simulators.erpNa().behaviour(SimMode.ACCEPT);
        for (String orderId : us01) {
            awaitOrderStatus(orderId, "ACCEPTED");
        }
        for (String orderId : us01) {
            assertThat(simulators.erpNa().createdOrderCount(erpReferenceOf(orderId))).as(orderId).isEqualTo(1);
            assertThat(json(get("/api/v1/dead-letters?orderId=" + orderId))).as(orderId).isEmpty();
        }
        assertThat(erpCheck("US01").path("message").asText()).isEqualTo("ERP of US01 available");
        assertThat(metrics()).containsPattern("ordersync_erp_available\\{legal_entity=\"US01\"[^}]*} 1\\.0")
                .containsPattern("ordersync_erp_unavailable_since_seconds\\{legal_entity=\"US01\"[^}]*} 0\\.0");
    }

    @Test
    void an_unreadable_order_on_an_entity_topic_is_a_dead_letter_and_does_not_hold_up_the_entity() {
        // a parse error is an IOException inside: it must not pass for an unavailable ERP and pause US01 for good
        String badId = "ord-unreadable-" + java.util.UUID.randomUUID();
        sendToOrderTopic("ordersync.orders.US01", badId,
                "{\"orderId\": \"" + badId + "\", \"legalEntity\": \"US01\", \"lines\": \"not a list\"}");
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (JsonNode letter : json(get("/api/v1/dead-letters?routeId=erp-deliver&limit=50"))) {
                // another scenario's dead letter may have had too large a payload to keep (410): not this one
                HttpResponse<String> payload = get("/api/v1/dead-letters/" + letter.path("id").asLong() + "/payload");
                if (payload.statusCode() == 200 && payload.body().contains(badId)) {
                    return true;
                }
            }
            return false;
        });
        String orderId = json(submit(crmOrder("us01-two-lines.json", newCrmId()))).path("orderId").asText();
        awaitOrderStatus(orderId, "ACCEPTED");
        assertThat(erpCheck("US01").path("data").path("erp.available").asText()).isEqualTo("true");
    }

    @Test
    void a_record_without_a_key_names_its_order_in_its_body_and_a_delivered_order_is_not_sent_again() {
        // a producer other than order-publish may leave the key out: the dispatch then takes the order id from the
        // body, so the at-most-once check still holds and the record is not a failure
        String orderId = json(submit(crmOrder("us01-two-lines.json", newCrmId()))).path("orderId").asText();
        awaitOrderStatus(orderId, "ACCEPTED");
        assertThat(erpNaRequestsFor(orderId)).isEqualTo(1);
        String canonical = io.ordersync.support.Json.write(orderStore.findById(orderId).orElseThrow().order());

        org.apache.camel.builder.NotifyBuilder keylessDone = new org.apache.camel.builder.NotifyBuilder(context)
                .fromRoute("order-dispatch-US01")
                .filter(e -> e.getMessage().getHeader("kafka.KEY") == null
                        && e.getMessage().getBody(String.class).contains(orderId))
                .whenCompleted(1).create();
        sendToOrderTopic("ordersync.orders.US01", null, canonical);

        assertThat(keylessDone.matches(20, java.util.concurrent.TimeUnit.SECONDS))
                .as("the keyless record was dispatched without a failure").isTrue();
        assertThat(erpNaRequestsFor(orderId)).isEqualTo(1);
        assertThat(json(get("/api/v1/dead-letters?orderId=" + orderId))).isEmpty();
    }

    @Test
    void a_crm_outage_delays_the_status_update_but_does_not_lose_it() {
        String crmId = newCrmId();
        simulators.crm().failNextMatching(crmId, 2);
        String orderId = json(submit(crmOrder("us01-two-lines.json", crmId))).path("orderId").asText();

        awaitOrderStatus(orderId, "ACCEPTED");
        awaitCrmField(crmId, "Integration_Status__c", "ACCEPTED");
        long attempts = simulators.crm().receivedRequests().stream().filter(r -> r.path().endsWith(crmId)).count();
        assertThat(attempts).isEqualTo(3);
    }

    @Test
    void a_crm_down_past_retries_keeps_the_update_as_a_dead_letter_for_replay() {
        simulators.crm().behaviour(SimMode.UNAVAILABLE);
        String crmId = newCrmId();
        String orderId = json(submit(crmOrder("us01-two-lines.json", crmId))).path("orderId").asText();
        awaitOrderStatus(orderId, "ACCEPTED");

        JsonNode[] letters = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            letters[0] = json(get("/api/v1/dead-letters?routeId=crm-status-update&orderId=" + orderId));
            return letters[0].size() == 1;
        });
        assertThat(simulators.crm().order(crmId)).isNull();
        // the CRM is named unreachable: on the health check (which stays UP) and on the support dashboard
        JsonNode crmDown = healthCheck("crm");
        assertThat(crmDown.path("status").asText()).isEqualTo("UP");
        assertThat(crmDown.path("data").path("crm.available").isBoolean()).as(crmDown.toString()).isTrue();
        assertThat(crmDown.path("data").path("crm.available").asBoolean()).isFalse();
        assertThat(crmDown.path("message").asText()).contains("CRM unreachable since");
        assertThat(dashboardReachable("crm")).isFalse();
        assertThat(dashboardReachable("database")).isTrue();

        simulators.crm().behaviour(SimMode.ACCEPT);
        assertThat(replay(letters[0].get(0).path("id").asLong()).statusCode()).isEqualTo(202);
        awaitCrmField(crmId, "Integration_Status__c", "ACCEPTED");
        await().atMost(Duration.ofSeconds(10)).until(() -> dashboardReachable("crm"));
        JsonNode crmUp = healthCheck("crm");
        assertThat(crmUp.path("data").path("crm.available").asBoolean()).as(crmUp.toString()).isTrue();
    }

    private static JsonNode healthCheck(String name) {
        HttpResponse<String> health = send(HttpRequest.newBuilder(URI.create(apiUrl("/observe/health?data=true")))
                .GET().build());
        for (JsonNode check : json(health).path("checks")) {
            if (name.equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no health check " + name + " in " + health.body());
    }

    private static boolean dashboardReachable(String check) {
        HttpResponse<String> dashboard = get("/api/v1/dashboard");
        assertThat(dashboard.statusCode()).as(dashboard.body()).isEqualTo(200);
        for (JsonNode entry : json(dashboard).path("reachability").path("checks")) {
            if (check.equals(entry.path("check").asText())) {
                return entry.path("reachable").asBoolean();
            }
        }
        throw new AssertionError("no check " + check + " on the dashboard: " + dashboard.body());
    }

    @Test
    void the_api_refuses_callers_without_valid_credentials() {
        HttpResponse<String> none = send(HttpRequest.newBuilder(URI.create(apiUrl("/api/v1/orders")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(crmOrder("us01-two-lines.json", newCrmId()))).build());
        problem(none, 401, "UNAUTHORIZED");
        assertThat(none.headers().firstValue("WWW-Authenticate")).isPresent();

        HttpResponse<String> wrongKey = send(HttpRequest.newBuilder(URI.create(apiUrl("/api/v1/dead-letters")))
                .header("X-API-Key", "not-the-key").GET().build());
        assertThat(wrongKey.statusCode()).isEqualTo(401);

        HttpResponse<String> wrongPassword = send(HttpRequest.newBuilder(URI.create(apiUrl("/api/v1/dead-letters")))
                .header("Authorization", basic("support", "guess")).GET().build());
        assertThat(wrongPassword.statusCode()).isEqualTo(401);

        HttpResponse<String> basicOk = send(HttpRequest.newBuilder(URI.create(apiUrl("/api/v1/dead-letters")))
                .header("Authorization", basic("support", "support-secret")).GET().build());
        assertThat(basicOk.statusCode()).isEqualTo(200);
        assertThat(simulators.erpNa().receivedRequests()).isEmpty();
    }

    /**
     * What the admin console (Hawtio) shows comes from Camel's MBeans: the ERP adapter routes, built from route
     * templates, must have an MBean per step counting the exchanges it handled, and inflight exchanges must be
     * browsable.
     */
    @Test
    void the_admin_console_sees_per_step_counters_of_template_built_erp_routes_and_inflight_exchanges()
            throws Exception {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        String orderId;
        try {
            orderId = json(submit(crmOrder("us01-two-lines.json", newCrmId()))).path("orderId").asText();
            awaitOrderStatus(orderId, "ACCEPTED");
        } finally {
            root.detachAppender(appender);
        }
        // an exchange id seen in the console's inflight list leads to its order: the delivery's log lines carry both
        List<ILoggingEvent> delivery = appender.list.stream()
                .filter(e -> "erp-deliver".equals(e.getMDCPropertyMap().get("camel.routeId")))
                .filter(e -> e.getFormattedMessage().contains(orderId))
                .toList();
        assertThat(delivery).isNotEmpty().allSatisfy(e -> {
            assertThat(e.getMDCPropertyMap()).containsEntry("orderId", orderId);
            assertThat(e.getMDCPropertyMap().get("camel.exchangeId")).isNotBlank();
        });

        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        List<ObjectName> steps = new ArrayList<>();
        for (ObjectName name : mbeans.queryNames(new ObjectName("org.apache.camel:type=processors,*"), null)) {
            if ("erp-US01".equals(mbeans.getAttribute(name, "RouteId"))) {
                steps.add(name);
            }
        }
        assertThat(steps).as("an MBean per step of the template-built route erp-US01").hasSizeGreaterThan(3);
        // and each route made from the same template has MBeans of its own (their step ids must not collide)
        long caSteps = 0;
        for (ObjectName name : mbeans.queryNames(new ObjectName("org.apache.camel:type=processors,*"), null)) {
            if ("erp-CA01".equals(mbeans.getAttribute(name, "RouteId"))) {
                caSteps++;
            }
        }
        assertThat(caSteps).as("MBeans of the steps of erp-CA01, from the same template").isEqualTo(steps.size());
        long completed = 0;
        for (ObjectName step : steps) {
            completed += (Long) mbeans.getAttribute(step, "ExchangesCompleted");
        }
        assertThat(completed).as("exchanges counted by the steps of erp-US01").isPositive();
        // the admin console's route diagram puts a step's counters on the node of the route's XML whose id is the
        // step's processor id: every step of the route must be found there
        ObjectName route = new ObjectName("org.apache.camel:context=" + context.getManagementName()
                + ",type=routes,name=\"erp-US01\"");
        String routeXml = (String) mbeans.invoke(route, "dumpRouteAsXml", new Object[] {true},
                new String[] {"boolean"});
        for (ObjectName step : steps) {
            assertThat(routeXml).as("the route's XML names step " + step)
                    .contains(" id=\"" + mbeans.getAttribute(step, "ProcessorId") + "\"");
        }

        Set<ObjectName> inflight = mbeans.queryNames(
                new ObjectName("org.apache.camel:type=services,name=DefaultInflightRepository,*"), null);
        assertThat(inflight).isNotEmpty();
        assertThat(mbeans.getAttribute(inflight.iterator().next(), "InflightBrowseEnabled")).isEqualTo(true);
    }

    @Test
    void health_includes_database_and_kafka_and_metrics_are_exposed() {
        HttpResponse<String> health = send(HttpRequest.newBuilder(URI.create(apiUrl("/observe/health/ready")))
                .GET().build());
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        JsonNode checks = json(health).path("checks");
        Map<String, String> states = new java.util.HashMap<>();
        checks.forEach(c -> states.put(c.path("name").asText(), c.path("status").asText()));
        assertThat(states).containsEntry("database", "UP").containsEntry("kafka", "UP");

        submit(crmOrder("us01-two-lines.json", newCrmId()));
        HttpResponse<String> metrics = send(HttpRequest.newBuilder(URI.create(apiUrl("/observe/metrics"))).GET().build());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("routeId=\"order-intake-rest\"");
    }

    @Test
    void a_missing_or_unsafe_correlation_id_is_replaced_by_a_generated_one() {
        HttpResponse<String> response = submit(crmOrder("us01-two-lines.json", newCrmId()),
                "X-Correlation-Id", "bad id with spaces");
        assertThat(json(response).path("correlationId").asText()).matches("[0-9a-f-]{36}");
    }

    @Test
    void an_unknown_order_is_404() {
        HttpResponse<String> response = get("/api/v1/orders/ord-00000000-0000-0000-0000-000000000000");
        problem(response, 404, "NOT_FOUND");
        assertThat(json(response).path("correlationId").asText()).isNotBlank();
    }

    @Test
    void accepted_orders_are_on_kafka_keyed_by_order_id_with_the_correlation_id() {
        HttpResponse<String> response = submit(crmOrder("us01-two-lines.json", newCrmId()), "X-Correlation-Id", "corr-kafka-1");
        String orderId = json(response).path("orderId").asText();

        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, context.resolvePropertyPlaceholders("{{ordersync.kafka.brokers}}"));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + orderId);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("ordersync.orders.US01"));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (orderId.equals(r.key())) {
                        found.add(r);
                    }
                });
                return !found.isEmpty();
            });
        }
        ConsumerRecord<String, String> record = found.get(0);
        assertThat(record.value()).contains("\"orderId\":\"" + orderId + "\"");
        assertThat(new String(record.headers().lastHeader("X-Correlation-Id").value(), StandardCharsets.UTF_8))
                .isEqualTo("corr-kafka-1");
        assertThat(record.headers().lastHeader("Host")).isNull();
    }

    @Test
    void every_log_line_of_an_order_carries_its_correlation_id() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        try {
            String crmId = newCrmId();
            String orderId = json(submit(crmOrder("us01-two-lines.json", crmId), "X-Correlation-Id", "corr-mdc-1"))
                    .path("orderId").asText();
            awaitOrderStatus(orderId, "ACCEPTED");
            awaitCrmField(crmId, "Integration_Status__c", "ACCEPTED");
            List<ILoggingEvent> routeLines = appender.list.stream()
                    .filter(e -> e.getFormattedMessage().contains(orderId) || e.getFormattedMessage().contains(crmId))
                    .filter(e -> e.getMDCPropertyMap().containsKey("camel.routeId"))
                    .toList();
            Set<String> routes = routeLines.stream().map(e -> e.getMDCPropertyMap().get("camel.routeId"))
                    .collect(Collectors.toSet());
            // order-accept: the intake's store-and-publish step, shared by the REST and SOAP channels
            assertThat(routes).contains("order-accept", "erp-deliver", "order-outcome", "crm-status-update");
            assertThat(routeLines).allSatisfy(e ->
                    assertThat(e.getMDCPropertyMap()).containsEntry("correlationId", "corr-mdc-1"));
        } finally {
            root.detachAppender(appender);
        }
    }

    @Test
    void an_erp_timeout_is_retried_and_the_order_delivered_once() {
        simulators.erpEmea().setBehaviour(io.ordersync.demo.sim.SimBehaviour.slow(5000));
        String orderId = json(submit(crmOrder("de01-by-customer-rule.json", newCrmId()))).path("orderId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> !simulators.erpEmea().receivedRequests().isEmpty());
        simulators.erpEmea().behaviour(SimMode.ACCEPT);

        awaitOrderStatus(orderId, "ACCEPTED");
        assertThat(simulators.erpEmea().receivedRequests().size()).isGreaterThanOrEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> simulators.erpEmea().receivedRequests().size() >= 2);
        assertThat(simulators.erpEmea().createdOrderCount(erpReferenceOf(orderId))).isEqualTo(1);
    }

    /** The health check of a legal entity's ERP on /observe/health. */
    private static JsonNode erpCheck(String entity) {
        HttpResponse<String> health = send(HttpRequest.newBuilder(URI.create(apiUrl("/observe/health?data=true")))
                .GET().build());
        for (JsonNode check : json(health).path("checks")) {
            if (("erp-" + entity).equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no health check erp-" + entity + " in " + health.body());
    }

    private static String metrics() {
        return send(HttpRequest.newBuilder(URI.create(apiUrl("/observe/metrics"))).GET().build()).body();
    }

    /** Writes one record straight to a topic, as a producer other than ordersync would ({@code key} may be null). */
    private void sendToOrderTopic(String topic, String key, String value) {
        Properties config = new Properties();
        config.put(org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                context.resolvePropertyPlaceholders("{{ordersync.kafka.brokers}}"));
        try (org.apache.kafka.clients.producer.KafkaProducer<String, String> producer =
                     new org.apache.kafka.clients.producer.KafkaProducer<>(config,
                             new org.apache.kafka.common.serialization.StringSerializer(),
                             new org.apache.kafka.common.serialization.StringSerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long erpNaRequestsFor(String orderId) {
        return simulators.erpNa().receivedRequests().stream().filter(r -> r.body().contains(orderId)).count();
    }

    private static List<String> timelineTypes(JsonNode order) {
        List<String> types = new ArrayList<>();
        order.path("timeline").forEach(t -> types.add(t.path("type").asText()));
        return types;
    }

    private void awaitCrmField(String crmId, String field, String value) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Map<String, Object> fields = simulators.crm().order(crmId);
            return fields != null && value.equals(fields.get(field));
        });
    }

    private static HttpResponse<String> replay(long id) {
        return send(HttpRequest.newBuilder(URI.create(apiUrl("/api/v1/dead-letters/" + id + "/replay")))
                .header("Authorization", basic("support", "support-secret"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
