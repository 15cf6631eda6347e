package io.ordersync.edi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartnerProfilesTest {

    @TempDir
    Path dir;

    @Test
    void the_shipped_profiles_load_and_are_found_by_their_envelope_identity() {
        PartnerProfiles profiles = PartnerProfiles.load(Path.of("mappings/partners"));

        assertThat(profiles.all()).containsKeys("acme-hardware", "rheinland-technik");
        PartnerProfiles.Profile acme = profiles.bySender("X12", "ZZ", "ACMEHARDWARE").orElseThrow();
        assertThat(acme.legalEntity()).isEqualTo("US01");
        assertThat(acme.acknowledgements().functional()).isEqualTo("997");
        assertThat(acme.test()).isTrue();
        assertThat(profiles.bySender("EDIFACT", "14", "4012345000009").orElseThrow().partner())
                .isEqualTo("rheinland-technik");
        assertThat(profiles.bySender("X12", "ZZ", "NOBODY")).isEmpty();
    }

    @Test
    void a_missing_directory_means_no_partners() {
        assertThat(PartnerProfiles.load(dir.resolve("absent")).all()).isEmpty();
    }

    @Test
    void a_wrong_value_is_reported_with_file_and_field() throws IOException {
        write("acme-hardware", valid().replace("functional: \"997\"", "functional: \"998\""));

        assertThatIllegalArgumentException().isThrownBy(() -> PartnerProfiles.load(dir))
                .withMessageContaining("acme-hardware.yaml")
                .withMessageContaining("$.acknowledgements.functional");
    }

    @Test
    void a_missing_field_and_an_unknown_field_are_reported() throws IOException {
        write("acme-hardware", valid().replace("legalEntity: US01\n", "legalEntitty: US01\n"));

        assertThatIllegalArgumentException().isThrownBy(() -> PartnerProfiles.load(dir))
                .withMessageContaining("acme-hardware.yaml")
                .withMessageContaining("legalEntity")
                .withMessageContaining("legalEntitty");
    }

    @Test
    void rules_across_fields_are_checked() throws IOException {
        write("acme-hardware", valid().replace("functional: \"997\"", "functional: CONTRL"));
        assertThatIllegalArgumentException().isThrownBy(() -> PartnerProfiles.load(dir))
                .withMessageContaining("$.acknowledgements.functional: CONTRL is EDIFACT's");

        write("acme-hardware", valid().replace("  gsCode: ACMEHW\n", ""));
        assertThatIllegalArgumentException().isThrownBy(() -> PartnerProfiles.load(dir))
                .withMessageContaining("$.identity: an X12 partner needs isaQualifier, isaId and gsCode");
    }

    @Test
    void the_file_name_is_the_partner_id_and_identities_are_unique() throws IOException {
        write("acme", valid());
        assertThatIllegalArgumentException().isThrownBy(() -> PartnerProfiles.load(dir))
                .withMessageContaining("acme.yaml: $.partner: 'acme-hardware' must equal the file name 'acme'");

        Files.delete(dir.resolve("acme.yaml"));
        write("acme-hardware", valid());
        write("acme-copy", valid().replace("partner: acme-hardware", "partner: acme-copy"));
        assertThatIllegalArgumentException().isThrownBy(() -> PartnerProfiles.load(dir))
                .withMessageContaining("the same sender identity (X12:ZZ:ACMEHARDWARE) is already used by");
    }

    private void write(String partner, String yaml) throws IOException {
        Files.writeString(dir.resolve(partner + ".yaml"), yaml);
    }

    private static String valid() throws IOException {
        return Files.readString(Path.of("mappings/partners/acme-hardware.yaml"));
    }
}
