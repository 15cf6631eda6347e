package io.ordersync.quote;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * ordersync's answer to a quote validation. Contract: {@code schema/quote-validation-answer-1.0.schema.json}.
 *
 * @param source     {@link #ERP}: the ERP answered now; {@link #CACHE}: the ERP did not answer in time (or failed) and
 *                   the figures are the last ones the ERP gave, as of {@code asOf}
 * @param asOf       when the figures were true: the ERP's answer time, or for CACHE the oldest cached entry used
 * @param warning    for CACHE only: a sentence for the sales person (the figures may have changed since asOf)
 * @param erpOutcome how the ERP call ended: OK, TIMEOUT, UNAVAILABLE (5xx, refused, SOAP Server fault) or ERROR
 * @param latencyMs  how long the ERP call took (up to the timeout when it did not answer)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QuoteAnswer(String legalEntity, String customerNumber, String currency, String source, Instant asOf,
                          String warning, String erpOutcome, long latencyMs, Credit credit, List<Line> lines,
                          String correlationId) {

    public static final String ERP = "ERP";
    public static final String CACHE = "CACHE";

    public QuoteAnswer {
        lines = List.copyOf(lines);
    }

    /**
     * Order-level credit of the customer.
     *
     * @param status OK, HOLD (the ERP would put an order on credit hold) or UNKNOWN (nothing cached; see reason)
     * @param asOf   for CACHE answers: when the ERP gave these figures
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Credit(String status, BigDecimal availableCredit, String currency, Instant asOf, String reason) {
        public static final String OK = "OK";
        public static final String HOLD = "HOLD";
        public static final String UNKNOWN = "UNKNOWN";
    }

    /**
     * One requested line with its price and availability.
     *
     * @param status     OK (priced, availability known), REJECTED (the ERP refuses the item, see reasonCode) or
     *                   UNKNOWN (fallback with nothing usable cached for the item, see reasonCode)
     * @param reasonCode e.g. UNKNOWN_SKU (ERP), NOT_CACHED or CACHE_EXPIRED (fallback)
     * @param asOf       for CACHE answers: when the ERP gave these figures
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(int lineNumber, String sku, BigDecimal quantity, String unitOfMeasure, LocalDate requestedDate,
                       String status, Price price, AvailableToPromise availableToPromise, String reasonCode,
                       String reason, Instant asOf) {
        public static final String OK = "OK";
        public static final String REJECTED = "REJECTED";
        public static final String UNKNOWN = "UNKNOWN";
    }

    public record Price(BigDecimal unitPrice, String currency) {}

    /**
     * @param availableQuantity how much of the item the ERP can promise, in the line's unit of measure
     * @param promisedDate      when the requested quantity can be delivered; null in CACHE answers (a promise needs
     *                          the live ERP)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AvailableToPromise(BigDecimal availableQuantity, LocalDate promisedDate) {}
}
