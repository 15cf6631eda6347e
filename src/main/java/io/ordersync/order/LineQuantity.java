package io.ordersync.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/** A quantity of one order line: allocated, backordered, shipped in a package, or returned. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LineQuantity(int lineNumber, String sku, BigDecimal quantity, String unitOfMeasure) {}
