package io.ordersync.edi;

import static io.ordersync.edi.OutboundValues.blankToNull;
import static io.ordersync.edi.OutboundValues.plain;

import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.OrderEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The purchase order acknowledgement ordersync sends an X12 trading partner once the ERP has answered an order: an
 * X12 004010 855 (BAK, PO1/ACK per line, CTT) in its own ISA/GS envelope from {@code ourIdentity} to
 * {@code identity}, read back against {@code edi-specs/x12/004010/855.xml} before it is returned.
 */
final class PurchaseOrderAcknowledgement implements PartnerDocument {

    /** BAK02: order accepted, every line as ordered. */
    public static final String ACCEPTED = "AT";
    /** BAK02: accepted with detail (some lines rejected or changed). */
    public static final String ACCEPTED_WITH_DETAIL = "AC";
    /** BAK02: order rejected. */
    public static final String REJECTED = "RJ";
    /** ACK01: item accepted. */
    public static final String ITEM_ACCEPTED = "IA";
    /** ACK01: item rejected. */
    public static final String ITEM_REJECTED = "IR";

    private final EdiSpecs specs;

    /** Validates against {@code edi-specs} of the working directory. */
    public PurchaseOrderAcknowledgement() {
        this(new EdiSpecs(Path.of("edi-specs")));
    }

    public PurchaseOrderAcknowledgement(EdiSpecs specs) {
        this.specs = specs;
    }

    @Override
    public String name() {
        return "855";
    }

    /**
     * The 855 for an order and the ERP's answer to it: an {@code OrderAccepted} (status ACCEPTED or
     * PARTIALLY_ACCEPTED, per-line outcomes) or an {@code OrderRejected} event. BAK04 is the order date, or the
     * clock's day when the order has none.
     */
    @Override
    public String write(CanonicalOrder order, OrderEvent outcome, PartnerProfiles.Profile partner, AckNumbers numbers,
                        Clock clock) {
        OrderAnswer answer = OrderAnswer.of(order, outcome);
        String poNumber = OutboundValues.purchaseOrder(order);
        LocalDate poDate = order.orderDate() != null ? order.orderDate() : LocalDate.now(clock);
        String bak02 = switch (answer.verdict()) {
            case ACCEPTED -> ACCEPTED;
            case ACCEPTED_WITH_CHANGES -> ACCEPTED_WITH_DETAIL;
            case REJECTED -> REJECTED;
        };

        X12Document doc = X12Document.start(partner, numbers, clock, "PR", "855");
        doc.segment("BAK", "00", bak02, poNumber, OutboundValues.date(poDate), null, null, null,
                blankToNull(outcome.erpOrderNumber()));
        for (OrderAnswer.Line a : answer.lines()) {
            CanonicalOrder.Line line = a.line();
            String unit = OutboundValues.x12Unit(line.unitOfMeasure());
            List<String> po1 = new ArrayList<>(List.of(String.valueOf(a.number())));
            po1.add(plain(line.quantity()));
            po1.add(unit);
            po1.add(plain(line.unitPrice()));
            po1.add(null); // PO105 basis of unit price
            X12Segments.addId(po1, "VP", line.sku());
            X12Segments.addId(po1, "BP", line.customerPartNumber());
            X12Segments.addId(po1, "EN", line.gtin());
            doc.segment("PO1", po1.toArray());
            doc.segment("ACK", a.rejected() ? ITEM_REJECTED : ITEM_ACCEPTED, plain(line.quantity()), unit);
        }
        doc.segment("CTT", String.valueOf(answer.lines().size()));
        return doc.release(specs, "order " + order.orderId());
    }
}
