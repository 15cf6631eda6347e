package io.ordersync.edi;

import static io.ordersync.edi.OutboundFixtures.CLOCK;
import static io.ordersync.edi.OutboundFixtures.acme;
import static io.ordersync.edi.OutboundFixtures.acmeOrder;
import static io.ordersync.edi.OutboundFixtures.event;
import static io.ordersync.edi.OutboundFixtures.rheinland;
import static io.ordersync.edi.OutboundFixtures.shipped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordersync.order.OrderEvent;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The X12 856 for a partial shipment in two packages: the S/O/P/I hierarchy, carrier, tracking and SSCCs checked
 * segment by segment here, by StAEDI's read-back against {@code edi-specs/x12/004010/856.xml} inside the writer,
 * and by node-x12 through {@code src/test/browser/edi-parse.mjs} (HL parents, quantities per line, counts).
 */
class AdvanceShipNoticeTest {

    private final AdvanceShipNotice asn = new AdvanceShipNotice(new EdiSpecs(Path.of("edi-specs")));
    private final InMemoryAckNumbers numbers = new InMemoryAckNumbers(42);

    @TempDir
    Path out;

    @Test
    void a_partial_shipment_in_two_packages_is_one_shipment_one_order_two_packs_and_their_items() throws Exception {
        String edi = asn.write(acmeOrder(), shipped(), acme(), numbers, CLOCK);

        List<List<String>> segments = X12Text.segments(edi);
        assertThat(X12Text.segment(segments, "GS")).containsExactly("GS", "SH", "ORDERSYNC", "ACMEHW", "20261125",
                "0830", "42", "X", "004010");
        assertThat(X12Text.body(segments, "ST", "SE")).containsExactly(
                List.of("ST", "856", "0042"),
                List.of("BSN", "00", "SHP-1001", "20261126", "1405", "0001"),
                List.of("DTM", "011", "20261126", "1405"),
                List.of("DTM", "017", "20261130"),
                List.of("HL", "1", "", "S", "1"),
                List.of("TD1", "PKG", "2", "", "", "", "G", "22.85", "KG"),
                List.of("TD5", "B", "2", "UPSN", "", "UPS GROUND"),
                List.of("REF", "CN", "1Z999AA10123456784"),
                List.of("N1", "ST", "ACME Hardware DC East"),
                List.of("N3", "1200 Industrial Way"),
                List.of("N4", "Columbus", "OH", "43215", "US"),
                List.of("N1", "SF", "", "91", "DC-EAST"),
                List.of("HL", "2", "1", "O", "1"),
                List.of("PRF", "PO-4711", "", "", "20261120"),
                List.of("REF", "VN", "SO-900123"),
                List.of("HL", "3", "2", "P", "1"),
                List.of("TD1", "PKG", "1", "", "", "", "G", "14.6", "KG"),
                List.of("MAN", "GM", "340123450000000011"),
                List.of("HL", "4", "3", "I", "0"),
                List.of("LIN", "1", "VP", "SKU-100", "BP", "ACME-100", "EN", "4006381333931"),
                List.of("SN1", "", "10", "EA", "", "10", "EA"),
                List.of("HL", "5", "3", "I", "0"),
                List.of("LIN", "2", "VP", "SKU-200"),
                List.of("SN1", "", "12.75", "KG", "", "25.5", "KG"),
                List.of("HL", "6", "2", "P", "1"),
                List.of("TD1", "PKG", "1", "", "", "", "G", "8.25", "KG"),
                List.of("REF", "CN", "1Z999AA10123456795"),
                List.of("MAN", "GM", "340123450000000028"),
                List.of("HL", "7", "6", "I", "0"),
                List.of("LIN", "2", "VP", "SKU-200"),
                List.of("SN1", "", "8.25", "KG", "", "25.5", "KG"),
                List.of("CTT", "7"),
                List.of("SE", "33", "0042"));

        JsonNode parsed = IndependentEdiParser.parse(edi, out, "856.x12");
        assertThat(parsed.path("strict").asText()).isEqualTo("ok");
        assertThat(parsed.path("diagnostics")).isEmpty();
        JsonNode set = parsed.path("interchanges").get(0).path("groups").get(0).path("transactions").get(0);
        assertThat(set.path("type").asText()).isEqualTo("856");
        assertThat(set.path("segmentCount").asText()).isEqualTo("33");
        JsonNode levels = set.path("levels");
        assertThat(levels.findValuesAsText("code")).containsExactly("S", "O", "P", "I", "I", "P", "I");
        assertThat(levels.findValuesAsText("id")).containsExactly("1", "2", "3", "4", "5", "6", "7");
        assertThat(parents(levels)).containsExactly(null, "S", "O", "P", "P", "O", "P");
        assertThat(levels.get(2).path("segments").toString()).contains("MAN");
        assertThat(shippedPerLine(set)).containsExactly(Map.entry("1", new BigDecimal("10")),
                Map.entry("2", new BigDecimal("21.00")));
        assertThat(elements(set, "CTT")).containsExactly(String.valueOf(levels.size()));
    }

    @Test
    void a_shipment_without_carrier_tracking_weights_or_ship_to_still_has_its_hierarchy() throws Exception {
        OrderEvent bare = event("""
                {"schemaVersion":"1.1","eventId":"o-1:OrderShipped:wms-78","type":"OrderShipped","orderId":"o-1",
                 "occurredAt":"2026-11-28T07:00:00Z","status":"SHIPPED",
                 "shipment":{"shipmentId":"SHP-1002","packages":[
                   {"items":[{"lineNumber":3,"quantity":12}]}]}}
                """);
        var order = acmeOrder();
        var noShipTo = new io.ordersync.order.CanonicalOrder(order.schemaVersion(), order.orderId(),
                order.correlationId(), order.receivedAt(), order.source(), order.legalEntity(), order.customer(),
                order.customerPurchaseOrder(), order.soldTo(), order.billTo(), null, order.currency(), null,
                null, order.lines(), null, null, null);

        String edi = asn.write(noShipTo, bare, acme(), numbers, CLOCK);

        List<List<String>> segments = X12Text.segments(edi);
        assertThat(X12Text.body(segments, "BSN", "SE")).containsExactly(
                List.of("BSN", "00", "SHP-1002", "20261128", "0700", "0001"),
                List.of("DTM", "011", "20261128", "0700"),
                List.of("HL", "1", "", "S", "1"),
                List.of("TD1", "PKG", "1"),
                List.of("HL", "2", "1", "O", "1"),
                List.of("PRF", "PO-4711"),
                List.of("HL", "3", "2", "P", "1"),
                List.of("HL", "4", "3", "I", "0"),
                List.of("LIN", "3", "VP", "SKU-300"),
                List.of("SN1", "", "12", "BX", "", "12", "BX"),
                List.of("CTT", "4"),
                List.of("SE", "13", "0042"));
        assertThat(IndependentEdiParser.parse(edi, out, "856-bare.x12").path("strict").asText()).isEqualTo("ok");
    }

    @Test
    void a_shipment_that_is_missing_or_does_not_match_the_order_is_refused_before_anything_is_written() {
        OrderEvent noShipment = event("""
                {"schemaVersion":"1.1","eventId":"o-1:OrderShipped:x","type":"OrderShipped","orderId":"o-1",
                 "occurredAt":"2026-11-28T07:00:00Z","status":"SHIPPED"}
                """);
        assertThatThrownBy(() -> asn.write(acmeOrder(), noShipment, acme(), numbers, CLOCK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no shipment");

        OrderEvent unknownLine = event("""
                {"schemaVersion":"1.1","eventId":"o-1:OrderShipped:y","type":"OrderShipped","orderId":"o-1",
                 "occurredAt":"2026-11-28T07:00:00Z","status":"SHIPPED",
                 "shipment":{"shipmentId":"SHP-9","packages":[{"packageId":"P1",
                   "items":[{"lineNumber":7,"sku":"SKU-700","quantity":1}]}]}}
                """);
        assertThatThrownBy(() -> asn.write(acmeOrder(), unknownLine, acme(), numbers, CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("package P1 holds line 7, which the order does not have");

        assertThatThrownBy(() -> asn.write(acmeOrder(), OutboundFixtures.invoiced(), acme(), numbers, CLOCK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not OrderInvoiced");
        assertThatThrownBy(() -> asn.write(acmeOrder(), shipped(), rheinland(), numbers, CLOCK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is EDIFACT");
    }

    @Test
    void a_document_that_does_not_validate_is_refused_with_the_element_in_error() {
        OrderEvent longId = event(OutboundFixtures.shippedJson().replace("SHP-1001",
                "SHIPMENT-WITH-A-VERY-LONG-ID-0001"));
        assertThatThrownBy(() -> asn.write(acmeOrder(), longId, acme(), numbers, CLOCK))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the 856 written for partner acme-hardware")
                .hasMessageContaining("does not validate, not sent")
                .hasMessageContaining("BSN02");

        OrderEvent delimiter = event(OutboundFixtures.shippedJson().replace("340123450000000028", "3401*2345"));
        assertThatThrownBy(() -> asn.write(acmeOrder(), delimiter, acme(), numbers, CLOCK))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MAN02 '3401*2345' contains a delimiter");
    }

    // ============================================================================ reading the 856 independently

    /** The code (S, O, P, I) of each level's parent, by the parent id HL02 names; null for the top level. */
    private static List<String> parents(JsonNode levels) {
        Map<String, String> codeById = new HashMap<>();
        List<String> parents = new ArrayList<>();
        for (JsonNode level : levels) {
            String parent = level.path("parent").isNull() ? null : level.path("parent").asText();
            assertThat(parent == null || codeById.containsKey(parent))
                    .as("HL %s names parent %s, which comes before it", level.path("id").asText(), parent).isTrue();
            parents.add(parent == null ? null : codeById.get(parent));
            codeById.put(level.path("id").asText(), level.path("code").asText());
        }
        return parents;
    }

    /** SN102 added up per LIN01 (order line), in the order the lines first appear. */
    private static Map<String, BigDecimal> shippedPerLine(JsonNode transaction) {
        Map<String, BigDecimal> perLine = new java.util.LinkedHashMap<>();
        String line = null;
        for (JsonNode s : transaction.path("segments")) {
            if (s.path("tag").asText().equals("LIN")) {
                line = s.path("elements").get(0).asText();
            } else if (s.path("tag").asText().equals("SN1")) {
                perLine.merge(line, new BigDecimal(s.path("elements").get(1).asText()), BigDecimal::add);
            }
        }
        return perLine;
    }

    private static List<String> elements(JsonNode transaction, String tag) {
        for (JsonNode s : transaction.path("segments")) {
            if (s.path("tag").asText().equals(tag)) {
                List<String> values = new ArrayList<>();
                s.path("elements").forEach(e -> values.add(e.asText()));
                return values;
            }
        }
        throw new AssertionError("no " + tag + " in " + transaction);
    }
}
