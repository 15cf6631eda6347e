package io.ordersync.edi;

import static io.ordersync.edi.OutboundValues.blankToNull;
import static io.ordersync.edi.OutboundValues.firstPresent;
import static io.ordersync.edi.OutboundValues.plain;

import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.LineQuantity;
import io.ordersync.order.OrderEvent;
import io.ordersync.order.Shipment;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The despatch advice ordersync sends an EDIFACT trading partner for each shipment of its order: a UN/EDIFACT D.96A
 * DESADV with BGM 351 (the shipment id), DTM 137 / 11 despatched / 17 expected delivery, RFF ON the customer's PO
 * (DTM 171 its date), RFF CN the carrier's tracking number, NAD BY, SU, DP (ship-to) and SF (ship-from location),
 * TDT 20 with the carrier and service level, then the packing hierarchy: CPS 1 for the whole consignment with PAC
 * (number of packages), and per package a CPS under it (CPS n+1) with PAC 1, MEA gross weight, PCI 33E (marked with
 * an SSCC), RFF CN its tracking number, GIN BJ its SSCC-18, and per order line in it LIN (SKU), PIA, QTY 12 (despatched
 * in this package) and 21 (ordered), RFF ON with the PO number and order line. CNT 2 counts the LIN segments. Read
 * back against {@code edi-specs/edifact/d96a/DESADV.xml} before it is returned.
 */
final class DespatchAdvice implements PartnerDocument {

    /** BGM 1001: despatch advice. */
    static final String DESPATCH_ADVICE = "351";
    /** PCI 4233: marked with serial shipping container code. */
    static final String MARKED_WITH_SSCC = "33E";
    /** GIN 7405: serial shipping container code. */
    static final String SSCC = "BJ";
    /** PAC 7065 (UN/ECE rec. 21): package; the canonical shipment does not say carton or pallet. */
    static final String PACKAGE = "PK";
    private static final DateTimeFormatter CCYYMMDDHHMM = DateTimeFormatter.ofPattern("yyyyMMddHHmm", Locale.ROOT);

    private final EdiSpecs specs;

    public DespatchAdvice(EdiSpecs specs) {
        this.specs = specs;
    }

    @Override
    public String name() {
        return "DESADV";
    }

    /** The DESADV for an {@code OrderShipped} event; DTM 11 is the time shipped (UTC), or the event's time. */
    @Override
    public String write(CanonicalOrder order, OrderEvent event, PartnerProfiles.Profile partner, AckNumbers numbers,
                        Clock clock) {
        Shipment shipment = ShipmentContent.require(order, event);
        String about = "order " + order.orderId() + ", shipment " + shipment.shipmentId();
        String poNumber = OutboundValues.purchaseOrder(order);
        Map<Integer, CanonicalOrder.Line> orderLines = OutboundValues.linesByNumber(order);
        LocalDateTime shipped = LocalDateTime.ofInstant(shipment.shippedAt() != null ? shipment.shippedAt()
                : event.occurredAt() != null ? event.occurredAt() : clock.instant(), ZoneOffset.UTC);

        EdifactDocument doc = EdifactDocument.start(partner, numbers, clock, "DESADV");
        doc.segment("BGM", new String[] {DESPATCH_ADVICE}, shipment.shipmentId().strip(), "9");
        doc.composite("DTM", EdifactSegments.date("137", LocalDate.now(clock)));
        doc.composite("DTM", "11", shipped.format(CCYYMMDDHHMM), "203");
        if (shipment.expectedDeliveryDate() != null) {
            doc.composite("DTM", EdifactSegments.date("17", shipment.expectedDeliveryDate()));
        }
        doc.composite("RFF", "ON", poNumber);
        if (order.orderDate() != null) {
            doc.composite("DTM", EdifactSegments.date("171", order.orderDate()));
        }
        if (blankToNull(shipment.trackingNumber()) != null) {
            doc.composite("RFF", "CN", shipment.trackingNumber().strip());
        }
        EdifactSegments.buyer(doc, order, partner);
        EdifactSegments.supplier(doc, partner);
        if (order.shipTo() != null) {
            EdifactSegments.nad(doc, "DP", null, order.shipTo());
        }
        if (blankToNull(shipment.shipFromLocation()) != null) {
            EdifactSegments.nad(doc, "SF", shipment.shipFromLocation(), null);
        }
        String carrier = blankToNull(shipment.carrier());
        String service = blankToNull(shipment.serviceLevel());
        if (carrier != null || service != null) {
            // TDT 20 main carriage; C228 8178 the type of means of transport (service level), C040 3127 the carrier
            doc.segment("TDT", "20", null, null, service == null ? null : new String[] {null, service},
                    carrier == null ? null : new String[] {carrier});
        }

        doc.segment("CPS", "1");
        doc.segment("PAC", String.valueOf(shipment.packages().size()), null, new String[] {PACKAGE});
        int level = 1;
        int lineItems = 0;
        for (Shipment.ShippedPackage pack : shipment.packages()) {
            doc.segment("CPS", String.valueOf(++level), "1");
            doc.segment("PAC", "1", null, new String[] {PACKAGE});
            if (pack.weightKg() != null) {
                // MEA PD (physical dimensions), AAB (unit gross weight) in kilograms
                doc.segment("MEA", "PD", new String[] {"AAB"}, new String[] {"KGM", plain(pack.weightKg())});
            }
            String sscc = blankToNull(pack.packageId());
            String tracking = blankToNull(pack.trackingNumber());
            if (sscc != null || tracking != null) {
                // PCI opens the package identification group; without an SSCC it has no marking code to state
                doc.segment("PCI", sscc == null ? null : MARKED_WITH_SSCC);
                if (tracking != null) {
                    doc.composite("RFF", "CN", tracking);
                }
                if (sscc != null) {
                    doc.segment("GIN", SSCC, new String[] {sscc});
                }
            }
            for (LineQuantity item : pack.items()) {
                CanonicalOrder.Line line = orderLines.get(item.lineNumber());
                String unit = OutboundValues.edifactUnit(firstPresent(item.unitOfMeasure(), line.unitOfMeasure()));
                doc.segment("LIN", String.valueOf(++lineItems), null,
                        new String[] {firstPresent(item.sku(), line.sku()), "SA"});
                EdifactSegments.additionalIds(doc, line);
                doc.composite("QTY", "12", plain(item.quantity()), unit);
                if (line.quantity() != null) {
                    doc.composite("QTY", "21", plain(line.quantity()), unit);
                }
                doc.composite("RFF", "ON", poNumber, String.valueOf(item.lineNumber()));
            }
        }
        doc.composite("CNT", "2", String.valueOf(lineItems));
        return doc.release(specs, about);
    }
}
