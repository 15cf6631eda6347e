package io.ordersync.edi;

import static io.ordersync.edi.OutboundFixtures.CLOCK;
import static io.ordersync.edi.OutboundFixtures.event;
import static io.ordersync.edi.OutboundFixtures.invoicedJson;
import static io.ordersync.edi.OutboundFixtures.rheinland;
import static io.ordersync.edi.OutboundFixtures.rheinlandOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordersync.order.OrderEvent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The EDIFACT D.96A INVOIC for an invoice of part of an order: BGM 380, parties, currency, payment terms, LIN with
 * QTY 47 / MOA 203 / PRI AAA per line, UNS, and the totals MOA 79 and 77 with TAX and MOA 124; checked here, by
 * StAEDI against {@code edi-specs/edifact/d96a/INVOIC.xml} inside the writer, and by the npm edifact parser (the
 * line amounts add up to MOA 79, MOA 79 plus MOA 124 is MOA 77).
 */
class EdifactInvoiceTest {

    private final EdifactInvoice writer = new EdifactInvoice(new EdiSpecs(Path.of("edi-specs")));
    private final InMemoryAckNumbers numbers = new InMemoryAckNumbers(42);

    @TempDir
    Path out;

    private static OrderEvent invoicedInEuro() {
        return event(invoicedJson().replace("\"currency\":\"USD\"", "\"currency\":\"EUR\""));
    }

    @Test
    void an_invoice_has_its_lines_and_totals_after_uns() throws Exception {
        String edi = writer.write(rheinlandOrder(), invoicedInEuro(), rheinland(), numbers, CLOCK);

        List<List<String>> segments = EdifactText.segments(edi);
        assertThat(EdifactText.body(segments, "UNH", "UNT")).containsExactly(
                "UNH+1+INVOIC:D:96A:UN",
                "BGM+380+INV-2026-0042+9",
                "DTM+137:20261127:102",
                "RFF+ON:4500012345",
                "DTM+171:20261120:102",
                "RFF+VN:SO-900123",
                "NAD+BY+100200++Buyer Inc.",
                "NAD+SU+4098765000002::9",
                "NAD+IV+++Buyer Accounts Payable+PO Box 77+Columbus+OH+43004+US",
                "NAD+DP+++Rheinland Technik GmbH Lager Köln+Industriestraße 7+Köln+NRW+50667+DE",
                "CUX+2:EUR:4",
                "PAT+1++5:3:D:30",
                "DTM+13:20261227:102",
                "LIN+1++SKU-100:SA",
                "PIA+1+ACME-100:IN+4006381333931:EN",
                "QTY+47:10:PCE",
                "MOA+203:125",
                "PRI+AAA:12.5",
                "RFF+ON:4500012345:1",
                "LIN+2++SKU-200:SA",
                "QTY+47:21:KGM",
                "MOA+203:82.95",
                "PRI+AAA:3.95",
                "RFF+ON:4500012345:2",
                "UNS+S",
                "CNT+2:2",
                "MOA+79:207.95",
                "MOA+77:224.59",
                "TAX+7+VAT",
                "MOA+124:16.64",
                "UNT+31+1");

        JsonNode message = ParsedEdifact.onlyMessage(IndependentEdiParser.parse(edi, out, "invoic.edi",
                StandardCharsets.ISO_8859_1), "INVOIC", "42");
        BigDecimal lines = BigDecimal.ZERO;
        BigDecimal net = null;
        BigDecimal total = null;
        BigDecimal tax = null;
        boolean summary = false;
        for (JsonNode s : message.path("segments")) {
            String tag = s.path("tag").asText();
            summary |= tag.equals("UNS");
            if (tag.equals("MOA")) {
                BigDecimal amount = new BigDecimal(ParsedEdifact.value(s, 0, 1));
                switch (ParsedEdifact.value(s, 0, 0)) {
                    case "203" -> lines = lines.add(amount);
                    case "79" -> net = amount;
                    case "77" -> total = amount;
                    case "124" -> tax = amount;
                    default -> throw new AssertionError("unexpected MOA " + s);
                }
                assertThat(summary).as("MOA %s after UNS", ParsedEdifact.value(s, 0, 0))
                        .isEqualTo(!"203".equals(ParsedEdifact.value(s, 0, 0)));
            }
        }
        assertThat(lines).isEqualByComparingTo(net);
        assertThat(net.add(tax)).isEqualByComparingTo(total).isEqualByComparingTo("224.59");
    }

    @Test
    void an_invoice_without_tax_or_terms_has_no_tax_or_pat() throws Exception {
        String edi = writer.write(rheinlandOrder(), event(invoicedJson()
                .replace("\"dueDate\":\"2026-12-27\",", "").replace("\"paymentTerms\":\"NET30\",", "")
                .replace("\"taxAmount\":16.64,", "").replace("\"totalAmount\":224.59", "\"totalAmount\":207.95")),
                rheinland(), numbers, CLOCK);

        List<List<String>> segments = EdifactText.segments(edi);
        // the order's own terms (NET30) still give the payment terms
        assertThat(EdifactText.all(segments, "PAT")).containsExactly("PAT+1++5:3:D:30");
        assertThat(EdifactText.all(segments, "TAX")).isEmpty();
        assertThat(EdifactText.body(segments, "UNS", "UNT")).containsExactly("UNS+S", "CNT+2:2", "MOA+79:207.95",
                "MOA+77:207.95", "UNT+28+1");
        ParsedEdifact.onlyMessage(IndependentEdiParser.parse(edi, out, "invoic-no-tax.edi",
                StandardCharsets.ISO_8859_1), "INVOIC", "42");
    }

    @Test
    void an_invoice_that_does_not_add_up_or_validate_is_refused() {
        assertThatThrownBy(() -> writer.write(rheinlandOrder(), event(invoicedJson().replace(
                "\"netAmount\":207.95", "\"netAmount\":207.90")), rheinland(), numbers, CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the line amounts add up to 207.95, the net amount is 207.90");
        assertThatThrownBy(() -> writer.write(rheinlandOrder(), event(invoicedJson().replace(
                "\"lineNumber\":2,\"sku\":\"SKU-200\"", "\"lineNumber\":9,\"sku\":\"SKU-900\"")), rheinland(),
                numbers, CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 9 bills an order line the order does not have");
        // BGM 1004 is an..35
        assertThatThrownBy(() -> writer.write(rheinlandOrder(), event(invoicedJson().replace("INV-2026-0042",
                "INV-" + "0".repeat(32))), rheinland(), numbers, CLOCK))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the INVOIC written for partner rheinland-technik")
                .hasMessageContaining("does not validate, not sent")
                .hasMessageContaining("BGM");
    }
}
