package io.ordersync.edi;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersync.BothDatabases;
import io.ordersync.edi.EdiInterchangeStore.ControlKey;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The duplicate store's rule kept by the database, on H2 and a real PostgreSQL: of replicas recording the same
 * control number use at once exactly one wins, and a number reused after the window is a new row.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EdiInterchangeStoreTest {

    private static final int REPLICAS = 6;
    private final BothDatabases databases = new BothDatabases("store", REPLICAS + 2);

    Stream<String> databases() {
        return BothDatabases.names();
    }

    private EdiInterchangeStore store(String database) {
        return new EdiInterchangeStore(databases.get(database));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void of_replicas_recording_the_same_interchange_at_once_exactly_one_wins(String database) throws Exception {
        EdiInterchangeStore store = store(database);
        String control = uniqueControl();

        List<OptionalLong> outcomes = atOnce(() -> store.record("acme-hardware", "X12", "ZZ:ACME", "ZZ:US", control,
                0, "ACCEPTED", "acme.x12", 1, 1, Instant.now(), Map.of()));

        assertThat(outcomes).filteredOn(OptionalLong::isPresent).hasSize(1);
        assertThat(store.lastUse("ZZ:ACME", "ZZ:US", control)).get()
                .satisfies(use -> assertThat(use.interchangeId()).isEqualTo(
                        outcomes.stream().filter(OptionalLong::isPresent).findFirst().orElseThrow().getAsLong()));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_number_reused_after_the_window_is_a_new_row_and_becomes_the_last_use(String database) {
        EdiInterchangeStore store = store(database);
        String control = uniqueControl();
        Instant first = Instant.parse("2026-01-01T00:00:00Z");

        OptionalLong original = store.record("acme-hardware", "X12", "ZZ:ACME", "ZZ:US", control, 0, "ACCEPTED",
                "a.x12", 1, 1, first, Map.of());
        OptionalLong reused = store.record("acme-hardware", "X12", "ZZ:ACME", "ZZ:US", control, 1, "ACCEPTED",
                "b.x12", 1, 1, first.plusSeconds(86_400 * 100), Map.of());
        OptionalLong twinOfReuse = store.record("acme-hardware", "X12", "ZZ:ACME", "ZZ:US", control, 1, "ACCEPTED",
                "c.x12", 1, 1, first.plusSeconds(86_400 * 100), Map.of());

        assertThat(original).isPresent();
        assertThat(reused).isPresent();
        assertThat(twinOfReuse).isEmpty();
        assertThat(store.lastUse("ZZ:ACME", "ZZ:US", control)).get()
                .satisfies(use -> {
                    assertThat(use.reuseNumber()).isEqualTo(1);
                    assertThat(use.interchangeId()).isEqualTo(reused.getAsLong());
                });
        // the same number from another sender is another number
        assertThat(store.lastUse("ZZ:OTHER", "ZZ:US", control)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void of_interchanges_claiming_the_same_group_at_once_exactly_one_wins_and_repeats_are_listed(String database)
            throws Exception {
        EdiInterchangeStore store = store(database);
        String control = uniqueControl();
        long first = store.record("acme-hardware", "X12", "ZZ:ACME", "ZZ:US", control, 0, "ACCEPTED", "a.x12", 1, 1,
                Instant.now(), Map.of()).getAsLong();
        long second = store.record("acme-hardware", "X12", "ZZ:ACME", "ZZ:US", control + "2", 0, "DUPLICATE",
                "b.x12", 1, 0, Instant.now(), Map.of()).getAsLong();
        ControlKey group = new ControlKey(EdiInterchangeStore.GROUP, "ACMEHW", "ORDERSYNC", null, control);

        List<Boolean> claims = atOnce(() -> store.claim(group, 0, first, "acme-hardware", Instant.now()));
        store.recordRepeatedContent(store.lastUse(group).orElseThrow(), EdiInterchangeStore.GROUP, second, "b.x12",
                Instant.now());

        assertThat(claims).containsOnlyOnce(true);
        EdiInterchangeStore.InterchangeView listed = store.list("acme-hardware", "true", 500).stream()
                .filter(i -> i.interchangeId() == second).findFirst().orElseThrow();
        assertThat(listed.duplicateContent()).singleElement().satisfies(repeat -> {
            assertThat(repeat.level()).isEqualTo("GROUP");
            assertThat(repeat.controlNumber()).isEqualTo(control);
            assertThat(repeat.setType()).isNull();
            assertThat(repeat.firstInterchangeId()).isEqualTo(first);
            assertThat(repeat.firstInterchange()).isEqualTo(control);
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void sent_documents_and_their_acknowledgements_are_stored_alike(String database) throws IOException {
        store(database);
        SentDocuments sent = new SentDocuments(
                databases.get(database), java.time.Clock.systemUTC());
        ReceivedAcknowledgements received = new ReceivedAcknowledgements(databases.get(database), sent);
        String partner = "partner-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        sent.record(partner, "X12", "000000007", "7", List.of("0007", "0008"), "855", "a.edi", "ord-1", now,
                now.minusSeconds(1));
        sent.record(partner, "X12", "000000009", null, List.of("0009"), "855", "b.edi", null, now, null);
        AcknowledgementReader.Interchange ack = AcknowledgementReader.read(java.nio.file.Files.readAllBytes(
                java.nio.file.Path.of("src/test/resources/edi/acknowledgements/acme-997-accepted-and-with-errors.x12")))
                .get(0);

        received.receive(partner, ack, 0, java.util.Set.of("0001"), "997.x12", now);

        assertThat(sent.list(null, partner, 10)).extracting(d -> d.transactionControl() + " " + d.status())
                .containsExactlyInAnyOrder("0007 ACCEPTED", "0008 ACCEPTED_WITH_ERRORS", "0009 NOT_EXPECTED");
        assertThat(received.list(partner, "true", 10)).hasSize(3);
        assertThat(sent.overdueCount(partner)).isZero();
    }

    /** Runs the call on several threads released at the same moment. */
    private static <T> List<T> atOnce(Callable<T> call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(REPLICAS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < REPLICAS; i++) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    private static String uniqueControl() {
        return String.format("%09d", (int) (Math.random() * 999_999_999));
    }

    @AfterAll
    void stop() {
        databases.close();
    }
}
