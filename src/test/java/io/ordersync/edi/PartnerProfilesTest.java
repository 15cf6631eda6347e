package io.ordersync.edi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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

    @Test
    void duplicate_windows_and_acknowledgement_deadlines_are_iso_durations_with_defaults() throws IOException {
        PartnerProfiles shipped = PartnerProfiles.load(Path.of("mappings/partners"));
        PartnerProfiles.Profile acme = shipped.byId("acme-hardware").orElseThrow();
        assertThat(acme.duplicates().window()).isEqualTo(Duration.ofDays(60));
        assertThat(acme.duplicates().group()).isFalse();
        Instant sent = Instant.parse("2026-11-24T10:00:00Z");
        assertThat(acme.acknowledgementDueBy(sent)).isEqualTo(sent.plus(Duration.ofHours(24)));
        assertThat(shipped.byId("rheinland-technik").orElseThrow().acknowledgementDueBy(sent))
                .isEqualTo(sent.plus(Duration.ofHours(12)));

        write("acme-hardware", valid()
                .replace("  window: P60D\n  group: false\n  transaction: false\n", "  group: true\n")
                .replace("  expectFromPartner: true\n  overdueAfter: PT24H\n", ""));
        PartnerProfiles.Profile defaults = PartnerProfiles.load(dir).byId("acme-hardware").orElseThrow();
        assertThat(defaults.duplicates().window()).isEqualTo(PartnerProfiles.DuplicateDetection.DEFAULT_WINDOW);
        assertThat(defaults.duplicates().group()).isTrue();
        assertThat(defaults.duplicates().transaction()).isFalse();
        // a partner that sends no acknowledgements owes none
        assertThat(defaults.acknowledgementDueBy(sent)).isNull();
    }

    @Test
    void a_duration_that_is_not_iso_8601_or_not_positive_is_refused() throws IOException {
        write("acme-hardware", valid().replace("window: P60D", "window: 60 days"));
        assertThatIllegalArgumentException().isThrownBy(() -> PartnerProfiles.load(dir))
                .withMessageContaining("$.duplicateDetection.window");

        write("acme-hardware", valid().replace("overdueAfter: PT24H", "overdueAfter: PT0S"));
        assertThatIllegalArgumentException().isThrownBy(() -> PartnerProfiles.load(dir))
                .withMessageContaining("$.acknowledgements.overdueAfter: must be longer than zero");
    }

    @Test
    void fields_of_earlier_profile_versions_name_what_replaced_them() throws IOException {
        write("acme-hardware", valid().replace("window: P60D", "windowDays: 60"));

        assertThatIllegalArgumentException().isThrownBy(() -> PartnerProfiles.load(dir))
                .withMessageContaining("acme-hardware.yaml: $.duplicateDetection.windowDays is no longer used")
                .withMessageContaining("$.duplicateDetection.window (an ISO-8601 duration such as P90D)");
    }

    private void write(String partner, String yaml) throws IOException {
        Files.writeString(dir.resolve(partner + ".yaml"), yaml);
    }

    private static String valid() throws IOException {
        return Files.readString(Path.of("mappings/partners/acme-hardware.yaml"));
    }
}
