package io.ordersync.quote;

import java.util.List;

/** What an ERP answered to a quote, translated by its adapter: the customer's credit and one line per request line. */
public record ErpQuote(QuoteAnswer.Credit credit, List<QuoteAnswer.Line> lines) {

    public ErpQuote {
        lines = List.copyOf(lines);
    }
}
