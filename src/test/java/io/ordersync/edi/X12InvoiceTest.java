package io.ordersync.edi;

import static io.ordersync.edi.OutboundFixtures.CLOCK;
import static io.ordersync.edi.OutboundFixtures.acme;
import static io.ordersync.edi.OutboundFixtures.acmeOrder;
import static io.ordersync.edi.OutboundFixtures.event;
import static io.ordersync.edi.OutboundFixtures.invoiced;
import static io.ordersync.edi.OutboundFixtures.invoicedJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The X12 810 for an invoice of part of an order: header, parties, terms, IT1 lines with decimal quantities and
 * prices, TDS in cents; checked here, by StAEDI against {@code edi-specs/x12/004010/810.xml} inside the writer, and
 * by node-x12 (the lines and the tax add up to TDS). Invoices whose figures do not add up are refused.
 */
class X12InvoiceTest {

    private final X12Invoice writer = new X12Invoice(new EdiSpecs(Path.of("edi-specs")));
    private final InMemoryAckNumbers numbers = new InMemoryAckNumbers(42);

    @TempDir
    Path out;

    @Test
    void an_invoice_has_its_lines_terms_and_the_total_in_cents() throws Exception {
        String edi = writer.write(acmeOrder(), invoiced(), acme(), numbers, CLOCK);

        List<List<String>> segments = X12Text.segments(edi);
        assertThat(X12Text.segment(segments, "GS").get(1)).isEqualTo("IN");
        assertThat(X12Text.body(segments, "ST", "SE")).containsExactly(
                List.of("ST", "810", "0042"),
                List.of("BIG", "20261127", "INV-2026-0042", "20261120", "PO-4711"),
                List.of("CUR", "SE", "USD"),
                List.of("REF", "VN", "SO-900123"),
                List.of("N1", "BT", "Buyer Accounts Payable"),
                List.of("N3", "PO Box 77"),
                List.of("N4", "Columbus", "OH", "43004", "US"),
                List.of("N1", "ST", "ACME Hardware DC East"),
                List.of("N3", "1200 Industrial Way"),
                List.of("N4", "Columbus", "OH", "43215", "US"),
                List.of("ITD", "01", "3", "", "", "", "20261227", "30", "", "", "", "", "NET30"),
                List.of("IT1", "1", "10", "EA", "12.5", "", "VP", "SKU-100", "BP", "ACME-100", "EN", "4006381333931"),
                List.of("IT1", "2", "21", "KG", "3.95", "", "VP", "SKU-200"),
                List.of("TDS", "22459"),
                List.of("TXI", "TX", "16.64"),
                List.of("CTT", "2"),
                List.of("SE", "17", "0042"));

        JsonNode parsed = IndependentEdiParser.parse(edi, out, "810.x12");
        assertThat(parsed.path("strict").asText()).isEqualTo("ok");
        assertThat(parsed.path("diagnostics")).isEmpty();
        JsonNode set = parsed.path("interchanges").get(0).path("groups").get(0).path("transactions").get(0);
        assertThat(set.path("type").asText()).isEqualTo("810");
        BigDecimal lines = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        BigDecimal tds = null;
        int it1 = 0;
        for (JsonNode s : set.path("segments")) {
            JsonNode e = s.path("elements");
            switch (s.path("tag").asText()) {
                case "IT1" -> {
                    it1++;
                    lines = lines.add(new BigDecimal(e.get(1).asText()).multiply(new BigDecimal(e.get(3).asText())));
                }
                case "TXI" -> tax = tax.add(new BigDecimal(e.get(1).asText()));
                case "TDS" -> tds = new BigDecimal(e.get(0).asText()).movePointLeft(2);
                default -> { }
            }
        }
        assertThat(lines.add(tax)).isEqualByComparingTo(tds).isEqualByComparingTo("224.59");
        assertThat(X12Text.segment(segments, "CTT").get(1)).isEqualTo(String.valueOf(it1));
    }

    @Test
    void figures_that_do_not_add_up_are_refused() {
        String json = invoicedJson();
        assertThatThrownBy(() -> writer.write(acmeOrder(), event(json.replace("\"netAmount\":207.95",
                "\"netAmount\":200.00")), acme(), numbers, CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        "invoice INV-2026-0042: the line amounts add up to 207.95, the net amount is 200");
        assertThatThrownBy(() -> writer.write(acmeOrder(), event(json.replace("\"totalAmount\":224.59",
                "\"totalAmount\":224.60")), acme(), numbers, CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("net 207.95 plus tax 16.64 is 224.59, the total is 224.6");
        assertThatThrownBy(() -> writer.write(acmeOrder(), event(json.replace("\"taxAmount\":16.64",
                "\"taxAmount\":16.645").replace("\"totalAmount\":224.59", "\"totalAmount\":224.595")), acme(),
                numbers, CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("224.595 has more than two decimals");
    }

    @Test
    void an_invoice_without_its_data_or_too_long_for_810_is_not_sent() {
        assertThatThrownBy(() -> writer.write(acmeOrder(), event("""
                {"schemaVersion":"1.1","eventId":"o-1:OrderInvoiced:x","type":"OrderInvoiced","orderId":"o-1",
                 "occurredAt":"2026-11-27T09:00:00Z","status":"INVOICED"}
                """), acme(), numbers, CLOCK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no invoice");
        assertThatThrownBy(() -> writer.write(acmeOrder(), event(invoicedJson().replaceAll(
                "\"unitPrice\":3\\.95,\\s*\"amount\":82\\.95", "\"amount\":null")), acme(), numbers, CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2 has neither an amount nor a unit price");
        assertThatThrownBy(() -> writer.write(acmeOrder(), event(invoicedJson().replace("INV-2026-0042",
                "INVOICE-NUMBER-TOO-LONG-0042")), acme(), numbers, CLOCK))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the 810 written for partner acme-hardware")
                .hasMessageContaining("does not validate, not sent")
                .hasMessageContaining("BIG02");
    }
}
