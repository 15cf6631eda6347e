package io.ordersync.demo.sim;

import java.util.List;

/** A shipment the warehouse sent: what the transport system later reports as delivered. */
public record Shipment(String shipmentId, String legalEntity, String erpOrderNumber, String carrier,
                       String trackingNumber, List<Carton> cartons) {

    public Shipment {
        cartons = List.copyOf(cartons);
    }

    String reference() {
        return legalEntity + "/" + erpOrderNumber;
    }
}
