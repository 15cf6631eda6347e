package io.ordersync.bench;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.Parser;
import io.ordersync.support.Json;
import io.ordersync.bench.MappingBenchmark.Mappings;
import io.ordersync.bench.MappingBenchmark.Orders;
import io.ordersync.bench.MappingBenchmark.ReusableJsonata;
import io.ordersync.order.CanonicalOrder;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSONata twin (src/test/resources/bench/crm-order-to-canonical.jsonata) and the hand-written Java baseline
 * map every demo order exactly as the runtime's JSLT mapping does, so {@link MappingBenchmark} compares equal work.
 * The JSLT reference is the camel-jslt endpoint itself, with the intake route's options.
 */
class MappingEquivalenceTest {

    /** Output trees with decimals kept as written: 18.40 and 18.4 are different here. */
    private static final ObjectMapper EXACT_TREE = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private static CamelContext camel;
    private static ProducerTemplate template;
    private static String runtimeUri;
    private static Expression jslt;
    private static ReusableJsonata jsonata;

    @BeforeAll
    static void start() {
        camel = Mappings.camelForRuntimeJslt();
        camel.start();
        template = camel.createProducerTemplate();
        runtimeUri = Mappings.runtimeJsltUri();
        jslt = Mappings.compileJslt(Mappings.jsltSource());
        jsonata = new ReusableJsonata(Mappings.jsonataSource());
    }

    @AfterAll
    static void stop() {
        camel.stop();
    }

    static Stream<Arguments> crmOrders() throws IOException {
        List<Path> demo;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/demo"))) {
            demo = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(demo).hasSizeGreaterThanOrEqualTo(5);
        Stream<Arguments> demoOrders = demo.stream()
                .map(f -> Arguments.of("demo/" + f.getFileName(), read(f)));
        return Stream.concat(demoOrders, Stream.of(
                Arguments.of("benchmark 50-line order", Orders.crmOrder(50)),
                Arguments.of("empty strings, no account, no addresses", """
                        {"Id": "801EDGE", "AccountId": "001EDGE", "CurrencyIsoCode": "EUR",
                         "Description": "", "PoNumber": "",
                         "OrderItems": {"records": [
                           {"Product2": {"ProductCode": "X-1"}, "Description": "", "Unit_Of_Measure__c": "",
                            "Quantity": 1, "UnitPrice": 0}
                         ]}}
                        """)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crmOrders")
    void jsonataAndJavaMapEveryOrderExactlyAsTheRuntimeJslt(String name, String crmOrder) throws IOException {
        String runtime = template.requestBody(runtimeUri, crmOrder, String.class);

        // what the benchmark times as "jslt" is byte for byte what the route produces
        assertThat(Mappings.jslt(jslt, crmOrder)).isEqualTo(runtime);

        String viaJsonata = Mappings.jsonata(jsonata, crmOrder);
        String viaJava = Mappings.java(crmOrder);
        JsonNode expected = EXACT_TREE.readTree(runtime);
        assertThat(EXACT_TREE.readTree(viaJsonata)).as("JSONata output tree").isEqualTo(expected);
        assertThat(EXACT_TREE.readTree(viaJava)).as("Java baseline output tree").isEqualTo(expected);

        // and the canonical order the runtime reads from it; records compare BigDecimal with equals (scale too)
        CanonicalOrder reference = Json.read(runtime, CanonicalOrder.class);
        assertThat(Json.read(viaJsonata, CanonicalOrder.class)).isEqualTo(reference);
        assertThat(Json.read(viaJava, CanonicalOrder.class)).isEqualTo(reference);

        // not vacuously equal: every CRM line is there
        int records = EXACT_TREE.readTree(crmOrder).path("OrderItems").path("records").size();
        assertThat(reference.lines()).hasSize(records);
        assertThat(reference.lines()).allSatisfy(line -> {
            assertThat(line.sku()).isNotBlank();
            assertThat(line.unitPrice()).isNotNull();
            assertThat(line.unitOfMeasure()).isNotBlank();
        });
        assertThat(reference.source().externalId()).isNotBlank();
    }

    @Test
    void explicitJsonNullsGiveTheSameCanonicalOrder() {
        // the schema allows null for the optional fields; JSLT drops null keys, JSONata keeps them,
        // and the canonical order (NON_NULL) cannot tell the difference
        String crmOrder = """
                {"Id": "801NULLS", "AccountId": "001NULLS", "Account": {"Name": "Null Corp"},
                 "Legal_Entity__c": null, "CurrencyIsoCode": "USD", "Requested_Delivery_Date__c": null,
                 "PoNumber": null, "Payment_Terms__c": null, "Incoterms__c": "FCA", "Description": null,
                 "BillingAddress": null, "ShippingAddress": {"street": null, "city": "Austin", "state": "TX"},
                 "OrderItems": {"records": [
                   {"OrderItemNumber": "0000000007", "Product2": {"ProductCode": "N-1", "Name": "Nullable"},
                    "Customer_Part_Number__c": null, "GTIN__c": null, "Description": null,
                    "Quantity": 2, "Unit_Of_Measure__c": null, "UnitPrice": 1.25, "ServiceDate": null}
                 ]}}
                """;
        CanonicalOrder reference = Json.read(
                template.requestBody(runtimeUri, crmOrder, String.class), CanonicalOrder.class);
        assertThat(Json.read(Mappings.jsonata(jsonata, crmOrder), CanonicalOrder.class)).isEqualTo(reference);
        assertThat(Json.read(Mappings.java(crmOrder), CanonicalOrder.class)).isEqualTo(reference);
        assertThat(reference.lines().get(0).unitOfMeasure()).isEqualTo("EA");
        assertThat(reference.lines().get(0).lineNumber()).isEqualTo(7);
        assertThat(reference.billTo()).isNull();
        assertThat(reference.shipTo().city()).isEqualTo("Austin");
    }

    /**
     * Pins the precision behaviour reported in docs/performance.md. Neither engine does decimal arithmetic;
     * what survives is decided by how the CRM JSON is parsed before the mapping.
     */
    @Test
    void precisionOfMoneyValuesThroughEachEngine() throws IOException {
        BigDecimal big = new BigDecimal("12345678901234567.89");
        String crmOrder = """
                {"Id": "801PREC", "AccountId": "001PREC", "CurrencyIsoCode": "USD",
                 "OrderItems": {"records": [
                   {"OrderItemNumber": "1", "Product2": {"ProductCode": "BIG"}, "Quantity": 1, "UnitPrice": 12345678901234567.89},
                   {"OrderItemNumber": "2", "Product2": {"ProductCode": "TENTH"}, "Quantity": 1, "UnitPrice": 0.1},
                   {"OrderItemNumber": "3", "Product2": {"ProductCode": "FIFTH"}, "Quantity": 1, "UnitPrice": 0.20}
                 ]}}
                """;

        // the intake route (mapBigDecimalAsFloats=true, objectMapper=#jsonMapper): exact, scale included
        CanonicalOrder runtime = Json.read(template.requestBody(runtimeUri, crmOrder, String.class), CanonicalOrder.class);
        assertThat(runtime.lines()).extracting(CanonicalOrder.Line::unitPrice)
                .containsExactly(big, new BigDecimal("0.1"), new BigDecimal("0.20"));
        assertThat(runtime.completed("o", "c", Instant.EPOCH, "US01").totals().totalAmount())
                .isEqualTo(new BigDecimal("12345678901234568.19"));

        // camel-jslt's defaults (mapBigDecimalAsFloats=false, its own new ObjectMapper()): double, 17 digits at most
        CanonicalOrder camelDefaults = Json.read(template.requestBody(
                "jslt:file:" + Mappings.JSLT_MAPPING, crmOrder, String.class), CanonicalOrder.class);
        assertThat(camelDefaults.lines().get(0).unitPrice()).isEqualTo(new BigDecimal("1.2345678901234568E16"));
        // short decimals survive the double round trip (shortest repr), but not their scale
        assertThat(camelDefaults.lines().get(1).unitPrice()).isEqualTo(new BigDecimal("0.1"));
        assertThat(camelDefaults.lines().get(2).unitPrice()).isEqualTo(new BigDecimal("0.2"));

        // JSONata fed what camel-jsonata 4.17.0 parses a String body into (plain ObjectMapper): the same loss
        CanonicalOrder jsonataPlain = Json.read(
                Mappings.jsonata(jsonata, crmOrder, new ObjectMapper()), CanonicalOrder.class);
        assertThat(jsonataPlain.lines().get(0).unitPrice()).isEqualTo(new BigDecimal("1.2345678901234568E16"));
        // JSONata fed BigDecimal values (the runtime's parser) passes them through untouched, scale included
        CanonicalOrder jsonataExact = Json.read(Mappings.jsonata(jsonata, crmOrder), CanonicalOrder.class);
        assertThat(jsonataExact).isEqualTo(runtime);

        // arithmetic inside either mapping language is binary floating point, whatever the input parser
        String sum = "{\"a\": 0.1, \"b\": 0.2, \"p\": 12345678901234567.89}";
        Expression jsltSum = Parser.compileString("[.a + .b, .p * 3]");
        assertThat(jsltSum.apply(Json.mapper().readTree(sum)).toString())
                .isEqualTo("[0.30000000000000004,3.7037036703703704E16]");
        assertThat(Json.write(Jsonata.jsonata("[a + b, p * 3]").evaluate(Json.mapper().readValue(sum, Object.class))))
                .isEqualTo("[0.30000000000000004,37037036703703704]");
    }

    /**
     * Pins the jsonata 0.9.9 reuse defect that {@link ReusableJsonata} works around (docs/performance.md): a compiled
     * expression evaluated again and again starts each evaluation deeper in a chain of frames that is never freed.
     * When this fails after an engine upgrade, the workaround and the doc can go.
     */
    @Test
    void jsonata099ReusedAsIsStartsEachEvaluationDeeper() throws IOException {
        Object input = Json.mapper().readValue(Orders.crmOrder(2), Object.class);

        Jsonata asIs = Jsonata.jsonata(Mappings.jsonataSource());
        int before = ReusableJsonata.frameDepth(asIs);
        for (int i = 0; i < 20; i++) {
            asIs.evaluate(input);
        }
        assertThat(ReusableJsonata.frameDepth(asIs) - before).isGreaterThanOrEqualTo(20);

        ReusableJsonata reusable = new ReusableJsonata(Mappings.jsonataSource());
        int start = ReusableJsonata.frameDepth(reusable.expression());
        String first = Json.write(reusable.evaluate(input));
        for (int i = 0; i < 20; i++) {
            assertThat(Json.write(reusable.evaluate(input))).isEqualTo(first);
        }
        reusable.evaluate(input);
        assertThat(ReusableJsonata.frameDepth(reusable.expression())).isLessThanOrEqualTo(start + 3);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
