package io.ordersync.edi;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.ordersync.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Repeated groups and transaction sets inside new interchanges, for a partner whose profile checks both. */
class ContentDuplicatesTest {

    /** The test profile of ACME: groups and transaction sets checked within 30 days. */
    private static final PartnerProfiles.Profile ACME = PartnerProfiles.load(Path.of("src/test/resources/edi/partners"))
            .byId("acme-hardware").orElseThrow();
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final AtomicInteger ICN = new AtomicInteger(100);

    private HikariDataSource dataSource;
    private EdiInterchangeStore store;

    @BeforeEach
    void database() {
        dataSource = TestDatabases.migratedH2("content", 2);
        store = new EdiInterchangeStore(dataSource);
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void a_group_received_before_is_skipped_with_its_sets_and_a_new_group_is_not() {
        receive(interchange(group("501", set("0001", true))), NOW);

        EdiReport.Group repeated = group("501", set("0002", true));
        EdiReport.Group fresh = group("502", set("0003", true));
        ContentDuplicates check = ContentDuplicates.check(store, ACME, interchange(repeated, fresh), NOW.plusSeconds(60));

        assertThat(check.skips(repeated, repeated.transactions().get(0))).isTrue();
        assertThat(check.skips(fresh, fresh.transactions().get(0))).isFalse();
        assertThat(check.described()).singleElement().satisfies(d -> {
            assertThat(d).containsEntry("level", "GROUP").containsEntry("controlNumber", "501")
                    .containsEntry("sender", "ACMEHW").containsEntry("firstReceivedAt", NOW);
        });
    }

    @Test
    void a_set_received_before_is_skipped_while_its_neighbours_are_not() {
        receive(interchange(group("601", set("0601", true))), NOW);

        EdiReport.Transaction repeated = set("0601", true);
        EdiReport.Transaction fresh = set("0602", true);
        EdiReport.Group group = group("602", repeated, fresh);
        ContentDuplicates check = ContentDuplicates.check(store, ACME, interchange(group), NOW.plusSeconds(60));

        assertThat(check.skips(group, repeated)).isTrue();
        assertThat(check.skips(group, fresh)).isFalse();
        assertThat(check.described()).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("level", "TRANSACTION").containsEntry("setType", "850"));
    }

    @Test
    void after_the_window_the_same_numbers_are_new_again() {
        receive(interchange(group("701", set("0701", true))), NOW);

        EdiReport.Group again = group("701", set("0701", true));
        ContentDuplicates check = ContentDuplicates.check(store, ACME, interchange(again), NOW.plus(Duration.ofDays(30)));

        assertThat(check.any()).isFalse();
        assertThat(check.skips(again, again.transactions().get(0))).isFalse();
    }

    @Test
    void a_rejected_set_is_not_remembered_so_its_correction_may_reuse_the_number() {
        receive(interchange(group("801", set("0801", false))), NOW);

        EdiReport.Group corrected = group("802", set("0801", true));
        ContentDuplicates check = ContentDuplicates.check(store, ACME, interchange(corrected), NOW.plusSeconds(60));

        assertThat(check.any()).isFalse();
        // the group 801 held nothing that was processed: its number is not remembered either
        EdiReport.Group sameGroupNumber = group("801", set("0803", true));
        assertThat(ContentDuplicates.check(store, ACME, interchange(sameGroupNumber), NOW.plusSeconds(90)).any())
                .isFalse();
    }

    @Test
    void a_group_repeated_inside_one_interchange_is_skipped_the_second_time_and_listed() {
        EdiReport.Group first = group("901", set("0901", true));
        EdiReport.Group second = group("901", set("0902", true));
        EdiReport.Interchange both = interchange(first, second);

        ContentDuplicates check = ContentDuplicates.check(store, ACME, both, NOW);
        long id = receive(both, NOW, check);

        assertThat(check.skips(first, first.transactions().get(0))).isFalse();
        assertThat(check.skips(second, second.transactions().get(0))).isTrue();
        assertThat(check.described()).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("firstInThisInterchange", true));
        EdiInterchangeStore.InterchangeView listed = store.list("acme-hardware", "true", 10).get(0);
        assertThat(listed.interchangeId()).isEqualTo(id);
        assertThat(listed.duplicateContent()).singleElement().satisfies(repeat -> {
            assertThat(repeat.controlNumber()).isEqualTo("901");
            assertThat(repeat.firstInterchangeId()).isEqualTo(id);
        });
    }

    @Test
    void a_partner_whose_profile_checks_neither_repeats_nothing() {
        PartnerProfiles.Profile plain = PartnerProfiles.load(Path.of("mappings/partners")).byId("acme-hardware")
                .orElseThrow();
        receive(interchange(group("111", set("0111", true))), NOW);

        assertThat(ContentDuplicates.check(store, plain, interchange(group("111", set("0111", true))),
                NOW.plusSeconds(60)).any()).isFalse();
    }

    private void receive(EdiReport.Interchange interchange, Instant at) {
        receive(interchange, at, ContentDuplicates.check(store, ACME, interchange, at));
    }

    private long receive(EdiReport.Interchange interchange, Instant at, ContentDuplicates check) {
        long id = store.record("acme-hardware", "X12", "ZZ:ACMEHARDWARE", "ZZ:ORDERSYNC", interchange.controlNumber(),
                0, "ACCEPTED", "test.x12", 1, 1, at, Map.of()).getAsLong();
        check.record(id, "acme-hardware", "test.x12");
        return id;
    }

    private static EdiReport.Interchange interchange(EdiReport.Group... groups) {
        return new EdiReport.Interchange("X12", "00401", "ZZ", "ACMEHARDWARE", "ZZ", "ORDERSYNC",
                String.format("%09d", ICN.incrementAndGet()), "261124", "1000", "T", Map.of(),
                EdiReport.Status.ACCEPTED, List.of(), List.of(groups), List.of());
    }

    private static EdiReport.Group group(String gs06, EdiReport.Transaction... sets) {
        return new EdiReport.Group("PO", "ACMEHW", "ORDERSYNC", gs06, "004010", EdiReport.Status.ACCEPTED, List.of(),
                List.of(sets));
    }

    private static EdiReport.Transaction set(String st02, boolean accepted) {
        return new EdiReport.Transaction("850", st02, "004010", "x12/004010/850.xml", 12,
                accepted ? EdiReport.Status.ACCEPTED : EdiReport.Status.REJECTED, List.of(), Map.of(), null);
    }
}
