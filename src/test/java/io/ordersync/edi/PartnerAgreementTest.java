package io.ordersync.edi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a partner sends is held to its profile: addressed to ordersync's identity, with the agreed test indicator,
 * in an agreed version. Each disagreement is a NO_AGREEMENT problem where it is, rejects what it concerns and is
 * answered as the standards say (TA1, 997 AK9, CONTRL UCI/UCM); what agrees is left exactly as it was.
 */
class PartnerAgreementTest {

    private static final Path SPECS = Path.of("edi-specs");
    private static final PartnerProfiles PARTNERS = PartnerProfiles.load(Path.of("mappings/partners"));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);

    private final EdiInspector inspector = new EdiInspector(new EdiSpecs(SPECS),
            new EdiOrderMapping(Path.of("mappings"), PARTNERS), EdiLimits.DEFAULTS);

    @Test
    void what_agrees_with_the_profile_is_left_as_it_was() throws IOException {
        EdiReport x12 = inspect(acme850());
        EdiReport edifact = inspect(rheinlandOrders("D96A"));
        EdiReport d01b = inspect(rheinlandOrders("D01B"));

        assertThat(PartnerAgreement.check(x12, PARTNERS)).isSameAs(x12);
        assertThat(PartnerAgreement.check(edifact, PARTNERS)).isSameAs(edifact);
        assertThat(PartnerAgreement.check(d01b, PARTNERS)).isSameAs(d01b);
        assertThat(x12.status()).isEqualTo(EdiReport.Status.ACCEPTED);
        assertThat(d01b.status()).isEqualTo(EdiReport.Status.ACCEPTED);
    }

    @Test
    void a_production_document_from_a_partner_in_testing_is_refused_with_ta1_020() throws IOException {
        // acme-hardware is usage: test
        EdiReport report = checked(acme850().replace("*0*T*>~", "*0*P*>~"));

        EdiReport.Interchange in = report.interchanges().get(0);
        assertThat(report.status()).isEqualTo(EdiReport.Status.REJECTED);
        EdiProblem problem = agreementProblem(in.problems());
        assertThat(problem.segment()).isEqualTo("ISA");
        assertThat(problem.element()).isEqualTo(15);
        assertThat(problem.value()).isEqualTo("P");
        assertThat(problem.message()).contains("partner acme-hardware is in testing (usage: test)")
                .contains("interchange 000000101").contains("ISA15 'P'");
        assertThat(Acknowledgements.opens(in)).isFalse();
        Acknowledgements acks = acknowledgements(report);
        assertThat(acks.ta1(in, acme(), new InMemoryAckNumbers(1), CLOCK)).get().asString()
                .contains("TA1*000000101*261123*1015*R*020~");
        // the interchange is not opened: no 997
        assertThat(acks.functional(in, acme(), new InMemoryAckNumbers(1), CLOCK)).isEmpty();
    }

    @Test
    void a_test_document_from_a_partner_in_production_is_refused_with_contrl_25() throws IOException {
        // rheinland-technik is usage: production; UNB 0035 = 1 marks a test interchange
        EdiReport report = checked(rheinlandOrders("D96A").replace("0930+ORD0001'", "0930+ORD0001++++++1'"));

        EdiReport.Interchange in = report.interchanges().get(0);
        assertThat(in.testIndicator()).isEqualTo("T");
        EdiProblem problem = agreementProblem(in.problems());
        assertThat(problem.segment()).isEqualTo("UNB");
        assertThat(problem.element()).isEqualTo(11);
        assertThat(problem.message()).contains("partner rheinland-technik is in production (usage: production)")
                .contains("a test document is not processed as production orders");
        assertThat(acknowledgements(report).functional(in, rheinland(), new InMemoryAckNumbers(1), CLOCK))
                .get().asString().contains("UCI+ORD0001+4012345000009:14+4098765000002:14+4+25+UNB+11'");
    }

    @Test
    void an_interchange_addressed_to_someone_else_is_refused_with_ta1_009_and_contrl_7() throws IOException {
        EdiReport x12 = checked(acme850().replace("*ZZ*ORDERSYNC      *", "*ZZ*OTHERCOMPANY   *"));
        EdiReport.Interchange isa = x12.interchanges().get(0);
        assertThat(agreementProblem(isa.problems()).message())
                .contains("is addressed to ZZ:OTHERCOMPANY, not to ordersync's identity ZZ:ORDERSYNC");
        assertThat(acknowledgements(x12).ta1(isa, acme(), new InMemoryAckNumbers(1), CLOCK)).get().asString()
                .contains("*R*009~");

        EdiReport edifact = checked(rheinlandOrders("D96A").replace("+4098765000002:14+", "+4000000000000:14+"));
        EdiReport.Interchange unb = edifact.interchanges().get(0);
        EdiProblem problem = agreementProblem(unb.problems());
        assertThat(problem.element()).isEqualTo(3);
        assertThat(problem.component()).isEqualTo(1);
        assertThat(acknowledgements(edifact).functional(unb, rheinland(), new InMemoryAckNumbers(1), CLOCK))
                .get().asString().contains("+4+7+UNB+3:1'");
    }

    @Test
    void a_group_in_a_version_the_partner_did_not_agree_is_rejected_with_ak9_code_2() throws IOException {
        // the same 850 sent as 005010, which edi-specs knows but acme-hardware's profile does not list
        EdiReport report = checked(acme850().replace("*X*004010~", "*X*005010~"));

        EdiReport.Interchange in = report.interchanges().get(0);
        EdiReport.Group group = in.groups().get(0);
        assertThat(group.status()).isEqualTo(EdiReport.Status.REJECTED);
        assertThat(agreementProblem(group.problems()).message())
                .contains("is in version 005010, not one of the versions [004010]");
        assertThat(group.transactions()).allSatisfy(tx -> assertThat(tx.status()).isEqualTo(EdiReport.Status.REJECTED));
        // the envelope itself is fine: opened, answered by a 997 that rejects the group
        assertThat(Acknowledgements.opens(in)).isTrue();
        assertThat(acknowledgements(report).functional(in, acme(), new InMemoryAckNumbers(1), CLOCK)).get()
                .asString().startsWith("ISA*00*").contains("*00401*").contains("AK1*PO*101~").contains("AK5*R").contains("AK9*R*1*1*0*2~");
    }

    @Test
    void a_message_in_a_version_the_partner_did_not_agree_is_rejected_with_ucm_17() throws IOException {
        // the same partner, agreeing to D.96A only
        PartnerProfiles.Profile d96aOnly = withVersions(rheinland(), List.of("D96A"));
        EdiReport report = inspect(rheinlandOrders("D01B"));

        EdiReport.Interchange in = PartnerAgreement.check(report.interchanges().get(0), d96aOnly);

        EdiReport.Transaction orders = in.transactions().get(0);
        assertThat(orders.status()).isEqualTo(EdiReport.Status.REJECTED);
        EdiProblem problem = agreementProblem(orders.problems());
        assertThat(problem.segment()).isEqualTo("UNH");
        assertThat(problem.element()).isEqualTo(2);
        assertThat(problem.component()).isEqualTo(3);
        assertThat(in.status()).isEqualTo(EdiReport.Status.REJECTED);
        assertThat(acknowledgements(report).functional(in, d96aOnly, new InMemoryAckNumbers(1), CLOCK)).get()
                .asString().contains("UCI+ORD0003+4012345000009:14+4098765000002:14+7'")
                .contains("UCM+1+ORDERS:D:01B:UN+4+17+UNH+2:3'");
    }

    @Test
    void a_partners_acknowledgement_is_not_held_to_the_order_versions() throws IOException {
        String contrl = Files.readString(Path.of("src/test/resources/edi/acknowledgements/"
                + "rheinland-contrl-partly-rejected.edi"), StandardCharsets.ISO_8859_1);
        EdiReport report = inspect(contrl);

        assertThat(PartnerAgreement.check(report, PARTNERS)).isSameAs(report);
    }

    // --------------------------------------------------------------------------------------------- helpers

    private static String acme850() throws IOException {
        return Files.readString(Path.of("src/test/resources/edi/samples/acme-850-clean.x12"), StandardCharsets.US_ASCII);
    }

    /** A D.96A or D.01B ORDERS sample as rheinland-technik sends it to ordersync. */
    private static String rheinlandOrders(String version) throws IOException {
        String sample = "D96A".equals(version) ? "edifact-d96a-ORDERS.edi" : "edifact-d01b-ORDERS.edi";
        return Files.readString(Path.of("src/test/resources/edi/schema", sample), StandardCharsets.ISO_8859_1)
                .replace("5412345000013:14+5498765000011:14", "4012345000009:14+4098765000002:14");
    }

    private EdiReport inspect(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return inspector.inspect("agreement.edi", new ByteArrayInputStream(bytes), bytes.length);
    }

    private EdiReport checked(String text) throws IOException {
        return PartnerAgreement.check(inspect(text), PARTNERS);
    }

    private static Acknowledgements acknowledgements(EdiReport report) {
        return new Acknowledgements(new EdiSpecs(SPECS), HeaderPositions.counted(report));
    }

    private static EdiProblem agreementProblem(List<EdiProblem> problems) {
        Optional<EdiProblem> found = problems.stream()
                .filter(p -> PartnerAgreement.NO_AGREEMENT.equals(p.code())).findFirst();
        assertThat(found).as("a NO_AGREEMENT problem in " + problems).isPresent();
        return found.get();
    }

    private static PartnerProfiles.Profile acme() {
        return PARTNERS.byId("acme-hardware").orElseThrow();
    }

    private static PartnerProfiles.Profile rheinland() {
        return PARTNERS.byId("rheinland-technik").orElseThrow();
    }

    private static PartnerProfiles.Profile withVersions(PartnerProfiles.Profile p, List<String> versions) {
        return new PartnerProfiles.Profile(p.partner(), p.name(), p.standard(), versions, p.identity(),
                p.ourIdentity(), p.outbound(), p.acknowledgements(), p.legalEntity(), p.mappings(), p.usage(),
                p.duplicateDetection(), p.tolerate(), p.schemaVersions());
    }
}
