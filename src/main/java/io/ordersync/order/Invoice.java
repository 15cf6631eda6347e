package io.ordersync.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** An invoice the ERP or AR system issued for (part of) an order. Amounts are exact decimals. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Invoice(
        String invoiceNumber,
        LocalDate invoiceDate,
        LocalDate dueDate,
        String currency,
        String paymentTerms,
        List<InvoiceLine> lines,
        BigDecimal netAmount,
        BigDecimal taxAmount,
        BigDecimal totalAmount) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InvoiceLine(int lineNumber, String sku, BigDecimal quantity, String unitOfMeasure,
                              BigDecimal unitPrice, BigDecimal amount) {}
}
