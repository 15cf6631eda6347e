package io.ordersync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Fulfilment status events end to end: source systems' own JSON through the webhook and Kafka topics, the order
 * timeline, the backorder exception, and the CRM update - over real HTTP, Kafka and database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StatusEventScenarios extends PipelineTestSupport {

    private static final Map<String, String> AUTH = Map.of("X-API-Key", API_KEY, "Content-Type", "application/json");

    static {
        // parked reports (orders not known yet): tried again often, and given up within the test's time
        RuntimeProperties.set("ordersync.status-events.parked.retry-every-ms", "250");
        RuntimeProperties.set("ordersync.status-events.parked.limit", "PT15S");
    }

    @BeanInject
    protected CamelContext context;

    @Test
    void an_order_goes_from_allocation_through_backorder_and_partial_shipment_to_payment_and_the_crm_follows() {
        String crmId = newCrmId();
        Accepted order = acceptedUs01Order(crmId);

        queue("wms", wms(order, "ALLOCATION", "{\"line\": 1, \"item\": \"SKU-100\", \"qty\": 5, \"uom\": \"EA\"}", null));
        awaitOrderStatus(order.id, "ALLOCATED");

        queue("wms", wms(order, "BACKORDER", "{\"line\": 2, \"item\": \"SKU-200\", \"qty\": \"2.5\", \"uom\": \"KG\"}",
                "2026-12-20"));
        awaitOrderStatus(order.id, "BACKORDERED");
        awaitCrmFields(crmId, Map.of("Customer_Status__c", "Backordered", "Expected_Delivery_Date__c", "2026-12-20"));

        queue("wms", shipment(order, "SHP-1-" + order.id, "1Z0001", "{\"line\": 1, \"item\": \"SKU-100\", \"qty\": 5, \"uom\": \"EA\"}"));
        JsonNode partial = awaitOrderStatus(order.id, "PARTIALLY_SHIPPED");
        assertThat(partial.path("progress").path("lines").get(1).path("outstanding").decimalValue())
                .isEqualByComparingTo("2.5");
        awaitCrmFields(crmId, Map.of("Shipment_Status__c", "PARTIALLY_SHIPPED", "Tracking_Numbers__c", "UPSN 1Z0001"));
        JsonNode exception = awaitException(order.id, "OPEN");
        assertThat(exception.path("kind").asText()).isEqualTo("BACKORDER");
        // expected 2026-12-20 is 19 days after the requested 2026-12-01: more than the 14 days the policy allows
        assertThat(exception.path("decision").asText()).isEqualTo("CUSTOMER_DECISION_REQUIRED");
        assertThat(exception.path("message").asText()).contains("2.5 of 2.5 on line 2 (SKU-200)");

        queue("wms", shipment(order, "SHP-2-" + order.id, "1Z0002",
                "{\"line\": 2, \"item\": \"SKU-200\", \"qty\": \"2.5\", \"uom\": \"KG\"}"));
        awaitOrderStatus(order.id, "SHIPPED");
        assertThat(awaitException(order.id, "RESOLVED").path("message").asText()).contains("resolved: shipped in full");

        queue("tms", "{\"eventId\": \"TMS-" + UUID.randomUUID() + "\", \"status\": \"DELIVERED\", \"shipmentNo\": \"SHP-1-"
                + order.id + "\", " + order.ref() + ", \"eventTime\": \"" + java.time.Instant.now() + "\", \"signedBy\": \"Dock 4\"}");
        queue("tms", "{\"eventId\": \"TMS-" + UUID.randomUUID() + "\", \"status\": \"DELIVERED\", \"shipmentNo\": \"SHP-2-"
                + order.id + "\", " + order.ref() + ", \"eventTime\": \"" + java.time.Instant.now() + "\", \"signedBy\": \"Dock 4\"}");
        awaitOrderStatus(order.id, "DELIVERED");

        queue("ar", invoice(order, "INV-" + order.id, "58.75", "4.70", "63.45"));
        awaitOrderStatus(order.id, "INVOICED");
        queue("ar", payment(order, "PAY-1-" + order.id, "INV-" + order.id, "60.00"));
        awaitOrderStatus(order.id, "PARTIALLY_PAID");
        queue("ar", payment(order, "PAY-2-" + order.id, "INV-" + order.id, "3.45"));
        JsonNode paid = awaitOrderStatus(order.id, "PAID");

        assertThat(paid.path("progress").path("paidAmount").decimalValue()).isEqualByComparingTo("63.45");
        assertThat(timelineTypes(paid)).containsExactly("OrderReceived", "OrderAccepted", "OrderAllocated",
                "OrderBackordered", "OrderShipped", "OrderShipped", "OrderDelivered", "OrderDelivered", "OrderInvoiced",
                "PaymentReceived", "PaymentReceived");
        awaitCrmFields(crmId, Map.of("Customer_Status__c", "Paid", "Payment_Status__c", "PAID",
                "Invoice_Numbers__c", "INV-" + order.id, "Tracking_Numbers__c", "UPSN 1Z0001, UPSN 1Z0002"));
        assertThat(new BigDecimal(String.valueOf(simulators.crm().order(crmId).get("Amount_Paid__c"))))
                .isEqualByComparingTo("63.45");
        // every CRM update of the order carries its correlation id
        assertThat(simulators.crm().receivedRequests()).filteredOn(r -> r.path().endsWith(crmId))
                .allSatisfy(r -> assertThat(r.correlationId()).isEqualTo(order.correlationId));
    }

    @Test
    void a_delivery_that_arrives_before_its_shipment_is_held_then_applied_in_order() {
        Accepted order = acceptedUs01Order(newCrmId());
        String shipmentId = "SHP-" + order.id;

        // shipped, then delivered an hour later; the delivery's report arrives first
        java.time.Instant shippedAt = java.time.Instant.now();
        queue("tms", "{\"eventId\": \"TMS-" + UUID.randomUUID() + "\", \"status\": \"DELIVERED\", \"shipmentNo\": \""
                + shipmentId + "\", " + order.ref() + ", \"eventTime\": \"" + shippedAt.plusSeconds(3600) + "\"}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode view = json(get("/api/v1/orders/" + order.id));
            assertThat(view.path("held")).hasSize(1);
            assertThat(view.path("held").get(0).path("reasonCode").asText()).isEqualTo("UNKNOWN_SHIPMENT");
        });

        queue("wms", shipment(order, shippedAt, shipmentId, "1Z0003",
                "{\"line\": 1, \"item\": \"SKU-100\", \"qty\": 5, \"uom\": \"EA\"}",
                "{\"line\": 2, \"item\": \"SKU-200\", \"qty\": \"2.5\", \"uom\": \"KG\"}"));

        JsonNode delivered = awaitOrderStatus(order.id, "DELIVERED");
        assertThat(delivered.path("held")).isEmpty();
        assertThat(timelineTypes(delivered)).endsWith("OrderShipped", "OrderDelivered");
    }

    @Test
    void a_shipment_reported_twice_is_recorded_once() {
        Accepted order = acceptedUs01Order(newCrmId());
        String shipment = shipment(order, "SHP-" + order.id, "1Z0004",
                "{\"line\": 1, \"item\": \"SKU-100\", \"qty\": 2, \"uom\": \"EA\"}");

        queue("wms", shipment);
        awaitOrderStatus(order.id, "PARTIALLY_SHIPPED");
        // the same shipment again under a new message id, then a marker event to know both were processed
        queue("wms", shipment.replaceFirst("\"messageId\": \"[^\"]+\"", "\"messageId\": \"WMS-again\""));
        queue("wms", wms(order, "ALLOCATION", "{\"line\": 2, \"item\": \"SKU-200\", \"qty\": \"2.5\", \"uom\": \"KG\"}", null));

        await().atMost(Duration.ofSeconds(30)).until(() ->
                timelineTypes(json(get("/api/v1/orders/" + order.id))).contains("OrderAllocated"));
        JsonNode view = json(get("/api/v1/orders/" + order.id));
        assertThat(timelineTypes(view)).filteredOn("OrderShipped"::equals).hasSize(1);
        assertThat(view.path("progress").path("lines").get(0).path("shipped").decimalValue()).isEqualByComparingTo("2");
    }

    @Test
    void an_impossible_transition_is_refused_and_kept_as_a_dead_letter_with_the_reason() {
        Accepted order = acceptedUs01Order(newCrmId());

        queue("wms", shipment(order, "SHP-" + order.id, "1Z0005",
                "{\"line\": 1, \"item\": \"SKU-100\", \"qty\": 7, \"uom\": \"EA\"}"));

        JsonNode letter = awaitDeadLetter(order.id);
        assertThat(letter.path("routeId").asText()).isEqualTo("status-event-record");
        assertThat(letter.path("exceptionMessage").asText())
                .contains("OVER_SHIPMENT").contains("line 1 would have 7 shipped of 5 ordered");
        assertThat(letter.path("attempts").asInt()).as("a refusal is not retried").isEqualTo(1);
        assertThat(letter.path("payload").asText()).contains("SHP-" + order.id);
        assertThat(json(get("/api/v1/orders/" + order.id)).path("status").asText()).isEqualTo("ACCEPTED");
    }

    @Test
    void the_webhook_refuses_unknown_sources_and_incomplete_events_with_field_errors() {
        HttpResponse<String> unknown = post("/api/v1/status-events/mes", "{}", AUTH);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).path("fieldErrors").get(0).path("message").asText())
                .contains("'mes' is not a configured status source");

        HttpResponse<String> incomplete = post("/api/v1/status-events/wms", "{\"messageId\": \"W-1\", \"messageType\":"
                + " \"SHIPMENT\", \"timestamp\": \"2026-11-23T10:00:00Z\", \"order\": {\"entity\": \"US01\"},"
                + " \"shipment\": {\"shipmentNo\": \"S-1\", \"cartons\": []}}", AUTH);
        assertThat(incomplete.statusCode()).isEqualTo(400);
        assertThat(incomplete.body()).contains("\"field\":\"$.orderId\"").contains("\"field\":\"$.shipment.packages\"");

        HttpResponse<String> noAuth = post("/api/v1/status-events/wms", "{}", Map.of("Content-Type", "application/json"));
        assertThat(noAuth.statusCode()).isEqualTo(401);
    }

    @Test
    void status_events_on_a_source_kafka_topic_reach_the_timeline_and_a_bad_record_does_not_block_the_next() {
        Accepted order = acceptedUs01Order(newCrmId());

        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>("ordersync.status.wms", order.id, "{\"messageId\": \"broken\"")).get();
            producer.send(new ProducerRecord<>("ordersync.status.wms", order.id, shipment(order, "SHP-K-" + order.id,
                    "1Z0006", "{\"line\": 1, \"item\": \"SKU-100\", \"qty\": 5, \"uom\": \"EA\"}",
                    "{\"line\": 2, \"item\": \"SKU-200\", \"qty\": \"2.5\", \"uom\": \"KG\"}"))).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }

        awaitOrderStatus(order.id, "SHIPPED");
        JsonNode letters = json(get("/api/v1/dead-letters?routeId=status-event-queue"));
        List<String> payloads = new ArrayList<>();
        letters.forEach(letter -> payloads.add(deadLetterPayload(letter.path("id").asLong())));
        assertThat(payloads).contains("{\"messageId\": \"broken\"");
    }

    @Test
    void a_return_authorized_by_the_erp_and_the_credit_memo_from_ar_reach_the_timeline_and_the_crm() {
        String crmId = newCrmId();
        Accepted order = acceptedUs01Order(crmId);
        queue("wms", shipment(order, "SHP-R-" + order.id, "1Z0007",
                "{\"line\": 1, \"item\": \"SKU-100\", \"qty\": 5, \"uom\": \"EA\"}",
                "{\"line\": 2, \"item\": \"SKU-200\", \"qty\": \"2.5\", \"uom\": \"KG\"}"));
        queue("ar", invoice(order, "INV-R-" + order.id, "58.75", "4.70", "63.45"));
        awaitOrderStatus(order.id, "INVOICED");

        // the ERP publishes return authorisations on its Kafka topic; AR sends the credit memo by webhook
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>("ordersync.status.erp", order.erpNumber, "{\"eventId\": \"ERP-"
                    + UUID.randomUUID() + "\", \"event\": \"RETURN_AUTHORIZED\", \"occurredAt\": \""
                    + java.time.Instant.now() + "\", \"entity\": \"US01\", \"erpOrderNumber\": \"" + order.erpNumber
                    + "\", \"rma\": {\"number\": \"RMA-" + order.id + "\", \"reason\": \"damaged in transit\"},"
                    + " \"lines\": [{\"lineNumber\": 1, \"sku\": \"SKU-100\", \"quantity\": 1, \"uom\": \"EA\"}]}")).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        awaitOrderStatus(order.id, "RETURN_AUTHORIZED");
        queue("ar", "{\"documentId\": \"AR-" + UUID.randomUUID() + "\", \"documentType\": \"CREDIT_MEMO\", \"postedAt\": \""
                + java.time.Instant.now() + "\", " + order.ref() + ", \"creditMemo\": {\"number\": \"CM-" + order.id
                + "\", \"invoiceNumber\": \"INV-R-" + order.id + "\", \"amount\": \"10.93\", \"currency\": \"USD\","
                + " \"reason\": \"return RMA-" + order.id + "\"}}");

        JsonNode credited = awaitOrderStatus(order.id, "CREDITED");
        assertThat(credited.path("progress").path("creditedAmount").decimalValue()).isEqualByComparingTo("10.93");
        assertThat(credited.path("progress").path("returnAuthorizations").get(0).asText()).isEqualTo("RMA-" + order.id);
        awaitCrmFields(crmId, Map.of("Customer_Status__c", "Credited", "Return_Authorizations__c", "RMA-" + order.id));
        assertThat(new BigDecimal(String.valueOf(simulators.crm().order(crmId).get("Amount_Credited__c"))))
                .isEqualByComparingTo("10.93");
    }

    @Test
    void the_erp_allocates_and_backorders_within_policy_and_a_subscriber_gets_every_event_valid_against_its_schema()
            throws Exception {
        String crmId = newCrmId();
        Accepted order = acceptedUs01Order(crmId);

        queue("erp", erp(order, "ALLOCATED", null, "{\"lineNumber\": 1, \"sku\": \"SKU-100\", \"quantity\": 5, \"uom\": \"EA\"}"));
        awaitOrderStatus(order.id, "ALLOCATED");
        // expected 2026-12-10 is 9 days after the requested 2026-12-01: within the 14 days the policy allows
        queue("erp", erp(order, "BACKORDERED", "2026-12-10",
                "{\"lineNumber\": 2, \"sku\": \"SKU-200\", \"quantity\": 2.5, \"uom\": \"KG\"}"));
        awaitOrderStatus(order.id, "BACKORDERED");

        JsonNode exception = awaitException(order.id, "OPEN");
        assertThat(exception.path("kind").asText()).isEqualTo("BACKORDER");
        assertThat(exception.path("decision").asText()).isEqualTo("SHIP_WHEN_AVAILABLE");
        awaitCrmFields(crmId, Map.of("Customer_Status__c", "Backordered", "Expected_Delivery_Date__c", "2026-12-10"));

        // what any other subscriber of the order-events topic reads: every event, each valid against its schema
        com.networknt.schema.JsonSchema schema;
        try (java.io.InputStream in = getClass().getResourceAsStream("/schema/order-event-1.1.schema.json")) {
            schema = com.networknt.schema.JsonSchemaFactory.getInstance(
                    com.networknt.schema.SpecVersion.VersionFlag.V202012).getSchema(in,
                    com.networknt.schema.SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        }
        Map<String, JsonNode> byType = new java.util.LinkedHashMap<>();
        Properties config = new Properties();
        config.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                context.getPropertiesComponent().resolveProperty("ordersync.kafka.brokers").orElseThrow());
        config.put(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG, "subscriber-" + order.id);
        config.put(org.apache.kafka.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(config,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer())) {
            consumer.subscribe(List.of("ordersync.order-events"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (order.id.equals(r.key())) {
                        byType.put(json(r.value()).path("type").asText(), json(r.value()));
                    }
                });
                return byType.keySet().containsAll(List.of("OrderAccepted", "OrderAllocated", "OrderBackordered"));
            });
        }
        byType.forEach((type, event) -> assertThat(schema.validate(event)).as(type + ": " + event).isEmpty());
        assertThat(byType.get("OrderBackordered").path("correlationId").asText()).isEqualTo(order.correlationId);
    }

    @Test
    void a_report_for_an_unknown_order_is_parked_without_holding_up_the_next_and_applied_once_its_order_exists() {
        Accepted known = acceptedUs01Order(newCrmId());
        // ERP numbers the simulator has not given out yet: one for an order submitted below, one that never comes
        String prefix = known.erpNumber.replaceAll("\\d+$", "");
        long next = Long.parseLong(known.erpNumber.substring(prefix.length())) + 1_000_000
                + java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 1_000_000);
        Accepted notYet = new Accepted(null, prefix + next, null);
        Accepted never = new Accepted(null, prefix + (next + 1_000_000_000_000L), null);

        // allocated a minute from now: after the acceptance of the order submitted below, in the timeline's order
        queue("wms", wms(notYet, "ALLOCATION", "{\"line\": 1, \"item\": \"SKU-100\", \"qty\": 5, \"uom\": \"EA\"}", null)
                .replaceFirst("\"timestamp\": \"[^\"]+\"", "\"timestamp\": \"" + java.time.Instant.now().plusSeconds(60) + "\""));
        queue("wms", wms(never, "ALLOCATION", "{\"line\": 1, \"item\": \"SKU-100\", \"qty\": 5, \"uom\": \"EA\"}", null));
        long queuedAt = System.nanoTime();
        queue("wms", wms(known, "ALLOCATION", "{\"line\": 1, \"item\": \"SKU-100\", \"qty\": 5, \"uom\": \"EA\"}", null));

        // recorded in seconds: the reports for unknown orders before it are parked, not retried in the consumer
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() ->
                "ALLOCATED".equals(json(get("/api/v1/orders/" + known.id)).path("status").asText()));
        assertThat(Duration.ofNanos(System.nanoTime() - queuedAt)).isLessThan(Duration.ofSeconds(5));

        // the order the first report names arrives afterwards (its ERP number is the next the simulator gives)
        simulators.erpNa().numberAfter(prefix + (next - 1));
        Accepted arrived = acceptedUs01Order(newCrmId());
        assertThat(arrived.erpNumber).isEqualTo(notYet.erpNumber);
        JsonNode allocated = awaitOrderStatus(arrived.id, "ALLOCATED");
        assertThat(timelineTypes(allocated)).containsExactly("OrderReceived", "OrderAccepted", "OrderAllocated");

        // the order the second report names never comes: a dead letter with the reason once the limit has passed
        JsonNode[] letter = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
            for (JsonNode listed : json(get("/api/v1/dead-letters?routeId=status-event-record"))) {
                JsonNode full = json(get("/api/v1/dead-letters/" + listed.path("id").asText())).path("deadLetter");
                if (full.path("payload").asText().contains(never.erpNumber)) {
                    letter[0] = full;
                    return true;
                }
            }
            return false;
        });
        assertThat(letter[0].path("exceptionType").asText()).isEqualTo("io.ordersync.events.UnknownOrderException");
        assertThat(letter[0].path("exceptionMessage").asText())
                .contains("ERP order " + never.erpNumber + " of legal entity US01, which ordersync does not know (yet)")
                .contains("ordersync.status-events.parked.limit");
        assertThat(letter[0].path("attempts").asInt()).isGreaterThan(1);
        // the one for the order that arrived was not dead-lettered
        assertThat(json(get("/api/v1/dead-letters?routeId=status-event-record")).findValuesAsText("orderId"))
                .doesNotContain(arrived.id);
    }

    // ---- helpers

    /** An ERP order event in the ERP's own JSON (what {@code mappings/status-erp-to-canonical.jslt} reads). */
    private static String erp(Accepted order, String event, String expectedDeliveryDate, String line) {
        return "{\"eventId\": \"ERP-" + UUID.randomUUID() + "\", \"event\": \"" + event + "\", \"occurredAt\": \""
                + java.time.Instant.now() + "\", \"entity\": \"US01\", \"erpOrderNumber\": \"" + order.erpNumber + "\""
                + (expectedDeliveryDate == null ? "" : ", \"expectedDeliveryDate\": \"" + expectedDeliveryDate + "\"")
                + ", \"lines\": [" + line + "]}";
    }

    private static JsonNode json(String text) {
        try {
            return io.ordersync.support.Json.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An accepted order of legal entity US01 (lines: 5 EA SKU-100, 2.5 KG SKU-200; requested 2026-12-01). */
    private Accepted acceptedUs01Order(String crmId) {
        HttpResponse<String> response = submit(crmOrder("us01-two-lines.json", crmId));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode receipt = json(response);
        // accepted, or already past it: a parked report for its ERP number may be applied the moment it has one
        JsonNode[] seen = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            seen[0] = json(get("/api/v1/orders/" + receipt.path("orderId").asText()));
            return java.util.Set.of("ACCEPTED", "ALLOCATED").contains(seen[0].path("status").asText());
        });
        JsonNode order = seen[0];
        return new Accepted(receipt.path("orderId").asText(), order.path("erpOrderNumber").asText(),
                receipt.path("correlationId").asText());
    }

    private record Accepted(String id, String erpNumber, String correlationId) {
        String ref() {
            return "\"order\": {\"entity\": \"US01\", \"erpOrderNumber\": \"" + erpNumber + "\"}";
        }
    }

    private static void queue(String source, String body) {
        HttpResponse<String> response = post("/api/v1/status-events/" + source, body, AUTH);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(json(response).path("status").asText()).isEqualTo("QUEUED");
    }

    private static String wms(Accepted order, String type, String line, String expectedDate) {
        return "{\"messageId\": \"WMS-" + UUID.randomUUID() + "\", \"messageType\": \"" + type + "\", \"timestamp\": \""
                + java.time.Instant.now() + "\", \"warehouse\": \"DAL1\", " + order.ref() + ", \"lines\": [" + line + "]"
                + (expectedDate == null ? "" : ", \"expectedDate\": \"" + expectedDate + "\"") + "}";
    }

    private static String shipment(Accepted order, String shipmentId, String tracking, String... contents) {
        return shipment(order, java.time.Instant.now(), shipmentId, tracking, contents);
    }

    private static String shipment(Accepted order, java.time.Instant shippedAt, String shipmentId, String tracking,
            String... contents) {
        return "{\"messageId\": \"WMS-" + UUID.randomUUID() + "\", \"messageType\": \"SHIPMENT\", \"timestamp\": \""
                + shippedAt + "\", \"warehouse\": \"DAL1\", " + order.ref() + ", \"shipment\": {"
                + "\"shipmentNo\": \"" + shipmentId + "\", \"carrierScac\": \"UPSN\", \"service\": \"GROUND\","
                + " \"proNumber\": \"" + tracking + "\", \"expectedDelivery\": \"2026-11-27\", \"cartons\": [{\"sscc\":"
                + " \"00106141411234567897\", \"tracking\": \"" + tracking + "\", \"weightKg\": \"3.25\", \"contents\": ["
                + String.join(", ", contents) + "]}]}}";
    }

    private static String invoice(Accepted order, String number, String net, String tax, String total) {
        return "{\"documentId\": \"AR-" + UUID.randomUUID() + "\", \"documentType\": \"INVOICE\", \"postedAt\": \""
                + java.time.Instant.now() + "\", " + order.ref() + ", \"invoice\": {\"number\": \"" + number + "\","
                + " \"date\": \"2026-12-22\", \"dueDate\": \"2027-01-21\", \"currency\": \"USD\", \"terms\": \"NET30\","
                + " \"lines\": [{\"line\": 1, \"item\": \"SKU-100\", \"qty\": 5, \"uom\": \"EA\", \"price\": \"10.10\","
                + " \"amount\": \"50.50\"}, {\"line\": 2, \"item\": \"SKU-200\", \"qty\": \"2.5\", \"uom\": \"KG\","
                + " \"price\": \"3.30\", \"amount\": \"8.25\"}], \"net\": \"" + net + "\", \"tax\": \"" + tax + "\","
                + " \"total\": \"" + total + "\"}}";
    }

    private static String payment(Accepted order, String id, String invoice, String amount) {
        return "{\"documentId\": \"AR-" + UUID.randomUUID() + "\", \"documentType\": \"PAYMENT\", \"postedAt\": \""
                + java.time.Instant.now() + "\", " + order.ref() + ", \"payment\": {\"id\": \"" + id + "\","
                + " \"invoiceNumber\": \"" + invoice + "\", \"amount\": \"" + amount + "\", \"currency\": \"USD\","
                + " \"receivedOn\": \"2027-01-10\", \"method\": \"ACH\"}}";
    }

    private static List<String> timelineTypes(JsonNode order) {
        List<String> types = new ArrayList<>();
        order.path("timeline").forEach(e -> types.add(e.path("type").asText()));
        return types;
    }

    private JsonNode awaitException(String orderId, String status) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode list = json(get("/api/v1/exceptions?orderId=" + orderId + "&status=" + status));
            found[0] = list.size() == 1 ? list.get(0) : null;
            return found[0] != null;
        });
        return found[0];
    }

    private static JsonNode awaitDeadLetter(String orderId) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode list = json(get("/api/v1/dead-letters?orderId=" + orderId));
            found[0] = list.size() > 0 ? list.get(0) : null;
            return found[0] != null;
        });
        return json(get("/api/v1/dead-letters/" + found[0].path("id").asText())).path("deadLetter");
    }

    private void awaitCrmFields(String crmId, Map<String, String> expected) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(simulators.crm().order(crmId)).as("CRM order " + crmId).isNotNull()
                        .containsAllEntriesOf(expected));
    }

    private KafkaProducer<String, String> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                context.getPropertiesComponent().resolveProperty("ordersync.kafka.brokers").orElseThrow());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(config);
    }
}
