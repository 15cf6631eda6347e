package io.ordersync.edi;

import static io.ordersync.edi.OutboundFixtures.CLOCK;
import static io.ordersync.edi.OutboundFixtures.acme;
import static io.ordersync.edi.OutboundFixtures.event;
import static io.ordersync.edi.OutboundFixtures.rheinland;
import static io.ordersync.edi.OutboundFixtures.rheinlandOrder;
import static io.ordersync.edi.OutboundFixtures.shipped;
import static io.ordersync.edi.OutboundFixtures.shippedJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The EDIFACT D.96A DESADV for a partial shipment in two packages: the CPS packing hierarchy with PAC, the SSCC in
 * GIN BJ under PCI 33E, LIN/QTY per order line in each package; checked here, by StAEDI against
 * {@code edi-specs/edifact/d96a/DESADV.xml} inside the writer, and by the npm edifact parser (CPS parents, quantities
 * per order line, segment count).
 */
class DespatchAdviceTest {

    private final DespatchAdvice writer = new DespatchAdvice(new EdiSpecs(Path.of("edi-specs")));
    private final InMemoryAckNumbers numbers = new InMemoryAckNumbers(42);

    @TempDir
    Path out;

    @Test
    void a_partial_shipment_in_two_packages_is_a_consignment_with_two_packages_and_their_lines() throws Exception {
        String edi = writer.write(rheinlandOrder(), shipped(), rheinland(), numbers, CLOCK);

        List<List<String>> segments = EdifactText.segments(edi);
        assertThat(EdifactText.body(segments, "UNH", "UNT")).containsExactly(
                "UNH+1+DESADV:D:96A:UN",
                "BGM+351+SHP-1001+9",
                "DTM+137:20261125:102",
                "DTM+11:202611261405:203",
                "DTM+17:20261130:102",
                "RFF+ON:4500012345",
                "DTM+171:20261120:102",
                "RFF+CN:1Z999AA10123456784",
                "NAD+BY+100200++Buyer Inc.",
                "NAD+SU+4098765000002::9",
                "NAD+DP+++Rheinland Technik GmbH Lager Köln+Industriestraße 7+Köln+NRW+50667+DE",
                "NAD+SF+DC-EAST",
                "TDT+20+++:UPS GROUND+UPSN",
                "CPS+1",
                "PAC+2++PK",
                "CPS+2+1",
                "PAC+1++PK",
                "MEA+PD+AAB+KGM:14.6",
                "PCI+33E",
                "GIN+BJ+340123450000000011",
                "LIN+1++SKU-100:SA",
                "PIA+1+ACME-100:IN+4006381333931:EN",
                "QTY+12:10:PCE",
                "QTY+21:10:PCE",
                "RFF+ON:4500012345:1",
                "LIN+2++SKU-200:SA",
                "QTY+12:12.75:KGM",
                "QTY+21:25.5:KGM",
                "RFF+ON:4500012345:2",
                "CPS+3+1",
                "PAC+1++PK",
                "MEA+PD+AAB+KGM:8.25",
                "PCI+33E",
                "RFF+CN:1Z999AA10123456795",
                "GIN+BJ+340123450000000028",
                "LIN+3++SKU-200:SA",
                "QTY+12:8.25:KGM",
                "QTY+21:25.5:KGM",
                "RFF+ON:4500012345:2",
                "CNT+2:3",
                "UNT+41+1");

        JsonNode message = ParsedEdifact.onlyMessage(IndependentEdiParser.parse(edi, out, "desadv.edi",
                StandardCharsets.ISO_8859_1), "DESADV", "42");
        JsonNode levels = message.path("levels");
        assertThat(levels.findValuesAsText("id")).containsExactly("1", "2", "3");
        assertThat(levels.get(0).path("parent").isNull()).isTrue();
        assertThat(levels.get(1).path("parent").asText()).isEqualTo("1");
        assertThat(levels.get(2).path("parent").asText()).isEqualTo("1");
        assertThat(levels.get(1).path("segments").toString()).contains("\"GIN\"", "\"LIN\"");
        assertThat(despatchedPerOrderLine(message)).containsExactly(Map.entry("1", new BigDecimal("10")),
                Map.entry("2", new BigDecimal("21.00")));
        assertThat(ParsedEdifact.all(message, "CNT")).containsExactly(
                "CNT+2:" + ParsedEdifact.all(message, "LIN").size());
    }

    @Test
    void a_package_without_sscc_or_weight_has_no_pci_or_mea() throws Exception {
        String edi = writer.write(rheinlandOrder(), event("""
                {"schemaVersion":"1.1","eventId":"o-1:OrderShipped:wms-78","type":"OrderShipped","orderId":"o-1",
                 "occurredAt":"2026-11-28T07:00:00Z","status":"SHIPPED",
                 "shipment":{"shipmentId":"SHP-1002","packages":[{"items":[{"lineNumber":3,"quantity":12}]}]}}
                """), rheinland(), numbers, CLOCK);

        assertThat(EdifactText.body(EdifactText.segments(edi), "CPS", "CNT"))
                .containsExactly("CPS+1", "PAC+1++PK", "CPS+2+1", "PAC+1++PK", "LIN+1++SKU-300:SA", "QTY+12:12:BX",
                        "QTY+21:12:BX", "RFF+ON:4500012345:3", "CNT+2:1");
        ParsedEdifact.onlyMessage(IndependentEdiParser.parse(edi, out, "desadv-bare.edi",
                StandardCharsets.ISO_8859_1), "DESADV", "42");
    }

    @Test
    void a_shipment_that_is_missing_data_or_does_not_validate_is_refused() {
        assertThatThrownBy(() -> writer.write(rheinlandOrder(), event(shippedJson().replace(
                "\"items\":[{\"lineNumber\":2,\"sku\":\"SKU-200\",\"quantity\":8.25,\"unitOfMeasure\":\"KGM\"}]",
                "\"items\":[]")), rheinland(), numbers, CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shipment SHP-1001: package 340123450000000028 holds no items");
        assertThatThrownBy(() -> writer.write(rheinlandOrder(), shipped(), acme(), numbers, CLOCK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is X12");

        // GIN 7402 is an..35
        assertThatThrownBy(() -> writer.write(rheinlandOrder(), event(shippedJson().replace("340123450000000028",
                "LABEL-" + "0".repeat(30))), rheinland(), numbers, CLOCK))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the DESADV written for partner rheinland-technik (order o-1, shipment SHP-1001)"
                        + " does not validate, not sent")
                .hasMessageContaining("GIN");
    }

    /** QTY 12 added up per order line (RFF ON 1156 of the same LIN group). */
    private static Map<String, BigDecimal> despatchedPerOrderLine(JsonNode message) {
        Map<String, BigDecimal> perLine = new LinkedHashMap<>();
        BigDecimal despatched = null;
        for (JsonNode s : message.path("segments")) {
            String tag = s.path("tag").asText();
            if (tag.equals("QTY") && "12".equals(ParsedEdifact.value(s, 0, 0))) {
                despatched = new BigDecimal(ParsedEdifact.value(s, 0, 1));
            } else if (tag.equals("RFF") && "ON".equals(ParsedEdifact.value(s, 0, 0))
                    && ParsedEdifact.value(s, 0, 2) != null) {
                perLine.merge(ParsedEdifact.value(s, 0, 2), despatched, BigDecimal::add);
            }
        }
        return perLine;
    }
}
