package io.ordersync.quote;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersync.BothDatabases;
import io.ordersync.quote.QuoteReferenceCache.Cached;
import io.ordersync.quote.QuoteReferenceCache.ItemKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * The reference data kept for the quote fallback, on H2 and a real PostgreSQL: exact figures back, only the ERP's
 * valid answers kept, entities and units apart, and the newest answer wins even when replicas write at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuoteReferenceCacheTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

    private final BothDatabases databases = new BothDatabases("quotes", 8);

    Stream<String> databases() {
        return BothDatabases.names();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void figures_the_erp_gave_are_read_back_exactly(String database) {
        QuoteReferenceCache cache = cache(database);
        String customer = unique("NA-");
        String sku = unique("SKU-");

        cache.remember("US01", customer, quote("OK", "1234567.25", line(1, sku, "BX", "1234567890.123456789", "80.5")),
                T0);

        Cached cached = cache.lookup("US01", customer, List.of(new ItemKey(sku, "BX")));
        assertThat(cached.credit()).isEqualTo(new QuoteReferenceCache.CachedCredit("OK", new BigDecimal("1234567.25"),
                "USD", T0));
        QuoteReferenceCache.CachedItem item = cached.items().get(new ItemKey(sku, "BX"));
        assertThat(item.unitPrice()).isEqualTo(new BigDecimal("1234567890.123456789"));
        assertThat(item.availableQuantity()).isEqualTo(new BigDecimal("80.5"));
        assertThat(item.currency()).isEqualTo("USD");
        assertThat(item.asOf()).isEqualTo(T0);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_newer_answer_replaces_the_figures_and_a_late_older_one_changes_nothing(String database) {
        QuoteReferenceCache cache = cache(database);
        String customer = unique("NA-");
        String sku = unique("SKU-");
        cache.remember("US01", customer, quote("OK", "100", line(1, sku, "EA", "10.00", "5")), T0);

        cache.remember("US01", customer, quote("HOLD", "0", line(1, sku, "EA", "11.00", "4")), T0.plusSeconds(60));
        cache.remember("US01", customer, quote("OK", "999", line(1, sku, "EA", "9.00", "9")), T0.plusSeconds(30));

        Cached cached = cache.lookup("US01", customer, List.of(new ItemKey(sku, "EA")));
        assertThat(cached.credit().status()).isEqualTo("HOLD");
        assertThat(cached.credit().asOf()).isEqualTo(T0.plusSeconds(60));
        assertThat(cached.items().get(new ItemKey(sku, "EA")).unitPrice()).isEqualByComparingTo("11.00");
        assertThat(cached.items().get(new ItemKey(sku, "EA")).asOf()).isEqualTo(T0.plusSeconds(60));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void refused_lines_and_unknown_credit_are_not_kept(String database) {
        QuoteReferenceCache cache = cache(database);
        String customer = unique("NA-");
        QuoteRequest.Line asked = new QuoteRequest.Line(1, "UNKNOWN-1", BigDecimal.ONE, "EA", null);
        ErpQuote quote = new ErpQuote(new QuoteAnswer.Credit("UNKNOWN", null, "USD", null, null),
                List.of(QuoteLines.rejected(asked, "UNKNOWN_SKU", "not in the item master")));

        cache.remember("US01", customer, quote, T0);

        Cached cached = cache.lookup("US01", customer, List.of(new ItemKey("UNKNOWN-1", "EA")));
        assertThat(cached.credit()).isNull();
        assertThat(cached.items()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void entities_customers_and_units_of_measure_are_kept_apart(String database) {
        QuoteReferenceCache cache = cache(database);
        String customer = unique("NA-");
        String sku = unique("SKU-");
        cache.remember("US01", customer, quote("OK", "100", line(1, sku, "EA", "1.00", "10")), T0);
        cache.remember("CA01", customer, quote("HOLD", "0", line(1, sku, "BX", "90.00", "2")), T0);

        Cached us = cache.lookup("US01", customer, List.of(new ItemKey(sku, "EA"), new ItemKey(sku, "BX")));
        assertThat(us.credit().status()).isEqualTo("OK");
        assertThat(us.items()).containsOnlyKeys(new ItemKey(sku, "EA"));
        assertThat(cache.lookup("CA01", customer, List.of(new ItemKey(sku, "EA"))).items()).isEmpty();
        assertThat(cache.lookup("US01", unique("NA-"), List.of()).credit()).isNull();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void of_replicas_remembering_the_same_item_at_once_the_newest_answer_wins(String database) throws Exception {
        QuoteReferenceCache cache = cache(database);
        String customer = unique("NA-");
        String sku = unique("SKU-");
        int replicas = 6;
        ExecutorService pool = Executors.newFixedThreadPool(replicas);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> writes = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            order.add(i);
        }
        Collections.shuffle(order);
        for (int i : order) {
            writes.add(pool.submit(() -> {
                start.await();
                cache.remember("US01", customer, quote("OK", String.valueOf(i), line(1, sku, "EA", i + ".00", "1")),
                        T0.plusSeconds(i));
                return null;
            }));
        }
        start.countDown();
        for (Future<?> write : writes) {
            write.get();
        }
        pool.shutdown();

        Cached cached = cache.lookup("US01", customer, List.of(new ItemKey(sku, "EA")));
        assertThat(cached.items().get(new ItemKey(sku, "EA")).unitPrice()).isEqualByComparingTo(replicas - 1 + ".00");
        assertThat(cached.credit().availableCredit()).isEqualByComparingTo(String.valueOf(replicas - 1));
    }

    @AfterAll
    void close() {
        databases.close();
    }

    private QuoteReferenceCache cache(String database) {
        return new QuoteReferenceCache(databases.get(database));
    }

    private static ErpQuote quote(String creditStatus, String availableCredit, QuoteAnswer.Line... lines) {
        return new ErpQuote(new QuoteAnswer.Credit(creditStatus, new BigDecimal(availableCredit), "USD", null, null),
                List.of(lines));
    }

    private static QuoteAnswer.Line line(int number, String sku, String unit, String price, String available) {
        QuoteRequest.Line asked = new QuoteRequest.Line(number, sku, BigDecimal.ONE, unit, null);
        return QuoteLines.ok(asked, new BigDecimal(price), "USD", new BigDecimal(available), null, null);
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }
}
