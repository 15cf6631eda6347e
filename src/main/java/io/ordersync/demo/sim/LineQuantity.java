package io.ordersync.demo.sim;

import java.math.BigDecimal;
import java.util.Objects;

/** A quantity of one order line: allocated, backordered, or packed in a carton. */
public record LineQuantity(int lineNumber, String sku, BigDecimal quantity, String unitOfMeasure) {

    public LineQuantity {
        Objects.requireNonNull(quantity, "quantity");
    }
}
