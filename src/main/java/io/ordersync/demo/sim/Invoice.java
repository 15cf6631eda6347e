package io.ordersync.demo.sim;

import java.math.BigDecimal;

/** An invoice the receivables system posted: what payments are booked against. */
public record Invoice(String invoiceNumber, String legalEntity, String erpOrderNumber, String currency,
                      BigDecimal netAmount, BigDecimal taxAmount, BigDecimal totalAmount) {

    String reference() {
        return legalEntity + "/" + erpOrderNumber;
    }
}
