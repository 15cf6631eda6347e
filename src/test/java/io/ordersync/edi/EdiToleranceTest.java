package io.ordersync.edi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What real partner files do to the same clean 850 without changing its content: segments wrapped at a fixed width,
 * a line end as the segment terminator, control characters as delimiters. Each still reads as the one order.
 */
class EdiToleranceTest {

    private static final EdiInspector INSPECTOR = new EdiInspector(new EdiSpecs(Path.of("edi-specs")),
            new EdiOrderMapping(Path.of("mappings")));

    @Test
    void segments_wrapped_at_80_columns_with_crlf_inside_them_are_read_as_if_unwrapped() throws IOException {
        String flat = String.join("~", segments()) + "~";
        StringBuilder wrapped = new StringBuilder();
        for (int i = 0; i < flat.length(); i += 80) {
            wrapped.append(flat, i, Math.min(flat.length(), i + 80)).append("\r\n");
        }
        // the first break falls inside the ISA's time, ISA09
        assertThat(wrapped.toString()).contains("*101\r\n5*U*");

        assertIsTheCleanOrder(INSPECTOR.inspect("wrapped.x12", wrapped.toString().getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void a_line_end_as_the_segment_terminator_is_detected_from_the_isa() throws IOException {
        EdiReport report = INSPECTOR.inspect("lines.x12",
                (String.join("\n", segments()) + "\n").getBytes(StandardCharsets.US_ASCII));

        assertIsTheCleanOrder(report);
        assertThat(report.interchanges().get(0).delimiters()).containsEntry("segment", "0x0A");
    }

    @Test
    void control_characters_as_delimiters_are_detected_and_the_component_separator_is_no_error() throws IOException {
        // FS between segments, GS between elements, US between components, as some VAN translators write them
        String text = segments().stream().map(s -> s.replace('*', '\u001D').replace('>', '\u001F'))
                .collect(Collectors.joining("\u001C")) + "\u001C";

        EdiReport report = INSPECTOR.inspect("control.x12", text.getBytes(StandardCharsets.ISO_8859_1));

        assertIsTheCleanOrder(report);
        assertThat(report.interchanges().get(0).delimiters()).containsEntry("segment", "0x1C")
                .containsEntry("dataElement", "0x1D").containsEntry("componentElement", "0x1F");
        assertThat(report.warnings()).anyMatch(w -> w.contains("ISA16"));
    }

    private static void assertIsTheCleanOrder(EdiReport report) {
        assertThat(report.status()).as(report.toString()).isEqualTo(EdiReport.Status.ACCEPTED);
        List<EdiReport.Transaction> sets = report.interchanges().get(0).groups().get(0).transactions();
        assertThat(sets).hasSize(1);
        assertThat(sets.get(0).canonicalOrder().path("customerPurchaseOrder").asText()).isEqualTo("PO-ACME-1001");
        assertThat(sets.get(0).canonicalOrder().path("lines")).hasSize(2);
    }

    /** The clean sample's segments without terminators or line ends. */
    private static List<String> segments() throws IOException {
        String clean = Files.readString(Path.of("src/test/resources/edi/samples/acme-850-clean.x12"));
        return Arrays.stream(clean.split("~")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
