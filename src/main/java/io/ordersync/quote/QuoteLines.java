package io.ordersync.quote;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** Builds answer lines from request lines, so every answer line repeats what was asked. */
final class QuoteLines {

    private QuoteLines() {
    }

    static QuoteAnswer.Line ok(QuoteRequest.Line asked, BigDecimal unitPrice, String currency,
                               BigDecimal availableQuantity, LocalDate promisedDate, Instant asOf) {
        return new QuoteAnswer.Line(asked.lineNumber(), asked.sku(), asked.quantity(), asked.unitOfMeasure(),
                asked.requestedDate(), QuoteAnswer.Line.OK, new QuoteAnswer.Price(unitPrice, currency),
                new QuoteAnswer.AvailableToPromise(availableQuantity, promisedDate), null, null, asOf);
    }

    static QuoteAnswer.Line rejected(QuoteRequest.Line asked, String reasonCode, String reason) {
        return new QuoteAnswer.Line(asked.lineNumber(), asked.sku(), asked.quantity(), asked.unitOfMeasure(),
                asked.requestedDate(), QuoteAnswer.Line.REJECTED, null, null, reasonCode, reason, null);
    }

    static QuoteAnswer.Line unknown(QuoteRequest.Line asked, String reasonCode, String reason, Instant asOf) {
        return new QuoteAnswer.Line(asked.lineNumber(), asked.sku(), asked.quantity(), asked.unitOfMeasure(),
                asked.requestedDate(), QuoteAnswer.Line.UNKNOWN, null, null, reasonCode, reason, asOf);
    }
}
