package io.ordersync.edi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.OrderEvent;
import io.ordersync.order.OrderStatus;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The X12 855 for accepted, partially accepted and rejected orders, checked segment by segment here, by StAEDI's
 * read-back validation inside {@link PurchaseOrderAcknowledgement}, and by node-x12 through
 * {@code src/test/browser/edi-parse.mjs}.
 */
class PurchaseOrderAcknowledgementTest {

    private static final PartnerProfiles PROFILES = PartnerProfiles.load(Path.of("mappings/partners"));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T08:30:00Z"), ZoneOffset.UTC);

    private final PurchaseOrderAcknowledgement poa = new PurchaseOrderAcknowledgement(new EdiSpecs(Path.of("edi-specs")));

    @TempDir
    Path out;

    private InMemoryAckNumbers numbers;

    @BeforeEach
    void numbersStartAt42() {
        numbers = new InMemoryAckNumbers(42);
    }

    @Test
    void an_accepted_order_is_acknowledged_at_with_every_line_accepted() throws Exception {
        String edi = poa.write(order("PO-4711", LocalDate.of(2026, 11, 20)), accepted(OrderStatus.ACCEPTED,
                line(1, "ACCEPTED"), line(2, "ACCEPTED")), acme(), numbers, CLOCK);

        assertThat(edi).contains("\n"); // acme-hardware: lineBreakAfterSegment
        List<List<String>> segments = X12Text.segments(edi);
        assertThat(X12Text.tags(segments)).containsExactly("ISA", "GS", "ST", "BAK", "PO1", "ACK", "PO1", "ACK", "CTT", "SE",
                "GE", "IEA");
        assertThat(X12Text.segment(segments, "ISA")).containsExactly("ISA", "00", "          ", "00", "          ", "ZZ",
                "ORDERSYNC      ", "ZZ", "ACMEHARDWARE   ", "261125", "0830", "U", "00401", "000000042", "0", "T",
                ">");
        assertThat(X12Text.segment(segments, "GS")).containsExactly("GS", "PR", "ORDERSYNC", "ACMEHW", "20261125", "0830",
                "42", "X", "004010");
        assertThat(X12Text.segment(segments, "ST")).containsExactly("ST", "855", "0042");
        assertThat(X12Text.segment(segments, "BAK")).containsExactly("BAK", "00", "AT", "PO-4711", "20261120", "", "", "",
                "SO-900123");
        assertThat(X12Text.body(segments, "PO1", "CTT")).containsExactly(
                List.of("PO1", "1", "10", "EA", "12.5", "", "VP", "SKU-100", "BP", "ACME-100", "EN", "4006381333931"),
                List.of("ACK", "IA", "10", "EA"),
                List.of("PO1", "2", "2.5", "KG", "1200", "", "VP", "SKU-200"),
                List.of("ACK", "IA", "2.5", "KG"),
                List.of("CTT", "2"));
        assertThat(X12Text.segment(segments, "SE")).containsExactly("SE", "8", "0042");
        assertThat(X12Text.segment(segments, "GE")).containsExactly("GE", "1", "42");
        assertThat(X12Text.segment(segments, "IEA")).containsExactly("IEA", "1", "000000042");

        JsonNode parsed = independent(edi, "accepted-855.x12");
        assertThat(parsed.path("strict").asText()).isEqualTo("ok");
        assertThat(parsed.path("diagnostics")).isEmpty();
        JsonNode interchange = parsed.path("interchanges").get(0);
        assertThat(interchange.path("sender").asText()).isEqualTo("ORDERSYNC");
        assertThat(interchange.path("receiver").asText()).isEqualTo("ACMEHARDWARE");
        assertThat(interchange.path("controlNumber").asLong()).isEqualTo(42);
        assertThat(interchange.path("usage").asText()).isEqualTo("T");
        JsonNode group = interchange.path("groups").get(0);
        assertThat(group.path("functionalId").asText()).isEqualTo("PR");
        assertThat(group.path("version").asText()).isEqualTo("004010");
        JsonNode set = group.path("transactions").get(0);
        assertThat(set.path("type").asText()).isEqualTo("855");
        assertThat(set.path("controlNumber").asText()).isEqualTo("0042");
        assertThat(set.path("segmentCount").asText()).isEqualTo("8");
        assertThat(X12Text.tags(set.path("segments"))).containsExactly("BAK", "PO1", "ACK", "PO1", "ACK", "CTT");
        assertThat(elements(set, "BAK")).containsExactly("00", "AT", "PO-4711", "20261120", "", "", "", "SO-900123");
        assertThat(elements(set, "CTT")).containsExactly("2");
    }

    @Test
    void a_partially_accepted_order_is_acknowledged_ac_with_the_rejected_line_ir() throws Exception {
        String edi = poa.write(order("PO-4712", LocalDate.of(2026, 11, 21)), accepted(OrderStatus.PARTIALLY_ACCEPTED,
                line(1, "ACCEPTED"), new OrderEvent.LineOutcome(2, "REJECTED", "ITEM_DISCONTINUED", "discontinued")),
                acme(), numbers, CLOCK);

        List<List<String>> segments = X12Text.segments(edi);
        assertThat(X12Text.segment(segments, "BAK")).containsExactly("BAK", "00", "AC", "PO-4712", "20261121", "", "", "",
                "SO-900123");
        assertThat(X12Text.body(segments, "PO1", "SE")).containsExactly(
                List.of("PO1", "1", "10", "EA", "12.5", "", "VP", "SKU-100", "BP", "ACME-100", "EN", "4006381333931"),
                List.of("ACK", "IA", "10", "EA"),
                List.of("PO1", "2", "2.5", "KG", "1200", "", "VP", "SKU-200"),
                List.of("ACK", "IR", "2.5", "KG"),
                List.of("CTT", "2"),
                List.of("SE", "8", "0042"));

        assertThat(edi).isEqualTo(Files.readString(
                Path.of("src/test/resources/edi/outbound/acme-855-partially-accepted.x12"), StandardCharsets.UTF_8));

        JsonNode parsed = independent(edi, "partial-855.x12");
        assertThat(parsed.path("strict").asText()).isEqualTo("ok");
        JsonNode set = parsed.path("interchanges").get(0).path("groups").get(0).path("transactions").get(0);
        assertThat(elements(set, "BAK").get(1)).isEqualTo("AC");
        assertThat(acks(set)).containsExactly("IA", "IR");
    }

    @Test
    void an_accepted_event_with_a_rejected_line_is_ac_even_when_its_status_says_accepted() {
        String edi = poa.write(order("PO-4712", LocalDate.of(2026, 11, 21)), accepted(OrderStatus.ACCEPTED,
                line(1, "REJECTED"), line(2, "ACCEPTED")), acme(), numbers, CLOCK);

        List<List<String>> segments = X12Text.segments(edi);
        assertThat(X12Text.segment(segments, "BAK").get(2)).isEqualTo("AC");
        assertThat(segments.stream().filter(s -> s.get(0).equals("ACK")).map(s -> s.get(1)))
                .containsExactly("IR", "IA");
    }

    @Test
    void a_rejected_order_is_acknowledged_rj_with_every_line_ir_and_the_po_date_of_today() throws Exception {
        CanonicalOrder order = order(null, null); // PO number from source.externalId, no order date
        OrderEvent rejected = new OrderEvent(OrderEvent.SCHEMA_VERSION, OrderEvent.eventId("o-1", "OrderRejected"),
                OrderEvent.ORDER_REJECTED, "o-1", "c-1", CLOCK.instant(), OrderStatus.REJECTED, "US01", null, null,
                List.of(new OrderEvent.Reason("CREDIT_HOLD", "customer is on credit hold")), null);

        String edi = poa.write(order, rejected, acme(), numbers, CLOCK);

        List<List<String>> segments = X12Text.segments(edi);
        assertThat(X12Text.segment(segments, "BAK")).containsExactly("BAK", "00", "RJ", "EXT-0815", "20261125");
        assertThat(X12Text.body(segments, "PO1", "SE")).containsExactly(
                List.of("PO1", "1", "10", "EA", "12.5", "", "VP", "SKU-100", "BP", "ACME-100", "EN", "4006381333931"),
                List.of("ACK", "IR", "10", "EA"),
                List.of("PO1", "2", "2.5", "KG", "1200", "", "VP", "SKU-200"),
                List.of("ACK", "IR", "2.5", "KG"),
                List.of("CTT", "2"),
                List.of("SE", "8", "0042"));

        JsonNode parsed = independent(edi, "rejected-855.x12");
        assertThat(parsed.path("strict").asText()).isEqualTo("ok");
        JsonNode set = parsed.path("interchanges").get(0).path("groups").get(0).path("transactions").get(0);
        assertThat(elements(set, "BAK")).containsExactly("00", "RJ", "EXT-0815", "20261125");
        assertThat(acks(set)).containsExactly("IR", "IR");
    }

    @Test
    void control_numbers_advance_and_production_partners_get_p() {
        PartnerProfiles.Profile acme = acme();
        PartnerProfiles.Profile production = new PartnerProfiles.Profile(acme.partner(), acme.name(), acme.standard(),
                acme.versions(), acme.identity(), acme.ourIdentity(), acme.outbound(), acme.acknowledgements(),
                acme.legalEntity(), acme.mappings(), "production", acme.duplicateDetection(), acme.tolerate(), acme.schemaVersions());
        OrderEvent ok = accepted(OrderStatus.ACCEPTED, line(1, "ACCEPTED"), line(2, "ACCEPTED"));

        poa.write(order("PO-1", null), ok, acme, numbers, CLOCK);
        String second = poa.write(order("PO-2", null), ok, production, numbers, CLOCK);

        List<List<String>> segments = X12Text.segments(second);
        assertThat(X12Text.segment(segments, "ISA").get(13)).isEqualTo("000000043");
        assertThat(X12Text.segment(segments, "ISA").get(15)).isEqualTo("P");
        assertThat(X12Text.segment(segments, "GS").get(6)).isEqualTo("43");
        assertThat(X12Text.segment(segments, "ST")).containsExactly("ST", "855", "0043");
        assertThat(X12Text.segment(segments, "IEA")).containsExactly("IEA", "1", "000000043");
    }

    @Test
    void amounts_are_plain_decimals() {
        assertThat(OutboundValues.plain(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(OutboundValues.plain(new BigDecimal("12.500"))).isEqualTo("12.5");
        assertThat(OutboundValues.plain(new BigDecimal("0.00"))).isEqualTo("0");
        assertThat(OutboundValues.plain(new BigDecimal("0.0000001"))).isEqualTo("0.0000001");
    }

    @Test
    void what_does_not_validate_is_not_returned() {
        CanonicalOrder tooLong = order("PO-THIS-NUMBER-IS-LONGER-THAN-22", null);
        OrderEvent ok = accepted(OrderStatus.ACCEPTED, line(1, "ACCEPTED"), line(2, "ACCEPTED"));

        assertThatThrownBy(() -> poa.write(tooLong, ok, acme(), numbers, CLOCK))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not validate")
                .hasMessageContaining("BAK03");
    }

    @Test
    void a_delimiter_in_data_is_refused_and_other_events_are_no_855() {
        CanonicalOrder tilde = order("PO~1", null);
        OrderEvent ok = accepted(OrderStatus.ACCEPTED, line(1, "ACCEPTED"), line(2, "ACCEPTED"));
        assertThatThrownBy(() -> poa.write(tilde, ok, acme(), numbers, CLOCK))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("BAK03");

        OrderEvent failed = new OrderEvent(OrderEvent.SCHEMA_VERSION, "o-1:OrderFailed", OrderEvent.ORDER_FAILED,
                "o-1", "c-1", CLOCK.instant(), OrderStatus.FAILED, "US01", null, null, null, null);
        assertThatThrownBy(() -> poa.write(order("PO-1", null), failed, acme(), numbers, CLOCK))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ================================================================================================ fixtures

    private static PartnerProfiles.Profile acme() {
        return PROFILES.byId("acme-hardware").orElseThrow();
    }

    private static CanonicalOrder order(String po, LocalDate orderDate) {
        List<CanonicalOrder.Line> lines = List.of(
                new CanonicalOrder.Line(1, "SKU-100", "ACME-100", "4006381333931", "Hammer", new BigDecimal("10.000"),
                        "PCE", new BigDecimal("12.50"), null),
                new CanonicalOrder.Line(2, "SKU-200", null, null, "Nails", new BigDecimal("2.5"), "KGM",
                        new BigDecimal("1.2E+3"), null));
        return new CanonicalOrder(CanonicalOrder.SCHEMA_VERSION, "o-1", "c-1", CLOCK.instant(),
                new CanonicalOrder.Source("EDI", "x12", "acme-hardware", "EXT-0815"), "US01",
                new CanonicalOrder.Customer("crm-1", "100200", "ACME Hardware"), po, null, null, null, "USD",
                orderDate, null, lines, null, null, null);
    }

    private static OrderEvent accepted(OrderStatus status, OrderEvent.LineOutcome... lines) {
        return new OrderEvent(OrderEvent.SCHEMA_VERSION, OrderEvent.eventId("o-1", OrderEvent.ORDER_ACCEPTED),
                OrderEvent.ORDER_ACCEPTED, "o-1", "c-1", CLOCK.instant(), status, "US01", "crm-o-1", "SO-900123",
                null, List.of(lines));
    }

    private static OrderEvent.LineOutcome line(int number, String status) {
        return new OrderEvent.LineOutcome(number, status, "REJECTED".equals(status) ? "OUT_OF_STOCK" : null, null);
    }

    // ============================================================================= reading the 855 ourselves


    private static List<String> elements(JsonNode transaction, String tag) {
        for (JsonNode s : transaction.path("segments")) {
            if (s.path("tag").asText().equals(tag)) {
                return StreamSupport.stream(s.path("elements").spliterator(), false).map(JsonNode::asText).toList();
            }
        }
        throw new AssertionError("no " + tag + " in " + transaction);
    }

    private static List<String> acks(JsonNode transaction) {
        return StreamSupport.stream(transaction.path("segments").spliterator(), false)
                .filter(s -> s.path("tag").asText().equals("ACK"))
                .map(s -> s.path("elements").get(0).asText()).toList();
    }

    /** The document as the independent npm parsers see it. */
    private JsonNode independent(String edi, String name) throws Exception {
        return io.ordersync.edi.IndependentEdiParser.parse(edi, out, name);
    }
}
