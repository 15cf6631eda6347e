package io.ordersync.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV text to one JSON tree per PO number: grouping, RFC 4180 quoting, and refusals that name the line. */
class CsvOrderReaderTest {

    @Test
    void rows_are_grouped_by_po_number_into_orders_with_their_lines() {
        List<SourceOrder> orders = CsvOrderReader.read("""
                po_number,currency,sku,quantity,unit_price
                PO-1,USD,A,5,10.10
                PO-2,EUR,C,1,2
                PO-1,,B,2.5,3.30
                """);

        assertThat(orders).hasSize(2);
        JsonNode first = orders.get(0).tree();
        assertThat(first.path("po_number").asText()).isEqualTo("PO-1");
        assertThat(first.path("currency").asText()).isEqualTo("USD");
        assertThat(first.path("lines")).hasSize(2);
        assertThat(first.path("lines").get(1).path("sku").asText()).isEqualTo("B");
        assertThat(first.path("lines").get(1).path("quantity").asText()).as("values stay text").isEqualTo("2.5");
        assertThat(first.has("sku")).as("line columns are not order fields").isFalse();
        assertThat(orders.get(0).position()).isEqualTo("lines 2, 4");
        assertThat(orders.get(0).linePositions()).containsExactly("line 2", "line 4");
        assertThat(orders.get(1).position()).isEqualTo("line 3");
        assertThat(orders.get(1).tree().path("currency").asText()).isEqualTo("EUR");
    }

    @Test
    void quoted_fields_keep_commas_quotes_and_line_breaks_and_header_names_ignore_case() {
        List<SourceOrder> orders = CsvOrderReader.read("\uFEFFPO_Number,Notes,SKU,Description\r\n"
                + "PO-9,\"deliver, please\",A,\"Schraube \"\"M8\"\"\"\r\n"
                + "PO-9,,B,\"two\r\nlines\"\r\n"
                + "PO-10,,C,x\r\n");

        JsonNode order = orders.get(0).tree();
        assertThat(order.path("notes").asText()).isEqualTo("deliver, please");
        assertThat(order.path("lines").get(0).path("description").asText()).isEqualTo("Schraube \"M8\"");
        assertThat(order.path("lines").get(1).path("description").asText()).isEqualTo("two\r\nlines");
        assertThat(orders.get(1).position()).as("line numbers count the break inside the quotes").isEqualTo("line 5");
    }

    @Test
    void empty_values_and_blank_lines_are_left_out() {
        List<SourceOrder> orders = CsvOrderReader.read("po_number,gtin,sku\n\nPO-1,,A\n\n");

        assertThat(orders).hasSize(1);
        assertThat(orders.get(0).tree().path("lines").get(0).has("gtin")).isFalse();
    }

    @Test
    void a_row_with_the_wrong_number_of_fields_is_refused_with_its_line() {
        assertThatThrownBy(() -> CsvOrderReader.read("po_number,sku,quantity\nPO-1,A,1\nPO-1,B\n"))
                .isInstanceOf(OrderFileException.class)
                .hasMessage("line 3: 2 fields, but the header row has 3 columns");
    }

    @Test
    void order_columns_that_disagree_within_one_order_are_refused() {
        assertThatThrownBy(() -> CsvOrderReader.read("po_number,currency,sku\nPO-1,USD,A\nPO-1,EUR,B\n"))
                .isInstanceOf(OrderFileException.class)
                .hasMessageContaining("line 3: currency 'EUR' differs from 'USD' on line 2")
                .hasMessageContaining("po_number PO-1");
    }

    @Test
    void a_file_without_po_number_column_or_with_an_empty_one_is_refused() {
        assertThatThrownBy(() -> CsvOrderReader.read("order,sku\n1,A\n"))
                .hasMessageContaining("line 1: the header row has no 'po_number' column");
        assertThatThrownBy(() -> CsvOrderReader.read("po_number,sku\n ,A\n"))
                .hasMessage("line 2: po_number is empty");
        assertThatThrownBy(() -> CsvOrderReader.read("po_number,sku\n"))
                .hasMessageContaining("no order lines");
        assertThatThrownBy(() -> CsvOrderReader.read("")).hasMessageContaining("empty");
    }

    @Test
    void broken_quoting_is_refused_with_its_line() {
        assertThatThrownBy(() -> CsvOrderReader.read("po_number,sku\nPO-1,\"A\nPO-2,B\n"))
                .hasMessage("line 2: a quoted field is never closed");
        assertThatThrownBy(() -> CsvOrderReader.read("po_number,sku\nPO-1,A\"B\n"))
                .hasMessageContaining("line 2: a double quote inside an unquoted field");
        assertThatThrownBy(() -> CsvOrderReader.read("po_number,sku,sku\nPO-1,A,B\n"))
                .hasMessageContaining("column 'sku' appears twice");
    }

    @Test
    void lines_are_counted_across_blank_lines_and_blank_only_lines_are_skipped() {
        List<SourceOrder> orders = CsvOrderReader.read("po_number,sku\n\nPO-1,A\n   \r\n\r\nPO-2,B\n");

        assertThat(orders).hasSize(2);
        assertThat(orders.get(0).position()).isEqualTo("line 3");
        assertThat(orders.get(1).position()).isEqualTo("line 6");
    }

    @Test
    void blanks_around_a_quoted_field_are_allowed() {
        List<SourceOrder> orders = CsvOrderReader.read("po_number,sku,description\nPO-1, \"A, B\" ,\"x \"\"y\"\"\"\n");

        JsonNode line = orders.get(0).tree().path("lines").get(0);
        assertThat(line.path("sku").asText()).isEqualTo("A, B");
        assertThat(line.path("description").asText()).isEqualTo("x \"y\"");
    }

    @Test
    void broken_quoting_further_down_names_the_line_it_is_on() {
        assertThatThrownBy(() -> CsvOrderReader.read("po_number,sku\nPO-1,A\n\nPO-2,\"B\n"))
                .hasMessage("line 4: a quoted field is never closed");
        assertThatThrownBy(() -> CsvOrderReader.read("po_number,sku\nPO-1,A\nPO-2,\"B\"C\n"))
                .hasMessage("line 3: text after the closing quote of a field");
        assertThatThrownBy(() -> CsvOrderReader.read("po_number,sku,description\nPO-1,A,\"two\nlines\"\nPO-2,B\"C,x\n"))
                .hasMessageStartingWith("line 4: a double quote inside an unquoted field");
    }
}
