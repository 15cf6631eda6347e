package io.ordersync.edi;

import static io.ordersync.edi.OutboundValues.blankToNull;
import static io.ordersync.edi.OutboundValues.firstPresent;
import static io.ordersync.edi.OutboundValues.plain;

import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.LineQuantity;
import io.ordersync.order.OrderEvent;
import io.ordersync.order.Shipment;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The advance ship notice ordersync sends an X12 trading partner for each shipment of its order: an X12 004010 856
 * in the standard pick-and-pack hierarchy (BSN05 0001): one shipment level (HL03 S: TD1 packages and weight, TD5
 * carrier and service, REF CN tracking number, DTM 011 shipped / 017 expected delivery, N1 ST ship-to and SF
 * ship-from), under it one order level (O: PRF with the customer's PO), under it a pack level per package (P: its
 * tracking number, MAN GM with the SSCC-18) and under each pack an item level per order line in it (I: LIN with the
 * SKU, SN1 with the quantity shipped in that pack and the quantity ordered). HL01 numbers the levels in order, HL02
 * names the parent level, HL04 says whether children follow. CTT01 counts the HL segments. A partial shipment lists
 * what this shipment holds; SN105 keeps the ordered quantity for comparison.
 */
final class AdvanceShipNotice implements PartnerDocument {

    /** BSN05: shipment, order, packaging, item. */
    static final String SHIPMENT_ORDER_PACKAGING_ITEM = "0001";
    /** MAN01: SSCC-18 and application identifier. */
    static final String SSCC = "GM";
    /** TD101: package (the canonical shipment does not say carton or pallet). */
    static final String PACKAGE = "PKG";

    private final EdiSpecs specs;

    public AdvanceShipNotice(EdiSpecs specs) {
        this.specs = specs;
    }

    @Override
    public String name() {
        return "856";
    }

    /**
     * The 856 for an {@code OrderShipped} event; BSN03/BSN04 and DTM 011 are the time shipped (UTC), or the
     * event's time when the shipment has none.
     */
    @Override
    public String write(CanonicalOrder order, OrderEvent event, PartnerProfiles.Profile partner, AckNumbers numbers,
                        Clock clock) {
        Shipment shipment = ShipmentContent.require(order, event);
        String about = "order " + order.orderId() + ", shipment " + shipment.shipmentId();
        Map<Integer, CanonicalOrder.Line> orderLines = OutboundValues.linesByNumber(order);
        LocalDateTime shipped = LocalDateTime.ofInstant(shipment.shippedAt() != null ? shipment.shippedAt()
                : event.occurredAt() != null ? event.occurredAt() : clock.instant(), ZoneOffset.UTC);

        X12Document doc = X12Document.start(partner, numbers, clock, "SH", "856");
        doc.segment("BSN", "00", shipment.shipmentId(), shipped.format(OutboundValues.CCYYMMDD),
                shipped.format(OutboundValues.HHMM), SHIPMENT_ORDER_PACKAGING_ITEM);
        doc.segment("DTM", "011", shipped.format(OutboundValues.CCYYMMDD), shipped.format(OutboundValues.HHMM));
        if (shipment.expectedDeliveryDate() != null) {
            doc.segment("DTM", "017", OutboundValues.date(shipment.expectedDeliveryDate()));
        }

        int hl = 0;
        int shipmentLevel = ++hl;
        doc.segment("HL", String.valueOf(shipmentLevel), null, "S", "1");
        List<Shipment.ShippedPackage> packages = shipment.packages();
        BigDecimal weight = totalWeight(packages);
        doc.segment("TD1", PACKAGE, String.valueOf(packages.size()), null, null, null, weight == null ? null : "G",
                plain(weight), weight == null ? null : "KG");
        String carrier = blankToNull(shipment.carrier());
        String service = blankToNull(shipment.serviceLevel());
        if (carrier != null || service != null) {
            // TD502 2: TD503 is the carrier's SCAC; TD505 the routing (service level)
            doc.segment("TD5", "B", carrier == null ? null : "2", carrier, null, service);
        }
        if (blankToNull(shipment.trackingNumber()) != null) {
            doc.segment("REF", "CN", shipment.trackingNumber().strip());
        }
        if (order.shipTo() != null) {
            X12Segments.party(doc, "ST", order.shipTo());
        }
        if (blankToNull(shipment.shipFromLocation()) != null) {
            // our own location code: identification code qualifier 91, assigned by seller
            doc.segment("N1", "SF", null, "91", shipment.shipFromLocation().strip());
        }

        int orderLevel = ++hl;
        doc.segment("HL", String.valueOf(orderLevel), String.valueOf(shipmentLevel), "O", "1");
        doc.segment("PRF", OutboundValues.purchaseOrder(order), null, null, OutboundValues.date(order.orderDate()));
        if (blankToNull(event.erpOrderNumber()) != null) {
            doc.segment("REF", "VN", event.erpOrderNumber().strip());
        }

        for (Shipment.ShippedPackage pack : packages) {
            int packLevel = ++hl;
            doc.segment("HL", String.valueOf(packLevel), String.valueOf(orderLevel), "P", "1");
            if (pack.weightKg() != null) {
                doc.segment("TD1", PACKAGE, "1", null, null, null, "G", plain(pack.weightKg()), "KG");
            }
            if (blankToNull(pack.trackingNumber()) != null) {
                doc.segment("REF", "CN", pack.trackingNumber().strip());
            }
            if (blankToNull(pack.packageId()) != null) {
                doc.segment("MAN", SSCC, pack.packageId().strip());
            }
            for (LineQuantity item : pack.items()) {
                CanonicalOrder.Line line = orderLines.get(item.lineNumber());
                int itemLevel = ++hl;
                doc.segment("HL", String.valueOf(itemLevel), String.valueOf(packLevel), "I", "0");
                List<String> lin = new ArrayList<>(List.of(String.valueOf(item.lineNumber())));
                X12Segments.addId(lin, "VP", firstPresent(item.sku(), line.sku()));
                X12Segments.addId(lin, "BP", line.customerPartNumber());
                X12Segments.addId(lin, "EN", line.gtin());
                doc.segment("LIN", lin.toArray());
                String unit = OutboundValues.x12Unit(firstPresent(item.unitOfMeasure(), line.unitOfMeasure()));
                doc.segment("SN1", null, plain(item.quantity()), unit, null,
                        plain(line.quantity()), line.quantity() == null ? null : unit);
            }
        }
        doc.segment("CTT", String.valueOf(hl));
        return doc.release(specs, about);
    }

    /** The packages' gross weight, when every package has one. */
    private static BigDecimal totalWeight(List<Shipment.ShippedPackage> packages) {
        BigDecimal total = BigDecimal.ZERO;
        for (Shipment.ShippedPackage pack : packages) {
            if (pack.weightKg() == null) {
                return null;
            }
            total = total.add(pack.weightKg());
        }
        return total;
    }
}
