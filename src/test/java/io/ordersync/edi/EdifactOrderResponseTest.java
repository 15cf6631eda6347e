package io.ordersync.edi;

import static io.ordersync.edi.OutboundFixtures.CLOCK;
import static io.ordersync.edi.OutboundFixtures.accepted;
import static io.ordersync.edi.OutboundFixtures.acme;
import static io.ordersync.edi.OutboundFixtures.rejected;
import static io.ordersync.edi.OutboundFixtures.rheinland;
import static io.ordersync.edi.OutboundFixtures.rheinlandOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordersync.order.CanonicalOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The EDIFACT D.96A ORDRSP for accepted, partially accepted and rejected orders: BGM 231 with the message function,
 * LIN action codes per line, the reasons as free text; checked here, by StAEDI against
 * {@code edi-specs/edifact/d96a/ORDRSP.xml} inside the writer, and by the npm edifact parser (which also checks each
 * element's format) reading the ISO 8859-1 bytes the outbox holds.
 */
class EdifactOrderResponseTest {

    private final EdifactOrderResponse writer = new EdifactOrderResponse(new EdiSpecs(Path.of("edi-specs")));
    private final InMemoryAckNumbers numbers = new InMemoryAckNumbers(42);

    @TempDir
    Path out;

    @Test
    void a_partially_accepted_order_is_answered_line_by_line() throws Exception {
        String edi = writer.write(rheinlandOrder(), accepted("PARTIALLY_ACCEPTED", "ACCEPTED", "REJECTED", "ACCEPTED"),
                rheinland(), numbers, CLOCK);

        List<List<String>> segments = EdifactText.segments(edi);
        assertThat(EdifactText.all(segments, "UNB")).containsExactly(
                "UNB+UNOC:3+4098765000002:14+4012345000009:14+261125:0830+42"); // production: no test indicator
        assertThat(EdifactText.body(segments, "UNH", "UNT")).containsExactly(
                "UNH+1+ORDRSP:D:96A:UN",
                "BGM+231+SO-900123+4+AC",
                "DTM+137:20261125:102",
                "RFF+ON:4500012345",
                "DTM+171:20261120:102",
                "RFF+VN:SO-900123",
                "NAD+BY+100200++Buyer Inc.",
                "NAD+SU+4098765000002::9",
                "CUX+2:EUR:9",
                "LIN+1+5+SKU-100:SA",
                "PIA+1+ACME-100:IN+4006381333931:EN",
                "QTY+21:10:PCE",
                "PRI+AAA:12.5",
                "LIN+2+7+SKU-200:SA",
                "QTY+21:25.5:KGM",
                "FTX+AAI+++ITEM_DISCONTINUED: no longer sold",
                "PRI+AAA:3.95",
                "LIN+3+5+SKU-300:SA",
                "QTY+21:12:BX",
                "PRI+AAA:7.49",
                "UNS+S",
                "CNT+2:3",
                "UNT+23+1");
        assertThat(edi).contains("FTX+AAI+++ITEM_DISCONTINUED?: no longer sold'"); // ':' in text is released

        JsonNode message = ParsedEdifact.onlyMessage(IndependentEdiParser.parse(edi, out, "ordrsp.edi",
                StandardCharsets.ISO_8859_1), "ORDRSP", "42");
        assertThat(ParsedEdifact.all(message, "BGM")).containsExactly("BGM+231+SO-900123+4+AC");
        assertThat(ParsedEdifact.all(message, "LIN")).containsExactly("LIN+1+5+SKU-100:SA", "LIN+2+7+SKU-200:SA",
                "LIN+3+5+SKU-300:SA");
        assertThat(ParsedEdifact.all(message, "FTX")).containsExactly("FTX+AAI+++ITEM_DISCONTINUED: no longer sold");
        assertThat(ParsedEdifact.all(message, "CNT")).containsExactly("CNT+2:3");
    }

    @Test
    void an_accepted_order_is_29_ap_with_every_line_accepted() throws Exception {
        String edi = writer.write(rheinlandOrder(), accepted("ACCEPTED", "ACCEPTED", "ACCEPTED", "ACCEPTED"),
                rheinland(), numbers, CLOCK);

        List<List<String>> segments = EdifactText.segments(edi);
        assertThat(EdifactText.all(segments, "BGM")).containsExactly("BGM+231+SO-900123+29+AP");
        assertThat(EdifactText.all(segments, "LIN")).containsExactly("LIN+1+5+SKU-100:SA", "LIN+2+5+SKU-200:SA",
                "LIN+3+5+SKU-300:SA");
        assertThat(EdifactText.all(segments, "FTX")).isEmpty();
        ParsedEdifact.onlyMessage(IndependentEdiParser.parse(edi, out, "ordrsp-accepted.edi",
                StandardCharsets.ISO_8859_1), "ORDRSP", "42");
    }

    @Test
    void a_rejected_order_is_27_re_with_the_reasons_and_every_line_not_accepted() throws Exception {
        String edi = writer.write(rheinlandOrder(), rejected(), rheinland(), numbers, CLOCK);

        List<List<String>> segments = EdifactText.segments(edi);
        assertThat(EdifactText.body(segments, "BGM", "RFF")).containsExactly(
                "BGM+231+4500012345+27+RE", // no ERP order number: the PO number names the response
                "DTM+137:20261125:102",
                "FTX+AAI+++CREDIT_HOLD: customer is on credit hold",
                "RFF+ON:4500012345");
        assertThat(EdifactText.all(segments, "LIN")).containsExactly("LIN+1+7+SKU-100:SA", "LIN+2+7+SKU-200:SA",
                "LIN+3+7+SKU-300:SA");
        JsonNode message = ParsedEdifact.onlyMessage(IndependentEdiParser.parse(edi, out, "ordrsp-rejected.edi",
                StandardCharsets.ISO_8859_1), "ORDRSP", "42");
        assertThat(ParsedEdifact.all(message, "RFF")).containsExactly("RFF+ON:4500012345");
    }

    @Test
    void delimiters_in_data_are_released_and_read_back_as_data() throws Exception {
        CanonicalOrder order = rheinlandOrder();
        CanonicalOrder plus = new CanonicalOrder(order.schemaVersion(), order.orderId(), order.correlationId(),
                order.receivedAt(), order.source(), order.legalEntity(), order.customer(), "45+00'12:3?",
                new CanonicalOrder.Party("Müller & Söhne + Partner", null, null, null, null, null),
                order.billTo(), order.shipTo(), order.currency(), order.orderDate(), null, order.lines(), null,
                null, null);

        String edi = writer.write(plus, accepted("ACCEPTED", "ACCEPTED", "ACCEPTED", "ACCEPTED"), rheinland(),
                numbers, CLOCK);

        assertThat(edi).contains("RFF+ON:45?+00?'12?:3??'");
        JsonNode message = ParsedEdifact.onlyMessage(IndependentEdiParser.parse(edi, out, "ordrsp-released.edi",
                StandardCharsets.ISO_8859_1), "ORDRSP", "42");
        JsonNode rff = message.path("segments").get(2);
        assertThat(ParsedEdifact.value(rff, 0, 1)).isEqualTo("45+00'12:3?");
        assertThat(ParsedEdifact.all(message, "NAD").get(0)).isEqualTo("NAD+BY+100200++Müller & Söhne + Partner");
    }

    @Test
    void what_cannot_be_answered_or_does_not_validate_is_refused() {
        CanonicalOrder order = rheinlandOrder();
        CanonicalOrder noPo = new CanonicalOrder(order.schemaVersion(), order.orderId(), order.correlationId(),
                order.receivedAt(), new CanonicalOrder.Source("EDI", "EDI", "4012345000009", null),
                order.legalEntity(), order.customer(), null, order.soldTo(), order.billTo(), order.shipTo(),
                order.currency(), order.orderDate(), null, order.lines(), null, null, null);
        assertThatThrownBy(() -> writer.write(noPo, rejected(), rheinland(), numbers, CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("order o-1 has no purchase order number");
        assertThatThrownBy(() -> writer.write(rheinlandOrder(), OutboundFixtures.shipped(), rheinland(), numbers,
                CLOCK)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not OrderShipped");
        assertThatThrownBy(() -> writer.write(rheinlandOrder(), rejected(), acme(), numbers, CLOCK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is X12");

        CanonicalOrder longPo = new CanonicalOrder(order.schemaVersion(), order.orderId(), order.correlationId(),
                order.receivedAt(), order.source(), order.legalEntity(), order.customer(),
                "PO-" + "9".repeat(33), order.soldTo(), order.billTo(), order.shipTo(), order.currency(),
                order.orderDate(), null, order.lines(), null, null, null);
        assertThatThrownBy(() -> writer.write(longPo, rejected(), rheinland(), numbers, CLOCK))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the ORDRSP written for partner rheinland-technik (order o-1) does not validate")
                .hasMessageContaining("RFF");

        CanonicalOrder polish = new CanonicalOrder(order.schemaVersion(), order.orderId(), order.correlationId(),
                order.receivedAt(), order.source(), order.legalEntity(), order.customer(),
                order.customerPurchaseOrder(), new CanonicalOrder.Party("Łódź Hurt", null, null, null, null, null),
                order.billTo(), order.shipTo(), order.currency(), order.orderDate(), null, order.lines(), null,
                null, null);
        assertThatThrownBy(() -> writer.write(polish, rejected(), rheinland(), numbers, CLOCK))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("characters outside ISO 8859-1");
    }
}
