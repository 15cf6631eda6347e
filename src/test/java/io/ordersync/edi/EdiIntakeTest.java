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
    private static String rheinlandOrders(String reference, String po) throws IOException {
        return Files.readString(Path.of("src/test/resources/edi/schema/edifact-d96a-ORDERS.edi"))
                .replace("5412345000013:14+5498765000011:14", "4012345000009:14+4098765000002:14")
                .replace("ORD0001", reference)
                .replace("PO20250001", po);
    }
}
