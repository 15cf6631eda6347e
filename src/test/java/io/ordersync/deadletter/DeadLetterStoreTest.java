package io.ordersync.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.ordersync.TestDatabases;
import io.ordersync.app.Database;
import io.ordersync.deadletter.DeadLetterStore.DeadLetter;
import io.ordersync.deadletter.DeadLetterStore.Kept;
import io.ordersync.deadletter.DeadLetterStore.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** Dead-letter payloads are size-capped and all of them bounded, on H2 and on PostgreSQL (same migrations). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadLetterStoreTest {

    private HikariDataSource h2;
    private HikariDataSource pg;

    Stream<Arguments> databases() {
        return Stream.of(Arguments.of("H2", h2()), Arguments.of("PostgreSQL", pg()));
    }

    private synchronized DataSource h2() {
        if (h2 == null) {
            String url = "jdbc:h2:mem:dead-letters-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
            h2 = Database.pool(url, "sa", "", 4);
            Database.migrate(h2, url);
        }
        return h2;
    }

    private synchronized DataSource pg() {
        if (pg == null) {
            pg = TestDatabases.migratedPostgres(4);
        }
        return pg;
    }

    @AfterAll
    void close() {
        if (h2 != null) {
            h2.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    /** Every test starts from an empty dead-letter table (the budget counts all of them). */
    private static DeadLetterStore store(DataSource dataSource, PayloadLimits limits) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.update("DELETE FROM dead_letter_payloads");
        jdbc.update("DELETE FROM dead_letter_replays");
        jdbc.update("DELETE FROM dead_letters");
        return new DeadLetterStore(dataSource, limits);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void a_payload_within_the_inline_limit_is_kept_whole_in_its_row(String db, DataSource dataSource) {
        DeadLetterStore store = store(dataSource, new PayloadLimits(100, 1000, 10, 10_000));
        String payload = "{\"order\": \"Müller €\"}";

        long id = insert(store, Status.NEW, payload, "application/json; charset=ISO-8859-1");

        DeadLetter letter = store.find(id).orElseThrow();
        assertThat(letter.payloadKept()).isEqualTo("INLINE");
        assertThat(letter.payloadBytes()).isEqualTo(payload.getBytes(StandardCharsets.UTF_8).length);
        assertThat(letter.payloadSha256()).isEqualTo(sha256(payload));
        assertThat(letter.payloadContentType()).isEqualTo("application/json");
        assertThat(letter.payloadNote()).isNull();
        assertThat(store.payload(id).orElseThrow().text()).isEqualTo(payload);
        assertThat(store.inlineOrPreview(id)).contains(payload);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void a_payload_over_the_inline_limit_keeps_a_preview_in_its_row_and_the_original_by_reference(
            String db, DataSource dataSource) {
        DeadLetterStore store = store(dataSource, new PayloadLimits(100, 1000, 10, 10_000));
        // € is 3 bytes in UTF-8, the emoji 4 (two chars); the 10th character is the first half of an emoji
        String payload = "<a" + "€😀".repeat(60) + "x".repeat(17) + "</a>";

        long id = insert(store, Status.NEW, payload, null);

        DeadLetter letter = store.find(id).orElseThrow();
        assertThat(letter.payloadKept()).isEqualTo("STORED");
        assertThat(letter.payloadBytes()).isEqualTo(payload.getBytes(StandardCharsets.UTF_8).length)
                .isGreaterThan(100);
        assertThat(letter.payloadSha256()).isEqualTo(sha256(payload));
        assertThat(letter.payloadContentType()).isEqualTo("application/xml");
        assertThat(store.inlineOrPreview(id)).contains(payload.substring(0, 9)); // a surrogate pair is not split
        assertThat(store.payload(id).orElseThrow().text()).isEqualTo(payload);
        assertThat(store.keptBytes()).isEqualTo(letter.payloadBytes());
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void a_payload_over_the_retention_limit_keeps_only_preview_size_and_digest_and_says_why(
            String db, DataSource dataSource) {
        DeadLetterStore store = store(dataSource, new PayloadLimits(100, 1000, 10, 10_000));
        String payload = "y".repeat(5000);

        long id = insert(store, Status.NEW, payload, "text/xml");

        DeadLetter letter = store.find(id).orElseThrow();
        assertThat(letter.payloadKept()).isEqualTo("PREVIEW");
        assertThat(letter.payloadBytes()).isEqualTo(5000);
        assertThat(letter.payloadSha256()).isEqualTo(sha256(payload));
        assertThat(letter.payloadNote()).startsWith("payload too large to keep (5000 bytes, limit 1000 bytes");
        assertThat(store.inlineOrPreview(id)).contains("y".repeat(10));
        assertThat(store.payload(id)).isEmpty();
        assertThat(store.keptBytes()).isZero();
        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM dead_letter_payloads",
                Integer.class)).isZero();
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void all_payloads_stay_within_the_total_the_oldest_resolved_ones_dropped_first_never_unresolved_ones(
            String db, DataSource dataSource) {
        DeadLetterStore store = store(dataSource, new PayloadLimits(500, 1000, 10, 3000));
        String big = "z".repeat(900);
        long invalidOld = insert(store, Status.INVALID, big, null);
        long unresolved = insert(store, Status.NEW, big, null);
        long invalidNewer = insert(store, Status.INVALID, "i".repeat(400), null);
        long replayed = insert(store, Status.NEW, "r".repeat(400), null);
        store.claimReplay(replayed, "support");
        assertThat(store.keptBytes()).isEqualTo(2600);

        // a replay still RUNNING is not resolved: the oldest INVALID one goes first
        long second = insert(store, Status.NEW, big, null);
        assertThat(store.find(invalidOld).orElseThrow().payloadKept()).isEqualTo("PREVIEW");
        assertThat(store.find(invalidOld).orElseThrow().payloadNote()).contains("payload dropped")
                .contains("max-total-payload-bytes");
        assertThat(store.payload(invalidOld)).isEmpty();
        assertThat(store.inlineOrPreview(invalidOld)).contains("z".repeat(10));
        assertThat(store.find(second).orElseThrow().payloadKept()).isEqualTo("STORED");
        assertThat(store.keptBytes()).isEqualTo(2600).isLessThanOrEqualTo(3000);

        // once its replay has ended, a replayed one is resolved as well; an inline payload drops to its preview
        store.finishReplay(replayed, DeadLetterStore.SUCCEEDED, null, null);
        long third = insert(store, Status.NEW, big, null);
        assertThat(store.find(invalidNewer).orElseThrow().payloadKept()).isEqualTo("PREVIEW");
        assertThat(store.inlineOrPreview(invalidNewer)).contains("i".repeat(10));
        assertThat(store.find(replayed).orElseThrow().payloadKept()).isEqualTo("PREVIEW");
        assertThat(store.find(third).orElseThrow().payloadKept()).isEqualTo("STORED");
        assertThat(store.keptBytes()).isEqualTo(2700);

        // nothing resolved is left: the new payload keeps its preview, no unresolved one is touched
        long fourth = insert(store, Status.NEW, big, null);
        assertThat(store.find(fourth).orElseThrow().payloadKept()).isEqualTo("PREVIEW");
        assertThat(store.find(fourth).orElseThrow().payloadNote()).contains("no resolved dead letter");
        assertThat(store.find(fourth).orElseThrow().payloadSha256()).isEqualTo(sha256(big));
        for (long id : List.of(unresolved, second, third)) {
            assertThat(store.payload(id).orElseThrow().text()).isEqualTo(big);
        }
        assertThat(store.keptBytes()).isEqualTo(2700);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void searches_are_pages_of_at_most_500_and_read_no_payload_or_headers(String db, DataSource dataSource) {
        DeadLetterStore store = store(dataSource, PayloadLimits.DEFAULTS);
        long first = insert(store, Status.NEW, "one", null);
        long second = insert(store, Status.NEW, "two", null);
        long third = insert(store, Status.NEW, "three", null);

        List<DeadLetter> page = store.search(null, "test-route", null, null, null, 2);
        assertThat(page).extracting(DeadLetter::id).containsExactly(third, second);
        assertThat(page).allSatisfy(letter -> assertThat(letter.headers()).isNull());
        assertThat(store.search(null, "test-route", null, null, second, 2)).extracting(DeadLetter::id)
                .containsExactly(first);
        assertThat(store.find(first).orElseThrow().headers()).containsEntry("h", "v");

        for (int i = 0; i < 510; i++) {
            insert(store, Status.INVALID, null, null);
        }
        assertThat(store.search(null, null, null, null, null, 100_000)).hasSize(DeadLetterStore.MAX_LIMIT);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void an_exception_message_is_kept_to_its_first_4000_characters(String db, DataSource dataSource) {
        DeadLetterStore store = store(dataSource, PayloadLimits.DEFAULTS);
        long id = store.insert(Status.INVALID, "test-route", null, null, "corr", "x", Map.of(),
                new IllegalArgumentException("m".repeat(100_000)), 1, Instant.now(), Instant.now());
        assertThat(store.find(id).orElseThrow().exceptionMessage()).hasSize(4000 + "... (100000 characters)".length())
                .endsWith("... (100000 characters)");
    }

    @Test
    void size_and_digest_are_of_the_utf8_bytes_also_of_large_and_broken_text() {
        String large = "ä😀x".repeat(70_000);
        String unpairedSurrogate = "a\uD800b";
        for (String text : List.of("", "plain", large, unpairedSurrogate)) {
            DeadLetterStore.Measured measured = DeadLetterStore.measure(text);
            assertThat(measured.bytes()).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
            assertThat(measured.sha256()).isEqualTo(sha256(text));
        }
    }

    @Test
    void the_content_type_kept_is_a_well_formed_media_type_or_told_from_the_payload() {
        assertThat(DeadLetterStore.mediaType("Application/EDI-X12; charset=ISO-8859-1", "ISA*")).isEqualTo(
                "application/edi-x12");
        assertThat(DeadLetterStore.mediaType("text/html\r\nSet-Cookie: x", " {\"a\":1}")).isEqualTo(
                "application/json");
        assertThat(DeadLetterStore.mediaType(null, "\n<soap/>")).isEqualTo("application/xml");
        assertThat(DeadLetterStore.mediaType(null, "po_number,sku")).isEqualTo("text/plain");
    }

    private static long insert(DeadLetterStore store, Status status, String payload, String contentType) {
        Instant now = Instant.now();
        return store.insert(status, "test-route", status == Status.NEW ? "direct:test" : null, null, "corr", payload,
                contentType, Map.of("h", "v"), new IllegalStateException("refused"), 1, now, now, null);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
