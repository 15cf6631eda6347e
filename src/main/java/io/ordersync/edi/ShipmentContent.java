package io.ordersync.edi;

import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.LineQuantity;
import io.ordersync.order.OrderEvent;
import io.ordersync.order.Shipment;
import java.util.Map;

/** What the 856 and the DESADV need of a shipment before they are written; anything missing is refused. */
final class ShipmentContent {

    private ShipmentContent() {
    }

    /**
     * The shipment of an {@code OrderShipped} event, checked: an id, at least one package, every package with at
     * least one item, every item naming a line of the order, with a quantity and a SKU (its own or its line's).
     *
     * @throws IllegalArgumentException naming what is missing
     */
    static Shipment require(CanonicalOrder order, OrderEvent event) {
        if (!OrderEvent.ORDER_SHIPPED.equals(event.type())) {
            throw new IllegalArgumentException("a ship notice reports OrderShipped, not " + event.type());
        }
        Shipment shipment = event.shipment();
        String where = "OrderShipped " + event.eventId() + " of order " + order.orderId();
        if (shipment == null) {
            throw new IllegalArgumentException(where + " has no shipment");
        }
        if (OutboundValues.blankToNull(shipment.shipmentId()) == null) {
            throw new IllegalArgumentException(where + ": the shipment has no shipmentId");
        }
        where = where + ", shipment " + shipment.shipmentId();
        if (shipment.packages() == null || shipment.packages().isEmpty()) {
            throw new IllegalArgumentException(where + " has no packages");
        }
        Map<Integer, CanonicalOrder.Line> lines = OutboundValues.linesByNumber(order);
        for (int p = 0; p < shipment.packages().size(); p++) {
            Shipment.ShippedPackage pack = shipment.packages().get(p);
            String packName = "package " + (pack.packageId() == null ? "#" + (p + 1) : pack.packageId());
            if (pack.items() == null || pack.items().isEmpty()) {
                throw new IllegalArgumentException(where + ": " + packName + " holds no items");
            }
            for (LineQuantity item : pack.items()) {
                CanonicalOrder.Line line = lines.get(item.lineNumber());
                if (line == null) {
                    throw new IllegalArgumentException(where + ": " + packName + " holds line "
                            + item.lineNumber() + ", which the order does not have");
                }
                if (item.quantity() == null || item.quantity().signum() <= 0) {
                    throw new IllegalArgumentException(where + ": " + packName + ", line " + item.lineNumber()
                            + " has no quantity shipped");
                }
                if (OutboundValues.firstPresent(item.sku(), line.sku()) == null) {
                    throw new IllegalArgumentException(where + ": " + packName + ", line " + item.lineNumber()
                            + " has no SKU");
                }
            }
        }
        return shipment;
    }
}
