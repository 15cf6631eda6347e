package io.ordersync.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** XML to one JSON tree per order, parsed safely: DOCTYPEs, entities and deep nesting are refused. */
class XmlOrderReaderTest {

    @Test
    void orders_become_json_trees_with_text_values_and_the_place_of_each_line() {
        List<SourceOrder> orders = read("""
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- a comment before the root is fine -->
                <orders xmlns="urn:ordersync:order-file:1">
                  <order>
                    <poNumber>PO-1</poNumber>
                    <customer><number>NA-1</number></customer>
                    <notes/>
                    <lines>
                      <line><sku>A</sku><quantity>5</quantity></line>
                      <line><sku>B</sku><quantity>2.50</quantity></line>
                    </lines>
                  </order>
                  <order id="x-2">
                    <poNumber>PO-2</poNumber>
                    <lines><line><sku>C &amp; D</sku><description><![CDATA[<b>bold</b>]]></description></line></lines>
                  </order>
                </orders>
                """);

        assertThat(orders).hasSize(2);
        JsonNode first = orders.get(0).tree();
        assertThat(first.path("poNumber").asText()).isEqualTo("PO-1");
        assertThat(first.path("customer").path("number").asText()).isEqualTo("NA-1");
        assertThat(first.get("notes").isNull()).as("an empty element is null").isTrue();
        assertThat(first.path("lines").path("line")).hasSize(2);
        assertThat(first.path("lines").path("line").get(1).path("quantity").asText()).isEqualTo("2.50");
        assertThat(orders.get(0).position()).isEqualTo("order 1 (line 4)");
        assertThat(orders.get(0).linePositions()).containsExactly("line 9", "line 10");

        JsonNode second = orders.get(1).tree();
        assertThat(second.path("id").asText()).as("attributes are fields").isEqualTo("x-2");
        assertThat(second.path("lines").path("line").isObject()).as("a single line is an object").isTrue();
        assertThat(second.path("lines").path("line").path("sku").asText()).isEqualTo("C & D");
        assertThat(second.path("lines").path("line").path("description").asText()).isEqualTo("<b>bold</b>");
    }

    @Test
    void a_single_order_root_is_one_order() {
        List<SourceOrder> orders = read("<order><poNumber>PO-7</poNumber></order>");

        assertThat(orders).hasSize(1);
        assertThat(orders.get(0).tree().path("poNumber").asText()).isEqualTo("PO-7");
    }

    @Test
    void an_external_entity_is_refused_and_the_file_it_names_is_never_read(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE order [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<order><poNumber>&xxe;</poNumber></order>";

        assertThatThrownBy(() -> read(xxe))
                .isInstanceOf(OrderFileException.class)
                .hasMessageContaining("line 2: a DOCTYPE declaration is not accepted")
                .hasMessageNotContaining("TOP-SECRET-CONTENT");
    }

    @Test
    void a_billion_laughs_document_is_refused_before_any_expansion() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            xml.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
                    .append("\">\n");
        }
        xml.append("]>\n<order><poNumber>&lol9;</poNumber></order>");

        long started = System.nanoTime();
        assertThatThrownBy(() -> read(xml.toString()))
                .isInstanceOf(OrderFileException.class)
                .hasMessageContaining("DOCTYPE declaration is not accepted");
        assertThat((System.nanoTime() - started) / 1_000_000).as("refused at once, not expanded").isLessThan(2000);
    }

    @Test
    void an_undeclared_entity_reference_is_refused() {
        assertThatThrownBy(() -> read("<order><poNumber>&nbsp;</poNumber></order>"))
                .isInstanceOf(OrderFileException.class)
                .hasMessageContaining("line 1");
    }

    @Test
    void malformed_xml_and_unexpected_structure_are_refused_with_the_line() {
        assertThatThrownBy(() -> read("<orders>\n<order>\n<poNumber>PO-1</poNumber>\n</orders>"))
                .hasMessageContaining("line 4").hasMessageContaining("not well-formed XML");
        assertThatThrownBy(() -> read("<invoice/>"))
                .hasMessageContaining("the root element is <invoice>");
        assertThatThrownBy(() -> read("<orders>\n<order/>\n<note>x</note>\n</orders>"))
                .hasMessageContaining("line 3: <orders> holds only <order> elements, found <note>");
        assertThatThrownBy(() -> read("<order>" + "<a>".repeat(40) + "</a>".repeat(40) + "</order>"))
                .isInstanceOf(OrderFileException.class);
    }

    private static List<SourceOrder> read(String xml) {
        return XmlOrderReader.read(xml.getBytes(StandardCharsets.UTF_8));
    }
}
