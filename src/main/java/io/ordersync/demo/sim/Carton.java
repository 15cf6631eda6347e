package io.ordersync.demo.sim;

import java.math.BigDecimal;
import java.util.List;

/**
 * One package of a shipment.
 *
 * @param sscc           the SSCC-18 label; null lets the {@link WarehouseSimulator} assign one
 * @param trackingNumber the carrier's number for this package (may be null)
 * @param weightKg       gross weight (may be null)
 * @param contents       the order lines' quantities in it
 */
public record Carton(String sscc, String trackingNumber, BigDecimal weightKg, List<LineQuantity> contents) {

    public Carton {
        contents = List.copyOf(contents);
        if (contents.isEmpty()) {
            throw new IllegalArgumentException("a carton holds at least one line");
        }
    }

    /** A carton with a tracking number and the warehouse's SSCC. */
    public static Carton of(String trackingNumber, LineQuantity... contents) {
        return new Carton(null, trackingNumber, null, List.of(contents));
    }

    public Carton withWeightKg(BigDecimal weight) {
        return new Carton(sscc, trackingNumber, weight, contents);
    }

    Carton withSscc(String label) {
        return new Carton(label, trackingNumber, weightKg, contents);
    }
}
