package io.ordersync.edi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A transaction set in a version edi-specs has no schema of its own for is validated and mapped with the schema of the
 * nearest version of the same set, and says so: read without one, it would have no loops, none of its lines would be
 * mapped, and a correct order would be rejected as having none. The 850s are a real file of the public corpus
 * (../shared/edi-corpus), its version changed.
 */
class EdiNearestSchemaTest {

    private static final EdiSpecs SPECS = new EdiSpecs(Path.of("edi-specs"));
    private final EdiInspector inspector = new EdiInspector(SPECS, new EdiOrderMapping(Path.of("mappings")));

    @Test
    void versions_are_ordered_and_the_nearest_schema_of_the_same_set_is_chosen() {
        assertThat(EdiSpecs.order("X12", "004030")).isEqualTo(4030);
        assertThat(EdiSpecs.order("X12", "004010VICS")).isEqualTo(4010);
        assertThat(EdiSpecs.order("X12", "4010")).isNull();
        assertThat(EdiSpecs.order("EDIFACT", "D01B")).isGreaterThan(EdiSpecs.order("EDIFACT", "D97B"));
        assertThat(EdiSpecs.order("EDIFACT", "d96a")).isLessThan(EdiSpecs.order("EDIFACT", "D96B"));
        assertThat(EdiSpecs.order("EDIFACT", "S93A")).isNull();

        assertThat(nearestFile("X12", "004030", "850")).isEqualTo("x12/004010/850.xml");
        assertThat(nearestFile("X12", "003010", "850")).isEqualTo("x12/004010/850.xml");
        assertThat(nearestFile("X12", "005050", "850")).isEqualTo("x12/005010/850.xml");
        // as near to 004010 as to 005010: the older
        assertThat(nearestFile("X12", "004510", "850")).isEqualTo("x12/004010/850.xml");
        // 855 exists in 004010 only: that one, however far
        assertThat(nearestFile("X12", "006020", "855")).isEqualTo("x12/004010/855.xml");
        assertThat(nearestFile("EDIFACT", "D99B", "ORDERS")).isEqualTo("edifact/d01b/ORDERS.xml");
        assertThat(nearestFile("EDIFACT", "D97A", "ORDERS")).isEqualTo("edifact/d96a/ORDERS.xml");
        // no schema of that set in any version, or a version that cannot be ordered
        assertThat(nearestFile("X12", "004010", "830")).isNull();
        assertThat(nearestFile("X12", "ABC", "850")).isNull();
    }

    @Test
    void an_850_in_004030_is_read_and_mapped_with_004010s_schema_every_line_with_a_warning() throws IOException {
        String file = corpus("node-x12__850_fat.edi");
        assertThat(file).contains("*004010VICS~");
        EdiReport sound = inspector.inspect("850.x12", file.getBytes(StandardCharsets.ISO_8859_1));
        EdiReport report = inspector.inspect("850-004030.x12", file.replace("*004010VICS~", "*004030~")
                .getBytes(StandardCharsets.ISO_8859_1));

        List<EdiReport.Transaction> orders = transactions(report);
        assertThat(orders).isNotEmpty().hasSameSizeAs(transactions(sound));
        for (int i = 0; i < orders.size(); i++) {
            EdiReport.Transaction order = orders.get(i);
            EdiReport.Transaction same = transactions(sound).get(i);
            assertThat(order.version()).isEqualTo("004030");
            assertThat(order.schema()).isEqualTo("x12/004010/850.xml");
            assertThat(order.status()).isEqualTo(EdiReport.Status.ACCEPTED);
            assertThat(order.problems()).singleElement().satisfies(p -> {
                assertThat(p.code()).isEqualTo("NEAREST_SCHEMA");
                assertThat(p.message()).isEqualTo("no schema in edi-specs for X12 004030 850: validated and mapped"
                        + " against x12/004010/850.xml, the nearest version of 850");
            });
            // every line, as the same order in 004010 maps
            assertThat(order.keys().get("lineCount")).isEqualTo(same.keys().get("lineCount"));
            assertThat(order.canonicalOrder().path("lines")).hasSize(same.canonicalOrder().path("lines").size())
                    .isNotEmpty();
        }
        assertThat(report.status()).isEqualTo(EdiReport.Status.ACCEPTED);
    }

    @Test
    void a_partner_profile_may_name_the_schema_version_that_reads_a_version(
            @org.junit.jupiter.api.io.TempDir Path partners) throws IOException {
        Files.writeString(partners.resolve("acme-hardware.yaml"), Files.readString(
                Path.of("mappings/partners/acme-hardware.yaml")) + "schemaVersions: {\"004030\": \"005010\"}\n");
        EdiInspector pinned = new EdiInspector(SPECS, new EdiOrderMapping(Path.of("mappings"),
                PartnerProfiles.load(partners)));
        String file = Files.readString(Path.of("src/test/resources/edi/samples/acme-850-clean.x12"))
                .replace("*X*004010~", "*X*004030~");

        EdiReport.Transaction order = transactions(pinned.inspect("pinned.x12",
                file.getBytes(StandardCharsets.ISO_8859_1))).get(0);
        assertThat(order.schema()).isEqualTo("x12/005010/850.xml");
        assertThat(order.problems()).extracting(EdiProblem::message).first().asString()
                .isEqualTo("X12 004030 850: validated and mapped against x12/005010/850.xml, as the partner profile"
                        + " says for 004030 (schemaVersions)");
        // without the profile's word, the nearest version's
        assertThat(transactions(inspector.inspect("nearest.x12", file.getBytes(StandardCharsets.ISO_8859_1))).get(0)
                .schema()).isEqualTo("x12/004010/850.xml");
    }

    @Test
    void a_profile_naming_a_schema_version_edi_specs_does_not_have_is_refused_with_the_field(
            @org.junit.jupiter.api.io.TempDir Path partners) throws IOException {
        Files.writeString(partners.resolve("acme-hardware.yaml"), Files.readString(
                Path.of("mappings/partners/acme-hardware.yaml")) + "schemaVersions: {\"004030\": \"004011\"}\n");
        PartnerProfiles profiles = PartnerProfiles.load(partners);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> profiles.checkSchemaVersions(SPECS))
                .hasMessage("partner profile acme-hardware: $.schemaVersions.004030: edi-specs has no X12 version"
                        + " '004011'");
        PartnerProfiles.load(Path.of("mappings/partners")).checkSchemaVersions(SPECS);
    }

    @Test
    void a_set_of_a_type_with_no_schema_in_any_version_is_still_read_for_its_envelope_only() throws IOException {
        String file = corpus("node-x12__850_fat.edi");
        EdiReport report = inspector.inspect("830.x12", file.replace("ST*850*", "ST*830*").replace("GS*PO*", "GS*PS*")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThat(transactions(report)).isNotEmpty().allSatisfy(t -> {
            assertThat(t.schema()).isNull();
            assertThat(t.problems()).extracting(EdiProblem::code).containsExactly("NO_SCHEMA");
        });
    }

    /** The file of the nearest version's schema, or null when there is none. */
    private static String nearestFile(String standard, String version, String type) {
        return SPECS.nearest(standard, version, type).map(EdiSpecs.Nearest::file).orElse(null);
    }

    private static List<EdiReport.Transaction> transactions(EdiReport report) {
        List<EdiReport.Transaction> all = new ArrayList<>();
        report.interchanges().forEach(i -> i.groups().forEach(g -> all.addAll(g.transactions())));
        return all;
    }

    private static String corpus(String name) throws IOException {
        Path file = Path.of("../shared/edi-corpus").resolve(name);
        assumeTrue(Files.isRegularFile(file), "../shared/edi-corpus is absent");
        return Files.readString(file, StandardCharsets.ISO_8859_1);
    }
}
