package io.ordersync.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.Parser;
import io.ordersync.support.Json;
import io.ordersync.order.CanonicalOrder;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The eCommerce topic's contract ({@code schema/ecommerce-order-1.0.schema.json}) and its mapping
 * ({@code mappings/ecommerce-order-to-canonical.jslt}), on the documented example record.
 */
class EcommerceOrderMappingTest {

    private static Expression mapping;
    private static JsonSchema schema;

    @BeforeAll
    static void load() throws IOException {
        mapping = Parser.compileString(Files.readString(Path.of("mappings/ecommerce-order-to-canonical.jslt"),
                StandardCharsets.UTF_8));
        try (InputStream in = EcommerceOrderMappingTest.class.getResourceAsStream(
                "/schema/ecommerce-order-1.0.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    @Test
    void the_documented_example_matches_the_schema_and_maps_to_a_canonical_order() throws IOException {
        JsonNode record = example();
        assertThat(schema.validate(record)).isEmpty();

        CanonicalOrder order = Json.read(mapping.apply(record).toString(), CanonicalOrder.class);

        assertThat(order.source()).isEqualTo(new CanonicalOrder.Source("KAFKA", "ECOMMERCE", "webshop-us", "WEB-100045"));
        assertThat(order.legalEntity()).as("left to the customer rules").isNull();
        assertThat(order.customer()).isEqualTo(new CanonicalOrder.Customer(null, "NA-20001", "Test Hardware Inc."));
        assertThat(order.customerPurchaseOrder()).isEqualTo("PO-WEB-77");
        assertThat(order.shipTo()).isEqualTo(new CanonicalOrder.Party("Test Hardware Inc. - Dock 4",
                "1 Main St, Building B", "Springfield", "IL", "62701", "US"));
        assertThat(order.billTo()).isNull();
        assertThat(order.orderDate()).hasToString("2026-11-23");
        assertThat(order.terms().paymentTerms()).isEqualTo("PREPAID");
        assertThat(order.notes()).isEqualTo("Leave at dock 4");
        assertThat(order.lines()).extracting(CanonicalOrder.Line::lineNumber).containsExactly(1, 2);
        assertThat(order.lines().get(0).description()).isEqualTo("Widget, blue");
        assertThat(order.lines().get(0).unitPrice()).isEqualTo(new BigDecimal("10.10"));
        assertThat(order.lines().get(1).quantity()).isEqualTo(new BigDecimal("2.5"));
        assertThat(order.lines().get(1).unitOfMeasure()).isEqualTo("KG");
    }

    @Test
    void decimals_pass_through_the_mapping_exactly() throws IOException {
        ObjectNode record = example();
        ((ObjectNode) record.path("items").get(0)).put("unitPrice", new BigDecimal("1234567890.123456789"));

        String mapped = mapping.apply(record).toString();

        assertThat(mapped).contains("\"unitPrice\":1234567890.123456789");
    }

    @Test
    void the_schema_refuses_records_that_can_never_be_orders() throws IOException {
        ObjectNode noNumber = example();
        noNumber.remove("orderNumber");
        ObjectNode textQuantity = example();
        ((ObjectNode) textQuantity.path("items").get(0)).put("quantity", "five");
        ObjectNode noItems = example();
        noItems.putArray("items");

        assertThat(schema.validate(noNumber)).extracting(m -> m.getMessage()).anyMatch(m -> m.contains("orderNumber"));
        assertThat(schema.validate(textQuantity)).extracting(m -> m.getInstanceLocation().toString())
                .contains("$.items[0].quantity");
        assertThat(schema.validate(noItems)).extracting(m -> m.getInstanceLocation().toString()).contains("$.items");
    }

    private static ObjectNode example() throws IOException {
        return (ObjectNode) Json.mapper().readTree(Files.readString(
                Path.of("src/main/resources/demo/files/ecommerce-order.json"), StandardCharsets.UTF_8));
    }
}
