package io.ordersync.demo.sim;

import java.math.BigDecimal;

/**
 * One line of an order submitted to a simulated ERP, with the ERP's verdict.
 *
 * @param status     {@link #ACCEPTED} or {@link #REJECTED}
 * @param reasonCode e.g. {@code UNKNOWN_SKU} when rejected, else null
 * @param reason     human readable reason when rejected, else null
 */
public record ErpOrderLine(int lineNumber, String sku, BigDecimal quantity, String unitOfMeasure,
                           BigDecimal unitPrice, String status, String reasonCode, String reason) {

    public static final String ACCEPTED = "ACCEPTED";
    public static final String REJECTED = "REJECTED";

    public boolean accepted() {
        return ACCEPTED.equals(status);
    }
}
