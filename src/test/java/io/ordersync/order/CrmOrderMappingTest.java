package io.ordersync.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.Parser;
import io.ordersync.support.Json;
import io.ordersync.erp.ErpOutcomes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real {@code mappings/crm-order-to-canonical.jslt}, run with the JSLT library directly on a CRM order fixture,
 * the result read into {@link CanonicalOrder} and validated against the canonical and event JSON schemas.
 */
class CrmOrderMappingTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");

    private static Expression mapping;
    private static JsonSchema canonicalSchema;
    private static JsonSchema eventSchema;

    @BeforeAll
    static void compile() throws IOException {
        mapping = Parser.compileString(Files.readString(Path.of("mappings/crm-order-to-canonical.jslt"),
                StandardCharsets.UTF_8));
        canonicalSchema = schema("/schema/canonical-order-1.0.schema.json");
        eventSchema = schema("/schema/order-event-1.1.schema.json");
    }

    @Test
    void source_customer_and_header_fields_are_mapped() {
        CanonicalOrder order = map("crm-order-full.json");

        assertThat(order.source()).isEqualTo(new CanonicalOrder.Source("REST", "CRM", null, "801T000000MAP001"));
        assertThat(order.legalEntity()).isEqualTo("US01");
        assertThat(order.customer()).isEqualTo(
                new CanonicalOrder.Customer("001T00000000NA01", "NA-20001", "Test Hardware Inc."));
        assertThat(order.customerPurchaseOrder()).isEqualTo("PO-T-777");
        assertThat(order.currency()).isEqualTo("USD");
        assertThat(order.orderDate()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(order.requestedDeliveryDate()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(order.terms()).isEqualTo(new CanonicalOrder.Terms("NET30", null));
        assertThat(order.notes()).isEqualTo("Deliver to dock 4");
        // runtime-owned fields are not the mapping's business
        assertThat(order.orderId()).isNull();
        assertThat(order.correlationId()).isNull();
        assertThat(order.totals()).isNull();
    }

    @Test
    void addresses_carry_the_account_name_and_state_becomes_region() {
        CanonicalOrder order = map("crm-order-full.json");

        assertThat(order.soldTo()).isEqualTo(new CanonicalOrder.Party("Test Hardware Inc.", null, null, null, null, null));
        assertThat(order.billTo()).isEqualTo(new CanonicalOrder.Party("Test Hardware Inc.", "PO Box 12", "Springfield",
                "IL", "62702", "US"));
        assertThat(order.shipTo()).isEqualTo(new CanonicalOrder.Party("Test Hardware Inc.", "1 Main St", "Springfield",
                "IL", "62701", "US"));
    }

    @Test
    void lines_are_mapped_with_exact_decimals_and_parsed_line_numbers() {
        List<CanonicalOrder.Line> lines = map("crm-order-full.json").lines();

        assertThat(lines).extracting(CanonicalOrder.Line::lineNumber).containsExactly(1, 2, 10);
        assertThat(lines).extracting(CanonicalOrder.Line::sku).containsExactly("SKU-100", "SKU-200", "SKU-300");

        CanonicalOrder.Line first = lines.get(0);
        assertThat(first.gtin()).isEqualTo("04006381333931");
        assertThat(first.customerPartNumber()).isEqualTo("TH-W-1");
        assertThat(first.description()).as("the line's own description wins").isEqualTo("Widget, blue");
        assertThat(first.unitOfMeasure()).isEqualTo("BX");
        assertThat(first.quantity()).isEqualByComparingTo("5");
        assertThat(first.unitPrice()).isEqualByComparingTo("10.10");
        assertThat(first.requestedDeliveryDate()).isEqualTo(LocalDate.of(2026, 12, 3));

        CanonicalOrder.Line second = lines.get(1);
        assertThat(second.quantity()).isEqualByComparingTo("2.5");
        assertThat(second.unitPrice()).isEqualByComparingTo("3.30");
        assertThat(second.unitOfMeasure()).as("default unit of measure").isEqualTo("EA");
        assertThat(second.description()).as("description from Product2.Name").isEqualTo("Gadget");
        assertThat(second.gtin()).isNull();

        CanonicalOrder.Line third = lines.get(2);
        assertThat(third.quantity()).isEqualByComparingTo("0.0001");
        assertThat(third.unitPrice()).as("19 significant digits survive").isEqualByComparingTo("1234567890.123456789");
        assertThat(third.description()).as("no description and no product name").isNull();
    }

    @Test
    void null_and_absent_values_are_omitted_from_the_mapped_json() {
        JsonNode mapped = mapTree(fixture("crm-order-full.json"));

        assertThat(mapped.path("terms").has("incoterms")).as("Incoterms__c: null").isFalse();
        JsonNode second = mapped.path("lines").get(1);
        assertThat(second.has("gtin")).as("GTIN__c: null").isFalse();
        assertThat(second.has("customerPartNumber")).isFalse();
        assertThat(second.has("requestedDeliveryDate")).isFalse();
        assertThat(mapped.path("lines").get(2).has("description")).isFalse();
        mapped.findValues("lineNumber").forEach(n -> assertThat(n.isNull()).isFalse());
        assertThat(mapped.toString()).doesNotContain("null");
    }

    @Test
    void a_minimal_order_maps_without_optional_sections() {
        String minimal = """
                {"Id": "801MIN", "AccountId": "001MIN", "CurrencyIsoCode": "EUR",
                 "OrderItems": {"records": [{"OrderItemNumber": "7", "Product2": {"ProductCode": "P-1"},
                                             "Quantity": 1, "UnitPrice": 0}]}}""";
        JsonNode mapped = mapTree(minimal);

        assertThat(mapped.has("billTo")).isFalse();
        assertThat(mapped.has("shipTo")).isFalse();
        assertThat(mapped.has("terms")).as("an empty terms object is dropped").isFalse();
        assertThat(mapped.has("legalEntity")).isFalse();
        assertThat(mapped.path("soldTo").isMissingNode()).as("no account name, empty soldTo dropped").isTrue();
        assertThat(mapped.path("customer").path("crmAccountId").asText()).isEqualTo("001MIN");
        assertThat(mapped.path("lines").get(0).path("lineNumber").asInt()).isEqualTo(7);
        assertThat(mapped.path("lines").get(0).path("unitOfMeasure").asText()).isEqualTo("EA");
    }

    @Test
    void the_mapped_and_completed_order_is_valid_canonical_order_1_0() {
        CanonicalOrder completed = complete(map("crm-order-full.json"));
        JsonNode json = Json.mapper().valueToTree(completed);

        assertThat(errors(canonicalSchema, Json.write(completed))).isEmpty();
        assertThat(json.path("schemaVersion").asText()).isEqualTo("1.0");
        assertThat(json.path("receivedAt").asText()).isEqualTo("2026-11-23T10:15:30Z");
        assertThat(json.path("orderDate").asText()).isEqualTo("2026-11-23");
        assertThat(json.path("totals").path("lineCount").asInt()).isEqualTo(3);
        assertThat(json.path("totals").path("totalQuantity").decimalValue()).isEqualByComparingTo("7.5001");
        // 5 x 10.10 + 2.5 x 3.30 + 0.0001 x 1234567890.123456789
        assertThat(json.path("totals").path("totalAmount").decimalValue())
                .isEqualByComparingTo(new BigDecimal("50.50").add(new BigDecimal("8.25"))
                        .add(new BigDecimal("123456.7890123456789")));

        // the other fixtures the pipeline tests use map to valid canonical orders too
        for (String fixture : List.of("orders/us01-two-lines.json", "orders/de01-by-customer-rule.json",
                "orders/de01-credit-hold.json", "orders/us01-unknown-sku.json")) {
            String crm = read(Path.of("src/test/resources", fixture)).replace("${crmId}", "801TFIXTURE");
            CanonicalOrder order = Json.read(mapTree(crm).toString(), CanonicalOrder.class);
            assertThat(errors(canonicalSchema, Json.write(complete(order)))).as(fixture).isEmpty();
        }
    }

    @Test
    void the_schema_check_is_real_it_rejects_a_broken_canonical_order() {
        ObjectNode broken = Json.mapper().valueToTree(complete(map("crm-order-full.json")));
        broken.put("currency", "usd");
        broken.put("receivedAt", "yesterday");
        ((ObjectNode) broken.path("lines").get(0)).put("quantity", 0);
        ((ObjectNode) broken.path("lines").get(1)).remove("sku");

        assertThat(errors(canonicalSchema, broken.toString()))
                .extracting(m -> m.getInstanceLocation().toString())
                .containsExactlyInAnyOrder("/currency", "/receivedAt", "/lines/0/quantity", "/lines/1");
    }

    @Test
    void order_events_serialise_to_valid_order_event_1_0() {
        CanonicalOrder order = complete(map("crm-order-full.json"));
        ErpOutcomes outcomes = new ErpOutcomes(Clock.fixed(NOW, ZoneOffset.UTC));
        List<OrderEvent> events = List.of(
                OrderIntake.event(order, OrderEvent.ORDER_RECEIVED, OrderStatus.RECEIVED, List.of(), NOW),
                OrderIntake.event(order, OrderEvent.ORDER_REJECTED, OrderStatus.REJECTED,
                        List.of(new OrderEvent.Reason("UNKNOWN_LEGAL_ENTITY", "legal entity 'ZZ99' is not configured")),
                        NOW),
                outcomes.outcome(order, "NA-100001", List.of(), List.of(
                        new OrderEvent.LineOutcome(1, "ACCEPTED", null, null),
                        new OrderEvent.LineOutcome(2, "REJECTED", "UNKNOWN_SKU", "SKU SKU-200 is not in the item master"),
                        new OrderEvent.LineOutcome(10, "ACCEPTED", null, null))),
                outcomes.outcome(order, null, List.of(new OrderEvent.Reason("CREDIT_HOLD", "customer on hold")),
                        List.of()),
                outcomes.failed(order, "delivery failed; kept as dead letter 7"));

        assertThat(events).extracting(OrderEvent::status).containsExactly(OrderStatus.RECEIVED, OrderStatus.REJECTED,
                OrderStatus.PARTIALLY_ACCEPTED, OrderStatus.REJECTED, OrderStatus.FAILED);
        for (OrderEvent event : events) {
            String json = Json.write(event);
            assertThat(errors(eventSchema, json)).as(json).isEmpty();
            assertThat(json).doesNotContain("null");
            assertThat(Json.read(json, OrderEvent.class)).as("round trip").isEqualTo(event);
        }
        JsonNode accepted = Json.mapper().valueToTree(events.get(2));
        assertThat(accepted.path("crmOrderId").asText()).isEqualTo("801T000000MAP001");
        assertThat(accepted.path("occurredAt").asText()).isEqualTo("2026-11-23T10:15:30Z");
        assertThat(accepted.path("eventId").asText()).isEqualTo(order.orderId() + ":OrderAccepted");
    }

    @Test
    void the_event_schema_check_is_real_it_rejects_a_broken_event() {
        ObjectNode event = Json.mapper().valueToTree(OrderIntake.event(complete(map("crm-order-full.json")),
                OrderEvent.ORDER_RECEIVED, OrderStatus.RECEIVED, List.of(), NOW));
        event.put("type", "OrderTeleported");
        event.remove("occurredAt");
        assertThat(errors(eventSchema, event.toString())).hasSize(2);
    }

    /**
     * camel-jslt's option is named the other way round from what one might read into it: decimals stay exact only
     * with {@code mapBigDecimalAsFloats=true} (it switches on Jackson's USE_BIG_DECIMAL_FOR_FLOATS when reading).
     */
    @Test
    void camel_jslt_keeps_decimals_exact_only_with_mapBigDecimalAsFloats_true() throws Exception {
        String crm = fixture("crm-order-full.json");
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("jsonMapper", Json.mapper());
            camel.start();
            String uri = "jslt:file:mappings/crm-order-to-canonical.jslt?contentCache=false&mapBigDecimalAsFloats=";
            // as routes/order-intake-rest.camel.yaml configures it
            String exact = camel.createProducerTemplate().requestBody(uri + "true&objectMapper=#jsonMapper", crm,
                    String.class);
            String floats = camel.createProducerTemplate().requestBody(uri + "false", crm, String.class);

            BigDecimal exactPrice = Json.read(exact, CanonicalOrder.class).lines().get(2).unitPrice();
            BigDecimal floatPrice = Json.read(floats, CanonicalOrder.class).lines().get(2).unitPrice();
            assertThat(exactPrice).isEqualByComparingTo("1234567890.123456789");
            assertThat(floatPrice).isNotEqualByComparingTo("1234567890.123456789");
            assertThat(Json.read(exact, CanonicalOrder.class)).isEqualTo(map("crm-order-full.json"));
        }
    }

    // ------------------------------------------------------------------ helpers

    /** As the route does it: exact decimals in, JSLT, canonical order out. */
    private static CanonicalOrder map(String fixture) {
        return Json.read(mapTree(fixture(fixture)).toString(), CanonicalOrder.class);
    }

    private static JsonNode mapTree(String crmJson) {
        try {
            return mapping.apply(Json.mapper().readTree(crmJson));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CanonicalOrder complete(CanonicalOrder mapped) {
        return mapped.completed("ord-" + UUID.randomUUID(), "corr-map-1", NOW,
                mapped.legalEntity() == null ? "DE01" : mapped.legalEntity());
    }

    private static String fixture(String name) {
        return read(Path.of("src/test/resources/mapping", name));
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonSchema schema(String resource) throws IOException {
        try (InputStream in = CrmOrderMappingTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        }
    }

    private static Set<ValidationMessage> errors(JsonSchema schema, String json) {
        try {
            return schema.validate(Json.mapper().readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
