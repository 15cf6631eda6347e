package io.ordersync.edi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordersync.support.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The EDI inspector on ordersync's own partner samples (src/test/resources/edi/samples). */
class EdiInspectorTest {

    private static final Path SAMPLES = Path.of("src/test/resources/edi/samples");

    @Test
    void a_clean_850_is_accepted_with_its_envelope_and_control_numbers() throws IOException {
        EdiReport report = inspect("acme-850-clean.x12");

        assertThat(report.status()).isEqualTo(EdiReport.Status.ACCEPTED);
        assertThat(report.interchanges()).hasSize(1);
        EdiReport.Interchange interchange = report.interchanges().get(0);
        assertThat(interchange.standard()).isEqualTo("X12");
        assertThat(interchange.senderQualifier()).isEqualTo("ZZ");
        assertThat(interchange.senderId()).isEqualTo("ACMEHARDWARE");
        assertThat(interchange.receiverId()).isEqualTo("ORDERSYNC");
        assertThat(interchange.controlNumber()).isEqualTo("000000101");
        assertThat(interchange.testIndicator()).isEqualTo("T");
        assertThat(interchange.delimiters()).containsEntry("segment", "~").containsEntry("dataElement", "*")
                .containsEntry("componentElement", ">");
        EdiReport.Group group = interchange.groups().get(0);
        assertThat(group.functionalId()).isEqualTo("PO");
        assertThat(group.controlNumber()).isEqualTo("101");
        assertThat(group.version()).isEqualTo("004010");
        EdiReport.Transaction po = group.transactions().get(0);
        assertThat(po.type()).isEqualTo("850");
        assertThat(po.controlNumber()).isEqualTo("0001");
        assertThat(po.segmentCount()).isEqualTo(12);
        assertThat(po.keys()).containsEntry("purchaseOrder", "PO-ACME-1001").containsEntry("lineCount", 2);
    }

    @Test
    void a_wrong_trailer_count_and_control_number_are_reported_with_their_position() throws IOException {
        EdiReport report = inspect("acme-850-bad-envelope.x12");

        assertThat(report.status()).isEqualTo(EdiReport.Status.REJECTED);
        EdiReport.Interchange interchange = report.interchanges().get(0);
        assertThat(interchange.problems()).anySatisfy(p -> {
            assertThat(p.code()).isEqualTo("CONTROL_REFERENCE_MISMATCH");
            assertThat(p.segment()).isEqualTo("IEA");
            assertThat(p.element()).isEqualTo(2);
            assertThat(p.value()).isEqualTo("000000999");
            assertThat(p.message()).contains("IEA02").contains("000000999");
        });
        EdiReport.Transaction po = interchange.groups().get(0).transactions().get(0);
        assertThat(po.status()).isEqualTo(EdiReport.Status.REJECTED);
        assertThat(po.problems()).anySatisfy(p -> {
            assertThat(p.code()).isEqualTo("CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT");
            assertThat(p.segment()).isEqualTo("SE");
            assertThat(p.element()).isEqualTo(1);
        });
        assertThat(po.canonicalOrder()).isNull();
    }

    @Test
    void a_byte_order_mark_banner_lines_and_crlf_are_tolerated_with_warnings() throws IOException {
        EdiReport report = inspect("acme-850-banner-bom-crlf.x12");

        assertThat(report.status()).isEqualTo(EdiReport.Status.ACCEPTED);
        assertThat(report.warnings()).anySatisfy(w -> assertThat(w).contains("byte-order mark"));
        assertThat(report.warnings()).anySatisfy(w -> assertThat(w).contains("skipped 2 line(s)")
                .contains("From: edi-gateway@acme.example"));
        assertThat(report.interchanges().get(0).groups().get(0).transactions().get(0).keys())
                .containsEntry("purchaseOrder", "PO-ACME-1001");
    }

    @Test
    void several_interchanges_in_one_file_are_each_reported() throws IOException {
        EdiReport report = inspect("acme-850-two-interchanges.x12");

        assertThat(report.interchanges()).extracting(EdiReport.Interchange::controlNumber)
                .containsExactly("000000101", "000000102");
        assertThat(report.interchanges()).flatExtracting(i -> i.groups().get(0).transactions())
                .extracting(t -> t.keys().get("purchaseOrder")).containsExactly("PO-ACME-1001", "PO-ACME-1002");
    }

    @Test
    void a_clean_850_maps_to_a_canonical_order_through_the_mapping_file() throws IOException {
        JsonNode order = inspect("acme-850-clean.x12").interchanges().get(0).groups().get(0).transactions().get(0)
                .canonicalOrder();

        assertThat(order).as("canonical order").isNotNull();
        assertThat(order.path("source").path("channel").asText()).isEqualTo("EDI");
        assertThat(order.path("source").path("partner").asText()).isEqualTo("ACMEHARDWARE");
        assertThat(order.path("source").path("externalId").asText()).isEqualTo("PO-ACME-1001");
        assertThat(order.path("currency").asText()).isEqualTo("USD");
        assertThat(order.path("orderDate").asText()).isEqualTo("2026-11-23");
        assertThat(order.path("requestedDeliveryDate").asText()).isEqualTo("2026-12-01");
    }

    @Test
    void limits_stop_reading_with_a_clear_reason() throws IOException {
        byte[] clean = Files.readAllBytes(SAMPLES.resolve("acme-850-clean.x12"));
        EdiSpecs specs = new EdiSpecs(Path.of("edi-specs"));
        EdiOrderMapping mapping = new EdiOrderMapping(Path.of("mappings"));

        EdiReport tooManySegments = new EdiInspector(specs, mapping, new EdiLimits(1_000_000, 5, 100, 100))
                .inspect("clean", clean);
        assertThat(tooManySegments.status()).isEqualTo(EdiReport.Status.REJECTED);
        assertThat(tooManySegments.problems()).extracting(EdiProblem::code).containsExactly("SEGMENT_LIMIT_EXCEEDED");

        EdiReport longElement = new EdiInspector(specs, mapping, new EdiLimits(1_000_000, 100, 100, 10))
                .inspect("clean", clean);
        assertThat(longElement.problems()).extracting(EdiProblem::code).containsExactly("ELEMENT_LIMIT_EXCEEDED");
        assertThat(longElement.problems().get(0).message()).contains("ISA #1");

        EdiReport tooBig = new EdiInspector(specs, mapping, new EdiLimits(100, 100, 100, 100)).inspect("clean", clean);
        assertThat(tooBig.status()).isEqualTo(EdiReport.Status.UNUSABLE);
        assertThat(tooBig.problems().get(0).code()).isEqualTo("FILE_TOO_LARGE");

        EdiReport tooLargeToMap = new EdiInspector(specs, mapping, new EdiLimits(1_000_000, 100, 5, 100))
                .inspect("clean", clean);
        assertThat(tooLargeToMap.interchanges().get(0).groups().get(0).transactions().get(0).problems())
                .extracting(EdiProblem::code).contains("TRANSACTION_TOO_LARGE");
    }

    @Test
    void an_edifact_orders_maps_to_a_canonical_order_through_its_mapping_file() throws IOException {
        Path sample = Path.of("src/test/resources/edi/schema/edifact-d96a-ORDERS.edi");
        EdiReport report = new EdiInspector(new EdiSpecs(Path.of("edi-specs")), new EdiOrderMapping(Path.of("mappings")))
                .inspect(sample.toString(), Files.readAllBytes(sample));
        EdiReport.Transaction orders = report.interchanges().get(0).transactions().get(0);
        assertThat(orders.status()).isEqualTo(EdiReport.Status.ACCEPTED);
        assertThat(orders.schema()).isEqualTo("edifact/d96a/ORDERS.xml");

        JsonNode order = orders.canonicalOrder();
        assertThat(order.path("source").path("externalId").asText()).isEqualTo("PO20250001");
        assertThat(order.path("customer").path("erpCustomerNumber").asText()).isEqualTo("5412345000013");
        assertThat(order.path("currency").asText()).isEqualTo("EUR");
        assertThat(order.path("orderDate").asText()).isEqualTo("2025-03-01");
        assertThat(order.path("requestedDeliveryDate").asText()).isEqualTo("2025-03-15");
        assertThat(order.path("shipTo").path("city").asText()).isEqualTo("COLUMBUS");
        assertThat(order.path("lines")).hasSize(2);
        JsonNode line = order.path("lines").get(0);
        assertThat(line.path("sku").asText()).isEqualTo("SKU-1001");
        assertThat(line.path("gtin").asText()).isEqualTo("5412345678908");
        assertThat(line.path("quantity").asText()).isEqualTo("24");
        assertThat(line.path("unitPrice").asText()).isEqualTo("12.50");
        assertThat(order.path("lines").get(1).path("unitOfMeasure").asText()).isEqualTo("PCE");
    }

    @Test
    void a_partner_profile_can_name_its_own_mapping(@org.junit.jupiter.api.io.TempDir Path mappings)
            throws IOException {
        Files.createDirectories(mappings.resolve("partners"));
        Files.writeString(mappings.resolve("acme-850.jslt"), Files.readString(Path.of(
                "mappings/x12-850-to-canonical.jslt")).replace("\"notes\": if ($tx.MSG) $tx.MSG[0][0] else null",
                "\"notes\": \"mapped by the ACME mapping\""));
        Files.writeString(mappings.resolve("partners/acme-hardware.yaml"), Files.readString(
                Path.of("mappings/partners/acme-hardware.yaml")) + "mappings:\n  \"850\": acme-850.jslt\n");
        Files.copy(Path.of("mappings/x12-850-to-canonical.jslt"), mappings.resolve("x12-850-to-canonical.jslt"));
        EdiInspector inspector = new EdiInspector(new EdiSpecs(Path.of("edi-specs")),
                new EdiOrderMapping(mappings, PartnerProfiles.load(mappings.resolve("partners"))));

        JsonNode acme = inspector.inspect("clean", Files.readAllBytes(SAMPLES.resolve("acme-850-clean.x12")))
                .interchanges().get(0).groups().get(0).transactions().get(0).canonicalOrder();
        assertThat(acme.path("notes").asText()).isEqualTo("mapped by the ACME mapping");

        JsonNode stranger = inspector.inspect("other", Files.readString(SAMPLES.resolve("acme-850-clean.x12"))
                        .replace("ZZ*ACMEHARDWARE   ", "ZZ*SOMEONEELSE    ").getBytes(StandardCharsets.US_ASCII))
                .interchanges().get(0).groups().get(0).transactions().get(0).canonicalOrder();
        assertThat(stranger.has("notes")).isFalse();
    }

    @Test
    void text_that_is_not_edi_is_unusable() throws IOException {
        EdiReport report = inspect("not-edi.txt");

        assertThat(report.status()).isEqualTo(EdiReport.Status.UNUSABLE);
        assertThat(report.interchanges()).isEmpty();
        assertThat(report.problems()).isNotEmpty();
        assertThat(report.problems().get(0).message()).contains("cannot be read as X12 or EDIFACT");
    }

    @Test
    void the_command_prints_json_and_answers_with_the_documented_exit_codes() {
        assertThat(command("edi", "inspect", SAMPLES.resolve("acme-850-clean.x12").toString()).exitCode).isZero();
        assertThat(command("edi", "inspect", SAMPLES.resolve("acme-850-bad-envelope.x12").toString()).exitCode)
                .isEqualTo(1);
        assertThat(command("edi", "inspect", SAMPLES.resolve("not-edi.txt").toString()).exitCode).isEqualTo(2);
        assertThat(command("edi", "inspect", "no/such/file.x12").exitCode).isEqualTo(2);
        assertThat(command("edi", "inspect").exitCode).isEqualTo(2);

        Result clean = command("edi", "inspect", SAMPLES.resolve("acme-850-clean.x12").toString());
        JsonNode json = Json.read(clean.out, JsonNode.class);
        assertThat(json.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(json.path("interchanges").get(0).path("controlNumber").asText()).isEqualTo("000000101");
        assertThat(json.path("acknowledgements").get(0).path("997").asText()).contains("AK5*A").contains("AK9*A");

        Result bad = command("edi", "inspect", SAMPLES.resolve("acme-850-bad-envelope.x12").toString());
        JsonNode badAck = Json.read(bad.out, JsonNode.class).path("acknowledgements").get(0);
        assertThat(badAck.path("partner").asText()).isEqualTo("acme-hardware");
        assertThat(badAck.path("997").asText()).contains("AK5*R*4").contains("AK9*R*1*1*0");
        assertThat(badAck.path("ta1").asText()).contains("TA1*000000101*").contains("*E*001");
    }

    private static EdiReport inspect(String sample) throws IOException {
        return new EdiInspector(new EdiSpecs(Path.of("edi-specs")), new EdiOrderMapping(Path.of("mappings")))
                .inspect(sample, Files.readAllBytes(SAMPLES.resolve(sample)));
    }

    private record Result(int exitCode, String out, String err) {}

    private static Result command(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EdiCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

}
