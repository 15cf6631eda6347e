package io.ordersync.quote;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A quote the CRM asks ordersync to validate against the legal entity's ERP: prices, credit and available-to-promise.
 * Contract: {@code schema/quote-validation-request-1.0.schema.json}. Nothing is stored or booked.
 *
 * @param legalEntity    entity code (e.g. US01); when null, the customer rules of legal-entities.yaml decide
 * @param customerNumber the customer's number in the ERP (credit is checked for it)
 * @param crmAccountId   the CRM account, only used by customer rules that match on it
 * @param currency       ISO 4217; must be the entity's booking currency
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QuoteRequest(String legalEntity, String customerNumber, String crmAccountId, String currency,
                           List<Line> lines) {

    public static final String SCHEMA = "schema/quote-validation-request-1.0.schema.json";

    public QuoteRequest {
        lines = List.copyOf(lines);
    }

    /**
     * @param lineNumber    as the CRM numbers its lines (1, 2, ... by position when not given)
     * @param unitOfMeasure EA when not given
     * @param requestedDate when the customer wants the goods; null = as soon as possible
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(int lineNumber, String sku, BigDecimal quantity, String unitOfMeasure, LocalDate requestedDate) {}

    /** The same request with the entity resolution's answer filled in. */
    public QuoteRequest forEntity(String entityCode) {
        return new QuoteRequest(entityCode, customerNumber, crmAccountId, currency, lines);
    }
}
