package io.ordersync.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JSON order files: one order or an array of orders, decimals exact, refusals with the line. */
class JsonOrderReaderTest {

    @Test
    void an_array_gives_one_order_per_element_with_exact_decimals() {
        List<SourceOrder> orders = read("""
                [
                  {"poNumber": "PO-1", "lines": [{"quantity": 10.0, "unitPrice": 1234567890.123456789}]},
                  {"poNumber": "PO-2"}
                ]""");

        assertThat(orders).hasSize(2);
        assertThat(orders.get(0).tree().path("lines").get(0).path("unitPrice").decimalValue())
                .isEqualTo(new BigDecimal("1234567890.123456789"));
        assertThat(orders.get(0).tree().path("lines").get(0).path("quantity").decimalValue().toPlainString())
                .isEqualTo("10.0");
        assertThat(orders.get(1).position()).isEqualTo("order 2 (line 3)");
    }

    @Test
    void a_single_object_is_one_order() {
        assertThat(read("{\"poNumber\": \"PO-1\"}")).hasSize(1);
    }

    @Test
    void broken_json_and_other_shapes_are_refused_with_the_line() {
        assertThatThrownBy(() -> read("[\n{\"poNumber\": \"PO-1\",}\n]"))
                .isInstanceOf(OrderFileException.class).hasMessageContaining("line 2").hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> read("[{\"poNumber\": \"PO-1\"},\n\"PO-2\"]"))
                .hasMessageContaining("line 2: element 2 of the array is not an order object");
        assertThatThrownBy(() -> read("\"PO-1\"")).hasMessageContaining("no JSON order");
        assertThatThrownBy(() -> read("{\"poNumber\": \"PO-1\"}\n{\"poNumber\": \"PO-2\"}"))
                .hasMessageContaining("line 2: content after the end");
    }

    private static List<SourceOrder> read(String json) {
        return JsonOrderReader.read(json.getBytes(StandardCharsets.UTF_8));
    }
}
