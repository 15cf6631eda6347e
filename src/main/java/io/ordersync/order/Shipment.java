package io.ordersync.order;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One shipment of (part of) an order, as a warehouse or carrier reports it: packages, each with the line
 * quantities inside. An order can ship in several shipments (partial shipments, split orders).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Shipment(
        String shipmentId,
        Instant shippedAt,
        String shipFromLocation,
        String carrier,
        String serviceLevel,
        String trackingNumber,
        LocalDate expectedDeliveryDate,
        List<ShippedPackage> packages) {

    /** A carton or pallet: its SSCC-18 or the warehouse's label id, its own tracking number, and what it holds. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ShippedPackage(String packageId, String trackingNumber, BigDecimal weightKg,
                                 List<LineQuantity> items) {}

    /** Shipped quantity per order line, over all packages. */
    @JsonIgnore
    public List<LineQuantity> lineTotals() {
        Map<Integer, LineQuantity> totals = new LinkedHashMap<>();
        for (ShippedPackage pack : packages == null ? List.<ShippedPackage>of() : packages) {
            for (LineQuantity item : pack.items() == null ? List.<LineQuantity>of() : pack.items()) {
                totals.merge(item.lineNumber(), item, (a, b) -> new LineQuantity(a.lineNumber(), a.sku(),
                        a.quantity().add(b.quantity()), a.unitOfMeasure()));
            }
        }
        return new ArrayList<>(totals.values());
    }
}
