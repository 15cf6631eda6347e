package io.ordersync.demo.sim;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * An order as the warehouse and receivables systems know it: released by the ERP of a legal entity, named by that
 * entity and the ERP's order number (never by ordersync's id), with the lines the ERP accepted.
 */
public record FulfilmentOrder(String legalEntity, String erpOrderNumber, String currency, List<Line> lines) {

    public FulfilmentOrder {
        Objects.requireNonNull(legalEntity, "legalEntity");
        Objects.requireNonNull(erpOrderNumber, "erpOrderNumber");
        lines = List.copyOf(lines);
    }

    /** One order line with its ordered quantity and price. */
    public record Line(int lineNumber, String sku, BigDecimal quantity, String unitOfMeasure, BigDecimal unitPrice) {

        /** The whole line. */
        public LineQuantity all() {
            return new LineQuantity(lineNumber, sku, quantity, unitOfMeasure);
        }

        /** Part of the line, e.g. what fits in a carton. */
        public LineQuantity part(BigDecimal partQuantity) {
            return new LineQuantity(lineNumber, sku, partQuantity, unitOfMeasure);
        }
    }

    /** The order as the ERP simulator released it: its accepted lines. */
    public static FulfilmentOrder fromErp(String legalEntity, ErpOrder erpOrder) {
        return new FulfilmentOrder(legalEntity, erpOrder.orderNumber(), erpOrder.currency(), erpOrder.lines().stream()
                .filter(ErpOrderLine::accepted)
                .map(l -> new Line(l.lineNumber(), l.sku(), l.quantity(), l.unitOfMeasure(), l.unitPrice()))
                .toList());
    }

    public Line line(int lineNumber) {
        return lines.stream().filter(l -> l.lineNumber() == lineNumber).findFirst().orElseThrow(() ->
                new IllegalArgumentException("ERP order " + erpOrderNumber + " has no line " + lineNumber));
    }

    /** Every line in full. */
    public List<LineQuantity> allLines() {
        return lines.stream().map(Line::all).toList();
    }

    /** {@code US01/NA-100001}: the Kafka key and what logs name the order by. */
    public String reference() {
        return legalEntity + "/" + erpOrderNumber;
    }
}
