package io.ordersync.quote;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersync.quote.QuoteReferenceCache.Cached;
import io.ordersync.quote.QuoteReferenceCache.CachedCredit;
import io.ordersync.quote.QuoteReferenceCache.CachedItem;
import io.ordersync.quote.QuoteReferenceCache.ItemKey;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The answer from reference data: what is used, what is UNKNOWN and why, and when there is no answer at all. */
class QuoteFallbackTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Duration MAX_AGE = Duration.ofHours(24);

    private static final QuoteRequest REQUEST = new QuoteRequest("US01", "NA-20001", null, "USD", List.of(
            new QuoteRequest.Line(1, "HX-2040", new BigDecimal("12"), "BX", LocalDate.parse("2026-12-01")),
            new QuoteRequest.Line(2, "WS-0800", new BigDecimal("4"), "BX", null)));

    @Test
    void everything_cached_is_answered_as_cache_as_of_the_oldest_figure_used() {
        Instant hourAgo = NOW.minus(Duration.ofHours(1));
        Instant twoHoursAgo = NOW.minus(Duration.ofHours(2));
        Cached cached = new Cached(new CachedCredit("HOLD", new BigDecimal("0"), "USD", NOW.minusSeconds(60)), Map.of(
                key("HX-2040", "BX"), item("HX-2040", "BX", "USD", "18.40", "500", hourAgo),
                key("WS-0800", "BX"), item("WS-0800", "BX", "USD", "9.95", "1200", twoHoursAgo)));

        QuoteAnswer answer = answer(cached).orElseThrow();

        assertThat(answer.source()).isEqualTo(QuoteAnswer.CACHE);
        assertThat(answer.asOf()).isEqualTo(twoHoursAgo);
        assertThat(answer.erpOutcome()).isEqualTo("TIMEOUT");
        assertThat(answer.latencyMs()).isEqualTo(801);
        assertThat(answer.warning()).contains("did not answer within 800 ms").contains(twoHoursAgo.toString())
                .contains("no delivery date is promised").doesNotContain("line(s) have no usable");
        assertThat(answer.credit().status()).isEqualTo("HOLD");
        assertThat(answer.credit().asOf()).isEqualTo(NOW.minusSeconds(60));
        QuoteAnswer.Line bolts = answer.lines().get(0);
        assertThat(bolts.status()).isEqualTo(QuoteAnswer.Line.OK);
        assertThat(bolts.price()).isEqualTo(new QuoteAnswer.Price(new BigDecimal("18.40"), "USD"));
        assertThat(bolts.availableToPromise().availableQuantity()).isEqualByComparingTo("500");
        assertThat(bolts.availableToPromise().promisedDate()).as("a promise needs the live ERP").isNull();
        assertThat(bolts.requestedDate()).isEqualTo(LocalDate.parse("2026-12-01"));
        assertThat(bolts.asOf()).isEqualTo(hourAgo);
    }

    @Test
    void a_line_without_figures_is_unknown_and_figures_older_than_the_maximum_age_are_not_used() {
        Instant twoDaysAgo = NOW.minus(Duration.ofDays(2));
        Cached cached = new Cached(new CachedCredit("OK", new BigDecimal("50000"), "USD", twoDaysAgo), Map.of(
                key("HX-2040", "BX"), item("HX-2040", "BX", "USD", "18.40", "500", NOW.minusSeconds(5))));

        QuoteAnswer answer = answer(cached).orElseThrow();

        assertThat(answer.asOf()).isEqualTo(NOW.minusSeconds(5));
        assertThat(answer.lines().get(0).status()).isEqualTo(QuoteAnswer.Line.OK);
        QuoteAnswer.Line washers = answer.lines().get(1);
        assertThat(washers.status()).isEqualTo(QuoteAnswer.Line.UNKNOWN);
        assertThat(washers.reasonCode()).isEqualTo(QuoteFallback.NOT_CACHED);
        assertThat(washers.reason()).contains("WS-0800");
        assertThat(washers.price()).isNull();
        assertThat(answer.credit().status()).isEqualTo(QuoteAnswer.Credit.UNKNOWN);
        assertThat(answer.credit().availableCredit()).isNull();
        assertThat(answer.credit().reason()).contains("older than the maximum age PT24H");
        assertThat(answer.warning()).contains("1 of 2 line(s) have no usable cached figures");
    }

    @Test
    void expired_figures_figures_in_another_currency_and_another_unit_are_not_usable() {
        Cached cached = new Cached(new CachedCredit("OK", new BigDecimal("50000"), "CAD", NOW), Map.of(
                key("HX-2040", "BX"), item("HX-2040", "BX", "USD", "18.40", "500", NOW.minus(Duration.ofHours(25))),
                key("WS-0800", "BX"), item("WS-0800", "BX", "CAD", "9.95", "1200", NOW),
                // another unit of measure is another item
                key("WS-0800", "EA"), item("WS-0800", "EA", "USD", "0.02", "1200", NOW)));

        assertThat(answer(cached)).as("nothing usable: no answer").isEmpty();
    }

    @Test
    void one_usable_figure_is_enough_for_an_answer() {
        Cached cached = new Cached(new CachedCredit("OK", new BigDecimal("12.5"), "USD", NOW), Map.of(
                key("HX-2040", "BX"), item("HX-2040", "BX", "USD", "18.40", "500", NOW.minus(Duration.ofHours(25)))));

        QuoteAnswer answer = answer(cached).orElseThrow();

        assertThat(answer.credit().availableCredit()).isEqualByComparingTo("12.5");
        assertThat(answer.lines()).extracting(QuoteAnswer.Line::status).containsExactly("UNKNOWN", "UNKNOWN");
        assertThat(answer.lines().get(0).reasonCode()).isEqualTo(QuoteFallback.CACHE_EXPIRED);
        assertThat(answer.lines().get(0).asOf()).isEqualTo(NOW.minus(Duration.ofHours(25)));
    }

    @Test
    void with_nothing_cached_there_is_no_answer() {
        assertThat(answer(new Cached(null, Map.of()))).isEmpty();
    }

    private static Optional<QuoteAnswer> answer(Cached cached) {
        return QuoteFallback.answer(REQUEST, cached, NOW, MAX_AGE, "TIMEOUT", "did not answer within 800 ms", 801,
                "corr-1");
    }

    private static ItemKey key(String sku, String unit) {
        return new ItemKey(sku, unit);
    }

    private static CachedItem item(String sku, String unit, String currency, String price, String available,
                                   Instant asOf) {
        return new CachedItem(key(sku, unit), currency, new BigDecimal(price), new BigDecimal(available), asOf);
    }
}
