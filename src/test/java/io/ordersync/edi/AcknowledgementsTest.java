package io.ordersync.edi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordersync.edi.PartnerProfiles.Profile;
import io.xlate.edi.schema.EDISimpleType;
import io.xlate.edi.schema.Schema;
import io.xlate.edi.stream.EDIStreamValidationError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TA1, 997, 999 and CONTRL for reports of the real {@link EdiInspector}, checked three ways: segment by segment here,
 * by StAEDI's read-back validation inside {@link Acknowledgements}, and by independent parsers from npm (node-x12,
 * edifact) run by Node through {@code src/test/browser/edi-parse.mjs}.
 */
class AcknowledgementsTest {

    private static final Path SAMPLES = Path.of("src/test/resources/edi/samples");
    private static final Path ACK_SAMPLES = Path.of("src/test/resources/edi/ack");
    private static final EdiSpecs SPECS = new EdiSpecs(Path.of("edi-specs"));
    private static final EdiInspector INSPECTOR = new EdiInspector(SPECS, new EdiOrderMapping(Path.of("mappings")));
    private static final PartnerProfiles PROFILES = PartnerProfiles.load(Path.of("mappings/partners"));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T08:30:00Z"), ZoneOffset.UTC);

    @TempDir
    Path out;

    private RecordingNumbers numbers;

    @BeforeEach
    void numbersStartAt7001() {
        numbers = new RecordingNumbers(new InMemoryAckNumbers(7001));
    }

    // ================================================================================================= 997

    @Test
    void a_clean_850_gets_a_997_accepting_the_set_and_the_group() throws Exception {
        Inspected x = inspect(SAMPLES.resolve("acme-850-clean.x12"));

        String ack = x.acks().functional(x.in(), acme(), numbers, CLOCK).orElseThrow();

        assertThat(ack).contains("\n"); // acme-hardware: lineBreakAfterSegment
        List<List<String>> segments = X12Text.segments(ack);
        assertThat(X12Text.tags(segments)).containsExactly("ISA", "GS", "ST", "AK1", "AK2", "AK5", "AK9", "SE", "GE", "IEA");
        assertThat(X12Text.segment(segments, "ISA")).containsExactly("ISA", "00", "          ", "00", "          ", "ZZ",
                "ORDERSYNC      ", "ZZ", "ACMEHARDWARE   ", "261125", "0830", "U", "00401", "000007001", "0", "T",
                ">");
        assertThat(X12Text.segment(segments, "GS")).containsExactly("GS", "FA", "ORDERSYNC", "ACMEHW", "20261125", "0830",
                "7001", "X", "004010");
        assertThat(X12Text.segment(segments, "ST")).containsExactly("ST", "997", "7001");
        assertThat(X12Text.segment(segments, "AK1")).containsExactly("AK1", "PO", "101");
        assertThat(X12Text.segment(segments, "AK2")).containsExactly("AK2", "850", "0001");
        assertThat(X12Text.segment(segments, "AK5")).containsExactly("AK5", "A");
        assertThat(X12Text.segment(segments, "AK9")).containsExactly("AK9", "A", "1", "1", "1");
        assertThat(X12Text.segment(segments, "SE")).containsExactly("SE", "6", "7001");
        assertThat(X12Text.segment(segments, "GE")).containsExactly("GE", "1", "7001");
        assertThat(X12Text.segment(segments, "IEA")).containsExactly("IEA", "1", "000007001");
        assertThat(numbers.kinds).containsExactly("acme-hardware/ISA13", "acme-hardware/GS06", "acme-hardware/ST02");

        JsonNode parsed = independent(ack, "clean-997.x12");
        assertThat(parsed.path("strict").asText()).isEqualTo("ok");
        assertThat(parsed.path("diagnostics")).isEmpty();
        JsonNode interchange = parsed.path("interchanges").get(0);
        assertThat(interchange.path("sender").asText()).isEqualTo("ORDERSYNC");
        assertThat(interchange.path("receiver").asText()).isEqualTo("ACMEHARDWARE");
        assertThat(interchange.path("controlNumber").asLong()).isEqualTo(7001);
        assertThat(interchange.path("usage").asText()).isEqualTo("T");
        JsonNode group = interchange.path("groups").get(0);
        assertThat(group.path("functionalId").asText()).isEqualTo("FA");
        assertThat(group.path("controlNumber").asText()).isEqualTo("7001");
        JsonNode set = group.path("transactions").get(0);
        assertThat(set.path("type").asText()).isEqualTo("997");
        assertThat(set.path("segmentCount").asText()).isEqualTo("6");
        assertThat(bodyTags(set)).containsExactly("AK1", "AK2", "AK5", "AK9");
        assertThat(elementsOf(set, "AK5").get(0)).isEqualTo("A");
        assertThat(elementsOf(set, "AK9")).containsExactly("A", "1", "1", "1");
    }

    @Test
    void a_wrong_se_count_rejects_the_set_with_ak5_code_4() throws Exception {
        Inspected x = inspect(SAMPLES.resolve("acme-850-bad-envelope.x12"));

        String ack = x.acks().functional(x.in(), acme(), numbers, CLOCK).orElseThrow();

        List<List<String>> segments = X12Text.segments(ack);
        assertThat(X12Text.tags(segments)).containsExactly("ISA", "GS", "ST", "AK1", "AK2", "AK5", "AK9", "SE", "GE", "IEA");
        assertThat(X12Text.segment(segments, "AK2")).containsExactly("AK2", "850", "0001");
        assertThat(X12Text.segment(segments, "AK5")).containsExactly("AK5", "R", "4");
        assertThat(X12Text.segment(segments, "AK9")).containsExactly("AK9", "R", "1", "1", "0");

        JsonNode set = independent(ack, "bad-envelope-997.x12").path("interchanges").get(0).path("groups").get(0)
                .path("transactions").get(0);
        assertThat(elementsOf(set, "AK5")).containsExactly("R", "4");
        assertThat(elementsOf(set, "AK9")).containsExactly("R", "1", "1", "0");
    }

    @Test
    void a_bad_code_value_and_a_missing_segment_are_located_in_ak3_and_ak4() throws Exception {
        Path sample = ACK_SAMPLES.resolve("acme-850-bad-code-missing-segment.x12");
        Inspected x = inspect(sample);

        String ack = x.acks().functional(x.in(), acme(), numbers, CLOCK).orElseThrow();

        List<List<String>> segments = X12Text.segments(ack);
        assertThat(X12Text.tags(segments)).containsExactly("ISA", "GS", "ST", "AK1",
                "AK2", "AK3", "AK4", "AK3", "AK4", "AK5",
                "AK2", "AK3", "AK5",
                "AK9", "SE", "GE", "IEA");
        assertThat(X12Text.body(segments, "AK1", "AK9")).containsExactly(
                List.of("AK1", "PO", "201"),
                // 0001: BEG01 'XX' is no transaction set purpose code (353); BEG is segment 2 of the set
                List.of("AK2", "850", "0001"),
                List.of("AK3", "BEG", "2", "", "8"),
                List.of("AK4", "1", "353", "7", "XX"),
                // ... and the second PO1's unit of measure (355, ID 2/2) is too long; PO1 is segment 10
                List.of("AK3", "PO1", "10", "", "8"),
                List.of("AK4", "3", "355", "5", "KGM"),
                List.of("AK5", "R", "5"),
                // 0002: no BEG; noticed at segment 2 (CUR), where BEG belongs
                List.of("AK2", "850", "0002"),
                List.of("AK3", "BEG", "2", "", "3"),
                List.of("AK5", "R", "5"),
                List.of("AK9", "R", "2", "2", "0"));

        // the positions, seen by the independent parser in the 850s themselves: AK302 counts from ST = 1
        JsonNode inbound = independent(Files.readString(sample), "inbound-850s.x12");
        JsonNode first = inbound.path("interchanges").get(0).path("groups").get(0).path("transactions").get(0);
        JsonNode second = inbound.path("interchanges").get(0).path("groups").get(0).path("transactions").get(1);
        assertThat(atPosition(first, 2).path("tag").asText()).isEqualTo("BEG");
        assertThat(atPosition(first, 2).path("elements").get(0).asText()).isEqualTo("XX");
        assertThat(atPosition(first, 10).path("tag").asText()).isEqualTo("PO1");
        assertThat(atPosition(first, 10).path("elements").get(2).asText()).isEqualTo("KGM");
        assertThat(bodyTags(second)).doesNotContain("BEG");
        assertThat(atPosition(second, 2).path("tag").asText()).isEqualTo("CUR");

        JsonNode parsed = independent(ack, "bad-code-997.x12");
        assertThat(parsed.path("strict").asText()).isEqualTo("ok");
        JsonNode set = parsed.path("interchanges").get(0).path("groups").get(0).path("transactions").get(0);
        assertThat(bodyTags(set)).containsExactly("AK1", "AK2", "AK3", "AK4", "AK3", "AK4", "AK5", "AK2", "AK3",
                "AK5", "AK9");
        assertThat(elementsOf(set, "AK9")).containsExactly("R", "2", "2", "0");
        assertThat(set.path("segmentCount").asInt()).isEqualTo(set.path("segments").size() + 2);
    }

    @Test
    void one_good_and_one_bad_set_make_a_partially_accepted_group() throws Exception {
        Inspected x = inspect(ACK_SAMPLES.resolve("acme-850-partly-accepted.x12"));

        String ack = x.acks().functional(x.in(), acme(), numbers, CLOCK).orElseThrow();

        assertThat(X12Text.body(X12Text.segments(ack), "AK1", "AK9")).containsExactly(
                List.of("AK1", "PO", "202"),
                List.of("AK2", "850", "0001"),
                List.of("AK5", "A"),
                List.of("AK2", "850", "0002"),
                // DTM02 '20261301' (373, a date): segment 4 of the set, element 2, code 8 invalid date
                List.of("AK3", "DTM", "4", "", "8"),
                List.of("AK4", "2", "373", "8", "20261301"),
                List.of("AK5", "R", "5"),
                List.of("AK9", "P", "2", "2", "1"));

        JsonNode set = independent(ack, "partly-997.x12").path("interchanges").get(0).path("groups").get(0)
                .path("transactions").get(0);
        assertThat(elementsOf(set, "AK9")).containsExactly("P", "2", "2", "1");
    }

    @Test
    void positions_in_a_files_second_interchange_count_from_its_own_st() throws Exception {
        Inspected x = inspect(ACK_SAMPLES.resolve("acme-850-two-interchanges-second-bad.x12"));
        EdiReport.Interchange second = x.report().interchanges().get(1);
        // StAEDI's position of the bad BEG runs on from the first interchange (16 segments): ISA, GS, ST, BEG
        assertThat(second.groups().get(0).transactions().get(0).problems().get(0).segmentPosition()).isEqualTo(20);

        List<List<String>> expected = List.of(List.of("AK1", "PO", "102"), List.of("AK2", "850", "0001"),
                List.of("AK3", "BEG", "2", "", "8"), List.of("AK4", "1", "353", "7", "XX"), List.of("AK5", "R", "5"),
                List.of("AK9", "R", "1", "1", "0"));
        String scanned = x.acks().functional(second, acme(), numbers, CLOCK).orElseThrow();
        assertThat(X12Text.body(X12Text.segments(scanned), "AK1", "AK9")).containsExactlyElementsOf(expected);
        String counted = new Acknowledgements(SPECS, HeaderPositions.counted(x.report()))
                .functional(second, acme(), numbers, CLOCK).orElseThrow();
        assertThat(X12Text.body(X12Text.segments(counted), "AK1", "AK9")).containsExactlyElementsOf(expected);
        // no position known for a transaction with errors: no guess
        Acknowledgements blind = new Acknowledgements(SPECS, (in, tx) -> java.util.OptionalInt.empty());
        assertThatThrownBy(() -> blind.functional(second, acme(), numbers, CLOCK))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("850 0001");

        JsonNode set = independent(counted, "second-interchange-997.x12").path("interchanges").get(0).path("groups")
                .get(0).path("transactions").get(0);
        assertThat(elementsOf(set, "AK3")).containsExactly("BEG", "2", "", "8");
    }

    // ================================================================================================= TA1

    @Test
    void an_iea02_mismatch_gets_a_ta1_accepting_with_note_001_and_the_groups_their_997() throws Exception {
        Inspected x = inspect(ACK_SAMPLES.resolve("acme-850-iea-mismatch.x12"));

        String ta1 = x.acks().ta1(x.in(), acme(), numbers, CLOCK).orElseThrow();

        List<List<String>> segments = X12Text.segments(ta1);
        assertThat(X12Text.tags(segments)).containsExactly("ISA", "TA1", "IEA");
        assertThat(X12Text.segment(segments, "ISA").subList(5, 17)).containsExactly("ZZ", "ORDERSYNC      ", "ZZ",
                "ACMEHARDWARE   ", "261125", "0830", "U", "00401", "000007001", "0", "T", ">");
        // the header's control number, date and time; E: accepted, the sender must not resend
        assertThat(X12Text.segment(segments, "TA1")).containsExactly("TA1", "000000203", "261124", "1000", "E", "001");
        assertThat(X12Text.segment(segments, "IEA")).containsExactly("IEA", "0", "000007001");
        assertThat(numbers.kinds).containsExactly("acme-hardware/ISA13");

        String functional = x.acks().functional(x.in(), acme(), numbers, CLOCK).orElseThrow();
        assertThat(X12Text.segment(X12Text.segments(functional), "AK9")).containsExactly("AK9", "A", "1", "1", "1");
        assertThat(X12Text.segment(X12Text.segments(functional), "ISA").get(13)).isEqualTo("000007002");

        JsonNode parsed = independent(ta1, "iea-mismatch-ta1.x12");
        // node-x12's object model has no place for a TA1: it reports exactly that, and nothing else
        assertThat(parsed.path("diagnostics")).allSatisfy(d -> assertThat(d.asText()).contains("TA1"));
        assertThat(X12Text.tags(parsed.path("segments"))).containsExactly("ISA", "TA1", "IEA");
        JsonNode ta1Segment = parsed.path("segments").get(1).path("elements");
        assertThat(ta1Segment.get(0).asText()).isEqualTo("000000203");
        assertThat(ta1Segment.get(3).asText()).isEqualTo("E");
        assertThat(ta1Segment.get(4).asText()).isEqualTo("001");
        JsonNode interchange = parsed.path("interchanges").get(0);
        assertThat(interchange.path("groupCount").asText()).isEqualTo("0");
        assertThat(interchange.path("trailerControlNumber").asText())
                .isEqualTo(interchange.path("controlNumber").asText()).isEqualTo("7001");
    }

    @Test
    void a_clean_interchange_gets_ta1_a_000_and_none_when_the_profile_does_not_ask() throws Exception {
        Inspected x = inspect(SAMPLES.resolve("acme-850-clean.x12"));

        String ta1 = x.acks().ta1(x.in(), acme(), numbers, CLOCK).orElseThrow();
        assertThat(X12Text.segment(X12Text.segments(ta1), "TA1")).containsExactly("TA1", "000000101", "261123", "1015", "A",
                "000");

        Profile noTa1 = with(acme(), new PartnerProfiles.Acknowledgements(false, "997", true, null), null);
        assertThat(x.acks().ta1(x.in(), noTa1, numbers, CLOCK)).isEmpty();
        Profile none = with(acme(), new PartnerProfiles.Acknowledgements(true, "none", true, null), null);
        assertThat(x.acks().functional(x.in(), none, numbers, CLOCK)).isEmpty();
        assertThat(numbers.kinds).containsExactly("acme-hardware/ISA13");

        assertThat(X12Text.tags(independent(ta1, "clean-ta1.x12").path("segments"))).containsExactly("ISA", "TA1", "IEA");
    }

    @Test
    void an_invalid_sender_qualifier_rejects_the_interchange_in_ta1_and_it_gets_no_997() throws Exception {
        String clean = Files.readString(SAMPLES.resolve("acme-850-clean.x12"));
        Inspected x = inspect("isa05-qq.x12", clean.replaceFirst("\\*ZZ\\*ACMEHARDWARE", "*QQ*ACMEHARDWARE")
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(x.in().problems()).extracting(p -> p.segment() + p.element() + " " + p.code())
                .containsExactly("ISA5 INVALID_CODE_VALUE");

        String ta1 = x.acks().ta1(x.in(), acme(), numbers, CLOCK).orElseThrow();

        // R with 005 (invalid interchange ID qualifier for sender): the interchange is not opened
        assertThat(X12Text.segment(X12Text.segments(ta1), "TA1")).containsExactly("TA1", "000000101", "261123", "1015", "R",
                "005");
        assertThat(x.acks().functional(x.in(), acme(), numbers, CLOCK)).isEmpty();

        JsonNode parsed = independent(ta1, "isa05-ta1.x12");
        assertThat(parsed.path("segments").get(1).path("elements").get(3).asText()).isEqualTo("R");
        assertThat(parsed.path("segments").get(1).path("elements").get(4).asText()).isEqualTo("005");
    }

    // ================================================================================================= 999

    @Test
    void a_999_reports_ik3_ik4_ik5_with_the_purchase_order_as_context() throws Exception {
        Inspected x = inspect(ACK_SAMPLES.resolve("acme-850-bad-code-missing-segment.x12"));
        Profile implementation = with(acme(), new PartnerProfiles.Acknowledgements(false, "999", true, null),
                new PartnerProfiles.Outbound(Map.of("segment", "~", "element", "*", "component", ":",
                        "repetition", "^"), false));

        String ack = x.acks().functional(x.in(), implementation, numbers, CLOCK).orElseThrow();

        assertThat(ack).doesNotContain("\n");
        List<List<String>> segments = X12Text.segments(ack);
        assertThat(X12Text.segment(segments, "ISA").subList(11, 17)).containsExactly("^", "00501", "000007001", "0", "T",
                ":");
        assertThat(X12Text.segment(segments, "GS")).endsWith("005010X231");
        assertThat(X12Text.segment(segments, "ST")).containsExactly("ST", "999", "7001", "005010X231");
        assertThat(X12Text.body(segments, "AK1", "AK9")).containsExactly(
                List.of("AK1", "PO", "201", "004010"),
                List.of("AK2", "850", "0001"),
                List.of("IK3", "BEG", "2", "", "8"),
                List.of("CTX", "BEG03:PO-ACME-2001"),
                List.of("IK4", "1", "353", "7", "XX"),
                List.of("IK3", "PO1", "10", "", "8"),
                List.of("CTX", "BEG03:PO-ACME-2001"),
                List.of("IK4", "3", "355", "5", "KGM"),
                List.of("IK5", "R", "5"),
                List.of("AK2", "850", "0002"),
                List.of("IK3", "BEG", "2", "", "3"),
                List.of("IK5", "R", "5"),
                List.of("AK9", "R", "2", "2", "0"));

        JsonNode parsed = independent(ack, "bad-code-999.x12");
        assertThat(parsed.path("strict").asText()).isEqualTo("ok");
        JsonNode interchange = parsed.path("interchanges").get(0);
        assertThat(interchange.path("version").asText()).isEqualTo("00501");
        assertThat(interchange.path("groups").get(0).path("version").asText()).isEqualTo("005010X231");
        JsonNode set = interchange.path("groups").get(0).path("transactions").get(0);
        assertThat(set.path("type").asText()).isEqualTo("999");
        assertThat(bodyTags(set)).containsExactly("AK1", "AK2", "IK3", "CTX", "IK4", "IK3", "CTX", "IK4", "IK5",
                "AK2", "IK3", "IK5", "AK9");
    }

    // ============================================================================================== CONTRL

    @Test
    void an_orders_with_an_invalid_code_gets_a_contrl_rejecting_that_message_only() throws Exception {
        Path sample = ACK_SAMPLES.resolve("rheinland-orders-d96a-errors.edi");
        Inspected x = inspect(sample);

        String contrl = x.acks().functional(x.in(), rheinland(), numbers, CLOCK).orElseThrow();

        assertThat(contrl).isEqualTo("UNA:+.? '"
                + "UNB+UNOA:3+4098765000002:14+4012345000009:14+261125:0830+7001'"
                + "UNH+1+CONTRL:D:3:UN'"
                + "UCI+RT00042+4012345000009:14+4098765000002:14+7'"
                // message 1: UNS01 'X' (0081 is D or S) is an invalid value; UNS is segment 10 from UNH
                + "UCM+1+ORDERS:D:96A:UN+4'"
                + "UCS+10'"
                + "UCD+12+1'"
                + "UCM+2+ORDERS:D:96A:UN+7'"
                + "UNT+7+1'"
                + "UNZ+1+7001'");
        assertThat(numbers.kinds).containsExactly("rheinland-technik/UNB0020");

        JsonNode inbound = independent(Files.readString(sample), "inbound-orders.edi");
        JsonNode order = inbound.path("interchanges").get(0).path("messages").get(0);
        JsonNode atTen = order.path("segments").get(10 - 2); // UNH = 1, its first body segment = 2
        assertThat(atTen.path("tag").asText()).isEqualTo("UNS");
        assertThat(atTen.path("elements").get(0).get(0).asText()).isEqualTo("X");

        JsonNode parsed = independent(contrl, "orders-contrl.edi");
        JsonNode interchange = parsed.path("interchanges").get(0);
        assertThat(interchange.path("sender").asText()).isEqualTo("4098765000002");
        assertThat(interchange.path("receiver").asText()).isEqualTo("4012345000009");
        assertThat(interchange.path("trailerControlNumber").asText()).isEqualTo(interchange.path("controlNumber")
                .asText()).isEqualTo("7001");
        assertThat(interchange.path("messageCount").asText()).isEqualTo("1");
        JsonNode message = interchange.path("messages").get(0);
        assertThat(message.path("type").asText()).isEqualTo("CONTRL:D:3:UN");
        assertThat(message.path("segmentCount").asInt()).isEqualTo(message.path("countedSegments").asInt());
        assertThat(X12Text.tags(message.path("segments"))).containsExactly("UCI", "UCM", "UCS", "UCD", "UCM");
        assertThat(message.path("segments").get(1).path("elements").get(2).get(0).asText()).isEqualTo("4");
        assertThat(message.path("segments").get(4).path("elements").get(2).get(0).asText()).isEqualTo("7");
    }

    @Test
    void a_unz_reference_mismatch_rejects_the_whole_interchange_in_uci() throws Exception {
        Inspected x = inspect(ACK_SAMPLES.resolve("rheinland-orders-d96a-unz-mismatch.edi"));

        String contrl = x.acks().functional(x.in(), rheinland(), numbers, CLOCK).orElseThrow();

        // 4: this level and all lower levels rejected; 28: references do not match, in UNZ element 2; no UCM
        assertThat(contrl).contains("UCI+RT00043+4012345000009:14+4098765000002:14+4+28+UNZ+2'UNT+3+1'")
                .doesNotContain("UCM");

        JsonNode message = independent(contrl, "unz-contrl.edi").path("interchanges").get(0).path("messages").get(0);
        assertThat(X12Text.tags(message.path("segments"))).containsExactly("UCI");
        assertThat(message.path("segmentCount").asInt()).isEqualTo(message.path("countedSegments").asInt());
    }

    // ======================================================================================= rules and limits

    @Test
    void an_acknowledgement_that_does_not_validate_is_not_released() throws IOException {
        // GS01 'QQ' is no functional identifier code: AK101 must echo it, and no valid 997 can
        Inspected x = inspect(ACK_SAMPLES.resolve("acme-850-unknown-functional-id.x12"));

        assertThatThrownBy(() -> x.acks().functional(x.in(), acme(), numbers, CLOCK))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not validate, not sent")
                .hasMessageContaining("AK101")
                .hasMessageContaining("INVALID_CODE_VALUE");

        // an identity StAEDI's control schema refuses is caught while writing
        Profile badQualifier = new Profile(acme().partner(), acme().name(), acme().standard(), acme().versions(),
                acme().identity(), new PartnerProfiles.Identity("ZZZ", "ORDERSYNC", "ORDERSYNC", null, null),
                acme().outbound(), acme().acknowledgements(), acme().legalEntity(), acme().mappings(), acme().usage(),
                acme().duplicateDetection(), acme().tolerate(), acme().schemaVersions());
        Inspected clean = inspect(SAMPLES.resolve("acme-850-clean.x12"));
        assertThatThrownBy(() -> clean.acks().ta1(clean.in(), badQualifier, numbers, CLOCK))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ISA");
    }

    @Test
    void the_read_back_validation_finds_what_is_wrong_with_an_acknowledgement() throws IOException {
        Inspected x = inspect(SAMPLES.resolve("acme-850-clean.x12"));
        String valid = x.acks().functional(x.in(), acme(), numbers, CLOCK).orElseThrow();
        assertThat(AckValidation.problems(valid, SPECS)).isEmpty();

        assertThat(AckValidation.problems(valid.replace("AK5*A~", "AK5*Z~"), SPECS))
                .anySatisfy(p -> assertThat(p).contains("AK501").contains("INVALID_CODE_VALUE"));
        assertThat(AckValidation.problems(valid.replace("SE*6*", "SE*7*"), SPECS))
                .anySatisfy(p -> assertThat(p).contains("SE01").contains("CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT"));
        assertThat(AckValidation.problems(valid.replace("AK9*A*1*1*1~\n", ""), SPECS))
                .anySatisfy(p -> assertThat(p).contains("AK9").contains("MANDATORY_SEGMENT_MISSING"));
    }

    @Test
    void profiles_and_interchanges_of_different_standards_are_refused() throws IOException {
        Inspected x12 = inspect(SAMPLES.resolve("acme-850-clean.x12"));
        Inspected edifact = inspect(ACK_SAMPLES.resolve("rheinland-orders-d96a-errors.edi"));

        assertThatThrownBy(() -> edifact.acks().functional(edifact.in(), acme(), numbers, CLOCK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("997");
        assertThatThrownBy(() -> x12.acks().functional(x12.in(), rheinland(), numbers, CLOCK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CONTRL");
        assertThatThrownBy(() -> edifact.acks().ta1(edifact.in(), rheinland(), numbers, CLOCK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TA1");
    }

    @Test
    void acknowledgements_are_not_acknowledged() throws IOException {
        Inspected x = inspect(SAMPLES.resolve("acme-850-clean.x12"));
        String ack = x.acks().functional(x.in(), acme(), numbers, CLOCK).orElseThrow();
        // the partner sends ordersync's 997 back, as if it were its own: a 997 answers no 997
        String returned = ack.replace("*ZZ*ORDERSYNC      *ZZ*ACMEHARDWARE   *", "*ZZ*ACMEHARDWARE   *ZZ*ORDERSYNC      *")
                .replace("GS*FA*ORDERSYNC*ACMEHW*", "GS*FA*ACMEHW*ORDERSYNC*");
        EdiReport report = INSPECTOR.inspect("returned-997", returned.getBytes(StandardCharsets.UTF_8));
        assertThat(report.status()).isEqualTo(EdiReport.Status.ACCEPTED);

        Acknowledgements acks = new Acknowledgements(SPECS, HeaderPositions.counted(report));
        assertThat(acks.functional(report.interchanges().get(0), acme(), numbers, CLOCK)).isEmpty();
    }

    @Test
    void header_positions_counted_from_the_report_agree_with_the_file() throws IOException {
        for (Path sample : List.of(SAMPLES.resolve("acme-850-clean.x12"), SAMPLES.resolve("acme-850-bad-envelope.x12"),
                SAMPLES.resolve("acme-850-two-interchanges.x12"), SAMPLES.resolve("acme-850-banner-bom-crlf.x12"),
                ACK_SAMPLES.resolve("acme-850-bad-code-missing-segment.x12"),
                ACK_SAMPLES.resolve("acme-850-partly-accepted.x12"),
                ACK_SAMPLES.resolve("rheinland-orders-d96a-errors.edi"))) {
            byte[] raw = Files.readAllBytes(sample);
            EdiReport report = INSPECTOR.inspect(sample.toString(), raw);
            HeaderPositions scanned = HeaderPositions.scanning(raw);
            HeaderPositions counted = HeaderPositions.counted(report);
            for (EdiReport.Interchange in : report.interchanges()) {
                List<EdiReport.Transaction> all = new ArrayList<>();
                in.groups().forEach(g -> all.addAll(g.transactions()));
                all.addAll(in.transactions());
                assertThat(all).as(sample.toString()).isNotEmpty();
                for (EdiReport.Transaction tx : all) {
                    assertThat(scanned.of(in, tx)).as(sample + " " + tx.controlNumber()).isPresent();
                    assertThat(counted.of(in, tx)).as(sample + " " + tx.controlNumber()).isEqualTo(scanned.of(in, tx));
                }
            }
        }
        // the second ST of the bad-code sample: ISA, GS, 12 segments of the first set
        Inspected x = inspect(ACK_SAMPLES.resolve("acme-850-bad-code-missing-segment.x12"));
        assertThat(HeaderPositions.counted(x.report()).of(x.in(), x.in().groups().get(0).transactions().get(1)))
                .hasValue(15);
        // the ST of a file's second interchange: StAEDI counts on from the first (16 segments)
        Inspected two = inspect(SAMPLES.resolve("acme-850-two-interchanges.x12"));
        EdiReport.Interchange second = two.report().interchanges().get(1);
        assertThat(HeaderPositions.counted(two.report()).of(second, second.groups().get(0).transactions().get(0)))
                .hasValue(19);
        // a transaction of another report is not known
        assertThat(HeaderPositions.counted(two.report()).of(x.in(), x.in().groups().get(0).transactions().get(0)))
                .isEmpty();
    }

    @Test
    void every_code_of_the_table_is_in_the_code_list_of_its_acknowledgement() {
        Schema x997v4010 = SPECS.find("X12", "004010", "997").orElseThrow();
        Schema x997v5010 = SPECS.find("X12", "005010", "997").orElseThrow();
        Schema x999 = SPECS.find("X12", "005010", "999").orElseThrow();
        Schema contrl = SPECS.find("EDIFACT", "D96A", "CONTRL").orElseThrow();
        for (AckCodes.Row row : AckCodes.table().values()) {
            check(row, AckCodes.Format.X12_997_004010, x997v4010, row.segment() ? "E720" : "E723");
            check(row, AckCodes.Format.X12_997_005010, x997v5010, row.segment() ? "E720" : "E723");
            check(row, AckCodes.Format.X12_999, x999, row.segment() ? "E620" : "E621");
            check(row, AckCodes.Format.CONTRL, contrl, "E0085");
        }
        // every StAEDI error is either in the table or an envelope control error handled on its own
        for (EDIStreamValidationError error : EDIStreamValidationError.values()) {
            if (error != EDIStreamValidationError.NONE && !error.name().startsWith("CONTROL_")) {
                assertThat(AckCodes.table()).as(error.name()).containsKey(error);
            }
        }
        assertThat(AckCodes.table().get(EDIStreamValidationError.SEGMENT_NOT_IN_DEFINED_TRANSACTION_SET)
                .code(AckCodes.Format.X12_997_004010)).isEqualTo("6");
        assertThat(AckCodes.table().get(EDIStreamValidationError.TOO_MANY_COMPONENTS)
                .code(AckCodes.Format.X12_997_005010)).isEqualTo("13");
    }

    private static void check(AckCodes.Row row, AckCodes.Format format, Schema schema, String elementType) {
        String code = row.code(format);
        if (code != null) {
            EDISimpleType list = (EDISimpleType) schema.getType(elementType);
            assertThat(list.getValueSet()).as(row.error() + " in " + format).contains(code);
        }
    }

    // ============================================================================================== support

    private static Profile acme() {
        return PROFILES.byId("acme-hardware").orElseThrow();
    }

    private static Profile rheinland() {
        return PROFILES.byId("rheinland-technik").orElseThrow();
    }

    private static Profile with(Profile p, PartnerProfiles.Acknowledgements acks, PartnerProfiles.Outbound outbound) {
        return new Profile(p.partner(), p.name(), p.standard(), p.versions(), p.identity(), p.ourIdentity(),
                outbound == null ? p.outbound() : outbound, acks, p.legalEntity(), p.mappings(), p.usage(),
                p.duplicateDetection(), p.tolerate(), p.schemaVersions());
    }

    /** A sample as EdiInspector reports it, and the acknowledgements for it (header positions read from the file). */
    private record Inspected(EdiReport report, EdiReport.Interchange in, Acknowledgements acks) {}

    private static Inspected inspect(Path sample) throws IOException {
        return inspect(sample.getFileName().toString(), Files.readAllBytes(sample));
    }

    private static Inspected inspect(String name, byte[] raw) {
        EdiReport report = INSPECTOR.inspect(name, raw);
        assertThat(report.interchanges()).isNotEmpty();
        return new Inspected(report, report.interchanges().get(0), new Acknowledgements(SPECS,
                HeaderPositions.scanning(raw).orElse(HeaderPositions.counted(report))));
    }


    private static List<String> bodyTags(JsonNode transaction) {
        return X12Text.tags(transaction.path("segments"));
    }

    private static List<String> elementsOf(JsonNode transaction, String tag) {
        for (JsonNode s : transaction.path("segments")) {
            if (s.path("tag").asText().equals(tag)) {
                return StreamSupport.stream(s.path("elements").spliterator(), false).map(JsonNode::asText).toList();
            }
        }
        throw new AssertionError("no " + tag + " in " + transaction);
    }

    /** The segment at a position of an X12 set as node-x12 read it (ST = 1, so the first body segment is 2). */
    private static JsonNode atPosition(JsonNode transaction, int position) {
        return transaction.path("segments").get(position - 2);
    }

    /** AckNumbers that records which sequences were asked for. */
    private static final class RecordingNumbers implements AckNumbers {
        private final AckNumbers delegate;
        private final List<String> kinds = new ArrayList<>();

        RecordingNumbers(AckNumbers delegate) {
            this.delegate = delegate;
        }

        @Override
        public long next(String partner, String kind) {
            kinds.add(partner + "/" + kind);
            return delegate.next(partner, kind);
        }
    }

    /** The document as the independent npm parsers see it. */
    private JsonNode independent(String edi, String name) throws Exception {
        return io.ordersync.edi.IndependentEdiParser.parse(edi, out, name);
    }
}
