package io.ordersync.quote;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The answer from reference data when the ERP gave none: for each line the cached price and available quantity,
 * and the customer's cached credit, each only if younger than the maximum age and in the quote's currency. What is
 * missing is UNKNOWN with the reason. No delivery date is promised from cache. Nothing usable at all: no answer
 * (the API says 503).
 */
public final class QuoteFallback {

    public static final String NOT_CACHED = "NOT_CACHED";
    public static final String CACHE_EXPIRED = "CACHE_EXPIRED";

    private QuoteFallback() {
    }

    /**
     * @param erpProblem what happened to the ERP call, for the warning (e.g. "did not answer within 800 ms")
     * @return the CACHE answer, or empty when not one line and not the credit are cached (fresh)
     */
    public static Optional<QuoteAnswer> answer(QuoteRequest request, QuoteReferenceCache.Cached cached, Instant now,
                                               Duration maxAge, String erpOutcome, String erpProblem, long latencyMs,
                                               String correlationId) {
        Instant oldestAllowed = now.minus(maxAge);
        Instant oldestUsed = null;
        QuoteAnswer.Credit credit;
        QuoteReferenceCache.CachedCredit c = cached.credit();
        if (c == null || !request.currency().equals(c.currency())) {
            credit = new QuoteAnswer.Credit(QuoteAnswer.Credit.UNKNOWN, null, null, null,
                    "no credit figures of the ERP are cached for customer " + request.customerNumber());
        } else if (c.asOf().isBefore(oldestAllowed)) {
            credit = new QuoteAnswer.Credit(QuoteAnswer.Credit.UNKNOWN, null, null, c.asOf(),
                    "the cached credit figures are from " + c.asOf() + ", older than the maximum age " + maxAge);
        } else {
            credit = new QuoteAnswer.Credit(c.status(), c.availableCredit(), c.currency(), c.asOf(), null);
            oldestUsed = c.asOf();
        }
        List<QuoteAnswer.Line> lines = new ArrayList<>();
        int unknown = 0;
        for (QuoteRequest.Line line : request.lines()) {
            QuoteReferenceCache.CachedItem item = cached.items().get(
                    new QuoteReferenceCache.ItemKey(line.sku(), line.unitOfMeasure()));
            if (item == null || !request.currency().equals(item.currency())) {
                lines.add(QuoteLines.unknown(line, NOT_CACHED, "no price or availability of the ERP is cached for "
                        + line.sku() + " in " + line.unitOfMeasure(), null));
                unknown++;
            } else if (item.asOf().isBefore(oldestAllowed)) {
                lines.add(QuoteLines.unknown(line, CACHE_EXPIRED, "the cached figures for " + line.sku() + " are from "
                        + item.asOf() + ", older than the maximum age " + maxAge, item.asOf()));
                unknown++;
            } else {
                lines.add(QuoteLines.ok(line, item.unitPrice(), item.currency(), item.availableQuantity(), null,
                        item.asOf()));
                oldestUsed = oldestUsed == null || item.asOf().isBefore(oldestUsed) ? item.asOf() : oldestUsed;
            }
        }
        if (oldestUsed == null) {
            return Optional.empty();
        }
        String warning = "Not live: the ERP " + erpProblem + ". These are the ERP's last known figures as of "
                + oldestUsed + " (reference data); prices, availability and credit may have changed since, and no"
                + " delivery date is promised."
                + (unknown > 0 ? " " + unknown + " of " + lines.size() + " line(s) have no usable cached figures." : "")
                + " Validate again before booking.";
        return Optional.of(new QuoteAnswer(request.legalEntity(), request.customerNumber(), request.currency(),
                QuoteAnswer.CACHE, oldestUsed, warning, erpOutcome, latencyMs, credit, lines, correlationId));
    }
}
