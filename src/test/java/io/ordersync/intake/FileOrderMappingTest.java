package io.ordersync.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.LegalEntities;
import io.ordersync.order.LegalEntityResolver;
import io.ordersync.order.OrderIntake;
import io.ordersync.support.Json;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The three file formats through the real mappings in {@code mappings/} and the business rules of the common intake
 * (nothing is stored here): the demo files of each format give the same canonical orders, decimals stay exact,
 * and a refusal names the file, the place in it, the field and the value.
 */
class FileOrderMappingTest {

    private static final Path DEMO = Path.of("src/main/resources/demo/files");

    private static FileOrderIntake intake;

    @BeforeAll
    static void compileMappings() {
        LegalEntities entities = LegalEntities.load(Path.of("mappings/legal-entities.yaml"), UnaryOperator.identity());
        OrderIntake orders = new OrderIntake(null, null, new LegalEntityResolver(entities), Clock.systemUTC());
        intake = new FileOrderIntake(orders, null, Path.of("mappings"), 1_000_000);
    }

    @Test
    void a_csv_file_gives_one_canonical_order_per_po_number() throws IOException {
        List<CanonicalOrder> orders = prepare("orders-2026-11-23.csv");

        assertThat(orders).hasSize(2);
        CanonicalOrder us = orders.get(0);
        assertThat(us.source()).isEqualTo(new CanonicalOrder.Source("FILE", "FILE", "NA-20001", "PO-F-1001"));
        assertThat(us.customerPurchaseOrder()).isEqualTo("PO-F-1001");
        assertThat(us.legalEntity()).isEqualTo("US01");
        assertThat(us.customer()).isEqualTo(new CanonicalOrder.Customer(null, "NA-20001", "Test Hardware Inc."));
        assertThat(us.currency()).isEqualTo("USD");
        assertThat(us.orderDate()).hasToString("2026-11-23");
        assertThat(us.shipTo()).isEqualTo(new CanonicalOrder.Party("Test Hardware Inc.", "1 Main St", "Springfield",
                "IL", "62701", "US"));
        assertThat(us.terms()).isEqualTo(new CanonicalOrder.Terms("NET30", null));
        assertThat(us.lines()).extracting(CanonicalOrder.Line::sku).containsExactly("SKU-100", "SKU-200");
        assertThat(us.lines().get(0).description()).isEqualTo("Widget, blue");
        assertThat(us.lines().get(0).unitPrice()).isEqualTo(new BigDecimal("10.10"));
        assertThat(us.lines().get(1).quantity()).isEqualTo(new BigDecimal("2.5"));
        assertThat(us.lines().get(1).unitOfMeasure()).isEqualTo("KG");

        CanonicalOrder de = orders.get(1);
        assertThat(de.legalEntity()).isEqualTo("DE01");
        assertThat(de.shipTo().city()).isEqualTo("Köln");
        assertThat(de.lines().get(0).description()).isEqualTo("Schraube \"M8\"");
        assertThat(de.lines().get(0).unitPrice()).isEqualTo(new BigDecimal("0.045"));
    }

    @Test
    void the_same_orders_as_csv_json_and_xml_map_to_the_same_canonical_orders() throws IOException {
        List<CanonicalOrder> csv = prepare("orders-2026-11-23.csv");
        List<CanonicalOrder> json = prepare("orders-2026-11-24.json");
        List<CanonicalOrder> xml = prepare("orders-2026-11-25.xml");

        for (int i = 0; i < 2; i++) {
            assertThat(comparable(json.get(i))).as("JSON order %d", i).isEqualTo(comparable(csv.get(i)));
            assertThat(comparable(xml.get(i))).as("XML order %d", i).isEqualTo(comparable(csv.get(i)));
        }
        assertThat(xml.get(1).source().externalId()).isEqualTo("PO-F-3002");
    }

    @Test
    void decimals_of_any_length_stay_exact_in_every_format() {
        String csv = "po_number,customer_number,currency,sku,quantity,unit_price\n"
                + "PO-D,NA-1,USD,A,10.0,1234567.123456\n";
        String xml = "<order><poNumber>PO-D</poNumber><customer><number>NA-1</number></customer>"
                + "<currency>USD</currency><lines><line><sku>A</sku><quantity>10.0</quantity>"
                + "<unitPrice>1234567.123456</unitPrice></line></lines></order>";
        String json = "{\"poNumber\": \"PO-D\", \"customer\": {\"number\": \"NA-1\"}, \"currency\": \"USD\","
                + " \"lines\": [{\"sku\": \"A\", \"quantity\": 10.0, \"unitPrice\": 1234567.123456}]}";

        for (String[] file : List.of(new String[] {"d.csv", csv}, new String[] {"d.xml", xml},
                new String[] {"d.json", json})) {
            List<String> mapped = intake.prepare(file[0], file[1].getBytes(StandardCharsets.UTF_8));
            assertThat(mapped.get(0)).as(file[0]).contains("\"unitPrice\":1234567.123456")
                    .contains("\"quantity\":10.0");
            CanonicalOrder order = Json.read(mapped.get(0), CanonicalOrder.class);
            assertThat(order.lines().get(0).unitPrice()).isEqualTo(new BigDecimal("1234567.123456"));
            assertThat(order.lines().get(0).lineNumber()).as("line number from the position").isEqualTo(1);
        }
    }

    @Test
    void the_mapped_orders_are_valid_canonical_order_1_0() throws IOException {
        var factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        try (InputStream in = getClass().getResourceAsStream("/schema/canonical-order-1.0.schema.json")) {
            var schema = factory.getSchema(in);
            for (String file : List.of("orders-2026-11-23.csv", "orders-2026-11-24.json", "orders-2026-11-25.xml")) {
                for (CanonicalOrder order : prepare(file)) {
                    CanonicalOrder completed = order.completed("ord-" + java.util.UUID.randomUUID(), "corr-1", Instant.now(), order.legalEntity());
                    assertThat(schema.validate(Json.mapper().valueToTree(completed))).as(file).isEmpty();
                }
            }
        }
    }

    @Test
    void a_bad_value_is_refused_with_file_line_field_and_value() {
        String csv = "po_number,customer_number,currency,sku,quantity,unit_price\n"
                + "PO-1,NA-1,USD,A,5,10.10\n"
                + "PO-1,,,B,\"2,5\",3.30\n";

        assertThatThrownBy(() -> intake.prepare("bad.csv", csv.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(FileOrderIntake.FileOrderRejectedException.class)
                .hasMessage("bad.csv: refused, nothing stored; 1 problem in 1 order: lines 2, 3 (PO PO-1):"
                        + " lines[1].quantity (line 3): '2,5' is not a decimal number (digits with a dot as the"
                        + " decimal separator, e.g. 12.50)");
    }

    @Test
    void every_problem_of_every_order_is_listed_and_no_order_is_returned() {
        String csv = "po_number,customer_number,currency,order_date,sku,quantity,unit_price\n"
                + "PO-1,NA-1,USD,2026-11-23,A,5,10.10\n"
                + "PO-2,NA-1,US,23.11.2026,,0,1\n"
                + "PO-3,,EUR,2026-11-23,C,1,1\n";

        assertThatThrownBy(() -> intake.prepare("mixed.csv", csv.getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("mixed.csv: refused, nothing stored; 2 problems in 3 orders:")
                .hasMessageContaining("line 3 (PO PO-2): orderDate: '23.11.2026' is not a date (YYYY-MM-DD)")
                .hasMessageContaining("line 4 (PO PO-3): customer: needs a CRM account id or an ERP customer number");

        String fixedDate = csv.replace("23.11.2026", "2026-11-23");
        assertThatThrownBy(() -> intake.prepare("mixed.csv", fixedDate.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("line 3 (PO PO-2): currency: must be an ISO 4217 code, was 'US'")
                .hasMessageContaining("line 3 (PO PO-2): lines[0].sku (line 3): is required")
                .hasMessageContaining("line 3 (PO PO-2): lines[0].quantity (line 3): must be greater than zero");
    }

    @Test
    void an_xml_problem_names_the_order_and_the_line_element() {
        String xml = "<orders>\n<order>\n<poNumber>PO-X</poNumber><customer><number>NA-1</number></customer>\n"
                + "<currency>USD</currency>\n<lines>\n<line><sku>A</sku><quantity>1</quantity></line>\n"
                + "<line><sku>B</sku><quantity>1</quantity><unitPrice>1.2.3</unitPrice></line>\n"
                + "</lines>\n</order>\n</orders>";

        assertThatThrownBy(() -> intake.prepare("x.xml", xml.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("x.xml: refused, nothing stored; 1 problem in 1 order: order 1 (line 2)"
                        + " (PO PO-X): lines[1].unitPrice (line 7): '1.2.3' is not a decimal number");
    }

    @Test
    void the_same_order_twice_in_one_file_is_refused() {
        String json = "[{\"poNumber\": \"PO-1\", \"customer\": {\"number\": \"NA-1\"}, \"currency\": \"USD\","
                + " \"lines\": [{\"sku\": \"A\", \"quantity\": 1}]},\n"
                + " {\"poNumber\": \"PO-1\", \"customer\": {\"number\": \"NA-1\"}, \"currency\": \"USD\","
                + " \"lines\": [{\"sku\": \"B\", \"quantity\": 1}]}]";

        assertThatThrownBy(() -> intake.prepare("twice.json", json.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("order 2 (line 2) (PO PO-1): repeats the order at order 1 (line 1)");
    }

    @Test
    void unreadable_files_are_refused_with_the_readers_reason() {
        assertThatThrownBy(() -> intake.prepare("orders.txt", new byte[] {1}))
                .hasMessageContaining("orders.txt: unknown file type");
        assertThatThrownBy(() -> intake.prepare("latin1.csv", new byte[] {'p', 'o', '_', 'n', 'u', 'm', 'b', 'e', 'r',
                '\n', 'K', (byte) 0xF6, 'l', 'n', '\n'}))
                .hasMessage("latin1.csv: the file is not UTF-8 text");
        assertThatThrownBy(() -> intake.prepare("evil.xml",
                "<!DOCTYPE order [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><order>&x;</order>"
                        .getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("evil.xml: line 1: a DOCTYPE declaration is not accepted");
    }

    private static List<CanonicalOrder> prepare(String demoFile) throws IOException {
        return intake.prepare(demoFile, Files.readAllBytes(DEMO.resolve(demoFile))).stream()
                .map(json -> Json.read(json, CanonicalOrder.class)).toList();
    }

    /** The order without what differs between the demo files on purpose (PO number, dates). */
    private static CanonicalOrder comparable(CanonicalOrder order) {
        return new CanonicalOrder(null, null, null, null,
                new CanonicalOrder.Source(order.source().channel(), order.source().system(), order.source().partner(),
                        null), order.legalEntity(), order.customer(), null, order.soldTo(), order.billTo(),
                order.shipTo(), order.currency(), null, null,
                order.lines().stream().map(l -> new CanonicalOrder.Line(l.lineNumber(), l.sku(),
                        l.customerPartNumber(), l.gtin(), l.description(), l.quantity(), l.unitOfMeasure(),
                        l.unitPrice(), null)).toList(),
                order.totals(), order.terms(), order.notes());
    }
}
