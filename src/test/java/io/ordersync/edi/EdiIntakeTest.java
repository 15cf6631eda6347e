package io.ordersync.edi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The EDI intake with a real order intake and store (H2): every order of a file is stored and published one at a
 * time, and nothing of an interchange whose envelope is rejected, or that was not read to its end, is.
 */
class EdiIntakeTest {

    private final List<String> published = new ArrayList<>();
    private EdiIntakeRig rig;

    @BeforeEach
    void start() throws Exception {
        rig = EdiIntakeRig.start("jdbc:h2:mem:edi-intake-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                published::add);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void every_order_of_every_interchange_is_stored_and_published_once() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        ManyOrders.write(file, 811, "PO-EVERY", 0, 3);
        ManyOrders.write(file, 812, "PO-EVERY", 3, 5);

        Map<String, Object> summary = rig.receive("every.x12", file.toByteArray());

        assertThat(interchanges(summary)).extracting(i -> i.get("status"), i -> i.get("orders"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ACCEPTED", 3),
                        org.assertj.core.groups.Tuple.tuple("ACCEPTED", 5));
        assertThat(rig.storedOrders()).isEqualTo(8);
        assertThat(published).hasSize(8);
        for (int n = 0; n < 8; n++) {
            assertThat(published.get(n)).contains("\"externalId\":\"PO-EVERY-" + n + "\"");
        }
        assertThat(rig.outboxFiles("acme-hardware", "997-")).hasSize(2)
                .anySatisfy(ack -> assertThat(ack).contains("AK9*A*3*3*3"))
                .anySatisfy(ack -> assertThat(ack).contains("AK9*A*5*5*5"));
    }

    @Test
    void an_850_in_a_version_without_a_schema_of_its_own_becomes_an_order_with_every_line_and_a_warning(
            @org.junit.jupiter.api.io.TempDir Path partners) throws Exception {
        // a partner agreed on 004030, which edi-specs has no schema for
        Files.writeString(partners.resolve("acme-hardware.yaml"), Files.readString(
                Path.of("mappings/partners/acme-hardware.yaml")).replace("versions: [\"004010\"]",
                "versions: [\"004010\", \"004030\"]"));
        try (EdiIntakeRig agreed = EdiIntakeRig.start("jdbc:h2:mem:edi-intake-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1", published::add, EdiLimits.DEFAULTS, partners)) {
            String file = Files.readString(Path.of("src/test/resources/edi/samples/acme-850-clean.x12"))
                    .replace("*X*004010~", "*X*004030~").replace("PO-ACME-1001", "PO-NEAREST-1");
            assertThat(file).contains("*X*004030~");

            Map<String, Object> summary = agreed.receive("nearest.x12", file.getBytes(StandardCharsets.ISO_8859_1));

            Map<String, Object> interchange = interchanges(summary).get(0);
            assertThat(interchange).containsEntry("status", "ACCEPTED").containsEntry("orders", 1)
                    .doesNotContainKey("problems");
            assertThat(interchange.get("warnings").toString()).contains("NEAREST_SCHEMA")
                    .contains("validated and mapped against x12/004010/850.xml");
            assertThat(published).singleElement().satisfies(order -> {
                assertThat(order).contains("\"externalId\":\"PO-NEAREST-1\"");
                assertThat(io.ordersync.support.Json.mapper().readTree(order).path("lines")).hasSize(
                        inspectedLines("src/test/resources/edi/samples/acme-850-clean.x12"));
            });
            // the partner is told the set was accepted: a 997 has no place for a warning
            assertThat(agreed.outboxFiles("acme-hardware", "997-")).singleElement()
                    .satisfies(ack -> assertThat(ack).contains("AK5*A").contains("AK9*A*1*1*1"));
        }
    }

    @Test
    void a_deviation_the_partners_profile_tolerates_is_accepted_with_a_warning_and_strict_is_the_default(
            @org.junit.jupiter.api.io.TempDir Path partners) throws Exception {
        // a six-digit GS04 date in an 004010 group, where the standard has eight (CCYYMMDD)
        String file = Files.readString(Path.of("src/test/resources/edi/samples/acme-850-clean.x12"))
                .replace("*20261123*1015*101*X*004010~", "*261123*1015*101*X*004010~");
        assertThat(file).contains("*261123*1015*101*X*004010~");

        // the shipped profile is strict: the group, and so its order, is rejected
        Map<String, Object> strict = rig.receive("strict.x12", file.replace("PO-ACME-1001", "PO-STRICT-1")
                .replace("000000101", "000000901").getBytes(StandardCharsets.ISO_8859_1));
        assertThat(interchanges(strict).get(0)).containsEntry("status", "REJECTED").containsEntry("orders", 0);
        assertThat(interchanges(strict).get(0).get("problems").toString()).contains("GS")
                .contains("DATA_ELEMENT_TOO_SHORT");
        assertThat(published).isEmpty();

        Files.writeString(partners.resolve("acme-hardware.yaml"), Files.readString(
                Path.of("mappings/partners/acme-hardware.yaml")) + "tolerate:\n"
                + "  - {segment: GS, element: 4, code: DATA_ELEMENT_TOO_SHORT, why: \"ACME's translator writes GS04 as YYMMDD\"}\n"
                + "  - {segment: GS, element: 4, code: INVALID_DATE, why: \"ACME's translator writes GS04 as YYMMDD\"}\n");
        try (EdiIntakeRig tolerant = EdiIntakeRig.start("jdbc:h2:mem:edi-intake-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1", published::add, EdiLimits.DEFAULTS, partners)) {
            Map<String, Object> summary = tolerant.receive("tolerated.x12", file.replace("PO-ACME-1001",
                    "PO-TOLERATED-1").getBytes(StandardCharsets.ISO_8859_1));

            Map<String, Object> interchange = interchanges(summary).get(0);
            assertThat(interchange).containsEntry("status", "ACCEPTED").containsEntry("orders", 1)
                    .doesNotContainKey("problems");
            assertThat(published).singleElement().satisfies(order ->
                    assertThat(order).contains("\"externalId\":\"PO-TOLERATED-1\""));
            assertThat(tolerant.outboxFiles("acme-hardware", "997-")).singleElement()
                    .satisfies(ack -> assertThat(ack).contains("AK5*A").contains("AK9*A*1*1*1"));
            // the report says what was tolerated, where, and why
            EdiReport report = new EdiInspector(new EdiSpecs(Path.of("edi-specs")), new EdiOrderMapping(
                    Path.of("mappings"), PartnerProfiles.load(partners))).inspect("tolerated.x12",
                    file.getBytes(StandardCharsets.ISO_8859_1));
            assertThat(report.status()).isEqualTo(EdiReport.Status.ACCEPTED);
            assertThat(report.interchanges().get(0).groups().get(0).problems()).isNotEmpty().allSatisfy(p -> {
                assertThat(p.code()).isEqualTo("TOLERATED");
                assertThat(p.segment()).isEqualTo("GS");
                assertThat(p.element()).isEqualTo(4);
                assertThat(p.message()).contains("tolerated by the partner profile: ACME's translator writes GS04"
                        + " as YYMMDD");
            });
        }
    }

    private static int inspectedLines(String sample) throws IOException {
        EdiReport report = new EdiInspector(new EdiSpecs(Path.of("edi-specs")), new EdiOrderMapping(Path.of("mappings")))
                .inspect("sample.x12", Files.readAllBytes(Path.of(sample)));
        return report.interchanges().get(0).groups().get(0).transactions().get(0).canonicalOrder().path("lines").size();
    }

    @Test
    void orders_beyond_what_the_first_reading_keeps_are_read_again_and_stored_in_file_order() throws Exception {
        try (EdiIntakeRig bounded = EdiIntakeRig.start("jdbc:h2:mem:edi-intake-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1", published::add, new EdiLimits(200_000, 2_000_000, 20_000, 10_000, 20))) {
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            ManyOrders.write(file, 861, "PO-AGAIN", 0, 5);

            Map<String, Object> summary = bounded.receive("again.x12", file.toByteArray());

            assertThat(interchanges(summary).get(0)).containsEntry("status", "ACCEPTED").containsEntry("orders", 5);
            assertThat(bounded.storedOrders()).isEqualTo(5);
            assertThat(published).hasSize(5);
            for (int n = 0; n < 5; n++) {
                assertThat(published.get(n)).contains("\"externalId\":\"PO-AGAIN-" + n + "\"");
            }
        }
    }

    @Test
    void an_interchange_whose_trailer_rejects_it_creates_no_order_though_its_messages_are_fine() throws IOException {
        String orders = rheinlandOrders("ICN9001", "RT-PO-9001");
        Map<String, Object> good = rig.receive("good.edi", orders.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(interchanges(good).get(0)).containsEntry("status", "ACCEPTED").containsEntry("orders", 1);
        assertThat(published).hasSize(1);

        // the same kind of file, its one message valid, but the UNZ names another interchange reference
        String badTrailer = rheinlandOrders("ICN9002", "RT-PO-9002").replace("UNZ+1+ICN9002", "UNZ+1+ICN9003");
        Map<String, Object> summary = rig.receive("bad-trailer.edi", badTrailer.getBytes(StandardCharsets.ISO_8859_1));

        Map<String, Object> interchange = interchanges(summary).get(0);
        assertThat(interchange).containsEntry("status", "REJECTED").containsEntry("orders", 0);
        assertThat(interchange.get("problems").toString()).contains("interchange ICN9002")
                .contains("envelope rejected").contains("UNZ02 'ICN9003'");
        assertThat(interchange).containsKey("deadLetter");
        assertThat(rig.storedOrders()).isEqualTo(1);
        assertThat(published).hasSize(1);
        // what the partner is told: the whole interchange rejected (UCI 4, 28: control reference mismatch)
        assertThat(rig.outboxFiles("rheinland-technik", "CONTRL-")).hasSize(2)
                .anySatisfy(contrl -> assertThat(contrl).contains("UCI+ICN9002+").contains("+4+28"));
    }

    @Test
    void an_interchange_not_read_to_its_end_creates_no_order_though_its_first_group_was_complete() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        ManyOrders.write(file, 821, "PO-CUT", 0, 2);
        // the second interchange: one complete group, then a second group that stops after its 850
        ManyOrders.line(file, "ISA*00*          *00*          *ZZ*ACMEHARDWARE   *ZZ*ORDERSYNC      *261123*1015*U"
                + "*00401*000000822*0*T*>");
        ManyOrders.line(file, "GS*PO*ACMEHW*ORDERSYNC*20261123*1015*8221*X*004010");
        ManyOrders.transaction(file, "0001", "PO-CUT-2");
        ManyOrders.line(file, "GE*1*8221");
        ManyOrders.line(file, "GS*PO*ACMEHW*ORDERSYNC*20261123*1015*8222*X*004010");
        ManyOrders.transaction(file, "0002", "PO-CUT-3");

        Map<String, Object> summary = rig.receive("cut.x12", file.toByteArray());

        List<Map<String, Object>> interchanges = interchanges(summary);
        assertThat(interchanges.get(0)).containsEntry("status", "ACCEPTED").containsEntry("orders", 2);
        assertThat(interchanges.get(1)).containsEntry("status", "REJECTED").containsEntry("orders", 0);
        assertThat(interchanges.get(1).get("problems").toString()).contains("interchange 000000822")
                .contains("not read to its end");
        assertThat(rig.storedOrders()).isEqualTo(2);
        assertThat(published).hasSize(2).noneMatch(o -> o.contains("PO-CUT-2"));
    }

    @Test
    void an_x12_trailer_that_only_disagrees_is_accepted_with_errors_and_its_orders_are_created() throws IOException {
        // TA1 E (001): the content is processed and the partner must not send it again, so its order must exist
        String clean = Files.readString(Path.of("src/test/resources/edi/samples/acme-850-clean.x12"));
        String file = clean.replace("000000101", "000000831").replace("PO-ACME-1001", "PO-IEA-831")
                .replace("IEA*1*000000831", "IEA*1*000000832");

        Map<String, Object> summary = rig.receive("iea.x12", file.getBytes(StandardCharsets.US_ASCII));

        assertThat(interchanges(summary).get(0)).containsEntry("orders", 1);
        assertThat(rig.storedOrders()).isEqualTo(1);
        assertThat(published).singleElement().asString().contains("PO-IEA-831");
        assertThat(rig.outboxFiles("acme-hardware", "TA1-")).singleElement().asString()
                .contains("TA1*000000831*").contains("*E*001");
        assertThat(rig.outboxFiles("acme-hardware", "997-")).singleElement().asString().contains("AK5*A");
    }

    @Test
    void a_rejected_purchase_order_is_kept_with_partner_interchange_segment_position_element_and_code()
            throws IOException {
        String clean = Files.readString(Path.of("src/test/resources/edi/samples/acme-850-clean.x12"));
        // BEG03, the purchase order number, is mandatory
        String file = clean.replace("000000101", "000000841").replace("BEG*00*SA*PO-ACME-1001**", "BEG*00*SA***");

        Map<String, Object> summary = rig.receive("no-po.x12", file.getBytes(StandardCharsets.US_ASCII));

        assertThat(interchanges(summary).get(0)).containsEntry("status", "REJECTED").containsEntry("orders", 0);
        Map<String, Object> letter = rig.deadLetters().get(0);
        assertThat(letter.get("status")).isEqualTo("INVALID");
        assertThat(String.valueOf(letter.get("exception_message")))
                .contains("partner acme-hardware, interchange 000000841 in no-po.x12")
                .contains("850 0001: segment 4 (BEG), element 3: ")
                .containsPattern("\\[[A-Z_]+\\]");
        assertThat(String.valueOf(letter.get("payload"))).isEqualTo(file);
        assertThat(rig.outboxFiles("acme-hardware", "997-")).singleElement().asString()
                .contains("AK3*BEG*2").contains("AK4*3*").contains("AK5*R");
        assertThat(rig.storedOrders()).isZero();
    }

    @Test
    void a_production_interchange_from_a_partner_in_testing_creates_no_order_and_is_answered_with_a_rejecting_ta1()
            throws IOException {
        // acme-hardware's profile says usage: test; this interchange says ISA15 P (production)
        String clean = Files.readString(Path.of("src/test/resources/edi/samples/acme-850-clean.x12"));
        String file = clean.replace("000000101", "000000851").replace("PO-ACME-1001", "PO-PROD-851")
                .replace("*0*T*>~", "*0*P*>~");

        Map<String, Object> summary = rig.receive("production.x12", file.getBytes(StandardCharsets.US_ASCII));

        assertThat(interchanges(summary).get(0)).containsEntry("status", "REJECTED").containsEntry("orders", 0);
        assertThat(rig.storedOrders()).isZero();
        assertThat(published).isEmpty();
        Map<String, Object> letter = rig.deadLetters().get(0);
        assertThat(String.valueOf(letter.get("exception_message")))
                .contains("partner acme-hardware, interchange 000000851 in production.x12")
                .contains("segment ISA, element 15: partner acme-hardware is in testing (usage: test)")
                .contains("[NO_AGREEMENT]");
        assertThat(String.valueOf(letter.get("payload"))).isEqualTo(file);
        assertThat(rig.outboxFiles("acme-hardware", "TA1-")).singleElement().asString()
                .contains("TA1*000000851*").contains("*R*020~");
        assertThat(rig.outboxFiles("acme-hardware", "997-")).isEmpty();
    }

    @Test
    void a_file_above_the_size_limit_is_refused_unread_and_the_reason_kept() throws Exception {
        try (EdiIntakeRig small = EdiIntakeRig.start("jdbc:h2:mem:edi-intake-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1", published::add, new EdiLimits(1_000, 2_000_000, 20_000, 10_000))) {
            // a body that fails if read: the stated length alone must refuse it
            java.io.InputStream unreadable = new java.io.InputStream() {
                @Override
                public int read() throws IOException {
                    throw new IOException("the body was read");
                }
            };

            assertThatThrownBy(() -> small.receive("big.x12", unreadable, 5_000L))
                    .isInstanceOf(EdiIntake.EdiFileRejectedException.class)
                    .hasMessage("file big.x12 is refused unread: it has 5000 bytes, more than the 1000 accepted"
                            + " (ordersync.edi.max-file-bytes); send the interchanges in smaller files");
            // over HTTP, by the request's Content-Length
            assertThatThrownBy(() -> small.receive("upload.x12", unreadable, org.apache.camel.Exchange.CONTENT_LENGTH,
                    1_001L)).hasMessageContaining("it has 1001 bytes, more than the 1000 accepted");
            assertThat(small.deadLetters()).hasSize(2);
            Map<String, Object> letter = small.deadLetters().get(1);
            assertThat(letter.get("status")).isEqualTo("INVALID");
            assertThat(String.valueOf(letter.get("exception_message"))).contains("5000 bytes");
            assertThat(String.valueOf(letter.get("payload"))).contains("not kept: too large");

            // within the limit, the segment count still bounds what is read
            byte[] clean = Files.readAllBytes(Path.of("src/test/resources/edi/samples/acme-850-clean.x12"));
            assertThat(clean.length).isLessThan(1_000);
            assertThat(interchanges(small.receive("clean.x12", clean, (long) clean.length)).get(0))
                    .containsEntry("status", "ACCEPTED");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> interchanges(Map<String, Object> summary) {
        return (List<Map<String, Object>>) summary.get("interchanges");
    }

    /** The EDIFACT ORDERS sample from the rheinland-technik partner, with its own interchange reference and PO. */
    // ---------------------------------------------------------------- acknowledgement and processing agree

    private static String acme(String controlNumber) throws IOException {
        return Files.readString(Path.of("src/test/resources/edi/samples/acme-850-clean.x12"))
                .replace("000000101", controlNumber).replace("PO-ACME-1001", "PO-" + controlNumber);
    }

    @Test
    void a_set_whose_group_trailer_is_missing_is_rejected_in_the_997_and_creates_no_order() throws IOException {
        String file = acme("000000901").replace("GE*1*101~\n", "");

        Map<String, Object> summary = rig.receive("no-ge.x12", file.getBytes(StandardCharsets.US_ASCII));

        assertThat(summary).containsEntry("status", "REJECTED");
        assertThat(interchanges(summary).get(0)).containsEntry("status", "REJECTED").containsEntry("orders", 0);
        assertThat(interchanges(summary).get(0).get("problems").toString()).contains("functional group 101")
                .contains("mandatory segment GE is missing");
        assertThat(rig.storedOrders()).isZero();
        assertThat(published).isEmpty();
        assertThat(rig.outboxFiles("acme-hardware", "997-")).singleElement().asString()
                .contains("AK5*R").contains("AK9*R*1*1*0*3");
    }

    @Test
    void an_interchange_with_one_set_taken_and_one_refused_is_recorded_as_partially_accepted() throws IOException {
        // one interchange, one group, two 850s: the second's CTT count is wrong
        String one = acme("000000904");
        int start = one.indexOf("ST*850*0001");
        int end = one.indexOf("GE*1*101");
        String secondSet = one.substring(start, end).replace("ST*850*0001", "ST*850*0002")
                .replace("SE*12*0001", "SE*12*0002").replace("PO-000000904", "PO-000000904-B").replace("CTT*2", "CTT*3");
        String file = one.substring(0, end) + secondSet + one.substring(end).replace("GE*1*101", "GE*2*101");

        Map<String, Object> summary = rig.receive("one-interchange-mixed.x12", file.getBytes(StandardCharsets.US_ASCII));

        assertThat(interchanges(summary)).extracting(i -> i.get("status")).containsExactly("PARTIALLY_ACCEPTED");
        assertThat(rig.storedOrders()).isEqualTo(1);
        // recorded, as support sees it
        assertThat(new org.springframework.jdbc.core.JdbcTemplate(rig.dataSource).queryForObject(
                "SELECT status FROM edi_interchanges WHERE control_number = '000000904'", String.class))
                .isEqualTo("PARTIALLY_ACCEPTED");
    }

    @Test
    void a_file_with_one_order_taken_and_one_refused_is_answered_as_partly_accepted_with_the_problem_listed()
            throws IOException {
        String good = acme("000000902");
        String bad = acme("000000903").replace("CTT*2", "CTT*3");

        Map<String, Object> summary = rig.receive("mixed.x12", (good + bad).getBytes(StandardCharsets.US_ASCII));

        assertThat(summary).containsEntry("status", "PARTIALLY_ACCEPTED");
        assertThat(interchanges(summary)).extracting(i -> i.get("status"))
                .containsExactly("ACCEPTED", "REJECTED");
        assertThat(rig.storedOrders()).isEqualTo(1);
    }

    @Test
    void control_characters_in_an_element_are_refused_with_their_place_not_dropped() throws IOException {
        int n = 910;
        for (String control : List.of("\u0000", "\u0001", "\u001B", "\u007F")) {
            String number = String.format("%09d", n++);
            String file = acme(number).replace("BLUE WIDGET", "BLUE" + control + "WIDGET");

            Map<String, Object> summary = rig.receive("control.x12", file.getBytes(StandardCharsets.ISO_8859_1));

            Map<String, Object> interchange = interchanges(summary).get(0);
            assertThat(interchange).as(control).containsEntry("status", "REJECTED").containsEntry("orders", 0);
            assertThat(interchange.get("problems").toString()).containsOnlyOnce("[CONTROL_CHARACTER]")
                    .contains("segment 11 (PID), element 5: control character 0x")
                    .doesNotContain(control);
        }
        assertThat(rig.storedOrders()).isZero();
        assertThat(rig.outboxFiles("acme-hardware", "997-")).hasSize(4)
                .allSatisfy(ack -> assertThat(ack).containsPattern("AK3\\*PID\\*9\\*\\*8~\\s*AK4\\*5\\*352\\*6~\\s*AK5\\*R\\*5"));
        String edifact = rheinlandOrders("ICN9101", "RT-PO-9101").replace("JANE BUYER", "JANE\u0000BUYER");
        Map<String, Object> summary = rig.receive("control.edi", edifact.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(interchanges(summary).get(0)).containsEntry("orders", 0);
        assertThat(rig.outboxFiles("rheinland-technik", "CONTRL-")).singleElement().asString()
                .contains("UCM+1+ORDERS:D:96A:UN+4").contains("UCD+21+2:2");
    }

    @Test
    void a_wrong_ctt_line_count_or_hash_total_rejects_the_850() throws IOException {
        Map<String, Object> count = rig.receive("ctt.x12", acme("000000921").replace("CTT*2", "CTT*5")
                .getBytes(StandardCharsets.US_ASCII));
        Map<String, Object> hash = rig.receive("hash.x12", acme("000000922").replace("CTT*2", "CTT*2*99")
                .getBytes(StandardCharsets.US_ASCII));
        Map<String, Object> right = rig.receive("right.x12", acme("000000923").replace("CTT*2", "CTT*2*12.5")
                .getBytes(StandardCharsets.US_ASCII));

        assertThat(interchanges(count).get(0).get("problems").toString())
                .contains("segment 13 (CTT), element 1: CTT states 5 as the number of line items (PO1), the 850 has 2");
        assertThat(interchanges(hash).get(0).get("problems").toString())
                .contains("CTT states 99 as the hash total of the line quantities, the 850 has 12.5");
        assertThat(interchanges(right).get(0)).containsEntry("status", "ACCEPTED").containsEntry("orders", 1);
        assertThat(rig.storedOrders()).isEqualTo(1);
        assertThat(rig.outboxFiles("acme-hardware", "997-")).hasSize(3)
                .anySatisfy(ack -> assertThat(ack).containsPattern("AK3\\*CTT\\*11\\*\\*8~\\s*AK4\\*1\\*354\\*7\\*5~\\s*AK5\\*R\\*5"))
                .anySatisfy(ack -> assertThat(ack).containsPattern("AK3\\*CTT\\*11\\*\\*8~\\s*AK4\\*2\\*\\d*\\*7\\*99~\\s*AK5\\*R\\*5"));
    }

    @Test
    void a_wrong_cnt_line_count_rejects_the_orders_message_in_the_contrl() throws IOException {
        String file = rheinlandOrders("ICN9201", "RT-PO-9201").replace("CNT+2:2", "CNT+2:7");

        Map<String, Object> summary = rig.receive("cnt.edi", file.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(interchanges(summary).get(0)).containsEntry("status", "REJECTED").containsEntry("orders", 0);
        assertThat(rig.storedOrders()).isZero();
        assertThat(rig.outboxFiles("rheinland-technik", "CONTRL-")).singleElement().asString()
                .contains("UCM+1+ORDERS:D:96A:UN+4").contains("UCD+12+1:2");
    }

    @Test
    void absurd_quantities_and_prices_are_refused_whatever_their_notation() throws IOException {
        int n = 930;
        for (String quantity : List.of("1E100", "1E7", "10000001", "-5", "0", "0.00001")) {
            String number = String.format("%09d", n++);
            Map<String, Object> summary = rig.receive("qty.x12", acme(number).replace("PO1*1*10*", "PO1*1*" + quantity
                    + "*").replace("CTT*2", "CTT*2").getBytes(StandardCharsets.US_ASCII));
            assertThat(interchanges(summary).get(0)).as(quantity).containsEntry("status", "REJECTED")
                    .containsEntry("orders", 0);
            assertThat(interchanges(summary).get(0).get("problems").toString()).as(quantity)
                    .contains("lines[0].quantity");
        }
        Map<String, Object> price = rig.receive("price.x12", acme("000000939").replace("*12.50**", "*99999999999**")
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(interchanges(price).get(0).get("problems").toString()).contains("lines[0].unitPrice must not be"
                + " more than 10000000");
        assertThat(rig.storedOrders()).isZero();
    }

    @Test
    void binary_data_after_the_last_interchange_is_reported_in_the_answer_and_kept() throws IOException {
        byte[] clean = acme("000000941").getBytes(StandardCharsets.US_ASCII);
        byte[] garbage = {0x01, 0x02, (byte) 0xFF, 'g', 'a', 'r', 0x00};
        byte[] file = java.util.Arrays.copyOf(clean, clean.length + garbage.length);
        System.arraycopy(garbage, 0, file, clean.length, garbage.length);

        Map<String, Object> summary = rig.receive("trailing.x12", file);

        assertThat(summary).containsEntry("status", "PARTIALLY_ACCEPTED");
        assertThat(summary.get("problems").toString()).contains("what follows the trailer of interchange 000000941"
                + " is no interchange and was not read").doesNotContain("\u0001");
        assertThat(interchanges(summary).get(0)).containsEntry("status", "ACCEPTED").containsEntry("orders", 1);
        assertThat(rig.deadLetters()).singleElement().satisfies(letter -> assertThat(
                String.valueOf(letter.get("exception_message"))).contains("DATA_AFTER_INTERCHANGE"));
    }

    @Test
    void an_edifact_control_reference_with_any_character_still_gets_its_contrl() throws IOException {
        int n = 0;
        for (String reference : List.of("ORD/0001", "ORD..", "ORD?+1", "ORD?'2", "ORD?:3")) {
            String file = rheinlandOrders("ICNREF", "RT-PO-REF" + n++).replace("ICNREF", reference);

            Map<String, Object> summary = rig.receive("ref.edi", file.getBytes(StandardCharsets.ISO_8859_1));

            assertThat(summary).as(reference).containsKey("interchanges");
            assertThat(interchanges(summary).get(0).get("acknowledgements")).as(reference).asList().hasSize(1);
        }
        assertThat(rig.outboxFiles("rheinland-technik", "CONTRL-")).hasSize(5)
                .anySatisfy(contrl -> assertThat(contrl).contains("UCI+ORD/0001+"))
                .anySatisfy(contrl -> assertThat(contrl).contains("UCI+ORD?+1+"))
                .anySatisfy(contrl -> assertThat(contrl).contains("UCI+ORD?'2+"));
    }

    private static String rheinlandOrders(String reference, String po) throws IOException {
        return Files.readString(Path.of("src/test/resources/edi/schema/edifact-d96a-ORDERS.edi"))
                .replace("5412345000013:14+5498765000011:14", "4012345000009:14+4098765000002:14")
                .replace("ORD0001", reference)
                .replace("PO20250001", po);
    }
}
